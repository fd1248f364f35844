use coro::{yield_, Generator};

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    let emit = |x: u32| {
        yield_!(x);
    };
    emit(1);
    yield_!(2);
}

fn main() {}
