// A method the macro does not know to consume its receiver is taken for a borrow, so the
// local stays kept; rustc then reports the move at the `yield_!` that keeps it, and the README
// says to call the method by its path (`Ticket::redeem(ticket)`) instead.
use coro::{yield_, Generator};

struct Ticket;

impl Ticket {
    fn redeem(self) -> u32 {
        1
    }
}

#[coro::coroutine]
fn spend() -> impl Generator<Yield = u32, Return = ()> {
    let ticket = Ticket;
    let points = ticket.redeem();
    yield_!(points);
}

fn main() {
    let _ = spend();
}
