//! Lowering: the fn body becomes an [`Ir`] in which every `yield_!` is a statement of its own.
//!
//! Statements without a yield pass through untouched. Yield-carrying `while` and `for` become
//! `loop`, `yield_from!` becomes a resume loop, yield-carrying `if`/`match`/blocks/loops in value
//! position store their value in a temporary, and an expression with a yield in a
//! sub-expression is "exploded": the operands evaluated before the yield go to temporaries, so
//! Rust's left-to-right order is kept across the suspension.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{parse_quote, Block, Error, Expr, Ident, Lifetime, Macro, Pat, Stmt};

use crate::detect::{as_yield, expr_diverges, expr_has_yield, is_lazy, parsed_yield, parsed_yield_kind, stmt_diverges, stmt_has_yield, yield_path, YieldKind, DELEGATED_YIELD};
use crate::ir::{If, Ir, Loop, Match, MatchArm, Node, ResumeTarget, Seq, SeqId, Yield};
use crate::sig::combine;
use crate::syntax;

/// Where the value of a sequence's tail expression (and of `break v`) goes.
#[derive(Clone)]
enum Sink {
    Discard,
    Assign(Ident),
    Return,
}

pub struct Lowerer {
    ir: Ir,
    temps: usize,
    unit_return: bool,
    errors: Option<Error>,
    /// For each `yield_from!` being lowered: the name of its state temp → the place of its
    /// delegate (a temp, or the user's place for `yield_from!(&mut place)`).
    delegates: std::collections::HashMap<String, Expr>,
    /// Bindings that look like `&mut` references: passed by value they are reborrowed, not
    /// moved, so they stay in place as operands (a temporary would move them).
    mut_refs: Vec<String>,
}

/// Lowers a body as the expansion does, its yields parsed first.
#[cfg(test)]
pub fn lower_body(mut block: Block, unit_return: bool) -> syn::Result<Ir> {
    crate::detect::parse_yields(&mut block)?;
    lower_body_with(block, unit_return, Vec::new())
}

/// `mut_refs`: the parameters of `&mut` type (the body's own such bindings are found here).
pub fn lower_body_with(block: Block, unit_return: bool, mut mut_refs: Vec<String>) -> syn::Result<Ir> {
    mut_refs.extend(mut_ref_bindings(&block));
    let ir = Ir { seqs: Vec::new(), yield_count: 0, loop_count: 0, macro_paths: Vec::new(), items: Vec::new(), delegated: Vec::new() };
    let mut lowerer = Lowerer { ir, temps: 0, unit_return, errors: None, delegates: Default::default(), mut_refs };
    lowerer.lower_seq(block.stmts, Sink::Return);
    match lowerer.errors {
        Some(e) => Err(e),
        None => Ok(lowerer.ir),
    }
}

pub fn temp_ident(kind: &str, n: usize) -> Ident {
    Ident::new(&format!("__coro_{kind}{n}"), Span::mixed_site())
}

impl Lowerer {
    fn error(&mut self, span: Span, msg: impl std::fmt::Display) {
        combine(&mut self.errors, Error::new(span, msg));
    }

    fn temp(&mut self, kind: &str) -> Ident {
        self.temps += 1;
        temp_ident(kind, self.temps)
    }

    fn push(&mut self, seq: SeqId, node: Node) {
        self.ir.seqs[seq].nodes.push(node);
    }

    fn push_stmt(&mut self, seq: SeqId, mut stmt: Stmt) {
        if let Stmt::Local(l) = &mut stmt {
            syntax::quiet_muts(&mut l.pat);
        }
        self.push(seq, Node::Stmt(Box::new(stmt)));
    }

    fn lower_seq(&mut self, stmts: Vec<Stmt>, sink: Sink) -> SeqId {
        let seq = self.ir.seqs.len();
        self.ir.seqs.push(Seq::default());
        let count = stmts.len();
        let mut had_tail = false;
        for (i, stmt) in stmts.into_iter().enumerate() {
            match stmt {
                Stmt::Expr(e, None) if i + 1 == count => {
                    had_tail = true;
                    self.lower_tail(seq, e, &sink);
                }
                s => self.lower_stmt(seq, s),
            }
        }
        if let (false, Sink::Assign(t)) = (had_tail, &sink) {
            if !self.seq_diverges(seq) {
                self.push_stmt(seq, syntax::assign(syntax::local(t), syntax::unit()));
            }
        }
        seq
    }

    fn seq_diverges(&self, seq: SeqId) -> bool {
        matches!(self.ir.seqs[seq].nodes.last(), Some(Node::Stmt(s)) if stmt_diverges(s))
    }

    fn lower_tail(&mut self, seq: SeqId, e: Expr, sink: &Sink) {
        match sink {
            Sink::Discard => self.lower_stmt(seq, Stmt::Expr(e, Some(Default::default()))),
            Sink::Assign(t) if is_compound(&e) && expr_has_yield(&e) => self.lower_compound(seq, e, sink.clone()),
            Sink::Assign(_) if expr_diverges(&e) => self.lower_stmt(seq, Stmt::Expr(e, Some(Default::default()))),
            Sink::Assign(t) => {
                let v = self.lower_value(seq, e);
                self.push_stmt(seq, syntax::assign(syntax::local(t), v));
            }
            Sink::Return => self.lower_return_tail(seq, e),
        }
    }

    /// The fn body's tail: its value completes the coroutine.
    fn lower_return_tail(&mut self, seq: SeqId, e: Expr) {
        let unit_shaped = matches!(e, Expr::While(_) | Expr::ForLoop(_))
            || matches!(&e, Expr::If(i) if i.else_branch.is_none());
        // A tail that never completes (`panic!(..)`, `loop {}`) needs no completion after it,
        // which rustc would report as unreachable.
        if unit_shaped || expr_diverges(&e) || (self.unit_return && is_compound(&e)) {
            return self.lower_stmt(seq, Stmt::Expr(e, Some(Default::default())));
        }
        let v = self.lower_value(seq, e);
        let span = v.span();
        self.push_stmt(seq, Stmt::Expr(spanned_return(span, v), Some(Default::default())));
    }

    fn lower_stmt(&mut self, seq: SeqId, stmt: Stmt) {
        if let Stmt::Item(item) = stmt {
            return self.ir.items.push(item);
        }
        if !stmt_has_yield(&stmt) {
            return self.push_stmt(seq, stmt);
        }
        match stmt {
            Stmt::Local(local) => self.lower_local(seq, local),
            Stmt::Macro(m) => self.lower_expr_stmt(seq, Expr::Macro(syn::ExprMacro { attrs: m.attrs, mac: m.mac })),
            Stmt::Expr(e, _) => self.lower_expr_stmt(seq, e),
            item @ Stmt::Item(_) => self.push_stmt(seq, item),
        }
    }

    fn lower_local(&mut self, seq: SeqId, mut local: syn::Local) {
        let Some(init) = local.init.take() else { return };
        if init.diverge.as_ref().is_some_and(|(_, d)| expr_has_yield(d)) {
            return self.lower_stmt(seq, let_else_as_match(local.pat, init));
        }
        match (as_yield(&init.expr), &init.diverge) {
            (Some((YieldKind::Yield, call)), None) => {
                let call = call.clone();
                let (pat, ty) = split_pat_type(local.pat);
                if crate::analyze::mentions::pattern_idents(&pat).iter().any(|(_, m)| *m) {
                    // `let mut x = yield_!(..)`: the resume argument goes to a temporary and
                    // `x` is an ordinary `let`, whose `mut` `push_stmt` makes quiet
                    // (the arm that binds it may not be the one that mutates it).
                    let t = self.temp("resumed");
                    self.lower_yield(seq, call, ResumeTarget::Let { pat: syntax::ident_pat(&t, false), ty });
                    let mut binding = syntax::let_stmt(pat, syntax::local(&t));
                    if let Stmt::Local(l) = &mut binding {
                        l.attrs = local.attrs;
                    }
                    return self.push_stmt(seq, binding);
                }
                self.lower_yield(seq, call, ResumeTarget::Let { pat, ty });
            }
            _ => {
                let value = self.lower_value(seq, *init.expr);
                local.init = Some(syn::LocalInit { eq_token: init.eq_token, expr: Box::new(value), diverge: init.diverge });
                self.push_stmt(seq, Stmt::Local(local));
            }
        }
    }

    fn lower_expr_stmt(&mut self, seq: SeqId, e: Expr) {
        match e {
            Expr::Call(c) if parsed_yield_kind(&c) == Some(YieldKind::Yield) => self.lower_yield(seq, c, ResumeTarget::Discard),
            Expr::Assign(a) if matches!(as_yield(&a.right), Some((YieldKind::Yield, _))) && !expr_has_yield(&a.left) => {
                let (_, call) = as_yield(&a.right).unwrap();
                let call = call.clone();
                let delegate = match &*a.left {
                    Expr::Path(p) => p.path.get_ident().and_then(|i| self.delegates.get(&i.to_string())).cloned(),
                    _ => None,
                };
                let target = match delegate {
                    Some(delegate) if is_delegated(&call) => ResumeTarget::Delegate { state: *a.left, delegate: Box::new(delegate) },
                    _ => ResumeTarget::Assign(*a.left),
                };
                self.lower_yield(seq, call, target);
            }
            Expr::Paren(p) => self.lower_expr_stmt(seq, *p.expr),
            e if is_compound(&e) || is_yield_from(&e) => self.lower_compound(seq, e, Sink::Discard),
            e => {
                let v = self.lower_value(seq, e);
                self.push_stmt(seq, Stmt::Expr(v, Some(Default::default())));
            }
        }
    }

    fn lower_yield(&mut self, seq: SeqId, call: syn::ExprCall, target: ResumeTarget) {
        if is_delegated(&call) {
            self.ir.delegated.push(self.ir.yield_count + 1);
        } else {
            self.note_path(yield_path(&call));
        }
        let span = yield_path(&call).segments.last().map_or_else(|| call.span(), |s| s.ident.span());
        let value = match call.args.into_iter().next() {
            Some(v) => self.lower_value(seq, v),
            None => spanned_unit(span),
        };
        self.ir.yield_count += 1;
        let id = self.ir.yield_count;
        self.push(seq, Node::Yield(Box::new(Yield { id, value, target, span })));
    }

    /// Pushes a yield-carrying compound expression as IR nodes; its value goes to `sink`.
    fn lower_compound(&mut self, seq: SeqId, e: Expr, sink: Sink) {
        match e {
            Expr::Block(b) if b.label.is_some() => {
                let mut body = b.block;
                let label = b.label.map(|l| l.name);
                rewrite_breaks(&mut body, label.as_ref(), &sink, true);
                let body = self.lower_seq(body.stmts, sink);
                self.push_loop(seq, label, body, true);
            }
            Expr::Block(b) => {
                let body = self.lower_seq(b.block.stmts, sink);
                self.push(seq, Node::Block(body));
            }
            Expr::If(i) => self.lower_if(seq, i, sink),
            Expr::Match(m) => self.lower_match(seq, m, sink),
            Expr::Loop(l) => {
                let mut body = l.body;
                let label = l.label.map(|l| l.name);
                rewrite_breaks(&mut body, label.as_ref(), &sink, false);
                let body = self.lower_seq(body.stmts, Sink::Discard);
                self.push_loop(seq, label, body, false);
            }
            Expr::While(w) => {
                let desugared = desugar_while(w);
                self.lower_unit_compound(seq, desugared, sink);
            }
            Expr::ForLoop(f) => {
                let it = self.temp("iter");
                let desugared = desugar_for(f, &it);
                self.lower_unit_compound(seq, desugared, sink);
            }
            Expr::Paren(p) => self.lower_compound(seq, *p.expr, sink),
            Expr::Group(g) => self.lower_compound(seq, *g.expr, sink),
            Expr::Call(c) if parsed_yield_kind(&c) == Some(YieldKind::YieldFrom) => {
                let desugared = self.desugar_yield_from(c);
                self.lower_compound(seq, desugared, sink);
            }
            other => {
                let v = self.lower_value(seq, other);
                self.apply_sink(seq, v, &sink);
            }
        }
    }

    fn lower_unit_compound(&mut self, seq: SeqId, e: Expr, sink: Sink) {
        self.lower_compound(seq, e, Sink::Discard);
        if !matches!(sink, Sink::Discard) {
            self.apply_sink(seq, syntax::unit(), &sink);
        }
    }

    fn apply_sink(&mut self, seq: SeqId, v: Expr, sink: &Sink) {
        match sink {
            Sink::Discard => self.push_stmt(seq, Stmt::Expr(v, Some(Default::default()))),
            Sink::Assign(t) => self.push_stmt(seq, syntax::assign(syntax::local(t), v)),
            Sink::Return => self.push_stmt(seq, Stmt::Expr(spanned_return(v.span(), v), Some(Default::default()))),
        }
    }

    fn push_loop(&mut self, seq: SeqId, label: Option<Lifetime>, body: SeqId, is_block: bool) {
        self.ir.loop_count += 1;
        let id = self.ir.loop_count;
        self.push(seq, Node::Loop(Loop { id, label, body, is_block }));
    }

    fn lower_if(&mut self, seq: SeqId, i: syn::ExprIf, sink: Sink) {
        let span = i.if_token.span;
        let cond = self.lower_condition(seq, *i.cond);
        let then = self.lower_seq(i.then_branch.stmts, sink.clone());
        let els = match i.else_branch {
            Some((_, e)) => Some(self.lower_else(*e, sink)),
            None => match &sink {
                Sink::Assign(_) => Some(self.lower_seq(Vec::new(), sink)),
                _ => None,
            },
        };
        self.push(seq, Node::If(If { cond, span, then, els }));
    }

    fn lower_else(&mut self, e: Expr, sink: Sink) -> SeqId {
        match e {
            Expr::If(inner) => {
                let seq = self.ir.seqs.len();
                self.ir.seqs.push(Seq::default());
                self.lower_if(seq, inner, sink);
                seq
            }
            Expr::Block(b) => self.lower_seq(b.block.stmts, sink),
            other => self.lower_seq(vec![Stmt::Expr(other, None)], sink),
        }
    }

    fn lower_condition(&mut self, seq: SeqId, cond: Expr) -> Expr {
        if !expr_has_yield(&cond) {
            return cond;
        }
        match cond {
            Expr::Let(mut l) => {
                let scrutinee = std::mem::replace(&mut *l.expr, placeholder());
                *l.expr = self.lower_value(seq, scrutinee);
                Expr::Let(l)
            }
            c if contains_let(&c) => {
                self.error(c.span(), "`yield_!` inside a `let` chain is not supported; evaluate it into a local before the `if`");
                c
            }
            c => self.lower_value(seq, c),
        }
    }

    fn lower_match(&mut self, seq: SeqId, m: syn::ExprMatch, sink: Sink) {
        let scrutinee = self.lower_value(seq, *m.expr);
        let mut arms = Vec::new();
        for arm in m.arms {
            let guard = arm.guard.map(|(_, g)| *g);
            if let Some(g) = guard.as_ref().filter(|g| expr_has_yield(g)) {
                self.error(g.span(), "`yield_!` inside a match guard is not supported; move it into the arm body");
            }
            let stmts = match *arm.body {
                Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => b.block.stmts,
                other => vec![Stmt::Expr(other, None)],
            };
            let body = self.lower_seq(stmts, sink.clone());
            arms.push(MatchArm { pat: arm.pat, guard, body });
        }
        self.push(seq, Node::Match(Match { scrutinee, arms }));
    }

    /// Lowers an expression that may contain yields; pushes what must run first and returns a
    /// yield-free expression for the value.
    fn lower_value(&mut self, seq: SeqId, e: Expr) -> Expr {
        if !expr_has_yield(&e) {
            return e;
        }
        match e {
            Expr::Call(c) if parsed_yield_kind(&c) == Some(YieldKind::Yield) => {
                let t = self.temp("resumed");
                let at = macro_name_span(&c);
                self.lower_yield(seq, c, ResumeTarget::Let { pat: syntax::ident_pat(&t, false), ty: None });
                located_local(&t, at)
            }
            Expr::Call(c) if parsed_yield_kind(&c) == Some(YieldKind::YieldFrom) => {
                let at = macro_name_span(&c);
                let desugared = self.desugar_yield_from(c);
                let value = self.lower_value(seq, desugared);
                let local = match &value {
                    Expr::Path(p) => p.path.get_ident().cloned(),
                    _ => None,
                };
                local.map_or(value, |t| located_local(&t, at))
            }
            // Parentheses stay: `if (yield_!(1) > P { a: 3 }.a)` needs them.
            Expr::Paren(mut p) => {
                *p.expr = self.lower_value(seq, *p.expr);
                Expr::Paren(p)
            }
            Expr::Group(g) => self.lower_value(seq, *g.expr),
            Expr::While(_) | Expr::ForLoop(_) => {
                self.lower_compound(seq, e, Sink::Discard);
                syntax::unit()
            }
            Expr::Loop(ref l) if !loop_breaks(l) => {
                self.lower_compound(seq, e, Sink::Discard);
                syntax::unit()
            }
            e if is_compound(&e) => {
                let t = self.temp("value");
                self.push_stmt(seq, syntax::declare(&t));
                self.lower_compound(seq, e, Sink::Assign(t.clone()));
                syntax::local(&t)
            }
            Expr::Binary(b) if is_lazy(&b.op) && expr_has_yield(&b.right) => {
                let (left, right) = (b.left, b.right);
                let as_if: Expr = match b.op {
                    syn::BinOp::And(_) => parse_quote!(if #left { #right } else { false }),
                    _ => parse_quote!(if #left { true } else { #right }),
                };
                self.lower_value(seq, as_if)
            }
            e @ (Expr::Unsafe(_) | Expr::Await(_) | Expr::Let(_)) => {
                self.error(e.span(), "`yield_!` is not supported inside this expression; evaluate it into a local first");
                e
            }
            e => self.explode(seq, e),
        }
    }

    /// `f(a(), yield_!(x), b())` → `let t = a(); let r = yield_!(x); f(t, r, b())`.
    fn explode(&mut self, seq: SeqId, mut e: Expr) -> Expr {
        let span = e.span();
        let Some(mut ops) = operands_mut(&mut e) else {
            match written_place(&e) {
                Some(place) => self.error(place.span(), "`yield_!` in the place an assignment writes is supported only as an index (`v[yield_!(..)] = x`); evaluate it into a local first"),
                None => self.error(span, "`yield_!` is not supported inside this kind of expression; evaluate it into a local first"),
            }
            return e;
        };
        let Some(k) = ops.iter().rposition(|(op, _)| expr_has_yield(op)) else { return e };
        let later: Vec<String> = ops[k..].iter().flat_map(|(op, _)| idents_in(&quote!(#op))).collect();
        let assigned: Vec<String> = ops[k..].iter().flat_map(|(op, _)| assigned_in(op)).collect();
        for (op, role) in ops.iter_mut().take(k) {
            if *role == Role::Moved && matches!(&**op, Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.mut_refs.contains(&i.to_string()))) {
                *role = Role::Value;
            }
            if expr_has_yield(op) {
                let earlier = std::mem::replace(&mut **op, placeholder());
                **op = self.lower_value(seq, earlier);
            }
            if !is_exempt(op, *role, &later, &assigned) {
                let t = self.temp("operand");
                let value = without_parens(std::mem::replace(&mut **op, syntax::local(&t)));
                self.push_stmt(seq, syntax::let_stmt(syntax::ident_pat(&t, *role == Role::Receiver), value));
            }
        }
        let yielding = std::mem::replace(&mut *ops[k].0, placeholder());
        let value = self.lower_value(seq, yielding);
        // A receiver that was a value (`f(yield_!(x)).push(1)`) is a mutable temporary in
        // plain Rust; the local that now holds it is not `mut`, so move it into a temporary.
        *ops[k].0 = match ops[k].1 {
            Role::Receiver if is_lowering_temp(&value) => syntax::block_expr(vec![Stmt::Expr(value, None)]),
            _ => value,
        };
        e
    }

    /// Remembers how the user named the macro, so the expansion can mark that import used.
    fn note_path(&mut self, path: &syn::Path) {
        let text = quote!(#path).to_string();
        if !self.ir.macro_paths.iter().any(|p| quote!(#p).to_string() == text) {
            self.ir.macro_paths.push(path.clone());
        }
    }

    fn desugar_yield_from(&mut self, call: syn::ExprCall) -> Expr {
        let path = yield_path(&call).clone();
        self.note_path(&path);
        let at = macro_name_span(&call);
        let inner = call.args.into_iter().next().expect("a parsed yield_from! has its argument");
        // `yield_from!(&mut place)` resumes the place itself each time rather than a reborrow
        // kept beside it: the machine keeps the place's local, and may use it again afterwards.
        let (delegate, bound) = match rederivable_place(&inner) {
            Some(place) => (place, None),
            None => {
                let g = self.temp("delegate");
                (located_local(&g, at), Some((g, without_borrow_of_temporary(inner))))
            }
        };
        let st = self.temp("state");
        self.delegates.insert(st.to_string(), delegate.clone());
        delegation_loop(bound, delegate, &st, Ident::new(DELEGATED_YIELD, at))
    }
}

/// The machine's local that carries its resume type (see `__private::ResumeType`).
pub const RESUME_TYPE: &str = "__coro_rt";

/// `{ let mut g = inner; let mut st = __coro_rt.prime(&mut g); loop { match st {
/// Yielded(v) => { st = marker(v); } Complete(r) => break r, } } }`, the marker a parsed yield:
/// its resume is `st = Generator::resume(&mut g, arg)` (`ResumeTarget::Delegate`), which the
/// machine can run on the delegate in place. `bound` is `g` and the `inner` it is bound to;
/// without it, `delegate` is the user's place, resumed where it is.
fn delegation_loop(bound: Option<(Ident, Expr)>, delegate: Expr, st: &Ident, marker: Ident) -> Expr {
    use syntax::{local, private_path};
    let (v, r) = (temp_ident("yielded", 0), temp_ident("returned", 0));
    // What rustc says about this call (the delegate is not a generator, or the resume type
    // has no `Default`) points at the user's `yield_from!`.
    let at = marker.span();
    // `__coro_rt.prime(&mut g)`: the machine's resume type, then the delegate's impl for it.
    // All of the call is the expansion's, located at `at` (a call whose parts come from two
    // contexts is reported at the attribute).
    let method = syntax::located(&Ident::new("prime", Span::mixed_site()), at);
    let prime = Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(located_local(&Ident::new(RESUME_TYPE, Span::mixed_site()), at)),
        dot_token: syn::Token![.](method.span()),
        turbofish: None,
        paren_token: syn::token::Paren(method.span()),
        args: std::iter::once(syntax::mut_ref(delegate, at)).collect(),
        method,
    });
    let forwarded = parsed_yield(YieldKind::Yield, marker.into(), Default::default(), Some(located_local(&v, at)));
    let state = |variant, binding| {
        syntax::tuple_struct_pat(private_path(&[variant], Span::call_site()), binding)
    };
    let matched = syntax::match_expr(local(st), vec![
        syntax::arm(state("Yielded", &v), syntax::block_expr(vec![syntax::assign(local(st), forwarded)])),
        syntax::arm(state("Complete", &r), syntax::break_expr(None, Some(local(&r)))),
    ]);
    let looped = Expr::Loop(syn::ExprLoop {
        attrs: Vec::new(),
        label: None,
        loop_token: Default::default(),
        body: syntax::block(vec![Stmt::Expr(matched, None)]),
    });
    let bind = bound.map(|(g, inner)| syntax::let_stmt(syntax::ident_pat(&g, true), inner));
    let stmts = bind.into_iter().chain([syntax::let_stmt(syntax::ident_pat(st, true), prime), Stmt::Expr(looped, None)]);
    syntax::block_expr(stmts.collect())
}

/// The place of `yield_from!(&mut place)` when evaluating it again on every resume is the
/// same as evaluating it once: a local or parameter, its fields and dereferences. A `const`
/// or a unit struct (capitalised, by convention) would be a fresh temporary each time.
fn rederivable_place(inner: &Expr) -> Option<Expr> {
    fn is_place(e: &Expr) -> bool {
        match e {
            Expr::Path(p) => p.qself.is_none() && p.path.get_ident().is_some() && !names_a_constant(e),
            Expr::Field(f) => is_place(&f.base),
            Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)) && is_place(&u.expr),
            Expr::Paren(p) => is_place(&p.expr),
            _ => false,
        }
    }
    match inner {
        Expr::Reference(r) if r.mutability.is_some() && r.attrs.is_empty() && is_place(&r.expr) => Some((*r.expr).clone()),
        Expr::Paren(p) => rederivable_place(&p.expr),
        _ => None,
    }
}

/// The name of the `yield_!` or `yield_from!` that `call` parsed: where rustc's type errors
/// about the value it evaluates to (or forwards) should point.
fn macro_name_span(call: &syn::ExprCall) -> Span {
    yield_path(call).segments.last().map_or_else(Span::call_site, |s| s.ident.span())
}

/// A use of the macro's local `t` that rustc reports at `at`, where the user wrote the
/// expression it holds the value of.
fn located_local(t: &Ident, at: Span) -> Expr {
    syntax::local(&syntax::located(t, at))
}

/// `(callee)` as a `let`'s whole initializer would get rustc's `unused_parens` lint at the
/// user's parentheses, which are needed where they were written (`(pick())(x)`).
fn without_parens(e: Expr) -> Expr {
    match e {
        Expr::Paren(p) if p.attrs.is_empty() => without_parens(*p.expr),
        e => e,
    }
}

/// A local that lowering made to hold a value (`__coro_resumed3`, `__coro_value1`, ...).
fn is_lowering_temp(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if p.path.get_ident().is_some_and(|i| i.to_string().starts_with("__coro_")))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Value,
    Receiver,
    /// Moved into the expression (a call or method argument, a field or element of a
    /// literal): plain Rust holds it in the expression's temporaries from then on.
    Moved,
}

/// The operands of an expression in Rust's evaluation order (assignment targets excluded).
fn value(e: &mut Expr) -> (&mut Expr, Role) {
    (e, Role::Value)
}

fn moved(e: &mut Expr) -> (&mut Expr, Role) {
    (e, Role::Moved)
}

fn operands_mut(e: &mut Expr) -> Option<Vec<(&mut Expr, Role)>> {
    let v = value;
    let m = moved;
    Some(match e {
        Expr::Array(a) => a.elems.iter_mut().map(m).collect(),
        Expr::Tuple(t) => t.elems.iter_mut().map(m).collect(),
        // `place = value` evaluates the value first, then the place (`a[i(yield_!(x))] = v`).
        Expr::Assign(a) => std::iter::once(v(&mut a.right)).chain(place_operands(&mut a.left)?).collect(),
        // `place op= value` likewise, the order Rust uses for primitive operands (it evaluates
        // an overloaded operator's place first: documented).
        Expr::Binary(b) => match is_compound_assign(&b.op) {
            true => std::iter::once(v(&mut b.right)).chain(place_operands(&mut b.left)?).collect(),
            false => vec![v(&mut b.left), v(&mut b.right)],
        },
        // The callee is used in place like a receiver (`f(..)` on a closure borrows it), so a
        // later argument may read it: `f({ (&f)(1); yield_!(2) })`.
        Expr::Call(c) => std::iter::once((&mut *c.func, Role::Receiver)).chain(c.args.iter_mut().map(m)).collect(),
        Expr::MethodCall(mc) => std::iter::once((&mut *mc.receiver, Role::Receiver)).chain(mc.args.iter_mut().map(m)).collect(),
        Expr::Cast(c) => vec![v(&mut c.expr)],
        Expr::Field(f) => vec![v(&mut f.base)],
        Expr::Index(i) => vec![v(&mut i.expr), v(&mut i.index)],
        Expr::Range(r) => r.start.iter_mut().chain(r.end.iter_mut()).map(|b| v(b)).collect(),
        Expr::Reference(r) => vec![v(&mut r.expr)],
        Expr::Repeat(r) => vec![v(&mut r.expr)],
        Expr::Return(r) => r.expr.iter_mut().map(|b| v(b)).collect(),
        Expr::Break(b) => b.expr.iter_mut().map(|b| v(b)).collect(),
        Expr::Struct(s) => s.fields.iter_mut().map(|f| m(&mut f.expr)).chain(s.rest.iter_mut().map(|b| v(b))).collect(),
        Expr::Try(t) => vec![v(&mut t.expr)],
        Expr::Unary(u) => vec![v(&mut u.expr)],
        _ => return None,
    })
}

fn is_exempt(op: &Expr, role: Role, later: &[String], assigned: &[String]) -> bool {
    // A place receiver stays in place even if a later argument reads it (`v.push(v.len())`:
    // two-phase borrow). If a later argument assigns to it, a by-value receiver must be read
    // first (`x.min({ x = 0; 1 })`), and a by-reference one would not compile anyway.
    if role == Role::Receiver && is_place(op) {
        return place_root(op).is_some_and(|r| !assigned.contains(&r.to_string()));
    }
    match op {
        Expr::Lit(_) => true,
        Expr::Paren(p) => is_exempt(&p.expr, role, later, assigned),
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() > 1 => true,
        // A local moved into the expression before a yielding operand is held by the
        // expression, not by its binding: it goes to a temporary, so that dropping the
        // suspended coroutine drops it before the older locals, as unwinding the plain fn does
        // (`P { n: a0, a: yield_!(3) }` drops `a0`'s value before `a1`).
        Expr::Path(_) if role == Role::Moved => false,
        Expr::Path(p) => p.path.get_ident().is_some_and(|i| !later.contains(&i.to_string())),
        Expr::Reference(r) => is_place(&r.expr) && place_root(&r.expr).is_some_and(|i| !later.contains(&i.to_string())),
        _ => false,
    }
}

/// Locals that an expression assigns to or borrows mutably (`x = ..`, `x += ..`, `&mut x`).
fn assigned_in(e: &Expr) -> Vec<String> {
    struct Finder(Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr(&mut self, e: &'ast Expr) {
            let target = match e {
                Expr::Assign(a) => Some(&*a.left),
                Expr::Binary(b) if is_compound_assign(&b.op) => Some(&*b.left),
                Expr::Reference(r) if r.mutability.is_some() => Some(&*r.expr),
                _ => None,
            };
            if let Some(root) = target.and_then(place_root) {
                self.0.push(root.to_string());
            }
            syn::visit::visit_expr(self, e);
        }

        // `yield_!(..)` / `yield_from!(..)` arguments are code of the body too.
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if crate::detect::yield_kind(mac).is_some() {
                if let Ok(arg) = mac.parse_body::<Expr>() {
                    self.visit_expr(&arg);
                }
            }
        }
    }
    let mut f = Finder(Vec::new());
    syn::visit::Visit::visit_expr(&mut f, e);
    f.0
}

/// Names bound to what looks like a `&mut` reference: `let r: &mut T`, `let r = &mut ..`,
/// `for r in v.iter_mut()` / `&mut v` / `.values_mut()`.
fn mut_ref_bindings(block: &Block) -> Vec<String> {
    struct Finder(Vec<String>);
    fn mut_ref_expr(e: &Expr) -> bool {
        match e {
            Expr::Reference(r) => r.mutability.is_some(),
            Expr::MethodCall(m) => m.method.to_string().ends_with("_mut"),
            Expr::Paren(p) => mut_ref_expr(&p.expr),
            _ => false,
        }
    }
    impl Finder {
        fn add(&mut self, pat: &Pat) {
            self.0.extend(crate::analyze::mentions::pattern_idents(pat).into_iter().map(|(i, _)| i.to_string()));
        }
    }
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_local(&mut self, l: &'ast syn::Local) {
            let typed = matches!(&l.pat, Pat::Type(t) if matches!(&*t.ty, syn::Type::Reference(r) if r.mutability.is_some()));
            if typed || l.init.as_ref().is_some_and(|i| mut_ref_expr(&i.expr)) {
                self.add(&l.pat);
            }
            syn::visit::visit_local(self, l);
        }
        fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
            if mut_ref_expr(&f.expr) {
                self.add(&f.pat);
            }
            syn::visit::visit_expr_for_loop(self, f);
        }
        fn visit_macro(&mut self, mac: &'ast Macro) {
            if crate::detect::yield_kind(mac).is_some() {
                if let Ok(arg) = mac.parse_body::<Expr>() {
                    self.visit_expr(&arg);
                }
            }
        }
    }
    let mut f = Finder(Vec::new());
    syn::visit::Visit::visit_block(&mut f, block);
    f.0
}

fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => p.path.get_ident().is_some(),
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr) && matches!(&*i.index, Expr::Lit(_) | Expr::Path(_)),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)) && is_place(&u.expr),
        _ => false,
    }
}

fn place_root(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Path(p) => p.path.get_ident(),
        Expr::Field(f) => place_root(&f.base),
        Expr::Index(i) => place_root(&i.expr),
        Expr::Paren(p) => place_root(&p.expr),
        Expr::Unary(u) => place_root(&u.expr),
        _ => None,
    }
}

pub fn idents_in(tokens: &TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Group(g) => out.extend(idents_in(&g.stream())),
            _ => {}
        }
    }
    out
}

fn is_compound(e: &Expr) -> bool {
    matches!(e, Expr::If(_) | Expr::Match(_) | Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_))
        || matches!(e, Expr::Block(b) if b.attrs.is_empty())
}

fn is_delegated(call: &syn::ExprCall) -> bool {
    yield_path(call).segments.last().is_some_and(|s| s.ident == DELEGATED_YIELD)
}

fn is_yield_from(e: &Expr) -> bool {
    matches!(as_yield(e), Some((YieldKind::YieldFrom, _)))
}

/// The operands of the place an assignment writes, evaluated after the value: none without a
/// yield, or the index of `v[..]`; a yield elsewhere in the place is not supported.
fn place_operands(place: &mut Expr) -> Option<Vec<(&mut Expr, Role)>> {
    match place {
        place if !expr_has_yield(place) => Some(Vec::new()),
        Expr::Index(i) if !expr_has_yield(&i.expr) => Some(vec![value(&mut i.index)]),
        _ => None,
    }
}

/// The place that `place = v` or `place op= v` writes.
fn written_place(e: &Expr) -> Option<&Expr> {
    match e {
        Expr::Assign(a) => Some(&a.left),
        Expr::Binary(b) if is_compound_assign(&b.op) => Some(&b.left),
        _ => None,
    }
}

fn is_compound_assign(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_) | BitXorAssign(_)
            | BitAndAssign(_) | BitOrAssign(_) | ShlAssign(_) | ShrAssign(_)
    )
}

fn contains_let(e: &Expr) -> bool {
    match e {
        Expr::Let(_) => true,
        Expr::Binary(b) => contains_let(&b.left) || contains_let(&b.right),
        Expr::Paren(p) => contains_let(&p.expr),
        _ => false,
    }
}

fn loop_breaks(l: &syn::ExprLoop) -> bool {
    !expr_diverges(&Expr::Loop(l.clone()))
}

fn placeholder() -> Expr {
    Expr::Verbatim(TokenStream::new())
}

fn split_pat_type(pat: Pat) -> (Pat, Option<Box<syn::Type>>) {
    match pat {
        Pat::Type(t) => (*t.pat, Some(t.ty)),
        p => (p, None),
    }
}

/// `()` at `span`.
fn spanned_unit(span: Span) -> Expr {
    Expr::Tuple(syn::ExprTuple { attrs: Vec::new(), paren_token: syn::token::Paren(span), elems: Default::default() })
}

/// `return v` at `span`.
fn spanned_return(span: Span, v: Expr) -> Expr {
    Expr::Return(syn::ExprReturn { attrs: Vec::new(), return_token: syn::Token![return](span), expr: Some(Box::new(v)) })
}

/// `let P = e else { E };` with a yield in `E` →
/// `let (a, mut b) = match e { P => (a, b), _ => { E } };`, so `E` becomes an ordinary arm.
fn let_else_as_match(pat: Pat, init: syn::LocalInit) -> Stmt {
    let (pat, ty) = split_pat_type(pat);
    let idents = crate::analyze::mentions::pattern_idents(&pat);
    let names = idents.iter().map(|(i, _)| i);
    let outer = idents.iter().map(|(i, m)| if *m { quote!(mut #i) } else { quote!(#i) });
    let mut inner = pat;
    StripMut.visit_pat_mut(&mut inner);
    let expr = init.expr;
    let diverge = init.diverge.map(|(_, d)| d);
    let ty = ty.map(|t| quote!(: #t));
    let scrutinee = match ty {
        Some(ty) => quote!({ let __coro_typed #ty = #expr; __coro_typed }),
        None => quote!(#expr),
    };
    parse_quote! {
        let (#(#outer,)*) = match #scrutinee { #inner => (#(#names,)*), _ => #diverge };
    }
}

struct StripMut;

impl VisitMut for StripMut {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        p.mutability = None;
        visit_mut::visit_pat_ident_mut(self, p);
    }
}

/// `while c { B }` → `loop { if c { B } else { break } }` (also for `while let` and let chains).
fn desugar_while(w: syn::ExprWhile) -> Expr {
    // Built, not parsed: re-parsing the body is most of a small coroutine's expansion time.
    let stop = vec![Stmt::Expr(syntax::break_expr(None, None), Some(Default::default()))];
    let test = Expr::If(syn::ExprIf {
        attrs: Vec::new(),
        if_token: Default::default(),
        cond: w.cond,
        then_branch: w.body,
        else_branch: Some((Default::default(), Box::new(syntax::block_expr(stop)))),
    });
    Expr::Loop(syn::ExprLoop {
        attrs: Vec::new(),
        label: w.label,
        loop_token: Default::default(),
        body: syntax::block(vec![Stmt::Expr(test, None)]),
    })
}

/// `for p in e { B }` → a `loop` over an iterator kept in a local, so it survives yields.
fn desugar_for(f: syn::ExprForLoop, it: &Ident) -> Expr {
    let (label, pat, expr, body) = (f.label, f.pat, f.expr, f.body);
    let item = temp_ident("item", 0);
    let span = expr.span();
    let into_iter = syntax::call(syntax::private_path(&["IntoIterator", "into_iter"], span), [*expr], span);
    let next = syntax::let_stmt(*pat, next_or_break(it, &item));
    let mut stmts = vec![next];
    stmts.extend(body.stmts);
    let looped = Expr::Loop(syn::ExprLoop {
        attrs: Vec::new(),
        label,
        loop_token: Default::default(),
        body: syntax::block(stmts),
    });
    let init = syntax::let_stmt(syntax::ident_pat(it, true), into_iter);
    syntax::block_expr(vec![init, Stmt::Expr(looped, None)])
}

/// `match ::core::iter::Iterator::next(&mut it) { Some(item) => item, None => break, }`
fn next_or_break(it: &Ident, item: &Ident) -> Expr {
    use syntax::{local, private_path};
    let site = Span::call_site();
    let next = syntax::call(private_path(&["Iterator", "next"], site), [syntax::mut_ref(local(it), site)], site);
    let some = syntax::tuple_struct_pat(private_path(&["Some"], site), item);
    let none = Pat::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path: private_path(&["None"], site) });
    syntax::match_expr(next, vec![syntax::arm(some, local(item)), syntax::arm(none, syntax::break_expr(None, None))])
}

/// Makes `break [v]` that leave this loop store `v` in the sink first:
/// `break v` → `{ sink = v; break }`, or `{ let _ = v; break }` when the value is unused.
fn rewrite_breaks(body: &mut Block, label: Option<&Lifetime>, sink: &Sink, is_block: bool) {
    struct Rewriter<'a> {
        label: Option<&'a Lifetime>,
        sink: &'a Sink,
        is_block: bool,
        depth: usize,
    }
    impl Rewriter<'_> {
        fn targets_us(&self, b: &syn::ExprBreak) -> bool {
            match (&b.label, self.label) {
                (None, _) => self.depth == 0 && !self.is_block,
                (Some(l), Some(mine)) => l.ident == mine.ident,
                _ => false,
            }
        }
    }
    impl VisitMut for Rewriter<'_> {
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            if let Expr::Break(b) = e {
                if self.targets_us(b) {
                    if let Some(v) = b.expr.as_mut() {
                        self.visit_expr_mut(v);
                    }
                    let label = &b.label;
                    // `break 'l (loop { .. })` needs its parentheses, `t = loop { .. };` does not
                    // (they would warn).
                    let value = b.expr.take().map(|v| match *v {
                        Expr::Paren(p) => p.expr,
                        v => Box::new(v),
                    });
                    let store = match (self.sink, value) {
                        (Sink::Assign(t), v) => syntax::assign(syntax::local(t), v.map_or_else(syntax::unit, |v| *v)),
                        (_, Some(v)) => syntax::let_stmt(syntax::ident_pat(&Ident::new("__coro_discard", Span::call_site()), false), *v),
                        (_, None) => return,
                    };
                    let leave = Stmt::Expr(syntax::break_expr(label.clone(), None), Some(Default::default()));
                    *e = syntax::block_expr(vec![store, leave]);
                    return;
                }
            }
            if let Expr::ForLoop(f) = e {
                // The iterator expression runs before the `for` loop: its `break`s are ours.
                self.visit_expr_mut(&mut f.expr);
                self.depth += 1;
                self.visit_block_mut(&mut f.body);
                self.depth -= 1;
                return;
            }
            let nested = matches!(e, Expr::Loop(_) | Expr::While(_));
            self.depth += usize::from(nested);
            visit_mut::visit_expr_mut(self, e);
            self.depth -= usize::from(nested);
        }
        fn visit_macro_mut(&mut self, mac: &mut Macro) {
            crate::detect::visit_yield_arg_mut(mac, |e| self.visit_expr_mut(e));
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    Rewriter { label, sink, is_block, depth: 0 }.visit_block_mut(body);
}

/// `&mut make()`: the machine cannot keep a borrow of a temporary across its yields, so the
/// delegation takes the temporary itself (dropped when the delegation ends, not at the end of
/// the enclosing statement).
fn without_borrow_of_temporary(inner: Expr) -> Expr {
    match inner {
        Expr::Reference(r) if r.mutability.is_some() && is_temporary(&r.expr) => *r.expr,
        Expr::Paren(p) if matches!(&*p.expr, Expr::Reference(_)) => without_borrow_of_temporary(*p.expr),
        inner => inner,
    }
}

/// A value expression, or a `const`: `&mut` of one borrows a temporary (`&mut` is never
/// promoted to a constant).
fn is_temporary(e: &Expr) -> bool {
    matches!(e, Expr::Call(_) | Expr::MethodCall(_) | Expr::Struct(_) | Expr::Macro(_) | Expr::Block(_) | Expr::Tuple(_) | Expr::Array(_))
        || names_a_constant(e)
}

/// A capitalised path (`START`, `Unit`, `a::B`): by convention a `const` or a unit struct, each
/// use of which is a fresh temporary.
pub fn names_a_constant(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident.to_string().starts_with(char::is_uppercase)))
}

#[cfg(test)]
mod tests {
    use super::rederivable_place;
    use quote::ToTokens;

    fn place(arg: &str) -> Option<String> {
        rederivable_place(&syn::parse_str(arg).unwrap()).map(|p| p.to_token_stream().to_string())
    }

    #[test]
    fn a_mut_borrow_of_a_name_its_fields_and_derefs_is_resumed_where_it_is() {
        assert_eq!(place("&mut inner").as_deref(), Some("inner"));
        assert_eq!(place("&mut *g").as_deref(), Some("* g"));
        assert_eq!(place("(&mut self_.stage.0)").as_deref(), Some("self_ . stage . 0"));
    }

    #[test]
    fn a_borrowed_temporary_is_delegated_to_itself() {
        let moved = |arg: &str| super::without_borrow_of_temporary(syn::parse_str(arg).unwrap()).to_token_stream().to_string();
        assert_eq!(moved("&mut make()"), "make ()");
        assert_eq!(moved("(&mut Stage { left: 1 })"), "Stage { left : 1 }");
        assert_eq!(moved("&mut START"), "START");
        assert_eq!(moved("&mut v[0]"), "& mut v [0]");
        assert_eq!(moved("&mut *g.get()"), "& mut * g . get ()");
    }

    #[test]
    fn anything_else_is_moved_into_a_delegate() {
        for arg in ["inner", "&inner", "&mut v[0]", "&mut make()", "&mut GEN", "&mut Unit", "&mut a::b", "&mut *g.get()"] {
            assert_eq!(place(arg), None, "{arg}");
        }
    }
}
