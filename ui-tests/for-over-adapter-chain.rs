// An iterator adapter keeps what its receiver, its closure or its other iterator borrows.
use coro::{yield_, Generator};

#[coro::coroutine]
fn enumerated() -> impl Generator<Yield = (usize, i32), Return = ()> {
    let v = vec![1, 2];
    for (i, x) in v.iter().enumerate() {
        yield_!((i, *x));
    }
}

#[coro::coroutine]
fn reversed() -> impl Generator<Yield = char, Return = ()> {
    let word = String::from("ab");
    for c in word.chars().rev() {
        yield_!(c);
    }
}

#[coro::coroutine]
fn scaled() -> impl Generator<Yield = u32, Return = ()> {
    let k = 3u32;
    for n in (0..3u32).map(|i| i * k) {
        yield_!(n);
    }
}

#[coro::coroutine]
fn zipped(a: Vec<u32>) -> impl Generator<Yield = u32, Return = ()> {
    let b = vec![1u32];
    for (x, y) in a.into_iter().zip(b.iter()) {
        yield_!(x + y);
    }
}

fn main() {}
