//! A single-threaded scheduler for generator tasks (asyncio's event loop for `coro`), bounded
//! channels between tasks, and push-style [`pipeline`]s that need no scheduler.
//!
//! # Tasks talk to the scheduler by yielding requests
//!
//! A task is a generator `Generator<Reply, Yield = Request, Return = T>`. It asks the
//! scheduler for something (sleep, wait on a channel, spawn, ...) by yielding a [`Request`]
//! and receives a [`Reply`] when it is resumed. Nobody writes requests by hand: the helpers
//! here are small generators that yield them, and a `#[coro::coroutine]` task composes them
//! with `yield_from!`, the way Python awaits. The seed's asyncio program reads:
//!
//! ```
//! use std::time::Duration;
//! use coro::sched::{sleep, Reply, Request, Scheduler};
//! use coro::{yield_from, Generator};
//!
//! #[coro::coroutine]
//! fn compute(x: i32, y: i32) -> impl Generator<Reply, Yield = Request, Return = i32> {
//!     println!("Compute {x} + {y} ...");
//!     yield_from!(sleep(Duration::from_secs(1)));
//!     x + y
//! }
//!
//! #[coro::coroutine]
//! fn print_sum(x: i32, y: i32) -> impl Generator<Reply, Yield = Request, Return = ()> {
//!     let result = yield_from!(compute(x, y));
//!     println!("{x} + {y} = {result}");
//! }
//!
//! let mut event_loop = Scheduler::new(); // virtual clock: the second passes instantly
//! event_loop.run_until_complete(print_sum(1, 2));
//! assert_eq!(event_loop.now(), Duration::from_secs(1));
//! ```
//!
//! (`examples/asyncio_sum.rs` runs the same program on the real clock,
//! `Scheduler::with_clock(Clock::Real)`. Users reach this module as `coro::sched`; the
//! examples below drive the helpers directly, since each helper is itself a task.)
//!
//! A task spawning workers and collecting their results over a channel:
//!
//! ```
//! use std::time::Duration;
//! use coro::sched::{channel, sleep, spawn, Reply, Request, Scheduler, Sender};
//! use coro::{yield_from, Generator};
//!
//! #[coro::coroutine]
//! fn worker(id: u64, out: Sender<(u64, u64)>) -> impl Generator<Reply, Yield = Request, Return = ()> {
//!     yield_from!(sleep(Duration::from_millis(10 * (5 - id)))); // later ids finish first
//!     yield_from!(out.send((id, id * id))).unwrap();
//! }
//!
//! #[coro::coroutine]
//! fn boss() -> impl Generator<Reply, Yield = Request, Return = Vec<(u64, u64)>> {
//!     let (tx, rx) = channel(2);
//!     for id in 1..=4 {
//!         yield_from!(spawn(worker(id, tx.clone())));
//!     }
//!     drop(tx); // the channel closes when the last worker is done
//!     let mut results = Vec::new();
//!     while let Some(r) = yield_from!(rx.recv()) {
//!         results.push(r);
//!     }
//!     results
//! }
//!
//! let mut sched = Scheduler::new();
//! assert_eq!(sched.run_until_complete(boss()), [(4, 16), (3, 9), (2, 4), (1, 1)]);
//! assert_eq!(sched.now(), Duration::from_millis(40));
//! ```
//!
//! Helpers: [`sleep`], [`sleep_until`], [`yield_now`], [`now`], [`current_task`], [`spawn`] (→
//! [`JoinHandle`], whose [`join`](JoinHandle::join) returns the task's value), [`join_all`],
//! [`timeout`], and the channel operations [`Sender::send`] and [`Receiver::recv`].
//!
//! The resume type is [`Reply`] throughout, because `yield_from!` forwards resume values
//! unchanged. `Reply: Default`: `yield_from!` primes an inner generator with
//! `Reply::default()`, and every helper treats its first resume as that priming resume (it
//! ignores the argument and starts its work). Typed values never travel in the reply: a
//! received value moves through the channel's buffer, a task's result through its handle, so
//! no step allocates.
//!
//! ```
//! use std::time::Duration;
//! use coro_core::sched::{channel, sleep, Scheduler};
//!
//! let mut sched = Scheduler::new(); // virtual clock
//! let (tx, rx) = channel::<String>(8);
//! let nap = sched.spawn(sleep(Duration::from_secs(3600)));
//! sched.spawn(tx.send("ping".to_string()));
//! assert_eq!(sched.run_until_complete(rx.recv()).as_deref(), Some("ping"));
//! sched.run_until_complete(nap.join()).unwrap(); // an hour, instantly
//! assert_eq!(sched.now(), Duration::from_secs(3600));
//! ```
//!
//! # Semantics in brief
//! * **Order**: FIFO ready queue, run in turns (see [`Scheduler`]); timers with equal deadlines
//!   fire in spawn order; a spawned task runs when its spawner suspends. Deterministic with the
//!   virtual clock.
//! * **Time**: [`Clock::Virtual`] (default) jumps to the next deadline when every task waits;
//!   [`Clock::Real`] sleeps.
//! * **Join / cancel**: [`JoinHandle::join`] returns `Result<T, JoinError>`;
//!   [`JoinHandle::cancel`] drops the task at once (its locals are dropped once each) and its
//!   join reports [`JoinError::is_cancelled`]. Dropping a handle detaches the task.
//! * **Channels**: [`channel`](fn@channel)`(n)` is bounded, typed, MPMC, with backpressure and close; values
//!   are moved, never lost or duplicated.
//! * **Errors**: a panicking task is reported through its handle (or
//!   [`Scheduler::take_unhandled_panics`]) and the others carry on; the main task's panic and
//!   deadlocks ("every task is blocked and no timer is pending", with each task's wait and
//!   spawn site) come out of [`Scheduler::run_until_complete`] /
//!   [`Scheduler::try_run_until_complete`] instead of a hang.
//! * **Cost**: one allocation per spawned task, none per step or message; no `unsafe`.
//!
//! # Cost
//! `benches/sched-bench` in the repository times the same work three ways in one run (release,
//! 2,000,000 operations, best of 7, on a quiet 2-vCPU VM): coro with hand-written tasks, a
//! `Vec<Box<dyn FnMut() -> bool>>` round-robin (no scheduler at all: the floor) and tokio 1.54's
//! current-thread runtime. Nanoseconds per operation:
//!
//! | workload | coro | coro, `#[coro::coroutine]` tasks | boxed closures | tokio `spawn` | tokio `LocalSet` |
//! |---|---|---|---|---|---|
//! | task switch (2 tasks, `yield_now`) | 4.2 | 4.1 | 1.1 | 64 (15×) | 96 (23×) |
//! | hand-off through `channel(1)` | 59 | 62 | 6.5 | 176 (3.0×) | 175 (3.0×) |
//! | stream through `channel(64)` | 12.6 | 11.9 | 2.6 | 60 (4.8×) | 60 (4.8×) |
//!
//! So a switch costs about 4× a bare indirect call, and a tokio task switch or message costs
//! 3-23× a coro one. Not quite like for like: tokio's channel is thread-safe (atomics) and
//! its `yield_now` also runs per-tick driver work; coro's scheduler is single-threaded and also
//! does more than the closures (wait lists, timers, cancellation and panic bookkeeping).
//! Instruction counts (callgrind; deterministic, unlike the times) for `benches/coro-bench`'s
//! W6, 10,000 tasks × 100 `yield_now`s: 64.8 per switch with `#[coro::coroutine]` or
//! hand-written tasks (about 9 of it the task's spawn and teardown), against 45 for a
//! hand-written `VecDeque<Box<dyn Generator>>` round-robin (no scheduler). A switch is one
//! virtual call, with one `catch_unwind` around the whole run loop rather than one per resume,
//! and a task that yields stays in the turn's vector instead of going through a queue.
//! `benches/sched-bench/tests/zero_alloc.rs` checks with a counting allocator that switches and
//! messages allocate nothing.
//!
//! # Hand-written tasks
//! Without the macro, a task is a struct implementing `Generator<Reply>` that delegates to the
//! helpers by hand (this is what `yield_from!` generates):
//!
//! ```
//! use std::time::Duration;
//! use coro_core::{Generator, GeneratorState};
//! use coro_core::sched::{sleep, Reply, Request, Scheduler, Sleep};
//!
//! /// Sleeps `n` times one second, then returns `n`.
//! struct Naps { left: u32, n: u32, inner: Option<Sleep> }
//! impl Generator<Reply> for Naps {
//!     type Yield = Request;
//!     type Return = u32;
//!     fn resume(&mut self, mut reply: Reply) -> GeneratorState<Request, u32> {
//!         loop {
//!             if let Some(s) = self.inner.as_mut() {
//!                 match s.resume(reply) {
//!                     GeneratorState::Yielded(req) => return GeneratorState::Yielded(req),
//!                     GeneratorState::Complete(()) => self.inner = None,
//!                 }
//!             }
//!             if self.left == 0 {
//!                 return GeneratorState::Complete(self.n);
//!             }
//!             self.left -= 1;
//!             self.inner = Some(sleep(Duration::from_secs(1)));
//!             reply = Reply::default(); // prime the new helper
//!         }
//!     }
//! }
//! let mut sched = Scheduler::new();
//! assert_eq!(sched.run_until_complete(Naps { left: 3, n: 3, inner: None }), 3);
//! assert_eq!(sched.now(), Duration::from_secs(3));
//! ```

use core::fmt;
use core::time::Duration;
use std::rc::Rc;

mod channel;
mod ops;
pub mod pipeline;
mod scheduler;
mod task;
#[cfg(test)]
mod tests;

pub use channel::{channel, Receiver, Receiving, SendError, Sender, Sending, TryRecvError, TrySendError};
pub use ops::{
    current_task, join_all, now, sleep, sleep_until, spawn, timeout, yield_now, CurrentTask, Elapsed, JoinAll, Now,
    Sleep, Spawn, Timeout, YieldNow,
};
pub use scheduler::{run, BlockedTask, Clock, Deadlock, RunError, Scheduler};
pub use task::{Join, JoinError, JoinHandle, TaskId};

use task::{TaskRef, WaitList};

/// What a task asks of the scheduler; the `Yield` type of every task. Opaque: made by the
/// helper generators of this module ([`sleep`], [`Sender::send`], [`spawn`], ...), which a
/// `#[coro::coroutine]` task delegates to with `yield_from!`.
///
/// ```
/// use coro_core::{Generator, GeneratorState};
/// use coro_core::sched::{yield_now, Reply, Request};
/// let GeneratorState::Yielded(request): GeneratorState<Request, ()> = yield_now().resume(Reply::default()) else {
///     unreachable!()
/// };
/// assert_eq!(format!("{request:?}"), "Request(YieldNow)");
/// ```
pub struct Request(pub(crate) Op);

/// The operations behind [`Request`]. Kept small: no allocation in the hot variants.
pub(crate) enum Op {
    /// Go to the back of the ready queue.
    YieldNow,
    /// Sleep for a duration from now.
    Sleep(Duration),
    /// Sleep until a time on the scheduler clock.
    SleepUntil(Duration),
    /// Wait until a wake from this list (channel side, task joiners).
    Park(Rc<WaitList>),
    /// Same, with a deadline; the reply says `TimedOut` if the deadline came first.
    ParkUntil(Rc<WaitList>, Duration),
    /// Register a new task (immediate: the spawner is resumed at once).
    Spawn(TaskRef),
    /// Read the clock (immediate).
    Now,
    /// Read the running task's id (immediate).
    Current,
}

impl fmt::Debug for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::YieldNow => f.write_str("YieldNow"),
            Op::Sleep(d) => f.debug_tuple("Sleep").field(d).finish(),
            Op::SleepUntil(d) => f.debug_tuple("SleepUntil").field(d).finish(),
            Op::Park(l) => write!(f, "Park({})", l.kind),
            Op::ParkUntil(l, d) => write!(f, "ParkUntil({}, {d:?})", l.kind),
            Op::Spawn(_) => f.write_str("Spawn"),
            Op::Now => f.write_str("Now"),
            Op::Current => f.write_str("Current"),
        }
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Request").field(&self.0).finish()
    }
}

/// What the scheduler passes to a task when it resumes it; the resume type of every task.
/// Opaque and `Copy`; `Reply::default()` is the priming value that `yield_from!` passes to an
/// inner generator's first resume (and that the scheduler passes to a task's first resume).
///
/// ```
/// use coro_core::sched::Reply;
/// let r = Reply::default();
/// assert_eq!(r, Reply::default());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reply(pub(crate) ReplyKind);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum ReplyKind {
    /// A first resume (priming).
    #[default]
    Start,
    /// The request was served (woken, slept, yielded, spawned).
    Resumed,
    /// A `ParkUntil` deadline passed before a wake.
    TimedOut,
    /// The answer to `Now`.
    Now(Duration),
    /// The answer to `Current`.
    Task(TaskId),
}

/// Panics for a helper generator resumed after it completed.
#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn resumed_after_completion(what: &str) -> ! {
    panic!("coro::sched::{what} resumed after completion")
}
