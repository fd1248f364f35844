//! Bug 6 — FIXED (passes at 51f3d34; see 51f3d34 ("place receivers stay in place"); kept as a regression test.
//! (found by coro-difftest, rejected: E0382 "use of moved value", shrunk from seed
//! 265693531036738813): a method call whose receiver is a local place and whose later argument
//! yields and mentions the receiver again: `v.push(h(yield_!(0), v.len()))`. The explosion of
//! the call moves the receiver into `__coro_operand` (lower.rs `is_exempt` checks "not
//! mentioned later" before "a receiver place stays in place"), so `v` is moved. Plain Rust
//! accepts it (two-phase borrow); the coroutine is rejected. (Had it compiled, the push would
//! go to the moved copy.)
//!   expected: compiles; yields 0, completes with [1, 1]
//!   actual:   error[E0382]: use of moved value: `v`
use coro::{yield_, Generator, GeneratorState};

fn h(a: i64, b: usize) -> i64 {
    a + b as i64
}

#[coro::coroutine]
fn push_own_len() -> impl Generator<i64, Yield = i64, Return = Vec<i64>> {
    let mut v = vec![1];
    v.push(h(yield_!(0), v.len()));
    v
}

#[test]
fn receiver_stays_in_place() {
    let mut g = push_own_len();
    assert_eq!(g.resume(0), GeneratorState::Yielded(0));
    assert_eq!(g.resume(0), GeneratorState::Complete(vec![1, 1]));
}
