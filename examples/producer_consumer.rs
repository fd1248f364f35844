//! The article's second program: a producer sends 5, 4, 3, 2, 1 to a consumer coroutine, which
//! prints each number and answers a status; at 3 it answers `false` and the driver stops.
//!
//! ```text
//! got 5!
//! got 4!
//! got 3!
//! I only wanted 3, 4 and 5
//! program ended
//! ```
use coro::{yield_, Generator, GeneratorState};

/// Python: `n = yield status` — each `send(n)` resumes the consumer with `n`.
#[coro::coroutine]
fn consumer() -> impl Generator<i32, Yield = bool, Return = ()> {
    let mut status = true;
    loop {
        let n = yield_!(status);
        println!("got {n}!");
        if n == 3 {
            status = false;
        }
    }
}

/// Python: `yield consumer.send(n)` — hands the consumer's status back to the driver.
#[coro::coroutine]
fn producer<C>(mut consumer: C) -> impl Iterator<Item = bool>
where
    C: Generator<i32, Yield = bool, Return = ()>,
{
    let mut n = 5;
    while n > 0 {
        let GeneratorState::Yielded(status) = consumer.resume(n) else { return };
        yield_!(status);
        n -= 1;
    }
}

fn main() {
    let mut c = consumer();
    c.resume(0); // Python's `c.send(None)`: run to the first `yield_!`; the 0 is dropped
    for status in producer(c) {
        if !status {
            println!("I only wanted 3, 4 and 5");
            break;
        }
    }
    println!("program ended");
}
