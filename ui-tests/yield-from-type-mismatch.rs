// Type errors about a delegation point at the `yield_from!` that causes them, not at the
// attribute: what the delegate yields, what it returns, and what it is resumed with.
use coro::{yield_, yield_from, Generator};

#[coro::coroutine]
fn inner() -> impl Generator<Yield = i32, Return = &'static str> {
    yield_!(1);
    "done"
}

#[coro::coroutine]
fn yields_other() -> impl Generator<Yield = u8, Return = ()> {
    yield_from!(inner());
}

#[coro::coroutine]
fn returns_other() -> impl Generator<Yield = i32, Return = u32> {
    let n: u32 = yield_from!(inner());
    n
}

#[coro::coroutine]
fn resumed_other() -> impl Generator<String, Yield = i32, Return = ()> {
    yield_from!(inner());
}

fn main() {
    let _ = (yields_other(), returns_other(), resumed_other());
}
