//! The kept bindings at each suspension point, on small bodies.

use super::{analyze, EntryKind};
use crate::lower::lower_body;

/// The names kept at each `yield_!`, in order.
fn kept_at_yields(body: &str) -> Vec<Vec<String>> {
    let block: syn::Block = syn::parse_str(body).expect("body parses");
    let ir = lower_body(block, true).expect("lowers");
    let an = analyze(&ir, Vec::new(), None).expect("analyzes");
    let mut out: Vec<(usize, Vec<String>)> = an
        .entries
        .iter()
        .filter_map(|e| match e.kind {
            EntryKind::Resume(k) => Some((k, e.saved.iter().map(|&b| an.bindings[b].ident.to_string()).collect())),
            _ => None,
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, names)| names).collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn used_later_is_kept() {
    assert_eq!(kept_at_yields("{ let a = 1; let b = 2; yield_!(a); yield_!(b); }"), [names(&["b"]), names(&[])]);
}

#[test]
fn unmentioned_guard_lives_to_scope_end() {
    assert_eq!(kept_at_yields("{ let _g = lock(); yield_!(1); yield_!(2); }"), [names(&["_g"]), names(&["_g"])]);
}

#[test]
fn moved_and_unused_is_dropped_at_the_yield() {
    assert_eq!(kept_at_yields("{ let v = make(); consume(v); yield_!(1); }"), [names(&[])]);
}

#[test]
fn borrowing_use_keeps_ownership() {
    assert_eq!(kept_at_yields("{ let v = make(); let n = v.len(); yield_!(n); }"), [names(&["v"])]);
}

#[test]
fn reassigned_after_the_yield_is_not_kept() {
    let body = "{ let mut s = make(); consume(s); yield_!(1); s = make(); use_it(s); }";
    assert_eq!(kept_at_yields(body), [names(&[])]);
}

#[test]
fn moved_on_one_branch_is_not_kept() {
    let body = "{ let v = make(); if c() { consume(v); } yield_!(1); }";
    assert_eq!(kept_at_yields(body), [names(&[])]);
}

#[test]
fn moved_on_one_branch_but_used_on_the_other_is_kept() {
    let body = "{ let v = make(); if c() { consume(v); return; } yield_!(1); use_it(v); }";
    assert_eq!(kept_at_yields(body), [names(&["v"])]);
}

#[test]
fn loop_carried_value_is_kept() {
    assert_eq!(kept_at_yields("{ let mut acc = 0; loop { yield_!(acc); acc += 1; } }"), [names(&["acc"])]);
}

#[test]
fn same_scope_shadowed_binding_is_not_kept() {
    assert_eq!(kept_at_yields("{ let x = make(); let x = 2; yield_!(1); use_it(x); }"), [names(&["x"])]);
}

#[test]
fn inner_scope_bindings_end_with_their_scope() {
    assert_eq!(kept_at_yields("{ { let t = make(); use_it(t); } yield_!(1); }"), [names(&[])]);
}

#[test]
fn loop_value_temporary_is_not_kept_before_it_is_assigned() {
    let kept = kept_at_yields("{ let r = loop { let v = yield_!(1); if v > 2 { break v; } }; use_it(r); }");
    assert_eq!(kept, [names(&[])]);
}

#[test]
fn for_loop_keeps_its_iterator() {
    let kept = kept_at_yields("{ for x in make() { yield_!(x); } }");
    assert_eq!(kept.len(), 1);
    assert!(kept[0].iter().any(|n| n.starts_with("__coro_iter")), "{kept:?}");
}

#[test]
fn borrow_of_a_local_across_a_yield_is_an_error() {
    let block: syn::Block = syn::parse_str("{ let v = make(); let r = &v; yield_!(1); use_it(r); }").expect("parses");
    let ir = lower_body(block, true).expect("lowers");
    let err = analyze(&ir, Vec::new(), None).err().expect("rejected").to_string();
    assert!(err.contains("`r` borrows `v`"), "{err}");
}

#[test]
fn resume_target_is_declared_after_the_suspension() {
    assert_eq!(kept_at_yields("{ let a = 1; let b = yield_!(a); yield_!(b); }"), [names(&[]), names(&[])]);
}

#[test]
fn owned_through_a_loop_with_continue() {
    let body = "{ let g = make(); let mut w = v(); while let Some(y) = w.pop() { match Some(y) { Some(_z) => { yield_!(1); } None => {} }; continue; } }";
    assert_eq!(kept_at_yields(body), [names(&["g", "w", "_z"])]);
}
