//! W6: `n` tasks × 100 switches each. Every function returns the number of switches done.
//!
//! * `coro-sched`: `#[coro::coroutine]` tasks (`yield_from!(yield_now())` 100 times) on
//!   `coro::sched::Scheduler`.
//! * `coro-sched-handtask`: the same scheduler running hand-written task structs (isolates
//!   the macro's share from the scheduler's).
//! * `hand`: the bar, a hand-written round-robin of boxed generators: a `VecDeque` of
//!   `Box<dyn Generator>` (hand-written task structs), pop, resume, push back.
//! * `coro-rr`: the same round-robin over boxed `#[coro::coroutine]` tasks.
//! * `tokio`: tokio's current-thread runtime, `spawn` + `yield_now().await` 100 times.
use std::collections::VecDeque;

use coro::sched::{yield_now, Reply, Request, Scheduler, YieldNow};
use coro::{yield_from, Generator, GeneratorState};

use crate::common::SWITCHES;

#[coro::coroutine]
fn sched_task(switches: u64) -> impl Generator<Reply, Yield = Request, Return = ()> {
    let mut i = 0;
    while i < switches {
        yield_from!(yield_now());
        i += 1;
    }
}

pub fn sched_task_size() -> usize {
    std::mem::size_of_val(&sched_task(SWITCHES))
}

pub fn coro_sched(n: u64) -> u64 {
    let mut sched = Scheduler::new();
    for _ in 0..n {
        drop(sched.spawn(sched_task(SWITCHES)));
    }
    let left = sched.run_until_idle();
    assert_eq!(left, 0);
    n * SWITCHES
}

/// A hand-written scheduler task: delegates to `yield_now()` `left` times (what
/// `yield_from!` generates, written out).
struct HandTask {
    left: u64,
    inner: Option<YieldNow>,
}

impl Generator<Reply> for HandTask {
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

pub fn hand_task_size() -> usize {
    std::mem::size_of::<HandTask>()
}

pub fn coro_sched_handtask(n: u64) -> u64 {
    let mut sched = Scheduler::new();
    for _ in 0..n {
        drop(sched.spawn(HandTask { left: SWITCHES, inner: None }));
    }
    let left = sched.run_until_idle();
    assert_eq!(left, 0);
    n * SWITCHES
}

type Boxed = Box<dyn Generator<Yield = (), Return = ()>>;

/// Round-robin over boxed generators until all complete. Counts yields (= switches).
fn round_robin(tasks: Vec<Boxed>) -> u64 {
    let mut queue: VecDeque<Boxed> = tasks.into();
    let mut switches = 0;
    while let Some(mut t) = queue.pop_front() {
        if let GeneratorState::Yielded(()) = t.resume(()) {
            switches += 1;
            queue.push_back(t);
        }
    }
    switches
}

pub fn hand_rr(n: u64) -> u64 {
    round_robin((0..n).map(|_| Box::new(crate::hand::task(SWITCHES)) as Boxed).collect())
}

pub fn coro_rr(n: u64) -> u64 {
    round_robin((0..n).map(|_| Box::new(crate::coro_impl::task(SWITCHES)) as Boxed).collect())
}

pub fn tokio(n: u64) -> u64 {
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    rt.block_on(async move {
        let handles: Vec<_> = (0..n)
            .map(|_| {
                tokio::spawn(async {
                    for _ in 0..SWITCHES {
                        tokio::task::yield_now().await;
                    }
                })
            })
            .collect();
        for h in handles {
            h.await.expect("task");
        }
    });
    n * SWITCHES
}
