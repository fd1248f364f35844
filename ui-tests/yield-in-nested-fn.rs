use coro::{yield_, Generator};

#[coro::coroutine]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    fn helper() {
        yield_!(1);
    }
    helper();
    yield_!(2);
}

fn main() {}
