//! Which locals the state machine must keep at each entry point (the start, each `yield_!`'s
//! resume point, each yield-carrying loop head, each join after a yield-carrying construct).
//!
//! A binding is kept at an entry when it is in scope, visible by name and either **live** (a use
//! is reachable before any reassignment) or **owned** (initialised on every path with no
//! possible move since). "Owned" keeps RAII guards alive to the end of their scope, as rustc's
//! drop-as-use liveness does. A binding hidden by a later binding of the same name is never
//! kept; if it is still owned it is dropped at the suspension point (documented).

pub mod bitset;
mod borrows;
pub mod mentions;
pub mod walk;

use crate::fast_hash::FastMap;

use proc_macro2::Span;
use syn::{Ident, Type};

use crate::ir::SeqId;

pub use walk::analyze;

pub type BindingId = usize;

pub struct Binding {
    pub ident: Ident,
    pub mutable: bool,
    pub ty: Option<Box<Type>>,
    pub seq: SeqId,
    /// Locals this binding's initialiser borrows (`&v`, `v.iter()`, a non-`move` closure
    /// mentioning `v`), with the borrowing expression.
    pub borrows: Vec<(BindingId, proc_macro2::TokenStream)>,
    /// Holds only a reference (a `&T` type, a `&` or borrowing-method initialiser, a pattern
    /// matched against one): kept only while used, and a borrow through it borrows what it
    /// borrows.
    pub is_ref: bool,
    /// Kept in a slot of the frame, outside the state enum, and used in place (big arrays
    /// whose every use is a borrow), so that resuming never copies it.
    pub pinned: bool,
    /// Declared without a value and without `mut` (`let x;`): assigned at most once, so any
    /// assignment ends what came before for liveness, even inside a larger expression.
    pub assigned_once: bool,
    /// A local the macro made (`__coro_iter1`, ...), with mixed-site hygiene.
    pub generated: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum EntryKind {
    Start,
    Resume(usize),
    Head(usize),
    Join(SeqId, usize),
}

/// One step of the path from the body to an entry: node `index` of `seq`, and which of its
/// child sequences (`branch`) the path continues into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub seq: SeqId,
    pub index: usize,
    pub branch: usize,
}

pub struct Entry {
    pub kind: EntryKind,
    pub chain: Vec<Link>,
    /// Visible bindings in scope at the entry, in declaration order.
    pub in_scope: Vec<BindingId>,
    /// The kept bindings, in declaration order.
    pub saved: Vec<BindingId>,
    pub span: Span,
}

pub struct Analysis {
    pub bindings: Vec<Binding>,
    pub entries: Vec<Entry>,
    pub entry_index: FastMap<EntryKind, usize>,
    /// Bindings mentioned by each node (for a yield: by its value).
    pub node_mentions: FastMap<(SeqId, usize), Vec<BindingId>>,
    /// Bindings mentioned when a yield's resume value is stored (`x = yield_!(..)`).
    pub resume_mentions: FastMap<usize, Vec<BindingId>>,
    /// Bindings declared by each node (`let`, `let p = yield_!(..)`).
    pub node_decls: FastMap<(SeqId, usize), Vec<BindingId>>,
}

impl Analysis {
    pub fn entry(&self, kind: EntryKind) -> &Entry {
        &self.entries[self.entry_index[&kind]]
    }
}

#[cfg(test)]
mod tests;
