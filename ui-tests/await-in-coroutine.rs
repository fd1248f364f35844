use coro::{yield_, Generator};

async fn fetch() -> u32 {
    1
}

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    let n = fetch().await;
    yield_!(n);
}

fn main() {}
