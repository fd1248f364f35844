//! Bug 4 — FIXED in d05c1c7 ("rename: blocks of loops and other expressions open a scope too");
//! kept as a regression test. Found by coro-difftest, rejected: a binding in a `loop` body (statement or value
//! position) that shadows an outer name used after the loop, with a `yield_!` in the loop.
//! README: "Shadowing behaves as in plain Rust". The renamer opens no scope for `loop` bodies
//! (rename.rs handles Block, If, While, ForLoop, Match, Closure but not Expr::Loop).
//!   expected: compiles; yields 100, completes with 7
//!   actual:   error: `p0` is needed after this scope ends, but a `yield_!` inside the scope
//!             suspends while another `p0` hides it; rename one of them
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn shadow_in_loop(p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    loop {
        let p0 = 100;
        yield_!(p0);
        break;
    }
    p0
}

#[test]
fn outer_binding_visible_after_the_loop() {
    let mut g = shadow_in_loop(7);
    assert_eq!(g.resume(0), GeneratorState::Yielded(100));
    assert_eq!(g.resume(0), GeneratorState::Complete(7));
}
