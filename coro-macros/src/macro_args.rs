//! `yield_!` inside the arguments of the standard macros that evaluate their arguments as
//! values, in order, before doing anything else (`println!`, `format!`, `write!`, `panic!`,
//! `vec!`, the compared values of `assert_eq!`, ...). Lowering cannot see into a macro's
//! tokens, so before it runs, such a call becomes a block that evaluates the arguments up to
//! the last one that yields into locals, in order, and then makes the call with those locals:
//!
//! `println!("{} {}", f(), yield_!(x), y)` →
//! `{ let a0 = f(); let a1 = yield_!(x); println!("{} {}", a0, a1, y) }`
//!
//! An argument that is a literal or a place (`v`, `s.field`, `&mut out`) stays where it is:
//! moving it into a local would move the value the macro only borrows, and (short of interior
//! mutability) nothing can change a coroutine's local while it is suspended. Any other macro
//! with a `yield_!` in its arguments is left alone, and `check` reports it.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::parse::{ParseStream, Parser};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Ident, Macro, Stmt, Token};

use crate::check::find_yield_tokens;
use crate::syntax;

/// Rewrites every call of a supported macro with a `yield_!` in its eagerly evaluated
/// arguments, in the body of the coroutine (not in closures, async blocks or nested items).
pub fn hoist_macro_args(block: &mut syn::Block) {
    Hoister { next: 0 }.visit_block_mut(block);
}

/// Which of a macro's arguments are always evaluated.
#[derive(Clone, Copy)]
enum Eager {
    All,
    /// The first `n`; the rest (an assertion's message, a pattern) only sometimes, or never.
    First(usize),
}

fn eager_args(mac: &Macro) -> Option<Eager> {
    let segments = &mac.path.segments;
    let first = segments.first()?.ident.to_string();
    if segments.len() > 1 && !matches!(first.as_str(), "std" | "core" | "alloc") {
        return None;
    }
    match segments.last()?.ident.to_string().as_str() {
        "print" | "println" | "eprint" | "eprintln" | "format" | "write" | "writeln" | "panic" | "unreachable" | "todo"
        | "unimplemented" | "vec" => Some(Eager::All),
        "assert" | "matches" => Some(Eager::First(1)),
        "assert_eq" | "assert_ne" => Some(Eager::First(2)),
        _ => None,
    }
}

/// Why a `yield_!` in the arguments of a standard macro that [`hoist_macro_args`] leaves alone
/// cannot be moved out of them, for `check`'s error.
pub fn why_not_hoisted(mac: &Macro) -> Option<&'static str> {
    match mac.path.segments.last()?.ident.to_string().as_str() {
        "assert" | "assert_eq" | "assert_ne" => Some("an assertion's message is only evaluated when the assertion fails"),
        "debug_assert" | "debug_assert_eq" | "debug_assert_ne" => Some("its arguments are not evaluated in release builds"),
        "dbg" => Some("it prints its argument's source text"),
        _ => None,
    }
}

/// One argument: `value` or `name = value`, and the `,` or `;` after it.
struct Arg {
    name: Option<TokenStream>,
    value: Expr,
    separator: Option<TokenTree>,
}

/// The eager arguments, then the rest of the tokens as they are.
fn parse_args(tokens: TokenStream, eager: Eager) -> syn::Result<(Vec<Arg>, TokenStream)> {
    let limit = match eager {
        Eager::All => usize::MAX,
        Eager::First(n) => n,
    };
    let parser = |input: ParseStream| {
        let mut args = Vec::new();
        while !input.is_empty() && args.len() < limit {
            let name = if input.peek(Ident) && input.peek2(Token![=]) && !input.peek2(Token![==]) {
                let ident: Ident = input.parse()?;
                let eq: Token![=] = input.parse()?;
                Some(quote!(#ident #eq))
            } else {
                None
            };
            let value: Expr = input.parse()?;
            let separator = if input.peek(Token![,]) || input.peek(Token![;]) { Some(input.parse()?) } else { None };
            let last = separator.is_none();
            args.push(Arg { name, value, separator });
            if last {
                break;
            }
        }
        let rest: TokenStream = input.parse()?;
        Ok((args, rest))
    };
    parser.parse2(tokens)
}

/// A literal or a place, possibly borrowed: evaluating it later gives the same value.
fn stays_in_place(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) | Expr::Path(_) => true,
        Expr::Field(f) => stays_in_place(&f.base),
        Expr::Reference(r) => stays_in_place(&r.expr),
        Expr::Paren(p) => stays_in_place(&p.expr),
        _ => false,
    }
}

struct Hoister {
    next: usize,
}

impl Hoister {
    /// The block that replaces `mac`, if it has a `yield_!` among its eager arguments; it takes
    /// over the call's attributes.
    fn rewrite(&mut self, mac: &Macro, attrs: &mut Vec<syn::Attribute>) -> Option<Expr> {
        let eager = eager_args(mac)?;
        find_yield_tokens(&mac.tokens)?;
        let (mut args, rest) = parse_args(mac.tokens.clone(), eager).ok()?;
        if find_yield_tokens(&rest).is_some() {
            return None;
        }
        // Token-level, so that a yield in a nested macro (`format!` inside `println!`) counts.
        let last_yield = args.iter().rposition(|a| find_yield_tokens(&a.value.to_token_stream()).is_some())?;
        let assertion = assertion_message(mac, &args, &rest);
        let mut stmts: Vec<Stmt> = Vec::new();
        for arg in args.iter_mut().take(last_yield + 1).filter(|a| !stays_in_place(&a.value)) {
            let local = Ident::new(&format!("__coro_macarg{}", self.next), Span::mixed_site());
            self.next += 1;
            let value = std::mem::replace(&mut arg.value, syntax::local(&local));
            stmts.push(syntax::let_stmt(syntax::ident_pat(&local, false), value));
        }
        let mut tokens = TokenStream::new();
        for Arg { name, value, separator } in &args {
            tokens.extend(quote!(#name #value #separator));
        }
        tokens.extend(rest);
        tokens.extend(assertion);
        let call = Macro { tokens, ..mac.clone() };
        stmts.push(Stmt::Expr(Expr::Macro(syn::ExprMacro { attrs: Vec::new(), mac: call }), None));
        let block = syntax::block(stmts);
        Some(Expr::Block(syn::ExprBlock { attrs: std::mem::take(attrs), label: None, block }))
    }
}

/// `assert!(cond)` names its condition when it fails; once the condition is a local, the
/// message must name the original, as `assert!` spells it (`check` lets a `yield_!` inside
/// `stringify!` through: it is never expanded).
fn assertion_message(mac: &Macro, args: &[Arg], rest: &TokenStream) -> Option<TokenStream> {
    let is_assert = mac.path.segments.last().is_some_and(|s| s.ident == "assert");
    if !is_assert || args.len() != 1 || !rest.is_empty() {
        return None;
    }
    let condition = &args[0].value;
    let comma = args[0].separator.is_none().then(|| quote!(,));
    Some(quote!(#comma "{}", ::core::concat!("assertion failed: ", ::core::stringify!(#condition))))
}

impl VisitMut for Hoister {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Macro(m) = e {
            if let Some(block) = self.rewrite(&m.mac, &mut m.attrs) {
                *e = block;
            }
        }
        visit_mut::visit_expr_mut(self, e);
    }

    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        if let Stmt::Macro(m) = s {
            if let Some(block) = self.rewrite(&m.mac, &mut m.attrs) {
                *s = Stmt::Expr(block, m.semi_token);
            }
        }
        visit_mut::visit_stmt_mut(self, s);
    }

    // Their own bodies: a `yield_!` there is an error of the fallback macro.
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_expr_const_mut(&mut self, _: &mut syn::ExprConst) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hoisted(body: TokenStream) -> String {
        let mut block: syn::Block = syn::parse2(quote!({ #body })).unwrap();
        hoist_macro_args(&mut block);
        block.to_token_stream().to_string()
    }

    fn unchanged(body: TokenStream) -> String {
        let block: syn::Block = syn::parse2(quote!({ #body })).unwrap();
        block.to_token_stream().to_string()
    }

    #[test]
    fn evaluates_arguments_up_to_the_last_yield_first() {
        let out = hoisted(quote!(println!("{} {} {}", f(), yield_!(1), g());));
        let expected = quote! {
            { let __coro_macarg0 = f(); let __coro_macarg1 = yield_!(1); println!("{} {} {}", __coro_macarg0, __coro_macarg1, g()) };
        };
        assert_eq!(out, unchanged(expected));
    }

    #[test]
    fn places_and_literals_stay() {
        let out = hoisted(quote!(write!(&mut out, "{x}{}{}", s.name, yield_!(()), w = 3)));
        let expected = quote! {
            { let __coro_macarg0 = yield_!(()); write!(&mut out, "{x}{}{}", s.name, __coro_macarg0, w = 3) }
        };
        assert_eq!(out, unchanged(expected));
    }

    #[test]
    fn named_arguments_and_vec_repeat() {
        let out = hoisted(quote!(let v = vec![yield_!(0u8); n.len()]; format!("{a}", a = yield_!(1))));
        let expected = quote! {
            let v = { let __coro_macarg0 = yield_!(0u8); vec![__coro_macarg0; n.len()] };
            { let __coro_macarg1 = yield_!(1); format!("{a}", a = __coro_macarg1) }
        };
        assert_eq!(out, unchanged(expected));
    }

    #[test]
    fn nested_macros() {
        let out = hoisted(quote!(println!("{}", format!("<{}>", yield_!(1)));));
        let expected = quote! {
            {
                let __coro_macarg0 = { let __coro_macarg1 = yield_!(1); format!("<{}>", __coro_macarg1) };
                println!("{}", __coro_macarg0)
            };
        };
        assert_eq!(out, unchanged(expected));
    }

    #[test]
    fn an_assertion_keeps_its_message() {
        let out = hoisted(quote!(assert!(yield_!(1) > 2);));
        assert!(out.contains("stringify ! (yield_ ! (1) > 2)"), "{out}");
    }

    #[test]
    fn lazy_arguments_and_other_macros_are_left_alone() {
        for body in [
            quote!(assert!(ok, "{}", yield_!(1));),
            quote!(assert_eq!(a, b, "{}", yield_!(1));),
            quote!(dbg!(yield_!(1));),
            quote!(mine::println!("{}", yield_!(1));),
            quote!(debug_assert!(yield_!(1));),
            quote!(let c = || println!("{}", yield_!(1));),
        ] {
            assert_eq!(hoisted(body.clone()), unchanged(body));
        }
    }
}
