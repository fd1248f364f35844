//! Issue #4 benchmark suite (nightly part): the workloads as nightly coroutines
//! (`#[coroutine] move || { .. yield v .. }`), and W1 also as a nightly `gen` block and through
//! `std::iter::from_coroutine`. Built with `cargo +nightly` by `benches/run.sh`.
//!
//! The same binary also contains the hand-written and the `#[coro::coroutine]` versions (the
//! very same source files as `coro-bench`, included with `#[path]`), compiled by the same
//! nightly rustc, as `hand@nightly` and `coro@nightly`: a same-compiler cross-check.
#![feature(coroutines, coroutine_trait, iter_from_coroutine, gen_blocks)]

#[path = "../../coro-bench/src/common.rs"]
mod common;
#[path = "../../coro-bench/src/coro_impl.rs"]
mod coro_impl;
#[path = "../../coro-bench/src/hand.rs"]
mod hand;

use std::mem::size_of_val;
use std::ops::{Coroutine, CoroutineState};
use std::pin::Pin;

use common::{sum_for, sum_next, sum_resume, sum_resume_ret, sum_send, Case};
use coro::{Generator, GeneratorState};

/// A nightly coroutine seen as a `coro::Generator`.
pub struct N<G>(G);

impl<G: Coroutine<R> + Unpin, R> Generator<R> for N<G> {
    type Yield = G::Yield;
    type Return = G::Return;
    #[inline(always)]
    fn resume(&mut self, arg: R) -> GeneratorState<G::Yield, G::Return> {
        match Pin::new(&mut self.0).resume(arg) {
            CoroutineState::Yielded(y) => GeneratorState::Yielded(y),
            CoroutineState::Complete(r) => GeneratorState::Complete(r),
        }
    }
}

mod nightly {
    use super::*;

    pub fn count(n: u64) -> N<impl Coroutine<Yield = u64, Return = ()> + Unpin> {
        N(
            #[coroutine]
            move || {
                let mut i = 0;
                while i < n {
                    yield i;
                    i += 1;
                }
            },
        )
    }

    pub fn count_from_coroutine(n: u64) -> impl Iterator<Item = u64> {
        std::iter::from_coroutine(
            #[coroutine]
            move || {
                let mut i = 0;
                while i < n {
                    yield i;
                    i += 1;
                }
            },
        )
    }

    pub fn count_gen(n: u64) -> impl Iterator<Item = u64> {
        gen move {
            let mut i = 0;
            while i < n {
                yield i;
                i += 1;
            }
        }
    }

    pub fn fib(n: u64) -> N<impl Coroutine<Yield = u64, Return = ()> + Unpin> {
        N(
            #[coroutine]
            move || {
                let (mut a, mut b) = (0u64, 1u64);
                let mut i = 0;
                while i < n {
                    yield a;
                    let t = a.wrapping_add(b);
                    a = b;
                    b = t;
                    i += 1;
                }
            },
        )
    }

    pub fn acc() -> N<impl Coroutine<i64, Yield = i64, Return = ()> + Unpin> {
        N(
            #[coroutine]
            |_first: i64| {
                let mut total = 0i64;
                loop {
                    let v = yield total;
                    total = total.wrapping_add(v);
                }
            },
        )
    }

    pub fn d0(n: u64) -> impl Coroutine<Yield = u64, Return = u64> + Unpin {
        #[coroutine]
        move || {
            let mut i = 0;
            while i < n {
                yield i;
                i += 1;
            }
            n
        }
    }

    macro_rules! level {
        ($name:ident, $inner:ident) => {
            /// One level of delegation: nightly has no `yield from`; this loop is what it
            /// desugars to.
            pub fn $name(n: u64) -> impl Coroutine<Yield = u64, Return = u64> + Unpin {
                #[coroutine]
                move || {
                    let mut g = $inner(n);
                    let r = loop {
                        let s = Pin::new(&mut g).resume(());
                        match s {
                            CoroutineState::Yielded(v) => yield v,
                            CoroutineState::Complete(r) => break r,
                        }
                    };
                    r + 1
                }
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

    pub fn big<const M: usize>(n: u64) -> N<impl Coroutine<Yield = u8, Return = ()> + Unpin> {
        N(
            #[coroutine]
            move || {
                let mut buf = [0u8; M];
                let mut i: u64 = 0;
                while i < n {
                    let k = (i as usize) % M;
                    buf[k] = buf[k].wrapping_add(i as u8);
                    yield buf[k];
                    i += 1;
                }
            },
        )
    }
}

fn cases() -> Vec<Case> {
    macro_rules! case {
        ($w:expr, $i:expr, $run:expr, $size:expr, $note:expr) => {
            Case { workload: $w, imp: $i, run: $run, size: Some($size), note: $note }
        };
    }
    let mut v = vec![
        case!("W1-resume", "nightly", |n| sum_resume(nightly::count(n)), size_of_val(&nightly::count(0)), ""),
        case!("W1-next", "nightly", |n| sum_next(nightly::count_from_coroutine(n)), size_of_val(&nightly::count_from_coroutine(0)), "`iter::from_coroutine`"),
        case!("W1-next", "nightly-gen", |n| sum_next(nightly::count_gen(n)), size_of_val(&nightly::count_gen(0)), "`gen` block"),
        case!("W1-for", "nightly", |n| sum_for(nightly::count_from_coroutine(n)), size_of_val(&nightly::count_from_coroutine(0)), "`iter::from_coroutine`"),
        case!("W1-for", "nightly-gen", |n| sum_for(nightly::count_gen(n)), size_of_val(&nightly::count_gen(0)), "`gen` block"),
        case!("W2", "nightly", |n| sum_resume(nightly::fib(n)), size_of_val(&nightly::fib(0)), ""),
        case!("W3", "nightly", |n| sum_send(nightly::acc(), n), size_of_val(&nightly::acc()), ""),
        case!("W4", "nightly", |n| sum_resume_ret(N(nightly::d8(n))), size_of_val(&nightly::d8(0)), "resume loop per level"),
        case!("W5-4096", "nightly", |n| sum_resume(nightly::big::<4096>(n)), size_of_val(&nightly::big::<4096>(0)), ""),
        case!("W5-8", "nightly", |n| sum_resume(nightly::big::<8>(n)), size_of_val(&nightly::big::<8>(0)), ""),
    ];
    // Same-compiler cross-check: the stable suite's hand-written and coro versions, built by
    // this nightly rustc.
    v.extend([
        case!("W1-resume", "hand@nightly", |n| sum_resume(hand::count(n)), size_of_val(&hand::count(0)), ""),
        case!("W1-resume", "coro@nightly", |n| sum_resume(coro_impl::count(n)), size_of_val(&coro_impl::count(0)), ""),
        case!("W1-next", "hand@nightly", |n| sum_next(hand::count(n)), size_of_val(&hand::count(0)), ""),
        case!("W1-next", "coro@nightly", |n| sum_next(coro_impl::count_iter(n)), size_of_val(&coro_impl::count_iter(0)), ""),
        case!("W1-for", "hand@nightly", |n| sum_for(hand::count(n)), size_of_val(&hand::count(0)), ""),
        case!("W1-for", "coro@nightly", |n| sum_for(coro_impl::count_iter(n)), size_of_val(&coro_impl::count_iter(0)), ""),
        case!("W2", "hand@nightly", |n| sum_resume(hand::fib(n)), size_of_val(&hand::fib(0)), ""),
        case!("W2", "coro@nightly", |n| sum_resume(coro_impl::fib(n)), size_of_val(&coro_impl::fib(0)), ""),
        case!("W3", "hand@nightly", |n| sum_send(hand::acc(), n), size_of_val(&hand::acc()), ""),
        case!("W3", "coro@nightly", |n| sum_send(coro_impl::acc(), n), size_of_val(&coro_impl::acc()), ""),
        case!("W4", "hand@nightly", |n| sum_resume_ret(hand::deep8(n)), size_of_val(&hand::deep8(0)), ""),
        case!("W4", "coro@nightly", |n| sum_resume_ret(coro_impl::d8(n)), size_of_val(&coro_impl::d8(0)), ""),
        case!("W5-4096", "hand@nightly", |n| sum_resume(hand::big::<4096>(n)), size_of_val(&hand::big::<4096>(0)), ""),
        case!("W5-4096", "coro@nightly", |n| sum_resume(coro_impl::big::<4096>(n)), size_of_val(&coro_impl::big::<4096>(0)), ""),
        case!("W5-8", "hand@nightly", |n| sum_resume(hand::big::<8>(n)), size_of_val(&hand::big::<8>(0)), ""),
        case!("W5-8", "coro@nightly", |n| sum_resume(coro_impl::big::<8>(n)), size_of_val(&coro_impl::big::<8>(0)), ""),
    ]);
    v
}

fn main() {
    common::main_with(cases());
}
