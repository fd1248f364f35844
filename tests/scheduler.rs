//! The scheduler (issue #3) driving `#[coro::coroutine]` tasks: ordering, virtual time, joins,
//! cancellation, channels under backpressure, deadlocks and panics.
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use coro::sched::{
    channel, current_task, join_all, now, sleep, spawn, timeout, yield_now, Clock, Elapsed, JoinError, JoinHandle,
    Receiver, Reply, Request, RunError, Scheduler, Sender,
};
use coro::{yield_from, Generator};

type Log = Rc<RefCell<Vec<String>>>;

fn new_log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

/// Counts how many times it was dropped.
struct Guard(Rc<Cell<u32>>);
impl Drop for Guard {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

// ---- the seed's asyncio program ----

#[coro::coroutine]
fn compute(x: i32, y: i32, log: Log) -> impl Generator<Reply, Yield = Request, Return = i32> {
    log.borrow_mut().push(format!("Compute {x} + {y} ..."));
    yield_from!(sleep(Duration::from_secs(1)));
    x + y
}

#[coro::coroutine]
fn print_sum(x: i32, y: i32, log: Log) -> impl Generator<Reply, Yield = Request, Return = ()> {
    let result = yield_from!(compute(x, y, log.clone()));
    log.borrow_mut().push(format!("{x} + {y} = {result}"));
}

#[test]
fn seed_asyncio_program_on_virtual_time() {
    let log = new_log();
    let mut sched = Scheduler::new();
    sched.run_until_complete(print_sum(1, 2, log.clone()));
    assert_eq!(*log.borrow(), ["Compute 1 + 2 ...", "1 + 2 = 3"]);
    assert_eq!(sched.now(), Duration::from_secs(1));
}

#[test]
fn seed_asyncio_program_on_real_time() {
    let log = new_log();
    let start = std::time::Instant::now();
    Scheduler::with_clock(Clock::Real).run_until_complete(compute(20, 22, log.clone()));
    let _ = print_sum; // the same program, shorter sleep: see examples/asyncio_sum.rs for 1 s
    assert!(start.elapsed() >= Duration::from_secs(1));
}

// ---- ordering ----

#[coro::coroutine]
fn worker(name: &'static str, steps: u32, log: Log) -> impl Generator<Reply, Yield = Request, Return = u32> {
    let mut i = 0;
    while i < steps {
        log.borrow_mut().push(format!("{name}{i}"));
        yield_from!(yield_now());
        i += 1;
    }
    steps
}

#[test]
fn fifo_round_robin_in_spawn_order() {
    let log = new_log();
    let mut sched = Scheduler::new();
    let hs = vec![
        sched.spawn(worker("a", 3, log.clone())),
        sched.spawn(worker("b", 1, log.clone())),
        sched.spawn(worker("c", 2, log.clone())),
    ];
    let results: Vec<u32> = sched.run_until_complete(join_all(hs)).into_iter().map(Result::unwrap).collect();
    assert_eq!(results, [3, 1, 2]);
    assert_eq!(*log.borrow(), ["a0", "b0", "c0", "a1", "c1", "a2"]);
}

#[coro::coroutine]
fn spawner(log: Log) -> impl Generator<Reply, Yield = Request, Return = u32> {
    log.borrow_mut().push("parent: before spawn".to_string());
    let child = yield_from!(spawn(worker("child", 2, log.clone())));
    log.borrow_mut().push("parent: after spawn (child has not run)".to_string());
    yield_from!(yield_now());
    log.borrow_mut().push("parent: after yield".to_string());
    let n = yield_from!(child.join()).unwrap();
    log.borrow_mut().push(format!("parent: child returned {n}"));
    n * 10
}

#[test]
fn spawn_from_a_task_queues_without_switching() {
    let log = new_log();
    assert_eq!(Scheduler::new().run_until_complete(spawner(log.clone())), 20);
    assert_eq!(
        *log.borrow(),
        [
            "parent: before spawn",
            "parent: after spawn (child has not run)",
            "child0",
            "parent: after yield",
            "child1",
            "parent: child returned 2"
        ]
    );
}

// ---- virtual time ----

#[coro::coroutine]
fn alarm(name: &'static str, at: Duration, log: Log) -> impl Generator<Reply, Yield = Request, Return = Duration> {
    yield_from!(sleep(at));
    let t = yield_from!(now());
    log.borrow_mut().push(format!("{name}@{}", t.as_secs()));
    t
}

#[test]
fn virtual_clock_jumps_deadlines_in_order_ties_in_spawn_order() {
    let log = new_log();
    let mut sched = Scheduler::new();
    let started = std::time::Instant::now();
    let hs = vec![
        sched.spawn(alarm("day", Duration::from_secs(86_400), log.clone())),
        sched.spawn(alarm("tie-a", Duration::from_secs(60), log.clone())),
        sched.spawn(alarm("minute", Duration::from_secs(59), log.clone())),
        sched.spawn(alarm("tie-b", Duration::from_secs(60), log.clone())),
        sched.spawn(alarm("hour", Duration::from_secs(3600), log.clone())),
    ];
    let times: Vec<u64> = sched.run_until_complete(join_all(hs)).into_iter().map(|r| r.unwrap().as_secs()).collect();
    assert_eq!(times, [86_400, 60, 59, 60, 3600]);
    assert_eq!(*log.borrow(), ["minute@59", "tie-a@60", "tie-b@60", "hour@3600", "day@86400"]);
    assert_eq!(sched.now(), Duration::from_secs(86_400));
    assert!(started.elapsed() < Duration::from_secs(1), "virtual time must not sleep");
}

#[test]
fn runs_are_deterministic() {
    fn one_run() -> Vec<String> {
        let log = new_log();
        let mut sched = Scheduler::new();
        let mut hs = Vec::new();
        for i in 0..20u64 {
            hs.push(sched.spawn(alarm("t", Duration::from_millis((i * 7919) % 13), log.clone())));
            sched.spawn(worker("w", (i % 3) as u32, log.clone()));
        }
        sched.run_until_complete(join_all(hs));
        sched.run_until_idle();
        let v = log.borrow().clone();
        v
    }
    assert_eq!(one_run(), one_run());
}

// ---- joins with values ----

#[coro::coroutine]
fn square_later(n: u64) -> impl Generator<Reply, Yield = Request, Return = u64> {
    yield_from!(sleep(Duration::from_millis(n)));
    n * n
}

#[coro::coroutine]
fn gather_squares(n: u64) -> impl Generator<Reply, Yield = Request, Return = Vec<u64>> {
    let mut handles = Vec::new();
    for i in (0..n).rev() {
        handles.push(yield_from!(spawn(square_later(i))));
    }
    let mut out = Vec::new();
    for h in handles {
        out.push(yield_from!(h.join()).unwrap());
    }
    out
}

#[test]
fn join_returns_each_tasks_value() {
    let mut sched = Scheduler::new();
    assert_eq!(sched.run_until_complete(gather_squares(5)), [16, 9, 4, 1, 0]);
    assert_eq!(sched.now(), Duration::from_millis(4));
}

#[coro::coroutine]
fn join_twice_via_two_tasks(h: JoinHandle<u64>) -> impl Generator<Reply, Yield = Request, Return = Result<u64, JoinError>> {
    yield_from!(h.join())
}

#[test]
fn join_from_another_task_and_from_outside() {
    let mut sched = Scheduler::new();
    let h = sched.spawn(square_later(3));
    let j = sched.spawn(join_twice_via_two_tasks(h));
    assert_eq!(sched.run_until_complete(j.join()).unwrap().unwrap(), 9);
}

// ---- cancellation ----

#[coro::coroutine]
fn guarded_receiver(rx: Receiver<u32>, drops: Rc<Cell<u32>>) -> impl Generator<Reply, Yield = Request, Return = u32> {
    let _guard = Guard(drops.clone());
    let mut sum = 0;
    while let Some(v) = yield_from!(rx.recv()) {
        let _per_item = Guard(drops.clone());
        sum += v;
        yield_from!(sleep(Duration::from_secs(1)));
    }
    sum
}

#[test]
fn cancel_drops_each_local_once() {
    let drops = Rc::new(Cell::new(0));
    let mut sched = Scheduler::new();
    let (tx, rx) = channel::<u32>(4);
    let parked = sched.spawn(guarded_receiver(rx.clone(), drops.clone()));
    let sleeping = sched.spawn(guarded_receiver(rx.clone(), drops.clone())); // parked, in fact
    tx.try_send(5).unwrap();
    // Half a second: `parked` (first in FIFO) received 5 and sleeps holding `_guard` and
    // `_per_item`; `sleeping` waits on the channel holding `_guard`.
    sched.run_until_complete(sleep(Duration::from_millis(500)));
    assert_eq!(drops.get(), 0);
    assert!(parked.cancel());
    assert_eq!(drops.get(), 2); // _guard and _per_item, once each
    assert!(sleeping.cancel());
    assert_eq!(drops.get(), 3); // only _guard
    assert!(parked.is_finished());
    assert!(!parked.cancel(), "cancelling twice does nothing");
    let e = sched.run_until_complete(parked.join()).unwrap_err();
    assert!(e.is_cancelled());
    assert_eq!(e.to_string(), format!("{} was cancelled", e.id()));
    assert!(sched.run_until_complete(sleeping.join()).unwrap_err().is_cancelled());
    assert_eq!(drops.get(), 3);
    assert_eq!(sched.live_tasks(), 0);
    // The channel does not remember the cancelled receivers: a new one gets the value.
    tx.try_send(1).unwrap();
    drop(tx);
    assert_eq!(sched.run_until_complete(guarded_receiver(rx, drops.clone())), 1);
}

#[coro::coroutine]
fn canceller(victim: JoinHandle<u32>, log: Log) -> impl Generator<Reply, Yield = Request, Return = bool> {
    yield_from!(sleep(Duration::from_secs(2)));
    log.borrow_mut().push("cancelling".into());
    let cancelled = victim.cancel();
    let r = yield_from!(victim.join());
    log.borrow_mut().push(format!("{}", r.unwrap_err()));
    cancelled
}

#[test]
fn cancel_from_another_task() {
    let log = new_log();
    let drops = Rc::new(Cell::new(0));
    let mut sched = Scheduler::new();
    let (tx, rx) = channel::<u32>(1);
    let victim = sched.spawn(guarded_receiver(rx, drops.clone()));
    assert!(sched.run_until_complete(canceller(victim, log.clone())));
    assert_eq!(*log.borrow(), ["cancelling", "task #1 was cancelled"]);
    assert_eq!(drops.get(), 1);
    assert!(tx.is_closed(), "the cancelled task's receiver was dropped");
}

// ---- channels: backpressure, close, fan-in, fan-out ----

#[coro::coroutine]
fn produce(tx: Sender<u64>, from: u64, count: u64) -> impl Generator<Reply, Yield = Request, Return = u64> {
    let mut i = from;
    while i < from + count {
        yield_from!(tx.send(i)).unwrap();
        i += 1;
    }
    count
}

#[coro::coroutine]
fn consume(rx: Receiver<u64>) -> impl Generator<Reply, Yield = Request, Return = (u64, u64)> {
    let (mut n, mut sum) = (0, 0);
    while let Some(v) = yield_from!(rx.recv()) {
        n += 1;
        sum += v;
    }
    (n, sum)
}

#[coro::coroutine]
fn slow_consume(rx: Receiver<u64>, max_seen: Rc<Cell<usize>>) -> impl Generator<Reply, Yield = Request, Return = Vec<u64>> {
    let mut got = Vec::new();
    loop {
        yield_from!(sleep(Duration::from_secs(1)));
        max_seen.set(max_seen.get().max(rx.len()));
        match yield_from!(rx.recv()) {
            Some(v) => got.push(v),
            None => break,
        }
    }
    got
}

#[test]
fn bounded_channel_applies_backpressure() {
    let mut sched = Scheduler::new();
    let (tx, rx) = channel::<u64>(3);
    let max_seen = Rc::new(Cell::new(0));
    let p = sched.spawn(produce(tx, 0, 10));
    let c = sched.spawn(slow_consume(rx, max_seen.clone()));
    sched.run_until_complete(sleep(Duration::from_millis(1500)));
    assert!(!p.is_finished(), "the producer must be blocked by the full channel");
    assert_eq!(sched.run_until_complete(c.join()).unwrap(), (0..10).collect::<Vec<_>>());
    assert_eq!(max_seen.get(), 3);
    assert_eq!(sched.run_until_complete(p.join()).unwrap(), 10);
    assert_eq!(sched.now(), Duration::from_secs(11));
}

#[coro::coroutine]
fn send_after_close(tx: Sender<String>) -> impl Generator<Reply, Yield = Request, Return = String> {
    yield_from!(tx.send("first".to_string())).unwrap();
    tx.close();
    match yield_from!(tx.send("second".to_string())) {
        Ok(()) => unreachable!(),
        Err(e) => format!("{e}: {}", e.0),
    }
}

#[test]
fn closed_channel_drains_then_ends_and_rejects_sends() {
    let mut sched = Scheduler::new();
    let (tx, rx) = channel::<String>(2);
    assert_eq!(sched.run_until_complete(send_after_close(tx)), "sending on a closed channel: second");
    assert_eq!(sched.run_until_complete(rx.recv()).as_deref(), Some("first"));
    assert_eq!(sched.run_until_complete(rx.recv()), None);
}

/// A consumer that works on each item (yields once) before taking the next.
#[coro::coroutine]
fn consume_busy(rx: Receiver<u64>) -> impl Generator<Reply, Yield = Request, Return = (u64, u64)> {
    let (mut n, mut sum) = (0, 0);
    while let Some(v) = yield_from!(rx.recv()) {
        n += 1;
        sum += v;
        yield_from!(yield_now());
    }
    (n, sum)
}

#[test]
fn fan_in_and_fan_out_account_for_every_message() {
    let mut sched = Scheduler::new();
    let (tx, rx) = channel::<u64>(8);
    for p in 0..5 {
        sched.spawn(produce(tx.clone(), p * 1_000, 1_000));
    }
    drop(tx);
    // A receiver that finds values buffered takes them without suspending (as asyncio's
    // `Queue.get`), so consumers share the work only when they do some work per item.
    let consumers: Vec<_> = (0..4).map(|_| sched.spawn(consume_busy(rx.clone()))).collect();
    drop(rx);
    let results: Vec<(u64, u64)> = sched.run_until_complete(join_all(consumers)).into_iter().map(Result::unwrap).collect();
    assert!(results.iter().all(|(n, _)| *n > 0), "work is shared: {results:?}");
    let n: u64 = results.iter().map(|r| r.0).sum();
    let sum: u64 = results.iter().map(|r| r.1).sum();
    assert_eq!(n, 5_000);
    assert_eq!(sum, (0..5_000).sum::<u64>());
}

// ---- scale ----

#[coro::coroutine]
fn tiny(i: u64, total: Rc<Cell<u64>>) -> impl Generator<Reply, Yield = Request, Return = u64> {
    yield_from!(sleep(Duration::from_millis(i % 1000)));
    yield_from!(yield_now());
    total.set(total.get() + i);
    i
}

#[test]
fn ten_thousand_tasks() {
    let mut sched = Scheduler::new();
    let total = Rc::new(Cell::new(0));
    let hs: Vec<_> = (0..10_000).map(|i| sched.spawn(tiny(i, total.clone()))).collect();
    assert_eq!(sched.live_tasks(), 10_000);
    let sum: u64 = sched.run_until_complete(join_all(hs)).into_iter().map(Result::unwrap).sum();
    assert_eq!(sum, (0..10_000).sum::<u64>());
    assert_eq!(total.get(), sum);
    assert_eq!(sched.live_tasks(), 0);
    assert_eq!(sched.now(), Duration::from_millis(999));
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
fn double_odd(rx: Receiver<u64>, tx: Sender<u64>, dropped: Rc<Cell<u64>>) -> impl Generator<Reply, Yield = Request, Return = ()> {
    while let Some(v) = yield_from!(rx.recv()) {
        if v % 2 == 1 {
            yield_from!(tx.send(v * 2)).unwrap();
        } else {
            dropped.set(dropped.get() + 1);
        }
    }
}

#[coro::coroutine]
fn add_one(rx: Receiver<u64>, tx: Sender<u64>) -> impl Generator<Reply, Yield = Request, Return = ()> {
    while let Some(v) = yield_from!(rx.recv()) {
        yield_from!(tx.send(v + 1)).unwrap();
    }
}

/// One million messages through source → filter/map → map → sink over bounded channels of
/// different capacities (1, 16, 64); every message is accounted for by count and sum.
#[test]
fn million_messages_through_a_three_stage_pipeline() {
    const N: u64 = 1_000_000;
    let mut sched = Scheduler::new();
    let (tx1, rx1) = channel::<u64>(16);
    let (tx2, rx2) = channel::<u64>(1);
    let (tx3, rx3) = channel::<u64>(64);
    let dropped = Rc::new(Cell::new(0));
    sched.spawn(source(tx1, N));
    sched.spawn(double_odd(rx1, tx2, dropped.clone()));
    sched.spawn(add_one(rx2, tx3));
    let (count, sum) = sched.run_until_complete(consume(rx3));
    assert_eq!(count + dropped.get(), N, "every message is delivered or counted as filtered");
    assert_eq!(count, N / 2);
    let expected: u64 = (0..N).filter(|v| v % 2 == 1).map(|v| v * 2 + 1).sum();
    assert_eq!(sum, expected);
    assert_eq!(sched.live_tasks(), 0);
}

// ---- deadlocks ----

#[coro::coroutine]
fn wait_for(rx: Receiver<u64>) -> impl Generator<Reply, Yield = Request, Return = Option<u64>> {
    yield_from!(rx.recv())
}

#[coro::coroutine]
fn ping_pong_deadlock(a: Receiver<u64>, b_tx: Sender<u64>) -> impl Generator<Reply, Yield = Request, Return = ()> {
    let v = yield_from!(a.recv());
    yield_from!(b_tx.send(v.unwrap_or(0))).unwrap();
}

#[test]
fn deadlock_is_detected_with_a_clear_report() {
    let mut sched = Scheduler::new();
    let (a_tx, a_rx) = channel::<u64>(1);
    let (b_tx, b_rx) = channel::<u64>(1);
    sched.spawn(ping_pong_deadlock(a_rx, b_tx));
    let err = sched.try_run_until_complete(wait_for(b_rx)).unwrap_err();
    let RunError::Deadlock(d) = &err else { panic!("{err}") };
    assert_eq!(d.blocked().len(), 2);
    let text = err.to_string();
    assert!(text.starts_with("deadlock: every task is blocked and no timer is pending (2 blocked tasks)"), "{text}");
    assert!(text.contains("task #1 (spawned at tests/scheduler.rs:"), "{text}");
    assert!(text.contains("task #2 (main task, started at tests/scheduler.rs:"), "{text}");
    assert_eq!(text.matches("is waiting to receive on the channel created at tests/scheduler.rs:").count(), 2, "{text}");
    // The scheduler is not broken: feed the cycle and run again.
    a_tx.try_send(7).unwrap();
    sched.run_until_idle();
}

#[test]
#[should_panic(expected = "deadlock: every task is blocked and no timer is pending")]
fn run_until_complete_panics_on_deadlock_instead_of_hanging() {
    let (_tx, rx) = channel::<u64>(1);
    Scheduler::new().run_until_complete(wait_for(rx));
}

#[coro::coroutine]
fn self_join(me: Receiver<JoinHandle<()>>) -> impl Generator<Reply, Yield = Request, Return = ()> {
    let h = yield_from!(me.recv()).unwrap();
    let _ = yield_from!(h.join());
}

#[test]
fn waiting_on_a_timer_is_not_a_deadlock() {
    let mut sched = Scheduler::new();
    let (tx, rx) = channel::<u64>(1);
    let (h_tx, h_rx) = channel(1);
    let h = sched.spawn(self_join(h_rx));
    h_tx.try_send(h).unwrap();
    sched.spawn(delayed_send(tx, Duration::from_secs(3600)));
    assert_eq!(sched.run_until_complete(wait_for(rx)), Some(1));
    // The self-joining task is reported as such.
    let (_t, r) = channel::<u64>(1);
    let text = sched.try_run_until_complete(wait_for(r)).unwrap_err().to_string();
    assert!(text.contains("task #1 (spawned at") && text.contains("is waiting to join task #1"), "{text}");
}

#[coro::coroutine]
fn delayed_send(tx: Sender<u64>, after: Duration) -> impl Generator<Reply, Yield = Request, Return = ()> {
    yield_from!(sleep(after));
    yield_from!(tx.send(1)).unwrap();
}

// ---- panics ----

#[coro::coroutine]
fn fails_after(d: Duration, msg: &'static str, drops: Rc<Cell<u32>>) -> impl Generator<Reply, Yield = Request, Return = u32> {
    let _guard = Guard(drops);
    yield_from!(sleep(d));
    if !msg.is_empty() {
        panic!("{msg}");
    }
    1
}

#[test]
fn panicking_task_is_reported_through_its_handle_and_others_continue() {
    let drops = Rc::new(Cell::new(0));
    let mut sched = Scheduler::new();
    let bad = sched.spawn(fails_after(Duration::from_secs(1), "boom", drops.clone()));
    let good = sched.spawn(fails_after(Duration::from_secs(2), "", drops.clone()));
    drop(sched.spawn(fails_after(Duration::from_secs(1), "unobserved", drops.clone())));
    let err = sched.run_until_complete(bad.join()).unwrap_err();
    assert!(err.is_panic());
    assert_eq!(err.panic_message(), Some("boom"));
    assert_eq!(err.to_string(), "task #1 panicked: boom");
    assert_eq!(sched.run_until_complete(good.join()).unwrap(), 1);
    assert_eq!(drops.get(), 3, "each panicked or finished task dropped its guard once");
    let unhandled = sched.take_unhandled_panics();
    assert_eq!(unhandled.len(), 1);
    assert_eq!(unhandled[0].panic_message(), Some("unobserved"));
}

#[test]
fn main_task_panic_comes_out_of_run_until_complete() {
    let drops = Rc::new(Cell::new(0));
    let mut sched = Scheduler::new();
    let other = sched.spawn(fails_after(Duration::from_secs(5), "", drops.clone()));
    match sched.try_run_until_complete(fails_after(Duration::from_secs(1), "main boom", drops.clone())) {
        Err(RunError::Panicked(p)) => assert_eq!(p.downcast_ref::<String>().map(String::as_str), Some("main boom")),
        other => panic!("{other:?}"),
    }
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        sched.run_until_complete(fails_after(Duration::ZERO, "again", drops.clone()))
    }));
    assert!(caught.is_err());
    // Still usable; the other task is intact.
    assert_eq!(sched.run_until_complete(other.join()).unwrap(), 1);
    assert_eq!(drops.get(), 3);
}

// ---- timeouts, task ids ----

#[coro::coroutine]
fn recv_with_deadline(rx: Receiver<u64>) -> impl Generator<Reply, Yield = Request, Return = Vec<Result<Option<u64>, Elapsed>>> {
    let mut out = Vec::new();
    for _ in 0..3 {
        out.push(yield_from!(timeout(Duration::from_secs(2), rx.recv())));
    }
    out
}

#[test]
fn timeouts_compose_with_yield_from() {
    let mut sched = Scheduler::new();
    let (tx, rx) = channel::<u64>(1);
    sched.spawn(delayed_send(tx.clone(), Duration::from_secs(1)));
    sched.spawn(delayed_send(tx, Duration::from_secs(10)));
    assert_eq!(sched.run_until_complete(recv_with_deadline(rx)), [Ok(Some(1)), Err(Elapsed), Err(Elapsed)]);
    assert_eq!(sched.now(), Duration::from_secs(5));
}

#[coro::coroutine]
fn who_am_i() -> impl Generator<Reply, Yield = Request, Return = u64> {
    yield_from!(current_task()).as_u64()
}

#[test]
fn task_ids_follow_spawn_order() {
    let mut sched = Scheduler::new();
    let a = sched.spawn(who_am_i());
    let b = sched.spawn(who_am_i());
    assert_eq!(sched.run_until_complete(join_all(vec![a, b])).into_iter().map(Result::unwrap).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(sched.run_until_complete(who_am_i()), 4);
}

// ---- push pipelines (no scheduler) with coroutine sinks ----

use coro::sched::pipeline::{broadcast, feed, filter, map, Sink};
use coro::yield_;

#[coro::coroutine]
fn grep_count(word: &'static str) -> impl Generator<Option<String>, Yield = (), Return = usize> {
    let mut n = 0;
    while let Some(line) = yield_!() {
        if line.contains(word) {
            n += 1;
        }
    }
    n
}

#[coro::coroutine]
fn first_n(n: usize) -> impl Generator<Option<String>, Yield = (), Return = Vec<String>> {
    let mut got = Vec::new();
    while got.len() < n {
        match yield_!() {
            Some(line) => got.push(line),
            None => break,
        }
    }
    got
}

#[test]
fn push_pipeline_source_filter_broadcast_with_coroutine_sinks() {
    let log: Vec<String> = (0..100)
        .map(|i| format!("{} request {i}", if i % 10 == 0 { "ERROR" } else if i % 3 == 0 { "WARN" } else { "INFO" }))
        .collect();
    let pulled = Cell::new(0);
    let source = log.iter().inspect(|_| pulled.set(pulled.get() + 1)).cloned();
    let (errors, warns, head) = feed(
        source,
        filter(
            |l: &String| !l.starts_with("INFO"),
            broadcast((grep_count("ERROR"), grep_count("WARN"), map(|l: String| l.to_uppercase(), first_n(3)))),
        ),
    );
    assert_eq!((errors, warns), (10, 30));
    assert_eq!(head, ["ERROR REQUEST 0", "WARN REQUEST 3", "WARN REQUEST 6"]);
    assert_eq!(pulled.get(), 100);

    // A sink that finishes early stops its source.
    let pulled = Cell::new(0);
    let source = log.iter().inspect(|_| pulled.set(pulled.get() + 1)).cloned();
    assert_eq!(feed(source, first_n(2)).len(), 2);
    assert_eq!(pulled.get(), 2);

    // Driving a sink by hand, Python's `send`.
    let mut sink = Sink::new(first_n(1));
    assert_eq!(sink.send("a".to_string()), Ok(()));
    assert_eq!(sink.send("b".to_string()), Err("b".to_string()));
    assert_eq!(sink.close(), ["a"]);
}
