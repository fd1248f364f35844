//! Bug 17 (open at 676e43c) — found by the campaign (seed 4242, no-temps), rejected: E0282,
//! shrunk from seed 4867374496797486210. Bug 10 again, when the array's initialiser yields: the
//! `let` is unreachable (after `{ return p0; }`), but a `yield_!` node before it made it look
//! reachable to the local check, so it got a frame slot whose type nothing fixes.
//!   expected: compiles; completes with 5
//!   actual:   error[E0282]: type annotations needed (at the attribute)
use coro::{yield_, Generator, GeneratorState};

#[allow(unreachable_code)]
#[coro::coroutine]
fn array_after_return(p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    {
        return p0;
    }
    let arr: [i64; 3] = [1, 1, yield_!(3)];
    arr[2]
}

#[test]
fn returns_at_once() {
    assert_eq!(array_after_return(5).resume(0), GeneratorState::Complete(5));
}
