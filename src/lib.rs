//! # coro: generators and coroutines on stable Rust
//!
//! `#[coro::coroutine]` rewrites an ordinary `fn` whose body contains `yield_!(v)` points into
//! an enum state machine: one variant per suspension point, holding the locals alive there.
//! rustc infers every saved local's type; there is no `unsafe`, no allocation and no nightly
//! feature, and the result works in `#![no_std]` crates.
//!
//! ```
//! use coro::{yield_, Generator, GeneratorState};
//!
//! #[coro::coroutine]
//! fn fib(max: usize) -> impl Generator<Yield = u64, Return = ()> {
//!     let (mut n, mut a, mut b) = (0, 0u64, 1u64);
//!     while n < max {
//!         yield_!(b);
//!         (a, b) = (b, a + b);
//!         n += 1;
//!     }
//! }
//!
//! let mut g = fib(3);
//! assert_eq!(g.resume(()), GeneratorState::Yielded(1));
//! assert_eq!(g.resume(()), GeneratorState::Yielded(1));
//! assert_eq!(g.resume(()), GeneratorState::Yielded(2));
//! assert_eq!(g.resume(()), GeneratorState::Complete(()));
//! ```
//!
//! ## Semantics
//! - Calling a coroutine fn runs nothing; the body starts on the first `resume`. The argument of
//!   that first resume is dropped (no `yield_!` waits for it), like Python's `send(None)`.
//! - `yield_!(v)` suspends with `v` and evaluates to the argument of the next `resume`.
//!   `yield_!()` yields `()`.
//! - `yield_from!(g)` delegates to `g` until it completes (PEP 380) and evaluates to its return
//!   value. Its first resume of `g` passes `R::default()`, which `g` drops (its own priming
//!   resume), so delegation with a resume type `R` other than `()` needs `R: Default`.
//!   `yield_from!(&mut g)` resumes `g` where it is, and leaves it usable afterwards. A panic
//!   in the delegate poisons the delegating generator too.
//! - `return e`, the tail expression and `?` (on `Result` and `Option`) complete the generator.
//! - Resuming after completion panics ("coroutine resumed after completion"); a panic inside the
//!   body propagates out of `resume` and poisons the generator. A coroutine declared as
//!   `impl Iterator` is fused instead: `next` keeps returning `None`.
//! - Dropping a suspended generator drops the locals it holds, once each, in reverse
//!   declaration order.
//!
//! See the crate README for the saved-locals rules and the limits of the transform.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
pub use coro_core::sched;
pub use coro_core::{from_iter, iter, try_op, FromIter, Generator, GeneratorState, Iter, Machine};

/// Turns a `fn` containing `yield_!` into a generator. See the [crate documentation](crate).
///
/// ```
/// use coro::{yield_, Generator, GeneratorState};
///
/// #[coro::coroutine]
/// fn consumer() -> impl Generator<i32, Yield = bool, Return = ()> {
///     let mut status = true;
///     loop {
///         let n = yield_!(status);
///         if n == 3 { status = false; }
///     }
/// }
/// let mut c = consumer();
/// assert_eq!(c.resume(0), GeneratorState::Yielded(true)); // priming: 0 is dropped
/// assert_eq!(c.resume(5), GeneratorState::Yielded(true));
/// assert_eq!(c.resume(3), GeneratorState::Yielded(false));
/// ```
pub use coro_macros::coroutine;

/// Suspends the enclosing `#[coro::coroutine]` with a value; evaluates to the next resume
/// argument.
///
/// Only valid directly inside a `#[coro::coroutine]` fn: the attribute rewrites every call. Used
/// anywhere else (or inside a closure, async block or nested fn within a coroutine) it is a
/// compile error at the call:
///
/// ```compile_fail
/// fn not_a_coroutine() {
///     coro::yield_!(1);
/// }
/// ```
///
/// ```
/// use coro::{yield_, Generator, GeneratorState};
/// #[coro::coroutine]
/// fn echo() -> impl Generator<String, Yield = usize, Return = ()> {
///     let mut last = 0;
///     loop {
///         let s = yield_!(last);
///         last = s.len();
///     }
/// }
/// let mut e = echo();
/// e.resume(String::new());
/// assert_eq!(e.resume("four".into()), GeneratorState::Yielded(4));
/// ```
#[macro_export]
macro_rules! yield_ {
    // Emitted by `#[coro::coroutine]` so that an imported `yield_` counts as used.
    (@__coro_used) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`yield_!` can only be used directly inside a `#[coro::coroutine]` fn (not in a closure, async block, const or nested fn)"
        )
    };
}

/// Delegates to another generator until it completes (Python's `yield from` / `await`),
/// forwarding its yields out and the resume values in; evaluates to its return value.
///
/// Only valid directly inside a `#[coro::coroutine]` fn, like [`yield_!`].
///
/// ```
/// use coro::{yield_, yield_from, Generator, GeneratorState};
///
/// #[coro::coroutine]
/// fn inner() -> impl Generator<Yield = u32, Return = u32> {
///     yield_!(1);
///     yield_!(2);
///     10
/// }
/// #[coro::coroutine]
/// fn outer() -> impl Generator<Yield = u32, Return = u32> {
///     let r = yield_from!(inner());
///     r + 1
/// }
/// let mut g = outer();
/// assert_eq!(g.resume(()), GeneratorState::Yielded(1));
/// assert_eq!(g.resume(()), GeneratorState::Yielded(2));
/// assert_eq!(g.resume(()), GeneratorState::Complete(11));
/// ```
///
/// `yield_from!(&mut g)`, where `g` is a local, a parameter, or a field or dereference of one,
/// resumes `g` where it is, so it can be used again afterwards:
///
/// ```
/// use coro::{yield_, yield_from, Generator, GeneratorState};
///
/// #[coro::coroutine]
/// fn two_then_done() -> impl Generator<Yield = u32, Return = u32> {
///     yield_!(1);
///     yield_!(2);
///     3
/// }
/// #[coro::coroutine]
/// fn rest_of() -> impl Generator<Yield = u32, Return = u32> {
///     let mut inner = two_then_done();
///     let skipped = inner.resume(()); // the first value, taken by hand
///     let r = yield_from!(&mut inner); // the rest
///     drop(inner);
///     r + u32::from(skipped == GeneratorState::Yielded(1))
/// }
/// let mut g = rest_of();
/// assert_eq!(g.resume(()), GeneratorState::Yielded(2));
/// assert_eq!(g.resume(()), GeneratorState::Complete(4));
/// ```
#[macro_export]
macro_rules! yield_from {
    (@__coro_used) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`yield_from!` can only be used directly inside a `#[coro::coroutine]` fn (not in a closure, async block, const or nested fn)"
        )
    };
}

/// Items that generated code names by absolute path. Not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use coro_core::try_op::{Branch, Flow, FromResidual};
    pub use coro_core::GeneratorState::{Complete, Yielded};
    pub use coro_core::{Generator, GeneratorState, Machine};
    // Short paths through the machine's `__coro_p` alias: fewer tokens for rustc to read.
    pub use core::default::Default;
    pub use core::iter::{IntoIterator, Iterator};
    pub use core::mem::replace;
    pub use core::option::Option::{self, None, Some};

    /// Poisons a machine's state if the delegate it resumes in place unwinds (a delegate that
    /// does not poison itself would otherwise be resumed again). `disarm` on the normal path,
    /// so the guard costs nothing unless a panic unwinds through it.
    pub struct PoisonOnUnwind<'a, S, F: FnMut(&mut S)> {
        state: &'a mut S,
        poison: F,
    }

    impl<'a, S, F: FnMut(&mut S)> PoisonOnUnwind<'a, S, F> {
        #[inline(always)]
        pub fn new(state: &'a mut S, poison: F) -> Self {
            PoisonOnUnwind { state, poison }
        }

        #[inline(always)]
        pub fn state(&mut self) -> &mut S {
            self.state
        }

        #[inline(always)]
        pub fn disarm(self) {
            core::mem::forget(self)
        }
    }

    impl<S, F: FnMut(&mut S)> Drop for PoisonOnUnwind<'_, S, F> {
        fn drop(&mut self) {
            (self.poison)(self.state)
        }
    }

    /// A machine's resume type `R`, taken from its resume argument without consuming it, so
    /// that a `yield_from!` primes its delegate with `R::default()` even where the delegate
    /// is a generator for several resume types.
    pub struct ResumeType<R>(core::marker::PhantomData<fn() -> R>);

    impl<R> Clone for ResumeType<R> {
        #[inline(always)]
        fn clone(&self) -> Self {
            *self
        }
    }

    impl<R> Copy for ResumeType<R> {}

    impl<R> ResumeType<R> {
        #[inline(always)]
        pub fn of(_: &R) -> Self {
            ResumeType(core::marker::PhantomData)
        }

        /// A delegate's first resume, with `R::default()` (which it drops). A method, so that
        /// `R` is known before the delegate's impls are searched.
        #[inline(always)]
        pub fn prime<G>(self, delegate: &mut G) -> GeneratorState<G::Yield, G::Return>
        where
            R: Default,
            G: Generator<R> + ?Sized,
        {
            delegate.resume(R::default())
        }
    }

    /// The `else` of a re-bind that the dispatch has already decided.
    #[cold]
    #[inline(never)]
    pub fn unreachable() -> ! {
        panic!("coro: internal error: a state the dispatch ruled out")
    }

    /// The value of a pinned binding, in place in its frame slot (filled by its `let`).
    #[inline(always)]
    pub fn pinned<T>(slot: &mut Option<T>) -> &mut T {
        match slot {
            Some(value) => value,
            None => empty_slot(),
        }
    }

    #[cold]
    #[inline(never)]
    fn empty_slot() -> ! {
        panic!("coro: internal error: pinned local used outside its scope")
    }

    /// Takes the resume argument out of its slot; each resume consumes it at most once.
    #[inline(always)]
    pub fn take_arg<R>(slot: &mut Option<R>) -> R {
        match slot.take() {
            Some(arg) => arg,
            None => unreachable_arg(),
        }
    }

    #[cold]
    #[inline(never)]
    fn unreachable_arg() -> ! {
        panic!("coro: internal error: resume argument taken twice")
    }

    /// Panics for a resume after completion or after a panic.
    #[cold]
    #[inline(never)]
    #[track_caller]
    pub fn resumed_after_completion() -> ! {
        panic!("coroutine resumed after completion")
    }

    /// Panics for a resume after completion (`poisoned == false`) or after a panic escaped
    /// an earlier resume: one call site for both keeps the machine's hot path small.
    #[cold]
    #[inline(never)]
    #[track_caller]
    pub fn resumed_after_end(poisoned: bool) -> ! {
        if poisoned {
            resumed_after_panic()
        }
        resumed_after_completion()
    }

    /// Panics for a resume after a panic escaped an earlier resume.
    #[cold]
    #[inline(never)]
    #[track_caller]
    pub fn resumed_after_panic() -> ! {
        panic!("coroutine resumed after a panic (poisoned); it cannot be resumed after completion or a panic")
    }
}
