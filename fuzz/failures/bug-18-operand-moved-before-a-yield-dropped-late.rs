//! Bug 18 (open at 3dec94d) — found by the campaign (seed 9191, no-temps), divergence (drop
//! order, dropped after 1 resume), shrunk from seed 9855839998562205142 and then by hand. A local
//! passed by value before a yielding operand (`P { n: a0, a: yield_!(3) }`, `f(a0, yield_!(3))`)
//! stayed in its binding across the suspension, so dropping the suspended coroutine dropped it
//! with the locals, after the younger `a1`. Plain Rust has already moved it into the expression:
//! unwinding drops it first.
//!   expected (dropped at the yield): drop 5, drop 1
//!   actual:                          drop 1, drop 5
use std::cell::RefCell;

use coro::{yield_, Generator, GeneratorState};

thread_local!(static LOG: RefCell<Vec<i64>> = const { RefCell::new(Vec::new()) });

struct Noisy(i64);

impl Drop for Noisy {
    fn drop(&mut self) {
        LOG.with(|l| l.borrow_mut().push(self.0));
    }
}

struct P {
    #[allow(dead_code)]
    n: Noisy,
    #[allow(dead_code)]
    a: i64,
}

#[coro::coroutine]
fn moved_into_literal(a0: Noisy, a1: Noisy) -> impl Generator<i64, Yield = i64, Return = i64> {
    let _x = P { n: a0, a: yield_!(3) };
    let _keep = &a1;
    1
}

#[test]
fn dropped_like_the_plain_fn() {
    let mut g = moved_into_literal(Noisy(5), Noisy(1));
    assert_eq!(g.resume(0), GeneratorState::Yielded(3));
    drop(g);
    assert_eq!(LOG.with(|l| l.borrow().clone()), vec![5, 1]);
}
