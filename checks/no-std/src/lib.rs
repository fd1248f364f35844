//! A `#![no_std]` user crate: generated code names only `::core` and `::coro`.
#![no_std]
#![forbid(unsafe_code)]

use coro::{yield_, Generator, GeneratorState};

/// Yields the bytes of `data` that are not zero, then returns how many it skipped.
#[coro::coroutine]
pub fn non_zero(data: [u8; 8]) -> impl Generator<Yield = u8, Return = usize> {
    let mut skipped = 0;
    for b in data {
        if b == 0 {
            skipped += 1;
            continue;
        }
        yield_!(b);
    }
    skipped
}

/// Sums what [`non_zero`] yields.
pub fn sum_non_zero(data: [u8; 8]) -> (u32, usize) {
    let mut g = non_zero(data);
    let mut sum = 0;
    loop {
        match g.resume(()) {
            GeneratorState::Yielded(b) => sum += u32::from(b),
            GeneratorState::Complete(skipped) => return (sum, skipped),
        }
    }
}
