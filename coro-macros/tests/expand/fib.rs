#[coro::coroutine]
fn fib(max: usize) -> impl Generator<Yield = u64, Return = ()> {
    let (mut n, mut a, mut b) = (0, 0u64, 1u64);
    while n < max {
        yield_!(b);
        (a, b) = (b, a + b);
        n += 1;
    }
}
