use coro::{yield_, Generator};

#[coro::coroutine]
fn lengths() -> impl Generator<Yield = u32, Return = usize> {
    let v = vec![1];
    let r = &v;
    yield_!(1);
    r.len()
}

fn main() {}
