// A local never used after its `let` still lives to the end of its scope (it may be a guard,
// as a closure may own what it captures), so a borrow of another local that it holds would be
// kept across the `yield_!`.
use coro::{yield_, Generator};

#[coro::coroutine]
fn firsts() -> impl Generator<Yield = u64, Return = ()> {
    let v = vec![1u64, 2];
    let first = || v.len();
    yield_!(v[0]);
    yield_!(v[1]);
}

fn main() {}
