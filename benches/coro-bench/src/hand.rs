//! Hand-written state machines: the physical limit each workload is measured against. Each is
//! what a careful Rust programmer writes without any generator facility: a struct holding
//! exactly the live state, with no "not started"/"done"/"poisoned" bookkeeping beyond what
//! the workload needs.
#![allow(dead_code)]

use coro::{Generator, GeneratorState};

/// W1: yields `0..n`.
pub struct Count {
    i: u64,
    n: u64,
}

pub fn count(n: u64) -> Count {
    Count { i: 0, n }
}

impl Generator for Count {
    type Yield = u64;
    type Return = ();
    #[inline]
    fn resume(&mut self, _: ()) -> GeneratorState<u64, ()> {
        if self.i < self.n {
            let v = self.i;
            self.i += 1;
            GeneratorState::Yielded(v)
        } else {
            GeneratorState::Complete(())
        }
    }
}

impl Iterator for Count {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.i < self.n {
            let v = self.i;
            self.i += 1;
            Some(v)
        } else {
            None
        }
    }
}

/// W2: the first `n` Fibonacci numbers (wrapping).
pub struct Fib {
    a: u64,
    b: u64,
    i: u64,
    n: u64,
}

pub fn fib(n: u64) -> Fib {
    Fib { a: 0, b: 1, i: 0, n }
}

impl Generator for Fib {
    type Yield = u64;
    type Return = ();
    #[inline]
    fn resume(&mut self, _: ()) -> GeneratorState<u64, ()> {
        if self.i < self.n {
            let v = self.a;
            let t = self.a.wrapping_add(self.b);
            self.a = self.b;
            self.b = t;
            self.i += 1;
            GeneratorState::Yielded(v)
        } else {
            GeneratorState::Complete(())
        }
    }
}

/// W3: a running total of the values sent in. The first resume is the priming one: its
/// argument is dropped and it yields 0.
pub struct Acc {
    total: i64,
    started: bool,
}

pub fn acc() -> Acc {
    Acc { total: 0, started: false }
}

impl Generator<i64> for Acc {
    type Yield = i64;
    type Return = ();
    #[inline]
    fn resume(&mut self, v: i64) -> GeneratorState<i64, ()> {
        if self.started {
            self.total = self.total.wrapping_add(v);
        } else {
            self.started = true;
        }
        GeneratorState::Yielded(self.total)
    }
}

/// W4, innermost level: yields `0..n`, returns `n`.
pub struct CountRet {
    i: u64,
    n: u64,
}

impl Generator for CountRet {
    type Yield = u64;
    type Return = u64;
    #[inline]
    fn resume(&mut self, _: ()) -> GeneratorState<u64, u64> {
        if self.i < self.n {
            let v = self.i;
            self.i += 1;
            GeneratorState::Yielded(v)
        } else {
            GeneratorState::Complete(self.n)
        }
    }
}

/// W4, one level of delegation: forwards every yield, returns the inner return value + 1.
pub struct Deleg<G> {
    inner: G,
}

impl<G: Generator<Yield = u64, Return = u64>> Generator for Deleg<G> {
    type Yield = u64;
    type Return = u64;
    #[inline]
    fn resume(&mut self, _: ()) -> GeneratorState<u64, u64> {
        match self.inner.resume(()) {
            GeneratorState::Yielded(v) => GeneratorState::Yielded(v),
            GeneratorState::Complete(r) => GeneratorState::Complete(r + 1),
        }
    }
}

pub type Deep8 = Deleg<Deleg<Deleg<Deleg<Deleg<Deleg<Deleg<Deleg<CountRet>>>>>>>>;

/// W4: eight levels of delegation over `0..n`.
pub fn deep8(n: u64) -> Deep8 {
    let d0 = CountRet { i: 0, n };
    let d = Deleg { inner: Deleg { inner: Deleg { inner: Deleg { inner: d0 } } } };
    Deleg { inner: Deleg { inner: Deleg { inner: Deleg { inner: d } } } }
}

/// W5: an `N`-byte buffer held across every yield; one byte touched per resume.
pub struct Big<const N: usize> {
    buf: [u8; N],
    i: u64,
    n: u64,
}

pub fn big<const N: usize>(n: u64) -> Big<N> {
    Big { buf: [0; N], i: 0, n }
}

impl<const N: usize> Generator for Big<N> {
    type Yield = u8;
    type Return = ();
    #[inline]
    fn resume(&mut self, _: ()) -> GeneratorState<u8, ()> {
        if self.i < self.n {
            let k = (self.i as usize) % N;
            self.buf[k] = self.buf[k].wrapping_add(self.i as u8);
            let v = self.buf[k];
            self.i += 1;
            GeneratorState::Yielded(v)
        } else {
            GeneratorState::Complete(())
        }
    }
}

/// W6: a task that yields `left` times.
pub struct Task {
    left: u64,
}

pub fn task(switches: u64) -> Task {
    Task { left: switches }
}

impl Generator for Task {
    type Yield = ();
    type Return = ();
    #[inline]
    fn resume(&mut self, _: ()) -> GeneratorState<(), ()> {
        if self.left == 0 {
            GeneratorState::Complete(())
        } else {
            self.left -= 1;
            GeneratorState::Yielded(())
        }
    }
}

// ------------------------------------------------------------------------------------------
// Hand-written *enum* state machines with the semantics of a coroutine (`hand-enum` rows):
// calling the constructor runs nothing, the first resume runs to the first yield, a resume
// after completion panics. Written the way a careful programmer writes them (match on
// `&mut self`, fields updated in place). They are not the bar (the structs above are: the
// physical limit); they show what the lazy start and the completion state cost by
// themselves, i.e. the floor for any generator that keeps those semantics.

#[cold]
#[inline(never)]
fn after_completion() -> ! {
    panic!("resumed after completion")
}

/// W1 with coroutine semantics.
pub enum CountE {
    Start { n: u64 },
    Run { i: u64, n: u64 },
    Done,
}

pub fn count_e(n: u64) -> CountE {
    CountE::Start { n }
}

impl Generator for CountE {
    type Yield = u64;
    type Return = ();
    #[inline]
    fn resume(&mut self, _: ()) -> GeneratorState<u64, ()> {
        match self {
            CountE::Start { n } => {
                if *n > 0 {
                    *self = CountE::Run { i: 0, n: *n };
                    GeneratorState::Yielded(0)
                } else {
                    *self = CountE::Done;
                    GeneratorState::Complete(())
                }
            }
            CountE::Run { i, n } => {
                *i += 1;
                if *i < *n {
                    GeneratorState::Yielded(*i)
                } else {
                    *self = CountE::Done;
                    GeneratorState::Complete(())
                }
            }
            CountE::Done => after_completion(),
        }
    }
}

/// The `Iterator` form is fused (like a coroutine declared `impl Iterator`).
impl Iterator for CountE {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        match self {
            CountE::Done => None,
            _ => self.resume(()).yielded(),
        }
    }
}

/// W2 with coroutine semantics.
pub enum FibE {
    Start { n: u64 },
    Run { a: u64, b: u64, i: u64, n: u64 },
    Done,
}

pub fn fib_e(n: u64) -> FibE {
    FibE::Start { n }
}

impl Generator for FibE {
    type Yield = u64;
    type Return = ();
    #[inline]
    fn resume(&mut self, _: ()) -> GeneratorState<u64, ()> {
        match self {
            FibE::Start { n } => {
                if *n > 0 {
                    *self = FibE::Run { a: 0, b: 1, i: 0, n: *n };
                    GeneratorState::Yielded(0)
                } else {
                    *self = FibE::Done;
                    GeneratorState::Complete(())
                }
            }
            FibE::Run { a, b, i, n } => {
                let t = a.wrapping_add(*b);
                *a = *b;
                *b = t;
                *i += 1;
                if *i < *n {
                    GeneratorState::Yielded(*a)
                } else {
                    *self = FibE::Done;
                    GeneratorState::Complete(())
                }
            }
            FibE::Done => after_completion(),
        }
    }
}

/// W3 with coroutine semantics (the priming resume is the `Start` state).
pub enum AccE {
    Start,
    Run { total: i64 },
}

pub fn acc_e() -> AccE {
    AccE::Start
}

impl Generator<i64> for AccE {
    type Yield = i64;
    type Return = ();
    #[inline]
    fn resume(&mut self, v: i64) -> GeneratorState<i64, ()> {
        match self {
            AccE::Start => {
                *self = AccE::Run { total: 0 };
                GeneratorState::Yielded(0)
            }
            AccE::Run { total } => {
                *total = total.wrapping_add(v);
                GeneratorState::Yielded(*total)
            }
        }
    }
}

/// W5 with coroutine semantics: the buffer is created by the first resume.
pub enum BigE<const N: usize> {
    Start { n: u64 },
    Run { buf: [u8; N], i: u64, n: u64 },
    Done,
}

pub fn big_e<const N: usize>(n: u64) -> BigE<N> {
    BigE::Start { n }
}

impl<const N: usize> BigE<N> {
    /// Writes `self.buf[i % N] += i` and returns it.
    #[inline]
    fn touch(buf: &mut [u8; N], i: u64) -> u8 {
        let k = (i as usize) % N;
        buf[k] = buf[k].wrapping_add(i as u8);
        buf[k]
    }
}

impl<const N: usize> Generator for BigE<N> {
    type Yield = u8;
    type Return = ();
    #[inline]
    fn resume(&mut self, _: ()) -> GeneratorState<u8, ()> {
        match self {
            BigE::Start { n } => {
                if *n > 0 {
                    *self = BigE::Run { buf: [0; N], i: 0, n: *n };
                    let BigE::Run { buf, .. } = self else { unreachable!() };
                    GeneratorState::Yielded(Self::touch(buf, 0))
                } else {
                    *self = BigE::Done;
                    GeneratorState::Complete(())
                }
            }
            BigE::Run { buf, i, n } => {
                *i += 1;
                if *i < *n {
                    GeneratorState::Yielded(Self::touch(buf, *i))
                } else {
                    *self = BigE::Done;
                    GeneratorState::Complete(())
                }
            }
            BigE::Done => after_completion(),
        }
    }
}
