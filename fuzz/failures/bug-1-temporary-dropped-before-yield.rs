//! Bug 1 (found by coro-difftest, divergence `full order`): a temporary in an expression that
//! also yields is dropped before the suspension instead of at the end of its statement.
//! Since 6de7502 the README documents this for temporaries *inside a `yield_!` argument*; the
//! same happens, undocumented, for temporaries in an operand evaluated before the `yield_!`
//! (`h(Noisy(1).0, yield_!(2))`) and in a `yield_from!` argument (`yield_from!(sub(Noisy(3).0))`):
//! the two last tests below.
//!
//! Plain Rust: the temporary `Noisy(10)` lives until the end of the `let` (the `yield_!` is
//! evaluated first), so the order is `yield 10`, then `drop 10`. The coroutine drops it first.
//! Same with `if ({ yield_!(noisy(-3).0) } >= 12) {}`, `f(noisy(1).0, yield_!(2))` and
//! `yield_from!(sub(noisy(9).0))` (the temporary is gone before the delegate yields).
//!   expected: ["yield 10", "drop 10", "complete 10"]
//!   actual:   ["drop 10", "yield 10", "complete 10"]
use std::cell::RefCell;

use coro::{yield_, yield_from, Generator, GeneratorState};

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

#[coro::coroutine]
fn temp_in_yield_operand() -> impl Generator<i64, Yield = i64, Return = i64> {
    let x = yield_!(Noisy(10).0);
    x
}

#[test]
fn temporary_lives_to_the_end_of_its_statement() {
    let mut g = temp_in_yield_operand();
    for arg in [0, 10] {
        match g.resume(arg) {
            GeneratorState::Yielded(v) => log(format!("yield {v}")),
            GeneratorState::Complete(r) => log(format!("complete {r}")),
        }
    }
    let got = LOG.with(|l| l.borrow().clone());
    assert_eq!(got, ["yield 10", "drop 10", "complete 10"]);
}

fn h(a: i64, b: i64) -> i64 {
    a + b
}

#[coro::coroutine]
fn temp_in_earlier_operand() -> impl Generator<i64, Yield = i64, Return = i64> {
    let x = h(Noisy(1).0, yield_!(2));
    x
}

#[coro::coroutine]
fn sub(a: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    yield_!(a);
    a
}

#[coro::coroutine]
fn temp_in_delegate_argument() -> impl Generator<i64, Yield = i64, Return = i64> {
    let x = yield_from!(sub(Noisy(3).0));
    x
}

fn drive<G: Generator<i64, Yield = i64, Return = i64>>(mut g: G) -> Vec<String> {
    LOG.with(|l| l.borrow_mut().clear());
    loop {
        match g.resume(0) {
            GeneratorState::Yielded(v) => log(format!("yield {v}")),
            GeneratorState::Complete(r) => {
                log(format!("complete {r}"));
                break;
            }
        }
    }
    LOG.with(|l| l.borrow().clone())
}

#[test]
fn temporary_in_an_earlier_operand_lives_to_the_end_of_its_statement() {
    // expected: ["yield 2", "drop 1", "complete 1"]; actual: ["drop 1", "yield 2", "complete 1"]
    assert_eq!(drive(temp_in_earlier_operand()), ["yield 2", "drop 1", "complete 1"]);
}

#[test]
fn temporary_in_a_delegate_argument_lives_to_the_end_of_its_statement() {
    // expected: ["yield 3", "drop 3", "complete 3"]; actual: ["drop 3", "yield 3", "complete 3"]
    assert_eq!(drive(temp_in_delegate_argument()), ["yield 3", "drop 3", "complete 3"]);
}
