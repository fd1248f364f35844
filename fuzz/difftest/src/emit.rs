//! Rust source of a program: the coroutine module, the oracle module, the test.

use crate::gen::{FnDef, Program, Ret, Ty};
use crate::harness::HARNESS;

fn params(f: &FnDef) -> String {
    f.params
        .iter()
        .map(|(n, t, m)| format!("{}{n}: {}", if *m { "mut " } else { "" }, t.rust()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn gen_ret(r: Ret) -> String {
    format!("impl Generator<i64, Yield = i64, Return = {}>", r.rust())
}

pub fn co_module(p: &Program) -> String {
    let mut s = String::from("use crate::h::{self, Noisy};\nuse coro::{yield_, yield_from, Generator};\n\n");
    for f in &p.fns {
        s.push_str(&format!("#[coro::coroutine]\npub fn {}({}) -> {}\n{}\n", f.name, params(f), gen_ret(f.ret), f.body.print()));
    }
    s
}

pub fn or_module(p: &Program) -> String {
    let mut s = String::from(
        "use crate::h::{self, Noisy};\n\
         macro_rules! yield_ { ($v:expr) => { h::oracle_yield($v) }; }\n\
         macro_rules! yield_from { ($g:expr) => { $g }; }\n\n",
    );
    for f in &p.fns {
        s.push_str(&format!("pub fn {}({}) -> {} {{\nh::oracle_enter();\n{}\n}}\n", f.name, params(f), f.ret.rust(), f.body.print()));
    }
    s
}

pub fn test_fn(p: &Program, name: &str, test_name: &str) -> String {
    format!(
        "#[test]\nfn {test_name}() {{\n    crate::h::check({name:?}, {}, &|| co::main({args}), &|| or::main({args}));\n}}\n",
        p.script,
        args = p.args
    )
}

pub fn mod_rs(p: &Program, name: &str) -> String {
    format!("pub mod co;\npub mod or;\nuse crate::h;\n\n{}", test_fn(p, name, "t"))
}

/// One self-contained file: drop it into `tests/` of the coro repo and `cargo test` it.
pub fn standalone(p: &Program, header: &str) -> String {
    let mut s = String::new();
    for line in header.lines() {
        s.push_str(&format!("//! {line}\n"));
    }
    s.push_str("#![allow(warnings)]\n\n");
    s.push_str(&format!("mod co {{\n{}}}\n\n", co_module(p)));
    s.push_str(&format!("mod or {{\n{}}}\n\n", or_module(p)));
    s.push_str(&test_fn(p, "repro", "repro"));
    s.push_str(&format!("\nmod h {{\n{HARNESS}}}\n"));
    s
}

/// Size used to rank shrink candidates.
pub fn size(p: &Program) -> usize {
    p.fns.iter().map(|f| f.body.print().len() + f.params.len() * 8).sum()
}

#[allow(dead_code)]
pub fn uses_ty(p: &Program, ty: Ty) -> bool {
    p.fns.iter().any(|f| f.params.iter().any(|(_, t, _)| *t == ty))
}
