//! A stable stand-in for the unstable `Try` trait, so that `?` inside a coroutine body can
//! finish the coroutine with `Complete(residual)`. Generated code calls these; users implement
//! them only to make `?` work on their own types.
//!
//! ```
//! use coro_core::try_op::{Branch, Flow, FromResidual};
//! match Branch::branch(Some(3)) {
//!     Flow::Continue(v) => assert_eq!(v, 3),
//!     Flow::Break(_) => unreachable!(),
//! }
//! let none: Option<u8> = FromResidual::from_residual(None::<core::convert::Infallible>);
//! assert_eq!(none, None);
//! ```
use core::convert::Infallible;

/// Outcome of [`Branch::branch`]: keep going with the output, or leave with the residual.
///
/// ```
/// use coro_core::try_op::{Branch, Flow};
/// assert!(matches!(Branch::branch(Err::<u8, &str>("no")), Flow::Break(Err("no"))));
/// ```
#[derive(Debug, PartialEq, Eq)]
pub enum Flow<C, B> {
    /// The `?` operand held a value; `?` evaluates to it.
    Continue(C),
    /// The `?` operand held a residual; the coroutine completes with it (converted).
    Break(B),
}

/// Splits a `?` operand into its output or its residual.
///
/// ```
/// use coro_core::try_op::{Branch, Flow};
/// assert_eq!(Branch::branch(Ok::<u8, ()>(1)), Flow::Continue(1));
/// ```
pub trait Branch {
    /// What `?` evaluates to on success.
    type Output;
    /// What `?` propagates on failure.
    type Residual;
    /// Splits the value.
    fn branch(self) -> Flow<Self::Output, Self::Residual>;
}

/// Builds a return value from a residual, the way `?` converts errors with `From`.
///
/// ```
/// use coro_core::try_op::FromResidual;
/// let r: Result<u8, String> = FromResidual::from_residual(Err::<core::convert::Infallible, &str>("e"));
/// assert_eq!(r, Err("e".to_string()));
/// ```
pub trait FromResidual<R> {
    /// Converts the residual.
    fn from_residual(residual: R) -> Self;
}

impl<T, E> Branch for Result<T, E> {
    type Output = T;
    type Residual = Result<Infallible, E>;
    #[inline]
    fn branch(self) -> Flow<T, Result<Infallible, E>> {
        match self {
            Ok(v) => Flow::Continue(v),
            Err(e) => Flow::Break(Err(e)),
        }
    }
}

impl<T, E, F: From<E>> FromResidual<Result<Infallible, E>> for Result<T, F> {
    #[inline]
    fn from_residual(residual: Result<Infallible, E>) -> Self {
        match residual {
            Ok(never) => match never {},
            Err(e) => Err(From::from(e)),
        }
    }
}

impl<T> Branch for Option<T> {
    type Output = T;
    type Residual = Option<Infallible>;
    #[inline]
    fn branch(self) -> Flow<T, Option<Infallible>> {
        match self {
            Some(v) => Flow::Continue(v),
            None => Flow::Break(None),
        }
    }
}

impl<T> FromResidual<Option<Infallible>> for Option<T> {
    #[inline]
    fn from_residual(_: Option<Infallible>) -> Self {
        None
    }
}
