//! The workloads written with `#[coro::coroutine]`, exactly as a user would.
#![allow(dead_code)]

use coro::{yield_, yield_from, Generator};

/// W1 through `resume`.
#[coro::coroutine]
pub fn count(n: u64) -> impl Generator<Yield = u64, Return = ()> {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
}

/// W1 through `Iterator`: the same body declared as `impl Iterator`.
#[coro::coroutine]
pub fn count_iter(n: u64) -> impl Iterator<Item = u64> {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
}

/// W2.
#[coro::coroutine]
pub fn fib(n: u64) -> impl Generator<Yield = u64, Return = ()> {
    let (mut a, mut b) = (0u64, 1u64);
    let mut i = 0;
    while i < n {
        yield_!(a);
        let t = a.wrapping_add(b);
        a = b;
        b = t;
        i += 1;
    }
}

/// W3: a consumer; `yield_!` evaluates to the value sent.
#[coro::coroutine]
pub fn acc() -> impl Generator<i64, Yield = i64, Return = ()> {
    let mut total = 0i64;
    loop {
        let v = yield_!(total);
        total = total.wrapping_add(v);
    }
}

/// W4: innermost level.
#[coro::coroutine]
pub fn d0(n: u64) -> impl Generator<Yield = u64, Return = u64> {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
    n
}

macro_rules! level {
    ($name:ident, $inner:ident) => {
        /// W4: one level of `yield_from!`.
        #[coro::coroutine]
        pub fn $name(n: u64) -> impl Generator<Yield = u64, Return = u64> {
            let r = yield_from!($inner(n));
            r + 1
        }
    };
}
level!(d1, d0);
level!(d2, d1);
level!(d3, d2);
level!(d4, d3);
level!(d5, d4);
level!(d6, d5);
level!(d7, d6);
level!(d8, d7);

/// W5: an `N`-byte buffer held across the yield, one byte touched per resume.
#[coro::coroutine]
pub fn big<const N: usize>(n: u64) -> impl Generator<Yield = u8, Return = ()> {
    let mut buf = [0u8; N];
    let mut i: u64 = 0;
    while i < n {
        let k = (i as usize) % N;
        buf[k] = buf[k].wrapping_add(i as u8);
        yield_!(buf[k]);
        i += 1;
    }
}

/// W6 in the boxed round-robin: a task that yields 100 times.
#[coro::coroutine]
pub fn task(switches: u64) -> impl Generator<Yield = (), Return = ()> {
    let mut i = 0;
    while i < switches {
        yield_!(());
        i += 1;
    }
}
