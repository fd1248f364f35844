//! A coroutine with 66 `yield_!` points inside nested loops and matches (generated once by a
//! script, checked in as plain source). `big_oracle` is the same body as a plain fn in which each
//! `yield_!(v)` is `o.y(v)`: it records `v` and returns the next input. The coroutine, driven
//! with the same inputs, must produce the same yields and return value.
#![allow(clippy::all)]
mod common;

use coro::{yield_, Generator, GeneratorState};

/// The resume value for the `k`-th `yield_!` (0-based): a fixed pseudo-random sequence in 0..101.
fn input(k: usize) -> u64 {
    ((k as u64) * 37 + 11) % 101
}

thread_local! {
    static LIVE: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// Counts live instances on this thread.
struct Counted;

impl Counted {
    fn new() -> Self {
        LIVE.with(|l| l.set(l.get() + 1));
        Counted
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        LIVE.with(|l| l.set(l.get() - 1));
    }
}

fn live() -> i64 {
    LIVE.with(|l| l.get())
}

struct Oracle {
    out: Vec<u64>,
}

impl Oracle {
    fn y(&mut self, v: u64) -> u64 {
        let k = self.out.len();
        self.out.push(v);
        input(k)
    }
}

#[coro::coroutine]
fn big(seed: u64) -> impl Generator<u64, Yield = u64, Return = u64> {
    let _guard = Counted::new();
    let mut acc: u64 = seed;
    let mut trail: Vec<u64> = Vec::new();
    let mut name = String::from("s");
    for round in 0..4u64 {
        match round {
            0 => {
                let a = yield_!(acc + 1);
                acc = (acc * 3 + a) % 1000;
                let b = yield_!(a + 2);
                if b % 2 == 0 {
                    acc += yield_!(b / 2);
                } else {
                    acc += yield_!(b * 3 % 97);
                }
                trail.push(acc);
            }
            1 => {
                let mut k = 0u64;
                while k < 3 {
                    let r = yield_!(10 * round + k);
                    if r % 5 == 0 {
                        k += 1;
                        continue;
                    }
                    acc = (acc + r * (k + 1)) % 1000;
                    k += 1;
                }
                trail.push(yield_!(acc % 13));
            }
            2 => {
                match yield_!(acc % 7) % 3 {
                    0 => {
                        name.push('a');
                        acc += yield_!(name.len() as u64);
                    }
                    1 => {
                        name.push('b');
                        let x = yield_!(100 + acc % 11);
                        acc = (acc + x) % 1000;
                        acc += yield_!(x % 9);
                    }
                    _ => {
                        name.push('c');
                        acc = acc * 2 % 1000;
                    }
                }
                trail.push(yield_!(round + acc % 5));
            }
            _ => {
                let v = [yield_!(1), yield_!(2), yield_!(3)];
                let s: u64 = v.iter().sum();
                acc = (acc + s) % 1000;
                trail.push(yield_!(s));
            }
        }
    }
    let mut stack: Vec<u64> = vec![5, 2, 9, 4, 1, 6];
    while let Some(top) = stack.pop() {
        let _per_item = Counted::new();
        match top % 6 {
            0 => {
                let r = yield_!(top * 10);
                acc = (acc + r) % 1000;
                if r % 3 == 0 && stack.len() < 8 {
                    stack.push(yield_!(r % 5 + 1));
                }
            }
            1 => {
                acc += yield_!(top + 100) % 10;
                acc += yield_!(top + 200) % 10;
            }
            2 => {
                let mut i = 0;
                loop {
                    let r = yield_!(top * 100 + i);
                    i += 1;
                    if r % 4 == 0 || i == 3 {
                        break;
                    }
                    acc = (acc + r) % 1000;
                }
            }
            3 => {
                trail.push(yield_!(acc));
                acc = (acc + yield_!(trail.len() as u64)) % 1000;
            }
            4 => {
                if let Some(last) = trail.last().copied() {
                    acc = (acc + yield_!(last % 50)) % 1000;
                } else {
                    acc += yield_!(0);
                }
            }
            _ => {
                let pair = (yield_!(top), yield_!(top + 1));
                acc = (acc + pair.0 * pair.1) % 1000;
            }
        }
    }
    let mut tries = 0;
    'search: loop {
        tries += 1;
        for k in 0..5u64 {
            let _per_step = Counted::new();
            match (k, acc % 3) {
                (0, _) => {
                    acc = (acc + yield_!(7000 + k)) % 1000;
                }
                (1, 0) => {
                    acc = (acc + yield_!(7100)) % 1000;
                    acc = (acc + yield_!(7101)) % 1000;
                }
                (1, _) => {
                    acc = (acc + yield_!(7110)) % 1000;
                }
                (2, x) if x > 0 => {
                    let r = yield_!(7200 + x);
                    if r % 2 == 1 {
                        continue;
                    }
                    acc = (acc + r) % 1000;
                }
                (2, _) => {
                    acc = (acc + yield_!(7210)) % 1000;
                }
                (3, _) => {
                    let r = yield_!(7300);
                    if r % 7 == 0 {
                        break 'search;
                    }
                }
                _ => {
                    let r = yield_!(7400 + acc % 10);
                    if r > 50 {
                        break 'search;
                    }
                    acc = (acc + 1) % 1000;
                }
            }
        }
        acc = (acc + yield_!(7500)) % 1000;
        if acc % 2 == 0 || tries == 4 {
            break;
        }
    }
    let a = yield_!(8000) % 4;
    match a {
        0 => match yield_!(8100) % 2 {
            0 => {
                acc += yield_!(8110);
            }
            _ => {
                acc += yield_!(8120);
                acc += yield_!(8121);
            }
        },
        1 => {
            let b = yield_!(8200);
            match b % 3 {
                0 => acc += yield_!(8210),
                1 => acc += yield_!(8211),
                _ => {}
            }
        }
        2 => {
            acc += yield_!(8300);
        }
        _ => {
            acc += yield_!(8400) + yield_!(8401);
        }
    }
    acc %= 1000;
    let letters: Vec<char> = name.chars().collect();
    for c in letters {
        let code = c as u64;
        let Some(r) = Some(yield_!(9000 + code)) else {
            unreachable!();
        };
        if r % 2 == 0 {
            acc = (acc + r) % 1000;
        } else if r % 3 == 0 {
            acc = (acc + yield_!(9100 + code)) % 1000;
        }
    }
    for phase in 0..3u64 {
        match phase {
            0 => {
                acc = (acc + yield_!(10000)) % 1000;
                acc = (acc + yield_!(10001)) % 1000;
                acc = (acc + yield_!(10002)) % 1000;
                acc = (acc + yield_!(10003)) % 1000;
            }
            1 => {
                let mut parts = Vec::new();
                parts.push(yield_!(10100));
                parts.push(yield_!(10101));
                parts.push(yield_!(10102));
                parts.push(yield_!(10103));
                acc = (acc + parts.iter().sum::<u64>()) % 1000;
            }
            _ => {
                let x = yield_!(10200);
                let y = if x % 2 == 0 { yield_!(10201) } else { yield_!(10202) };
                let z = match y % 3 {
                    0 => yield_!(10203),
                    1 => yield_!(10204) + 1,
                    _ => 2,
                };
                acc = (acc + x + y + z) % 1000;
            }
        }
        trail.push(yield_!(10300 + phase));
    }
    let mut rounds = 0;
    let total = loop {
        rounds += 1;
        let r = yield_!(9500 + acc % 100);
        acc = (acc + r) % 1000;
        if acc % 3 != 0 {
            break acc + trail.len() as u64;
        }
        let z = yield_!(9600);
        if z > 90 || rounds == 5 {
            break z;
        }
    };
    yield_!(total);
    yield_!(trail.iter().sum::<u64>() % 1000);
    total * 1000 + acc
}

fn big_oracle(seed: u64, o: &mut Oracle) -> u64 {
    let _guard = Counted::new();
    let mut acc: u64 = seed;
    let mut trail: Vec<u64> = Vec::new();
    let mut name = String::from("s");
    for round in 0..4u64 {
        match round {
            0 => {
                let a = o.y(acc + 1);
                acc = (acc * 3 + a) % 1000;
                let b = o.y(a + 2);
                if b % 2 == 0 {
                    acc += o.y(b / 2);
                } else {
                    acc += o.y(b * 3 % 97);
                }
                trail.push(acc);
            }
            1 => {
                let mut k = 0u64;
                while k < 3 {
                    let r = o.y(10 * round + k);
                    if r % 5 == 0 {
                        k += 1;
                        continue;
                    }
                    acc = (acc + r * (k + 1)) % 1000;
                    k += 1;
                }
                trail.push(o.y(acc % 13));
            }
            2 => {
                match o.y(acc % 7) % 3 {
                    0 => {
                        name.push('a');
                        acc += o.y(name.len() as u64);
                    }
                    1 => {
                        name.push('b');
                        let x = o.y(100 + acc % 11);
                        acc = (acc + x) % 1000;
                        acc += o.y(x % 9);
                    }
                    _ => {
                        name.push('c');
                        acc = acc * 2 % 1000;
                    }
                }
                trail.push(o.y(round + acc % 5));
            }
            _ => {
                let v = [o.y(1), o.y(2), o.y(3)];
                let s: u64 = v.iter().sum();
                acc = (acc + s) % 1000;
                trail.push(o.y(s));
            }
        }
    }
    let mut stack: Vec<u64> = vec![5, 2, 9, 4, 1, 6];
    while let Some(top) = stack.pop() {
        let _per_item = Counted::new();
        match top % 6 {
            0 => {
                let r = o.y(top * 10);
                acc = (acc + r) % 1000;
                if r % 3 == 0 && stack.len() < 8 {
                    stack.push(o.y(r % 5 + 1));
                }
            }
            1 => {
                acc += o.y(top + 100) % 10;
                acc += o.y(top + 200) % 10;
            }
            2 => {
                let mut i = 0;
                loop {
                    let r = o.y(top * 100 + i);
                    i += 1;
                    if r % 4 == 0 || i == 3 {
                        break;
                    }
                    acc = (acc + r) % 1000;
                }
            }
            3 => {
                trail.push(o.y(acc));
                acc = (acc + o.y(trail.len() as u64)) % 1000;
            }
            4 => {
                if let Some(last) = trail.last().copied() {
                    acc = (acc + o.y(last % 50)) % 1000;
                } else {
                    acc += o.y(0);
                }
            }
            _ => {
                let pair = (o.y(top), o.y(top + 1));
                acc = (acc + pair.0 * pair.1) % 1000;
            }
        }
    }
    let mut tries = 0;
    'search: loop {
        tries += 1;
        for k in 0..5u64 {
            let _per_step = Counted::new();
            match (k, acc % 3) {
                (0, _) => {
                    acc = (acc + o.y(7000 + k)) % 1000;
                }
                (1, 0) => {
                    acc = (acc + o.y(7100)) % 1000;
                    acc = (acc + o.y(7101)) % 1000;
                }
                (1, _) => {
                    acc = (acc + o.y(7110)) % 1000;
                }
                (2, x) if x > 0 => {
                    let r = o.y(7200 + x);
                    if r % 2 == 1 {
                        continue;
                    }
                    acc = (acc + r) % 1000;
                }
                (2, _) => {
                    acc = (acc + o.y(7210)) % 1000;
                }
                (3, _) => {
                    let r = o.y(7300);
                    if r % 7 == 0 {
                        break 'search;
                    }
                }
                _ => {
                    let r = o.y(7400 + acc % 10);
                    if r > 50 {
                        break 'search;
                    }
                    acc = (acc + 1) % 1000;
                }
            }
        }
        acc = (acc + o.y(7500)) % 1000;
        if acc % 2 == 0 || tries == 4 {
            break;
        }
    }
    let a = o.y(8000) % 4;
    match a {
        0 => match o.y(8100) % 2 {
            0 => {
                acc += o.y(8110);
            }
            _ => {
                acc += o.y(8120);
                acc += o.y(8121);
            }
        },
        1 => {
            let b = o.y(8200);
            match b % 3 {
                0 => acc += o.y(8210),
                1 => acc += o.y(8211),
                _ => {}
            }
        }
        2 => {
            acc += o.y(8300);
        }
        _ => {
            acc += o.y(8400) + o.y(8401);
        }
    }
    acc %= 1000;
    let letters: Vec<char> = name.chars().collect();
    for c in letters {
        let code = c as u64;
        let Some(r) = Some(o.y(9000 + code)) else {
            unreachable!();
        };
        if r % 2 == 0 {
            acc = (acc + r) % 1000;
        } else if r % 3 == 0 {
            acc = (acc + o.y(9100 + code)) % 1000;
        }
    }
    for phase in 0..3u64 {
        match phase {
            0 => {
                acc = (acc + o.y(10000)) % 1000;
                acc = (acc + o.y(10001)) % 1000;
                acc = (acc + o.y(10002)) % 1000;
                acc = (acc + o.y(10003)) % 1000;
            }
            1 => {
                let mut parts = Vec::new();
                parts.push(o.y(10100));
                parts.push(o.y(10101));
                parts.push(o.y(10102));
                parts.push(o.y(10103));
                acc = (acc + parts.iter().sum::<u64>()) % 1000;
            }
            _ => {
                let x = o.y(10200);
                let y = if x % 2 == 0 { o.y(10201) } else { o.y(10202) };
                let z = match y % 3 {
                    0 => o.y(10203),
                    1 => o.y(10204) + 1,
                    _ => 2,
                };
                acc = (acc + x + y + z) % 1000;
            }
        }
        trail.push(o.y(10300 + phase));
    }
    let mut rounds = 0;
    let total = loop {
        rounds += 1;
        let r = o.y(9500 + acc % 100);
        acc = (acc + r) % 1000;
        if acc % 3 != 0 {
            break acc + trail.len() as u64;
        }
        let z = o.y(9600);
        if z > 90 || rounds == 5 {
            break z;
        }
    };
    o.y(total);
    o.y(trail.iter().sum::<u64>() % 1000);
    total * 1000 + acc
}

fn run_big(seed: u64) -> (Vec<u64>, u64) {
    let mut g = big(seed);
    let mut out = Vec::new();
    // The priming argument is dropped; the k-th yield evaluates to `input(k)`.
    let mut arg = 999;
    loop {
        match g.resume(arg) {
            GeneratorState::Yielded(v) => {
                arg = input(out.len());
                out.push(v);
            }
            GeneratorState::Complete(r) => return (out, r),
        }
    }
}

fn run_oracle(seed: u64) -> (Vec<u64>, u64) {
    let mut o = Oracle { out: Vec::new() };
    let r = big_oracle(seed, &mut o);
    (o.out, r)
}

#[test]
fn sixty_plus_yield_points_match_the_plain_fn() {
    for seed in 0..50 {
        let expected = run_oracle(seed);
        assert!(expected.0.len() > 40, "seed {seed}: only {} yields", expected.0.len());
        assert_eq!(run_big(seed), expected, "seed {seed}");
    }
}

#[test]
fn the_coroutine_has_at_least_sixty_yield_points() {
    let src = include_str!("big.rs");
    let start = src.find("fn big(seed").unwrap();
    let end = src.find("fn big_oracle(").unwrap();
    let sites = src[start..end].matches("yield_!(").count();
    assert_eq!(sites, 66);
}

#[test]
fn first_yields_by_hand() {
    // seed 5: round 0 yields acc + 1 = 6, gets input(0) = 11, yields 11 + 2 = 13, gets
    // input(1) = 48 (even), yields 48 / 2 = 24.
    let (ys, _) = run_big(5);
    assert_eq!(&ys[..3], [6, 13, 24]);
    let (ys, _) = run_oracle(5);
    assert_eq!(&ys[..3], [6, 13, 24]);
}

#[test]
fn every_yield_site_is_reached_across_seeds() {
    // The markers in the 7000..=10300 range identify distinct sites; across seeds the coroutine
    // must reach the same set of sites as the plain fn, and many of them.
    use std::collections::BTreeSet;
    let mut sites = BTreeSet::new();
    let mut oracle_sites = BTreeSet::new();
    for seed in 0..200 {
        sites.extend(run_big(seed).0.into_iter().filter(|v| (7000..=10302).contains(v)));
        oracle_sites.extend(run_oracle(seed).0.into_iter().filter(|v| (7000..=10302).contains(v)));
    }
    assert_eq!(sites, oracle_sites);
    assert!(sites.len() >= 25, "{sites:?}");
}

#[test]
fn big_state_dropped_after_every_prefix_drops_each_guard_once() {
    let n = run_big(3).0.len();
    assert_eq!(live(), 0);
    for k in 0..=n + 1 {
        let mut g = big(3);
        let mut arg = 0;
        let mut peak = 0;
        for i in 0..k {
            if g.resume(arg).is_complete() {
                break;
            }
            peak = peak.max(live());
            arg = input(i);
        }
        if k > 0 {
            assert!(peak >= 1, "the body-wide guard is alive while suspended");
        }
        drop(g);
        assert_eq!(live(), 0, "after dropping at resume {k}");
    }
}
