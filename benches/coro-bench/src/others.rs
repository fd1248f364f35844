//! The stable alternatives: genawaiter (`rc` flavour: an `async` block driven by hand, the
//! future boxed, the yield slot in an `Rc`) and corosensei (stackful: each coroutine runs on
//! its own 1 MiB mmap'd stack, a resume is a stack switch). Each is written the way its
//! documentation shows, and adapted to `coro::Generator` by an `#[inline(always)]` wrapper.
#![allow(dead_code)]

use std::future::Future;

use coro::{Generator, GeneratorState};

// ------------------------------------------------------------------------------- genawaiter

pub mod ga {
    use super::*;
    use genawaiter::rc::Gen;
    use genawaiter::GeneratorState as GS;

    /// `genawaiter::rc::Gen` seen as a `coro::Generator` (and an `Iterator` for W1).
    pub struct G<Y, R, F: Future>(pub Gen<Y, R, F>);

    impl<Y, R, F: Future> Generator<R> for G<Y, R, F> {
        type Yield = Y;
        type Return = F::Output;
        #[inline(always)]
        fn resume(&mut self, arg: R) -> GeneratorState<Y, F::Output> {
            match self.0.resume_with(arg) {
                GS::Yielded(y) => GeneratorState::Yielded(y),
                GS::Complete(r) => GeneratorState::Complete(r),
            }
        }
    }

    pub fn count(n: u64) -> G<u64, (), impl Future<Output = ()>> {
        G(Gen::new(move |co| async move {
            let mut i = 0;
            while i < n {
                co.yield_(i).await;
                i += 1;
            }
        }))
    }

    /// genawaiter's own `IntoIterator` for `rc::Gen<Y, (), F>`.
    pub fn count_iter(n: u64) -> impl Iterator<Item = u64> {
        count(n).0.into_iter()
    }

    pub fn fib(n: u64) -> G<u64, (), impl Future<Output = ()>> {
        G(Gen::new(move |co| async move {
            let (mut a, mut b) = (0u64, 1u64);
            let mut i = 0;
            while i < n {
                co.yield_(a).await;
                let t = a.wrapping_add(b);
                a = b;
                b = t;
                i += 1;
            }
        }))
    }

    pub fn acc() -> G<i64, i64, impl Future<Output = ()>> {
        G(Gen::new(|co| async move {
            let mut total = 0i64;
            loop {
                let v = co.yield_(total).await;
                total = total.wrapping_add(v);
            }
        }))
    }

    pub fn d0(n: u64) -> Gen<u64, (), impl Future<Output = u64>> {
        Gen::new(move |co| async move {
            let mut i = 0;
            while i < n {
                co.yield_(i).await;
                i += 1;
            }
            n
        })
    }

    macro_rules! level {
        ($name:ident, $inner:ident) => {
            /// One level of delegation: genawaiter has no `yield from`, so the inner
            /// generator is resumed in a loop and each value re-yielded.
            pub fn $name(n: u64) -> Gen<u64, (), impl Future<Output = u64>> {
                Gen::new(move |co| async move {
                    let mut g = $inner(n);
                    let r = loop {
                        match g.resume() {
                            GS::Yielded(v) => co.yield_(v).await,
                            GS::Complete(r) => break r,
                        }
                    };
                    r + 1
                })
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

    pub fn deep8(n: u64) -> G<u64, (), impl Future<Output = u64>> {
        G(d8(n))
    }

    pub fn big<const N: usize>(n: u64) -> G<u8, (), impl Future<Output = ()>> {
        G(Gen::new(move |co| async move {
            let mut buf = [0u8; N];
            let mut i: u64 = 0;
            while i < n {
                let k = (i as usize) % N;
                buf[k] = buf[k].wrapping_add(i as u8);
                co.yield_(buf[k]).await;
                i += 1;
            }
        }))
    }
}

// ------------------------------------------------------------------------------- corosensei

pub mod cs {
    use super::*;
    use corosensei::{Coroutine, CoroutineResult, Yielder};

    /// `corosensei::Coroutine` seen as a `coro::Generator` (and an `Iterator` for W1).
    pub struct C<I, Y, R>(pub Coroutine<I, Y, R>);

    impl<I, Y, R> Generator<I> for C<I, Y, R> {
        type Yield = Y;
        type Return = R;
        #[inline(always)]
        fn resume(&mut self, arg: I) -> GeneratorState<Y, R> {
            match self.0.resume(arg) {
                CoroutineResult::Yield(y) => GeneratorState::Yielded(y),
                CoroutineResult::Return(r) => GeneratorState::Complete(r),
            }
        }
    }

    impl<Y> Iterator for C<(), Y, ()> {
        type Item = Y;
        #[inline(always)]
        fn next(&mut self) -> Option<Y> {
            if self.0.done() {
                return None;
            }
            match self.0.resume(()) {
                CoroutineResult::Yield(y) => Some(y),
                CoroutineResult::Return(()) => None,
            }
        }
    }

    pub fn count(n: u64) -> C<(), u64, ()> {
        C(Coroutine::new(move |y: &Yielder<(), u64>, ()| {
            let mut i = 0;
            while i < n {
                y.suspend(i);
                i += 1;
            }
        }))
    }

    pub fn fib(n: u64) -> C<(), u64, ()> {
        C(Coroutine::new(move |y: &Yielder<(), u64>, ()| {
            let (mut a, mut b) = (0u64, 1u64);
            let mut i = 0;
            while i < n {
                y.suspend(a);
                let t = a.wrapping_add(b);
                a = b;
                b = t;
                i += 1;
            }
        }))
    }

    pub fn acc() -> C<i64, i64, ()> {
        C(Coroutine::new(|y: &Yielder<i64, i64>, _first: i64| {
            let mut total = 0i64;
            loop {
                let v = y.suspend(total);
                total = total.wrapping_add(v);
            }
        }))
    }

    /// Delegation on a stackful coroutine is a plain call: each level calls the next on the
    /// same stack, and the innermost suspends the whole stack.
    fn level(y: &Yielder<(), u64>, depth: u32, n: u64) -> u64 {
        if depth == 0 {
            let mut i = 0;
            while i < n {
                y.suspend(i);
                i += 1;
            }
            n
        } else {
            level(y, depth - 1, n) + 1
        }
    }

    pub fn deep8(n: u64) -> C<(), u64, u64> {
        C(Coroutine::new(move |y: &Yielder<(), u64>, ()| level(y, 8, n)))
    }

    pub fn big<const N: usize>(n: u64) -> C<(), u8, ()> {
        C(Coroutine::new(move |y: &Yielder<(), u8>, ()| {
            let mut buf = [0u8; N];
            let mut i: u64 = 0;
            while i < n {
                let k = (i as usize) % N;
                buf[k] = buf[k].wrapping_add(i as u8);
                y.suspend(buf[k]);
                i += 1;
            }
        }))
    }
}
