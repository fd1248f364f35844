//! Runtime of [coro](https://docs.rs/coro): the [`Generator`] trait, [`GeneratorState`],
//! adapters to [`Iterator`], and the state-machine type that `#[coro::coroutine]` builds.
//!
//! Users depend on the facade crate `coro`, which re-exports everything here.
//!
//! ```
//! use coro_core::{Generator, GeneratorState};
//!
//! /// A hand-written generator: yields 1, 2, then returns "done".
//! struct Two(u8);
//! impl Generator for Two {
//!     type Yield = u8;
//!     type Return = &'static str;
//!     fn resume(&mut self, _: ()) -> GeneratorState<u8, &'static str> {
//!         self.0 += 1;
//!         if self.0 <= 2 { GeneratorState::Yielded(self.0) } else { GeneratorState::Complete("done") }
//!     }
//! }
//! let mut g = Two(0);
//! assert_eq!(g.resume(()), GeneratorState::Yielded(1));
//! assert_eq!(g.resume(()), GeneratorState::Yielded(2));
//! assert_eq!(g.resume(()), GeneratorState::Complete("done"));
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

mod adapters;
mod generator;
mod machine;
pub mod try_op;
#[cfg(feature = "std")]
pub mod sched;

pub use adapters::{from_iter, iter, FromIter, Iter};
pub use generator::{Generator, GeneratorState};
pub use machine::Machine;
