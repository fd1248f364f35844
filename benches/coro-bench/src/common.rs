//! The harness shared by `coro-bench` (stable) and `nightly-bench` (included there with
//! `#[path]`): the drivers every implementation goes through, and the command line.
//!
//! Every implementation of a workload is adapted to `coro::Generator` (the adapters are
//! `#[inline(always)]` wrappers around the native `resume`), then driven by the same
//! consumer. Per-resume cost is measured through [`step`] / [`next_of`], which are
//! `#[inline(never)]`: each resume is a real call with the generator in memory, as when a
//! generator is handed to code the compiler cannot see through. `W1-for` is the other
//! extreme: a plain `for` loop that LLVM may inline completely.
//!
//! Command line (`BIN` is `coro-bench` or `nightly-bench`):
//! * `BIN list`: one line per case, `C<TAB>workload<TAB>impl<TAB>size_of<TAB>note`.
//! * `BIN time REPS TARGET_MS [FILTER]`: calibrates each case to about `TARGET_MS` per run,
//!   then runs every case once per repetition, cases interleaved, `REPS` times; prints
//!   `T<TAB>workload<TAB>impl<TAB>best ns/op<TAB>n` (best = minimum).
//! * `BIN one WORKLOAD IMPL N`: runs exactly one case once with parameter `N` (for callgrind:
//!   instructions/op = (Ir(N) - Ir(N0)) / (ops(N) - ops(N0))).
//! * `BIN check N`: runs every case with `N` and checks that all implementations of a
//!   workload return the same checksum.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

use coro::{Generator, GeneratorState};

/// One workload × implementation.
pub struct Case {
    pub workload: &'static str,
    pub imp: &'static str,
    /// Runs the workload with parameter `n` (values to yield, or tasks for W6) and returns a
    /// checksum that every implementation of the workload must agree on.
    pub run: fn(u64) -> u64,
    /// `size_of` of the generator object (`None`: not applicable).
    pub size: Option<usize>,
    pub note: &'static str,
}

/// Operations per unit of `n`: W6 is `n` tasks × 100 switches.
pub fn ops(workload: &str, n: u64) -> u64 {
    if workload.starts_with("W6") {
        n * SWITCHES
    } else {
        n
    }
}

/// Switches per task in W6.
pub const SWITCHES: u64 = 100;
/// Tasks in W6.
pub const TASKS: u64 = 10_000;

// ------------------------------------------------------------------------------- drivers

/// One resume, never inlined: the per-resume cost of a generator the caller cannot see into.
#[inline(never)]
pub fn step<G: Generator<R>, R>(g: &mut G, arg: R) -> GeneratorState<G::Yield, G::Return> {
    g.resume(arg)
}

/// One `Iterator::next`, never inlined.
#[inline(never)]
pub fn next_of<I: Iterator>(it: &mut I) -> Option<I::Item> {
    it.next()
}

/// W1-resume, W2, W5: the wrapping sum of all yields, through [`step`].
pub fn sum_resume<G>(mut g: G) -> u64
where
    G: Generator<Return = ()>,
    G::Yield: Into<u64>,
{
    let mut s = 0u64;
    while let GeneratorState::Yielded(v) = step(&mut g, ()) {
        s = s.wrapping_add(v.into());
    }
    s
}

/// W4: the wrapping sum of all yields plus the return value, through [`step`].
pub fn sum_resume_ret<G: Generator<Yield = u64, Return = u64>>(mut g: G) -> u64 {
    let mut s = 0u64;
    loop {
        match step(&mut g, ()) {
            GeneratorState::Yielded(v) => s = s.wrapping_add(v),
            GeneratorState::Complete(r) => return s.wrapping_add(r),
        }
    }
}

/// W1-next: the sum through an out-of-line `Iterator::next`.
pub fn sum_next<I: Iterator<Item = u64>>(mut it: I) -> u64 {
    let mut s = 0u64;
    while let Some(v) = next_of(&mut it) {
        s = s.wrapping_add(v);
    }
    s
}

/// W1-for: the sum through a plain `for` loop (everything may inline). Each value goes
/// through `black_box`, so LLVM cannot replace the loop by a closed form (it would for a
/// hand-written counter) and the figure stays a per-item cost.
pub fn sum_for<I: IntoIterator<Item = u64>>(it: I) -> u64 {
    let mut s = 0u64;
    for v in it {
        s = s.wrapping_add(black_box(v));
    }
    s
}

/// W3: primes the consumer (its first yield must be 0), then sends `0..n` and sums the
/// running totals it yields.
pub fn sum_send<G: Generator<i64, Yield = i64>>(mut g: G, n: u64) -> u64 {
    match step(&mut g, 0) {
        GeneratorState::Yielded(0) => {}
        _ => panic!("W3: bad priming"),
    }
    let mut s = 0u64;
    for i in 0..n as i64 {
        match step(&mut g, i) {
            GeneratorState::Yielded(t) => s = s.wrapping_add(t as u64),
            GeneratorState::Complete(_) => panic!("W3: consumer completed"),
        }
    }
    s
}

// ------------------------------------------------------------------------------- command line

fn find<'a>(cases: &'a [Case], w: &str, i: &str) -> &'a Case {
    cases
        .iter()
        .find(|c| c.workload == w && c.imp == i)
        .unwrap_or_else(|| panic!("no case {w} / {i}"))
}

fn time_once(c: &Case, n: u64) -> f64 {
    let t = Instant::now();
    black_box((c.run)(black_box(n)));
    t.elapsed().as_secs_f64() * 1e9 / ops(c.workload, n) as f64
}

pub fn main_with(cases: Vec<Case>) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    match arg(0) {
        "list" => {
            for c in &cases {
                let size = c.size.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
                println!("C\t{}\t{}\t{}\t{}", c.workload, c.imp, size, c.note);
            }
        }
        "one" => {
            let c = find(&cases, arg(1), arg(2));
            let n: u64 = arg(3).parse().expect("N");
            println!("{}", black_box((c.run)(black_box(n))));
        }
        "check" => {
            let n: u64 = arg(1).parse().unwrap_or(1000);
            let mut by_w: BTreeMap<&str, Vec<(&str, u64)>> = BTreeMap::new();
            for c in &cases {
                let nn = if c.workload.starts_with("W6") { n.min(TASKS) } else { n };
                by_w.entry(c.workload).or_default().push((c.imp, (c.run)(nn)));
            }
            let mut bad = false;
            for (w, v) in &by_w {
                let first = v[0].1;
                let ok = v.iter().all(|x| x.1 == first);
                bad |= !ok;
                println!("{} {w}: {v:?}", if ok { "ok " } else { "BAD" });
            }
            if bad {
                std::process::exit(1);
            }
        }
        "time" => {
            let reps: usize = arg(1).parse().unwrap_or(7);
            let target_ms: f64 = arg(2).parse().unwrap_or(40.0);
            let filter = arg(3);
            let chosen: Vec<&Case> = cases.iter().filter(|c| filter.is_empty() || c.workload.contains(filter)).collect();
            // Calibrate n per case (W6 is fixed at 10_000 tasks × 100 switches).
            let ns: Vec<u64> = chosen
                .iter()
                .map(|c| {
                    if c.workload.starts_with("W6") {
                        return TASKS;
                    }
                    let probe = 100_000;
                    (c.run)(probe); // warm up
                    let per_op = time_once(c, probe).max(0.05);
                    ((target_ms * 1e6 / per_op) as u64).clamp(100_000, 200_000_000)
                })
                .collect();
            let mut best = vec![f64::INFINITY; chosen.len()];
            for _ in 0..reps {
                for (k, c) in chosen.iter().enumerate() {
                    best[k] = best[k].min(time_once(c, ns[k]));
                }
            }
            for (k, c) in chosen.iter().enumerate() {
                println!("T\t{}\t{}\t{:.4}\t{}", c.workload, c.imp, best[k], ns[k]);
            }
        }
        _ => {
            eprintln!("usage: list | time REPS TARGET_MS [FILTER] | one WORKLOAD IMPL N | check N");
            std::process::exit(2);
        }
    }
}
