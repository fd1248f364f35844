//! Bounded, typed, multi-producer multi-consumer channels between tasks.

use core::cell::RefCell;
use core::fmt;
use core::panic::Location;
use std::collections::VecDeque;
use std::rc::Rc;

use super::task::{WaitKind, WaitList};
use super::{resumed_after_completion, Op, Reply, Request};
use crate::{Generator, GeneratorState};

/// Capacity preallocated for a channel's buffer; larger buffers grow on demand (to their peak,
/// then never shrink).
const PREALLOC: usize = 1024;

struct State<T> {
    buf: VecDeque<T>,
    capacity: usize,
    closed: bool,
    senders: usize,
    receivers: usize,
}

impl<T> State<T> {
    fn is_closed(&self) -> bool {
        self.closed || self.senders == 0 || self.receivers == 0
    }
}

struct Chan<T> {
    state: RefCell<State<T>>,
    recv_waiters: Rc<WaitList>,
    send_waiters: Rc<WaitList>,
    created_at: &'static Location<'static>,
}

impl<T> Chan<T> {
    fn close(&self) {
        self.state.borrow_mut().closed = true;
        self.wake_everyone();
    }

    fn wake_everyone(&self) {
        self.recv_waiters.wake_all();
        self.send_waiters.wake_all();
    }

    fn add_sender(&self) {
        self.state.borrow_mut().senders += 1;
    }

    fn add_receiver(&self) {
        self.state.borrow_mut().receivers += 1;
    }

    fn release_sender(&self) {
        let last = {
            let mut st = self.state.borrow_mut();
            st.senders -= 1;
            st.senders == 0
        };
        if last {
            self.wake_everyone();
        }
    }

    fn release_receiver(&self) {
        let last = {
            let mut st = self.state.borrow_mut();
            st.receivers -= 1;
            st.receivers == 0
        };
        if last {
            self.wake_everyone();
        }
    }
}

/// Creates a bounded channel holding at most `capacity` values: a full channel suspends
/// senders, an empty one suspends receivers (backpressure).
///
/// * Values are moved through the channel's own buffer: each is received exactly once, in send
///   order. No allocation per message (the buffer grows only up to its peak).
/// * Fan-in: clone the [`Sender`]. Fan-out (work sharing): clone the [`Receiver`]; each value
///   goes to one receiver. To give every consumer every value, use one channel per consumer.
/// * Closing: [`Sender::close`] / [`Receiver::close`], or dropping every sender or every
///   receiver (a pending `send` or `recv` counts as one until it completes). Receivers still
///   get the buffered values, then `None`; sends fail with [`SendError`], which gives the value
///   back. Closing wakes every waiting task.
/// * Wake order: a send wakes the first waiting receiver, a receive the first waiting sender.
///   A woken task re-checks the channel when it runs (asyncio's `Queue` semantics), so a task
///   that gets there first may take the value or the free slot; the woken one then waits again.
///   A woken task that is cancelled before it runs passes the wake on.
/// * A channel belongs to no scheduler: `try_send` / `try_recv` work anywhere, and waits bind
///   to the scheduler of the waiting task.
///
/// # Panics
/// If `capacity` is 0.
///
/// ```
/// use coro_core::sched::{channel, TrySendError};
/// let (tx, rx) = channel::<u32>(2);
/// tx.try_send(1).unwrap();
/// tx.try_send(2).unwrap();
/// assert!(matches!(tx.try_send(3), Err(TrySendError::Full(3))));
/// assert_eq!(rx.try_recv(), Ok(1));
/// drop(tx); // closes: the buffer still drains
/// assert_eq!(rx.try_recv(), Ok(2));
/// assert!(rx.try_recv().is_err());
/// ```
#[track_caller]
pub fn channel<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {
    assert!(capacity > 0, "coro::sched::channel: capacity must be at least 1");
    let at = Location::caller();
    let chan = Rc::new(Chan {
        state: RefCell::new(State {
            buf: VecDeque::with_capacity(capacity.min(PREALLOC)),
            capacity,
            closed: false,
            senders: 1,
            receivers: 1,
        }),
        recv_waiters: Rc::new(WaitList::new(WaitKind::Recv(at))),
        send_waiters: Rc::new(WaitList::new(WaitKind::Send(at))),
        created_at: at,
    });
    (Sender { chan: chan.clone() }, Receiver { chan })
}

/// The sending half of a channel; clone it for more producers. Dropping the last sender closes
/// the channel.
///
/// ```
/// use coro_core::sched::{channel, Scheduler};
/// let mut sched = Scheduler::new();
/// let (tx, rx) = channel::<&str>(1);
/// let tx2 = tx.clone();
/// sched.spawn(tx.send("a"));
/// sched.spawn(tx2.send("b"));
/// assert_eq!(sched.run_until_complete(rx.recv()), Some("a"));
/// assert_eq!(sched.run_until_complete(rx.recv()), Some("b"));
/// ```
pub struct Sender<T> {
    chan: Rc<Chan<T>>,
}

/// The receiving half of a channel; clone it for more consumers (each value goes to one of
/// them). Dropping the last receiver closes the channel.
///
/// ```
/// use coro_core::sched::channel;
/// let (tx, rx) = channel::<u8>(4);
/// let rx2 = rx.clone();
/// tx.try_send(1).unwrap();
/// tx.try_send(2).unwrap();
/// assert_eq!(rx2.try_recv(), Ok(1));
/// assert_eq!(rx.try_recv(), Ok(2));
/// ```
pub struct Receiver<T> {
    chan: Rc<Chan<T>>,
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.chan.add_sender();
        Sender { chan: self.chan.clone() }
    }
}

impl<T> Clone for Receiver<T> {
    fn clone(&self) -> Self {
        self.chan.add_receiver();
        Receiver { chan: self.chan.clone() }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        self.chan.release_sender();
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        self.chan.release_receiver();
    }
}

macro_rules! common_methods {
    ($ty:ident, $var:literal) => {
        impl<T> $ty<T> {
            /// Closes the channel for every sender and receiver: waiting tasks wake; receivers
            /// drain what is buffered, then get `None`; sends fail.
            ///
            /// ```
            /// use coro_core::sched::{channel, Receiver, Sender};
            /// let (tx, rx) = channel::<u8>(1);
            /// tx.try_send(1).unwrap();
            #[doc = concat!("let half = ", stringify!($ty), "::clone(&", $var, ");")]
            /// half.close(); // any clone closes the channel for all
            /// assert!(tx.try_send(2).is_err());
            /// assert_eq!(rx.try_recv(), Ok(1));
            /// assert!(rx.try_recv().is_err());
            /// ```
            pub fn close(&self) {
                self.chan.close();
            }

            /// Whether the channel is closed (explicitly, or all senders or all receivers
            /// dropped). Buffered values may remain.
            ///
            /// ```
            /// use coro_core::sched::channel;
            /// let (tx, rx) = channel::<u8>(1);
            /// assert!(!tx.is_closed());
            /// drop(rx);
            /// assert!(tx.is_closed());
            /// ```
            pub fn is_closed(&self) -> bool {
                self.chan.state.borrow().is_closed()
            }

            /// The number of values buffered.
            ///
            /// ```
            /// use coro_core::sched::channel;
            /// let (tx, rx) = channel::<u8>(3);
            /// tx.try_send(1).unwrap();
            /// assert_eq!((tx.len(), rx.len()), (1, 1));
            /// ```
            pub fn len(&self) -> usize {
                self.chan.state.borrow().buf.len()
            }

            /// Whether no value is buffered.
            ///
            /// ```
            /// use coro_core::sched::channel;
            /// let (tx, rx) = channel::<u8>(3);
            /// assert!(rx.is_empty() && tx.is_empty());
            /// ```
            pub fn is_empty(&self) -> bool {
                self.chan.state.borrow().buf.is_empty()
            }

            /// The channel's capacity.
            ///
            /// ```
            /// use coro_core::sched::channel;
            /// let (tx, _rx) = channel::<u8>(3);
            /// assert_eq!(tx.capacity(), 3);
            /// ```
            pub fn capacity(&self) -> usize {
                self.chan.state.borrow().capacity
            }
        }

        impl<T> fmt::Debug for $ty<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let st = self.chan.state.borrow();
                f.debug_struct(stringify!($ty))
                    .field("created_at", &self.chan.created_at)
                    .field("len", &st.buf.len())
                    .field("capacity", &st.capacity)
                    .field("closed", &st.is_closed())
                    .finish()
            }
        }
    };
}

common_methods!(Sender, "tx");
common_methods!(Receiver, "rx");

impl<T> Sender<T> {
    /// A generator that sends `value`, waiting while the channel is full; it returns
    /// `Err(SendError(value))` if the channel is (or gets) closed. If there is room, it
    /// completes on its first resume without suspending the task.
    ///
    /// In a `#[coro::coroutine]` task: `yield_from!(tx.send(v))?;` (or `.unwrap()`).
    ///
    /// ```
    /// use coro_core::sched::{channel, Scheduler};
    /// let mut sched = Scheduler::new();
    /// let (tx, rx) = channel::<u32>(1);
    /// tx.try_send(1).unwrap(); // full
    /// let blocked = sched.spawn(tx.send(2));
    /// assert_eq!(sched.run_until_idle(), 1); // the sender waits for room
    /// assert_eq!(rx.try_recv(), Ok(1));
    /// sched.run_until_idle();
    /// assert!(blocked.try_join().ok().unwrap().unwrap().is_ok());
    /// assert_eq!(rx.try_recv(), Ok(2));
    /// ```
    pub fn send(&self, value: T) -> Sending<T> {
        self.chan.add_sender();
        Sending { chan: self.chan.clone(), value: Some(value) }
    }

    /// Sends without waiting: fails with [`TrySendError::Full`] or [`TrySendError::Closed`],
    /// giving the value back.
    ///
    /// ```
    /// use coro_core::sched::{channel, TrySendError};
    /// let (tx, rx) = channel::<u8>(1);
    /// assert_eq!(tx.try_send(1), Ok(()));
    /// assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    /// drop(rx);
    /// assert_eq!(tx.try_send(3), Err(TrySendError::Closed(3)));
    /// ```
    pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {
        {
            let mut st = self.chan.state.borrow_mut();
            if st.is_closed() {
                return Err(TrySendError::Closed(value));
            }
            if st.buf.len() >= st.capacity {
                return Err(TrySendError::Full(value));
            }
            st.buf.push_back(value);
        }
        self.chan.recv_waiters.wake_one();
        Ok(())
    }
}

impl<T> Receiver<T> {
    #[cfg(test)]
    pub(crate) fn chan_waiters(&self) -> usize {
        self.chan.recv_waiters.len()
    }

    /// A generator that receives the next value, waiting while the channel is empty; it
    /// returns `None` once the channel is closed and drained. If a value is buffered, it
    /// completes on its first resume without suspending the task.
    ///
    /// In a `#[coro::coroutine]` task: `while let Some(v) = yield_from!(rx.recv()) { ... }`.
    ///
    /// ```
    /// use coro_core::sched::{channel, Scheduler};
    /// let mut sched = Scheduler::new();
    /// let (tx, rx) = channel::<u32>(1);
    /// let waiting = sched.spawn(rx.recv());
    /// sched.run_until_idle();
    /// tx.try_send(9).unwrap();
    /// sched.run_until_idle();
    /// assert_eq!(waiting.try_join().ok().unwrap().unwrap(), Some(9));
    /// drop(tx);
    /// assert_eq!(sched.run_until_complete(rx.recv()), None);
    /// ```
    pub fn recv(&self) -> Receiving<T> {
        self.chan.add_receiver();
        Receiving { chan: self.chan.clone(), done: false }
    }

    /// Receives without waiting: fails with [`TryRecvError::Empty`], or
    /// [`TryRecvError::Closed`] once the channel is closed and drained.
    ///
    /// ```
    /// use coro_core::sched::{channel, TryRecvError};
    /// let (tx, rx) = channel::<u8>(1);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// tx.close();
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
    /// ```
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        let value = {
            let mut st = self.chan.state.borrow_mut();
            match st.buf.pop_front() {
                Some(v) => v,
                None if st.is_closed() => return Err(TryRecvError::Closed),
                None => return Err(TryRecvError::Empty),
            }
        };
        self.chan.send_waiters.wake_one();
        Ok(value)
    }
}

/// A generator sending one value; made by [`Sender::send`]. Dropping it before it completes
/// (say, when its task is cancelled) drops the value.
///
/// Until it completes, it counts as a sender: dropping every [`Sender`] while a send is in
/// flight does not close the channel under it (so `yield_from!(tx.send(v))` works even where
/// `tx` is dropped as soon as the send is made).
///
/// ```
/// use coro_core::{Generator, GeneratorState};
/// use coro_core::sched::{channel, Reply};
/// let (tx, rx) = channel::<u8>(1);
/// let mut s = tx.send(4);
/// assert!(matches!(s.resume(Reply::default()), GeneratorState::Complete(Ok(()))));
/// assert_eq!(rx.try_recv(), Ok(4));
/// ```
pub struct Sending<T> {
    chan: Rc<Chan<T>>,
    value: Option<T>,
}

impl<T> fmt::Debug for Sending<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sending").field("done", &self.value.is_none()).finish()
    }
}

impl<T> Drop for Sending<T> {
    fn drop(&mut self) {
        if self.value.is_some() {
            self.chan.release_sender();
        }
    }
}

impl<T> Generator<Reply> for Sending<T> {
    type Yield = Request;
    type Return = Result<(), SendError<T>>;

    #[inline]
    fn resume(&mut self, _reply: Reply) -> GeneratorState<Request, Result<(), SendError<T>>> {
        let Some(value) = self.value.take() else { resumed_after_completion("Sending") };
        let (result, last) = {
            let mut st = self.chan.state.borrow_mut();
            let result = if st.is_closed() {
                Err(SendError(value))
            } else if st.buf.len() >= st.capacity {
                self.value = Some(value);
                return GeneratorState::Yielded(Request(Op::Park(self.chan.send_waiters.clone())));
            } else {
                st.buf.push_back(value);
                Ok(())
            };
            // This send no longer counts as a sender.
            st.senders -= 1;
            (result, st.senders == 0)
        };
        if last {
            self.chan.wake_everyone();
        } else if result.is_ok() {
            self.chan.recv_waiters.wake_one();
        }
        GeneratorState::Complete(result)
    }
}

/// A generator receiving one value; made by [`Receiver::recv`].
///
/// Until it completes, it counts as a receiver, as [`Sending`] counts as a sender.
///
/// ```
/// use coro_core::{Generator, GeneratorState};
/// use coro_core::sched::{channel, Reply};
/// let (tx, rx) = channel::<u8>(1);
/// tx.try_send(4).unwrap();
/// assert_eq!(rx.recv().resume(Reply::default()).complete(), Some(Some(4)));
/// ```
pub struct Receiving<T> {
    chan: Rc<Chan<T>>,
    done: bool,
}

impl<T> fmt::Debug for Receiving<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiving").field("done", &self.done).finish()
    }
}

impl<T> Drop for Receiving<T> {
    fn drop(&mut self) {
        if !self.done {
            self.chan.release_receiver();
        }
    }
}

impl<T> Generator<Reply> for Receiving<T> {
    type Yield = Request;
    type Return = Option<T>;

    #[inline]
    fn resume(&mut self, _reply: Reply) -> GeneratorState<Request, Option<T>> {
        if self.done {
            resumed_after_completion("Receiving");
        }
        let (value, last) = {
            let mut st = self.chan.state.borrow_mut();
            let value = match st.buf.pop_front() {
                Some(v) => Some(v),
                None if st.is_closed() => None,
                None => return GeneratorState::Yielded(Request(Op::Park(self.chan.recv_waiters.clone()))),
            };
            // This receive no longer counts as a receiver.
            st.receivers -= 1;
            (value, st.receivers == 0)
        };
        self.done = true;
        if last {
            self.chan.wake_everyone();
        } else if value.is_some() {
            self.chan.send_waiters.wake_one();
        }
        GeneratorState::Complete(value)
    }
}

/// A send on a closed channel failed; the unsent value is inside.
///
/// ```
/// use coro_core::sched::{channel, run, SendError};
/// let (tx, rx) = channel::<String>(1);
/// drop(rx);
/// let err: SendError<String> = run(tx.send("lost?".to_string())).unwrap_err();
/// assert_eq!(err.to_string(), "sending on a closed channel");
/// assert_eq!(err.into_inner(), "lost?"); // the value comes back
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SendError<T>(pub T);

impl<T> SendError<T> {
    /// The value that was not sent.
    ///
    /// ```
    /// use coro_core::sched::SendError;
    /// assert_eq!(SendError(3).into_inner(), 3);
    /// ```
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SendError(..)")
    }
}

impl<T> fmt::Display for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("sending on a closed channel")
    }
}

impl<T> std::error::Error for SendError<T> {}

/// Why [`Sender::try_send`] failed; the value is given back.
///
/// ```
/// use coro_core::sched::{channel, TrySendError};
/// let (tx, _rx) = channel::<u8>(1);
/// tx.try_send(1).unwrap();
/// let err = tx.try_send(2).unwrap_err();
/// assert_eq!(err.to_string(), "channel is full");
/// assert_eq!(err.into_inner(), 2);
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TrySendError<T> {
    /// The channel is full.
    Full(T),
    /// The channel is closed.
    Closed(T),
}

impl<T> TrySendError<T> {
    /// The value that was not sent.
    ///
    /// ```
    /// use coro_core::sched::TrySendError;
    /// assert_eq!(TrySendError::Closed(5).into_inner(), 5);
    /// ```
    pub fn into_inner(self) -> T {
        match self {
            TrySendError::Full(v) | TrySendError::Closed(v) => v,
        }
    }
}

impl<T> fmt::Debug for TrySendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrySendError::Full(_) => f.write_str("Full(..)"),
            TrySendError::Closed(_) => f.write_str("Closed(..)"),
        }
    }
}

impl<T> fmt::Display for TrySendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrySendError::Full(_) => f.write_str("channel is full"),
            TrySendError::Closed(_) => f.write_str("sending on a closed channel"),
        }
    }
}

impl<T> std::error::Error for TrySendError<T> {}

/// Why [`Receiver::try_recv`] returned no value.
///
/// ```
/// use coro_core::sched::{channel, TryRecvError};
/// let (_tx, rx) = channel::<u8>(1);
/// assert_eq!(rx.try_recv().unwrap_err().to_string(), "channel is empty");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TryRecvError {
    /// Nothing is buffered, but a value may still come.
    Empty,
    /// The channel is closed and drained: no value will come.
    Closed,
}

impl fmt::Display for TryRecvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TryRecvError::Empty => f.write_str("channel is empty"),
            TryRecvError::Closed => f.write_str("channel is closed and drained"),
        }
    }
}

impl std::error::Error for TryRecvError {}
