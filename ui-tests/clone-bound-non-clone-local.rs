use coro::{yield_, Generator};

struct Token(u32);

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> + Clone {
    let t = Token(5);
    yield_!(1);
    yield_!(t.0);
}

fn main() {}
