//! Panics inside a body, poisoning, resuming after completion, fused iterators, and the `Debug`
//! view of a generator's state.
mod common;

use std::fmt::Debug;

use common::{log, panic_message, take_log, Noisy};
use coro::{yield_, yield_from, Generator, GeneratorState};

#[coro::coroutine]
fn explodes(at: u32) -> impl Generator<Yield = u32, Return = &'static str> + Debug {
    let _a = Noisy("a");
    for i in 0..5 {
        let _b = Noisy("b");
        if i == at {
            log("panicking");
            panic!("boom at {i}");
        }
        yield_!(i); // MARK-EXPLODES
    }
    "finished"
}

#[test]
fn panic_propagates_out_of_resume_and_drops_live_locals_once() {
    take_log();
    let mut g = explodes(2);
    assert_eq!(g.resume(()), GeneratorState::Yielded(0));
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(take_log(), ["drop b"]);
    let msg = panic_message(|| g.resume(()));
    assert_eq!(msg, "boom at 2");
    // End of iteration 1, then the unwinding drops of iteration 2's `_b` and of `_a`.
    assert_eq!(take_log(), ["drop b", "panicking", "drop b", "drop a"]);
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[test]
fn resuming_a_poisoned_generator_panics() {
    let mut g = explodes(0);
    assert_eq!(panic_message(|| g.resume(())), "boom at 0");
    take_log();
    let msg = panic_message(|| g.resume(()));
    assert!(msg.contains("after"), "{msg}");
    assert!(msg.contains("panic"), "{msg}");
    assert!(msg.contains("poisoned"), "{msg}");
    // Still poisoned, and nothing was dropped again.
    let again = panic_message(|| g.resume(()));
    assert_eq!(again, msg);
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[test]
fn panic_before_the_first_yield_poisons_too() {
    take_log();
    let mut g = explodes(0);
    assert_eq!(panic_message(|| g.resume(())), "boom at 0");
    assert_eq!(take_log(), ["panicking", "drop b", "drop a"]);
    assert_eq!(format!("{g:?}"), "explodes: poisoned");
}

#[test]
fn generator_that_does_not_panic_completes() {
    let mut g = explodes(99);
    for i in 0..5 {
        assert_eq!(g.resume(()), GeneratorState::Yielded(i));
    }
    assert_eq!(g.resume(()), GeneratorState::Complete("finished"));
    take_log();
}

#[test]
fn resume_after_completion_panics_every_time() {
    let mut g = explodes(99);
    while g.resume(()).is_yielded() {}
    take_log();
    let msg = panic_message(|| g.resume(()));
    assert!(msg.contains("after completion"), "{msg}");
    // Completion is not a panic: resuming again reports completion again, not poisoning.
    let again = panic_message(|| g.resume(()));
    assert!(again.contains("after completion"), "{again}");
    assert_eq!(format!("{g:?}"), "explodes: done");
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[test]
#[should_panic(expected = "after completion")]
fn resume_after_completion_with_no_yield_panics() {
    #[coro::coroutine]
    fn immediate() -> impl Generator<Yield = u8, Return = u8> {
        7
    }
    let mut g = immediate();
    assert_eq!(g.resume(()), GeneratorState::Complete(7));
    g.resume(());
}

#[coro::coroutine]
fn noisy_sink() -> impl Generator<Noisy, Yield = u32, Return = ()> {
    let first = yield_!(1);
    log(format!("got {}", first.0));
    if first.0 == "bad" {
        panic!("bad input");
    }
}

#[test]
fn resume_argument_dropped_once_when_resume_panics() {
    take_log();
    let mut g = noisy_sink();
    g.resume(Noisy("prime"));
    assert_eq!(g.resume(Noisy("ok")), GeneratorState::Complete(()));
    assert_eq!(take_log(), ["drop prime", "got ok", "drop ok"]);
    // After completion: the argument is still dropped, once.
    assert!(panic_message(|| g.resume(Noisy("late"))).contains("after completion"));
    assert_eq!(take_log(), ["drop late"]);

    let mut g = noisy_sink();
    g.resume(Noisy("prime"));
    assert_eq!(panic_message(|| g.resume(Noisy("bad"))), "bad input");
    assert_eq!(take_log(), ["drop prime", "got bad", "drop bad"]);
    // Poisoned: the argument is dropped, once.
    assert!(panic_message(|| g.resume(Noisy("after panic"))).contains("poisoned"));
    assert_eq!(take_log(), ["drop after panic"]);
}

fn compute(v: u32) -> u32 {
    if v == 3 {
        panic!("compute failed");
    }
    v * 10
}

#[coro::coroutine]
fn panics_in_yield_value() -> impl Generator<Yield = u32, Return = ()> {
    let _a = Noisy("a");
    let mut v = 1;
    loop {
        let _b = Noisy("b");
        yield_!(compute(v));
        v += 1;
    }
}

#[test]
fn panic_while_computing_a_yielded_value() {
    take_log();
    let mut g = panics_in_yield_value();
    assert_eq!(g.resume(()), GeneratorState::Yielded(10));
    assert_eq!(g.resume(()), GeneratorState::Yielded(20));
    assert_eq!(panic_message(|| g.resume(())), "compute failed");
    assert_eq!(take_log(), ["drop b", "drop b", "drop b", "drop a"]);
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[coro::coroutine]
fn inner_panics() -> impl Generator<Yield = u32, Return = u32> {
    let _i = Noisy("inner");
    yield_!(1);
    panic!("inner failed");
}

#[coro::coroutine]
fn outer_delegates() -> impl Generator<Yield = u32, Return = u32> + Debug {
    let _o = Noisy("outer");
    let r = yield_from!(inner_panics());
    r + 1
}

#[test]
fn panic_inside_a_delegate_propagates_and_poisons_the_outer() {
    take_log();
    let mut g = outer_delegates();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(panic_message(|| g.resume(())), "inner failed");
    assert_eq!(take_log(), ["drop inner", "drop outer"]);
    assert_eq!(format!("{g:?}"), "outer_delegates: poisoned");
    assert!(panic_message(|| g.resume(())).contains("poisoned"));
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[coro::coroutine]
fn panicking_params(_p: Noisy, _q: Noisy) -> impl Generator<Yield = u32, Return = ()> {
    panic!("at once");
}

#[test]
fn parameters_dropped_once_when_the_first_resume_panics() {
    take_log();
    let mut g = panicking_params(Noisy("p"), Noisy("q"));
    assert_eq!(panic_message(|| g.resume(())), "at once");
    assert_eq!(take_log(), ["drop q", "drop p"]);
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[test]
fn panic_payload_of_any_type_is_propagated() {
    #[derive(Debug, PartialEq)]
    struct Custom(u32);
    // The `allow` silences a spurious `unreachable_code` warning the macro's completion code
    // produces after a body-final call to a fn returning `!` (reported as a macro bug; plain
    // Rust does not warn here).
    #[allow(unreachable_code)]
    #[coro::coroutine]
    fn custom() -> impl Generator<Yield = (), Return = ()> {
        yield_!(());
        std::panic::panic_any(Custom(42));
    }
    let mut g = custom();
    g.resume(());
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.resume(()))).unwrap_err();
    assert_eq!(err.downcast_ref::<Custom>(), Some(&Custom(42)));
}

// ---------------------------------------------------------------------------------------------
// Iterators.

#[coro::coroutine]
fn three_then_done() -> impl Iterator<Item = u32> + Debug {
    yield_!(1);
    yield_!(2);
    yield_!(3);
}

#[test]
fn iterator_coroutine_is_fused() {
    let mut it = three_then_done();
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next(), Some(2));
    assert_eq!(it.next(), Some(3));
    for _ in 0..5 {
        assert_eq!(it.next(), None);
    }
    assert_eq!(format!("{it:?}"), "three_then_done: done");
}

// Clippy would have `impl FusedIterator<Item = u32>`, which the attribute does not accept (it
// wants `Iterator` or `Generator` named in the return type).
#[allow(clippy::implied_bounds_in_impls)]
#[coro::coroutine]
fn fused_bound() -> impl Iterator<Item = u32> + std::iter::FusedIterator {
    yield_!(1);
    yield_!(2);
    yield_!(3);
}

#[test]
fn iterator_coroutine_is_a_fused_iterator() {
    fn assert_fused<I: std::iter::FusedIterator>(_: &I) {}
    let it = fused_bound();
    assert_fused(&it);
    assert_eq!(it.fuse().collect::<Vec<_>>(), [1, 2, 3]);
}

#[coro::coroutine]
fn iter_panics() -> impl Iterator<Item = u32> {
    let _a = Noisy("a");
    yield_!(1);
    panic!("iterator failed");
}

#[test]
fn panicking_iterator_is_poisoned_not_fused() {
    take_log();
    let mut it = iter_panics();
    assert_eq!(it.next(), Some(1));
    assert_eq!(panic_message(|| it.next()), "iterator failed");
    assert_eq!(take_log(), ["drop a"]);
    let msg = panic_message(|| it.next());
    assert!(msg.contains("after") && msg.contains("poisoned"), "{msg}");
}

#[test]
fn generator_adapter_is_fused_and_discards_the_return_value() {
    let mut it = coro::iter(explodes(99));
    assert_eq!(it.by_ref().collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
    take_log();
}

// ---------------------------------------------------------------------------------------------
// Debug names the state.

/// The line of this file containing `marker` (1-based).
fn line_of(marker: &str) -> u32 {
    let src = include_str!("panics.rs");
    let hits: Vec<usize> = src
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(marker) && !l.contains("line_of("))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(hits.len(), 1, "marker {marker} must occur once");
    hits[0] as u32
}

#[coro::coroutine]
fn stages(n: u32) -> impl Generator<Yield = u32, Return = u32> + Debug {
    yield_!(0); // MARK-Y1
    for i in 0..n {
        yield_!(10 + i); // MARK-Y2
    }
    let r = yield_from!(countdown(2)); // MARK-Y3
    yield_!(r); // MARK-Y4
    r
}

#[coro::coroutine]
fn countdown(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    for i in (1..=n).rev() {
        yield_!(i);
    }
    100
}

#[test]
fn debug_names_the_state() {
    let mut g = stages(2);
    assert_eq!(format!("{g:?}"), "stages: not started");
    let (l1, l2, l4) = (line_of("MARK-Y1"), line_of("MARK-Y2"), line_of("MARK-Y4"));
    let mut seen = Vec::new();
    loop {
        match g.resume(()) {
            GeneratorState::Yielded(y) => seen.push((y, format!("{g:?}"))),
            GeneratorState::Complete(r) => {
                assert_eq!(r, 100);
                break;
            }
        }
    }
    let at = |k: usize, l: u32| format!("stages: suspended at `yield_!` #{k}, line {l}");
    assert_eq!(&seen[..3], [(0, at(1, l1)), (10, at(2, l2)), (11, at(2, l2))]);
    // While delegating, the outer generator is suspended at its `yield_from!` (counted as
    // suspension point #3), then at the last `yield_!` (#4).
    assert_eq!(seen.len(), 6);
    assert_eq!((seen[3].0, seen[4].0), (2, 1));
    assert_eq!(seen[3].1, seen[4].1);
    assert_eq!(seen[3].1, format!("stages: suspended in `yield_from!` #3, line {}", line_of("MARK-Y3")));
    assert_eq!(seen[5], (100, at(4, l4)));
    assert_eq!(format!("{g:?}"), "stages: done");
}

#[test]
fn debug_inside_yield_from_names_its_line() {
    let mut g = stages(0);
    g.resume(());
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    let text = format!("{g:?}");
    assert!(text.starts_with("stages: suspended in `yield_from!`"), "{text}");
    assert!(text.ends_with(&format!(" #3, line {}", line_of("MARK-Y3"))), "{text}");
}

#[test]
fn debug_of_a_poisoned_generator() {
    let mut g = explodes(1);
    assert_eq!(format!("{g:?}"), "explodes: not started");
    g.resume(());
    assert_eq!(format!("{g:?}"), format!("explodes: suspended at `yield_!` #1, line {}", line_of("MARK-EXPLODES")));
    let _ = panic_message(|| g.resume(()));
    assert_eq!(format!("{g:?}"), "explodes: poisoned");
    assert_eq!(format!("{g:#?}"), "explodes: poisoned");
    take_log();
}

// A `yield_from!` that keeps nothing but its delegate resumes the delegate in place: a panic
// inside it poisons the delegating coroutine as any other panic does (the delegate is dropped
// while unwinding), so resuming it again panics. Nothing is dropped twice.
#[coro::coroutine]
fn only_delegates() -> impl Generator<Yield = u32, Return = u32> + Debug {
    let r = yield_from!(inner_panics());
    r + 1
}

#[test]
fn panic_inside_an_in_place_delegate() {
    take_log();
    let mut g = only_delegates();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(panic_message(|| g.resume(())), "inner failed");
    assert_eq!(take_log(), ["drop inner"]);
    assert_eq!(format!("{g:?}"), "only_delegates: poisoned");
    assert!(panic_message(|| g.resume(())).contains("poisoned"));
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}
