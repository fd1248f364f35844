// A `yield_!` may pick the index an assignment writes (`v[yield_!(())] += 1`), but not the
// place itself; the error points at that place.
use coro::{yield_, Generator};

#[coro::coroutine]
fn through_a_block<'a>(x: &'a mut i32) -> impl Generator<Yield = (), Return = ()> + 'a {
    *{ yield_!(()); x } += 5;
}

#[coro::coroutine]
fn nested_index(mut grid: Vec<Vec<i32>>) -> impl Generator<usize, Yield = (), Return = Vec<Vec<i32>>> {
    grid[yield_!(())][0] = 1;
    grid
}

fn main() {
    let _ = nested_index(Vec::new());
}
