use coro::{yield_, Generator};

#[coro::coroutine]
fn echo() -> impl Generator<i32, Yield = u32, Return = ()> {
    println!("{}", yield_!(1));
}

fn main() {}
