//! Shadowing, made explicit: a binding that shadows another one in scope is renamed (with its
//! uses) to a fresh `__coro_h<n>_<name>` before lowering, so the analysis can keep the shadowed
//! binding alive across a `yield_!` (an outer guard hidden by an inner `let _guard` still lives
//! to the end of its scope). After emission, [`restore_names`] gives every such ident back its
//! name, with mixed-site hygiene so that the two bindings stay distinct, at the user's location.
//!
//! Format strings may name a renamed binding inline (`"{x}"`); the macro call then gets an
//! explicit `x = x` argument that is renamed like any other use.

use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::quote;
use syn::visit_mut::{self, VisitMut};
use syn::{Block, Expr, Pat, Stmt};

use crate::analyze::mentions::is_format_macro;

const PREFIX: &str = "__coro_h";

/// Returns whether anything was renamed (if not, [`restore_names`] has nothing to do).
pub fn rename_shadowing(block: &mut Block, params: &[String]) -> bool {
    let mut r = Renamer { scopes: vec![params.iter().map(|p| (p.clone(), p.clone())).collect()], count: 0 };
    r.block_stmts(&mut block.stmts);
    r.count > 0
}

/// Turns `__coro_h<n>_<name>` back into `<name>` with mixed-site hygiene (so it stays
/// distinct from the user's `<name>`) at the original location, for names that were renamed
/// once. A name shadowed several times keeps its renamed form: one hygiene context cannot
/// tell three bindings apart.
pub fn restore_names(tokens: TokenStream) -> TokenStream {
    let mut variants: HashMap<String, std::collections::HashSet<String>> = HashMap::new();
    collect_renamed(&tokens, &mut variants);
    let restorable = variants.into_iter().filter(|(_, v)| v.len() == 1).flat_map(|(name, v)| v.into_iter().map(move |m| (m, name.clone()))).collect();
    restore(tokens, &restorable)
}

/// The name a binding has in the user's source (for diagnostics).
pub fn display_name(ident: &Ident) -> String {
    let text = ident.to_string();
    if text == crate::expand::SELF_BINDING {
        return "self".to_string();
    }
    if text.starts_with("__coro_ext") {
        return "<temporary>".to_string();
    }
    let original = original_name(&text).or_else(|| crate::unused::original_name(&text));
    original.map_or_else(|| text.clone(), str::to_string)
}

fn original_name(text: &str) -> Option<&str> {
    text.strip_prefix(PREFIX)?.split_once('_').map(|(_, name)| name)
}

fn collect_renamed(tokens: &TokenStream, out: &mut HashMap<String, std::collections::HashSet<String>>) {
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(i) => {
                let text = i.to_string();
                if let Some(name) = original_name(&text) {
                    out.entry(name.to_string()).or_default().insert(text);
                }
            }
            TokenTree::Group(g) => collect_renamed(&g.stream(), out),
            _ => {}
        }
    }
}

fn restore(tokens: TokenStream, restorable: &HashMap<String, String>) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Ident(i) => match restorable.get(&i.to_string()) {
                Some(name) => TokenTree::Ident(Ident::new(name, Span::mixed_site().located_at(i.span()))),
                None => TokenTree::Ident(i),
            },
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), restore(g.stream(), restorable));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other,
        })
        .collect()
}

struct Renamer {
    /// Innermost last: user name → the name its uses must be written with.
    scopes: Vec<HashMap<String, String>>,
    count: usize,
}

impl Renamer {
    fn lookup(&self, name: &str) -> Option<&String> {
        self.scopes.iter().rev().find_map(|s| s.get(name))
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(HashMap::new());
        f(self);
        self.scopes.pop();
    }

    /// Declares the bindings of `pat` in the innermost scope, renaming those that shadow.
    fn declare(&mut self, pat: &mut Pat) {
        let mut d = Declarer { renamer: self };
        d.visit_pat_mut(pat);
    }

    fn block_stmts(&mut self, stmts: &mut [Stmt]) {
        for stmt in stmts {
            match stmt {
                Stmt::Local(l) => {
                    if let Some(init) = &mut l.init {
                        self.visit_expr_mut(&mut init.expr);
                        if let Some((_, d)) = &mut init.diverge {
                            self.visit_expr_mut(d);
                        }
                    }
                    self.declare(&mut l.pat);
                }
                Stmt::Expr(e, _) => self.visit_expr_mut(e),
                Stmt::Macro(m) => self.rewrite_macro(&mut m.mac),
                Stmt::Item(_) => {}
            }
        }
    }

    fn rewrite_macro(&mut self, mac: &mut syn::Macro) {
        // `yield_!(format!("{x}"))`: the argument is an expression; rename it as one, so
        // macros nested inside get the same treatment.
        if crate::detect::visit_yield_arg_mut(mac, |e| self.visit_expr_mut(e)) {
            return;
        }
        let format = is_format_macro(mac);
        let mut extra = Vec::new();
        mac.tokens = self.rewrite_tokens(std::mem::take(&mut mac.tokens), format, &mut extra);
        for (name, renamed) in extra {
            let (n, r) = (Ident::new(&name, Span::call_site()), Ident::new(&renamed, Span::call_site()));
            let tokens = &mac.tokens;
            mac.tokens = quote!(#tokens, #n = #r);
        }
    }

    fn rewrite_tokens(&self, tokens: TokenStream, format: bool, extra: &mut Vec<(String, String)>) -> TokenStream {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(trees.len());
        for (i, tt) in trees.iter().enumerate() {
            let after_dot = i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.' || p.as_char() == ':');
            out.push(match tt {
                TokenTree::Ident(id) if !after_dot => match self.lookup(&id.to_string()) {
                    Some(r) if id != r => TokenTree::Ident(Ident::new(r, id.span())),
                    _ => tt.clone(),
                },
                TokenTree::Group(g) => {
                    let mut ng = proc_macro2::Group::new(g.delimiter(), self.rewrite_tokens(g.stream(), format, extra));
                    ng.set_span(g.span());
                    TokenTree::Group(ng)
                }
                TokenTree::Literal(l) if format => {
                    for name in crate::analyze::mentions::inline_captures(&l.to_string()) {
                        if let Some(r) = self.lookup(&name).filter(|r| **r != name) {
                            if !extra.iter().any(|(n, _)| *n == name) {
                                extra.push((name, r.clone()));
                            }
                        }
                    }
                    tt.clone()
                }
                _ => tt.clone(),
            });
        }
        out.into_iter().collect()
    }
}

impl VisitMut for Renamer {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
                let seg = &mut p.path.segments[0];
                if let Some(r) = self.lookup(&seg.ident.to_string()).filter(|r| seg.ident != r) {
                    seg.ident = Ident::new(r, seg.ident.span());
                }
            }
            Expr::Block(b) => self.scoped(|s| s.block_stmts(&mut b.block.stmts)),
            Expr::Closure(c) => self.scoped(|s| {
                c.inputs.iter_mut().for_each(|p| s.declare(p));
                s.visit_expr_mut(&mut c.body);
            }),
            Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                self.scoped(|s| {
                    s.declare(&mut f.pat);
                    s.block_stmts(&mut f.body.stmts);
                });
            }
            Expr::If(i) => {
                self.scoped(|s| {
                    s.condition(&mut i.cond);
                    s.block_stmts(&mut i.then_branch.stmts);
                });
                if let Some((_, els)) = &mut i.else_branch {
                    self.visit_expr_mut(els);
                }
            }
            Expr::While(w) => self.scoped(|s| {
                s.condition(&mut w.cond);
                s.block_stmts(&mut w.body.stmts);
            }),
            Expr::Match(m) => {
                self.visit_expr_mut(&mut m.expr);
                for arm in &mut m.arms {
                    self.scoped(|s| {
                        s.declare(&mut arm.pat);
                        if let Some((_, g)) = &mut arm.guard {
                            s.visit_expr_mut(g);
                        }
                        s.visit_expr_mut(&mut arm.body);
                    });
                }
            }
            Expr::Macro(m) => self.rewrite_macro(&mut m.mac),
            Expr::Struct(s) => {
                visit_mut::visit_expr_struct_mut(self, s);
                for f in &mut s.fields {
                    let renamed = matches!((&f.member, &f.expr), (syn::Member::Named(m), Expr::Path(p)) if p.path.get_ident().is_some_and(|i| i != m));
                    if renamed {
                        f.colon_token = Some(Default::default());
                    }
                }
            }
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_block_mut(&mut self, b: &mut Block) {
        self.scoped(|s| s.block_stmts(&mut b.stmts));
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

impl Renamer {
    /// An `if`/`while` condition: `let` patterns bind for the branch that follows.
    fn condition(&mut self, cond: &mut Expr) {
        match cond {
            Expr::Let(l) => {
                self.visit_expr_mut(&mut l.expr);
                self.declare(&mut l.pat);
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.condition(&mut b.left);
                self.condition(&mut b.right);
            }
            other => self.visit_expr_mut(other),
        }
    }
}

struct Declarer<'a> {
    renamer: &'a mut Renamer,
}

impl VisitMut for Declarer<'_> {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        let name = p.ident.to_string();
        let is_binding = !name.starts_with(|c: char| c.is_uppercase()) && !name.starts_with("__coro_");
        if is_binding {
            let shadows = self.renamer.lookup(&name).is_some();
            let target = if shadows {
                self.renamer.count += 1;
                format!("{PREFIX}{}_{name}", self.renamer.count)
            } else {
                name.clone()
            };
            if shadows {
                p.ident = Ident::new(&target, p.ident.span());
            }
            self.renamer.scopes.last_mut().expect("scope").insert(name, target);
        }
        visit_mut::visit_pat_ident_mut(self, p);
    }

    fn visit_field_pat_mut(&mut self, f: &mut syn::FieldPat) {
        visit_mut::visit_field_pat_mut(self, f);
        // `Point { x }` must become `Point { x: renamed }` when `x` was renamed.
        let renamed = matches!((&f.member, &*f.pat), (syn::Member::Named(m), Pat::Ident(p)) if *m != p.ident);
        if renamed {
            f.colon_token = Some(Default::default());
        }
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        // Constants and ranges inside patterns are uses, not declarations.
        self.renamer.visit_expr_mut(e);
    }
}
