//! Auto traits (`Send`, `Sync`, `Unpin`) follow the locals the state machine keeps; `Clone`
//! forks a generator mid-way; the state is as small as a hand-written one.
mod common;

use std::cell::Cell;
use std::marker::{PhantomData, PhantomPinned};
use std::rc::Rc;

use common::{log, run, take_log, Noisy};
use coro::{yield_, Generator, GeneratorState};

fn assert_send<T: Send>(_: &T) {}
fn assert_sync<T: Sync>(_: &T) {}
fn assert_unpin<T: Unpin>(_: &T) {}
fn assert_clone<T: Clone>(_: &T) {}

/// Negative auto-trait checks on concrete (opaque) types: an inherent method applies only when
/// the bound holds; otherwise method resolution falls back to the trait's `false`.
struct Probe<T>(PhantomData<T>);

fn probe<T>(_: &T) -> Probe<T> {
    Probe(PhantomData)
}

trait Fallback {
    fn is_send(&self) -> bool {
        false
    }
    fn is_sync(&self) -> bool {
        false
    }
    fn is_unpin(&self) -> bool {
        false
    }
}

impl<T> Fallback for Probe<T> {}

impl<T: Send> Probe<T> {
    fn is_send(&self) -> bool {
        true
    }
}

/// The inherent `is_send` above would shadow these, so `Sync` and `Unpin` use wrappers.
struct SyncProbe<T>(PhantomData<T>);
struct UnpinProbe<T>(PhantomData<T>);

impl<T> Fallback for SyncProbe<T> {}
impl<T> Fallback for UnpinProbe<T> {}

impl<T: Sync> SyncProbe<T> {
    fn is_sync(&self) -> bool {
        true
    }
}

impl<T: Unpin> UnpinProbe<T> {
    fn is_unpin(&self) -> bool {
        true
    }
}

fn sync_probe<T>(_: &T) -> SyncProbe<T> {
    SyncProbe(PhantomData)
}

fn unpin_probe<T>(_: &T) -> UnpinProbe<T> {
    UnpinProbe(PhantomData)
}

#[test]
fn probes_work_on_plain_types() {
    assert!(probe(&String::new()).is_send());
    assert!(!probe(&Rc::new(1)).is_send());
    assert!(sync_probe(&1u8).is_sync());
    assert!(!sync_probe(&Cell::new(1u8)).is_sync());
    assert!(unpin_probe(&1u8).is_unpin());
    assert!(!unpin_probe(&PhantomPinned).is_unpin());
}

// ---------------------------------------------------------------------------------------------
// Send.

#[coro::coroutine]
fn sendable(words: Vec<String>) -> impl Generator<Yield = usize, Return = String> + Send {
    let mut total = String::new();
    for w in words {
        total.push_str(&w);
        yield_!(total.len());
    }
    total
}

#[test]
fn send_generator_moves_to_another_thread_mid_way() {
    let mut g = sendable(vec!["ab".into(), "c".into(), "def".into()]);
    assert_send(&g);
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    let rest = std::thread::spawn(move || run(g)).join().unwrap();
    assert_eq!(rest, (vec![3, 6], "abcdef".to_string()));
}

#[coro::coroutine]
fn generic_send<T: Send + Clone>(x: T, n: usize) -> impl Generator<Yield = T, Return = usize> + Send {
    for _ in 0..n {
        yield_!(x.clone());
    }
    n
}

#[test]
fn generic_send_generator() {
    let g = generic_send(String::from("x"), 2);
    assert_send(&g);
    let out = std::thread::spawn(move || run(g)).join().unwrap();
    assert_eq!(out, (vec!["x".to_string(), "x".to_string()], 2));
}

#[coro::coroutine]
fn holds_rc() -> impl Generator<Yield = usize, Return = ()> {
    let rc = Rc::new(5);
    yield_!(*rc);
    yield_!(Rc::strong_count(&rc));
}

#[coro::coroutine]
fn rc_dropped_before_yield() -> impl Generator<Yield = usize, Return = ()> {
    let rc = Rc::new(5);
    let n = *rc;
    drop(rc);
    yield_!(n);
    let scoped = {
        let inner = Rc::new(7);
        *inner
    };
    yield_!(scoped);
}

#[coro::coroutine]
fn rc_only_before_first_yield() -> impl Generator<Yield = usize, Return = ()> {
    let shared = Rc::new(vec![1, 2, 3]);
    let total: usize = shared.iter().sum();
    let owned = Rc::try_unwrap(shared).unwrap();
    yield_!(total);
    yield_!(owned.len());
}

#[test]
fn send_follows_the_kept_locals() {
    let g = holds_rc();
    assert!(!probe(&g).is_send(), "an Rc kept across a yield makes the generator !Send");
    assert_eq!(run(g), (vec![5, 1], ()));

    let g = rc_dropped_before_yield();
    assert!(probe(&g).is_send(), "an Rc dropped before every yield is not kept");
    assert_eq!(run(g), (vec![5, 7], ()));

    let g = rc_only_before_first_yield();
    assert!(probe(&g).is_send(), "an Rc moved out before the yield is not kept");
    assert_eq!(run(g), (vec![6, 3], ()));

    // Not started: the parameters are what the state holds.
    #[coro::coroutine]
    fn rc_param(r: Rc<u8>) -> impl Generator<Yield = u8, Return = ()> {
        yield_!(*r);
    }
    assert!(!probe(&rc_param(Rc::new(1))).is_send());
}

// ---------------------------------------------------------------------------------------------
// Sync and Unpin.

#[coro::coroutine]
fn holds_cell() -> impl Generator<Yield = u8, Return = ()> {
    let c = Cell::new(1u8);
    yield_!(c.get());
    c.set(2);
    yield_!(c.get());
}

#[coro::coroutine]
fn fib(max: usize) -> impl Generator<Yield = u64, Return = ()> {
    let (mut n, mut a, mut b) = (0, 0u64, 1u64);
    while n < max {
        yield_!(b);
        (a, b) = (b, a + b);
        n += 1;
    }
}

#[test]
fn sync_follows_the_kept_locals() {
    let g = fib(3);
    assert_sync(&g);
    assert!(sync_probe(&g).is_sync());
    let c = holds_cell();
    assert!(!sync_probe(&c).is_sync());
    assert!(probe(&c).is_send(), "Cell is Send");
    assert_eq!(run(c), (vec![1, 2], ()));
}

#[coro::coroutine]
fn holds_pinned() -> impl Generator<Yield = u8, Return = ()> {
    let marker = PhantomPinned;
    yield_!(1);
    let _moved = marker;
    yield_!(2);
}

#[test]
fn unpin_follows_the_kept_locals() {
    let g = fib(3);
    assert_unpin(&g);
    assert!(unpin_probe(&g).is_unpin());
    let p = holds_pinned();
    assert!(!unpin_probe(&p).is_unpin());
    assert_eq!(run(p), (vec![1, 2], ()));
}

#[coro::coroutine]
fn all_bounds(v: Vec<u32>) -> impl Generator<Yield = u32, Return = u32> + Send + Sync + Unpin + Clone + 'static {
    let mut sum = 0;
    for x in v {
        sum += x;
        yield_!(sum);
    }
    sum
}

#[test]
fn every_bound_at_once() {
    let g = all_bounds(vec![1, 2, 3]);
    assert_send(&g);
    assert_sync(&g);
    assert_unpin(&g);
    assert_clone(&g);
    assert_eq!(run(g), (vec![1, 3, 6], 6));
}

// ---------------------------------------------------------------------------------------------
// Clone.

#[coro::coroutine]
fn accumulate(start: u32) -> impl Generator<u32, Yield = u32, Return = Vec<u32>> + Clone {
    let mut seen = Vec::new();
    let mut n = start;
    loop {
        let add = yield_!(n);
        if add == 0 {
            break;
        }
        seen.push(add);
        n += add;
    }
    seen
}

#[test]
fn clone_forks_a_generator_mid_way() {
    let mut g = accumulate(10);
    assert_eq!(g.resume(0), GeneratorState::Yielded(10));
    assert_eq!(g.resume(1), GeneratorState::Yielded(11));
    let mut h = g.clone();
    // Same input: same output.
    assert_eq!(g.resume(5), GeneratorState::Yielded(16));
    assert_eq!(h.resume(5), GeneratorState::Yielded(16));
    // Different inputs: independent states.
    assert_eq!(g.resume(2), GeneratorState::Yielded(18));
    assert_eq!(h.resume(100), GeneratorState::Yielded(116));
    assert_eq!(g.resume(0), GeneratorState::Complete(vec![1, 5, 2]));
    assert_eq!(h.resume(0), GeneratorState::Complete(vec![1, 5, 100]));
}

#[test]
fn clone_of_a_not_started_and_of_a_finished_generator() {
    let g = accumulate(3);
    let mut a = g.clone();
    let mut b = g;
    assert_eq!(a.resume(0), GeneratorState::Yielded(3));
    assert_eq!(b.resume(0), GeneratorState::Yielded(3));
    assert_eq!(a.resume(0), GeneratorState::Complete(vec![]));
    let mut c = a.clone();
    let msg = common::panic_message(|| c.resume(1));
    assert!(msg.contains("after completion"), "{msg}");
    assert_eq!(b.resume(4), GeneratorState::Yielded(7));
}

#[coro::coroutine]
fn fib_iter(max: usize) -> impl Iterator<Item = u64> + Clone {
    let (mut n, mut a, mut b) = (0, 0u64, 1u64);
    while n < max {
        yield_!(b);
        (a, b) = (b, a + b);
        n += 1;
    }
}

#[test]
fn cloned_iterator_yields_the_same_rest() {
    let mut it = fib_iter(10);
    assert_eq!(it.by_ref().take(4).collect::<Vec<_>>(), [1, 1, 2, 3]);
    let fork = it.clone();
    let rest: Vec<u64> = it.collect();
    assert_eq!(rest, [5, 8, 13, 21, 34, 55]);
    assert_eq!(fork.collect::<Vec<_>>(), rest);
}

#[coro::coroutine]
fn clone_with_closure(k: i32) -> impl Generator<Yield = i32, Return = ()> + Clone {
    let scale = move |x: i32| x * k;
    let mut i = 0;
    loop {
        yield_!(scale(i));
        i += 1;
    }
}

#[test]
fn clone_keeps_closures() {
    let mut g = clone_with_closure(3);
    g.resume(());
    g.resume(());
    let mut h = g.clone();
    for want in [6, 9, 12] {
        assert_eq!(g.resume(()), GeneratorState::Yielded(want));
        assert_eq!(h.resume(()), GeneratorState::Yielded(want));
    }
}

#[coro::coroutine]
fn noisy_clone() -> impl Generator<Yield = &'static str, Return = ()> + Clone {
    let a = Noisy("a");
    let _g = Noisy("g");
    yield_!(a.0);
    log("resumed");
    yield_!("second");
}

#[test]
fn each_clone_drops_its_own_locals_once() {
    take_log();
    let mut g = noisy_clone();
    assert_eq!(g.resume(()), GeneratorState::Yielded("a"));
    let mut h = g.clone();
    drop(g);
    assert_eq!(take_log(), ["drop g", "drop a"]);
    assert_eq!(h.resume(()), GeneratorState::Yielded("second"));
    assert_eq!(h.resume(()), GeneratorState::Complete(()));
    assert_eq!(take_log(), ["resumed", "drop g", "drop a"]);
    drop(h);
    assert_eq!(take_log(), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// Size.

/// The state machine one would write by hand for `fib`: `max`, `n`, `a`, `b` live across the
/// yield.
#[allow(dead_code)]
enum HandFib {
    Start { max: usize },
    Suspended { n: usize, a: u64, b: u64, max: usize },
    Done,
}

#[coro::coroutine]
fn ticks() -> impl Iterator<Item = u32> {
    yield_!(1);
    yield_!(2);
    yield_!(3);
}

#[coro::coroutine]
fn small_scalars() -> impl Generator<Yield = u8, Return = ()> {
    let mut x = 0u8;
    while x < 3 {
        yield_!(x);
        x += 1;
    }
}

#[coro::coroutine]
fn big_buffer() -> impl Generator<Yield = u8, Return = usize> {
    let mut buf = [0u8; 4096];
    buf[7] = 7;
    yield_!(buf[7]);
    buf[8] = 8;
    yield_!(buf[8]);
    buf.iter().map(|&b| b as usize).sum()
}

#[test]
fn state_is_as_small_as_a_hand_written_one() {
    use std::mem::size_of_val;
    let fib_size = size_of_val(&fib(10));
    let tick_size = size_of_val(&ticks());
    let scalar_size = size_of_val(&small_scalars());
    let buffer_size = size_of_val(&big_buffer());
    println!("fib: {fib_size} bytes (hand-written: {}), ticks: {tick_size}, small_scalars: {scalar_size}, big_buffer: {buffer_size}", std::mem::size_of::<HandFib>());
    assert!(fib_size <= std::mem::size_of::<HandFib>(), "fib: {fib_size} bytes");
    assert!(fib_size <= 40, "fib: {fib_size} bytes");
    assert_eq!(tick_size, 1, "no locals: only the discriminant");
    assert_eq!(scalar_size, 2, "one u8 and the discriminant");
    assert!(buffer_size <= 4096 + 16, "big_buffer: {buffer_size} bytes");
    assert_eq!(run(big_buffer()), (vec![7, 8], 15));
    assert_eq!(ticks().collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(run(small_scalars()), (vec![0, 1, 2], ()));
}
