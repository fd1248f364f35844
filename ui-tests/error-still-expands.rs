// The coroutine is rejected (a `yield_!` inside `dbg!`'s arguments), yet the attribute still
// expands to the fn with its signature, so its callers type-check against it and the user sees
// only the one error.
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn numbers(max: u32) -> impl Generator<u32, Yield = u32, Return = &'static str> {
    let mut n = 0;
    while n < max {
        dbg!(yield_!(n));
        n += 1;
    }
    "done"
}

fn main() {
    let mut g = numbers(3);
    loop {
        match g.resume(7) {
            GeneratorState::Yielded(n) => {
                let doubled: u32 = n * 2;
                println!("{doubled}");
            }
            GeneratorState::Complete(msg) => {
                let len: usize = msg.len();
                println!("{len}");
                break;
            }
        }
    }
}
