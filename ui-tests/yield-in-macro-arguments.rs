use coro::{yield_, Generator};

// `dbg!` prints its argument's source text, and an assertion's message is only evaluated when
// the assertion fails: a `yield_!` there cannot be taken out of the call.
#[coro::coroutine]
fn echo() -> impl Generator<i32, Yield = u32, Return = ()> {
    dbg!(yield_!(1));
    assert!(true, "{}", yield_!(2));
}

fn main() {}
