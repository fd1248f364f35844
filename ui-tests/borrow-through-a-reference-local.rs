// A borrow taken through a reference local, or of a parameter bound by a `&` pattern (a copy
// the coroutine owns), is a borrow of a local.
use coro::{yield_, Generator};

#[coro::coroutine]
fn through_a_reference() -> impl Generator<Yield = i32, Return = ()> {
    let v = vec![1, 2];
    let r = &v;
    for x in r.iter() {
        yield_!(*x);
    }
}

#[coro::coroutine]
fn copied_parameter<'a>(&k: &'a i32) -> impl Generator<Yield = i32, Return = ()> + 'a {
    for y in (0..3).map(|i| i * k) {
        yield_!(y);
    }
}

#[coro::coroutine]
fn view_of_a_view() -> impl Generator<Yield = usize, Return = ()> {
    let text = String::from("a\nb");
    for line in text.as_str().split('\n') {
        yield_!(line.len());
    }
}

#[coro::coroutine]
fn shadowing_borrow() -> impl Generator<Yield = usize, Return = usize> {
    let s = String::from("ab");
    let s = s.as_str();
    yield_!(1);
    s.len()
}

#[coro::coroutine]
fn borrowed_temporary() -> impl Generator<Yield = usize, Return = usize> {
    let r = &String::from("ab");
    yield_!(1);
    r.len()
}

fn main() {}
