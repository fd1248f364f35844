//! Bug 10 (open at 51f3d34) — found by the campaign (seed 11), rejected: E0282 "type
//! annotations needed" at the attribute, shrunk from seed 5311596954890751086.
//! Code after a (labeled) block that always returns through a `yield_!` is unreachable; plain
//! Rust accepts it with a warning, the coroutine fails to infer a type for a binding declared
//! there (here a `[i64; 3]`, which the macro may keep in a pinned frame slot).
//!   expected: compiles; yields -3, completes with the resume value
//!   actual:   error[E0282]: type annotations needed --> #[coro::coroutine]
use coro::{yield_, Generator, GeneratorState};

#[coro::coroutine]
fn unreachable_after_block() -> impl Generator<i64, Yield = i64, Return = i64> {
    'c: {
        return yield_!(-3);
    }
    #[allow(unreachable_code)]
    let arr: [i64; 3] = [1, 2, 3];
    arr[0]
}

#[test]
fn runs() {
    let mut g = unreachable_after_block();
    assert_eq!(g.resume(0), GeneratorState::Yielded(-3));
    assert_eq!(g.resume(7), GeneratorState::Complete(7));
}
