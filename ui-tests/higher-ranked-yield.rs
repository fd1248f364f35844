use coro::{yield_, Generator};

// Each resume lends its own `&'a str`; a yielded value cannot keep that borrow.
#[coro::coroutine]
fn echo() -> impl for<'a> Generator<&'a str, Yield = &'a str, Return = ()> {
    loop {
        let s = yield_!("");
        yield_!(s);
    }
}

fn main() {}
