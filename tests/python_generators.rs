//! Classics of CPython's `test_generators`, ported: a recursive in-order tree walk (recursion
//! goes through `Box<dyn Generator>`, since an `impl Generator` cannot contain itself), the
//! Fibonacci generator, and a generator that keeps its state between `send`s.
use coro::{yield_, yield_from, Generator, GeneratorState};

enum Tree {
    Leaf,
    Node(Box<Tree>, u32, Box<Tree>),
}

fn tree(values: &[u32]) -> Tree {
    if values.is_empty() {
        return Tree::Leaf;
    }
    let mid = values.len() / 2;
    Tree::Node(Box::new(tree(&values[..mid])), values[mid], Box::new(tree(&values[mid + 1..])))
}

fn boxed_inorder(t: &Tree) -> Box<dyn Generator<Yield = u32, Return = ()> + '_> {
    Box::new(inorder(t))
}

#[coro::coroutine]
fn inorder(t: &Tree) -> impl Generator<Yield = u32, Return = ()> + '_ {
    if let Tree::Node(left, value, right) = t {
        yield_from!(boxed_inorder(left));
        yield_!(*value);
        yield_from!(boxed_inorder(right));
    }
}

#[test]
fn a_recursive_generator_walks_the_tree_in_order() {
    let values: Vec<u32> = (1..=26).collect();
    let t = tree(&values);
    let mut g = inorder(&t);
    let mut seen = Vec::new();
    while let GeneratorState::Yielded(v) = g.resume(()) {
        seen.push(v);
    }
    assert_eq!(seen, values);
}

#[coro::coroutine]
fn fib() -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (1u64, 1u64);
    loop {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

#[test]
fn fibonacci_taken_lazily() {
    assert_eq!(fib().take(12).collect::<Vec<_>>(), [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]);
}

/// Yields the running average of the numbers sent in (the priming resume's value is dropped).
#[coro::coroutine]
fn averager() -> impl Generator<f64, Yield = Option<f64>, Return = ()> {
    let (mut total, mut count) = (0.0, 0u32);
    let mut average = None;
    loop {
        let x = yield_!(average);
        total += x;
        count += 1;
        average = Some(total / f64::from(count));
    }
}

#[test]
fn send_keeps_state_between_resumes() {
    let mut g = averager();
    assert_eq!(g.resume(99.0), GeneratorState::Yielded(None));
    let got: Vec<_> = [10.0, 30.0, 5.0].into_iter().map(|x| g.resume(x)).collect();
    assert_eq!(got, [GeneratorState::Yielded(Some(10.0)), GeneratorState::Yielded(Some(20.0)), GeneratorState::Yielded(Some(15.0))]);
}
