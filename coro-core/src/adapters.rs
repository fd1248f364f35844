use core::iter::FusedIterator;

use crate::{Generator, GeneratorState};

/// Iterates the yields of any generator resumed with `()`; the return value is discarded.
/// Returned by [`iter`].
///
/// The iterator is fused: after the generator completes it returns `None` and never resumes the
/// generator again.
///
/// ```
/// use coro::{yield_, Generator};
///
/// #[coro::coroutine]
/// fn countdown(n: u32) -> impl Generator<Yield = u32, Return = &'static str> {
///     for i in (1..=n).rev() {
///         yield_!(i);
///     }
///     "liftoff"
/// }
/// let v: Vec<u32> = coro::iter(countdown(3)).collect();
/// assert_eq!(v, [3, 2, 1]);
/// ```
#[derive(Clone, Debug)]
pub struct Iter<G> {
    generator: Option<G>,
}

/// Wraps a generator resumed with `()` into an [`Iterator`] over its yields.
///
/// ```
/// use coro_core::{iter, Generator, GeneratorState};
/// struct Once(bool);
/// impl Generator for Once {
///     type Yield = u8;
///     type Return = ();
///     fn resume(&mut self, _: ()) -> GeneratorState<u8, ()> {
///         if std::mem::replace(&mut self.0, true) { GeneratorState::Complete(()) } else { GeneratorState::Yielded(9) }
///     }
/// }
/// assert_eq!(iter(Once(false)).collect::<Vec<_>>(), [9]);
/// ```
pub fn iter<G: Generator>(generator: G) -> Iter<G> {
    Iter { generator: Some(generator) }
}

impl<G> Iter<G> {
    /// Gives the generator back, or `None` once it has completed.
    ///
    /// ```
    /// # use coro_core::{iter, Generator, GeneratorState};
    /// # struct Once(bool);
    /// # impl Generator for Once { type Yield = u8; type Return = ();
    /// #   fn resume(&mut self, _: ()) -> GeneratorState<u8, ()> {
    /// #     if std::mem::replace(&mut self.0, true) { GeneratorState::Complete(()) } else { GeneratorState::Yielded(9) } } }
    /// let mut it = iter(Once(false));
    /// it.next();
    /// assert!(it.into_inner().is_some());
    /// ```
    pub fn into_inner(self) -> Option<G> {
        self.generator
    }
}

impl<G: Generator> Iterator for Iter<G> {
    type Item = G::Yield;

    #[inline]
    fn next(&mut self) -> Option<G::Yield> {
        match self.generator.as_mut()?.resume(()) {
            GeneratorState::Yielded(y) => Some(y),
            GeneratorState::Complete(_) => {
                self.generator = None;
                None
            }
        }
    }
}

impl<G: Generator> FusedIterator for Iter<G> {}
