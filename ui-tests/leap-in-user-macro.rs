// The attribute cannot see the `continue` and the `return` inside a macro of the user's: rustc
// rejects them (never runs them against the machine's own loops or closure).
use coro::{yield_, Generator};

macro_rules! skip_odd {
    ($x:expr) => {
        if $x % 2 == 1 {
            continue;
        }
    };
}

macro_rules! finish {
    ($e:expr) => {
        return $e
    };
}

#[coro::coroutine]
fn evens(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    let mut i = 0;
    while i < n {
        i += 1;
        yield_!(i);
        skip_odd!(i);
        yield_!(i * 10);
    }
    finish!(i)
}

fn main() {}
