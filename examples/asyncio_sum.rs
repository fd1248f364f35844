//! The seed's asyncio program on coro's scheduler, with the real clock:
//!
//! ```python
//! async def compute(x, y):
//!     print("Compute %s + %s ..." % (x, y))
//!     await asyncio.sleep(1.0)
//!     return x + y
//!
//! async def print_sum(x, y):
//!     result = await compute(x, y)
//!     print("%s + %s = %s" % (x, y, result))
//!
//! loop = asyncio.get_event_loop()
//! loop.run_until_complete(print_sum(1, 2))
//! ```
//!
//! `cargo run --example asyncio_sum` prints the same two lines, one second apart.
use std::time::Duration;

use coro::sched::{sleep, Clock, Reply, Request, Scheduler};
use coro::{yield_from, Generator};

#[coro::coroutine]
fn compute(x: i32, y: i32) -> impl Generator<Reply, Yield = Request, Return = i32> {
    println!("Compute {x} + {y} ...");
    yield_from!(sleep(Duration::from_secs(1)));
    x + y
}

#[coro::coroutine]
fn print_sum(x: i32, y: i32) -> impl Generator<Reply, Yield = Request, Return = ()> {
    let result = yield_from!(compute(x, y));
    println!("{x} + {y} = {result}");
}

fn main() {
    let mut event_loop = Scheduler::with_clock(Clock::Real);
    event_loop.run_until_complete(print_sum(1, 2));
}
