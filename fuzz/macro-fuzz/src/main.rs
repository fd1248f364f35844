//! coro-macro-fuzz: a seeded property test of `#[coro::coroutine]`'s expansion on malformed and
//! mutated inputs. The property: `expand(args, item)` returns tokens (code or a `compile_error!`)
//! and never panics, and takes no more than a second.
//!
//! ```text
//! coro-macro-fuzz [--seed S] [--iters N] [--corpus DIR]... [--out DIR] [--compile K]
//! ```
//!
//! Inputs: every `#[coro::coroutine]` fn of the repository's tests, examples and ui-tests and
//! of the `--corpus` dirs (e.g. programs written by `coro-difftest corpus`), each mutated 1 to 5
//! times at the token-tree level (delete / duplicate / swap / insert a token from a pool of
//! Rust and coro tokens / replace / change or empty a group's delimiters / splice a sub-tree
//! of another input / wrap in a group), plus garbage attribute arguments and mangled
//! signatures. The macro's modules are compiled into this binary (build.rs), so millions of
//! inputs take minutes. Each panic is minimised (greedy token deletion) and written to `--out`.
//!
//! `--compile K` also writes K mutated inputs (and every panicking one) as modules of a crate
//! that depends on `coro` and runs `cargo check` on it, to confirm with rustc itself that no
//! input makes the attribute panic ("custom attribute panicked").

include!(concat!(env!("OUT_DIR"), "/macro_modules.rs"));

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;

// ------------------------------------------------------------------------------------ rng

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

// ------------------------------------------------------------------------------------ trees

#[derive(Clone)]
enum T {
    Leaf(TokenTree),
    Group(Delimiter, Vec<T>),
}

fn to_trees(ts: TokenStream) -> Vec<T> {
    ts.into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => T::Group(g.delimiter(), to_trees(g.stream())),
            other => T::Leaf(other),
        })
        .collect()
}

fn from_trees(ts: &[T]) -> TokenStream {
    ts.iter()
        .map(|t| match t {
            T::Leaf(tt) => tt.clone(),
            T::Group(d, inner) => TokenTree::Group(Group::new(*d, from_trees(inner))),
        })
        .collect()
}

fn count(ts: &[T]) -> usize {
    ts.iter().map(|t| 1 + if let T::Group(_, i) = t { count(i) } else { 0 }).sum()
}

/// The list (by path) and index of the `k`-th node in pre-order.
fn locate(ts: &mut Vec<T>, k: &mut usize) -> Option<(*mut Vec<T>, usize)> {
    for i in 0..ts.len() {
        if *k == 0 {
            return Some((ts as *mut Vec<T>, i));
        }
        *k -= 1;
        if let T::Group(_, inner) = &mut ts[i] {
            if let Some(r) = locate(inner, k) {
                return Some(r);
            }
        }
    }
    None
}

/// Runs `f` on the list holding node `k` and its index there (safe wrapper over `locate`).
fn with_node(ts: &mut Vec<T>, k: usize, f: impl FnOnce(&mut Vec<T>, usize)) {
    fn go(ts: &mut Vec<T>, k: &mut usize, f: &mut Option<Box<dyn FnOnce(&mut Vec<T>, usize) + '_>>) -> bool {
        for i in 0..ts.len() {
            if *k == 0 {
                (f.take().unwrap())(ts, i);
                return true;
            }
            *k -= 1;
            let done = if let T::Group(_, inner) = &mut ts[i] { go(inner, k, f) } else { false };
            if done {
                return true;
            }
        }
        false
    }
    let mut k = k;
    let mut f: Option<Box<dyn FnOnce(&mut Vec<T>, usize) + '_>> = Some(Box::new(f));
    go(ts, &mut k, &mut f);
}

const POOL: &[&str] = &[
    "yield_", "yield_from", "!", "(", ")", "break", "continue", "return", "'a", "'b", "loop", "while", "for", "in", "let",
    "else", "if", "match", "=>", "?", ";", ",", ".", ":", "::", "await", "async", "move", "|", "||", "&", "&&", "*", "mut",
    "ref", "self", "Self", "impl", "dyn", "where", "unsafe", "const", "fn", "#", "=", "==", "+", "-", "<", ">", "->", "_",
    "x", "y", "v", "Some", "None", "Ok", "Err", "Generator", "Iterator", "Yield", "Return", "Item", "0", "1", "\"s\"", "1.5",
    "'c'", "static", "struct", "enum", "mod", "use", "pub", "crate", "super", "type", "trait", "as", "..", "..=", "@", "$",
    "coro", "coroutine", "Box", "Vec", "u8", "i32", "String", "drop", "panic", "println", "vec", "true", "false", "union",
];

fn pool_token(r: &mut Rng) -> Vec<T> {
    let s = POOL[r.below(POOL.len())];
    match s {
        "(" => vec![T::Group(Delimiter::Parenthesis, Vec::new())],
        ")" => vec![T::Group(Delimiter::Brace, Vec::new())],
        _ => to_trees(s.parse().unwrap_or_else(|_| TokenStream::new())),
    }
}

fn random_leaf(r: &mut Rng) -> T {
    match r.below(5) {
        0 => T::Leaf(TokenTree::Ident(Ident::new(&format!("id{}", r.below(5)), Span::call_site()))),
        1 => T::Leaf(TokenTree::Literal(Literal::i64_unsuffixed(r.below(300) as i64 - 5))),
        2 => T::Leaf(TokenTree::Punct(Punct::new(*[';', ',', '.', '!', '?', '#', '&', '*', '=', '<', '>', '\''].get(r.below(12)).unwrap(), if r.below(2) == 0 { Spacing::Alone } else { Spacing::Joint }))),
        _ => pool_token(r).into_iter().next().unwrap_or(T::Leaf(TokenTree::Punct(Punct::new(';', Spacing::Alone)))),
    }
}

fn random_delim(r: &mut Rng) -> Delimiter {
    [Delimiter::Parenthesis, Delimiter::Brace, Delimiter::Bracket, Delimiter::None][r.below(4)]
}

fn mutate(r: &mut Rng, ts: &mut Vec<T>, donors: &[Vec<T>]) {
    let n = count(ts);
    if n == 0 {
        ts.extend(pool_token(r));
        return;
    }
    let k = r.below(n);
    match r.below(10) {
        0 | 1 => with_node(ts, k, |v, i| {
            v.remove(i);
        }),
        2 => with_node(ts, k, |v, i| {
            let c = v[i].clone();
            v.insert(i, c);
        }),
        3 => with_node(ts, k, |v, i| {
            if i + 1 < v.len() {
                v.swap(i, i + 1);
            }
        }),
        4 => {
            let ins = pool_token(r);
            with_node(ts, k, |v, i| {
                for (j, t) in ins.into_iter().enumerate() {
                    v.insert(i + j, t);
                }
            })
        }
        5 => {
            let leaf = random_leaf(r);
            with_node(ts, k, |v, i| v[i] = leaf)
        }
        6 => {
            let d = random_delim(r);
            let empty = r.below(3) == 0;
            with_node(ts, k, |v, i| {
                if let T::Group(old, inner) = &mut v[i] {
                    *old = d;
                    if empty {
                        inner.clear();
                    }
                }
            })
        }
        7 => {
            if donors.is_empty() {
                return;
            }
            let donor = &donors[r.below(donors.len())];
            let dn = count(donor);
            if dn == 0 {
                return;
            }
            let mut dk = r.below(dn);
            let mut copy = donor.clone();
            let mut picked = None;
            if let Some((list, i)) = locate(&mut copy, &mut dk) {
                // SAFETY-free alternative: `locate` returns a pointer into `copy`, used at once.
                let list: &Vec<T> = unsafe_free_deref(list, &copy);
                picked = list.get(i).cloned();
            }
            if let Some(p) = picked {
                with_node(ts, k, |v, i| v[i] = p);
            }
        }
        8 => {
            let d = random_delim(r);
            with_node(ts, k, |v, i| {
                let t = v.remove(i);
                v.insert(i, T::Group(d, vec![t]));
            })
        }
        _ => {
            // Insert a `yield_!(..)` / `yield_from!(..)` / leap somewhere.
            let snippets = ["yield_!(1)", "yield_!()", "yield_from!(x)", "break 'a", "continue", "return", "yield_!(yield_!(0))", "let _ = yield_!(2);", "'a: loop { break 'a yield_!(3); }"];
            let s = snippets[r.below(snippets.len())];
            let ins = to_trees(s.parse().unwrap());
            with_node(ts, k, |v, i| {
                for (j, t) in ins.into_iter().enumerate() {
                    v.insert(i + j, t);
                }
            })
        }
    }
}

/// Reads a node of `copy` found by `locate` without unsafe code: search it again by pointer
/// equality of the lists.
fn unsafe_free_deref<'a>(ptr: *mut Vec<T>, copy: &'a Vec<T>) -> &'a Vec<T> {
    fn find<'a>(ptr: *const Vec<T>, v: &'a Vec<T>) -> Option<&'a Vec<T>> {
        if std::ptr::eq(ptr, v) {
            return Some(v);
        }
        for t in v {
            if let T::Group(_, inner) = t {
                if let Some(f) = find(ptr, inner) {
                    return Some(f);
                }
            }
        }
        None
    }
    find(ptr as *const Vec<T>, copy).unwrap_or(copy)
}

// ------------------------------------------------------------------------------------ corpus

struct Seed {
    #[allow(dead_code)]
    origin: String,
    args: TokenStream,
    item: TokenStream,
}

fn is_coroutine_attr(a: &syn::Attribute) -> bool {
    a.path().segments.last().is_some_and(|s| s.ident == "coroutine")
}

fn collect_items(items: &[syn::Item], origin: &str, out: &mut Vec<Seed>) {
    for item in items {
        match item {
            syn::Item::Fn(f) => {
                if let Some(pos) = f.attrs.iter().position(is_coroutine_attr) {
                    let mut f = f.clone();
                    let attr = f.attrs.remove(pos);
                    let args = match &attr.meta {
                        syn::Meta::List(l) => l.tokens.clone(),
                        _ => TokenStream::new(),
                    };
                    out.push(Seed { origin: origin.to_string(), args, item: f.to_token_stream() });
                }
            }
            syn::Item::Impl(i) => {
                for ii in &i.items {
                    if let syn::ImplItem::Fn(f) = ii {
                        if let Some(pos) = f.attrs.iter().position(is_coroutine_attr) {
                            let mut f = f.clone();
                            f.attrs.remove(pos);
                            out.push(Seed { origin: origin.to_string(), args: TokenStream::new(), item: f.to_token_stream() });
                        }
                    }
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    collect_items(items, origin, out);
                }
            }
            _ => {}
        }
    }
}

fn load_corpus(dirs: &[PathBuf]) -> Vec<Seed> {
    let mut out = Vec::new();
    let mut files = Vec::new();
    for d in dirs {
        walk(d, &mut files);
    }
    files.sort();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        let Ok(file) = syn::parse_file(&text) else { continue };
        collect_items(&file.items, &f.display().to_string(), &mut out);
    }
    out
}

fn walk(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                walk(&e.path(), out);
            }
        }
    } else if p.extension().is_some_and(|e| e == "rs") {
        out.push(p.to_path_buf());
    }
}

// ------------------------------------------------------------------------------------ driving

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs the macro; `Err(location: message)` if it panicked.
fn run_macro(args: TokenStream, item: TokenStream) -> Result<TokenStream, String> {
    LAST_PANIC.with(|p| *p.borrow_mut() = None);
    match std::panic::catch_unwind(move || expand::expand(args, item)) {
        Ok(t) => Ok(t),
        Err(_) => Err(LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_else(|| "<unknown panic>".into())),
    }
}

fn panic_key(msg: &str) -> String {
    // The location identifies the bug; the message may contain input-dependent text.
    msg.split(": ").next().unwrap_or(msg).to_string()
}

/// Greedy deletion of token-tree nodes while the same panic (location) persists.
fn minimise(args: &TokenStream, item: &TokenStream, key: &str) -> (TokenStream, TokenStream) {
    let mut trees = to_trees(item.clone());
    let mut args_t = to_trees(args.clone());
    let still = |a: &[T], t: &[T]| matches!(run_macro(from_trees(a), from_trees(t)), Err(m) if panic_key(&m) == key);
    let mut progress = true;
    while progress {
        progress = false;
        // Arguments first.
        let mut k = 0;
        while k < count(&args_t) {
            let mut cand = args_t.clone();
            with_node(&mut cand, k, |v, i| {
                v.remove(i);
            });
            if still(&cand, &trees) {
                args_t = cand;
                progress = true;
            } else {
                k += 1;
            }
        }
        let mut k = 0;
        while k < count(&trees) {
            let mut cand = trees.clone();
            with_node(&mut cand, k, |v, i| {
                v.remove(i);
            });
            if still(&args_t, &cand) {
                trees = cand;
                progress = true;
                continue;
            }
            // Or flatten a group into its contents.
            let mut cand = trees.clone();
            with_node(&mut cand, k, |v, i| {
                if let T::Group(_, inner) = v[i].clone() {
                    v.remove(i);
                    for (j, t) in inner.into_iter().enumerate() {
                        v.insert(i + j, t);
                    }
                }
            });
            if count(&cand) < count(&trees) && still(&args_t, &cand) {
                trees = cand;
                progress = true;
                continue;
            }
            k += 1;
        }
    }
    (from_trees(&args_t), from_trees(&trees))
}

struct Args {
    seed: u64,
    iters: u64,
    corpus: Vec<PathBuf>,
    out: Option<PathBuf>,
    compile: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args { seed: 1, iters: 100_000, corpus: Vec::new(), out: None, compile: 0 };
    let mut it = std::env::args().skip(1);
    while let Some(f) = it.next() {
        let mut v = || it.next().ok_or(format!("{f} needs a value"));
        match f.as_str() {
            "--seed" => a.seed = v()?.parse().map_err(|e| format!("{e}"))?,
            "--iters" => a.iters = v()?.parse().map_err(|e| format!("{e}"))?,
            "--corpus" => a.corpus.push(PathBuf::from(v()?)),
            "--out" => a.out = Some(PathBuf::from(v()?)),
            "--compile" => a.compile = v()?.parse().map_err(|e| format!("{e}"))?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(a)
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repo root")
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    std::panic::set_hook(Box::new(|info| {
        let loc = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            String::new()
        };
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{loc}: {msg}")));
    }));
    let repo = repo_root();
    let mut dirs = vec![repo.join("tests"), repo.join("examples"), repo.join("ui-tests"), repo.join("src")];
    dirs.extend(args.corpus.iter().cloned());
    let seeds = load_corpus(&dirs);
    if seeds.is_empty() {
        eprintln!("no #[coro::coroutine] fn found in the corpus");
        std::process::exit(2);
    }
    let donors: Vec<Vec<T>> = seeds.iter().map(|s| to_trees(s.item.clone())).collect();
    println!("coro-macro-fuzz: seed {}, {} inputs, corpus of {} coroutine fns", args.seed, args.iters, seeds.len());
    // The unmutated corpus must expand without panicking too.
    let mut rng = Rng(args.seed ^ 0x5151_5151);
    let mut panics: BTreeMap<String, (String, TokenStream, TokenStream, u64)> = BTreeMap::new();
    let mut slow = 0u64;
    let mut errors_returned = 0u64;
    let mut parseable = 0u64;
    let t0 = Instant::now();
    let mut compile_inputs: Vec<(TokenStream, TokenStream)> = Vec::new();
    for i in 0..args.iters {
        let s = &seeds[rng.below(seeds.len())];
        let mut item = to_trees(s.item.clone());
        let mut a = s.args.clone();
        if i >= seeds.len() as u64 {
            let rounds = 1 + rng.below(5);
            for _ in 0..rounds {
                mutate(&mut rng, &mut item, &donors);
            }
            if rng.below(20) == 0 {
                let mut at = Vec::new();
                for _ in 0..1 + rng.below(3) {
                    at.extend(pool_token(&mut rng));
                }
                a = from_trees(&at);
            }
        } else {
            item = to_trees(seeds[i as usize].item.clone());
            a = seeds[i as usize].args.clone();
        }
        let item_ts = from_trees(&item);
        let start = Instant::now();
        let r = run_macro(a.clone(), item_ts.clone());
        if start.elapsed() > Duration::from_secs(1) {
            slow += 1;
        }
        match r {
            Ok(out) => {
                if out.to_string().contains("compile_error") {
                    errors_returned += 1;
                }
            }
            Err(msg) => {
                let key = panic_key(&msg);
                let e = panics.entry(key).or_insert_with(|| (msg.clone(), a.clone(), item_ts.clone(), 0));
                e.3 += 1;
            }
        }
        // rustc hands an attribute only tokens that parse as an item: those inputs are the
        // realistic ones, and the only ones worth confirming through rustc.
        if syn::parse2::<syn::Item>(item_ts.clone()).is_ok() && syn::parse_file(&item_ts.to_string()).is_ok() {
            parseable += 1;
            if compile_inputs.len() < args.compile && rng.below(4) == 0 {
                compile_inputs.push((a, item_ts));
            }
        }
    }
    println!(
        "inputs tried: {} ({} of them parse as an item), expansions with an error: {}, panics: {} ({} distinct), slow (>1s): {}, time {:.0}s",
        args.iters,
        parseable,
        errors_returned,
        panics.values().map(|p| p.3).sum::<u64>(),
        panics.len(),
        slow,
        t0.elapsed().as_secs_f64()
    );
    let mut n = 0;
    for (key, (msg, a, item, hits)) in &panics {
        n += 1;
        let (ma, mi) = minimise(a, item, key);
        println!("\npanic #{n} ({hits} inputs): {msg}\n  minimal input: #[coro::coroutine({ma})] {mi}");
        if let Some(dir) = &args.out {
            let _ = std::fs::create_dir_all(dir);
            let path = dir.join(format!("macro-panic-{n}-seed{}.rs", args.seed));
            let text = format!(
                "// Found by coro-macro-fuzz (seed {}): #[coro::coroutine]'s expansion panics.\n// panic: {msg}\n// Expected: a compile error (or an expansion), not a panic.\n#![allow(warnings)]\nuse coro::{{yield_, yield_from, Generator}};\n\n#[coro::coroutine({ma})]\n{mi}\n",
                args.seed
            );
            let _ = std::fs::write(&path, text);
            println!("  written to {}", path.display());
        }
        compile_inputs.push((ma, mi));
    }
    let mut compile_panics = 0;
    if args.compile > 0 {
        compile_panics = compile_check(&repo, &compile_inputs);
    }
    let total = panics.len() + compile_panics;
    println!("{} passed, {} failed", if total == 0 { 1 } else { 0 }, total);
    std::process::exit(if total == 0 { 0 } else { 1 });
}

/// Writes the inputs as modules of a crate depending on coro and runs `cargo check`; returns
/// how many modules made rustc report a panicking attribute.
fn compile_check(repo: &Path, inputs: &[(TokenStream, TokenStream)]) -> usize {
    let dir = repo.join("fuzz/target/macro-fuzz-check");
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"macro_fuzz_check\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n\n[dependencies]\ncoro = {{ path = {:?} }}\n", repo.display().to_string()),
    )
    .expect("Cargo.toml");
    let mut lib = String::from("#![allow(warnings)]\n");
    for (i, (a, item)) in inputs.iter().enumerate() {
        let args = if a.is_empty() { String::new() } else { format!("({a})") };
        std::fs::write(src.join(format!("m{i}.rs")), format!("use coro::{{yield_, yield_from, Generator}};\n#[coro::coroutine{args}]\n{item}\n")).expect("write");
        lib.push_str(&format!("mod m{i};\n"));
    }
    std::fs::write(src.join("lib.rs"), lib).expect("lib.rs");
    let out = std::process::Command::new("cargo")
        .args(["check", "--message-format=json", "-q"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", repo.join("fuzz/target/macro-fuzz-check-target"))
        .output()
        .expect("cargo check");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut modules_with_errors = std::collections::BTreeSet::new();
    let mut panicked = std::collections::BTreeSet::new();
    for line in text.lines() {
        if !line.contains("\"compiler-message\"") {
            continue;
        }
        let file = line.split("\"file_name\":\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or("").to_string();
        if line.contains("\"level\":\"error\"") {
            modules_with_errors.insert(file.clone());
        }
        if line.contains("panicked") {
            panicked.insert(file.clone());
            println!("rustc reports a panic in {file}");
        }
    }
    println!(
        "compile check: {} inputs in one crate, {} files with errors, {} with a panicking attribute",
        inputs.len(),
        modules_with_errors.len(),
        panicked.len()
    );
    panicked.len()
}
