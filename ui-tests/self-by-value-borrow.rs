// `self` by value may be a reference (`impl Trait for &'a Bag`); the macro cannot see it.
use coro::yield_;

struct Bag {
    v: Vec<i32>,
}

trait Evens {
    fn evens(self) -> impl Iterator<Item = i32>;
}

impl<'a> Evens for &'a Bag {
    #[coro::coroutine]
    fn evens(self) -> impl Iterator<Item = i32> {
        for x in self.v.iter() {
            yield_!(*x);
        }
    }
}

fn main() {}
