use core::iter::FusedIterator;
use core::marker::PhantomData;

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

/// A generator that yields the items of an iterator, whatever it is resumed with, and then
/// returns `()`. Returned by [`from_iter`].
///
/// Resuming it after it has returned panics ("after completion"), as a `#[coro::coroutine]`
/// generator does.
///
/// ```
/// use coro::{from_iter, Generator, GeneratorState};
/// let mut g = from_iter(["a", "b"]);
/// assert_eq!(g.resume(()), GeneratorState::Yielded("a"));
/// assert_eq!(g.resume(()), GeneratorState::Yielded("b"));
/// assert_eq!(g.resume(()), GeneratorState::Complete(()));
/// ```
#[derive(Clone, Debug)]
pub struct FromIter<I, R = ()> {
    iter: I,
    done: bool,
    // The resume type is a parameter of the type, not only of the impl, so that it is
    // inferred from the resumes (a `yield_from!`'s first one passes `Default::default()`).
    resume: PhantomData<fn(R)>,
}

/// Turns anything iterable into a generator over its items, for any resume type (the resumed
/// values are dropped): what `yield_from!` needs to delegate to an iterator, as Python's
/// `yield from range(3)` does.
///
/// ```
/// use coro::{from_iter, yield_, yield_from, Generator};
///
/// #[coro::coroutine]
/// fn numbered(words: Vec<&'static str>) -> impl Generator<Yield = String, Return = ()> {
///     yield_from!(from_iter(words.into_iter().enumerate().map(|(i, w)| format!("{i}:{w}"))));
///     yield_!(String::from("end"));
/// }
/// let all: Vec<String> = coro::iter(numbered(vec!["a", "b"])).collect();
/// assert_eq!(all, ["0:a", "1:b", "end"]);
/// ```
pub fn from_iter<I: IntoIterator, R>(iterable: I) -> FromIter<I::IntoIter, R> {
    FromIter { iter: iterable.into_iter(), done: false, resume: PhantomData }
}

impl<I: Iterator, R> Generator<R> for FromIter<I, R> {
    type Yield = I::Item;
    type Return = ();

    #[inline]
    fn resume(&mut self, _arg: R) -> GeneratorState<I::Item, ()> {
        if self.done {
            panic!("coro::from_iter resumed after completion");
        }
        match self.iter.next() {
            Some(item) => GeneratorState::Yielded(item),
            None => {
                self.done = true;
                GeneratorState::Complete(())
            }
        }
    }
}
