//! Finding 11 — FIXED (passes at 0f169ff; see 6266421 "yield_! inside the index of an assigned place"); was open at 51f3d34 — found by the campaign (seed 11),
//! rejected, shrunk from seed 16947768638693524992. A `yield_!` inside the *place* of an
//! assignment, `a[idx(yield_!(4))] = 1;`, is rejected ("`yield_!` is not supported inside this
//! kind of expression; evaluate it into a local first"). The README's list of unsupported
//! positions does not mention it. Rust evaluates the assigned value first, then the place
//! (for `+=` on primitives: the value, then the place), so lowering must keep that order.
//!   expected: compiles (or a documented limitation); yields 4, completes with [1, 1, 3]
//!   actual:   error: `yield_!` is not supported inside this kind of expression
use coro::{yield_, Generator, GeneratorState};

fn idx(x: i64) -> usize {
    x.rem_euclid(3) as usize
}

#[coro::coroutine]
fn yield_in_index() -> impl Generator<i64, Yield = i64, Return = [i64; 3]> {
    let mut a = [1, 2, 3];
    a[idx(yield_!(4))] = 1;
    a
}

#[test]
fn runs() {
    let mut g = yield_in_index();
    assert_eq!(g.resume(0), GeneratorState::Yielded(4));
    assert_eq!(g.resume(1), GeneratorState::Complete([1, 1, 3]));
}
