//! The helper generators a task composes with `yield_from!`: sleeping, yielding, reading the
//! clock, spawning, timeouts and joining several tasks.

use core::fmt;
use core::panic::Location;
use core::time::Duration;
use std::vec::{IntoIter, Vec};

use super::task::{new_task, Join, JoinError, JoinHandle, TaskId};
use super::{resumed_after_completion, Op, Reply, ReplyKind, Request};
use crate::{Generator, GeneratorState};

/// Suspends the task for `duration` (asyncio's `sleep`). With the virtual clock no real time
/// passes; with the real clock the scheduler sleeps when nothing else can run. A zero duration
/// is [`yield_now`], as in asyncio: the task goes to the back of the ready queue at once.
///
/// In a `#[coro::coroutine]` task: `yield_from!(sleep(Duration::from_secs(1)));`.
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{sleep, Scheduler};
/// let mut sched = Scheduler::new();
/// sched.run_until_complete(sleep(Duration::from_secs(90)));
/// assert_eq!(sched.now(), Duration::from_secs(90));
/// ```
pub fn sleep(duration: Duration) -> Sleep {
    Sleep { op: Some(Op::Sleep(duration)), stage: 0 }
}

/// Suspends the task until the scheduler clock reads `deadline` (a time since the scheduler
/// was created, as [`now`] returns). A deadline in the past still suspends once.
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{sleep_until, Scheduler};
/// let mut sched = Scheduler::new();
/// sched.run_until_complete(sleep_until(Duration::from_secs(7)));
/// assert_eq!(sched.now(), Duration::from_secs(7));
/// ```
pub fn sleep_until(deadline: Duration) -> Sleep {
    Sleep { op: Some(Op::SleepUntil(deadline)), stage: 0 }
}

/// A generator that sleeps; made by [`sleep`] and [`sleep_until`].
///
/// ```
/// use std::time::Duration;
/// use coro_core::{Generator, GeneratorState};
/// use coro_core::sched::{sleep, Reply};
/// // Driven by hand: one request, then done.
/// let mut s = sleep(Duration::from_secs(1));
/// assert!(s.resume(Reply::default()).is_yielded());
/// assert!(s.resume(Reply::default()).is_complete());
/// ```
pub struct Sleep {
    op: Option<Op>,
    stage: u8,
}

impl fmt::Debug for Sleep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sleep").field("op", &self.op).field("stage", &self.stage).finish()
    }
}

impl Generator<Reply> for Sleep {
    type Yield = Request;
    type Return = ();

    #[inline]
    fn resume(&mut self, _reply: Reply) -> GeneratorState<Request, ()> {
        match self.op.take() {
            Some(op) => GeneratorState::Yielded(Request(op)),
            None if self.stage == 0 => {
                self.stage = 1;
                GeneratorState::Complete(())
            }
            None => resumed_after_completion("Sleep"),
        }
    }
}

/// Gives the other ready tasks a turn: the task goes to the back of the ready queue (asyncio's
/// `await asyncio.sleep(0)`, a bare `yield` in a generator task).
///
/// ```
/// use coro_core::sched::{yield_now, Scheduler};
/// Scheduler::new().run_until_complete(yield_now());
/// ```
pub fn yield_now() -> YieldNow {
    YieldNow { stage: 0 }
}

/// A generator that yields once; made by [`yield_now`].
///
/// ```
/// use coro_core::{Generator, GeneratorState};
/// use coro_core::sched::{yield_now, Reply};
/// let mut y = yield_now();
/// assert!(y.resume(Reply::default()).is_yielded());
/// assert!(matches!(y.resume(Reply::default()), GeneratorState::Complete(())));
/// ```
#[derive(Debug)]
pub struct YieldNow {
    stage: u8,
}

impl Generator<Reply> for YieldNow {
    type Yield = Request;
    type Return = ();

    #[inline(always)]
    fn resume(&mut self, _reply: Reply) -> GeneratorState<Request, ()> {
        // Stage 0 is known where `yield_now()` was just made, so the first resume folds away
        // inside the delegating task; the second is one compare.
        match self.stage {
            0 => {
                self.stage = 1;
                GeneratorState::Yielded(Request(Op::YieldNow))
            }
            1 => {
                self.stage = 2;
                GeneratorState::Complete(())
            }
            _ => resumed_after_completion("YieldNow"),
        }
    }
}

/// Reads the scheduler's clock: the time since the scheduler was created (virtual or real).
/// Does not suspend the task.
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{now, sleep, Scheduler};
/// let mut sched = Scheduler::new();
/// sched.run_until_complete(sleep(Duration::from_secs(3)));
/// assert_eq!(sched.run_until_complete(now()), Duration::from_secs(3));
/// ```
pub fn now() -> Now {
    Now { stage: 0 }
}

/// A generator that returns the scheduler's time; made by [`now`].
///
/// ```
/// use coro_core::sched::{now, run};
/// assert_eq!(run(now()), std::time::Duration::ZERO);
/// ```
#[derive(Debug)]
pub struct Now {
    stage: u8,
}

impl Generator<Reply> for Now {
    type Yield = Request;
    type Return = Duration;

    fn resume(&mut self, reply: Reply) -> GeneratorState<Request, Duration> {
        self.stage += 1;
        match (self.stage, reply.0) {
            (1, _) => GeneratorState::Yielded(Request(Op::Now)),
            (2, ReplyKind::Now(t)) => GeneratorState::Complete(t),
            (2, _) => not_from_scheduler("now"),
            _ => resumed_after_completion("Now"),
        }
    }
}

/// The id of the task that runs it. Does not suspend the task.
///
/// ```
/// use coro_core::sched::{current_task, Scheduler};
/// let mut sched = Scheduler::new();
/// let h = sched.spawn(current_task());
/// let id = h.id();
/// assert_eq!(sched.run_until_complete(h.join()).unwrap(), id);
/// ```
pub fn current_task() -> CurrentTask {
    CurrentTask { stage: 0 }
}

/// A generator that returns the running task's id; made by [`current_task`].
///
/// ```
/// use coro_core::sched::{current_task, run};
/// assert_eq!(run(current_task()).as_u64(), 1);
/// ```
#[derive(Debug)]
pub struct CurrentTask {
    stage: u8,
}

impl Generator<Reply> for CurrentTask {
    type Yield = Request;
    type Return = TaskId;

    fn resume(&mut self, reply: Reply) -> GeneratorState<Request, TaskId> {
        self.stage += 1;
        match (self.stage, reply.0) {
            (1, _) => GeneratorState::Yielded(Request(Op::Current)),
            (2, ReplyKind::Task(id)) => GeneratorState::Complete(id),
            (2, _) => not_from_scheduler("current_task"),
            _ => resumed_after_completion("CurrentTask"),
        }
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn not_from_scheduler(what: &str) -> ! {
    panic!("coro::sched::{what}: the reply did not come from a scheduler (run this generator as a scheduler task)")
}

/// Spawns a task from inside a task (asyncio's `create_task`) and returns its [`JoinHandle`].
/// The new task is queued at the back of the ready queue; the spawner keeps running (no
/// switch). Spawned tasks must be `'static`: they outlive the spawner's stack frame. The spawn
/// site is recorded for deadlock reports.
///
/// In a `#[coro::coroutine]` task: `let handle = yield_from!(spawn(worker(3)));` then, later,
/// `let value = yield_from!(handle.join())?;`.
///
/// ```
/// use coro_core::sched::{now, spawn, Scheduler};
/// let mut sched = Scheduler::new();
/// // `spawn` is itself a generator, so it can even be the main task:
/// let handle = sched.run_until_complete(spawn(now()));
/// assert_eq!(sched.run_until_complete(handle.join()).unwrap(), std::time::Duration::ZERO);
/// ```
#[track_caller]
pub fn spawn<G>(task: G) -> Spawn<G>
where
    G: Generator<Reply, Yield = Request> + 'static,
{
    Spawn { state: SpawnState::Start(task, Location::caller()) }
}

/// A generator that spawns a task; made by [`spawn`].
///
/// ```
/// use coro_core::{Generator, GeneratorState};
/// use coro_core::sched::{spawn, yield_now, Reply};
/// let mut s = spawn(yield_now());
/// assert!(s.resume(Reply::default()).is_yielded()); // the spawn request
/// ```
pub struct Spawn<G: Generator<Reply>> {
    state: SpawnState<G>,
}

enum SpawnState<G: Generator<Reply>> {
    Start(G, &'static Location<'static>),
    Spawned(JoinHandle<G::Return>),
    Done,
}

impl<G: Generator<Reply>> fmt::Debug for Spawn<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            SpawnState::Start(_, at) => return f.debug_struct("Spawn").field("at", at).finish(),
            SpawnState::Spawned(h) => h.id(),
            SpawnState::Done => TaskId(0),
        };
        f.debug_struct("Spawn").field("task", &state).finish()
    }
}

impl<G> Generator<Reply> for Spawn<G>
where
    G: Generator<Reply, Yield = Request> + 'static,
{
    type Yield = Request;
    type Return = JoinHandle<G::Return>;

    fn resume(&mut self, _reply: Reply) -> GeneratorState<Request, JoinHandle<G::Return>> {
        match core::mem::replace(&mut self.state, SpawnState::Done) {
            SpawnState::Start(generator, at) => {
                let (task, handle) = new_task(generator, at);
                self.state = SpawnState::Spawned(handle);
                GeneratorState::Yielded(Request(Op::Spawn(task)))
            }
            SpawnState::Spawned(handle) => GeneratorState::Complete(handle),
            SpawnState::Done => resumed_after_completion("Spawn"),
        }
    }
}

/// Runs `task` (any task generator, delegated to inline: not a separate task) with a time
/// limit, like asyncio's `wait_for`: returns `Ok(value)` if it completes within `limit`, else
/// drops it (its locals are dropped, as on cancellation) and returns `Err(Elapsed)`.
///
/// The limit is checked whenever the inner generator waits (sleeps, waits on a channel or a
/// join) and after each of its `yield_now`s; an inner generator that never suspends cannot be
/// interrupted. Timeouts nest.
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{channel, sleep, timeout, Scheduler};
/// let mut sched = Scheduler::new();
/// let (tx, rx) = channel::<u8>(1);
/// let r = sched.run_until_complete(timeout(Duration::from_secs(5), rx.recv()));
/// assert!(r.is_err());
/// assert_eq!(sched.now(), Duration::from_secs(5));
/// tx.try_send(1).unwrap();
/// assert_eq!(sched.run_until_complete(timeout(Duration::from_secs(5), rx.recv())), Ok(Some(1)));
/// assert_eq!(sched.run_until_complete(timeout(Duration::from_secs(2), sleep(Duration::from_secs(1)))), Ok(()));
/// ```
pub fn timeout<G>(limit: Duration, task: G) -> Timeout<G>
where
    G: Generator<Reply, Yield = Request>,
{
    Timeout { inner: Some(task), limit, deadline: Duration::ZERO, pending: Pending::Start }
}

/// The error of a [`timeout`] whose limit passed.
///
/// ```
/// use coro_core::sched::Elapsed;
/// assert_eq!(Elapsed.to_string(), "deadline has elapsed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elapsed;

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("deadline has elapsed")
    }
}

impl std::error::Error for Elapsed {}

/// What the wrapper yielded last, so it knows how to read the reply.
#[derive(Clone, Copy, Debug)]
enum Pending {
    Start,
    Now,
    Forward,
    ForwardYield,
    CheckClock,
    Park,
    ParkUntil(Duration),
    SleepFor(Duration),
    SleepUntil(Duration),
    Done,
}

/// A generator running another one with a time limit; made by [`timeout`].
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{run, sleep, timeout};
/// assert!(run(timeout(Duration::from_secs(1), sleep(Duration::from_secs(2)))).is_err());
/// ```
pub struct Timeout<G> {
    inner: Option<G>,
    limit: Duration,
    deadline: Duration,
    pending: Pending,
}

impl<G> fmt::Debug for Timeout<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timeout").field("limit", &self.limit).field("state", &self.pending).finish()
    }
}

impl<G> Timeout<G>
where
    G: Generator<Reply, Yield = Request>,
{
    fn resume_inner(&mut self, reply: Reply) -> GeneratorState<Request, Result<G::Return, Elapsed>> {
        let Some(inner) = self.inner.as_mut() else { resumed_after_completion("Timeout") };
        match inner.resume(reply) {
            GeneratorState::Complete(v) => {
                self.pending = Pending::Done;
                self.inner = None;
                GeneratorState::Complete(Ok(v))
            }
            GeneratorState::Yielded(Request(op)) => {
                let (pending, op) = match op {
                    Op::Park(list) => (Pending::Park, Op::ParkUntil(list, self.deadline)),
                    Op::ParkUntil(list, d) => (Pending::ParkUntil(d), Op::ParkUntil(list, d.min(self.deadline))),
                    Op::Sleep(d) => (Pending::SleepFor(d), Op::Now),
                    Op::SleepUntil(d) => (Pending::SleepUntil(d), Op::SleepUntil(d.min(self.deadline))),
                    Op::YieldNow => (Pending::ForwardYield, Op::YieldNow),
                    op @ (Op::Spawn(_) | Op::Now | Op::Current) => (Pending::Forward, op),
                };
                self.pending = pending;
                GeneratorState::Yielded(Request(op))
            }
        }
    }

    fn elapsed(&mut self) -> GeneratorState<Request, Result<G::Return, Elapsed>> {
        self.pending = Pending::Done;
        self.inner = None;
        GeneratorState::Complete(Err(Elapsed))
    }
}

fn reply_now(reply: Reply) -> Duration {
    match reply.0 {
        ReplyKind::Now(t) => t,
        _ => not_from_scheduler("timeout"),
    }
}

impl<G> Generator<Reply> for Timeout<G>
where
    G: Generator<Reply, Yield = Request>,
{
    type Yield = Request;
    type Return = Result<G::Return, Elapsed>;

    fn resume(&mut self, reply: Reply) -> GeneratorState<Request, Result<G::Return, Elapsed>> {
        let resumed = Reply(ReplyKind::Resumed);
        match self.pending {
            Pending::Start => {
                self.pending = Pending::Now;
                GeneratorState::Yielded(Request(Op::Now))
            }
            Pending::Now => {
                self.deadline = reply_now(reply).saturating_add(self.limit);
                self.resume_inner(Reply::default())
            }
            Pending::Forward => self.resume_inner(reply),
            Pending::ForwardYield => {
                self.pending = Pending::CheckClock;
                GeneratorState::Yielded(Request(Op::Now))
            }
            Pending::CheckClock => {
                if reply_now(reply) >= self.deadline {
                    self.elapsed()
                } else {
                    self.resume_inner(resumed)
                }
            }
            Pending::Park => match reply.0 {
                ReplyKind::TimedOut => self.elapsed(),
                _ => self.resume_inner(reply),
            },
            Pending::ParkUntil(d) => match reply.0 {
                ReplyKind::TimedOut if self.deadline <= d => self.elapsed(),
                _ => self.resume_inner(reply),
            },
            Pending::SleepFor(d) => {
                let until = reply_now(reply).saturating_add(d);
                self.pending = Pending::SleepUntil(until);
                GeneratorState::Yielded(Request(Op::SleepUntil(until.min(self.deadline))))
            }
            Pending::SleepUntil(until) => {
                if until <= self.deadline {
                    self.resume_inner(resumed)
                } else {
                    self.elapsed()
                }
            }
            Pending::Done => resumed_after_completion("Timeout"),
        }
    }
}

/// Waits for every task, in argument order, and returns their results in that order (asyncio's
/// `gather(..., return_exceptions=True)`: a failed task gives an `Err` in its place, the others
/// are still awaited).
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{join_all, now, sleep, Scheduler};
/// let mut sched = Scheduler::new();
/// let a = sched.spawn(sleep(Duration::from_secs(2)));
/// let b = sched.spawn(sleep(Duration::from_secs(1)));
/// let results = sched.run_until_complete(join_all(vec![a, b]));
/// assert!(results.iter().all(Result::is_ok));
/// assert_eq!(sched.now(), Duration::from_secs(2));
/// ```
pub fn join_all<T>(handles: Vec<JoinHandle<T>>) -> JoinAll<T> {
    let n = handles.len();
    JoinAll { handles: handles.into_iter(), current: None, results: Some(Vec::with_capacity(n)) }
}

/// A generator joining several tasks; made by [`join_all`].
///
/// ```
/// use coro_core::sched::{join_all, run};
/// let none: Vec<coro_core::sched::JoinHandle<u8>> = Vec::new();
/// assert!(run(join_all(none)).is_empty());
/// ```
pub struct JoinAll<T> {
    handles: IntoIter<JoinHandle<T>>,
    current: Option<Join<T>>,
    results: Option<Vec<Result<T, JoinError>>>,
}

impl<T> fmt::Debug for JoinAll<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinAll")
            .field("remaining", &(self.handles.len() + usize::from(self.current.is_some())))
            .finish()
    }
}

impl<T> Generator<Reply> for JoinAll<T> {
    type Yield = Request;
    type Return = Vec<Result<T, JoinError>>;

    fn resume(&mut self, reply: Reply) -> GeneratorState<Request, Vec<Result<T, JoinError>>> {
        let Some(results) = self.results.as_mut() else { resumed_after_completion("JoinAll") };
        let mut reply = reply;
        loop {
            let join = match self.current.as_mut() {
                Some(j) => j,
                None => match self.handles.next() {
                    Some(h) => {
                        reply = Reply::default(); // the new join's priming resume
                        self.current.insert(h.join())
                    }
                    None => break,
                },
            };
            match join.resume(reply) {
                GeneratorState::Yielded(r) => return GeneratorState::Yielded(r),
                GeneratorState::Complete(r) => {
                    results.push(r);
                    self.current = None;
                }
            }
        }
        match self.results.take() {
            Some(r) => GeneratorState::Complete(r),
            None => resumed_after_completion("JoinAll"),
        }
    }
}
