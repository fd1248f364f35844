//! No allocation per step or per message: once tasks are spawned and the queues have reached
//! their peak size, running twice as many steps allocates nothing more. Counted with dhat's
//! global allocator (no `unsafe` needed).
//!
//! `cargo test --release` in benches/sched-bench.
use coro::sched::{channel, yield_now, Receiver, Reply, Request, Scheduler, Sender};
use coro::{yield_from, Generator};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[coro::coroutine]
fn yielder(n: u64) -> impl Generator<Reply, Yield = Request, Return = u64> {
    let mut i = 0;
    while i < n {
        yield_from!(yield_now());
        i += 1;
    }
    i
}

#[coro::coroutine]
fn source(tx: Sender<u64>, n: u64) -> impl Generator<Reply, Yield = Request, Return = ()> {
    let mut i = 0;
    while i < n {
        yield_from!(tx.send(i)).unwrap();
        i += 1;
    }
}

#[coro::coroutine]
fn stage(rx: Receiver<u64>, tx: Sender<u64>) -> impl Generator<Reply, Yield = Request, Return = ()> {
    while let Some(v) = yield_from!(rx.recv()) {
        yield_from!(tx.send(v + 1)).unwrap();
    }
}

#[coro::coroutine]
fn sink(rx: Receiver<u64>) -> impl Generator<Reply, Yield = Request, Return = u64> {
    let mut sum = 0;
    while let Some(v) = yield_from!(rx.recv()) {
        sum += v;
    }
    sum
}

fn blocks() -> u64 {
    dhat::HeapStats::get().total_blocks
}

/// Allocations made by `f(n)` beyond those of `f(n / 2)`, i.e. by `n / 2` extra steps.
fn extra_allocations(n: u64, f: impl Fn(u64)) -> u64 {
    let a = blocks();
    f(n / 2);
    let half = blocks() - a;
    let b = blocks();
    f(n);
    let full = blocks() - b;
    assert!(half > 0, "the counter sees the setup's allocations (scheduler, tasks, channels)");
    full.saturating_sub(half)
}

#[test]
fn no_allocation_per_step_or_message() {
    let _profiler = dhat::Profiler::builder().testing().build();

    let switches = extra_allocations(200_000, |n| {
        let mut s = Scheduler::new();
        s.spawn(yielder(n));
        s.spawn(yielder(n));
        assert_eq!(s.run_until_idle(), 0);
    });
    assert_eq!(switches, 0, "task switches allocated");

    for cap in [1, 64] {
        let messages = extra_allocations(200_000, |n| {
            let mut s = Scheduler::new();
            let (tx, rx) = channel(cap);
            s.spawn(source(tx, n));
            assert_eq!(s.run_until_complete(sink(rx)), n * (n - 1) / 2);
        });
        assert_eq!(messages, 0, "messages through bounded({cap}) allocated");
    }

    let pipeline = extra_allocations(200_000, |n| {
        let mut s = Scheduler::new();
        let (tx1, rx1) = channel(16);
        let (tx2, rx2) = channel(1);
        let (tx3, rx3) = channel(64);
        s.spawn(source(tx1, n));
        s.spawn(stage(rx1, tx2));
        s.spawn(stage(rx2, tx3));
        assert_eq!(s.run_until_complete(sink(rx3)), n * (n - 1) / 2 + 2 * n);
    });
    assert_eq!(pipeline, 0, "a three-stage pipeline allocated per message");
}
