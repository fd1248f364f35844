//! Bug 20 (open at 073ed0a) — found by `fuzz/quick.sh 300 7`, rejected: E0382, shrunk from seed
//! 13218045445515366642 and then by hand. A closure called with an argument that reads the
//! closure and yields: the callee went to a temporary (it is mentioned by a later operand), which
//! moved the closure, and the argument's `(&f)(1)` then used a moved value. Calling a closure
//! borrows it; the callee now stays in place like a method receiver.
//!   expected: compiles; yields 3, completes with 12
//!   actual:   error[E0382]: borrow of moved value: `f`
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn callee_read_by_argument(v: Vec<i64>, p1: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    let f = move |q: i64| -> i64 { q + v.len() as i64 };
    f({
        let x = (&f)(1);
        yield_!(x);
        p1
    })
}

#[test]
fn calls_in_place() {
    let mut g = callee_read_by_argument(vec![1, 2], 10);
    assert_eq!(g.resume(0), GeneratorState::Yielded(3));
    assert_eq!(g.resume(0), GeneratorState::Complete(12));
}
