// A `yield_!` evaluates to the resume argument: a binding of another type is an error at the
// `yield_!`.
use coro::{yield_, Generator};

#[coro::coroutine]
fn consumer() -> impl Generator<String, Yield = i32, Return = ()> {
    let n: u32 = yield_!(1);
    let _ = n;
}

fn main() {
    let _ = consumer();
}
