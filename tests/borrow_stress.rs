//! Stress tests for the borrow rules of the transform: shapes that borrow (through parameters,
//! `&self`, short-lived borrows of locals, adapter chains that end before a `yield_!`, `move`
//! closures, `yield_from!(&mut place)`, reborrows of `&mut` parameters that are not used again)
//! and that the macro must accept. Each test compares the coroutine with the same logic written
//! as a plain fn, where `yield_!(v)` becomes `out.push(v)` (and, for drop order, a suspended
//! generator that is dropped is compared with a plain fn that returns at that point).
// The shapes are what is tested, written as users write them rather than as clippy would.
#![allow(
    clippy::iter_next_slice,
    clippy::useless_vec,
    clippy::redundant_pattern_matching,
    clippy::let_and_return,
    clippy::let_unit_value,
    clippy::unnecessary_literal_unwrap,
    clippy::iter_cloned_collect,
    clippy::match_single_binding,
    clippy::single_match
)]
mod common;

use std::collections::{BTreeMap, HashMap};

use common::{drive, log, run, take_log, Noisy};
use coro::{yield_, yield_from, Generator, GeneratorState};

/// Runs a plain fn that pushes what the coroutine would yield.
fn plain<Y, R>(f: impl FnOnce(&mut Vec<Y>) -> R) -> (Vec<Y>, R) {
    let mut out = Vec::new();
    let r = f(&mut out);
    (out, r)
}

// ---------------------------------------------------------------------------------------------
// Iterating through reference parameters (the borrow is the caller's, not a local's).

#[coro::coroutine]
fn enumerate_zip_params<'a>(a: &'a [i32], b: &'a [i32]) -> impl Generator<Yield = (usize, i32), Return = usize> + 'a {
    for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
        yield_!((i, x * y));
    }
    a.len() + b.len()
}

fn enumerate_zip_plain(a: &[i32], b: &[i32], out: &mut Vec<(usize, i32)>) -> usize {
    for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
        out.push((i, x * y));
    }
    a.len() + b.len()
}

#[test]
fn adapter_chain_over_reference_params() {
    let (a, b) = (vec![1, 2, 3], vec![4, 5]);
    assert_eq!(run(enumerate_zip_params(&a, &b)), plain(|o| enumerate_zip_plain(&a, &b, o)));
    assert_eq!(run(enumerate_zip_params(&[], &b)), plain(|o| enumerate_zip_plain(&[], &b, o)));
}

#[coro::coroutine]
fn rev_skip_step<'a>(data: &'a [u8]) -> impl Iterator<Item = u8> + 'a {
    for x in data.iter().rev().skip(1).step_by(2) {
        yield_!(*x);
    }
}

#[test]
fn rev_skip_step_by_over_param() {
    let data: Vec<u8> = (0..10).collect();
    let expect: Vec<u8> = data.iter().rev().skip(1).step_by(2).copied().collect();
    assert_eq!(rev_skip_step(&data).collect::<Vec<_>>(), expect);
}

#[coro::coroutine]
fn shared_param_reused<'a>(v: &'a Vec<String>) -> impl Generator<Yield = &'a str, Return = (usize, Option<&'a String>)> + 'a {
    for s in v.iter() {
        yield_!(s.as_str());
    }
    for s in v {
        yield_!(&s[..1]);
    }
    (v.len(), v.first())
}

#[test]
fn shared_reference_param_reborrowed_and_used_again() {
    let v = vec!["ab".to_string(), "cd".to_string()];
    let expect = plain(|o| {
        for s in v.iter() {
            o.push(s.as_str());
        }
        for s in &v {
            o.push(&s[..1]);
        }
        (v.len(), v.first())
    });
    assert_eq!(run(shared_param_reused(&v)), expect);
}

#[coro::coroutine]
fn words_of(text: &str) -> impl Generator<Yield = (usize, &str), Return = usize> + '_ {
    for (i, w) in text.split_whitespace().enumerate() {
        yield_!((i, w));
    }
    for (i, c) in text.char_indices().filter(|(_, c)| *c == 'x') {
        yield_!((i, &text[i..i + c.len_utf8()]));
    }
    text.len()
}

#[test]
fn string_views_of_str_param() {
    let text = "ax b  cx";
    let expect = plain(|o| {
        for (i, w) in text.split_whitespace().enumerate() {
            o.push((i, w));
        }
        for (i, c) in text.char_indices().filter(|(_, c)| *c == 'x') {
            o.push((i, &text[i..i + c.len_utf8()]));
        }
        text.len()
    });
    assert_eq!(run(words_of(text)), expect);
}

#[coro::coroutine]
fn windows_and_chunks<'a>(v: &'a [i32]) -> impl Generator<Yield = i32, Return = ()> + 'a {
    for w in v.windows(2) {
        yield_!(w[1] - w[0]);
    }
    for c in v.chunks(2) {
        yield_!(c.iter().sum());
    }
    for c in v.chunks_exact(2) {
        yield_!(c[0]);
    }
}

#[test]
fn windows_chunks_over_slice_param() {
    let v = [1, 4, 9, 16, 25];
    let expect = plain(|o| {
        for w in v.windows(2) {
            o.push(w[1] - w[0]);
        }
        for c in v.chunks(2) {
            o.push(c.iter().sum());
        }
        for c in v.chunks_exact(2) {
            o.push(c[0]);
        }
    });
    assert_eq!(run(windows_and_chunks(&v)), expect);
}

#[coro::coroutine]
fn map_param<'a>(m: &'a BTreeMap<&'static str, Vec<i32>>) -> impl Generator<Yield = String, Return = usize> + 'a {
    for (k, vs) in m.iter() {
        yield_!(format!("{k}:{}", vs.len()));
    }
    for k in m.keys() {
        yield_!(k.to_string());
    }
    for vs in m.values() {
        yield_!(format!("{vs:?}"));
    }
    m.len()
}

#[test]
fn map_views_of_reference_param() {
    let m: BTreeMap<&'static str, Vec<i32>> = [("b", vec![1]), ("a", vec![2, 3])].into_iter().collect();
    let expect = plain(|o| {
        for (k, vs) in m.iter() {
            o.push(format!("{k}:{}", vs.len()));
        }
        for k in m.keys() {
            o.push(k.to_string());
        }
        for vs in m.values() {
            o.push(format!("{vs:?}"));
        }
        m.len()
    });
    assert_eq!(run(map_param(&m)), expect);
}

#[coro::coroutine]
fn closure_over_ref_param<'a>(data: &'a [i32], k: &'a i32) -> impl Generator<Yield = i32, Return = i32> + 'a {
    for y in data.iter().map(|x| x * *k).filter(|y| *y % 2 == 0) {
        yield_!(y);
    }
    *k
}

#[test]
fn non_move_closure_capturing_only_reference_params() {
    let data = [1, 2, 3, 4];
    let k = 3;
    let expect = plain(|o| {
        for y in data.iter().map(|x| x * k).filter(|y| *y % 2 == 0) {
            o.push(y);
        }
        k
    });
    assert_eq!(run(closure_over_ref_param(&data, &k)), expect);
}

// ---------------------------------------------------------------------------------------------
// Methods: `&self` (reborrowed and reused), `&mut self` without a later use.

struct Inventory {
    items: Vec<i32>,
    factor: i32,
    visits: usize,
}

impl Inventory {
    #[coro::coroutine]
    fn scaled(&self) -> impl Generator<Yield = i32, Return = (usize, i32)> + '_ {
        for y in self.items.iter().map(|x| x * self.factor) {
            yield_!(y);
        }
        for (i, x) in self.items.iter().enumerate().rev() {
            yield_!(i as i32 * 100 + x);
        }
        (self.items.len(), self.factor)
    }

    fn scaled_plain(&self, out: &mut Vec<i32>) -> (usize, i32) {
        for y in self.items.iter().map(|x| x * self.factor) {
            out.push(y);
        }
        for (i, x) in self.items.iter().enumerate().rev() {
            out.push(i as i32 * 100 + x);
        }
        (self.items.len(), self.factor)
    }

    #[coro::coroutine]
    fn bump(&mut self) -> impl Generator<Yield = i32, Return = ()> + '_ {
        for r in self.items.iter_mut() {
            *r += 1;
            yield_!(*r);
        }
    }

    #[coro::coroutine]
    fn visit_then_count(&mut self) -> impl Generator<Yield = usize, Return = usize> + '_ {
        let items = &mut self.items;
        items.push(0);
        yield_!(items.len());
        self.visits += 1;
        self.visits
    }
}

#[test]
fn ref_self_views_and_closures_reused_after() {
    let inv = Inventory { items: vec![1, 2, 3], factor: 10, visits: 0 };
    assert_eq!(run(inv.scaled()), plain(|o| inv.scaled_plain(o)));
}

#[test]
fn mut_self_iter_mut_without_later_use() {
    let mut inv = Inventory { items: vec![1, 2], factor: 1, visits: 0 };
    let (ys, ()) = run(inv.bump());
    let mut plain_items = vec![1, 2];
    let expect: Vec<i32> = plain_items.iter_mut().map(|r| {
        *r += 1;
        *r
    }).collect();
    assert_eq!(ys, expect);
    assert_eq!(inv.items, plain_items);
}

#[test]
fn mut_self_field_reborrow_that_ends_before_the_yield() {
    let mut inv = Inventory { items: vec![5], factor: 1, visits: 3 };
    assert_eq!(run(inv.visit_then_count()), (vec![2], 4));
    assert_eq!(inv.items, [5, 0]);
}

// ---------------------------------------------------------------------------------------------
// `&mut` parameters: iterating without a later use, reborrows that end before the yield,
// other parameters used later.

#[coro::coroutine]
fn double_in_place<'a>(v: &'a mut Vec<i32>) -> impl Generator<Yield = i32, Return = ()> + 'a {
    v.push(7);
    for r in v.iter_mut().rev() {
        *r *= 2;
        yield_!(*r);
    }
}

#[test]
fn mut_param_iterated_and_not_used_again() {
    let mut a = vec![1, 2];
    let (ys, ()) = run(double_in_place(&mut a));
    let mut b = vec![1, 2];
    let expect = plain(|o| {
        b.push(7);
        for r in b.iter_mut().rev() {
            *r *= 2;
            o.push(*r);
        }
    });
    assert_eq!((ys, a), (expect.0, b));
}

#[coro::coroutine]
fn first_then_push<'a>(v: &'a mut Vec<i32>) -> impl Generator<Yield = i32, Return = usize> + 'a {
    let first = &mut v[0];
    *first = 9;
    yield_!(*first);
    let all = &mut v[..];
    all.sort();
    yield_!(all[0]);
    v.push(2);
    v.len()
}

#[test]
fn mut_param_reborrows_ending_before_the_yield() {
    let mut a = vec![5, 3];
    let got = run(first_then_push(&mut a));
    let mut b = vec![5, 3];
    let expect = plain(|o| {
        let first = &mut b[0];
        *first = 9;
        o.push(*first);
        let all = &mut b[..];
        all.sort();
        o.push(all[0]);
        b.push(2);
        b.len()
    });
    assert_eq!((got, a), (expect, b));
}

#[coro::coroutine]
fn two_mut_params<'a>(a: &'a mut Vec<i32>, b: &'a mut Vec<i32>) -> impl Generator<Yield = i32, Return = usize> + 'a {
    for r in a.iter_mut() {
        *r += 1;
        b.push(*r);
        yield_!(*r);
    }
    b.push(0);
    b.len()
}

#[test]
fn iterate_one_mut_param_use_the_other_later() {
    let (mut a1, mut b1) = (vec![1, 2], vec![9]);
    let got = run(two_mut_params(&mut a1, &mut b1));
    let (mut a2, mut b2) = (vec![1, 2], vec![9]);
    let expect = plain(|o| {
        for r in a2.iter_mut() {
            *r += 1;
            b2.push(*r);
            o.push(*r);
        }
        b2.push(0);
        b2.len()
    });
    assert_eq!((got, a1, b1), (expect, a2, b2));
}

#[coro::coroutine]
fn branchy_mut<'a>(v: &'a mut Vec<i32>, flag: bool) -> impl Generator<Yield = i32, Return = ()> + 'a {
    if flag {
        for r in v.iter_mut() {
            *r += 1;
            yield_!(*r);
        }
    } else {
        v.push(1);
        yield_!(v.len() as i32);
    }
}

#[test]
fn mut_param_iterated_in_one_branch_used_in_the_other() {
    for flag in [true, false] {
        let mut a = vec![1, 2];
        let got = run(branchy_mut(&mut a, flag));
        let mut b = vec![1, 2];
        let expect = plain(|o| {
            if flag {
                for r in b.iter_mut() {
                    *r += 1;
                    o.push(*r);
                }
            } else {
                b.push(1);
                o.push(b.len() as i32);
            }
        });
        assert_eq!((got, a), (expect, b));
    }
}

#[coro::coroutine]
fn mut_param_then_shadowed<'a>(v: &'a mut Vec<i32>) -> impl Generator<Yield = i32, Return = i32> + 'a {
    for r in v.iter_mut() {
        *r -= 1;
        yield_!(*r);
    }
    let v = 40;
    v + 2
}

#[test]
fn mut_param_shadowed_after_the_loop_is_not_a_reuse() {
    let mut a = vec![3];
    assert_eq!(run(mut_param_then_shadowed(&mut a)), (vec![2], 42));
    assert_eq!(a, [2]);
}

#[coro::coroutine]
fn fill<'a>(dst: &'a mut Vec<i32>, n: i32) -> impl Generator<Yield = usize, Return = i32> + 'a {
    for i in 0..n {
        dst.push(i);
        yield_!(dst.len());
    }
    n
}

#[coro::coroutine]
fn delegate_mut_param<'a>(v: &'a mut Vec<i32>) -> impl Generator<Yield = usize, Return = i32> + 'a {
    let k = v.len() as i32;
    let got = yield_from!(fill(v, 2));
    got + k
}

#[test]
fn mut_param_moved_into_a_delegate() {
    let mut a = vec![9];
    let got = run(delegate_mut_param(&mut a));
    let mut b = vec![9];
    let expect = plain(|o| {
        let k = b.len() as i32;
        for i in 0..2 {
            b.push(i);
            o.push(b.len());
        }
        2 + k
    });
    assert_eq!((got, a), (expect, b));
}

// ---------------------------------------------------------------------------------------------
// Borrows of locals that end before the yield.

#[coro::coroutine]
fn consumed_chains(k: i32) -> impl Generator<Yield = i32, Return = usize> {
    let data = vec![1, 2, 3, 4];
    let n = data.iter().filter(|x| **x > k).count() as i32;
    yield_!(n);
    let s: i32 = data.iter().map(|x| x * k).sum();
    yield_!(s);
    let v2: Vec<i32> = data.iter().rev().map(|x| x + k).collect();
    yield_!(v2[0]);
    yield_!(data.iter().zip(v2.iter()).map(|(a, b)| a * b).sum::<i32>());
    yield_!(data.iter().copied().max().unwrap_or(0));
    data.len() + v2.len()
}

fn consumed_chains_plain(k: i32, out: &mut Vec<i32>) -> usize {
    let data = vec![1, 2, 3, 4];
    let n = data.iter().filter(|x| **x > k).count() as i32;
    out.push(n);
    let s: i32 = data.iter().map(|x| x * k).sum();
    out.push(s);
    let v2: Vec<i32> = data.iter().rev().map(|x| x + k).collect();
    out.push(v2[0]);
    out.push(data.iter().zip(v2.iter()).map(|(a, b)| a * b).sum::<i32>());
    out.push(data.iter().copied().max().unwrap_or(0));
    data.len() + v2.len()
}

#[test]
fn adapter_chains_ending_in_a_consuming_method() {
    for k in [0, 2, 9] {
        assert_eq!(run(consumed_chains(k)), plain(|o| consumed_chains_plain(k, o)));
    }
}

#[coro::coroutine]
fn string_chains() -> impl Generator<Yield = String, Return = String> {
    let mut s = String::from("Hello world");
    let rev: String = s.chars().rev().collect();
    yield_!(rev);
    let n = s.split_whitespace().count();
    yield_!(n.to_string());
    let upper: Vec<String> = s.split(' ').map(|w| w.to_uppercase()).collect();
    yield_!(upper.join("-"));
    let bytes = s.bytes().filter(|b| b.is_ascii_lowercase()).count();
    s.push_str(&bytes.to_string());
    s
}

#[test]
fn string_view_chains_consumed_before_the_yield() {
    let expect = plain(|o| {
        let mut s = String::from("Hello world");
        let rev: String = s.chars().rev().collect();
        o.push(rev);
        let n = s.split_whitespace().count();
        o.push(n.to_string());
        let upper: Vec<String> = s.split(' ').map(|w| w.to_uppercase()).collect();
        o.push(upper.join("-"));
        let bytes = s.bytes().filter(|b| b.is_ascii_lowercase()).count();
        s.push_str(&bytes.to_string());
        s
    });
    assert_eq!(run(string_chains()), expect);
}

#[coro::coroutine]
fn chain_in_yield_argument(k: i32) -> impl Generator<Yield = i32, Return = Vec<i32>> {
    let v = vec![1, 2, 3];
    yield_!(v.iter().map(|x| x * k).sum::<i32>());
    yield_!(v.iter().filter(|x| **x != k).count() as i32);
    yield_!((0..k).map(|i| i * k).fold(1, |a, b| a * 2 + b));
    v
}

#[test]
fn closures_capturing_locals_consumed_inside_the_yield_argument() {
    let expect = plain(|o| {
        let k = 2;
        let v = vec![1, 2, 3];
        o.push(v.iter().map(|x| x * k).sum::<i32>());
        o.push(v.iter().filter(|x| **x != k).count() as i32);
        o.push((0..k).map(|i| i * k).fold(1, |a, b| a * 2 + b));
        v
    });
    assert_eq!(run(chain_in_yield_argument(2)), expect);
}

#[coro::coroutine]
fn scoped_borrows() -> impl Generator<Yield = i32, Return = Vec<i32>> {
    let mut v = vec![1, 2];
    let mut total = 0;
    {
        let r = &v;
        total += r.len() as i32;
    }
    for x in v.iter_mut() {
        *x += 1;
    }
    yield_!(total);
    for x in &v {
        total += x;
    }
    yield_!(total);
    v.push(total);
    v
}

#[test]
fn borrows_scoped_in_blocks_and_yield_free_loops() {
    let expect = plain(|o| {
        let mut v = vec![1, 2];
        let mut total = 0;
        {
            let r = &v;
            total += r.len() as i32;
        }
        for x in v.iter_mut() {
            *x += 1;
        }
        o.push(total);
        for x in &v {
            total += x;
        }
        o.push(total);
        v.push(total);
        v
    });
    assert_eq!(run(scoped_borrows()), expect);
}

#[coro::coroutine]
fn reference_locals_not_used_after() -> impl Generator<Yield = usize, Return = usize> {
    let mut v = vec![1, 2];
    let r = &v;
    let n = r.len();
    yield_!(n);
    let m = &mut v;
    m.push(3);
    yield_!(m.len());
    let s = &v[1..];
    yield_!(s.len());
    v.push(4);
    v.len()
}

#[test]
fn reference_locals_whose_last_use_is_before_or_in_the_yield() {
    let expect = plain(|o| {
        let mut v = vec![1, 2];
        let r = &v;
        let n = r.len();
        o.push(n);
        let m = &mut v;
        m.push(3);
        o.push(m.len());
        let s = &v[1..];
        o.push(s.len());
        v.push(4);
        v.len()
    });
    assert_eq!(run(reference_locals_not_used_after()), expect);
}

#[coro::coroutine]
fn copied_out_of_borrows() -> impl Generator<Yield = i32, Return = usize> {
    let mut v = vec![3, 1, 2];
    if let Some(&x) = v.iter().next() {
        yield_!(x);
    }
    let first = v.first().copied();
    let top = v.iter().max().cloned();
    yield_!(first.unwrap() + top.unwrap());
    match v.last() {
        Some(&l) => yield_!(l),
        None => {}
    }
    v.push(4);
    v.len()
}

#[test]
fn values_copied_out_of_borrows_before_the_yield() {
    let expect = plain(|o| {
        let mut v = vec![3, 1, 2];
        if let Some(&x) = v.iter().next() {
            o.push(x);
        }
        let first = v.first().copied();
        let top = v.iter().max().cloned();
        o.push(first.unwrap() + top.unwrap());
        match v.last() {
            Some(&l) => o.push(l),
            None => {}
        }
        v.push(4);
        v.len()
    });
    assert_eq!(run(copied_out_of_borrows()), expect);
}

#[coro::coroutine]
fn match_on_borrowed_slice() -> impl Generator<Yield = i32, Return = i32> {
    let v = vec![4, 5, 6];
    let head = match &v[..] {
        [a, ..] => *a,
        [] => 0,
    };
    yield_!(head);
    let n = if let [_, b, ..] = v.as_slice() { *b } else { -1 };
    yield_!(n);
    v.iter().sum()
}

#[test]
fn matching_on_a_borrow_that_ends_before_the_yield() {
    let expect = plain(|o| {
        let v = vec![4, 5, 6];
        let head = match &v[..] {
            [a, ..] => *a,
            [] => 0,
        };
        o.push(head);
        let n = if let [_, b, ..] = v.as_slice() { *b } else { -1 };
        o.push(n);
        v.iter().sum()
    });
    assert_eq!(run(match_on_borrowed_slice()), expect);
}

fn consume<T>(_: T) {}

#[coro::coroutine]
fn moved_view() -> impl Generator<Yield = usize, Return = usize> {
    let mut v = vec![1, 2, 3];
    let it = v.iter();
    let n = it.count();
    yield_!(n);
    let it = v.iter().skip(1);
    let m = it.count();
    yield_!(m);
    let view = v.as_slice();
    let l = view.len();
    consume(view);
    yield_!(l);
    v.push(4);
    v.len()
}

#[test]
fn views_consumed_or_dropped_before_the_yield() {
    let expect = plain(|o| {
        let mut v = vec![1, 2, 3];
        let it = v.iter();
        let n = it.count();
        o.push(n);
        let it = v.iter().skip(1);
        let m = it.count();
        o.push(m);
        let view = v.as_slice();
        let l = view.len();
        consume(view);
        o.push(l);
        v.push(4);
        v.len()
    });
    assert_eq!(run(moved_view()), expect);
}

#[coro::coroutine]
fn shadowed_by_owned() -> impl Generator<Yield = i32, Return = i32> {
    let v = vec![1, 2, 3];
    let v: i32 = v.iter().sum();
    yield_!(v);
    let s = String::from("  pad  ");
    let s = s.trim().to_string();
    yield_!(s.len() as i32);
    v * 2
}

#[test]
fn shadowing_a_local_with_something_computed_from_a_borrow_of_it() {
    let expect = plain(|o| {
        let v = vec![1, 2, 3];
        let v: i32 = v.iter().sum();
        o.push(v);
        let s = String::from("  pad  ");
        let s = s.trim().to_string();
        o.push(s.len() as i32);
        v * 2
    });
    assert_eq!(run(shadowed_by_owned()), expect);
}

// ---------------------------------------------------------------------------------------------
// Owned iteration and `move` closures.

#[coro::coroutine]
fn move_closures(n: i32) -> impl Generator<Yield = i32, Return = i32> {
    let k = 3;
    for y in (0..n).map(move |i| i * k) {
        yield_!(y);
    }
    let offs = vec![10, 20];
    for y in (0..2).map(move |i| offs[i] + k) {
        yield_!(y);
    }
    k
}

#[test]
fn move_closures_in_adapters_kept_across_yields() {
    let expect = plain(|o| {
        let k = 3;
        for y in (0..3).map(move |i| i * k) {
            o.push(y);
        }
        let offs = vec![10, 20];
        for y in (0..2).map(move |i| offs[i] + k) {
            o.push(y);
        }
        k
    });
    assert_eq!(run(move_closures(3)), expect);
}

#[coro::coroutine]
fn capture_free_closures() -> impl Generator<Yield = i32, Return = i32> {
    let x = 5;
    let v = 7;
    for y in (0..3).map(|x| x * 2) {
        yield_!(y);
    }
    for y in (0..2).map(|i| {
        let v = i + 100;
        v
    }) {
        yield_!(y);
    }
    let double = |a: i32| a * 2;
    for y in (1..3).map(double) {
        yield_!(y);
    }
    x + v
}

#[test]
fn closures_whose_params_or_lets_shadow_locals_capture_nothing() {
    let expect = plain(|o| {
        let x = 5;
        let v = 7;
        for y in (0..3).map(|x| x * 2) {
            o.push(y);
        }
        for y in (0..2).map(|i| {
            let v = i + 100;
            v
        }) {
            o.push(y);
        }
        let double = |a: i32| a * 2;
        for y in (1..3).map(double) {
            o.push(y);
        }
        x + v
    });
    assert_eq!(run(capture_free_closures()), expect);
}

#[coro::coroutine]
fn owned_iteration(v: Vec<String>, m: HashMap<u8, u8>) -> impl Generator<Yield = String, Return = usize> {
    let n = v.len();
    for (i, s) in v.into_iter().enumerate().rev() {
        yield_!(format!("{i}{s}"));
    }
    let mut pairs: Vec<(u8, u8)> = m.into_iter().collect();
    pairs.sort();
    for (a, b) in pairs {
        yield_!(format!("{a}={b}"));
    }
    n
}

#[test]
fn by_value_iteration_of_params() {
    let v = vec!["a".to_string(), "b".to_string()];
    let m: HashMap<u8, u8> = [(2, 3), (1, 4)].into_iter().collect();
    let expect = plain(|o| {
        let n = v.len();
        for (i, s) in v.clone().into_iter().enumerate().rev() {
            o.push(format!("{i}{s}"));
        }
        let mut pairs: Vec<(u8, u8)> = m.clone().into_iter().collect();
        pairs.sort();
        for (a, b) in pairs {
            o.push(format!("{a}={b}"));
        }
        n
    });
    assert_eq!(run(owned_iteration(v, m)), expect);
}

#[coro::coroutine]
fn collected_then_iterated() -> impl Generator<Yield = char, Return = String> {
    let s = String::from("abc");
    for c in s.chars().rev().collect::<Vec<_>>() {
        yield_!(c);
    }
    let mut v = vec![3, 1, 2];
    let drained: Vec<i32> = v.drain(..2).collect();
    for x in drained {
        yield_!(char::from(b'0' + x as u8));
    }
    format!("{s}{}", v.len())
}

#[test]
fn iterating_a_collected_or_drained_copy() {
    let expect = plain(|o| {
        let s = String::from("abc");
        for c in s.chars().rev().collect::<Vec<_>>() {
            o.push(c);
        }
        let mut v = vec![3, 1, 2];
        let drained: Vec<i32> = v.drain(..2).collect();
        for x in drained {
            o.push(char::from(b'0' + x as u8));
        }
        format!("{s}{}", v.len())
    });
    assert_eq!(run(collected_then_iterated()), expect);
}

#[coro::coroutine]
fn pop_loop() -> impl Generator<Yield = i32, Return = usize> {
    let mut stack = vec![1, 2, 3];
    while let Some(x) = stack.pop() {
        if x == 2 {
            stack.push(10);
        }
        yield_!(x);
    }
    stack.len()
}

#[test]
fn owned_pop_loop() {
    let expect = plain(|o| {
        let mut stack = vec![1, 2, 3];
        while let Some(x) = stack.pop() {
            if x == 2 {
                stack.push(10);
            }
            o.push(x);
        }
        stack.len()
    });
    assert_eq!(run(pop_loop()), expect);
}

#[coro::coroutine]
fn option_map_without_captures(opt: Option<i32>) -> impl Generator<Yield = Option<i32>, Return = Option<String>> {
    let k = 4;
    let y = opt.map(|v| v + 1);
    yield_!(y);
    let z = opt.map(move |v| v * k);
    yield_!(z);
    let w = opt.filter(|v| *v > 0).map(|v| v.to_string());
    w
}

#[test]
fn option_map_with_capture_free_or_move_closures() {
    for opt in [None, Some(-2), Some(3)] {
        let expect = plain(|o| {
            let k = 4;
            let y = opt.map(|v| v + 1);
            o.push(y);
            let z = opt.map(move |v| v * k);
            o.push(z);
            opt.filter(|v| *v > 0).map(|v| v.to_string())
        });
        assert_eq!(run(option_map_without_captures(opt)), expect);
    }
}

// ---------------------------------------------------------------------------------------------
// Expressions that yield in an operand after a non-borrowing operand.

#[coro::coroutine]
fn consumer() -> impl Generator<i32, Yield = usize, Return = Vec<i32>> {
    let mut out = Vec::new();
    out.push(yield_!(0));
    out.insert(0, yield_!(out.len()));
    let n = out.len() as i32 + yield_!(out.len());
    out.push(n);
    out[0] += yield_!(3);
    out
}

#[test]
fn method_receivers_and_operands_before_a_yield() {
    let inputs = [0, 5, 6, 7, 8];
    let mut g = consumer();
    let got = drive(&mut g, inputs);
    let expect = plain(|o| {
        let mut it = inputs.into_iter().skip(1);
        let mut out = Vec::new();
        o.push(0);
        out.push(it.next().unwrap());
        o.push(out.len());
        out.insert(0, it.next().unwrap());
        o.push(out.len());
        let n = out.len() as i32 + it.next().unwrap();
        out.push(n);
        o.push(3);
        out[0] += it.next().unwrap();
        Some(out)
    });
    assert_eq!(got, expect);
}

#[coro::coroutine]
fn format_with_place_args() -> impl Generator<String, Yield = (), Return = String> {
    let name = String::from("bob");
    let n = name.len();
    let s = format!("{}:{}:{}", name, n, yield_!(()));
    format!("{s}|{}", name)
}

#[test]
fn format_args_that_are_places_stay_borrowed_in_the_call() {
    let mut g = format_with_place_args();
    assert_eq!(drive(&mut g, [String::new(), "x".into()]), (vec![()], Some("bob:3:x|bob".to_string())));
}

// ---------------------------------------------------------------------------------------------
// `yield_from!`: places resumed where they are, delegates made from parameters and values.

#[coro::coroutine]
fn count_to(n: i32) -> impl Generator<Yield = i32, Return = i32> {
    for i in 1..=n {
        yield_!(i);
    }
    n * 10
}

#[coro::coroutine]
fn delegate_to_local_then_reuse() -> impl Generator<Yield = i32, Return = (i32, bool)> {
    let mut inner = count_to(3);
    let first = inner.resume(());
    yield_!(match first {
        GeneratorState::Yielded(v) => v * 100,
        GeneratorState::Complete(_) => -1,
    });
    let r = yield_from!(&mut inner);
    let done = matches!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.resume(()))), Err(_));
    (r, done)
}

#[test]
fn yield_from_mut_local_keeps_it_usable() {
    let (ys, (r, done)) = run(delegate_to_local_then_reuse());
    assert_eq!((ys, r, done), (vec![100, 2, 3], 30, true));
}

struct Pair<G> {
    tag: i32,
    stage: G,
}

#[coro::coroutine]
fn delegate_to_field() -> impl Generator<Yield = i32, Return = i32> {
    let mut p = Pair { tag: 5, stage: count_to(2) };
    let mut t = (1, count_to(1));
    let a = yield_from!(&mut p.stage);
    let b = yield_from!(&mut (t.1));
    a + b + p.tag + t.0
}

#[test]
fn yield_from_mut_field_of_a_local() {
    assert_eq!(run(delegate_to_field()), (vec![1, 2, 1], 20 + 10 + 5 + 1));
}

#[coro::coroutine]
fn delegate_through_mut_param<'a, G>(g: &'a mut G) -> impl Generator<Yield = i32, Return = i32> + 'a
where
    G: Generator<Yield = i32, Return = i32>,
{
    yield_!(0);
    let r = yield_from!(&mut *g);
    match g.resume(()) {
        GeneratorState::Yielded(_) => -1,
        GeneratorState::Complete(_) => r,
    }
}

#[test]
fn yield_from_mut_deref_param_then_param_reused() {
    // A generator that can be resumed after completing (it keeps returning): a plain struct.
    struct Twice(i32);
    impl Generator for Twice {
        type Yield = i32;
        type Return = i32;
        fn resume(&mut self, _: ()) -> GeneratorState<i32, i32> {
            self.0 += 1;
            if self.0 <= 2 {
                GeneratorState::Yielded(self.0)
            } else {
                GeneratorState::Complete(self.0)
            }
        }
    }
    let mut g = Twice(0);
    assert_eq!(run(delegate_through_mut_param(&mut g)), (vec![0, 1, 2], 3));
    assert_eq!(g.0, 4);
}

struct Machine<G> {
    stage: G,
    resumes: usize,
}

impl<G: Generator<Yield = i32, Return = i32>> Machine<G> {
    #[coro::coroutine]
    fn drive_stage(&mut self) -> impl Generator<Yield = i32, Return = i32> + '_ {
        self.resumes += 1;
        let r = yield_from!(&mut self.stage);
        self.resumes += 1;
        r + self.resumes as i32
    }
}

#[test]
fn yield_from_mut_self_field_then_self_reused() {
    let mut m = Machine { stage: count_to(2), resumes: 0 };
    assert_eq!(run(m.drive_stage()), (vec![1, 2], 22));
    assert_eq!(m.resumes, 2);
}

#[coro::coroutine]
fn delegate_to_boxed() -> impl Generator<Yield = i32, Return = i32> {
    let mut boxed: Box<dyn Generator<Yield = i32, Return = i32>> = Box::new(count_to(2));
    let r = yield_from!(&mut *boxed);
    let again = matches!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| boxed.resume(()))), Err(_));
    r + again as i32
}

#[test]
fn yield_from_mut_deref_of_a_boxed_local() {
    assert_eq!(run(delegate_to_boxed()), (vec![1, 2], 21));
}

#[coro::coroutine]
fn walk_slice<'a>(v: &'a [i32]) -> impl Generator<Yield = i32, Return = usize> + 'a {
    for x in v {
        yield_!(*x);
    }
    v.len()
}

#[coro::coroutine]
fn delegate_args_without_local_borrows<'a>(data: &'a [i32], owned: Vec<i32>) -> impl Generator<Yield = i32, Return = usize> + 'a {
    let a = yield_from!(walk_slice(data));
    let b = yield_from!(walk_slice(&data[1..]));
    let c = yield_from!(count_to(owned.iter().sum()));
    let k = 2;
    let d = yield_from!(coro::from_iter(owned.clone().into_iter().map(move |x| x * k)));
    let () = d;
    let e = yield_from!(count_to(owned.len() as i32));
    a + b + c as usize + e as usize + owned.len()
}

#[test]
fn yield_from_delegates_built_from_params_and_values() {
    let data = [7, 8];
    let owned = vec![1, 1];
    let expect = plain(|o| {
        o.extend(data.iter().copied());
        o.extend(data[1..].iter().copied());
        let s: i32 = owned.iter().sum();
        o.extend(1..=s);
        o.extend(owned.iter().map(|x| x * 2));
        o.extend(1..=owned.len() as i32);
        data.len() + data[1..].len() + (s * 10) as usize + (owned.len() as i32 * 10) as usize + owned.len()
    });
    assert_eq!(run(delegate_args_without_local_borrows(&data, owned.clone())), expect);
}

struct Tree {
    items: Vec<i32>,
}

impl Tree {
    #[coro::coroutine]
    fn walk(&self) -> impl Generator<Yield = i32, Return = usize> + '_ {
        for x in &self.items {
            yield_!(*x);
        }
        self.items.len()
    }

    #[coro::coroutine]
    fn walk_twice(&self) -> impl Generator<Yield = i32, Return = usize> + '_ {
        let a = yield_from!(self.walk());
        let b = yield_from!(walk_slice(&self.items));
        a + b
    }
}

#[test]
fn yield_from_methods_of_ref_self() {
    let t = Tree { items: vec![1, 2] };
    assert_eq!(run(t.walk_twice()), (vec![1, 2, 1, 2], 4));
}

// ---------------------------------------------------------------------------------------------
// Drop order: a suspended generator dropped mid-iteration is a plain fn that returns there.

#[coro::coroutine]
fn guarded_walk<'a>(items: &'a [Noisy]) -> impl Generator<Yield = &'static str, Return = ()> + 'a {
    let _a = Noisy("a");
    for n in items.iter() {
        let _inner = Noisy("inner");
        yield_!(n.0);
    }
    let _b = Noisy("b");
    yield_!("end");
}

/// Returns whether it ran to the end (the generator's locals are dropped before `resume`
/// returns `Complete`).
fn guarded_walk_plain(items: &[Noisy], stop: usize) -> bool {
    let mut k = 0;
    let _a = Noisy("a");
    for n in items.iter() {
        let _inner = Noisy("inner");
        log(format!("yield {:?}", n.0));
        k += 1;
        if k == stop {
            log("drop gen");
            return false;
        }
    }
    let _b = Noisy("b");
    log("yield \"end\"");
    k += 1;
    if k == stop {
        log("drop gen");
        return false;
    }
    true
}

#[test]
fn guards_and_borrowed_param_iteration_drop_like_a_plain_fn() {
    let items = [Noisy("x"), Noisy("y")];
    for stop in 1..=4 {
        let got = common::resume_then_drop(guarded_walk(&items), stop);
        take_log();
        let completed = guarded_walk_plain(&items, stop);
        let mut expect = take_log();
        if completed {
            expect.extend(["complete ()".to_string(), "drop gen".to_string()]);
        }
        assert_eq!(got, expect, "stop after {stop}");
    }
    drop(items);
    take_log();
}

#[coro::coroutine]
fn owned_noisy_iteration(items: Vec<Noisy>) -> impl Generator<Yield = &'static str, Return = ()> {
    let _g = Noisy("guard");
    for n in items.into_iter().rev() {
        yield_!(n.0);
    }
}

#[test]
fn dropping_mid_way_through_an_owned_adapter_drops_the_rest() {
    let got = common::resume_then_drop(owned_noisy_iteration(vec![Noisy("x"), Noisy("y"), Noisy("z")]), 2);
    // Plain Rust: returning from inside the loop drops `n` (the current item), then the
    // iterator (the items not reached), then the guard.
    take_log();
    (|| {
        let items = vec![Noisy("x"), Noisy("y"), Noisy("z")];
        let _g = Noisy("guard");
        let mut k = 0;
        for n in items.into_iter().rev() {
            log(format!("yield {:?}", n.0));
            k += 1;
            if k == 2 {
                log("drop gen");
                return;
            }
        }
    })();
    assert_eq!(got, take_log());
}

#[coro::coroutine]
fn delegation_drop(inner_noise: &'static str) -> impl Generator<Yield = i32, Return = ()> {
    let _before = Noisy("before");
    let mut inner = noisy_count(inner_noise);
    let _after = Noisy("after");
    yield_from!(&mut inner);
    yield_!(99);
}

#[coro::coroutine]
fn noisy_count(name: &'static str) -> impl Generator<Yield = i32, Return = ()> {
    let _n = Noisy(name);
    yield_!(1);
    yield_!(2);
}

#[test]
fn dropping_while_delegating_to_a_mut_local_drops_in_reverse_declaration_order() {
    let got = common::resume_then_drop(delegation_drop("inner"), 1);
    assert_eq!(got, common::strs(&["yield 1", "drop gen", "drop after", "drop inner", "drop before"]));
    let got = common::resume_then_drop(delegation_drop("inner"), 3);
    assert_eq!(got, common::strs(&["yield 1", "yield 2", "drop inner", "yield 99", "drop gen", "drop after", "drop before"]));
}

#[test]
fn generators_here_are_still_generators() {
    // Resuming after completion panics, as documented.
    let mut g = count_to(0);
    assert_eq!(g.resume(()), GeneratorState::Complete(0));
    let msg = common::panic_message(|| g.resume(()));
    assert!(msg.contains("after completion"), "{msg}");
}

#[coro::coroutine]
fn noisy_once(name: &'static str, _guard: Noisy) -> impl Generator<Yield = &'static str, Return = ()> {
    yield_!(name);
}

#[coro::coroutine]
fn shadowed_delegate() -> impl Generator<Yield = &'static str, Return = ()> {
    let mut inner = noisy_once("a", Noisy("ga"));
    let mut inner = noisy_once("b", Noisy("gb"));
    yield_from!(&mut inner);
    yield_!("after");
}

#[test]
fn yield_from_mut_shadowing_local_resumes_the_visible_one_and_keeps_the_hidden_one() {
    assert_eq!(common::resume_then_drop(shadowed_delegate(), 0), common::strs(&["drop gen"]));
    // Plain Rust drops the shadowing `inner` first, then the hidden one, at the end of scope.
    assert_eq!(common::resume_then_drop(shadowed_delegate(), 1), common::strs(&["yield \"b\"", "drop gen", "drop gb", "drop ga"]));
    assert_eq!(
        common::resume_then_drop(shadowed_delegate(), 3),
        common::strs(&["yield \"b\"", "drop gb", "yield \"after\"", "drop ga", "complete ()", "drop gen"])
    );
}

#[coro::coroutine]
fn tuple_field_delegate() -> impl Generator<Yield = &'static str, Return = ()> {
    let _a = Noisy("a");
    let mut p = (Noisy("p0"), noisy_once("p1", Noisy("gp")));
    let _b = Noisy("b");
    yield_from!(&mut p.1);
    yield_!("after");
}

#[test]
fn yield_from_mut_tuple_field_drops_in_declaration_order() {
    // Plain Rust at the end of the scope: `_b`, then `p` (`p.0` before `p.1`), then `_a`.
    assert_eq!(
        common::resume_then_drop(tuple_field_delegate(), 1),
        common::strs(&["yield \"p1\"", "drop gen", "drop b", "drop p0", "drop gp", "drop a"])
    );
    assert_eq!(
        common::resume_then_drop(tuple_field_delegate(), 2),
        common::strs(&["yield \"p1\"", "drop gp", "yield \"after\"", "drop gen", "drop b", "drop p0", "drop a"])
    );
    assert_eq!(
        common::resume_then_drop(tuple_field_delegate(), 3),
        common::strs(&["yield \"p1\"", "drop gp", "yield \"after\"", "drop b", "drop p0", "drop a", "complete ()", "drop gen"])
    );
}

#[coro::coroutine]
fn reassigned_delegate() -> impl Generator<Yield = i32, Return = i32> {
    let mut inner = count_to(1);
    let mut acc = 0;
    for i in 0..2 {
        acc += yield_from!(&mut inner);
        inner = count_to(i + 2);
    }
    acc + yield_from!(&mut inner)
}

#[test]
fn yield_from_mut_local_reassigned_between_delegations() {
    let expect = plain(|o| {
        let mut acc = 0;
        let mut n = 1;
        for i in 0..2 {
            o.extend(1..=n);
            acc += n * 10;
            n = i + 2;
        }
        o.extend(1..=n);
        acc + n * 10
    });
    assert_eq!(run(reassigned_delegate()), expect);
}

#[coro::coroutine]
fn sub_owned(v: Vec<i32>) -> impl Generator<Yield = i32, Return = usize> {
    for x in v.iter().copied().collect::<Vec<_>>() {
        yield_!(x);
    }
    v.len()
}

#[coro::coroutine]
fn delegate_args_take_locals() -> impl Generator<Yield = i32, Return = usize> {
    let mut v = vec![1, 2];
    let n = yield_from!(sub_owned(std::mem::take(&mut v)));
    v.push(3);
    yield_from!(coro::from_iter(std::mem::take(&mut v)));
    v.push(4);
    let m = yield_from!(sub_owned(v.iter().map(|x| x * 10).collect()));
    n + m + v.len()
}

#[test]
fn yield_from_args_that_borrow_a_local_only_while_the_delegate_is_built() {
    let expect = plain(|o| {
        let mut v = vec![1, 2];
        let t = std::mem::take(&mut v);
        o.extend(t.iter().copied());
        let n = t.len();
        v.push(3);
        o.extend(std::mem::take(&mut v));
        v.push(4);
        let w: Vec<i32> = v.iter().map(|x| x * 10).collect();
        o.extend(w.iter().copied());
        n + w.len() + v.len()
    });
    assert_eq!(run(delegate_args_take_locals()), expect);
}

#[coro::coroutine]
fn push_resumed<'a>(v: &'a mut Vec<usize>) -> impl Generator<usize, Yield = usize, Return = usize> + 'a {
    v.push(yield_!(v.len()));
    *v.last_mut().unwrap() += yield_!(1);
    let n = v.len();
    v[n - 1] += yield_!(2);
    v.len()
}

#[test]
fn mut_param_receiver_and_places_around_yields() {
    let mut a = vec![7];
    let mut g = push_resumed(&mut a);
    let got = drive(&mut g, [0, 10, 20, 30]);
    drop(g);
    let mut b = vec![7];
    let expect = plain(|o| {
        o.push(b.len());
        b.push(10);
        o.push(1);
        *b.last_mut().unwrap() += 20;
        let n = b.len();
        o.push(2);
        b[n - 1] += 30;
        Some(b.len())
    });
    assert_eq!((got, a), (expect, b));
}

impl Inventory {
    #[coro::coroutine]
    fn collect_items(&mut self) -> impl Generator<i32, Yield = usize, Return = usize> + '_ {
        self.items.push(yield_!(self.items.len()));
        self.items.push(yield_!(self.items.len()));
        self.visits += 1;
        self.items.len()
    }
}

#[test]
fn mut_self_field_receiver_before_a_yield_in_its_argument() {
    let mut inv = Inventory { items: vec![], factor: 0, visits: 0 };
    let mut g = inv.collect_items();
    let got = drive(&mut g, [0, 5, 6]);
    drop(g);
    assert_eq!(got, (vec![0, 1], Some(2)));
    assert_eq!((inv.items, inv.visits), (vec![5, 6], 1));
}

#[coro::coroutine]
fn iterator_locals_consumed() -> impl Generator<Yield = i32, Return = usize> {
    let words = vec![String::from("ab"), String::from("c")];
    let total: usize = words.iter().map(|w| w.len()).sum();
    for w in words.clone() {
        yield_!(w.len() as i32);
    }
    let lens = words.iter().map(|w| w.len());
    let m = lens.max().unwrap();
    yield_!(m as i32);
    total + words.len()
}

#[test]
fn adapter_in_a_local_consumed_before_the_yield() {
    let expect = plain(|o| {
        let words = vec![String::from("ab"), String::from("c")];
        let total: usize = words.iter().map(|w| w.len()).sum();
        for w in words.clone() {
            o.push(w.len() as i32);
        }
        let lens = words.iter().map(|w| w.len());
        let m = lens.max().unwrap();
        o.push(m as i32);
        total + words.len()
    });
    assert_eq!(run(iterator_locals_consumed()), expect);
}

impl Inventory {
    #[coro::coroutine]
    fn add_each<'a>(&'a mut self, extra: &'a [i32]) -> impl Generator<Yield = (usize, i32), Return = ()> + 'a {
        for (i, (x, e)) in self.items.iter_mut().zip(extra.iter()).enumerate() {
            *x += e;
            yield_!((i, *x));
        }
    }
}

#[test]
fn mut_self_iter_mut_zipped_with_a_param() {
    let mut inv = Inventory { items: vec![1, 2, 3], factor: 0, visits: 0 };
    let got = run(inv.add_each(&[10, 20]));
    let mut items = vec![1, 2, 3];
    let expect = plain(|o| {
        for (i, (x, e)) in items.iter_mut().zip([10, 20].iter()).enumerate() {
            *x += e;
            o.push((i, *x));
        }
    });
    assert_eq!((got, inv.items), (expect, items));
}

#[coro::coroutine]
fn refs_into_param<'a>(data: &'a [i32]) -> impl Generator<Yield = &'a i32, Return = Option<&'a i32>> + 'a {
    let evens: Vec<&i32> = data.iter().filter(|x| **x % 2 == 0).collect();
    for x in evens {
        yield_!(x);
    }
    let first = data.first();
    yield_!(first.unwrap());
    data.iter().max()
}

#[test]
fn collected_references_into_a_param_kept_across_yields() {
    let data = [1, 2, 4, 3];
    let expect = plain(|o| {
        let evens: Vec<&i32> = data.iter().filter(|x| **x % 2 == 0).collect();
        for x in evens {
            o.push(x);
        }
        let first = data.first();
        o.push(first.unwrap());
        data.iter().max()
    });
    let got = run(refs_into_param(&data));
    assert_eq!(got, expect);
    assert!(std::ptr::eq(got.0[0], &data[1]));
}

// ---------------------------------------------------------------------------------------------
// Shapes the borrow check used to reject (each is a valid plain fn, and needs no borrow of a
// local across a `yield_!` in the machine).

/// A closure's captures are the variables it mentions, not method, field or path names.
#[coro::coroutine]
fn method_named_like_a_local<'a>(names: &'a [String]) -> impl Generator<Yield = usize, Return = usize> + 'a {
    let len = 3;
    let max = 10;
    for n in names.iter().map(|s| s.len()).map(|n| usize::max(n, 1)) {
        yield_!(n);
    }
    len + max
}

#[test]
fn closure_captures_are_variables_not_method_names() {
    let names = vec!["ab".to_string(), String::new()];
    assert_eq!(run(method_named_like_a_local(&names)), (vec![2, 1], 13));
}

/// `Option::map` runs its closure at once: nothing is kept.
#[coro::coroutine]
fn option_map_with_a_capture(opt: Option<i32>) -> impl Generator<Yield = i32, Return = Option<i32>> {
    let k = 10;
    let y = opt.map(|v| v + k).filter(|v| *v > k);
    yield_!(k);
    y
}

#[test]
fn option_map_does_not_keep_its_closure() {
    assert_eq!(run(option_map_with_a_capture(Some(5))), (vec![10], Some(15)));
    assert_eq!(run(option_map_with_a_capture(None)), (vec![10], None));
}

/// The items of an iterator over a reference parameter are references into the caller's data.
#[coro::coroutine]
fn words_of_lines<'a>(text: &'a str) -> impl Generator<Yield = &'a str, Return = usize> + 'a {
    let mut n = 0;
    for line in text.lines() {
        let trimmed = line.trim();
        for w in trimmed.split(' ') {
            n += 1;
            yield_!(w);
        }
    }
    n
}

#[coro::coroutine]
fn cells<'a>(grid: &'a [Vec<i32>]) -> impl Iterator<Item = i32> + 'a {
    for row in grid.iter() {
        for cell in row.iter() {
            yield_!(*cell);
        }
    }
}

#[test]
fn nested_loops_over_reference_parameters() {
    assert_eq!(run(words_of_lines(" a b\nc ")), (vec!["a", "b", "c"], 3));
    assert_eq!(cells(&[vec![1, 2], vec![], vec![3]]).collect::<Vec<_>>(), [1, 2, 3]);
}

/// A reference that is no longer used at the `yield_!` is not kept (it has no destructor).
#[coro::coroutine]
fn short_borrows() -> impl Generator<Yield = usize, Return = String> {
    let mut owned = String::from("abc");
    let s = owned.as_str();
    let n = s.len();
    yield_!(n);
    let opt = Some(owned.clone());
    if let Some(x) = &opt {
        let len = x.len();
        yield_!(len);
    }
    let mut stack = vec![1, 2];
    while let Some(top) = stack.last() {
        yield_!(*top);
        stack.pop();
    }
    let v = vec![7];
    if let Some(x) = v.first() {
        yield_!(*x);
    }
    owned.push('x');
    owned + &opt.unwrap() + &v.len().to_string()
}

#[test]
fn references_not_used_after_a_yield_are_not_kept() {
    assert_eq!(run(short_borrows()), (vec![3, 3, 2, 1, 7], "abcxabc1".to_string()));
}

/// `BufRead::lines` and `Read::bytes` take the reader by value.
#[coro::coroutine]
fn lines_of_a_reader(data: String) -> impl Generator<Yield = String, Return = usize> {
    use std::io::{BufRead, Read};
    let reader = std::io::Cursor::new(data.clone().into_bytes());
    for line in reader.lines() {
        yield_!(line.unwrap());
    }
    let bytes = std::io::Cursor::new(data.into_bytes());
    let mut n = 0;
    for b in bytes.bytes() {
        n += usize::from(b.unwrap() == b'\n');
    }
    n
}

#[test]
fn reader_lines_and_bytes_consume_the_reader() {
    assert_eq!(run(lines_of_a_reader("x\ny\n".to_string())), (vec!["x".to_string(), "y".to_string()], 2));
}

/// A guard matched out of a `Result` stays owned: it is kept to the end of its scope.
#[coro::coroutine]
fn guard_from_a_match(m: &std::sync::Mutex<u32>) -> impl Generator<Yield = bool, Return = u32> + '_ {
    if let Ok(mut g) = m.lock() {
        *g += 1;
        yield_!(m.try_lock().is_err());
    }
    let done = *m.lock().unwrap();
    done
}

#[test]
fn a_guard_from_a_pattern_is_kept_to_the_end_of_its_scope() {
    let m = std::sync::Mutex::new(1);
    assert_eq!(run(guard_from_a_match(&m)), (vec![true], 2));
}
