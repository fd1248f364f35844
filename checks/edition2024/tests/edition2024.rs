use coro::{Generator, GeneratorState};
use coro_check_edition2024::{twice, words};

#[test]
fn words_borrow_their_input() {
    let text = String::from("a bb ccc");
    assert_eq!(words(&text).collect::<Vec<_>>(), ["a", "bb", "ccc"]);
}

#[test]
fn let_chains_and_delegation() {
    let mut g = twice("hello to 3fold worlds".into());
    let mut seen = Vec::new();
    let r = loop {
        match g.resume(()) {
            GeneratorState::Yielded(n) => seen.push(n),
            GeneratorState::Complete(r) => break r,
        }
    };
    assert_eq!(seen, [5, 6, 5, 6]);
    assert_eq!(r, 4);
}
