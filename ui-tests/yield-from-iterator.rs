// `yield_from!` delegates to a generator; an iterator must be wrapped in `coro::from_iter`.
// The error points at the `yield_from!`, names the type passed, and says how to wrap it.
use coro::{yield_from, Generator};

#[coro::coroutine]
fn count(n: u32) -> impl Generator<Yield = u32, Return = ()> {
    yield_from!(0..n);
}

fn main() {
    let _ = count(3);
}
