// Code after a `return` in a coroutine is reported as in a plain fn: at the statement, with a
// note at the `return` (not at the attribute).
#![deny(unreachable_code)]

use coro::{yield_, Generator};

fn log(_: &str) {}

#[coro::coroutine]
fn early(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    yield_!(n);
    if n > 3 {
        return 1;
        log("never");
    }
    2
}

fn main() {}
