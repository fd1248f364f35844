//! Bug 5 — FIXED (passes at 51f3d34; see f6867a2 ("into_iter-only call borrows"); kept as a regression test.
//! (found by coro-difftest, rejected): `let n: i64 = f(&v);` is taken for a borrow of `v`
//! held by `n` (analyze/walk.rs `borrows_in`: any one-argument call whose argument is `&local`),
//! even though `n` is an `i64`. The binding is kept across the next `yield_!` (it "owns its
//! value") and the coroutine is rejected. When `v` shadows another binding the message names
//! the internal `__coro_h1_v`.
//!   expected: compiles; yields 1, completes with 1
//!   actual:   error: `n` borrows `v` and is still in use after the `yield_!` on line ..
use coro::{yield_, Generator, GeneratorState};

fn peek(v: &Vec<i64>) -> i64 {
    v.len() as i64
}

#[coro::coroutine]
fn value_computed_from_a_reference() -> impl Generator<i64, Yield = i64, Return = i64> {
    let v = vec![7];
    let n: i64 = peek(&v);
    yield_!(1);
    n
}

#[test]
fn runs() {
    let mut g = value_computed_from_a_reference();
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(0), GeneratorState::Complete(1));
}
