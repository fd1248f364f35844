use coro::{yield_, Generator};

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    let fut = async {
        yield_!(1);
    };
    drop(fut);
    yield_!(2);
}

fn main() {}
