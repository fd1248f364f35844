//! A producer → filter → broadcast pipeline over a log, twice: first push-style (David
//! Beazley's coroutine pipelines: the source `send`s each line down a chain of coroutines, no
//! scheduler), then as scheduler tasks connected by bounded channels.
//!
//! ```text
//! cargo run --example pipeline              # a generated web-server log
//! cargo run --example pipeline -- FILE      # the lines of FILE
//! ```
use std::collections::BTreeMap;
use std::time::Duration;

use coro::sched::pipeline::{broadcast, feed, filter};
use coro::sched::{channel, join_all, sleep, Receiver, Reply, Request, Scheduler, Sender};
use coro::{yield_, yield_from, Generator};

// ---------------------------------------------------------------------------------------------
// Part 1: push-style. Each sink is a coroutine resumed with `Some(line)` per line and `None` at
// the end of the stream; it yields `()` while it wants more and returns its result.

/// Prints every line it is sent, with a tag; returns how many it printed.
#[coro::coroutine]
fn printer(tag: &'static str) -> impl Generator<Option<String>, Yield = (), Return = usize> {
    let mut printed = 0;
    while let Some(line) = yield_!() {
        println!("  [{}] {}", tag, line);
        printed += 1;
    }
    printed
}

/// Counts lines per log level (the second field).
#[coro::coroutine]
fn level_counts() -> impl Generator<Option<String>, Yield = (), Return = BTreeMap<String, usize>> {
    let mut counts = BTreeMap::new();
    while let Some(line) = yield_!() {
        let level = line.split_whitespace().nth(1).unwrap_or("?").to_string();
        *counts.entry(level).or_insert(0) += 1;
    }
    counts
}

/// Keeps the slowest request seen (the trailing "(N ms)" of a line).
#[coro::coroutine]
fn slowest() -> impl Generator<Option<String>, Yield = (), Return = Option<(u64, String)>> {
    let mut worst: Option<(u64, String)> = None;
    while let Some(line) = yield_!() {
        if let Some(ms) = latency_ms(&line) {
            if worst.as_ref().is_none_or(|(w, _)| ms > *w) {
                worst = Some((ms, line));
            }
        }
    }
    worst
}

/// The HTTP status: the first three-digit field after the path.
fn status(line: &str) -> Option<u16> {
    line.split_whitespace().skip_while(|w| !w.starts_with('/')).nth(1)?.parse().ok()
}

fn latency_ms(line: &str) -> Option<u64> {
    let open = line.rfind('(')?;
    line[open + 1..].strip_suffix(" ms)")?.parse().ok()
}

fn push_style(lines: &[String]) {
    println!("== push pipeline: source -> filter(not DEBUG) -> broadcast(errors, levels, slowest)");
    let (errors_printed, levels, worst) = feed(
        lines.iter().cloned(),
        filter(
            |l: &String| !l.contains(" DEBUG "),
            broadcast((filter(|l: &String| l.contains(" ERROR "), printer("error")), level_counts(), slowest())),
        ),
    );
    println!("  errors printed: {}", errors_printed);
    println!("  lines per level (DEBUG filtered out): {:?}", levels);
    if let Some((ms, line)) = worst {
        println!("  slowest request: {} ms: {}", ms, line);
    }
}

// ---------------------------------------------------------------------------------------------
// Part 2: the same shape as tasks on the scheduler, over bounded channels (backpressure: the
// producer can run at most 4 lines ahead of the filter).

/// Reads the lines into the first channel, one per simulated millisecond of I/O.
#[coro::coroutine]
fn producer(lines: Vec<String>, out: Sender<String>) -> impl Generator<Reply, Yield = Request, Return = usize> {
    let mut sent = 0;
    for line in lines {
        yield_from!(sleep(Duration::from_millis(1)));
        yield_from!(out.send(line)).expect("the filter hung up");
        sent += 1;
    }
    sent
}

/// Passes on the lines with a status of 4xx/5xx to every output (a broadcast over channels:
/// each consumer gets its own copy).
#[coro::coroutine]
fn failures(input: Receiver<String>, outs: Vec<Sender<String>>) -> impl Generator<Reply, Yield = Request, Return = usize> {
    let mut passed = 0;
    while let Some(line) = yield_from!(input.recv()) {
        if matches!(status(&line), Some(400..=599)) {
            // (By index: a borrow of `outs` cannot be held across a suspension.)
            let mut k = 0;
            while k < outs.len() {
                yield_from!(outs[k].send(line.clone())).expect("a consumer hung up");
                k += 1;
            }
            passed += 1;
        }
    }
    passed
}

/// Counts the lines it receives per path.
#[coro::coroutine]
fn by_path(input: Receiver<String>) -> impl Generator<Reply, Yield = Request, Return = BTreeMap<String, usize>> {
    let mut counts = BTreeMap::new();
    while let Some(line) = yield_from!(input.recv()) {
        let path = line.split_whitespace().find(|w| w.starts_with('/')).unwrap_or("?").to_string();
        *counts.entry(path).or_insert(0) += 1;
    }
    counts
}

/// Sums latency, slowly (each line takes 2 simulated ms), so the channel fills up.
#[coro::coroutine]
fn total_latency(input: Receiver<String>) -> impl Generator<Reply, Yield = Request, Return = u64> {
    let mut total = 0;
    while let Some(line) = yield_from!(input.recv()) {
        yield_from!(sleep(Duration::from_millis(2)));
        total += latency_ms(&line).unwrap_or(0);
    }
    total
}

fn with_scheduler(lines: &[String]) {
    println!("== scheduler pipeline: producer -> failures -> broadcast(by_path, total_latency)");
    let mut sched = Scheduler::new();
    let (line_tx, line_rx) = channel(4);
    let (path_tx, path_rx) = channel(2);
    let (lat_tx, lat_rx) = channel(2);
    let producer = sched.spawn(producer(lines.to_vec(), line_tx));
    let filter = sched.spawn(failures(line_rx, vec![path_tx, lat_tx]));
    let paths = sched.spawn(by_path(path_rx));
    let latency = sched.run_until_complete(total_latency(lat_rx));
    let counts = sched.run_until_complete(join_all(vec![producer, filter]));
    let paths = sched.run_until_complete(paths.join()).expect("by_path panicked");
    println!("  lines read: {}", counts[0].as_ref().expect("producer panicked"));
    println!("  4xx/5xx lines: {}", counts[1].as_ref().expect("filter panicked"));
    println!("  failures per path: {:?}", paths);
    println!("  total latency of failures: {} ms", latency);
    println!("  virtual time taken: {:?}", sched.now());
}

/// A deterministic web-server log (a small linear congruential generator picks the fields).
fn generated_log(n: usize) -> Vec<String> {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % m
    };
    let paths = ["/", "/login", "/api/items", "/api/cart", "/static/app.js"];
    (0..n)
        .map(|i| {
            let status = [200, 200, 200, 200, 304, 404, 500, 503][next(8) as usize];
            let level = match status {
                500.. => "ERROR",
                400.. => "WARN",
                _ if next(4) == 0 => "DEBUG",
                _ => "INFO",
            };
            let ms = 5 + next(if status >= 500 { 3000 } else { 400 });
            format!(
                "12:{:02}:{:02} {} GET {} {} ({} ms)",
                i / 60,
                i % 60,
                level,
                paths[next(paths.len() as u64) as usize],
                status,
                ms
            )
        })
        .collect()
}

fn main() {
    let lines = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {}", path, e))
            .lines()
            .map(str::to_string)
            .collect(),
        None => generated_log(40),
    };
    println!("{} log lines, e.g. {:?}", lines.len(), lines.first().map(String::as_str).unwrap_or(""));
    push_style(&lines);
    with_scheduler(&lines);
}
