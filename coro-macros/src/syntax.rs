//! Syntax trees that lowering and analysis make, built directly instead of by `parse_quote!`.
//!
//! Cargo builds proc macros unoptimized in dev builds, and there syn's parser costs about
//! twenty thousand instructions per token: re-parsing the templates (and the user's expressions
//! spliced into them) was a seventh of the macro's instructions on 500 small coroutines.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{Block, Expr, Ident, Lifetime, Pat, Stmt, Token};

/// The machine's alias of `::coro::__private` (`use ::coro::__private as __coro_p;`).
pub fn private_alias() -> Ident {
    Ident::new("__coro_p", Span::mixed_site())
}

/// `__coro_p::a::b`: a path through the alias, the other segments at `span`.
pub fn private_path(segments: &[&str], span: Span) -> syn::Path {
    let rest = segments.iter().map(|s| syn::PathSegment::from(Ident::new(s, span)));
    syn::Path { leading_colon: None, segments: std::iter::once(private_alias().into()).chain(rest).collect() }
}

/// The macro's own `ident`, with its hygiene, reported by rustc at `at` (where the user wrote
/// what it stands for).
pub fn located(ident: &Ident, at: Span) -> Ident {
    let mut located = ident.clone();
    located.set_span(ident.span().located_at(at));
    located
}

/// A span where the user wrote `at`, but of the expansion: rustc does not report lints such as
/// `unused_variables` or `unused_mut` at spans from an external macro. An arm re-binds locals it
/// may neither read nor mutate; marking them so costs nothing, where an `#[allow]` on each
/// re-bind cost rustc a fifth of a second of lint-level work on W7.
pub fn quiet(at: Span) -> Span {
    Span::call_site().located_at(at)
}

/// Makes the `mut`s of a `let` pattern quiet: the body's `let`s run in several arms, and the
/// arms that run before a `yield_!` may not mutate the local yet.
pub fn quiet_muts(pat: &mut Pat) {
    struct QuietMut;
    impl syn::visit_mut::VisitMut for QuietMut {
        fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
            if let Some(m) = &mut p.mutability {
                m.span = quiet(p.ident.span());
            }
            syn::visit_mut::visit_pat_ident_mut(self, p);
        }
    }
    syn::visit_mut::VisitMut::visit_pat_mut(&mut QuietMut, pat);
}

pub fn path_expr(path: syn::Path) -> Expr {
    Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path })
}

pub fn local(ident: &Ident) -> Expr {
    path_expr(syn::Path::from(ident.clone()))
}

pub fn unit() -> Expr {
    Expr::Tuple(syn::ExprTuple { attrs: Vec::new(), paren_token: Default::default(), elems: Punctuated::new() })
}

pub fn block(stmts: Vec<Stmt>) -> Block {
    Block { brace_token: Default::default(), stmts }
}

pub fn block_expr(stmts: Vec<Stmt>) -> Expr {
    Expr::Block(syn::ExprBlock { attrs: Vec::new(), label: None, block: block(stmts) })
}

/// `func(args..)`, its parentheses at `span`.
pub fn call(func: syn::Path, args: impl IntoIterator<Item = Expr>, span: Span) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(path_expr(func)),
        paren_token: syn::token::Paren(span),
        args: args.into_iter().collect(),
    })
}

/// `&mut e`, at `span`.
pub fn mut_ref(e: Expr, span: Span) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Token![&](span),
        mutability: Some(Token![mut](span)),
        expr: Box::new(e),
    })
}

/// `place = value;`
pub fn assign(place: Expr, value: Expr) -> Stmt {
    let assign = syn::ExprAssign { attrs: Vec::new(), left: Box::new(place), eq_token: Default::default(), right: Box::new(value) };
    Stmt::Expr(Expr::Assign(assign), Some(Default::default()))
}

/// `let pat = init;`
pub fn let_stmt(pat: Pat, init: Expr) -> Stmt {
    Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        pat,
        init: Some(syn::LocalInit { eq_token: Default::default(), expr: Box::new(init), diverge: None }),
        semi_token: Default::default(),
    })
}

/// `name` or `mut name`, as a pattern.
pub fn ident_pat(ident: &Ident, mutable: bool) -> Pat {
    Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: mutable.then(Default::default),
        ident: ident.clone(),
        subpat: None,
    })
}

/// `path(binding)`, as a pattern.
pub fn tuple_struct_pat(path: syn::Path, binding: &Ident) -> Pat {
    let elems = std::iter::once(ident_pat(binding, false)).collect();
    Pat::TupleStruct(syn::PatTupleStruct { attrs: Vec::new(), qself: None, path, paren_token: Default::default(), elems })
}

/// `pat => body,`
pub fn arm(pat: Pat, body: Expr) -> syn::Arm {
    syn::Arm {
        attrs: Vec::new(),
        pat,
        guard: None,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

pub fn match_expr(scrutinee: Expr, arms: Vec<syn::Arm>) -> Expr {
    let expr = Box::new(scrutinee);
    Expr::Match(syn::ExprMatch { attrs: Vec::new(), match_token: Default::default(), expr, brace_token: Default::default(), arms })
}

/// `let name;`
pub fn declare(ident: &Ident) -> Stmt {
    let (attrs, pat) = (Vec::new(), ident_pat(ident, false));
    Stmt::Local(syn::Local { attrs, let_token: Default::default(), pat, init: None, semi_token: Default::default() })
}

/// `break 'label value`, either part optional.
pub fn break_expr(label: Option<Lifetime>, value: Option<Expr>) -> Expr {
    Expr::Break(syn::ExprBreak { attrs: Vec::new(), break_token: Default::default(), label, expr: value.map(Box::new) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn text(t: impl ToTokens) -> String {
        t.into_token_stream().to_string()
    }

    #[test]
    fn built_trees_print_as_the_templates_they_replace() {
        let (t, v) = (Ident::new("t", Span::call_site()), Ident::new("v", Span::call_site()));
        let path = private_path(&["Some"], Span::call_site());
        assert_eq!(text(assign(local(&t), unit())), "t = () ;");
        assert_eq!(text(let_stmt(ident_pat(&t, true), local(&v))), "let mut t = v ;");
        assert_eq!(text(tuple_struct_pat(path.clone(), &v)), "__coro_p :: Some (v)");
        assert_eq!(text(call(path, [mut_ref(local(&t), Span::call_site())], Span::call_site())), "__coro_p :: Some (& mut t)");
        let label: Lifetime = syn::parse_quote!('l);
        assert_eq!(text(break_expr(Some(label), Some(local(&v)))), "break 'l v");
        assert_eq!(text(block_expr(vec![assign(local(&t), local(&v))])), "{ t = v ; }");
    }
}
