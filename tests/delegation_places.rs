//! `yield_from!(&mut place)`: the place (a local, a parameter, their fields and dereferences)
//! is resumed where it is on every resume, so it stays usable after the delegation; any other
//! argument is moved into the delegation. Every case is compared with Python's `yield from`
//! or with the hand-written resume loop it stands for.
// The shapes are what is tested, written as users write them rather than as clippy would.
#![allow(clippy::redundant_closure_call, clippy::bool_assert_comparison)]
mod common;

use std::fmt::Debug;
use std::marker::PhantomData;
use std::pin::Pin;

use coro::{yield_, yield_from, Generator, GeneratorState};
use common::{drive, log, panic_message, resume_then_drop, run, strs, take_log, Noisy};

// ---------------------------------------------------------------------------------------------
// Delegates
// ---------------------------------------------------------------------------------------------

/// Yields `0..n`, returns `n`; its guard logs `drop <tag>` when it completes or is dropped.
#[coro::coroutine]
fn counter(n: u32, tag: &'static str) -> impl Generator<Yield = u32, Return = u32> + Debug {
    let _g = Noisy(tag);
    for i in 0..n {
        yield_!(i);
    }
    n
}

/// Yields 1, then panics with `boom <tag>`.
#[coro::coroutine]
fn fails(tag: &'static str) -> impl Generator<Yield = u32, Return = u32> + Debug {
    let _g = Noisy(tag);
    yield_!(1);
    panic!("boom {}", tag)
}

/// Hand-written and restartable: yields its items; a `None` item completes with the number of
/// items yielded since the previous completion (so it can be delegated to several times, as a
/// Python iterator object with several `StopIteration`s could not, but a resumable parser
/// can). Logs every resume argument and its drop.
struct Seg<R = ()> {
    items: Vec<Option<u32>>,
    pos: usize,
    since: u32,
    tag: &'static str,
    _r: PhantomData<fn(R)>,
}

fn seg<R>(tag: &'static str, items: &[Option<u32>]) -> Seg<R> {
    Seg { items: items.to_vec(), pos: 0, since: 0, tag, _r: PhantomData }
}

impl<R> Drop for Seg<R> {
    fn drop(&mut self) {
        log(format!("drop {}", self.tag));
    }
}

impl<R: Debug> Generator<R> for Seg<R> {
    type Yield = u32;
    type Return = u32;
    fn resume(&mut self, arg: R) -> GeneratorState<u32, u32> {
        log(format!("{} got {:?}", self.tag, arg));
        let item = self.items.get(self.pos).copied().unwrap_or(None);
        self.pos += 1;
        match item {
            Some(v) => {
                self.since += 1;
                GeneratorState::Yielded(v)
            }
            None => GeneratorState::Complete(std::mem::take(&mut self.since)),
        }
    }
}

/// Hand-written: counts `left` down, yielding each value, then completes with 99 (again on
/// every later resume).
#[derive(Clone, Debug)]
struct Stage {
    left: u32,
}

impl Generator for Stage {
    type Yield = u32;
    type Return = u32;
    fn resume(&mut self, _: ()) -> GeneratorState<u32, u32> {
        if self.left == 0 {
            return GeneratorState::Complete(99);
        }
        self.left -= 1;
        GeneratorState::Yielded(self.left)
    }
}

// ---------------------------------------------------------------------------------------------
// Places of every shape
// ---------------------------------------------------------------------------------------------

#[coro::coroutine]
fn same_local_twice() -> impl Generator<Yield = u32, Return = u32> {
    let mut g: Seg = seg("s", &[Some(1), Some(2), None, Some(3), None]);
    let a = yield_from!(&mut g);
    let b = yield_from!(&mut g);
    a * 10 + b
}

#[test]
fn a_local_delegated_to_twice_in_a_row_continues_where_it_stopped() {
    take_log();
    assert_eq!(run(same_local_twice()), (vec![1, 2, 3], 21));
    assert_eq!(take_log(), ["s got ()", "s got ()", "s got ()", "s got ()", "s got ()", "drop s"]);
}

#[coro::coroutine]
fn uses_the_local_before_and_after() -> impl Generator<Yield = u32, Return = u32> {
    let mut inner = counter(3, "inner");
    let _ = inner.resume(());
    let r = yield_from!(&mut inner);
    log(format!("after {r}"));
    r
}

#[test]
fn a_local_resumed_by_hand_then_delegated_to_continues() {
    take_log();
    assert_eq!(run(uses_the_local_before_and_after()), (vec![1, 2], 3));
    assert_eq!(take_log(), ["drop inner", "after 3"]);
}

#[test]
fn dropping_while_delegating_to_a_local_drops_it_once() {
    assert_eq!(resume_then_drop(uses_the_local_before_and_after(), 0), strs(&["drop gen"]));
    assert_eq!(resume_then_drop(uses_the_local_before_and_after(), 1), strs(&["yield 1", "drop gen", "drop inner"]));
    assert_eq!(resume_then_drop(uses_the_local_before_and_after(), 2), strs(&["yield 1", "yield 2", "drop gen", "drop inner"]));
    assert_eq!(
        resume_then_drop(uses_the_local_before_and_after(), 3),
        strs(&["yield 1", "yield 2", "drop inner", "after 3", "complete 3", "drop gen"])
    );
}

#[coro::coroutine]
fn through_a_mut_param<'a>(g: &'a mut Seg<i64>) -> impl Generator<i64, Yield = u32, Return = u32> + 'a {
    let a = yield_from!(&mut *g);
    let b = yield_from!(&mut *g);
    g.pos as u32 * 100 + a * 10 + b
}

#[test]
fn a_mut_parameter_reborrowed_with_deref_is_usable_between_and_after() {
    take_log();
    let mut s: Seg<i64> = seg("s", &[Some(1), Some(2), None, Some(3), None, Some(4)]);
    {
        let mut g = through_a_mut_param(&mut s);
        assert_eq!(drive(&mut g, [7, 8, 9, 10, 11]), (vec![1, 2, 3], Some(521)));
    }
    assert_eq!(take_log(), ["s got 0", "s got 8", "s got 9", "s got 0", "s got 10"]);
    // The caller's generator continues where the delegations left it.
    assert_eq!(s.resume(5), GeneratorState::Yielded(4));
}

#[coro::coroutine]
fn through_a_mut_binding_of_a_reference<'a>(mut g: &'a mut Seg<i64>) -> impl Generator<i64, Yield = u32, Return = u32> + 'a {
    yield_from!(&mut g)
}

#[test]
fn a_mut_reference_parameter_delegated_to_by_place() {
    take_log();
    let mut s: Seg<i64> = seg("s", &[Some(1), None]);
    assert_eq!(drive(&mut through_a_mut_binding_of_a_reference(&mut s), [5, 6, 7]), (vec![1], Some(1)));
    assert_eq!(take_log(), ["s got 0", "s got 6"]);
}

#[coro::coroutine]
fn through_a_dyn_param<'a>(g: &'a mut dyn Generator<Yield = u32, Return = u32>) -> impl Generator<Yield = u32, Return = u32> + 'a {
    let a = yield_from!(&mut *g);
    let b = yield_from!(&mut *g);
    a + b
}

#[test]
fn a_dyn_generator_behind_a_mut_parameter() {
    let mut st = Stage { left: 2 };
    assert_eq!(run(through_a_dyn_param(&mut st)), (vec![1, 0], 198));
    assert_eq!(st.left, 0);
}

#[coro::coroutine]
fn boxed_local() -> impl Generator<Yield = u32, Return = u32> {
    let mut b = Box::new(seg::<()>("b", &[Some(1), None, Some(2), None]));
    let a = yield_from!(&mut b);
    let c = yield_from!(&mut *b);
    log(format!("pos {}", b.pos));
    a + c
}

#[test]
fn a_box_local_delegated_to_as_the_box_and_through_it() {
    take_log();
    assert_eq!(run(boxed_local()), (vec![1, 2], 2));
    assert_eq!(take_log(), ["b got ()", "b got ()", "b got ()", "b got ()", "pos 4", "drop b"]);
}

#[coro::coroutine]
fn boxed_dyn_local() -> impl Generator<Yield = u32, Return = u32> {
    let mut b: Box<dyn Generator<Yield = u32, Return = u32>> = Box::new(seg::<()>("d", &[Some(1), None, Some(2), None]));
    let a = yield_from!(&mut b);
    let c = yield_from!(&mut *b);
    a + c
}

#[test]
fn a_box_dyn_local_delegated_to_as_the_box_and_through_it() {
    take_log();
    assert_eq!(run(boxed_dyn_local()), (vec![1, 2], 2));
    assert_eq!(take_log(), ["d got ()", "d got ()", "d got ()", "d got ()", "drop d"]);
}

#[coro::coroutine]
fn pinned_box_local() -> impl Generator<Yield = u32, Return = u32> {
    let mut b = Box::pin(seg::<()>("p", &[Some(1), None, Some(2), None]));
    let a = yield_from!(&mut b);
    let c = yield_from!(&mut b);
    a + c
}

#[test]
fn a_pinned_box_local() {
    take_log();
    assert_eq!(run(pinned_box_local()), (vec![1, 2], 2));
    assert_eq!(take_log(), ["p got ()", "p got ()", "p got ()", "p got ()", "drop p"]);
}

#[coro::coroutine]
fn pinned_param<'a, G: Generator<Yield = u32, Return = u32> + Unpin>(mut p: Pin<&'a mut G>) -> impl Generator<Yield = u32, Return = u32> + 'a {
    let a = yield_from!(&mut p);
    let b = yield_from!(&mut *p);
    let c = match p.as_mut().resume(()) {
        GeneratorState::Yielded(y) => y,
        GeneratorState::Complete(r) => r + 1000,
    };
    a * 100 + b * 10 + c
}

#[test]
fn a_pin_mut_parameter_as_itself_and_through_it() {
    let mut st = Stage { left: 3 };
    assert_eq!(run(pinned_param(Pin::new(&mut st))), (vec![2, 1, 0], 99 * 100 + 99 * 10 + 1099));
}

struct Holder {
    stage: Box<dyn Generator<Yield = u32, Return = u32>>,
    inner: Inner,
    results: Vec<u32>,
}

struct Inner {
    deep: Deep,
}

struct Deep {
    stage: Stage,
}

impl Holder {
    #[coro::coroutine]
    fn go(&mut self) -> impl Generator<Yield = u32, Return = u32> + '_ {
        let a = yield_from!(&mut self.stage);
        self.results.push(a);
        let b = yield_from!(&mut self.inner.deep.stage);
        self.inner.deep.stage.left = 1;
        let c = yield_from!(&mut (*self).inner.deep.stage);
        self.results.push(b + c);
        a
    }
}

#[test]
fn a_box_dyn_field_and_nested_fields_of_mut_self() {
    take_log();
    let mut h = Holder { stage: Box::new(counter(1, "stage")), inner: Inner { deep: Deep { stage: Stage { left: 2 } } }, results: Vec::new() };
    assert_eq!(run(h.go()), (vec![0, 1, 0, 0], 1));
    assert_eq!(h.results, [1, 198]);
    assert_eq!(take_log(), ["drop stage"]);
}

struct Pair {
    first: Box<dyn Generator<Yield = u32, Return = u32>>,
    rest: (u32, Stage),
}

#[coro::coroutine]
fn fields_of_a_struct_local() -> impl Generator<Yield = u32, Return = u32> {
    let _a = Noisy("a");
    let mut p = Pair { first: Box::new(counter(1, "first")), rest: (7, Stage { left: 2 }) };
    let x = yield_from!(&mut p.first);
    let y = yield_from!(&mut (p.rest).1);
    p.rest.0 += x + y;
    log("before drop p");
    drop(p);
    x + y
}

#[test]
fn fields_of_a_struct_local_and_a_tuple_field() {
    take_log();
    assert_eq!(run(fields_of_a_struct_local()), (vec![0, 1, 0], 100));
    assert_eq!(take_log(), ["drop first", "before drop p", "drop a"]);
}

#[test]
fn dropping_while_delegating_to_a_field_of_a_local() {
    assert_eq!(resume_then_drop(fields_of_a_struct_local(), 1), strs(&["yield 0", "drop gen", "drop first", "drop a"]));
    assert_eq!(
        resume_then_drop(fields_of_a_struct_local(), 2),
        strs(&["yield 0", "drop first", "yield 1", "drop gen", "drop a"])
    );
}

impl Stage {
    #[coro::coroutine]
    fn drain(&mut self) -> impl Generator<Yield = u32, Return = u32> + '_ {
        let r = yield_from!(&mut *self);
        self.left = 1;
        let s = yield_from!(&mut self);
        r + s
    }

    #[coro::coroutine]
    fn consume(mut self) -> impl Generator<Yield = u32, Return = (u32, u32)> {
        let r = yield_from!(&mut self);
        self.left = 2;
        let s = yield_from!(&mut self);
        (r + s, self.left)
    }
}

#[test]
fn self_as_the_delegate_by_mut_reference() {
    let mut s = Stage { left: 2 };
    assert_eq!(run(s.drain()), (vec![1, 0, 0], 198));
    assert_eq!(s.left, 0);
}

#[test]
fn self_by_value_as_the_delegate() {
    assert_eq!(run(Stage { left: 1 }.consume()), (vec![0, 1, 0], (198, 0)));
}

struct Owner {
    stage: Stage,
    other: Stage,
}

impl Owner {
    #[coro::coroutine]
    fn by_value(mut self) -> impl Generator<Yield = u32, Return = u32> {
        let a = yield_from!(&mut self.stage);
        let b = yield_from!(&mut self.other);
        a + b + self.other.left
    }
}

#[test]
fn fields_of_self_by_value() {
    assert_eq!(run(Owner { stage: Stage { left: 1 }, other: Stage { left: 2 } }.by_value()), (vec![0, 1, 0], 198));
}

#[coro::coroutine]
fn tuple_pattern_param((mut a, mut b): (Stage, Stage)) -> impl Generator<Yield = u32, Return = u32> {
    let x = yield_from!(&mut b);
    let y = yield_from!(&mut a);
    x + y + a.left + b.left
}

#[test]
fn parameters_bound_by_a_pattern() {
    assert_eq!(run(tuple_pattern_param((Stage { left: 1 }, Stage { left: 2 }))), (vec![1, 0, 0], 198));
}

#[coro::coroutine]
fn relay<R: Default, G: Generator<R>>(mut g: G) -> impl Generator<R, Yield = G::Yield, Return = (G::Return, G)> {
    let r = yield_from!(&mut g);
    (r, g)
}

#[test]
fn a_generic_parameter_delegated_to_and_handed_back() {
    take_log();
    let mut r = relay(seg::<i64>("rel", &[Some(1), Some(2), None, Some(3)]));
    let (yields, done) = drive(&mut r, [5, 6, 7, 8]);
    assert_eq!(yields, [1, 2]);
    let (ret, mut g) = done.expect("complete");
    assert_eq!(ret, 2);
    assert_eq!(take_log(), ["rel got 0", "rel got 6", "rel got 7"]);
    // The generator handed back continues after the delegation.
    assert_eq!(g.resume(9), GeneratorState::Yielded(3));
    drop((r, g));
    assert_eq!(take_log(), ["rel got 9", "drop rel"]);
}

#[coro::coroutine]
fn parenthesised_and_deferred() -> impl Generator<Yield = u32, Return = u32> {
    let mut g;
    g = seg::<()>("def", &[Some(1), None, Some(2), None]);
    let r = yield_from!(&mut (g));
    let s = yield_from!((&mut g));
    r + s
}

#[test]
fn a_parenthesised_place_and_a_local_initialised_late() {
    take_log();
    assert_eq!(run(parenthesised_and_deferred()), (vec![1, 2], 2));
    assert_eq!(take_log(), ["def got ()", "def got ()", "def got ()", "def got ()", "drop def"]);
}

#[coro::coroutine]
fn by_full_macro_path() -> impl Generator<Yield = u32, Return = u32> {
    let mut g = counter(2, "mp");
    let r = coro::yield_from!(&mut g);
    coro::yield_!(r);
    r
}

#[test]
fn the_macro_by_its_full_path() {
    take_log();
    assert_eq!(run(by_full_macro_path()), (vec![0, 1, 2], 2));
    assert_eq!(take_log(), ["drop mp"]);
}

// ---------------------------------------------------------------------------------------------
// Resume values
// ---------------------------------------------------------------------------------------------

#[coro::coroutine]
fn sends_through_twice() -> impl Generator<i64, Yield = u32, Return = u32> {
    let mut g: Seg<i64> = seg("s", &[Some(1), Some(2), None, Some(3), None]);
    let a = yield_from!(&mut g);
    let x = yield_!(100);
    log(format!("outer got {x}"));
    let b = yield_from!(&mut g);
    a * 10 + b
}

#[test]
fn resume_values_reach_the_place_and_each_delegation_is_primed_with_default() {
    take_log();
    let mut g = sends_through_twice();
    assert_eq!(drive(&mut g, [7, 8, 9, 10, 11, 12]), (vec![1, 2, 100, 3], Some(21)));
    assert_eq!(take_log(), ["s got 0", "s got 8", "s got 9", "outer got 10", "s got 0", "s got 11", "drop s"]);
}

#[coro::coroutine]
fn sends_in_place() -> impl Generator<i64, Yield = u32, Return = u32> {
    let mut g: Seg<i64> = seg("s", &[Some(1), Some(2), None]);
    yield_from!(&mut g)
}

#[test]
fn resume_values_reach_a_place_resumed_in_place() {
    take_log();
    let mut g = sends_in_place();
    assert_eq!(drive(&mut g, [7, 8, 9, 10]), (vec![1, 2], Some(2)));
    assert_eq!(take_log(), ["s got 0", "s got 8", "s got 9", "drop s"]);
}

#[coro::coroutine]
fn yields_around_the_delegation() -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut g: Seg<u32> = seg("s", &[Some(1), None, Some(2), None]);
    let a = yield_!(50) + yield_from!(&mut g);
    let b = yield_from!(&mut g) * yield_!(60);
    a * 1000 + b
}

#[test]
fn yields_and_delegations_in_one_expression_keep_their_order() {
    take_log();
    let mut g = yields_around_the_delegation();
    assert_eq!(drive(&mut g, [1, 2, 3, 4, 5, 6]), (vec![50, 1, 2, 60], Some(3005)));
    assert_eq!(take_log(), ["s got 0", "s got 3", "s got 0", "s got 4", "drop s"]);
}

// ---------------------------------------------------------------------------------------------
// Delegates that complete at once
// ---------------------------------------------------------------------------------------------

#[coro::coroutine]
fn immediate() -> impl Generator<Yield = u32, Return = u32> {
    let mut g = counter(0, "zero");
    let a = yield_from!(&mut g);
    log(format!("a {a}"));
    let mut h = Stage { left: 0 };
    let b = yield_from!(&mut h);
    let c = yield_from!(&mut h);
    a + b + c + 7
}

#[test]
fn delegates_that_complete_on_their_first_resume_yield_nothing() {
    take_log();
    assert_eq!(run(immediate()), (vec![], 205));
    assert_eq!(take_log(), ["drop zero", "a 0"]);
}

// ---------------------------------------------------------------------------------------------
// Operands, branches and loops
// ---------------------------------------------------------------------------------------------

#[coro::coroutine]
fn as_operands() -> impl Generator<Yield = u32, Return = u32> {
    let mut g = counter(2, "g");
    let x = 1 + yield_from!(&mut g);
    let mut h = counter(1, "h");
    let y = std::cmp::max(x, yield_from!(&mut h) * 100);
    x + y
}

#[test]
fn delegations_as_operands_and_call_arguments() {
    take_log();
    assert_eq!(run(as_operands()), (vec![0, 1, 0], 103));
    assert_eq!(take_log(), ["drop g", "drop h"]);
}

#[coro::coroutine]
fn reads_the_place_around_it() -> impl Generator<Yield = u32, Return = (usize, usize, u32, Vec<u32>)> {
    let mut g: Seg = seg("s", &[Some(1), Some(2), None, Some(3), None, None, Some(4), None]);
    // Rust evaluates the left operand first: `g.pos` is read before the delegation runs.
    let x = g.pos + yield_from!(&mut g) as usize;
    let y = g.pos * 100 + yield_from!(&mut g) as usize;
    let z = yield_from!(&mut g) + yield_from!(&mut g);
    let v = vec![g.pos as u32, yield_from!(&mut g), g.pos as u32];
    (x, y, z, v)
}

#[test]
fn reads_of_the_place_before_and_after_in_one_expression_see_its_state_then() {
    take_log();
    assert_eq!(run(reads_the_place_around_it()), (vec![1, 2, 3, 4], (2, 301, 1, vec![8, 0, 9])));
    assert_eq!(take_log().len(), 9 + 1); // nine resumes, one drop
}

#[coro::coroutine]
fn in_match_and_if(k: u32) -> impl Generator<Yield = u32, Return = u32> {
    let mut a = counter(1, "a");
    let mut b = counter(2, "b");
    let r = match k {
        0 => yield_from!(&mut a),
        1 => yield_from!(&mut b) + 10,
        _ => 99,
    };
    if r > 5 {
        yield_!(yield_from!(&mut a) + 1000);
    }
    r
}

#[test]
fn delegations_in_match_arms_and_if_bodies() {
    take_log();
    assert_eq!(run(in_match_and_if(0)), (vec![0], 1));
    assert_eq!(take_log(), ["drop a"]);
    assert_eq!(run(in_match_and_if(1)), (vec![0, 1, 0, 1001], 12));
    assert_eq!(take_log(), ["drop b", "drop a"]);
    assert_eq!(run(in_match_and_if(2)), (vec![0, 1001], 99));
    assert_eq!(take_log(), ["drop a"]);
}

#[coro::coroutine]
fn in_conditions() -> impl Generator<Yield = u32, Return = u32> {
    let mut g: Seg = seg("s", &[Some(1), None, None, Some(2), Some(3), None, None]);
    let mut n = 0;
    while yield_from!(&mut g) > 0 {
        n += 1;
    }
    let m = match yield_from!(&mut g) {
        0 => 10,
        k => k * 100,
    };
    n * 1000 + m
}

#[test]
fn delegations_in_a_while_condition_and_a_match_scrutinee() {
    take_log();
    assert_eq!(run(in_conditions()), (vec![1, 2, 3], 1200));
}

#[coro::coroutine]
fn replaced_between_rounds() -> impl Generator<Yield = u32, Return = u32> {
    let mut g = counter(1, "g0");
    let mut total = 0;
    let names = ["g1", "g2", "g3"];
    let mut i = 0;
    while i < 3 {
        total += yield_from!(&mut g);
        g = counter(i + 2, names[i as usize]);
        i += 1;
    }
    total
}

#[test]
fn a_place_replaced_between_rounds_of_a_loop() {
    take_log();
    assert_eq!(run(replaced_between_rounds()), (vec![0, 0, 1, 0, 1, 2], 6));
    // `g3` is created but never started: its body (and guard) never ran.
    assert_eq!(take_log(), ["drop g0", "drop g1", "drop g2"]);
}

#[coro::coroutine]
fn replaced_in_place_loop() -> impl Generator<Yield = u32, Return = u32> {
    let mut g = counter(1, "c1");
    loop {
        let r = yield_from!(&mut g);
        if r >= 3 {
            return r;
        }
        g = counter(r + 1, ["c2", "c3"][r as usize - 1]);
    }
}

#[test]
fn a_place_replaced_in_a_loop_that_keeps_nothing_else() {
    take_log();
    assert_eq!(run(replaced_in_place_loop()), (vec![0, 0, 1, 0, 1, 2], 3));
    assert_eq!(take_log(), ["drop c1", "drop c2", "drop c3"]);
    assert_eq!(resume_then_drop(replaced_in_place_loop(), 2), strs(&["yield 0", "drop c1", "yield 0", "drop gen", "drop c2"]));
    assert_eq!(
        resume_then_drop(replaced_in_place_loop(), 5),
        strs(&["yield 0", "drop c1", "yield 0", "yield 1", "drop c2", "yield 0", "yield 1", "drop gen", "drop c3"])
    );
}

#[coro::coroutine]
fn declared_in_the_loop() -> impl Generator<Yield = u32, Return = u32> {
    let mut total = 0;
    for (i, tag) in ["x", "y"].into_iter().enumerate() {
        let mut g = counter(i as u32 + 1, tag);
        total += yield_from!(&mut g);
        log(format!("end {tag}"));
    }
    total
}

#[test]
fn a_place_declared_in_each_iteration() {
    take_log();
    assert_eq!(run(declared_in_the_loop()), (vec![0, 0, 1], 3));
    assert_eq!(take_log(), ["drop x", "end x", "drop y", "end y"]);
    assert_eq!(resume_then_drop(declared_in_the_loop(), 2), strs(&["yield 0", "drop x", "end x", "yield 0", "drop gen", "drop y"]));
}

#[coro::coroutine]
fn bound_by_patterns() -> impl Generator<Yield = u32, Return = u32> {
    let (mut a, mut b) = (counter(1, "a"), counter(2, "b"));
    let x = yield_from!(&mut a) + yield_from!(&mut b);
    let opt = Some(counter(1, "opt"));
    let y = if let Some(mut g) = opt { yield_from!(&mut g) } else { 0 };
    let mut z = 0;
    for mut g in vec![counter(1, "v1"), counter(2, "v2")] {
        z += yield_from!(&mut g);
    }
    let mut queue = vec![counter(1, "q1"), counter(1, "q2")];
    while let Some(mut g) = queue.pop() {
        z += yield_from!(&mut g) * 10;
    }
    x * 1000 + y * 100 + z
}

#[test]
fn places_bound_by_tuple_if_let_for_and_while_let_patterns() {
    take_log();
    assert_eq!(run(bound_by_patterns()), (vec![0, 0, 1, 0, 0, 0, 1, 0, 0], 3123));
    assert_eq!(take_log(), ["drop a", "drop b", "drop opt", "drop v1", "drop v2", "drop q2", "drop q1"]);
}

#[coro::coroutine]
fn leaps_out_of_loops() -> impl Generator<Yield = u32, Return = u32> {
    let mut g: Seg = seg("s", &[Some(1), None, Some(2), Some(3), None, None]);
    let r = 'outer: loop {
        loop {
            let x = yield_from!(&mut g);
            if x == 2 {
                break 'outer x * 7;
            }
            if x == 1 {
                continue 'outer;
            }
        }
    };
    r + yield_from!(&mut g)
}

#[test]
fn labeled_break_with_value_and_continue_after_a_delegation() {
    take_log();
    assert_eq!(run(leaps_out_of_loops()), (vec![1, 2, 3], 14));
}

#[coro::coroutine]
fn several_in_one_loop() -> impl Generator<Yield = u32, Return = ()> {
    let mut g: Seg = seg("s", &[Some(1), None, Some(2), None, Some(3), None, None]);
    loop {
        let a = yield_from!(&mut g);
        yield_!(a + 100);
        let b = yield_from!(&mut g);
        yield_!(b + 200);
        if g.pos >= 6 {
            break;
        }
    }
}

#[test]
fn several_delegations_to_one_place_in_a_loop() {
    take_log();
    assert_eq!(run(several_in_one_loop()), (vec![1, 101, 2, 201, 3, 101, 200], ()));
    assert_eq!(take_log().last().map(String::as_str), Some("drop s"));
}

#[coro::coroutine]
fn in_a_body_with_a_closure() -> impl Generator<Yield = u32, Return = u32> {
    let k = (|x: u32| x * 2)(3);
    let mut g = Stage { left: 2 };
    let mut t = 0;
    loop {
        t += yield_from!(&mut g);
        if t > 100 {
            break;
        }
        g.left = 1;
    }
    t + k
}

#[coro::coroutine]
fn in_place_in_a_body_with_a_closure() -> impl Generator<Yield = u32, Return = u32> {
    let mut g: Seg = seg("s", &[Some(1), None, Some(2), Some(3), None]);
    loop {
        let t = yield_from!(&mut g);
        let h = (|x: u32| x * 2)(t);
        if g.pos > 2 {
            return h;
        }
    }
}

#[test]
fn delegations_in_loops_of_a_body_that_writes_a_closure() {
    assert_eq!(run(in_a_body_with_a_closure()), (vec![1, 0, 0], 204));
    assert_eq!(run(in_place_in_a_body_with_a_closure()), (vec![1, 2, 3], 4));
}

#[coro::coroutine]
fn with_question_mark() -> impl Generator<Yield = u32, Return = Result<u32, String>> {
    let _k = Noisy("k");
    let mut g = ResultStage { n: 0 };
    let v = yield_from!(&mut g)?;
    let w = yield_from!(&mut g)?;
    Ok(v + w)
}

/// Yields 1, completes with `Ok(2)`, yields 3, then completes with `Err`.
struct ResultStage {
    n: u32,
}

impl Generator for ResultStage {
    type Yield = u32;
    type Return = Result<u32, String>;
    fn resume(&mut self, _: ()) -> GeneratorState<u32, Result<u32, String>> {
        self.n += 1;
        match self.n {
            1 => GeneratorState::Yielded(1),
            2 => GeneratorState::Complete(Ok(2)),
            3 => GeneratorState::Yielded(3),
            n => GeneratorState::Complete(Err(format!("err{n}"))),
        }
    }
}

#[test]
fn question_mark_on_a_delegation_to_a_place() {
    take_log();
    assert_eq!(run(with_question_mark()), (vec![1, 3], Err("err4".to_string())));
    assert_eq!(take_log(), ["drop k"]);
}

// ---------------------------------------------------------------------------------------------
// Nesting, iterators, shadowing
// ---------------------------------------------------------------------------------------------

#[coro::coroutine]
fn nested_inner() -> impl Generator<Yield = u32, Return = u32> {
    let mut c = counter(2, "leaf");
    let r = yield_from!(&mut c);
    yield_!(r + 50);
    r
}

#[coro::coroutine]
fn nested_outer() -> impl Generator<Yield = u32, Return = u32> {
    let mut n = nested_inner();
    let r = yield_from!(&mut n);
    drop(n);
    r * 2
}

#[test]
fn a_delegate_that_itself_delegates_by_place() {
    take_log();
    assert_eq!(run(nested_outer()), (vec![0, 1, 52], 4));
    assert_eq!(take_log(), ["drop leaf"]);
}

#[test]
fn dropping_a_nested_delegation_at_each_point() {
    assert_eq!(resume_then_drop(nested_outer(), 1), strs(&["yield 0", "drop gen", "drop leaf"]));
    assert_eq!(resume_then_drop(nested_outer(), 2), strs(&["yield 0", "yield 1", "drop gen", "drop leaf"]));
    assert_eq!(resume_then_drop(nested_outer(), 3), strs(&["yield 0", "yield 1", "drop leaf", "yield 52", "drop gen"]));
    assert_eq!(
        resume_then_drop(nested_outer(), 4),
        strs(&["yield 0", "yield 1", "drop leaf", "yield 52", "complete 4", "drop gen"])
    );
}

#[coro::coroutine]
fn iterator_delegating() -> impl Iterator<Item = u32> {
    let mut g = counter(2, "g");
    let r = yield_from!(&mut g);
    yield_!(r);
    let mut h = counter(1, "h");
    yield_from!(&mut h);
}

#[test]
fn an_iterator_coroutine_delegating_by_place() {
    take_log();
    let mut it = iterator_delegating();
    assert_eq!(it.by_ref().collect::<Vec<_>>(), [0, 1, 2, 0]);
    assert_eq!(it.next(), None);
    assert_eq!(take_log(), ["drop g", "drop h"]);
}

#[coro::coroutine]
fn shadowed_after() -> impl Generator<Yield = u32, Return = u32> {
    let mut g = counter(1, "g1");
    let a = yield_from!(&mut g);
    let mut g = counter(2, "g2");
    let b = yield_from!(&mut g);
    let g = a + b;
    yield_!(g);
    g
}

#[test]
fn a_place_shadowed_afterwards() {
    take_log();
    assert_eq!(run(shadowed_after()), (vec![0, 0, 1, 3], 3));
    assert_eq!(take_log(), ["drop g1", "drop g2"]);
    assert_eq!(resume_then_drop(shadowed_after(), 2), strs(&["yield 0", "drop g1", "yield 0", "drop gen", "drop g2"]));
}

// ---------------------------------------------------------------------------------------------
// Drops and panics
// ---------------------------------------------------------------------------------------------

#[coro::coroutine]
fn between_guards() -> impl Generator<Yield = u32, Return = u32> {
    let _a = Noisy("a");
    let mut inner = counter(2, "inner");
    let _b = Noisy("b");
    let r = yield_from!(&mut inner);
    r
}

#[test]
fn dropping_while_delegating_drops_locals_in_reverse_declaration_order() {
    assert_eq!(resume_then_drop(between_guards(), 0), strs(&["drop gen"]));
    assert_eq!(resume_then_drop(between_guards(), 1), strs(&["yield 0", "drop gen", "drop b", "drop inner", "drop a"]));
    assert_eq!(
        resume_then_drop(between_guards(), 3),
        strs(&["yield 0", "yield 1", "drop inner", "drop b", "drop a", "complete 2", "drop gen"])
    );
}

#[coro::coroutine]
fn in_place_failing() -> impl Generator<Yield = u32, Return = u32> + Debug {
    let mut inner = fails("inner");
    yield_from!(&mut inner)
}

#[test]
fn a_panic_in_a_delegate_resumed_in_place() {
    take_log();
    let mut g = in_place_failing();
    assert!(format!("{g:?}").contains("not started"));
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert!(format!("{g:?}").contains("yield_from!"));
    assert_eq!(panic_message(|| g.resume(())), "boom inner");
    assert_eq!(take_log(), ["drop inner"]);
    // The delegating coroutine is poisoned (the delegate was dropped while unwinding).
    assert!(format!("{g:?}").contains("poisoned"));
    assert!(panic_message(|| g.resume(())).contains("after a panic"));
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[coro::coroutine]
fn kept_failing() -> impl Generator<Yield = u32, Return = u32> + Debug {
    let _o = Noisy("outer");
    let mut inner = fails("inner");
    let r = yield_from!(&mut inner);
    drop(inner);
    r
}

#[test]
fn a_panic_in_a_delegate_beside_other_locals_poisons_and_drops_each_once() {
    take_log();
    let mut g = kept_failing();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert!(format!("{g:?}").contains("yield_from!"));
    assert_eq!(panic_message(|| g.resume(())), "boom inner");
    assert_eq!(take_log(), ["drop inner", "drop outer"]);
    assert!(format!("{g:?}").contains("poisoned"));
    assert!(panic_message(|| g.resume(())).contains("after a panic"));
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

/// Hand-written: panics on its first resume.
struct PanicsAtOnce(&'static str);

impl Generator for PanicsAtOnce {
    type Yield = u32;
    type Return = u32;
    fn resume(&mut self, _: ()) -> GeneratorState<u32, u32> {
        panic!("at once")
    }
}

impl Drop for PanicsAtOnce {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

#[coro::coroutine]
fn primes_a_failing_place() -> impl Generator<Yield = u32, Return = u32> + Debug {
    let mut f = PanicsAtOnce("f");
    yield_!(0);
    yield_from!(&mut f)
}

#[test]
fn a_panic_while_priming_a_place_poisons_and_drops_it_once() {
    take_log();
    let mut g = primes_a_failing_place();
    assert_eq!(g.resume(()), GeneratorState::Yielded(0));
    assert_eq!(panic_message(|| g.resume(())), "at once");
    assert_eq!(take_log(), ["drop f"]);
    assert!(format!("{g:?}").contains("poisoned"));
    assert!(panic_message(|| g.resume(())).contains("after a panic"));
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[coro::coroutine]
fn iterator_over_a_failing_place() -> impl Iterator<Item = u32> {
    let mut f = fails("it");
    yield_from!(&mut f);
}

#[test]
fn a_panic_in_a_place_under_an_iterator_coroutine() {
    take_log();
    let mut it = iterator_over_a_failing_place();
    assert_eq!(it.next(), Some(1));
    assert_eq!(panic_message(|| it.next()), "boom it");
    assert_eq!(take_log(), ["drop it"]);
    assert!(panic_message(|| it.next()).contains("after a panic"));
    drop(it);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[test]
fn dropping_a_delegator_suspended_in_place_after_a_panic_drops_nothing_twice() {
    take_log();
    let mut g = in_place_failing();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(panic_message(|| g.resume(())), "boom inner");
    assert_eq!(panic_message(|| g.resume(())).contains("after a panic"), true);
    assert_eq!(panic_message(|| g.resume(())).contains("after a panic"), true);
    assert_eq!(take_log(), ["drop inner"]);
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// Debug, Clone, Send
// ---------------------------------------------------------------------------------------------

#[coro::coroutine]
fn two_delegations() -> impl Generator<Yield = u32, Return = u32> + Debug {
    let mut g = Stage { left: 1 };
    let a = yield_from!(&mut g);
    yield_!(a);
    g.left = 1;
    yield_from!(&mut g)
}

#[test]
fn debug_names_the_delegation_the_coroutine_is_suspended_in() {
    let mut g = two_delegations();
    assert!(format!("{g:?}").contains("not started"));
    assert_eq!(g.resume(()), GeneratorState::Yielded(0));
    let first = format!("{g:?}");
    assert!(first.contains("yield_from!"), "{first}");
    assert_eq!(g.resume(()), GeneratorState::Yielded(99));
    let own = format!("{g:?}");
    assert!(own.contains("yield_!") && !own.contains("yield_from!"), "{own}");
    assert_eq!(g.resume(()), GeneratorState::Yielded(0));
    let second = format!("{g:?}");
    assert!(second.contains("yield_from!") && second != first, "{second} vs {first}");
    assert_eq!(g.resume(()), GeneratorState::Complete(99));
    assert!(format!("{g:?}").contains("done"));
}

#[coro::coroutine]
fn clonable(base: u32) -> impl Generator<Yield = u32, Return = u32> + Clone {
    let mut g = Stage { left: 3 };
    let r = yield_from!(&mut g);
    r + g.left + base
}

#[test]
fn cloning_a_suspended_delegator_clones_its_place() {
    for base in [0, 1000] {
        let mut a = clonable(base);
        assert_eq!(a.resume(()), GeneratorState::Yielded(2));
        let mut b = a.clone();
        assert_eq!(a.resume(()), GeneratorState::Yielded(1));
        assert_eq!(run(a), (vec![0], 99 + base));
        assert_eq!(run(b.clone()), (vec![1, 0], 99 + base));
        assert_eq!(b.resume(()), GeneratorState::Yielded(1));
    }
}

#[coro::coroutine]
fn sendable() -> impl Generator<Yield = u32, Return = u32> + Send {
    let mut g = Stage { left: 2 };
    yield_from!(&mut g)
}

#[test]
fn a_delegator_suspended_in_a_place_moves_to_another_thread() {
    let mut g = sendable();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    let done = std::thread::spawn(move || run(g)).join().unwrap();
    assert_eq!(done, (vec![0], 99));
}

// ---------------------------------------------------------------------------------------------
// Other arguments are moved into the delegation
// ---------------------------------------------------------------------------------------------

#[coro::coroutine]
fn moved_delegates<'a>(v: &'a mut Vec<Stage>) -> impl Generator<Yield = u32, Return = u32> + 'a {
    let a = yield_from!(counter(1, "made"));
    let b = yield_from!(&mut v[0]);
    a + b
}

#[test]
fn a_made_generator_and_an_index_through_a_parameter_are_moved_in() {
    take_log();
    let mut v = vec![Stage { left: 1 }];
    assert_eq!(run(moved_delegates(&mut v)), (vec![0, 0], 100));
    assert_eq!(v[0].left, 0);
    assert_eq!(take_log(), ["drop made"]);
}

#[coro::coroutine]
fn moved_then_dropped() -> impl Generator<Yield = u32, Return = u32> {
    let _k = Noisy("k");
    let g = counter(2, "moved");
    yield_from!(g)
}

#[test]
fn a_local_moved_into_the_delegation_is_dropped_with_it_once() {
    assert_eq!(resume_then_drop(moved_then_dropped(), 1), strs(&["yield 0", "drop gen", "drop moved", "drop k"]));
    take_log();
    assert_eq!(run(moved_then_dropped()), (vec![0, 1], 2));
    assert_eq!(take_log(), ["drop moved", "drop k"]);
}

/// A delegate that is a generator for every resume type is primed with the delegating
/// coroutine's own resume type.
struct Echo(u32);

impl<R> Generator<R> for Echo {
    type Yield = u32;
    type Return = u32;
    fn resume(&mut self, _: R) -> GeneratorState<u32, u32> {
        self.0 += 1;
        if self.0 < 3 { GeneratorState::Yielded(self.0) } else { GeneratorState::Complete(self.0) }
    }
}

#[coro::coroutine]
fn echo_by_place() -> impl Generator<i64, Yield = u32, Return = u32> {
    let mut e = Echo(0);
    let r = yield_from!(&mut e);
    r + yield_from!(Echo(10))
}

#[test]
fn a_delegate_generic_over_its_resume_type_is_primed_with_ours() {
    assert_eq!(drive(&mut echo_by_place(), [1i64, 2, 3]), (vec![1, 2], Some(14)));
}

/// `&mut` of a temporary: the delegation takes the temporary.
#[coro::coroutine]
fn borrows_a_temporary() -> impl Generator<Yield = u32, Return = u32> {
    let a = yield_from!(&mut Stage { left: 2 });
    let b = yield_from!(&mut counter(1, "temporary"));
    a + b
}

#[test]
fn delegating_to_a_borrowed_temporary() {
    take_log();
    let (ys, r) = run(borrows_a_temporary());
    assert_eq!(ys.len(), 3);
    assert_eq!(r, run(Stage { left: 2 }).1 + 1);
    assert_eq!(take_log(), ["drop temporary"]);
}

/// `&mut` of a `const` borrows a fresh copy of it, once, as in plain Rust.
const START: Stage = Stage { left: 3 };

#[coro::coroutine]
fn from_a_const() -> impl Generator<Yield = u32, Return = u32> {
    yield_from!(&mut START)
}

#[test]
fn delegating_to_a_borrowed_const_starts_one_copy() {
    assert_eq!(run(from_a_const()), (vec![2, 1, 0], 99));
}
