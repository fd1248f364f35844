//! Push-style pipelines (David Beazley's coroutine pipelines): a source pushes items into a
//! chain of filters ending in sinks, all driven by `resume`, with no scheduler.
//!
//! A *sink* is a generator resumed with `Option<T>`: `Some(item)` for each item and `None` once
//! at the end of the stream (Python's `close()`), yielding `()` while it wants more and
//! completing with its result. Its first resume is its priming resume (Python's `send(None)`),
//! whose argument it drops; [`Sink`] does that priming. With `#[coro::coroutine]`:
//!
//! ```
//! use coro::sched::pipeline::{feed, filter};
//! use coro::{yield_, Generator};
//!
//! #[coro::coroutine]
//! fn count_lines() -> impl Generator<Option<String>, Yield = (), Return = usize> {
//!     let mut n = 0;
//!     while let Some(_line) = yield_!() {
//!         n += 1;
//!     }
//!     n
//! }
//!
//! let log = ["GET /", "POST /login", "GET /about"].map(String::from);
//! assert_eq!(feed(log, filter(|l: &String| l.starts_with("GET"), count_lines())), 2);
//! ```
//!
//! A sink that completes early (before `None`) tells its source to stop: [`Sink::send`] gives
//! the item back, [`feed`] stops reading, a [`filter`] or [`map`] completes too, and a
//! [`broadcast`] stops when all its targets have.
//!
//! ```
//! use coro_core::sched::pipeline::{broadcast, collect, feed, filter, map};
//!
//! let (evens, squares) = feed(
//!     1..=6,
//!     broadcast((filter(|n: &u32| n % 2 == 0, collect()), map(|n: u32| n * n, collect()))),
//! );
//! assert_eq!(evens, [2, 4, 6]);
//! assert_eq!(squares, [1, 4, 9, 16, 25, 36]);
//! ```

use core::fmt;
use core::marker::PhantomData;
use std::vec::Vec;

use crate::{Generator, GeneratorState};

enum SinkState<G, R> {
    Unprimed(G),
    Open(G),
    Finished(R),
    Taken,
}

/// A primed sink: send it items, then close it to get its result. Python's
/// `c = consumer(); c.send(None)` followed by `c.send(x)` calls and `c.close()`.
///
/// ```
/// use coro_core::{Generator, GeneratorState};
/// use coro_core::sched::pipeline::Sink;
///
/// /// Sums what it is sent; completes by itself once the total passes 10.
/// struct Total { sum: u32, primed: bool }
/// impl Generator<Option<u32>> for Total {
///     type Yield = ();
///     type Return = u32;
///     fn resume(&mut self, item: Option<u32>) -> GeneratorState<(), u32> {
///         if !std::mem::replace(&mut self.primed, true) {
///             return GeneratorState::Yielded(()); // priming resume: its argument is dropped
///         }
///         match item {
///             Some(n) => self.sum += n,
///             None => return GeneratorState::Complete(self.sum), // end of stream
///         }
///         if self.sum > 10 { GeneratorState::Complete(self.sum) } else { GeneratorState::Yielded(()) }
///     }
/// }
/// let mut sink = Sink::new(Total { sum: 0, primed: false });
/// assert_eq!(sink.send(4), Ok(()));
/// assert_eq!(sink.send(5), Ok(()));
/// assert_eq!(sink.send(6), Ok(()));   // total 15: the sink completes
/// assert!(sink.is_finished());
/// assert_eq!(sink.send(7), Err(7));  // given back
/// assert_eq!(sink.close(), 15);
/// ```
pub struct Sink<G, T>
where
    G: Generator<Option<T>, Yield = ()>,
{
    state: SinkState<G, G::Return>,
    _item: PhantomData<fn(T)>,
}

impl<G, T> fmt::Debug for Sink<G, T>
where
    G: Generator<Option<T>, Yield = ()>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            SinkState::Unprimed(_) => "unprimed",
            SinkState::Open(_) => "open",
            SinkState::Finished(_) => "finished",
            SinkState::Taken => "closed",
        };
        f.debug_struct("Sink").field("state", &state).finish()
    }
}

impl<G, T> Sink<G, T>
where
    G: Generator<Option<T>, Yield = ()>,
{
    /// Wraps a sink generator and primes it at once: it runs up to its first `yield_!`.
    ///
    /// ```
    /// use coro_core::sched::pipeline::{collect, Sink};
    /// let mut s = Sink::new(collect());
    /// s.send('a').unwrap();
    /// assert_eq!(s.close(), ['a']);
    /// ```
    pub fn new(generator: G) -> Self {
        let mut sink = Sink::lazy(generator);
        sink.prime();
        sink
    }

    /// Wraps a sink generator without priming it; the first `send` or `close` primes it.
    fn lazy(generator: G) -> Self {
        Sink { state: SinkState::Unprimed(generator), _item: PhantomData }
    }

    fn prime(&mut self) {
        if let SinkState::Unprimed(_) = self.state {
            if let SinkState::Unprimed(mut g) = core::mem::replace(&mut self.state, SinkState::Taken) {
                self.state = match g.resume(None) {
                    GeneratorState::Yielded(()) => SinkState::Open(g),
                    GeneratorState::Complete(r) => SinkState::Finished(r),
                };
            }
        }
    }

    /// Sends one item. If the sink has already completed, the item comes back as `Err`.
    ///
    /// ```
    /// use coro_core::sched::pipeline::{collect, Sink};
    /// let mut s = Sink::new(collect());
    /// assert_eq!(s.send(1), Ok(()));
    /// ```
    pub fn send(&mut self, item: T) -> Result<(), T> {
        self.prime();
        let SinkState::Open(g) = &mut self.state else { return Err(item) };
        if let GeneratorState::Complete(r) = g.resume(Some(item)) {
            self.state = SinkState::Finished(r);
        }
        Ok(())
    }

    /// Whether the sink has completed (it wants no more items).
    ///
    /// ```
    /// use coro_core::sched::pipeline::{collect, Sink};
    /// assert!(!Sink::new(collect::<u8>()).is_finished());
    /// ```
    pub fn is_finished(&self) -> bool {
        !matches!(self.state, SinkState::Unprimed(_) | SinkState::Open(_))
    }

    /// Ends the stream (resumes the sink with `None`) and returns the sink's result; if the
    /// sink had completed by itself, returns the result it completed with.
    ///
    /// # Panics
    /// If the sink yields again after `None` (it ignored the end of the stream), like
    /// Python's "generator ignored GeneratorExit".
    ///
    /// ```
    /// use coro_core::sched::pipeline::{collect, Sink};
    /// let s = Sink::new(collect::<u8>());
    /// assert!(s.close().is_empty());
    /// ```
    pub fn close(mut self) -> G::Return {
        self.finish()
    }

    fn finish(&mut self) -> G::Return {
        self.prime();
        match core::mem::replace(&mut self.state, SinkState::Taken) {
            SinkState::Open(mut g) => match g.resume(None) {
                GeneratorState::Complete(r) => r,
                GeneratorState::Yielded(()) => {
                    panic!("coro::sched::pipeline: the sink yielded after the end of the stream (`None`); it must complete")
                }
            },
            SinkState::Finished(r) => r,
            SinkState::Unprimed(_) | SinkState::Taken => {
                panic!("coro::sched::pipeline: sink closed twice")
            }
        }
    }
}

/// Pushes every item of `source` into `sink`, then closes it, and returns its result (the
/// source end of a pipeline, Beazley's `follow`). Stops reading early if the sink completes.
///
/// ```
/// use coro_core::sched::pipeline::{collect, feed};
/// assert_eq!(feed("abc".chars(), collect()), ['a', 'b', 'c']);
/// ```
pub fn feed<I, G>(source: I, sink: G) -> G::Return
where
    I: IntoIterator,
    G: Generator<Option<I::Item>, Yield = ()>,
{
    let mut sink = Sink::new(sink);
    if !sink.is_finished() {
        for item in source {
            // The item was taken: a sink that finished on it still consumed it.
            let _ = sink.send(item);
            if sink.is_finished() {
                break;
            }
        }
    }
    sink.close()
}

/// A stage that passes on the items for which `predicate` is true (Beazley's `grep`).
/// Completes when its target completes (early) or at the end of the stream, with the
/// target's result.
///
/// ```
/// use coro_core::sched::pipeline::{collect, feed, filter};
/// assert_eq!(feed(1..10, filter(|n: &i32| n % 3 == 0, collect())), [3, 6, 9]);
/// ```
pub fn filter<T, P, G>(predicate: P, target: G) -> Filter<P, G, T>
where
    P: FnMut(&T) -> bool,
    G: Generator<Option<T>, Yield = ()>,
{
    Filter { predicate, target: Sink::lazy(target), started: false }
}

/// The stage made by [`filter`].
///
/// ```
/// use coro_core::sched::pipeline::{collect, filter, Sink};
/// let mut s = Sink::new(filter(|s: &&str| s.starts_with('E'), collect()));
/// s.send("ERROR disk").unwrap();
/// s.send("INFO ok").unwrap();
/// assert_eq!(s.close(), ["ERROR disk"]);
/// ```
pub struct Filter<P, G, T>
where
    G: Generator<Option<T>, Yield = ()>,
{
    predicate: P,
    target: Sink<G, T>,
    started: bool,
}

impl<P, G, T> fmt::Debug for Filter<P, G, T>
where
    G: Generator<Option<T>, Yield = ()>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Filter").field("target", &self.target).finish()
    }
}

/// Shared logic of one-target stages: prime on the first resume, end on `None` or when the
/// target completes.
fn stage_step<G, T, U>(
    started: &mut bool,
    target: &mut Sink<G, U>,
    item: Option<T>,
    mut forward: impl FnMut(T) -> Option<U>,
) -> GeneratorState<(), G::Return>
where
    G: Generator<Option<U>, Yield = ()>,
{
    if !core::mem::replace(started, true) {
        // Priming: drop the argument, prime the target.
        target.prime();
    } else {
        match item {
            Some(item) => {
                if let Some(out) = forward(item) {
                    // A finished target gives the item back; we complete below.
                    let _ = target.send(out);
                }
            }
            None => return GeneratorState::Complete(target.finish()),
        }
    }
    if target.is_finished() {
        GeneratorState::Complete(target.finish())
    } else {
        GeneratorState::Yielded(())
    }
}

impl<P, G, T> Generator<Option<T>> for Filter<P, G, T>
where
    P: FnMut(&T) -> bool,
    G: Generator<Option<T>, Yield = ()>,
{
    type Yield = ();
    type Return = G::Return;

    fn resume(&mut self, item: Option<T>) -> GeneratorState<(), G::Return> {
        let predicate = &mut self.predicate;
        stage_step(&mut self.started, &mut self.target, item, |x| if predicate(&x) { Some(x) } else { None })
    }
}

/// A stage that transforms each item with `f` before passing it on.
///
/// ```
/// use coro_core::sched::pipeline::{collect, feed, map};
/// assert_eq!(feed(["a", "bb"], map(str::len, collect())), [1, 2]);
/// ```
pub fn map<T, U, F, G>(f: F, target: G) -> Map<F, G, T, U>
where
    F: FnMut(T) -> U,
    G: Generator<Option<U>, Yield = ()>,
{
    Map { f, target: Sink::lazy(target), started: false, _item: PhantomData }
}

/// The stage made by [`map`].
///
/// ```
/// use coro_core::sched::pipeline::{collect, map, Sink};
/// let mut s = Sink::new(map(|n: u8| n * 2, collect()));
/// s.send(21).unwrap();
/// assert_eq!(s.close(), [42]);
/// ```
pub struct Map<F, G, T, U>
where
    G: Generator<Option<U>, Yield = ()>,
{
    f: F,
    target: Sink<G, U>,
    started: bool,
    _item: PhantomData<fn(T)>,
}

impl<F, G, T, U> fmt::Debug for Map<F, G, T, U>
where
    G: Generator<Option<U>, Yield = ()>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Map").field("target", &self.target).finish()
    }
}

impl<F, G, T, U> Generator<Option<T>> for Map<F, G, T, U>
where
    F: FnMut(T) -> U,
    G: Generator<Option<U>, Yield = ()>,
{
    type Yield = ();
    type Return = G::Return;

    fn resume(&mut self, item: Option<T>) -> GeneratorState<(), G::Return> {
        let f = &mut self.f;
        stage_step(&mut self.started, &mut self.target, item, |x| Some(f(x)))
    }
}

/// Sends every item to several targets (Beazley's `broadcast`): a tuple of up to four sink
/// generators of different types, or a `Vec` of sinks of one type. Items are cloned for all
/// targets but the last one still open. Completes when every target has, or at the end of the
/// stream; returns the targets' results as a tuple or `Vec` in the same order.
///
/// ```
/// use coro_core::sched::pipeline::{broadcast, collect, feed, filter};
/// let (small, big) = feed(
///     [1, 50, 2, 70],
///     broadcast((filter(|n: &i32| *n < 10, collect()), filter(|n: &i32| *n >= 10, collect()))),
/// );
/// assert_eq!((small, big), (vec![1, 2], vec![50, 70]));
///
/// let all = feed([1, 2], broadcast(vec![collect(), collect()]));
/// assert_eq!(all, [[1, 2], [1, 2]]);
/// ```
pub fn broadcast<T, S>(targets: S) -> Broadcast<S::Sinks, T>
where
    T: Clone,
    S: Targets<T>,
{
    Broadcast { sinks: targets.into_sinks(), started: false, _item: PhantomData }
}

/// The stage made by [`broadcast`].
///
/// ```
/// use coro_core::sched::pipeline::{broadcast, collect, Sink};
/// let mut s = Sink::new(broadcast((collect(), collect())));
/// s.send("x").unwrap();
/// assert_eq!(s.close(), (vec!["x"], vec!["x"]));
/// ```
pub struct Broadcast<S, T> {
    sinks: S,
    started: bool,
    _item: PhantomData<fn(T)>,
}

impl<S, T> fmt::Debug for Broadcast<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Broadcast").field("started", &self.started).finish()
    }
}

impl<S, T> Generator<Option<T>> for Broadcast<S, T>
where
    T: Clone,
    S: SinkSet<T>,
{
    type Yield = ();
    type Return = S::Output;

    fn resume(&mut self, item: Option<T>) -> GeneratorState<(), S::Output> {
        if !core::mem::replace(&mut self.started, true) {
            self.sinks.prime_all();
        } else {
            match item {
                Some(item) => self.sinks.send_all(item),
                None => return GeneratorState::Complete(self.sinks.finish_all()),
            }
        }
        if self.sinks.all_finished() {
            GeneratorState::Complete(self.sinks.finish_all())
        } else {
            GeneratorState::Yielded(())
        }
    }
}

/// What [`broadcast`] accepts: tuples of up to four sink generators, or a `Vec` of them.
///
/// ```
/// use coro_core::sched::pipeline::{broadcast, collect, feed, Targets};
/// fn fan_out<S: Targets<u8>>(targets: S) -> S::Output {
///     feed([1, 2, 3], broadcast(targets))
/// }
/// assert_eq!(fan_out((collect(),)), (vec![1, 2, 3],));
/// ```
pub trait Targets<T> {
    /// The primed-on-demand sinks.
    type Sinks: SinkSet<T, Output = Self::Output>;
    /// The results, in target order.
    type Output;
    /// Wraps each target in a [`Sink`].
    fn into_sinks(self) -> Self::Sinks;
}

/// A set of [`Sink`]s that [`Broadcast`] drives; implemented for tuples and `Vec` of sinks.
///
/// ```
/// use coro_core::sched::pipeline::{collect, Sink, SinkSet};
/// let mut set = vec![Sink::new(collect::<u8>()), Sink::new(collect::<u8>())];
/// set.send_all(5);
/// assert_eq!(set.finish_all(), [[5], [5]]);
/// ```
pub trait SinkSet<T> {
    /// The results, in order.
    type Output;
    /// Primes every sink.
    fn prime_all(&mut self);
    /// Sends an item to every open sink.
    fn send_all(&mut self, item: T);
    /// Whether every sink has completed.
    fn all_finished(&self) -> bool;
    /// Closes every sink and collects the results.
    fn finish_all(&mut self) -> Self::Output;
}

impl<G, T> Targets<T> for Vec<G>
where
    T: Clone,
    G: Generator<Option<T>, Yield = ()>,
{
    type Sinks = Vec<Sink<G, T>>;
    type Output = Vec<G::Return>;
    fn into_sinks(self) -> Vec<Sink<G, T>> {
        self.into_iter().map(Sink::lazy).collect()
    }
}

impl<G, T> SinkSet<T> for Vec<Sink<G, T>>
where
    T: Clone,
    G: Generator<Option<T>, Yield = ()>,
{
    type Output = Vec<G::Return>;
    fn prime_all(&mut self) {
        self.iter_mut().for_each(Sink::prime);
    }
    fn send_all(&mut self, item: T) {
        let Some(last) = self.iter().rposition(|s| !s.is_finished()) else { return };
        for s in &mut self[..last] {
            if !s.is_finished() {
                let _ = s.send(item.clone());
            }
        }
        let _ = self[last].send(item);
    }
    fn all_finished(&self) -> bool {
        self.iter().all(Sink::is_finished)
    }
    fn finish_all(&mut self) -> Vec<G::Return> {
        self.iter_mut().map(Sink::finish).collect()
    }
}

macro_rules! tuple_targets {
    ($($G:ident $i:tt),+; $last:tt) => {
        impl<T, $($G),+> Targets<T> for ($($G,)+)
        where
            T: Clone,
            $($G: Generator<Option<T>, Yield = ()>,)+
        {
            type Sinks = ($(Sink<$G, T>,)+);
            type Output = ($($G::Return,)+);
            fn into_sinks(self) -> Self::Sinks {
                ($(Sink::lazy(self.$i),)+)
            }
        }

        impl<T, $($G),+> SinkSet<T> for ($(Sink<$G, T>,)+)
        where
            T: Clone,
            $($G: Generator<Option<T>, Yield = ()>,)+
        {
            type Output = ($($G::Return,)+);
            fn prime_all(&mut self) {
                $(self.$i.prime();)+
            }
            fn send_all(&mut self, item: T) {
                let open = [$(!self.$i.is_finished()),+];
                let Some(last) = open.iter().rposition(|o| *o) else { return };
                let mut item = Some(item);
                $(
                    if open[$i] {
                        let value = if $i == last { item.take() } else { item.clone() };
                        if let Some(value) = value {
                            let _ = self.$i.send(value);
                        }
                    }
                )+
                let _ = (item, $last);
            }
            fn all_finished(&self) -> bool {
                true $(&& self.$i.is_finished())+
            }
            fn finish_all(&mut self) -> Self::Output {
                ($(self.$i.finish(),)+)
            }
        }
    };
}

tuple_targets!(A 0; 0);
tuple_targets!(A 0, B 1; 1);
tuple_targets!(A 0, B 1, C 2; 2);
tuple_targets!(A 0, B 1, C 2, D 3; 3);

/// A sink that collects every item into a `Vec`.
///
/// ```
/// use coro_core::sched::pipeline::{collect, feed};
/// assert_eq!(feed(0..3, collect()), [0, 1, 2]);
/// ```
pub fn collect<T>() -> Collect<T> {
    Collect { items: Some(Vec::new()), primed: false }
}

/// The sink made by [`collect`].
///
/// ```
/// use coro_core::sched::pipeline::{collect, Sink};
/// let s = Sink::new(collect::<u8>());
/// assert_eq!(s.close(), Vec::<u8>::new());
/// ```
#[derive(Debug)]
pub struct Collect<T> {
    items: Option<Vec<T>>,
    primed: bool,
}

impl<T> Generator<Option<T>> for Collect<T> {
    type Yield = ();
    type Return = Vec<T>;

    fn resume(&mut self, item: Option<T>) -> GeneratorState<(), Vec<T>> {
        let Some(items) = self.items.as_mut() else { super::resumed_after_completion("Collect") };
        if !core::mem::replace(&mut self.primed, true) {
            return GeneratorState::Yielded(());
        }
        match item {
            Some(x) => {
                items.push(x);
                GeneratorState::Yielded(())
            }
            None => {
                let out = core::mem::take(items);
                self.items = None;
                GeneratorState::Complete(out)
            }
        }
    }
}

/// A sink that calls `f` on every item (a printer, say); returns how many items it saw.
///
/// ```
/// use coro_core::sched::pipeline::{feed, for_each};
/// let mut seen = Vec::new();
/// assert_eq!(feed(["x", "y"], for_each(|s: &str| seen.push(s))), 2);
/// assert_eq!(seen, ["x", "y"]);
/// ```
pub fn for_each<T, F>(f: F) -> ForEach<F, T>
where
    F: FnMut(T),
{
    ForEach { f, count: 0, primed: false, done: false, _item: PhantomData }
}

/// The sink made by [`for_each`].
///
/// ```
/// use coro_core::sched::pipeline::{for_each, Sink};
/// let mut total = 0;
/// let mut s = Sink::new(for_each(|n: i32| total += n));
/// s.send(2).unwrap();
/// s.send(3).unwrap();
/// assert_eq!(s.close(), 2);
/// assert_eq!(total, 5);
/// ```
pub struct ForEach<F, T> {
    f: F,
    count: usize,
    primed: bool,
    done: bool,
    _item: PhantomData<fn(T)>,
}

impl<F, T> fmt::Debug for ForEach<F, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ForEach").field("count", &self.count).finish()
    }
}

impl<F, T> Generator<Option<T>> for ForEach<F, T>
where
    F: FnMut(T),
{
    type Yield = ();
    type Return = usize;

    fn resume(&mut self, item: Option<T>) -> GeneratorState<(), usize> {
        if self.done {
            super::resumed_after_completion("ForEach");
        }
        if !core::mem::replace(&mut self.primed, true) {
            return GeneratorState::Yielded(());
        }
        match item {
            Some(x) => {
                (self.f)(x);
                self.count += 1;
                GeneratorState::Yielded(())
            }
            None => {
                self.done = true;
                GeneratorState::Complete(self.count)
            }
        }
    }
}
