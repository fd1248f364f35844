//! Behaviour catalogue: every control-flow construct with `yield_!` inside it.
mod common;

use coro::{yield_, yield_from, Generator, GeneratorState};
use common::{drive, log, run, take_log};

#[coro::coroutine]
fn loop_with_break_value() -> impl Generator<i32, Yield = i32, Return = i32> {
    let mut total = 0;
    let last = loop {
        let v = yield_!(total);
        total += v;
        if v > 2 {
            break v * 10;
        }
    };
    total + last
}

#[test]
fn loop_break_with_value() {
    let mut g = loop_with_break_value();
    assert_eq!(drive(&mut g, [0, 1, 2, 3]), (vec![0, 1, 3], Some(6 + 30)));
}

#[coro::coroutine]
fn for_over_vec(items: Vec<String>) -> impl Generator<Yield = usize, Return = usize> {
    let mut count = 0;
    for s in items {
        yield_!(s.len());
        count += 1;
    }
    count
}

#[test]
fn for_keeps_its_iterator() {
    let g = for_over_vec(vec!["a".into(), "bcd".into(), "ef".into()]);
    assert_eq!(run(g), (vec![1, 3, 2], 3));
}

#[coro::coroutine]
fn labeled() -> impl Iterator<Item = (u32, u32)> {
    'outer: for i in 0..4 {
        for j in 0..3 {
            if j == 2 {
                continue 'outer;
            }
            yield_!((i, j));
            if i == 2 {
                break 'outer;
            }
        }
    }
}

#[test]
fn labeled_break_and_continue() {
    assert_eq!(labeled().collect::<Vec<_>>(), [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0)]);
}

#[coro::coroutine]
fn labeled_break_value() -> impl Generator<Yield = i32, Return = i32> {
    let found = 'search: loop {
        for i in 0.. {
            yield_!(i);
            if i * i > 10 {
                break 'search i * 100;
            }
        }
    };
    found
}

#[test]
fn labeled_break_with_value_out_of_nested_loop() {
    assert_eq!(run(labeled_break_value()), (vec![0, 1, 2, 3, 4], 400));
}

#[coro::coroutine]
fn branches(x: i32) -> impl Generator<Yield = &'static str, Return = i32> {
    let r = if x < 0 {
        yield_!("negative");
        -1
    } else if x == 0 {
        0
    } else {
        yield_!("positive");
        yield_!("still positive");
        1
    };
    if r != 0 {
        yield_!("nonzero");
    }
    r * 2
}

#[test]
fn if_else_chains() {
    assert_eq!(run(branches(-5)), (vec!["negative", "nonzero"], -2));
    assert_eq!(run(branches(0)), (vec![], 0));
    assert_eq!(run(branches(7)), (vec!["positive", "still positive", "nonzero"], 2));
}

#[coro::coroutine]
fn let_forms(mut stack: Vec<Option<i32>>) -> impl Generator<Option<i32>, Yield = i32, Return = i32> {
    let mut sum = 0;
    while let Some(top) = stack.pop() {
        if let Some(v) = top {
            let got = yield_!(v);
            sum += got.unwrap_or(0);
        } else {
            yield_!(-1);
        }
    }
    let Some(extra) = yield_!(100) else {
        return sum;
    };
    sum + extra
}

#[test]
fn while_let_if_let_let_else() {
    let mut g = let_forms(vec![Some(1), None, Some(3)]);
    assert_eq!(drive(&mut g, [None, Some(10), None, Some(20), Some(5)]), (vec![3, -1, 1, 100], Some(35)));
    let mut g = let_forms(vec![]);
    assert_eq!(drive(&mut g, [None, None]), (vec![100], Some(0)));
}

#[derive(Debug, PartialEq)]
enum Cmd {
    Add(i32),
    Twice(i32),
    Stop,
}

#[coro::coroutine]
fn matcher() -> impl Generator<Cmd, Yield = i32, Return = &'static str> {
    let mut acc = 0;
    loop {
        match yield_!(acc) {
            Cmd::Add(n) if n < 0 => acc -= 1,
            Cmd::Add(n) => acc += n,
            Cmd::Twice(n) => {
                let first = yield_!(n);
                acc += n * 2;
                if first == Cmd::Stop {
                    return "stopped inside";
                }
            }
            Cmd::Stop => break,
        }
    }
    "stopped"
}

#[test]
fn match_with_yields_in_scrutinee_and_arms() {
    let mut g = matcher();
    let r = drive(&mut g, [Cmd::Stop, Cmd::Add(2), Cmd::Add(-9), Cmd::Twice(5), Cmd::Add(0), Cmd::Stop]);
    assert_eq!(r, (vec![0, 2, 1, 5, 11], Some("stopped")));
    let mut g = matcher();
    assert_eq!(drive(&mut g, [Cmd::Stop, Cmd::Twice(1), Cmd::Stop]), (vec![0, 1], Some("stopped inside")));
}

#[coro::coroutine]
fn shadowing() -> impl Generator<Yield = String, Return = String> {
    let x = 1;
    let x = x + 1;
    yield_!(format!("{x}"));
    {
        let y = "inner";
        yield_!(y.to_string());
        let z = x * 10;
        yield_!(z.to_string());
    }
    let x = format!("{x}!");
    yield_!(x.clone());
    x
}

#[test]
fn nested_blocks_and_shadowing() {
    assert_eq!(run(shadowing()), (vec!["2".to_string(), "inner".into(), "20".into(), "2!".into()], "2!".to_string()));
}

#[coro::coroutine]
fn question_mark(input: Vec<&'static str>) -> impl Generator<Yield = i32, Return = Result<i32, std::num::ParseIntError>> {
    let mut total = 0;
    for s in input {
        let n: i32 = s.parse()?;
        total += n;
        yield_!(total);
    }
    Ok(total)
}

#[test]
fn question_mark_on_result() {
    assert_eq!(run(question_mark(vec!["1", "2"])), (vec![1, 3], Ok(3)));
    let (ys, r) = run(question_mark(vec!["1", "x", "2"]));
    assert_eq!(ys, [1]);
    assert!(r.is_err());
}

#[coro::coroutine]
fn option_chain(v: Vec<u8>) -> impl Generator<Yield = u8, Return = Option<u8>> {
    let first = *v.first()?;
    yield_!(first);
    let second = *v.get(1)?;
    yield_!(second);
    Some(first + second)
}

#[test]
fn question_mark_on_option() {
    assert_eq!(run(option_chain(vec![1, 2])), (vec![1, 2], Some(3)));
    assert_eq!(run(option_chain(vec![7])), (vec![7], None));
    assert_eq!(run(option_chain(vec![])), (vec![], None));
}

fn traced(name: &'static str, v: i32) -> i32 {
    log(name);
    v
}

fn add3(a: i32, b: i32, c: i32) -> i32 {
    a + b + c
}

#[coro::coroutine]
fn evaluation_order() -> impl Generator<i32, Yield = &'static str, Return = i32> {
    let r = add3(traced("a", 1), yield_!("suspend"), traced("b", 100));
    r
}

#[test]
fn sub_expression_yield_keeps_left_to_right_order() {
    take_log();
    let mut g = evaluation_order();
    assert_eq!(g.resume(0), GeneratorState::Yielded("suspend"));
    assert_eq!(take_log(), ["a"]);
    assert_eq!(g.resume(10), GeneratorState::Complete(111));
    assert_eq!(take_log(), ["b"]);
}

#[derive(Debug, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

#[coro::coroutine]
fn sub_expressions() -> impl Generator<i32, Yield = i32, Return = (Vec<i32>, Point, [i32; 3], i32, bool)> {
    let mut v = Vec::new();
    v.push(yield_!(1));
    let sum = yield_!(2) + yield_!(3) * 2;
    let p = Point { x: yield_!(4), y: sum };
    let arr = [yield_!(5), 0, yield_!(6)];
    let mut acc = 10;
    acc += yield_!(7);
    let short = false && yield_!(8) > 0;
    let (a, b) = (yield_!(9), yield_!(10));
    v.push(a + b);
    (v, p, arr, acc, short)
}

#[test]
fn yields_in_operands_receivers_literals() {
    let mut g = sub_expressions();
    let (ys, r) = drive(&mut g, [0, 100, 3, 4, 50, 7, 8, 5, 20, 30, 0]);
    assert_eq!(ys, [1, 2, 3, 4, 5, 6, 7, 9, 10]);
    assert_eq!(r, Some((vec![100, 20 + 30], Point { x: 50, y: 3 + 4 * 2 }, [7, 0, 8], 15, false)));
}

#[coro::coroutine]
fn countdown(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    for i in (1..=n).rev() {
        yield_!(i);
    }
    n * 10
}

#[coro::coroutine]
fn middle() -> impl Generator<Yield = u32, Return = u32> {
    let a = yield_from!(countdown(2));
    let b = yield_from!(countdown(1));
    a + b
}

#[coro::coroutine]
fn top() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(0);
    let r = yield_from!(middle()) + yield_from!(countdown(0));
    yield_!(r);
    r
}

#[test]
fn nested_and_chained_delegation() {
    assert_eq!(run(top()), (vec![0, 2, 1, 1, 30], 30));
}

#[coro::coroutine]
fn adder() -> impl Generator<i64, Yield = i64, Return = i64> {
    let mut total = 0;
    loop {
        let v = yield_!(total);
        if v < 0 {
            return total;
        }
        total += v;
    }
}

#[coro::coroutine]
fn delegating_sender() -> impl Generator<i64, Yield = i64, Return = i64> {
    let first = yield_from!(adder());
    let second = yield_from!(adder());
    first * 1000 + second
}

#[test]
fn delegation_forwards_sent_values() {
    let mut g = delegating_sender();
    let r = drive(&mut g, [0, 1, 2, -1, 5, -1]);
    assert_eq!(r, (vec![0, 1, 3, 0, 5], Some(3005)));
}

#[coro::coroutine]
fn closures_across_yields(k: i32) -> impl Generator<Yield = i32, Return = i32> {
    let scale = move |x: i32| x * k;
    let offset = |x| x + 1;
    yield_!(scale(1));
    let both = move |x| offset(scale(x));
    yield_!(both(2));
    let items: Vec<i32> = (1..4).map(scale).collect();
    let mut it = items.into_iter().filter(|x| x % 2 == 1);
    while let Some(x) = it.next() {
        yield_!(x);
    }
    both(10)
}

#[test]
fn closures_and_adapters_kept_across_yields() {
    assert_eq!(run(closures_across_yields(3)), (vec![3, 7, 3, 9], 31));
}

#[coro::coroutine]
fn early_return(limit: u32) -> impl Generator<Yield = u32, Return = &'static str> {
    let mut i = 0;
    loop {
        if i == limit {
            return "limit";
        }
        yield_!(i);
        i += 1;
        if i > 100 {
            break;
        }
    }
    "never"
}

#[test]
fn return_inside_loop() {
    assert_eq!(run(early_return(3)), (vec![0, 1, 2], "limit"));
}

#[coro::coroutine]
fn let_else_yielding(input: Option<u8>) -> impl Generator<Yield = &'static str, Return = u8> {
    let Some(mut v) = input else {
        yield_!("missing");
        return 0;
    };
    v += 1;
    yield_!("present");
    v
}

#[test]
fn let_else_with_yield_in_else_block() {
    assert_eq!(run(let_else_yielding(None)), (vec!["missing"], 0));
    assert_eq!(run(let_else_yielding(Some(4))), (vec!["present"], 5));
}

#[coro::coroutine]
fn big_buffer(n: usize) -> impl Generator<Yield = u8, Return = usize> {
    let mut buf = [0u8; 4096];
    let mut i = 0;
    while i < n {
        buf[i % 4096] = buf[i % 4096].wrapping_add(3);
        yield_!(buf[i % 4096]);
        i += 1;
    }
    buf.iter().filter(|b| **b != 0).count()
}

#[test]
fn big_array_kept_in_place() {
    let (ys, r) = run(big_buffer(5000));
    assert_eq!(ys.len(), 5000);
    assert_eq!(ys[4095], 3);
    assert_eq!(ys[4096], 6);
    assert_eq!(r, 4096);
    // The machine holds the buffer once, not once per state.
    assert!(std::mem::size_of_val(&big_buffer(1)) < 4096 + 64);
}

#[coro::coroutine]
fn inner_scope_shadowing() -> impl Generator<Yield = String, Return = String> {
    let x = 1;
    let x = x + 1;
    {
        let x = x * 10;
        yield_!(format!("{x}"));
        yield_!(x.to_string());
    }
    for x in [7, 8] {
        yield_!(format!("{}", x));
    }
    let label = "outer";
    if let Some(label) = Some(label.len()) {
        yield_!(format!("{label}"));
    }
    format!("{x} {label}")
}

#[test]
fn shadowed_bindings_come_back_after_the_inner_scope() {
    let (ys, r) = run(inner_scope_shadowing());
    assert_eq!(ys, ["20", "20", "7", "8", "5"]);
    assert_eq!(r, "2 outer");
}

#[coro::coroutine]
fn shadow_in_nested_loop(limit: u32) -> impl Generator<Yield = u32, Return = u32> {
    let x: u32 = 7;
    let total = if true {
        let mut n = 0;
        loop {
            if n >= limit {
                break;
            }
            n += 1;
            // Found by the differential fuzzer: a shadowing `let` inside a `loop` block.
            let x = move |k: u32| k + x;
            yield_!(x(n));
        }
        n
    } else {
        x
    };
    total + x
}

#[test]
fn shadowing_inside_a_loop_inside_a_value_block() {
    assert_eq!(run(shadow_in_nested_loop(2)), (vec![8, 9], 9));
}

// A literal array held across a yield lives in a slot of its own, built with the machine; a
// `let` that runs again (in a loop) starts from a fresh value each time.
#[coro::coroutine]
fn fresh_buffer_per_round() -> impl Generator<Yield = u32, Return = ()> {
    let mut round = 0u32;
    while round < 3 {
        let mut buf = [0u32; 64];
        buf[0] += round + 1;
        yield_!(buf[0]);
        buf[0] += 10;
        yield_!(buf[0]);
        round += 1;
    }
}

#[test]
fn literal_array_in_a_loop_is_fresh_each_round() {
    let (ys, ()) = run(fresh_buffer_per_round());
    assert_eq!(ys, [1, 11, 2, 12, 3, 13]);
}

const ROWS: usize = 32;

#[coro::coroutine]
fn sized_buffers<const N: usize>() -> impl Generator<Yield = usize, Return = usize> {
    const COLS: usize = 16;
    let mut a = [1u8; N];
    let mut b = [-1i64; ROWS];
    let mut c = [0u16; COLS];
    let names = [String::from("x"), String::from("y")];
    a[N - 1] = 2;
    b[0] = 5;
    c[1] = 7;
    yield_!(a.len() + b.len() + c.len() + names.len());
    a[0] += 1;
    yield_!(a.iter().map(|&v| v as usize).sum());
    names.iter().map(|s| s.len()).sum::<usize>() + b[0] as usize + c[1] as usize
}

#[test]
fn literal_arrays_sized_by_const_generics_and_consts() {
    assert_eq!(run(sized_buffers::<128>()), (vec![128 + 32 + 16 + 2, 130], 14));
    // No `Option` tag per literal array: the buffers, the state and little else.
    assert!(std::mem::size_of_val(&sized_buffers::<4096>()) <= 4096 + 32 * 8 + 16 * 2 + 64);
}

// Two loops that several resume points reach, with yields ahead of each: the arms resuming
// inside a loop share one copy of it; the arm that enters it from ahead runs its own.
#[coro::coroutine]
fn two_shared_loops(n: u32) -> impl Generator<u32, Yield = u32, Return = Vec<u32>> {
    let mut seen = vec![yield_!(0)];
    let mut i = 0;
    while i < n {
        if i % 2 == 0 {
            seen.push(yield_!(10 + i));
        } else {
            let doubled = yield_!(20 + i) * 2;
            seen.push(doubled);
        }
        i += 1;
    }
    seen.push(yield_!(99));
    for k in 0..n {
        match k % 3 {
            0 => seen.push(yield_!(30 + k)),
            1 => {
                yield_!(40 + k);
            }
            _ => seen.push(yield_!(50 + k) + 1000),
        }
    }
    seen
}

#[test]
fn loops_whose_resume_arms_share_their_code_run_as_written() {
    let mut g = two_shared_loops(4);
    let mut out = Vec::new();
    let mut input = 100;
    let result = loop {
        match g.resume(input) {
            GeneratorState::Yielded(v) => out.push(v),
            GeneratorState::Complete(r) => break r,
        }
        input += 1;
    };
    assert_eq!(out, [0, 10, 21, 12, 23, 99, 30, 41, 52, 33]);
    assert_eq!(result, [101, 102, 206, 104, 210, 106, 107, 1109, 110]);
}
