//! Bug 2 — FIXED (passes at 51f3d34; see f6867a2 ("lazy head jumps in loop frames"); kept as a regression test.
//! (found by coro-difftest, rejected: E0282 "type annotations needed" at a parameter):
//! `return <yield-carrying loop>` as the body of another loop. The oracle (plain fn) compiles.
//!   expected: compiles; yields 11, completes with 2
//!   actual:   error[E0282]: type annotations needed --> `p0` ("consider giving `p0` an explicit type")
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn return_loop_in_loop(p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    loop {
        return loop {
            yield_!(11);
            let _x = p0;
            break 2;
        };
    }
}

#[test]
fn runs() {
    let mut g = return_loop_in_loop(5);
    assert_eq!(g.resume(0), GeneratorState::Yielded(11));
    assert_eq!(g.resume(0), GeneratorState::Complete(2));
}
