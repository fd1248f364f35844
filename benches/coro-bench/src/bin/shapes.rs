//! Hand-expanded state machines: the evidence behind the changes to the expansion that the
//! macro has since made (inline loop heads, no label states, suspension variants first, the
//! resume argument used directly, in-place delegation, literal arrays in slots without an
//! `Option`). Each `shape:*` case is the expansion of one `coro_impl` workload written out by
//! hand in a different shape, driven by the same harness as `coro-bench`
//! (`shapes list | time | one | check`), so `benches/run.sh` counts its instructions too; the
//! `coro` rows of BENCHMARKS.md are what the macro emits now.
//!
//! * `shape:f49ee47`: a copy of what the macro emitted at commit f49ee47 for `count`: a
//!   `Start` variant, a `Loop1` label state, the suspension variant, `Done` and `Poisoned`; the
//!   state is moved out once (`mem::replace(state, Poisoned)`) and jumps within one resume go
//!   through a local next-state.
//! * The next three start from the expansion before f49ee47 (jumps through the state in memory,
//!   `match mem::replace(state, Poisoned)` at the top of the dispatch loop), one change each:
//! * `shape:-poison`: the same with `Done` doubling as the poison value (4 variants).
//! * `shape:-label`: the same without the label state: the loop-head code is emitted in each
//!   arm that reaches it (5 → 4 variants, no second trip through the dispatch `match`).
//! * `shape:-label-poison`: both (3 variants).
//! * `shape:proposed`: both, plus the suspension variants declared first (the hot arm gets
//!   discriminant 0), the resume argument used directly (no `Option` + `take_arg`), and for
//!   pinned slots the initializer run out of line (`#[cold] #[inline(never)]`), so the hot
//!   path does not save callee-saved registers for the cold `memset`. W4: the delegate resumed
//!   straight from the suspension arm, no `Loop`/`Join` states.
//! * `shape:pinned-delegate` (W4): the delegate in a pinned slot instead of by value.
//! * `shape:by-value` (W5-8): the 8-byte buffer kept by value in the suspension variant.
#![allow(dead_code, unused)]
#[path = "../common.rs"]
mod common;
#[path = "../coro_impl.rs"]
mod coro_impl;
#[path = "../hand.rs"]
mod hand;

use std::mem::size_of_val;

use common::*;
use coro::{Generator, GeneratorState as GS, Machine};

// A (`shape:f49ee47`): what the macro emitted at f49ee47 for `count` (5 variants; the state is moved
// out once with `mem::replace(state, Poisoned)`, jumps within one resume go through the local
// `next` and the `Loop1` label state, a suspension writes the state back).
pub fn count_a(n: u64) -> impl Generator<Yield = u64, Return = ()> {
    enum St<T0, T1> { Start { b0: T0 }, Loop1 { b1: T1, b0: T0 }, S1 { b1: T1, b0: T0 }, Done, Poisoned }
    Machine::new(St::Start { b0: n }, |s: &mut St<_, _>, arg: ()| -> GS<u64, ()> {
        let mut next = core::mem::replace(s, St::Poisoned);
        'd: loop {
            match next {
                St::Start { b0 } => { let n = b0; let mut i = 0; next = St::Loop1 { b0: n, b1: i }; continue 'd; }
                St::Loop1 { b0, b1 } => { let n = b0; let mut i = b1;
                    if i < n { let y: u64 = i; *s = St::S1 { b0: n, b1: i }; return GS::Yielded(y); }
                    else { *s = St::Done; return GS::Complete(()); } }
                St::S1 { b0, b1 } => { let n = b0; let mut i = b1; i += 1; next = St::Loop1 { b0: n, b1: i }; continue 'd; }
                St::Done => { *s = St::Done; coro::__private::resumed_after_completion() }
                St::Poisoned => coro::__private::resumed_after_panic(),
            }
        }
    })
}

// D: as A with Done and Poisoned merged (4 variants).
pub fn count_d(n: u64) -> impl Generator<Yield = u64, Return = ()> {
    enum St<T0, T1> { Start { b0: T0 }, Loop1 { b1: T1, b0: T0 }, S1 { b1: T1, b0: T0 }, Done }
    Machine::new(St::Start { b0: n }, |s: &mut St<_, _>, arg: ()| -> GS<u64, ()> {
        'd: loop {
            match core::mem::replace(s, St::Done) {
                St::Start { b0 } => { let n = b0; let mut i = 0; *s = St::Loop1 { b0: n, b1: i }; continue 'd; }
                St::Loop1 { b0, b1 } => { let n = b0; let mut i = b1;
                    if i < n { let y: u64 = i; *s = St::S1 { b0: n, b1: i }; return GS::Yielded(y); }
                    else { *s = St::Done; return GS::Complete(()); } }
                St::S1 { b0, b1 } => { let n = b0; let mut i = b1; i += 1; *s = St::Loop1 { b0: n, b1: i }; continue 'd; }
                St::Done => coro::__private::resumed_after_completion(),
            }
        }
    })
}

// E: as A without the Loop1 label state (loop head code copied into each arm that reaches it).
pub fn count_e(n: u64) -> impl Generator<Yield = u64, Return = ()> {
    enum St<T0, T1> { Start { b0: T0 }, S1 { b1: T1, b0: T0 }, Done, Poisoned }
    Machine::new(St::Start { b0: n }, |s: &mut St<_, _>, arg: ()| -> GS<u64, ()> {
        match core::mem::replace(s, St::Poisoned) {
            St::Start { b0 } => { let n = b0; let mut i = 0;
                if i < n { let y: u64 = i; *s = St::S1 { b0: n, b1: i }; return GS::Yielded(y); }
                else { *s = St::Done; return GS::Complete(()); } }
            St::S1 { b0, b1 } => { let n = b0; let mut i = b1; i += 1;
                if i < n { let y: u64 = i; *s = St::S1 { b0: n, b1: i }; return GS::Yielded(y); }
                else { *s = St::Done; return GS::Complete(()); } }
            St::Done => { *s = St::Done; coro::__private::resumed_after_completion() }
            St::Poisoned => coro::__private::resumed_after_panic(),
        }
    })
}

// C: E with Done/Poisoned merged: 3 variants.
pub fn count_c(n: u64) -> impl Generator<Yield = u64, Return = ()> {
    enum St<T0, T1> { Start { b0: T0 }, S1 { b1: T1, b0: T0 }, Done }
    Machine::new(St::Start { b0: n }, |s: &mut St<_, _>, arg: ()| -> GS<u64, ()> {
        match core::mem::replace(s, St::Done) {
            St::Start { b0 } => { let n = b0; let mut i = 0;
                if i < n { let y: u64 = i; *s = St::S1 { b0: n, b1: i }; return GS::Yielded(y); }
                else { *s = St::Done; return GS::Complete(()); } }
            St::S1 { b0, b1 } => { let n = b0; let mut i = b1; i += 1;
                if i < n { let y: u64 = i; *s = St::S1 { b0: n, b1: i }; return GS::Yielded(y); }
                else { *s = St::Done; return GS::Complete(()); } }
            St::Done => coro::__private::resumed_after_completion(),
        }
    })
}

// C3 (`shape:proposed`): C with the suspension variant first (discriminant 0).
pub fn count_c3(n: u64) -> impl Generator<Yield = u64, Return = ()> {
    enum St<T0, T1> { S1 { b1: T1, b0: T0 }, Start { b0: T0 }, Done }
    Machine::new(St::Start { b0: n }, |s: &mut St<_, _>, arg: ()| -> GS<u64, ()> {
        match core::mem::replace(s, St::Done) {
            St::Start { b0 } => { let n = b0; let mut i = 0;
                if i < n { let y: u64 = i; *s = St::S1 { b0: n, b1: i }; return GS::Yielded(y); }
                else { *s = St::Done; return GS::Complete(()); } }
            St::S1 { b0, b1 } => { let n = b0; let mut i = b1; i += 1;
                if i < n { let y: u64 = i; *s = St::S1 { b0: n, b1: i }; return GS::Yielded(y); }
                else { *s = St::Done; return GS::Complete(()); } }
            St::Done => coro::__private::resumed_after_completion(),
        }
    })
}

pub mod w4p {
    use super::*;
    pub fn d0(n: u64) -> impl Generator<Yield = u64, Return = u64> {
        enum St<T0, T1> { S1 { i: T1, n: T0 }, Start { n: T0 }, Done }
        Machine::new(St::Start { n }, |s: &mut St<_, _>, arg: ()| -> GS<u64, u64> {
            match core::mem::replace(s, St::Done) {
                St::Start { n } => { let i = 0; if i < n { *s = St::S1 { i, n }; return GS::Yielded(i); } GS::Complete(n) }
                St::S1 { i, n } => { let mut i = i; i += 1; if i < n { *s = St::S1 { i, n }; return GS::Yielded(i); } GS::Complete(n) }
                St::Done => coro::__private::resumed_after_completion(),
            }
        })
    }
    // Delegate kept in a pinned slot (never moved), no label state, Done = poisoned.
    macro_rules! lvl { ($name:ident, $inner:ident) => {
        pub fn $name(n: u64) -> impl Generator<Yield = u64, Return = u64> {
            enum St<T0> { S1, Start { n: T0 }, Done }
            struct Fr<S, G> { tag: S, g: Option<G> }
            Machine::new(Fr { tag: St::Start { n }, g: None }, |f: &mut Fr<St<_>, _>, arg: ()| -> GS<u64, u64> {
                let sent;
                match core::mem::replace(&mut f.tag, St::Done) {
                    St::Start { n } => { f.g = Some($inner(n)); sent = Default::default(); }
                    St::S1 => { sent = arg; }
                    St::Done => coro::__private::resumed_after_completion(),
                }
                match coro::__private::pinned(&mut f.g).resume(sent) {
                    GS::Yielded(y) => { f.tag = St::S1; GS::Yielded(y) }
                    GS::Complete(r) => { f.g = None; GS::Complete(r + 1) }
                }
            })
        }
    }}
    lvl!(d1, d0); lvl!(d2, d1); lvl!(d3, d2); lvl!(d4, d3); lvl!(d5, d4); lvl!(d6, d5); lvl!(d7, d6); lvl!(d8, d7);
}
pub mod w4v {
    use super::*;
    use super::w4p::d0;
    // Delegate by value in the suspension variant, no label state, Done = poisoned.
    macro_rules! lvl { ($name:ident, $inner:ident) => {
        pub fn $name(n: u64) -> impl Generator<Yield = u64, Return = u64> {
            enum St<T0, G> { S1 { g: G }, Start { n: T0 }, Done }
            Machine::new(St::Start { n }, |s: &mut St<_, _>, arg: ()| -> GS<u64, u64> {
                let (mut g, sent) = match core::mem::replace(s, St::Done) {
                    St::Start { n } => ($inner(n), Default::default()),
                    St::S1 { g } => (g, arg),
                    St::Done => coro::__private::resumed_after_completion(),
                };
                match g.resume(sent) {
                    GS::Yielded(y) => { *s = St::S1 { g }; GS::Yielded(y) }
                    GS::Complete(r) => GS::Complete(r + 1),
                }
            })
        }
    }}
    lvl!(d1, d0); lvl!(d2, d1); lvl!(d3, d2); lvl!(d4, d3); lvl!(d5, d4); lvl!(d6, d5); lvl!(d7, d6); lvl!(d8, d7);
}


pub mod opt {
    use super::*;
    // The proposed shape: one variant per suspension point (declared first), Start, one Done
    // that is also the poison; no label states (a loop head reached from several arms is
    // emitted in each of them); the resume argument used directly.
    pub fn fib(n: u64) -> impl Generator<Yield = u64, Return = ()> {
        enum St<T0, T1, T2, T3> { S1 { b: T3, a: T2, i: T1, n: T0 }, Start { n: T0 }, Done }
        Machine::new(St::Start { n }, |s: &mut St<_, _, _, _>, arg: ()| -> GS<u64, ()> {
            match core::mem::replace(s, St::Done) {
                St::Start { n } => { let (mut a, mut b) = (0u64, 1u64); let mut i = 0;
                    if i < n { let y: u64 = a; *s = St::S1 { b, a, i, n }; return GS::Yielded(y); }
                    GS::Complete(()) }
                St::S1 { b, a, i, n } => { let (mut a, mut b, mut i) = (a, b, i); let _ = arg;
                    let t = a.wrapping_add(b); a = b; b = t; i += 1;
                    if i < n { let y: u64 = a; *s = St::S1 { b, a, i, n }; return GS::Yielded(y); }
                    GS::Complete(()) }
                St::Done => coro::__private::resumed_after_completion(),
            }
        })
    }
    pub fn acc() -> impl Generator<i64, Yield = i64, Return = ()> {
        enum St<T0> { S1 { total: T0 }, Start {}, Done }
        Machine::new(St::Start {}, |s: &mut St<_>, arg: i64| -> GS<i64, ()> {
            match core::mem::replace(s, St::Done) {
                St::Start {} => { let _d = arg; let total = 0i64; *s = St::S1 { total }; GS::Yielded(total) }
                St::S1 { total } => { let mut total = total; let v = arg; total = total.wrapping_add(v); *s = St::S1 { total }; GS::Yielded(total) }
                St::Done => coro::__private::resumed_after_completion(),
            }
        })
    }
    #[cold]
    #[inline(never)]
    fn fill<T>(slot: &mut Option<T>, init: impl FnOnce() -> T) { *slot = Some(init()); }
    pub fn big<const N: usize>(n: u64) -> impl Generator<Yield = u8, Return = ()> {
        enum St<T0, T2> { S1 { i: T2, n: T0 }, Start { n: T0 }, Done }
        struct Fr<S, P> { tag: S, p1: Option<P> }
        Machine::new(Fr { tag: St::Start { n }, p1: None }, |f: &mut Fr<St<_, _>, _>, arg: ()| -> GS<u8, ()> {
            match core::mem::replace(&mut f.tag, St::Done) {
                St::Start { n } => { fill(&mut f.p1, || [0u8; N]); let buf = coro::__private::pinned(&mut f.p1); let mut i: u64 = 0;
                    if i < n { let k = (i as usize) % N; buf[k] = buf[k].wrapping_add(i as u8); let y = buf[k]; f.tag = St::S1 { i, n }; return GS::Yielded(y); }
                    f.p1 = None; GS::Complete(()) }
                St::S1 { i, n } => { let buf = coro::__private::pinned(&mut f.p1); let mut i = i; i += 1;
                    if i < n { let k = (i as usize) % N; buf[k] = buf[k].wrapping_add(i as u8); let y = buf[k]; f.tag = St::S1 { i, n }; return GS::Yielded(y); }
                    f.p1 = None; GS::Complete(()) }
                St::Done => coro::__private::resumed_after_completion(),
            }
        })
    }
}


pub mod opt2 {
    use super::*;
    // W5 with the 8-byte buffer kept by value in the suspension variant.
    pub fn big8(n: u64) -> impl Generator<Yield = u8, Return = ()> {
        enum St<T0, T1, T2> { S1 { i: T2, buf: T1, n: T0 }, Start { n: T0 }, Done }
        Machine::new(St::Start { n }, |s: &mut St<_, _, _>, arg: ()| -> GS<u8, ()> {
            match core::mem::replace(s, St::Done) {
                St::Start { n } => { let mut buf = [0u8; 8]; let mut i: u64 = 0;
                    if i < n { let k = (i as usize) % 8; buf[k] = buf[k].wrapping_add(i as u8); let y = buf[k]; *s = St::S1 { i, buf, n }; return GS::Yielded(y); }
                    GS::Complete(()) }
                St::S1 { i, buf, n } => { let mut buf = buf; let mut i = i; i += 1;
                    if i < n { let k = (i as usize) % 8; buf[k] = buf[k].wrapping_add(i as u8); let y = buf[k]; *s = St::S1 { i, buf, n }; return GS::Yielded(y); }
                    GS::Complete(()) }
                St::Done => coro::__private::resumed_after_completion(),
            }
        })
    }
}

fn main() {
    macro_rules! case {
        ($w:expr, $i:expr, $run:expr, $size:expr) => {
            Case { workload: $w, imp: $i, run: $run, size: Some($size), note: "hand-expanded" }
        };
    }
    main_with(vec![
        case!("W1-resume", "shape:f49ee47", |n| sum_resume(count_a(n)), size_of_val(&count_a(0))),
        case!("W1-resume", "shape:-poison", |n| sum_resume(count_d(n)), size_of_val(&count_d(0))),
        case!("W1-resume", "shape:-label", |n| sum_resume(count_e(n)), size_of_val(&count_e(0))),
        case!("W1-resume", "shape:-label-poison", |n| sum_resume(count_c(n)), size_of_val(&count_c(0))),
        case!("W1-resume", "shape:proposed", |n| sum_resume(count_c3(n)), size_of_val(&count_c3(0))),
        case!("W2", "shape:proposed", |n| sum_resume(opt::fib(n)), size_of_val(&opt::fib(0))),
        case!("W3", "shape:proposed", |n| sum_send(opt::acc(), n), size_of_val(&opt::acc())),
        case!("W4", "shape:proposed", |n| sum_resume_ret(w4v::d8(n)), size_of_val(&w4v::d8(0))),
        case!("W4", "shape:pinned-delegate", |n| sum_resume_ret(w4p::d8(n)), size_of_val(&w4p::d8(0))),
        case!("W5-4096", "shape:proposed", |n| sum_resume(opt::big::<4096>(n)), size_of_val(&opt::big::<4096>(0))),
        case!("W5-8", "shape:proposed", |n| sum_resume(opt::big::<8>(n)), size_of_val(&opt::big::<8>(0))),
        case!("W5-8", "shape:by-value", |n| sum_resume(opt2::big8(n)), size_of_val(&opt2::big8(0))),
    ]);
}
