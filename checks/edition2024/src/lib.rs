//! An edition 2024 user crate: `impl Trait` captures lifetimes implicitly, `if let` chains.
#![forbid(unsafe_code)]
use coro::{yield_, yield_from, Generator};

/// Yields the words of `text` (no `+ 'a` needed in edition 2024).
#[coro::coroutine]
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    for w in text.split_whitespace() {
        yield_!(w);
    }
}

/// Yields the lengths of the words that are longer than `min`, then returns their count.
#[coro::coroutine]
pub fn long_words(text: String, min: usize) -> impl Generator<Yield = usize, Return = usize> {
    let mut count = 0;
    for w in text.split_whitespace().map(str::to_owned).collect::<Vec<_>>() {
        if let Some(first) = w.chars().next()
            && first.is_alphabetic()
            && w.len() > min
        {
            yield_!(w.len());
            count += 1;
        }
    }
    count
}

/// Delegates to [`long_words`].
#[coro::coroutine]
pub fn twice(text: String) -> impl Generator<Yield = usize, Return = usize> {
    let a = yield_from!(long_words(text.clone(), 3));
    let b = yield_from!(long_words(text, 4));
    a + b
}
