//! Misplaced `yield_!` that lowering cannot see: inside another macro's arguments, or with no
//! value where the coroutine yields something other than `()`.

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};
use quote::ToTokens;
use syn::{Block, Error, Macro};

use crate::detect::{parsed_yield_kind, yield_kind, YieldKind, YIELD, YIELD_FROM};
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
    fn check_empty_yield(&mut self, kind: YieldKind, empty: bool, call: &dyn ToTokens) {
        if kind == YieldKind::Yield && empty && self.sig.yield_ty.is_some() && !self.sig.unit_yield() {
            let ty = self.sig.yield_ty.as_ref().map(|t| quote::quote!(#t).to_string()).unwrap_or_default();
            let msg = format!("`yield_!()` yields `()`, but this coroutine yields `{ty}`; write `yield_!(value)`");
            combine(&mut self.errors, Error::new_spanned(call, msg));
        }
    }
}

impl<'ast> Visit<'ast> for Checker<'_> {
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
