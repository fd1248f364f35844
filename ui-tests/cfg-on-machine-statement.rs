// `cfg` is evaluated after `#[coro::coroutine]` has built the state machine, so a `#[cfg]` on a
// statement that yields, leaves the body or a loop, never completes, or declares a local (the
// machine may keep it across a `yield_!`), or on a `match` arm that yields, is an error
// instead of code that runs although `cfg` turned it off. Yield-free statements may carry it.
use coro::{yield_, Generator};

#[coro::coroutine]
fn feature_gated(o: Option<u32>) -> impl Generator<Yield = u32, Return = Option<u32>> {
    #[cfg(feature = "trace")]
    yield_!(99);
    #[cfg(any())]
    o?;
    #[cfg(debug_assertions)]
    let started = 1;
    match o {
        #[cfg(any())]
        Some(n) => {
            yield_!(n);
        }
        _ => {}
    }
    #[cfg(any())]
    println!("a yield-free statement may be switched off");
    for _ in 0..2 {
        #[cfg(any())]
        break;
    }
    Some(7)
}

fn main() {
    let _ = feature_gated(None);
}
