//! Yields in unusual positions, each checked against the plain-Rust result.
mod common;

use coro::{yield_, Generator, GeneratorState};
use common::{drive, run};

#[coro::coroutine]
fn yield_in_conditions() -> impl Generator<bool, Yield = &'static str, Return = u32> {
    let mut n = 0;
    while yield_!("continue?") {
        n += 1;
        if yield_!("skip?") {
            continue;
        }
        n += 10;
    }
    n
}

#[test]
fn yields_in_while_and_if_conditions() {
    let mut g = yield_in_conditions();
    let (ys, r) = drive(&mut g, [false, true, true, true, false, false]);
    assert_eq!(ys, ["continue?", "skip?", "continue?", "skip?", "continue?"]);
    assert_eq!(r, Some(12));
}

#[coro::coroutine]
fn nested_and_receivers() -> impl Generator<String, Yield = usize, Return = usize> {
    let len = yield_!(0).len();
    let both = yield_!(yield_!(len) .len()).len();
    let arr = [yield_!(7).len(); 2];
    let mut total = 0;
    for _ in 0..2 {
        total += yield_!(total).len();
    }
    len * 1000 + both * 100 + arr[1] * 10 + total
}

#[test]
fn nested_yields_and_method_receivers() {
    let mut g = nested_and_receivers();
    let inputs = ["", "abc", "de", "fghi", "x", "yy", "zzz"].map(String::from);
    let (ys, r) = drive(&mut g, inputs);
    assert_eq!(ys, [0, 3, 2, 7, 0, 2]);
    assert_eq!(r, Some(3 * 1000 + 4 * 100 + 10 + 5));
}

#[coro::coroutine]
fn value_positions(limit: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let found = loop {
        let v = yield_!(1);
        match v {
            0 => continue,
            v if v > limit => break yield_!(v) * 2,
            _ => {}
        }
    };
    if found > 100 {
        return yield_!(found);
    }
    let picked = match found % 2 {
        0 => {
            let extra = yield_!(found);
            extra + found
        }
        _ => found,
    };
    picked
}

#[test]
fn yields_in_break_return_and_match_values() {
    let mut g = value_positions(5);
    assert_eq!(drive(&mut g, [0, 0, 3, 9, 21, 4]), (vec![1, 1, 1, 9, 42], Some(42 + 4)));
    let mut g = value_positions(5);
    assert_eq!(drive(&mut g, [0, 60, 60, 77]), (vec![1, 60, 120], Some(77)));
}

fn fails(x: u32) -> Result<u32, String> {
    if x == 0 {
        Err("zero".into())
    } else {
        Ok(x)
    }
}

#[coro::coroutine]
fn try_in_yield_argument(xs: Vec<u32>) -> impl Generator<Yield = u32, Return = Result<u32, String>> {
    let mut sum = 0;
    for x in xs {
        yield_!(fails(x)?);
        sum += x;
    }
    Ok(sum)
}

#[test]
fn question_mark_inside_a_yield_argument() {
    assert_eq!(run(try_in_yield_argument(vec![1, 2])), (vec![1, 2], Ok(3)));
    assert_eq!(run(try_in_yield_argument(vec![1, 0, 2])), (vec![1], Err("zero".to_string())));
}

#[coro::coroutine]
fn unit_tail_match(x: Option<u8>) -> impl Iterator<Item = u8> {
    match x {
        Some(v) => {
            yield_!(v);
            yield_!(v + 1);
        }
        None => yield_!(0),
    }
}

#[test]
fn tail_match_in_an_iterator() {
    assert_eq!(unit_tail_match(Some(4)).collect::<Vec<_>>(), [4, 5]);
    assert_eq!(unit_tail_match(None).collect::<Vec<_>>(), [0]);
}

#[coro::coroutine]
fn no_yield_at_all(x: u8) -> impl Generator<Yield = (), Return = u8> {
    x + 1
}

#[test]
fn a_coroutine_without_yields_completes_on_first_resume() {
    assert_eq!(run(no_yield_at_all(1)), (vec![], 2));
}

#[coro::coroutine]
fn labeled_block(x: u32) -> impl Generator<Yield = u32, Return = u32> {
    let r = 'done: {
        if x == 0 {
            break 'done 0;
        }
        yield_!(x);
        if x == 1 {
            break 'done 10;
        }
        yield_!(x * 2);
        20
    };
    r + 1
}

#[test]
fn labeled_block_with_yields() {
    assert_eq!(run(labeled_block(0)), (vec![], 1));
    assert_eq!(run(labeled_block(1)), (vec![1], 11));
    assert_eq!(run(labeled_block(3)), (vec![3, 6], 21));
}

/// `yield_from!(coro::from_iter(..))` delegates to an iterator, as Python's
/// `yield from range(3)` does, in a coroutine resumed with values (which the items ignore).
#[coro::coroutine]
fn range_then_sum() -> impl coro::Generator<i32, Yield = u8, Return = i32> {
    coro::yield_from!(coro::from_iter(1..=3u8));
    let a = coro::yield_!(10);
    let b = coro::yield_!(20);
    a + b
}

#[test]
fn yield_from_an_iterator() {
    use coro::{Generator, GeneratorState::*};
    let mut g = range_then_sum();
    let got: Vec<_> = (0..5).map(|i| g.resume(i)).collect();
    assert_eq!(got, [Yielded(1), Yielded(2), Yielded(3), Yielded(10), Yielded(20)]);
    assert_eq!(g.resume(5), Complete(9));

    let mut it = coro::from_iter(Some('x'));
    assert_eq!(it.resume(()), Yielded('x'));
    assert_eq!(it.resume(()), Complete(()));
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| it.resume(()))).unwrap_err();
    assert!(err.downcast_ref::<&str>().unwrap().contains("after completion"));
}

/// A `yield_!` may choose the index a compound assignment writes; the value is evaluated
/// first, as Rust does for primitive operands (`log` shows the order).
#[coro::coroutine]
fn indexed_compound_assignment(mut v: Vec<i64>) -> impl Generator<usize, Yield = &'static str, Return = Vec<i64>> {
    v[yield_!("index for +=")] += 1;
    v[yield_!("index for -=")] -= { yield_!("value for -="); 10 };
    v[yield_!("index for *=")] *= 3;
    v
}

#[test]
fn a_yield_picks_the_index_of_a_compound_assignment() {
    let mut g = indexed_compound_assignment(vec![1, 2, 3]);
    assert_eq!(g.resume(99), GeneratorState::Yielded("index for +="));
    assert_eq!(g.resume(2), GeneratorState::Yielded("value for -="));
    assert_eq!(g.resume(99), GeneratorState::Yielded("index for -="));
    assert_eq!(g.resume(0), GeneratorState::Yielded("index for *="));
    assert_eq!(g.resume(1), GeneratorState::Complete(vec![-9, 6, 4]));
}
