#[coro::coroutine]
fn outer() -> impl Generator<Yield = u32, Return = u32> {
    let r = yield_from!(inner());
    r + 1
}
