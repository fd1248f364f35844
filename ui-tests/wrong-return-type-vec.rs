use coro::yield_;

#[coro::coroutine]
fn numbers() -> Vec<u8> {
    yield_!(1);
}

fn main() {}
