//! Bug 13 (open at 0f169ff) — found by the campaign (seed 11, at 51f3d34), rejected: E0308,
//! shrunk from seed 16386755637417724998 and then by hand. An unlabeled `break v` inside the
//! iterator expression of a yield-carrying `for` loop belongs to the *enclosing* loop (the
//! iterator expression is evaluated before the `for` loop starts); in the coroutine it is
//! captured by a macro-generated loop.
//!   expected: compiles; yields 1, then completes with 7 (the value sent)
//!   actual:   error[E0308]: mismatched types — expected `GeneratorState<i64, i64>`, found `i64`
//!             (at `break v`)
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn break_in_iterator_expression() -> impl Generator<i64, Yield = i64, Return = i64> {
    let x = loop {
        let v = yield_!(1);
        for _ in [{
            if v > 0 {
                break v;
            }
            3
        }] {
            yield_!(2);
        }
        break 5;
    };
    x
}

#[test]
fn break_leaves_the_enclosing_loop() {
    let mut g = break_in_iterator_expression();
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(7), GeneratorState::Complete(7));
}
