use coro::{yield_, Generator};

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
    yield_!();
}

fn main() {}
