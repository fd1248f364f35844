//! Stress tests for signatures: generics, lifetimes, methods, traits, `impl Trait` arguments,
//! return-type variants, recursion, visibility and attributes. Each test compares the
//! coroutine's behaviour with what the same logic does as a plain Rust fn.
mod common;

use std::fmt::{Debug, Display};

use common::{drive, log, run, take_log, Noisy};
use coro::{yield_, yield_from, Generator, GeneratorState};

// ---------------------------------------------------------------------------------------------
// Generic type parameters and bounds.

#[coro::coroutine]
fn max_so_far<T: PartialOrd + Copy>(xs: Vec<T>) -> impl Generator<Yield = T, Return = Option<T>> {
    let mut best: Option<T> = None;
    for x in xs {
        match best {
            Some(b) if b >= x => {}
            _ => best = Some(x),
        }
        yield_!(best.unwrap());
    }
    best
}

#[test]
fn generic_bound_in_angle_brackets() {
    assert_eq!(run(max_so_far(vec![3, 1, 4, 1, 5])), (vec![3, 3, 4, 4, 5], Some(5)));
    assert_eq!(run(max_so_far::<f32>(vec![])), (vec![], None));
}

#[coro::coroutine]
fn labelled<K, V>(pairs: Vec<(K, V)>) -> impl Iterator<Item = String>
where
    K: Display,
    V: Debug,
{
    for (k, v) in pairs {
        yield_!(format!("{k}={v:?}"));
    }
}

#[test]
fn generic_bounds_in_where_clause() {
    let got: Vec<String> = labelled(vec![("a", Some(1)), ("b", None)]).collect();
    assert_eq!(got, ["a=Some(1)", "b=None"]);
}

#[coro::coroutine]
fn show_unsized<'a, T: ?Sized + Display>(x: &'a T, times: usize) -> impl Iterator<Item = String> + 'a {
    for i in 0..times {
        yield_!(format!("{i}:{x}"));
    }
}

#[coro::coroutine]
fn len_of_unsized<'a, T>(x: &'a T) -> impl Generator<Yield = usize, Return = &'a T> + 'a
where
    T: ?Sized + AsRef<[u8]>,
{
    yield_!(x.as_ref().len());
    x
}

#[test]
fn unsized_params_behind_references() {
    let s: &str = "hey";
    assert_eq!(show_unsized(s, 2).collect::<Vec<_>>(), ["0:hey", "1:hey"]);
    let d: &dyn Display = &42;
    assert_eq!(show_unsized(d, 1).collect::<Vec<_>>(), ["0:42"]);
    let (ys, back) = run(len_of_unsized::<[u8]>(&[1, 2, 3][..]));
    assert_eq!((ys, back), (vec![3], &[1u8, 2, 3][..]));
    let (ys, back) = run(len_of_unsized("abcd"));
    assert_eq!((ys, back), (vec![4], "abcd"));
}

#[coro::coroutine]
fn ring<T: Copy + Default, const N: usize>(xs: Vec<T>) -> impl Generator<Yield = [T; N], Return = usize> {
    let mut buf = [T::default(); N];
    let mut i = 0usize;
    for x in xs {
        buf[i % N] = x;
        i += 1;
        yield_!(buf);
    }
    i
}

#[test]
fn const_generic_buffer_kept_across_yields() {
    let (ys, n) = run(ring::<u8, 2>(vec![1, 2, 3]));
    assert_eq!(ys, [[1, 0], [1, 2], [3, 2]]);
    assert_eq!(n, 3);
    let (ys, _) = run(ring::<char, 1>(vec!['a', 'b']));
    assert_eq!(ys, [['a'], ['b']]);
}

#[coro::coroutine]
fn const_sum<const N: usize>() -> impl Generator<Yield = usize, Return = usize> {
    const EXTRA: usize = 100;
    let mut total = 0;
    for i in 0..N {
        total += i;
        yield_!(total);
    }
    total + EXTRA + N
}

#[test]
fn const_generic_used_in_body_and_tail() {
    assert_eq!(run(const_sum::<3>()), (vec![0, 1, 3], 3 + 100 + 3));
    assert_eq!(run(const_sum::<0>()), (vec![], 100));
}

#[coro::coroutine]
fn default_resume() -> impl Generator<Yield = u8, Return = u8> {
    let () = yield_!(1);
    2
}

#[coro::coroutine]
fn explicit_unit_resume() -> impl Generator<(), Yield = u8, Return = u8> {
    let () = yield_!(1);
    2
}

#[coro::coroutine]
fn generic_resume<R: Clone + Debug>() -> impl Generator<R, Yield = Option<R>, Return = Vec<R>> {
    let mut got = Vec::new();
    for _ in 0..2 {
        let r = yield_!(got.last().cloned());
        got.push(r);
    }
    got
}

#[test]
fn default_and_explicit_resume_types() {
    assert_eq!(run(default_resume()), (vec![1], 2));
    assert_eq!(run(explicit_unit_resume()), (vec![1], 2));
    let mut g = generic_resume::<&str>();
    assert_eq!(drive(&mut g, ["x", "a", "b"]), (vec![None, Some("a")], Some(vec!["a", "b"])));
}

// ---------------------------------------------------------------------------------------------
// Lifetimes.

#[coro::coroutine]
fn halves<'a, T>(s: &'a [T]) -> impl Iterator<Item = &'a [T]> + 'a {
    let mid = s.len() / 2;
    yield_!(&s[..mid]);
    yield_!(&s[mid..]);
}

#[coro::coroutine]
fn prefixes(s: &str) -> impl Iterator<Item = &str> + '_ {
    for (i, _) in s.char_indices().skip(1) {
        yield_!(&s[..i]);
    }
    yield_!(s);
}

#[test]
fn yielding_sub_borrows_of_parameters() {
    let v = vec![1, 2, 3, 4, 5];
    let hs: Vec<&[i32]> = halves(&v).collect();
    assert_eq!(hs, [&[1, 2][..], &[3, 4, 5][..]]);
    assert!(std::ptr::eq(hs[1].as_ptr(), &v[2]));
    let s = String::from("héy");
    assert_eq!(prefixes(&s).collect::<Vec<_>>(), ["h", "hé", "héy"]);
}

#[coro::coroutine]
fn push_each<'a, T: Clone + 'a>(dst: &'a mut Vec<T>, items: &'a [T]) -> impl Generator<Yield = usize, Return = &'a mut Vec<T>> + 'a {
    for it in items {
        dst.push(it.clone());
        yield_!(dst.len());
    }
    dst
}

#[test]
fn mut_vec_param_used_across_yields_and_returned() {
    let mut v = vec!['z'];
    {
        let mut g = push_each(&mut v, &['a', 'b']);
        assert_eq!(g.resume(()), GeneratorState::Yielded(2));
        assert_eq!(g.resume(()), GeneratorState::Yielded(3));
        match g.resume(()) {
            GeneratorState::Complete(back) => back.push('!'),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(v, ['z', 'a', 'b', '!']);
}

#[coro::coroutine]
fn split_at_ws(s: &str) -> impl Generator<Yield = &str, Return = usize> {
    let mut n = 0;
    for w in s.split(' ') {
        n += 1;
        yield_!(w);
    }
    n
}

#[test]
fn elided_lifetime_without_plus_bound() {
    let text = String::from("a bc d");
    assert_eq!(run(split_at_ws(&text)), (vec!["a", "bc", "d"], 3));
}

#[coro::coroutine]
fn two_lifetimes<'a, 'b>(a: &'a str, b: &'b str) -> impl Generator<Yield = &'a str, Return = usize> + use<'a, 'b> {
    yield_!(a);
    b.len()
}

#[test]
fn precise_capturing_use_bound() {
    let a = String::from("aa");
    let b = String::from("bbb");
    assert_eq!(run(two_lifetimes(&a, &b)), (vec!["aa"], 3));
}

#[coro::coroutine]
fn fill_lent(start: u32) -> impl for<'a> Generator<&'a mut Vec<u32>, Yield = usize, Return = u32> {
    let mut next = start;
    loop {
        let v = yield_!(next as usize);
        if v.is_empty() {
            return next;
        }
        v.push(next);
        next += 1;
    }
}

#[test]
fn higher_ranked_resume_with_mut_vec() {
    let mut g = fill_lent(7);
    let mut a = vec![0];
    let mut b = vec![1];
    assert_eq!(g.resume(&mut a), GeneratorState::Yielded(7));
    assert_eq!(g.resume(&mut a), GeneratorState::Yielded(8));
    assert_eq!(g.resume(&mut b), GeneratorState::Yielded(9));
    a.push(100);
    assert_eq!(g.resume(&mut a), GeneratorState::Yielded(10));
    assert_eq!(a, [0, 7, 100, 9]);
    assert_eq!(b, [1, 8]);
    assert_eq!(g.resume(&mut Vec::new()), GeneratorState::Complete(10));
}

// ---------------------------------------------------------------------------------------------
// Methods: receivers, generic types, associated items, `Self`.

#[derive(Debug, Clone, PartialEq)]
struct Stack<T> {
    items: Vec<T>,
}

impl<T: Clone> Stack<T> {
    const LIMIT: usize = 3;

    fn new(items: Vec<T>) -> Self {
        Stack { items }
    }

    #[coro::coroutine]
    fn peek_all(&self) -> impl Iterator<Item = T> + '_ {
        for x in self.items.iter().rev().take(Self::LIMIT) {
            yield_!(x.clone());
        }
    }

    #[coro::coroutine]
    fn pop_all(&mut self) -> impl Generator<Yield = T, Return = usize> + '_ {
        let mut n = 0;
        while let Some(x) = self.items.pop() {
            n += 1;
            yield_!(x);
        }
        n
    }

    #[coro::coroutine]
    fn into_halves(self) -> impl Generator<Yield = Self, Return = Self> {
        let Stack { mut items } = self;
        let back = items.split_off(items.len() / 2);
        yield_!(Self::new(items));
        Stack { items: back }
    }

    #[coro::coroutine]
    fn boxed_drain(self: Box<Self>) -> impl Iterator<Item = T> {
        let mut me = *{ self };
        while let Some(x) = me.items.pop() {
            yield_!(x);
        }
    }

    #[coro::coroutine]
    fn zip_with<'s, U: Clone + 's, F>(&'s self, other: Vec<U>, f: F) -> impl Iterator<Item = (T, U, usize)> + 's
    where
        F: Fn(&T, &U) -> usize + 'static,
    {
        for (a, b) in self.items.iter().zip(other) {
            let k = f(a, &b);
            yield_!((a.clone(), b, k));
        }
    }
}

#[test]
fn methods_of_a_generic_type() {
    let s = Stack::new(vec![1, 2, 3, 4, 5]);
    assert_eq!(s.peek_all().collect::<Vec<_>>(), [5, 4, 3]);

    let mut s2 = s.clone();
    {
        let mut g = s2.pop_all();
        assert_eq!(g.resume(()), GeneratorState::Yielded(5));
        assert_eq!(g.resume(()), GeneratorState::Yielded(4));
    }
    assert_eq!(s2.items, [1, 2, 3]);
    assert_eq!(run(s2.pop_all()), (vec![3, 2, 1], 3));
    assert!(s2.items.is_empty());

    let (ys, r) = run(s.clone().into_halves());
    assert_eq!(ys, [Stack::new(vec![1, 2])]);
    assert_eq!(r, Stack::new(vec![3, 4, 5]));

    assert_eq!(Box::new(s.clone()).boxed_drain().collect::<Vec<_>>(), [5, 4, 3, 2, 1]);

    let z: Vec<_> = s.zip_with(vec!["a", "bb"], |a, b| *a as usize + b.len()).collect();
    assert_eq!(z, [(1, "a", 2), (2, "bb", 4)]);
}

struct Holder {
    name: Noisy,
    extra: Noisy,
}

impl Holder {
    #[coro::coroutine]
    fn consume(self) -> impl Generator<Yield = &'static str, Return = ()> {
        let Holder { name, extra } = self;
        yield_!(name.0);
        drop(name);
        yield_!(extra.0);
    }

    #[coro::coroutine]
    fn hold(self: Box<Self>) -> impl Generator<Yield = &'static str, Return = ()> {
        yield_!(self.name.0);
        log("after");
    }
}

#[test]
fn self_by_value_drop_order() {
    take_log();
    let h = Holder { name: Noisy("name"), extra: Noisy("extra") };
    let mut g = h.consume();
    assert_eq!(g.resume(()), GeneratorState::Yielded("name"));
    assert_eq!(take_log(), Vec::<String>::new());
    assert_eq!(g.resume(()), GeneratorState::Yielded("extra"));
    assert_eq!(take_log(), ["drop name"]);
    drop(g);
    assert_eq!(take_log(), ["drop extra"]);

    // Dropped before start: the `self` parameter is dropped as a whole (fields in order).
    drop(Holder { name: Noisy("n2"), extra: Noisy("e2") }.consume());
    assert_eq!(take_log(), ["drop n2", "drop e2"]);

    let mut g = Box::new(Holder { name: Noisy("b"), extra: Noisy("x") }).hold();
    assert_eq!(g.resume(()), GeneratorState::Yielded("b"));
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
    assert_eq!(take_log(), ["after", "drop b", "drop x"]);
}

trait Shape {
    const SIDES: u32;
    type Unit: Copy + Debug + Default;

    fn unit(&self) -> Self::Unit;

    fn corners(&self) -> impl Generator<Yield = (u32, Self::Unit), Return = u32> + '_;
}

struct Tri;
struct Square(u8);

impl Shape for Tri {
    const SIDES: u32 = 3;
    type Unit = char;

    fn unit(&self) -> char {
        't'
    }

    #[coro::coroutine]
    fn corners(&self) -> impl Generator<Yield = (u32, Self::Unit), Return = u32> + '_ {
        for i in 0..Self::SIDES {
            yield_!((i, self.unit()));
        }
        Self::SIDES
    }
}

impl Shape for Square {
    const SIDES: u32 = 4;
    type Unit = u8;

    fn unit(&self) -> u8 {
        self.0
    }

    #[coro::coroutine]
    fn corners(&self) -> impl Generator<Yield = (u32, u8), Return = u32> + '_ {
        let mut n = 0;
        while n < <Self as Shape>::SIDES {
            yield_!((n, self.unit() + n as u8));
            n += 1;
        }
        n * 10
    }
}

fn all_corners<S: Shape>(s: &S) -> (Vec<(u32, S::Unit)>, u32) {
    run(s.corners())
}

#[test]
fn trait_impl_with_associated_consts_and_types() {
    assert_eq!(all_corners(&Tri), (vec![(0, 't'), (1, 't'), (2, 't')], 3));
    assert_eq!(all_corners(&Square(10)), (vec![(0, 10), (1, 11), (2, 12), (3, 13)], 40));
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Pt(i32, i32);

impl Pt {
    #[coro::coroutine]
    fn steps(self, n: i32) -> impl Generator<Self, Yield = Self, Return = Self> {
        let mut cur = self;
        for _ in 0..n {
            let d: Self = yield_!(cur);
            cur = Self(cur.0 + d.0, cur.1 + d.1);
        }
        cur
    }
}

#[test]
fn self_in_resume_yield_and_return_types() {
    let mut g = Pt(0, 0).steps(2);
    let r = drive(&mut g, [Pt(9, 9), Pt(1, 0), Pt(0, 2)]);
    assert_eq!(r, (vec![Pt(0, 0), Pt(1, 0)], Some(Pt(1, 2))));
}

trait Visitor {
    fn visit(&mut self, x: u32) -> u32;
}

struct Summer {
    total: u32,
}

impl Visitor for Summer {
    fn visit(&mut self, x: u32) -> u32 {
        self.total += x;
        self.total
    }
}

struct Walker;

impl Walker {
    #[coro::coroutine]
    fn walk<'v, V: Visitor + ?Sized>(v: &'v mut V, xs: &'v [u32]) -> impl Iterator<Item = u32> + 'v {
        for &x in xs {
            yield_!(v.visit(x));
        }
    }
}

#[test]
fn generic_associated_fn_with_unsized_mut_borrow() {
    let mut s = Summer { total: 0 };
    assert_eq!(Walker::walk(&mut s, &[1, 2, 3]).collect::<Vec<_>>(), [1, 3, 6]);
    let dynv: &mut dyn Visitor = &mut s;
    assert_eq!(Walker::walk(dynv, &[10]).collect::<Vec<_>>(), [16]);
    assert_eq!(s.total, 16);
}

// ---------------------------------------------------------------------------------------------
// `impl Trait` arguments and closures called across yields.

#[coro::coroutine]
fn mapped_pairs(xs: impl Iterator<Item = u32>, f: impl Fn(u32) -> u32, mut g: impl FnMut(u32)) -> impl Generator<Yield = u32, Return = u32> {
    let mut last = 0;
    for x in xs {
        let y = f(x);
        yield_!(y);
        g(y);
        last = f(last + y);
    }
    last
}

#[test]
fn impl_fn_and_iterator_arguments_called_after_yields() {
    let mut seen = Vec::new();
    let r = run(mapped_pairs([1, 2].into_iter(), |x| x * 10, |y| seen.push(y)));
    assert_eq!(r, (vec![10, 20], 10 * (100 + 20)));
    assert_eq!(seen, [10, 20]);
}

#[coro::coroutine]
fn once_at_end<F: FnOnce(Vec<u8>) -> String>(bytes: Vec<u8>, finish: F) -> impl Generator<Yield = u8, Return = String> {
    for i in 0..bytes.len() {
        yield_!(bytes[i]);
    }
    finish(bytes)
}

#[test]
fn fn_once_param_called_after_yields() {
    let tag = String::from("!");
    let r = run(once_at_end(b"ab".to_vec(), move |v| String::from_utf8(v).unwrap() + &tag));
    assert_eq!(r, (vec![b'a', b'b'], "ab!".to_string()));
}

#[coro::coroutine]
fn dyn_fn_param<'f>(f: &'f dyn Fn(i32) -> i32, g: Box<dyn FnMut() -> i32 + 'f>) -> impl Iterator<Item = i32> + 'f {
    let mut g = g;
    for _ in 0..3 {
        let v = g();
        yield_!(f(v));
    }
}

#[test]
fn dyn_fn_params() {
    let mut n = 0;
    let f = |x: i32| x * x;
    let got: Vec<i32> = dyn_fn_param(&f, Box::new(move || {
        n += 1;
        n
    }))
    .collect();
    assert_eq!(got, [1, 4, 9]);
}

#[coro::coroutine]
fn noisy_closure_param(f: impl Fn() -> &'static str) -> impl Generator<Yield = &'static str, Return = ()> {
    let a = Noisy("local");
    yield_!(f());
    yield_!(a.0);
    yield_!(f());
}

#[test]
fn closure_param_capturing_a_noisy_value_drops_in_reverse_order() {
    take_log();
    let cap = Noisy("captured");
    let mut g = noisy_closure_param(move || {
        let whole = &cap; // capture all of `cap`, not just the `Copy` field
        whole.0
    });
    assert_eq!(g.resume(()), GeneratorState::Yielded("captured"));
    log("suspended");
    drop(g);
    // Locals drop before parameters, as in a plain fn.
    assert_eq!(take_log(), ["suspended", "drop local", "drop captured"]);
}

// ---------------------------------------------------------------------------------------------
// Return-type variants.

#[coro::coroutine]
fn evens(limit: u32) -> impl Iterator<Item = u32> {
    let mut i = 0;
    while i < limit {
        yield_!(i);
        i += 2;
    }
}

#[test]
fn iterator_return_type_with_adapters() {
    assert_eq!(evens(10).map(|x| x + 1).collect::<Vec<_>>(), [1, 3, 5, 7, 9]);
    assert_eq!(evens(6).zip(evens(100).skip(1)).collect::<Vec<_>>(), [(0, 2), (2, 4), (4, 6)]);
    assert_eq!(evens(u32::MAX).take(3).sum::<u32>(), 6);
    assert_eq!(evens(5).chain(evens(3)).collect::<Vec<_>>(), [0, 2, 4, 0, 2]);
    let mut it = evens(3);
    assert_eq!((it.next(), it.next(), it.next(), it.next()), (Some(0), Some(2), None, None));
    let v: Vec<u32> = evens(4).collect::<Vec<_>>().into_iter().rev().collect();
    assert_eq!(v, [2, 0]);
    let mut p = evens(8).peekable();
    assert_eq!(p.peek(), Some(&0));
    assert_eq!(p.filter(|x| x % 4 == 0).collect::<Vec<_>>(), [0, 4]);
}

#[coro::coroutine]
fn send_iter(v: Vec<String>) -> impl Iterator<Item = String> + Send + 'static {
    for s in v {
        yield_!(s.to_uppercase());
    }
}

#[test]
fn send_iterator_crosses_threads() {
    let mut it = send_iter(vec!["a".into(), "b".into()]);
    assert_eq!(it.next().as_deref(), Some("A"));
    let rest: Vec<String> = std::thread::spawn(move || it.collect()).join().unwrap();
    assert_eq!(rest, ["B"]);
}

#[coro::coroutine]
fn cloneable<T: Clone>(items: Vec<T>, tag: Noisy) -> impl Generator<T, Yield = (T, &'static str), Return = Vec<T>> + Clone {
    let mut got = Vec::new();
    for x in items {
        let r = yield_!((x, tag.0));
        got.push(r);
    }
    got
}

#[test]
fn clone_a_suspended_generic_generator_and_resume_both() {
    take_log();
    let mut g = cloneable(vec![1, 2, 3], Noisy("tag"));
    assert_eq!(g.resume(0), GeneratorState::Yielded((1, "tag")));
    assert_eq!(g.resume(10), GeneratorState::Yielded((2, "tag")));
    let mut h = g.clone();
    assert_eq!(g.resume(20), GeneratorState::Yielded((3, "tag")));
    assert_eq!(h.resume(99), GeneratorState::Yielded((3, "tag")));
    assert_eq!(g.resume(30), GeneratorState::Complete(vec![10, 20, 30]));
    assert_eq!(take_log(), ["drop tag"]);
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
    assert_eq!(h.resume(77), GeneratorState::Complete(vec![10, 99, 77]));
    assert_eq!(take_log(), ["drop tag"]);
}

#[coro::coroutine]
fn debuggable<T: Debug>(x: T) -> impl Generator<Yield = u8, Return = T> + Debug {
    yield_!(1);
    yield_!(2);
    x
}

#[test]
fn debug_formats_each_state() {
    let mut g = debuggable(5u8);
    let s0 = format!("{g:?}");
    g.resume(());
    let s1 = format!("{g:?}");
    g.resume(());
    let s2 = format!("{g:?}");
    g.resume(());
    let s3 = format!("{g:?}");
    assert!(s1.contains("yield_!"), "{s1}");
    assert!(s2.contains("yield_!"), "{s2}");
    assert_ne!(s1, s2);
    assert!(!s0.contains("yield_!"), "{s0}");
    assert_ne!(s3, s2);
    // `{:#?}` works too.
    let _ = format!("{g:#?}");
}

#[coro::coroutine]
fn unpin_gen(v: Vec<u8>) -> impl Generator<Yield = u8, Return = ()> + Unpin {
    for b in v {
        yield_!(b);
    }
}

#[test]
fn unpin_bound_and_pin_new() {
    use std::pin::Pin;
    let mut g = unpin_gen(vec![4, 5]);
    assert_eq!(Pin::new(&mut g).resume(()), GeneratorState::Yielded(4));
    let mut p = Box::pin(g);
    assert_eq!(p.as_mut().resume(()), GeneratorState::Yielded(5));
    assert_eq!(p.as_mut().resume(()), GeneratorState::Complete(()));
}

#[coro::coroutine]
fn everything<'a, T>(s: &'a [T]) -> impl Iterator<Item = &'a T> + Clone + Debug + Send + Sync + Unpin + 'a
where
    T: Sync + Debug,
{
    for x in s {
        yield_!(x);
    }
}

#[test]
fn many_bounds_on_a_borrowing_iterator() {
    let v = vec![1, 2, 3];
    let mut it = everything(&v);
    it.next();
    let fork = it.clone();
    assert!(!format!("{it:?}").is_empty());
    assert_eq!(it.collect::<Vec<_>>(), [&2, &3]);
    assert_eq!(std::thread::scope(|sc| sc.spawn(move || fork.count()).join().unwrap()), 2);
}

// ---------------------------------------------------------------------------------------------
// Recursion, boxing, storage, delegation through `&mut`.

#[derive(Debug)]
enum Tree {
    Leaf(u32),
    Node(Box<Tree>, Box<Tree>),
}

fn tree_gen(t: &Tree) -> Box<dyn Generator<Yield = u32, Return = u32> + '_> {
    Box::new(walk_tree(t))
}

#[coro::coroutine]
fn walk_tree(t: &Tree) -> impl Generator<Yield = u32, Return = u32> + '_ {
    match t {
        Tree::Leaf(v) => {
            yield_!(*v);
            1
        }
        Tree::Node(l, r) => {
            let a = yield_from!(tree_gen(l));
            let b = yield_from!(tree_gen(r));
            a + b
        }
    }
}

#[coro::coroutine]
fn countdown_pinned(n: u32) -> impl Generator<Yield = u32, Return = u32> + Unpin {
    if n == 0 {
        return 0;
    }
    yield_!(n);
    let inner: std::pin::Pin<Box<dyn Generator<Yield = u32, Return = u32> + Unpin>> = Box::pin(countdown_pinned(n - 1));
    yield_from!(inner) + n
}

#[test]
fn recursion_through_boxed_dyn_generators() {
    let t = Tree::Node(
        Box::new(Tree::Leaf(1)),
        Box::new(Tree::Node(Box::new(Tree::Leaf(2)), Box::new(Tree::Leaf(3)))),
    );
    assert_eq!(run(walk_tree(&t)), (vec![1, 2, 3], 3));
    assert_eq!(run(countdown_pinned(3)), (vec![3, 2, 1], 6));
}

#[coro::coroutine]
fn ticker(name: &'static str, n: u32) -> impl Generator<Yield = String, Return = &'static str> {
    for i in 0..n {
        yield_!(format!("{name}{i}"));
    }
    name
}

struct Pair<G> {
    a: G,
    b: G,
}

#[test]
fn generators_stored_in_structs_and_vecs() {
    let mut p = Pair { a: ticker("a", 2), b: ticker("b", 1) };
    assert_eq!(p.a.resume(()), GeneratorState::Yielded("a0".to_string()));
    assert_eq!(p.b.resume(()), GeneratorState::Yielded("b0".to_string()));
    assert_eq!(p.b.resume(()), GeneratorState::Complete("b"));
    assert_eq!(p.a.resume(()), GeneratorState::Yielded("a1".to_string()));

    // Round-robin over a Vec of boxed trait objects of different coroutines.
    let mut gs: Vec<Box<dyn Generator<Yield = String, Return = &'static str>>> =
        vec![Box::new(ticker("x", 2)), Box::new(ticker("y", 1)), Box::new(walk_tree_strings())];
    let mut out = Vec::new();
    while !gs.is_empty() {
        gs.retain_mut(|g| match g.resume(()) {
            GeneratorState::Yielded(s) => {
                out.push(s);
                true
            }
            GeneratorState::Complete(r) => {
                out.push(format!("<{r}>"));
                false
            }
        });
    }
    assert_eq!(out, ["x0", "y0", "z", "x1", "<y>", "<z>", "<x>"]);
}

#[coro::coroutine]
fn walk_tree_strings() -> impl Generator<Yield = String, Return = &'static str> {
    yield_!("z".to_string());
    "z"
}

#[coro::coroutine]
fn take_two<G: Generator<Yield = String, Return = &'static str>>(g: &mut G) -> impl Generator<Yield = String, Return = usize> + '_ {
    let mut n = 0;
    for _ in 0..2 {
        match g.resume(()) {
            GeneratorState::Yielded(s) => {
                n += 1;
                yield_!(s);
            }
            GeneratorState::Complete(_) => break,
        }
    }
    n
}

/// Takes two yields from `inner` by hand, one more, then delegates the rest
/// (`tests/pep380.rs` delegates through `yield_from!(&mut *inner)` and uses it again).
#[coro::coroutine]
fn delegate_then_reuse<'a, G>(inner: &'a mut G) -> impl Generator<Yield = String, Return = (&'static str, String)> + 'a
where
    G: Generator<Yield = String, Return = &'static str>,
{
    let mut taken = 0;
    while taken < 2 {
        match inner.resume(()) {
            GeneratorState::Yielded(s) => yield_!(s),
            GeneratorState::Complete(_) => unreachable!(),
        }
        taken += 1;
    }
    yield_!(format!("took {taken}"));
    let next = match inner.resume(()) {
        GeneratorState::Yielded(s) => s,
        GeneratorState::Complete(_) => unreachable!(),
    };
    let done = yield_from!(inner);
    (done, next)
}

#[test]
fn yield_from_a_mut_reference_then_reuse_the_generator() {
    let mut inner = ticker("t", 4);
    let (ys, r) = run(delegate_then_reuse(&mut inner));
    assert_eq!(ys, ["t0", "t1", "took 2", "t3"]);
    assert_eq!(r, ("t", "t2".to_string()));
    assert!(common::panic_message(|| inner.resume(())).contains("after completion"));

    // The same from outside a coroutine: delegate part of `g` through `&mut g`, then reuse it.
    let mut g = ticker("u", 3);
    let mut part = take_two(&mut g);
    assert_eq!(part.resume(()), GeneratorState::Yielded("u0".to_string()));
    drop(part);
    assert_eq!(g.resume(()), GeneratorState::Yielded("u1".to_string()));
}

#[coro::coroutine]
fn sum_of<I: IntoIterator<Item = u32>>(xs: I) -> impl Generator<Yield = u32, Return = u32> {
    let mut total = 0;
    for x in xs {
        total += x;
        yield_!(total);
    }
    total
}

#[coro::coroutine]
fn via_adapters() -> impl Generator<Yield = u32, Return = u32> {
    yield_from!(coro::from_iter(vec![100, 200]));
    let a = yield_from!(sum_of(1..=2));
    let b = yield_from!(sum_of(coro::iter(sum_of([5, 5]))));
    a + b
}

#[test]
fn iter_and_from_iter_adapters() {
    assert_eq!(coro::iter(sum_of(vec![1, 2, 3])).collect::<Vec<_>>(), [1, 3, 6]);
    assert_eq!(run(via_adapters()), (vec![100, 200, 1, 3, 5, 15], 3 + 15));
}

// ---------------------------------------------------------------------------------------------
// Visibility, attributes, placement.

pub mod api {
    use coro::{yield_, Generator};

    /// Doc comment.
    ///
    /// ```ignore
    /// let g = api::documented();
    /// ```
    #[inline(always)]
    #[must_use = "generators do nothing unless resumed"]
    #[allow(clippy::needless_return, unused_mut)]
    #[coro::coroutine]
    pub fn documented() -> impl Generator<Yield = u8, Return = u8> {
        let mut x = 1;
        yield_!(x);
        return x + 1;
    }

    #[coro::coroutine]
    #[inline]
    pub(crate) fn attr_after() -> impl Iterator<Item = u8> {
        yield_!(3);
    }

    #[coro::coroutine]
    pub(super) fn for_parent(v: &[u8]) -> impl Iterator<Item = u8> + '_ {
        for &b in v {
            yield_!(b);
        }
    }

    pub mod deeper {
        #[coro::coroutine]
        pub(in crate::api) fn restricted() -> impl coro::Generator<Yield = u8, Return = ()> {
            coro::yield_!(7);
        }

        pub fn use_restricted() -> Vec<u8> {
            coro::iter(restricted()).collect()
        }
    }
}

#[test]
fn visibility_and_attributes_are_kept() {
    assert_eq!(run(api::documented()), (vec![1], 2));
    assert_eq!(api::attr_after().collect::<Vec<_>>(), [3]);
    assert_eq!(api::for_parent(&[1, 2]).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(api::deeper::use_restricted(), [7]);
}

#[test]
fn coroutine_as_a_nested_item_in_a_fn_body() {
    #[coro::coroutine]
    fn local<T: Copy>(x: T) -> impl Generator<Yield = T, Return = ()> {
        yield_!(x);
        yield_!(x);
    }
    assert_eq!(run(local('q')), (vec!['q', 'q'], ()));

    // A coroutine fn declared inside a closure's body.
    let in_closure = Some(4u8).map(|k| {
        #[coro::coroutine]
        fn twice(k: u8) -> impl Iterator<Item = u8> {
            yield_!(k);
            yield_!(k * 2);
        }
        twice(k).sum::<u8>() + coro::iter(local(1u8)).sum::<u8>()
    });
    assert_eq!(in_closure, Some(4 + 8 + 2));
}

trait Numbers {
    fn base(&self) -> u32;

    #[coro::coroutine]
    fn up(&self, n: u32) -> impl Generator<Yield = u32, Return = u32> + '_ {
        for i in 0..n {
            yield_!(self.base() + i);
        }
        n
    }

    #[coro::coroutine]
    fn by_value(self) -> impl Iterator<Item = u32>
    where
        Self: Sized,
    {
        yield_!(self.base());
    }
}

struct Ten;
impl Numbers for Ten {
    fn base(&self) -> u32 {
        10
    }
}

struct Overrides;
impl Numbers for Overrides {
    fn base(&self) -> u32 {
        0
    }

    #[coro::coroutine]
    fn up(&self, n: u32) -> impl Generator<Yield = u32, Return = u32> + '_ {
        yield_!(n);
        99
    }
}

#[test]
fn trait_default_methods_and_overrides() {
    assert_eq!(run(Ten.up(2)), (vec![10, 11], 2));
    assert_eq!(Ten.by_value().collect::<Vec<_>>(), [10]);
    assert_eq!(run(Overrides.up(5)), (vec![5], 99));
    assert_eq!(Overrides.by_value().collect::<Vec<_>>(), [0]);
}

// ---------------------------------------------------------------------------------------------
// Parameter drop order: locals first, then parameters in reverse declaration order.

#[coro::coroutine]
fn many_params(a: Noisy, (b, _c): (Noisy, Noisy), d: Noisy) -> impl Generator<Yield = &'static str, Return = ()> {
    let _l = Noisy("local");
    yield_!(a.0);
    yield_!(b.0);
    yield_!(d.0);
}

fn many_params_plain(a: Noisy, (b, _c): (Noisy, Noisy), d: Noisy) {
    let _l = Noisy("local");
    log(a.0);
    log(b.0);
    log(d.0);
}

fn args() -> (Noisy, (Noisy, Noisy), Noisy) {
    (Noisy("a"), (Noisy("b"), Noisy("c")), Noisy("d"))
}

#[test]
fn parameters_drop_like_a_plain_fn() {
    take_log();
    let (a, bc, d) = args();
    many_params_plain(a, bc, d);
    let plain = take_log();
    assert_eq!(plain, ["a", "b", "d", "drop local", "drop d", "drop c", "drop b", "drop a"]);

    // Run to completion.
    let (a, bc, d) = args();
    let (ys, ()) = run(many_params(a, bc, d));
    for y in ys {
        log(y);
    }
    let log_run = take_log();
    assert_eq!(log_run[..5], ["drop local", "drop d", "drop c", "drop b", "drop a"]);

    // Dropped while suspended at each yield.
    for k in 1..=3 {
        let (a, bc, d) = args();
        let got = common::resume_then_drop(many_params(a, bc, d), k);
        assert_eq!(got[k..], ["drop gen", "drop local", "drop d", "drop c", "drop b", "drop a"], "k = {k}");
    }
}

#[test]
fn parameters_drop_in_reverse_order_before_the_first_resume() {
    take_log();
    let (a, bc, d) = args();
    drop(many_params(a, bc, d));
    let got = take_log();
    // Not started: the parameters are dropped as a plain fn's would be had it returned at once.
    assert_eq!(got, ["drop d", "drop c", "drop b", "drop a"]);
}

// ---------------------------------------------------------------------------------------------
// More signature shapes.

struct Parser<'src> {
    text: &'src str,
    pos: usize,
}

impl<'src> Parser<'src> {
    #[coro::coroutine]
    fn tokens(&mut self) -> impl Iterator<Item = &'src str> + '_ {
        while self.pos < self.text.len() {
            let rest = &self.text[self.pos..];
            let end = rest.find(' ').unwrap_or(rest.len());
            let tok = &self.text[self.pos..self.pos + end];
            self.pos += end + 1;
            yield_!(tok);
        }
    }
}

#[test]
fn method_of_a_struct_with_a_lifetime_yields_the_source_lifetime() {
    let text = String::from("let x = 1");
    let mut p = Parser { text: &text, pos: 0 };
    let first_two: Vec<&str> = p.tokens().take(2).collect();
    // The tokens outlive the borrow of `p`.
    let rest: Vec<&str> = p.tokens().collect();
    assert_eq!(first_two, ["let", "x"]);
    assert_eq!(rest, ["=", "1"]);
    assert_eq!(p.pos, 10);
}

#[coro::coroutine]
fn hrtb_where<'c, C: ?Sized>(coll: &'c C) -> impl Generator<Yield = u32, Return = u32> + 'c
where
    for<'x> &'x C: IntoIterator<Item = &'x u32>,
{
    let mut total = 0;
    for &x in coll {
        total += x;
        yield_!(x);
    }
    total
}

#[coro::coroutine]
fn hrtb_fn<F>(words: Vec<String>, f: F) -> impl Iterator<Item = usize>
where
    F: for<'x> Fn(&'x str) -> &'x str,
{
    for w in words {
        let trimmed = f(&w).len();
        yield_!(trimmed);
    }
}

#[test]
fn higher_ranked_where_clauses() {
    let v = vec![1u32, 2, 3];
    assert_eq!(run(hrtb_where(&v)), (vec![1, 2, 3], 6));
    assert_eq!(run(hrtb_where::<[u32]>(&v[1..])), (vec![2, 3], 5));
    let got: Vec<usize> = hrtb_fn(vec![" a ".into(), "bc  ".into()], str::trim).collect();
    assert_eq!(got, [1, 2]);
}

#[coro::coroutine]
fn nested_impl_item(n: u32) -> impl Iterator<Item = impl Display + Clone> {
    for i in 0..n {
        yield_!(i * 3);
    }
}

#[coro::coroutine]
fn nested_impl_return() -> impl Generator<Yield = u8, Return = impl Debug + PartialEq<Vec<u8>>> {
    yield_!(1);
    vec![1u8, 2]
}

#[test]
fn impl_trait_nested_in_yield_and_return_types() {
    let s: Vec<String> = nested_impl_item(3).map(|d| d.to_string()).collect();
    assert_eq!(s, ["0", "3", "6"]);
    let (ys, r) = run(nested_impl_return());
    assert_eq!(ys, [1]);
    assert!(r == vec![1, 2]);
}

/// Generic parameter names a macro might use internally.
#[coro::coroutine]
fn clashing_names<R, Y, S, G, F, State, Machine>(r: R, y: Y, s: S, g: G, f: F, st: State, m: Machine) -> impl Generator<Yield = String, Return = usize>
where
    R: Debug,
    Y: Debug,
    S: Debug,
    G: Debug,
    F: Fn() -> usize,
    State: Debug,
    Machine: Debug,
{
    yield_!(format!("{r:?}"));
    yield_!(format!("{y:?}{s:?}"));
    yield_!(format!("{g:?}{st:?}{m:?}"));
    f()
}

#[test]
fn generic_parameters_with_names_a_macro_might_use() {
    let (ys, r) = run(clashing_names(1, 'y', "s", [0u8], || 5, (), Some(2)));
    assert_eq!(ys, ["1", "'y'\"s\"", "[0]()Some(2)"]);
    assert_eq!(r, 5);
}

#[coro::coroutine]
fn raw_idents(r#type: u8, r#match: &str) -> impl Generator<Yield = u8, Return = String> + '_ {
    let r#loop = r#type + 1;
    yield_!(r#type);
    yield_!(r#loop);
    r#match.to_uppercase()
}

#[test]
fn raw_identifier_parameters() {
    assert_eq!(run(raw_idents(4, "m")), (vec![4, 5], "M".to_string()));
}

#[derive(Debug, PartialEq)]
enum MyErr {
    Parse(String),
    Io,
}

impl From<std::num::ParseIntError> for MyErr {
    fn from(e: std::num::ParseIntError) -> Self {
        MyErr::Parse(e.to_string())
    }
}

#[coro::coroutine]
fn parse_all<E>(lines: Vec<&'static str>) -> impl Generator<Yield = i64, Return = Result<i64, E>>
where
    E: From<std::num::ParseIntError>,
{
    let mut sum = 0;
    for l in lines {
        let n: i64 = l.trim().parse()?;
        sum += n;
        yield_!(n);
    }
    Ok(sum)
}

#[test]
fn question_mark_with_a_generic_error_conversion() {
    assert_eq!(run(parse_all::<MyErr>(vec!["1", " 2"])), (vec![1, 2], Ok(3)));
    let (ys, r) = run(parse_all::<MyErr>(vec!["7", "x", "9"]));
    assert_eq!(ys, [7]);
    assert!(matches!(r, Err(MyErr::Parse(_))));
    assert_ne!(MyErr::Io, MyErr::Parse(String::new()));
}

trait Repeat {
    fn repeat_each<U: Clone>(&self, u: U, n: usize) -> impl Iterator<Item = (U, usize)>;
}

struct Rep;

impl Repeat for Rep {
    #[coro::coroutine]
    fn repeat_each<U: Clone>(&self, u: U, n: usize) -> impl Iterator<Item = (U, usize)> {
        for i in 0..n {
            yield_!((u.clone(), i));
        }
    }
}

#[test]
fn generic_method_in_a_trait_impl() {
    assert_eq!(Rep.repeat_each("u", 2).collect::<Vec<_>>(), [("u", 0), ("u", 1)]);
}

struct Shared {
    vals: Vec<u32>,
}

impl Shared {
    #[coro::coroutine]
    fn rc_iter(self: std::rc::Rc<Self>) -> impl Iterator<Item = u32> {
        for i in 0..self.vals.len() {
            yield_!(self.vals[i]);
        }
    }

    #[coro::coroutine]
    fn pinned(self: std::pin::Pin<&mut Self>) -> impl Generator<Yield = u32, Return = ()> + '_ {
        // `Pin::get_mut` consumes its receiver: called by path so the macro sees the move.
        let me = std::pin::Pin::get_mut(self);
        for i in 0..me.vals.len() {
            me.vals[i] += 1;
            yield_!(me.vals[i]);
        }
    }

    #[coro::coroutine]
    fn boxed_mut(mut self: Box<Self>) -> impl Generator<Yield = u32, Return = Box<Self>> {
        self.vals.push(9);
        yield_!(self.vals.len() as u32);
        self
    }
}

#[test]
fn arbitrary_self_types_rc_pin_box() {
    let rc = std::rc::Rc::new(Shared { vals: vec![1, 2] });
    let it = rc.clone().rc_iter();
    assert_eq!(std::rc::Rc::strong_count(&rc), 2);
    assert_eq!(it.collect::<Vec<_>>(), [1, 2]);
    assert_eq!(std::rc::Rc::strong_count(&rc), 1);

    let mut s = Shared { vals: vec![5, 6] };
    assert_eq!(run(std::pin::Pin::new(&mut s).pinned()), (vec![6, 7], ()));
    assert_eq!(s.vals, [6, 7]);

    let (ys, back) = run(Box::new(s).boxed_mut());
    assert_eq!((ys, back.vals.clone()), (vec![3], vec![6, 7, 9]));
}

struct Buf<const N: usize> {
    data: [u8; N],
}

impl<const N: usize> Buf<N> {
    const HALF: usize = N / 2;

    #[coro::coroutine]
    fn halves(&self) -> impl Iterator<Item = [u8; 2]> + '_ {
        for i in 0..Self::HALF {
            yield_!([self.data[i], self.data[N - 1 - i]]);
        }
    }
}

#[test]
fn method_of_a_const_generic_type() {
    let b = Buf { data: [1, 2, 3, 4, 5] };
    assert_eq!(b.halves().collect::<Vec<_>>(), [[1, 5], [2, 4]]);
}

// ---------------------------------------------------------------------------------------------
// Trait objects, generic traits, impls on references, `cfg_attr`.

trait Named {
    fn name(&self) -> String;
}

impl Named for u8 {
    fn name(&self) -> String {
        format!("u8:{self}")
    }
}

impl dyn Named + '_ {
    #[coro::coroutine]
    fn name_chars(&self) -> impl Iterator<Item = char> + '_ {
        let n: Vec<char> = self.name().chars().collect();
        for c in n.into_iter().rev() {
            yield_!(c);
        }
    }
}

#[test]
fn inherent_impl_on_a_trait_object() {
    let d: &dyn Named = &7u8;
    assert_eq!(d.name_chars().collect::<String>(), "7:8u");
}

trait Src<T> {
    fn items(&self) -> impl Generator<Yield = T, Return = usize> + '_;
}

struct Twice<T>(T);

impl<T: Clone> Src<T> for Twice<T> {
    #[coro::coroutine]
    fn items(&self) -> impl Generator<Yield = T, Return = usize> + '_ {
        yield_!(self.0.clone());
        yield_!(self.0.clone());
        2
    }
}

impl Src<String> for Twice<u8> {
    #[coro::coroutine]
    fn items(&self) -> impl Generator<Yield = String, Return = usize> + '_ {
        yield_!(self.0.to_string());
        1
    }
}

#[test]
fn generic_trait_impls() {
    assert_eq!(run(Src::<char>::items(&Twice('c'))), (vec!['c', 'c'], 2));
    assert_eq!(run(<Twice<u8> as Src<String>>::items(&Twice(9))), (vec!["9".to_string()], 1));
    assert_eq!(run(<Twice<u8> as Src<u8>>::items(&Twice(9))), (vec![9, 9], 2));
}

struct Bag {
    v: Vec<i32>,
}

trait Evens {
    fn evens(self) -> impl Iterator<Item = i32>;
}

impl<'a> Evens for &'a Bag {
    #[coro::coroutine]
    fn evens(self) -> impl Iterator<Item = i32> {
        // `self` is a reference here, but the macro cannot see that: rebind it with its type
        // (iterating `&self.v` directly is rejected: ui-tests/self-by-value-borrow.rs).
        let me: &'a Bag = self;
        for &x in &me.v {
            if x % 2 == 0 {
                yield_!(x);
            }
        }
    }
}

#[test]
fn trait_impl_for_a_reference_type_with_self_by_value() {
    let b = Bag { v: vec![1, 2, 3, 4] };
    assert_eq!((&b).evens().collect::<Vec<_>>(), [2, 4]);
}

trait HasAssoc {
    type Out: Debug;
    fn make(i: u32) -> Self::Out;
}

struct Maker;
impl HasAssoc for Maker {
    type Out = String;
    fn make(i: u32) -> String {
        "x".repeat(i as usize)
    }
}

#[coro::coroutine]
fn qualified_paths<M: HasAssoc>(n: u32) -> impl Generator<Yield = <M as HasAssoc>::Out, Return = Vec<M::Out>> {
    let mut all: Vec<<M as HasAssoc>::Out> = Vec::new();
    for i in 1..=n {
        yield_!(<M as HasAssoc>::make(i));
        all.push(M::make(i));
    }
    all
}

#[test]
fn qualified_associated_types_in_the_signature() {
    let (ys, r) = run(qualified_paths::<Maker>(2));
    assert_eq!(ys, ["x", "xx"]);
    assert_eq!(r, ["x", "xx"]);
}

struct Reader {
    prefix: String,
}

impl Reader {
    /// The resume type borrows with the elided lifetime of `&self`.
    #[coro::coroutine]
    fn matches(&self) -> impl Generator<&str, Yield = bool, Return = ()> + '_ {
        let mut last = false;
        loop {
            let line = yield_!(last);
            if line.is_empty() {
                return;
            }
            last = line.starts_with(self.prefix.as_str());
        }
    }
}

#[test]
fn elided_lifetime_in_the_resume_type() {
    let r = Reader { prefix: "ab".into() };
    let mut g = r.matches();
    let inputs = ["-", "abc", "xab", ""];
    assert_eq!(drive(&mut g, inputs.iter().copied()), (vec![false, true, false], Some(())));
}

#[coro::coroutine]
fn via_dyn<'a>(g: &'a mut dyn Generator<u32, Yield = u32, Return = u32>, h: Box<dyn Generator<u32, Yield = u32, Return = u32> + 'a>) -> impl Generator<u32, Yield = u32, Return = u32> + 'a {
    let a = yield_from!(g);
    let b = yield_from!(h);
    a * 100 + b
}

#[coro::coroutine]
fn echo_once(k: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let got = yield_!(k);
    got + k
}

#[test]
fn delegating_to_dyn_generators_with_a_resume_type() {
    let mut inner = echo_once(1);
    let mut g = via_dyn(&mut inner, Box::new(echo_once(2)));
    // `yield_from!` primes each delegate with `u32::default()`.
    assert_eq!(drive(&mut g, [50, 10, 20]), (vec![1, 2], Some(11 * 100 + 22)));
}

#[cfg_attr(all(), coro::coroutine)]
fn via_cfg_attr() -> impl Generator<Yield = u8, Return = u8> {
    yield_!(1);
    2
}

#[cfg(any())]
#[coro::coroutine]
fn compiled_out() -> impl Generator<Yield = u8, Return = u8> {
    yield_!(undefined_name);
}

#[track_caller]
#[coro::coroutine]
fn tracked() -> impl Generator<Yield = u8, Return = u8> {
    yield_!(1);
    2
}

#[test]
fn cfg_attr_cfg_and_track_caller() {
    assert_eq!(run(via_cfg_attr()), (vec![1], 2));
    assert_eq!(run(tracked()), (vec![1], 2));
}

// ---------------------------------------------------------------------------------------------
// Parameter patterns, attributes on parameters, generics used only in the signature.

#[coro::coroutine]
fn ref_patterns<'a>(&(a, b): &(u8, u8), &mut ref mut c: &'a mut u8, #[allow(unused_variables)] unused: u8) -> impl Generator<Yield = u8, Return = u8> + 'a {
    yield_!(a);
    *c += 1;
    yield_!(b);
    *c
}

#[test]
fn reference_patterns_and_parameter_attributes() {
    let mut c = 10;
    assert_eq!(run(ref_patterns(&(1, 2), &mut c, 0)), (vec![1, 2], 11));
    assert_eq!(c, 11);
}

#[coro::coroutine]
fn defaults<T: Default + Clone>(n: usize) -> impl Generator<Yield = T, Return = T> {
    for _ in 0..n {
        yield_!(T::default());
    }
    T::default()
}

#[coro::coroutine]
fn static_strs<'a>() -> impl Iterator<Item = &'a str> {
    yield_!("one");
    yield_!("two");
}

#[test]
fn generic_and_lifetime_parameters_used_only_in_the_signature() {
    assert_eq!(run(defaults::<String>(2)), (vec![String::new(), String::new()], String::new()));
    assert_eq!(run(defaults::<(u8, bool)>(0)), (vec![], (0, false)));
    let v: Vec<&str> = static_strs().collect();
    assert_eq!(v, ["one", "two"]);
}

#[coro::coroutine]
fn nested_impl_arg(xs: impl IntoIterator<Item = impl Display>, sep: impl AsRef<str>) -> impl Iterator<Item = String> {
    let mut first = true;
    for x in xs {
        if !first {
            yield_!(sep.as_ref().to_string());
        }
        first = false;
        yield_!(x.to_string());
    }
}

#[test]
fn nested_impl_trait_in_argument_position() {
    assert_eq!(nested_impl_arg([1, 2], ",").collect::<String>(), "1,2");
    assert_eq!(nested_impl_arg(vec!['a'], String::from("-")).collect::<String>(), "a");
}

#[coro::coroutine]
fn dyn_fn_mut(f: &mut dyn FnMut(u8) -> u8, n: u8) -> impl Generator<Yield = u8, Return = u8> + '_ {
    let mut last = 0;
    for i in 0..n {
        last = f(i);
        yield_!(last);
    }
    f(last)
}

#[test]
fn mut_dyn_fn_mut_parameter_called_across_yields() {
    let mut calls = 0;
    let mut f = |x: u8| {
        calls += 1;
        x * 2
    };
    assert_eq!(run(dyn_fn_mut(&mut f, 3)), (vec![0, 2, 4], 8));
    assert_eq!(calls, 4);
}

#[derive(Debug, PartialEq)]
struct Acc<T> {
    sum: T,
    count: usize,
}

impl<T> Acc<T>
where
    T: Copy + std::ops::Add<Output = T> + Default,
{
    #[coro::coroutine]
    fn accumulate() -> impl Generator<T, Yield = usize, Return = Self>
    where
        Self: Sized,
    {
        let mut sum = T::default();
        let mut count = 0;
        loop {
            let x: T = yield_!(count);
            if count == 3 {
                return Self { sum, count };
            }
            sum = sum + x;
            count += 1;
        }
    }
}

#[test]
fn associated_fn_of_a_generic_type_returning_self_with_a_resume_type() {
    let mut g = Acc::<f64>::accumulate();
    let (ys, r) = drive(&mut g, [0.0, 0.5, 1.5, 2.0, 99.0]);
    assert_eq!(ys, [0, 1, 2, 3]);
    assert_eq!(r, Some(Acc { sum: 4.0, count: 3 }));
}

// ---------------------------------------------------------------------------------------------
// `self` by value kept to the end of the body when only borrowed before a yield.

struct Guarded {
    tag: Noisy,
}

impl Guarded {
    fn peek(&self) -> &'static str {
        self.tag.0
    }

    #[coro::coroutine]
    fn only_borrowed(self, extra: Noisy) -> impl Generator<Yield = &'static str, Return = ()> {
        yield_!(self.peek());
        log("resumed");
        yield_!(extra.0);
        log("end");
    }
}

#[test]
fn self_by_value_borrowed_before_a_yield_lives_to_the_end() {
    take_log();
    let got = common::resume_then_drop(Guarded { tag: Noisy("self") }.only_borrowed(Noisy("extra")), 3);
    assert_eq!(got, ["yield \"self\"", "resumed", "yield \"extra\"", "end", "drop extra", "drop self", "complete ()", "drop gen"]);
    let got = common::resume_then_drop(Guarded { tag: Noisy("self") }.only_borrowed(Noisy("extra")), 1);
    assert_eq!(got, ["yield \"self\"", "drop gen", "drop extra", "drop self"]);
}
