//! Unused locals, shown to rustc. A local that the body never mentions after its `let` may be
//! a guard, so the machine keeps it across the `yield_!`s that follow, and its moves into and
//! out of the state would count as uses: rustc would not say "unused variable" as it does for
//! a plain fn. Before lowering, such a `let x = v;` becomes `let __coro_unused<n>_x = v;
//! { let x = (); }`: the value lives on under a name of the macro's (dropped at the end of the
//! scope, as before), and rustc sees the user's `x`, with its `mut`, unused at its own span.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{Block, Ident, Pat, Stmt};

use crate::analyze::mentions::inline_captures;
use crate::detect::stmt_has_yield;

pub const PREFIX: &str = "__coro_unused";

pub fn expose_unused_locals(block: &mut Block) {
    Exposer { renamed: 0 }.visit_block_mut(block);
}

/// The user's name of a local renamed here (for diagnostics).
pub fn original_name(text: &str) -> Option<&str> {
    text.strip_prefix(PREFIX)?.split_once('_').map(|(_, name)| name)
}

struct Exposer {
    /// Renamed locals so far: each gets a name of its own, as two of them may share the
    /// user's name (`let x = a; let x = b;`, neither used).
    renamed: usize,
}

impl VisitMut for Exposer {
    fn visit_block_mut(&mut self, block: &mut Block) {
        let has_yield: Vec<bool> = block.stmts.iter().map(stmt_has_yield).collect();
        // A block without a `yield_!` keeps no local across one: only look inside those with.
        for (stmt, _) in block.stmts.iter_mut().zip(&has_yield).filter(|(_, &y)| y) {
            visit_mut::visit_stmt_mut(self, stmt);
        }
        let mut witnesses = Vec::new();
        let mut yield_after = false;
        for i in (0..block.stmts.len()).rev() {
            if yield_after {
                witnesses.extend(self.expose(&mut block.stmts, i).map(|w| (i + 1, w)));
            }
            yield_after |= has_yield[i];
        }
        // Back to front, so each index is still right when its witness goes in.
        for (at, witness) in witnesses {
            block.stmts.insert(at, witness);
        }
    }
}

impl Exposer {
    /// Renames the `let` at `i` if its local is never mentioned again, and returns the
    /// statement that declares the user's name for rustc to find unused.
    fn expose(&mut self, stmts: &mut [Stmt], i: usize) -> Option<Stmt> {
        let (before, rest) = stmts.split_at_mut(i + 1);
        let Stmt::Local(local) = &mut before[i] else { return None };
        local.init.as_ref()?;
        // The user's `#[allow(unused_variables)]` (or `#[cfg]`) applies to the witness too.
        let attrs = local.attrs.clone();
        let binding = simple_binding(&mut local.pat)?;
        let name = binding.ident.to_string();
        if name.starts_with('_') || mentioned(&name, rest) {
            return None;
        }
        let hidden = Ident::new(&format!("{PREFIX}{}_{name}", self.renamed), Span::mixed_site());
        self.renamed += 1;
        let user = std::mem::replace(&mut binding.ident, hidden);
        let mutability = binding.mutability.take();
        Some(syn::parse_quote!({ #(#attrs)* let #mutability #user = (); }))
    }
}

/// The ident of `x`, `mut x` or `x: T` (no `ref`, no sub-pattern).
fn simple_binding(pat: &mut Pat) -> Option<&mut syn::PatIdent> {
    match pat {
        Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => Some(p),
        Pat::Type(t) => simple_binding(&mut t.pat),
        _ => None,
    }
}

/// Whether `name` appears anywhere in `stmts`, as any ident (a field or a method of that name
/// counts too: when in doubt, nothing changes) or as an inline format capture.
fn mentioned(name: &str, stmts: &[Stmt]) -> bool {
    let mut finder = Finder { name, found: false };
    stmts.iter().any(|s| {
        finder.visit_stmt(s);
        finder.found
    })
}

struct Finder<'a> {
    name: &'a str,
    found: bool,
}

impl<'ast> Visit<'ast> for Finder<'_> {
    // Most locals are mentioned soon after their `let`: stop looking then.
    fn visit_stmt(&mut self, s: &'ast Stmt) {
        if !self.found {
            syn::visit::visit_stmt(self, s);
        }
    }

    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        if !self.found {
            syn::visit::visit_expr(self, e);
        }
    }

    fn visit_ident(&mut self, i: &'ast Ident) {
        self.found |= i == self.name;
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.visit_path(&m.path);
        self.found |= tokens_mention(&m.tokens, self.name);
    }
}

/// Unlike the analysis' `macro_mentions`, every ident counts, even after `.` or `:`
/// (`m!(P { a: x })`): renaming a local that is still used would break the program.
fn tokens_mention(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => i == name,
        TokenTree::Group(g) => tokens_mention(&g.stream(), name),
        TokenTree::Literal(l) => inline_captures(&l.to_string()).iter().any(|c| c == name),
        TokenTree::Punct(_) => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn exposed(body: &str) -> String {
        let mut block: Block = syn::parse_str(body).expect("parses");
        crate::detect::parse_yields(&mut block).expect("yields parse");
        expose_unused_locals(&mut block);
        block.into_token_stream().to_string()
    }

    #[test]
    fn a_local_never_mentioned_before_a_yield_is_renamed_and_witnessed() {
        let out = exposed("{ #[allow(unused_mut)] let mut x: u8 = f(); yield_!(1); }");
        assert!(out.contains("let __coro_unused0_x : u8 = f ()"), "{out}");
        assert!(out.contains("{ # [allow (unused_mut)] let mut x = () ; }"), "{out}");
    }

    #[test]
    fn mentioned_guarded_or_yield_free_locals_stay() {
        for body in [
            "{ let x = 1; yield_!(x); }",
            "{ let x = 1; yield_!(1); println!(\"{x}\"); }",
            "{ let x = 1; yield_!(1); m!(a + x); }",
            "{ let _guard = lock(); yield_!(1); }",
            "{ let x = 1; }",
            "{ let (a, b) = p; yield_!(1); }",
        ] {
            assert!(!exposed(body).contains(PREFIX), "{body}");
        }
    }

    #[test]
    fn nested_blocks_are_exposed_too() {
        let out = exposed("{ loop { let y = 2; yield_!(3); } }");
        assert!(out.contains("__coro_unused0_y"), "{out}");
    }

    #[test]
    fn two_unused_locals_of_one_name_stay_two() {
        let out = exposed("{ let x = a(); let x = b(); yield_!(1); }");
        assert!(out.contains("let __coro_unused1_x = a ()") && out.contains("let __coro_unused0_x = b ()"), "{out}");
        assert_eq!(original_name("__coro_unused12_my_x"), Some("my_x"));
    }
}
