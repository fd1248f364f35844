//! Drop accounting: which locals a generator holds at each suspension point, when they are
//! dropped (scope end, reassignment, completion, dropping a suspended generator), and that each
//! is dropped exactly once, in reverse declaration order.
//!
//! Every test compares the complete event log: `yield v` / `complete r` (logged by the driver
//! after each resume), the body's own `log(..)` calls, and `drop <name>` from `Noisy`.
#![allow(unexpected_cfgs)]
mod common;

use common::{log, resume_then_drop, strs, take_log, Noisy};
use coro::{yield_, yield_from, Generator, GeneratorState};

/// The events of a complete run up to and including the `k`-th `yield`, then `drop gen`, then
/// `tail`: what dropping the generator suspended at its `k`-th yield must log.
fn expected_at(full: &[&str], k: usize, tail: &[&str]) -> Vec<String> {
    let mut seen = 0;
    let mut out = Vec::new();
    if k > 0 {
        for e in full {
            out.push(e.to_string());
            if e.starts_with("yield ") {
                seen += 1;
                if seen == k {
                    break;
                }
            }
        }
        assert_eq!(seen, k, "the full run has fewer than {k} yields");
    }
    out.push("drop gen".into());
    out.extend(tail.iter().map(|s| s.to_string()));
    out
}

/// For a binding the macro cannot prove to be still owned, the contract allows two drop points:
/// where plain Rust drops it (end of scope), or the macro's documented rule (dropped at the
/// yield after its last use). Any other log (a double drop, a missing drop, another order)
/// fails.
fn assert_plain_or_at_yield(actual: Vec<String>, plain: &[&str], at_yield: &[&str]) {
    assert!(actual == plain || actual == at_yield, "got {actual:?}\nplain Rust: {plain:?}\nat the yield: {at_yield:?}");
}

fn consume(n: Noisy) {
    log(format!("consumed {}", n.0));
}

// ---------------------------------------------------------------------------------------------
// Straight-line code: dropped at each possible suspension point.

#[coro::coroutine]
fn straight() -> impl Generator<Yield = u32, Return = ()> {
    let _a = Noisy("a");
    yield_!(1);
    let _b = Noisy("b");
    yield_!(2);
    let _c = Noisy("c");
    yield_!(3);
    log("end");
}

#[test]
fn straight_line_dropped_at_every_suspension_point() {
    let full = ["yield 1", "yield 2", "yield 3", "end", "drop c", "drop b", "drop a", "complete ()"];
    let tails: [&[&str]; 4] = [&[], &["drop a"], &["drop b", "drop a"], &["drop c", "drop b", "drop a"]];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(straight(), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    // Run to completion: everything dropped once, inside the last resume; dropping the finished
    // generator drops nothing more.
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(straight(), 4), all);
}

#[coro::coroutine]
fn used_and_unused() -> impl Generator<Yield = &'static str, Return = ()> {
    let x = Noisy("x");
    let _g = Noisy("g");
    let y = Noisy("y");
    yield_!(x.0);
    yield_!(y.0);
    drop(x);
    yield_!("x gone");
    log("end");
}

#[test]
fn live_locals_and_guards_dropped_in_reverse_declaration_order() {
    let full = ["yield \"x\"", "yield \"y\"", "drop x", "yield \"x gone\"", "end", "drop y", "drop g", "complete ()"];
    let tails: [&[&str]; 4] =
        [&[], &["drop y", "drop g", "drop x"], &["drop y", "drop g", "drop x"], &["drop y", "drop g"]];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(used_and_unused(), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(used_and_unused(), 4), all);
}

/// Never mentioned again and not named as a guard: rustc warns it is unused, and it still
/// lives to the end of its scope, between its neighbours in the drop order.
#[coro::coroutine]
fn forgotten_between_guards() -> impl Generator<Yield = u32, Return = ()> {
    let _a = Noisy("a");
    #[allow(unused_variables)]
    let forgotten = Noisy("forgotten");
    let _b = Noisy("b");
    yield_!(1);
    log("end");
}

#[test]
fn an_unused_local_is_dropped_at_the_end_of_its_scope() {
    let full = ["yield 1", "end", "drop b", "drop forgotten", "drop a", "complete ()"];
    let tails: [&[&str]; 2] = [&[], &["drop b", "drop forgotten", "drop a"]];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(forgotten_between_guards(), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(forgotten_between_guards(), 2), all);
}

/// Matching a local against a pattern that binds nothing by value (`_`, `Some(_)`, `ref x`)
/// moves nothing: the local still owns its value and lives to the end of its scope.
#[coro::coroutine]
#[allow(clippy::redundant_pattern_matching, clippy::match_single_binding)]
fn matched_without_moving() -> impl Generator<Yield = u32, Return = ()> {
    let w = Noisy("w");
    let _ = w;
    let o = Some(Noisy("o"));
    if let Some(_) = o {
        log("some");
    }
    let m = Noisy("m");
    match m {
        _ => log("matched"),
    }
    let r = Some(Noisy("r"));
    if let Some(ref x) = r {
        log(format!("ref {}", x.0));
    }
    let Some(_) = Some(Noisy("temporary")) else { return };
    yield_!(1);
    log("end");
}

#[test]
fn matching_without_binding_by_value_keeps_the_local() {
    let before = ["some", "matched", "ref r", "drop temporary", "yield 1"];
    let mut suspended = strs(&before);
    suspended.extend(strs(&["drop gen", "drop r", "drop m", "drop o", "drop w"]));
    assert_eq!(resume_then_drop(matched_without_moving(), 1), suspended);
    let mut full = strs(&before);
    full.extend(strs(&["end", "drop r", "drop m", "drop o", "drop w", "complete ()", "drop gen"]));
    assert_eq!(resume_then_drop(matched_without_moving(), 2), full);
}

/// Documented: a destructuring that leaves a part behind counts as a move of the whole local,
/// so the part left behind is dropped at the next `yield_!` (or, as plain Rust does, at the
/// end of the scope). Exactly once either way.
#[coro::coroutine]
fn destructured_with_a_hole() -> impl Generator<Yield = u32, Return = ()> {
    let pair = (Noisy("a"), Noisy("b"));
    let (a, _) = pair;
    yield_!(1);
    drop(a);
    log("end");
}

#[test]
fn a_part_left_by_a_destructuring_is_dropped_once() {
    let plain = ["yield 1", "drop a", "end", "drop b", "complete ()", "drop gen"];
    let at_yield = ["drop b", "yield 1", "drop a", "end", "complete ()", "drop gen"];
    assert_plain_or_at_yield(resume_then_drop(destructured_with_a_hole(), 2), &plain, &at_yield);
}

// ---------------------------------------------------------------------------------------------
// Parameters.

#[coro::coroutine]
fn with_params(_p: Noisy, _q: Noisy) -> impl Generator<Yield = u32, Return = ()> {
    let _l = Noisy("l");
    yield_!(1);
    log("end");
}

#[test]
fn parameters_dropped_like_a_plain_fn() {
    // Not started: the parameters, in reverse declaration order (as a plain fn drops them).
    assert_eq!(resume_then_drop(with_params(Noisy("p"), Noisy("q")), 0), ["drop gen", "drop q", "drop p"]);
    assert_eq!(
        resume_then_drop(with_params(Noisy("p"), Noisy("q")), 1),
        ["yield 1", "drop gen", "drop l", "drop q", "drop p"]
    );
    assert_eq!(
        resume_then_drop(with_params(Noisy("p"), Noisy("q")), 2),
        ["yield 1", "end", "drop l", "drop q", "drop p", "complete ()", "drop gen"]
    );
}

#[coro::coroutine]
fn wild_param(_keep: Noisy, _: Noisy, (a, _): (Noisy, Noisy)) -> impl Generator<Yield = &'static str, Return = ()> {
    yield_!(a.0);
    log("end");
}

/// A parameter matched by `_` is owned by the fn to its end, like any other parameter; the `_`
/// part of a parameter's pattern is kept too (dropped just before the named part: README).
#[test]
fn parameters_matched_by_wildcards_live_to_the_end() {
    let args = || (Noisy("keep"), Noisy("wild"), (Noisy("a"), Noisy("rest")));
    let (k, w, pair) = args();
    assert_eq!(resume_then_drop(wild_param(k, w, pair), 0), ["drop gen", "drop rest", "drop a", "drop wild", "drop keep"]);
    let (k, w, pair) = args();
    assert_eq!(
        resume_then_drop(wild_param(k, w, pair), 2),
        ["yield \"a\"", "end", "drop rest", "drop a", "drop wild", "drop keep", "complete ()", "drop gen"]
    );
}

#[coro::coroutine]
fn used_param(p: Noisy) -> impl Generator<Yield = &'static str, Return = ()> {
    log("start");
    yield_!(p.0);
    consume(p);
    yield_!("after");
}

#[test]
fn parameter_moved_in_the_body_is_not_dropped_again() {
    assert_eq!(resume_then_drop(used_param(Noisy("p")), 0), ["drop gen", "drop p"]);
    assert_eq!(resume_then_drop(used_param(Noisy("p")), 1), ["start", "yield \"p\"", "drop gen", "drop p"]);
    assert_eq!(
        resume_then_drop(used_param(Noisy("p")), 2),
        ["start", "yield \"p\"", "consumed p", "drop p", "yield \"after\"", "drop gen"]
    );
    assert_eq!(
        resume_then_drop(used_param(Noisy("p")), 3),
        ["start", "yield \"p\"", "consumed p", "drop p", "yield \"after\"", "complete ()", "drop gen"]
    );
}

// ---------------------------------------------------------------------------------------------
// Nested scopes, loops, match arms, if let, while let.

#[coro::coroutine]
fn nested(pick: u32) -> impl Generator<Yield = u32, Return = ()> {
    let _outer = Noisy("outer");
    {
        let _block = Noisy("block");
        yield_!(1);
    }
    log("after block");
    for i in 0..2u32 {
        let _body = Noisy(if i == 0 { "body0" } else { "body1" });
        yield_!(10 + i);
    }
    log("after for");
    match pick {
        0 => {
            let _arm = Noisy("arm0");
            yield_!(20);
        }
        _ => {
            let _arm = Noisy("arm1");
            yield_!(21);
        }
    }
    log("after match");
    if let Some(_x) = Some(Noisy("iflet")) {
        yield_!(30);
    }
    log("after if let");
    let mut stack = vec![Noisy("w1"), Noisy("w2")];
    while let Some(_item) = stack.pop() {
        yield_!(40);
    }
    log("end");
}

#[test]
fn locals_in_nested_scopes_dropped_at_each_suspension_point() {
    let full = [
        "yield 1",
        "drop block",
        "after block",
        "yield 10",
        "drop body0",
        "yield 11",
        "drop body1",
        "after for",
        "yield 20",
        "drop arm0",
        "after match",
        "yield 30",
        "drop iflet",
        "after if let",
        "yield 40",
        "drop w2",
        "yield 40",
        "drop w1",
        "end",
        "drop outer",
        "complete ()",
    ];
    let tails: [&[&str]; 8] = [
        &[],
        &["drop block", "drop outer"],
        &["drop body0", "drop outer"],
        &["drop body1", "drop outer"],
        &["drop arm0", "drop outer"],
        &["drop iflet", "drop outer"],
        // `_item` (w2) was declared after `stack` (still holding w1).
        &["drop w2", "drop w1", "drop outer"],
        &["drop w1", "drop outer"],
    ];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(nested(0), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(nested(0), 8), all);

    let other = resume_then_drop(nested(1), 4);
    assert_eq!(&other[7..], ["after for", "yield 21", "drop gen", "drop arm1", "drop outer"]);
}

#[coro::coroutine]
fn loop_bodies() -> impl Generator<Yield = u32, Return = u32> {
    let _a = Noisy("a");
    let mut n = 0;
    let r = loop {
        let _b = Noisy("b");
        n += 1;
        if n == 3 {
            log("break");
            break n * 10;
        }
        let _c = Noisy("c");
        yield_!(n);
    };
    log("after loop");
    r
}

#[test]
fn loop_body_locals_dropped_each_iteration_and_at_break() {
    let full = [
        "yield 1",
        "drop c",
        "drop b",
        "yield 2",
        "drop c",
        "drop b",
        "break",
        "drop b",
        "after loop",
        "drop a",
        "complete 30",
    ];
    let tails: [&[&str]; 3] = [&[], &["drop c", "drop b", "drop a"], &["drop c", "drop b", "drop a"]];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(loop_bodies(), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(loop_bodies(), 3), all);
}

#[coro::coroutine]
fn match_on_owned(v: Option<Noisy>) -> impl Generator<Yield = &'static str, Return = ()> {
    match v {
        Some(n) => {
            yield_!(n.0);
            log("some arm end");
        }
        None => {
            yield_!("none");
        }
    }
    log("end");
}

#[test]
fn match_arm_binding_held_across_yield() {
    assert_eq!(resume_then_drop(match_on_owned(Some(Noisy("m"))), 0), ["drop gen", "drop m"]);
    assert_eq!(resume_then_drop(match_on_owned(Some(Noisy("m"))), 1), ["yield \"m\"", "drop gen", "drop m"]);
    assert_eq!(
        resume_then_drop(match_on_owned(Some(Noisy("m"))), 2),
        ["yield \"m\"", "some arm end", "drop m", "end", "complete ()", "drop gen"]
    );
    assert_eq!(resume_then_drop(match_on_owned(None), 2), ["yield \"none\"", "end", "complete ()", "drop gen"]);
}

// ---------------------------------------------------------------------------------------------
// RAII guards.

#[coro::coroutine]
fn guard_scope() -> impl Generator<Yield = u32, Return = ()> {
    log("start");
    {
        let _g = Noisy("g");
        yield_!(1);
        log("between");
        yield_!(2);
        log("scope end");
    }
    log("after scope");
    yield_!(3);
    log("end");
}

#[test]
fn guard_lives_to_the_end_of_its_scope_across_yields() {
    let full = [
        "start",
        "yield 1",
        "between",
        "yield 2",
        "scope end",
        "drop g",
        "after scope",
        "yield 3",
        "end",
        "complete ()",
    ];
    let tails: [&[&str]; 4] = [&[], &["drop g"], &["drop g"], &[]];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(guard_scope(), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(guard_scope(), 4), all);
}

#[coro::coroutine]
fn guard_over_loop() -> impl Generator<Yield = u32, Return = ()> {
    let _g = Noisy("g");
    let _ = Noisy("underscore");
    log("after underscore");
    for i in 0..3 {
        yield_!(i);
    }
    log("end");
}

#[test]
fn guard_lives_across_a_loop_and_underscore_drops_at_once() {
    assert_eq!(
        resume_then_drop(guard_over_loop(), 4),
        [
            "drop underscore",
            "after underscore",
            "yield 0",
            "yield 1",
            "yield 2",
            "end",
            "drop g",
            "complete ()",
            "drop gen"
        ]
    );
    assert_eq!(
        resume_then_drop(guard_over_loop(), 2),
        ["drop underscore", "after underscore", "yield 0", "yield 1", "drop gen", "drop g"]
    );
}

// ---------------------------------------------------------------------------------------------
// Moves.

fn consume_all(v: Vec<Noisy>) {
    for n in v {
        consume(n);
    }
}

#[coro::coroutine]
fn moves() -> impl Generator<Yield = u32, Return = ()> {
    let a = Noisy("a");
    let b = Noisy("b");
    consume(a);
    yield_!(1);
    let v = vec![b, Noisy("c")];
    yield_!(2);
    let w = v;
    yield_!(3);
    consume_all(w);
    yield_!(4);
    log("end");
}

#[test]
fn values_moved_before_a_yield_are_not_dropped_again() {
    let full = [
        "consumed a",
        "drop a",
        "yield 1",
        "yield 2",
        "yield 3",
        "consumed b",
        "drop b",
        "consumed c",
        "drop c",
        "yield 4",
        "end",
        "complete ()",
    ];
    let tails: [&[&str]; 5] = [&[], &["drop b"], &["drop b", "drop c"], &["drop b", "drop c"], &[]];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(moves(), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(moves(), 5), all);
}

#[coro::coroutine]
fn yields_owned() -> impl Generator<Yield = Noisy, Return = Noisy> {
    let a = Noisy("a");
    let _keep = Noisy("keep");
    yield_!(a);
    yield_!(Noisy("temp"));
    Noisy("ret")
}

#[test]
fn values_yielded_and_returned_are_owned_by_the_caller() {
    take_log();
    let mut g = yields_owned();
    let first = g.resume(());
    assert_eq!(take_log(), Vec::<String>::new());
    drop(first);
    assert_eq!(take_log(), ["drop a"]);
    let second = g.resume(());
    assert_eq!(take_log(), Vec::<String>::new());
    let third = g.resume(());
    assert_eq!(take_log(), ["drop keep"]);
    drop(second);
    drop(third);
    drop(g);
    assert_eq!(take_log(), ["drop temp", "drop ret"]);
}

#[coro::coroutine]
fn reassigned() -> impl Generator<Yield = &'static str, Return = ()> {
    let mut x = Noisy("x1");
    yield_!("one");
    x = Noisy("x2");
    log("assigned");
    yield_!("two");
    log(format!("end {}", x.0));
}

#[test]
fn reassignment_drops_the_old_value_once() {
    let full = ["yield \"one\"", "drop x1", "assigned", "yield \"two\"", "end x2", "drop x2", "complete ()"];
    let tails: [&[&str]; 3] = [&[], &["drop x1"], &["drop x2"]];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(reassigned(), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
}

#[allow(clippy::needless_late_init)]
#[coro::coroutine]
fn deferred_init(flag: bool) -> impl Generator<Yield = u32, Return = ()> {
    let _x;
    if flag {
        _x = Noisy("t");
    } else {
        _x = Noisy("f");
    }
    yield_!(1);
    log("end");
}

#[test]
fn deferred_initialisation_on_every_path_lives_to_scope_end() {
    assert_eq!(resume_then_drop(deferred_init(true), 1), ["yield 1", "drop gen", "drop t"]);
    assert_eq!(resume_then_drop(deferred_init(false), 2), ["yield 1", "end", "drop f", "complete ()", "drop gen"]);
}

// A binding moved on some paths only may be uninitialised at the yield, so the macro cannot keep
// it in the state: when it was not moved, it is dropped at the suspension point (plain Rust
// would drop it at the end of its scope). Either way: exactly once.
#[coro::coroutine]
fn maybe_moved(flag: bool) -> impl Generator<Yield = u32, Return = ()> {
    let a = Noisy("a");
    if flag {
        consume(a);
    }
    log("before yield");
    yield_!(1);
    log("end");
}

#[test]
fn conditionally_moved_binding_is_dropped_once() {
    assert_eq!(
        resume_then_drop(maybe_moved(true), 2),
        ["consumed a", "drop a", "before yield", "yield 1", "end", "complete ()", "drop gen"]
    );
    assert_plain_or_at_yield(
        resume_then_drop(maybe_moved(false), 2),
        &["before yield", "yield 1", "end", "drop a", "complete ()", "drop gen"],
        &["before yield", "drop a", "yield 1", "end", "complete ()", "drop gen"],
    );
    assert_plain_or_at_yield(
        resume_then_drop(maybe_moved(false), 1),
        &["before yield", "yield 1", "drop gen", "drop a"],
        &["before yield", "drop a", "yield 1", "drop gen"],
    );
}

// ---------------------------------------------------------------------------------------------
// `for` loops keep their iterator.

#[coro::coroutine]
fn each(items: Vec<Noisy>) -> impl Generator<Yield = &'static str, Return = ()> {
    let _before = Noisy("before");
    for item in items {
        yield_!(item.0);
    }
    let _after = Noisy("after");
    yield_!("done");
    log("end");
}

fn three() -> Vec<Noisy> {
    vec![Noisy("v0"), Noisy("v1"), Noisy("v2")]
}

#[test]
fn for_iterator_dropped_mid_iteration_drops_the_remaining_items_once() {
    let full = [
        "yield \"v0\"",
        "drop v0",
        "yield \"v1\"",
        "drop v1",
        "yield \"v2\"",
        "drop v2",
        "yield \"done\"",
        "end",
        "drop after",
        "drop before",
        "complete ()",
    ];
    let tails: [&[&str]; 5] = [
        &["drop v0", "drop v1", "drop v2"],
        // The current item (declared last) first, then the iterator's remaining items.
        &["drop v0", "drop v1", "drop v2", "drop before"],
        &["drop v1", "drop v2", "drop before"],
        &["drop v2", "drop before"],
        &["drop after", "drop before"],
    ];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(each(three()), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(each(three()), 5), all);
}

#[coro::coroutine]
fn each_until(items: Vec<Noisy>, stop: &'static str) -> impl Generator<Yield = &'static str, Return = ()> {
    for item in items {
        if item.0 == stop {
            log("break");
            break;
        }
        yield_!(item.0);
    }
    log("after loop");
    yield_!("after");
}

#[test]
fn break_out_of_for_drops_the_item_then_the_iterator() {
    assert_eq!(
        resume_then_drop(each_until(three(), "v1"), 2),
        ["yield \"v0\"", "drop v0", "break", "drop v1", "drop v2", "after loop", "yield \"after\"", "drop gen"]
    );
}

#[coro::coroutine]
fn enumerate_pairs(items: Vec<Noisy>) -> impl Generator<Yield = usize, Return = ()> {
    for (i, _item) in items.into_iter().enumerate() {
        yield_!(i);
    }
}

#[test]
fn for_over_adapter_with_pattern_binding() {
    assert_eq!(resume_then_drop(enumerate_pairs(three()), 1), ["yield 0", "drop gen", "drop v0", "drop v1", "drop v2"]);
    assert_eq!(
        resume_then_drop(enumerate_pairs(three()), 4),
        ["yield 0", "drop v0", "yield 1", "drop v1", "yield 2", "drop v2", "complete ()", "drop gen"]
    );
}

// ---------------------------------------------------------------------------------------------
// Early exits.

#[coro::coroutine]
fn early_return(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    let _a = Noisy("a");
    for i in 0..10 {
        let _b = Noisy("b");
        if i == n {
            log("returning");
            return i;
        }
        yield_!(i);
    }
    99
}

#[test]
fn return_from_a_nested_scope_drops_inner_then_outer() {
    assert_eq!(
        resume_then_drop(early_return(1), 2),
        ["yield 0", "drop b", "returning", "drop b", "drop a", "complete 1", "drop gen"]
    );
}

#[coro::coroutine]
fn question(input: Vec<&'static str>) -> impl Generator<Yield = u32, Return = Option<u32>> {
    let _a = Noisy("a");
    let mut sum = 0;
    for s in input {
        let _b = Noisy("b");
        let n: u32 = s.parse().ok()?;
        sum += n;
        yield_!(sum);
    }
    Some(sum)
}

#[test]
fn question_mark_drops_the_live_locals() {
    assert_eq!(
        resume_then_drop(question(vec!["1", "x", "3"]), 2),
        ["yield 1", "drop b", "drop b", "drop a", "complete None", "drop gen"]
    );
    assert_eq!(
        resume_then_drop(question(vec!["1", "2"]), 3),
        ["yield 1", "drop b", "yield 3", "drop b", "drop a", "complete Some(3)", "drop gen"]
    );
}

// ---------------------------------------------------------------------------------------------
// Resume values.

#[coro::coroutine]
fn sink() -> impl Generator<Noisy, Yield = u32, Return = ()> {
    log("body start");
    let a = yield_!(1);
    log(format!("got {}", a.0));
    yield_!(2);
    log("after discard");
    let _ = yield_!(3);
    log("after let _");
    let b = yield_!(4);
    log(format!("got {}", b.0));
}

fn send<G: Generator<Noisy>>(g: &mut G, name: &'static str)
where
    G::Yield: std::fmt::Debug,
    G::Return: std::fmt::Debug,
{
    log(format!("send {name}"));
    match g.resume(Noisy(name)) {
        GeneratorState::Yielded(y) => log(format!("yield {y:?}")),
        GeneratorState::Complete(r) => log(format!("complete {r:?}")),
    }
}

#[test]
fn resume_values_of_a_drop_type() {
    take_log();
    let mut g = sink();
    send(&mut g, "p");
    send(&mut g, "r1");
    send(&mut g, "r2");
    send(&mut g, "r3");
    send(&mut g, "r4");
    drop(g);
    assert_eq!(
        take_log(),
        [
            // The priming value is dropped before the body starts.
            "send p",
            "drop p",
            "body start",
            "yield 1",
            "send r1",
            "got r1",
            "yield 2",
            // A statement `yield_!(..);` drops its resume value at once.
            "send r2",
            "drop r2",
            "after discard",
            "yield 3",
            // So does `let _ = yield_!(..);`.
            "send r3",
            "drop r3",
            "after let _",
            "yield 4",
            "send r4",
            "got r4",
            "drop r4",
            "drop r1",
            "complete ()",
        ]
    );
}

#[test]
fn bound_resume_value_dropped_with_a_suspended_generator() {
    take_log();
    let mut g = sink();
    send(&mut g, "p");
    send(&mut g, "r1");
    log("drop gen");
    drop(g);
    assert_eq!(
        take_log(),
        ["send p", "drop p", "body start", "yield 1", "send r1", "got r1", "yield 2", "drop gen", "drop r1"]
    );
}

#[coro::coroutine]
fn replace_current() -> impl Generator<Noisy, Yield = &'static str, Return = &'static str> {
    let mut cur = Noisy("init");
    for _ in 0..2 {
        cur = yield_!(cur.0);
    }
    cur.0
}

#[test]
fn resume_value_assigned_over_a_local_drops_the_old_value() {
    take_log();
    let mut g = replace_current();
    send(&mut g, "p");
    send(&mut g, "n1");
    send(&mut g, "n2");
    // `cur`'s old value is dead once its field is read for the yield: plain Rust drops it at the
    // assignment (after the resume); the macro may drop it at the yield.
    assert_plain_or_at_yield(
        take_log(),
        &[
            "send p",
            "drop p",
            "yield \"init\"",
            "send n1",
            "drop init",
            "yield \"n1\"",
            "send n2",
            "drop n1",
            "drop n2",
            "complete \"n2\"",
        ],
        &[
            "send p",
            "drop p",
            "drop init",
            "yield \"init\"",
            "send n1",
            "drop n1",
            "yield \"n1\"",
            "send n2",
            "drop n2",
            "complete \"n2\"",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Delegation.

#[coro::coroutine]
fn delegate_inner() -> impl Generator<Yield = u32, Return = u32> {
    let _i = Noisy("inner");
    yield_!(1);
    yield_!(2);
    7
}

#[coro::coroutine]
fn delegate_outer() -> impl Generator<Yield = u32, Return = ()> {
    let _o = Noisy("outer");
    let r = yield_from!(delegate_inner());
    log("delegated");
    yield_!(r);
    log("end");
}

#[test]
fn delegate_dropped_when_the_outer_is_dropped_mid_delegation() {
    let full = ["yield 1", "yield 2", "drop inner", "delegated", "yield 7", "end", "drop outer", "complete ()"];
    let tails: [&[&str]; 4] = [&[], &["drop inner", "drop outer"], &["drop inner", "drop outer"], &["drop outer"]];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(delegate_outer(), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(delegate_outer(), 4), all);
}

#[coro::coroutine]
fn level3() -> impl Generator<Yield = u32, Return = ()> {
    let _c = Noisy("c");
    yield_!(3);
}

#[coro::coroutine]
fn level2() -> impl Generator<Yield = u32, Return = ()> {
    let _b = Noisy("b");
    yield_from!(level3());
}

#[coro::coroutine]
fn level1() -> impl Generator<Yield = u32, Return = ()> {
    let _a = Noisy("a");
    yield_from!(level2());
}

#[test]
fn nested_delegates_dropped_innermost_first() {
    assert_eq!(resume_then_drop(level1(), 1), ["yield 3", "drop gen", "drop c", "drop b", "drop a"]);
    assert_eq!(resume_then_drop(level1(), 2), ["yield 3", "drop c", "drop b", "drop a", "complete ()", "drop gen"]);
}

/// A resume value with a `Default`, for delegation with a resume type other than `()`.
#[derive(Debug)]
struct Msg(&'static str);

impl Default for Msg {
    fn default() -> Self {
        Msg("default")
    }
}

impl Drop for Msg {
    fn drop(&mut self) {
        log(format!("drop msg {}", self.0));
    }
}

#[coro::coroutine]
fn msg_inner() -> impl Generator<Msg, Yield = u32, Return = &'static str> {
    let a = yield_!(1);
    log(format!("inner got {}", a.0));
    a.0
}

#[coro::coroutine]
fn msg_outer() -> impl Generator<Msg, Yield = u32, Return = &'static str> {
    let r = yield_from!(msg_inner());
    let b = yield_!(2);
    log(format!("outer got {}", b.0));
    r
}

#[test]
fn delegation_primes_the_delegate_with_default_and_forwards_resume_values() {
    take_log();
    let mut g = msg_outer();
    let mut step = |name: &'static str| {
        log(format!("send {name}"));
        match g.resume(Msg(name)) {
            GeneratorState::Yielded(y) => log(format!("yield {y}")),
            GeneratorState::Complete(r) => log(format!("complete {r}")),
        }
    };
    step("p");
    step("m1");
    step("m2");
    assert_eq!(
        take_log(),
        [
            "send p",
            "drop msg p",
            "drop msg default",
            "yield 1",
            "send m1",
            "inner got m1",
            "drop msg m1",
            "yield 2",
            "send m2",
            "outer got m2",
            "drop msg m2",
            "complete m1",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Shadowing.

// A binding hidden by a later `let` of the same name still lives to the end of its scope, as in
// plain Rust (`first` is dropped after `second`). An earlier version of the macro dropped the
// hidden binding at the next yield instead.
#[coro::coroutine]
fn shadowed_guard() -> impl Generator<Yield = u32, Return = ()> {
    let _g = Noisy("first");
    log("a");
    let _g = Noisy("second");
    log("b");
    yield_!(1);
    log("c");
    yield_!(2);
    log("end");
}

#[test]
fn shadowed_binding_in_the_same_scope_lives_to_scope_end() {
    assert_eq!(
        resume_then_drop(shadowed_guard(), 3),
        ["a", "b", "yield 1", "c", "yield 2", "end", "drop second", "drop first", "complete ()", "drop gen"]
    );
    assert_eq!(resume_then_drop(shadowed_guard(), 1), ["a", "b", "yield 1", "drop gen", "drop second", "drop first"]);
}

#[coro::coroutine]
fn shadowed_three_times() -> impl Generator<Yield = &'static str, Return = ()> {
    let x = Noisy("x1");
    yield_!(x.0);
    let x = Noisy("x2");
    yield_!(x.0);
    let x = Noisy("x3");
    yield_!(x.0);
    log(format!("end {}", x.0));
}

#[test]
fn binding_shadowed_three_times_drops_in_reverse_order() {
    let full = [
        "yield \"x1\"",
        "yield \"x2\"",
        "yield \"x3\"",
        "end x3",
        "drop x3",
        "drop x2",
        "drop x1",
        "complete ()",
    ];
    let tails: [&[&str]; 4] =
        [&[], &["drop x1"], &["drop x2", "drop x1"], &["drop x3", "drop x2", "drop x1"]];
    for (k, tail) in tails.iter().enumerate() {
        assert_eq!(resume_then_drop(shadowed_three_times(), k), expected_at(&full, k, tail), "dropped after {k} resumes");
    }
    let mut all = strs(&full);
    all.push("drop gen".into());
    assert_eq!(resume_then_drop(shadowed_three_times(), 4), all);
}

#[coro::coroutine]
fn shadow_by_move() -> impl Generator<Yield = &'static str, Return = ()> {
    let s = Noisy("s1");
    let s = (s, Noisy("s2"));
    yield_!(s.0 .0);
    yield_!(s.1 .0);
}

#[test]
fn shadowing_binding_that_moves_the_old_one_drops_nothing_early() {
    assert_eq!(resume_then_drop(shadow_by_move(), 1), ["yield \"s1\"", "drop gen", "drop s1", "drop s2"]);
    assert_eq!(
        resume_then_drop(shadow_by_move(), 3),
        ["yield \"s1\"", "yield \"s2\"", "drop s1", "drop s2", "complete ()", "drop gen"]
    );
}

// An outer guard hidden inside a nested block by a binding of the same name, and never
// mentioned again. Plain Rust keeps it until the end of the outer scope.
#[coro::coroutine]
fn nested_shadow_guard() -> impl Generator<Yield = u32, Return = ()> {
    let _g = Noisy("outer");
    {
        let _g = Noisy("inner");
        yield_!(1);
        log("inner scope end");
    }
    yield_!(2);
    log("end");
}

#[test]
fn guard_hidden_in_a_nested_scope_lives_to_its_scope_end() {
    assert_eq!(
        resume_then_drop(nested_shadow_guard(), 3),
        ["yield 1", "inner scope end", "drop inner", "yield 2", "end", "drop outer", "complete ()", "drop gen"]
    );
    assert_eq!(resume_then_drop(nested_shadow_guard(), 1), ["yield 1", "drop gen", "drop inner", "drop outer"]);
}

#[coro::coroutine]
fn nested_shadow() -> impl Generator<Yield = &'static str, Return = ()> {
    let g = Noisy("outer");
    {
        let g = Noisy("inner");
        yield_!(g.0);
        log(format!("inner scope end {}", g.0));
    }
    yield_!(g.0);
    log(format!("end {g:?}"));
}

#[test]
fn shadowing_in_a_nested_scope_keeps_the_outer_binding() {
    assert_eq!(
        resume_then_drop(nested_shadow(), 3),
        [
            "yield \"inner\"",
            "inner scope end inner",
            "drop inner",
            "yield \"outer\"",
            "end Noisy(\"outer\")",
            "drop outer",
            "complete ()",
            "drop gen"
        ]
    );
    assert_eq!(resume_then_drop(nested_shadow(), 1), ["yield \"inner\"", "drop gen", "drop inner", "drop outer"]);
}

#[coro::coroutine]
fn shadow_in_loop_and_arm() -> impl Generator<Yield = &'static str, Return = ()> {
    let v = Noisy("outer");
    for i in 0..2 {
        let v = Noisy(if i == 0 { "loop0" } else { "loop1" });
        yield_!(v.0);
    }
    match Some(Noisy("arm")) {
        Some(v) => {
            yield_!(v.0);
        }
        None => {}
    }
    yield_!(v.0);
}

#[test]
fn shadowing_in_loop_bodies_and_match_arms() {
    assert_eq!(
        resume_then_drop(shadow_in_loop_and_arm(), 5),
        [
            "yield \"loop0\"",
            "drop loop0",
            "yield \"loop1\"",
            "drop loop1",
            "yield \"arm\"",
            "drop arm",
            "yield \"outer\"",
            "drop outer",
            "complete ()",
            "drop gen"
        ]
    );
    assert_eq!(resume_then_drop(shadow_in_loop_and_arm(), 2), ["yield \"loop0\"", "drop loop0", "yield \"loop1\"", "drop gen", "drop loop1", "drop outer"]);
    assert_eq!(resume_then_drop(shadow_in_loop_and_arm(), 3)[4..], ["yield \"arm\"", "drop gen", "drop arm", "drop outer"]);
}

#[coro::coroutine]
fn shadowed_param(p: Noisy) -> impl Generator<Yield = &'static str, Return = ()> {
    yield_!(p.0);
    let p = Noisy("local p");
    yield_!(p.0);
    log("end");
}

#[test]
fn parameter_shadowed_by_a_local_lives_to_the_end() {
    assert_eq!(
        resume_then_drop(shadowed_param(Noisy("param p")), 3),
        ["yield \"param p\"", "yield \"local p\"", "end", "drop local p", "drop param p", "complete ()", "drop gen"]
    );
    assert_eq!(
        resume_then_drop(shadowed_param(Noisy("param p")), 2),
        ["yield \"param p\"", "yield \"local p\"", "drop gen", "drop local p", "drop param p"]
    );
}

// ---------------------------------------------------------------------------------------------
// Completion by falling off the end of the body.

#[coro::coroutine]
fn ends_with_statement() -> impl Generator<Yield = u32, Return = ()> {
    let _a = Noisy("a");
    yield_!(1);
    log("end");
}

#[coro::coroutine]
fn ends_with_yield() -> impl Generator<Yield = u32, Return = ()> {
    let _a = Noisy("a");
    yield_!(1);
}

#[test]
fn falling_off_the_end_completes_and_drops_once() {
    assert_eq!(resume_then_drop(ends_with_statement(), 2), ["yield 1", "end", "drop a", "complete ()", "drop gen"]);
    assert_eq!(resume_then_drop(ends_with_yield(), 2), ["yield 1", "drop a", "complete ()", "drop gen"]);
}

// ---------------------------------------------------------------------------------------------
// The saved-locals rule for mentions the macro cannot prove to be borrows.

impl Noisy {
    fn describe(&self) -> String {
        format!("describe {}", self.0)
    }
}

fn describe_ref(n: &Noisy) -> String {
    format!("describe_ref {}", n.0)
}

// `describe_ref(&x)` borrows `x`, and `y.describe()` is a method call (which the macro takes to
// borrow its receiver unless the method conventionally consumes `self`): both stay owned and
// live to the end of their scope, as in plain Rust.
#[coro::coroutine]
fn mention_kinds() -> impl Generator<Yield = u32, Return = ()> {
    let x = Noisy("x");
    let y = Noisy("y");
    log(describe_ref(&x));
    log(y.describe());
    yield_!(1);
    log("end");
}

#[test]
fn borrowed_bindings_live_to_the_end_of_their_scope() {
    assert_eq!(
        resume_then_drop(mention_kinds(), 2),
        ["describe_ref x", "describe y", "yield 1", "end", "drop y", "drop x", "complete ()", "drop gen"]
    );
    assert_eq!(
        resume_then_drop(mention_kinds(), 1),
        ["describe_ref x", "describe y", "yield 1", "drop gen", "drop y", "drop x"]
    );
}

// A conventionally consuming method (`into_*`) moves the receiver: dropped once, by the callee.
#[coro::coroutine]
fn consumed_by_method() -> impl Generator<Yield = usize, Return = ()> {
    let v = vec![Noisy("e0"), Noisy("e1")];
    let _g = Noisy("g");
    let mut it = v.into_iter();
    yield_!(it.len());
    drop(it.next());
    yield_!(it.len());
    log("end");
}

#[test]
fn consuming_method_moves_the_receiver() {
    assert_eq!(resume_then_drop(consumed_by_method(), 1), ["yield 2", "drop gen", "drop e0", "drop e1", "drop g"]);
    assert_eq!(
        resume_then_drop(consumed_by_method(), 3),
        ["yield 2", "drop e0", "yield 1", "end", "drop e1", "drop g", "complete ()", "drop gen"]
    );
}

// `move || n.0` copies only the field `n.0` (edition 2021 precise capture): `n` itself stays in
// the body. The macro counts a mention inside a closure as a possible move, so it may drop `n`
// at the first yield; plain Rust keeps it to the end of the scope.
#[coro::coroutine]
fn closure_copies_field() -> impl Generator<Yield = &'static str, Return = ()> {
    let n = Noisy("cap");
    let f = move || n.0;
    yield_!(f());
    yield_!(f());
    log("end");
}

#[test]
fn binding_mentioned_in_a_closure_is_dropped_once() {
    assert_plain_or_at_yield(
        resume_then_drop(closure_copies_field(), 1),
        &["yield \"cap\"", "drop gen", "drop cap"],
        &["drop cap", "yield \"cap\"", "drop gen"],
    );
    assert_plain_or_at_yield(
        resume_then_drop(closure_copies_field(), 3),
        &["yield \"cap\"", "yield \"cap\"", "end", "drop cap", "complete ()", "drop gen"],
        &["drop cap", "yield \"cap\"", "yield \"cap\"", "end", "complete ()", "drop gen"],
    );
}

#[coro::coroutine]
fn closure_owner() -> impl Generator<Yield = &'static str, Return = ()> {
    let n = Noisy("owned");
    let f = move || {
        let r = &n;
        r.0
    };
    yield_!(f());
    yield_!(f());
    log("end");
}

#[test]
fn closure_owning_a_drop_value_is_kept_then_dropped_once() {
    // Kept while it is still called; after its last call it may be dropped at the yield (a
    // call may consume an `FnOnce`) or at the end of its scope.
    assert_eq!(resume_then_drop(closure_owner(), 1), ["yield \"owned\"", "drop gen", "drop owned"]);
    assert_plain_or_at_yield(
        resume_then_drop(closure_owner(), 3),
        &["yield \"owned\"", "yield \"owned\"", "end", "drop owned", "complete ()", "drop gen"],
        &["yield \"owned\"", "drop owned", "yield \"owned\"", "end", "complete ()", "drop gen"],
    );
}

// A method the macro does not know to consume `self` (`close_now(self)`) is taken to borrow
// its receiver, so the macro keeps the (already moved) binding across the yield and rustc
// rejects valid code: E0382 "use of moved value: `y`" at the `let`, with "inside of this loop"
// at the attribute. Compiled only with `RUSTFLAGS="--cfg coro_bug_consuming_method"`.
#[cfg(coro_bug_consuming_method)]
mod consuming_method_bug {
    use super::*;

    impl Noisy {
        fn close_now(self) -> &'static str {
            self.0
        }
    }

    #[coro::coroutine]
    fn consumes_by_method() -> impl Generator<Yield = u32, Return = ()> {
        let y = Noisy("y");
        log(y.close_now());
        yield_!(1);
        log("end");
    }

    #[test]
    fn unknown_consuming_method_before_a_yield() {
        assert_eq!(
            resume_then_drop(consumes_by_method(), 2),
            ["drop y", "y", "yield 1", "end", "complete ()", "drop gen"]
        );
    }
}

#[coro::coroutine]
fn returns_local() -> impl Generator<Yield = u32, Return = Noisy> {
    let keep = Noisy("returned");
    let _other = Noisy("other");
    yield_!(1);
    keep
}

#[test]
fn returned_local_is_moved_out_not_dropped() {
    take_log();
    let mut g = returns_local();
    assert_eq!(g.resume(()).yielded(), Some(1));
    let r = g.resume(()).complete().expect("complete");
    assert_eq!(take_log(), ["drop other"]);
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
    drop(r);
    assert_eq!(take_log(), ["drop returned"]);
}

// A local moved on some paths only is not kept across a later `yield_!`: where it was not
// moved, it is dropped at the yield (documented in the README), not at the end of its scope.
#[coro::coroutine]
fn moved_in_one_branch(take: bool) -> impl Generator<Yield = u32, Return = ()> {
    let maybe = Noisy("maybe");
    if take {
        drop(maybe);
    }
    log("before yield");
    yield_!(1);
    log("after yield");
}

#[test]
fn a_local_moved_on_some_paths_is_dropped_at_the_next_yield() {
    take_log();
    let mut g = moved_in_one_branch(false);
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
    assert_eq!(take_log(), ["before yield", "drop maybe", "after yield"]);
    let mut g = moved_in_one_branch(true);
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
    assert_eq!(take_log(), ["drop maybe", "before yield", "after yield"]);
}

// ---------------------------------------------------------------------------------------------
// A loop that two resume points reach: their arms share one copy of the loop's code, after the
// dispatch `match` (the start arm keeps its own). Drops, values and poisoning are as inline.

#[coro::coroutine]
fn shared_loop(n: u32, panic_at: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let _outer = Noisy("outer");
    let mut total = 0;
    let mut i = 0;
    while i < n {
        let _round = Noisy("round");
        if i % 2 == 0 {
            total += yield_!(i);
        } else {
            let _odd = Noisy("odd");
            yield_!(i * 10);
            log("after odd");
        }
        if i == panic_at {
            panic!("boom at {i}");
        }
        i += 1;
    }
    log("loop done");
    total
}

#[test]
fn a_shared_loop_keeps_values_and_drop_order() {
    take_log();
    let mut g = shared_loop(3, 99);
    let mut seen = Vec::new();
    let mut input = 0;
    let total = loop {
        match g.resume(input) {
            GeneratorState::Yielded(v) => {
                log(format!("yield {v}"));
                seen.push(v);
            }
            GeneratorState::Complete(r) => break r,
        }
        input += 100;
    };
    assert_eq!((seen, total), (vec![0, 10, 2], 100 + 300));
    let expected = [
        "yield 0", "drop round", "yield 10", "after odd", "drop odd", "drop round", "yield 2", "drop round",
        "loop done", "drop outer",
    ];
    assert_eq!(take_log(), expected);
    // Dropped while suspended inside the loop, at each of the two resume points.
    let suspended_then_dropped = |k: usize| {
        let mut g = shared_loop(3, 99);
        for _ in 0..k {
            let GeneratorState::Yielded(v) = g.resume(1) else { panic!("completed early") };
            log(format!("yield {v}"));
        }
        log("drop gen");
        drop(g);
        take_log()
    };
    assert_eq!(suspended_then_dropped(1), ["yield 0", "drop gen", "drop round", "drop outer"]);
    let at_odd = ["yield 0", "drop round", "yield 10", "drop gen", "drop odd", "drop round", "drop outer"];
    assert_eq!(suspended_then_dropped(2), at_odd);
}

#[test]
fn a_panic_in_a_shared_loop_drops_its_locals_once_and_poisons_the_generator() {
    take_log();
    let mut g = shared_loop(3, 1);
    assert_eq!(g.resume(0), GeneratorState::Yielded(0));
    assert_eq!(g.resume(5), GeneratorState::Yielded(10));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.resume(0)));
    assert!(caught.is_err());
    assert_eq!(take_log(), ["drop round", "after odd", "drop odd", "drop round", "drop outer"]);
    let again = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.resume(0)));
    assert!(again.is_err(), "a poisoned generator panics when resumed");
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[coro::coroutine]
fn calls_its_closure(f: impl Fn() -> usize) -> impl Generator<Yield = usize, Return = ()> {
    yield_!(f());
    log("resumed");
}

/// Calling a closure borrows it: it (and what it captured) lives to the end of the body.
#[test]
fn a_called_closure_lives_to_the_end() {
    let captured = Noisy("captured");
    // Through a reference, so the closure captures the whole `Noisy`, not just its field.
    let g = calls_its_closure(move || {
        let whole = &captured;
        whole.0.len()
    });
    assert_eq!(resume_then_drop(g, 2), ["yield 8", "resumed", "drop captured", "complete ()", "drop gen"]);
}
