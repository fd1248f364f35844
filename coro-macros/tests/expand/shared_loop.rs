// Two resume points inside one loop: their arms break out to one copy of the loop.
#[coro::coroutine]
fn pairs(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    let mut total = 0;
    let mut i = 0;
    while i < n {
        if i % 2 == 0 {
            yield_!(i);
        } else {
            total += yield_!(i * 10);
        }
        i += 1;
    }
    total
}
