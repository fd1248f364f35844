//! The driver: signature → checks → lowering → analysis → emission, with one fallback.

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::visit_mut::{self, VisitMut};
use syn::{Error, FnArg, ItemFn, Type};

use crate::analyze::{analyze, walk::Param};
use crate::check::check_body;
use crate::emit::{emit, Target};
use crate::lower::lower_body_with;
use crate::sig::{CoroSig, Kind};

pub const SELF_BINDING: &str = "__coro_self";

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    match try_expand(args, item.clone()) {
        Ok(tokens) => tokens,
        Err(e) => crate::fallback::fallback(e, item),
    }
}

fn try_expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    if let Some(tt) = args.into_iter().next() {
        return Err(Error::new(tt.span(), "`#[coro::coroutine]` takes no arguments"));
    }
    let mut f: ItemFn = syn::parse2(item)
        .map_err(|e| Error::new(e.span(), format!("`#[coro::coroutine]` can only be applied to a fn with a body: {e}")))?;
    let sig = CoroSig::from_fn(&f)?;
    crate::macro_args::hoist_macro_args(&mut f.block);
    let parsed = crate::detect::parse_yields(&mut f.block);
    let mut errors = check_body(&f.block, &sig).err();
    if let Err(e) = parsed {
        crate::sig::combine(&mut errors, e);
    }
    if let Some(e) = errors {
        return Err(e);
    }
    keep_wild_params(&mut f.sig);
    let (params, param_values) = params_of(&f)?;
    strip_param_mut(&mut f.sig);
    let mut body = std::mem::replace(&mut *f.block, syn::Block { brace_token: Default::default(), stmts: Vec::new() });
    SelfRenamer.visit_block_mut(&mut body);
    let param_names: Vec<String> = params.iter().map(|p| p.ident.to_string()).collect();
    hoist_extended_temporaries(&mut body);
    crate::unused::expose_unused_locals(&mut body);
    let renamed = crate::rename::rename_shadowing(&mut body, &param_names);
    let unit_return = sig.kind == Kind::Iterator || matches!(&sig.return_ty, Some(Type::Tuple(t)) if t.elems.is_empty());
    let dispatch = crate::detect::defines_unique_types(&body);
    let mut_refs = f.sig.inputs.iter().filter_map(mut_ref_param).collect();
    let ir = lower_body_with(body, unit_return, mut_refs)?;
    let analysis = analyze(&ir, params, Some(&sig.resume))?;
    let const_params = f.sig.generics.const_params().map(|c| c.ident.to_string()).collect();
    let target = Target { sig: &sig, fn_name: f.sig.ident.to_string(), param_values, dispatch, const_params };
    let machine = emit(&ir, &analysis, &target);
    let (attrs, vis, sig) = (&f.attrs, &f.vis, &f.sig);
    let tokens = quote!(#(#attrs)* #vis #sig { #machine });
    Ok(match renamed {
        true => crate::rename::restore_names(tokens),
        false => tokens,
    })
}

/// The parameters as bindings of the `Start` state, with the expressions that move them in.
fn params_of(f: &ItemFn) -> syn::Result<(Vec<Param>, Vec<TokenStream>)> {
    let mut params = Vec::new();
    let mut values = Vec::new();
    for arg in &f.sig.inputs {
        match arg {
            FnArg::Receiver(r) => {
                let ident = Ident::new(SELF_BINDING, Span::call_site());
                let is_ref = r.reference.is_some() || matches!(&*r.ty, Type::Reference(_));
                let is_mut_ref = mut_ref_param(arg).is_some();
                params.push(Param { ident, mutable: r.mutability.is_some(), ty: None, is_ref, is_mut_ref });
                values.push(quote!(self));
            }
            FnArg::Typed(t) => {
                // `&k: &i32` binds `k` to a copy of what the reference points to.
                let through = !matches!(&*t.pat, syn::Pat::Reference(_));
                let is_ref = through && matches!(&*t.ty, Type::Reference(_));
                let is_mut_ref = through && matches!(&*t.ty, Type::Reference(r) if r.mutability.is_some());
                // The declared type, for arms that declare the parameter afresh (`p = ..` after
                // a move): only for a plain `name: T` whose `T` can be written in a `let`.
                let simple = matches!(&*t.pat, syn::Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none());
                let ty = (simple && crate::analyze::walk::nameable(&t.ty)).then(|| t.ty.clone());
                for (ident, mutable) in crate::analyze::mentions::pattern_idents(&t.pat) {
                    values.push(ident.to_token_stream());
                    params.push(Param { ident, mutable, ty: ty.clone(), is_ref, is_mut_ref });
                }
            }
        }
    }
    Ok((params, values))
}

/// A parameter matched by `_` (`fn worker(_: TempDir)`) is owned by the fn until it returns,
/// as a guard would be: it gets a hidden name, so the machine keeps it to the end of the body
/// rather than the outer fn dropping it when it returns the machine.
fn keep_wild_params(sig: &mut syn::Signature) {
    struct Namer(usize);
    impl VisitMut for Namer {
        fn visit_pat_mut(&mut self, pat: &mut syn::Pat) {
            if let syn::Pat::Wild(w) = pat {
                let ident = Ident::new(&format!("__coro_wild{}", self.0), crate::syntax::quiet(w.underscore_token.span));
                self.0 += 1;
                *pat = syn::Pat::Ident(syn::PatIdent { attrs: std::mem::take(&mut w.attrs), by_ref: None, mutability: None, ident, subpat: None });
            }
            visit_mut::visit_pat_mut(self, pat);
        }
        fn visit_type_mut(&mut self, _: &mut Type) {}
    }
    let mut namer = Namer(0);
    for arg in &mut sig.inputs {
        if let FnArg::Typed(t) = arg {
            namer.visit_pat_mut(&mut t.pat);
        }
    }
}

/// The name of a `&mut` parameter (`&mut self` included), which an argument reborrows.
fn mut_ref_param(arg: &FnArg) -> Option<String> {
    match arg {
        FnArg::Receiver(r) => {
            let mutable = r.reference.as_ref().is_some_and(|_| r.mutability.is_some())
                || matches!(&*r.ty, Type::Reference(t) if t.mutability.is_some());
            mutable.then(|| SELF_BINDING.to_string())
        }
        FnArg::Typed(t) => match (&*t.pat, &*t.ty) {
            (syn::Pat::Ident(p), Type::Reference(r)) if r.mutability.is_some() => Some(p.ident.to_string()),
            _ => None,
        },
    }
}

/// `let r = &make();` extends the temporary to the end of the block; the machine keeps locals,
/// not temporaries, so the temporary becomes a hidden local declared just before (dropped
/// at the same point, and a borrow of it held across a `yield_!` is reported as such).
/// Literals and constructors (`&5`, `&Some(1)`) may be promoted to constants: left alone.
fn hoist_extended_temporaries(body: &mut syn::Block) {
    struct Hoister(usize);
    impl VisitMut for Hoister {
        fn visit_block_mut(&mut self, block: &mut syn::Block) {
            let mut stmts = Vec::with_capacity(block.stmts.len());
            for mut stmt in std::mem::take(&mut block.stmts) {
                if let Some(hoisted) = self.hoist(&mut stmt) {
                    stmts.push(hoisted);
                }
                stmts.push(stmt);
            }
            block.stmts = stmts;
            visit_mut::visit_block_mut(self, block);
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    impl Hoister {
        fn hoist(&mut self, stmt: &mut syn::Stmt) -> Option<syn::Stmt> {
            let syn::Stmt::Local(syn::Local { init: Some(init), .. }) = stmt else { return None };
            let syn::Expr::Reference(r) = &mut *init.expr else { return None };
            if init.diverge.is_some() || !is_extended_temporary(&r.expr) {
                return None;
            }
            let ident = crate::lower::temp_ident("ext", self.0);
            self.0 += 1;
            // rustc's and the macro's errors about the borrow point at the temporary.
            let at = syn::spanned::Spanned::span(&*r.expr);
            let value = std::mem::replace(&mut *r.expr, crate::syntax::local(&crate::syntax::located(&ident, at)));
            Some(crate::syntax::let_stmt(crate::syntax::ident_pat(&ident, r.mutability.is_some()), value))
        }
    }
    Hoister(0).visit_block_mut(body);
}

fn is_extended_temporary(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Paren(p) => is_extended_temporary(&p.expr),
        // A constructor (`Some(1)`), literal or aggregate may be a promoted constant.
        syn::Expr::Call(c) => !crate::lower::names_a_constant(&c.func),
        syn::Expr::MethodCall(_) | syn::Expr::Macro(_) => true,
        _ => false,
    }
}

/// `self` cannot be a closure parameter or a `let` binding, so the body refers to it as
/// `__coro_self` (nested items keep their own `self`).
struct SelfRenamer;

impl VisitMut for SelfRenamer {
    fn visit_expr_path_mut(&mut self, p: &mut syn::ExprPath) {
        if p.qself.is_none() && p.path.segments.len() == 1 && p.path.segments[0].ident == "self" {
            let span = p.path.segments[0].ident.span();
            p.path.segments[0].ident = Ident::new(SELF_BINDING, span);
        }
        visit_mut::visit_expr_path_mut(self, p);
    }

    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        m.tokens = rename_self_tokens(std::mem::take(&mut m.tokens));
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

fn rename_self_tokens(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    for (i, tt) in trees.iter().enumerate() {
        let followed_by_path = matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
        out.push(match tt {
            TokenTree::Ident(id) if id == "self" && !followed_by_path => TokenTree::Ident(Ident::new(SELF_BINDING, id.span())),
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), rename_self_tokens(g.stream()));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other.clone(),
        });
    }
    out.into_iter().collect()
}

/// A parameter's `mut` only matters inside the body, which now lives in the state machine (the
/// machine re-binds it as `mut`); left on the outer fn it would warn `unused_mut`. It is not
/// part of the fn's type, so callers and rustdoc see the same signature.
fn strip_param_mut(sig: &mut syn::Signature) {
    struct Stripper;
    impl VisitMut for Stripper {
        fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
            if p.by_ref.is_none() {
                p.mutability = None;
            }
            visit_mut::visit_pat_ident_mut(self, p);
        }
        fn visit_type_mut(&mut self, _: &mut Type) {}
    }
    for arg in &mut sig.inputs {
        match arg {
            FnArg::Receiver(r) if r.reference.is_none() => r.mutability = None,
            FnArg::Typed(t) => Stripper.visit_pat_mut(&mut t.pat),
            FnArg::Receiver(_) => {}
        }
    }
}
