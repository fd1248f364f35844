//! Bug 9 (open at 51f3d34) — found by the campaign (seed 11), rejected: E0689, shrunk from seed
//! 18203239836679162402. Assigning a yield-carrying labeled block that contains a `let … else`
//! (whose else returns the assigned variable) to a parameter, then calling a method on it: the
//! parameter's type is no longer known inside the machine. The plain fn compiles.
//!   expected: compiles; yields 1, completes with 10
//!   actual:   error[E0689]: can't call method `wrapping_sub` on ambiguous numeric type `{integer}`
//! (Without the `let … else`, or with `if .. { break 'b 2 }` instead, it compiles.)
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn assign_block(mut p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    p0 = 'b: {
        let Some(_x) = Some(yield_!(1) ^ p0) else {
            return p0;
        };
        11
    };
    p0.wrapping_sub(1)
}

#[test]
fn runs() {
    let mut g = assign_block(5);
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(0), GeneratorState::Complete(10));
}
