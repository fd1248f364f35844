use coro::{yield_, Generator};

#[coro::coroutine]
fn pairs() -> impl Generator<Yield = (u32, u32), Return = ()> {
    let (a, b) = (1, 2);
    yield_!(a, b);
}

fn main() {}
