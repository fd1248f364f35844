//! Bug 14 (open at a36360b; new since the expansion is no longer re-parsed, 0f169ff) — found by
//! fuzz/quick.sh (seed 20240501, 3 programs of 300), rejected, shrunk from seed
//! 17307861127928218014 and then by hand. The user's parentheses around an `if` condition that
//! yields and contains a struct literal are lost in the lowering, so the expansion has a bare
//! struct literal in condition position.
//!   expected: compiles; yields 1, completes with 1 (5 > 3)
//!   actual:   error: struct literals are not allowed here
//!             `if __coro_resumed1 > P { a: 3 }.a {`  (help: surround the struct literal with parentheses)
use coro::{yield_, Generator, GeneratorState};

struct P {
    a: i64,
}

#[coro::coroutine]
fn struct_literal_in_condition() -> impl Generator<i64, Yield = i64, Return = i64> {
    if (yield_!(1) > P { a: 3 }.a) {
        return 1;
    }
    0
}

#[test]
fn runs() {
    let mut g = struct_literal_in_condition();
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(5), GeneratorState::Complete(1));
}
