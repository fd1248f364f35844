#[coro::coroutine]
fn consumer() -> impl Generator<i32, Yield = bool, Return = ()> {
    let mut status = true;
    loop {
        let n = yield_!(status);
        println!("got {n}");
        if n == 3 {
            status = false;
        }
    }
}
