//! The expansion raises no lint of its own: an arm re-binds locals that it may neither read
//! nor mutate, and the machine has states that some coroutines never enter. This file fails to
//! compile if any of that shows up as a warning.
#![deny(warnings)]

mod common;

use coro::{yield_, yield_from, Generator, GeneratorState};
use common::{drive, run, strs, take_log, Noisy};

/// Kept only to be dropped: the arms after the first yield neither read nor mutate it.
#[coro::coroutine]
fn guard_across_yields() -> impl Generator<Yield = u32, Return = ()> {
    let _guard = Noisy("g");
    yield_!(1);
    yield_!(2);
}

/// `i` and `total` are mutated only in the arms that run after a yield; `n` is read in some.
#[coro::coroutine]
fn mutated_after_yield(n: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut total = 0;
    let mut i = 0;
    while i < n {
        let v = yield_!(total);
        total += v;
        i += 1;
    }
    total
}

/// A loop with two yields (its head is shared), a `match` with yields in two arms, and a
/// delegation.
#[coro::coroutine]
fn shapes(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    let mut k = 0;
    for x in 0..n {
        if x % 2 == 0 {
            yield_!(x);
        } else {
            yield_!(x + 100);
        }
        k += 1;
    }
    let tag = match k % 3 {
        0 => {
            yield_!(7);
            1
        }
        1 => {
            yield_!(8);
            2
        }
        _ => 3,
    };
    let r = yield_from!(one());
    tag + r
}

#[coro::coroutine]
fn one() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(9);
    10
}

/// Never completes: its `Done` state is never entered.
#[coro::coroutine]
fn forever() -> impl Generator<Yield = u32, Return = ()> {
    let mut i = 0;
    loop {
        yield_!(i);
        i += 1;
    }
}

/// A large buffer used in place across its yields.
#[coro::coroutine]
fn big_buffer() -> impl Generator<Yield = u8, Return = ()> {
    let buf = [3u8; 4096];
    yield_!(buf[0]);
    yield_!(buf[4095]);
}

#[test]
fn lint_free_machines_still_run() {
    take_log();
    assert_eq!(run(guard_across_yields()), (vec![1, 2], ()));
    assert_eq!(take_log(), strs(&["drop g"]));

    assert_eq!(drive(&mut mutated_after_yield(2), [0, 5, 6]), (vec![0, 5], Some(11)));

    assert_eq!(run(shapes(3)), (vec![0, 101, 2, 7, 9], 11));

    let mut f = forever();
    for want in 0..5 {
        assert_eq!(f.resume(()), GeneratorState::Yielded(want));
    }

    assert_eq!(run(big_buffer()), (vec![3, 3], ()));
}
