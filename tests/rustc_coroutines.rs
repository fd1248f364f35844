//! Ports of rustc's own run-pass coroutine tests (`tests/ui/coroutine/`) to coro: each test
//! expresses the semantics the rustc test checks, written for `#[coro::coroutine]` fns.
//!
//! Sizes asserted here are what coro gives (an enum of its suspension states), compared with
//! what rustc's tests assert for its own coroutines where they differ.
mod common;

use std::cell::RefCell;
use std::mem::size_of_val;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{drive, log, panic_message, resume_then_drop, run, take_log, Noisy};
use coro::{yield_, yield_from, Generator, GeneratorState};

/// Resumes `g` with `()` until it completes, asserting it yielded exactly `amt` times.
fn finish<G: Generator<Yield = ()>>(amt: usize, g: G) -> G::Return {
    let (ys, r) = run(g);
    assert_eq!(ys.len(), amt);
    r
}

// ---------------------------------------------------------------------------------------------
// smoke.rs

#[coro::coroutine]
fn smoke_never_yields() -> impl Generator<Yield = (), Return = ()> {
    if false {
        yield_!(());
    }
}

/// smoke.rs `simple`: a coroutine whose only yield is dead completes on the first resume.
#[test]
fn smoke_simple() {
    let mut g = smoke_never_yields();
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
}

#[coro::coroutine]
fn smoke_return_capture(a: String) -> impl Generator<Yield = (), Return = String> {
    if false {
        yield_!(());
    }
    a
}

/// smoke.rs `return_capture`: a captured value is returned by a coroutine that never yields.
#[test]
fn smoke_return_capture_test() {
    let mut g = smoke_return_capture(String::from("foo"));
    assert_eq!(g.resume(()), GeneratorState::Complete(String::from("foo")));
}

#[coro::coroutine]
fn smoke_yield_capture(b: String) -> impl Generator<Yield = String, Return = ()> {
    yield_!(b);
}

/// smoke.rs `yield_capture`: a captured value is yielded by move.
#[test]
fn smoke_yield_capture_test() {
    let mut g = smoke_yield_capture("foo".into());
    assert_eq!(g.resume(()), GeneratorState::Yielded("foo".to_string()));
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
}

#[coro::coroutine]
fn smoke_yield_value() -> impl Generator<Yield = String, Return = String> {
    yield_!(String::from("bar"));
    return String::from("foo");
}

/// smoke.rs `simple_yield_value` / `return_after_yield`: a yielded and a returned String.
#[test]
fn smoke_simple_yield_value() {
    let mut g = smoke_yield_value();
    assert_eq!(g.resume(()), GeneratorState::Yielded("bar".to_string()));
    assert_eq!(g.resume(()), GeneratorState::Complete("foo".to_string()));
}

#[coro::coroutine]
fn smoke_drop_later(a: String) -> impl Generator<Yield = (), Return = ()> {
    yield_!(());
    drop(a);
}

/// smoke.rs `send_and_sync` / `send_over_threads`: coroutines over Send data are Send + Sync and
/// can be resumed on another thread.
#[test]
fn smoke_send_and_sync_over_threads() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    let g = smoke_drop_later("a".into());
    assert_send_sync(&g);
    assert_send_sync(&smoke_yield_capture("a".into()));
    let mut g2 = smoke_yield_capture("a".into());
    std::thread::spawn(move || {
        let mut g = g;
        assert_eq!(g.resume(()), GeneratorState::Yielded(()));
        assert_eq!(g.resume(()), GeneratorState::Complete(()));
        assert_eq!(g2.resume(()), GeneratorState::Yielded("a".to_string()));
        assert_eq!(g2.resume(()), GeneratorState::Complete(()));
    })
    .join()
    .unwrap();
}

// ---------------------------------------------------------------------------------------------
// control-flow.rs

#[coro::coroutine]
fn cf_one() -> impl Generator<Yield = (), Return = ()> {
    yield_!(())
}

#[coro::coroutine]
fn cf_for() -> impl Generator<Yield = (), Return = ()> {
    for _ in 0..8 {
        yield_!(());
    }
}

#[coro::coroutine]
fn cf_if(c: bool) -> impl Generator<Yield = (), Return = ()> {
    if c {
        yield_!(());
    } else {
    }
}

#[coro::coroutine]
fn cf_else(c: bool) -> impl Generator<Yield = (), Return = ()> {
    if c {
    } else {
        yield_!(());
    }
}

#[coro::coroutine]
#[allow(unreachable_code)]
fn cf_yield_in_condition() -> impl Generator<Yield = (), Return = ()> {
    if {
        yield_!(());
        false
    } {
        yield_!(());
        panic!()
    }
    yield_!(())
}

/// control-flow.rs: yields in tail position, in `for`, in either `if` arm, in an `if` condition.
#[test]
fn control_flow() {
    finish(1, cf_one());
    finish(8, cf_for());
    finish(1, cf_if(true));
    finish(0, cf_if(false));
    finish(1, cf_else(false));
    finish(0, cf_else(true));
    finish(2, cf_yield_in_condition());
}

// ---------------------------------------------------------------------------------------------
// conditional-drop.rs

static CD: AtomicUsize = AtomicUsize::new(0);
struct CdB;
impl Drop for CdB {
    fn drop(&mut self) {
        CD.fetch_add(1, Ordering::SeqCst);
    }
}

#[coro::coroutine]
fn conditional_drop(test: fn() -> bool) -> impl Generator<Yield = (), Return = ()> {
    let b = CdB;
    if test() {
        drop(b);
    }
    yield_!(());
}

/// conditional-drop.rs: a value dropped in one branch is not dropped again; on the other path it
/// is dropped once (coro: at the yield, documented; rustc: at scope end).
#[test]
fn conditional_drop_test() {
    let n = CD.load(Ordering::SeqCst);
    let mut a = conditional_drop(|| true);
    a.resume(());
    assert_eq!(CD.load(Ordering::SeqCst), n + 1);
    a.resume(());
    assert_eq!(CD.load(Ordering::SeqCst), n + 1);
    drop(a);
    assert_eq!(CD.load(Ordering::SeqCst), n + 1);

    let mut a = conditional_drop(|| false);
    a.resume(());
    a.resume(());
    drop(a);
    assert_eq!(CD.load(Ordering::SeqCst), n + 2);
}

// ---------------------------------------------------------------------------------------------
// drop-env.rs

#[coro::coroutine]
fn drop_env_later(b: Noisy) -> impl Generator<Yield = (), Return = ()> {
    yield_!(());
    drop(b);
}

#[coro::coroutine]
fn drop_env_yielded(b: Noisy) -> impl Generator<Yield = Noisy, Return = ()> {
    yield_!(b);
}

/// drop-env.rs: a captured value is dropped with the suspended coroutine (t1), with an unstarted
/// one (t3), and is not dropped by the coroutine once it has been yielded away (t2).
#[test]
fn drop_env() {
    take_log();
    let mut g = drop_env_later(Noisy("b"));
    let _ = g.resume(());
    assert!(take_log().is_empty());
    drop(g);
    assert_eq!(take_log(), ["drop b"]);

    let mut g = drop_env_yielded(Noisy("b"));
    let _ = g.resume(());
    assert_eq!(take_log(), ["drop b"]);
    drop(g);
    assert!(take_log().is_empty());

    let g = drop_env_later(Noisy("b"));
    assert!(take_log().is_empty());
    drop(g);
    assert_eq!(take_log(), ["drop b"]);
}

// ---------------------------------------------------------------------------------------------
// drop-and-replace.rs

#[derive(Debug, PartialEq)]
struct Foo(i32);
impl Drop for Foo {
    fn drop(&mut self) {
        log(format!("drop foo {}", self.0));
    }
}

#[coro::coroutine]
fn drop_and_replace() -> impl Generator<Yield = (), Return = ()> {
    let mut x = Foo(4);
    yield_!(());
    assert_eq!(x.0, 4);
    x = Foo(5);
    assert_eq!(x.0, 5);
    {
        let y = Foo(6);
        yield_!(());
        assert_eq!(y.0, 6);
    }
    assert_eq!(x.0, 5);
}

/// drop-and-replace.rs: reassigning a saved local after a yield keeps it saved for later yields.
#[test]
fn drop_and_replace_test() {
    take_log();
    finish(2, drop_and_replace());
    assert_eq!(take_log(), ["drop foo 4", "drop foo 6", "drop foo 5"]);
    // Dropped while suspended in the inner scope: y then x.
    let got = resume_then_drop(drop_and_replace(), 2);
    assert_eq!(got, ["yield ()", "drop foo 4", "yield ()", "drop gen", "drop foo 6", "drop foo 5"]);
}

// ---------------------------------------------------------------------------------------------
// panic-drops.rs

#[coro::coroutine]
#[allow(unreachable_code)]
fn panic_drops(b: Noisy, fail: bool) -> impl Generator<Yield = (), Return = ()> {
    if fail {
        panic!("first resume");
    }
    drop(b);
    yield_!(());
}

/// panic-drops.rs: a panic before the first yield drops the captured value once, and the
/// coroutine is poisoned.
#[test]
fn panic_drops_test() {
    take_log();
    let mut g = panic_drops(Noisy("b"), true);
    assert_eq!(panic_message(|| g.resume(())), "first resume");
    assert_eq!(take_log(), ["drop b"]);
    assert!(panic_message(|| g.resume(())).contains("poisoned"));
    drop(g);
    assert!(take_log().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Sizes: size-moved-locals.rs, overlap-locals.rs, resume-arg-size.rs, niche-in-coroutine.rs,
// discriminant.rs. coro's generator is an enum of its suspension states (plus not started,
// done and poisoned), so a local takes room only in the states that hold it.

const FOO_SIZE: usize = 1024;
struct Big(#[allow(dead_code)] [u8; FOO_SIZE]);
impl Drop for Big {
    fn drop(&mut self) {}
}
fn noop() {}

#[coro::coroutine]
fn move_before_yield() -> impl Generator<Yield = (), Return = ()> {
    let first = Big([0; FOO_SIZE]);
    let _second = first;
    yield_!(());
}

#[coro::coroutine]
fn move_before_yield_with_noop() -> impl Generator<Yield = (), Return = ()> {
    let first = Big([0; FOO_SIZE]);
    noop();
    let _second = first;
    yield_!(());
}

#[coro::coroutine]
fn overlap_move_points() -> impl Generator<Yield = (), Return = ()> {
    let first = Big([0; FOO_SIZE]);
    yield_!(());
    let second = first;
    yield_!(());
    let _third = second;
    yield_!(());
}

#[coro::coroutine]
fn overlap_x_and_y() -> impl Generator<Yield = (), Return = ()> {
    let x = Big([0; FOO_SIZE]);
    yield_!(());
    drop(x);
    let y = Big([0; FOO_SIZE]);
    yield_!(());
    drop(y);
}

/// size-moved-locals.rs: a moved local is not stored twice. rustc asserts 1025, 1026, 2051 and
/// 1026; coro stores each state's live locals only, so all four are 1025 (1024 + tag).
#[test]
fn size_moved_locals() {
    assert_eq!(size_of_val(&move_before_yield()), 1025);
    assert_eq!(size_of_val(&move_before_yield_with_noop()), 1025);
    assert_eq!(size_of_val(&overlap_move_points()), 1025);
    assert_eq!(size_of_val(&overlap_x_and_y()), 1025);
    assert_eq!(run(overlap_move_points()).0.len(), 3);
}

#[coro::coroutine]
fn overlap_locals() -> impl Generator<Yield = i32, Return = ()> {
    {
        let w: i32 = 4;
        yield_!(0);
        yield_!(w);
    }
    {
        let x: i32 = 5;
        yield_!(0);
        yield_!(x);
    }
    {
        let y: i32 = 6;
        yield_!(0);
        yield_!(y);
    }
}

/// overlap-locals.rs: locals of disjoint scopes share storage (rustc: 8 bytes; coro: 8).
#[test]
fn overlap_locals_size() {
    assert_eq!(size_of_val(&overlap_locals()), 8);
    assert_eq!(run(overlap_locals()).0, [0, 4, 0, 5, 0, 6]);
}

#[coro::coroutine]
fn resume_copy() -> impl Generator<usize, Yield = (), Return = ()> {
    let mut x = 0usize;
    loop {
        let _ = x;
        x = yield_!(());
    }
}

#[coro::coroutine]
fn resume_move() -> impl Generator<Box<usize>, Yield = (), Return = ()> {
    let mut x = Box::new(0usize);
    loop {
        drop(x);
        x = yield_!(());
    }
}

#[coro::coroutine]
fn resume_big() -> impl Generator<[u8; 4096], Yield = u8, Return = ()> {
    let mut acc = 0u8;
    loop {
        let a = yield_!(acc);
        acc = acc.wrapping_add(a[4095]);
    }
}

/// resume-arg-size.rs: a resume argument not live across a yield takes no room (1 byte, the
/// tag, as in rustc), even a 4 KiB one. `resume_copy` differs from rustc: `let _ = x;` leaves
/// `x` owning its value, which the reassignment after the yield drops, so coro keeps it
/// (rustc, knowing `usize` is `Copy`, does not).
#[test]
fn resume_arg_size() {
    assert_eq!(size_of_val(&resume_copy()), 2 * std::mem::size_of::<usize>());
    assert_eq!(size_of_val(&resume_move()), 1);
    assert_eq!(size_of_val(&resume_big()), 2);
    let mut g = resume_move();
    for i in 0..4 {
        assert_eq!(g.resume(Box::new(i)), GeneratorState::Yielded(()));
    }
    let mut g = resume_big();
    assert_eq!(g.resume([1; 4096]), GeneratorState::Yielded(0));
    assert_eq!(g.resume([7; 4096]), GeneratorState::Yielded(7));
    assert_eq!(g.resume([7; 4096]), GeneratorState::Yielded(14));
}

#[coro::coroutine]
fn niche_bool(x: bool) -> impl Generator<Yield = (), Return = bool> {
    yield_!(());
    x
}

/// niche-in-coroutine.rs: rustc's coroutines do not expose niches (its test asserts
/// `size_of(g) != size_of(Some(g))`, FIXME #63818); coro's enum does, so `Option` is free.
#[test]
fn niche_in_coroutine() {
    assert_eq!(size_of_val(&niche_bool(false)), 2);
    assert_eq!(size_of_val(&Some(niche_bool(false))), 2);
    let mut g = niche_bool(true);
    g.resume(());
    assert_eq!(g.resume(()), GeneratorState::Complete(true));
}
/// 252 yields: with the three reserved states, 255 variants (one niche left).
#[coro::coroutine]
fn yields_252() -> impl Generator<Yield = (), Return = ()> {
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
}
/// 253 yields: 256 variants, the whole u8.
#[coro::coroutine]
fn yields_253() -> impl Generator<Yield = (), Return = ()> {
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
}
/// 254 yields: 257 variants, a u16 tag.
#[coro::coroutine]
fn yields_254() -> impl Generator<Yield = (), Return = ()> {
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
    yield_!(());
}

/// Resumes `g` to completion and returns the number of yields; checks each resume is cheap
/// enough to run (no state is skipped or repeated).
fn count_yields<G: Generator<Yield = ()>>(g: G) -> usize {
    run(g).0.len()
}

/// discriminant.rs: the tag of a coroutine with many states is as small as it can be, and
/// uses its niche, exactly as rustc's (1 / 1 / 2, 1 / 2, 2 / 2 bytes).
#[test]
fn discriminant_sizes_with_many_states() {
    assert_eq!(size_of_val(&yields_252()), 1);
    assert_eq!(size_of_val(&Some(yields_252())), 1);
    assert_eq!(size_of_val(&Some(Some(yields_252()))), 2);
    assert_eq!(size_of_val(&yields_253()), 1);
    assert_eq!(size_of_val(&Some(yields_253())), 2);
    assert_eq!(size_of_val(&yields_254()), 2);
    assert_eq!(size_of_val(&Some(yields_254())), 2);
    assert_eq!(count_yields(yields_252()), 252);
    assert_eq!(count_yields(yields_253()), 253);
    assert_eq!(count_yields(yields_254()), 254);
    // Dropped in the middle of the many states.
    let mut g = yields_254();
    for _ in 0..200 {
        assert_eq!(g.resume(()), GeneratorState::Yielded(()));
    }
    drop(g);
}

#[coro::coroutine]
fn large_locals(n: usize) -> impl Generator<Yield = u64, Return = u64> {
    let mut buf = [0u8; 1 << 16];
    for (i, b) in buf.iter_mut().enumerate() {
        *b = (i % 251) as u8;
    }
    let mut total = 0u64;
    for round in 0..n {
        let other = [round as u8; 1 << 12];
        yield_!(total);
        total += buf[round * 1000] as u64 + other[4095] as u64;
    }
    total
}

/// size-moved-locals.rs (large locals): a 64 KiB array kept across yields, with a 4 KiB one
/// in a loop body.
#[test]
fn large_locals_across_yields() {
    let g = large_locals(5);
    assert!(size_of_val(&g) >= (1 << 16) + (1 << 12));
    let (ys, r) = run(Box::new(g));
    assert_eq!(ys.len(), 5);
    let expected: u64 = (0..5u64).map(|r| (r * 1000 % 251) + r).sum();
    assert_eq!(r, expected);
}

// ---------------------------------------------------------------------------------------------
// iterator-count.rs, nested-generators.rs, yield-in-initializer.rs, live-upvar-across-yield.rs,
// reborrow-mut-upvar.rs, issue-44197.rs, issue-58888.rs, issue-69039.rs, issue-93161.rs.

#[coro::coroutine]
fn one_to_five() -> impl Generator<Yield = u8, Return = ()> {
    for i in 1..6 {
        yield_!(i)
    }
}

#[coro::coroutine]
fn range_iter(start: u8, end: u8) -> impl Iterator<Item = u8> {
    for i in start..end {
        yield_!(i)
    }
}

/// An iterator over a `()`-resumed generator, like iterator-count.rs's `W`.
struct W<G>(G);
impl<G: Generator<Return = ()>> Iterator for W<G> {
    type Item = G::Yield;
    fn next(&mut self) -> Option<G::Yield> {
        match self.0.resume(()) {
            GeneratorState::Yielded(v) => Some(v),
            GeneratorState::Complete(()) => None,
        }
    }
}

/// iterator-count.rs: a generator wrapped as an iterator chains with an `impl Iterator`
/// coroutine, and the chain counts 1..11.
#[test]
fn iterator_count() {
    assert!(W(one_to_five()).chain(range_iter(6, 11)).eq(1..11));
    assert_eq!(range_iter(0, 200).count(), 200);
}

#[coro::coroutine]
fn nested_outer() -> impl Generator<Yield = i32, Return = i32> {
    let mut inner = one_to_five();
    let mut sum = 0;
    loop {
        match inner.resume(()) {
            GeneratorState::Yielded(x) => {
                sum += x as i32;
                yield_!(x as i32 * 10);
            }
            GeneratorState::Complete(()) => break,
        }
    }
    let from = yield_from!(nested_inner(sum));
    sum + from
}

#[coro::coroutine]
fn nested_inner(k: i32) -> impl Generator<Yield = i32, Return = i32> {
    yield_!(-k);
    k * 2
}

/// nested-generators.rs: a generator driven by hand inside another (re-yielding its values),
/// then one delegated to with `yield_from!`.
#[test]
fn nested_generators() {
    let (ys, r) = run(nested_outer());
    assert_eq!(ys, [10, 20, 30, 40, 50, -15]);
    assert_eq!(r, 45);
}

#[coro::coroutine]
fn yield_in_initializer() -> impl Generator<i32, Yield = i32, Return = ()> {
    loop {
        let mut x = yield_!(0);
        loop {
            x += yield_!(x);
            if x > 100 {
                break;
            }
        }
    }
}

/// yield-in-initializer.rs: `let mut x = yield;` then a loop re-yielding and updating it.
#[test]
fn yield_in_initializer_test() {
    let mut g = yield_in_initializer();
    let (ys, _) = drive(&mut g, [0, 5, 10, 90, 1, 2]);
    assert_eq!(ys, [0, 5, 15, 0, 1, 3]);
}

#[coro::coroutine]
fn reborrow_mut_upvar(bar: &mut i32) -> impl Generator<Yield = i32, Return = ()> + '_ {
    {
        let shared = &*bar;
        yield_!(*shared);
    }
    *bar = 2;
}

/// reborrow-mut-upvar.rs: a shared reborrow of a `&mut` parameter held across a yield, then a
/// write through the parameter.
#[test]
fn reborrow_mut_upvar_test() {
    let mut v = 1;
    assert_eq!(run(reborrow_mut_upvar(&mut v)).0, [1]);
    assert_eq!(v, 2);
}

#[coro::coroutine]
fn live_upvar(b: impl Fn(i32) -> i32) -> impl Generator<i32, Yield = (), Return = i32> {
    b(yield_!(()))
}

/// live-upvar-across-yield.rs: a captured closure called with a yield as its argument.
#[test]
fn live_upvar_across_yield() {
    let mut g = live_upvar(|x| x + 3);
    assert_eq!(g.resume(0), GeneratorState::Yielded(()));
    assert_eq!(g.resume(4), GeneratorState::Complete(7));
}

fn foo(_: &str) -> String {
    String::new()
}

fn foo2(_: &str) -> Result<String, ()> {
    Err(())
}

#[coro::coroutine]
fn issue_44197(name: String) -> impl Generator<Yield = String, Return = ()> {
    yield_!(foo(&name));
}

#[coro::coroutine]
fn issue_44197_if_let(name: String) -> impl Generator<Yield = String, Return = ()> {
    if let Ok(found) = foo2(&name) {
        yield_!(found);
    }
}

/// issue-44197.rs: yielding the result of a call borrowing a parameter; an `if let` that never
/// yields completes at once.
#[test]
fn issue_44197_test() {
    assert_eq!(issue_44197(String::new()).resume(()), GeneratorState::Yielded(String::new()));
    assert_eq!(issue_44197_if_let(String::new()).resume(()), GeneratorState::Complete(()));
}

struct Database;
impl Database {
    fn get_connection(&self) -> impl Iterator<Item = ()> {
        Some(()).into_iter()
    }

    #[coro::coroutine]
    fn check_connection(&self) -> impl Generator<Yield = (), Return = ()> + '_ {
        let iter = self.get_connection();
        for i in iter {
            yield_!(i)
        }
    }
}

/// issue-58888.rs: a `&self` method coroutine iterating an iterator it got from `self`.
#[test]
fn issue_58888_method_coroutine() {
    assert_eq!(run(Database.check_connection()).0, [()]);
}

#[coro::coroutine]
fn my_scenario() -> impl Generator<String, Yield = &'static str, Return = String> {
    let my_name = yield_!("What is your name?");
    let my_mood = yield_!("How are you feeling?");
    format!("{} is {}", my_name.trim(), my_mood.trim())
}

/// issue-69039.rs: a `String`-resumed dialogue; the first resume's argument is dropped.
#[test]
fn issue_69039_resume_with_strings() {
    let mut s = my_scenario();
    assert_eq!(s.resume("_arg".into()), GeneratorState::Yielded("What is your name?"));
    assert_eq!(s.resume("Your Name".into()), GeneratorState::Yielded("How are you feeling?"));
    assert_eq!(s.resume("Sensory Organs".into()), GeneratorState::Complete("Your Name is Sensory Organs".into()));
}

enum Never {}
fn never() -> Never {
    panic!("never")
}

#[coro::coroutine]
#[allow(unreachable_code, unused_variables, clippy::drop_non_drop)]
fn includes_never(crash: bool, x: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut result = yield_!(x * x);
    if !crash {
        return result;
    }
    let bad = never();
    result *= yield_!(x + x);
    drop(bad);
    result
}

#[coro::coroutine]
fn add_gen(x: u32, y: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let a = yield_!(x + y);
    a
}

#[coro::coroutine]
fn build_aggregate(a: u32, b: u32, c: u32, d: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let x = (yield_from!(add_gen(a, b)), yield_from!(add_gen(c, d)));
    x.0 + x.1
}

/// issue-93161.rs: a local of an uninhabited type after an early return; a tuple of two
/// delegations (`(add(a, b).await, add(c, d).await)`).
#[test]
fn issue_93161_never_and_aggregate() {
    let (ys, r) = drive(&mut includes_never(false, 4), [0, 16]);
    assert_eq!((ys, r), (vec![16], Some(16)));
    let mut g = includes_never(true, 4);
    g.resume(0);
    assert_eq!(panic_message(|| g.resume(16)), "never");
    let (ys, r) = drive(&mut build_aggregate(1, 2, 3, 4), [0, 3, 7]);
    assert_eq!((ys, r), (vec![3, 7], Some(10)));
}

// ---------------------------------------------------------------------------------------------
// resume-after-return.rs, coroutine-resume-after-panic.rs, panic-safe.rs, issue-161026.

/// resume-after-return.rs: resuming a completed coroutine panics ("after completion").
#[test]
fn resume_after_return() {
    let mut g = smoke_never_yields();
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
    assert!(panic_message(|| g.resume(())).contains("after completion"));
}

#[coro::coroutine]
#[allow(unreachable_code)]
fn panics_first(b: Noisy) -> impl Generator<Yield = (), Return = ()> {
    let _l = Noisy("l");
    if true {
        panic!("nope");
    }
    drop(b);
    yield_!(());
}

/// panic-safe.rs / coroutine-resume-after-panic.rs: after a panic, every further resume panics
/// (poisoned), ten times over, and nothing is dropped again.
#[test]
fn panic_safe_resume_after_panic() {
    take_log();
    let mut g = panics_first(Noisy("b"));
    assert_eq!(panic_message(|| g.resume(())), "nope");
    assert_eq!(take_log(), ["drop l", "drop b"]);
    for _ in 0..10 {
        let msg = panic_message(|| g.resume(()));
        assert!(msg.contains("poisoned"), "{msg}");
    }
    drop(g);
    assert!(take_log().is_empty());
}

struct DropU8 {
    _r: u8,
}
impl Drop for DropU8 {
    fn drop(&mut self) {
        log("drop u8");
    }
}

#[coro::coroutine]
#[allow(unused_assignments)]
fn deferred_never_set(set: bool) -> impl Generator<Yield = i32, Return = ()> {
    let _b: DropU8;
    if set {
        _b = DropU8 { _r: 1 };
    }
    yield_!(4);
}

/// issue-161026-drop-flag-move.rs: a local initialised on some paths only; moving the suspended
/// generator moves no uninitialised value, and dropping it drops the value only if it was set.
#[test]
fn drop_flag_then_move_generator() {
    take_log();
    let mut a = deferred_never_set(false);
    assert_eq!(a.resume(()), GeneratorState::Yielded(4));
    let moved = a;
    drop(moved);
    assert!(take_log().is_empty());
    let mut a = deferred_never_set(true);
    assert_eq!(a.resume(()), GeneratorState::Yielded(4));
    let moved = Box::new(a);
    drop(moved);
    assert_eq!(take_log(), ["drop u8"]);
}

#[coro::coroutine]
#[allow(unused_assignments)]
fn loop_uninit() -> impl Generator<Yield = u32, Return = ()> {
    let mut arr = Noisy("first");
    let mut count = 0;
    drop(arr);
    while count < 3 {
        yield_!(count);
        arr = Noisy("re");
        count += 1;
    }
    log("end");
}

/// drop-control-flow.rs (loop_uninit): a local moved before a loop and re-assigned in it is
/// dropped once per value. Its drop point is the documented divergence for a local moved on
/// some paths only (at the next yield rather than at the re-assignment / scope end).
#[test]
fn moved_then_reassigned_in_loop() {
    take_log();
    let (ys, ()) = run(loop_uninit());
    assert_eq!(ys, [0, 1, 2]);
    let got = take_log();
    assert_eq!(got.iter().filter(|e| *e == "drop re").count(), 3);
    assert_eq!(got.iter().filter(|e| *e == "drop first").count(), 1);
    for k in 0..4 {
        let got = resume_then_drop(loop_uninit(), k);
        let re = got.iter().filter(|e| *e == "drop re").count();
        assert_eq!(re, k.saturating_sub(1), "after {k} resumes: {got:?}");
    }
}

#[coro::coroutine]
fn drop_yield_twice() -> impl Generator<Yield = (), Return = ()> {
    let a = Noisy("a");
    yield_!(());
    drop(a);
    yield_!(());
}

/// drop-yield-twice.rs: a value dropped between two yields is not held at the second one.
#[test]
fn drop_yield_twice_test() {
    assert_eq!(resume_then_drop(drop_yield_twice(), 1), ["yield ()", "drop gen", "drop a"]);
    assert_eq!(resume_then_drop(drop_yield_twice(), 2), ["yield ()", "drop a", "yield ()", "drop gen"]);
}

// ---------------------------------------------------------------------------------------------
// A differential harness: one body, compiled as a coroutine and as a plain fn in which
// `yield_!(v)` logs `yield v` and returns the next scripted resume value (10, 20, 30, ...). Both
// must write the same event log when run to completion and when dropped (the plain fn unwinds)
// after each number of resumes. (The whole item is passed in from the caller's tokens.)

thread_local! {
    static INPUTS: RefCell<Vec<i32>> = const { RefCell::new(Vec::new()) };
    static STOP: RefCell<(usize, usize)> = const { RefCell::new((0, 0)) };
}

struct OracleStop;

fn oracle_yield<Y: std::fmt::Debug>(y: Y) -> i32 {
    log(format!("yield {y:?}"));
    drop(y);
    let stop = STOP.with(|s| {
        let mut s = s.borrow_mut();
        s.1 += 1;
        s.0 == s.1
    });
    if stop {
        log("drop gen");
        std::panic::resume_unwind(Box::new(OracleStop));
    }
    INPUTS.with(|i| i.borrow_mut().remove(0))
}

macro_rules! oracle_yield_mac {
    ($v:expr) => {
        $crate::oracle_yield($v)
    };
}
use oracle_yield_mac;

fn quiet<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        if p.is::<OracleStop>() {
            "stop".to_string()
        } else if let Some(s) = p.downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = p.downcast_ref::<String>() {
            s.clone()
        } else {
            "?".into()
        }
    })
}

fn co_run<G: Generator<i32>>(mut g: G, stop: usize)
where
    G::Yield: std::fmt::Debug,
    G::Return: std::fmt::Debug,
{
    let mut n = 0;
    let r = quiet(|| loop {
        if stop != 0 && n == stop {
            log("drop gen");
            return None;
        }
        let arg = n as i32 * 10;
        n += 1;
        match g.resume(arg) {
            GeneratorState::Yielded(y) => log(format!("yield {y:?}")),
            GeneratorState::Complete(r) => return Some(r),
        }
    });
    match r {
        Ok(Some(r)) => log(format!("complete {r:?}")),
        Ok(None) => {}
        Err(m) => log(format!("panic {m}")),
    }
    drop(g);
}

fn pl_run<T: std::fmt::Debug>(f: fn() -> T, stop: usize) {
    INPUTS.with(|i| *i.borrow_mut() = (1..100).map(|i| i * 10).collect());
    STOP.with(|s| *s.borrow_mut() = (stop, 0));
    match quiet(f) {
        Ok(r) => log(format!("complete {r:?}")),
        Err(m) if m == "stop" => {}
        Err(m) => log(format!("panic {m}")),
    }
}

/// Compares the coroutine with the plain fn: a full run, then a drop after each resume count.
fn compare<G: Generator<i32>, T: std::fmt::Debug>(co: fn() -> G, pl: fn() -> T)
where
    G::Yield: std::fmt::Debug,
    G::Return: std::fmt::Debug,
{
    take_log();
    co_run(co(), 0);
    let co_log = take_log();
    pl_run(pl, 0);
    let pl_log = take_log();
    assert_eq!(co_log, pl_log, "full run: coroutine (left) vs plain Rust (right)");
    let n = co_log.iter().filter(|e| e.starts_with("yield")).count();
    for k in 1..=n {
        co_run(co(), k);
        let co_log = take_log();
        pl_run(pl, k);
        let pl_log = take_log();
        assert_eq!(co_log, pl_log, "dropped after {k} resumes: coroutine (left) vs plain Rust (right)");
    }
}

/// `diff! { test, plain_mod, #[coro::coroutine] #[allow(..)] fn co() -> impl Generator<i32, Yield = Y, Return = T> { body } }`
macro_rules! diff {
    ($(#[$attr:meta])* $test:ident, $pl:ident, $($item:tt)*) => {
        $($item)*
        diff!(@plain [$(#[$attr])*] $test $pl $($item)*);
    };
    (@plain [$($attrs:tt)*] $test:ident $pl:ident #[$m:meta] #[$m2:meta] fn $co:ident() -> impl Generator<i32, Yield = $Y:ty, Return = $T:ty> $body:block) => {
        #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_imports, unused_parens, dead_code, clippy::all)]
        mod $pl {
            use super::oracle_yield_mac as yield_;
            use super::{boom, log, mk, nt, t, Noisy};
            pub fn run() -> $T $body
        }
        #[test]
        $($attrs)*
        fn $test() {
            compare($co, $pl::run);
        }
    };
}

fn boom(b: bool) -> i32 {
    if b {
        panic!("boom")
    }
    1
}
fn nt(n: &Noisy) -> i32 {
    n.0.len() as i32
}
fn t(name: &'static str, v: i32) -> i32 {
    log(format!("eval {name}"));
    v
}
fn mk(name: &'static str) -> Noisy {
    log(format!("new {name}"));
    Noisy(name)
}

diff! {
    /// yield-in-args.rs: a yield as an operand of another yield.
    nested_yield_operand, nested_yield_operand_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn nested_yield_operand_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let a = yield_!(yield_!(1) + 1);
        a
    }
}

diff! {
    /// yield-in-args.rs: yields under `-`, `!`, comparisons and `as`.
    yield_under_unary_ops_and_casts, yield_under_unary_ops_and_casts_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_under_unary_ops_and_casts_co() -> impl Generator<i32, Yield = i32, Return = (i32, bool, i64)> {
        let a = -yield_!(1);
        let b = !(yield_!(2) > 5);
        let c = yield_!(3) as i64;
        (a, b, c)
    }
}

diff! {
    /// control-flow.rs: yields behind `||` / `&&` run only when the left side does not decide.
    yield_in_lazy_operands, yield_in_lazy_operands_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_lazy_operands_co() -> impl Generator<i32, Yield = i32, Return = (bool, bool)> {
        let a = t("a", 1) > 0 || yield_!(1) > 0;
        let b = t("b", 1) > 0 && yield_!(2) > 0 && t("c", 0) > 0;
        (a, b)
    }
}

diff! {
    /// control-flow.rs: yields in the bounds of a `for` range and in its body.
    yield_in_range_bounds_and_for_body, yield_in_range_bounds_and_for_body_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_range_bounds_and_for_body_co() -> impl Generator<i32, Yield = i32, Return = Vec<i32>> {
        let mut v = Vec::new();
        for i in yield_!(1)..yield_!(2) / 5 {
            v.push(i + yield_!(i));
        }
        v
    }
}

diff! {
    /// yield-in-args.rs: a yield in `format!` and as a method argument on the result.
    yield_as_format_arg_and_method_arg, yield_as_format_arg_and_method_arg_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_as_format_arg_and_method_arg_co() -> impl Generator<i32, Yield = i32, Return = String> {
        let s = format!("{}", yield_!(1)).repeat(yield_!(2) as usize / 10);
        s
    }
}

diff! {
    /// yield-in-initializer.rs: a yield as the element of `[e; N]`.
    yield_in_array_repeat, yield_in_array_repeat_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_array_repeat_co() -> impl Generator<i32, Yield = i32, Return = [i32; 3]> {
        let a = [yield_!(1); 3];
        a
    }
}

diff! {
    /// yield-in-args.rs: a yield as an index.
    yield_in_index_expression, yield_in_index_expression_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_index_expression_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let v = vec![t("v", 1), 2, 3, 4, 5];
        let i = v[(yield_!(1) / 10) as usize];
        i + v[t("i", 0) as usize]
    }
}

diff! {
    /// drop-and-replace.rs: yields in the index and value of an assignment.
    yield_in_assignment_index_and_value, yield_in_assignment_index_and_value_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_assignment_index_and_value_co() -> impl Generator<i32, Yield = i32, Return = Vec<i32>> {
        let mut v = vec![0; 5];
        v[(yield_!(1) / 10) as usize] = yield_!(2);
        v[t("idx", 0) as usize] += yield_!(3);
        v
    }
}

diff! {
    /// derived-drop-parent-expr.rs: a tuple built around a yield owns its operands once.
    tuple_with_pending_operands, tuple_with_pending_operands_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn tuple_with_pending_operands_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let t1 = (mk("a"), yield_!(1), mk("b"));
        let (x, y, z) = t1;
        let _k = mk("k");
        yield_!(2);
        drop(z);
        yield_!(3);
        y
    }
}

diff! {
    /// control-flow.rs: `break` with a value computed by a yield.
    loop_break_value_with_yield, loop_break_value_with_yield_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn loop_break_value_with_yield_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut n = 0;
        let r = loop {
            n += 1;
            if n == 3 { break yield_!(n) + n; }
            yield_!(-n);
        };
        r
    }
}

diff! {
    /// control-flow.rs: a labeled block left by `break` with a yielded value.
    labeled_block_break_with_yield, labeled_block_break_with_yield_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn labeled_block_break_with_yield_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let r = 'b: {
            let _g = mk("g");
            if yield_!(1) > 5 { break 'b yield_!(2); }
            0
        };
        r
    }
}

diff! {
    /// control-flow.rs: yields in nested `if` conditions with live guards, and `return yield`.
    yield_in_if_conditions_with_guards, yield_in_if_conditions_with_guards_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_if_conditions_with_guards_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let _a = mk("a");
        if yield_!(1) > 0 {
            let _b = mk("b");
            if { let _c = mk("c"); yield_!(2) } > 0 { return yield_!(3); }
        }
        0
    }
}

diff! {
    /// match-bindings.rs: a yield as a match scrutinee and in an arm.
    yield_in_match_scrutinee, yield_in_match_scrutinee_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_match_scrutinee_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        match yield_!(1) {
            10 => { let _a = mk("a"); yield_!(2) }
            _ => 0,
        }
    }
}

diff! {
    /// yield-in-initializer.rs: yields inside `Some(..)` / `Ok(..)` constructors.
    yield_in_enum_constructors, yield_in_enum_constructors_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_enum_constructors_co() -> impl Generator<i32, Yield = i32, Return = Option<(i32, Result<i32, ()>)>> {
        let x = Some((yield_!(1), Ok(yield_!(2))));
        x
    }
}

diff! {
    /// live-upvar-across-yield.rs: a local closure called with a yielded argument.
    yield_then_closure_call, yield_then_closure_call_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_then_closure_call_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let f = |a: i32, b: i32| a * 100 + b;
        let x = f(yield_!(1), t("b", 2));
        x
    }
}

diff! {
    /// smoke.rs / control-flow.rs: `?` completes after yields, dropping live guards.
    question_mark_after_yields, question_mark_after_yields_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn question_mark_after_yields_co() -> impl Generator<i32, Yield = i32, Return = Option<i32>> {
        let v: Option<i32> = if yield_!(1) > 0 { Some(1) } else { None };
        let x = v?;
        let y: Option<i32> = None;
        let _g = mk("g");
        if yield_!(2) > 100 { y?; }
        Some(x)
    }
}

diff! {
    /// control-flow.rs: `return` from inside an operand after a yield.
    return_inside_operand, return_inside_operand_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn return_inside_operand_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let _g = mk("g");
        let x = t("a", 1) + if yield_!(1) > 0 { return 5 } else { 2 };
        x
    }
}

diff! {
    /// control-flow.rs: a yield in a `while` condition.
    yield_in_while_condition, yield_in_while_condition_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_while_condition_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut n = 0;
        while yield_!(n) < 50 { n += 1; }
        n
    }
}

diff! {
    /// overlap-locals.rs: shadowed bindings and destructuring across yields.
    shadowing_across_yields, shadowing_across_yields_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn shadowing_across_yields_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let x = mk("x1");
        let x = (x, mk("x2"));
        yield_!(1);
        let (a, x) = x;
        yield_!(2);
        0
    }
}

diff! {
    /// yield-in-initializer.rs: yields in struct literals with `..base`.
    struct_update_syntax_with_yield, struct_update_syntax_with_yield_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn struct_update_syntax_with_yield_co() -> impl Generator<i32, Yield = i32, Return = (i32, i32, i32)> {
        #[derive(Clone)]
        struct S { a: i32, b: i32, c: i32 }
        let base = S { a: 1, b: 2, c: 3 };
        let s = S { b: yield_!(1), ..base };
        let s2 = S { c: t("c", 9), ..S { a: yield_!(2), ..s.clone() } };
        (s2.a, s2.b, s2.c)
    }
}

diff! {
    /// addassign-yield.rs: `+=`, `*=`, `-=`, `<<=` with yields on the right.
    compound_assignments_with_yields, compound_assignments_with_yields_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn compound_assignments_with_yields_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut x = 1;
        x += yield_!(1);
        x *= yield_!(2) - x;
        x -= { let _t = mk("t"); yield_!(3) };
        x <<= (yield_!(4) / 40) as u32;
        x
    }
}

diff! {
    /// panic-drops.rs: `return` inside a tuple drops the operands already evaluated.
    return_drops_pending_operands, return_drops_pending_operands_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn return_drops_pending_operands_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let _l = mk("l");
        let t = (mk("a"), { if yield_!(1) > 0 { return 1 } 2 }, mk("b"));
        drop(t);
        0
    }
}

diff! {
    /// panic-drops.rs: `?` inside a tuple drops the operands already evaluated.
    question_mark_drops_pending_operands, question_mark_drops_pending_operands_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn question_mark_drops_pending_operands_co() -> impl Generator<i32, Yield = i32, Return = Option<i32>> {
        let _l = mk("l");
        let v = if yield_!(1) > 0 { None } else { Some(1) };
        let t = (mk("a"), yield_!(2), v?, mk("b"));
        Some(t.1)
    }
}

diff! {
    /// drop-control-flow.rs: `break` inside a tuple drops its evaluated operands.
    break_drops_pending_operands, break_drops_pending_operands_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn break_drops_pending_operands_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut n = 0;
        loop {
            let _it = mk("it");
            let t = (mk("a"), if yield_!(n) > 20 { break } else { 1 }, mk("b"));
            n += t.1;
        }
        n
    }
}

diff! {
    /// drop-control-flow.rs: `continue` inside a tuple drops its evaluated operands.
    continue_drops_pending_operands, continue_drops_pending_operands_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn continue_drops_pending_operands_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut n = 0;
        while n < 3 {
            n += 1;
            let t = (mk("a"), if yield_!(n) == 20 { continue } else { 1 }, mk("b"));
            yield_!(t.1);
        }
        n
    }
}

diff! {
    /// panic-drops.rs: a panic after a yield inside a tuple drops operands, then locals.
    panic_drops_pending_operands_and_locals, panic_drops_pending_operands_and_locals_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn panic_drops_pending_operands_and_locals_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let _l = mk("l");
        let t = (mk("a"), yield_!(1), boom(true), mk("b"));
        t.1
    }
}

diff! {
    /// match-bindings.rs: a match arm binding moved out of a local lives across a yield.
    match_binding_moved_out_of_local, match_binding_moved_out_of_local_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn match_binding_moved_out_of_local_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let opt = Some(mk("o"));
        match opt {
            Some(n) => { yield_!(1); log(format!("got {}", n.0)); }
            None => {}
        }
        yield_!(2);
        0
    }
}

diff! {
    /// conditional-drop.rs: an `if let` binding dropped between yields.
    if_let_binding_moved_and_dropped, if_let_binding_moved_and_dropped_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn if_let_binding_moved_and_dropped_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let opt = Some(mk("o"));
        let other = mk("other");
        if let Some(n) = opt {
            yield_!(1);
            drop(n);
            yield_!(2);
        }
        yield_!(3);
        nt(&other)
    }
}

diff! {
    /// control-flow.rs: `while let` over `pop()` with a `break`.
    while_let_pop_with_break, while_let_pop_with_break_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn while_let_pop_with_break_co() -> impl Generator<i32, Yield = i32, Return = usize> {
        let mut v = vec![mk("a"), mk("b"), mk("c")];
        while let Some(n) = v.pop() {
            yield_!(nt(&n));
            if n.0 == "b" { break; }
        }
        v.len()
    }
}

diff! {
    /// drop-and-replace.rs: assigning a field drops its old value once.
    field_reassignment_drops_old_value, field_reassignment_drops_old_value_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn field_reassignment_drops_old_value_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        struct P { a: Noisy, b: Noisy }
        let mut p = P { a: mk("a1"), b: mk("b1") };
        yield_!(1);
        p.a = mk("a2");
        yield_!(2);
        p.b = mk("b2");
        yield_!(3);
        nt(&p.a)
    }
}

diff! {
    /// issue-61442-stmt-expr-with-drop.rs: `_` parts of a temporary and `let _ =` drop at once.
    temporary_tuple_destructured_with_wildcard, temporary_tuple_destructured_with_wildcard_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn temporary_tuple_destructured_with_wildcard_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let (a, _, c) = (mk("a"), mk("b"), mk("c"));
        yield_!(1);
        let _ = mk("d");
        let _e = mk("e");
        yield_!(2);
        nt(&a) + nt(&c)
    }
}

diff! {
    /// yield-in-args-rev.rs: the callee is evaluated before the arguments.
    callee_evaluated_before_yielding_arguments, callee_evaluated_before_yielding_arguments_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn callee_evaluated_before_yielding_arguments_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        fn pick(n: i32) -> fn(i32, i32) -> i32 { log(format!("pick {n}")); |a, b| a * 1000 + b }
        let x = (pick(t("callee", 1)))(yield_!(1), t("arg2", 2));
        x
    }
}

diff! {
    /// live-upvar-across-yield.rs: a move closure owning a value kept across yields.
    move_closure_kept_across_yields, move_closure_kept_across_yields_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn move_closure_kept_across_yields_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let n = mk("cap");
        let f = move || nt(&n);
        yield_!(1);
        let a = f();
        yield_!(2);
        drop(f);
        yield_!(3);
        a
    }
}

diff! {
    /// control-flow.rs: labeled `break` / `continue` out of nested loops with guards.
    nested_labeled_loops_with_guards, nested_labeled_loops_with_guards_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn nested_labeled_loops_with_guards_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut acc = 0;
        'outer: for i in 0..3 {
            let _o = mk("o");
            for j in 0..3 {
                let _i = mk("i");
                if yield_!(i * 10 + j) > 60 { break 'outer; }
                if j == 1 { continue 'outer; }
                acc += j;
            }
        }
        acc
    }
}

diff! {
    /// match-bindings.rs: a match with yields inside a tuple literal.
    match_arm_yield_inside_tuple, match_arm_yield_inside_tuple_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn match_arm_yield_inside_tuple_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let x = (mk("a"), match yield_!(1) { 10 => yield_!(2), _ => 0 }, mk("b"));
        x.1
    }
}

diff! {
    /// yield-in-initializer.rs: yields inside `vec![..]` elements.
    yields_inside_vec_macro, yields_inside_vec_macro_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yields_inside_vec_macro_co() -> impl Generator<i32, Yield = i32, Return = Vec<(i32, i32)>> {
        let _k = mk("k");
        let v = vec![(yield_!(1), t("a", 1)), (t("b", 2), yield_!(2))];
        v
    }
}

diff! {
    /// yield-in-initializer.rs: locals of value blocks live across yields in them.
    block_value_locals_across_yields, block_value_locals_across_yields_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn block_value_locals_across_yields_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let x = {
            let _a = mk("a");
            let b = mk("b");
            yield_!(1) + { let _c = mk("c"); yield_!(2) } + nt(&b)
        };
        yield_!(x);
        x
    }
}

diff! {
    /// control-flow.rs: yields in `else if` conditions with block guards.
    yield_in_else_if_condition, yield_in_else_if_condition_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_in_else_if_condition_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let _a = mk("a");
        let r = if yield_!(1) > 100 { 1 } else if { let _b = mk("b"); yield_!(2) } > 10 { let _c = mk("c"); yield_!(3) } else { 4 };
        r
    }
}

diff! {
    /// drop-and-replace.rs: a saved local reassigned in a loop.
    reassignment_in_loop, reassignment_in_loop_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn reassignment_in_loop_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut cur = mk("c0");
        for i in 0..3 {
            yield_!(i);
            cur = if i % 2 == 0 { mk("even") } else { mk("odd") };
        }
        nt(&cur)
    }
}

diff! {
    /// drop-and-replace.rs: `mem::swap` / `mem::replace` on saved locals.
    swap_and_replace_saved_locals, swap_and_replace_saved_locals_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn swap_and_replace_saved_locals_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut a = mk("a");
        let mut b = mk("b");
        yield_!(1);
        std::mem::swap(&mut a, &mut b);
        yield_!(2);
        let old = std::mem::replace(&mut a, mk("r"));
        yield_!(3);
        drop(old);
        nt(&a) + nt(&b)
    }
}

diff! {
    /// smoke.rs: `return yield + yield`.
    return_of_yield_sum, return_of_yield_sum_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn return_of_yield_sum_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let _a = mk("a");
        if t("c", 1) > 0 {
            return yield_!(1) + yield_!(2);
        }
        0
    }
}

diff! {
    /// addassign-yield.rs: `String += { yield; "" }`.
    string_add_assign_with_yield, string_add_assign_with_yield_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn string_add_assign_with_yield_co() -> impl Generator<i32, Yield = i32, Return = String> {
        let mut s = String::from("x");
        s += &format!("{}", yield_!(1));
        s += { let _g = mk("g"); yield_!(2); "y" };
        s
    }
}

diff! {
    /// yield-in-args.rs: yields as method arguments.
    yield_as_method_args, yield_as_method_args_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_as_method_args_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let o = Some(yield_!(1));
        let x = o.map_or(yield_!(2), |v| v + 1);
        x
    }
}

diff! {
    /// yield-in-args.rs: yields in a chain of casts and method calls.
    yields_in_cast_chain, yields_in_cast_chain_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yields_in_cast_chain_co() -> impl Generator<i32, Yield = i32, Return = u8> {
        let x = (yield_!(1) as u8).wrapping_add(yield_!(2) as u8) as u16 as u8;
        x
    }
}

diff! {
    /// control-flow.rs: a loop breaking with a drop value.
    break_with_guard_value, break_with_guard_value_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn break_with_guard_value_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut i = 0;
        let n = loop {
            let g = mk("g");
            i += 1;
            if yield_!(i) >= 30 { break g; }
        };
        yield_!(99);
        nt(&n)
    }
}


diff! {
    /// addassign-yield.rs: for `i32 +=`, the right side is evaluated before the place.
    primitive_add_assign_evaluates_right_first, primitive_add_assign_evaluates_right_first_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn primitive_add_assign_evaluates_right_first_co() -> impl Generator<i32, Yield = i32, Return = Vec<i32>> {
        let mut v = vec![0, 0];
        v[t("i", 1) as usize] += { log("rhs"); yield_!(1) };
        v
    }
}

diff! {
    /// drop-and-replace.rs: `v[i] = value` evaluates the value, then the place, then drops the old element.
    assignment_evaluates_value_then_place, assignment_evaluates_value_then_place_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn assignment_evaluates_value_then_place_co() -> impl Generator<i32, Yield = i32, Return = Vec<Noisy>> {
        let mut v = vec![mk("a"), mk("b")];
        v[t("i", 0) as usize] = { yield_!(1); mk("c") };
        v[(yield_!(2) / 20) as usize] = mk("d");
        v
    }
}

diff! {
    /// yield-in-args.rs: `v.push(v.len() + yield)` and friends.
    two_phase_borrow_receivers, two_phase_borrow_receivers_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn two_phase_borrow_receivers_co() -> impl Generator<i32, Yield = i32, Return = Vec<i32>> {
        let mut v = vec![1];
        v.push(v.len() as i32 + yield_!(1));
        v.extend([yield_!(2), yield_!(3)]);
        v.insert(v.len() - 1, yield_!(4));
        v
    }
}

diff! {
    /// yield-in-args.rs: a consuming receiver with a yield in the argument.
    consuming_receiver_with_yield_arg, consuming_receiver_with_yield_arg_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn consuming_receiver_with_yield_arg_co() -> impl Generator<i32, Yield = i32, Return = Option<i32>> {
        let v = vec![5, 6, 7, 8];
        let x = v.into_iter().nth((yield_!(1) / 10) as usize);
        x
    }
}

diff! {
    /// drop-control-flow.rs (init_in_if): a binding initialised in either branch, one with a yield.
    deferred_initialisation_in_branches, deferred_initialisation_in_branches_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn deferred_initialisation_in_branches_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let x;
        let _a = mk("a");
        if yield_!(1) > 5 {
            x = mk("x1");
            yield_!(2);
        } else {
            x = mk("x2");
        }
        yield_!(3);
        nt(&x)
    }
}

diff! {
    /// drop-and-replace.rs: tuple field assignments across yields.
    tuple_field_assignments, tuple_field_assignments_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn tuple_field_assignments_co() -> impl Generator<i32, Yield = i32, Return = (i32, Noisy)> {
        let mut tup = (0, mk("a"));
        tup.0 = yield_!(1);
        tup.1 = mk("b");
        yield_!(2);
        tup
    }
}

diff! {
    /// control-flow.rs: `let .. else` whose scrutinee and else block yield.
    let_else_with_yields, let_else_with_yields_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn let_else_with_yields_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let _g = mk("g");
        let Some(x) = (if yield_!(1) > 0 { Some(mk("s")) } else { None }) else {
            let _e = mk("e");
            yield_!(2);
            return -1;
        };
        yield_!(3);
        nt(&x)
    }
}

diff! {
    /// match-bindings.rs: matching a yield with `continue` / `break` arms in a loop.
    match_on_yield_with_continue_and_break, match_on_yield_with_continue_and_break_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn match_on_yield_with_continue_and_break_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut n = 0;
        loop {
            let _it = mk("it");
            match yield_!(n) { 10 => { n += 1; continue } 30 => break, _ => { n += 100; } }
            let _tail = mk("tail");
        }
        n
    }
}

diff! {
    /// live-upvar-across-yield.rs: an FnMut closure called with yielded values.
    fnmut_closure_called_with_yields, fnmut_closure_called_with_yields_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn fnmut_closure_called_with_yields_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut count = 0;
        let mut bump = move |by: i32| { count += by; count };
        let a = bump(yield_!(1));
        let b = bump(yield_!(2));
        a + b
    }
}

diff! {
    /// panic-drops.rs: a panic while building a struct drops its fields built so far.
    panic_in_struct_literal, panic_in_struct_literal_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn panic_in_struct_literal_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        struct P { a: Noisy, b: i32, c: Noisy }
        let _l = mk("l");
        let p = P { a: mk("a"), b: yield_!(1), c: { boom(yield_!(2) > 10); mk("c") } };
        p.b
    }
}

diff! {
    /// panic-drops.rs: a panic while building a `vec![..]` drops its elements built so far.
    panic_in_vec_literal, panic_in_vec_literal_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn panic_in_vec_literal_co() -> impl Generator<i32, Yield = i32, Return = usize> {
        let v = vec![mk("a"), { yield_!(1); mk("b") }, { boom(true); mk("c") }];
        v.len()
    }
}

diff! {
    /// yield-in-args.rs: nested calls with yields between other arguments.
    nested_calls_with_yields, nested_calls_with_yields_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn nested_calls_with_yields_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        fn f3(a: i32, b: i32, c: i32) -> i32 { log(format!("f3 {a} {b} {c}")); a + b + c }
        let r = f3(t("a", 1), f3(yield_!(1), t("b", 2), yield_!(2)), f3(t("c", 3), yield_!(3), t("d", 4)));
        r
    }
}

diff! {
    /// yield-in-args.rs: a yield as a method receiver.
    yield_as_receiver, yield_as_receiver_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn yield_as_receiver_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let r = yield_!(1).max(yield_!(2)).min(t("m", 100) + yield_!(3));
        r
    }
}

diff! {
    /// overlap-locals.rs: an outer binding shadowed in a loop body.
    shadowing_in_loop, shadowing_in_loop_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn shadowing_in_loop_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let x = mk("outer");
        let mut sum = 0;
        for i in 0..2 {
            let x = (mk("inner"), i);
            sum += yield_!(x.1);
        }
        sum + nt(&x)
    }
}

diff! {
    /// drop-env.rs: several locals, some moved, at each suspension point.
    drop_order_many_locals, drop_order_many_locals_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn drop_order_many_locals_co() -> impl Generator<i32, Yield = i32, Return = ()> {
        let _a = mk("a");
        let b = mk("b");
        let _c = mk("c");
        let d = mk("d");
        yield_!(1);
        drop(b);
        yield_!(2);
        let _e = mk("e");
        yield_!(3);
        drop(d);
    }
}

diff! {
    /// drop-control-flow.rs (nested_loop): guards in nested loops left by labeled `break`.
    guards_in_nested_loops_with_labeled_break, guards_in_nested_loops_with_labeled_break_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn guards_in_nested_loops_with_labeled_break_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut n = 0;
        let r = 'outer: loop {
            let _g1 = mk("g1");
            loop {
                let _g2 = mk("g2");
                n += 1;
                if yield_!(n) >= 40 { break 'outer n; }
                if n % 2 == 0 { break; }
            }
        };
        r
    }
}

diff! {
    /// drop-control-flow.rs (reinit): `Option::take` and re-filling across yields.
    option_take_and_refill, option_take_and_refill_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn option_take_and_refill_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let mut slot = Some(mk("s"));
        yield_!(1);
        let taken = slot.take();
        yield_!(2);
        slot = Some(mk("s2"));
        yield_!(3);
        drop(taken);
        slot.map_or(0, |n| nt(&n))
    }
}

diff! {
    /// smoke.rs (return_capture): returning an owned local with a yielded value.
    return_tuple_with_yield, return_tuple_with_yield_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn return_tuple_with_yield_co() -> impl Generator<i32, Yield = i32, Return = (Noisy, i32)> {
        let a = mk("a");
        (a, yield_!(1))
    }
}

diff! {
    /// panic-drops.rs: `return` inside a tuple operand after a yield.
    return_inside_tuple_after_yield, return_inside_tuple_after_yield_plain,
    #[coro::coroutine]
    #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_parens, dead_code)]
    fn return_inside_tuple_after_yield_co() -> impl Generator<i32, Yield = i32, Return = i32> {
        let _l = mk("l");
        let v = (mk("a"), if yield_!(1) > 0 { return nt(&mk("r")) } else { 1 });
        v.1
    }
}




