// `yield_from!` primes its delegate with `R::default()`, so a resume type without `Default`
// is an error at the `yield_from!`.
use coro::{yield_, yield_from, Generator};

struct Token;

#[coro::coroutine]
fn inner() -> impl Generator<Token, Yield = i32, Return = ()> {
    let _token = yield_!(1);
}

#[coro::coroutine]
fn outer() -> impl Generator<Token, Yield = i32, Return = ()> {
    yield_from!(inner());
}

fn main() {
    let _ = outer();
}
