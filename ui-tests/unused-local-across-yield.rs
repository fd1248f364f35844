// A local the body never uses again is kept across the `yield_!`s that follow (it may be a
// guard), yet rustc still reports it as unused, with its `mut`, as for a plain fn.
#![deny(unused_variables, unused_mut)]

use coro::{yield_, Generator};

#[coro::coroutine]
fn numbers(n: u32) -> impl Generator<Yield = u32, Return = ()> {
    let forgotten = String::from("kept until the end");
    let mut never_changed = vec![1];
    let _guard = String::from("no warning: the name says it is held on purpose");
    yield_!(n);
    yield_!(n + 1);
}

fn main() {}
