//! Helpers shared by the behaviour tests.
#![allow(dead_code)]

use std::cell::RefCell;

use coro::{Generator, GeneratorState};

/// Resumes `g` with each input in turn; returns what it yielded and, if it completed, its
/// return value. Panics if it completes before the inputs run out.
pub fn drive<R, G: Generator<R>>(g: &mut G, inputs: impl IntoIterator<Item = R>) -> (Vec<G::Yield>, Option<G::Return>) {
    let mut yields = Vec::new();
    for input in inputs {
        match g.resume(input) {
            GeneratorState::Yielded(y) => yields.push(y),
            GeneratorState::Complete(r) => return (yields, Some(r)),
        }
    }
    (yields, None)
}

/// Runs a `()`-resumed generator to completion.
pub fn run<G: Generator>(mut g: G) -> (Vec<G::Yield>, G::Return) {
    let mut yields = Vec::new();
    loop {
        match g.resume(()) {
            GeneratorState::Yielded(y) => yields.push(y),
            GeneratorState::Complete(r) => return (yields, r),
        }
    }
}

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Appends to this thread's event log.
pub fn log(event: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(event.into()));
}

/// Takes this thread's event log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// A value that logs `drop <name>` when dropped.
#[derive(Debug)]
pub struct Noisy(pub &'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

impl Clone for Noisy {
    fn clone(&self) -> Self {
        Noisy(self.0)
    }
}

/// Clears the log, resumes `g` with `()` `k` times (logging `yield <v:?>` or `complete <r:?>`
/// after each resume), logs `drop gen`, drops `g`, and returns the whole log: what ran, and
/// what the drop of the (possibly suspended) generator dropped, in order.
pub fn resume_then_drop<G: Generator>(mut g: G, k: usize) -> Vec<String>
where
    G::Yield: std::fmt::Debug,
    G::Return: std::fmt::Debug,
{
    take_log();
    for _ in 0..k {
        match g.resume(()) {
            GeneratorState::Yielded(y) => log(format!("yield {y:?}")),
            GeneratorState::Complete(r) => log(format!("complete {r:?}")),
        }
    }
    log("drop gen");
    drop(g);
    take_log()
}

/// Runs `f`, which must panic, and returns the panic message (`&str` or `String` payloads).
pub fn panic_message<T>(f: impl FnOnce() -> T) -> String {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(_) => panic!("expected a panic"),
        Err(payload) => {
            if let Some(s) = payload.downcast_ref::<&str>() {
                s.to_string()
            } else if let Some(s) = payload.downcast_ref::<String>() {
                s.clone()
            } else {
                "<non-string panic payload>".to_string()
            }
        }
    }
}

/// `&[&str]` → `Vec<String>`, to compare logs.
pub fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}
