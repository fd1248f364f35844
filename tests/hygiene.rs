//! Generated code must keep working when the user's crate shadows `core`, `std` and `coro`, and
//! the prelude names it might use.
#![allow(dead_code, non_camel_case_types, unused_macros, clippy::disallowed_names)]

mod core {}
mod std {}
mod coro {}

struct Option;
struct Some;
struct None;
struct Default;
struct GeneratorState;
struct Machine;
trait Generator {}
macro_rules! panic {
    ($($t:tt)*) => {
        compile_error!("user panic! must not be used by the expansion")
    };
}
macro_rules! concat {
    ($($t:tt)*) => {
        compile_error!("user concat! must not be used by the expansion")
    };
}
macro_rules! line {
    () => {
        compile_error!("user line! must not be used by the expansion")
    };
}

#[::coro::coroutine]
fn shadowed(
    items: ::std::vec::Vec<u32>,
) -> impl ::coro::Generator<u32, Yield = u32, Return = ::core::option::Option<u32>> + ::core::fmt::Debug {
    let mut total = 0;
    for i in items {
        total += ::coro::yield_!(i);
    }
    let r = ::coro::yield_from!(inner());
    let first: ::core::option::Option<u32> = ::core::option::Option::Some(total + r);
    let v = first?;
    ::core::option::Option::Some(v)
}

#[::coro::coroutine]
fn inner() -> impl ::coro::Generator<u32, Yield = u32, Return = u32> {
    ::coro::yield_!(100)
}

#[test]
fn expansion_ignores_shadowing_names() {
    use ::coro::Generator as _;
    let mut g = shadowed(::std::vec![1, 2]);
    assert_eq!(g.resume(0), ::coro::GeneratorState::Yielded(1));
    assert_eq!(g.resume(10), ::coro::GeneratorState::Yielded(2));
    assert_eq!(g.resume(20), ::coro::GeneratorState::Yielded(100));
    assert_eq!(g.resume(5), ::coro::GeneratorState::Complete(::core::option::Option::Some(35)));
    assert!(::std::format!("{g:?}").contains("done"));
}
