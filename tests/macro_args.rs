//! `yield_!` inside the arguments of the standard macros that evaluate them as values
//! (`println!`, `format!`, `write!`, `vec!`, `panic!`, the compared values of `assert!`,
//! `assert_eq!`, `assert_ne!`, `matches!`): the arguments are evaluated in order, the yield
//! suspends where it stands, and the macro sees the resumed value.

use std::cell::RefCell;
use std::fmt::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use coro::{yield_, Generator, GeneratorState};

fn yielded<Y, R>(s: GeneratorState<Y, R>) -> Y {
    match s {
        GeneratorState::Yielded(y) => y,
        GeneratorState::Complete(_) => panic!("expected a yield"),
    }
}

fn complete<Y, R>(s: GeneratorState<Y, R>) -> R {
    match s {
        GeneratorState::Complete(r) => r,
        GeneratorState::Yielded(_) => panic!("expected completion"),
    }
}

#[coro::coroutine]
fn formatted(log: Rc<RefCell<Vec<String>>>) -> impl Generator<i32, Yield = &'static str, Return = String> {
    let note = move |s: &str| {
        log.borrow_mut().push(s.to_string());
        s.len()
    };
    let s = format!("{}:{}:{}", note("before"), yield_!("first"), note("after"));
    let t = format!("{s}/{x}", x = yield_!("second"));
    format!("{t}{}", format!("<{}>", yield_!("third")))
}

#[test]
fn format_arguments_are_evaluated_in_order_around_the_yield() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut g = formatted(log.clone());
    assert_eq!(yielded(g.resume(0)), "first");
    assert_eq!(*log.borrow(), ["before"]);
    assert_eq!(yielded(g.resume(7)), "second");
    assert_eq!(*log.borrow(), ["before", "after"]);
    assert_eq!(yielded(g.resume(9)), "third");
    assert_eq!(complete(g.resume(1)), "6:7:5/9<1>");
}

#[coro::coroutine]
fn places_stay_put() -> impl Generator<u32, Yield = (), Return = (String, usize)> {
    let name = String::from("ada");
    let mut out = String::new();
    write!(&mut out, "{}={}", name, yield_!()).unwrap();
    writeln!(out, " {name}").unwrap();
    (out, name.len())
}

#[test]
fn a_place_argument_is_borrowed_not_moved() {
    let mut g = places_stay_put();
    yielded(g.resume(0));
    assert_eq!(complete(g.resume(36)), (String::from("ada=36 ada\n"), 3));
}

#[coro::coroutine]
fn collected() -> impl Generator<u8, Yield = u8, Return = (Vec<u8>, Vec<u8>)> {
    let v = vec![yield_!(1), 2, yield_!(3)];
    let w = vec![yield_!(4); 2];
    (v, w)
}

#[test]
fn vec_elements_and_repeat() {
    let mut g = collected();
    assert_eq!(yielded(g.resume(0)), 1);
    assert_eq!(yielded(g.resume(10)), 3);
    assert_eq!(yielded(g.resume(30)), 4);
    assert_eq!(complete(g.resume(40)), (vec![10, 2, 30], vec![40, 40]));
}

#[coro::coroutine]
fn checked() -> impl Generator<i32, Yield = &'static str, Return = bool> {
    assert_eq!(yield_!("eq"), 10);
    assert_ne!(yield_!("ne"), 10, "must differ");
    assert!(yield_!("gt") > 2);
    matches!(yield_!("match"), 1..=5)
}

#[test]
fn assertions_compare_the_sent_values() {
    let mut g = checked();
    assert_eq!(yielded(g.resume(0)), "eq");
    assert_eq!(yielded(g.resume(10)), "ne");
    assert_eq!(yielded(g.resume(11)), "gt");
    assert_eq!(yielded(g.resume(3)), "match");
    assert!(complete(g.resume(4)));
}

fn panic_message(f: impl FnOnce()) -> String {
    let err = catch_unwind(AssertUnwindSafe(f)).unwrap_err();
    err.downcast_ref::<String>().cloned().or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string())).unwrap()
}

#[test]
fn failed_assertions_keep_their_messages() {
    let mut g = checked();
    g.resume(0);
    let msg = panic_message(|| {
        g.resume(11);
    });
    assert!(msg.contains("left: 11") && msg.contains("right: 10"), "{msg}");

    let mut g = checked();
    g.resume(0);
    g.resume(10);
    g.resume(11);
    let msg = panic_message(|| {
        g.resume(1);
    });
    // As `assert!` words it; spacing is rustc's for tokens that came through a proc macro.
    assert!(msg.starts_with("assertion failed: yield_!") && msg.ends_with("(\"gt\") > 2"), "{msg}");
}

#[coro::coroutine]
fn panics_with_the_sent_value() -> impl Generator<i32, Yield = (), Return = ()> {
    panic!("got {}", yield_!());
}

#[test]
fn panic_formats_the_sent_value() {
    let mut g = panics_with_the_sent_value();
    g.resume(0);
    let msg = panic_message(|| {
        g.resume(5);
    });
    assert_eq!(msg, "got 5");
}

struct Noisy(Rc<RefCell<Vec<&'static str>>>);
impl Drop for Noisy {
    fn drop(&mut self) {
        self.0.borrow_mut().push("dropped");
    }
}
impl std::fmt::Display for Noisy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("noisy")
    }
}

#[coro::coroutine]
fn holds_a_hoisted_value(log: Rc<RefCell<Vec<&'static str>>>) -> impl Generator<u8, Yield = (), Return = String> {
    format!("{} {}", Noisy(log.clone()), yield_!())
}

#[test]
fn a_hoisted_argument_is_dropped_once() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut g = holds_a_hoisted_value(log.clone());
    g.resume(0);
    assert!(log.borrow().is_empty());
    assert_eq!(complete(g.resume(1)), "noisy 1");
    assert_eq!(*log.borrow(), ["dropped"]);

    let log = Rc::new(RefCell::new(Vec::new()));
    let mut g = holds_a_hoisted_value(log.clone());
    g.resume(0);
    drop(g);
    assert_eq!(*log.borrow(), ["dropped"]);
}

#[coro::coroutine]
fn each(values: Vec<u8>) -> impl Generator<u32, Yield = u8, Return = u8> {
    for v in values {
        yield_!(v);
    }
    42
}

#[coro::coroutine]
fn in_awkward_places(inner: Vec<u8>) -> impl Generator<u32, Yield = u8, Return = usize> {
    let mut total = 0;
    format!("{}", yield_!(0)).push('!');
    for i in 0..2 {
        if format!("{i}{}", yield_!(1)) == "05" {
            total += 100;
        }
        total += vec![yield_!(2), 3].len();
    }
    let n = format!("{}", coro::yield_from!(each(inner))).len();
    total + n + format!("{}", yield_!(9)).len()
}

#[test]
fn statement_position_conditions_loops_and_delegation() {
    let mut g = in_awkward_places(vec![7, 8]);
    let mut seen = Vec::new();
    let mut sent = [1u32, 5, 0, 7, 0, 0, 0, 1234].into_iter();
    let mut arg = 0;
    let total = loop {
        match g.resume(arg) {
            GeneratorState::Yielded(y) => seen.push(y),
            GeneratorState::Complete(t) => break t,
        }
        arg = sent.next().unwrap_or(0);
    };
    assert_eq!(seen, [0, 1, 2, 1, 2, 7, 8, 9]);
    assert_eq!(total, 100 + 2 + 2 + 2 + 4);
}

#[coro::coroutine]
fn only_text() -> impl Generator<Yield = u8, Return = String> {
    let text = format!("[{}]", stringify!(yield_!(1)));
    yield_!(2);
    text
}

#[test]
fn a_yield_inside_stringify_is_text() {
    let mut g = only_text();
    assert_eq!(yielded(g.resume(())), 2);
    let text = complete(g.resume(()));
    assert!(text.starts_with("[yield_!") && text.ends_with("(1)]"), "{text}");
}
