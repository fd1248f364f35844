use coro::{yield_, Generator};
use std::rc::Rc;

#[coro::coroutine]
fn shared() -> impl Generator<Yield = u32, Return = ()> + Send {
    let rc = Rc::new(5);
    yield_!(1);
    yield_!(*rc);
}

fn main() {}
