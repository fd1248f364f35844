//! Builds a statement-level control-flow graph of the lowered body, runs the two dataflow
//! analyses on it and reads off the kept bindings of every entry point.

use crate::fast_hash::{FastMap, FastSet};

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::visit::{self, Visit};
use syn::{Error, Expr, Pat, Stmt, Type};

use super::bitset::BitSet;
use super::borrows::{
    is_borrowing_view, is_delegate, is_extended_temporary, is_for_iterator, is_item_taker, is_iterator, is_iterator_adapter, is_lazy_adapter, is_ref_method,
    items_are_refs, iterated_place, place_root, strip, without_into_iter,
};
use super::mentions::{binds_by_ref, let_patterns, pattern_idents, Access, Collector};
use super::{Analysis, Binding, BindingId, Entry, EntryKind, Link};
use crate::detect::stmt_diverges;
use crate::ir::{Ir, Node, ResumeTarget, SeqId};
use crate::leap::{label_name, resolve, CoroLoop, NativeScope};
use crate::sig::combine;

/// A parameter of the coroutine fn, kept in the `Start` state.
pub struct Param {
    pub ident: syn::Ident,
    pub mutable: bool,
    pub ty: Option<Box<Type>>,
    pub is_ref: bool,
    /// A `&mut` reference (`&mut self` included): a reborrow of it held across a `yield_!`
    /// conflicts with keeping the parameter itself.
    pub is_mut_ref: bool,
}

#[derive(Default)]
struct CfgNode {
    uses: BitSet,
    moves: BitSet,
    defs: BitSet,
    kills: BitSet,
    /// Assigned somewhere inside the node (not a definition for ownership).
    live_kills: BitSet,
    succs: Vec<usize>,
}

struct Frame {
    bindings: Vec<BindingId>,
}

struct LoopCtx {
    info: CoroLoop,
    head: usize,
    exit: usize,
}

struct PendingEntry {
    entry: Entry,
    cfg: usize,
    hidden: Vec<BindingId>,
}

struct Builder<'a> {
    ir: &'a Ir,
    bindings: Vec<Binding>,
    /// Each binding's name as a string (comparing a compiler `Ident` with a string formats it).
    names: Vec<String>,
    cfg: Vec<CfgNode>,
    cur: Option<usize>,
    exit: usize,
    frames: Vec<Frame>,
    chain: Vec<Link>,
    loops: Vec<LoopCtx>,
    entries: Vec<PendingEntry>,
    node_mentions: FastMap<(SeqId, usize), Vec<BindingId>>,
    resume_mentions: FastMap<usize, Vec<BindingId>>,
    node_decls: FastMap<(SeqId, usize), Vec<BindingId>>,
    mention_acc: Vec<BindingId>,
    native_loops: usize,
    /// Arrays that may go to a frame slot, with the CFG node of their `let`.
    pin_candidates: Vec<(BindingId, usize)>,
    unpinnable: FastSet<BindingId>,
    /// The resume type, when it can be written in a `let` (the type of `let x = yield_!(..)`).
    resume: Option<Type>,
    mut_ref_params: FastSet<BindingId>,
    /// The borrows passed to the call that initialised a local (`let d = sub(&mut v);`): a
    /// generator made that way keeps them, so they count once the local is delegated to.
    made_from_borrows: FastMap<BindingId, Vec<(BindingId, TokenStream)>>,
    /// Locals that `yield_from!(&mut place)` resumes where they are.
    delegated_places: FastSet<BindingId>,
    /// The iterators of `for` loops whose items are references (`for x in v.iter()`).
    ref_item_iters: FastSet<BindingId>,
    /// Locals made from a reference they may still hold (see `is_made_from_ref`).
    made_from_refs: FastSet<BindingId>,
}

/// `resume` is the generator's resume type `R`, as written in the signature.
pub fn analyze(ir: &Ir, params: Vec<Param>, resume: Option<&Type>) -> syn::Result<Analysis> {
    let mut b = Builder {
        ir,
        resume: resume.filter(|t| nameable(t)).cloned(),
        bindings: Vec::new(),
        names: Vec::new(),
        cfg: Vec::new(),
        cur: None,
        exit: 0,
        frames: vec![Frame { bindings: Vec::new() }],
        chain: vec![Link { seq: Ir::ROOT, index: 0, branch: 0 }],
        loops: Vec::new(),
        entries: Vec::new(),
        node_mentions: FastMap::default(),
        resume_mentions: FastMap::default(),
        node_decls: FastMap::default(),
        mention_acc: Vec::new(),
        native_loops: 0,
        pin_candidates: Vec::new(),
        unpinnable: FastSet::default(),
        mut_ref_params: FastSet::default(),
        made_from_borrows: FastMap::default(),
        delegated_places: FastSet::default(),
        ref_item_iters: FastSet::default(),
        made_from_refs: FastSet::default(),
    };
    b.exit = b.node();
    let start = b.node();
    b.cur = Some(start);
    for p in params {
        let id = b.add_binding(p.ident, p.mutable, p.ty, Ir::ROOT, p.is_ref);
        b.cfg[start].defs.insert(id);
        if p.is_mut_ref {
            b.mut_ref_params.insert(id);
        }
    }
    b.register_entry(EntryKind::Start, Span::call_site());
    b.walk_nodes(Ir::ROOT);
    b.finish()
}

impl Builder<'_> {
    fn node(&mut self) -> usize {
        self.cfg.push(CfgNode::default());
        self.cfg.len() - 1
    }

    fn edge(&mut self, from: usize, to: usize) {
        self.cfg[from].succs.push(to);
    }

    fn append(&mut self, n: usize) {
        if let Some(c) = self.cur {
            self.edge(c, n);
        }
        self.cur = Some(n);
    }

    fn add_binding(&mut self, ident: syn::Ident, mutable: bool, ty: Option<Box<Type>>, seq: SeqId, is_ref: bool) -> BindingId {
        let name = ident.to_string();
        let generated = name.starts_with("__coro_");
        self.names.push(name);
        let binding = Binding { ident, mutable, ty, seq, borrows: Vec::new(), is_ref, pinned: false, assigned_once: false, generated };
        self.bindings.push(binding);
        let id = self.bindings.len() - 1;
        self.frames.last_mut().expect("frame").bindings.push(id);
        id
    }

    fn visible(&self, name: &str) -> Option<BindingId> {
        self.frames.iter().rev().flat_map(|f| f.bindings.iter().rev()).copied().find(|&b| self.names[b] == name)
    }

    fn cur_seq(&self) -> SeqId {
        self.chain.last().expect("chain").seq
    }

    /// A CFG node holding the effects of one collector run.
    fn mention_node(&mut self, found: Vec<(String, Access)>) -> (usize, Vec<BindingId>) {
        let n = self.node();
        let mut ids = Vec::new();
        for (name, access) in found {
            let Some(b) = self.visible(&name) else { continue };
            if access != Access::Use {
                self.unpinnable.insert(b);
            }
            let node = &mut self.cfg[n];
            match access {
                Access::Def => node.defs.insert(b),
                Access::Assign if self.bindings[b].assigned_once => node.live_kills.insert(b),
                Access::Assign => {}
                Access::Use => node.uses.insert(b),
                Access::Move => {
                    node.uses.insert(b);
                    node.moves.insert(b);
                }
            }
            if !ids.contains(&b) {
                ids.push(b);
            }
        }
        (n, ids)
    }

    fn collect(&self, f: impl FnOnce(&mut Collector)) -> Vec<(String, Access)> {
        let known: FastSet<&str> = self.frames.iter().flat_map(|fr| &fr.bindings).map(|&b| self.names[b].as_str()).collect();
        let is_known = |n: &str| known.contains(n);
        let mut c = Collector::new(&is_known);
        f(&mut c);
        c.found
    }

    /// Declares a pattern's bindings in the current frame, after a node that initialises them
    /// (`init` is the initialiser, if any).
    fn declare(&mut self, pat: &Pat, ty: Option<&Type>, init: Option<&Expr>, initialised: bool) -> Vec<BindingId> {
        let delegate = matches!(pat, Pat::Ident(p) if is_delegate(&p.ident));
        let borrows = match init {
            Some(e) if delegate => self.delegate_borrows(e),
            Some(e) => self.borrows_in(e),
            None => Vec::new(),
        };
        let made_from = init.filter(|_| !delegate).map(|e| self.call_arg_borrows(e)).unwrap_or_default();
        let is_ref = matches!(ty, Some(Type::Reference(_))) || init.is_some_and(|e| self.is_ref_valued(e));
        let ref_items = init.is_some_and(|e| matches!(pat, Pat::Ident(p) if is_for_iterator(&p.ident)) && items_are_refs(without_into_iter(e)));
        let made_from_ref = init.is_some_and(|e| self.is_made_from_ref(e));
        let seq = self.cur_seq();
        let idents = pattern_idents(pat);
        // The binding's type, when the source names it: an arm where the binding is not kept
        // declares it afresh (`let mut x;`), and without the type it would only get the one
        // of what that arm assigns (`x = 11` is `{integer}`, not the parameter's `i64`).
        let simple = matches!(pat, Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none());
        let known = match ty {
            Some(t) => Some(t.clone()),
            None => init.and_then(|e| self.type_of(e)),
        };
        let known = known.filter(|t| simple && nameable(t));
        let n = self.node();
        let mut ids = Vec::new();
        for (ident, mutable) in idents {
            let ty = known.clone().map(Box::new);
            let id = self.add_binding(ident, mutable, ty, seq, is_ref);
            self.bindings[id].borrows = borrows.clone();
            if !made_from.is_empty() {
                self.made_from_borrows.insert(id, made_from.clone());
            }
            if ref_items {
                self.ref_item_iters.insert(id);
            }
            if made_from_ref {
                self.made_from_refs.insert(id);
            }
            if initialised {
                self.cfg[n].defs.insert(id);
            } else {
                self.bindings[id].assigned_once = !mutable;
                self.cfg[n].kills.insert(id);
            }
            ids.push(id);
        }
        self.append(n);
        ids
    }

    /// The type of an initialiser when it is written in it: a suffixed literal, a cast, a
    /// copy of a binding of known type.
    fn type_of(&self, e: &Expr) -> Option<Type> {
        match strip(e) {
            Expr::Lit(l) => match &l.lit {
                syn::Lit::Int(i) if !i.suffix().is_empty() => syn::parse_str(i.suffix()).ok(),
                syn::Lit::Float(f) if !f.suffix().is_empty() => syn::parse_str(f.suffix()).ok(),
                syn::Lit::Bool(_) => Some(syn::parse_quote!(bool)),
                syn::Lit::Char(_) => Some(syn::parse_quote!(char)),
                syn::Lit::Str(_) => Some(syn::parse_quote!(&str)),
                _ => None,
            },
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) && matches!(strip(&u.expr), Expr::Lit(_)) => self.type_of(&u.expr),
            Expr::Cast(c) => Some((*c.ty).clone()),
            Expr::Path(p) if p.qself.is_none() => {
                let id = self.visible(&p.path.get_ident()?.to_string())?;
                self.bindings[id].ty.as_deref().cloned()
            }
            _ => None,
        }
    }

    fn register_entry(&mut self, kind: EntryKind, span: Span) {
        let n = self.node();
        self.append(n);
        let all: Vec<BindingId> = self.frames.iter().flat_map(|f| f.bindings.iter().copied()).collect();
        let (in_scope, hidden): (Vec<_>, Vec<_>) = all.iter().partition(|&&b| self.visible(&self.names[b]) == Some(b));
        for &h in &hidden {
            self.cfg[n].kills.insert(h);
        }
        let entry = Entry { kind, chain: self.chain.clone(), in_scope, saved: Vec::new(), span };
        self.entries.push(PendingEntry { entry, cfg: n, hidden });
    }

    fn walk_nodes(&mut self, seq: SeqId) {
        let ir = self.ir;
        for (i, node) in ir.seqs[seq].nodes.iter().enumerate() {
            self.chain.last_mut().expect("chain").index = i;
            let after_compound = i > 0 && !matches!(ir.seqs[seq].nodes[i - 1], Node::Stmt(_) | Node::Yield(_));
            if after_compound {
                self.register_entry(EntryKind::Join(seq, i), Span::call_site());
            }
            self.walk_node(seq, i, node);
        }
    }

    fn walk_child(&mut self, child: SeqId, branch: usize, start: impl FnOnce(&mut Self)) {
        self.chain.last_mut().expect("chain").branch = branch;
        self.chain.push(Link { seq: child, index: 0, branch: 0 });
        self.frames.push(Frame { bindings: Vec::new() });
        start(self);
        self.walk_nodes(child);
        self.frames.pop();
        self.chain.pop();
    }

    fn walk_node(&mut self, seq: SeqId, i: usize, node: &Node) {
        match node {
            Node::Stmt(s) => self.walk_stmt(seq, i, s),
            Node::Yield(y) => {
                let found = self.collect(|c| c.expr(&y.value));
                let (n, ids) = self.mention_node(found);
                self.append(n);
                // The value may leave before the suspension (`yield_!({ continue 'l; })`).
                for target in self.leap_targets_expr(&y.value) {
                    self.edge(n, target);
                }
                self.node_mentions.insert((seq, i), ids);
                self.register_entry(EntryKind::Resume(y.id), y.span);
                self.walk_resume_target(seq, i, y.id, &y.target);
            }
            Node::Block(child) => self.walk_child(*child, 0, |_| {}),
            Node::If(n) => {
                let found = self.collect(|c| c.expr(&n.cond));
                let (cond, ids) = self.mention_node(found);
                self.append(cond);
                self.node_mentions.insert((seq, i), ids);
                self.walk_child(n.then, 0, |b| {
                    for (p, matched) in let_patterns(&n.cond) {
                        b.declare_matched(p, matched);
                    }
                });
                let mut ends = vec![self.cur.take()];
                self.cur = Some(cond);
                if let Some(els) = n.els {
                    self.walk_child(els, 1, |_| {});
                }
                ends.push(self.cur.take());
                self.join(ends);
            }
            Node::Match(m) => {
                let pats: Vec<&Pat> = m.arms.iter().map(|a| &a.pat).collect();
                let found = self.collect(|c| c.matched(&m.scrutinee, &pats));
                let (scrutinee, ids) = self.mention_node(found);
                self.append(scrutinee);
                self.node_mentions.insert((seq, i), ids);
                let mut ends = Vec::new();
                for (k, arm) in m.arms.iter().enumerate() {
                    self.cur = Some(scrutinee);
                    self.walk_child(arm.body, k, |b| {
                        b.declare_matched(&arm.pat, &m.scrutinee);
                        if let Some(g) = &arm.guard {
                            let found = b.collect(|c| c.expr(g));
                            let (n, _) = b.mention_node(found);
                            b.append(n);
                        }
                    });
                    ends.push(self.cur.take());
                }
                self.join(ends);
            }
            Node::Loop(l) => {
                let head = if l.is_block {
                    let n = self.node();
                    self.append(n);
                    n
                } else {
                    self.register_entry(EntryKind::Head(l.id), Span::call_site());
                    self.cur.expect("entry node")
                };
                let exit = self.node();
                let info = CoroLoop { id: l.id, label: l.label.as_ref().map(|l| l.ident.to_string()), is_block: l.is_block };
                self.loops.push(LoopCtx { info, head, exit });
                self.walk_child(l.body, 0, |_| {});
                if let Some(c) = self.cur {
                    self.edge(c, if l.is_block { exit } else { head });
                }
                self.loops.pop();
                self.cur = self.has_preds(exit).then_some(exit);
            }
        }
    }

    fn has_preds(&self, n: usize) -> bool {
        self.cfg.iter().any(|node| node.succs.contains(&n))
    }

    fn join(&mut self, ends: Vec<Option<usize>>) {
        let j = self.node();
        let mut reached = false;
        for e in ends.into_iter().flatten() {
            self.edge(e, j);
            reached = true;
        }
        self.cur = reached.then_some(j);
    }

    fn walk_stmt(&mut self, seq: SeqId, i: usize, s: &Stmt) {
        let outer = std::mem::take(&mut self.mention_acc);
        let decls = self.native_stmt(s);
        let mentioned = std::mem::replace(&mut self.mention_acc, outer);
        self.node_mentions.insert((seq, i), mentioned);
        if let Some(ids) = decls {
            if let (Stmt::Local(l), [id], Some(node)) = (s, ids.as_slice(), self.cur) {
                if looks_big(l) {
                    self.pin_candidates.push((*id, node));
                }
            }
            self.node_decls.insert((seq, i), ids);
        }
        if stmt_diverges(s) {
            self.cur = None;
        }
    }

    /// Yield-free code is walked with its own control flow (blocks, `if`, `match`, loops,
    /// `break`/`continue`/`return`/`?`), so that an assignment on one branch is not mistaken
    /// for one on every path. Leaf expressions are single nodes.
    fn native_stmt(&mut self, s: &Stmt) -> Option<Vec<BindingId>> {
        match s {
            Stmt::Local(l) => Some(self.native_local(l)),
            Stmt::Expr(e, _) => {
                self.native_expr(e);
                None
            }
            Stmt::Macro(m) => {
                self.leaf(|c| c.visit_macro(&m.mac), &[]);
                None
            }
            Stmt::Item(_) => None,
        }
    }

    fn native_local(&mut self, l: &syn::Local) -> Vec<BindingId> {
        let (pat, ty) = match &l.pat {
            Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
            p => (p, None),
        };
        let init = l.init.as_ref().map(|i| &*i.expr);
        if let Some(e) = init {
            self.leaf(|c| c.matched(e, &[pat]), &[]);
            self.leap_from(e);
        }
        if let Some((_, diverge)) = l.init.as_ref().and_then(|i| i.diverge.as_ref()) {
            let before = self.cur;
            self.native_expr(diverge);
            self.cur = before;
        }
        self.declare(pat, ty, init, init.is_some())
    }

    fn native_block(&mut self, block: &syn::Block) {
        self.frames.push(Frame { bindings: Vec::new() });
        for stmt in &block.stmts {
            self.native_stmt(stmt);
            if stmt_diverges(stmt) {
                self.cur = None;
            }
        }
        self.frames.pop();
    }

    fn native_expr(&mut self, e: &Expr) {
        match e {
            Expr::Block(b) if b.label.is_none() => self.native_block(&b.block),
            Expr::Block(b) => self.native_loop(label_name(&b.label), true, |w| w.native_block(&b.block)),
            Expr::If(i) => {
                self.leaf_expr(&i.cond);
                let cond = self.cur;
                self.frames.push(Frame { bindings: Vec::new() });
                for (p, matched) in let_patterns(&i.cond) {
                    self.declare_matched(p, matched);
                }
                self.native_block(&i.then_branch);
                self.frames.pop();
                let then_end = self.cur.take();
                self.cur = cond;
                if let Some((_, els)) = &i.else_branch {
                    self.native_expr(els);
                }
                let else_end = self.cur.take();
                self.join(vec![then_end, else_end]);
            }
            Expr::Match(m) => {
                let pats: Vec<&Pat> = m.arms.iter().map(|a| &a.pat).collect();
                self.leaf(|c| c.matched(&m.expr, &pats), &[]);
                self.leap_from(&m.expr);
                let scrutinee = self.cur;
                let mut ends = Vec::new();
                for arm in &m.arms {
                    self.cur = scrutinee;
                    self.frames.push(Frame { bindings: Vec::new() });
                    self.declare_matched(&arm.pat, &m.expr);
                    if let Some((_, g)) = &arm.guard {
                        self.leaf_expr(g);
                    }
                    self.native_expr(&arm.body);
                    self.frames.pop();
                    ends.push(self.cur.take());
                }
                self.join(ends);
            }
            Expr::Loop(l) => self.native_loop(label_name(&l.label), false, |w| w.native_block(&l.body)),
            Expr::While(w) => self.native_loop(label_name(&w.label), false, |b| {
                b.leaf_expr(&w.cond);
                let cond = b.cur;
                let exit = b.loops.last().expect("loop").exit;
                if let Some(c) = cond {
                    b.edge(c, exit);
                }
                b.frames.push(Frame { bindings: Vec::new() });
                for (p, matched) in let_patterns(&w.cond) {
                    b.declare_matched(p, matched);
                }
                b.native_block(&w.body);
                b.frames.pop();
            }),
            Expr::ForLoop(f) => {
                self.leaf_expr(&f.expr);
                self.native_loop(label_name(&f.label), false, |b| {
                    let exit = b.loops.last().expect("loop").exit;
                    if let Some(c) = b.cur {
                        b.edge(c, exit);
                    }
                    b.frames.push(Frame { bindings: Vec::new() });
                    b.declare(&f.pat, None, None, true);
                    b.native_block(&f.body);
                    b.frames.pop();
                });
            }
            Expr::Assign(a) if matches!(&*a.left, Expr::Path(p) if p.path.get_ident().is_some()) => {
                let Expr::Path(p) = &*a.left else { return };
                let name = p.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
                // The value first, with its own leaps (`x = loop { continue 'outer; }`): a
                // path that leaves from inside it never assigns `x`.
                self.leaf_expr(&a.right);
                if self.cur.is_some() {
                    self.leaf(|_| {}, &[(name, Access::Def)]);
                }
            }
            Expr::Paren(p) => self.native_expr(&p.expr),
            other => self.leaf_expr(other),
        }
    }

    /// A native loop (or labeled block): `body` runs with the loop on the leap stack.
    fn native_loop(&mut self, label: Option<String>, is_block: bool, body: impl FnOnce(&mut Self)) {
        let head = self.node();
        self.append(head);
        let exit = self.node();
        self.native_loops += 1;
        let info = CoroLoop { id: usize::MAX - self.native_loops, label, is_block };
        self.loops.push(LoopCtx { info, head, exit });
        body(self);
        if let Some(c) = self.cur {
            self.edge(c, if is_block { exit } else { head });
        }
        self.loops.pop();
        self.cur = Some(exit);
    }

    fn leaf_expr(&mut self, e: &Expr) {
        self.leaf(|c| c.expr(e), &[]);
        self.leap_from(e);
    }

    /// The edges out of the current node for `e`'s `break`s, `continue`s and `return`s; none
    /// to the next node if `e` never completes.
    fn leap_from(&mut self, e: &Expr) {
        let targets = self.leap_targets_expr(e);
        let n = self.cur.expect("leaf node");
        for t in targets {
            self.edge(n, t);
        }
        if crate::detect::expr_diverges(e) {
            self.cur = None;
        }
    }

    /// One CFG node for a yield-free expression's mentions (plus `extra` ones after them).
    fn leaf(&mut self, f: impl FnOnce(&mut Collector), extra: &[(String, Access)]) {
        let mut found = self.collect(f);
        found.extend(extra.iter().cloned());
        let (n, ids) = self.mention_node(found);
        self.mention_acc.extend(ids);
        self.append(n);
    }

    fn walk_resume_target(&mut self, seq: SeqId, i: usize, yield_id: usize, target: &ResumeTarget) {
        match target {
            ResumeTarget::Discard => {}
            ResumeTarget::Let { pat, ty } => {
                let resume = self.resume.clone();
                let ids = self.declare(pat, ty.as_deref().or(resume.as_ref()), None, true);
                self.node_decls.insert((seq, i), ids);
            }
            ResumeTarget::Assign(_) | ResumeTarget::Delegate { .. } => {
                use crate::syntax::{assign, call, mut_ref, unit};
                let stmt = match target {
                    ResumeTarget::Delegate { state, delegate } => {
                        if let Some(id) = self.root_binding(delegate) {
                            self.delegated_places.insert(id);
                        }
                        let site = Span::call_site();
                        let resume = syn::Path::from(proc_macro2::Ident::new("resume", site));
                        assign(state.clone(), call(resume, [mut_ref((**delegate).clone(), site), unit()], site))
                    }
                    // The value is the resume argument.
                    ResumeTarget::Assign(place) => assign(place.clone(), unit()),
                    _ => unreachable!(),
                };
                let found = self.collect(|c| c.stmt(&stmt));
                let (n, ids) = self.mention_node(found);
                self.append(n);
                self.resume_mentions.insert(yield_id, ids);
            }
        }
    }

    /// CFG targets of the `return`, `?`, `break` and `continue` inside a yield-free expression.
    fn leap_targets_expr(&self, e: &Expr) -> Vec<usize> {
        let coro: Vec<CoroLoop> = self.loops.iter().map(|l| l.info.clone()).collect();
        let mut finder = LeapFinder { coro: &coro, native: NativeScope::default(), found: Vec::new() };
        finder.visit_expr(e);
        finder
            .found
            .into_iter()
            .map(|leap| match leap {
                Leap::Exit => self.exit,
                Leap::Break(k) => self.loops[k].exit,
                Leap::Continue(k) => self.loops[k].head,
            })
            .collect()
    }

    /// Declares the bindings of a pattern matched against `scrutinee` (`if let`, `while let`,
    /// a `match` arm). They borrow from a local when the scrutinee does (`&o`, `o.as_ref()`),
    /// or when the pattern binds by `ref` from the local itself (`Some(ref x) = o`).
    fn declare_matched(&mut self, pat: &Pat, scrutinee: &Expr) {
        let ids = self.declare(pat, None, None, true);
        let mut borrows = self.borrows_in(scrutinee);
        if borrows.is_empty() && binds_by_ref(pat) {
            borrows.extend(self.owners(strip(scrutinee)).into_iter().map(|id| (id, scrutinee.to_token_stream())));
        }
        // Matched against a reference, the bindings are references (or copies): kept only
        // while they are used, as they have no destructor.
        let (is_ref, made_from_ref) = (self.is_ref_valued(scrutinee), self.is_made_from_ref(scrutinee));
        for id in ids {
            self.bindings[id].borrows = borrows.clone();
            self.bindings[id].is_ref |= is_ref;
            if made_from_ref {
                self.made_from_refs.insert(id);
            }
        }
    }

    /// `&v`, `&mut v`, `&v[..]`, borrowing views (`v.iter()`) and non-`move` closures that
    /// mention a local that owns its value.
    fn borrows_in(&self, e: &Expr) -> Vec<(BindingId, TokenStream)> {
        let mut found = Vec::new();
        let e = without_into_iter(e);
        let owned_by = |ids: Vec<BindingId>| ids.into_iter().map(|id| (id, e.to_token_stream()));
        match e {
            Expr::Reference(r) => found.extend(owned_by(self.owners(&r.expr))),
            Expr::MethodCall(m) if is_borrowing_view(&m.method.to_string()) => found.extend(owned_by(self.owners(&m.receiver))),
            // An iterator adapter holds its receiver, and whatever its closure or other iterator
            // borrows (`v.iter().enumerate()`, `(0..n).map(|i| i * k)`, `a.iter().zip(&b)`);
            // `Option::map` and the like do not keep their closure.
            Expr::MethodCall(m) if is_iterator_adapter(&m.method.to_string()) => {
                found.extend(self.borrows_in(&m.receiver));
                if is_iterator(&m.receiver) {
                    for arg in &m.args {
                        found.extend(self.borrows_in(arg));
                    }
                }
            }
            Expr::Closure(c) if c.capture.is_none() => {
                let mut ids: Vec<BindingId> = Vec::new();
                for (name, _) in self.collect(|col| col.expr(e)) {
                    let Some(id) = self.visible(&name) else { continue };
                    for owner in self.owners_of(id) {
                        if !ids.contains(&owner) {
                            ids.push(owner);
                        }
                    }
                }
                found.extend(owned_by(ids));
            }
            _ => {}
        }
        found
    }

    /// What a delegate borrows: besides what `borrows_in` sees, the borrows passed to the call
    /// that makes it (`yield_from!(sub(&mut v))`), which the generator it returns keeps.
    fn delegate_borrows(&self, e: &Expr) -> Vec<(BindingId, TokenStream)> {
        let mut found = self.borrows_in(e);
        found.extend(self.call_arg_borrows(e));
        // `let d = sub(&mut v); yield_from!(d)`
        let moved = self.root_binding(e).filter(|_| matches!(strip(e), Expr::Path(_)));
        found.extend(moved.and_then(|d| self.made_from_borrows.get(&d)).into_iter().flatten().cloned());
        found
    }

    /// The borrows of locals passed as arguments to the call `e` (not its receiver).
    fn call_arg_borrows(&self, e: &Expr) -> Vec<(BindingId, TokenStream)> {
        let args = match strip(e) {
            Expr::Call(c) => Some(&c.args),
            Expr::MethodCall(m) => Some(&m.args),
            _ => None,
        };
        args.into_iter().flatten().flat_map(|arg| self.arg_borrows(arg)).collect()
    }

    /// What an argument lends: its borrows, or, for a `&mut` parameter passed as it is, an
    /// implicit reborrow of it (`sub(v)` with `v: &mut Vec<_>`).
    fn arg_borrows(&self, arg: &Expr) -> Vec<(BindingId, TokenStream)> {
        let reborrowed = match strip(arg) {
            Expr::Path(_) => self.root_binding(arg).filter(|id| self.mut_ref_params.contains(id)),
            _ => None,
        };
        match reborrowed {
            Some(id) => vec![(id, arg.to_token_stream())],
            None => self.borrows_in(arg),
        }
    }

    /// The locals a borrow of `place` borrows: the local that owns its value, the `&mut`
    /// parameter it reborrows, or what a reference local borrows (`let r = &v;` then `r.iter()`).
    fn owners(&self, place: &Expr) -> Vec<BindingId> {
        match strip(place) {
            // `text.as_str().lines()`: the view of a view borrows the same local.
            Expr::MethodCall(m) if is_borrowing_view(&m.method.to_string()) => self.owners(&m.receiver),
            place => self.root_binding(place).map_or_else(Vec::new, |id| self.owners_of(id)),
        }
    }

    /// The binding at the root of a place (`v` in `v.a[i]`, `*v`).
    fn root_binding(&self, place: &Expr) -> Option<BindingId> {
        place_root(place).and_then(|i| self.visible(&i.to_string()))
    }

    fn owners_of(&self, id: BindingId) -> Vec<BindingId> {
        let b = &self.bindings[id];
        let passes_on = (b.is_ref || self.made_from_refs.contains(&id)) && !self.mut_ref_params.contains(&id);
        match passes_on {
            true => b.borrows.iter().map(|(owner, _)| *owner).collect(),
            false => vec![id],
        }
    }

    /// Whether `e` is a reference, or a value that only holds one (an iterator over a borrow,
    /// `Option<&T>`), without a destructor of its own: a binding of it is kept only while used.
    /// Only shapes whose std meaning has no destructor: a wrong guess here would change when
    /// something is dropped.
    fn is_ref_valued(&self, e: &Expr) -> bool {
        match strip(e) {
            Expr::Reference(r) => place_root(&r.expr).is_some(),
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                match method.as_str() {
                    // On a slice; `Iterator::last` of a local iterator would also move it,
                    // which keeping the local then reports.
                    "first" | "last" => place_root(&m.receiver).is_some(),
                    "unwrap" | "expect" => self.is_ref_valued(&m.receiver),
                    // `peekable` keeps an item, which may be owned.
                    "peekable" => false,
                    _ => is_ref_method(&method) || is_lazy_adapter(m) && self.is_ref_valued(&m.receiver),
                }
            }
            _ => false,
        }
    }

    /// Whether a binding of `e` holds what `e` was made from, without being known to have no
    /// destructor: the item of an iterator over references (`for x in v.iter()`, but a
    /// `Receiver`'s `iter()` yields owned values), `v.iter().next()`. It is kept like any
    /// local, but a borrow through it borrows what it was made from, not the binding.
    fn is_made_from_ref(&self, e: &Expr) -> bool {
        match strip(e) {
            Expr::MethodCall(m) => is_item_taker(&m.method.to_string()) && items_are_refs(&m.receiver),
            // A `for` loop's item: `match Iterator::next(&mut it) { .. }`.
            Expr::Match(m) => match strip(&m.expr) {
                Expr::Call(c) if c.args.len() == 1 => match strip(&c.args[0]) {
                    Expr::Reference(r) => self.root_binding(&r.expr).is_some_and(|it| self.ref_item_iters.contains(&it)),
                    _ => false,
                },
                _ => false,
            },
            _ => false,
        }
    }

    fn finish(mut self) -> syn::Result<Analysis> {
        for &id in &self.delegated_places {
            let made_from = self.made_from_borrows.remove(&id).unwrap_or_default();
            self.bindings[id].borrows.extend(made_from);
        }
        // Code that no path reaches is never emitted (rustc drops it): a slot declared there
        // would have no type.
        let reachable = self.reachable();
        for &(b, node) in &self.pin_candidates {
            self.bindings[b].pinned = reachable[node] && !self.unpinnable.contains(&b);
        }
        let (live, owned) = self.dataflow();
        // An entry that no path reaches (a `yield_!` after a `break` out of its argument) still
        // gets an arm that must compile. It keeps what that arm reads and what the states it
        // goes on to build keep (as uses at their entries), not what the must-analysis
        // vacuously calls owned there (a `let v;` assigned once later would be assigned twice).
        // A reference has no destructor: owning one is no reason to keep it, and keeping a
        // `&mut` beside an iterator that reborrows it would alias it (`for r in v.iter_mut()`).
        let mut refs = BitSet::new(self.bindings.len());
        for b in (0..self.bindings.len()).filter(|&b| self.bindings[b].is_ref) {
            refs.insert(b);
        }
        let kept_at = |cfg: usize| {
            let mut owning = owned[cfg].clone();
            owning.subtract(&refs);
            let mut set = live[cfg].clone();
            set.union_with(&owning);
            set
        };
        let width = self.bindings.len();
        let saved_at = |p: &PendingEntry| {
            let kept = kept_at(p.cfg);
            let mut set = BitSet::new(width);
            p.entry.in_scope.iter().filter(|&&b| !self.bindings[b].pinned && kept.contains(b)).for_each(|&b| set.insert(b));
            set
        };
        let reached: FastMap<usize, BitSet> =
            self.entries.iter().filter(|p| reachable[p.cfg]).map(|p| (p.cfg, saved_at(p))).collect();
        // Rare (a `yield_!` after a `break` out of its argument): a second liveness pass only then.
        let any_unreached = self.entries.iter().any(|p| !reachable[p.cfg]);
        let live_unreached = if any_unreached { self.liveness(&reached) } else { Vec::new() };
        let mut errors = None;
        // A borrow is reported once, at the first `yield_!` it is held across.
        let mut reported = FastSet::default();
        let mut entries = Vec::new();
        for pending in std::mem::take(&mut self.entries) {
            let PendingEntry { mut entry, cfg, hidden } = pending;
            let bindings = &self.bindings;
            let wanted = if reachable[cfg] { kept_at(cfg) } else { live_unreached[cfg].clone() };
            let keep = |b: &BindingId| !bindings[*b].pinned && wanted.contains(*b);
            entry.saved = entry.in_scope.iter().copied().filter(keep).collect();
            for &h in hidden.iter().filter(|h| live[cfg].contains(**h)) {
                combine(&mut errors, self.hidden_error(h, &entry));
            }
            if let EntryKind::Resume(_) = entry.kind {
                for e in self.borrow_errors(&entry, &mut reported) {
                    combine(&mut errors, e);
                }
            }
            entries.push(entry);
        }
        if let Some(e) = errors {
            return Err(e);
        }
        let entry_index = entries.iter().enumerate().map(|(i, e)| (e.kind, i)).collect();
        Ok(Analysis {
            bindings: self.bindings,
            entries,
            entry_index,
            node_mentions: self.node_mentions,
            resume_mentions: self.resume_mentions,
            node_decls: self.node_decls,
        })
    }

    fn hidden_error(&self, hidden: BindingId, entry: &Entry) -> Error {
        let b = &self.bindings[hidden];
        let shadow = entry.in_scope.iter().find(|&&v| self.bindings[v].ident == b.ident).map(|&v| &self.bindings[v].ident);
        let msg = format!(
            "`{}` is needed after this scope ends, but a `yield_!` inside the scope suspends while another `{}` hides it; rename one of them",
            b.ident, b.ident
        );
        Error::new(shadow.map_or(b.ident.span(), |s| s.span()), msg)
    }

    fn borrow_errors(&self, entry: &Entry, reported: &mut FastSet<(BindingId, BindingId)>) -> Vec<Error> {
        let mut out = Vec::new();
        let line = entry.span.start().line;
        let delegated = matches!(entry.kind, EntryKind::Resume(y) if self.ir.delegated.contains(&y));
        let what = if delegated { "`yield_from!`" } else { "`yield_!`" };
        let at = if line > 0 { format!("the {what} on line {line}") } else { format!("a {what}") };
        for &b in &entry.saved {
            let binding = &self.bindings[b];
            for (owner, tokens) in &binding.borrows {
                // A reborrow of a `&mut` parameter only conflicts with keeping the parameter.
                let reborrow = self.mut_ref_params.contains(owner);
                if reborrow && !entry.saved.contains(owner) || !reported.insert((b, *owner)) {
                    continue;
                }
                out.push(Error::new_spanned(tokens, self.borrow_message(b, *owner, tokens, &at)));
            }
        }
        out
    }

    /// Why `holder`, kept across the `yield_!` described by `at`, cannot borrow `owner`
    /// through `tokens`, and how to fix it.
    fn borrow_message(&self, holder: BindingId, owner: BindingId, tokens: &TokenStream, at: &str) -> String {
        let binding = &self.bindings[holder];
        let reborrow = self.mut_ref_params.contains(&owner);
        let by_value_self = self.bindings[owner].ident == crate::expand::SELF_BINDING && !reborrow;
        let owner_id = owner;
        let owner = crate::rename::display_name(&self.bindings[owner].ident);
        let unused = binding.ident.to_string().starts_with(crate::unused::PREFIX);
        let name = crate::rename::display_name(&binding.ident);
        // The place as written, when it is the owner's (not a reference local's).
        let of_owner = |p: &String| p.trim_start_matches('*').split('.').next() == Some(owner.as_str());
        let iterated = iterated_place(tokens).filter(of_owner).unwrap_or_else(|| owner.clone());
        let closure = matches!(syn::parse2::<Expr>(tokens.clone()), Ok(Expr::Closure(_)));
        let msg = if reborrow {
            let (what, help) = match &name {
                _ if is_for_iterator(&binding.ident) => ("this `for` loop's iterator".to_string(), format!("iterate over indices (`for i in 0..{iterated}.len()`)")),
                _ if is_delegate(&binding.ident) => ("the generator `yield_from!` delegates to".to_string(), format!("if `{owner}` is the generator, delegate to it where it is (`yield_from!(&mut *{owner})`); otherwise do not use `{owner}` after this `yield_from!`")),
                n if n.starts_with("__coro_") => ("this expression".to_string(), format!("evaluate the `yield_!` into a local first (`let y = yield_!(..);`), then reborrow `{owner}`")),
                n => (format!("`{n}`"), format!("reborrow `{owner}` again after the `yield_!`")),
            };
            format!("{what} reborrows the `&mut` parameter `{owner}`, which is used again after {at}: the coroutine would keep both across it, and a `&mut` cannot be held twice\nhelp: {help}")
        } else if is_extended_temporary(&self.bindings[owner_id].ident) {
            format!("`{name}` borrows the temporary it was initialised with (which lives as long as `{name}`) across {at}: a coroutine's locals move when it suspends, so a borrow cannot be held across `yield_!`\nhelp: keep the value itself in `{name}` (drop the `&`)")
        } else if unused {
            format!("`{name}` borrows `{owner}` and, though never used again, lives to the end of its scope (it may be a guard), across {at}: a coroutine's locals move when it suspends, so a borrow of a local cannot be held across `yield_!`\nhelp: drop `{name}` before the `yield_!` (`drop({name});`), or do not bind it")
        } else if is_delegate(&binding.ident) || self.was_delegated(holder) {
            format!("`yield_from!` delegates to a generator that borrows the local `{owner}`: a coroutine's locals move when it suspends, so a borrow of a local cannot be held across its yields\nhelp: pass `{owner}` by value (moved, copied or cloned); if `{owner}` is the generator itself, delegate to it where it is (`yield_from!(&mut {owner})`), which leaves it usable afterwards")
        } else if closure && name.starts_with("__coro_") {
            format!("this closure borrows `{owner}` and is kept across {at}: a coroutine's locals move when it suspends, so a borrow of a local cannot be held across `yield_!`\nhelp: make it a `move` closure")
        } else if is_for_iterator(&binding.ident) {
            format!("this `for` loop iterates over a borrow of `{owner}` across {at}: a coroutine's locals move when it suspends, so a borrow of a local cannot be held across `yield_!`\nhelp: iterate by value (`for x in {iterated}`), over indices (`for i in 0..{iterated}.len()`), or over a clone")
        } else if name.starts_with("__coro_") {
            // A temporary of the expansion (an operand evaluated before a yielding one,
            // as in `f(&v, yield_!(..))`): the user wrote an expression, not a binding.
            format!("this borrow of `{owner}` is still in use at {at}: it is taken before the `yield_!` in the same expression and held until the expression is done, but a coroutine's locals move when it suspends, so a borrow of a local cannot be held across `yield_!`\nhelp: evaluate the `yield_!` into a local before this expression (`let y = yield_!(..);`), then borrow `{owner}` after it")
        } else if closure {
            format!("the closure `{name}` borrows `{owner}` and is kept across {at}: a coroutine's locals move when it suspends, so a borrow of a local cannot be held across `yield_!`\nhelp: make it a `move` closure")
        } else {
            format!("`{name}` borrows `{owner}` and is still in use after {at}: a coroutine's locals move when it suspends, so a borrow of a local cannot be held across `yield_!`\nhelp: borrow `{owner}` again after the `yield_!`, or keep an index or an owned copy instead")
        };
        let mut msg = msg;
        if name == owner {
            msg += &format!("\nnote: the borrowed `{owner}` is the earlier one, which this `{name}` shadows");
        }
        if by_value_self {
            // The macro cannot see `Self`: it may be a reference (`impl Trait for &'a T`).
            msg += "\nnote: if `Self` is a reference (`impl Trait for &'a T`), bind `self` with its type first (`let this: &'a T = self;`) and use `this`: a borrow through a reference is not a borrow of a local";
        }
        msg
    }

    fn was_delegated(&self, b: BindingId) -> bool {
        self.delegated_places.contains(&b)
    }

    /// Backward "may be used later" at each node's entry; `extra` adds uses at some nodes.
    fn liveness(&self, extra: &FastMap<usize, BitSet>) -> Vec<BitSet> {
        let n = self.cfg.len();
        let width = self.bindings.len();
        let mut live_in = vec![BitSet::new(width); n];
        let mut changed = true;
        while changed {
            changed = false;
            for i in (0..n).rev() {
                let node = &self.cfg[i];
                let mut set = BitSet::new(width);
                node.succs.iter().for_each(|&s| set.union_with(&live_in[s]));
                set.subtract(&node.defs);
                set.subtract(&node.live_kills);
                set.union_with(&node.uses);
                if let Some(uses) = extra.get(&i) {
                    set.union_with(uses);
                }
                if set != live_in[i] {
                    live_in[i] = set;
                    changed = true;
                }
            }
        }
        live_in
    }

    /// The CFG nodes that some path from the start reaches.
    fn reachable(&self) -> Vec<bool> {
        let mut seen = vec![false; self.cfg.len()];
        let mut stack = vec![1];
        while let Some(n) = stack.pop() {
            if !std::mem::replace(&mut seen[n], true) {
                stack.extend(self.cfg[n].succs.iter().copied().filter(|&s| !seen[s]));
            }
        }
        seen
    }

    /// Backward "may be used later" and forward "owned on every path" sets at each node's entry.
    fn dataflow(&self) -> (Vec<BitSet>, Vec<BitSet>) {
        let n = self.cfg.len();
        let width = self.bindings.len();
        let mut preds = vec![Vec::new(); n];
        for (i, node) in self.cfg.iter().enumerate() {
            node.succs.iter().for_each(|&s| preds[s].push(i));
        }
        let live_in = self.liveness(&FastMap::default());
        let start = 1;
        let mut owned_out = vec![BitSet::full(width); n];
        let mut owned_in = vec![BitSet::new(width); n];
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..n {
                // An unreachable node constrains nothing (the top of a must-analysis).
                let mut set = if i == start {
                    BitSet::new(width)
                } else if preds[i].is_empty() {
                    BitSet::full(width)
                } else {
                    let mut s = BitSet::full(width);
                    preds[i].iter().for_each(|&p| s.intersect_with(&owned_out[p]));
                    s
                };
                owned_in[i] = set.clone();
                let node = &self.cfg[i];
                set.subtract(&node.moves);
                set.subtract(&node.kills);
                set.union_with(&node.defs);
                if set != owned_out[i] {
                    owned_out[i] = set;
                    changed = true;
                }
            }
        }
        // An entry node's own kills (hidden bindings dropped at the suspension) apply to what
        // it saves too.
        for (i, node) in self.cfg.iter().enumerate() {
            owned_in[i].subtract(&node.kills);
        }
        (live_in, owned_in)
    }
}

/// A simple `let` of an array (a repeat expression or an array type): moving it in and out of
/// the state enum on every resume would copy it, so it is a candidate for a pinned slot.
fn looks_big(l: &syn::Local) -> bool {
    let (pat, ty) = match &l.pat {
        Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
        p => (p, None),
    };
    let simple = matches!(pat, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none());
    let init = l.init.as_ref().filter(|i| i.diverge.is_none()).map(|i| strip(&i.expr));
    // Measured: even an `[u8; 8]` kept by value costs 10x per resume (it lives in memory and
    // is copied in and out), so every array qualifies.
    let array = matches!(ty, Some(Type::Array(_))) || matches!(init, Some(Expr::Repeat(_)));
    simple && init.is_some() && array
}

/// A type that can be written in a `let` inside the body (no `impl Trait`, no `_`).
pub fn nameable(ty: &Type) -> bool {
    fn clean(tokens: TokenStream) -> bool {
        tokens.into_iter().all(|tt| match tt {
            proc_macro2::TokenTree::Ident(i) => i != "impl" && i != "_",
            proc_macro2::TokenTree::Punct(p) => p.as_char() != '_',
            proc_macro2::TokenTree::Group(g) => clean(g.stream()),
            proc_macro2::TokenTree::Literal(_) => true,
        })
    }
    clean(ty.to_token_stream())
}

enum Leap {
    Exit,
    Break(usize),
    Continue(usize),
}

struct LeapFinder<'a> {
    coro: &'a [CoroLoop],
    native: NativeScope,
    found: Vec<Leap>,
}

impl LeapFinder<'_> {
    fn in_native_loop(&mut self, label: Option<String>, is_loop: bool, f: impl FnOnce(&mut Self)) {
        let saved = self.native.clone();
        self.native.loop_depth += usize::from(is_loop);
        self.native.labels.extend(label);
        f(self);
        self.native = saved;
    }
}

impl<'ast> Visit<'ast> for LeapFinder<'_> {
    fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
        self.found.push(Leap::Exit);
        visit::visit_expr_return(self, r);
    }
    fn visit_expr_try(&mut self, t: &'ast syn::ExprTry) {
        self.found.push(Leap::Exit);
        visit::visit_expr_try(self, t);
    }
    fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
        if let Some(k) = resolve(self.coro, &self.native, b.label.as_ref()) {
            self.found.push(Leap::Break(k));
        }
        visit::visit_expr_break(self, b);
    }
    fn visit_expr_continue(&mut self, c: &'ast syn::ExprContinue) {
        if let Some(k) = resolve(self.coro, &self.native, c.label.as_ref()) {
            self.found.push(Leap::Continue(k));
        }
    }
    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        self.in_native_loop(label_name(&l.label), true, |s| visit::visit_expr_loop(s, l));
    }
    fn visit_expr_while(&mut self, l: &'ast syn::ExprWhile) {
        self.in_native_loop(label_name(&l.label), true, |s| visit::visit_expr_while(s, l));
    }
    fn visit_expr_for_loop(&mut self, l: &'ast syn::ExprForLoop) {
        self.visit_expr(&l.expr);
        self.in_native_loop(label_name(&l.label), true, |s| s.visit_block(&l.body));
    }
    fn visit_expr_block(&mut self, b: &'ast syn::ExprBlock) {
        self.in_native_loop(label_name(&b.label), false, |s| visit::visit_expr_block(s, b));
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
