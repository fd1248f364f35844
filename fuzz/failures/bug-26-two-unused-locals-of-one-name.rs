//! Bug 26 (in 501e0a2, never landed) — found by a campaign (seed 112358, 2 000 programs) run on
//! this session's pass that shows unused locals to rustc, divergence (drop order), shrunk from
//! seed 7815817890055216012 (diverge-full-order-7815817890055216012.rs) and then by hand. Two
//! `let`s of one name, neither used again, were both renamed to `__coro_unused_x`, so the
//! second shadowed the first for the machine too: the first was not kept across the next
//! `yield_!` and was dropped there instead of at the end of its scope.
//!   expected: yield 1 | yield 2 | end | drop first
//!   actual:   yield 1 | drop first | yield 2 | end
use std::cell::RefCell;

use coro::{yield_, Generator, GeneratorState};

thread_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });

fn log(s: &str) {
    LOG.with(|l| l.borrow_mut().push(s.to_string()));
}

struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        log(&format!("drop {}", self.0));
    }
}

#[coro::coroutine]
#[allow(unused_variables)]
fn two_unused_of_one_name() -> impl Generator<i64, Yield = i64, Return = ()> {
    let x = Noisy("first");
    let x = yield_!(1);
    yield_!(2);
    log("end");
}

#[test]
fn the_first_lives_to_the_end_of_its_scope() {
    let mut g = two_unused_of_one_name();
    while let GeneratorState::Yielded(y) = g.resume(0) {
        log(&format!("yield {y}"));
    }
    let got = LOG.with(|l| l.take());
    assert_eq!(got, ["yield 1", "yield 2", "end", "drop first"]);
}
