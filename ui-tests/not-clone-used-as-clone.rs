use coro::{yield_, Generator};

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {
    let g = numbers();
    let _fork = g.clone();
}
