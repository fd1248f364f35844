//! Bug 8 — FIXED in the working tree at 0f169ff (passes); was a REGRESSION introduced by 51f3d34 ("place receivers stay in place even when a later
//! argument mentions them"), the fix of bug 6. Found by the campaign (seed 11, 10 000 programs
//! at 51f3d34), divergence `full events`, shrunk from seed 17777532267813710182.
//! A by-value (Copy) receiver is now read *after* the later operands ran, so a later operand
//! that assigns the receiver changes the result. Silent wrong value.
//! Rust evaluates the receiver first: `x.wrapping_add({ x = 0; yield_!(1) })` with x = 5 and
//! resume value 10 is 5 + 10 = 15.
//!   expected: Complete(15) (and Complete(6) for `wrapping_add(if true { x = 0; 1 } else { yield_!(1) })`)
//!   actual:   Complete(10) (and Complete(1))
//! Fix idea: keep a place receiver in place only when the method takes `&self`/`&mut self`
//! (autoref); a receiver that is read by value must be copied to a temporary first — the macro
//! cannot tell, so copy unless the method is known to borrow (BORROWING_METHODS), or keep the
//! receiver in place only when no later operand *assigns* it.
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn later_operand_assigns_receiver(mut x: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    let y = x.wrapping_add({
        x = 0;
        yield_!(1)
    });
    y
}

#[coro::coroutine]
fn later_branch_assigns_receiver(mut x: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    let y = x.wrapping_add(if true {
        x = 0;
        1
    } else {
        yield_!(1)
    });
    y
}

#[test]
fn receiver_is_read_first() {
    let mut g = later_operand_assigns_receiver(5);
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(10), GeneratorState::Complete(15));
}

#[test]
fn receiver_is_read_first_without_suspending() {
    let mut g = later_branch_assigns_receiver(5);
    assert_eq!(g.resume(0), GeneratorState::Complete(6));
}
