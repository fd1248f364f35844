//! Emission of the state machine.
//!
//! The fn body becomes
//!
//! ```text
//! enum __CoroState<T0, T1, ..> {       // one type parameter per kept binding; rustc infers them
//!     Suspended1 { kept locals.. },    // one variant per `yield_!`, first: low discriminants
//!     Start { params.. },              // not started
//!     Done, Poisoned,
//! }
//! Machine::new(__CoroState::Start { .. }, |state, arg| {
//!     match mem::replace(state, Poisoned) { /* one arm per variant, in source order */ }
//! })
//! ```
//!
//! While a resume runs, the state is `Poisoned`, so a panic leaves it poisoned. An arm moves its
//! fields into locals, re-opening the scopes that enclose its entry point (outermost first, so
//! shadowing and drop order are those of the source), and runs the code from its entry point
//! to the next `yield_!` (store the kept locals in the resume point's variant, return
//! `Yielded`) or to completion (store `Done`, return `Complete`). Loop heads and joins are
//! not states: the arm's code reaches them inline. A yield-carrying loop that an arm enters
//! part-way runs the rest of its body in a labeled frame and then goes on as a native `loop`,
//! so a resume never goes back through the dispatch `match`. Code without a yield is emitted
//! as written. Variant fields are in reverse declaration order, so dropping a suspended
//! machine drops its locals as leaving their scopes would. Resume points that no emitted code
//! reaches are left out, since a variant nobody builds leaves its type parameters uninferable.
//!
//! Three variations:
//! * A yield-carrying loop with two or more `yield_!`s inside is emitted once more, after the
//!   `match`: the arms that resume inside it break out to that copy instead of each running
//!   their own (see [`crate::joins`]).
//! * A body that writes a closure (a type per place in the source) must not have any statement
//!   emitted twice, so loop heads and joins become states too (`Loop<k>`, `Join<s>_<i>`), and
//!   the `match` runs in a `'__coro_dispatch` loop that jumps go around.
//! * A suspension in `yield_from!` that keeps only its delegate is matched by reference first:
//!   the delegate is resumed where it is, and the state is moved out only once it completes.

use std::collections::BTreeSet;

use crate::fast_hash::{FastMap, FastSet};

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Ident, Lifetime, Stmt, Type};

use crate::analyze::{Analysis, Binding, BindingId, Entry, EntryKind};
use crate::detect::{may_diverge, stmt_diverges};
use crate::ir::{Ir, Loop, Node, ResumeTarget, SeqId, Yield};
use crate::leap::{label_name, resolve, CoroLoop, NativeScope};
use crate::sig::{CoroSig, Kind};
use crate::syntax::{located, quiet};

/// What the emitted fn body needs besides the IR and the analysis.
pub struct Target<'a> {
    pub sig: &'a CoroSig,
    pub fn_name: String,
    /// The expressions that initialise the `Start` fields, one per parameter binding.
    pub param_values: Vec<TokenStream>,
    /// Loop heads and joins are states too, so that no statement is emitted twice (see
    /// [`crate::detect::defines_unique_types`]).
    pub dispatch: bool,
    /// The fn's const generic parameters (they may size a constant slot).
    pub const_params: Vec<String>,
}

pub fn emit(ir: &Ir, an: &Analysis, target: &Target) -> TokenStream {
    let mut e = Emitter::new(ir, an, target);
    let in_place = an.entries.iter().any(|entry| e.in_place_delegate(entry).is_some());
    if !target.dispatch && !in_place {
        e.shared_heads = crate::joins::plan(ir, an);
    }
    let mut arms = FastMap::default();
    for entry in an.entries.iter().filter(|e| e.is_state(target.dispatch)) {
        let arm = match e.in_place_arm(entry) {
            Some(arm) => arm,
            None => e.arm(entry),
        };
        arms.insert(entry.kind, arm);
    }
    for kind in e.shared_heads.clone() {
        let head = e.code_from(an.entry(kind));
        arms.insert(kind, head);
    }
    let kept = reachable(&arms);
    e.machine(&arms, &kept)
}

impl Entry {
    /// Loop heads and joins are analysed as entries, but the emitted code reaches them inline
    /// (each arm runs the code up to its next suspension), unless `dispatch`.
    fn is_state(&self, dispatch: bool) -> bool {
        dispatch || matches!(self.kind, EntryKind::Start | EntryKind::Resume(_))
    }
}

/// A suspension in `yield_from!` whose delegate is resumed in place.
struct InPlace {
    field: Ident,
    tokens: TokenStream,
    /// Where the user wrote the `yield_from!`.
    at: Span,
}

/// An arm of the dispatch `match`, or the code of a shared loop head.
struct Arm {
    tokens: TokenStream,
    targets: BTreeSet<EntryKind>,
    /// The pinned bindings whose `let` this arm runs.
    declares: BTreeSet<BindingId>,
    /// For a suspension in `yield_from!`: the delegate's field, and the arm that goes on once
    /// the delegate, resumed in place, has completed.
    in_place: Option<InPlace>,
    /// For a shared loop head: the kept locals that its pattern binds by name.
    bound: Vec<BindingId>,
}

fn reachable(arms: &FastMap<EntryKind, Arm>) -> BTreeSet<EntryKind> {
    let mut kept = BTreeSet::from([EntryKind::Start]);
    let mut work = vec![EntryKind::Start];
    while let Some(k) = work.pop() {
        for t in &arms[&k].targets {
            if kept.insert(*t) {
                work.push(*t);
            }
        }
    }
    kept
}

struct Emitter<'a> {
    ir: &'a Ir,
    an: &'a Analysis,
    target: &'a Target<'a>,
    state: Ident,
    // Per-arm state.
    targets: BTreeSet<EntryKind>,
    declares: BTreeSet<BindingId>,
    /// Emitting an arm whose delegate was resumed in place (its result is `__coro_resumed`).
    delegate_resumed: bool,
    mention_log: Vec<BindingId>,
    /// `(loop id, is_continue)` of the leaps out of a loop's frame in this arm.
    frame_exits: FastSet<(usize, bool)>,
    /// The loops whose native `loop` some `break` leaves (cleared before each emission).
    native_breaks: FastSet<usize>,
    /// The loops whose native label some leap names (cleared before each emission).
    native_labels: FastSet<usize>,
    /// The yield-carrying loops around the code being emitted, innermost last, and whether
    /// that code runs inside the loop's native `loop` (`true`) or in the frame of an arm that
    /// entered the loop's body part-way (`false`).
    coro_loops: Vec<(CoroLoop, bool)>,
    /// Each sequence's parent node: `(parent seq, node index)`.
    parents: FastMap<SeqId, (SeqId, usize)>,
    /// Each loop's node: `(seq, node index)`.
    loop_nodes: FastMap<usize, (SeqId, usize)>,
    /// `: Y` and `: T` for the `let`s of yielded and returned values, if they can be written
    /// there (the annotation makes a type mismatch point at the user's value).
    yield_annotation: TokenStream,
    return_annotation: TokenStream,
    /// The pinned bindings whose slot holds an `Option`, emptied when control leaves their scope.
    clearable: Vec<BindingId>,
    /// The code of leap-free statements, by position, and of suspensions, by yield, once
    /// printed.
    printed: FastMap<(SeqId, usize), TokenStream>,
    printed_suspensions: FastMap<usize, TokenStream>,
    /// The loop heads emitted once, after the dispatch `match` (see [`crate::joins`]).
    shared_heads: Vec<EntryKind>,
    /// The shared loop heads that the code being emitted breaks out to: those of the loops its
    /// entry is inside (code that reaches a loop from ahead of it runs its own copy).
    inside_shared: Vec<EntryKind>,
    /// While emitting a shared head: the body's scope, whose kept locals its pattern binds.
    pattern_scope: Option<SeqId>,
    pattern_bound: Vec<BindingId>,
}

/// For `let x;` without initialiser: the bindings it declares and the mention-log position
/// after it.
type LazyDecl = Option<(Vec<BindingId>, usize)>;

/// Emitted code, and whether control can reach its end.
struct Code {
    tokens: TokenStream,
    falls: bool,
}

fn code(tokens: TokenStream, falls: bool) -> Code {
    Code { tokens, falls }
}

pub fn field(b: BindingId) -> Ident {
    Ident::new(&format!("__coro_b{b}"), Span::mixed_site())
}

fn slot(b: BindingId) -> Ident {
    Ident::new(&format!("__coro_p{b}"), Span::mixed_site())
}

fn type_param(b: BindingId) -> Ident {
    Ident::new(&format!("__CoroT{b}"), Span::mixed_site())
}

fn loop_label(id: usize) -> Lifetime {
    Lifetime::new(&format!("'__coro_l{id}"), Span::mixed_site())
}

fn frame_label(id: usize) -> Lifetime {
    Lifetime::new(&format!("'__coro_f{id}"), Span::mixed_site())
}

/// The block that the arms reaching a shared loop head leave the dispatch `match` by.
fn head_label(kind: EntryKind) -> Lifetime {
    let EntryKind::Head(id) = kind else { unreachable!("a shared head is a loop head") };
    Lifetime::new(&format!("'__coro_h{id}"), Span::mixed_site())
}

fn continue_label(id: usize) -> Lifetime {
    Lifetime::new(&format!("'__coro_c{id}"), Span::mixed_site())
}

fn variant(kind: EntryKind) -> Ident {
    let name = match kind {
        EntryKind::Start => "Start".to_string(),
        EntryKind::Resume(k) => format!("Suspended{k}"),
        EntryKind::Head(l) => format!("Loop{l}"),
        EntryKind::Join(s, i) => format!("Join{s}_{i}"),
    };
    Ident::new(&name, Span::mixed_site())
}

/// A child scope (block, branch or arm) as a block.
fn scoped(child: Code) -> Code {
    code(braced(child.tokens), child.falls)
}

// Emitted code is joined by value: `quote!` interpolates by reference, which copies each
// fragment's pending tokens once more on their way to the compiler.

fn concat<const N: usize>(parts: [TokenStream; N]) -> TokenStream {
    let mut out = TokenStream::new();
    out.extend(parts);
    out
}

fn braced(body: TokenStream) -> TokenStream {
    TokenTree::Group(Group::new(Delimiter::Brace, body)).into()
}

/// The alias of `::coro::__private` that the machine declares (shorter code to expand).
fn private() -> Ident {
    crate::syntax::private_alias()
}

fn mixed(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// A re-bound local, `x` or `mut x`, quiet. A local of the macro's own is quiet already, and
/// its hygiene must stay mixed-site.
fn quiet_binding(binding: &Binding) -> TokenStream {
    let (m, ident) = (quiet_mut(binding), quiet_ident(binding));
    quote!(#m #ident)
}

fn quiet_mut(binding: &Binding) -> Option<syn::Token![mut]> {
    binding.mutable.then(|| syn::token::Mut(quiet(binding.ident.span())))
}

fn quiet_ident(binding: &Binding) -> Ident {
    let mut ident = binding.ident.clone();
    if !binding.generated {
        ident.set_span(quiet(ident.span()));
    }
    ident
}

impl<'a> Emitter<'a> {
    fn new(ir: &'a Ir, an: &'a Analysis, target: &'a Target<'a>) -> Self {
        Emitter {
            ir,
            an,
            target,
            state: mixed("__CoroState"),
            targets: BTreeSet::new(),
            declares: BTreeSet::new(),
            delegate_resumed: false,
            mention_log: Vec::new(),
            frame_exits: FastSet::default(),
            native_breaks: FastSet::default(),
            native_labels: FastSet::default(),
            coro_loops: Vec::new(),
            parents: FastMap::default(),
            loop_nodes: FastMap::default(),
            yield_annotation: let_annotation(target.sig.yield_ty.as_ref()),
            return_annotation: let_annotation(target.sig.return_ty.as_ref()),
            clearable: Vec::new(),
            printed: FastMap::default(),
            printed_suspensions: FastMap::default(),
            shared_heads: Vec::new(),
            inside_shared: Vec::new(),
            pattern_scope: None,
            pattern_bound: Vec::new(),
        }
        .with_tree()
    }

    fn with_tree(mut self) -> Self {
        for (seq, s) in self.ir.seqs.iter().enumerate() {
            for (i, node) in s.nodes.iter().enumerate() {
                let children: Vec<SeqId> = match node {
                    Node::Block(c) => vec![*c],
                    Node::If(n) => std::iter::once(n.then).chain(n.els).collect(),
                    Node::Match(m) => m.arms.iter().map(|a| a.body).collect(),
                    Node::Loop(l) => {
                        self.loop_nodes.insert(l.id, (seq, i));
                        vec![l.body]
                    }
                    Node::Stmt(_) | Node::Yield(_) => Vec::new(),
                };
                for c in children {
                    self.parents.insert(c, (seq, i));
                }
            }
        }
        let pinned = (0..self.an.bindings.len()).filter(|&b| self.an.bindings[b].pinned);
        self.clearable = pinned.filter(|&b| self.constant_slot(b).is_none()).collect();
        self
    }

    fn subtree(&self, root: SeqId) -> FastSet<SeqId> {
        let mut out = FastSet::from_iter([root]);
        let mut changed = true;
        while changed {
            changed = false;
            for (child, (parent, _)) in &self.parents {
                if out.contains(parent) && out.insert(*child) {
                    changed = true;
                }
            }
        }
        out
    }

    fn arm(&mut self, entry: &Entry) -> Arm {
        let mut arm = self.code_from(entry);
        let (state, v) = (&self.state, variant(entry.kind));
        let fields = entry.saved.iter().map(|&b| field(b));
        let pattern = quote!(#state::#v { #(#fields),* } =>);
        arm.tokens = concat([pattern, braced(arm.tokens)]);
        arm
    }

    /// The code from `entry` to its next suspension or to completion, with the kept locals
    /// re-bound from variables named like the state's fields.
    fn code_from(&mut self, entry: &Entry) -> Arm {
        self.targets.clear();
        self.declares.clear();
        self.mention_log.clear();
        self.frame_exits.clear();
        self.native_breaks.clear();
        self.native_labels.clear();
        self.coro_loops.clear();
        self.pattern_bound.clear();
        let an = self.an;
        let inside = |h: &&EntryKind| **h != entry.kind && crate::joins::position(entry, an.entry(**h)) == std::cmp::Ordering::Equal;
        self.inside_shared = self.shared_heads.iter().filter(inside).copied().collect();
        self.pattern_scope = self.is_shared(entry.kind).then(|| entry.chain[0].seq);
        let tokens = self.level(entry, 0).tokens;
        let (targets, declares, bound) = (std::mem::take(&mut self.targets), std::mem::take(&mut self.declares), std::mem::take(&mut self.pattern_bound));
        Arm { tokens, targets, declares, in_place: None, bound }
    }

    fn is_shared(&self, kind: EntryKind) -> bool {
        self.shared_heads.contains(&kind)
    }

    /// Whether the code being emitted reaches `kind` by breaking out to its shared copy (see
    /// [`crate::joins`]).
    fn breaks_to(&self, kind: EntryKind) -> bool {
        self.inside_shared.contains(&kind)
    }

    /// A suspension in `yield_from!` that keeps nothing but its delegate is resumed without
    /// moving the state: the delegate is resumed where it is, and only once it completes does
    /// the arm run (on the completed result). A guard poisons the state if the delegate
    /// panics (dropping it). With other kept locals, the state is moved out as usual, so that
    /// the unwinding drops them.
    fn in_place_arm(&mut self, entry: &Entry) -> Option<Arm> {
        let (b, y) = self.in_place_delegate(entry)?;
        self.delegate_resumed = true;
        let arm = self.arm(entry);
        self.delegate_resumed = false;
        // The in-place path always takes this state first.
        let (state, v) = (&self.state, variant(entry.kind));
        let private = private();
        let tokens = quote!(#state::#v { .. } => #private::unreachable(),);
        let in_place = InPlace { field: field(b), tokens: arm.tokens, at: y.span };
        Some(Arm { tokens, in_place: Some(in_place), ..arm })
    }

    /// The delegate of a suspension in `yield_from!` that keeps nothing else, and the
    /// suspension.
    fn in_place_delegate(&self, entry: &Entry) -> Option<(BindingId, &'a Yield)> {
        let (EntryKind::Resume(_), [_]) = (entry.kind, entry.saved.as_slice()) else { return None };
        let last = entry.chain.last()?;
        let Node::Yield(y) = &self.ir.seqs[last.seq].nodes[last.index] else { return None };
        let ResumeTarget::Delegate { delegate, .. } = &y.target else { return None };
        let Expr::Path(delegate) = &**delegate else { return None };
        let delegate = delegate.path.get_ident()?;
        let b = entry.saved.iter().find(|&&b| self.an.bindings[b].ident == *delegate)?;
        Some((*b, y))
    }

    /// The code of scope level `depth` of `entry`'s chain: re-bind that scope's locals, then
    /// run the inner level (or the entry's own code) and what follows it in this scope.
    fn level(&mut self, entry: &Entry, depth: usize) -> Code {
        let link = entry.chain[depth];
        let inner = if depth + 1 == entry.chain.len() {
            self.entry_code(entry, link.seq, link.index)
        } else {
            let node = &self.ir.seqs[link.seq].nodes[link.index];
            let pushed = self.push_loop(node, false);
            let child = self.level(entry, depth + 1);
            let scope = match node {
                Node::Loop(l) => self.loop_frame(link.seq, link.index, l, child),
                _ => scoped(child),
            };
            // What follows the loop is outside it: its leaps must not resolve to it.
            self.pop_loop(pushed);
            self.after(link.seq, link.index, scope)
        };
        // Falling off the end of the body completes the coroutine.
        // The body may end in a call that never returns (`process::exit`), which the macro
        // cannot see.
        let end = (depth == 0 && inner.falls).then(|| {
            let done = self.complete(quote!(()), Span::call_site(), false);
            quote!(#[allow(unreachable_code)] #done)
        });
        let rebinds = self.rebinds(entry, link.seq);
        code(concat([rebinds, inner.tokens, end.unwrap_or_default()]), inner.falls && depth > 0)
    }

    fn rebinds(&mut self, entry: &Entry, seq: SeqId) -> TokenStream {
        let mut out = TokenStream::new();
        // Consecutive kept locals are re-bound by one `let` (fewer tokens for rustc to read).
        let mut run = Vec::new();
        // A shared head's pattern binds the kept locals declared ahead of any other `let` here.
        let mut in_pattern = self.pattern_scope == Some(seq);
        for &b in entry.in_scope.iter().filter(|&&b| self.an.bindings[b].seq == seq) {
            let binding = &self.an.bindings[b];
            let ident = &binding.ident;
            if binding.pinned {
                out.extend(self.rebind_run(&mut run));
                let place = self.slot_place(b);
                let quieted = quiet_binding(binding);
                out.extend(quote!(let #quieted = #place;));
            } else if in_pattern && entry.saved.contains(&b) {
                self.pattern_bound.push(b);
            } else if entry.saved.contains(&b) {
                run.push(b);
            } else if self.mention_log.contains(&b) {
                in_pattern = false;
                out.extend(self.rebind_run(&mut run));
                let ty = binding.ty.as_ref().map(|t| quote!(: #t));
                let m = quiet_mut(binding);
                out.extend(quote!(let #m #ident #ty;));
            }
        }
        out.extend(self.rebind_run(&mut run));
        out
    }

    /// `let x = field;`, or `let (x, mut y) = (field, field);` for several, in declaration order.
    fn rebind_run(&self, run: &mut Vec<BindingId>) -> TokenStream {
        let names = run.iter().map(|&b| quiet_binding(&self.an.bindings[b]));
        let fields = run.iter().map(|&b| field(b));
        // `mut` is repeated from the declaration, and a binding may be kept only to be dropped
        // at the end of its scope: this arm may neither mutate nor read it (so they are quiet).
        let tokens = match run.len() {
            0 => TokenStream::new(),
            1 => quote!(let #(#names)* = #(#fields)*;),
            _ => quote!(let (#(#names),*) = (#(#fields),*);),
        };
        run.clear();
        tokens
    }

    fn entry_code(&mut self, entry: &Entry, seq: SeqId, index: usize) -> Code {
        match entry.kind {
            EntryKind::Start => {
                let prime = self.discard_arg();
                let rest = self.seq_from(seq, 0);
                code(concat([prime, rest.tokens]), rest.falls)
            }
            EntryKind::Resume(_) => {
                let Node::Yield(y) = &self.ir.seqs[seq].nodes[index] else { unreachable!("resume entry at a yield") };
                let bind = self.bind_resume_arg(y);
                let rest = self.seq_from(seq, index + 1);
                code(concat([bind, rest.tokens]), rest.falls)
            }
            EntryKind::Join(_, i) => self.seq_from(seq, i),
            EntryKind::Head(_) => {
                let Node::Loop(l) = &self.ir.seqs[seq].nodes[index] else { unreachable!("head entry at a loop") };
                self.loop_code(seq, index, l)
            }
        }
    }

    /// The resume argument, moved by the arm of the entry that a resume starts at. A value,
    /// not the place: what a pattern does not bind (`let _ = yield_!(..)`) is dropped at once.
    /// Through the dispatch loop, rustc cannot tell that only one arm takes it.
    fn arg(&self) -> TokenStream {
        self.arg_at(Span::call_site())
    }

    /// The resume argument, which rustc's type errors report at `at`.
    fn arg_at(&self, at: Span) -> TokenStream {
        let arg = located(&mixed("__coro_arg"), at);
        match self.target.dispatch {
            true => {
                let private = located(&private(), at);
                quote_spanned!(at=> #private::take_arg(&mut #arg))
            }
            false => quote!({ #arg }),
        }
    }

    fn discard_arg(&self) -> TokenStream {
        if !self.target.dispatch && self.target.sig.resumes_with_unit() {
            return TokenStream::new();
        }
        let arg = self.arg();
        quote!({ let __coro_discarded = #arg; })
    }

    fn bind_resume_arg(&mut self, y: &Yield) -> TokenStream {
        let private = private();
        let arg = self.arg_at(y.span);
        match &y.target {
            ResumeTarget::Discard => self.discard_arg(),
            ResumeTarget::Let { pat, ty } => {
                let ty = ty.as_ref().map(|t| quote!(: #t));
                quote_spanned!(y.span=> let #pat #ty = #arg;)
            }
            ResumeTarget::Assign(place) => {
                self.log(self.an.resume_mentions.get(&y.id).map_or(&[], Vec::as_slice));
                let place = self.rewrite_expr(place);
                quote_spanned!(y.span=> #place = #arg;)
            }
            ResumeTarget::Delegate { state, delegate } => {
                self.log(self.an.resume_mentions.get(&y.id).map_or(&[], Vec::as_slice));
                let resumed = match self.delegate_resumed {
                    true => mixed("__coro_resumed").into_token_stream(),
                    false => {
                        let p = located(&private, y.span);
                        quote_spanned!(y.span=> #p::Generator::resume(&mut #delegate, #arg))
                    }
                };
                quote!(#state = #resumed;)
            }
        }
    }

    fn log(&mut self, ids: &[BindingId]) {
        self.mention_log.extend_from_slice(ids);
    }

    fn log_node(&mut self, seq: SeqId, i: usize) {
        let an = self.an;
        self.log(an.node_mentions.get(&(seq, i)).map_or(&[], Vec::as_slice));
    }

    /// The nodes of `seq` from `start` on, up to the first one that leaves the arm.
    fn seq_from(&mut self, seq: SeqId, start: usize) -> Code {
        let ir = self.ir;
        let mut pieces: Vec<(TokenStream, LazyDecl)> = Vec::new();
        let mut falls = true;
        for (i, node) in ir.seqs[seq].nodes.iter().enumerate().skip(start) {
            self.log_node(seq, i);
            let c = match node {
                Node::Stmt(s) => {
                    let lazy = self.lazy_decl(s, seq, i);
                    let tokens = match self.pinned_decl(s, seq, i) {
                        Some(t) => t,
                        None => self.stmt_code(s, seq, i),
                    };
                    pieces.push((tokens, lazy));
                    if stmt_diverges(s) {
                        falls = false;
                        break;
                    }
                    continue;
                }
                Node::Yield(y) => self.suspend(y),
                Node::Block(child) => {
                    let inner = self.seq_from(*child, 0);
                    self.after(seq, i, scoped(inner))
                }
                Node::If(n) => self.if_code(seq, i, n),
                Node::Match(m) => self.match_code(seq, i, m),
                Node::Loop(l) if self.target.dispatch && !l.is_block => code(self.jump(EntryKind::Head(l.id)), false),
                Node::Loop(l) if self.breaks_to(EntryKind::Head(l.id)) => code(self.break_to(EntryKind::Head(l.id)), false),
                Node::Loop(l) => self.loop_code(seq, i, l),
            };
            pieces.push((c.tokens, None));
            return self.joined(pieces, c.falls);
        }
        if falls {
            pieces.push((self.clear_slots(Some(&FastSet::from_iter([seq]))), None));
        }
        self.joined(pieces, falls)
    }

    fn joined(&self, pieces: Vec<(TokenStream, LazyDecl)>, falls: bool) -> Code {
        let mut out = TokenStream::new();
        out.extend(pieces.into_iter().filter(|(_, lazy)| self.lazy_needed(lazy)).map(|(t, _)| t));
        code(out, falls)
    }

    /// `let buf = [0; N];` of a pinned binding: the value goes to its slot in the frame, and
    /// `buf` becomes a `&mut` to it.
    fn pinned_decl(&mut self, s: &Stmt, seq: SeqId, i: usize) -> Option<TokenStream> {
        let [b] = self.an.node_decls.get(&(seq, i))?.as_slice() else { return None };
        let binding = &self.an.bindings[*b];
        if !binding.pinned {
            return None;
        }
        self.declares.insert(*b);
        let Stmt::Local(l) = s else { return None };
        let init = self.rewrite_expr(&l.init.as_ref()?.expr);
        let ty = binding.ty.as_ref().map(|t| quote!(: #t));
        let (frame, p, v) = (mixed("__coro_f"), slot(*b), mixed("__coro_value"));
        let binding = quiet_binding(binding);
        let value = quote!({ let #v #ty = #init; #v });
        let store = match self.constant_slot(*b) {
            // The slot was built with this value and nothing runs the `let` twice: storing
            // it again would cost a `memset` (and the registers a call needs) in the arm.
            Some(_) if !self.in_loop(seq) => None,
            Some(_) => Some(quote!(#frame.#p = #value;)),
            None => {
                let private = private();
                Some(quote!(#frame.#p = #private::Some(#value);))
            }
        };
        let place = self.slot_place(*b);
        Some(quote! {
            #store
            // Later arms may be the only ones that use it (so it is quiet).
            let #binding = #place;
        })
    }

    fn in_loop(&self, mut seq: SeqId) -> bool {
        while let Some(&(parent, i)) = self.parents.get(&seq) {
            if matches!(&self.ir.seqs[parent].nodes[i], Node::Loop(l) if !l.is_block) {
                return true;
            }
            seq = parent;
        }
        false
    }

    /// `&mut` to a pinned binding's value in its slot.
    fn slot_place(&self, b: BindingId) -> TokenStream {
        let private = private();
        let (frame, p) = (mixed("__coro_f"), slot(b));
        match self.constant_slot(b) {
            Some(_) => quote!(&mut #frame.#p),
            None => quote!(#private::pinned(&mut #frame.#p)),
        }
    }

    /// A pinned array of literals whose length is known outside the closure (`[0u8; N]`,
    /// `[-1; 64]`): its slot holds a value from the start, built from the same expression, so
    /// no `Option` has to say whether it is there. Its elements need no drop, so leaving its
    /// scope has nothing to clear.
    fn constant_slot(&self, b: BindingId) -> Option<&Expr> {
        let (seq, i) = self.an.node_decls.iter().find(|(_, ids)| ids.as_slice() == [b]).map(|(k, _)| *k)?;
        let Node::Stmt(s) = &self.ir.seqs[seq].nodes[i] else { return None };
        let Stmt::Local(l) = &**s else { return None };
        let init = &l.init.as_ref()?.expr;
        let Expr::Repeat(r) = &**init else { return None };
        let literal = match &*r.expr {
            Expr::Lit(_) => true,
            Expr::Unary(u) => matches!(u.op, syn::UnOp::Neg(_)) && matches!(&*u.expr, Expr::Lit(_)),
            _ => false,
        };
        (literal && self.known_outside(&r.len)).then_some(&**init)
    }

    fn known_outside(&self, len: &Expr) -> bool {
        match len {
            Expr::Lit(_) => true,
            Expr::Path(p) => p.path.get_ident().is_some_and(|id| {
                self.target.const_params.iter().any(|c| id == c)
                    || self.ir.items.iter().any(|item| matches!(item, syn::Item::Const(c) if c.ident == *id))
            }),
            _ => false,
        }
    }

    /// Drops the pinned values declared in `scopes`, which control leaves, or all of them
    /// (`None`: the machine completes).
    fn clear_slots(&self, scopes: Option<&FastSet<SeqId>>) -> TokenStream {
        if self.clearable.is_empty() {
            return TokenStream::new();
        }
        let (frame, private) = (mixed("__coro_f"), private());
        let cleared = self.clearable.iter().filter(|&&b| scopes.is_none_or(|s| s.contains(&self.an.bindings[b].seq))).map(|&b| slot(b));
        quote!(#(#frame.#cleared = #private::None;)*)
    }

    /// `let x;` without initialiser is emitted only if this arm mentions `x` afterwards: an
    /// unused uninitialised `let` has no type to infer.
    fn lazy_decl(&self, s: &Stmt, seq: SeqId, i: usize) -> LazyDecl {
        match s {
            Stmt::Local(l) if l.init.is_none() => {
                Some((self.an.node_decls.get(&(seq, i)).cloned().unwrap_or_default(), self.mention_log.len()))
            }
            _ => None,
        }
    }

    fn lazy_needed(&self, lazy: &LazyDecl) -> bool {
        match lazy {
            None => true,
            Some((ids, from)) => self.mention_log[*from..].iter().any(|m| ids.contains(m)),
        }
    }

    fn if_code(&mut self, seq: SeqId, i: usize, n: &crate::ir::If) -> Code {
        let cond = self.rewrite_expr(&n.cond);
        let then = self.seq_from(n.then, 0);
        let els = n.els.map(|e| self.seq_from(e, 0));
        let falls = then.falls || els.as_ref().is_none_or(|e| e.falls);
        let if_token = quote_spanned!(n.span=> if);
        let tokens = match els {
            Some(e) => concat([if_token, cond, braced(then.tokens), quote!(else), braced(e.tokens)]),
            None => concat([if_token, cond, braced(then.tokens)]),
        };
        self.after(seq, i, code(tokens, falls))
    }

    fn match_code(&mut self, seq: SeqId, i: usize, m: &crate::ir::Match) -> Code {
        let scrutinee = self.rewrite_expr(&m.scrutinee);
        let mut arms = Vec::new();
        let mut falls = false;
        for arm in &m.arms {
            let pat = &arm.pat;
            let guard = arm.guard.as_ref().map(|g| {
                let g = self.rewrite_expr(g);
                quote!(if #g)
            });
            let body = self.seq_from(arm.body, 0);
            falls |= body.falls;
            arms.push(concat([quote!(#pat #guard =>), braced(body.tokens)]));
        }
        let mut all = TokenStream::new();
        all.extend(arms);
        self.after(seq, i, code(concat([quote!(match), scrutinee, braced(all)]), falls))
    }

    fn after(&mut self, seq: SeqId, i: usize, c: Code) -> Code {
        if !c.falls {
            return c;
        }
        if self.target.dispatch && i + 1 < self.ir.seqs[seq].nodes.len() {
            let t = c.tokens;
            let join = self.jump(EntryKind::Join(seq, i + 1));
            return code(quote!(#t #join), false);
        }
        let next = self.seq_from(seq, i + 1);
        code(concat([c.tokens, next.tokens]), next.falls)
    }

    fn push_loop(&mut self, node: &Node, native: bool) -> bool {
        if let Node::Loop(l) = node {
            let label = l.label.as_ref().map(|l| l.ident.to_string());
            self.coro_loops.push((CoroLoop { id: l.id, label, is_block: l.is_block }, native));
            return true;
        }
        false
    }

    fn pop_loop(&mut self, pushed: bool) {
        if pushed {
            self.coro_loops.pop();
        }
    }

    /// A loop (or labeled block) entered at its start, then what follows it.
    fn loop_code(&mut self, seq: SeqId, i: usize, l: &Loop) -> Code {
        let native = self.native_loop(seq, i, l);
        self.after(seq, i, native)
    }

    /// The loop as a native `loop` (or block): it falls through when some `break` leaves it.
    fn native_loop(&mut self, seq: SeqId, i: usize, l: &Loop) -> Code {
        self.native_breaks.remove(&l.id);
        self.native_labels.remove(&l.id);
        let pushed = self.push_loop(&self.ir.seqs[seq].nodes[i], true);
        let body = self.seq_from(l.body, 0);
        self.pop_loop(pushed);
        let breaks = self.native_breaks.remove(&l.id);
        let label = self.native_labels.remove(&l.id).then(|| {
            let label = loop_label(l.id);
            quote!(#label:)
        });
        let b = braced(body.tokens);
        match l.is_block {
            true => code(concat([label.unwrap_or_default(), b]), body.falls || breaks),
            false => code(concat([label.unwrap_or_default(), quote!(loop), b]), breaks),
        }
    }

    /// The rest of a loop body that an arm entered part-way, then further iterations as a
    /// native `loop`. Its leaps leave labeled blocks: `continue` the one around the rest,
    /// `break` the one around both. (No flag is passed out: rustc's initialisation analysis
    /// must see each path separately.)
    fn loop_frame(&mut self, seq: SeqId, i: usize, l: &Loop, body: Code) -> Code {
        let (cont, brk) = (self.frame_exits.contains(&(l.id, true)), self.frame_exits.contains(&(l.id, false)));
        let rest = match cont {
            true => {
                let label = continue_label(l.id);
                concat([quote!(#label:), braced(body.tokens)])
            }
            false => braced(body.tokens),
        };
        let head = EntryKind::Head(l.id);
        let again = (!l.is_block && (cont || body.falls)).then(|| match self.target.dispatch {
            true => code(self.jump(head), false),
            false if self.breaks_to(head) => code(self.break_to(head), false),
            false => self.native_loop(seq, i, l),
        });
        let falls = brk || again.as_ref().map_or(body.falls, |a| a.falls);
        let rest_and_again = concat([rest, again.map(|a| a.tokens).unwrap_or_default()]);
        let frame = match brk {
            true => {
                let label = frame_label(l.id);
                concat([quote!(#label:), braced(rest_and_again)])
            }
            false => rest_and_again,
        };
        code(frame, falls)
    }

    fn jump(&mut self, kind: EntryKind) -> TokenStream {
        let store = self.store(kind, None);
        quote!({ #store continue '__coro_dispatch; })
    }

    /// Leaves the dispatch `match` for a shared loop head, with the locals it keeps in the
    /// moved-out state.
    fn break_to(&mut self, kind: EntryKind) -> TokenStream {
        let entry = self.reach(kind);
        let values = entry.saved.iter().map(|&b| &self.an.bindings[b].ident);
        let (st, state, v, label) = (mixed("__coro_st"), &self.state, variant(kind), head_label(kind));
        quote!(#st = #state::#v(#(#values),*); break #label;)
    }

    /// Records that this arm goes on at `kind`, whose kept locals its code mentions there.
    fn reach(&mut self, kind: EntryKind) -> &'a Entry {
        self.targets.insert(kind);
        let entry = self.an.entry(kind);
        self.log(&entry.saved);
        entry
    }

    /// `at`: the suspension, where rustc reports a kept local that was moved before it (by a
    /// method the macro took for a borrow: "value used here after move").
    fn store(&mut self, kind: EntryKind, at: Option<Span>) -> TokenStream {
        let entry = self.reach(kind);
        let fields = entry.saved.iter().map(|&b| field(b));
        let ident = |b: BindingId| {
            let ident = &self.an.bindings[b].ident;
            at.map_or_else(|| ident.clone(), |at| located(ident, at))
        };
        let values = entry.saved.iter().map(|&b| ident(b));
        let (s, state, v) = (mixed("__coro_s"), &self.state, variant(kind));
        quote!(*#s = #state::#v { #(#fields: #values),* };)
    }

    fn suspend(&mut self, y: &Yield) -> Code {
        let kind = EntryKind::Resume(y.id);
        // The same in every arm that reaches it, unless its value has a `break` or `continue`.
        if let Some(printed) = self.printed_suspensions.get(&y.id) {
            let printed = printed.clone();
            self.reach(kind);
            return code(printed, false);
        }
        let private = private();
        let same_everywhere = !leaps(|f| syn::visit::Visit::visit_expr(f, &y.value)).jumps;
        let value = self.rewrite_expr(&y.value);
        let store = self.store(kind, Some(y.span));
        let v = mixed("__coro_yielded");
        let ty = &self.yield_annotation;
        let (bind, semi) = (quote_spanned!(y.span=> let #v #ty =), quote_spanned!(y.span=> ;));
        let ret = quote_spanned!(y.span=> return #private::Yielded(#v););
        let tokens = concat([bind, value, semi, store, ret]);
        if same_everywhere {
            self.printed_suspensions.insert(y.id, tokens.clone());
        }
        code(tokens, false)
    }

    /// `at`: the user's `return` (or tail), where rustc's notes about the completion point.
    /// A value that may never be produced (`return process::exit(1)`) makes what follows it
    /// unreachable, which is the user's intent, not a mistake to report.
    fn complete(&self, value: TokenStream, at: Span, may_diverge: bool) -> TokenStream {
        let private = private();
        let (r, s, state) = (mixed("__coro_returned"), mixed("__coro_s"), &self.state);
        let ty = &self.return_annotation;
        let clear = self.clear_slots(None);
        let ret = quote_spanned!(quiet(at)=> return #private::Complete(#r););
        match may_diverge {
            false => quote!({ let #r #ty = #value; #clear *#s = #state::Done; #ret }),
            true => quote!({
                let #r #ty;
                #[allow(unreachable_code, clippy::diverging_sub_expression)]
                { #r = #value; #clear *#s = #state::Done; #ret }
            }),
        }
    }

    /// A yield-free statement's code. Without a `break` or `continue` it is the same in every
    /// arm: printed once, then shared (a copy of printed tokens costs the compiler a handle).
    fn stmt_code(&mut self, s: &Stmt, seq: SeqId, i: usize) -> TokenStream {
        if let Some(printed) = self.printed.get(&(seq, i)) {
            return printed.clone();
        }
        let finder = leaps(|f| syn::visit::Visit::visit_stmt(f, s));
        if finder.jumps {
            return self.rewrite_stmt(s);
        }
        let printed = match finder.completes {
            true => concat([self.rewrite_stmt(s)]),
            false => concat([s.to_token_stream()]),
        };
        self.printed.insert((seq, i), printed.clone());
        printed
    }

    fn rewrite_stmt(&mut self, s: &Stmt) -> TokenStream {
        let mut s = s.clone();
        let mut r = LeapRewriter { emitter: self, native: NativeScope::default() };
        r.visit_stmt_mut(&mut s);
        s.to_token_stream()
    }

    fn rewrite_expr(&mut self, e: &Expr) -> TokenStream {
        if !leaps(|f| syn::visit::Visit::visit_expr(f, e)).any() {
            return e.to_token_stream();
        }
        let mut e = e.clone();
        let mut r = LeapRewriter { emitter: self, native: NativeScope::default() };
        r.visit_expr_mut(&mut e);
        e.into_token_stream()
    }
}

/// The leaps in the code that `visit` walks that [`LeapRewriter`] may rewrite. Most code has
/// none and is emitted as written, without a copy to rewrite; `return` and `?` complete the
/// same way in every arm, while `break` and `continue` depend on the loops around them.
fn leaps(visit: impl FnOnce(&mut LeapFinder)) -> LeapFinder {
    let mut f = LeapFinder::default();
    visit(&mut f);
    f
}

#[derive(Default)]
struct LeapFinder {
    completes: bool,
    jumps: bool,
}

impl LeapFinder {
    fn any(&self) -> bool {
        self.completes || self.jumps
    }
}

impl<'ast> syn::visit::Visit<'ast> for LeapFinder {
    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Return(_) | Expr::Try(_) => {
                self.completes = true;
                syn::visit::visit_expr(self, e);
            }
            Expr::Break(_) | Expr::Continue(_) => self.jumps = true,
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => {}
            _ if !self.jumps => syn::visit::visit_expr(self, e),
            _ => {}
        }
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Rewrites the leaps of yield-free code: `return`/`?` complete the machine, and `break` /
/// `continue` that leave a yield-carrying loop become `break` out of its labeled frame.
struct LeapRewriter<'e, 'a> {
    emitter: &'e mut Emitter<'a>,
    native: NativeScope,
}

impl LeapRewriter<'_, '_> {
    fn nested(&mut self, label: Option<String>, is_loop: bool, f: impl FnOnce(&mut Self)) {
        let saved = self.native.clone();
        self.native.loop_depth += usize::from(is_loop);
        self.native.labels.extend(label);
        f(self);
        self.native = saved;
    }

    /// A leap to a yield-carrying loop: inside its native `loop`, a native leap to its label;
    /// in an arm's frame of it, `break` out of the frame with whether to go on looping.
    fn leave(&mut self, label: Option<&Lifetime>, is_continue: bool) -> Option<Expr> {
        let k = resolve_in(&self.emitter.coro_loops, &self.native, label)?;
        let (target, native) = self.emitter.coro_loops[k].clone();
        let e = &mut *self.emitter;
        let (seq, i) = e.loop_nodes[&target.id];
        let Node::Loop(l) = &e.ir.seqs[seq].nodes[i] else { unreachable!("loop node") };
        let clear = match e.clearable.is_empty() {
            true => TokenStream::new(),
            false => e.clear_slots(Some(&e.subtree(l.body))),
        };
        let leap = if native {
            let l = loop_label(target.id);
            e.native_labels.insert(target.id);
            if is_continue {
                quote!(continue #l)
            } else {
                e.native_breaks.insert(target.id);
                quote!(break #l)
            }
        } else {
            e.frame_exits.insert((target.id, is_continue));
            let l = if is_continue { continue_label(target.id) } else { frame_label(target.id) };
            quote!(break #l)
        };
        Some(Expr::Verbatim(match clear.is_empty() {
            true => leap,
            false => quote!({ #clear #leap }),
        }))
    }
}

fn resolve_in(loops: &[(CoroLoop, bool)], native: &NativeScope, label: Option<&Lifetime>) -> Option<usize> {
    let infos: Vec<CoroLoop> = loops.iter().map(|(l, _)| l.clone()).collect();
    resolve(&infos, native, label)
}

impl VisitMut for LeapRewriter<'_, '_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Return(r) => {
                let diverging = r.expr.as_deref().is_some_and(may_diverge);
                if let Some(v) = r.expr.as_mut() {
                    self.visit_expr_mut(v);
                }
                let value = r.expr.take().map_or_else(|| quote!(()), |v| v.into_token_stream());
                let span = r.return_token.span;
                let done = self.emitter.complete(value, span, diverging);
                // Tokens, not a parsed tree: re-parsing the emitted code is most of the macro's
                // running time.
                *e = Expr::Verbatim(quote_spanned!(span=> #done));
            }
            Expr::Try(t) => {
                self.visit_expr_mut(&mut t.expr);
                let inner = &t.expr;
                let span = t.question_token.span;
                let (c, b, private) = (mixed("__coro_continue"), mixed("__coro_residual"), private());
                let done = self.emitter.complete(quote!(#private::FromResidual::from_residual(#b)), span, false);
                *e = Expr::Verbatim(quote_spanned! {span=>
                    match #private::Branch::branch(#inner) {
                        #private::Flow::Continue(#c) => #c,
                        #private::Flow::Break(#b) => #done,
                    }
                });
            }
            Expr::Break(b) => {
                if let Some(v) = b.expr.as_mut() {
                    self.visit_expr_mut(v);
                }
                if b.expr.is_none() {
                    if let Some(new) = self.leave(b.label.as_ref(), false) {
                        *e = new;
                    }
                }
            }
            Expr::Continue(c) => {
                if let Some(new) = self.leave(c.label.as_ref(), true) {
                    *e = new;
                }
            }
            Expr::Loop(l) => self.nested(label_name(&l.label), true, |s| visit_mut::visit_expr_loop_mut(s, l)),
            Expr::While(l) => self.nested(label_name(&l.label), true, |s| visit_mut::visit_expr_while_mut(s, l)),
            Expr::ForLoop(l) => {
                self.visit_expr_mut(&mut l.expr);
                self.nested(label_name(&l.label), true, |s| s.visit_block_mut(&mut l.body));
            }
            Expr::Block(b) => self.nested(label_name(&b.label), false, |s| visit_mut::visit_expr_block_mut(s, b)),
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => {}
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

impl Emitter<'_> {
    /// The enum, its impls, and the `Machine::new` call.
    fn machine(&self, arms: &FastMap<EntryKind, Arm>, kept: &BTreeSet<EntryKind>) -> TokenStream {
        let private = private();
        let entries: Vec<&Entry> = self.an.entries.iter().filter(|e| kept.contains(&e.kind)).collect();
        // Suspension variants first, so that the hot arms get the low discriminants (a shared
        // loop head's variant only carries locals out of the `match`). The arms stay in source
        // order: rustc infers the slot types from the first arm that stores them.
        let mut declared = entries.clone();
        declared.sort_by_key(|e| match e.kind {
            EntryKind::Start => 2,
            kind => usize::from(self.is_shared(kind)),
        });
        let params: BTreeSet<BindingId> = entries.iter().flat_map(|e| e.saved.iter().copied()).collect();
        let tparams: Vec<Ident> = params.iter().map(|&b| type_param(b)).collect();
        let variants = declared.iter().map(|e| {
            let v = variant(e.kind);
            if self.is_shared(e.kind) {
                let tys = e.saved.iter().map(|&b| type_param(b));
                return quote!(#v(#(#tys),*));
            }
            let (fields, tys) = (e.saved.iter().rev().map(|&b| field(b)), e.saved.iter().rev().map(|&b| type_param(b)));
            quote!(#v { #(#fields: #tys),* })
        });
        let arm_tokens: Vec<&TokenStream> = entries.iter().filter(|e| !self.is_shared(e.kind)).map(|e| &arms[&e.kind].tokens).collect();
        let shared: Vec<(&Entry, &Arm)> = entries.iter().filter(|e| self.is_shared(e.kind)).map(|&h| (h, &arms[&h.kind])).collect();
        let in_place: Vec<TokenStream> = entries.iter().filter_map(|e| self.in_place_path(e, &arms[&e.kind])).collect();
        let in_place_variants: Vec<Ident> = entries.iter().filter(|e| arms[&e.kind].in_place.is_some()).map(|e| variant(e.kind)).collect();
        let state = &self.state;
        let debug = self.target.sig.debug.then(|| self.debug_impl(&entries, &tparams));
        let clone = self.target.sig.clone.then(|| quote!(#[derive(Clone)]));
        let start = self.start_value();
        let closure = self.closure(&arm_tokens, &shared, &in_place, &in_place_variants, tparams.len());
        let constructor = self.target.sig.constructor();
        let paths = &self.ir.macro_paths;
        let items = &self.ir.items;
        let declared: BTreeSet<BindingId> = entries.iter().flat_map(|e| arms[&e.kind].declares.iter().copied()).collect();
        let (frame_def, start) = self.frame(start, &declared);
        quote! {
            use ::coro::__private as #private;
            // `Done`/`Poisoned` exist in every machine, even one that never completes.
            // No `#[allow]`: lints at the mixed-site spans of the enum are not reported.
            #clone
            enum #state<#(#tparams),*> {
                #(#variants,)*
                Done,
                Poisoned,
            }
            #(#items)*
            #debug
            #frame_def
            #(#paths!(@__coro_used);)*
            #private::Machine::#constructor(#start, #closure)
        }
    }

    fn pinned(&self) -> Vec<BindingId> {
        (0..self.an.bindings.len()).filter(|&b| self.an.bindings[b].pinned).collect()
    }

    /// With pinned bindings, the machine's state is a frame: the state enum plus one
    /// `Option` slot per pinned binding (or the value itself, for a constant slot), which
    /// arms use in place. A slot whose `let` no emitted code runs (it follows a statement that
    /// never completes) gets the type `()`, which nothing else constrains.
    fn frame(&self, start: TokenStream, declared: &BTreeSet<BindingId>) -> (TokenStream, TokenStream) {
        let pinned = self.pinned();
        if pinned.is_empty() {
            return (TokenStream::new(), start);
        }
        let (frame, tag, tag_ty, private) = (mixed("__CoroFrame"), mixed("__coro_tag"), mixed("__CoroTag"), private());
        let slots: Vec<Ident> = pinned.iter().map(|&b| slot(b)).collect();
        let tys: Vec<Ident> = pinned.iter().map(|&b| type_param(b)).collect();
        let slot_tys = pinned.iter().zip(&tys).map(|(&b, t)| match self.constant_slot(b) {
            Some(_) => quote!(#t),
            None => quote!(#private::Option<#t>),
        });
        let clone = self.target.sig.clone.then(|| quote!(#[derive(Clone)]));
        let debug = self.target.sig.debug.then(|| {
            quote! {
                impl<#tag_ty: ::core::fmt::Debug, #(#tys),*> ::core::fmt::Debug for #frame<#tag_ty, #(#tys),*> {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        ::core::fmt::Debug::fmt(&self.#tag, f)
                    }
                }
            }
        });
        let def = quote! {
            #[allow(non_camel_case_types)]
            #clone
            struct #frame<#tag_ty, #(#tys),*> {
                #tag: #tag_ty,
                #(#slots: #slot_tys,)*
            }
            #debug
        };
        let empty = pinned.iter().map(|b| match (self.constant_slot(*b), declared.contains(b)) {
            (Some(init), _) => init.to_token_stream(),
            (None, true) => quote!(#private::None),
            (None, false) => quote!(#private::None::<()>),
        });
        let value = quote!(#frame { #tag: #start, #(#slots: #empty,)* });
        (def, value)
    }

    fn start_value(&self) -> TokenStream {
        let start = self.an.entry(EntryKind::Start);
        let fields = start.saved.iter().map(|&b| {
            let f = field(b);
            let pos = self.an.entries[0].in_scope.iter().position(|&p| p == b).expect("param");
            let v = &self.target.param_values[pos];
            quote!(#f: #v)
        });
        let state = &self.state;
        quote!(#state::Start { #(#fields),* })
    }

    /// Runs ahead of the dispatch `match`: if the state is suspended in this `yield_from!`,
    /// resume the delegate in place and pass on what it yields; only its completion moves the
    /// state out and runs the arm.
    fn in_place_path(&self, entry: &Entry, arm: &Arm) -> Option<TokenStream> {
        let private = private();
        let InPlace { field, tokens, at } = arm.in_place.as_ref()?;
        let (s, state, v) = (mixed("__coro_s"), &self.state, variant(entry.kind));
        let (d, resumed, y) = (mixed("__coro_delegate"), mixed("__coro_resumed"), mixed("__coro_yielded"));
        // Type errors about the delegate point where the user wrote it, and are the same as
        // those of the arms (which rustc then reports once).
        let (p, d_at, y_at, ty) = (located(&private, *at), located(&d, *at), located(&y, *at), &self.yield_annotation);
        let arg = self.arg();
        let guard = mixed("__coro_guard");
        // A panic in the delegate poisons the state: not every delegate poisons itself.
        Some(quote! {
            #state::#v { .. } => {
                let mut #guard = #private::PoisonOnUnwind::new(&mut *#s, |#s| *#s = #state::Poisoned);
                let #d = match #guard.state() {
                    #state::#v { #field: #d, .. } => #d,
                    _ => #private::unreachable(),
                };
                let #resumed = #p::Generator::resume(#d_at, #arg);
                #guard.disarm();
                let #resumed = match #resumed {
                    #private::Yielded(#y) => {
                        let #y #ty = #y_at;
                        return #private::Yielded(#y);
                    }
                    #resumed => #resumed,
                };
                match #private::replace(#s, #state::Poisoned) {
                    #tokens
                    _ => #private::unreachable(),
                }
            }
        })
    }

    /// The suspensions resumed in place are matched by reference; the other states go
    /// through the dispatch `match`, which comes first so that rustc reads the start's arm
    /// (where the slot types are decided) before any other.
    fn with_in_place(&self, dispatch: TokenStream, in_place: &[TokenStream], variants: &[Ident]) -> TokenStream {
        if in_place.is_empty() {
            return dispatch;
        }
        let (s, state, other, private) = (mixed("__coro_s"), &self.state, mixed("__coro_other"), private());
        quote! {
            match &mut *#s {
                #other if match #other { #(#state::#variants { .. })|* => false, _ => true } => #dispatch
                #(#in_place)*
                _ => #private::unreachable(),
            }
        }
    }

    fn closure(&self, arms: &[&TokenStream], shared: &[(&Entry, &Arm)], in_place: &[TokenStream], in_place_variants: &[Ident], n_params: usize) -> TokenStream {
        let private = private();
        let sig = self.target.sig;
        let resume = &sig.resume;
        let y = infer_or(sig.yield_ty.as_ref());
        let ret = infer_or(sig.return_ty.as_ref());
        let holes = (0..n_params).map(|_| quote!(_));
        let (s, arg, state) = (mixed("__coro_s"), mixed("__coro_arg"), &self.state);
        let (ended, poisoned) = (mixed("__coro_ended"), mixed("__coro_poisoned"));
        let end = match sig.kind {
            Kind::Iterator => quote!({
                if #poisoned {
                    #private::resumed_after_panic()
                }
                return #private::Complete(());
            }),
            Kind::Generator => quote!(#private::resumed_after_end(#poisoned)),
        };
        // The parameters live in the state. An arm that failed to re-bind one would not capture
        // it unnoticed: the closure is not `move` and outlives the fn, so borrowck rejects it.
        let pinned = self.pinned();
        let (param, state_ref) = if pinned.is_empty() {
            (quote!(#s: &mut #state<#(#holes),*>), TokenStream::new())
        } else {
            let (f, frame, tag) = (mixed("__coro_f"), mixed("__CoroFrame"), mixed("__coro_tag"));
            let slot_holes = pinned.iter().map(|_| quote!(_));
            (quote!(#f: &mut #frame<#state<#(#holes),*>, #(#slot_holes),*>), quote!(let #s = &mut #f.#tag;))
        };
        // One catch-all arm for both ends keeps the hot arms a compare or two, not a jump table.
        let ended_arm = quote! {
            #ended => {
                // A `match`, not `matches!`: a macro call costs rustc an expansion per machine.
                let #poisoned = match #ended { #state::Poisoned => true, _ => false };
                *#s = #ended;
                #end
            }
        };
        let dispatch = self.shared_dispatch(arms, shared, ended_arm);
        let dispatch = self.with_in_place(dispatch, in_place, in_place_variants);
        let body = match self.target.dispatch {
            true => quote! {
                let mut #arg = #private::Some(#arg);
                '__coro_dispatch: loop { #dispatch }
            },
            false => dispatch,
        };
        let resume_type = mixed(crate::lower::RESUME_TYPE);
        let resume_type = (!self.ir.delegated.is_empty()).then(|| quote!(let #resume_type = #private::ResumeType::of(&#arg);));
        quote! {
            |#param, #arg: #resume| -> #private::GeneratorState<#y, #ret> {
                #state_ref
                #resume_type
                #body
            }
        }
    }

    /// The dispatch `match`, followed by the code of the shared loop heads, each after the
    /// labeled block that the arms reaching it leave:
    ///
    /// ```text
    /// let mut st = mem::replace(s, Poisoned);
    /// 'head2: {
    ///     'head1: { match st { Suspended1 { .. } => { ..; st = Loop1(..); break 'head1; } .. } }
    ///     let Loop1(..) = st else { unreachable!() };
    ///     /* the loop, and what follows it (which may break to 'head2) */
    /// }
    /// let Loop2(..) = st else { unreachable!() };
    /// ..
    /// ```
    fn shared_dispatch(&self, arms: &[&TokenStream], shared: &[(&Entry, &Arm)], ended_arm: TokenStream) -> TokenStream {
        let (s, st, state, private) = (mixed("__coro_s"), mixed("__coro_st"), &self.state, private());
        if shared.is_empty() {
            return quote!(match #private::replace(#s, #state::Poisoned) { #(#arms)* #ended_arm });
        }
        let mut body = quote!(match #st { #(#arms)* #ended_arm });
        for (head, arm) in shared {
            let (v, pattern, code, label) = (variant(head.kind), self.head_pattern(head, &arm.bound), &arm.tokens, head_label(head.kind));
            body = quote! {
                #label: { #body }
                let #state::#v(#(#pattern),*) = #st else { #private::unreachable() };
                #code
            };
        }
        quote!({ let mut #st = #private::replace(#s, #state::Poisoned); #body })
    }

    /// The fields of a shared head's variant, binding by name the locals in `bound`.
    fn head_pattern(&self, head: &Entry, bound: &[BindingId]) -> Vec<TokenStream> {
        let pattern = |&b: &BindingId| {
            let binding = &self.an.bindings[b];
            match bound.contains(&b) {
                true => quiet_binding(binding),
                false => field(b).into_token_stream(),
            }
        };
        head.saved.iter().map(pattern).collect()
    }

    fn debug_impl(&self, entries: &[&Entry], tparams: &[Ident]) -> TokenStream {
        let state = &self.state;
        let name = &self.target.fn_name;
        let arms = entries.iter().map(|e| {
            let v = variant(e.kind);
            let text = match e.kind {
                EntryKind::Start => quote!(::core::concat!(#name, ": not started")),
                EntryKind::Resume(k) => {
                    let line = quote_spanned!(e.span=> ::core::line!());
                    let what = match self.ir.delegated.contains(&k) {
                        true => format!(": suspended in `yield_from!` #{k}, line "),
                        false => format!(": suspended at `yield_!` #{k}, line "),
                    };
                    quote!(::core::concat!(#name, #what, #line))
                }
                _ => quote!(::core::concat!(#name, ": running")),
            };
            quote!(#state::#v { .. } => #text,)
        });
        quote! {
            impl<#(#tparams),*> ::core::fmt::Debug for #state<#(#tparams),*> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(match self {
                        #(#arms)*
                        #state::Done => ::core::concat!(#name, ": done"),
                        #state::Poisoned => ::core::concat!(#name, ": poisoned"),
                    })
                }
            }
        }
    }
}

/// The closure's annotation: the user's type, or `_` where a closure signature cannot repeat
/// it (`impl Trait`, elided lifetimes).
fn infer_or(ty: Option<&Type>) -> TokenStream {
    match ty {
        Some(t) if nameable_in_closure(t) => t.to_token_stream(),
        _ => quote!(_),
    }
}

/// A `let` annotation may elide lifetimes (they are inferred), but not use `impl Trait`.
fn let_annotation(ty: Option<&Type>) -> TokenStream {
    match ty {
        Some(t) if !t.to_token_stream().to_string().contains("impl ") => quote!(: #t),
        _ => TokenStream::new(),
    }
}

fn nameable_in_closure(t: &Type) -> bool {
    let text = t.to_token_stream().to_string();
    !(text.contains("impl ") || text.contains("'_") || text.contains('&') && !text.contains("& '"))
}

