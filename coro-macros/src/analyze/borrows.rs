//! What the syntax says about borrows: which methods borrow their receiver, which values hold
//! only a reference (no destructor of their own), which expressions are iterators. The macro
//! has no types, so these are conventions of std's names, chosen so that a wrong guess is a
//! compile error rather than a changed drop order.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::Expr;

pub fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip(&p.expr),
        Expr::Group(g) => strip(&g.expr),
        e => e,
    }
}

/// `for x in &v` is lowered to `IntoIterator::into_iter(&v)`, kept across the body.
pub fn without_into_iter(e: &Expr) -> &Expr {
    let is_into_iter = |c: &syn::ExprCall| matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "into_iter"));
    match strip(e) {
        Expr::Call(c) if c.args.len() == 1 && is_into_iter(c) => strip(&c.args[0]),
        e => e,
    }
}

/// The local a lowered `for` loop keeps its iterator in.
/// The hidden local that holds a temporary a `let` extends (`let r = &make();`).
pub fn is_extended_temporary(ident: &syn::Ident) -> bool {
    ident.to_string().starts_with("__coro_ext")
}

pub fn is_for_iterator(ident: &syn::Ident) -> bool {
    ident.to_string().starts_with("__coro_iter")
}

/// Methods that borrow their receiver for as long as their result lives. (`lines` and `bytes`
/// are left out: `BufRead::lines` and `Read::bytes` take the reader by value.)
pub fn is_borrowing_view(method: &str) -> bool {
    // `get_mut` and `peek_mut` may return guards (`DashMap`, `BinaryHeap::peek_mut`), which
    // have destructors: they borrow, but are not reference-only values.
    is_ref_method(method) || matches!(method, "drain" | "first" | "last" | "get_mut" | "peek_mut")
}

/// Methods whose result is a reference into their receiver, or an iterator or `Option` that
/// only holds one, with no destructor of its own.
pub fn is_ref_method(method: &str) -> bool {
    matches!(
        method,
        "iter" | "iter_mut" | "as_str" | "as_slice" | "as_mut_slice" | "as_bytes" | "chars" | "char_indices"
            | "split_whitespace" | "split_ascii_whitespace" | "split" | "splitn" | "rsplit" | "split_terminator"
            | "keys" | "values" | "values_mut" | "windows" | "chunks" | "chunks_exact" | "chunks_mut" | "by_ref"
            | "first_mut" | "last_mut" | "as_ref" | "as_mut" | "as_deref" | "as_deref_mut" | "trim" | "trim_start"
            | "trim_end" | "peek"
    )
}

/// Iterators whose items are references, or `Copy` (`chars`, `bytes`): a `for` loop's item
/// binding then has no destructor.
pub fn items_are_refs(e: &Expr) -> bool {
    match strip(e) {
        Expr::Reference(_) => true,
        Expr::MethodCall(m) => {
            let method = m.method.to_string();
            let view = matches!(
                method.as_str(),
                "iter" | "iter_mut" | "keys" | "values" | "values_mut" | "windows" | "chunks" | "chunks_exact"
                    | "chunks_mut" | "split_whitespace" | "split_ascii_whitespace" | "split" | "splitn" | "rsplit"
                    | "split_terminator" | "lines" | "chars" | "char_indices" | "bytes"
            );
            view || is_lazy_adapter(m) && method != "by_ref" && items_are_refs(&m.receiver)
        }
        _ => false,
    }
}

/// Adapters that keep their items as they are, and own nothing but what they are given: no
/// closure, or a non-`move` one.
pub fn is_lazy_adapter(m: &syn::ExprMethodCall) -> bool {
    let method = m.method.to_string();
    let non_move_closure = |a: &Expr| matches!(strip(a), Expr::Closure(c) if c.capture.is_none());
    match method.as_str() {
        "rev" | "skip" | "take" | "step_by" | "peekable" | "fuse" | "enumerate" => true,
        // A closure given by name may own what it captured.
        "filter" | "inspect" | "skip_while" | "take_while" => m.args.iter().all(non_move_closure),
        _ => false,
    }
}

/// Methods that take one item out of an iterator (by value: a reference if its items are).
pub fn is_item_taker(method: &str) -> bool {
    matches!(method, "next" | "next_back" | "nth" | "find" | "max" | "min" | "last")
}

/// An iterator, as far as the syntax shows: a range, an iterator view, `into_iter()`, or an
/// adapter over one.
pub fn is_iterator(e: &Expr) -> bool {
    match strip(e) {
        Expr::Range(_) => true,
        Expr::MethodCall(m) => {
            let method = m.method.to_string();
            items_are_refs(e) || method == "into_iter" || method == "drain" || is_iterator_adapter(&method) && is_iterator(&m.receiver)
        }
        _ => false,
    }
}

/// The place a borrowing iterator walks (`self.items` for `self.items.iter().rev()`), as the
/// user wrote it.
pub fn iterated_place(borrow: &TokenStream) -> Option<String> {
    fn text(e: &Expr) -> Option<String> {
        Some(match strip(e) {
            Expr::Path(p) => crate::rename::display_name(p.path.get_ident()?),
            Expr::Field(f) => match strip(&f.base) {
                Expr::Unary(_) => format!("({}).{}", text(&f.base)?, f.member.to_token_stream()),
                _ => format!("{}.{}", text(&f.base)?, f.member.to_token_stream()),
            },
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => format!("*{}", text(&u.expr)?),
            _ => return None,
        })
    }
    fn walked(e: &Expr) -> Option<&Expr> {
        match strip(e) {
            Expr::Reference(r) => Some(&r.expr),
            Expr::MethodCall(m) if is_borrowing_view(&m.method.to_string()) => Some(&m.receiver),
            Expr::MethodCall(m) if is_iterator_adapter(&m.method.to_string()) => walked(&m.receiver),
            _ => None,
        }
    }
    text(walked(&syn::parse2(borrow.clone()).ok()?)?)
}

/// Iterator adapters, which keep their receiver (and any iterator or closure they are given).
pub fn is_iterator_adapter(method: &str) -> bool {
    matches!(
        method,
        "enumerate" | "rev" | "map" | "filter" | "filter_map" | "map_while" | "zip" | "chain" | "skip" | "take"
            | "skip_while" | "take_while" | "step_by" | "peekable" | "cloned" | "copied" | "flat_map"
            | "flatten" | "inspect" | "fuse" | "scan" | "cycle"
    )
}

/// The expansion's local that holds a `yield_from!`'s delegate.
pub fn is_delegate(ident: &syn::Ident) -> bool {
    ident.to_string().starts_with("__coro_delegate")
}

pub fn place_root(e: &Expr) -> Option<&syn::Ident> {
    match strip(e) {
        Expr::Path(p) => p.path.get_ident(),
        Expr::Field(f) => place_root(&f.base),
        Expr::Index(i) => place_root(&i.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => place_root(&u.expr),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(s: &str) -> Expr {
        syn::parse_str(s).unwrap()
    }

    #[test]
    fn iterators_over_references_have_items_without_destructors() {
        for e in ["&v", "v.iter()", "text.lines()", "s.chars().rev()", "v.iter().enumerate().skip(1)", "v.iter().filter(|x| **x > k)"] {
            assert!(items_are_refs(&expr(e)), "{e}");
        }
        for e in ["v", "v.into_iter()", "v.drain(..)", "v.iter().cloned()", "v.iter().map(|x| x)", "v.iter().filter(move |x| f(x))", "it.by_ref()"] {
            assert!(!items_are_refs(&expr(e)), "{e}");
        }
    }

    #[test]
    fn an_adapter_keeps_its_closure_only_over_an_iterator() {
        for e in ["(0..n)", "v.iter().rev()", "v.into_iter()", "(1..).step_by(2).map(f)"] {
            assert!(is_iterator(&expr(e)), "{e}");
        }
        for e in ["opt", "opt.as_ref()", "res.map(f)", "x"] {
            assert!(!is_iterator(&expr(e)), "{e}");
        }
    }

    #[test]
    fn the_iterated_place_is_written_as_the_user_wrote_it() {
        let place = |s: &str| iterated_place(&expr(s).to_token_stream());
        assert_eq!(place("self_.items.iter().rev()").as_deref(), Some("self_.items"));
        assert_eq!(place("&(*v).0").as_deref(), Some("(*v).0"));
        assert_eq!(place("make().iter()"), None);
    }
}
