//! The four examples of the user contract, run one after the other.
use coro::{yield_, yield_from, Generator, GeneratorState};

// 1. A generator: resumed with (), yields u64, returns ().
#[coro::coroutine]
fn fib(max: usize) -> impl Generator<Yield = u64, Return = ()> {
    let (mut n, mut a, mut b) = (0, 0u64, 1u64);
    while n < max {
        yield_!(b);
        (a, b) = (b, a + b);
        n += 1;
    }
}

// 2. The same body declared as an Iterator.
#[coro::coroutine]
fn fib_iter(max: usize) -> impl Iterator<Item = u64> {
    let (mut n, mut a, mut b) = (0, 0u64, 1u64);
    while n < max {
        yield_!(b);
        (a, b) = (b, a + b);
        n += 1;
    }
}

// 3. A coroutine that is sent values (Python's send): resume type i32.
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

#[coro::coroutine]
fn inner() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(1);
    yield_!(2);
    41
}

// 4. Delegation (Python's `yield from`): evaluates to the inner generator's return value.
#[coro::coroutine]
fn outer() -> impl Generator<Yield = u32, Return = u32> {
    let r = yield_from!(inner());
    r + 1
}

fn main() {
    let mut g = fib(5);
    while let GeneratorState::Yielded(x) = g.resume(()) {
        print!("{x} ");
    }
    println!();
    println!("{:?}", fib_iter(5).collect::<Vec<_>>());

    let mut c = consumer();
    c.resume(0);
    for n in [5, 4, 3] {
        println!("status {:?}", c.resume(n));
    }

    let mut o = outer();
    loop {
        match o.resume(()) {
            GeneratorState::Yielded(y) => println!("outer yielded {y}"),
            GeneratorState::Complete(r) => {
                println!("outer returned {r}");
                break;
            }
        }
    }
}
