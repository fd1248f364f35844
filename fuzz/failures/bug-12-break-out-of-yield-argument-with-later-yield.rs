//! Bug 12 (open at 0f169ff) — found by the campaign (seed 11, at 51f3d34), rejected: E0384,
//! shrunk from seed 3075848998139162421 and then by hand. A `break 'b v` that leaves a labeled
//! block from inside a `yield_!` argument, where the argument goes on to yield again (code that
//! is unreachable after the break here). The plain fn compiles (with warnings).
//!   expected: compiles; completes with 10 on the first resume
//!   actual:   error[E0384]: cannot assign twice to immutable variable `value` (at the attribute)
//! (Without the inner `yield_!(1)` it compiles; bug 3's fix covers the single-yield case.)
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn break_out_of_yield_argument() -> impl Generator<i64, Yield = i64, Return = i64> {
    let x = 'b: {
        let _y = yield_!({
            'c: {
                break 'b 10;
            }
            #[allow(unreachable_code)]
            yield_!(1);
            9
        });
        3
    };
    x
}

#[test]
fn leaves_the_block_with_its_value() {
    let mut g = break_out_of_yield_argument();
    assert_eq!(g.resume(0), GeneratorState::Complete(10));
}
