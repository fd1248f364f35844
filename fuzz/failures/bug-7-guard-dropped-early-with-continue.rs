//! Bug 7 — FIXED (passes at 51f3d34; see f5bb60e ("unreachable nodes constrain nothing"); kept as a regression test.
//! (found by coro-difftest, divergence `full order`, shrunk from seed
//! 3004962237830905751): an RAII guard (a local never mentioned after its `let`) is dropped at
//! the first `yield_!` of a `while` / `while let` loop whose body ends with `continue;`.
//! CONTRACT: "A binding that is never mentioned after its let (an RAII guard) lives until the end
//! of its scope, across yields, exactly as in plain Rust."
//!   expected: ["yield 5", "drop 1", "complete"]
//!   actual:   ["drop 1", "yield 5", "complete"]
//! (Without the `continue;`, or with `loop { yield_!(5); break; }`, the guard lives on.)
use std::cell::RefCell;

use coro::{yield_, Generator, GeneratorState};

thread_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });
fn log(s: String) {
    LOG.with(|l| l.borrow_mut().push(s));
}
struct Noisy(i64);
impl Drop for Noisy {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}
fn drive<G: Generator<i64, Yield = i64, Return = ()>>(mut g: G) -> Vec<String> {
    LOG.with(|l| l.borrow_mut().clear());
    loop {
        match g.resume(0) {
            GeneratorState::Yielded(v) => log(format!("yield {v}")),
            GeneratorState::Complete(_) => {
                log("complete".into());
                break;
            }
        }
    }
    LOG.with(|l| l.borrow().clone())
}

#[coro::coroutine]
fn while_continue() -> impl Generator<i64, Yield = i64, Return = ()> {
    let _guard = Noisy(1);
    let mut n = 0;
    while n < 1 {
        n += 1;
        yield_!(5);
        continue;
    }
}

#[coro::coroutine]
fn while_let_continue() -> impl Generator<i64, Yield = i64, Return = ()> {
    let _guard = Noisy(1);
    let mut w = vec![5];
    while let Some(x) = w.pop() {
        yield_!(x);
        continue;
    }
}

#[test]
fn guard_lives_across_the_loop_while() {
    assert_eq!(drive(while_continue()), ["yield 5", "drop 1", "complete"]);
}

#[test]
fn guard_lives_across_the_loop_while_let() {
    assert_eq!(drive(while_let_continue()), ["yield 5", "drop 1", "complete"]);
}
