//! Bug 16 (open at 676e43c) — found by the campaign (seed 4242, no-temps), rejected: E0381,
//! shrunk from seed 411688624116490066 and then by hand. `break 'l v` where `v` is a loop that
//! `continue`s the outer yield-carrying loop: the lowering turns the break into
//! `tmp = loop { continue 'l; }`, and the analysis took that assignment for one CFG node without
//! the `continue` edge, so `x` (moved into the `yield_!`, used again on the next iteration)
//! looked dead after the yield and was not kept. The plain fn compiles.
//!   expected: compiles; yields 1, 1, completes with -1
//!   actual:   error[E0381]: used binding `x` isn't initialized
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn continue_from_break_value() -> impl Generator<i64, Yield = i64, Return = i64> {
    let x = 1;
    let mut c: i64 = 0;
    let n = 'l: loop {
        if c >= 2 {
            break 'l -1;
        }
        c += 1;
        yield_!(x);
        #[allow(unreachable_code)]
        break 'l loop {
            continue 'l;
        };
    };
    n
}

#[test]
fn continues_the_outer_loop() {
    let mut g = continue_from_break_value();
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(0), GeneratorState::Complete(-1));
}
