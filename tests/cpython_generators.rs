//! CPython's `Lib/test/test_generators.py` (tutorial, PEP 255, email, "fun", syntax, conjoin and
//! coroutine doctests), `Lib/test/test_yield_from.py` (PEP 380) and the examples of PEP 342,
//! re-expressed as Rust tests of `#[coro::coroutine]`. Python exceptions become panics or
//! `Result`s, `try/finally` becomes a drop guard, `close()` becomes `drop`, and `throw()` has no
//! equivalent.
mod common;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt::Debug;
use std::rc::Rc;

use common::{drive, log, panic_message, resume_then_drop, run, strs, take_log, Noisy};
use coro::{yield_, yield_from, Generator, GeneratorState};

type BoxIter<T> = Box<dyn Iterator<Item = T>>;

fn collect<G: Generator>(g: G) -> Vec<G::Yield> {
    coro::iter(g).collect()
}

// =============================================================================================
// tutorial_tests
// =============================================================================================

#[coro::coroutine]
fn one_two() -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
    yield_!(2);
}

/// tutorial: `def f(): yield 1; yield 2`, iterated and then resumed by hand past its end.
#[test]
fn tut_simple_generator_and_falling_off_the_end() {
    assert_eq!(collect(one_two()), [1, 2]);
    let mut g = one_two();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
    assert!(panic_message(|| g.resume(())).contains("after completion"));
}

#[coro::coroutine]
fn stops_early(stop: bool) -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
    if stop {
        return;
    }
    yield_!(2);
}

/// tutorial: `"return" also stops the generator`, and once stopped it cannot be resumed.
#[test]
fn tut_return_stops_the_generator() {
    let mut g = stops_early(true);
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
    assert!(panic_message(|| g.resume(())).contains("after completion"));
    assert_eq!(collect(stops_early(false)), [1, 2]);
}

/// tutorial: the `impl Iterator` form of a stopped generator is fused (StopIteration forever).
#[test]
fn tut_stopped_iterator_stays_stopped() {
    #[coro::coroutine]
    fn once(stop: bool) -> impl Iterator<Item = u32> {
        yield_!(1);
        if stop {
            return;
        }
        yield_!(2);
    }
    let mut it = once(true);
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}

#[coro::coroutine]
fn yrange(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        yield_!(i);
    }
}

/// tutorial: `yrange`, an alternate `range()` written as a generator.
#[test]
fn tut_yrange() {
    assert_eq!(yrange(5).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    assert_eq!(yrange(0).count(), 0);
}

/// tutorial: generators always return to the most recent caller (`creator` / `caller`).
#[test]
fn tut_generators_return_to_the_most_recent_caller() {
    fn creator(out: &mut Vec<String>) -> impl Iterator<Item = u32> {
        let mut r = yrange(5);
        out.push(format!("creator {}", r.next().unwrap()));
        r
    }
    let mut out = Vec::new();
    let r = creator(&mut out);
    for i in r {
        out.push(format!("caller {i}"));
    }
    assert_eq!(
        out,
        ["creator 0", "caller 1", "caller 2", "caller 3", "caller 4"]
    );
}

#[coro::coroutine]
fn zrange(n: u32) -> impl Iterator<Item = u32> {
    for i in yrange(n) {
        yield_!(i);
    }
}

/// tutorial: generators can call other generators (`zrange` loops over `yrange`).
#[test]
fn tut_generators_call_generators() {
    assert_eq!(zrange(5).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
}

// =============================================================================================
// pep_tests (PEP 255)
// =============================================================================================

fn divide(a: u32, b: u32) -> u32 {
    a / b
}

#[coro::coroutine]
fn yields_a_failing_call(d: u32) -> impl Generator<Yield = u32, Return = ()> {
    yield_!(divide(1, d));
    yield_!(42);
}

/// PEP 255 "Generators and Exception Propagation": the zero division propagates, and the
/// generator cannot be resumed afterwards.
#[test]
fn pep255_exception_propagates_and_the_generator_is_dead() {
    let mut k = yields_a_failing_call(0);
    let msg = panic_message(|| k.resume(()));
    assert!(msg.contains("divide by zero"), "{msg}");
    assert!(panic_message(|| k.resume(())).contains("after a panic"));
    assert_eq!(collect(yields_a_failing_call(1)), [1, 42]);
}

#[derive(Debug, PartialEq)]
enum Exc {
    ZeroDivision,
    Other,
}

fn checked_div(a: u32, b: u32) -> Result<u32, Exc> {
    a.checked_div(b).ok_or(Exc::ZeroDivision)
}

/// The try/except/finally example of PEP 255, with `Result` and labelled blocks for the
/// `try`s: `[1, 2, 4, 5, 8, 9, 10, 11]`.
#[coro::coroutine]
fn pep255_try_except_finally() -> impl Generator<Yield = u32, Return = ()> {
    let outer: Result<(), Exc> = 'outer_try: {
        yield_!(1);
        let inner: Result<(), Exc> = 'inner_try: {
            yield_!(2);
            if let Err(e) = checked_div(1, 0) {
                break 'inner_try Err(e);
            }
            yield_!(3); // never get here
            Ok(())
        };
        match inner {
            Err(Exc::ZeroDivision) => {
                yield_!(4);
                yield_!(5);
                break 'outer_try Err(Exc::ZeroDivision); // re-raise
            }
            Err(_) => yield_!(6),
            Ok(()) => {}
        }
        yield_!(7); // the re-raise above skips this
        Ok(())
    };
    if outer.is_err() {
        yield_!(8);
    }
    yield_!(9);
    let x = 12;
    // finally:
    yield_!(10);
    let _ = x;
    yield_!(11);
}

/// PEP 255: "Specification: Try/Except/Finally".
#[test]
fn pep255_try_except_finally_order() {
    assert_eq!(
        collect(pep255_try_except_finally()),
        [1, 2, 4, 5, 8, 9, 10, 11]
    );
}

/// PEP 255: "return isn't always equivalent to raising StopIteration": `f1` returns before its
/// handler, `f2`'s error is caught by a bare `except` which yields.
#[test]
fn pep255_return_versus_raise() {
    #[coro::coroutine]
    fn f1() -> impl Iterator<Item = u32> {
        let r: Result<(), Exc> = 'try_: {
            if true {
                return;
            }
            break 'try_ Err(Exc::Other);
        };
        if r.is_err() {
            yield_!(1);
        }
    }
    #[coro::coroutine]
    fn f2() -> impl Iterator<Item = u32> {
        let r: Result<(), Exc> = Err(Exc::Other);
        if let Err(_) = r {
            yield_!(42);
        }
    }
    assert_eq!(f1().count(), 0);
    assert_eq!(f2().collect::<Vec<_>>(), [42]);
}

// Guido's binary tree.
struct Node {
    label: char,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

fn tree(labels: &[char]) -> Option<Box<Node>> {
    if labels.is_empty() {
        return None;
    }
    let i = labels.len() / 2;
    Some(Box::new(Node {
        label: labels[i],
        left: tree(&labels[..i]),
        right: tree(&labels[i + 1..]),
    }))
}

const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn boxed_inorder<'a>(t: &'a Option<Box<Node>>) -> Box<dyn Iterator<Item = char> + 'a> {
    Box::new(inorder(t))
}

/// The recursive in-order walk, written with `for` loops over the sub-walks (not `yield_from!`).
#[coro::coroutine]
fn inorder<'a>(t: &'a Option<Box<Node>>) -> impl Iterator<Item = char> + 'a {
    if let Some(node) = t {
        for x in boxed_inorder(&node.left) {
            yield_!(x);
        }
        yield_!(node.label);
        for x in boxed_inorder(&node.right) {
            yield_!(x);
        }
    }
}

/// The non-recursive in-order walk: an explicit stack, `while let`, and a `return` from inside a
/// nested loop when the stack runs dry.
#[coro::coroutine]
fn inorder_flat<'a>(root: &'a Option<Box<Node>>) -> impl Iterator<Item = char> + 'a {
    let mut stack: Vec<&'a Node> = Vec::new();
    let mut node: Option<&'a Node> = root.as_deref();
    while let Some(mut n) = node {
        while let Some(l) = n.left.as_deref() {
            stack.push(n);
            n = l;
        }
        yield_!(n.label);
        while n.right.is_none() {
            match stack.pop() {
                Some(up) => n = up,
                None => return,
            }
            yield_!(n.label);
        }
        node = n.right.as_deref();
    }
}

/// PEP 255: Guido's binary tree, walked in order recursively and with an explicit stack.
#[test]
fn pep255_binary_tree_inorder() {
    let labels: Vec<char> = ALPHABET.chars().collect();
    let t = tree(&labels);
    assert_eq!(inorder(&t).collect::<String>(), ALPHABET);
    assert_eq!(inorder_flat(&t).collect::<String>(), ALPHABET);
    for n in 0..labels.len() {
        let t = tree(&labels[..n]);
        assert_eq!(
            inorder_flat(&t).collect::<String>(),
            &ALPHABET[..n],
            "{n} labels"
        );
        assert_eq!(
            inorder(&t).collect::<String>(),
            &ALPHABET[..n],
            "{n} labels"
        );
    }
}

// =============================================================================================
// email_tests
// =============================================================================================

/// email: "The difference between yielding None and returning it": four `()`s, then the end.
#[test]
fn email_yielding_unit_versus_returning() {
    #[coro::coroutine]
    fn g() -> impl Generator<Yield = (), Return = ()> {
        for _ in 0..3 {
            yield_!();
        }
        yield_!(());
        #[allow(clippy::needless_return)]
        return;
    }
    assert_eq!(run(g()), (vec![(); 4], ()));
}

/// email: an error caught by a handler is not a return: `[1, 2, 3]`.
#[test]
fn email_caught_error_is_not_a_return() {
    #[coro::coroutine]
    fn g() -> impl Iterator<Item = u32> {
        yield_!(1);
        let r: Result<(), Exc> = Err(Exc::Other);
        if r.is_err() {
            yield_!(2);
        }
        yield_!(3);
    }
    assert_eq!(g().collect::<Vec<_>>(), [1, 2, 3]);
}

fn boxed_gcomb(x: Vec<u32>, k: usize) -> BoxIter<Vec<u32>> {
    Box::new(gcomb(x, k))
}

/// All combinations of `k` elements of `x` (c.l.py), recursively.
#[coro::coroutine]
fn gcomb(x: Vec<u32>, k: usize) -> impl Iterator<Item = Vec<u32>> {
    if k > x.len() {
        return;
    }
    if k == 0 {
        yield_!(vec![]);
    } else {
        let (first, rest) = (x[0], x[1..].to_vec());
        // A combination does or doesn't contain `first`.
        for mut c in boxed_gcomb(rest.clone(), k - 1) {
            c.insert(0, first);
            yield_!(c);
        }
        for c in boxed_gcomb(rest, k) {
            yield_!(c);
        }
    }
}

/// email: `gcomb`, combinations of k elements from a list.
#[test]
fn email_gcomb() {
    let seq = vec![1, 2, 3, 4];
    let all: Vec<Vec<Vec<u32>>> = (0..seq.len() + 2)
        .map(|k| gcomb(seq.clone(), k).collect())
        .collect();
    assert_eq!(all[0], [Vec::<u32>::new()]);
    assert_eq!(all[1], [[1], [2], [3], [4]]);
    assert_eq!(all[2], [[1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]);
    assert_eq!(all[3], [[1, 2, 3], [1, 2, 4], [1, 3, 4], [2, 3, 4]]);
    assert_eq!(all[4], [[1, 2, 3, 4]]);
    assert!(all[5].is_empty());
}

/// A set of David Eppstein's union-find: its generator yields its own name while it is a root,
/// then forwards whatever its parent's (shared) generator yields.
struct DisjointSet {
    name: char,
    parent: RefCell<Option<Rc<DisjointSet>>>,
    generator: RefCell<Option<BoxIter<char>>>,
}

impl DisjointSet {
    fn new(name: char) -> Rc<Self> {
        let s = Rc::new(DisjointSet {
            name,
            parent: RefCell::new(None),
            generator: RefCell::new(None),
        });
        *s.generator.borrow_mut() = Some(Box::new(Self::generate(Rc::downgrade(&s))));
        s
    }

    #[coro::coroutine]
    fn generate(me: std::rc::Weak<DisjointSet>) -> impl Iterator<Item = char> {
        let me = me.upgrade().expect("set alive");
        while me.parent.borrow().is_none() {
            yield_!(me.name);
        }
        let parent = me.parent.borrow().clone().unwrap();
        drop(me);
        loop {
            let next = parent.generator.borrow_mut().as_mut().unwrap().next();
            match next {
                Some(x) => yield_!(x),
                None => break,
            }
        }
    }

    fn find(&self) -> char {
        self.generator
            .borrow_mut()
            .as_mut()
            .unwrap()
            .next()
            .unwrap()
    }

    fn union(&self, parent: &Rc<DisjointSet>) {
        assert!(self.parent.borrow().is_none(), "Sorry, I'm not a root!");
        *self.parent.borrow_mut() = Some(parent.clone());
    }
}

/// email: Eppstein's union-find built on generators, checked against a plain union-find.
#[test]
fn email_union_find() {
    let names: Vec<char> = "ABCDEFGHIJKLM".chars().collect();
    let sets: Vec<Rc<DisjointSet>> = names.iter().map(|&c| DisjointSet::new(c)).collect();
    let mut plain: Vec<usize> = (0..names.len()).collect();
    fn root(p: &[usize], mut i: usize) -> usize {
        while p[i] != i {
            i = p[i];
        }
        i
    }
    let mut roots: Vec<usize> = (0..names.len()).collect();
    let mut seed = 42u64;
    let mut choose = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    loop {
        for (i, s) in sets.iter().enumerate() {
            assert_eq!(s.find(), names[root(&plain, i)], "find({})", names[i]);
        }
        if roots.len() <= 1 {
            break;
        }
        let s1 = roots.remove(choose(roots.len()));
        let s2 = roots[choose(roots.len())];
        sets[s1].union(&sets[s2]);
        plain[s1] = s2;
    }
    assert!(sets.iter().all(|s| s.find() == names[roots[0]]));
}

// =============================================================================================
// fun_tests
// =============================================================================================

fn firstn<I: Iterator>(g: &mut I, n: usize) -> Vec<I::Item> {
    (0..n).map(|_| g.next().unwrap()).collect()
}

#[coro::coroutine]
fn intsfrom(mut i: u64) -> impl Iterator<Item = u64> {
    loop {
        yield_!(i);
        i += 1;
    }
}

#[coro::coroutine]
fn exclude_multiples(n: u64, ints: BoxIter<u64>) -> impl Iterator<Item = u64> {
    for i in ints {
        if i % n != 0 {
            yield_!(i);
        }
    }
}

/// The recursive sieve: takes the first prime, then sieves the rest recursively.
#[coro::coroutine]
fn sieve(mut ints: BoxIter<u64>) -> impl Iterator<Item = u64> {
    let prime = ints.next().unwrap();
    yield_!(prime);
    let not_divisible_by_prime: BoxIter<u64> = Box::new(exclude_multiples(prime, ints));
    let rest: BoxIter<u64> = Box::new(sieve(not_divisible_by_prime));
    for p in rest {
        yield_!(p);
    }
}

/// fun: `intsfrom`, `exclude_multiples` and the recursive Sieve of Eratosthenes.
#[test]
fn fun_sieve_of_eratosthenes() {
    assert_eq!(firstn(&mut intsfrom(5), 7), [5, 6, 7, 8, 9, 10, 11]);
    assert_eq!(
        firstn(&mut exclude_multiples(3, Box::new(intsfrom(1))), 6),
        [1, 2, 4, 5, 7, 8]
    );
    let mut primes = sieve(Box::new(intsfrom(2)));
    assert_eq!(
        firstn(&mut primes, 20),
        [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71]
    );
}

#[coro::coroutine]
fn times<I: Iterator<Item = u64>>(n: u64, g: I) -> impl Iterator<Item = u64> {
    for i in g {
        yield_!(n * i);
    }
}

/// Merges two increasing streams, dropping duplicates (an `if`/`else if`/`else` chain with a
/// yield in each arm and `?` on `Option` to stop when either stream ends).
#[coro::coroutine]
fn merge<G: Iterator<Item = u64>, H: Iterator<Item = u64>>(
    mut g: G,
    mut h: H,
) -> impl Generator<Yield = u64, Return = Option<()>> {
    let mut ng = g.next()?;
    let mut nh = h.next()?;
    loop {
        if ng < nh {
            yield_!(ng);
            ng = g.next()?;
        } else if ng > nh {
            yield_!(nh);
            nh = h.next()?;
        } else {
            yield_!(ng);
            ng = g.next()?;
            nh = h.next()?;
        }
    }
}

fn merged<G: Iterator<Item = u64>, H: Iterator<Item = u64>>(
    g: G,
    h: H,
) -> coro::Iter<impl Generator<Yield = u64, Return = Option<()>>> {
    coro::iter(merge(g, h))
}

fn boxed_m235() -> BoxIter<u64> {
    Box::new(m235_naive())
}

/// The first, wasteful Hamming generator: each level makes three more.
#[coro::coroutine]
fn m235_naive() -> impl Iterator<Item = u64> {
    yield_!(1);
    let me_times2 = times(2, boxed_m235());
    let me_times3 = times(3, boxed_m235());
    let me_times5 = times(5, boxed_m235());
    for i in merged(merged(me_times2, me_times3), me_times5) {
        yield_!(i);
    }
}

const HAMMING: [u64; 75] = [
    1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, //
    25, 27, 30, 32, 36, 40, 45, 48, 50, 54, 60, 64, 72, 75, 80, //
    81, 90, 96, 100, 108, 120, 125, 128, 135, 144, 150, 160, 162, 180, 192, //
    200, 216, 225, 240, 243, 250, 256, 270, 288, 300, 320, 324, 360, 375, 384, //
    400, 405, 432, 450, 480, 486, 500, 512, 540, 576, 600, 625, 640, 648, 675,
];

/// fun: `times`, `merge`, and the naive recursive Hamming numbers `m235`.
#[test]
fn fun_hamming_naive() {
    assert_eq!(
        firstn(&mut times(10, intsfrom(1)), 10),
        [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    );
    let mut result = m235_naive();
    for row in 0..3 {
        assert_eq!(firstn(&mut result, 15), HAMMING[15 * row..15 * (row + 1)]);
    }
}

/// A merge that ends when either side ends (completion through `?`).
#[test]
fn fun_merge_stops_at_the_shorter_stream() {
    let mut m = merge([1, 3, 5, 7].into_iter(), [2, 3, 4].into_iter());
    let (ys, r) = run(&mut m);
    assert_eq!(ys, [1, 2, 3, 4]);
    assert_eq!(r, None);
}

/// Tim's `LazyList`: remembers everything a generator produced so far, so several readers can
/// index it.
struct LazyList {
    sofar: RefCell<Vec<u64>>,
    fetch: RefCell<Option<BoxIter<u64>>>,
}

impl LazyList {
    fn new() -> Rc<Self> {
        Rc::new(LazyList {
            sofar: RefCell::new(Vec::new()),
            fetch: RefCell::new(None),
        })
    }

    fn get(&self, i: usize) -> u64 {
        while i >= self.sofar.borrow().len() {
            let v = self.fetch.borrow_mut().as_mut().unwrap().next().unwrap();
            self.sofar.borrow_mut().push(v);
        }
        self.sofar.borrow()[i]
    }

    /// An iterator over the list from its start, sharing what was computed.
    #[coro::coroutine]
    fn iter(self: Rc<Self>) -> impl Iterator<Item = u64> {
        let mut i = 0;
        loop {
            yield_!(self.get(i));
            i += 1;
        }
    }
}

/// The Hamming generator over a `LazyList` of its own output.
#[coro::coroutine]
fn m235_lazy(me: Rc<LazyList>) -> impl Iterator<Item = u64> {
    yield_!(1);
    let me_times2 = times(2, me.clone().iter());
    let me_times3 = times(3, me.clone().iter());
    let me_times5 = times(5, LazyList::iter(me));
    for i in merged(merged(me_times2, me_times3), me_times5) {
        yield_!(i);
    }
}

/// fun: `m235` over a `LazyList`, memory-efficient (75 numbers).
#[test]
fn fun_hamming_lazy_list() {
    let m235 = LazyList::new();
    let weak = Rc::downgrade(&m235);
    *m235.fetch.borrow_mut() = Some(Box::new(m235_lazy(weak.upgrade().unwrap())));
    let got: Vec<u64> = (0..75).map(|j| m235.get(j)).collect();
    assert_eq!(got, HAMMING);
    // Break the cycle the generator closes over.
    m235.fetch.borrow_mut().take();
}

/// Fibonacci, LazyList style: `sum(iter(fib), tail(iter(fib)))`, with local generator helpers.
#[coro::coroutine]
fn fibgen(a: u64, b: u64, fib: Rc<LazyList>) -> impl Iterator<Item = u64> {
    #[coro::coroutine]
    fn sum<G: Iterator<Item = u64>, H: Iterator<Item = u64>>(
        mut g: G,
        mut h: H,
    ) -> impl Iterator<Item = u64> {
        loop {
            yield_!(g.next().unwrap() + h.next().unwrap());
        }
    }
    #[coro::coroutine]
    fn tail<G: Iterator<Item = u64>>(mut g: G) -> impl Iterator<Item = u64> {
        g.next(); // throw the first away
        for x in g {
            yield_!(x);
        }
    }
    yield_!(a);
    yield_!(b);
    for s in sum(fib.clone().iter(), tail(LazyList::iter(fib))) {
        yield_!(s);
    }
}

/// fun: "Ye olde Fibonacci generator, LazyList style".
#[test]
fn fun_fibonacci_lazy_list() {
    let fib = LazyList::new();
    *fib.fetch.borrow_mut() = Some(Box::new(fibgen(1, 2, fib.clone())));
    assert_eq!(
        firstn(&mut fib.clone().iter(), 17),
        [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584]
    );
    fib.fetch.borrow_mut().take();
}

/// A minimal `itertools.tee`: `n` iterators over one source, each buffer kept until every
/// reader has seen its items.
fn tee(source: BoxIter<u64>, n: usize) -> Vec<BoxIter<u64>> {
    struct Shared {
        source: Option<BoxIter<u64>>,
        queues: Vec<VecDeque<u64>>,
    }
    #[coro::coroutine]
    fn reader(shared: Rc<RefCell<Shared>>, me: usize) -> impl Iterator<Item = u64> {
        loop {
            let front = shared.borrow_mut().queues[me].pop_front();
            let v = match front {
                Some(v) => v,
                None => {
                    // Take the source out while it runs: it may read the other copies.
                    let mut source = shared.borrow_mut().source.take().expect("tee re-entered");
                    let next = source.next();
                    shared.borrow_mut().source = Some(source);
                    let Some(v) = next else { return };
                    for (k, q) in shared.borrow_mut().queues.iter_mut().enumerate() {
                        if k != me {
                            q.push_back(v);
                        }
                    }
                    v
                }
            };
            yield_!(v);
        }
    }
    let shared = Rc::new(RefCell::new(Shared {
        source: Some(source),
        queues: vec![VecDeque::new(); n],
    }));
    (0..n)
        .map(|k| Box::new(reader(shared.clone(), k)) as BoxIter<u64>)
        .collect()
}

/// fun: Hamming numbers with `tee`, the running-after-your-tail style.
#[test]
fn fun_hamming_tee() {
    // The generator reads the tee'd copies of its own output; they are handed in after it is
    // built, through a slot it looks at when first resumed (nothing runs before that).
    type Slot = Rc<RefCell<Option<[BoxIter<u64>; 3]>>>;
    #[coro::coroutine]
    fn inner_m235(slot: Slot) -> impl Iterator<Item = u64> {
        yield_!(1);
        let [m2, m3, m5] = slot.borrow_mut().take().unwrap();
        for n in merged(times(2, m2), merged(times(3, m3), times(5, m5))) {
            yield_!(n);
        }
    }
    let slot: Slot = Rc::new(RefCell::new(None));
    let mut copies = tee(Box::new(inner_m235(slot.clone())), 4);
    let m_res = copies.pop().unwrap();
    let m5 = copies.pop().unwrap();
    let m3 = copies.pop().unwrap();
    let m2 = copies.pop().unwrap();
    *slot.borrow_mut() = Some([m2, m3, m5]);
    assert_eq!(m_res.take(75).collect::<Vec<_>>(), HAMMING);
}

// =============================================================================================
// syntax_tests
// =============================================================================================

/// syntax: nested try/except/finally: `[12, 666]` (an inner error handled by a yield, an outer
/// handler that returns).
#[test]
fn syntax_nested_handlers() {
    #[coro::coroutine]
    fn f() -> impl Iterator<Item = u32> {
        let outer: Result<(), Exc> = 'outer: {
            let inner: Result<(), Exc> = 'inner: {
                yield_!(12);
                match checked_div(1, 0) {
                    Ok(_) => {}
                    Err(e) => break 'inner Err(e),
                }
                Ok(())
            };
            match inner {
                Err(Exc::ZeroDivision) => yield_!(666),
                Err(_) => {
                    let x = 12;
                    yield_!(x);
                }
                Ok(()) => {}
            }
            break 'outer Ok(());
        };
        if outer.is_err() {
            return;
        }
    }
    assert_eq!(f().collect::<Vec<_>>(), [12, 666]);
}

/// syntax: a generator whose only `yield` is never reached is still a generator, and yields
/// nothing (`if 0: yield`).
#[test]
fn syntax_unreached_yield_still_a_generator() {
    #[coro::coroutine]
    fn f(zero: u32) -> impl Generator<Yield = u32, Return = &'static str> {
        if zero != 0 {
            yield_!(1);
        }
        "empty"
    }
    #[coro::coroutine]
    fn g(s: &'static str) -> impl Iterator<Item = ()> {
        if !s.is_empty() {
            yield_!();
        }
    }
    assert_eq!(run(f(0)), (vec![], "empty"));
    assert_eq!(g("").count(), 0);
    assert_eq!(g("x").count(), 1);
}

/// syntax: a `return` before a deeply nested, never-reached yield.
#[test]
fn syntax_return_before_deeply_nested_yield() {
    #[coro::coroutine]
    fn f(early: bool) -> impl Generator<Yield = u32, Return = i32> {
        if early {
            return -1;
        }
        let mut x = 4;
        if x == 4 {
            x += 0;
        } else if x == 0 {
            match checked_div(1, 0) {
                Err(_) => {}
                Ok(_) =>
                {
                    #[allow(clippy::never_loop)]
                    while x != 12 {
                        x += 1;
                        yield_!(2);
                        break;
                    }
                }
            }
        }
        x
    }
    assert_eq!(run(f(true)), (vec![], -1));
    assert_eq!(run(f(false)), (vec![], 4));
}

/// syntax (SF bug 567538): `for i in range(3): try: continue finally: yield i`. The `finally`
/// becomes a drop guard that logs, and the yield runs before each `continue`.
#[test]
fn syntax_continue_through_finally() {
    #[coro::coroutine]
    fn f() -> impl Generator<Yield = u32, Return = ()> {
        for i in 0..3 {
            let _finally = Noisy("finally");
            'try_: {
                if i < 10 {
                    break 'try_;
                }
                log("not here");
            }
            yield_!(i);
            continue;
        }
    }
    take_log();
    let mut g = f();
    assert_eq!(g.resume(()), GeneratorState::Yielded(0));
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(take_log(), ["drop finally"]);
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
    assert_eq!(take_log(), ["drop finally", "drop finally"]);
    assert!(panic_message(|| g.resume(())).contains("after completion"));
}

/// syntax: "Lambdas shouldn't have their usual return behavior": `((yield 1), (yield 2))`, here
/// a tuple of two yields that becomes the return value.
#[test]
fn syntax_tuple_of_yields() {
    #[coro::coroutine]
    fn x() -> impl Generator<&'static str, Yield = u32, Return = (&'static str, &'static str)> {
        (yield_!(1), yield_!(2))
    }
    let mut g = x();
    assert_eq!(
        drive(&mut g, ["prime", "a", "b"]),
        (vec![1, 2], Some(("a", "b")))
    );
}

// =============================================================================================
// conjoin_tests
// =============================================================================================

type Pump = Rc<dyn Fn() -> BoxIter<u32>>;

fn boxed_conjoin_gen(
    gs: Rc<Vec<Pump>>,
    values: Rc<RefCell<Vec<u32>>>,
    i: usize,
) -> BoxIter<Vec<u32>> {
    Box::new(simple_conjoin_gen(gs, values, i))
}

/// `simple_conjoin`'s inner `gen(i)`: for each value of slot `i`, every completion of the
/// slots to its right.
#[coro::coroutine]
fn simple_conjoin_gen(
    gs: Rc<Vec<Pump>>,
    values: Rc<RefCell<Vec<u32>>>,
    i: usize,
) -> impl Iterator<Item = Vec<u32>> {
    if i >= gs.len() {
        yield_!(values.borrow().clone());
    } else {
        let pump = gs[i].clone();
        for v in pump() {
            values.borrow_mut()[i] = v;
            for x in boxed_conjoin_gen(gs.clone(), values.clone(), i + 1) {
                yield_!(x);
            }
        }
    }
}

fn simple_conjoin(gs: Vec<Pump>) -> BoxIter<Vec<u32>> {
    let values = Rc::new(RefCell::new(vec![0; gs.len()]));
    boxed_conjoin_gen(Rc::new(gs), values, 0)
}

/// `flat_conjoin`: the recursion-free backtracking version, with labelled loops for Python's
/// `while ... else` and `try/except StopIteration`.
#[coro::coroutine]
fn flat_conjoin(gs: Vec<Pump>) -> impl Iterator<Item = Vec<u32>> {
    let n = gs.len();
    let mut values = vec![0; n];
    let mut iters: Vec<Option<BoxIter<u32>>> = (0..n).map(|_| None).collect();
    let mut i = 0;
    'outer: loop {
        // Descend.
        let mut exhausted = false;
        while i < n {
            let mut it = gs[i]();
            match it.next() {
                Some(v) => values[i] = v,
                None => {
                    exhausted = true;
                    break;
                }
            }
            iters[i] = Some(it);
            i += 1;
        }
        if !exhausted {
            assert_eq!(i, n);
            yield_!(values.clone());
        }
        // Backtrack until an older iterator can be resumed.
        loop {
            if i == 0 {
                break 'outer;
            }
            i -= 1;
            if let Some(v) = iters[i].as_mut().and_then(|it| it.next()) {
                values[i] = v;
                i += 1;
                continue 'outer;
            }
        }
    }
}

fn bits() -> Pump {
    Rc::new(|| Box::new([0, 1].into_iter()))
}

/// conjoin: the 3-bit binary numbers in order, with both conjoins.
#[test]
fn conjoin_three_bits() {
    let expected: Vec<Vec<u32>> = (0..8)
        .map(|k| vec![k >> 2 & 1, k >> 1 & 1, k & 1])
        .collect();
    assert_eq!(
        simple_conjoin(vec![bits(); 3]).collect::<Vec<_>>(),
        expected
    );
    assert_eq!(flat_conjoin(vec![bits(); 3]).collect::<Vec<_>>(), expected);
}

/// conjoin: `gencopy` over the full cross-products of 0..10 slots.
#[test]
fn conjoin_cross_product_sizes() {
    #[coro::coroutine]
    fn gencopy<I: Iterator<Item = Vec<u32>>>(iterator: I) -> impl Iterator<Item = Vec<u32>> {
        for x in iterator {
            yield_!(x[..].to_vec());
        }
    }
    for n in 0..10 {
        for all in [
            gencopy(simple_conjoin(vec![bits(); n])).collect::<Vec<_>>(),
            gencopy(flat_conjoin(vec![bits(); n])).collect(),
        ] {
            assert_eq!(all.len(), 1 << n);
            assert_eq!(all[0], vec![0; n]);
            assert_eq!(all[all.len() - 1], vec![1; n]);
        }
    }
}

/// The column generator of one row of the N-Queens board: takes a free column, yields it, and
/// gives it back when resumed (shared `used` bit set).
#[coro::coroutine]
fn rowgen(rowuses: Vec<u64>, used: Rc<Cell<u64>>) -> impl Iterator<Item = u32> {
    for j in 0..rowuses.len() {
        let uses = rowuses[j];
        if uses & used.get() == 0 {
            used.set(used.get() | uses);
            yield_!(j as u32);
            used.set(used.get() & !uses);
        }
    }
}

fn queens(n: usize) -> Vec<Pump> {
    let used = Rc::new(Cell::new(0u64));
    (0..n)
        .map(|i| {
            let rowuses: Vec<u64> = (0..n)
                .map(|j| 1 << j | 1 << (n + i + n - 1 - j) | 1 << (n + 2 * n - 1 + i + j))
                .collect();
            let used = used.clone();
            Rc::new(move || Box::new(rowgen(rowuses.clone(), used.clone())) as BoxIter<u32>) as Pump
        })
        .collect()
}

/// conjoin: the 8-queens solver, 92 solutions, the first two as in CPython's output.
#[test]
fn conjoin_eight_queens() {
    for solutions in [
        simple_conjoin(queens(8)).collect::<Vec<_>>(),
        flat_conjoin(queens(8)).collect(),
    ] {
        assert_eq!(solutions.len(), 92);
        assert_eq!(solutions[0], [0, 4, 7, 5, 2, 6, 1, 3]);
        assert_eq!(solutions[1], [0, 5, 7, 2, 6, 3, 1, 4]);
    }
    let counts: Vec<usize> = (1..=6).map(|n| flat_conjoin(queens(n)).count()).collect();
    assert_eq!(counts, [1, 0, 0, 2, 10, 4]);
}

// =============================================================================================
// coroutine_tests (PEP 342: send, yield as an expression, close)
// =============================================================================================

/// coroutine: "Sending a value into a started generator": `print((yield 1)); yield 2`.
#[test]
fn coroutine_send_into_started_generator() {
    #[coro::coroutine]
    fn f() -> impl Generator<i32, Yield = i32, Return = ()> {
        log(format!("{}", yield_!(1)));
        yield_!(2);
    }
    take_log();
    let mut g = f();
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert_eq!(take_log(), Vec::<String>::new());
    assert_eq!(g.resume(42), GeneratorState::Yielded(2));
    assert_eq!(take_log(), ["42"]);
}

/// coroutine: sending a value into a just-started generator; Python refuses it, coro drops it
/// (the priming resume's argument goes nowhere) and runs the body to the first yield.
#[test]
fn coroutine_first_send_is_dropped() {
    #[coro::coroutine]
    fn f() -> impl Generator<Noisy, Yield = &'static str, Return = ()> {
        log("body starts");
        let got = yield_!("first");
        log(format!("got {}", got.0));
    }
    take_log();
    let mut g = f();
    assert_eq!(g.resume(Noisy("foo")), GeneratorState::Yielded("first"));
    assert_eq!(take_log(), ["drop foo", "body starts"]);
    assert_eq!(g.resume(Noisy("bar")), GeneratorState::Complete(()));
    assert_eq!(take_log(), ["got bar", "drop bar"]);
}

/// coroutine: "Yield by itself yields None".
#[test]
fn coroutine_bare_yield_yields_unit() {
    #[coro::coroutine]
    fn f() -> impl Iterator<Item = ()> {
        yield_!();
    }
    assert_eq!(f().collect::<Vec<_>>(), [()]);
}

/// coroutine: "Yield is allowed only in the outermost iterable in generator expression":
/// `list(i for i in [(yield 26)])`.
#[test]
fn coroutine_yield_in_outermost_iterable() {
    #[coro::coroutine]
    fn f() -> impl Generator<u32, Yield = u32, Return = Vec<u32>> {
        #[allow(clippy::useless_vec)]
        let v: Vec<u32> = vec![yield_!(26)].into_iter().map(|i| i * 2).collect();
        v
    }
    let mut g = f();
    assert_eq!(drive(&mut g, [0, 21]), (vec![26], Some(vec![42])));
}

/// coroutine: "A yield expression with augmented assignment": `count += yield` into a list the
/// caller holds.
#[test]
fn coroutine_augmented_assignment_with_yield() {
    #[coro::coroutine]
    fn coroutine(seq: Rc<RefCell<Vec<u32>>>) -> impl Generator<u32, Yield = (), Return = ()> {
        let mut count = 0;
        while count < 200 {
            count += yield_!();
            seq.borrow_mut().push(count);
        }
    }
    let seq = Rc::new(RefCell::new(Vec::new()));
    let mut c = coroutine(seq.clone());
    assert_eq!(c.resume(0), GeneratorState::Yielded(()));
    assert!(seq.borrow().is_empty());
    for k in 1..=3 {
        assert_eq!(c.resume(10), GeneratorState::Yielded(()));
        assert_eq!(*seq.borrow(), (1..=k).map(|i| i * 10).collect::<Vec<_>>());
    }
    assert_eq!(c.resume(500), GeneratorState::Complete(()));
    assert_eq!(seq.borrow().last(), Some(&530));
}

/// coroutine: `d[(yield "a")] = d[(yield "b")] = 27`: two yields in index position of an
/// assignment through a parameter.
#[test]
fn coroutine_yields_in_index_of_assignment() {
    #[coro::coroutine]
    fn f(d: Rc<RefCell<Vec<u32>>>) -> impl Generator<usize, Yield = &'static str, Return = ()> {
        let i = yield_!("a");
        d.borrow_mut()[i] = 27;
        let j = yield_!("b");
        d.borrow_mut()[j] = 27;
    }
    #[coro::coroutine]
    fn g(d: &mut Vec<u32>) -> impl Generator<usize, Yield = &'static str, Return = ()> + '_ {
        d[yield_!("a")] = 27;
        d[yield_!("b")] = 28;
    }
    let data = Rc::new(RefCell::new(vec![1, 2]));
    let mut c = f(data.clone());
    assert_eq!(c.resume(99), GeneratorState::Yielded("a"));
    assert_eq!(*data.borrow(), [1, 2]);
    assert_eq!(c.resume(0), GeneratorState::Yielded("b"));
    assert_eq!(*data.borrow(), [27, 2]);
    assert_eq!(c.resume(1), GeneratorState::Complete(()));
    assert_eq!(*data.borrow(), [27, 27]);

    let mut data = vec![1, 2];
    let mut c = g(&mut data);
    assert_eq!(drive(&mut c, [99, 1, 0]), (vec!["a", "b"], Some(())));
    drop(c);
    assert_eq!(data, [28, 27]);
}

/// Rust evaluates an assignment's value before its place: `d[yield_!(i)] = value()` calls
/// `value()` before suspending, as a plain fn calls it before computing the index.
#[test]
fn coroutine_assignment_value_before_place() {
    fn value() -> u32 {
        log("value");
        7
    }
    fn index(i: usize) -> usize {
        log("index");
        i
    }
    #[coro::coroutine]
    fn g(d: &mut Vec<u32>) -> impl Generator<usize, Yield = (), Return = ()> + '_ {
        d[index(yield_!())] = value();
    }
    fn plain(d: &mut [u32], i: usize) {
        d[index(i)] = value();
    }
    take_log();
    let mut data = vec![0, 0];
    plain(&mut data, 0);
    let expected = take_log();
    assert_eq!(expected, ["value", "index"]);
    let mut c = g(&mut data);
    assert_eq!(c.resume(5), GeneratorState::Yielded(()));
    log("suspended");
    assert_eq!(c.resume(1), GeneratorState::Complete(()));
    drop(c);
    assert_eq!(take_log(), ["value", "suspended", "index"]);
    assert_eq!(data, [7, 7]);
}

/// coroutine: closing a generator (`try: yield / except GeneratorExit`): dropping a suspended
/// generator runs its guard; closing a never-started one runs nothing.
#[test]
fn coroutine_close() {
    #[coro::coroutine]
    fn f() -> impl Generator<Yield = (), Return = ()> {
        let _exiting = Noisy("exiting");
        yield_!();
        log("after yield");
    }
    assert_eq!(
        resume_then_drop(f(), 1),
        strs(&["yield ()", "drop gen", "drop exiting"])
    );
    assert_eq!(resume_then_drop(f(), 0), strs(&["drop gen"]));
    assert_eq!(
        resume_then_drop(f(), 2),
        strs(&[
            "yield ()",
            "after yield",
            "drop exiting",
            "complete ()",
            "drop gen"
        ])
    );
}

/// coroutine: "And finalization": `try: yield / finally: print("exiting")`, then `del g`, for a
/// generator suspended inside nested loops with guards at each level.
#[test]
fn coroutine_finalization_in_nested_loops() {
    #[coro::coroutine]
    fn f() -> impl Generator<Yield = (u32, u32), Return = ()> {
        let _a = Noisy("a");
        for i in 0..2 {
            let _b = Noisy("b");
            for j in 0..2 {
                let _c = Noisy("c");
                yield_!((i, j));
            }
        }
    }
    assert_eq!(
        resume_then_drop(f(), 1),
        strs(&["yield (0, 0)", "drop gen", "drop c", "drop b", "drop a"])
    );
    assert_eq!(
        resume_then_drop(f(), 3),
        strs(&[
            "yield (0, 0)",
            "drop c",
            "yield (0, 1)",
            "drop c",
            "drop b",
            "yield (1, 0)",
            "drop gen",
            "drop c",
            "drop b",
            "drop a"
        ])
    );
}

/// coroutine: "errors thrown during closing should propagate": a guard whose drop panics makes
/// `drop(g)` panic, and the other locals are still dropped.
#[test]
fn coroutine_panic_while_closing_propagates() {
    struct Fie;
    impl Drop for Fie {
        fn drop(&mut self) {
            log("fie drop");
            panic!("fie!");
        }
    }
    #[coro::coroutine]
    fn f() -> impl Generator<Yield = (), Return = ()> {
        let _outer = Noisy("outer");
        let _fie = Fie;
        let _inner = Noisy("inner");
        yield_!();
    }
    fn plain() {
        let _outer = Noisy("outer");
        let _fie = Fie;
        let _inner = Noisy("inner");
    }
    take_log();
    assert_eq!(panic_message(plain), "fie!");
    let expected = take_log();
    assert_eq!(expected, ["drop inner", "fie drop", "drop outer"]);
    let mut g = f();
    assert_eq!(g.resume(()), GeneratorState::Yielded(()));
    assert_eq!(panic_message(move || drop(g)), "fie!");
    assert_eq!(take_log(), expected);
}

// =============================================================================================
// test_yield_from.py (PEP 380)
// =============================================================================================

/// Logs "Finishing <name>" when dropped: Python's `finally: trace.append("Finishing ...")`.
struct Finally(&'static str);

impl Drop for Finally {
    fn drop(&mut self) {
        log(format!("Finishing {}", self.0));
    }
}

/// Runs an iterator-like generator to the end, logging "Yielded <v>" for each value.
fn trace_all<G: Generator>(g: G) -> Vec<String>
where
    G::Yield: std::fmt::Display,
{
    for x in coro::iter(g) {
        log(format!("Yielded {x}"));
    }
    take_log()
}

/// PEP 380: test_delegation_of_initial_next_to_subgenerator.
#[test]
fn yf_delegation_of_initial_next() {
    #[coro::coroutine]
    fn g1() -> impl Generator<Yield = u32, Return = ()> {
        log("Starting g1");
        yield_from!(g2());
        log("Finishing g1");
    }
    #[coro::coroutine]
    fn g2() -> impl Generator<Yield = u32, Return = ()> {
        log("Starting g2");
        yield_!(42);
        log("Finishing g2");
    }
    take_log();
    assert_eq!(
        trace_all(g1()),
        [
            "Starting g1",
            "Starting g2",
            "Yielded 42",
            "Finishing g2",
            "Finishing g1"
        ]
    );
}

/// PEP 380: test_raising_exception_in_initial_next_call (and test_exception_in_initial_next_call):
/// the delegate panics before its first yield; both `finally`s run, innermost first.
#[test]
fn yf_panic_in_initial_next() {
    #[coro::coroutine]
    fn g1() -> impl Generator<Yield = u32, Return = ()> {
        let _f = Finally("g1");
        log("Starting g1");
        yield_from!(g2());
        log("g1 should not be here");
    }
    #[coro::coroutine]
    fn g2() -> impl Generator<Yield = u32, Return = ()> {
        let _f = Finally("g2");
        log("Starting g2");
        if _f.0.len() == 2 {
            panic!("spanish inquisition occurred");
        }
        yield_!(1);
    }
    take_log();
    let mut g = g1();
    assert_eq!(
        panic_message(|| g.resume(())),
        "spanish inquisition occurred"
    );
    assert_eq!(
        take_log(),
        ["Starting g1", "Starting g2", "Finishing g2", "Finishing g1"]
    );
    assert!(panic_message(|| g.resume(())).contains("after a panic"));
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[coro::coroutine]
fn spam_g2(fail: bool) -> impl Generator<Yield = &'static str, Return = ()> {
    let _f = Finally("g2");
    log("Starting g2");
    yield_!("g2 spam");
    if fail {
        panic!("hovercraft is full of eels");
    }
    yield_!("g2 more spam");
    log("Finishing g2 body");
}

#[coro::coroutine]
fn ham_g1(fail: bool) -> impl Generator<Yield = &'static str, Return = ()> {
    let _f = Finally("g1");
    log("Starting g1");
    yield_!("g1 ham");
    yield_from!(spam_g2(fail));
    yield_!("g1 eggs");
}

/// PEP 380: test_delegation_of_next_call_to_subgenerator.
#[test]
fn yf_delegation_of_next() {
    take_log();
    assert_eq!(
        trace_all(ham_g1(false)),
        [
            "Starting g1",
            "Yielded g1 ham",
            "Starting g2",
            "Yielded g2 spam",
            "Yielded g2 more spam",
            "Finishing g2 body",
            "Finishing g2",
            "Yielded g1 eggs",
            "Finishing g1"
        ]
    );
}

/// What `ham_g1` logs when it is stopped (by a panic, or a drop) while g2 is suspended.
const HAM_LOG: [&str; 6] = ["Starting g1", "Yielded g1 ham", "Starting g2", "Yielded g2 spam", "Finishing g2", "Finishing g1"];

/// PEP 380: test_raising_exception_in_delegated_next_call.
#[test]
fn yf_panic_in_delegated_next() {
    take_log();
    let msg = panic_message(|| trace_all(ham_g1(true)));
    assert_eq!(msg, "hovercraft is full of eels");
    assert_eq!(
        take_log(),
        HAM_LOG
    );
}

/// PEP 380: test_delegating_close: dropping the delegator mid-delegation finishes g2 then g1.
#[test]
fn yf_delegating_close() {
    take_log();
    let mut g = ham_g1(false);
    for _ in 0..2 {
        let x = g.resume(()).yielded().unwrap();
        log(format!("Yielded {x}"));
    }
    drop(g);
    assert_eq!(
        take_log(),
        HAM_LOG
    );
}

/// PEP 380: test_handing_exception_while_delegating_close: the delegate's `finally` raises while
/// closing; the panic propagates out of `drop` and the delegator's `finally` still runs.
#[test]
fn yf_panic_while_delegating_close() {
    struct Exploding;
    impl Drop for Exploding {
        fn drop(&mut self) {
            log("Finishing g2");
            panic!("nybbles have exploded with delight");
        }
    }
    #[coro::coroutine]
    fn g2() -> impl Generator<Yield = &'static str, Return = ()> {
        let _f = Exploding;
        log("Starting g2");
        yield_!("g2 spam");
        yield_!("g2 more spam");
    }
    #[coro::coroutine]
    fn g1() -> impl Generator<Yield = &'static str, Return = ()> {
        let _f = Finally("g1");
        log("Starting g1");
        yield_!("g1 ham");
        yield_from!(g2());
        yield_!("g1 eggs");
    }
    take_log();
    let mut g = g1();
    for _ in 0..2 {
        let x = g.resume(()).yielded().unwrap();
        log(format!("Yielded {x}"));
    }
    assert_eq!(
        panic_message(move || drop(g)),
        "nybbles have exploded with delight"
    );
    assert_eq!(
        take_log(),
        HAM_LOG
    );
}

#[coro::coroutine]
fn send_g2(fail: bool) -> impl Generator<u32, Yield = &'static str, Return = ()> {
    log("Starting g2");
    let x = yield_!("g2 spam");
    log(format!("g2 received {x}"));
    if fail {
        panic!("hovercraft is full of eels");
    }
    let x = yield_!("g2 more spam");
    log(format!("g2 received {x}"));
    log("Finishing g2");
}

#[coro::coroutine]
fn send_g1(fail: bool) -> impl Generator<u32, Yield = &'static str, Return = ()> {
    log("Starting g1");
    let x = yield_!("g1 ham");
    log(format!("g1 received {x}"));
    yield_from!(send_g2(fail));
    let x = yield_!("g1 eggs");
    log(format!("g1 received {x}"));
    log("Finishing g1");
}

fn send_counting<G: Generator<u32, Yield = &'static str>>(mut g: G) {
    g.resume(0);
    let mut x = 1;
    while let GeneratorState::Yielded(y) = g.resume(x) {
        log(format!("Yielded {y}"));
        x += 1;
    }
}

/// PEP 380: test_delegation_of_send.
#[test]
fn yf_delegation_of_send() {
    take_log();
    send_counting(send_g1(false));
    assert_eq!(
        take_log(),
        [
            "Starting g1",
            "g1 received 1",
            "Starting g2",
            "Yielded g2 spam",
            "g2 received 2",
            "Yielded g2 more spam",
            "g2 received 3",
            "Finishing g2",
            "Yielded g1 eggs",
            "g1 received 4",
            "Finishing g1"
        ]
    );
}

/// PEP 380: test_handling_exception_while_delegating_send.
#[test]
fn yf_panic_while_delegating_send() {
    take_log();
    assert_eq!(
        panic_message(|| send_counting(send_g1(true))),
        "hovercraft is full of eels"
    );
    assert_eq!(
        take_log(),
        [
            "Starting g1",
            "g1 received 1",
            "Starting g2",
            "Yielded g2 spam",
            "g2 received 2"
        ]
    );
}

/// PEP 380: test_generator_return_value, with return values of several types through one
/// generic delegate, and `yield from` in a `for` loop over values.
#[test]
fn yf_generator_return_value() {
    #[coro::coroutine]
    fn g2<T: Debug>(v: Option<T>) -> impl Generator<Yield = &'static str, Return = Option<T>> {
        log("Starting g2");
        yield_!("g2 spam");
        yield_!("g2 more spam");
        log("Finishing g2");
        if let Some(v) = v {
            return Some(v);
        }
        None
    }
    #[coro::coroutine]
    fn g1() -> impl Generator<Yield = &'static str, Return = ()> {
        log("Starting g1");
        yield_!("g1 ham");
        let ret = yield_from!(g2::<i32>(None));
        log(format!("g2 returned {ret:?}"));
        for v in [1, 2] {
            let ret = yield_from!(g2(Some(v)));
            log(format!("g2 returned {ret:?}"));
        }
        let ret = yield_from!(g2(Some((2,))));
        log(format!("g2 returned {ret:?}"));
        yield_!("g1 eggs");
        log("Finishing g1");
    }
    take_log();
    let mut expected = strs(&["Starting g1", "Yielded g1 ham"]);
    for r in ["None", "Some(1)", "Some(2)", "Some((2,))"] {
        expected.extend(strs(&[
            "Starting g2",
            "Yielded g2 spam",
            "Yielded g2 more spam",
            "Finishing g2",
        ]));
        expected.push(format!("g2 returned {r}"));
    }
    expected.extend(strs(&["Yielded g1 eggs", "Finishing g1"]));
    assert_eq!(trace_all(g1()), expected);
}

/// PEP 380: test_exception_value_crash: a returned `Vec` that nobody uses.
#[test]
fn yf_unused_return_value() {
    #[coro::coroutine]
    fn g2() -> impl Generator<Yield = &'static str, Return = Vec<u32>> {
        yield_!("g2");
        vec![42]
    }
    #[coro::coroutine]
    fn g1() -> impl Generator<Yield = &'static str, Return = ()> {
        yield_from!(g2());
    }
    assert_eq!(collect(g1()), ["g2"]);
}

/// PEP 380: test_delegation_of_next_to_non_generator and test_conversion_of_sendNone_to_next.
#[test]
fn yf_delegation_to_an_iterator() {
    #[coro::coroutine]
    fn g() -> impl Generator<Yield = u32, Return = ()> {
        yield_from!(coro::from_iter(0..3));
    }
    take_log();
    assert_eq!(trace_all(g()), ["Yielded 0", "Yielded 1", "Yielded 2"]);
    let mut gi = g();
    let ys: Vec<_> = (0..3).map(|_| gi.resume(()).yielded().unwrap()).collect();
    assert_eq!(ys, [0, 1, 2]);
}

/// PEP 380: test_delegation_of_close_to_non_generator: closing while delegating to an iterator
/// drops the iterator and runs the `finally`, silently.
#[test]
fn yf_close_while_delegating_to_an_iterator() {
    #[coro::coroutine]
    fn g() -> impl Generator<Yield = u32, Return = ()> {
        let _f = Finally("g");
        log("starting g");
        yield_from!(coro::from_iter(
            [Noisy("item0"), Noisy("item1")]
                .into_iter()
                .enumerate()
                .map(|(i, n)| {
                    drop(n);
                    i as u32
                })
        ));
        log("g should not be here");
    }
    take_log();
    let mut gi = g();
    assert_eq!(gi.resume(()), GeneratorState::Yielded(0));
    drop(gi);
    assert_eq!(
        take_log(),
        ["starting g", "drop item0", "drop item1", "Finishing g"]
    );
}

/// A sent value that logs its drop; `Default` so that `yield_from!` can prime with it.
#[derive(Default)]
struct Sent(&'static str);

impl Drop for Sent {
    fn drop(&mut self) {
        log(format!("drop sent {:?}", self.0));
    }
}

/// PEP 380: test_attempting_to_send_to_non_generator: Python raises AttributeError; coro's
/// `from_iter` drops whatever is sent (and the delegation primes it with `Default`).
#[test]
fn yf_send_to_an_iterator_is_dropped() {
    #[coro::coroutine]
    fn g() -> impl Generator<Sent, Yield = u32, Return = &'static str> {
        log("starting g");
        yield_from!(coro::from_iter(0..2));
        "done"
    }
    take_log();
    let mut gi = g();
    assert_eq!(gi.resume(Sent("prime")), GeneratorState::Yielded(0));
    assert_eq!(gi.resume(Sent("42")), GeneratorState::Yielded(1));
    assert_eq!(gi.resume(Sent("43")), GeneratorState::Complete("done"));
    assert_eq!(
        take_log(),
        [
            "drop sent \"prime\"",
            "starting g",
            "drop sent \"\"",
            "drop sent \"42\"",
            "drop sent \"43\""
        ]
    );
}

/// PEP 380: test_next_and_return_with_value and test_send_and_return_with_value.
#[test]
fn yf_next_and_send_then_return_with_value() {
    #[coro::coroutine]
    fn g<R: Debug + Clone>(r: R) -> impl Generator<&'static str, Yield = (), Return = R> {
        log("g starting");
        let x = yield_!();
        log(format!("g received {x:?}"));
        log(format!("g returning {r:?}"));
        r
    }
    fn f<R: Debug + Clone>(r: R) {
        let mut gi = g(r);
        gi.resume("prime");
        log("f sending spam to g");
        match gi.resume("spam") {
            GeneratorState::Complete(v) => log(format!("f caught {v:?}")),
            GeneratorState::Yielded(_) => log("f SHOULD NOT BE HERE"),
        }
    }
    take_log();
    f(None::<u32>);
    f(1);
    f((2,));
    f(Err::<(), _>(3));
    let mut expected = Vec::new();
    for r in ["None", "1", "(2,)", "Err(3)"] {
        expected.extend(strs(&[
            "g starting",
            "f sending spam to g",
            "g received \"spam\"",
        ]));
        expected.push(format!("g returning {r}"));
        expected.push(format!("f caught {r}"));
    }
    assert_eq!(take_log(), expected);
}

/// PEP 380: test_yield_from_empty: delegating to an empty iterator completes at once.
#[test]
fn yf_yield_from_empty() {
    #[coro::coroutine]
    fn g() -> impl Generator<Yield = u32, Return = ()> {
        yield_from!(coro::from_iter(std::iter::empty()));
    }
    let mut gi = g();
    assert_eq!(gi.resume(()), GeneratorState::Complete(()));
    assert!(panic_message(|| gi.resume(())).contains("after completion"));
}

/// PEP 380: test_custom_iterator_return: a hand-written generator that returns 42 at once.
#[test]
fn yf_custom_generator_return() {
    struct MyIter;
    impl Generator for MyIter {
        type Yield = u32;
        type Return = u32;
        fn resume(&mut self, _: ()) -> GeneratorState<u32, u32> {
            GeneratorState::Complete(42)
        }
    }
    #[coro::coroutine]
    fn gen() -> impl Generator<Yield = u32, Return = u32> {
        let ret = yield_from!(MyIter);
        ret
    }
    assert_eq!(run(gen()), (vec![], 42));
}

/// PEP 380: test_send_tuple_with_custom_generator: a tuple sent to the delegator reaches a
/// hand-written delegate unchanged.
#[test]
fn yf_send_tuple_to_custom_generator() {
    type Quad = (i32, i32, i32, i32);
    type Slot = Rc<RefCell<Option<Quad>>>;
    struct MyGen(Slot);
    impl Generator<Quad> for MyGen {
        type Yield = i32;
        type Return = ();
        fn resume(&mut self, what: Quad) -> GeneratorState<i32, ()> {
            *self.0.borrow_mut() = Some(what);
            GeneratorState::Yielded(42)
        }
    }
    #[coro::coroutine]
    fn outer(v: Slot) -> impl Generator<Quad, Yield = i32, Return = ()> {
        yield_from!(MyGen(v));
    }
    let v = Rc::new(RefCell::new(None));
    let mut g = outer(v.clone());
    assert_eq!(g.resume((9, 9, 9, 9)), GeneratorState::Yielded(42));
    // The delegator's priming value is dropped; the delegate was primed with `Default`.
    assert_eq!(*v.borrow(), Some((0, 0, 0, 0)));
    assert_eq!(g.resume((1, 2, 3, 4)), GeneratorState::Yielded(42));
    assert_eq!(*v.borrow(), Some((1, 2, 3, 4)));
}

/// test_generators: test_lambda_generator: `return (yield 1)` and `return (yield from g())` as
/// tail expressions, one, two and three levels deep.
#[test]
fn yf_return_of_yield_expression() {
    #[coro::coroutine]
    fn g() -> impl Generator<i32, Yield = i32, Return = i32> {
        yield_!(1)
    }
    #[coro::coroutine]
    fn g2() -> impl Generator<i32, Yield = i32, Return = i32> {
        yield_from!(g())
    }
    #[coro::coroutine]
    fn g3() -> impl Generator<i32, Yield = i32, Return = i32> {
        return yield_from!(g2());
    }
    fn check<G: Generator<i32, Yield = i32, Return = i32>>(mut gen: G) {
        assert_eq!(gen.resume(0), GeneratorState::Yielded(1));
        assert_eq!(gen.resume(2), GeneratorState::Complete(2));
    }
    check(g());
    check(g2());
    check(g3());
}

/// test_generators: test_return_tuple: `return (yield 1)` sent a tuple.
#[test]
fn yf_return_tuple() {
    #[coro::coroutine]
    fn g() -> impl Generator<(i32,), Yield = i32, Return = (i32,)> {
        return yield_!(1);
    }
    let mut gen = g();
    assert_eq!(drive(&mut gen, [(0,), (2,)]), (vec![1], Some((2,))));
}

/// test_delegating_generators_claim_to_be_running, without the loop: delegation through a
/// borrowed generator (`yield_from!(&mut g)`) and using it again afterwards.
#[test]
fn yf_delegate_through_mut_ref_then_reuse() {
    #[coro::coroutine]
    fn counter() -> impl Generator<Yield = u32, Return = ()> {
        for i in 0..4 {
            yield_!(i);
        }
    }
    #[coro::coroutine]
    fn two<G: Generator<Yield = u32, Return = ()>>(
        inner: &mut G,
    ) -> impl Generator<Yield = u32, Return = u32> + '_ {
        let first = match inner.resume(()) {
            GeneratorState::Yielded(y) => y,
            GeneratorState::Complete(()) => return 0,
        };
        yield_!(first + 100);
        yield_from!(&mut *inner);
        yield_!(200);
        first
    }
    let mut c = counter();
    assert_eq!(run(two(&mut c)), (vec![100, 1, 2, 3, 200], 0));
    assert!(panic_message(|| c.resume(())).contains("after completion"));
}

// =============================================================================================
// Control flow in the shapes the Python tests use, checked against plain Rust.
// =============================================================================================

/// `seq.append((yield))`: a method call on a local whose argument yields.
#[test]
fn cf_push_of_a_yield_into_a_local() {
    #[coro::coroutine]
    fn collector() -> impl Generator<u32, Yield = usize, Return = Vec<u32>> {
        let mut seq = Vec::new();
        while seq.len() < 3 {
            seq.push(yield_!(seq.len()));
        }
        seq
    }
    let mut g = collector();
    assert_eq!(
        drive(&mut g, [0, 10, 20, 30]),
        (vec![0, 1, 2], Some(vec![10, 20, 30]))
    );
}

/// `counts[i] += yield`: compound assignment to an element of a local.
#[test]
fn cf_compound_assignment_to_an_index_of_a_local() {
    #[coro::coroutine]
    fn g() -> impl Generator<u32, Yield = usize, Return = [u32; 3]> {
        let mut counts = [0u32; 3];
        for round in 0..2 {
            for i in 0..3 {
                counts[i] += yield_!(round * 3 + i);
            }
        }
        counts
    }
    let mut c = g();
    let (ys, r) = drive(&mut c, [0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(ys, [0, 1, 2, 3, 4, 5]);
    assert_eq!(r, Some([5, 7, 9]));
}

/// `a and (yield b)`: a yield on the right of `&&` / `||` runs only when it has to.
#[test]
fn cf_short_circuit_skips_the_yield() {
    #[coro::coroutine]
    fn g(flags: Vec<bool>) -> impl Generator<bool, Yield = usize, Return = Vec<bool>> {
        let mut out = Vec::new();
        for i in 0..flags.len() {
            let and = flags[i] && yield_!(i);
            let or = flags[i] || yield_!(100 + i);
            out.push(and);
            out.push(or);
        }
        out
    }
    let mut c = g(vec![true, false]);
    // flag 0 true: `&&` yields 0, `||` does not; flag 1 false: `&&` does not, `||` yields 101.
    assert_eq!(
        drive(&mut c, [false, true, false]),
        (vec![0, 101], Some(vec![true, true, false, false]))
    );
}

/// `while (yield n): n += 1`: a yield in a loop condition.
#[test]
fn cf_yield_in_loop_condition() {
    #[coro::coroutine]
    fn g() -> impl Generator<bool, Yield = u32, Return = u32> {
        let mut n = 0;
        while yield_!(n) {
            n += 1;
        }
        n
    }
    let mut c = g();
    assert_eq!(
        drive(&mut c, [false, true, true, true, false]),
        (vec![0, 1, 2, 3], Some(3))
    );
}

/// `loop` that `break`s with a value computed by a yield, from a nested `match`.
#[test]
fn cf_break_with_a_yielded_value() {
    #[coro::coroutine]
    fn g() -> impl Generator<i32, Yield = i32, Return = i32> {
        let r = 'outer: loop {
            let x = yield_!(0);
            match x {
                0 => continue,
                n if n < 0 => break 'outer -1,
                n => {
                    let mut k = n;
                    loop {
                        k -= 1;
                        if k == 0 {
                            break 'outer yield_!(n) * 10;
                        }
                        if yield_!(k) == 99 {
                            continue 'outer;
                        }
                    }
                }
            }
        };
        r + 1
    }
    let mut c = g();
    assert_eq!(
        drive(&mut c, [0, 0, 3, 5, 5, 7]),
        (vec![0, 0, 2, 1, 3], Some(71))
    );
    let mut c = g();
    assert_eq!(drive(&mut c, [0, 3, 99, -4]), (vec![0, 2, 0], Some(0)));
}

/// `let ... else` whose `else` yields before leaving.
#[test]
fn cf_let_else_with_a_yield() {
    #[coro::coroutine]
    fn g(items: Vec<Option<u32>>) -> impl Generator<Yield = u32, Return = u32> {
        let mut total = 0;
        for item in items {
            let Some(v) = item else {
                yield_!(0);
                continue;
            };
            yield_!(v);
            total += v;
        }
        total
    }
    assert_eq!(run(g(vec![Some(1), None, Some(3)])), (vec![1, 0, 3], 4));
}

/// Shadowing across yields, with a different type each time.
#[test]
fn cf_shadowing_across_yields() {
    #[coro::coroutine]
    fn g() -> impl Generator<Yield = String, Return = usize> {
        let x = 5u32;
        yield_!(x.to_string());
        let x = format!("{x}{x}");
        yield_!(x.clone());
        let x = x.len() * 10;
        {
            let x = "inner";
            yield_!(x.to_string());
        }
        yield_!(x.to_string());
        x
    }
    assert_eq!(run(g()), (strs(&["5", "55", "inner", "20"]), 20));
}

#[derive(Debug, Clone, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

/// Tuples and structs destructured, with the pieces used on both sides of yields.
#[test]
fn cf_destructuring_across_yields() {
    #[coro::coroutine]
    fn g(
        p: Point,
        pair: (String, Vec<u32>),
    ) -> impl Generator<Yield = String, Return = (Point, usize)> {
        let Point { x, y } = p;
        let (name, mut nums) = pair;
        yield_!(format!("{name} {x}"));
        nums.push(y as u32);
        let (a, (b, c)) = (x + 1, (y + 1, nums.len()));
        yield_!(format!("{name} {a} {b} {c}"));
        (Point { x: b, y: a }, nums.iter().sum::<u32>() as usize)
    }
    let (ys, r) = run(g(Point { x: 1, y: 2 }, ("p".to_string(), vec![10])));
    assert_eq!(ys, ["p 1", "p 2 3 2"]);
    assert_eq!(r, (Point { x: 3, y: 2 }, 12));
}

/// `?` on a `Result` the caller sends in: the first `Err` completes the generator with it.
#[test]
fn cf_question_mark_on_sent_results() {
    #[coro::coroutine]
    fn summer() -> impl Generator<Result<u32, String>, Yield = u32, Return = Result<u32, String>> {
        let mut total = 0;
        loop {
            let v = yield_!(total)?;
            if v == 0 {
                return Ok(total);
            }
            total += v;
        }
    }
    let mut c = summer();
    assert_eq!(
        drive(&mut c, [Ok(0), Ok(1), Ok(2), Ok(0)]),
        (vec![0, 1, 3], Some(Ok(3)))
    );
    let mut c = summer();
    assert_eq!(
        drive(&mut c, [Ok(0), Ok(5), Err("bad".into()), Ok(1)]),
        (vec![0, 5], Some(Err("bad".to_string())))
    );
}

/// `match` on an owned enum: the bound payloads live across the yields of the arm.
#[test]
fn cf_match_arm_bindings_across_yields() {
    enum Msg {
        Text(Noisy, String),
        Pair(u32, u32),
        Quit,
    }
    #[coro::coroutine]
    fn g(msgs: Vec<Msg>) -> impl Generator<Yield = String, Return = ()> {
        for m in msgs {
            match m {
                Msg::Text(guard, s) => {
                    yield_!(format!("text {s}"));
                    yield_!(format!("still {} {}", guard.0, s.len()));
                }
                Msg::Pair(a, b) if a > b => yield_!(format!("desc {a} {b}")),
                Msg::Pair(a, b) => {
                    let s = a + b;
                    yield_!(format!("sum {s}"));
                }
                Msg::Quit => return,
            }
            log("next");
        }
    }
    take_log();
    let msgs = vec![
        Msg::Pair(1, 2),
        Msg::Text(Noisy("t"), "hi".into()),
        Msg::Pair(5, 2),
        Msg::Quit,
        Msg::Text(Noisy("never"), "x".into()),
    ];
    let mut c = g(msgs);
    assert_eq!(c.resume(()), GeneratorState::Yielded("sum 3".to_string()));
    assert_eq!(c.resume(()), GeneratorState::Yielded("text hi".to_string()));
    assert_eq!(
        c.resume(()),
        GeneratorState::Yielded("still t 2".to_string())
    );
    assert_eq!(take_log(), ["next"]);
    assert_eq!(
        c.resume(()),
        GeneratorState::Yielded("desc 5 2".to_string())
    );
    assert_eq!(take_log(), ["drop t", "next"]);
    assert_eq!(c.resume(()), GeneratorState::Complete(()));
    assert_eq!(take_log(), ["next", "drop never"]);
}

/// A generator method on `&self`, one on `&mut self` that keeps updating the struct between
/// resumes, and one on `self`.
#[test]
fn cf_methods() {
    struct Counter {
        step: u32,
        total: u32,
    }
    impl Counter {
        #[coro::coroutine]
        fn multiples(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
            for i in 1..=n {
                yield_!(i * self.step);
            }
        }
        #[coro::coroutine]
        fn accumulate(&mut self) -> impl Generator<u32, Yield = u32, Return = u32> + '_ {
            loop {
                let v = yield_!(self.total);
                if v == 0 {
                    break;
                }
                self.total += v * self.step;
            }
            self.total
        }
        #[coro::coroutine]
        fn into_steps(self) -> impl Iterator<Item = u32> {
            let Counter { step, mut total } = self;
            while total >= step {
                total -= step;
                yield_!(total);
            }
        }
    }
    let mut c = Counter { step: 3, total: 0 };
    assert_eq!(c.multiples(4).collect::<Vec<_>>(), [3, 6, 9, 12]);
    let mut acc = c.accumulate();
    assert_eq!(drive(&mut acc, [9, 1, 2, 0]), (vec![0, 3, 9], Some(9)));
    drop(acc);
    assert_eq!(c.total, 9);
    assert_eq!(c.into_steps().collect::<Vec<_>>(), [6, 3, 0]);
}

/// A generic generator with a trait bound and a where clause.
#[test]
fn cf_generic_with_where_clause() {
    #[coro::coroutine]
    fn pairs<T, U>(xs: Vec<T>, f: U) -> impl Iterator<Item = (T, String)>
    where
        T: Clone + std::fmt::Display,
        U: Fn(&T) -> bool,
    {
        for i in 0..xs.len() {
            if f(&xs[i]) {
                let s = format!("<{}>", xs[i]);
                yield_!((xs[i].clone(), s));
            }
        }
    }
    let got: Vec<_> = pairs(vec![1, 2, 3, 4], |x| x % 2 == 0).collect();
    assert_eq!(got, [(2, "<2>".to_string()), (4, "<4>".to_string())]);
}

/// Yields in argument lists, array literals, struct literals, method receivers, casts and
/// unary operators, in left-to-right order.
#[test]
fn cf_yields_in_sub_expressions() {
    fn tag(s: &str) -> String {
        log(s);
        s.to_string()
    }
    #[coro::coroutine]
    fn g(
    ) -> impl Generator<i32, Yield = &'static str, Return = (Vec<String>, Point, String, i64, i32)>
    {
        let v = vec![tag("a"), yield_!("v").to_string(), tag("c")];
        let p = Point {
            y: yield_!("y"),
            x: -yield_!("x"),
        };
        let s = yield_!("s").to_string().repeat(2);
        let c = yield_!("c") as i64 + i64::from(!yield_!("not"));
        let w = [tag("w0").len() as i32, yield_!("w1")][1];
        (v, p, s, c, w)
    }
    take_log();
    let mut c = g();
    let (ys, r) = drive(&mut c, [0, 2, 3, 4, 5, 6, 0, 8]);
    assert_eq!(ys, ["v", "y", "x", "s", "c", "not", "w1"]);
    assert_eq!(
        r,
        Some((
            strs(&["a", "2", "c"]),
            Point { x: -4, y: 3 },
            "55".to_string(),
            6 + i64::from(!0i32),
            8
        ))
    );
    assert_eq!(take_log(), ["a", "c", "w0"]);
}

/// `if let` / `else if let` chains with a yield in every branch, inside `while let`.
#[test]
fn cf_if_let_chains_in_while_let() {
    #[coro::coroutine]
    fn g(mut work: Vec<Result<u32, String>>) -> impl Generator<Yield = String, Return = usize> {
        let mut seen = 0;
        while let Some(item) = work.pop() {
            seen += 1;
            if let Ok(0) = item {
                yield_!("zero".to_string());
            } else if let Ok(n) = item {
                yield_!(format!("n{n}"));
                if n > 5 {
                    work.push(Ok(n / 2));
                }
            } else if let Err(e) = item {
                yield_!(format!("e{e}"));
            }
        }
        seen
    }
    let (ys, r) = run(g(vec![Err("x".into()), Ok(0), Ok(12)]));
    assert_eq!(ys, ["n12", "n6", "n3", "zero", "ex"]);
    assert_eq!(r, 5);
}

// =============================================================================================
// Close (drop) and exceptions (panics) in nested scopes, checked against plain Rust.
// =============================================================================================

/// close() while suspended inside a `for` over owned guards: the current item, then the rest of
/// the iterator, then the outer locals, as a plain fn leaving those scopes would.
#[test]
fn close_inside_a_for_over_owned_guards() {
    #[coro::coroutine]
    fn g() -> impl Generator<Yield = &'static str, Return = ()> {
        let _before = Noisy("before");
        for item in vec![Noisy("i0"), Noisy("i1"), Noisy("i2")] {
            let _inner = Noisy("inner");
            yield_!(item.0);
        }
        let _after = Noisy("after");
        yield_!("end");
    }
    fn plain(stop_at: usize) {
        let _before = Noisy("before");
        for (k, item) in vec![Noisy("i0"), Noisy("i1"), Noisy("i2")]
            .into_iter()
            .enumerate()
        {
            let _inner = Noisy("inner");
            log(format!("yield {:?}", item.0));
            if k == stop_at {
                log("drop gen");
                return;
            }
        }
    }
    take_log();
    plain(1);
    let expected = take_log();
    assert_eq!(resume_then_drop(g(), 2), expected);
    assert_eq!(
        resume_then_drop(g(), 4),
        strs(&[
            "yield \"i0\"",
            "drop inner",
            "drop i0",
            "yield \"i1\"",
            "drop inner",
            "drop i1",
            "yield \"i2\"",
            "drop inner",
            "drop i2",
            "yield \"end\"",
            "drop gen",
            "drop after",
            "drop before"
        ])
    );
}

/// A panic after a resume, deep in nested scopes: the unwinding drops what a plain fn's
/// unwinding drops, in the same order, and the generator is dead afterwards.
#[test]
fn panic_in_nested_scopes_unwinds_like_plain_rust() {
    #[coro::coroutine]
    fn g() -> impl Generator<u32, Yield = u32, Return = ()> {
        let _a = Noisy("a");
        let mut total = 0;
        for i in 0..3 {
            let _b = Noisy("b");
            if i == 1 {
                let _c = Noisy("c");
                let v = yield_!(i);
                let _d = Noisy("d");
                total += 100 / v;
            }
        }
        log(format!("total {total}"));
    }
    fn plain(v: u32) {
        let _a = Noisy("a");
        let mut total = 0;
        for i in 0..3 {
            let _b = Noisy("b");
            if i == 1 {
                let _c = Noisy("c");
                let _d = Noisy("d");
                total += 100 / v;
            }
        }
        log(format!("total {total}"));
    }
    take_log();
    assert!(panic_message(|| plain(0)).contains("divide by zero"));
    let expected = take_log();
    assert_eq!(expected, ["drop b", "drop d", "drop c", "drop b", "drop a"]);
    let mut c = g();
    assert_eq!(c.resume(0), GeneratorState::Yielded(1));
    assert!(panic_message(|| c.resume(0)).contains("divide by zero"));
    assert_eq!(take_log(), expected);
    assert!(panic_message(|| c.resume(1)).contains("after a panic"));
    drop(c);
    assert_eq!(take_log(), Vec::<String>::new());
    // And without the panic.
    let mut c = g();
    assert_eq!(drive(&mut c, [0, 4]), (vec![1], Some(())));
    assert_eq!(
        take_log(),
        ["drop b", "drop d", "drop c", "drop b", "drop b", "total 25", "drop a"]
    );
}

/// test_copy / test_pickle: Python cannot copy a generator; a coroutine declared `+ Clone`
/// can be, and the copies run independently from the state they were cloned in.
#[test]
fn clone_a_suspended_generator() {
    #[coro::coroutine]
    fn g(n: u32) -> impl Generator<u32, Yield = Vec<u32>, Return = u32> + Clone {
        let mut seen = Vec::new();
        for i in 0..n {
            let v = yield_!(seen.clone());
            seen.push(v * 10 + i);
        }
        seen.iter().sum()
    }
    let mut a = g(3);
    assert_eq!(drive(&mut a, [0, 1]), (vec![vec![], vec![10]], None));
    let mut b = a.clone();
    assert_eq!(
        drive(&mut a, [2, 3]),
        (vec![vec![10, 21]], Some(10 + 21 + 32))
    );
    assert_eq!(
        drive(&mut b, [7, 8]),
        (vec![vec![10, 71]], Some(10 + 71 + 82))
    );
    assert!(panic_message(|| b.resume(0)).contains("after completion"));
}

/// YieldFromTests.test_generator_gi_yieldfrom: `Debug` tells whether the delegator is suspended
/// in its `yield_from!` or at one of its own yields (Python's `gi_yieldfrom`).
#[test]
fn debug_shows_the_delegation() {
    #[coro::coroutine]
    fn a() -> impl Generator<Yield = &'static str, Return = ()> {
        yield_!("a");
    }
    #[coro::coroutine]
    fn b() -> impl Generator<Yield = &'static str, Return = ()> + Debug {
        yield_from!(a());
        yield_!("b");
    }
    let mut gen_b = b();
    assert!(format!("{gen_b:?}").contains("not started"));
    assert_eq!(gen_b.resume(()), GeneratorState::Yielded("a"));
    let in_delegation = format!("{gen_b:?}");
    assert!(in_delegation.contains("yield_from!"), "{in_delegation}");
    assert_eq!(gen_b.resume(()), GeneratorState::Yielded("b"));
    let at_own_yield = format!("{gen_b:?}");
    assert!(
        at_own_yield.contains("yield_!") && !at_own_yield.contains("yield_from!"),
        "{at_own_yield}"
    );
    assert_eq!(gen_b.resume(()), GeneratorState::Complete(()));
    assert!(format!("{gen_b:?}").contains("done"));
}

// =============================================================================================
// PEP 342 examples
// =============================================================================================

/// PEP 342's `@consumer` decorator: start a coroutine, run it to its first `yield`, and hand
/// it back ready for `send`.
fn consumer<S, G: Generator<S, Yield = ()>>(mut g: G, prime: S) -> G {
    assert!(
        g.resume(prime).is_yielded(),
        "a consumer must wait for its first value"
    );
    g
}

/// A page of thumbnails.
#[derive(Debug, Clone, PartialEq)]
struct Page(Vec<u32>);

/// PEP 342: `thumbnail_pager`. Python's `close()` (GeneratorExit) is an explicit `None` here,
/// since `drop` cannot run code that sends.
#[coro::coroutine]
fn thumbnail_pager<D: Generator<Option<Page>, Yield = ()>>(
    pagesize: usize,
    mut destination: D,
) -> impl Generator<Option<u32>, Yield = (), Return = D::Return> {
    'sheets: loop {
        let mut page = Page(Vec::new());
        while page.0.len() < pagesize {
            match yield_!() {
                Some(thumb) => page.0.push(thumb),
                None => {
                    if !page.0.is_empty() {
                        destination.resume(Some(page));
                    }
                    break 'sheets;
                }
            }
        }
        destination.resume(Some(page));
    }
    loop {
        if let GeneratorState::Complete(r) = destination.resume(None) {
            return r;
        }
    }
}

/// PEP 342: `jpeg_writer`, here writing pages into a list and returning it when closed.
#[coro::coroutine]
fn page_writer() -> impl Generator<Option<Page>, Yield = (), Return = Vec<(u32, Page)>> {
    let mut fileno = 1;
    let mut written = Vec::new();
    while let Some(page) = yield_!() {
        written.push((fileno, page));
        fileno += 1;
    }
    written
}

/// PEP 342: the thumbnail pipeline: pager → writer, primed by `consumer`.
#[test]
fn pep342_thumbnail_pipeline() {
    let writer = consumer(page_writer(), None);
    let mut pager = consumer(thumbnail_pager(3, writer), None);
    for thumb in 1..=7 {
        assert_eq!(pager.resume(Some(thumb)), GeneratorState::Yielded(()));
    }
    let written = pager.resume(None).complete().unwrap();
    assert_eq!(
        written,
        [
            (1, Page(vec![1, 2, 3])),
            (2, Page(vec![4, 5, 6])),
            (3, Page(vec![7]))
        ]
    );
}

/// A request to PEP 342's trampoline: run this coroutine and send me its result.
struct Call(Task);
type Task = Box<dyn Generator<u64, Yield = Call, Return = u64>>;

/// PEP 342's `Trampoline`: runs nested coroutines on an explicit stack, so recursion depth
/// costs heap, not native stack.
fn trampoline(main: Task) -> (u64, usize) {
    let mut stack: Vec<Task> = vec![main];
    let mut value = 0;
    let mut max_depth = 1;
    while let Some(top) = stack.last_mut() {
        match top.resume(value) {
            GeneratorState::Yielded(Call(callee)) => {
                stack.push(callee);
                max_depth = max_depth.max(stack.len());
                value = 0; // the callee's priming value
            }
            GeneratorState::Complete(r) => {
                stack.pop();
                value = r;
            }
        }
    }
    (value, max_depth)
}

#[coro::coroutine]
fn tramp_fib(n: u64) -> impl Generator<u64, Yield = Call, Return = u64> {
    if n < 2 {
        return n;
    }
    let a = yield_!(Call(Box::new(tramp_fib(n - 1))));
    let b = yield_!(Call(Box::new(tramp_fib(n - 2))));
    a + b
}

#[coro::coroutine]
fn tramp_sum(n: u64) -> impl Generator<u64, Yield = Call, Return = u64> {
    match n {
        0 => 0,
        n => n + yield_!(Call(Box::new(tramp_sum(n - 1)))),
    }
}

/// PEP 342: the trampoline, with a doubly recursive Fibonacci and a 100 000-deep sum.
#[test]
fn pep342_trampoline() {
    assert_eq!(trampoline(Box::new(tramp_fib(20))), (6765, 20));
    assert_eq!(
        trampoline(Box::new(tramp_sum(100_000))),
        (5_000_050_000, 100_001)
    );
}

/// PEP 342: a generator can yield and receive in one expression, `x = yield x * 2`, and a bare
/// `next()` (here `resume(())`) sends `None`.
#[test]
fn pep342_yield_expression_with_optional_value() {
    #[coro::coroutine]
    fn doubler() -> impl Generator<Option<i32>, Yield = i32, Return = ()> {
        let mut x = 1;
        loop {
            match yield_!(x * 2) {
                Some(v) => x = v,
                None => x += 1,
            }
        }
    }
    let mut d = doubler();
    let got: Vec<_> = [None, None, Some(10), None, Some(-1)]
        .into_iter()
        .map(|v| d.resume(v).yielded().unwrap())
        .collect();
    assert_eq!(got, [2, 4, 20, 22, -2]);
}

// =============================================================================================
// Parameters matched by `_` (found by this port: they used to be dropped at once)
// =============================================================================================

/// coroutine "finalization" with the guard taken as a `_` parameter: dropped when the generator
/// ends, as a plain fn drops it when it returns.
#[test]
fn wildcard_parameter_lives_to_the_end() {
    #[coro::coroutine]
    fn g(_: Noisy) -> impl Generator<Yield = (), Return = ()> {
        log("before yield");
        yield_!();
        log("after yield");
    }
    assert_eq!(
        resume_then_drop(g(Noisy("param")), 2),
        strs(&[
            "before yield",
            "yield ()",
            "after yield",
            "drop param",
            "complete ()",
            "drop gen"
        ])
    );
}

