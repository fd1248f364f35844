// A reborrow of a `&mut` parameter held across a `yield_!` cannot be kept beside the parameter.
use coro::{yield_, yield_from, Generator, GeneratorState};

#[coro::coroutine]
fn loop_then_reuse(v: &mut Vec<u32>) -> impl Generator<Yield = u32, Return = usize> + '_ {
    for r in v.iter_mut() {
        yield_!(*r);
    }
    v.len()
}

struct Bag {
    items: Vec<u32>,
    n: usize,
}

impl Bag {
    #[coro::coroutine]
    fn walk(&mut self) -> impl Generator<Yield = u32, Return = usize> + '_ {
        for x in self.items.iter() {
            yield_!(*x);
        }
        self.n
    }
}

#[coro::coroutine]
fn take_one<G: Generator<Yield = u32, Return = u32>>(g: &mut G) -> impl Generator<Yield = u32, Return = ()> + '_ {
    if let GeneratorState::Yielded(x) = g.resume(()) {
        yield_!(x);
    }
}

#[coro::coroutine]
fn delegate_then_reuse<G: Generator<Yield = u32, Return = u32>>(g: &mut G) -> impl Generator<Yield = u32, Return = ()> + '_ {
    yield_from!(take_one(&mut *g));
    let _ = g.resume(());
}

#[coro::coroutine]
fn element_then_reuse(v: &mut Vec<u32>) -> impl Generator<Yield = u32, Return = usize> + '_ {
    let first = &mut v[0];
    yield_!(1);
    *first += 1;
    v.len()
}

#[coro::coroutine]
fn fill(v: &mut Vec<u32>) -> impl Generator<Yield = u32, Return = ()> + '_ {
    v.push(1);
    yield_!(v[0]);
}

#[coro::coroutine]
fn passed_on_then_reuse(v: &mut Vec<u32>) -> impl Generator<Yield = u32, Return = usize> + '_ {
    yield_from!(fill(v));
    v.len()
}

fn main() {}
