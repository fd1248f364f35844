//! Cost of one task switch and one channel hand-off on coro's scheduler, side by side with a
//! hand-written round-robin of boxed closures (the floor: one indirect call per switch) and
//! with tokio's current-thread runtime (`spawn` and `LocalSet`) doing the same work.
//!
//! Run: `cargo run --release` in this directory (`-- --quick` for a short run). Every
//! workload checks its result (a sum of all messages), so nothing is optimised away.
//!
//! Workloads:
//! * switch: two tasks alternate `yield_now` N times each; time / (2N) = one switch.
//! * bounded(1): a producer sends N integers to a consumer through a channel of capacity 1
//!   (every message is a switch each way); time / N.
//! * bounded(64): the same through capacity 64 (switches amortised); time / N.
//!
//! Compare like with like: tokio's channel is thread-safe (atomics) and its `yield_now` also
//! runs per-tick runtime work (I/O and timer driver checks, coop budget); coro's scheduler is
//! single-threaded with `Rc`/`RefCell`; the closure round-robin has no scheduler at all.
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};

use coro::sched::{
    channel, yield_now, Receiver, Receiving, Reply, Request, Scheduler, Sender, Sending, YieldNow,
};
use coro::{yield_from, Generator, GeneratorState};

// ------------------------------------------------------------------ coro, hand-written tasks

/// Yields `left` times, then returns.
struct Yielder {
    left: u64,
    inner: Option<YieldNow>,
}

impl Generator<Reply> for Yielder {
    type Yield = Request;
    type Return = ();
    #[inline]
    fn resume(&mut self, mut reply: Reply) -> GeneratorState<Request, ()> {
        loop {
            if let Some(y) = self.inner.as_mut() {
                match y.resume(reply) {
                    GeneratorState::Yielded(r) => return GeneratorState::Yielded(r),
                    GeneratorState::Complete(()) => self.inner = None,
                }
            }
            if self.left == 0 {
                return GeneratorState::Complete(());
            }
            self.left -= 1;
            self.inner = Some(yield_now());
            reply = Reply::default();
        }
    }
}

/// Sends 0..n.
struct Producer {
    tx: Sender<u64>,
    i: u64,
    n: u64,
    inner: Option<Sending<u64>>,
}

impl Generator<Reply> for Producer {
    type Yield = Request;
    type Return = ();
    #[inline]
    fn resume(&mut self, mut reply: Reply) -> GeneratorState<Request, ()> {
        loop {
            if let Some(s) = self.inner.as_mut() {
                match s.resume(reply) {
                    GeneratorState::Yielded(r) => return GeneratorState::Yielded(r),
                    GeneratorState::Complete(r) => {
                        r.expect("receiver alive");
                        self.inner = None;
                    }
                }
            }
            if self.i == self.n {
                return GeneratorState::Complete(());
            }
            self.inner = Some(self.tx.send(self.i));
            self.i += 1;
            reply = Reply::default();
        }
    }
}

/// Receives until the channel closes; returns the sum.
struct Consumer {
    rx: Receiver<u64>,
    sum: u64,
    inner: Option<Receiving<u64>>,
}

impl Generator<Reply> for Consumer {
    type Yield = Request;
    type Return = u64;
    #[inline]
    fn resume(&mut self, mut reply: Reply) -> GeneratorState<Request, u64> {
        loop {
            if let Some(r) = self.inner.as_mut() {
                match r.resume(reply) {
                    GeneratorState::Yielded(req) => return GeneratorState::Yielded(req),
                    GeneratorState::Complete(Some(v)) => {
                        self.sum += v;
                        self.inner = None;
                    }
                    GeneratorState::Complete(None) => return GeneratorState::Complete(self.sum),
                }
            }
            self.inner = Some(self.rx.recv());
            reply = Reply::default();
        }
    }
}

fn coro_switch_hand(n: u64) -> Duration {
    let mut sched = Scheduler::new();
    let t = Instant::now();
    let a = sched.spawn(Yielder { left: n, inner: None });
    let b = sched.spawn(Yielder { left: n, inner: None });
    sched.run_until_idle();
    let d = t.elapsed();
    assert!(a.is_finished() && b.is_finished());
    d
}

fn coro_channel_hand(cap: usize, n: u64) -> Duration {
    let mut sched = Scheduler::new();
    let t = Instant::now();
    let (tx, rx) = channel(cap);
    sched.spawn(Producer { tx, i: 0, n, inner: None });
    let sum = sched.run_until_complete(Consumer { rx, sum: 0, inner: None });
    let d = t.elapsed();
    assert_eq!(sum, n * (n - 1) / 2);
    d
}

// ------------------------------------------------------------------ coro, #[coro::coroutine] tasks

#[coro::coroutine]
fn yielder_m(n: u64) -> impl Generator<Reply, Yield = Request, Return = u64> {
    let mut i = 0;
    while i < n {
        yield_from!(yield_now());
        i += 1;
    }
    i
}

#[coro::coroutine]
fn producer_m(tx: Sender<u64>, n: u64) -> impl Generator<Reply, Yield = Request, Return = u64> {
    let mut i = 0;
    while i < n {
        yield_from!(tx.send(i)).expect("receiver alive");
        i += 1;
    }
    i
}

#[coro::coroutine]
fn consumer_m(rx: Receiver<u64>) -> impl Generator<Reply, Yield = Request, Return = u64> {
    let mut sum = 0;
    while let Some(v) = yield_from!(rx.recv()) {
        sum += v;
    }
    sum
}

fn coro_switch_macro(n: u64) -> Duration {
    let mut sched = Scheduler::new();
    let t = Instant::now();
    let a = sched.spawn(yielder_m(n));
    let b = sched.spawn(yielder_m(n));
    sched.run_until_idle();
    let d = t.elapsed();
    assert!(a.is_finished() && b.is_finished());
    d
}

fn coro_channel_macro(cap: usize, n: u64) -> Duration {
    let mut sched = Scheduler::new();
    let t = Instant::now();
    let (tx, rx) = channel(cap);
    sched.spawn(producer_m(tx, n));
    let sum = sched.run_until_complete(consumer_m(rx));
    let d = t.elapsed();
    assert_eq!(sum, n * (n - 1) / 2);
    d
}

// ------------------------------------------------------------------ boxed-closure round-robin

/// Runs the closures round-robin until every one has returned `false` (done).
fn round_robin(mut tasks: Vec<Box<dyn FnMut() -> bool>>) {
    while !tasks.is_empty() {
        tasks.retain_mut(|t| t());
    }
}

fn closures_switch(n: u64) -> Duration {
    let t = Instant::now();
    let counter = Rc::new(Cell::new(0u64));
    let mk = |c: Rc<Cell<u64>>| -> Box<dyn FnMut() -> bool> {
        let mut left = n;
        Box::new(move || {
            c.set(black_box(c.get() + 1));
            left -= 1;
            left > 0
        })
    };
    round_robin(vec![mk(counter.clone()), mk(counter.clone())]);
    let d = t.elapsed();
    assert_eq!(counter.get(), 2 * n);
    d
}

fn closures_channel(cap: usize, n: u64) -> Duration {
    let t = Instant::now();
    let buf = Rc::new(RefCell::new(VecDeque::with_capacity(cap)));
    let sum = Rc::new(Cell::new(0u64));
    let producer: Box<dyn FnMut() -> bool> = {
        let buf = buf.clone();
        let mut i = 0;
        Box::new(move || {
            let mut b = buf.borrow_mut();
            while i < n && b.len() < cap {
                b.push_back(i);
                i += 1;
            }
            i < n
        })
    };
    let consumer: Box<dyn FnMut() -> bool> = {
        let buf = buf.clone();
        let sum = sum.clone();
        let mut got = 0;
        Box::new(move || {
            let mut b = buf.borrow_mut();
            while let Some(v) = b.pop_front() {
                sum.set(sum.get() + v);
                got += 1;
            }
            got < n
        })
    };
    round_robin(vec![producer, consumer]);
    let d = t.elapsed();
    assert_eq!(sum.get(), n * (n - 1) / 2);
    d
}

// ------------------------------------------------------------------ tokio current_thread

fn tokio_rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().build().expect("tokio runtime")
}

fn tokio_switch(n: u64, local: bool) -> Duration {
    let rt = tokio_rt();
    let t = Instant::now();
    let work = move || async move {
        for _ in 0..n {
            tokio::task::yield_now().await;
        }
    };
    if local {
        let set = tokio::task::LocalSet::new();
        set.block_on(&rt, async {
            let a = tokio::task::spawn_local(work());
            let b = tokio::task::spawn_local(work());
            a.await.unwrap();
            b.await.unwrap();
        });
    } else {
        rt.block_on(async {
            let a = tokio::spawn(work());
            let b = tokio::spawn(work());
            a.await.unwrap();
            b.await.unwrap();
        });
    }
    t.elapsed()
}

fn tokio_channel(cap: usize, n: u64, local: bool) -> Duration {
    let rt = tokio_rt();
    let t = Instant::now();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<u64>(cap);
    let producer = async move {
        for i in 0..n {
            tx.send(i).await.expect("receiver alive");
        }
    };
    let consumer = async move {
        let mut sum = 0;
        while let Some(v) = rx.recv().await {
            sum += v;
        }
        sum
    };
    let sum = if local {
        let set = tokio::task::LocalSet::new();
        set.block_on(&rt, async {
            let p = tokio::task::spawn_local(producer);
            let c = tokio::task::spawn_local(consumer);
            p.await.unwrap();
            c.await.unwrap()
        })
    } else {
        rt.block_on(async {
            let p = tokio::spawn(producer);
            let c = tokio::spawn(consumer);
            p.await.unwrap();
            c.await.unwrap()
        })
    };
    let d = t.elapsed();
    assert_eq!(sum, n * (n - 1) / 2);
    d
}

// ------------------------------------------------------------------ driver

/// The best of `runs` timings, in nanoseconds per operation.
fn best(runs: usize, ops: u64, mut f: impl FnMut() -> Duration) -> f64 {
    (0..runs).map(|_| f()).min().expect("at least one run").as_nanos() as f64 / ops as f64
}

fn main() {
    // `--profile WORKLOAD`: run one coro workload in a loop (for perf), no table.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--profile") {
        let n = args.get(i + 2).and_then(|a| a.parse().ok()).unwrap_or(2_000_000);
        let reps = args.get(i + 3).and_then(|a| a.parse().ok()).unwrap_or(10);
        for _ in 0..reps {
            let d = match args.get(i + 1).map(String::as_str) {
                Some("switch") => coro_switch_hand(n),
                Some("bounded1") => coro_channel_hand(1, n),
                Some("bounded64") => coro_channel_hand(64, n),
                Some("switch-macro") => coro_switch_macro(n),
                Some("bounded1-macro") => coro_channel_macro(1, n),
                _ => panic!("--profile switch|bounded1|bounded64|switch-macro|bounded1-macro"),
            };
            black_box(d);
        }
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let (n, runs) = if quick { (200_000u64, 3) } else { (2_000_000u64, 7) };
    if cfg!(debug_assertions) {
        eprintln!("warning: debug build; run with `cargo run --release` for meaningful numbers");
    }
    println!("sched-bench: {n} operations per run, best of {runs} runs; ns per operation (lower is better)");
    println!();

    let columns = ["coro (hand)", "coro (macro)", "closures", "tokio spawn", "tokio LocalSet"];
    let rows: Vec<(&str, [f64; 5])> = vec![
        (
            "task switch (2 tasks, yield_now)",
            [
                best(runs, 2 * n, || coro_switch_hand(n)),
                best(runs, 2 * n, || coro_switch_macro(n)),
                best(runs, 2 * n, || closures_switch(n)),
                best(runs, 2 * n, || tokio_switch(n, false)),
                best(runs, 2 * n, || tokio_switch(n, true)),
            ],
        ),
        (
            "channel hand-off, bounded(1)",
            [
                best(runs, n, || coro_channel_hand(1, n)),
                best(runs, n, || coro_channel_macro(1, n)),
                best(runs, n, || closures_channel(1, n)),
                best(runs, n, || tokio_channel(1, n, false)),
                best(runs, n, || tokio_channel(1, n, true)),
            ],
        ),
        (
            "channel stream, bounded(64)",
            [
                best(runs, n, || coro_channel_hand(64, n)),
                best(runs, n, || coro_channel_macro(64, n)),
                best(runs, n, || closures_channel(64, n)),
                best(runs, n, || tokio_channel(64, n, false)),
                best(runs, n, || tokio_channel(64, n, true)),
            ],
        ),
    ];

    print!("{:<34}", "ns/op");
    for c in columns {
        print!("{c:>15}");
    }
    println!();
    for (name, v) in &rows {
        print!("{name:<34}");
        for x in v {
            print!("{x:>15.1}");
        }
        println!();
    }
    println!();
    println!("ratios (how many times the cost of coro with hand-written tasks):");
    print!("{:<34}", "");
    for c in &columns[1..] {
        print!("{c:>15}");
    }
    println!();
    for (name, v) in &rows {
        print!("{name:<34}");
        for x in &v[1..] {
            print!("{:>14.2}x", x / v[0]);
        }
        println!();
    }
}
