//! The article's first program: a lazy Fibonacci generator, printing the first 10 numbers.
use coro::{yield_, Generator, GeneratorState};

/// Python: `def fib(max): n, a, b = 0, 0, 1; while n < max: yield b; a, b = b, a + b; n += 1`
#[coro::coroutine]
fn fib(max: usize) -> impl Generator<Yield = u64, Return = ()> {
    let (mut n, mut a, mut b) = (0, 0u64, 1u64);
    while n < max {
        yield_!(b);
        (a, b) = (b, a + b);
        n += 1;
    }
}

fn main() {
    let mut numbers = fib(10);
    while let GeneratorState::Yielded(x) = numbers.resume(()) {
        println!("{x}");
    }
}
