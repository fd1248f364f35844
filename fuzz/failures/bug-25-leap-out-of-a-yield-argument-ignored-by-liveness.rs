//! Bug 25 (open at ec8e5d5) — found by `fuzz/quick.sh 500 8383`, rejected: E0381, shrunk from
//! seed 5968411204493141675 (rejected-error-e-used-binding-isn-t-initialized-5968411204493141675.rs)
//! and then by hand. A `continue` inside a `yield_!` argument leaves before the suspension and
//! goes back to the loop head, which reads `p0`; the analysis took the yield for one node
//! without its leaps, so at the first yield `p0` looked dead when the only way on was
//! `return`, and it was not kept.
//!   expected: compiles; yields 5, 6, completes with 0
//!   actual:   error[E0381]: used binding `p0` isn't initialized
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn continue_in_a_yield_argument(p0: i64) -> impl Generator<Yield = i64, Return = i64> {
    let mut c = 0;
    'l: loop {
        if c >= 2 {
            break 'l;
        }
        c += 1;
        if c > 0 {
            yield_!(p0 + c);
            yield_!({
                continue 'l;
            });
        }
        return 1;
    }
    0
}

#[test]
fn the_continue_reaches_the_loop_head() {
    let mut g = continue_in_a_yield_argument(4);
    assert_eq!(g.resume(()), GeneratorState::Yielded(5));
    assert_eq!(g.resume(()), GeneratorState::Yielded(6));
    assert_eq!(g.resume(()), GeneratorState::Complete(0));
}
