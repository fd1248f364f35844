use coro::yield_;
use std::fmt::Display;

#[coro::coroutine]
fn numbers() -> impl Display {
    yield_!(1);
}

fn main() {}
