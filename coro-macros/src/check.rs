//! Misplaced `yield_!` that lowering cannot see: inside another macro's arguments, or with no
//! value where the coroutine yields something other than `()`.

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};
use quote::ToTokens;
use syn::{Block, Error, Macro};

use crate::detect::{expr_has_yield, parsed_yield_kind, stmt_diverges, stmt_has_yield, yield_kind, YieldKind, YIELD, YIELD_FROM};
use crate::sig::{combine, CoroSig};

pub fn check_body(block: &Block, sig: &CoroSig) -> syn::Result<()> {
    let mut checker = Checker { sig, errors: None };
    checker.visit_block(block);
    match checker.errors {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

struct Checker<'a> {
    sig: &'a CoroSig,
    errors: Option<Error>,
}

impl Checker<'_> {
    /// `cfg` is evaluated after the attribute has built the machine, so the machine cannot
    /// leave out a suspension, a leap, or a local that `cfg` removes: reject it rather than
    /// run code that `cfg` turned off.
    fn check_cfg(&mut self, attrs: &[syn::Attribute], shapes_the_machine: impl FnOnce() -> bool, what: &str) {
        let Some(cfg) = attrs.iter().find(|a| a.path().is_ident("cfg") || a.path().is_ident("cfg_attr")) else { return };
        if shapes_the_machine() {
            let msg = format!(
                "`#[cfg]` on {what} is not supported in a `#[coro::coroutine]` fn (the state machine is built before `cfg` is evaluated); branch on `cfg!(..)` instead: `if cfg!(feature = \"x\") {{ .. }}`"
            );
            combine(&mut self.errors, Error::new_spanned(cfg, msg));
        }
    }

    fn check_empty_yield(&mut self, kind: YieldKind, empty: bool, call: &dyn ToTokens) {
        if kind == YieldKind::Yield && empty && self.sig.yield_ty.is_some() && !self.sig.unit_yield() {
            let ty = self.sig.yield_ty.as_ref().map(|t| quote::quote!(#t).to_string()).unwrap_or_default();
            let msg = format!("`yield_!()` yields `()`, but this coroutine yields `{ty}`; write `yield_!(value)`");
            combine(&mut self.errors, Error::new_spanned(call, msg));
        }
    }
}

impl<'ast> Visit<'ast> for Checker<'_> {
    fn visit_stmt(&mut self, stmt: &'ast syn::Stmt) {
        let attrs = match stmt {
            syn::Stmt::Local(l) => Some(&l.attrs),
            syn::Stmt::Macro(m) => Some(&m.attrs),
            syn::Stmt::Expr(e, _) => expr_attrs(e),
            syn::Stmt::Item(_) => None,
        };
        if let Some(attrs) = attrs {
            let is_let = matches!(stmt, syn::Stmt::Local(_));
            let what = if is_let { "a `let`" } else { "a statement that yields, leaves or never completes" };
            let shapes_the_machine = || is_let || stmt_has_yield(stmt) || stmt_diverges(stmt) || leaves(|f| f.visit_stmt(stmt));
            self.check_cfg(attrs, shapes_the_machine, what);
        }
        visit::visit_stmt(self, stmt);
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        let shapes_the_machine = || expr_has_yield(&arm.body) || leaves(|f| f.visit_arm(arm));
        self.check_cfg(&arm.attrs, shapes_the_machine, "a `match` arm that yields or leaves");
        visit::visit_arm(self, arm);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let Some(kind) = parsed_yield_kind(call) {
            self.check_empty_yield(kind, call.args.is_empty(), call);
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        match yield_kind(mac) {
            Some(kind) if mac.tokens.is_empty() => self.check_empty_yield(kind, true, mac),
            Some(_) => {
                if let Ok(inner) = mac.parse_body::<syn::Expr>() {
                    self.visit_expr(&inner);
                }
            }
            None => {
                if let Some(span) = find_yield_tokens(&mac.tokens).map(|i| i.span()) {
                    let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                    let why = crate::macro_args::why_not_hoisted(mac).map(|w| format!(" ({w})")).unwrap_or_default();
                    let msg = format!("`yield_!` cannot be used inside the arguments of `{name}!`{why}; bind it to a local first: `let v = yield_!(..);`");
                    combine(&mut self.errors, Error::new(span, msg));
                }
            }
        }
    }

    fn visit_expr_unsafe(&mut self, u: &'ast syn::ExprUnsafe) {
        if crate::detect::block_has_yield(&u.block) {
            // The keyword comes from the token, so this crate's source never spells it.
            let keyword = u.unsafe_token.to_token_stream();
            let msg = format!("`yield_!` inside an `{keyword}` block is not supported; end the block before the `yield_!`");
            combine(&mut self.errors, Error::new(u.unsafe_token.span, msg));
        }
        visit::visit_expr_unsafe(self, u);
    }

    fn visit_expr_await(&mut self, a: &'ast syn::ExprAwait) {
        combine(&mut self.errors, Error::new(a.await_token.span, "`.await` is not available in a `#[coro::coroutine]` fn; delegate with `yield_from!(..)` instead"));
        visit::visit_expr_await(self, a);
    }

    // Nested bodies are checked by the fallback `yield_!`, which errors at the call.
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

fn expr_attrs(e: &syn::Expr) -> Option<&Vec<syn::Attribute>> {
    use syn::Expr::*;
    Some(match e {
        Block(b) => &b.attrs,
        If(i) => &i.attrs,
        Match(m) => &m.attrs,
        Loop(l) => &l.attrs,
        While(w) => &w.attrs,
        ForLoop(f) => &f.attrs,
        Return(r) => &r.attrs,
        Break(b) => &b.attrs,
        Continue(c) => &c.attrs,
        Try(t) => &t.attrs,
        Call(c) => &c.attrs,
        MethodCall(m) => &m.attrs,
        Macro(m) => &m.attrs,
        Assign(a) => &a.attrs,
        Binary(b) => &b.attrs,
        Paren(p) => &p.attrs,
        _ => return None,
    })
}

/// Whether the code that `visit` walks leaves it: `return`, `?`, or a `break`/`continue` to a
/// loop or block outside it (closures and nested items are their own bodies).
fn leaves(visit: impl FnOnce(&mut ExitFinder)) -> bool {
    let mut f = ExitFinder { found: false, loops: 0, labels: Vec::new() };
    visit(&mut f);
    f.found
}

struct ExitFinder {
    found: bool,
    /// Loops entered inside the walked code, and the labels defined there.
    loops: usize,
    labels: Vec<String>,
}

impl ExitFinder {
    fn exits(&self, label: Option<&syn::Lifetime>) -> bool {
        match label {
            Some(l) => !self.labels.contains(&l.ident.to_string()),
            None => self.loops == 0,
        }
    }

    fn inside(&mut self, label: Option<&syn::Label>, is_loop: bool, f: impl FnOnce(&mut Self)) {
        self.labels.extend(label.map(|l| l.name.ident.to_string()));
        self.loops += usize::from(is_loop);
        f(self);
        self.loops -= usize::from(is_loop);
        if label.is_some() {
            self.labels.pop();
        }
    }
}

impl<'ast> Visit<'ast> for ExitFinder {
    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        use syn::Expr::*;
        match e {
            Return(_) | Try(_) => self.found = true,
            Break(b) => self.found |= self.exits(b.label.as_ref()),
            Continue(c) => self.found |= self.exits(c.label.as_ref()),
            Loop(l) => return self.inside(l.label.as_ref(), true, |f| visit::visit_expr_loop(f, l)),
            While(w) => return self.inside(w.label.as_ref(), true, |f| visit::visit_expr_while(f, w)),
            ForLoop(l) => return self.inside(l.label.as_ref(), true, |f| visit::visit_expr_for_loop(f, l)),
            Block(b) if b.label.is_some() => return self.inside(b.label.as_ref(), false, |f| visit::visit_expr_block(f, b)),
            _ => {}
        }
        visit::visit_expr(self, e);
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// The first `yield_` / `yield_from` ident followed by `!` in a token stream, outside
/// `stringify!(..)` (text, never expanded).
pub fn find_yield_tokens(tokens: &TokenStream) -> Option<proc_macro2::Ident> {
    let mut iter = tokens.clone().into_iter().peekable();
    while let Some(tt) = iter.next() {
        match &tt {
            TokenTree::Ident(i) if i == YIELD || i == YIELD_FROM => {
                if matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                    return Some(i.clone());
                }
            }
            TokenTree::Ident(i) if i == "stringify" => {
                if matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                    iter.next();
                    iter.next();
                }
            }
            TokenTree::Group(g) => {
                if let Some(s) = find_yield_tokens(&g.stream()) {
                    return Some(s);
                }
            }
            _ => {}
        }
    }
    None
}
