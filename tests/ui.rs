//! The compile-fail suite: every input `#[coro::coroutine]` rejects, with its diagnostic checked
//! in next to it (`ui-tests/*.stderr`). Regenerate with `TRYBUILD=overwrite cargo test --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui-tests/*.rs");
}
