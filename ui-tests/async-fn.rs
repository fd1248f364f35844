use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
async fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {
    // The rejected fn still expands with its signature: this call should add no error.
    let mut g = numbers();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
}
