use coro::{yield_, Generator};

#[coro::coroutine]
fn filter(x: u32) -> impl Generator<bool, Yield = u32, Return = u32> {
    match x {
        n if yield_!(n) => n,
        _ => 0,
    }
}

fn main() {}
