//! Locals the macro takes to hold only a reference (declared `&T`, initialised with `&..` or a
//! borrowing method, bound by a pattern matched against one, the items of a `for` loop over
//! one) are kept across a `yield_!` only while they are used. These are the shapes where that
//! is right: each coroutine is compared with the same body as a plain fn, run to completion
//! and dropped while suspended at each `yield_!` (the plain fn then returns at that point).
#![allow(unused_variables, unused_mut, dead_code, clippy::all)]
mod common;

use std::collections::HashMap;
use std::fmt::Debug;
use std::io::{BufRead, Cursor, Read};

use common::{log, resume_then_drop, take_log, Noisy};
use coro::{yield_, Generator};

/// The plain fn's stand-in for `yield_!`: logs `yield v`; at the `k`-th one it logs `drop gen`
/// and tells the caller to return (dropping what is in scope, as dropping a suspended
/// generator does).
struct P {
    k: usize,
    seen: usize,
}

impl P {
    fn y(&mut self, v: impl Debug) -> bool {
        log(format!("yield {v:?}"));
        self.seen += 1;
        if self.seen == self.k {
            log("drop gen");
            true
        } else {
            false
        }
    }
}

/// Compares the coroutine made by `mk` with `plain` when dropped after 0..=`n` resumes (`n`
/// yields) and after running to completion.
fn compare<G: Generator>(mk: impl Fn() -> G, plain: impl Fn(&mut P), n: usize)
where
    G::Yield: Debug,
    G::Return: Debug,
{
    for k in 1..=n + 1 {
        take_log();
        plain(&mut P { k, seen: 0 });
        let mut expected = take_log();
        if k == n + 1 {
            expected.push("complete ()".into());
            expected.push("drop gen".into());
        }
        assert_eq!(resume_then_drop(mk(), k), expected, "dropped after {k} resumes");
    }
    take_log();
    let _g = mk();
    assert_eq!(resume_then_drop(mk(), 0), vec!["drop gen".to_string()], "never resumed");
}

fn noisies(names: &[&'static str]) -> Vec<Noisy> {
    names.iter().map(|n| Noisy(n)).collect()
}

// ---------------------------------------------------------------------------------------------
// Borrowing methods of a local (`first`, `last`, `as_ref`, `as_mut`, `get_mut`, `iter`).

#[coro::coroutine]
fn first_of_local() -> impl Generator<Yield = &'static str, Return = ()> {
    let v = noisies(&["a", "b"]);
    let _g = Noisy("g");
    let f = v.first().unwrap().0;
    yield_!(f);
    log("end");
}
fn first_of_local_plain(p: &mut P) {
    let v = noisies(&["a", "b"]);
    let _g = Noisy("g");
    let f = v.first().unwrap().0;
    if p.y(f) {
        return;
    }
    log("end");
}
#[test]
fn first_of_a_local_vec() {
    compare(first_of_local, first_of_local_plain, 1);
}

#[coro::coroutine]
fn last_ref_dead() -> impl Generator<Yield = u32, Return = ()> {
    let v = noisies(&["a", "b"]);
    let last = v.first();
    log(last.unwrap().0);
    yield_!(1);
    let _h = Noisy("h");
    yield_!(2);
    log("end");
}
fn last_ref_dead_plain(p: &mut P) {
    let v = noisies(&["a", "b"]);
    let last = v.first();
    log(last.unwrap().0);
    if p.y(1) {
        return;
    }
    let _h = Noisy("h");
    if p.y(2) {
        return;
    }
    log("end");
}
#[test]
fn first_of_a_local_not_used_after_the_yield() {
    compare(last_ref_dead, last_ref_dead_plain, 2);
}

#[coro::coroutine]
fn stack_while_let() -> impl Generator<Yield = &'static str, Return = ()> {
    let mut stack = noisies(&["a", "b", "c"]);
    while let Some(top) = stack.last() {
        let name = top.0;
        yield_!(name);
        stack.pop();
        log("popped");
    }
    log("end");
}
fn stack_while_let_plain(p: &mut P) {
    let mut stack = noisies(&["a", "b", "c"]);
    while let Some(top) = stack.last() {
        let name = top.0;
        if p.y(name) {
            return;
        }
        stack.pop();
        log("popped");
    }
    log("end");
}
#[test]
fn while_let_over_last_of_a_stack() {
    compare(stack_while_let, stack_while_let_plain, 3);
}

#[coro::coroutine]
fn if_let_last() -> impl Generator<Yield = &'static str, Return = ()> {
    let v = noisies(&["x"]);
    if let Some(top) = v.first() {
        log(top.0);
        let _in = Noisy("in");
        yield_!("inside");
        log("after");
    }
    yield_!("outside");
}
fn if_let_last_plain(p: &mut P) {
    let v = noisies(&["x"]);
    if let Some(top) = v.first() {
        log(top.0);
        let _in = Noisy("in");
        if p.y("inside") {
            return;
        }
        log("after");
    }
    if p.y("outside") {
        return;
    }
}
#[test]
fn if_let_over_first_with_a_guard_inside() {
    compare(if_let_last, if_let_last_plain, 2);
}

#[coro::coroutine]
fn match_first() -> impl Generator<Yield = &'static str, Return = ()> {
    let v = noisies(&["m"]);
    match v.first() {
        Some(n) => {
            log(n.0);
            yield_!("some");
        }
        None => yield_!("none"),
    }
    log("end");
}
fn match_first_plain(p: &mut P) {
    let v = noisies(&["m"]);
    match v.first() {
        Some(n) => {
            log(n.0);
            if p.y("some") {
                return;
            }
        }
        None => {
            if p.y("none") {
                return;
            }
        }
    }
    log("end");
}
#[test]
fn match_on_first_of_a_local() {
    compare(match_first, match_first_plain, 1);
}

#[coro::coroutine]
fn option_as_ref() -> impl Generator<Yield = &'static str, Return = ()> {
    let o = Some(Noisy("o"));
    let _g = Noisy("g");
    let r = o.as_ref();
    yield_!(r.map_or("none", |n| n.0));
    log("end");
}
fn option_as_ref_plain(p: &mut P) {
    let o = Some(Noisy("o"));
    let _g = Noisy("g");
    let r = o.as_ref();
    if p.y(r.map_or("none", |n| n.0)) {
        return;
    }
    log("end");
}
#[test]
fn as_ref_of_an_option_keeps_the_option() {
    compare(option_as_ref, option_as_ref_plain, 1);
}

#[coro::coroutine]
fn option_as_mut() -> impl Generator<Yield = &'static str, Return = ()> {
    let mut o = Some(Noisy("old"));
    if let Some(n) = o.as_mut() {
        *n = Noisy("new");
    }
    yield_!("swapped");
    log("end");
}
fn option_as_mut_plain(p: &mut P) {
    let mut o = Some(Noisy("old"));
    if let Some(n) = o.as_mut() {
        *n = Noisy("new");
    }
    if p.y("swapped") {
        return;
    }
    log("end");
}
#[test]
fn as_mut_of_an_option_assigns_in_place() {
    compare(option_as_mut, option_as_mut_plain, 1);
}

#[coro::coroutine]
fn option_as_deref() -> impl Generator<Yield = usize, Return = ()> {
    let name = Some(String::from("abc"));
    let _g = Noisy("g");
    let s = name.as_deref();
    yield_!(s.map_or(0, str::len));
    log("end");
}
fn option_as_deref_plain(p: &mut P) {
    let name = Some(String::from("abc"));
    let _g = Noisy("g");
    let s = name.as_deref();
    if p.y(s.map_or(0, str::len)) {
        return;
    }
    log("end");
}
#[test]
fn as_deref_of_a_local_option() {
    compare(option_as_deref, option_as_deref_plain, 1);
}

#[coro::coroutine]
fn hashmap_get_mut() -> impl Generator<Yield = u32, Return = ()> {
    let mut m: HashMap<u32, Noisy> = HashMap::new();
    m.insert(1, Noisy("one"));
    if let Some(v) = m.get_mut(&1) {
        *v = Noisy("uno");
    }
    yield_!(1);
    log("end");
}
fn hashmap_get_mut_plain(p: &mut P) {
    let mut m: HashMap<u32, Noisy> = HashMap::new();
    m.insert(1, Noisy("one"));
    if let Some(v) = m.get_mut(&1) {
        *v = Noisy("uno");
    }
    if p.y(1) {
        return;
    }
    log("end");
}
#[test]
fn get_mut_of_a_local_map() {
    compare(hashmap_get_mut, hashmap_get_mut_plain, 1);
}

#[coro::coroutine]
fn string_views() -> impl Generator<Yield = usize, Return = ()> {
    let text = String::from("  a b  ");
    let _g = Noisy("g");
    let t = text.trim();
    let n = t.split_whitespace().count();
    let s = text.as_str();
    yield_!(n + s.len());
    log("end");
}
fn string_views_plain(p: &mut P) {
    let text = String::from("  a b  ");
    let _g = Noisy("g");
    let t = text.trim();
    let n = t.split_whitespace().count();
    let s = text.as_str();
    if p.y(n + s.len()) {
        return;
    }
    log("end");
}
#[test]
fn trim_and_as_str_of_a_local_string() {
    compare(string_views, string_views_plain, 1);
}

#[coro::coroutine]
fn iter_of_local_then_next() -> impl Generator<Yield = &'static str, Return = ()> {
    let v = noisies(&["a", "b"]);
    let first = v.iter().next().unwrap().0;
    let max = v.iter().map(|n| n.0).max().unwrap();
    let found = v.iter().find(|n| n.0 == "b").map(|n| n.0);
    yield_!(first);
    yield_!(max);
    yield_!(found.unwrap());
    log("end");
}
fn iter_of_local_then_next_plain(p: &mut P) {
    let v = noisies(&["a", "b"]);
    let first = v.iter().next().unwrap().0;
    let max = v.iter().map(|n| n.0).max().unwrap();
    let found = v.iter().find(|n| n.0 == "b").map(|n| n.0);
    if p.y(first) {
        return;
    }
    if p.y(max) {
        return;
    }
    if p.y(found.unwrap()) {
        return;
    }
    log("end");
}
#[test]
fn item_takers_over_a_borrowed_local() {
    compare(iter_of_local_then_next, iter_of_local_then_next_plain, 3);
}

// ---------------------------------------------------------------------------------------------
// Iterating reference parameters: the item bindings are references.

#[coro::coroutine]
fn for_iter_param<'a>(v: &'a [Noisy]) -> impl Generator<Yield = &'static str, Return = ()> + 'a {
    let _g = Noisy("g");
    for n in v.iter() {
        let _b = Noisy("body");
        yield_!(n.0);
        log("next");
    }
    log("end");
}
fn for_iter_param_plain(v: &[Noisy], p: &mut P) {
    let _g = Noisy("g");
    for n in v.iter() {
        let _b = Noisy("body");
        if p.y(n.0) {
            return;
        }
        log("next");
    }
    log("end");
}
#[test]
fn for_over_iter_of_a_slice_parameter() {
    let v = noisies(&["a", "b"]);
    compare(|| for_iter_param(&v), |p| for_iter_param_plain(&v, p), 2);
}

#[coro::coroutine]
fn for_rev_skip_enumerate<'a>(v: &'a [Noisy]) -> impl Generator<Yield = (usize, &'static str), Return = ()> + 'a {
    for (i, n) in v.iter().rev().skip(1).enumerate() {
        yield_!((i, n.0));
    }
    log("end");
}
fn for_rev_skip_enumerate_plain(v: &[Noisy], p: &mut P) {
    for (i, n) in v.iter().rev().skip(1).enumerate() {
        if p.y((i, n.0)) {
            return;
        }
    }
    log("end");
}
#[test]
fn for_over_an_adapter_chain_of_a_parameter() {
    let v = noisies(&["a", "b", "c"]);
    compare(|| for_rev_skip_enumerate(&v), |p| for_rev_skip_enumerate_plain(&v, p), 2);
}

#[coro::coroutine]
fn lines_of_param<'a>(text: &'a str) -> impl Generator<Yield = &'a str, Return = ()> + 'a {
    let _g = Noisy("g");
    for line in text.lines() {
        let _l = Noisy("line");
        yield_!(line.trim());
    }
}
fn lines_of_param_plain(text: &str, p: &mut P) {
    let _g = Noisy("g");
    for line in text.lines() {
        let _l = Noisy("line");
        if p.y(line.trim()) {
            return;
        }
    }
}
#[test]
fn for_over_lines_of_a_str_parameter() {
    compare(|| lines_of_param(" a \nb"), |p| lines_of_param_plain(" a \nb", p), 2);
}

#[coro::coroutine]
fn windows_chunks<'a>(v: &'a [u32]) -> impl Generator<Yield = u32, Return = ()> + 'a {
    let _g = Noisy("g");
    for w in v.windows(2) {
        yield_!(w[0] + w[1]);
    }
    for c in v.chunks(2) {
        yield_!(c.iter().sum());
    }
}
fn windows_chunks_plain(v: &[u32], p: &mut P) {
    let _g = Noisy("g");
    for w in v.windows(2) {
        if p.y(w[0] + w[1]) {
            return;
        }
    }
    for c in v.chunks(2) {
        if p.y(c.iter().sum::<u32>()) {
            return;
        }
    }
}
#[test]
fn windows_and_chunks_of_a_parameter() {
    compare(|| windows_chunks(&[1, 2, 3]), |p| windows_chunks_plain(&[1, 2, 3], p), 4);
}

#[coro::coroutine]
fn keys_values<'a>(m: &'a std::collections::BTreeMap<u32, Noisy>) -> impl Generator<Yield = (u32, &'static str), Return = ()> + 'a {
    let _g = Noisy("g");
    let ks = m.keys();
    let first_key = m.keys().next().copied();
    for v in m.values() {
        yield_!((first_key.unwrap(), v.0));
    }
}
fn keys_values_plain(m: &std::collections::BTreeMap<u32, Noisy>, p: &mut P) {
    let _g = Noisy("g");
    let ks = m.keys();
    let first_key = m.keys().next().copied();
    for v in m.values() {
        if p.y((first_key.unwrap(), v.0)) {
            return;
        }
    }
}
#[test]
fn keys_and_values_of_a_map_parameter() {
    let m: std::collections::BTreeMap<u32, Noisy> = [(1, Noisy("x")), (2, Noisy("y"))].into_iter().collect();
    compare(|| keys_values(&m), |p| keys_values_plain(&m, p), 2);
}

#[coro::coroutine]
fn typed_ref_param<'a>(text: &'a String) -> impl Generator<Yield = usize, Return = ()> + 'a {
    let _g = Noisy("g");
    let s: &str = text;
    let r = &text[1..];
    yield_!(s.len());
    yield_!(r.len());
    log("end");
}
fn typed_ref_param_plain(text: &String, p: &mut P) {
    let _g = Noisy("g");
    let s: &str = text;
    let r = &text[1..];
    if p.y(s.len()) {
        return;
    }
    if p.y(r.len()) {
        return;
    }
    log("end");
}
#[test]
fn typed_and_ampersand_references_through_a_parameter() {
    let t = String::from("abc");
    compare(|| typed_ref_param(&t), |p| typed_ref_param_plain(&t, p), 2);
}

#[coro::coroutine]
fn peekable_param<'a>(v: &'a [Noisy]) -> impl Generator<Yield = &'static str, Return = ()> + 'a {
    let mut it = v.iter().peekable();
    while let Some(n) = it.next() {
        let last = it.peek().is_none();
        yield_!(if last { "last" } else { n.0 });
    }
}
fn peekable_param_plain(v: &[Noisy], p: &mut P) {
    let mut it = v.iter().peekable();
    while let Some(n) = it.next() {
        let last = it.peek().is_none();
        if p.y(if last { "last" } else { n.0 }) {
            return;
        }
    }
}
#[test]
fn peekable_over_a_parameter() {
    let v = noisies(&["a", "b"]);
    compare(|| peekable_param(&v), |p| peekable_param_plain(&v, p), 2);
}

#[coro::coroutine]
fn filter_closures<'a>(v: &'a [Noisy]) -> impl Generator<Yield = &'static str, Return = ()> + 'a {
    for n in v.iter().filter(|n| n.0 != "b").take_while(|n| n.0 != "z") {
        yield_!(n.0);
    }
}
fn filter_closures_plain(v: &[Noisy], p: &mut P) {
    for n in v.iter().filter(|n| n.0 != "b").take_while(|n| n.0 != "z") {
        if p.y(n.0) {
            return;
        }
    }
}
#[test]
fn filter_and_take_while_with_borrowing_closures() {
    let v = noisies(&["a", "b", "c", "z", "d"]);
    compare(|| filter_closures(&v), |p| filter_closures_plain(&v, p), 2);
}

// ---------------------------------------------------------------------------------------------
// Owned values, not taken for references: kept to the end of their scope.

#[coro::coroutine]
fn filter_move_closure<'a>(v: &'a [u32]) -> impl Generator<Yield = u32, Return = ()> + 'a {
    let guard = Noisy("pred");
    let it = v.iter().filter(move |x| {
        let _ = &guard;
        **x > 1
    });
    yield_!(0);
    log("end");
}
fn filter_move_closure_plain(v: &[u32], p: &mut P) {
    let guard = Noisy("pred");
    let it = v.iter().filter(move |x| {
        let _ = &guard;
        **x > 1
    });
    if p.y(0) {
        return;
    }
    log("end");
}
#[test]
fn a_filter_with_a_move_closure_owns_what_it_captures() {
    compare(|| filter_move_closure(&[1, 2]), |p| filter_move_closure_plain(&[1, 2], p), 1);
}

#[coro::coroutine]
fn owned_item_takers() -> impl Generator<Yield = u32, Return = ()> {
    let a = noisies(&["a1", "a2"]).into_iter().next();
    let b = noisies(&["b1", "b2", "b3"]).into_iter().nth(1);
    let c = noisies(&["c1"]).iter().cloned().next();
    yield_!(1);
    log("end");
}
fn owned_item_takers_plain(p: &mut P) {
    let a = noisies(&["a1", "a2"]).into_iter().next();
    let b = noisies(&["b1", "b2", "b3"]).into_iter().nth(1);
    let c = noisies(&["c1"]).iter().cloned().next();
    if p.y(1) {
        return;
    }
    log("end");
}
#[test]
fn next_and_nth_of_owning_iterators_are_kept() {
    compare(owned_item_takers, owned_item_takers_plain, 1);
}

#[coro::coroutine]
fn drain_next() -> impl Generator<Yield = u32, Return = ()> {
    let mut v = noisies(&["d1", "d2"]);
    let x = v.drain(..).next();
    let y = v.len() as u32;
    yield_!(y);
    log("end");
}
fn drain_next_plain(p: &mut P) {
    let mut v = noisies(&["d1", "d2"]);
    let x = v.drain(..).next();
    let y = v.len() as u32;
    if p.y(y) {
        return;
    }
    log("end");
}
#[test]
fn next_of_a_drain_is_kept() {
    compare(drain_next, drain_next_plain, 1);
}

#[coro::coroutine]
fn for_into_iter_items() -> impl Generator<Yield = &'static str, Return = ()> {
    let v = noisies(&["i1", "i2"]);
    for n in v.into_iter().rev() {
        log("start");
        yield_!("working");
        log("done");
    }
}
fn for_into_iter_items_plain(p: &mut P) {
    let v = noisies(&["i1", "i2"]);
    for n in v.into_iter().rev() {
        log("start");
        if p.y("working") {
            return;
        }
        log("done");
    }
}
#[test]
fn items_of_an_owning_for_loop_live_to_the_end_of_the_body() {
    compare(for_into_iter_items, for_into_iter_items_plain, 2);
}

#[coro::coroutine]
fn rx_try_iter<'a>(rx: &'a std::sync::mpsc::Receiver<Noisy>) -> impl Generator<Yield = &'static str, Return = ()> + 'a {
    let job = rx.try_iter().next();
    yield_!("got");
    log("end");
}
fn rx_try_iter_plain(rx: &std::sync::mpsc::Receiver<Noisy>, p: &mut P) {
    let job = rx.try_iter().next();
    if p.y("got") {
        return;
    }
    log("end");
}
fn channel_of(names: &[&'static str]) -> std::sync::mpsc::Receiver<Noisy> {
    let (tx, rx) = std::sync::mpsc::channel();
    for n in names {
        tx.send(Noisy(n)).unwrap();
    }
    rx
}
#[test]
fn next_of_try_iter_is_kept() {
    compare(|| rx_try_iter(Box::leak(Box::new(channel_of(&["j"])))), |p| rx_try_iter_plain(&channel_of(&["j"]), p), 1);
}

/// A reader that logs when dropped: `lines()` and `bytes()` take it by value.
struct LoggedReader(Cursor<Vec<u8>>, Noisy);
impl Read for LoggedReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}
impl BufRead for LoggedReader {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.0.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.0.consume(n)
    }
}
fn reader(text: &str) -> LoggedReader {
    LoggedReader(Cursor::new(text.as_bytes().to_vec()), Noisy("reader"))
}

#[coro::coroutine]
fn reader_lines() -> impl Generator<Yield = String, Return = ()> {
    let r = reader("a\nb");
    let _g = Noisy("g");
    for line in r.lines() {
        yield_!(line.unwrap());
    }
    log("end");
}
fn reader_lines_plain(p: &mut P) {
    let r = reader("a\nb");
    let _g = Noisy("g");
    for line in r.lines() {
        if p.y(line.unwrap()) {
            return;
        }
    }
    log("end");
}
#[test]
fn lines_consume_a_local_reader() {
    compare(reader_lines, reader_lines_plain, 2);
}

#[coro::coroutine]
fn reader_bytes() -> impl Generator<Yield = u8, Return = ()> {
    let r = reader("xy");
    let mut it = r.bytes();
    let first = it.next();
    yield_!(first.unwrap().unwrap());
    log("end");
}
fn reader_bytes_plain(p: &mut P) {
    let r = reader("xy");
    let mut it = r.bytes();
    let first = it.next();
    if p.y(first.unwrap().unwrap()) {
        return;
    }
    log("end");
}
#[test]
fn bytes_consume_a_local_reader() {
    compare(reader_bytes, reader_bytes_plain, 1);
}

// ---------------------------------------------------------------------------------------------
// References used across several yields, then dead.

#[coro::coroutine]
fn ref_used_then_dead() -> impl Generator<Yield = &'static str, Return = ()> {
    let v = noisies(&["a", "b"]);
    let first = v.first().unwrap();
    let _g = Noisy("g");
    yield_!(first.0);
    yield_!("again");
    let _h = Noisy("h");
    yield_!("last");
    log("end");
}
fn ref_used_then_dead_plain(p: &mut P) {
    let v = noisies(&["a", "b"]);
    let first = v.first().unwrap();
    let _g = Noisy("g");
    if p.y(first.0) {
        return;
    }
    if p.y("again") {
        return;
    }
    let _h = Noisy("h");
    if p.y("last") {
        return;
    }
    log("end");
}
#[test]
fn a_reference_to_a_local_then_more_guards() {
    compare(ref_used_then_dead, ref_used_then_dead_plain, 3);
}

#[coro::coroutine]
fn by_ref_take<'a>(it: &'a mut std::slice::Iter<'static, u32>) -> impl Generator<Yield = u32, Return = ()> + 'a {
    let _g = Noisy("g");
    for x in it.by_ref().take(2) {
        yield_!(*x);
    }
    log("end");
}
fn by_ref_take_plain(it: &mut std::slice::Iter<'static, u32>, p: &mut P) {
    let _g = Noisy("g");
    for x in it.by_ref().take(2) {
        if p.y(*x) {
            return;
        }
    }
    log("end");
}
#[test]
fn by_ref_take_of_a_mut_parameter() {
    static DATA: [u32; 3] = [1, 2, 3];
    compare(|| by_ref_take(Box::leak(Box::new(DATA.iter()))), |p| by_ref_take_plain(&mut DATA.iter(), p), 2);
}

#[coro::coroutine]
fn iter_mut_first_mut() -> impl Generator<Yield = &'static str, Return = ()> {
    let mut v = noisies(&["a", "b"]);
    if let Some(f) = v.first_mut() {
        *f = Noisy("A");
    }
    for n in v.iter_mut() {
        n.0 = "z";
    }
    let l = v.last_mut();
    yield_!("done");
    log("end");
}
fn iter_mut_first_mut_plain(p: &mut P) {
    let mut v = noisies(&["a", "b"]);
    if let Some(f) = v.first_mut() {
        *f = Noisy("A");
    }
    for n in v.iter_mut() {
        n.0 = "z";
    }
    let l = v.last_mut();
    if p.y("done") {
        return;
    }
    log("end");
}
#[test]
fn mutable_views_of_a_local_before_a_yield() {
    compare(iter_mut_first_mut, iter_mut_first_mut_plain, 1);
}

#[coro::coroutine]
fn match_ref_pattern() -> impl Generator<Yield = &'static str, Return = ()> {
    let pair = (Noisy("l"), Noisy("r"));
    match &pair {
        (a, _) => {
            log(a.0);
            yield_!("matched");
        }
    }
    log("end");
}
fn match_ref_pattern_plain(p: &mut P) {
    let pair = (Noisy("l"), Noisy("r"));
    match &pair {
        (a, _) => {
            log(a.0);
            if p.y("matched") {
                return;
            }
        }
    }
    log("end");
}
#[test]
fn match_on_a_reference_to_a_local_keeps_the_local() {
    compare(match_ref_pattern, match_ref_pattern_plain, 1);
}

// ---------------------------------------------------------------------------------------------
// Values that look like references but own what they hold: kept to the end of their scope.

#[coro::coroutine]
fn last_of_a_local_vec() -> impl Generator<Yield = &'static str, Return = ()> {
    let v = noisies(&["v"]);
    let _g = Noisy("g");
    if let Some(top) = v.last() {
        log(top.0);
    }
    yield_!("x");
    log("end");
}
fn last_of_a_local_vec_plain(p: &mut P) {
    let v = noisies(&["v"]);
    let _g = Noisy("g");
    if let Some(top) = v.last() {
        log(top.0);
    }
    if p.y("x") {
        return;
    }
    log("end");
}
#[test]
fn slice_last_borrows_the_vec() {
    compare(last_of_a_local_vec, last_of_a_local_vec_plain, 1);
}

#[coro::coroutine]
fn last_of_an_owning_iterator() -> impl Generator<Yield = u32, Return = ()> {
    let last = noisies(&["x", "last"]).into_iter().last();
    yield_!(1);
    log("end");
}
fn last_of_an_owning_iterator_plain(p: &mut P) {
    let last = noisies(&["x", "last"]).into_iter().last();
    if p.y(1) {
        return;
    }
    log("end");
}
#[test]
fn iterator_last_is_owned() {
    compare(last_of_an_owning_iterator, last_of_an_owning_iterator_plain, 1);
}

#[coro::coroutine]
fn receiver_jobs(rx: &std::sync::mpsc::Receiver<Noisy>) -> impl Generator<Yield = &'static str, Return = ()> + '_ {
    for job in rx.iter() {
        log("start");
        yield_!("working");
        log("done");
    }
    let mut p = rx.iter().peekable();
    p.peek();
    yield_!("peeked");
}
fn receiver_jobs_plain(rx: &std::sync::mpsc::Receiver<Noisy>, p: &mut P) {
    for job in rx.iter() {
        log("start");
        if p.y("working") {
            return;
        }
        log("done");
    }
    let mut it = rx.iter().peekable();
    it.peek();
    if p.y("peeked") {
        return;
    }
}
#[test]
fn items_of_a_receiver_are_owned() {
    let channel = || {
        let (tx, rx) = std::sync::mpsc::channel();
        tx.send(Noisy("j1")).unwrap();
        tx.send(Noisy("j2")).unwrap();
        rx
    };
    for k in 1..=3 {
        take_log();
        let rx = channel();
        receiver_jobs_plain(&rx, &mut P { k, seen: 0 });
        let expected = take_log();
        let rx = channel();
        assert_eq!(resume_then_drop(receiver_jobs(&rx), k), expected, "dropped after {k} resumes");
    }
}

#[coro::coroutine]
fn rest_of_an_owning_iterator(it: &mut std::vec::IntoIter<Noisy>) -> impl Generator<Yield = u32, Return = ()> + '_ {
    for x in &mut *it {
        yield_!(1);
        log("body");
    }
}
fn rest_of_an_owning_iterator_plain(it: &mut std::vec::IntoIter<Noisy>, p: &mut P) {
    for x in &mut *it {
        if p.y(1) {
            return;
        }
        log("body");
    }
}
#[test]
fn items_through_a_mut_reference_to_an_owning_iterator_are_owned() {
    for k in 1..=2 {
        take_log();
        let mut it = noisies(&["v1", "v2"]).into_iter();
        rest_of_an_owning_iterator_plain(&mut it, &mut P { k, seen: 0 });
        let expected = take_log();
        let mut it = noisies(&["v1", "v2"]).into_iter();
        assert_eq!(resume_then_drop(rest_of_an_owning_iterator(&mut it), k), expected, "dropped after {k} resumes");
    }
}

fn noisy(name: &'static str) -> Noisy {
    Noisy(name)
}

#[coro::coroutine]
fn extended_temporary() -> impl Generator<Yield = &'static str, Return = ()> {
    let r = &noisy("tmp");
    let s = &mut noisies(&["in vec"]);
    s.push(Noisy("pushed"));
    yield_!(r.0);
    log("end");
}
fn extended_temporary_plain(p: &mut P) {
    let r = &noisy("tmp");
    let s = &mut noisies(&["in vec"]);
    s.push(Noisy("pushed"));
    if p.y(r.0) {
        return;
    }
    log("end");
}
#[test]
fn a_temporary_a_let_extends_lives_to_the_end_of_the_block() {
    compare(extended_temporary, extended_temporary_plain, 1);
}
