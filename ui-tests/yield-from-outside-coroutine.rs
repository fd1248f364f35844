use coro::{yield_, yield_from, Generator};

#[coro::coroutine]
fn inner() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(1);
    10
}

fn not_a_coroutine() -> u32 {
    yield_from!(inner())
}

fn main() {
    not_a_coroutine();
}
