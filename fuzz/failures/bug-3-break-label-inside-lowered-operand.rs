//! Bug 3 — FIXED (passes at 51f3d34; see f6867a2 ("breaks inside yield_! arguments and break values"); kept as a regression test.
//! (found by coro-difftest, rejected): `break 'label` inside a block that is an operand of
//! an expression that yields. Both compile as plain fns.
//! (a) E0426 "use of undeclared label `'b`": the block is the argument of `yield_!`.
//! (b) E0381 "used binding isn't initialized" + E0384 "cannot assign twice to immutable
//!     variable": the block is an operand after a `yield_!` operand.
//! (c) E0426 for a loop label: `break 'l if c { yield_!(1) } else { .. break 'l 1; .. }`.
//!   expected: compiles; l1 yields 1... see the tests
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn label_in_yield_arg() -> impl Generator<i64, Yield = i64, Return = i64> {
    let x = 'b: {
        yield_!({
            if true {
                break 'b 1;
            }
            1
        });
        2
    };
    x
}

fn h(a: i64, _b: i64) -> i64 {
    a
}

#[coro::coroutine]
fn label_in_later_operand() -> impl Generator<i64, Yield = i64, Return = i64> {
    let x = 'b: {
        h(yield_!(1), {
            if true {
                break 'b 1;
            }
            1
        });
        2
    };
    x
}

#[coro::coroutine]
fn loop_label_in_break_value(c: bool) -> impl Generator<i64, Yield = i64, Return = i64> {
    'l: loop {
        break 'l if c {
            yield_!(1)
        } else {
            loop {
                break 'l 7;
            }
        };
    }
}

#[test]
fn label_in_yield_arg_leaves_the_block() {
    let mut g = label_in_yield_arg();
    assert_eq!(g.resume(0), GeneratorState::Complete(1));
}

#[test]
fn label_in_later_operand_leaves_the_block() {
    let mut g = label_in_later_operand();
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(0), GeneratorState::Complete(1));
}

#[test]
fn loop_label_in_break_value_leaves_the_loop() {
    let mut g = loop_label_in_break_value(false);
    assert_eq!(g.resume(0), GeneratorState::Complete(7));
}
