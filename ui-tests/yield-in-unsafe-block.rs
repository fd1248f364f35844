use coro::{yield_, Generator};

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    let n = 1;
    unsafe {
        yield_!(n);
    }
}

fn main() {}
