// A binding that a pattern borrows from a local (`if let Some(x) = &o`, `Some(ref x) = o`,
// `match &s`) cannot be held across a `yield_!`, like `let r = &v;`: the error names the
// binding and the local, at the borrow.
use coro::{yield_, Generator};

#[coro::coroutine]
fn if_let_on_a_reference() -> impl Generator<Yield = i32, Return = usize> {
    let o = Some(String::from("a"));
    if let Some(x) = &o {
        yield_!(0);
        return x.len();
    }
    0
}

#[coro::coroutine]
fn ref_binding() -> impl Generator<Yield = i32, Return = usize> {
    let o = Some(String::from("a"));
    if let Some(ref x) = o {
        yield_!(0);
        return x.len();
    }
    0
}

#[coro::coroutine]
fn match_on_a_reference() -> impl Generator<Yield = i32, Return = usize> {
    let s = String::from("a");
    match &s {
        r => {
            yield_!(0);
            r.len()
        }
    }
}

fn main() {
    let _ = (if_let_on_a_reference(), ref_binding(), match_on_a_reference());
}
