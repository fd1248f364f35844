//! PEP 380 (`yield from`) semantics, ported to `yield_from!`: the delegating coroutine passes
//! every yield out and every resume value in, evaluates to the delegate's return value, and
//! dropping it (Python's `close()`) drops the suspended delegate with it. Python exceptions
//! become panics: they propagate through every level, and poison what they pass.
mod common;

use coro::{yield_, yield_from, Generator, GeneratorState};
use common::{drive, log, panic_message, resume_then_drop, run, strs, take_log, Noisy};

#[coro::coroutine]
fn inner(tag: u32) -> impl Generator<i64, Yield = String, Return = i64> {
    let mut total = 0;
    for i in 0..3 {
        let sent = yield_!(format!("{tag}:{i}"));
        log(format!("{tag} got {sent}"));
        total += sent;
    }
    total
}

#[coro::coroutine]
fn outer() -> impl Generator<i64, Yield = String, Return = i64> {
    let before = yield_!("outer start".to_string());
    log(format!("outer got {before}"));
    let a = yield_from!(inner(1));
    let b = yield_from!(inner(2));
    a * 100 + b
}

#[test]
fn yields_go_out_sends_go_in_and_the_return_value_comes_back() {
    take_log();
    let mut g = outer();
    let (yields, done) = drive(&mut g, [0, 7, 1, 2, 3, 4, 5, 6]);
    assert_eq!(yields, ["outer start", "1:0", "1:1", "1:2", "2:0", "2:1", "2:2"]);
    assert_eq!(done, Some(6 * 100 + 15));
    let log = take_log();
    assert_eq!(log, ["outer got 7", "1 got 1", "1 got 2", "1 got 3", "2 got 4", "2 got 5", "2 got 6"]);
}

#[coro::coroutine]
fn returns_at_once(v: u32) -> impl Generator<Yield = u32, Return = u32> {
    if v > 100 {
        yield_!(v);
    }
    v + 1
}

#[coro::coroutine]
fn chain(depth: u32) -> impl Generator<Yield = u32, Return = u32> {
    let a = yield_from!(returns_at_once(depth));
    yield_!(a);
    let b = yield_from!(returns_at_once(a));
    b
}

#[test]
fn a_delegate_that_never_yields_just_returns() {
    assert_eq!(run(chain(1)), (vec![2], 3));
}

#[coro::coroutine]
fn level(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    yield_!(n);
    n
}

#[coro::coroutine]
fn nested3() -> impl Generator<Yield = u32, Return = u32> {
    let x = yield_from!(nested2());
    yield_!(100);
    x + yield_from!(level(30))
}

#[coro::coroutine]
fn nested2() -> impl Generator<Yield = u32, Return = u32> {
    let x = yield_from!(level(10));
    x + yield_from!(level(20))
}

#[test]
fn delegation_nests() {
    assert_eq!(run(nested3()), (vec![10, 20, 100, 30], 60));
}

#[coro::coroutine]
fn from_a_range() -> impl Generator<Yield = u32, Return = &'static str> {
    yield_!(0);
    yield_from!(coro::from_iter(1..4));
    "done"
}

#[test]
fn delegating_to_an_iterator_yields_its_items() {
    assert_eq!(run(from_a_range()), (vec![0, 1, 2, 3], "done"));
}

#[coro::coroutine]
fn guarded_inner() -> impl Generator<Yield = u32, Return = ()> {
    let _g = Noisy("inner");
    yield_!(1);
    yield_!(2);
}

#[coro::coroutine]
fn guarded_outer() -> impl Generator<Yield = u32, Return = ()> {
    let _g = Noisy("outer");
    yield_from!(guarded_inner());
    log("outer after");
}

#[test]
fn closing_the_delegator_closes_the_delegate_first() {
    assert_eq!(resume_then_drop(guarded_outer(), 1), strs(&["yield 1", "drop gen", "drop inner", "drop outer"]));
    let full = resume_then_drop(guarded_outer(), 3);
    assert_eq!(full, strs(&["yield 1", "yield 2", "drop inner", "outer after", "drop outer", "complete ()", "drop gen"]));
}

#[coro::coroutine]
fn fails_on_second() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(1);
    panic!("inner failed")
}

#[coro::coroutine]
fn keeps_a_guard_around_a_failing_delegate() -> impl Generator<Yield = u32, Return = u32> {
    let _g = Noisy("outer");
    let r = yield_from!(fails_on_second());
    r
}

#[test]
fn a_panic_in_the_delegate_propagates_and_poisons_the_delegator() {
    take_log();
    let mut g = keeps_a_guard_around_a_failing_delegate();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(panic_message(|| g.resume(())), "inner failed");
    // The unwinding dropped the delegator's locals once.
    assert_eq!(take_log(), ["drop outer"]);
    assert!(panic_message(|| g.resume(())).contains("after a panic"));
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[test]
fn resuming_a_finished_delegator_panics() {
    let mut g = chain(1);
    while let GeneratorState::Yielded(_) = g.resume(()) {}
    assert!(panic_message(|| g.resume(())).contains("after completion"));
}

// `yield_from!(&mut place)`: the delegate is resumed where it is, and the place stays usable.

#[coro::coroutine]
fn counter(n: u32, tag: &'static str) -> impl Generator<Yield = u32, Return = u32> {
    let _g = Noisy(tag);
    for i in 0..n {
        yield_!(i);
    }
    n
}

#[coro::coroutine]
fn part_then_rest() -> impl Generator<Yield = u32, Return = u32> {
    let mut inner = counter(2, "inner");
    let first = yield_from!(&mut inner);
    log("delegated");
    yield_!(first * 10);
    drop(inner);
    log("dropped");
    first
}

#[test]
fn delegating_to_a_local_in_place_leaves_it_usable() {
    take_log();
    assert_eq!(run(part_then_rest()), (vec![0, 1, 20], 2));
    assert_eq!(take_log(), ["drop inner", "delegated", "dropped"]);
}

#[test]
fn dropping_a_delegator_suspended_in_a_local_drops_the_local_once() {
    assert_eq!(resume_then_drop(part_then_rest(), 1), strs(&["yield 0", "drop gen", "drop inner"]));
}

#[coro::coroutine]
fn one_step<G: Generator<Yield = u32, Return = u32>>(g: &mut G) -> impl Generator<Yield = u32, Return = Option<u32>> + '_ {
    let first = match g.resume(()) {
        GeneratorState::Yielded(y) => y,
        GeneratorState::Complete(r) => return Some(r),
    };
    yield_!(first + 100);
    let r = yield_from!(&mut *g);
    yield_!(r + 200);
    match g.resume(()) {
        GeneratorState::Yielded(_) => None,
        GeneratorState::Complete(_) => unreachable!("resumed after completion"),
    }
}

#[test]
fn delegating_to_a_mut_parameter_reborrows_it_on_every_resume() {
    let mut g = counter(3, "param");
    let mut outer = one_step(&mut g);
    assert_eq!(drive(&mut outer, [(); 4]), (vec![100, 1, 2, 203], None));
    drop(outer);
    assert!(panic_message(|| g.resume(())).contains("after completion"));
}

struct Pipeline<G> {
    stage: G,
    results: Vec<u32>,
}

impl<G: Generator<Yield = u32, Return = u32>> Pipeline<G> {
    #[coro::coroutine]
    fn run(&mut self) -> impl Generator<Yield = u32, Return = usize> + '_ {
        let r = yield_from!(&mut self.stage);
        self.results.push(r);
        yield_!(r);
        self.results.len()
    }
}

#[test]
fn delegating_to_a_field_of_mut_self() {
    let mut p = Pipeline { stage: counter(2, "stage"), results: Vec::new() };
    assert_eq!(run(p.run()), (vec![0, 1, 2], 1));
    assert_eq!(p.results, [2]);
}

#[coro::coroutine]
fn fails_after_one() -> impl Generator<Yield = u32, Return = u32> {
    let _g = Noisy("failing");
    yield_!(1);
    panic!("delegate failed")
}

#[coro::coroutine]
fn delegates_in_place_to_a_failing_local() -> impl Generator<Yield = u32, Return = u32> {
    let mut inner = fails_after_one();
    yield_from!(&mut inner)
}

#[coro::coroutine]
fn delegates_to_a_failing_local_beside_a_guard() -> impl Generator<Yield = u32, Return = u32> {
    let _g = Noisy("outer");
    let mut inner = fails_after_one();
    yield_from!(&mut inner)
}

#[test]
fn a_panic_in_a_local_delegate_leaves_the_delegate_poisoned() {
    take_log();
    let mut g = delegates_in_place_to_a_failing_local();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(panic_message(|| g.resume(())), "delegate failed");
    assert_eq!(take_log(), ["drop failing"]);
    assert!(panic_message(|| g.resume(())).contains("after a panic"));
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[test]
fn a_panic_in_a_local_delegate_beside_a_guard_drops_each_once() {
    take_log();
    let mut g = delegates_to_a_failing_local_beside_a_guard();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(panic_message(|| g.resume(())), "delegate failed");
    assert_eq!(take_log(), ["drop failing", "drop outer"]);
    assert!(panic_message(|| g.resume(())).contains("after a panic"));
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

// A delegate that does not poison itself (an iterator, a hand-written generator) still leaves
// the delegator poisoned after a panic, whether or not the delegator keeps other locals.

struct PanicsOnce {
    n: u32,
}

impl Generator for PanicsOnce {
    type Yield = u32;
    type Return = u32;
    fn resume(&mut self, _: ()) -> GeneratorState<u32, u32> {
        self.n += 1;
        match self.n {
            2 => panic!("flaky"),
            n if n < 4 => GeneratorState::Yielded(n),
            n => GeneratorState::Complete(n),
        }
    }
}

impl Drop for PanicsOnce {
    fn drop(&mut self) {
        log(format!("drop flaky {}", self.n));
    }
}

#[coro::coroutine]
fn over_a_panicking_iterator() -> impl Generator<Yield = u32, Return = ()> {
    yield_from!(coro::from_iter((1..5).map(|x| if x == 2 { panic!("two") } else { x })))
}

#[coro::coroutine]
fn over_a_panicking_iterator_beside_a_local() -> impl Generator<Yield = u32, Return = ()> {
    let kept = Noisy("kept");
    yield_from!(coro::from_iter((1..5).map(|x| if x == 2 { panic!("two") } else { x })));
    drop(kept);
}

#[coro::coroutine]
fn over_a_flaky_local() -> impl Generator<Yield = u32, Return = u32> {
    let mut flaky = PanicsOnce { n: 0 };
    yield_from!(&mut flaky)
}

fn after_each_resume<G: Generator<Yield = u32>>(mut g: G, resumes: usize) -> Vec<String> {
    (0..resumes)
        .map(|_| match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.resume(()))) {
            Ok(GeneratorState::Yielded(y)) => format!("yield {y}"),
            Ok(GeneratorState::Complete(_)) => "complete".to_string(),
            Err(e) => e.downcast_ref::<&str>().map_or_else(|| e.downcast_ref::<String>().cloned().unwrap_or_default(), |s| s.to_string()),
        })
        .collect()
}

#[test]
fn a_panic_in_a_delegate_that_does_not_poison_itself_poisons_the_delegator() {
    let poisoned = "coroutine resumed after a panic (poisoned); it cannot be resumed after completion or a panic";
    let expected = strs(&["yield 1", "two", poisoned, poisoned]);
    assert_eq!(after_each_resume(over_a_panicking_iterator(), 4), expected);
    take_log();
    assert_eq!(after_each_resume(over_a_panicking_iterator_beside_a_local(), 4), expected);
    assert_eq!(take_log(), ["drop kept"]);
    assert_eq!(after_each_resume(over_a_flaky_local(), 4), strs(&["yield 1", "flaky", poisoned, poisoned]));
    assert_eq!(take_log(), ["drop flaky 2"]);
}
