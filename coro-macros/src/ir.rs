//! The body after lowering: yield-carrying control flow as a tree of sequences, everything else
//! as untouched `syn` statements.
//!
//! Every `yield_!` sits at statement level (`yield_!(v);`, `let p = yield_!(v);` or
//! `place = yield_!(v);`); compound statements appear as nodes only when they contain a yield.

use proc_macro2::Span;
use syn::{Expr, Lifetime, Pat, Stmt, Type};

/// Index of a [`Seq`] in [`Ir::seqs`]. Each sequence is one lexical scope.
pub type SeqId = usize;

pub struct Ir {
    pub seqs: Vec<Seq>,
    pub yield_count: usize,
    pub loop_count: usize,
    /// The paths by which the body named `yield_!` / `yield_from!` (for `unused_imports`).
    pub macro_paths: Vec<syn::Path>,
    /// Items declared among the body's statements (`fn`, `const`, `struct`, `use`): every arm
    /// must see them, so they are emitted once, ahead of the machine.
    pub items: Vec<syn::Item>,
    /// `yield_!`s that `yield_from!` introduced, by yield id.
    pub delegated: Vec<usize>,
}

impl Ir {
    pub const ROOT: SeqId = 0;
}

#[derive(Default)]
pub struct Seq {
    pub nodes: Vec<Node>,
}

pub enum Node {
    /// A statement without any `yield_!`, emitted as written (after the leap rewrite).
    Stmt(Box<Stmt>),
    Yield(Box<Yield>),
    Block(SeqId),
    If(If),
    Match(Match),
    Loop(Loop),
}

pub struct Yield {
    pub id: usize,
    pub value: Expr,
    pub target: ResumeTarget,
    pub span: Span,
}

/// What the resume argument becomes when the coroutine continues after a `yield_!`.
pub enum ResumeTarget {
    Discard,
    Let { pat: Pat, ty: Option<Box<Type>> },
    Assign(Expr),
    /// `state = Generator::resume(&mut delegate, arg)`: the suspension inside `yield_from!`.
    /// The delegate is a place: the expansion's local, or the user's (`yield_from!(&mut g)`).
    Delegate { state: Expr, delegate: Box<Expr> },
}

pub struct If {
    /// A yield-free condition; it may contain `let` (if-let and let chains), whose bindings
    /// belong to `then`.
    pub cond: Expr,
    /// The `if` keyword's span: the edition of the user's tokens decides whether `let`
    /// chains are allowed.
    pub span: Span,
    pub then: SeqId,
    pub els: Option<SeqId>,
}

pub struct Match {
    pub scrutinee: Expr,
    pub arms: Vec<MatchArm>,
}

pub struct MatchArm {
    pub pat: Pat,
    pub guard: Option<Expr>,
    pub body: SeqId,
}

/// A yield-carrying `loop` (`while` and `for` are lowered to it), or a labeled block
/// (`is_block`), which `break 'label` can leave but `continue` cannot target.
pub struct Loop {
    pub id: usize,
    pub label: Option<Lifetime>,
    pub body: SeqId,
    pub is_block: bool,
}
