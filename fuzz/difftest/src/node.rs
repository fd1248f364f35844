//! The generated program as a tree of tokens with shrinking hints.
//!
//! The generator knows types and scopes; the shrinker does not need to. It only needs to know
//! which statements may be deleted ([`Node::Stmt`]) and which sub-trees may be replaced by a
//! simpler alternative of the same type ([`Node::Alt`]). A candidate that no longer compiles is
//! simply discarded by the runner.

#[derive(Clone, Debug)]
pub enum Node {
    Tok(String),
    Seq(Vec<Node>),
    /// A statement that may be deleted.
    Stmt(Box<Node>),
    /// A sub-tree and simpler replacements for it (same type, fewer constructs).
    Alt(Box<Node>, Vec<Node>),
}

pub fn tok(s: impl Into<String>) -> Node {
    Node::Tok(s.into())
}

pub fn seq(v: Vec<Node>) -> Node {
    Node::Seq(v)
}

pub fn stmt(n: Node) -> Node {
    Node::Stmt(Box::new(n))
}

pub fn alt(n: Node, simpler: Vec<Node>) -> Node {
    if simpler.is_empty() {
        n
    } else {
        Node::Alt(Box::new(n), simpler)
    }
}

impl Node {
    pub fn print(&self) -> String {
        let mut out = String::new();
        self.print_into(&mut out);
        out
    }

    fn print_into(&self, out: &mut String) {
        match self {
            Node::Tok(t) => {
                out.push_str(t);
                if t.ends_with(';') || t.ends_with('{') || t.ends_with('}') {
                    out.push('\n');
                } else {
                    out.push(' ');
                }
            }
            Node::Seq(v) => v.iter().for_each(|n| n.print_into(out)),
            Node::Stmt(n) => {
                n.print_into(out);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            Node::Alt(n, _) => n.print_into(out),
        }
    }

    /// How many single-step reductions this tree offers.
    pub fn reductions(&self) -> usize {
        match self {
            Node::Tok(_) => 0,
            Node::Seq(v) => v.iter().map(Node::reductions).sum(),
            Node::Stmt(n) => 1 + n.reductions(),
            Node::Alt(n, s) => s.len() + n.reductions(),
        }
    }

    /// The tree with reduction `k` applied (numbering as in [`Node::reductions`], pre-order).
    pub fn reduce(&self, k: usize) -> Node {
        let mut k = k;
        self.reduce_at(&mut k)
    }

    fn reduce_at(&self, k: &mut usize) -> Node {
        match self {
            Node::Tok(_) => self.clone(),
            Node::Seq(v) => Node::Seq(v.iter().map(|n| n.reduce_at(k)).collect()),
            Node::Stmt(n) => {
                if *k == 0 {
                    *k = usize::MAX;
                    return Node::Seq(Vec::new());
                }
                if *k != usize::MAX {
                    *k -= 1;
                }
                Node::Stmt(Box::new(n.reduce_at(k)))
            }
            Node::Alt(n, s) => {
                if *k != usize::MAX && *k < s.len() {
                    let r = s[*k].clone();
                    *k = usize::MAX;
                    return r;
                }
                if *k != usize::MAX {
                    *k -= s.len();
                }
                Node::Alt(Box::new(n.reduce_at(k)), s.clone())
            }
        }
    }
}
