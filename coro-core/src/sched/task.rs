//! Task internals: the shared header every task carries, the type-erased task object the
//! scheduler stores, wait lists, join handles and join errors.

use core::any::Any;
use core::cell::{Cell, OnceCell, RefCell};
use core::fmt;
use core::panic::Location;
use std::boxed::Box;
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::{Rc, Weak};
use std::string::String;

use super::scheduler::Core;
use super::{Op, Reply, ReplyKind, Request};
use crate::{Generator, GeneratorState};

/// The payload of a caught panic, as [`std::panic::catch_unwind`] returns it.
pub(crate) type Payload = Box<dyn Any + Send + 'static>;

/// A reference-counted, type-erased task. One allocation per spawned task holds the header, the
/// generator and the result slot; the scheduler, the wait lists, the timer heap and the
/// [`JoinHandle`] share it.
pub(crate) type TaskRef = Rc<ErasedTask>;

/// A task whose type is erased.
pub(crate) type ErasedTask = dyn TaskObj;

/// A header followed by a body; erased to `dyn TaskObj` (and unsized to
/// `Task<dyn JoinTarget<T>>` for the handle).
pub(crate) struct Task<B: ?Sized> {
    pub(crate) header: Header,
    pub(crate) body: B,
}

/// The scheduler's view of a task. Erasing the whole task (rather than only its body, behind a
/// header at a fixed offset) costs a virtual call to reach the header, but lets a switch make a
/// single virtual call, [`run`](TaskObj::run), inside which every field sits at a static
/// offset.
pub(crate) trait TaskObj {
    fn header(&self) -> &Header;
    /// The run loop's step: resumes the task if it is `Queued` or `Woken` (as [`Body::step`]
    /// does) and, for a `yield_now` with no cancellation pending, queues it again in the header
    /// (returning [`Step::Requeue`]: the caller keeps it for the next turn). A task cancelled
    /// or finished since it was queued is left alone ([`Step::Skip`]).
    fn run(&self) -> Step;
    /// Resumes the generator once (see [`Body::step`]).
    fn step(&self) -> Step;
    /// Drops the generator (cancellation, teardown). Returns the payload if its drop panicked.
    fn drop_generator(&self) -> Option<Payload>;
    /// Stores an error result (cancelled or panicked) unless a result is already there. Returns
    /// the error back if nobody can receive it (no handle left).
    fn set_error(&self, err: JoinError) -> Option<JoinError>;
}

impl<B: Body> TaskObj for Task<B> {
    #[inline]
    fn header(&self) -> &Header {
        &self.header
    }

    #[inline]
    fn run(&self) -> Step {
        let h = &self.header;
        let state = h.state.get();
        if state != State::Queued {
            if state != State::Woken {
                // Rare (cancelled or finished since queued); marking it keeps the `Queued`
                // test first.
                cold();
                return Step::Skip;
            }
            // The wake is used: nothing to pass on any more. Dropping the list runs no user
            // code: the tasks it may still hold are held by the scheduler's table too.
            drop(h.woken_from.take());
        }
        h.state.set(State::Running);
        let step = self.body.step(h);
        if step == Step::Switch && !h.cancel_requested.get() {
            // The hot path: no timer or wait-list entry carries the running task's token (the
            // wake that queued it made them stale), so the token stays as it is.
            h.reply.set(ReplyKind::Resumed);
            h.state.set(State::Queued);
            return Step::Requeue;
        }
        step
    }

    fn step(&self) -> Step {
        self.body.step(&self.header)
    }

    fn drop_generator(&self) -> Option<Payload> {
        self.body.drop_generator()
    }

    fn set_error(&self, err: JoinError) -> Option<JoinError> {
        self.body.set_error(self.header.handle_alive.get(), err)
    }
}

/// Identifies a task within its scheduler: tasks are numbered 1, 2, 3, ... in the order they are
/// spawned (the `run_until_complete` task included). Printed as `task #3`.
///
/// ```
/// use coro_core::sched::{Scheduler, yield_now};
/// let mut sched = Scheduler::new();
/// let a = sched.spawn(yield_now());
/// let b = sched.spawn(yield_now());
/// assert!(a.id() < b.id());
/// assert_eq!(a.id().to_string(), "task #1");
/// assert_eq!(b.id().as_u64(), 2);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaskId(pub(crate) u64);

impl TaskId {
    /// The number of the task: its position in spawn order, starting at 1 (0 for a task whose
    /// spawn has not reached a scheduler yet).
    ///
    /// ```
    /// use coro_core::sched::{Scheduler, yield_now};
    /// let sched = Scheduler::new();
    /// assert_eq!(sched.spawn(yield_now()).id().as_u64(), 1);
    /// ```
    pub fn as_u64(self) -> u64 {
        self.0
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "task #{}", self.0)
    }
}

/// Where a task is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// Created by `spawn`, not yet handed to a scheduler.
    New,
    /// In the ready queue.
    Queued,
    /// In the ready queue, woken by a wait list's wake-one: `woken_from` holds the list, so that
    /// the wake can be passed on if the task is cancelled before it runs.
    Woken,
    /// Being resumed right now.
    Running,
    /// Waiting on a wait list (maybe with a timer as well: `ParkUntil`).
    Parked,
    /// Waiting on a timer only.
    Sleeping,
    /// Completed, panicked or cancelled; never resumed again.
    Done,
}

/// What a task waits for; used in deadlock reports.
#[derive(Clone, Copy, Debug)]
pub(crate) enum WaitKind {
    Recv(&'static Location<'static>),
    Send(&'static Location<'static>),
    Join(TaskId),
}

impl fmt::Display for WaitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitKind::Recv(at) => write!(f, "waiting to receive on the channel created at {at}"),
            WaitKind::Send(at) => write!(f, "waiting to send on the full channel created at {at}"),
            WaitKind::Join(id) => write!(f, "waiting to join {id}"),
        }
    }
}

/// A FIFO of parked tasks. Channels own two (receivers, senders); a task owns one for its
/// joiners. Entries carry the task's wait token: an entry whose token is out of date (the task was
/// woken by a timer, or cancelled) is stale and skipped.
pub(crate) struct WaitList {
    waiters: RefCell<VecDeque<(TaskRef, u32)>>,
    pub(crate) kind: WaitKind,
}

impl WaitList {
    pub(crate) fn new(kind: WaitKind) -> Self {
        WaitList { waiters: RefCell::new(VecDeque::new()), kind }
    }

    #[inline]
    pub(crate) fn push(&self, task: TaskRef, token: u32) {
        self.waiters.borrow_mut().push_back((task, token));
    }

    /// Wakes the first waiter that is still waiting here. Returns whether one was woken.
    #[inline]
    pub(crate) fn wake_one(&self) -> bool {
        loop {
            // The borrow ends with the statement: a stale entry may hold the last reference to a
            // task, whose drop runs user code that may touch this list.
            let entry = self.waiters.borrow_mut().pop_front();
            let Some((task, token)) = entry else { return false };
            // One look at the header (a virtual call) serves the test and the wake.
            let h = task.header();
            if h.token.get() == token && h.state.get() == State::Parked {
                let core = mark_woken(h);
                push_to(core, task);
                return true;
            }
        }
    }

    /// Wakes every waiter, in FIFO order.
    pub(crate) fn wake_all(&self) {
        let all = core::mem::take(&mut *self.waiters.borrow_mut());
        for (task, token) in all {
            if is_waiting(&*task, token, State::Parked) {
                wake_from_list(task);
            }
        }
    }

    /// Removes a task (woken by its timer, or cancelled) from the list.
    pub(crate) fn remove(&self, task: &ErasedTask) {
        let removed = {
            let mut w = self.waiters.borrow_mut();
            let target = task.header() as *const Header;
            // Search from the back: a task that just timed out is usually among the oldest, a
            // cancelled one anywhere; both are rare next to wakes.
            match w.iter().rposition(|(t, _)| core::ptr::eq(t.header(), target)) {
                Some(i) => w.remove(i),
                None => None,
            }
        };
        drop(removed);
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.waiters.borrow().len()
    }
}

#[inline]
fn is_waiting(task: &ErasedTask, token: u32, state: State) -> bool {
    let h = task.header();
    h.token.get() == token && h.state.get() == state
}

/// The part of a task every holder can see. All `Cell`s: no borrow is held across user code.
pub(crate) struct Header {
    pub(crate) id: Cell<TaskId>,
    pub(crate) state: Cell<State>,
    /// Incremented at every new wait and every wake: timer entries and wait-list entries carry
    /// the token they were made with, so old ones are recognised as stale.
    pub(crate) token: Cell<u32>,
    /// What the next resume passes in.
    pub(crate) reply: Cell<ReplyKind>,
    /// What the last resume left for the scheduler's slow path besides its [`Step`].
    pub(crate) stash: Cell<Stash>,
    /// Whether the current wait has a live entry in the timer heap.
    pub(crate) has_timer: Cell<bool>,
    pub(crate) core: OnceCell<Weak<Core>>,
    pub(crate) spawn_seq: Cell<u64>,
    pub(crate) index: Cell<usize>,
    pub(crate) parked_on: Cell<Option<Rc<WaitList>>>,
    /// The list whose wake-one queued this task; if the task is cancelled before it runs, the
    /// wake is passed on to the next waiter there.
    pub(crate) woken_from: Cell<Option<Rc<WaitList>>>,
    pub(crate) cancel_requested: Cell<bool>,
    pub(crate) handle_alive: Cell<bool>,
    pub(crate) joiners: OnceCell<Rc<WaitList>>,
    pub(crate) spawned_at: &'static Location<'static>,
    pub(crate) is_main: bool,
}

impl Header {
    pub(crate) fn new(spawned_at: &'static Location<'static>, is_main: bool) -> Self {
        Header {
            id: Cell::new(TaskId(0)),
            state: Cell::new(State::New),
            token: Cell::new(0),
            reply: Cell::new(ReplyKind::Start),
            stash: Cell::new(Stash::Empty),
            has_timer: Cell::new(false),
            core: OnceCell::new(),
            spawn_seq: Cell::new(0),
            index: Cell::new(usize::MAX),
            parked_on: Cell::new(None),
            woken_from: Cell::new(None),
            cancel_requested: Cell::new(false),
            handle_alive: Cell::new(!is_main),
            joiners: OnceCell::new(),
            spawned_at,
            is_main,
        }
    }

    #[inline]
    pub(crate) fn bump_token(&self) -> u32 {
        let t = self.token.get().wrapping_add(1);
        self.token.set(t);
        t
    }

    #[inline]
    pub(crate) fn core(&self) -> Option<Rc<Core>> {
        self.core.get().and_then(Weak::upgrade)
    }

    pub(crate) fn joiners(&self) -> &Rc<WaitList> {
        self.joiners.get_or_init(|| Rc::new(WaitList::new(WaitKind::Join(self.id.get()))))
    }

    /// Wakes the tasks joining this one (if any ever parked).
    pub(crate) fn wake_joiners(&self) {
        if let Some(j) = self.joiners.get() {
            j.wake_all();
        }
    }

    /// The timer of the current wait is gone (fired, or the wait ended another way).
    #[inline]
    pub(crate) fn clear_timer(&self) {
        if self.has_timer.replace(false) {
            if let Some(core) = self.core() {
                core.timer_invalidated();
            }
        }
    }
}

/// Queues a task woken from a wait list (the list already removed its entry).
#[inline]
pub(crate) fn wake_from_list(task: TaskRef) {
    let core = mark_woken(task.header());
    push_to(core, task);
}

/// The header side of [`wake_from_list`]: returns the scheduler to queue the task on.
#[inline]
fn mark_woken(h: &Header) -> Option<Rc<Core>> {
    let list = h.parked_on.take();
    h.woken_from.set(list);
    h.clear_timer();
    h.reply.set(ReplyKind::Resumed);
    mark_queued(h, State::Woken)
}

/// Moves a task to a queued state (stale timer and wait-list entries are recognised by the
/// new token) and returns the scheduler to queue it on.
#[inline]
fn mark_queued(h: &Header, state: State) -> Option<Rc<Core>> {
    h.bump_token();
    h.state.set(state);
    h.core()
}

#[inline]
fn push_to(core: Option<Rc<Core>>, task: TaskRef) {
    if let Some(core) = core {
        core.push_ready(task);
    }
}

/// Queues a task whose timer fired: a sleeper gets `Resumed`, a task parked with a deadline
/// gets `TimedOut` and leaves its wait list.
pub(crate) fn wake_from_timer(task: TaskRef) {
    let h = task.header();
    h.has_timer.set(false);
    let list = h.parked_on.take();
    match list {
        Some(list) => {
            h.reply.set(ReplyKind::TimedOut);
            list.remove(&*task);
        }
        None => h.reply.set(ReplyKind::Resumed),
    }
    enqueue(task, State::Queued);
}

#[inline]
fn enqueue(task: TaskRef, state: State) {
    let core = mark_queued(task.header(), state);
    push_to(core, task);
}

/// What one resume of a task produced. Fieldless, so that it comes back in a register: the
/// request or panic payload of the slow cases waits in the header's [`Stash`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Yielded `Request(Op::YieldNow)`: the scheduler's fast path.
    Switch,
    /// Yielded another request, left in the stash.
    Yield,
    /// Yielded `Op::Park`, its list left in the header's `parked_on`.
    Park,
    /// Completed; the result is stored.
    Done,
    /// Panicked; the generator is dropped and the payload left in the stash.
    Panicked,
    /// The generator was already gone (dropped by a cancellation).
    Gone,
    /// The task is the `run_until_complete` stand-in: the scheduler resumes the caller's
    /// generator itself.
    Main,
    /// From [`TaskObj::run`]: a `yield_now` already queued again in the header; keep the task
    /// for the next turn.
    Requeue,
    /// From [`TaskObj::run`]: the task was cancelled or finished since it was queued.
    Skip,
}

/// What a resume hands to the scheduler besides its [`Step`].
#[derive(Default)]
pub(crate) enum Stash {
    #[default]
    Empty,
    Request(Op),
    Panic(Payload),
}

impl Header {
    /// Leaves a request for the scheduler. Out of line: only the fast path stays inline.
    #[inline(never)]
    pub(crate) fn stash_request(&self, op: Op) -> Step {
        drop(self.stash.replace(Stash::Request(op)));
        Step::Yield
    }

    /// Leaves the list a task parks on where a parked task keeps it (the commonest request
    /// besides `yield_now`: a channel or a join waiting), sparing the stash's round trip.
    #[inline(never)]
    pub(crate) fn stash_park(&self, list: Rc<WaitList>) -> Step {
        self.parked_on.set(Some(list));
        Step::Park
    }

    /// Leaves a panic payload for the scheduler.
    #[inline(never)]
    pub(crate) fn stash_panic(&self, payload: Payload) -> Step {
        drop(self.stash.replace(Stash::Panic(payload)));
        Step::Panicked
    }
}

/// Marks the path that calls it as unlikely (`core::hint::cold_path` is newer than the MSRV).
#[cold]
#[inline]
fn cold() {}

/// Turns a yielded request into a [`Step`], stashing it unless it is the fast path's
/// `YieldNow`.
#[inline(always)]
pub(crate) fn yielded(request: Request, h: &Header) -> Step {
    match request.0 {
        Op::YieldNow => Step::Switch,
        Op::Park(list) => h.stash_park(list),
        op => h.stash_request(op),
    }
}

/// The type-erased part of a task: implemented by [`TaskBody`] and by the stand-in the
/// scheduler registers for the `run_until_complete` task (whose generator lives on the caller's
/// stack).
pub(crate) trait Body {
    /// Resumes the generator once with the reply waiting in `h`. On completion the result is
    /// stored and the generator dropped. A panic unwinds out (the caller catches it and drops
    /// the generator); a panic in the generator's drop is caught and its payload stashed.
    fn step(&self, h: &Header) -> Step;
    /// Drops the generator. Returns the payload if its drop panicked.
    fn drop_generator(&self) -> Option<Payload>;
    /// Stores an error result unless a result is already there; gives it back if no handle
    /// can receive it.
    fn set_error(&self, handle_alive: bool, err: JoinError) -> Option<JoinError>;
}

/// Where a task's result waits for its handle.
pub(crate) enum Slot<T> {
    Pending,
    Ready(Result<T, JoinError>),
    Taken,
}

/// The body of a spawned task: its generator and its result slot.
pub(crate) struct TaskBody<G: Generator<Reply>> {
    generator: RefCell<Option<G>>,
    result: RefCell<Slot<G::Return>>,
}

impl<G> TaskBody<G>
where
    G: Generator<Reply, Yield = Request>,
{
    /// Stores the result of a completed generator.
    #[inline(never)]
    fn complete(&self, value: G::Return, h: &Header) -> Step {
        // Drop the finished generator now: whatever it still owns (a `Sender`, say) must not
        // outlive the task.
        if let Some(payload) = self.drop_generator() {
            drop_catching(value);
            return h.stash_panic(payload);
        }
        *self.result.borrow_mut() = Slot::Ready(Ok(value));
        Step::Done
    }
}

/// Drops a value, catching a panic from its destructor.
pub(crate) fn drop_catching<V>(v: V) -> Option<Payload> {
    catch_unwind(AssertUnwindSafe(move || drop(v))).err()
}

impl<G> Body for TaskBody<G>
where
    G: Generator<Reply, Yield = Request>,
{
    /// A panic in the resume unwinds out of here: the scheduler catches it around its run
    /// loop (see `Core::run_turn`) and drops the generator. Always inlined, into
    /// [`TaskObj::run`] in particular: a switch then makes a single call.
    #[inline(always)]
    fn step(&self, h: &Header) -> Step {
        let out = {
            let mut slot = self.generator.borrow_mut();
            let Some(generator) = slot.as_mut() else { return Step::Gone };
            generator.resume(Reply(h.reply.get()))
        };
        match out {
            GeneratorState::Yielded(request) => yielded(request, h),
            GeneratorState::Complete(value) => self.complete(value, h),
        }
    }

    fn drop_generator(&self) -> Option<Payload> {
        let generator = self.generator.borrow_mut().take();
        generator.and_then(drop_catching)
    }

    fn set_error(&self, handle_alive: bool, err: JoinError) -> Option<JoinError> {
        let mut slot = self.result.borrow_mut();
        if !matches!(*slot, Slot::Pending) {
            return None;
        }
        if handle_alive {
            *slot = Slot::Ready(Err(err));
            None
        } else {
            *slot = Slot::Taken;
            Some(err)
        }
    }
}

/// The typed side of a task, seen by its [`JoinHandle`].
pub(crate) trait JoinTarget<T> {
    fn take_result(&self) -> Option<Result<T, JoinError>>;
    fn is_ready(&self) -> bool;
    /// Takes an unretrieved panic out of the slot (handle dropped without joining).
    fn take_panic(&self) -> Option<JoinError>;
}

impl<G> JoinTarget<G::Return> for TaskBody<G>
where
    G: Generator<Reply, Yield = Request>,
{
    fn take_result(&self) -> Option<Result<G::Return, JoinError>> {
        let mut slot = self.result.borrow_mut();
        match core::mem::replace(&mut *slot, Slot::Taken) {
            Slot::Ready(r) => Some(r),
            other => {
                *slot = other;
                None
            }
        }
    }

    fn is_ready(&self) -> bool {
        !matches!(*self.result.borrow(), Slot::Pending)
    }

    fn take_panic(&self) -> Option<JoinError> {
        let mut slot = self.result.borrow_mut();
        if let Slot::Ready(Err(e)) = &*slot {
            if e.is_panic() {
                if let Slot::Ready(Err(e)) = core::mem::replace(&mut *slot, Slot::Taken) {
                    return Some(e);
                }
            }
        }
        None
    }
}

/// Builds a task object and its handle from a generator.
pub(crate) fn new_task<G>(generator: G, spawned_at: &'static Location<'static>) -> (TaskRef, JoinHandle<G::Return>)
where
    G: Generator<Reply, Yield = Request> + 'static,
{
    let cell = Rc::new(Task {
        header: Header::new(spawned_at, false),
        body: TaskBody { generator: RefCell::new(Some(generator)), result: RefCell::new(Slot::Pending) },
    });
    let task: TaskRef = cell.clone();
    let target: Rc<Task<dyn JoinTarget<G::Return>>> = cell;
    (task.clone(), JoinHandle { task, target })
}

/// The owner's handle on a spawned task: join it (a generator that returns the task's result),
/// cancel it, or ask whether it has finished.
///
/// Dropping the handle *detaches* the task: it keeps running (as with tokio and asyncio). A
/// detached task's panic is kept by the scheduler as an unhandled panic
/// ([`Scheduler::take_unhandled_panics`](super::Scheduler::take_unhandled_panics)), like asyncio's
/// "Task exception was never retrieved".
///
/// ```
/// use std::time::Duration;
/// use coro_core::sched::{sleep, Scheduler};
///
/// let mut sched = Scheduler::new();
/// let h = sched.spawn(sleep(Duration::from_secs(5)));
/// assert!(!h.is_finished());
/// sched.run_until_complete(h.join()).unwrap();
/// assert_eq!(sched.now(), Duration::from_secs(5));
/// ```
pub struct JoinHandle<T> {
    task: TaskRef,
    target: Rc<Task<dyn JoinTarget<T>>>,
}

impl<T> JoinHandle<T> {
    /// The task's id.
    ///
    /// ```
    /// use coro_core::sched::{Scheduler, yield_now};
    /// let sched = Scheduler::new();
    /// let h = sched.spawn(yield_now());
    /// assert_eq!(h.id().to_string(), "task #1");
    /// ```
    pub fn id(&self) -> TaskId {
        self.task.header().id.get()
    }

    /// A generator that waits for the task to finish and returns its result: `Ok(value)`, or
    /// `Err` if the task panicked or was cancelled. Use it from a task with
    /// `yield_from!(handle.join())`, or pass it to
    /// [`run_until_complete`](super::Scheduler::run_until_complete). Consumes the handle, so a
    /// result is taken at most once.
    ///
    /// ```
    /// use coro_core::sched::{channel, Scheduler};
    /// let mut sched = Scheduler::new();
    /// let (tx, rx) = channel::<u32>(1);
    /// let receiver = sched.spawn(rx.recv());
    /// sched.spawn(tx.send(7));
    /// assert_eq!(sched.run_until_complete(receiver.join()).unwrap(), Some(7));
    /// ```
    pub fn join(self) -> Join<T> {
        Join { handle: Some(self) }
    }

    /// The result if the task has finished, or the handle back if it has not.
    ///
    /// ```
    /// use coro_core::sched::{now, Scheduler};
    /// let mut sched = Scheduler::new();
    /// let h = sched.spawn(now());
    /// let h = h.try_join().unwrap_err(); // not run yet
    /// sched.run_until_idle();
    /// assert!(h.try_join().unwrap().is_ok());
    /// ```
    pub fn try_join(self) -> Result<Result<T, JoinError>, JoinHandle<T>> {
        match self.target.body.take_result() {
            Some(r) => Ok(r),
            None => Err(self),
        }
    }

    /// Whether the task has completed, panicked or been cancelled.
    ///
    /// ```
    /// use coro_core::sched::{Scheduler, yield_now};
    /// let mut sched = Scheduler::new();
    /// let h = sched.spawn(yield_now());
    /// sched.run_until_idle();
    /// assert!(h.is_finished());
    /// ```
    pub fn is_finished(&self) -> bool {
        self.target.body.is_ready()
    }

    /// Cancels the task: drops its generator, so the locals it holds at its suspension point
    /// are dropped, once each, and its result becomes `Err(JoinError)` with
    /// [`is_cancelled`](JoinError::is_cancelled). Returns `false` if the task had already
    /// finished (nothing to cancel).
    ///
    /// The drop happens at once, inside `cancel`, unless the task is the one running (a task
    /// cancelling itself): then right after its current step. A cancelled task waiting on a
    /// channel or a join leaves that wait list; a wake it had received but not yet used is
    /// passed on to the next waiter. If the generator's destructor panics, the panic
    /// propagates out of `cancel` once the scheduler's bookkeeping is done.
    ///
    /// ```
    /// use std::time::Duration;
    /// use coro_core::sched::{sleep, Scheduler};
    /// let mut sched = Scheduler::new();
    /// let h = sched.spawn(sleep(Duration::from_secs(60)));
    /// sched.run_until_complete(sleep(Duration::from_secs(1)));
    /// assert!(h.cancel());
    /// let err = h.try_join().ok().unwrap().unwrap_err();
    /// assert!(err.is_cancelled());
    /// assert_eq!(err.to_string(), "task #1 was cancelled");
    /// ```
    pub fn cancel(&self) -> bool {
        cancel(&self.task)
    }
}

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinHandle")
            .field("id", &self.id())
            .field("finished", &self.is_finished())
            .finish()
    }
}

impl<T> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        let h = self.task.header();
        h.handle_alive.set(false);
        if let Some(err) = self.target.body.take_panic() {
            if let Some(core) = h.core() {
                core.record_unhandled(err);
            }
        }
    }
}

/// Cancels a task (see [`JoinHandle::cancel`]).
pub(crate) fn cancel(task: &TaskRef) -> bool {
    let h = task.header();
    match h.state.get() {
        State::Done => false,
        State::Running => {
            h.cancel_requested.set(true);
            true
        }
        State::New | State::Queued | State::Woken | State::Parked | State::Sleeping => {
            if let Some(payload) = finish_cancel(task) {
                std::panic::resume_unwind(payload);
            }
            true
        }
    }
}

/// Takes a task that is not running out of the scheduler and drops its generator. Returns the
/// payload if the generator's destructor panicked.
pub(crate) fn finish_cancel(task: &TaskRef) -> Option<Payload> {
    let h = task.header();
    let previous = h.state.replace(State::Done);
    if previous == State::Done {
        return None;
    }
    h.bump_token();
    h.clear_timer();
    let parked = h.parked_on.take();
    if let Some(list) = parked {
        list.remove(&**task);
    }
    let woken = h.woken_from.take();
    if let Some(list) = woken {
        if previous == State::Woken {
            list.wake_one();
        }
    }
    if let Some(core) = h.core() {
        core.remove_task(task);
    }
    let payload = task.drop_generator();
    drop(task.set_error(JoinError::cancelled(h.id.get())));
    h.wake_joiners();
    payload
}

/// A generator that waits for a task and returns its result; made by [`JoinHandle::join`].
///
/// Like every helper here, its first resume is its priming resume: it ignores the argument
/// and checks the task. It yields a request to park until the task finishes.
///
/// ```
/// use coro_core::sched::{yield_now, Scheduler};
/// let mut sched = Scheduler::new();
/// let h = sched.spawn(yield_now());
/// assert_eq!(sched.run_until_complete(h.join()).unwrap(), ());
/// ```
pub struct Join<T> {
    handle: Option<JoinHandle<T>>,
}

impl<T> fmt::Debug for Join<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join").field("handle", &self.handle).finish()
    }
}

impl<T> Generator<Reply> for Join<T> {
    type Yield = Request;
    type Return = Result<T, JoinError>;

    fn resume(&mut self, _reply: Reply) -> GeneratorState<Request, Result<T, JoinError>> {
        let Some(handle) = self.handle.as_ref() else { super::resumed_after_completion("Join") };
        match handle.target.body.take_result() {
            Some(result) => {
                self.handle = None;
                GeneratorState::Complete(result)
            }
            None => GeneratorState::Yielded(Request(Op::Park(handle.task.header().joiners().clone()))),
        }
    }
}

#[derive(Debug)]
enum Repr {
    Cancelled,
    Panicked(Payload),
}

/// Why a task has no value to give: it was cancelled (also when its scheduler was dropped
/// before it finished), or it panicked.
///
/// ```
/// use coro_core::sched::{Scheduler, yield_now};
/// let mut sched = Scheduler::new();
/// let h = sched.spawn(yield_now());
/// h.cancel();
/// let err = sched.run_until_complete(h.join()).unwrap_err();
/// assert!(err.is_cancelled() && !err.is_panic());
/// ```
pub struct JoinError {
    id: TaskId,
    repr: Repr,
}

impl JoinError {
    pub(crate) fn panicked(id: TaskId, payload: Payload) -> Self {
        JoinError { id, repr: Repr::Panicked(payload) }
    }

    pub(crate) fn cancelled(id: TaskId) -> Self {
        JoinError { id, repr: Repr::Cancelled }
    }

    /// The task that failed.
    ///
    /// ```
    /// use coro_core::sched::{Scheduler, yield_now};
    /// let mut sched = Scheduler::new();
    /// let h = sched.spawn(yield_now());
    /// let id = h.id();
    /// h.cancel();
    /// assert_eq!(sched.run_until_complete(h.join()).unwrap_err().id(), id);
    /// ```
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// `true` if the task was cancelled.
    ///
    /// ```
    /// use coro_core::sched::{Scheduler, yield_now};
    /// let mut sched = Scheduler::new();
    /// let h = sched.spawn(yield_now());
    /// h.cancel();
    /// assert!(sched.run_until_complete(h.join()).unwrap_err().is_cancelled());
    /// ```
    pub fn is_cancelled(&self) -> bool {
        matches!(self.repr, Repr::Cancelled)
    }

    /// `true` if the task panicked.
    ///
    /// ```
    /// # use coro_core::{Generator, GeneratorState};
    /// use coro_core::sched::{Reply, Request, Scheduler};
    /// struct Boom;
    /// impl Generator<Reply> for Boom {
    ///     type Yield = Request;
    ///     type Return = ();
    ///     fn resume(&mut self, _: Reply) -> GeneratorState<Request, ()> { panic!("boom") }
    /// }
    /// let mut sched = Scheduler::new();
    /// let h = sched.spawn(Boom);
    /// let err = sched.run_until_complete(h.join()).unwrap_err();
    /// assert!(err.is_panic());
    /// assert_eq!(err.panic_message(), Some("boom"));
    /// ```
    pub fn is_panic(&self) -> bool {
        matches!(self.repr, Repr::Panicked(_))
    }

    /// The panic message, when the payload is a string (as with `panic!("...")`).
    ///
    /// ```
    /// use coro_core::sched::{Scheduler, yield_now};
    /// let mut sched = Scheduler::new();
    /// let h = sched.spawn(yield_now());
    /// h.cancel();
    /// assert_eq!(sched.run_until_complete(h.join()).unwrap_err().panic_message(), None);
    /// ```
    pub fn panic_message(&self) -> Option<&str> {
        match &self.repr {
            Repr::Panicked(p) => payload_str(&**p),
            Repr::Cancelled => None,
        }
    }

    /// The panic payload, to re-raise it with [`std::panic::resume_unwind`]; or the error back if
    /// the task was cancelled.
    ///
    /// ```
    /// use coro_core::sched::{Scheduler, yield_now};
    /// let mut sched = Scheduler::new();
    /// let h = sched.spawn(yield_now());
    /// h.cancel();
    /// let err = sched.run_until_complete(h.join()).unwrap_err();
    /// assert!(err.try_into_panic().is_err());
    /// ```
    pub fn try_into_panic(self) -> Result<Box<dyn Any + Send + 'static>, JoinError> {
        match self.repr {
            Repr::Panicked(p) => Ok(p),
            Repr::Cancelled => Err(self),
        }
    }
}

/// The message of a panic payload, if it is a `&str` or a `String`.
pub(crate) fn payload_str(p: &(dyn Any + Send)) -> Option<&str> {
    if let Some(s) = p.downcast_ref::<&'static str>() {
        Some(s)
    } else {
        p.downcast_ref::<String>().map(String::as_str)
    }
}

impl fmt::Debug for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Cancelled => f.debug_struct("JoinError").field("id", &self.id).field("cancelled", &true).finish(),
            Repr::Panicked(_) => f
                .debug_struct("JoinError")
                .field("id", &self.id)
                .field("panic", &self.panic_message().unwrap_or("<non-string payload>"))
                .finish(),
        }
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Cancelled => write!(f, "{} was cancelled", self.id),
            Repr::Panicked(_) => match self.panic_message() {
                Some(m) => write!(f, "{} panicked: {m}", self.id),
                None => write!(f, "{} panicked", self.id),
            },
        }
    }
}

impl std::error::Error for JoinError {}
