//! Shared loop heads: which yield-carrying loops the resume arms reach through one copy of
//! the loop's code, emitted after the dispatch `match`, instead of each through its own.
//!
//! Inline, the code from a loop head to the end of the body is repeated in every arm that
//! reaches the head: the arm that enters the loop from ahead of it (the start arm, or the arm
//! of the last `yield_!` before the loop), and the arm of every `yield_!` inside it (a loop with
//! two yields and a tail: three copies). The arms of the yields inside reach a shared head by
//! storing the head's kept locals in the moved-out state (its `Loop<k>` variant) and breaking
//! out of the `match`; the code after the `match` takes them from there.
//!
//! The arms that enter the loop from ahead keep their own copies: rustc types the state's
//! fields from the first arm that stores them, in source order, and such an arm, checked before
//! those of the yields inside, runs inline up to every `yield_!` in the loop that a path from
//! the head reaches without passing another one (the others are stored by the arms of those it
//! passes). A loop with a single `yield_!` is emitted as before: sharing would save no copy.
//!
//! Only heads whose path from the body passes through plain blocks are shared: control never
//! comes back to them from later code, so the heads' code can follow the `match` in source
//! order, each inside the labeled blocks of the later ones.

use std::cmp::Ordering;

use crate::analyze::{Analysis, Entry, EntryKind};
use crate::ir::{Ir, Node};

/// The loop heads to share, in source order.
pub fn plan(ir: &Ir, an: &Analysis) -> Vec<EntryKind> {
    an.entries.iter().filter(|head| shareable(ir, an, head)).map(|head| head.kind).collect()
}

fn shareable(ir: &Ir, an: &Analysis, head: &Entry) -> bool {
    let EntryKind::Head(_) = head.kind else { return false };
    let Some((last, outer)) = head.chain.split_last() else { return false };
    let is_block = |seq: usize, index: usize| matches!(ir.seqs[seq].nodes[index], Node::Block(_));
    if !outer.iter().all(|l| is_block(l.seq, l.index)) {
        return false;
    }
    let Node::Loop(l) = &ir.seqs[last.seq].nodes[last.index] else { return false };
    let resumes = an.entries.iter().filter(|e| matches!(e.kind, EntryKind::Resume(_)));
    let inside = resumes.filter(|e| position(e, head) == Ordering::Equal).count();
    !l.is_block && inside >= 2
}

/// Where `entry` is relative to the loop of shared `head`: before it, inside it (`Equal`) or
/// after it.
pub fn position(entry: &Entry, head: &Entry) -> Ordering {
    for (depth, link) in head.chain.iter().enumerate() {
        let Some(at) = entry.chain.get(depth) else { return Ordering::Less };
        match at.index.cmp(&link.index) {
            Ordering::Equal if depth + 1 < head.chain.len() => continue,
            order => return order,
        }
    }
    Ordering::Less
}

#[cfg(test)]
mod tests {
    use crate::analyze::{analyze, EntryKind};
    use crate::lower::lower_body;

    fn plan_of(body: &str) -> Vec<EntryKind> {
        let block: syn::Block = syn::parse_str(body).expect("body parses");
        let ir = lower_body(block, true).expect("lowers");
        let an = analyze(&ir, Vec::new(), None).expect("analyzes");
        super::plan(&ir, &an)
    }

    #[test]
    fn loops_that_two_resume_points_reach_are_shared_at_the_top_level_and_in_blocks() {
        assert_eq!(plan_of("{ let mut i = 0; while i < 3 { yield_!(i); yield_!(0); i += 1; } }").len(), 1);
        assert_eq!(plan_of("{ let a = 1; { let mut j = 0; loop { yield_!(j); yield_!(a); j += 1; } } }").len(), 1);
        assert_eq!(plan_of("{ loop { loop { yield_!(1); yield_!(2); } } }").len(), 1);
        assert_eq!(plan_of("{ yield_!(0); loop { yield_!(1); yield_!(2); } yield_!(3); for x in 0..2 { yield_!(x); yield_!(x); } }").len(), 2);
    }

    #[test]
    fn loops_with_one_yield_or_inside_branches_are_not() {
        assert!(plan_of("{ let mut i = 0; while i < 3 { yield_!(i); i += 1; } }").is_empty());
        assert!(plan_of("{ if true { loop { yield_!(1); yield_!(2); } } }").is_empty());
        assert!(plan_of("{ let mut i = 0; while i < 3 { i += 1; } yield_!(i); yield_!(i); }").is_empty());
    }
}
