//! Bug 19 (open at f4cd07f, a regression of 86938ff's fix for bug 12) — found by the campaign
//! (seed 31337, no-temps), rejected: E0381, shrunk from seed 14578734949458771810 and then by
//! hand. A `yield_!` that no path reaches (after `'b: { continue 'l; }`) kept only its live
//! locals, but its arm goes on to the loop head, whose state keeps the locals that still own
//! their value (`_w`): built from bindings the arm never initialised.
//!   expected: compiles; completes with 1
//!   actual:   error[E0381]: used binding `_w` isn't initialized
use coro::{yield_, Generator, GeneratorState};

#[allow(unreachable_code, unused_labels)]
#[coro::coroutine]
fn unreachable_yield_in_loop() -> impl Generator<i64, Yield = i64, Return = i64> {
    let _w: Vec<i64> = vec![1];
    let mut c: i64 = 0;
    'l: loop {
        if c >= 1 {
            break 'l;
        }
        c += 1;
        'b: {
            continue 'l;
        }
        yield_!(6);
    }
    c
}

#[test]
fn runs() {
    assert_eq!(unreachable_yield_in_loop().resume(0), GeneratorState::Complete(1));
}
