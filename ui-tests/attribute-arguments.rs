use coro::{yield_, Generator};

#[coro::coroutine(foo)]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {}
