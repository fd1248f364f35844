use core::fmt;
use core::iter::FusedIterator;

use crate::{Generator, GeneratorState};

/// The generator object that `#[coro::coroutine]` returns: a state enum generated inside the
/// user's fn, plus a non-capturing closure holding the resume logic.
///
/// Users see it only through the opaque `impl Generator<..>` / `impl Iterator<..>` return type.
/// Its size is the size of the state enum (the closure captures nothing). It is `Send`, `Sync`,
/// `Unpin` and `Clone` exactly when the locals saved in the state are.
///
/// ```
/// use coro_core::{Generator, GeneratorState, Machine};
/// // A two-state machine written by hand, the way the macro writes them.
/// let mut m = Machine::new(0u8, |n: &mut u8, _: ()| -> GeneratorState<u8, ()> {
///     *n += 1;
///     if *n < 3 { GeneratorState::Yielded(*n) } else { GeneratorState::Complete(()) }
/// });
/// assert_eq!(m.resume(()), GeneratorState::Yielded(1));
/// assert_eq!(m.collect::<Vec<_>>(), [2]);
/// ```
#[derive(Clone)]
pub struct Machine<S, F> {
    state: S,
    resume_fn: F,
}

impl<S, F> Machine<S, F> {
    /// Builds a machine from its initial state and its resume function. The bound on `F` is
    /// what lets rustc infer the closure's signature (and so the state's slot types).
    ///
    /// ```
    /// use coro_core::{Generator, GeneratorState, Machine};
    /// let mut m = Machine::new((), |_: &mut (), x: i32| -> GeneratorState<i32, ()> { GeneratorState::Yielded(x * 2) });
    /// assert_eq!(m.resume(21), GeneratorState::Yielded(42));
    /// ```
    #[inline]
    pub fn new<R, Y, Ret>(state: S, resume_fn: F) -> Self
    where
        F: FnMut(&mut S, R) -> GeneratorState<Y, Ret>,
    {
        Machine { state, resume_fn }
    }

    /// Like [`new`](Machine::new), without the bound on `F`: for a resume type that borrows for
    /// a lifetime each resume chooses (`impl for<'a> Generator<&'a mut T>`), the closure's own
    /// signature (`&'_ mut T`, higher-ranked) must be the one rustc takes, so nothing may
    /// impose a single lifetime on it.
    ///
    /// ```
    /// use coro_core::{Generator, GeneratorState, Machine};
    /// let mut m = Machine::new_higher_ranked((), |_: &mut (), x: &mut i32| -> GeneratorState<(), ()> {
    ///     *x += 1;
    ///     GeneratorState::Yielded(())
    /// });
    /// let mut n = 0;
    /// m.resume(&mut n);
    /// m.resume(&mut n);
    /// assert_eq!(n, 2);
    /// ```
    #[inline]
    pub fn new_higher_ranked(state: S, resume_fn: F) -> Self {
        Machine { state, resume_fn }
    }
}

impl<S, F, R, Y, Ret> Generator<R> for Machine<S, F>
where
    F: FnMut(&mut S, R) -> GeneratorState<Y, Ret>,
{
    type Yield = Y;
    type Return = Ret;

    #[inline]
    fn resume(&mut self, arg: R) -> GeneratorState<Y, Ret> {
        (self.resume_fn)(&mut self.state, arg)
    }
}

/// Machines resumed with `()` that return `()` iterate their yields. The macro gives machines
/// declared as `impl Iterator` a fused end state, so `next` keeps returning `None`.
impl<S, F, Y> Iterator for Machine<S, F>
where
    F: FnMut(&mut S, ()) -> GeneratorState<Y, ()>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        match (self.resume_fn)(&mut self.state, ()) {
            GeneratorState::Yielded(y) => Some(y),
            GeneratorState::Complete(()) => None,
        }
    }
}

impl<S, F, Y> FusedIterator for Machine<S, F> where F: FnMut(&mut S, ()) -> GeneratorState<Y, ()> {}

/// Shows where the machine is: not started, suspended at which `yield_!` (and its line), done
/// or poisoned.
impl<S: fmt::Debug, F> fmt::Debug for Machine<S, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.state.fmt(f)
    }
}
