//! Which bindings a piece of yield-free code mentions, and how: read in place, possibly moved,
//! or assigned as a whole. Native code keeps its own scopes, so a name declared inside it
//! hides the coroutine's binding of the same name.

use crate::fast_hash::FastSet;

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Expr, Pat, Stmt};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Access {
    /// Read or borrowed in place: the binding still owns its value afterwards.
    Use,
    /// Possibly moved out (any by-value use the macro cannot prove to be a copy or a borrow).
    Move,
    /// Assigned as a whole (`x = e;` at statement level).
    Def,
    /// Assigned as a whole somewhere inside a statement (maybe conditionally): neither a read
    /// nor a certain definition.
    Assign,
}

/// Methods that conventionally take `self` by value: calling one on a local may move it.
/// Any other method is taken to borrow its receiver, so the local stays owned (and is kept to
/// the end of its scope, as in plain Rust). If a method not listed here does consume its
/// receiver and the local is kept across a `yield_!`, rustc reports a use of a moved value: a
/// loud error, never a silent early drop.
const CONSUMING_METHODS: &[&str] = &[
    "join", "collect", "sum", "product", "count", "fold", "map", "filter", "filter_map",
    "flat_map", "flatten", "zip", "chain", "enumerate", "skip", "skip_while", "take_while",
    "step_by", "rev", "peekable", "cycle", "inspect", "scan", "fuse", "ok", "err", "ok_or",
    "ok_or_else", "and_then", "or_else", "map_err", "map_or", "map_or_else", "finish", "build",
    "wait_with_output", "last", "max", "min", "max_by_key", "min_by_key", "partition", "boxed",
    "cloned", "copied", "for_each", "try_for_each", "lines", "bytes",
];

/// Macros whose arguments are only borrowed (format family, assertions).
const BORROWING_MACROS: &[&str] = &[
    "println", "print", "eprintln", "eprint", "format", "format_args", "write", "writeln", "panic",
    "assert", "assert_eq", "assert_ne", "debug_assert", "debug_assert_eq", "debug_assert_ne",
    "unreachable", "todo", "unimplemented",
];

/// Format-family and assertion macros, whose string literals may capture names inline.
pub fn is_format_macro(mac: &syn::Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| BORROWING_MACROS.iter().any(|m| s.ident == m))
}

/// `v.last()` on a local is a slice's (a borrow); on a chain (`v.into_iter().last()`),
/// `Iterator::last`. A local iterator's `last` then counts as a borrow, and keeping the local
/// makes rustc report the move.
fn consumes_receiver(m: &syn::ExprMethodCall) -> bool {
    let name = m.method.to_string();
    match name.as_str() {
        "last" => !matches!(&*m.receiver, Expr::Path(_) | Expr::Field(_) | Expr::Index(_)),
        _ => is_consuming_method(&name),
    }
}

pub fn is_consuming_method(name: &str) -> bool {
    CONSUMING_METHODS.contains(&name) || ["into_", "unwrap", "expect"].iter().any(|p| name.starts_with(p))
}

pub struct Collector<'a> {
    known: &'a dyn Fn(&str) -> bool,
    shadowed: Vec<FastSet<String>>,
    mode: Access,
    in_closure: usize,
    pub found: Vec<(String, Access)>,
}

impl<'a> Collector<'a> {
    pub fn new(known: &'a dyn Fn(&str) -> bool) -> Self {
        Collector { known, shadowed: vec![FastSet::default()], mode: Access::Move, in_closure: 0, found: Vec::new() }
    }

    fn record(&mut self, name: &str, access: Access) {
        if (self.known)(name) && !self.shadowed.iter().any(|s| s.contains(name)) {
            // A closure may capture by value or keep the borrow: treat it as a possible move.
            let access = if self.in_closure > 0 && access != Access::Assign { Access::Move } else { access };
            self.found.push((name.to_string(), access));
        }
    }

    fn with_mode(&mut self, mode: Access, e: &Expr) {
        let saved = std::mem::replace(&mut self.mode, mode);
        self.visit_expr(e);
        self.mode = saved;
    }

    fn shadow_pat(&mut self, pat: &Pat) {
        let names = pattern_idents(pat).into_iter().map(|(i, _)| i.to_string());
        self.shadowed.last_mut().expect("scope").extend(names);
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.shadowed.push(FastSet::default());
        f(self);
        self.shadowed.pop();
    }

    /// Whole-statement entry point: `x = e;` counts as a definition of `x`.
    pub fn stmt(&mut self, stmt: &Stmt) {
        if let Stmt::Expr(Expr::Assign(a), Some(_)) = stmt {
            if let Expr::Path(p) = &*a.left {
                if let Some(id) = p.path.get_ident() {
                    self.with_mode(Access::Move, &a.right);
                    self.record(&id.to_string(), Access::Def);
                    return;
                }
            }
        }
        match stmt {
            Stmt::Local(l) => self.local(l),
            other => self.visit_stmt(other),
        }
    }

    fn local(&mut self, l: &syn::Local) {
        if let Some(init) = &l.init {
            self.matched(&init.expr, &[&l.pat]);
            if let Some((_, d)) = &init.diverge {
                self.with_mode(Access::Move, d);
            }
        }
    }

    pub fn expr(&mut self, e: &Expr) {
        self.with_mode(Access::Move, e);
    }

    /// `e` matched against `pats` (a `let`, `if let`, or `match`): it stays where it is, and
    /// keeps owning its value, unless a pattern binds a part of it by value.
    pub fn matched(&mut self, e: &Expr, pats: &[&Pat]) {
        let mode = if pats.iter().any(|p| binds_by_value(p)) { Access::Move } else { Access::Use };
        self.with_mode(mode, e);
    }

    fn macro_tokens(&mut self, mac: &syn::Macro) {
        let borrowing = mac.path.segments.last().is_some_and(|s| BORROWING_MACROS.iter().any(|m| s.ident == m));
        let mode = if borrowing { Access::Use } else { Access::Move };
        for name in macro_mentions(&mac.tokens, borrowing) {
            self.record(&name, mode);
        }
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        let mode = self.mode;
        match e {
            Expr::Path(p) if p.qself.is_none() => {
                if let Some(id) = p.path.get_ident() {
                    self.record(&id.to_string(), mode);
                }
            }
            Expr::Reference(r) => self.with_mode(Access::Use, &r.expr),
            // Reading a field leaves the binding owning its value unless the field is moved
            // out; a partial move followed by a save is rejected by rustc (documented).
            Expr::Field(f) => self.with_mode(Access::Use, &f.base),
            Expr::Index(i) => {
                self.with_mode(Access::Use, &i.expr);
                self.with_mode(Access::Move, &i.index);
            }
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.with_mode(Access::Use, &u.expr),
            // Calling a closure borrows it (`Fn`, `FnMut`); an `FnOnce` kept afterwards is
            // reported by rustc at the `yield_!` that keeps it.
            Expr::Call(c) => {
                self.with_mode(Access::Use, &c.func);
                c.args.iter().for_each(|a| self.with_mode(Access::Move, a));
            }
            Expr::MethodCall(m) => {
                let recv = if consumes_receiver(m) { Access::Move } else { Access::Use };
                self.with_mode(recv, &m.receiver);
                m.args.iter().for_each(|a| self.with_mode(Access::Move, a));
            }
            Expr::Binary(b) => {
                let (l, r) = binary_modes(&b.op);
                self.with_mode(l, &b.left);
                self.with_mode(r, &b.right);
            }
            Expr::Assign(a) => {
                let whole = matches!(&*a.left, Expr::Path(p) if p.path.get_ident().is_some());
                self.with_mode(if whole { Access::Assign } else { Access::Use }, &a.left);
                self.with_mode(Access::Move, &a.right);
            }
            Expr::Closure(c) => self.scoped(|s| {
                c.inputs.iter().for_each(|p| s.shadow_pat(p));
                s.in_closure += 1;
                s.with_mode(Access::Move, &c.body);
                s.in_closure -= 1;
            }),
            Expr::Async(a) => {
                self.in_closure += 1;
                self.visit_block(&a.block);
                self.in_closure -= 1;
            }
            Expr::Macro(m) => self.macro_tokens(&m.mac),
            Expr::ForLoop(f) => {
                self.with_mode(Access::Move, &f.expr);
                self.scoped(|s| {
                    s.shadow_pat(&f.pat);
                    s.visit_block(&f.body);
                });
            }
            Expr::If(i) => {
                self.with_mode(Access::Move, &i.cond);
                self.scoped(|s| {
                    let_patterns(&i.cond).iter().for_each(|(p, _)| s.shadow_pat(p));
                    s.visit_block(&i.then_branch);
                });
                if let Some((_, e)) = &i.else_branch {
                    self.with_mode(Access::Move, e);
                }
            }
            Expr::While(w) => {
                self.with_mode(Access::Move, &w.cond);
                self.scoped(|s| {
                    let_patterns(&w.cond).iter().for_each(|(p, _)| s.shadow_pat(p));
                    s.visit_block(&w.body);
                });
            }
            Expr::Let(l) => self.matched(&l.expr, &[&l.pat]),
            Expr::Match(m) => {
                let pats: Vec<&Pat> = m.arms.iter().map(|a| &a.pat).collect();
                self.matched(&m.expr, &pats);
                m.arms.iter().for_each(|a| self.visit_arm(a));
            }
            Expr::Const(_) => visit::visit_expr(self, e),
            _ => {
                self.mode = Access::Move;
                visit::visit_expr(self, e);
                self.mode = mode;
            }
        }
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        self.scoped(|s| {
            for stmt in &b.stmts {
                s.visit_stmt(stmt);
            }
        });
    }

    fn visit_stmt(&mut self, stmt: &'ast Stmt) {
        match stmt {
            Stmt::Local(l) => {
                self.local(l);
                self.shadow_pat(&l.pat);
            }
            Stmt::Macro(m) => self.macro_tokens(&m.mac),
            Stmt::Expr(e, _) => self.with_mode(Access::Move, e),
            Stmt::Item(_) => {}
        }
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        self.scoped(|s| {
            s.shadow_pat(&arm.pat);
            if let Some((_, g)) = &arm.guard {
                s.with_mode(Access::Move, g);
            }
            s.with_mode(Access::Move, &arm.body);
        });
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.macro_tokens(mac);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

fn binary_modes(op: &syn::BinOp) -> (Access, Access) {
    use syn::BinOp::*;
    match op {
        Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_) => (Access::Use, Access::Use),
        AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_) | BitXorAssign(_)
        | BitAndAssign(_) | BitOrAssign(_) | ShlAssign(_) | ShrAssign(_) => (Access::Use, Access::Move),
        _ => (Access::Move, Access::Move),
    }
}

/// The `let`s in an `if`/`while` condition (including let chains): each pattern, and the
/// expression it matches.
pub fn let_patterns(cond: &Expr) -> Vec<(&Pat, &Expr)> {
    match cond {
        Expr::Let(l) => vec![(&*l.pat, &*l.expr)],
        Expr::Binary(b) => {
            let mut v = let_patterns(&b.left);
            v.extend(let_patterns(&b.right));
            v
        }
        Expr::Paren(p) => let_patterns(&p.expr),
        _ => Vec::new(),
    }
}

/// Identifiers a macro's tokens may refer to: plain idents (not after `.` or `::`), and for
/// format-family macros the inline captures `{name}` in string literals.
fn macro_mentions(tokens: &TokenStream, formats: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev_punct: Option<char> = None;
    for tt in tokens.clone() {
        match &tt {
            TokenTree::Ident(i) if prev_punct != Some('.') && prev_punct != Some(':') => out.push(i.to_string()),
            TokenTree::Group(g) => out.extend(macro_mentions(&g.stream(), formats)),
            TokenTree::Literal(l) if formats => out.extend(inline_captures(&l.to_string())),
            _ => {}
        }
        prev_punct = match &tt {
            TokenTree::Punct(p) => Some(p.as_char()),
            _ => None,
        };
    }
    out
}

pub fn inline_captures(lit: &str) -> Vec<String> {
    if !lit.starts_with('"') && !lit.starts_with('r') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut rest = lit;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        if rest.starts_with('{') {
            rest = &rest[1..];
            continue;
        }
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') {
            out.push(name);
        }
    }
    out
}

/// Whether `pat` may move a part of the value it matches: it binds something by value
/// (`_`, `ref x`, literals and constants move nothing).
fn binds_by_value(pat: &Pat) -> bool {
    binding_modes(pat).0
}

/// Whether `pat` binds something by reference (`ref x`, `ref mut x`).
pub fn binds_by_ref(pat: &Pat) -> bool {
    binding_modes(pat).1
}

/// Whether `pat` has bindings by value, and bindings by reference. Idents that start with an
/// uppercase letter are constants or unit variants, as in [`pattern_idents`].
fn binding_modes(pat: &Pat) -> (bool, bool) {
    struct Finder(bool, bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            if p.by_ref.is_some() {
                self.1 = true;
            } else if !p.ident.to_string().starts_with(|c: char| c.is_uppercase()) {
                self.0 = true;
            }
            visit::visit_pat_ident(self, p);
        }
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    let mut f = Finder(false, false);
    f.visit_pat(pat);
    (f.0, f.1)
}

/// The bindings a pattern introduces, with their mutability. Idents that start with an
/// uppercase letter are taken to be constants or unit variants, as rustc's naming lints assume.
pub fn pattern_idents(pat: &Pat) -> Vec<(syn::Ident, bool)> {
    struct Finder(Vec<(syn::Ident, bool)>);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            let name = p.ident.to_string();
            let is_binding = !name.starts_with(|c: char| c.is_uppercase());
            if is_binding && !self.0.iter().any(|(i, _)| *i == p.ident) {
                self.0.push((p.ident.clone(), p.mutability.is_some()));
            }
            visit::visit_pat_ident(self, p);
        }
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    let mut f = Finder(Vec::new());
    f.visit_pat(pat);
    f.0
}
