use coro::{yield_, Generator};

fn total(v: &[i64], extra: i64) -> i64 {
    v.iter().sum::<i64>() + extra
}

#[coro::coroutine]
fn sum_with_extra() -> impl Generator<i64, Yield = i64, Return = i64> {
    let v = vec![1, 2];
    // `&v` is evaluated first and held while the second argument (which reads `v`) yields.
    total(&v, yield_!(v[0]))
}

#[coro::coroutine]
fn call_closure_by_reference() -> impl Generator<i64, Yield = i64, Return = i64> {
    let f = move |q: i64| -> i64 { q + 1 };
    (&f)({
        yield_!(f(1));
        yield_!(2)
    })
}

fn main() {}
