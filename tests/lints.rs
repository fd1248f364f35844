//! The expansion raises no lint of its own: an arm re-binds locals that it may neither read
//! nor mutate, the machine has states that some coroutines never enter, and a body may end in
//! a call that never returns. This file fails to compile if any of that shows up as a warning
//! (and CI's clippy run, which covers tests, fails on clippy's).
#![deny(warnings)]

mod common;

use coro::{yield_, yield_from, Generator, GeneratorState};
use common::{drive, panic_message, run, strs, take_log, Noisy};

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

fn fail(why: &str) -> ! {
    panic!("{why}")
}

/// Completes only through calls that never return, which the macro cannot tell from others.
#[coro::coroutine]
fn ends_in_a_diverging_call(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    if n == 0 {
        return fail("zero");
    }
    let k = if n > 10 { return fail("big") } else { n };
    yield_!(k);
    fail("done")
}

#[coro::coroutine]
fn ends_in_panic() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(1);
    panic!("no more")
}

#[coro::coroutine]
fn ends_in_a_loop_without_break() -> impl Iterator<Item = u32> {
    let mut i = 0;
    yield_!(i);
    loop {
        i += 1;
        if i == 3 {
            unreachable!("at {i}")
        }
    }
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

    assert_eq!(panic_message(|| ends_in_a_diverging_call(0).resume(())), "zero");
    assert_eq!(panic_message(|| ends_in_a_diverging_call(11).resume(())), "big");
    let mut g = ends_in_a_diverging_call(4);
    assert_eq!(g.resume(()), GeneratorState::Yielded(4));
    assert_eq!(panic_message(|| g.resume(())), "done");

    let mut g = ends_in_panic();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(panic_message(|| g.resume(())), "no more");

    let mut it = ends_in_a_loop_without_break();
    assert_eq!(it.next(), Some(0));
    assert_eq!(panic_message(|| it.next()), "internal error: entered unreachable code: at 3");
}

fn adder() -> fn(i32) -> i32 {
    |a| a + 1
}

/// A parenthesised callee is evaluated before the yield in its arguments, into a local of the
/// machine's: its parentheses (needed where the user wrote them) must not become
/// `unused_parens` on that local's initializer.
#[coro::coroutine]
fn parenthesised_callee() -> impl Generator<i32, Yield = i32, Return = i32> {
    let x = (adder())(yield_!(1));
    x
}

#[test]
fn a_parenthesised_callee_raises_no_lint() {
    let mut g = parenthesised_callee();
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(g.resume(4), GeneratorState::Complete(5));
}

/// `mut` bindings inside a parameter's pattern are mutated only in the machine, not by the
/// outer fn that moves them in.
#[coro::coroutine]
fn mut_in_a_parameter_pattern((mut a, mut b): (u32, u32)) -> impl Generator<Yield = u32, Return = u32> {
    a += 1;
    yield_!(a);
    b += 1;
    b
}

#[test]
fn mut_bindings_in_parameter_patterns_raise_no_unused_mut() {
    assert_eq!(run(mut_in_a_parameter_pattern((1, 5))), (vec![2], 6));
}
