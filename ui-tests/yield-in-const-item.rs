use coro::{yield_, Generator};

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    const FIRST: u32 = yield_!(1);
    yield_!(FIRST);
}

fn main() {}
