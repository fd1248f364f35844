use coro::{yield_, Generator};

#[coro::coroutine]
fn items() -> impl Generator<Yield = u32, Return = ()> {
    let v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
    }
}

fn main() {}
