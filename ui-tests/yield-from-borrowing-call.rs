// The generator `take_one(&mut inner)` returns keeps the borrow of `inner` across its yields.
use coro::{yield_, yield_from, Generator, GeneratorState};

#[coro::coroutine]
fn take_one<G: Generator<Yield = u32, Return = u32>>(g: &mut G) -> impl Generator<Yield = u32, Return = ()> + '_ {
    if let GeneratorState::Yielded(x) = g.resume(()) {
        yield_!(x);
    }
}

#[coro::coroutine]
fn ticker(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    for i in 0..n {
        yield_!(i);
    }
    n
}

#[coro::coroutine]
fn outer() -> impl Generator<Yield = u32, Return = u32> {
    let mut inner = ticker(3);
    yield_from!(take_one(&mut inner));
    yield_!(100);
    yield_from!(inner)
}

#[coro::coroutine]
fn through_a_local() -> impl Generator<Yield = u32, Return = u32> {
    let mut inner = ticker(3);
    let first = take_one(&mut inner);
    yield_from!(first);
    yield_from!(inner)
}

fn main() {}
