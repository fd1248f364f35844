//! The `#[coroutine]` attribute of coro. Use it through the facade: `#[coro::coroutine]`.
//!
//! Pipeline: `sig` reads the return type, `macro_args` takes `yield_!` out of the arguments of
//! `println!`, `vec!`, ..., `detect` parses every yield's argument once, `check` finds
//! misplaced `yield_!`, `lower` turns the body into an `ir` in which every yield is a
//! statement, `analyze` computes the locals kept at each entry point, `joins` picks the loops
//! whose resume arms share one copy of their code, and `emit` writes the enum state machine.
#![forbid(unsafe_code)]

mod analyze;
mod check;
mod detect;
mod emit;
mod expand;
mod fallback;
mod fast_hash;
mod ir;
mod joins;
mod leap;
mod lower;
mod macro_args;
mod rename;
mod sig;
mod syntax;
mod unused;

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
    expand::expand(args.into(), item.into()).into()
}
#[cfg(test)]
mod snapshots;
