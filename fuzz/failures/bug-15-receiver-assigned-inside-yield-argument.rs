//! Bug 15 (open at 676e43c) — found by the campaign (seed 4242, no-temps), **silent wrong
//! value**, shrunk from seed 16598380773436219742. Bug 8 again, with the assignment inside the
//! `yield_!` argument: the by-value receiver `p0` must be read before the argument assigns it,
//! but the lowering did not look inside macro arguments, so it read `p0` after `p0 |= 2`. Same
//! root cause as main's abdf667 (found there through a `yield_from!` argument), cherry-picked.
//!   expected: yields 1, completes with 5 + 1 = 6
//!   actual:   completes with 7 + 1 = 8
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
#[allow(unused_assignments)]
fn receiver_assigned_in_argument(mut p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    p0 = p0.wrapping_add(yield_!({
        p0 |= 2;
        1
    }));
    p0
}

#[test]
fn reads_the_receiver_first() {
    let mut g = receiver_assigned_in_argument(5);
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(1), GeneratorState::Complete(6));
}
