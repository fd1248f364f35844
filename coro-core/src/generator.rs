/// What one [`Generator::resume`] produced: a value at a suspension point, or the final value.
///
/// ```
/// use coro_core::GeneratorState;
/// let s: GeneratorState<u8, &str> = GeneratorState::Yielded(3);
/// assert!(s.is_yielded());
/// assert_eq!(s.yielded(), Some(3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GeneratorState<Y, R> {
    /// The generator suspended at a `yield_!` with this value.
    Yielded(Y),
    /// The generator finished (`return`, tail expression or `?`) with this value.
    Complete(R),
}

impl<Y, R> GeneratorState<Y, R> {
    /// `true` for [`GeneratorState::Yielded`].
    ///
    /// ```
    /// # use coro_core::GeneratorState;
    /// assert!(GeneratorState::<u8, ()>::Yielded(1).is_yielded());
    /// ```
    pub fn is_yielded(&self) -> bool {
        matches!(self, GeneratorState::Yielded(_))
    }

    /// `true` for [`GeneratorState::Complete`].
    ///
    /// ```
    /// # use coro_core::GeneratorState;
    /// assert!(GeneratorState::<u8, ()>::Complete(()).is_complete());
    /// ```
    pub fn is_complete(&self) -> bool {
        matches!(self, GeneratorState::Complete(_))
    }

    /// The yielded value, if any.
    ///
    /// ```
    /// # use coro_core::GeneratorState;
    /// assert_eq!(GeneratorState::<u8, ()>::Complete(()).yielded(), None);
    /// ```
    pub fn yielded(self) -> Option<Y> {
        match self {
            GeneratorState::Yielded(y) => Some(y),
            GeneratorState::Complete(_) => None,
        }
    }

    /// The return value, if the generator completed.
    ///
    /// ```
    /// # use coro_core::GeneratorState;
    /// assert_eq!(GeneratorState::<u8, i32>::Complete(7).complete(), Some(7));
    /// ```
    pub fn complete(self) -> Option<R> {
        match self {
            GeneratorState::Yielded(_) => None,
            GeneratorState::Complete(r) => Some(r),
        }
    }
}

/// A resumable computation: each [`resume`](Generator::resume) runs it to its next suspension
/// point (`Yielded`) or to its end (`Complete`).
///
/// `R` is the type of the value passed in by `resume`, Python's `send`. Inside a
/// `#[coro::coroutine]` body, `yield_!(v)` evaluates to the value passed to the *next* resume;
/// the value passed to the first resume is dropped, like Python's priming `send(None)`.
///
/// ```
/// use coro_core::{Generator, GeneratorState};
///
/// /// Sums what it is sent; yields the running total.
/// struct Total(i64);
/// impl Generator<i64> for Total {
///     type Yield = i64;
///     type Return = ();
///     fn resume(&mut self, n: i64) -> GeneratorState<i64, ()> {
///         self.0 += n;
///         GeneratorState::Yielded(self.0)
///     }
/// }
/// let mut t = Total(0);
/// t.resume(1);
/// assert_eq!(t.resume(2), GeneratorState::Yielded(3));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a generator resumed with `{R}`",
    label = "not a `coro::Generator<{R}>`",
    note = "to delegate to an iterator with `yield_from!`, wrap it: `yield_from!(coro::from_iter(..))`"
)]
pub trait Generator<R = ()> {
    /// The type of the values produced at suspension points.
    type Yield;
    /// The type of the final value.
    type Return;
    /// Runs the generator until it yields or completes.
    ///
    /// Generators built by `#[coro::coroutine]` panic when resumed after completion (the message
    /// contains "after completion") or after a panic escaped from an earlier resume; those
    /// declared as `impl Iterator` keep returning `Complete(())` instead.
    fn resume(&mut self, arg: R) -> GeneratorState<Self::Yield, Self::Return>;

    /// Python's `generator.send(value)`: resumes with `value` and returns the next yielded
    /// value, or `None` once the generator has completed (its return value is discarded; use
    /// [`resume`](Generator::resume) to get it).
    ///
    /// ```
    /// use coro::{yield_, Generator};
    ///
    /// #[coro::coroutine]
    /// fn doubler() -> impl Generator<i32, Yield = i32, Return = ()> {
    ///     let mut last = 0;
    ///     loop {
    ///         last = yield_!(last * 2);
    ///     }
    /// }
    /// let mut d = doubler();
    /// d.send(0); // prime it, like `send(None)`
    /// assert_eq!(d.send(21), Some(42));
    /// ```
    fn send(&mut self, value: R) -> Option<Self::Yield>
    where
        Self: Sized,
    {
        self.resume(value).yielded()
    }
}

/// Resuming through a mutable reference resumes the referenced generator, so a generator can be
/// delegated to (`yield_from!(&mut g)`) and used again afterwards.
///
/// ```
/// use coro_core::{Generator, GeneratorState};
/// # struct Count(u8);
/// # impl Generator for Count { type Yield = u8; type Return = ();
/// #   fn resume(&mut self, _: ()) -> GeneratorState<u8, ()> { self.0 += 1; GeneratorState::Yielded(self.0) } }
/// let mut c = Count(0);
/// let r = &mut c;
/// assert_eq!(r.resume(()), GeneratorState::Yielded(1));
/// assert_eq!(c.resume(()), GeneratorState::Yielded(2));
/// ```
impl<G, R> Generator<R> for &mut G
where
    G: Generator<R> + ?Sized,
{
    type Yield = G::Yield;
    type Return = G::Return;
    fn resume(&mut self, arg: R) -> GeneratorState<G::Yield, G::Return> {
        (**self).resume(arg)
    }
}

#[cfg(feature = "std")]
/// A boxed generator is a generator (with the `std` feature), which makes recursive
/// delegation possible: `yield_from!(Box::new(inner()) as Box<dyn Generator<..>>)`.
///
/// ```
/// use coro_core::{Generator, GeneratorState};
/// # struct Count(u8);
/// # impl Generator for Count { type Yield = u8; type Return = ();
/// #   fn resume(&mut self, _: ()) -> GeneratorState<u8, ()> { self.0 += 1; GeneratorState::Yielded(self.0) } }
/// let mut b: Box<dyn Generator<Yield = u8, Return = ()>> = Box::new(Count(0));
/// assert_eq!(b.resume(()), GeneratorState::Yielded(1));
/// ```
impl<G, R> Generator<R> for std::boxed::Box<G>
where
    G: Generator<R> + ?Sized,
{
    type Yield = G::Yield;
    type Return = G::Return;
    fn resume(&mut self, arg: R) -> GeneratorState<G::Yield, G::Return> {
        (**self).resume(arg)
    }
}

/// A pinned pointer to a generator is a generator, so code written for nightly coroutines
/// (`Pin::new(&mut g).resume(())`, `Box::pin(g)`) works, and a pinned box can be delegated to.
/// The generators `#[coro::coroutine]` builds never borrow from themselves, so pinning is
/// never required: the target must be `Unpin`, as those generators are unless a local of
/// theirs is not.
///
/// ```
/// use core::pin::Pin;
/// use coro::{yield_, yield_from, Generator, GeneratorState};
///
/// #[coro::coroutine]
/// fn two() -> impl Generator<Yield = u8, Return = &'static str> {
///     yield_!(1);
///     yield_!(2);
///     "done"
/// }
///
/// #[coro::coroutine]
/// fn through_a_pinned_box() -> impl Generator<Yield = u8, Return = &'static str> {
///     yield_from!(Box::pin(two()))
/// }
///
/// let mut g = two();
/// assert_eq!(Pin::new(&mut g).resume(()), GeneratorState::Yielded(1));
/// let mut pinned = Box::pin(through_a_pinned_box());
/// assert_eq!(pinned.as_mut().resume(()), GeneratorState::Yielded(1));
/// assert_eq!(pinned.resume(()), GeneratorState::Yielded(2));
/// assert_eq!(pinned.resume(()), GeneratorState::Complete("done"));
/// ```
impl<P, R> Generator<R> for core::pin::Pin<P>
where
    P: core::ops::DerefMut,
    P::Target: Generator<R> + Unpin,
{
    type Yield = <P::Target as Generator<R>>::Yield;
    type Return = <P::Target as Generator<R>>::Return;
    fn resume(&mut self, arg: R) -> GeneratorState<Self::Yield, Self::Return> {
        (**self).resume(arg)
    }
}
