#[coro::coroutine]
fn order() -> impl Generator<i32, Yield = &'static str, Return = i32> {
    let r = add3(a(), yield_!("suspend"), b());
    r?
}
