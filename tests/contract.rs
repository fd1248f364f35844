//! The contract's four examples and its semantics, one test each.
use coro::{yield_, yield_from, Generator, GeneratorState};

#[coro::coroutine]
fn fib(max: usize) -> impl Generator<Yield = u64, Return = ()> {
    let (mut n, mut a, mut b) = (0, 0u64, 1u64);
    while n < max {
        yield_!(b);
        (a, b) = (b, a + b);
        n += 1;
    }
}

#[coro::coroutine]
fn fib_iter(max: usize) -> impl Iterator<Item = u64> {
    let (mut n, mut a, mut b) = (0, 0u64, 1u64);
    while n < max {
        yield_!(b);
        (a, b) = (b, a + b);
        n += 1;
    }
}

#[coro::coroutine]
fn consumer() -> impl Generator<i32, Yield = bool, Return = ()> {
    let mut status = true;
    loop {
        let n = yield_!(status);
        if n == 3 {
            status = false;
        }
    }
}

#[coro::coroutine]
fn inner() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(1);
    yield_!(2);
    40
}

#[coro::coroutine]
fn outer() -> impl Generator<Yield = u32, Return = u32> {
    let r = yield_from!(inner());
    r + 1
}

#[test]
fn generator_fib() {
    let mut g = fib(10);
    let mut out = Vec::new();
    while let GeneratorState::Yielded(v) = g.resume(()) {
        out.push(v);
    }
    assert_eq!(out, [1, 1, 2, 3, 5, 8, 13, 21, 34, 55]);
}

#[test]
fn iterator_fib_is_fused() {
    let mut it = fib_iter(5);
    assert_eq!(it.by_ref().collect::<Vec<_>>(), [1, 1, 2, 3, 5]);
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}

#[test]
fn consumer_receives_sent_values() {
    let mut c = consumer();
    assert_eq!(c.resume(99), GeneratorState::Yielded(true));
    assert_eq!(c.resume(5), GeneratorState::Yielded(true));
    assert_eq!(c.resume(3), GeneratorState::Yielded(false));
    assert_eq!(c.resume(1), GeneratorState::Yielded(false));
}

#[test]
fn delegation_forwards_and_returns() {
    let mut g = outer();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    assert_eq!(g.resume(()), GeneratorState::Complete(41));
}

#[test]
fn calling_runs_nothing() {
    use std::cell::Cell;
    thread_local!(static RAN: Cell<bool> = const { Cell::new(false) });
    #[coro::coroutine]
    fn marks() -> impl Generator<Yield = (), Return = ()> {
        RAN.with(|r| r.set(true));
        yield_!(());
    }
    let mut g = marks();
    assert!(!RAN.with(|r| r.get()));
    g.resume(());
    assert!(RAN.with(|r| r.get()));
}

#[test]
#[should_panic(expected = "after completion")]
fn resume_after_completion_panics() {
    let mut g = inner();
    while g.resume(()).is_yielded() {}
    g.resume(());
}
