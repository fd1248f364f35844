//! Issue #4 benchmark suite (stable part): every workload with `coro`, a hand-written state
//! machine, genawaiter and corosensei. Driven by `benches/run.sh`; see `common.rs` for the
//! command line, and `BENCHMARKS.md` at the repository root for the results.
mod common;
mod coro_impl;
mod hand;
mod others;
mod tasks;

use std::mem::size_of_val;

use common::{sum_for, sum_next, sum_resume, sum_resume_ret, sum_send, Case};
use others::{cs, ga};

const GA_NOTE: &str = "+ heap: Rc'd yield slot and boxed future";
const HE: &str = "coroutine semantics: lazy start, done state";
const CS_NOTE: &str = "+ 1 MiB mmap'd stack";

fn cases() -> Vec<Case> {
    macro_rules! case {
        ($w:expr, $i:expr, $run:expr, $size:expr, $note:expr) => {
            Case { workload: $w, imp: $i, run: $run, size: $size, note: $note }
        };
    }
    vec![
        // W1 count, through resume.
        case!("W1-resume", "hand", |n| sum_resume(hand::count(n)), Some(size_of_val(&hand::count(0))), ""),
        case!("W1-resume", "hand-enum", |n| sum_resume(hand::count_e(n)), Some(size_of_val(&hand::count_e(0))), HE),
        case!("W1-resume", "coro", |n| sum_resume(coro_impl::count(n)), Some(size_of_val(&coro_impl::count(0))), ""),
        case!("W1-resume", "genawaiter", |n| sum_resume(ga::count(n)), Some(size_of_val(&ga::count(0))), GA_NOTE),
        case!("W1-resume", "corosensei", |n| sum_resume(cs::count(n)), Some(size_of_val(&cs::count(0))), CS_NOTE),
        // W1 count, through an out-of-line Iterator::next.
        case!("W1-next", "hand", |n| sum_next(hand::count(n)), Some(size_of_val(&hand::count(0))), ""),
        case!("W1-next", "hand-enum", |n| sum_next(hand::count_e(n)), Some(size_of_val(&hand::count_e(0))), HE),
        case!("W1-next", "coro", |n| sum_next(coro_impl::count_iter(n)), Some(size_of_val(&coro_impl::count_iter(0))), "declared `impl Iterator`"),
        case!("W1-next", "coro-iter-adapter", |n| sum_next(coro::iter(coro_impl::count(n))), Some(size_of_val(&coro::iter(coro_impl::count(0)))), "`coro::iter(generator)`"),
        case!("W1-next", "genawaiter", |n| sum_next(ga::count_iter(n)), Some(size_of_val(&ga::count_iter(0))), GA_NOTE),
        case!("W1-next", "corosensei", |n| sum_next(cs::count(n)), Some(size_of_val(&cs::count(0))), CS_NOTE),
        // W1 count, through an inlined `for` loop.
        case!("W1-for", "hand", |n| sum_for(hand::count(n)), Some(size_of_val(&hand::count(0))), ""),
        case!("W1-for", "hand-enum", |n| sum_for(hand::count_e(n)), Some(size_of_val(&hand::count_e(0))), HE),
        case!("W1-for", "coro", |n| sum_for(coro_impl::count_iter(n)), Some(size_of_val(&coro_impl::count_iter(0))), "declared `impl Iterator`"),
        case!("W1-for", "coro-iter-adapter", |n| sum_for(coro::iter(coro_impl::count(n))), Some(size_of_val(&coro::iter(coro_impl::count(0)))), "`coro::iter(generator)`"),
        case!("W1-for", "genawaiter", |n| sum_for(ga::count_iter(n)), Some(size_of_val(&ga::count_iter(0))), GA_NOTE),
        case!("W1-for", "corosensei", |n| sum_for(cs::count(n)), Some(size_of_val(&cs::count(0))), CS_NOTE),
        // W2 fib.
        case!("W2", "hand", |n| sum_resume(hand::fib(n)), Some(size_of_val(&hand::fib(0))), ""),
        case!("W2", "hand-enum", |n| sum_resume(hand::fib_e(n)), Some(size_of_val(&hand::fib_e(0))), HE),
        case!("W2", "coro", |n| sum_resume(coro_impl::fib(n)), Some(size_of_val(&coro_impl::fib(0))), ""),
        case!("W2", "genawaiter", |n| sum_resume(ga::fib(n)), Some(size_of_val(&ga::fib(0))), GA_NOTE),
        case!("W2", "corosensei", |n| sum_resume(cs::fib(n)), Some(size_of_val(&cs::fib(0))), CS_NOTE),
        // W3 send.
        case!("W3", "hand", |n| sum_send(hand::acc(), n), Some(size_of_val(&hand::acc())), ""),
        case!("W3", "hand-enum", |n| sum_send(hand::acc_e(), n), Some(size_of_val(&hand::acc_e())), HE),
        case!("W3", "coro", |n| sum_send(coro_impl::acc(), n), Some(size_of_val(&coro_impl::acc())), ""),
        case!("W3", "genawaiter", |n| sum_send(ga::acc(), n), Some(size_of_val(&ga::acc())), GA_NOTE),
        case!("W3", "corosensei", |n| sum_send(cs::acc(), n), Some(size_of_val(&cs::acc())), CS_NOTE),
        // W4 delegate, eight levels.
        case!("W4", "hand", |n| sum_resume_ret(hand::deep8(n)), Some(size_of_val(&hand::deep8(0))), "nested delegating structs"),
        case!("W4", "coro", |n| sum_resume_ret(coro_impl::d8(n)), Some(size_of_val(&coro_impl::d8(0))), ""),
        case!("W4", "genawaiter", |n| sum_resume_ret(ga::deep8(n)), Some(size_of_val(&ga::deep8(0))), "+ heap: 9 Rc'd slots and boxed futures"),
        case!("W4", "corosensei", |n| sum_resume_ret(cs::deep8(n)), Some(size_of_val(&cs::deep8(0))), "nested calls on one stack; + 1 MiB stack"),
        // W5 bigstate: 4 KiB and 8 bytes.
        case!("W5-4096", "hand", |n| sum_resume(hand::big::<4096>(n)), Some(size_of_val(&hand::big::<4096>(0))), ""),
        case!("W5-4096", "hand-enum", |n| sum_resume(hand::big_e::<4096>(n)), Some(size_of_val(&hand::big_e::<4096>(0))), HE),
        case!("W5-4096", "coro", |n| sum_resume(coro_impl::big::<4096>(n)), Some(size_of_val(&coro_impl::big::<4096>(0))), ""),
        case!("W5-4096", "genawaiter", |n| sum_resume(ga::big::<4096>(n)), Some(size_of_val(&ga::big::<4096>(0))), GA_NOTE),
        case!("W5-4096", "corosensei", |n| sum_resume(cs::big::<4096>(n)), Some(size_of_val(&cs::big::<4096>(0))), CS_NOTE),
        case!("W5-8", "hand", |n| sum_resume(hand::big::<8>(n)), Some(size_of_val(&hand::big::<8>(0))), ""),
        case!("W5-8", "hand-enum", |n| sum_resume(hand::big_e::<8>(n)), Some(size_of_val(&hand::big_e::<8>(0))), HE),
        case!("W5-8", "coro", |n| sum_resume(coro_impl::big::<8>(n)), Some(size_of_val(&coro_impl::big::<8>(0))), ""),
        case!("W5-8", "genawaiter", |n| sum_resume(ga::big::<8>(n)), Some(size_of_val(&ga::big::<8>(0))), GA_NOTE),
        case!("W5-8", "corosensei", |n| sum_resume(cs::big::<8>(n)), Some(size_of_val(&cs::big::<8>(0))), CS_NOTE),
        // W6 tasks: n tasks × 100 switches.
        case!("W6", "hand", tasks::hand_rr, Some(size_of_val(&hand::task(0))), "round-robin of Box<dyn Generator>"),
        case!("W6", "coro-sched", tasks::coro_sched, Some(tasks::sched_task_size()), "#[coro::coroutine] tasks on coro::sched"),
        case!("W6", "coro-sched-handtask", tasks::coro_sched_handtask, Some(tasks::hand_task_size()), "hand-written tasks on coro::sched"),
        case!("W6", "coro-rr", tasks::coro_rr, Some(size_of_val(&coro_impl::task(0))), "round-robin of boxed #[coro::coroutine] tasks"),
        case!("W6", "tokio", tasks::tokio, None, "current-thread runtime, spawn + yield_now"),
    ]
}

/// Token count of a Rust source file as proc-macro tokens (each identifier, literal and
/// punctuation character is one; a delimited group adds one for its delimiter pair). Used for
/// W7's expansion size.
fn count_tokens(ts: proc_macro2::TokenStream) -> usize {
    ts.into_iter()
        .map(|t| match t {
            proc_macro2::TokenTree::Group(g) => 1 + count_tokens(g.stream()),
            _ => 1,
        })
        .sum()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("tokens") {
        let src = std::fs::read_to_string(&args[2]).expect("read file");
        let ts: proc_macro2::TokenStream = src.parse().expect("tokenize");
        println!("{}", count_tokens(ts));
        return;
    }
    common::main_with(cases());
}
