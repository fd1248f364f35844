//! Reproducer found by coro-difftest (fuzz/difftest), shrunk from program seed 7815817890055216012.
//! Run: copy into tests/ of the coro repo and `cargo test --test <name>`.
//! Signature: diverge full order
//!
//! divergence (full, order)
//!
//! thread 'p0::t' (7159) panicked at b0/src/h.rs:243:5:
//! DIVERGENCE p0 full kind=order
//! first difference at event 2 (of 14 expected, 14 actual)
#![allow(warnings)]

mod co {
    use crate::h::{self, Noisy};
    use coro::{yield_, yield_from, Generator};

    #[coro::coroutine]
    pub fn sub0() -> impl Generator<i64, Yield = i64, Return = i64> {
        let mut w1: Vec<i64> = vec![2, 2, -3];
        'l2: while let Some(x3) = w1.pop() {
            let Some(x7) = h::opt(
                match ({
                    {
                        let x5: (i64, Noisy) = (1, h::noisy(1));
                        let x5 = yield_!(1);
                        yield_!(x3);
                    }
                    1
                }) {
                    3 if true => 1,
                    _ => 1,
                },
            ) else {
                return 1;
            };
        }
        1
    }

    #[coro::coroutine]
    pub fn main() -> impl Generator<i64, Yield = i64, Return = i64> {
        for x10004 in 0..h::small(1) {
            h::note(yield_from!(sub0()));
        }
        1
    }
}

mod or {
    use crate::h::{self, Noisy};
    macro_rules! yield_ {
        ($v:expr) => {
            h::oracle_yield($v)
        };
    }
    macro_rules! yield_from {
        ($g:expr) => {
            $g
        };
    }

    pub fn sub0() -> i64 {
        h::oracle_enter();
        {
            let mut w1: Vec<i64> = vec![2, 2, -3];
            'l2: while let Some(x3) = w1.pop() {
                let Some(x7) = h::opt(
                    match ({
                        {
                            let x5: (i64, Noisy) = (1, h::noisy(1));
                            let x5 = yield_!(1);
                            yield_!(x3);
                        }
                        1
                    }) {
                        3 if true => 1,
                        _ => 1,
                    },
                ) else {
                    return 1;
                };
            }
            1
        }
    }
    pub fn main() -> i64 {
        h::oracle_enter();
        {
            for x10004 in 0..h::small(1) {
                h::note(yield_from!(sub0()));
            }
            1
        }
    }
}

#[test]
fn repro() {
    crate::h::check("repro", 977321578590590943, &|| co::main(), &|| or::main());
}

mod h {
    //! Harness shared by the generated programs (written by coro-difftest).
    use std::cell::RefCell;
    use std::fmt::Debug;
    use std::io::Write;
    use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

    use coro::{Generator, GeneratorState};

    thread_local! {
        static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
        /// (script seed, yields so far, stop at yield k)
        static ORC: RefCell<(u64, u64, Option<u64>)> = const { RefCell::new((0, 0, None)) };
    }

    /// Programs that yield more than this are skipped (not a divergence).
    pub const MAX_YIELDS: u64 = 20_000;

    pub fn log(s: String) {
        LOG.with(|l| l.borrow_mut().push(s));
    }

    pub fn take_log() -> Vec<String> {
        LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
    }

    #[derive(Debug)]
    pub struct Noisy(pub i64);

    impl Drop for Noisy {
        fn drop(&mut self) {
            log(format!("drop {}", self.0));
        }
    }

    pub struct P {
        pub a: i64,
        pub n: Noisy,
    }

    pub fn noisy(id: i64) -> Noisy {
        log(format!("new {id}"));
        Noisy(id)
    }
    pub fn peek(n: &Noisy) -> i64 {
        n.0
    }
    pub fn consume(n: Noisy) -> i64 {
        log(format!("consume {}", n.0));
        n.0
    }
    pub fn consume_vec(v: Vec<i64>) -> i64 {
        v.len() as i64
    }
    pub fn consume_str(s: String) -> i64 {
        s.len() as i64
    }
    pub fn consume_tup(t: (i64, Noisy)) -> i64 {
        log(format!("consume {}", (t.1).0));
        t.0
    }
    pub fn consume_p(p: P) -> i64 {
        log(format!("consume {}", p.n.0));
        p.a
    }
    pub fn note(x: i64) -> i64 {
        log(format!("note {x}"));
        x
    }
    pub fn f2(a: i64, b: i64) -> i64 {
        a.wrapping_mul(31) ^ b
    }
    pub fn f3(a: i64, b: i64, c: i64) -> i64 {
        a.wrapping_mul(7).wrapping_add(b.wrapping_mul(3)) ^ c
    }
    pub fn opt(x: i64) -> Option<i64> {
        if x.rem_euclid(3) == 0 {
            None
        } else {
            Some(x)
        }
    }
    pub fn res(x: i64) -> Result<i64, i64> {
        if x.rem_euclid(4) == 1 {
            Err(x)
        } else {
            Ok(x)
        }
    }
    pub fn even(x: i64) -> bool {
        x.rem_euclid(2) == 0
    }
    pub fn idx(x: i64, n: usize) -> usize {
        x.rem_euclid(n as i64) as usize
    }
    pub fn vget(v: &Vec<i64>, i: i64) -> i64 {
        if v.is_empty() {
            -1
        } else {
            v[idx(i, v.len())]
        }
    }
    pub fn num(x: i64) -> String {
        format!("{x}")
    }
    pub fn slen(s: &String) -> i64 {
        s.len() as i64
    }
    pub fn small(x: i64) -> i64 {
        x.rem_euclid(4)
    }
    pub fn take3(v: Vec<i64>) -> Vec<i64> {
        v.into_iter().take(3).collect()
    }
    pub fn mkvec(x: i64) -> Vec<i64> {
        vec![x, x ^ 1]
    }
    pub fn pop_with(v: &mut Vec<i64>, x: i64) -> Option<i64> {
        v.pop().map(|e| e ^ x)
    }

    pub fn resume_value(seed: u64, i: u64) -> i64 {
        let mut z = seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z % 16) as i64 - 3
    }

    struct OracleStop;
    struct TooLong;

    pub fn oracle_enter() {
        let stop = ORC.with(|o| o.borrow().2);
        if stop == Some(0) {
            log("drop gen".into());
            resume_unwind(Box::new(OracleStop));
        }
    }

    pub fn oracle_yield(v: i64) -> i64 {
        log(format!("yield {v}"));
        let (seed, i, stop) = ORC.with(|o| {
            let mut o = o.borrow_mut();
            o.1 += 1;
            (o.0, o.1, o.2)
        });
        if i > MAX_YIELDS {
            resume_unwind(Box::new(TooLong));
        }
        if stop == Some(i) {
            log("drop gen".into());
            resume_unwind(Box::new(OracleStop));
        }
        resume_value(seed, i)
    }

    fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
        if let Some(s) = p.downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = p.downcast_ref::<String>() {
            s.clone()
        } else {
            "<non-string panic>".into()
        }
    }

    /// The oracle's log; `None` if it ran too long.
    pub fn run_oracle<T: Debug>(
        seed: u64,
        stop: Option<u64>,
        f: &dyn Fn() -> T,
    ) -> Option<Vec<String>> {
        take_log();
        ORC.with(|o| *o.borrow_mut() = (seed, 0, stop));
        match catch_unwind(AssertUnwindSafe(f)) {
            Ok(r) => log(format!("complete {r:?}")),
            Err(p) if p.is::<OracleStop>() => {}
            Err(p) if p.is::<TooLong>() => {
                take_log();
                return None;
            }
            Err(p) => log(format!("panic {}", panic_text(&*p))),
        }
        Some(take_log())
    }

    /// The coroutine's log, driven like the oracle; dropped after `stop` resumes if given.
    pub fn run_co<G, T>(seed: u64, stop: Option<u64>, g: G) -> (Vec<String>, u64)
    where
        G: Generator<i64, Yield = i64, Return = T>,
        T: Debug,
    {
        let mut resumes = 0u64;
        let r = catch_unwind(AssertUnwindSafe(|| {
            let mut g = g;
            let mut i = 0u64;
            loop {
                if stop == Some(i) {
                    log("drop gen".into());
                    drop(g);
                    return;
                }
                resumes += 1;
                match g.resume(resume_value(seed, i)) {
                    GeneratorState::Yielded(v) => {
                        log(format!("yield {v}"));
                        i += 1;
                        if i > MAX_YIELDS + 10 {
                            log("coroutine yields more than the oracle".into());
                            return;
                        }
                    }
                    GeneratorState::Complete(r) => {
                        log(format!("complete {r:?}"));
                        return;
                    }
                }
            }
        }));
        if let Err(p) = r {
            log(format!("panic {}", panic_text(&*p)));
        }
        (take_log(), resumes)
    }

    fn report(line: &str) {
        if let Ok(path) = std::env::var("DIFFTEST_STATS") {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .expect("stats file");
            f.write_all(format!("{line}\n").as_bytes())
                .expect("write stats");
        }
    }

    fn describe(exp: &[String], act: &[String]) -> String {
        let first = exp
            .iter()
            .zip(act)
            .position(|(a, b)| a != b)
            .unwrap_or(exp.len().min(act.len()));
        let from = first.saturating_sub(6);
        let show = |v: &[String]| {
            let to = (first + 6).min(v.len());
            let mut s = String::new();
            if from > 0 {
                s.push_str("... ");
            }
            s.push_str(&v[from.min(v.len())..to].join(" | "));
            if to < v.len() {
                s.push_str(" ...");
            }
            s
        };
        format!("first difference at event {first} (of {} expected, {} actual)\n  expected: {}\n  actual:   {}", exp.len(), act.len(), show(exp), show(act))
    }

    fn mismatch(name: &str, what: &str, exp: &[String], act: &[String]) -> ! {
        let mut sorted_e = exp.to_vec();
        let mut sorted_a = act.to_vec();
        sorted_e.sort();
        sorted_a.sort();
        let kind = if sorted_e == sorted_a {
            "order"
        } else {
            "events"
        };
        let msg = format!(
            "DIVERGENCE {name} {what} kind={kind}\n{}\nfull expected: {:?}\nfull actual:   {:?}",
            describe(exp, act),
            exp,
            act
        );
        report(&format!("{name} diverge {what} {kind}"));
        panic!("{msg}");
    }

    /// Runs the program `name` both ways: to completion, and dropped after k resumes for several k.
    pub fn check<G, T>(name: &str, seed: u64, co: &dyn Fn() -> G, or: &dyn Fn() -> T)
    where
        G: Generator<i64, Yield = i64, Return = T>,
        T: Debug,
    {
        report(&format!("{name} begin"));
        let Some(exp) = run_oracle(seed, None, or) else {
            report(&format!("{name} skip too-long"));
            return;
        };
        let (act, mut resumes) = run_co(seed, None, co());
        if exp != act {
            mismatch(name, "full", &exp, &act);
        }
        let n = exp.iter().filter(|e| e.starts_with("yield ")).count() as u64;
        let mut ks = vec![0, 1, 2, 3, n / 3, n / 2, n.saturating_sub(1), n];
        ks.push(resume_value(seed, 99).unsigned_abs() % (n + 1));
        ks.sort();
        ks.dedup();
        let mut yields = n;
        for k in ks.into_iter().filter(|&k| k <= n) {
            let exp = run_oracle(seed, Some(k), or).expect("stopped run is shorter");
            let (act, r) = run_co(seed, Some(k), co());
            resumes += r;
            yields += k;
            if exp != act {
                mismatch(name, &format!("drop-after-{k}"), &exp, &act);
            }
        }
        report(&format!("{name} ok {yields} {resumes}"));
    }
}
