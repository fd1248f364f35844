use coro::{yield_, Generator};

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    let first: u32 = const { yield_!(1) };
    yield_!(first);
}

fn main() {}
