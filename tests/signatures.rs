//! Every signature shape the attribute accepts: methods (`&self`, `&mut self`, `self`,
//! `mut self`), associated fns, trait impls, generics, const generics, where-clauses,
//! lifetimes, `impl Trait` arguments, pattern and `mut` parameters, resume types other than
//! `()`, and degenerate bodies.
#![allow(unexpected_cfgs)]
mod common;

use std::collections::HashMap;
use std::fmt::Display;
use std::ops::Add;

use common::{drive, run};
use coro::{yield_, yield_from, Generator, GeneratorState};

// ---------------------------------------------------------------------------------------------
// Methods and associated fns.

#[derive(Debug, Clone, PartialEq)]
struct Counter {
    start: u32,
    hits: u32,
    name: String,
    items: Vec<u32>,
}

impl Counter {
    fn new(name: &str) -> Self {
        Counter { start: 3, hits: 0, name: name.to_string(), items: vec![10, 20, 30] }
    }

    /// `&self`: reads fields across yields.
    #[coro::coroutine]
    fn upto(&self, end: u32) -> impl Generator<Yield = u32, Return = usize> + '_ {
        for i in self.start..end {
            yield_!(i + self.hits);
        }
        self.name.len()
    }

    /// `&mut self`: mutates fields across yields; the caller sees the mutations afterwards.
    #[coro::coroutine]
    fn bump(&mut self, times: u32) -> impl Generator<Yield = u32, Return = u32> + '_ {
        for _ in 0..times {
            self.hits += 1;
            yield_!(self.hits);
            self.name.push('!');
        }
        self.hits * 10
    }

    /// `self` by value, destructured. (Moving a field out with `self.name.into_bytes()` is
    /// rejected: see `partial_move_bug` below.) The `allow` silences a spurious
    /// `non_shorthand_field_patterns` warning the macro produces for `let Counter { name, .. }`
    /// (macro bug).
    #[allow(non_shorthand_field_patterns)]
    #[coro::coroutine]
    fn into_bytes(self) -> impl Iterator<Item = u8> {
        let Counter { name, .. } = self;
        for b in name.into_bytes() {
            yield_!(b);
        }
    }

    /// `mut self` by value, mutated across yields.
    #[coro::coroutine]
    fn drain(mut self) -> impl Generator<Yield = u32, Return = Counter> {
        while let Some(x) = self.items.pop() {
            self.hits += 1;
            yield_!(x);
        }
        self
    }

    /// Associated fn (no receiver) yielding `Self` and calling other associated items.
    #[coro::coroutine]
    fn many(names: Vec<&'static str>) -> impl Iterator<Item = Self> {
        for n in names {
            let c = Self::new(n);
            yield_!(c);
        }
    }

    /// `&self` yielding references into `self`.
    #[coro::coroutine]
    fn refs(&self) -> impl Generator<Yield = &u32, Return = &str> + '_ {
        for x in self.items.iter() {
            yield_!(x);
        }
        self.name.as_str()
    }

    /// `&self` with a `self.method()` call inside and a resume type.
    #[coro::coroutine]
    fn scaled(&self) -> impl Generator<u32, Yield = u32, Return = ()> + '_ {
        let mut factor = 1;
        for &x in &self.items {
            factor = yield_!(self.times(x, factor));
        }
    }

    fn times(&self, x: u32, f: u32) -> u32 {
        x * f + self.start
    }
}

#[test]
fn ref_self_method() {
    let c = Counter::new("abc");
    assert_eq!(run(c.upto(6)), (vec![3, 4, 5], 3));
    // The generator only borrows `c`.
    assert_eq!(run(c.upto(4)), (vec![3], 3));
}

#[test]
fn mut_self_method_mutates_fields_across_yields() {
    let mut c = Counter::new("n");
    {
        let mut g = c.bump(3);
        assert_eq!(g.resume(()), GeneratorState::Yielded(1));
        assert_eq!(g.resume(()), GeneratorState::Yielded(2));
        assert_eq!(g.resume(()), GeneratorState::Yielded(3));
        assert_eq!(g.resume(()), GeneratorState::Complete(30));
    }
    assert_eq!((c.hits, c.name.as_str()), (3, "n!!!"));
    {
        // Dropped mid-way: the mutations made so far stay.
        let mut g = c.bump(5);
        assert_eq!(g.resume(()), GeneratorState::Yielded(4));
    }
    assert_eq!((c.hits, c.name.as_str()), (4, "n!!!"));
}

#[test]
fn self_by_value_methods() {
    assert_eq!(Counter::new("hi").into_bytes().collect::<Vec<_>>(), b"hi");
    let (ys, back) = run(Counter::new("d").drain());
    assert_eq!(ys, [30, 20, 10]);
    assert_eq!(back, Counter { start: 3, hits: 3, name: "d".into(), items: vec![] });
}

#[test]
fn associated_fn_yielding_self() {
    let names: Vec<String> = Counter::many(vec!["x", "y"]).map(|c| c.name).collect();
    assert_eq!(names, ["x", "y"]);
}

#[test]
fn ref_self_yielding_references() {
    let c = Counter::new("owner");
    let mut g = c.refs();
    assert_eq!(g.resume(()), GeneratorState::Yielded(&10));
    let second = g.resume(()).yielded().unwrap();
    assert!(std::ptr::eq(second, &c.items[1]), "yields point into `c`");
    assert_eq!(g.resume(()), GeneratorState::Yielded(&30));
    assert_eq!(g.resume(()), GeneratorState::Complete("owner"));
}

#[test]
fn ref_self_with_resume_values_and_method_calls() {
    let c = Counter::new("s");
    let mut g = c.scaled();
    assert_eq!(drive(&mut g, [0, 2, 3, 0]), (vec![13, 43, 93], Some(())));
}

// Generic impl with a generic method.
struct Wrapper<T> {
    items: Vec<T>,
}

impl<T: Display> Wrapper<T> {
    #[coro::coroutine]
    fn shown<'s, P: Display + 's>(&'s self, prefix: P) -> impl Iterator<Item = String> + 's {
        for (i, it) in self.items.iter().enumerate() {
            yield_!(format!("{prefix}{i}={it}"));
        }
    }
}

#[test]
fn generic_method_of_a_generic_impl() {
    let w = Wrapper { items: vec![1.5, 2.0] };
    assert_eq!(w.shown('#').collect::<Vec<_>>(), ["#0=1.5", "#1=2"]);
}

// Trait methods returning `impl Trait` (RPITIT), and a default method.
trait Source {
    fn values(&self) -> impl Iterator<Item = u32> + '_;

    #[coro::coroutine]
    fn doubled(&self) -> impl Iterator<Item = u32> + '_ {
        for v in self.values() {
            yield_!(v * 2);
        }
    }
}

struct Fixed(Vec<u32>);

impl Source for Fixed {
    #[coro::coroutine]
    fn values(&self) -> impl Iterator<Item = u32> + '_ {
        for &v in &self.0 {
            yield_!(v);
        }
    }
}

#[test]
fn trait_impl_and_default_methods() {
    let f = Fixed(vec![1, 2, 3]);
    assert_eq!(f.values().collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(f.doubled().collect::<Vec<_>>(), [2, 4, 6]);
}

// ---------------------------------------------------------------------------------------------
// Generics, const generics, where-clauses, lifetimes, `impl Trait` arguments.

#[coro::coroutine]
fn pairs<T: Clone>(items: Vec<T>) -> impl Generator<Yield = (T, T), Return = usize> {
    let mut count = 0;
    let mut prev: Option<T> = None;
    for x in items {
        if let Some(p) = prev {
            yield_!((p, x.clone()));
            count += 1;
        }
        prev = Some(x);
    }
    count
}

#[test]
fn generic_fn() {
    assert_eq!(run(pairs(vec!['a', 'b', 'c'])), (vec![('a', 'b'), ('b', 'c')], 2));
    assert_eq!(run(pairs(vec![String::from("x")])), (vec![], 0));
}

#[coro::coroutine]
fn chunks<const N: usize>(data: Vec<u8>) -> impl Iterator<Item = [u8; N]> {
    let mut buf = [0u8; N];
    let mut len = 0;
    for b in data {
        buf[len] = b;
        len += 1;
        if len == N {
            yield_!(buf);
            len = 0;
        }
    }
}

#[test]
fn const_generic_fn() {
    assert_eq!(chunks::<2>(vec![1, 2, 3, 4, 5]).collect::<Vec<_>>(), [[1, 2], [3, 4]]);
    assert_eq!(chunks::<3>(vec![1, 2, 3, 4, 5, 6]).collect::<Vec<_>>(), [[1, 2, 3], [4, 5, 6]]);
}

#[coro::coroutine]
fn running_sums<I>(it: I) -> impl Generator<Yield = I::Item, Return = I::Item>
where
    I: Iterator,
    I::Item: Copy + Add<Output = I::Item> + Default,
{
    let mut acc = I::Item::default();
    for x in it {
        acc = acc + x;
        yield_!(acc);
    }
    acc
}

#[test]
fn where_clauses_and_associated_types() {
    assert_eq!(run(running_sums(vec![1, 2, 3].into_iter())), (vec![1, 3, 6], 6));
    assert_eq!(run(running_sums([0.5f64, 0.25].into_iter())), (vec![0.5, 0.75], 0.75));
}

#[coro::coroutine]
fn words<'a>(s: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    for w in s.split_whitespace() {
        yield_!(w);
    }
}

#[coro::coroutine]
fn longest<'a, 'b: 'a>(a: &'a str, b: &'b str) -> impl Generator<Yield = &'a str, Return = &'a str> + 'a {
    yield_!(a);
    yield_!(b);
    if a.len() >= b.len() {
        a
    } else {
        b
    }
}

#[test]
fn lifetimes() {
    let text = String::from("one two  three");
    let ws: Vec<&str> = words(&text).collect();
    assert_eq!(ws, ["one", "two", "three"]);
    let (x, y) = (String::from("short"), String::from("longer!"));
    assert_eq!(run(longest(&x, &y)), (vec!["short", "longer!"], "longer!"));
}

#[coro::coroutine]
fn doubled(it: impl Iterator<Item = u32>) -> impl Iterator<Item = u32> {
    for x in it {
        yield_!(x * 2);
    }
}

#[coro::coroutine]
fn apply(f: impl Fn(u32) -> u32, xs: impl IntoIterator<Item = u32>) -> impl Generator<Yield = u32, Return = ()> {
    for x in xs {
        yield_!(f(x));
    }
}

#[test]
fn impl_trait_arguments() {
    assert_eq!(doubled(1..4).collect::<Vec<_>>(), [2, 4, 6]);
    assert_eq!(doubled(vec![5].into_iter()).collect::<Vec<_>>(), [10]);
    let k = 7;
    assert_eq!(run(apply(move |x| x + k, [1, 2])), (vec![8, 9], ()));
}

// ---------------------------------------------------------------------------------------------
// Parameters.

#[derive(Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
}

#[coro::coroutine]
fn swap_pair((a, b): (u32, u32)) -> impl Generator<Yield = u32, Return = (u32, u32)> {
    yield_!(a);
    yield_!(b);
    (b, a)
}

#[coro::coroutine]
fn walk(Point { x, y }: Point, [dx, dy]: [i32; 2]) -> impl Generator<Yield = (i32, i32), Return = ()> {
    let (mut px, mut py) = (x, y);
    for _ in 0..3 {
        yield_!((px, py));
        px += dx;
        py += dy;
    }
}

#[coro::coroutine]
fn countdown(mut n: u32, _unused: u8) -> impl Iterator<Item = u32> {
    while n > 0 {
        yield_!(n);
        n -= 1;
    }
}

#[coro::coroutine]
fn ref_and_mut_ref<'a>(src: &'a [u32], dst: &'a mut Vec<u32>) -> impl Generator<Yield = usize, Return = ()> + 'a {
    for &v in src {
        dst.push(v * 10);
        yield_!(dst.len());
    }
}

#[test]
fn pattern_and_mut_parameters() {
    assert_eq!(run(swap_pair((1, 2))), (vec![1, 2], (2, 1)));
    assert_eq!(run(walk(Point { x: 0, y: 1 }, [2, -1])), (vec![(0, 1), (2, 0), (4, -1)], ()));
    assert_eq!(countdown(3, 0).collect::<Vec<_>>(), [3, 2, 1]);
    let mut out = Vec::new();
    assert_eq!(run(ref_and_mut_ref(&[1, 2], &mut out)), (vec![1, 2], ()));
    assert_eq!(out, [10, 20]);
}

// ---------------------------------------------------------------------------------------------
// A delegation chain of five levels.

#[coro::coroutine]
fn chain5(base: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let got = yield_!(base * 5);
    got + 5
}

#[coro::coroutine]
fn chain4(base: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let got = yield_!(base * 4);
    let inner = yield_from!(chain5(base));
    got + inner + 4
}

#[coro::coroutine]
fn chain3(base: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let got = yield_!(base * 3);
    let inner = yield_from!(chain4(base));
    got + inner + 3
}

#[coro::coroutine]
fn chain2(base: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let got = yield_!(base * 2);
    let inner = yield_from!(chain3(base));
    got + inner + 2
}

#[coro::coroutine]
fn chain1(base: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let got = yield_!(base);
    let inner = yield_from!(chain2(base));
    got + inner + 1
}

#[test]
fn five_level_delegation_chain_forwards_values_both_ways() {
    let mut g = chain1(10);
    // Each level yields base * level, then receives one value (1000 * level here).
    let r = drive(&mut g, [0, 1000, 2000, 3000, 4000, 5000]);
    assert_eq!(r, (vec![10, 20, 30, 40, 50], Some(15000 + 5 + 4 + 3 + 2 + 1)));
}

#[coro::coroutine]
fn borrowed_delegate<'a, G>(g: &'a mut G, extra: u32) -> impl Generator<Yield = u32, Return = u32> + 'a
where
    G: Generator<Yield = u32, Return = u32> + 'a,
{
    let r = yield_from!(g);
    yield_!(extra);
    r + extra
}

#[coro::coroutine]
fn two_then(r: u32) -> impl Generator<Yield = u32, Return = u32> {
    yield_!(1);
    yield_!(2);
    r
}

#[test]
fn delegation_through_a_mut_reference_parameter() {
    let mut inner = two_then(40);
    assert_eq!(inner.resume(()), GeneratorState::Yielded(1));
    {
        // Delegation picks up a generator that has already started.
        let mut outer = borrowed_delegate(&mut inner, 7);
        assert_eq!(outer.resume(()), GeneratorState::Yielded(2));
        assert_eq!(outer.resume(()), GeneratorState::Yielded(7));
        assert_eq!(outer.resume(()), GeneratorState::Complete(47));
    }
    // The borrowed generator ran to completion.
    assert!(common::panic_message(|| inner.resume(())).contains("after completion"));
}

// ---------------------------------------------------------------------------------------------
// Resume types.

#[coro::coroutine]
fn echo_lengths() -> impl Generator<String, Yield = usize, Return = String> {
    let mut all = String::new();
    loop {
        let s = yield_!(all.len());
        if s.is_empty() {
            return all;
        }
        all.push_str(&s);
    }
}

#[test]
fn string_resume_type() {
    let mut g = echo_lengths();
    let r = drive(&mut g, ["ignored".to_string(), "ab".into(), "cde".into(), String::new()]);
    assert_eq!(r, (vec![0, 2, 5], Some("abcde".to_string())));
}

#[coro::coroutine]
fn tally() -> impl Generator<(char, u32), Yield = Option<u32>, Return = HashMap<char, u32>> {
    let mut counts = HashMap::new();
    let mut last = None;
    loop {
        let (c, n) = yield_!(last);
        if n == 0 {
            break;
        }
        let e = counts.entry(c).or_insert(0);
        *e += n;
        last = Some(*e);
    }
    counts
}

#[test]
fn tuple_resume_type_destructured_by_let() {
    let mut g = tally();
    let (ys, r) = drive(&mut g, [('_', 0), ('a', 1), ('b', 2), ('a', 3), ('x', 0)]);
    assert_eq!(ys, [None, Some(1), Some(2), Some(4)]);
    let r = r.unwrap();
    assert_eq!((r.len(), r[&'a'], r[&'b']), (2, 4, 2));
}

#[coro::coroutine]
fn collect_strs<'a>() -> impl Generator<&'a str, Yield = usize, Return = Vec<&'a str>> + 'a {
    let mut got = Vec::new();
    loop {
        let s = yield_!(got.len());
        if s == "." {
            return got;
        }
        got.push(s);
    }
}

#[test]
fn borrowed_resume_type() {
    let text = String::from("a b c .");
    let mut g = collect_strs();
    g.resume("");
    let mut last = None;
    for w in text.split(' ') {
        last = Some(g.resume(w));
    }
    assert_eq!(last, Some(GeneratorState::Complete(vec!["a", "b", "c"])));
}

// ---------------------------------------------------------------------------------------------
// Degenerate bodies and return-type spellings.

#[coro::coroutine]
fn no_yield(x: u32) -> impl Generator<Yield = u32, Return = u32> {
    let y = x * 2;
    y + 1
}

#[coro::coroutine]
fn no_yield_iter() -> impl Iterator<Item = u32> {}

#[coro::coroutine]
fn empty_unit() -> impl Generator<Yield = u32, Return = ()> {}

#[test]
fn coroutines_without_any_yield() {
    let mut g = no_yield(20);
    assert_eq!(g.resume(()), GeneratorState::Complete(41));
    assert_eq!(no_yield_iter().count(), 0);
    assert_eq!(run(empty_unit()), (vec![], ()));
}

#[coro::coroutine]
fn ones() -> impl Iterator<Item = u8> {
    loop {
        yield_!(1)
    }
}

#[coro::coroutine]
fn naturals() -> impl Generator<Yield = u64, Return = std::convert::Infallible> {
    let mut n = 0;
    loop {
        yield_!(n);
        n += 1;
    }
}

#[test]
fn bodies_that_only_loop() {
    assert_eq!(ones().take(4).collect::<Vec<_>>(), [1, 1, 1, 1]);
    let mut g = naturals();
    for want in 0..100 {
        assert_eq!(g.resume(()).yielded(), Some(want));
    }
}

#[coro::coroutine]
fn swapped_assoc_order() -> impl coro::Generator<Return = &'static str, Yield = i8> {
    yield_!(-1);
    "ok"
}

#[coro::coroutine]
fn full_path_iterator() -> impl std::iter::Iterator<Item = char> {
    yield_!('z');
}

#[coro::coroutine]
fn unit_yield() -> impl Generator<Yield = (), Return = u8> {
    yield_!();
    yield_!(());
    2
}

#[test]
fn return_type_spellings() {
    assert_eq!(run(swapped_assoc_order()), (vec![-1], "ok"));
    assert_eq!(full_path_iterator().collect::<String>(), "z");
    assert_eq!(run(unit_yield()), (vec![(), ()], 2));
}

// Visibility, attributes and doc comments on the fn are kept.
mod inner {
    use coro::{yield_, Generator};

    /// Documented and public.
    #[inline]
    #[must_use]
    #[coro::coroutine]
    pub fn public_gen() -> impl Generator<Yield = u8, Return = ()> {
        yield_!(9);
    }

    #[coro::coroutine]
    pub(crate) fn crate_gen() -> impl Iterator<Item = u8> {
        yield_!(8);
    }
}

#[test]
fn visibility_and_attributes() {
    assert_eq!(run(inner::public_gen()), (vec![9], ()));
    assert_eq!(inner::crate_gen().collect::<Vec<_>>(), [8]);
}

// ---------------------------------------------------------------------------------------------
// Coercions at `yield_!` and at completion.

#[coro::coroutine]
fn boxed_display(early: bool) -> impl Generator<Yield = Box<dyn Display>, Return = Box<dyn Display>> {
    yield_!(Box::new(1));
    yield_!(Box::new("two"));
    if early {
        return Box::new('e');
    }
    Box::new(3.5)
}

#[test]
fn unsizing_coercions_at_yield_return_and_tail() {
    let show = |g| {
        let (ys, r): (Vec<Box<dyn Display>>, Box<dyn Display>) = run(g);
        (ys.iter().map(|y| y.to_string()).collect::<Vec<_>>(), r.to_string())
    };
    assert_eq!(show(boxed_display(false)), (vec!["1".to_string(), "two".into()], "3.5".to_string()));
    assert_eq!(show(boxed_display(true)), (vec!["1".to_string(), "two".into()], "e".to_string()));
}

// ---------------------------------------------------------------------------------------------
// Known macro bugs: valid Rust that does not compile. Each is compiled only with its own cfg,
// e.g. `RUSTFLAGS="--cfg coro_bug_partial_move" cargo test --test signatures`.

/// Moving a field out of a binding (`let n = s.name;`) and then reaching a `yield_!` is
/// rejected with E0382 "use of partially moved value" at the binding: the macro still tries to
/// save the partially moved binding in the state.
#[cfg(coro_bug_partial_move)]
mod partial_move_bug {
    use super::*;

    struct S {
        name: String,
        n: u32,
    }

    #[coro::coroutine]
    fn partial_param(x: S) -> impl Generator<Yield = usize, Return = u32> {
        let name = x.name;
        yield_!(name.len());
        x.n
    }

    #[coro::coroutine]
    fn partial_local() -> impl Generator<Yield = usize, Return = ()> {
        let pair = (String::from("ab"), 1);
        let s = pair.0;
        yield_!(s.len());
    }

    impl Counter {
        #[coro::coroutine]
        fn into_name_bytes(self) -> impl Iterator<Item = u8> {
            let bytes = self.name.into_bytes();
            for b in bytes {
                yield_!(b);
            }
        }
    }

    #[test]
    fn moving_a_field_out_before_a_yield() {
        assert_eq!(run(partial_param(S { name: "abc".into(), n: 7 })), (vec![3], 7));
        assert_eq!(run(partial_local()), (vec![2], ()));
        assert_eq!(Counter::new("hi").into_name_bytes().collect::<Vec<_>>(), b"hi");
    }
}

/// Items declared in the body (`fn`, `const`, `static`, `struct`, `use`) are visible to the
/// code after every `yield_!`.
mod items_in_body {
    use super::*;

    #[coro::coroutine]
    fn items_in_body() -> impl Generator<Yield = u32, Return = u32> {
        fn helper(x: u32) -> u32 {
            x + 1
        }
        const K: u32 = 10;
        static S: u32 = 5;
        #[derive(Clone, Copy)]
        struct P {
            x: u32,
        }
        let p = P { x: 3 };
        yield_!(helper(K));
        let q = P { x: S };
        helper(K) + p.x + q.x
    }

    #[coro::coroutine]
    fn use_in_body() -> impl Generator<Yield = String, Return = String> {
        use std::fmt::Write;
        let mut s = String::new();
        write!(s, "a").unwrap();
        yield_!(s.clone());
        write!(s, "b").unwrap();
        s
    }

    #[test]
    fn items_declared_in_the_body_are_visible_after_a_yield() {
        assert_eq!(run(items_in_body()), (vec![11], 11 + 3 + 5));
        assert_eq!(run(use_in_body()), (vec!["a".to_string()], "ab".to_string()));
    }
}

/// Deref coercion (`&String` to `&str`) at `yield_!` and at completion works when the declared
/// type has an elided lifetime (`&str` in a `&self` method), as for a plain fn.
mod elided_coercion {
    use super::*;

    impl Counter {
        #[coro::coroutine]
        fn name_twice(&self) -> impl Generator<Yield = &str, Return = &str> + '_ {
            yield_!(&self.name);
            &self.name
        }
    }

    #[test]
    fn deref_coercion_with_elided_lifetimes() {
        let c = Counter::new("nm");
        assert_eq!(run(c.name_twice()), (vec!["nm"], "nm"));
    }
}

// A `&mut` parameter iterated with `iter_mut` across yields: the parameter itself is not kept
// (a reference owns nothing to drop), only the iterator that reborrows it.
#[coro::coroutine]
fn bump_each(v: &mut Vec<u32>) -> impl Generator<Yield = u32, Return = ()> + '_ {
    for r in v.iter_mut() {
        *r += 1;
        yield_!(*r);
    }
}

#[test]
fn mut_reference_parameter_iterated_in_place() {
    let mut v = vec![1, 2];
    let got: Vec<u32> = coro::iter(bump_each(&mut v)).collect();
    assert_eq!(got, [2, 3]);
    assert_eq!(v, [2, 3]);
}

/// `impl for<'a> Generator<&'a mut T>`: every resume lends a reference of its own (rustc's
/// late-bound resume arguments), and the coroutine keeps its other locals across the yields.
#[coro::coroutine]
fn bump_lent(step: i32) -> impl for<'a> Generator<&'a mut i32, Yield = usize, Return = ()> {
    let mut seen = 0;
    loop {
        let r = yield_!(seen);
        *r += step;
        seen += 1;
    }
}

#[derive(Debug)]
struct Line<'t> {
    text: &'t str,
}

#[coro::coroutine]
fn measure() -> impl for<'l> Generator<Line<'l>, Yield = usize, Return = usize> + std::fmt::Debug {
    let mut total = 0;
    loop {
        let line = yield_!(total);
        if line.text.is_empty() {
            return total;
        }
        total += line.text.len();
    }
}

#[test]
fn higher_ranked_resume_arguments() {
    let mut g = bump_lent(10);
    let (mut a, mut b) = (0, 0);
    assert_eq!(g.resume(&mut a), GeneratorState::Yielded(0));
    assert_eq!(g.resume(&mut a), GeneratorState::Yielded(1));
    assert_eq!(g.resume(&mut b), GeneratorState::Yielded(2));
    assert_eq!((a, b), (10, 10)); // each borrow ended with its resume
    a += 1;
    assert_eq!(g.resume(&mut a), GeneratorState::Yielded(3));
    assert_eq!(a, 21);

    let mut m = measure();
    m.resume(Line { text: "" });
    for text in [String::from("ab"), String::from("cde")] {
        m.resume(Line { text: &text });
    }
    assert!(format!("{m:?}").contains("yield_!"));
    assert_eq!(m.resume(Line { text: "" }), GeneratorState::Complete(5));
}

/// A return type passed through a `macro_rules!` `$t:ty` fragment arrives in an invisible
/// group; it is read like the same type written out.
macro_rules! counter_returning {
    ($name:ident, $ret:ty) => {
        #[coro::coroutine]
        fn $name() -> $ret {
            yield_!(1);
            yield_!(2);
        }
    };
}

counter_returning!(counter_generator, impl Generator<Yield = i32, Return = ()>);
counter_returning!(counter_iterator, impl Iterator<Item = i32>);

#[test]
fn a_return_type_from_a_macro_fragment() {
    assert_eq!(coro::iter(counter_generator()).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(counter_iterator().collect::<Vec<_>>(), [1, 2]);
}

/// A `macro_rules!` that passes on items its caller wrote, attribute included: the locals of
/// the body keep one hygiene, and the coroutine works as if written out.
macro_rules! items {
    ($($item:item)*) => { $($item)* };
}

items! {
    #[coro::coroutine]
    fn from_the_caller() -> impl Generator<Yield = i32, Return = i32> {
        let x = 1;
        yield_!(x);
        x + 1
    }
}

#[test]
fn a_coroutine_passed_through_a_macro_with_its_attribute() {
    let mut g = from_the_caller();
    assert_eq!(g.resume(()), coro::GeneratorState::Yielded(1));
    assert_eq!(g.resume(()), coro::GeneratorState::Complete(2));
}
