//! The scheduler: task table, ready queue, timers, the run loop and its errors.

use core::cell::{Cell, RefCell};
use core::cmp::Ordering;
use core::fmt;
use core::panic::Location;
use core::time::Duration;
use std::boxed::Box;
use std::collections::BinaryHeap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::string::{String, ToString};
use std::time::Instant;
use std::vec::Vec;

use super::task::{
    drop_catching, finish_cancel, new_task, payload_str, wake_from_timer, yielded, Body, ErasedTask, Header, JoinError,
    JoinHandle, Payload, Stash, State, Step, Task, TaskId, TaskRef,
};
use super::{Op, Reply, ReplyKind, Request};
use crate::{Generator, GeneratorState};

/// Which clock [`sleep`](super::sleep) and [`now`](super::now) use.
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{sleep, Clock, Scheduler};
///
/// // Virtual (the default): an hour passes instantly.
/// let mut sched = Scheduler::new();
/// assert_eq!(sched.clock(), Clock::Virtual);
/// sched.run_until_complete(sleep(Duration::from_secs(3600)));
/// assert_eq!(sched.now(), Duration::from_secs(3600));
///
/// // Real: the thread sleeps.
/// let mut sched = Scheduler::with_clock(Clock::Real);
/// let start = std::time::Instant::now();
/// sched.run_until_complete(sleep(Duration::from_millis(20)));
/// assert!(start.elapsed() >= Duration::from_millis(20));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Clock {
    /// Time stands still while any task can run; when every task waits and a timer is
    /// pending, the clock jumps to the earliest deadline. Deterministic: a test that sleeps an
    /// hour runs instantly. A task that polls the clock in a loop with `yield_now` (instead of
    /// sleeping) therefore spins forever.
    #[default]
    Virtual,
    /// Wall-clock time ([`std::time::Instant`]); when every task waits, the thread sleeps until
    /// the earliest deadline. Due timers are checked at the start of every scheduler turn, so
    /// busy tasks cannot starve them.
    Real,
}

/// A timer-heap entry. Ordered so that `BinaryHeap` (a max-heap) pops the earliest deadline
/// first, ties broken by spawn order.
struct Timer {
    deadline: Duration,
    seq: u64,
    token: u32,
    task: TaskRef,
}

impl Timer {
    fn key(&self) -> (Duration, u64, u32) {
        (self.deadline, self.seq, self.token)
    }

    fn is_live(&self) -> bool {
        let h = self.task.header();
        h.token.get() == self.token && h.has_timer.get() && matches!(h.state.get(), State::Sleeping | State::Parked)
    }
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Ordering {
        other.key().cmp(&self.key())
    }
}

/// The task table: a slab with a free list. A task knows its own index.
#[derive(Default)]
struct Slab {
    slots: Vec<Option<TaskRef>>,
    free: Vec<usize>,
    len: usize,
}

impl Slab {
    fn insert(&mut self, task: TaskRef) -> usize {
        self.len += 1;
        match self.free.pop() {
            Some(i) => {
                self.slots[i] = Some(task);
                i
            }
            None => {
                self.slots.push(Some(task));
                self.slots.len() - 1
            }
        }
    }

    fn remove(&mut self, index: usize, task: &ErasedTask) -> Option<TaskRef> {
        let slot = self.slots.get_mut(index)?;
        match slot {
            Some(t) if core::ptr::eq(t.header(), task.header()) => {
                self.len -= 1;
                self.free.push(index);
                slot.take()
            }
            _ => None,
        }
    }

    /// All tasks, in spawn order.
    fn sorted(&self) -> Vec<TaskRef> {
        let mut v: Vec<TaskRef> = self.slots.iter().flatten().cloned().collect();
        v.sort_by_key(|t| t.header().id.get());
        v
    }
}

/// State shared by the scheduler and its tasks. Every method borrows, mutates and releases: no
/// borrow is held while user code (a resume, a destructor) runs.
pub(crate) struct Core {
    /// Tasks readied since the current turn began (other than by a `yield_now` on the fast
    /// path), in order.
    ready: RefCell<Vec<TaskRef>>,
    /// Where the tasks at the end of `ready` go among the turn's requeued tasks: for each one
    /// readied after the turn requeued a task in place, the requeued count at that moment. The
    /// count only grows, so those tasks are a suffix of `ready`; the others go in front of every
    /// requeued task.
    marks: RefCell<Vec<usize>>,
    /// How many tasks the current turn has requeued in place so far (see [`Core::drive`]).
    requeued: Cell<usize>,
    /// The turn vector, empty between runs, kept for its capacity.
    spare: Cell<Vec<TaskRef>>,
    /// Where [`Core::merge_ready`] builds the next turn, kept for its capacity.
    merge_buf: Cell<Vec<TaskRef>>,
    /// Fills the turn vector's slot of a task taken out of it (never run).
    vacant: TaskRef,
    tasks: RefCell<Slab>,
    timers: RefCell<BinaryHeap<Timer>>,
    live_timers: Cell<usize>,
    now: Cell<Duration>,
    clock: Clock,
    start: Instant,
    next_id: Cell<u64>,
    unhandled: RefCell<Vec<JoinError>>,
}

impl Core {
    /// Queues a task. The inline part cannot panic (no landing pad, so the run loop need not
    /// keep the task on the stack for one); growing the queue is out of line.
    #[inline(always)]
    pub(crate) fn push_ready(&self, task: TaskRef) {
        if self.requeued.get() == 0 {
            if let Ok(mut ready) = self.ready.try_borrow_mut() {
                if ready.len() < ready.capacity() {
                    ready.push(task);
                    return;
                }
            }
        }
        self.push_ready_marked(task);
    }

    /// [`push_ready`](Core::push_ready) when the queue must grow, or the task must be marked.
    #[inline(never)]
    fn push_ready_marked(&self, task: TaskRef) {
        let after = self.requeued.get();
        if after != 0 {
            self.marks.borrow_mut().push(after);
        }
        self.ready.borrow_mut().push(task);
    }

    pub(crate) fn timer_invalidated(&self) {
        self.live_timers.set(self.live_timers.get() - 1);
    }

    pub(crate) fn record_unhandled(&self, err: JoinError) {
        self.unhandled.borrow_mut().push(err);
    }

    pub(crate) fn remove_task(&self, task: &TaskRef) {
        let removed = self.tasks.borrow_mut().remove(task.header().index.get(), &**task);
        drop(removed);
    }

    fn current_time(&self) -> Duration {
        match self.clock {
            Clock::Virtual => self.now.get(),
            Clock::Real => {
                let t = self.start.elapsed();
                self.now.set(t);
                t
            }
        }
    }

    /// Registers a new task and queues its first step.
    fn bind(self: &Rc<Self>, task: TaskRef) {
        let h = task.header();
        if h.core.set(Rc::downgrade(self)).is_err() || h.state.get() != State::New {
            // A spawn request replayed by a hand-driven generator; the task already belongs to
            // a scheduler. Ignore it rather than run the task twice.
            return;
        }
        let id = self.next_id.get() + 1;
        self.next_id.set(id);
        h.id.set(TaskId(id));
        h.spawn_seq.set(id);
        h.index.set(self.tasks.borrow_mut().insert(task.clone()));
        h.state.set(State::Queued);
        h.reply.set(ReplyKind::Start);
        self.push_ready(task);
    }

    fn add_timer(&self, task: &TaskRef, deadline: Duration) {
        let h = task.header();
        h.has_timer.set(true);
        self.live_timers.set(self.live_timers.get() + 1);
        let timer = Timer { deadline, seq: h.spawn_seq.get(), token: h.token.get(), task: task.clone() };
        let len = {
            let mut timers = self.timers.borrow_mut();
            timers.push(timer);
            timers.len()
        };
        // Lazy deletion leaves stale entries; rebuild when they are the majority.
        if len > 64 && len > 2 * self.live_timers.get() {
            let old = core::mem::take(&mut *self.timers.borrow_mut());
            let (live, stale): (Vec<Timer>, Vec<Timer>) = old.into_vec().into_iter().partition(Timer::is_live);
            *self.timers.borrow_mut() = BinaryHeap::from(live);
            drop(stale);
        }
    }

    /// Moves every due timer's task to the ready queue, earliest deadline first, ties in spawn
    /// order.
    fn fire_due_timers(&self) {
        if self.live_timers.get() == 0 && self.timers.borrow().is_empty() {
            return;
        }
        let now = self.current_time();
        loop {
            let timer = {
                let mut timers = self.timers.borrow_mut();
                match timers.peek() {
                    Some(t) if t.deadline <= now => timers.pop(),
                    _ => None,
                }
            };
            let Some(timer) = timer else { break };
            if timer.is_live() {
                self.live_timers.set(self.live_timers.get() - 1);
                wake_from_timer(timer.task);
            }
        }
    }

    /// The earliest live deadline, dropping stale entries on the way.
    fn next_deadline(&self) -> Option<Duration> {
        loop {
            let stale = {
                let mut timers = self.timers.borrow_mut();
                match timers.peek() {
                    None => return None,
                    Some(t) if t.is_live() => return Some(t.deadline),
                    Some(_) => timers.pop(),
                }
            };
            drop(stale);
        }
    }

    fn advance_to(&self, deadline: Duration) {
        match self.clock {
            Clock::Virtual => {
                if deadline > self.now.get() {
                    self.now.set(deadline);
                }
            }
            Clock::Real => {
                let now = self.start.elapsed();
                if deadline > now {
                    std::thread::sleep(deadline - now);
                }
            }
        }
    }

    fn sleep_until(&self, task: &TaskRef, deadline: Duration) {
        let h = task.header();
        h.bump_token();
        h.state.set(State::Sleeping);
        self.add_timer(task, deadline);
    }

    fn park(&self, task: &TaskRef, h: &Header, list: Rc<super::task::WaitList>, deadline: Option<Duration>) {
        park_on(task, h, list);
        if let Some(deadline) = deadline {
            self.add_timer(task, deadline);
        }
    }

    /// The task completed, panicked, or was retired: take it out of the scheduler.
    fn finish(&self, task: &TaskRef, panic: Option<Payload>) {
        let h = task.header();
        h.state.set(State::Done);
        h.bump_token();
        h.clear_timer();
        self.remove_task(task);
        if let Some(payload) = panic {
            if let Some(err) = task.set_error(JoinError::panicked(h.id.get(), payload)) {
                self.record_unhandled(err);
            }
        }
        h.wake_joiners();
    }

    /// Runs tasks until the main task finishes, or (without one) until nothing can run.
    ///
    /// A turn runs the tasks of its vector front to back. A task that yields (the fast path)
    /// stays in the vector: it moves down over the slots of the tasks that left, so the first
    /// `requeued` slots hold the turn's requeued tasks, in order, and a switch touches no queue
    /// and no refcount. Every other readied task goes to `ready`, marked with the `requeued`
    /// count at that moment; the next turn merges the two by those marks, which keeps the whole
    /// queue FIFO.
    fn drive(self: &Rc<Self>, mut main: MainStep<'_>) -> Outcome {
        // If the run ends early (the main task finished, or a panic propagates), `turn`'s drop
        // puts the tasks it has not reached back at the front of the queue.
        let mut turn = Turn { core: self, tasks: self.spare.take(), next: 0, unwound: None };
        loop {
            if let Some(outcome) = self.start_turn(&mut turn.tasks, main.is_some()) {
                return outcome;
            }
            turn.next = 0;
            match self.run_turn(&mut turn, &mut main) {
                Ok(None) => turn.tasks.truncate(self.requeued.get()),
                Ok(Some(outcome)) => return outcome,
                Err(payload) => resume_unwind(payload),
            }
        }
    }

    /// Starts a turn: moves the due timers' tasks and then every other readied task into
    /// `tasks`, behind or among the tasks the last turn requeued there, in the order they were
    /// readied (tasks readied during the turn wait for the next one, as in asyncio's
    /// `_run_once`). When nothing is ready, moves the clock to the next deadline; without one,
    /// the run is over.
    fn start_turn(&self, tasks: &mut Vec<TaskRef>, has_main: bool) -> Option<Outcome> {
        loop {
            self.fire_due_timers();
            self.merge_ready(tasks);
            if !tasks.is_empty() {
                return None;
            }
            match self.next_deadline() {
                Some(deadline) => self.advance_to(deadline),
                None if has_main => return Some(Outcome::Deadlock),
                None => return Some(Outcome::Idle),
            }
        }
    }

    /// Merges `ready` into `tasks`, which holds the tasks requeued in place, by the marks.
    /// Resets the count.
    #[inline(always)]
    fn merge_ready(&self, tasks: &mut Vec<TaskRef>) {
        let requeued = self.requeued.replace(0);
        debug_assert_eq!(tasks.len(), requeued, "coro::sched: the turn vector holds only requeued tasks");
        if requeued == 0 {
            // Nothing requeued, so nothing marked: `ready` is the next turn as it stands.
            let mut ready = self.ready.borrow_mut();
            if !ready.is_empty() {
                core::mem::swap(tasks, &mut *ready);
            }
        } else {
            self.merge_marked(tasks);
        }
    }

    #[inline(never)]
    fn merge_marked(&self, tasks: &mut Vec<TaskRef>) {
        let mut ready = self.ready.borrow_mut();
        if ready.is_empty() {
            return;
        }
        let mut marks = self.marks.borrow_mut();
        let unmarked = ready.len() - marks.len();
        let mut merged = self.merge_buf.take();
        merged.extend(ready.drain(..unmarked));
        let mut kept = tasks.drain(..);
        let mut taken = 0;
        for (after, task) in marks.drain(..).zip(ready.drain(..)) {
            merged.extend(kept.by_ref().take(after - taken));
            taken = after;
            merged.push(task);
        }
        merged.extend(kept);
        core::mem::swap(tasks, &mut merged);
        self.merge_buf.set(merged);
    }

    /// Runs the tasks of one turn, in order. `None`: the turn is over.
    ///
    /// One `catch_unwind` covers the turn rather than each resume (which would cost every
    /// switch a landing pad's worth of saved registers). A panic in a task's resume leaves the
    /// task's index in `turn.unwound`; the task is then finished as panicked and the turn goes
    /// on. Any other panic comes back as `Err`, to propagate.
    fn run_turn(self: &Rc<Self>, turn: &mut Turn<'_>, main: &mut MainStep<'_>) -> Result<Option<Outcome>, Payload> {
        loop {
            let payload = match catch_unwind(AssertUnwindSafe(|| self.run_tasks(turn, main))) {
                Ok(outcome) => return Ok(outcome),
                Err(payload) => payload,
            };
            let Some(index) = turn.unwound.take() else { return Err(payload) };
            if let Some(outcome) = self.resume_panicked(self.take(&mut turn.tasks[index]), payload) {
                return Ok(Some(outcome));
            }
        }
    }

    /// Resumes the turn's tasks from `turn.next` on. Only the fast path (a `yield_now` with no
    /// cancellation pending) is inline; everything else goes through [`Core::step_slow`]. If a
    /// resume unwinds, the task's index is left in `turn.unwound` for
    /// [`run_turn`](Core::run_turn).
    #[inline(always)]
    fn run_tasks(self: &Rc<Self>, turn: &mut Turn<'_>, main: &mut MainStep<'_>) -> Option<Outcome> {
        while let Some(task) = turn.tasks.get(turn.next) {
            let index = turn.next;
            turn.next += 1;
            let guard = Resuming { index, unwound: &mut turn.unwound };
            let step = task.run();
            core::mem::forget(guard);
            if step == Step::Requeue {
                let requeued = self.requeued.get();
                if requeued != index {
                    turn.tasks.swap(requeued, index);
                }
                self.requeued.set(requeued + 1);
                continue;
            }
            if let Some(outcome) = self.step_slow(&mut turn.tasks[index], step, main) {
                return Some(outcome);
            }
        }
        None
    }

    /// A task's resume panicked (caught by [`run_turn`](Core::run_turn)): drop its poisoned
    /// generator, which is never resumed again (dropping it drops its locals), and finish it.
    #[cold]
    #[inline(never)]
    fn resume_panicked(self: &Rc<Self>, task: TaskRef, payload: Payload) -> Option<Outcome> {
        drop(task.drop_generator());
        self.suspend(&task, task.header(), Suspension::Panicked(payload))
    }

    /// Resumes a task again in the slow path, catching a panic itself (it is not under the
    /// guard of [`run_tasks`](Core::run_tasks)).
    fn step_caught(task: &ErasedTask) -> Step {
        match catch_unwind(AssertUnwindSafe(|| task.step())) {
            Ok(step) => step,
            Err(payload) => {
                drop(task.drop_generator());
                task.header().stash_panic(payload)
            }
        }
    }

    /// The rest of [`run_tasks`](Core::run_tasks): resumes the main task's generator (which lives
    /// in `main`, not in the task), serves immediate requests (spawn, now, current task) and
    /// resumes again without a switch, until the task suspends. `slot` is the task's place in
    /// the turn vector: the general path takes a finished task out of it, so that the task's
    /// last reference goes when it finishes, not when the turn ends.
    #[inline(never)]
    fn step_slow(self: &Rc<Self>, slot: &mut TaskRef, step: Step, main: &mut MainStep<'_>) -> Option<Outcome> {
        // A park (a channel, a join) is the commonest wait: it goes on without the general
        // path's frame, and leaves the task in its slot. Both are tail calls, so the run loop's
        // call stays the same.
        if step == Step::Park {
            self.park_fast(slot, main)
        } else {
            self.step_general(slot, step, main)
        }
    }

    /// [`suspend`](Core::suspend)'s park, when no cancellation is pending.
    #[inline(never)]
    fn park_fast(self: &Rc<Self>, slot: &mut TaskRef, main: &mut MainStep<'_>) -> Option<Outcome> {
        let h = slot.header();
        if h.cancel_requested.get() {
            return self.step_general(slot, Step::Park, main);
        }
        park_on_stashed(slot, h);
        None
    }

    /// Takes a task out of its slot in the turn vector.
    fn take(&self, slot: &mut TaskRef) -> TaskRef {
        core::mem::replace(slot, self.vacant.clone())
    }

    #[inline(never)]
    fn step_general(self: &Rc<Self>, slot: &mut TaskRef, step: Step, main: &mut MainStep<'_>) -> Option<Outcome> {
        let h = slot.header();
        let outcome = self.step_task(slot, h, step, main);
        if step == Step::Skip || h.state.get() == State::Done {
            drop(self.take(slot));
        }
        outcome
    }

    #[inline(always)]
    fn step_task(self: &Rc<Self>, task: &TaskRef, h: &Header, mut step: Step, main: &mut MainStep<'_>) -> Option<Outcome> {
        loop {
            let suspension = match step {
                Step::Skip => return None,
                Step::Requeue => unreachable!("coro::sched: a requeue in the slow path"),
                Step::Main => {
                    step = match main {
                        Some(f) => f(h),
                        None => Step::Gone,
                    };
                    continue;
                }
                Step::Yield => match h.stash.take() {
                    Stash::Request(op) => match self.serve_immediate(h, op) {
                        Ok(reply) => {
                            h.reply.set(reply);
                            step = Self::step_caught(&**task);
                            continue;
                        }
                        Err(op) => Suspension::Wait(op),
                    },
                    Stash::Panic(_) | Stash::Empty => unreachable!("coro::sched: a yield without its request"),
                },
                Step::Park => Suspension::Park,
                Step::Switch => Suspension::Switch,
                Step::Done => Suspension::Done,
                Step::Panicked => match h.stash.take() {
                    Stash::Panic(payload) => Suspension::Panicked(payload),
                    Stash::Request(_) | Stash::Empty => unreachable!("coro::sched: a panic without its payload"),
                },
                Step::Gone => Suspension::Gone,
            };
            return self.suspend(task, h, suspension);
        }
    }

    /// Serves a request that needs no switch (spawn, now, current task) and returns the reply
    /// to resume with; any other request comes back.
    fn serve_immediate(self: &Rc<Self>, h: &Header, op: Op) -> Result<ReplyKind, Op> {
        match op {
            Op::Spawn(new) => {
                self.bind(new);
                Ok(ReplyKind::Resumed)
            }
            Op::Now => Ok(ReplyKind::Now(self.current_time())),
            Op::Current => Ok(ReplyKind::Task(h.id.get())),
            op => Err(op),
        }
    }

    /// The task suspended on a timer or a wait list, completed, panicked, or must be cancelled.
    #[inline(always)]
    fn suspend(self: &Rc<Self>, task: &TaskRef, h: &Header, step: Suspension) -> Option<Outcome> {
        let mut requeue = false;
        let outcome = match step {
            Suspension::Switch => {
                h.bump_token();
                h.reply.set(ReplyKind::Resumed);
                h.state.set(State::Queued);
                requeue = true;
                None
            }
            Suspension::Wait(op) => {
                match op {
                    Op::YieldNow | Op::Sleep(Duration::ZERO) => {
                        h.bump_token();
                        h.reply.set(ReplyKind::Resumed);
                        h.state.set(State::Queued);
                        requeue = true;
                    }
                    Op::Sleep(d) => {
                        let deadline = self.current_time().saturating_add(d);
                        self.sleep_until(task, deadline);
                    }
                    Op::SleepUntil(deadline) => self.sleep_until(task, deadline),
                    Op::Park(list) => self.park(task, h, list, None),
                    Op::ParkUntil(list, deadline) => self.park(task, h, list, Some(deadline)),
                    Op::Spawn(_) | Op::Now | Op::Current => unreachable!("coro::sched: immediate request"),
                }
                None
            }
            Suspension::Park => {
                park_on_stashed(task, h);
                None
            }
            Suspension::Done => {
                self.finish(task, None);
                h.is_main.then_some(Outcome::MainDone)
            }
            Suspension::Panicked(payload) => {
                if h.is_main {
                    self.finish(task, None);
                    Some(Outcome::MainPanicked(payload))
                } else {
                    self.finish(task, Some(payload));
                    None
                }
            }
            Suspension::Gone => {
                self.finish(task, None);
                None
            }
        };
        if h.cancel_requested.replace(false) {
            if let Some(payload) = finish_cancel(task) {
                self.record_unhandled(JoinError::panicked(h.id.get(), payload));
            }
        }
        if requeue && h.state.get() == State::Queued {
            self.push_ready(task.clone());
        }
        outcome
    }

    fn blocked_report(&self) -> Deadlock {
        let tasks = self.tasks.borrow().sorted();
        let blocked = tasks
            .iter()
            .filter(|t| t.header().state.get() == State::Parked)
            .map(|t| {
                let h = t.header();
                let list = h.parked_on.take();
                let waiting = match &list {
                    Some(list) => list.kind.to_string(),
                    None => String::from("waiting"),
                };
                h.parked_on.set(list);
                BlockedTask { id: h.id.get(), spawned_at: h.spawned_at, is_main: h.is_main, waiting }
            })
            .collect();
        Deadlock { blocked }
    }

    /// Takes every task out and drops its generator (scheduler drop).
    fn teardown(&self) {
        let tasks = {
            let mut table = self.tasks.borrow_mut();
            let tasks = table.sorted();
            *table = Slab::default();
            tasks
        };
        for t in &tasks {
            let h = t.header();
            h.state.set(State::Done);
            h.bump_token();
            h.has_timer.set(false);
            let parked = h.parked_on.take();
            if let Some(list) = parked {
                list.remove(&**t);
            }
            let woken = h.woken_from.take();
            drop(woken);
        }
        let ready = core::mem::take(&mut *self.ready.borrow_mut());
        let timers = core::mem::take(&mut *self.timers.borrow_mut());
        self.live_timers.set(0);
        drop(ready);
        drop(timers);
        for t in &tasks {
            let h = t.header();
            // Destructor panics are swallowed here: the scheduler itself is being dropped.
            drop(t.drop_generator());
            let err = JoinError::cancelled(h.id.get());
            drop(t.set_error(err));
            h.wake_joiners();
        }
        drop_catching(tasks);
    }
}

/// Parks a task on the list already in its `parked_on` (left there by `Header::stash_park`).
/// No timer: without one the frame stays small (a park is the commonest wait).
fn park_on_stashed(task: &TaskRef, h: &Header) {
    let Some(list) = h.parked_on.take() else { unreachable!("coro::sched: parking without a list") };
    park_on(task, h, list);
}

#[inline]
fn park_on(task: &TaskRef, h: &Header, list: Rc<super::task::WaitList>) {
    let token = h.bump_token();
    list.push(task.clone(), token);
    h.parked_on.set(Some(list));
    h.state.set(State::Parked);
}

/// The turn vector and where the run loop is in it: `tasks[..requeued]` are the tasks the turn
/// requeued (`requeued` lives in the core, where a wake reads it), `tasks[requeued..next]` are
/// vacant, `tasks[next..]` have not run yet. Between turns it holds only the requeued tasks;
/// between runs it is empty and goes back to `spare` for its capacity. If the run ends early (the
/// main task finished, or a panic propagates out of the run loop), the tasks the turn has not
/// reached go back to the front of the ready queue, ahead of those readied during the turn.
struct Turn<'a> {
    core: &'a Core,
    tasks: Vec<TaskRef>,
    next: usize,
    /// The index of the task whose resume panicked, for [`Core::run_turn`]'s catch.
    unwound: Option<usize>,
}

impl Turn<'_> {
    #[cold]
    #[inline(never)]
    fn put_back(&mut self) {
        let core = self.core;
        if core.ready.try_borrow_mut().is_err() {
            return;
        }
        let unreached: Vec<TaskRef> = self.tasks.drain(self.next.min(self.tasks.len())..).collect();
        self.tasks.truncate(core.requeued.get());
        core.merge_ready(&mut self.tasks);
        core.ready.borrow_mut().extend(unreached.into_iter().chain(self.tasks.drain(..)));
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        if !self.tasks.is_empty() {
            self.put_back();
        }
        self.tasks.clear();
        self.core.spare.set(core::mem::take(&mut self.tasks));
    }
}

/// Guards the resume in the run loop's fast path. If the resume unwinds, the drop puts the
/// task's index in `unwound`, telling [`Core::run_turn`] that the panic came from a resume, and
/// whose. Otherwise the guard is forgotten: the fast path pays nothing for it.
struct Resuming<'a> {
    index: usize,
    unwound: &'a mut Option<usize>,
}

impl Drop for Resuming<'_> {
    fn drop(&mut self) {
        *self.unwound = Some(self.index);
    }
}

/// How the scheduler resumes the `run_until_complete` task, whose generator lives on the
/// caller's stack: a closure that works as [`Body::step`] does.
type MainStep<'a> = Option<&'a mut dyn FnMut(&Header) -> Step>;

/// How a task's step ended, for [`Core::suspend`].
enum Suspension {
    Switch,
    /// On the list in the task's `parked_on`.
    Park,
    Wait(Op),
    Done,
    Panicked(Payload),
    Gone,
}

enum Outcome {
    MainDone,
    MainPanicked(Payload),
    Deadlock,
    Idle,
}

/// The body of the stand-in registered for the `run_until_complete` task, whose generator lives
/// on the caller's stack (so it need not be `'static`). [`Core::vacant`] has one too: it is
/// never queued, so never stepped.
struct MainBody;

impl Body for MainBody {
    fn step(&self, _h: &Header) -> Step {
        Step::Main
    }
    fn drop_generator(&self) -> Option<Payload> {
        None
    }
    fn set_error(&self, _handle_alive: bool, _err: JoinError) -> Option<JoinError> {
        None
    }
}

/// A single-threaded scheduler (an event loop) for generator tasks.
///
/// A task is any `Generator<Reply, Yield = Request>`: it talks to the scheduler by yielding
/// [`Request`]s, which the helpers in this module ([`sleep`](super::sleep),
/// [`spawn`](super::spawn), [`Sender::send`](super::Sender::send), [`JoinHandle::join`], ...)
/// make; a `#[coro::coroutine]` task uses them with `yield_from!`.
///
/// # Order
/// The ready queue is FIFO. Work proceeds in turns: a turn first moves the tasks whose timers
/// are due to the back of the queue (earliest deadline first; equal deadlines in spawn order),
/// then runs the tasks that were ready when the turn began; tasks readied during the turn (by a
/// spawn, a send, a `yield_now`, ...) run in the next one, in the order they were readied. A
/// spawned task is queued at once but runs only when the spawner suspends, like asyncio's
/// `create_task`. When nothing is ready, the clock moves to the earliest deadline
/// ([`Clock::Virtual`] jumps, [`Clock::Real`] sleeps). With the virtual clock the whole order is
/// deterministic.
///
/// # Errors
/// * A panic in a spawned task is caught: the task is dropped and its [`JoinHandle`] reports
///   [`JoinError::is_panic`]; the scheduler and the other tasks carry on. If nobody holds the
///   handle, the error is kept for [`take_unhandled_panics`](Scheduler::take_unhandled_panics).
///   A panic in the task given to `run_until_complete` propagates out of it
///   (`try_run_until_complete` returns it). The panic hook still prints every panic; with
///   `panic = "abort"` nothing can be caught.
/// * A deadlock (the main task waits, nothing is ready, no timer is pending) makes
///   `run_until_complete` panic with a report of every blocked task, what it waits for and where
///   it was spawned; `try_run_until_complete` returns [`RunError::Deadlock`].
///
/// Tasks still alive when `run_until_complete` returns stay in the scheduler for the next run;
/// dropping the scheduler drops them (their handles then report cancellation).
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{channel, sleep, Scheduler};
///
/// let mut sched = Scheduler::new();
/// let (tx, rx) = channel::<&str>(4);
/// let sleeper = sched.spawn(sleep(Duration::from_secs(10)));
/// sched.spawn(tx.send("hello"));
/// assert_eq!(sched.run_until_complete(rx.recv()), Some("hello"));
/// sched.run_until_complete(sleeper.join()).unwrap();
/// assert_eq!(sched.now(), Duration::from_secs(10));
/// ```
pub struct Scheduler {
    core: Rc<Core>,
}

impl Default for Scheduler {
    /// Same as [`Scheduler::new`].
    fn default() -> Self {
        Scheduler::new()
    }
}

impl fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scheduler")
            .field("clock", &self.core.clock)
            .field("now", &self.now())
            .field("live_tasks", &self.live_tasks())
            .finish()
    }
}

impl Scheduler {
    /// A scheduler with the virtual clock.
    ///
    /// ```
    /// use coro_core::sched::Scheduler;
    /// let sched = Scheduler::new();
    /// assert_eq!(sched.live_tasks(), 0);
    /// ```
    pub fn new() -> Self {
        Scheduler::with_clock(Clock::Virtual)
    }

    /// A scheduler with the given clock.
    ///
    /// ```
    /// use coro_core::sched::{Clock, Scheduler};
    /// let sched = Scheduler::with_clock(Clock::Real);
    /// assert_eq!(sched.clock(), Clock::Real);
    /// ```
    pub fn with_clock(clock: Clock) -> Self {
        Scheduler {
            core: Rc::new(Core {
                ready: RefCell::new(Vec::with_capacity(64)),
                marks: RefCell::new(Vec::new()),
                requeued: Cell::new(0),
                spare: Cell::new(Vec::with_capacity(64)),
                merge_buf: Cell::new(Vec::new()),
                vacant: Rc::new(Task { header: Header::new(Location::caller(), false), body: MainBody }),
                tasks: RefCell::new(Slab::default()),
                timers: RefCell::new(BinaryHeap::new()),
                live_timers: Cell::new(0),
                now: Cell::new(Duration::ZERO),
                clock,
                start: Instant::now(),
                next_id: Cell::new(0),
                unhandled: RefCell::new(Vec::new()),
            }),
        }
    }

    /// The clock this scheduler uses.
    ///
    /// ```
    /// use coro_core::sched::{Clock, Scheduler};
    /// assert_eq!(Scheduler::new().clock(), Clock::Virtual);
    /// ```
    pub fn clock(&self) -> Clock {
        self.core.clock
    }

    /// The time since the scheduler was created: virtual time, or real elapsed time.
    ///
    /// ```
    /// use std::time::Duration;
    /// use coro_core::sched::{sleep, Scheduler};
    /// let mut sched = Scheduler::new();
    /// assert_eq!(sched.now(), Duration::ZERO);
    /// sched.run_until_complete(sleep(Duration::from_millis(1500)));
    /// assert_eq!(sched.now(), Duration::from_millis(1500));
    /// ```
    pub fn now(&self) -> Duration {
        self.core.current_time()
    }

    /// The number of tasks spawned and not yet finished (completed, panicked or cancelled).
    ///
    /// ```
    /// use coro_core::sched::{Scheduler, yield_now};
    /// let mut sched = Scheduler::new();
    /// sched.spawn(yield_now());
    /// assert_eq!(sched.live_tasks(), 1);
    /// sched.run_until_idle();
    /// assert_eq!(sched.live_tasks(), 0);
    /// ```
    pub fn live_tasks(&self) -> usize {
        self.core.tasks.borrow().len
    }

    /// Spawns a task from outside the scheduler (from inside a task, use
    /// [`spawn`](super::spawn) with `yield_from!`). The task is queued; it first runs during
    /// the next `run_until_complete` or `run_until_idle`. The spawn site is recorded for
    /// deadlock reports.
    ///
    /// ```
    /// use coro_core::sched::{now, Scheduler};
    /// let mut sched = Scheduler::new();
    /// let h = sched.spawn(now());
    /// assert_eq!(sched.run_until_complete(h.join()).unwrap(), std::time::Duration::ZERO);
    /// ```
    #[track_caller]
    pub fn spawn<G>(&self, task: G) -> JoinHandle<G::Return>
    where
        G: Generator<Reply, Yield = Request> + 'static,
    {
        let (task, handle) = new_task(task, Location::caller());
        self.core.bind(task);
        handle
    }

    /// Runs the scheduler until `main` completes, and returns its value (asyncio's
    /// `loop.run_until_complete`). `main` need not be `'static`: it stays on this stack frame.
    ///
    /// # Panics
    /// If `main` panics, the panic is resumed here. If every task is blocked with no timer
    /// pending while `main` has not completed, this panics with a deadlock report (see
    /// [`try_run_until_complete`](Scheduler::try_run_until_complete) to get it as a value).
    /// Either way the scheduler stays usable.
    ///
    /// ```
    /// use coro_core::sched::{channel, Scheduler};
    /// let mut sched = Scheduler::new();
    /// let (tx, rx) = channel::<i32>(1);
    /// sched.spawn(tx.send(1));
    /// assert_eq!(sched.run_until_complete(rx.recv()), Some(1));
    /// ```
    ///
    /// A deadlock is reported instead of hanging:
    ///
    /// ```should_panic
    /// use coro_core::sched::{channel, Scheduler};
    /// let (tx, rx) = channel::<i32>(1);
    /// // Nobody will ever send: "deadlock: ... waiting to receive on the channel created at ..."
    /// Scheduler::new().run_until_complete(rx.recv());
    /// # drop(tx);
    /// ```
    #[track_caller]
    pub fn run_until_complete<G>(&mut self, main: G) -> G::Return
    where
        G: Generator<Reply, Yield = Request>,
    {
        match self.run_main(main, Location::caller()) {
            Ok(v) => v,
            Err(RunError::Deadlock(d)) => panic!("{d}"),
            Err(RunError::Panicked(p)) => resume_unwind(p),
        }
    }

    /// Like [`run_until_complete`](Scheduler::run_until_complete), but returns a deadlock or a
    /// panic of `main` as a [`RunError`].
    ///
    /// ```
    /// use coro_core::sched::{channel, RunError, Scheduler};
    /// let (tx, rx) = channel::<i32>(1);
    /// let mut sched = Scheduler::new();
    /// match sched.try_run_until_complete(rx.recv()) {
    ///     Err(RunError::Deadlock(d)) => {
    ///         assert_eq!(d.blocked().len(), 1);
    ///         assert!(d.to_string().contains("waiting to receive on the channel created at"));
    ///     }
    ///     _ => unreachable!(),
    /// }
    /// // The scheduler is still usable.
    /// tx.try_send(5).unwrap();
    /// assert_eq!(sched.run_until_complete(rx.recv()), Some(5));
    /// ```
    #[track_caller]
    pub fn try_run_until_complete<G>(&mut self, main: G) -> Result<G::Return, RunError>
    where
        G: Generator<Reply, Yield = Request>,
    {
        self.run_main(main, Location::caller())
    }

    fn run_main<G>(&mut self, main: G, at: &'static Location<'static>) -> Result<G::Return, RunError>
    where
        G: Generator<Reply, Yield = Request>,
    {
        let proxy: TaskRef = Rc::new(Task { header: Header::new(at, true), body: MainBody });
        self.core.bind(proxy.clone());
        let mut generator = Some(main);
        let mut result = None;
        let outcome = {
            let mut step = |h: &Header| -> Step {
                let Some(g) = generator.as_mut() else { return Step::Gone };
                match catch_unwind(AssertUnwindSafe(|| g.resume(Reply(h.reply.get())))) {
                    Ok(GeneratorState::Yielded(request)) => yielded(request, h),
                    Ok(GeneratorState::Complete(value)) => {
                        result = Some(value);
                        Step::Done
                    }
                    Err(payload) => h.stash_panic(payload),
                }
            };
            self.core.drive(Some(&mut step))
        };
        let report = matches!(outcome, Outcome::Deadlock).then(|| self.core.blocked_report());
        // Retire the stand-in: it may still sit in a wait list or the timer heap.
        if let Some(payload) = finish_cancel(&proxy) {
            resume_unwind(payload);
        }
        drop(generator);
        match outcome {
            Outcome::MainDone => match result {
                Some(v) => Ok(v),
                None => unreachable!("coro::sched: main task finished without a value"),
            },
            Outcome::MainPanicked(p) => Err(RunError::Panicked(p)),
            Outcome::Deadlock | Outcome::Idle => Err(RunError::Deadlock(report.unwrap_or_default())),
        }
    }

    /// Runs every task until none can make progress: nothing ready and no timer pending
    /// (asyncio has no exact equivalent; futures' `LocalPool::run_until_stalled`). Returns how
    /// many tasks are still alive, all of them blocked (0 when everything finished). Not an
    /// error: something outside may still unblock them (a `try_send` from the caller, say).
    ///
    /// ```
    /// use coro_core::sched::{channel, Scheduler};
    /// let mut sched = Scheduler::new();
    /// let (tx, rx) = channel::<u8>(1);
    /// let h = sched.spawn(rx.recv());
    /// assert_eq!(sched.run_until_idle(), 1); // the receiver waits
    /// tx.try_send(3).unwrap();
    /// assert_eq!(sched.run_until_idle(), 0);
    /// assert_eq!(h.try_join().ok().unwrap().unwrap(), Some(3));
    /// ```
    pub fn run_until_idle(&mut self) -> usize {
        drop(self.core.drive(None));
        self.live_tasks()
    }

    /// The tasks currently waiting on a channel or a join, in spawn order, with what they wait
    /// for: the same entries a deadlock report lists. Useful after
    /// [`run_until_idle`](Scheduler::run_until_idle) returned a non-zero count.
    ///
    /// ```
    /// use coro_core::sched::{channel, Scheduler};
    /// let mut sched = Scheduler::new();
    /// let (_tx, rx) = channel::<u8>(1);
    /// sched.spawn(rx.recv());
    /// assert_eq!(sched.run_until_idle(), 1);
    /// let blocked = sched.blocked_tasks();
    /// assert!(blocked[0].to_string().starts_with("task #1 (spawned at"));
    /// assert!(blocked[0].waiting_for().starts_with("waiting to receive"));
    /// ```
    pub fn blocked_tasks(&self) -> Vec<BlockedTask> {
        self.core.blocked_report().blocked
    }

    #[cfg(test)]
    pub(crate) fn timer_heap_len(&self) -> usize {
        self.core.timers.borrow().len()
    }

    /// Takes the panics of tasks whose handles were dropped without joining them, in the order
    /// they happened.
    ///
    /// ```
    /// # use coro_core::{Generator, GeneratorState};
    /// use coro_core::sched::{Reply, Request, Scheduler};
    /// struct Boom;
    /// impl Generator<Reply> for Boom {
    ///     type Yield = Request;
    ///     type Return = ();
    ///     fn resume(&mut self, _: Reply) -> GeneratorState<Request, ()> { panic!("lost") }
    /// }
    /// let mut sched = Scheduler::new();
    /// drop(sched.spawn(Boom)); // detached
    /// sched.run_until_idle();
    /// let panics = sched.take_unhandled_panics();
    /// assert_eq!(panics[0].panic_message(), Some("lost"));
    /// ```
    pub fn take_unhandled_panics(&mut self) -> Vec<JoinError> {
        core::mem::take(&mut *self.core.unhandled.borrow_mut())
    }
}

impl Drop for Scheduler {
    /// Drops every task still alive (in spawn order), as asyncio's `run` cancels leftovers.
    /// Their handles report cancellation; panics from their destructors are swallowed.
    fn drop(&mut self) {
        self.core.teardown();
    }
}

/// Runs `main` on a new virtual-clock scheduler and returns its value, then drops every task
/// still alive (asyncio's `asyncio.run`). For the real clock, use
/// `Scheduler::with_clock(Clock::Real).run_until_complete(main)`.
///
/// # Panics
/// As [`Scheduler::run_until_complete`].
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{run, sleep};
/// run(sleep(Duration::from_secs(86_400))); // a virtual day, instantly
/// ```
#[track_caller]
pub fn run<G>(main: G) -> G::Return
where
    G: Generator<Reply, Yield = Request>,
{
    Scheduler::new().run_until_complete(main)
}

/// Why [`Scheduler::try_run_until_complete`] returned without a value.
///
/// ```
/// use coro_core::sched::{channel, RunError, Scheduler};
/// let (_tx, rx) = channel::<u8>(1);
/// let err = Scheduler::new().try_run_until_complete(rx.recv()).unwrap_err();
/// assert!(matches!(err, RunError::Deadlock(_)));
/// assert!(err.to_string().starts_with("deadlock"));
/// ```
pub enum RunError {
    /// Every task was blocked and no timer was pending.
    Deadlock(Deadlock),
    /// The main task panicked; the payload, for [`std::panic::resume_unwind`].
    Panicked(Box<dyn core::any::Any + Send + 'static>),
}

impl fmt::Debug for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Deadlock(d) => f.debug_tuple("Deadlock").field(d).finish(),
            RunError::Panicked(p) => {
                f.debug_tuple("Panicked").field(&payload_str(&**p).unwrap_or("<non-string payload>")).finish()
            }
        }
    }
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Deadlock(d) => d.fmt(f),
            RunError::Panicked(p) => match payload_str(&**p) {
                Some(m) => write!(f, "the main task panicked: {m}"),
                None => f.write_str("the main task panicked"),
            },
        }
    }
}

impl std::error::Error for RunError {}

/// A deadlock report: the tasks that were blocked, in spawn order.
///
/// ```
/// use coro_core::sched::{channel, RunError, Scheduler};
/// let (tx, rx) = channel::<u8>(1);
/// let mut sched = Scheduler::new();
/// let waiter = sched.spawn(rx.recv());
/// let Err(RunError::Deadlock(d)) = sched.try_run_until_complete(waiter.join()) else { panic!() };
/// let text = d.to_string();
/// assert!(text.contains("task #1 (spawned at"), "{text}");
/// assert!(text.contains("task #2 (main task, started at"), "{text}");
/// assert!(text.contains("waiting to join task #1"), "{text}");
/// # drop(tx);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Deadlock {
    blocked: Vec<BlockedTask>,
}

impl Deadlock {
    /// The blocked tasks, in spawn order.
    ///
    /// ```
    /// use coro_core::sched::{channel, RunError, Scheduler};
    /// let (_tx, rx) = channel::<u8>(1);
    /// let Err(RunError::Deadlock(d)) = Scheduler::new().try_run_until_complete(rx.recv()) else { panic!() };
    /// assert!(d.blocked()[0].is_main());
    /// ```
    pub fn blocked(&self) -> &[BlockedTask] {
        &self.blocked
    }
}

impl fmt::Display for Deadlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "deadlock: every task is blocked and no timer is pending ({} blocked task{})",
            self.blocked.len(),
            if self.blocked.len() == 1 { "" } else { "s" }
        )?;
        for b in &self.blocked {
            write!(f, "\n  {b}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Deadlock {}

/// One entry of a [`Deadlock`] report.
///
/// ```
/// use coro_core::sched::{channel, RunError, Scheduler};
/// let (tx, _rx) = channel::<u8>(1);
/// tx.try_send(1).unwrap(); // now full
/// let Err(RunError::Deadlock(d)) = Scheduler::new().try_run_until_complete(tx.send(2)) else { panic!() };
/// let b = &d.blocked()[0];
/// assert_eq!(b.id().as_u64(), 1);
/// assert!(b.waiting_for().starts_with("waiting to send on the full channel created at"));
/// assert!(b.spawned_at().file().ends_with(".rs"));
/// ```
#[derive(Clone, Debug)]
pub struct BlockedTask {
    id: TaskId,
    spawned_at: &'static Location<'static>,
    is_main: bool,
    waiting: String,
}

impl BlockedTask {
    /// The task's id.
    ///
    /// ```
    /// # use coro_core::sched::{channel, RunError, Scheduler};
    /// # let (_tx, rx) = channel::<u8>(1);
    /// # let Err(RunError::Deadlock(d)) = Scheduler::new().try_run_until_complete(rx.recv()) else { panic!() };
    /// assert_eq!(d.blocked()[0].id().to_string(), "task #1");
    /// ```
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// Where the task was spawned (or where `run_until_complete` was called, for the main task).
    ///
    /// ```
    /// # use coro_core::sched::{channel, RunError, Scheduler};
    /// # let (_tx, rx) = channel::<u8>(1);
    /// # let Err(RunError::Deadlock(d)) = Scheduler::new().try_run_until_complete(rx.recv()) else { panic!() };
    /// assert!(d.blocked()[0].spawned_at().line() > 0);
    /// ```
    pub fn spawned_at(&self) -> &'static Location<'static> {
        self.spawned_at
    }

    /// Whether this is the task given to `run_until_complete`.
    ///
    /// ```
    /// # use coro_core::sched::{channel, RunError, Scheduler};
    /// # let (_tx, rx) = channel::<u8>(1);
    /// # let Err(RunError::Deadlock(d)) = Scheduler::new().try_run_until_complete(rx.recv()) else { panic!() };
    /// assert!(d.blocked()[0].is_main());
    /// ```
    pub fn is_main(&self) -> bool {
        self.is_main
    }

    /// What the task waits for, in words ("waiting to receive on the channel created at ...").
    ///
    /// ```
    /// # use coro_core::sched::{channel, RunError, Scheduler};
    /// # let (_tx, rx) = channel::<u8>(1);
    /// # let Err(RunError::Deadlock(d)) = Scheduler::new().try_run_until_complete(rx.recv()) else { panic!() };
    /// assert!(d.blocked()[0].waiting_for().contains("receive"));
    /// ```
    pub fn waiting_for(&self) -> &str {
        &self.waiting
    }
}

impl fmt::Display for BlockedTask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_main {
            write!(f, "{} (main task, started at {}) is {}", self.id, self.spawned_at, self.waiting)
        } else {
            write!(f, "{} (spawned at {}) is {}", self.id, self.spawned_at, self.waiting)
        }
    }
}
