//! The generator of random coroutine bodies.
//!
//! Every program is valid Rust as a plain function (the oracle) by construction: the generator
//! keeps a small type discipline (`i64` arithmetic with wrapping ops, helper fns in the harness
//! for anything that could panic), scopes with shadowing, move tracking for owning values, and
//! bounded loops (each `loop`/`while` has a hidden counter checked at its head, `for` loops run
//! over at most 4 items), so every program terminates.
//!
//! It also avoids the two places where the coroutine is *documented* to differ from plain Rust,
//! so that every difference it finds is a bug or an undocumented limitation:
//! - borrows of locals held across a `yield_!` (rejected with an error): references are only
//!   ever passed straight to a harness fn;
//! - "a local whose last use before a `yield_!` may have moved it is dropped at that yield":
//!   a logging value is only ever used in place (`n.0`, `h::peek(&n)`, `(&f)(x)`) or really
//!   moved, and only unconditionally (a value is moved only in the scope that declared it, and
//!   never in a loop head, a match guard or the right operand of `&&`/`||`).

use crate::node::*;
use crate::rng::Rng;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ty {
    I64,
    Bool,
    Noisy,
    Vec,
    Str,
    Tup,
    P,
    Arr3,
    Arr64,
    Opt,
    Closure,
}

impl Ty {
    pub fn rust(self) -> &'static str {
        match self {
            Ty::I64 => "i64",
            Ty::Bool => "bool",
            Ty::Noisy => "Noisy",
            Ty::Vec => "Vec<i64>",
            Ty::Str => "String",
            Ty::Tup => "(i64, Noisy)",
            Ty::P => "h::P",
            Ty::Arr3 => "[i64; 3]",
            Ty::Arr64 => "[i64; 64]",
            Ty::Opt => "Option<i64>",
            Ty::Closure => "_",
        }
    }

    fn is_copy(self) -> bool {
        matches!(self, Ty::I64 | Ty::Bool | Ty::Arr3 | Ty::Arr64 | Ty::Opt)
    }

    /// A literal-ish simplest value of the type, for the shrinker.
    fn simplest(self) -> Option<&'static str> {
        Some(match self {
            Ty::I64 => "1",
            Ty::Bool => "true",
            Ty::Noisy => "h::noisy(1)",
            Ty::Vec => "Vec::<i64>::new()",
            Ty::Str => "String::new()",
            Ty::Tup => "(1, h::noisy(1))",
            Ty::P => "h::P { a: 1, n: h::noisy(1) }",
            Ty::Arr3 => "[1, 2, 3]",
            Ty::Arr64 => "[1; 64]",
            Ty::Opt => "Some(1)",
            Ty::Closure => return None,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ret {
    I64,
    Opt,
    Res,
    Unit,
}

impl Ret {
    pub fn rust(self) -> &'static str {
        match self {
            Ret::I64 => "i64",
            Ret::Opt => "Option<i64>",
            Ret::Res => "Result<i64, i64>",
            Ret::Unit => "()",
        }
    }
}

/// Which constructs the generator may use (a campaign can switch off a class of constructs
/// that triggers a known bug, to look for others).
#[derive(Clone, Debug)]
pub struct Cfg {
    /// Owning temporaries (`h::peek(&h::noisy(1))`) inside expressions that also yield.
    pub temps: bool,
    pub closures: bool,
    pub yield_from: bool,
    pub let_else: bool,
    pub shadowing: bool,
    pub assign_lhs_yield: bool,
    /// `let x = h::peek(&n);` (a one-argument call on a reference as a whole initialiser, which
    /// the macro takes for a borrow held by `x`).
    pub ref_init: bool,
    pub max_stmts: i64,
    pub max_depth: usize,
    pub max_expr_depth: usize,
}

impl Default for Cfg {
    fn default() -> Self {
        Cfg {
            temps: true,
            closures: true,
            yield_from: true,
            let_else: true,
            shadowing: true,
            assign_lhs_yield: true,
            ref_init: true,
            max_stmts: 28,
            max_depth: 4,
            max_expr_depth: 3,
        }
    }
}

impl Cfg {
    /// Applies `name` or `no-name` (comma-separated list) to the switches.
    pub fn apply(&mut self, spec: &str) -> Result<(), String> {
        for part in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (on, name) = match part.strip_prefix("no-") {
                Some(n) => (false, n),
                None => (true, part),
            };
            match name {
                "temps" => self.temps = on,
                "closures" => self.closures = on,
                "yield-from" => self.yield_from = on,
                "let-else" => self.let_else = on,
                "shadowing" => self.shadowing = on,
                "assign-lhs-yield" => self.assign_lhs_yield = on,
                "ref-init" => self.ref_init = on,
                _ if name.starts_with("max-stmts=") => {
                    self.max_stmts = name["max-stmts=".len()..].parse().map_err(|e| format!("{part}: {e}"))?
                }
                _ => return Err(format!("unknown generator switch `{part}`")),
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug)]
pub struct FnDef {
    pub name: String,
    pub params: Vec<(String, Ty, bool)>,
    pub ret: Ret,
    pub body: Node,
}

#[derive(Clone, Debug)]
pub struct Program {
    /// The seed it was generated from (for the record).
    pub seed: u64,
    /// Seed of the resume-value script.
    pub script: u64,
    /// Delegates first (`sub0`, ..), the entry point `main` last.
    pub fns: Vec<FnDef>,
    /// Arguments of `main`, as source.
    pub args: String,
}

#[derive(Clone)]
struct SubSig {
    name: String,
    params: Vec<Ty>,
    ret: Ret,
}

#[derive(Clone)]
struct Var {
    name: String,
    ty: Ty,
    mutable: bool,
    moved: bool,
    /// A closure that owns a logging value.
    logs: bool,
    /// Its integer type is pinned (annotation, parameter, yield): usable as a method receiver.
    typed: bool,
}

#[derive(Clone)]
struct LoopCtx {
    label: Option<String>,
    is_block: bool,
    value: Option<Ty>,
}

pub struct Gen<'a> {
    r: &'a mut Rng,
    cfg: &'a Cfg,
    next: usize,
    scopes: Vec<Vec<Var>>,
    loops: Vec<LoopCtx>,
    pending: Vec<Node>,
    ret: Ret,
    subs: Vec<SubSig>,
    no_yield: usize,
    no_move: usize,
    /// Variables borrowed mutably by the statement being generated (`v.push(..)`): its
    /// arguments must not assign them (E0499).
    frozen: Vec<(usize, usize)>,
    /// 0: not in a closure; 1: in a `move` closure body (Copy captures only); 2: in a closure
    /// that captures nothing.
    closure: u8,
    /// Scopes from this index on belong to the closure being generated (its parameter).
    closure_scope: usize,
    budget: i64,
    depth: usize,
}

pub fn program(seed: u64, cfg: &Cfg) -> Program {
    let mut r = Rng::new(seed);
    let script = r.next_u64();
    let main_ret = *r.pick(&[Ret::I64, Ret::I64, Ret::Opt, Ret::Res, Ret::Unit]);
    let nsubs = if cfg.yield_from { r.weighted(&[4, 4, 2]) } else { 0 };
    let mut sigs: Vec<SubSig> = Vec::new();
    for i in 0..nsubs {
        let ret = if main_ret != Ret::Unit && main_ret != Ret::I64 && r.chance(0.4) { main_ret } else { Ret::I64 };
        let mut params = Vec::new();
        for _ in 0..r.below(3) {
            params.push(*r.pick(&[Ty::I64, Ty::I64, Ty::Noisy]));
        }
        sigs.push(SubSig { name: format!("sub{i}"), params, ret });
    }
    let mut fns = Vec::new();
    let mut ids = 0;
    for i in 0..nsubs {
        let mut rr = r.fork();
        let callable = sigs[i + 1..].to_vec();
        let sig = sigs[i].clone();
        let params: Vec<(String, Ty, bool)> =
            sig.params.iter().enumerate().map(|(k, t)| (format!("a{k}"), *t, rr.chance(0.3))).collect();
        let budget = cfg.max_stmts / 3;
        let body = Gen::new(&mut rr, cfg, sig.ret, callable, &mut ids).body(&params, budget);
        fns.push(FnDef { name: sig.name.clone(), params, ret: sig.ret, body });
    }
    let mut rr = r.fork();
    let mut params = Vec::new();
    let mut args = Vec::new();
    for k in 0..r.below(4) {
        let ty = *r.pick(&[Ty::I64, Ty::I64, Ty::Noisy, Ty::Vec]);
        args.push(match ty {
            Ty::I64 => format!("{}", r.range(-3, 9)),
            Ty::Noisy => format!("h::noisy({})", 100 + k),
            _ => format!("vec![{}, {}]", r.range(0, 5), r.range(0, 5)),
        });
        params.push((format!("p{k}"), ty, r.chance(0.4)));
    }
    let budget = cfg.max_stmts;
    let body = Gen::new(&mut rr, cfg, main_ret, sigs.clone(), &mut ids).body(&params, budget);
    fns.push(FnDef { name: "main".into(), params, ret: main_ret, body });
    Program { seed, script, fns, args: args.join(", ") }
}

/// A match scrutinee cannot be a bare struct literal (nor start with a block).
fn scrut_paren(n: Node) -> Node {
    match &n {
        Node::Tok(_) => n,
        _ => paren(n),
    }
}

fn paren(n: Node) -> Node {
    seq(vec![tok("("), n, tok(")")])
}

impl<'a> Gen<'a> {
    fn new(r: &'a mut Rng, cfg: &'a Cfg, ret: Ret, subs: Vec<SubSig>, ids: &mut usize) -> Self {
        // Names are unique per program (a fn body never sees another's), so start after `ids`.
        let next = *ids;
        *ids += 10_000;
        Gen {
            r,
            cfg,
            next,
            scopes: Vec::new(),
            loops: Vec::new(),
            pending: Vec::new(),
            ret,
            subs,
            no_yield: 0,
            no_move: 0,
            frozen: Vec::new(),
            closure: 0,
            closure_scope: 0,
            budget: 0,
            depth: 0,
        }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    fn body(mut self, params: &[(String, Ty, bool)], budget: i64) -> Node {
        self.budget = budget;
        self.scopes.push(params.iter().map(|(n, t, m)| Var { name: n.clone(), ty: *t, mutable: *m, moved: false, logs: false, typed: true }).collect());
        let n = 2 + self.r.below(6);
        let tail_ty = match self.ret {
            Ret::Unit => None,
            _ => Some(Ty::I64), // placeholder: the tail is a return expression, see `ret_expr`
        };
        let mut items = vec![tok("{")];
        let mut diverged = false;
        for _ in 0..n {
            if self.budget <= 0 {
                break;
            }
            let (s, d) = self.stmt_with_pending();
            items.extend(s);
            if d {
                diverged = true;
                break;
            }
        }
        if tail_ty.is_some() && !diverged {
            let saved = std::mem::take(&mut self.pending);
            let e = self.ret_expr();
            let pre = std::mem::replace(&mut self.pending, saved);
            items.extend(pre);
            items.push(e);
        }
        items.push(tok("}"));
        self.scopes.pop();
        seq(items)
    }

    // ------------------------------------------------------------------ scopes and variables

    /// Visible variables (innermost binding of each name), with their scope index.
    fn visible(&self) -> Vec<(usize, usize)> {
        let mut seen: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for (si, scope) in self.scopes.iter().enumerate().rev() {
            for (vi, v) in scope.iter().enumerate().rev() {
                if seen.contains(&v.name.as_str()) {
                    continue;
                }
                seen.push(&v.name);
                out.push((si, vi));
            }
        }
        out
    }

    fn var(&self, at: (usize, usize)) -> &Var {
        &self.scopes[at.0][at.1]
    }

    /// A readable (not moved) visible variable of type `ty`.
    fn pick_var(&mut self, ty: Ty, want_mut: bool) -> Option<(usize, usize)> {
        let c: Vec<_> = self
            .visible()
            .into_iter()
            .filter(|&at| {
                let v = self.var(at);
                v.ty == ty
                    && !v.moved
                    && (!want_mut || (v.mutable && !self.frozen.contains(&at)))
                    && (at.0 >= self.closure_scope || self.readable_in_closure(v))
            })
            .collect();
        if c.is_empty() {
            None
        } else {
            Some(*self.r.pick(&c))
        }
    }

    fn readable_in_closure(&self, v: &Var) -> bool {
        match self.closure {
            0 => true,
            1 => v.ty.is_copy(),
            _ => false,
        }
    }

    /// A variable of type `ty` that may be moved here: declared in the innermost scope.
    fn pick_movable(&mut self, ty: Ty) -> Option<(usize, usize)> {
        if self.no_move > 0 || self.closure > 0 {
            return None;
        }
        let inner = self.scopes.len() - 1;
        let c: Vec<_> = self.visible().into_iter().filter(|&(s, v)| s == inner && self.scopes[s][v].ty == ty && !self.scopes[s][v].moved).collect();
        if c.is_empty() {
            None
        } else {
            Some(*self.r.pick(&c))
        }
    }

    fn declare(&mut self, name: String, ty: Ty, mutable: bool) {
        self.scopes.last_mut().expect("scope").push(Var { name, ty, mutable, moved: false, logs: false, typed: false });
    }

    /// A new binding name: fresh, or (sometimes) the name of a visible variable, which shadows it.
    fn binding_name(&mut self) -> String {
        if self.cfg.shadowing && self.r.chance(0.2) {
            let names: Vec<String> = self.visible().into_iter().map(|at| self.var(at).name.clone()).collect();
            if !names.is_empty() {
                return self.r.pick(&names).clone();
            }
        }
        self.fresh("x")
    }

    fn is_typed_name(&self, name: &str) -> bool {
        self.visible().into_iter().any(|at| self.var(at).name == name && self.var(at).typed)
    }

    fn can_yield(&self) -> bool {
        self.no_yield == 0 && self.closure == 0
    }

    // ------------------------------------------------------------------ statements

    /// A statement and the statements it needs before it (loop counters); whether it diverges.
    fn stmt_with_pending(&mut self) -> (Vec<Node>, bool) {
        let saved = std::mem::take(&mut self.pending);
        let (s, d) = self.stmt();
        let mut out = std::mem::replace(&mut self.pending, saved);
        out.push(s);
        (out, d)
    }

    /// `{ prefix stmts [tail] }` in a new scope. `tail`: the block's value type. `may_diverge`:
    /// the block may end with an unconditional `break`/`continue`/`return` (then no tail).
    fn block(&mut self, prefix: Vec<Node>, tail: Option<Ty>, may_diverge: bool) -> Node {
        self.block_with(prefix, Vec::new(), tail, may_diverge)
    }

    fn block_with(&mut self, prefix: Vec<Node>, bindings: Vec<(String, Ty, bool)>, tail: Option<Ty>, may_diverge: bool) -> Node {
        self.depth += 1;
        self.scopes.push(bindings.into_iter().map(|(n, t, m)| Var { name: n, ty: t, mutable: m, moved: false, logs: false, typed: false }).collect());
        let mut items = vec![tok("{")];
        items.extend(prefix);
        let n = if self.budget <= 0 { 0 } else { self.r.below(4) + usize::from(self.depth < 3) };
        let mut diverged = false;
        for _ in 0..n {
            if self.budget <= 0 {
                break;
            }
            let (s, d) = self.stmt_with_pending();
            if d && !may_diverge && tail.is_some() {
                // Not allowed here: drop it (its pending statements are harmless).
                continue;
            }
            items.extend(s);
            if d {
                diverged = true;
                break;
            }
        }
        if let Some(ty) = tail {
            if !diverged {
                let saved = std::mem::take(&mut self.pending);
                let e = self.expr(ty, 1);
                let pre = std::mem::replace(&mut self.pending, saved);
                items.extend(pre);
                items.push(e);
            }
        }
        items.push(tok("}"));
        self.scopes.pop();
        self.depth -= 1;
        seq(items)
    }

    fn stmt(&mut self) -> (Node, bool) {
        self.budget -= 1;
        let deep = self.depth >= self.cfg.max_depth || self.budget < 3;
        let in_loop = self.loops.iter().any(|l| !l.is_block);
        let has_loops = !self.loops.is_empty();
        let c = |b: bool, w: u32| if b { w } else { 0 };
        let yok = self.can_yield();
        let weights = [
            20,                                                   // 0 let
            c(yok, 7),                                            // 1 let = yield
            c(yok, 10),                                           // 2 yield stmt
            8,                                                    // 3 assign
            c(!deep, 8),                                          // 4 if
            c(!deep, 4),                                          // 5 if let
            c(!deep, 5),                                          // 6 match
            c(!deep, 5),                                          // 7 loop
            c(!deep, 4),                                          // 8 while
            c(!deep, 3),                                          // 9 while let
            c(!deep, 5),                                          // 10 for
            c(!deep, 3),                                          // 11 block / labeled block
            c(has_loops, 6),                                      // 12 break / continue
            3,                                                    // 13 return
            c(self.cfg.let_else, 3),                              // 14 let-else
            4,                                                    // 15 note
            c(yok && self.cfg.yield_from && !self.subs.is_empty(), 4), // 16 yield_from
            3,                                                    // 17 consume
            c(self.cfg.closures, 3),                              // 18 closure
            c(!deep && self.cfg.shadowing, 3),                    // 19 shadowing block
        ];
        let _ = in_loop;
        match self.r.weighted(&weights) {
            0 => (self.let_stmt(), false),
            1 => {
                let name = self.binding_name();
                let v = self.expr(Ty::I64, 1);
                let mutable = self.r.chance(0.3);
                let ann = if self.r.chance(0.5) { ": i64" } else { "" };
                let m = if mutable { "mut " } else { "" };
                self.declare(name.clone(), Ty::I64, mutable);
                self.scopes.last_mut().unwrap().last_mut().unwrap().typed = true;
                (stmt(seq(vec![tok(format!("let {m}{name}{ann} = yield_!(")), v, tok(");")])), false)
            }
            2 => {
                let v = self.expr(Ty::I64, 1);
                (stmt(seq(vec![tok("yield_!("), v, tok(");")])), false)
            }
            3 => (self.assign_stmt(), false),
            4 => (self.if_stmt(), false),
            5 => (self.if_let_stmt(), false),
            6 => (self.match_stmt(), false),
            7 => (self.loop_stmt(), false),
            8 => (self.while_stmt(), false),
            9 => (self.while_let_stmt(), false),
            10 => (self.for_stmt(), false),
            11 => (self.block_stmt(), false),
            12 => self.leap_stmt(),
            13 => self.return_stmt(),
            14 => (self.let_else_stmt(), false),
            15 => {
                let e = self.expr(Ty::I64, 1);
                (stmt(seq(vec![tok("h::note("), e, tok(");")])), false)
            }
            16 => {
                let e = self.yield_from_expr();
                match e {
                    Some(e) => (stmt(seq(vec![e, tok(";")])), false),
                    None => (self.let_stmt(), false),
                }
            }
            17 => match self.consume_expr() {
                Some(e) => (stmt(seq(vec![e, tok(";")])), false),
                None => (self.let_stmt(), false),
            },
            18 => (self.closure_stmt(), false),
            19 => (self.shadow_block_stmt(), false),
            _ => unreachable!(),
        }
    }

    fn let_ty(&mut self) -> Ty {
        let tys = [Ty::I64, Ty::Bool, Ty::Noisy, Ty::Vec, Ty::Str, Ty::Tup, Ty::P, Ty::Arr3, Ty::Arr64, Ty::Opt];
        tys[self.r.weighted(&[40, 4, 14, 6, 4, 5, 5, 4, 2, 6])]
    }

    fn let_stmt(&mut self) -> Node {
        let ty = self.let_ty();
        self.let_of(ty)
    }

    fn let_of(&mut self, ty: Ty) -> Node {
        let name = self.binding_name();
        let init = self.expr(ty, 1);
        let init = if !self.cfg.ref_init && init.print().starts_with("h::") && init.print().contains("(&") {
            seq(vec![tok("("), init, tok("^ 0)")])
        } else {
            init
        };
        let mutable = self.r.chance(0.35);
        let annotate = ty == Ty::Opt || self.r.chance(0.6);
        self.declare(name.clone(), ty, mutable);
        self.scopes.last_mut().unwrap().last_mut().unwrap().typed = annotate;
        let m = if mutable { "mut " } else { "" };
        let ann = if annotate { format!(": {}", ty.rust()) } else { String::new() };
        stmt(seq(vec![tok(format!("let {m}{name}{ann} =")), init, tok(";")]))
    }

    fn assign_stmt(&mut self) -> Node {
        let tys = [Ty::I64, Ty::Noisy, Ty::Vec, Ty::Str, Ty::Arr3, Ty::Arr64, Ty::Opt, Ty::Tup, Ty::P, Ty::Bool];
        let ty = tys[self.r.weighted(&[12, 4, 3, 2, 2, 1, 2, 2, 2, 1])];
        let Some(at) = self.pick_var(ty, true).or_else(|| self.pick_var(Ty::I64, true)) else {
            return self.let_stmt();
        };
        let v = self.var(at).clone();
        let name = v.name.clone();
        self.no_move += 1;
        let out = match v.ty {
            Ty::I64 => match self.r.below(4) {
                0 => {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok(format!("{name} =")), e, tok(";")])
                }
                1 => {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok(format!("{name} ^=")), e, tok(";")])
                }
                2 if v.typed => {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok(format!("{name} = {name}.wrapping_add(")), e, tok(");")])
                }
                2 => {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok(format!("{name} = {name} ^")), e, tok(";")])
                }
                _ => {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok(format!("{name} |=")), e, tok(";")])
                }
            },
            Ty::Noisy => {
                let e = self.expr(Ty::I64, 1);
                seq(vec![tok(format!("{name} = h::noisy(")), e, tok(");")])
            }
            Ty::Vec => {
                let push = self.r.chance(0.7);
                if push {
                    self.frozen.push(at);
                }
                let e = self.expr(Ty::I64, 1);
                if push {
                    self.frozen.pop();
                    seq(vec![tok(format!("{name}.push(")), e, tok(");")])
                } else {
                    seq(vec![tok(format!("{name} = h::mkvec(")), e, tok(");")])
                }
            }
            Ty::Str => {
                self.frozen.push(at);
                let e = self.expr(Ty::I64, 1);
                self.frozen.pop();
                seq(vec![tok(format!("{name}.push_str(&h::num(")), e, tok("));")])
            }
            Ty::Arr3 | Ty::Arr64 => {
                let n = if v.ty == Ty::Arr3 { 3 } else { 64 };
                let i = if self.cfg.assign_lhs_yield { self.expr(Ty::I64, 2) } else { self.noyield_expr(Ty::I64, 2) };
                let e = self.expr(Ty::I64, 1);
                seq(vec![tok(format!("{name}[h::idx(")), i, tok(format!(", {n})] =")), e, tok(";")])
            }
            Ty::Opt => {
                let e = self.expr(Ty::Opt, 1);
                seq(vec![tok(format!("{name} =")), e, tok(";")])
            }
            Ty::Tup => {
                if self.r.chance(0.5) {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok(format!("{name}.0 =")), e, tok(";")])
                } else {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok(format!("{name}.1 = h::noisy(")), e, tok(");")])
                }
            }
            Ty::P => {
                if self.r.chance(0.5) {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok(format!("{name}.a =")), e, tok(";")])
                } else {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok(format!("{name}.n = h::noisy(")), e, tok(");")])
                }
            }
            Ty::Bool => {
                let e = self.expr(Ty::Bool, 1);
                seq(vec![tok(format!("{name} =")), e, tok(";")])
            }
            Ty::Closure => unreachable!(),
        };
        self.no_move -= 1;
        stmt(out)
    }

    /// Block-like statements sometimes carry a `;` (both are valid; the macro sees different
    /// syntax trees).
    fn semi(&mut self) -> Node {
        if self.r.chance(0.3) {
            tok(";")
        } else {
            seq(Vec::new())
        }
    }

    fn if_stmt(&mut self) -> Node {
        let cond = self.expr(Ty::Bool, 1);
        let then = self.block(Vec::new(), None, true);
        let mut parts = vec![tok("if"), cond, then.clone()];
        let mut alts = vec![then];
        if self.r.chance(0.5) {
            if self.r.chance(0.3) {
                // Evaluated only when the first condition fails: a move there is a move on
                // some paths only (the README's "possibly moved" rule), like a lazy operand.
                self.no_move += 1;
                let c2 = self.expr(Ty::Bool, 1);
                self.no_move -= 1;
                let b2 = self.block(Vec::new(), None, true);
                parts.extend([tok("else if"), c2, b2.clone()]);
                alts.push(b2);
            }
            let els = self.block(Vec::new(), None, true);
            parts.extend([tok("else"), els.clone()]);
            alts.push(els);
        }
        parts.push(self.semi());
        stmt(alt(seq(parts), alts))
    }

    fn opt_source(&mut self) -> Node {
        match self.r.below(4) {
            0 => {
                if let Some(at) = self.pick_var(Ty::Opt, false) {
                    return tok(self.var(at).name.clone());
                }
                let e = self.expr(Ty::I64, 1);
                seq(vec![tok("h::opt("), e, tok(")")])
            }
            1 => {
                let e = self.expr(Ty::I64, 1);
                seq(vec![tok("Some("), e, tok(")")])
            }
            _ => {
                let e = self.expr(Ty::I64, 1);
                seq(vec![tok("h::opt("), e, tok(")")])
            }
        }
    }

    fn if_let_stmt(&mut self) -> Node {
        let src = self.opt_source();
        let name = self.binding_name();
        let then = self.block_with(Vec::new(), vec![(name.clone(), Ty::I64, false)], None, true);
        let mut parts = vec![tok(format!("if let Some({name}) =")), src, then];
        if self.r.chance(0.5) {
            let els = self.block(Vec::new(), None, true);
            parts.extend([tok("else"), els]);
        }
        parts.push(self.semi());
        stmt(seq(parts))
    }

    /// Match arms over an `i64` or `Option<i64>` scrutinee; `value`: the arms' type.
    fn match_arms(&mut self, on_opt: bool, value: Option<Ty>) -> (Vec<Node>, Vec<Node>) {
        let mut arms = Vec::new();
        let mut bodies = Vec::new();
        let n = 1 + self.r.below(3);
        let mut pats: Vec<(String, Option<String>)> = Vec::new(); // (pattern, binding)
        for _ in 0..n {
            let b = self.binding_name();
            let p = match (on_opt, self.r.below(3)) {
                (false, 0) => (format!("{}", self.r.range(-1, 6)), None),
                (false, 1) => (format!("{}..={}", self.r.range(-2, 2), self.r.range(3, 8)), None),
                (false, _) => (b.clone(), Some(b)),
                (true, 0) => (format!("Some({})", self.r.range(-1, 6)), None),
                (true, _) => (format!("Some({b})"), Some(b)),
            };
            pats.push(p);
        }
        if on_opt {
            let b = self.binding_name();
            pats.push((format!("Some({b})"), Some(b)));
            pats.push(("None".into(), None));
        } else {
            pats.push(("_".into(), None));
        }
        let last = pats.len() - 1;
        for (i, (pat, binding)) in pats.into_iter().enumerate() {
            let bindings: Vec<(String, Ty, bool)> = binding.iter().map(|b| (b.clone(), Ty::I64, false)).collect();
            self.scopes.push(bindings.into_iter().map(|(n, t, m)| Var { name: n, ty: t, mutable: m, moved: false, logs: false, typed: false }).collect());
            // A guard on all but the catch-all arms (sometimes); no yield, no move inside.
            // (For an `Option`, the last two arms, `Some(b)` and `None`, must stay unguarded.)
            let guarded_ok = if on_opt { i + 1 < last } else { i < last };
            let guard = if guarded_ok && self.r.chance(0.4) {
                self.no_yield += 1;
                self.no_move += 1;
                let g = self.expr(Ty::Bool, 2);
                self.no_yield -= 1;
                self.no_move -= 1;
                seq(vec![tok("if"), g])
            } else {
                seq(Vec::new())
            };
            let may_diverge = value.is_none() || i > 0;
            let body = if value.is_some() && self.r.chance(0.3) {
                let e = self.expr(value.unwrap(), 1);
                seq(vec![e.clone(), tok(",")])
            } else {
                self.block(Vec::new(), value, may_diverge)
            };
            self.scopes.pop();
            bodies.push(body.clone());
            arms.push(seq(vec![tok(pat), guard, tok("=>"), body]));
        }
        (arms, bodies)
    }

    fn match_stmt(&mut self) -> Node {
        let on_opt = self.r.chance(0.4);
        let scrut = if on_opt { self.opt_source() } else { self.expr(Ty::I64, 1) };
        let scrut = scrut_paren(scrut);
        let (arms, _) = self.match_arms(on_opt, None);
        let mut parts = vec![tok("match"), scrut, tok("{")];
        parts.extend(arms);
        parts.push(tok("}"));
        parts.push(self.semi());
        stmt(seq(parts))
    }

    fn label(&mut self) -> Option<String> {
        if self.r.chance(0.6) {
            Some(self.fresh("'l"))
        } else {
            None
        }
    }

    /// `[label:] loop { if c >= K { break [label] [v]; } c += 1; body }`, with the counter
    /// declared before the statement. `value`: the type of a value loop.
    fn counted_loop(&mut self, value: Option<Ty>) -> Node {
        let c = self.fresh("c");
        self.pending.push(tok(format!("let mut {c}: i64 = 0;")));
        let label = self.label();
        let k = 1 + self.r.below(3);
        let lab = label.clone().map(|l| format!("{l}: ")).unwrap_or_default();
        let brk_label = label.clone().unwrap_or_default();
        let dflt = match value {
            Some(_) => format!(" {}", self.r.range(-5, 5)),
            None => String::new(),
        };
        let guard = tok(format!("if {c} >= {k} {{ break {brk_label}{dflt}; }} {c} += 1;"));
        self.loops.push(LoopCtx { label, is_block: false, value });
        let body = self.block(vec![guard], None, true);
        self.loops.pop();
        seq(vec![tok(format!("{lab}loop")), body])
    }

    fn loop_stmt(&mut self) -> Node {
        let l = self.counted_loop(None);
        let semi = self.semi();
        stmt(seq(vec![l, semi]))
    }

    fn while_stmt(&mut self) -> Node {
        let c = self.fresh("c");
        self.pending.push(tok(format!("let mut {c}: i64 = 0;")));
        let label = self.label();
        let k = 1 + self.r.below(3);
        let lab = label.clone().map(|l| format!("{l}: ")).unwrap_or_default();
        let cond = if self.r.chance(0.4) {
            // No `break`/`continue` in a `while` condition (E0590): hide the enclosing loops.
            let outer = std::mem::take(&mut self.loops);
            self.no_move += 1;
            let b = self.expr(Ty::Bool, 2);
            self.no_move -= 1;
            self.loops = outer;
            seq(vec![tok(format!("({c} < {k}) &&")), paren(b)])
        } else {
            tok(format!("{c} < {k}"))
        };
        self.loops.push(LoopCtx { label, is_block: false, value: None });
        let body = self.block(vec![tok(format!("{c} += 1;"))], None, true);
        self.loops.pop();
        let semi = self.semi();
        stmt(seq(vec![tok(format!("{lab}while")), cond, body, semi]))
    }

    fn while_let_stmt(&mut self) -> Node {
        let w = self.fresh("w");
        let src = match self.r.below(3) {
            0 => match self.pick_var(Ty::Vec, false) {
                Some(at) => tok(format!("h::take3({}.clone())", self.var(at).name)),
                None => tok(format!("vec![{}, {}]", self.r.range(0, 5), self.r.range(0, 5))),
            },
            1 => tok(format!("vec![{}, {}, {}]", self.r.range(0, 5), self.r.range(0, 5), self.r.range(-3, 5))),
            _ => {
                let e = self.expr(Ty::I64, 2);
                seq(vec![tok("h::mkvec("), e, tok(")")])
            }
        };
        // The source expression goes before the statement (with its own pending statements).
        self.pending.push(seq(vec![tok(format!("let mut {w}: Vec<i64> =")), src, tok(";")]));
        let label = self.label();
        let lab = label.clone().map(|l| format!("{l}: ")).unwrap_or_default();
        let name = self.binding_name();
        let head = if self.can_yield() && self.r.chance(0.3) {
            // No `break`/`continue` in a `while` condition (E0590): hide the enclosing loops.
            let outer = std::mem::take(&mut self.loops);
            self.no_move += 1;
            let e = self.expr(Ty::I64, 2);
            self.no_move -= 1;
            self.loops = outer;
            seq(vec![tok(format!("{lab}while let Some({name}) = h::pop_with(&mut {w},")), e, tok(")")])
        } else {
            tok(format!("{lab}while let Some({name}) = {w}.pop()"))
        };
        self.loops.push(LoopCtx { label, is_block: false, value: None });
        let body = self.block_with(Vec::new(), vec![(name, Ty::I64, false)], None, true);
        self.loops.pop();
        let semi = self.semi();
        stmt(seq(vec![head, body, semi]))
    }

    fn for_stmt(&mut self) -> Node {
        let iter = match self.r.below(4) {
            0 => {
                let e = self.expr(Ty::I64, 2);
                seq(vec![tok("0..h::small("), e, tok(")")])
            }
            1 => {
                let v = self.expr(Ty::Vec, 2);
                seq(vec![tok("h::take3("), v, tok(")")])
            }
            2 => {
                let (a, b) = (self.expr(Ty::I64, 2), self.expr(Ty::I64, 2));
                seq(vec![tok("["), a, tok(","), b, tok("]")])
            }
            _ => tok(format!("{}i64..{}", self.r.range(-1, 1), self.r.range(1, 4))),
        };
        let label = self.label();
        let lab = label.clone().map(|l| format!("{l}: ")).unwrap_or_default();
        let name = self.binding_name();
        self.loops.push(LoopCtx { label, is_block: false, value: None });
        let body = self.block_with(Vec::new(), vec![(name.clone(), Ty::I64, false)], None, true);
        self.loops.pop();
        let semi = self.semi();
        stmt(seq(vec![tok(format!("{lab}for {name} in")), iter, body, semi]))
    }

    fn block_stmt(&mut self) -> Node {
        if self.r.chance(0.5) {
            let label = self.fresh("'b");
            self.loops.push(LoopCtx { label: Some(label.clone()), is_block: true, value: None });
            let b = self.block(Vec::new(), None, true);
            self.loops.pop();
            let semi = self.semi();
            stmt(alt(seq(vec![tok(format!("{label}:")), b.clone(), semi]), vec![b]))
        } else {
            let b = self.block(Vec::new(), None, true);
            let semi = self.semi();
            stmt(seq(vec![b, semi]))
        }
    }

    /// `{ let x = ..; .. }` where `x` shadows a visible variable, then a use of the outer `x`.
    fn shadow_block_stmt(&mut self) -> Node {
        let vis: Vec<_> = self.visible().into_iter().filter(|&at| self.read_of(at).is_some()).collect();
        if vis.is_empty() {
            return self.let_stmt();
        }
        let at = *self.r.pick(&vis);
        let name = self.var(at).name.clone();
        let ty = self.let_ty();
        let init = self.expr(ty, 1);
        let first = stmt(seq(vec![tok(format!("let {name}: {} =", ty.rust())), init, tok(";")]));
        let b = self.block_with_first(first, name.clone(), ty);
        // The outer binding is visible again (and still readable if the block did not move it).
        let after = match self.read_of(at) {
            Some(r) => stmt(seq(vec![tok("h::note("), r, tok(");")])),
            None => seq(Vec::new()),
        };
        seq(vec![stmt(b), after])
    }

    fn block_with_first(&mut self, first: Node, name: String, ty: Ty) -> Node {
        self.depth += 1;
        self.scopes.push(vec![Var { name, ty, mutable: false, moved: false, logs: false, typed: false }]);
        let mut items = vec![tok("{"), first];
        for _ in 0..1 + self.r.below(3) {
            if self.budget <= 0 {
                break;
            }
            let (s, d) = self.stmt_with_pending();
            items.extend(s);
            if d {
                break;
            }
        }
        items.push(tok("}"));
        self.scopes.pop();
        self.depth -= 1;
        seq(items)
    }

    /// An `i64` read of a variable that leaves it in place.
    fn read_of(&self, at: (usize, usize)) -> Option<Node> {
        let v = self.var(at);
        if v.moved {
            return None;
        }
        let n = &v.name;
        Some(tok(match v.ty {
            Ty::I64 => n.clone(),
            Ty::Bool => format!("({n} as i64)"),
            Ty::Noisy => format!("{n}.0"),
            Ty::Vec => format!("({n}.len() as i64)"),
            Ty::Str => format!("h::slen(&{n})"),
            Ty::Tup => format!("{n}.1.0"),
            Ty::P => format!("{n}.n.0"),
            Ty::Arr3 | Ty::Arr64 => format!("{n}[1]"),
            Ty::Opt => format!("{n}.unwrap_or(-1)"),
            Ty::Closure => format!("(&{n})(1)"),
        }))
    }

    fn leap_stmt(&mut self) -> (Node, bool) {
        let innermost_is_loop = self.loops.last().is_some_and(|l| !l.is_block);
        let mut choices: Vec<(usize, bool)> = Vec::new(); // (target index, is_continue)
        for (i, l) in self.loops.iter().enumerate() {
            let labeled = l.label.is_some();
            let unlabeled_ok = i + 1 == self.loops.len() && innermost_is_loop;
            if labeled || unlabeled_ok {
                choices.push((i, false));
                if !l.is_block {
                    choices.push((i, true));
                }
            }
        }
        if choices.is_empty() {
            return (self.let_stmt(), false);
        }
        let (i, is_continue) = *self.r.pick(&choices);
        let l = self.loops[i].clone();
        let unlabeled_ok = i + 1 == self.loops.len() && innermost_is_loop;
        let label = match (&l.label, unlabeled_ok && self.r.chance(0.5)) {
            (Some(lab), false) => format!(" {lab}"),
            _ => String::new(),
        };
        let leap = if is_continue {
            tok(format!("continue{label};"))
        } else {
            match l.value {
                Some(ty) => {
                    let e = self.expr(ty, 1);
                    // `break 'l: loop { .. }` does not parse: a labeled value needs parentheses.
                    let e = if e.print().trim_start().starts_with('\'') { paren(e) } else { e };
                    seq(vec![tok(format!("break{label}")), e, tok(";")])
                }
                None => tok(format!("break{label};")),
            }
        };
        self.conditional(leap)
    }

    /// `if c { [stmt] leap }` (usually) or the bare leap (which ends the block).
    fn conditional(&mut self, leap: Node) -> (Node, bool) {
        if self.r.chance(0.75) {
            // Generated after `leap` but printed before it: they must not move what it uses.
            self.no_move += 1;
            let cond = self.expr(Ty::Bool, 1);
            let mut inner = vec![tok("{")];
            if self.r.chance(0.3) && self.can_yield() {
                let v = self.expr(Ty::I64, 2);
                inner.push(stmt(seq(vec![tok("yield_!("), v, tok(");")])));
            }
            self.no_move -= 1;
            inner.push(leap);
            inner.push(tok("}"));
            (stmt(seq(vec![tok("if"), cond, seq(inner)])), false)
        } else {
            (stmt(leap), true)
        }
    }

    fn ret_expr(&mut self) -> Node {
        match self.ret {
            Ret::I64 => self.expr(Ty::I64, 1),
            Ret::Unit => seq(Vec::new()),
            Ret::Opt => match self.r.below(4) {
                0 => tok("None"),
                1 => {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok("h::opt("), e, tok(")")])
                }
                _ => {
                    let e = self.expr(Ty::I64, 1);
                    alt(seq(vec![tok("Some("), e, tok(")")]), vec![tok("Some(1)")])
                }
            },
            Ret::Res => match self.r.below(4) {
                0 => {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok("Err("), e, tok(")")])
                }
                1 => {
                    let e = self.expr(Ty::I64, 1);
                    seq(vec![tok("h::res("), e, tok(")")])
                }
                _ => {
                    let e = self.expr(Ty::I64, 1);
                    alt(seq(vec![tok("Ok("), e, tok(")")]), vec![tok("Ok(1)")])
                }
            },
        }
    }

    fn return_stmt(&mut self) -> (Node, bool) {
        let e = self.ret_expr();
        let r = seq(vec![tok("return"), e, tok(";")]);
        self.conditional(r)
    }

    fn let_else_stmt(&mut self) -> Node {
        let src = self.opt_source();
        let name = self.binding_name();
        // The else block: optional statements, then a diverging statement.
        self.depth += 1;
        self.scopes.push(Vec::new());
        let mut els = vec![tok("{")];
        if self.can_yield() && self.r.chance(0.4) {
            let v = self.expr(Ty::I64, 2);
            els.push(stmt(seq(vec![tok("yield_!("), v, tok(");")])));
        }
        let innermost_is_loop = self.loops.last().is_some_and(|l| !l.is_block);
        let leap = if innermost_is_loop && self.r.chance(0.5) {
            if self.r.chance(0.5) || self.loops.last().unwrap().value.is_some() {
                tok("continue;")
            } else {
                tok("break;")
            }
        } else {
            let e = self.ret_expr();
            seq(vec![tok("return"), e, tok(";")])
        };
        els.push(leap);
        els.push(tok("}"));
        self.scopes.pop();
        self.depth -= 1;
        let ann = if self.r.chance(0.3) { ": i64" } else { "" };
        let _ = ann;
        self.declare(name.clone(), Ty::I64, false);
        stmt(seq(vec![tok(format!("let Some({name}) =")), src, tok("else"), seq(els), tok(";")]))
    }

    fn closure_stmt(&mut self) -> Node {
        let name = self.binding_name();
        let q = self.fresh("q");
        if self.r.chance(0.25) {
            // Captures nothing.
            self.closure = 2;
            self.closure_scope = self.scopes.len();
            self.scopes.push(vec![Var { name: q.clone(), ty: Ty::I64, mutable: false, moved: false, logs: false, typed: false }]);
            let body = self.expr(Ty::I64, 2);
            self.scopes.pop();
            self.closure = 0;
            self.closure_scope = 0;
            self.declare(name.clone(), Ty::Closure, false);
            return stmt(seq(vec![tok(format!("let {name} = |{q}: i64| -> i64 {{")), body, tok("};")]));
        }
        // A move closure: Copy captures in its body, plus maybe one whole owning value.
        let owned = [Ty::Noisy, Ty::Noisy, Ty::Vec, Ty::Str];
        let ty = *self.r.pick(&owned);
        let captured = self.pick_movable(ty).map(|at| {
            self.scopes[at.0][at.1].moved = true;
            let n = self.scopes[at.0][at.1].name.clone();
            (ty, match ty {
                Ty::Noisy => format!("h::peek(&{n})"),
                Ty::Vec => format!("h::vget(&{n}, 1)"),
                _ => format!("h::slen(&{n})"),
            })
        });
        self.closure = 1;
        self.closure_scope = self.scopes.len();
        self.scopes.push(vec![Var { name: q.clone(), ty: Ty::I64, mutable: false, moved: false, logs: false, typed: false }]);
        let body = self.expr(Ty::I64, 2);
        self.scopes.pop();
        self.closure = 0;
        self.closure_scope = 0;
        let logs = matches!(captured, Some((Ty::Noisy, _)));
        let body = match captured {
            Some((_, c)) => seq(vec![tok("h::f2("), body, tok(","), tok(c), tok(")")]),
            None => body,
        };
        self.declare(name.clone(), Ty::Closure, false);
        self.scopes.last_mut().unwrap().last_mut().unwrap().logs = logs;
        stmt(seq(vec![tok(format!("let {name} = move |{q}: i64| -> i64 {{")), body, tok("};")]))
    }

    // ------------------------------------------------------------------ expressions

    fn noyield_expr(&mut self, ty: Ty, d: usize) -> Node {
        self.no_yield += 1;
        let e = self.expr(ty, d);
        self.no_yield -= 1;
        e
    }

    pub fn expr(&mut self, ty: Ty, d: usize) -> Node {
        let e = match ty {
            Ty::I64 => self.i64_expr(d),
            Ty::Bool => self.bool_expr(d),
            Ty::Noisy => self.noisy_expr(d),
            Ty::Vec => self.vec_expr(d),
            Ty::Str => self.str_expr(d),
            Ty::Tup => self.tup_expr(d),
            Ty::P => self.p_expr(d),
            Ty::Arr3 => self.arr_expr(d, 3),
            Ty::Arr64 => self.arr_expr(d, 64),
            Ty::Opt => self.opt_expr(d),
            Ty::Closure => unreachable!(),
        };
        match ty.simplest() {
            Some(s) if !matches!(&e, Node::Tok(t) if t == s) && !matches!(&e, Node::Tok(_)) => alt(e, vec![tok(s)]),
            _ => e,
        }
    }

    fn lit(&mut self) -> Node {
        tok(format!("{}", self.r.range(-4, 12)))
    }

    fn i64_leaf(&mut self) -> Node {
        for _ in 0..4 {
            match self.r.below(8) {
                0 | 1 | 2 => {
                    if let Some(at) = self.pick_var(Ty::I64, false) {
                        return tok(self.var(at).name.clone());
                    }
                }
                3 => {
                    let tys = [Ty::Noisy, Ty::Tup, Ty::P, Ty::Vec, Ty::Str, Ty::Opt, Ty::Bool, Ty::Arr3, Ty::Arr64];
                    let ty = *self.r.pick(&tys);
                    if let Some(at) = self.pick_var(ty, false) {
                        let n = self.var(at).name.clone();
                        return tok(match ty {
                            Ty::Noisy => {
                                if self.r.chance(0.5) {
                                    format!("{n}.0")
                                } else {
                                    format!("h::peek(&{n})")
                                }
                            }
                            Ty::Tup => {
                                if self.r.chance(0.5) {
                                    format!("{n}.0")
                                } else {
                                    format!("{n}.1.0")
                                }
                            }
                            Ty::P => {
                                if self.r.chance(0.5) {
                                    format!("{n}.a")
                                } else {
                                    format!("h::peek(&{n}.n)")
                                }
                            }
                            Ty::Vec => {
                                if self.r.chance(0.5) {
                                    format!("({n}.len() as i64)")
                                } else {
                                    format!("h::vget(&{n}, {})", self.r.range(0, 3))
                                }
                            }
                            Ty::Str => format!("h::slen(&{n})"),
                            Ty::Opt => format!("{n}.unwrap_or({})", self.r.range(-2, 5)),
                            Ty::Bool => format!("({n} as i64)"),
                            Ty::Arr3 => format!("{n}[{}]", self.r.below(3)),
                            _ => format!("{n}[{}]", self.r.below(64)),
                        });
                    }
                }
                _ => return self.lit(),
            }
        }
        self.lit()
    }

    fn i64_expr(&mut self, d: usize) -> Node {
        if d >= self.cfg.max_expr_depth || self.r.chance(0.3) {
            return self.i64_leaf();
        }
        let d1 = d + 1;
        let yok = self.can_yield();
        let c = |b: bool, w: u32| if b { w } else { 0 };
        let compound = self.depth < self.cfg.max_depth && self.budget > 2 && self.closure == 0;
        let try_ok = matches!(self.ret, Ret::Opt | Ret::Res) && self.closure == 0;
        let yf = yok && self.cfg.yield_from && !self.subs.is_empty();
        let weights = [
            c(yok, 14),          // 0 yield
            12,                  // 1 binary
            6,                   // 2 wrapping method
            6,                   // 3 call
            c(compound, 4),      // 4 if
            c(compound, 3),      // 5 match
            c(compound, 2),      // 6 block
            c(compound, 2),      // 7 labeled block
            c(compound, 2),      // 8 value loop
            c(try_ok, 4),        // 9 ?
            c(yf, 4),            // 10 yield_from
            3,                   // 11 consume / closure call
            c(self.cfg.temps, 2), // 12 temporaries
            2,                   // 13 index into array literal / vec
            2,                   // 14 unary / cast
        ];
        match self.r.weighted(&weights) {
            0 => {
                let v = self.expr(Ty::I64, d1);
                alt(seq(vec![tok("yield_!("), v.clone(), tok(")")]), vec![v])
            }
            1 => {
                let op = *self.r.pick(&["^", "&", "|", "^", "%"]);
                let a = self.expr(Ty::I64, d1);
                if op == "%" {
                    let k = self.r.range(2, 7);
                    return alt(seq(vec![tok("("), a.clone(), tok(format!("% {k})"))]), vec![a]);
                }
                let b = self.expr(Ty::I64, d1);
                alt(seq(vec![tok("("), a.clone(), tok(op), b.clone(), tok(")")]), vec![a, b])
            }
            2 => {
                let m = *self.r.pick(&["wrapping_add", "wrapping_sub", "wrapping_mul", "max", "min"]);
                let a = self.expr(Ty::I64, d1);
                let b = self.expr(Ty::I64, d1);
                // A receiver whose integer type is not pinned by a variable, a call or a yield is
                // ambiguous (E0689): give literals their type, and cast anything else that has no
                // identifier in it.
                let text = a.print();
                let is_yield = text.starts_with("yield_!(");
                        let recv = match &a {
                    Node::Tok(t) if t.parse::<i64>().is_ok() => tok(format!("{t}i64")),
                    Node::Tok(t) if self.is_typed_name(t) => a.clone(),
                    Node::Tok(_) => seq(vec![tok("("), a.clone(), tok("as i64)")]),
                    _ if is_yield && self.r.chance(0.5) => a.clone(),
                    _ => seq(vec![tok("("), a.clone(), tok("as i64)")]),
                };
                let recv = alt(recv, vec![tok("1i64")]);
                alt(seq(vec![recv, tok(format!(".{m}(")), b.clone(), tok(")")]), vec![a, b])
            }
            3 => match self.r.below(3) {
                0 => {
                    let a = self.expr(Ty::I64, d1);
                    alt(seq(vec![tok("h::note("), a.clone(), tok(")")]), vec![a])
                }
                1 => {
                    let a = self.expr(Ty::I64, d1);
                    let b = self.expr(Ty::I64, d1);
                    alt(seq(vec![tok("h::f2("), a.clone(), tok(","), b.clone(), tok(")")]), vec![a, b])
                }
                _ => {
                    let a = self.expr(Ty::I64, d1);
                    let b = self.expr(Ty::I64, d1);
                    let c = self.expr(Ty::I64, d1);
                    alt(seq(vec![tok("h::f3("), a.clone(), tok(","), b.clone(), tok(","), c.clone(), tok(")")]), vec![a, b, c])
                }
            },
            4 => {
                let cond = self.expr(Ty::Bool, d1);
                let t = self.block(Vec::new(), Some(Ty::I64), false);
                let e = self.block(Vec::new(), Some(Ty::I64), true);
                alt(seq(vec![tok("if"), cond, t.clone(), tok("else"), e.clone()]), vec![t, e])
            }
            5 => {
                let on_opt = self.r.chance(0.4);
                let scrut = if on_opt { self.opt_source() } else { self.expr(Ty::I64, d1) };
                let scrut = scrut_paren(scrut);
                let (arms, bodies) = self.match_arms(on_opt, Some(Ty::I64));
                let mut parts = vec![tok("match"), scrut, tok("{")];
                parts.extend(arms);
                parts.push(tok("}"));
                let simpler = bodies.into_iter().filter(|b| matches!(b, Node::Seq(v) if matches!(v.first(), Some(Node::Tok(t)) if t == "{"))).collect();
                alt(seq(parts), simpler)
            }
            6 => {
                let b = self.block(Vec::new(), Some(Ty::I64), false);
                b
            }
            7 => {
                let label = self.fresh("'b");
                self.loops.push(LoopCtx { label: Some(label.clone()), is_block: true, value: Some(Ty::I64) });
                let b = self.block(Vec::new(), Some(Ty::I64), false);
                self.loops.pop();
                alt(seq(vec![tok(format!("{label}:")), b.clone()]), vec![b])
            }
            8 => self.counted_loop(Some(Ty::I64)),
            9 => {
                let a = self.expr(Ty::I64, d1);
                let f = if self.ret == Ret::Opt { "h::opt(" } else { "h::res(" };
                if self.ret == Ret::Opt && self.r.chance(0.3) {
                    if let Some(at) = self.pick_var(Ty::Opt, false) {
                        return tok(format!("{}?", self.var(at).name));
                    }
                }
                alt(seq(vec![tok(f), a.clone(), tok(")?")]), vec![a])
            }
            10 => self.yield_from_expr().unwrap_or_else(|| self.lit()),
            11 => {
                if self.r.chance(0.5) {
                    if let Some(e) = self.consume_expr() {
                        return e;
                    }
                }
                if let Some(at) = self.pick_var(Ty::Closure, false) {
                    let v = self.var(at).clone();
                    let by_ref = v.logs || self.r.chance(0.5);
                    // `(&f)(yield_!(..))` holds a borrow of `f` across the yield (in plain Rust
                    // too): the documented limitation, not a finding. No yield after a `&f`.
                    let a = if by_ref { self.noyield_expr(Ty::I64, d1) } else { self.expr(Ty::I64, d1) };
                    let callee = if by_ref { format!("(&{})", v.name) } else { v.name.clone() };
                    return alt(seq(vec![tok(format!("{callee}(")), a.clone(), tok(")")]), vec![a]);
                }
                self.i64_leaf()
            }
            12 => {
                let a = self.expr(Ty::I64, d1);
                match self.r.below(3) {
                    0 => alt(seq(vec![tok("h::peek(&h::noisy("), a.clone(), tok("))")]), vec![a]),
                    1 => alt(seq(vec![tok("h::noisy("), a.clone(), tok(").0")]), vec![a]),
                    _ => {
                        let b = self.expr(Ty::I64, d1);
                        alt(seq(vec![tok("h::P { a:"), a.clone(), tok(", n: h::noisy("), b, tok(") }.a")]), vec![a])
                    }
                }
            }
            13 => {
                if self.r.chance(0.5) {
                    let a = self.expr(Ty::I64, d1);
                    let b = self.expr(Ty::I64, d1);
                    let i = self.expr(Ty::I64, d1);
                    alt(seq(vec![tok("["), a.clone(), tok(","), b.clone(), tok("][h::idx("), i, tok(", 2)]")]), vec![a, b])
                } else if let Some(at) = self.pick_var(Ty::Arr3, false).or_else(|| self.pick_var(Ty::Arr64, false)) {
                    let v = self.var(at).clone();
                    let n = if v.ty == Ty::Arr3 { 3 } else { 64 };
                    let i = self.expr(Ty::I64, d1);
                    alt(seq(vec![tok(format!("{}[h::idx(", v.name)), i.clone(), tok(format!(", {n})]"))]), vec![i])
                } else if let Some(at) = self.pick_var(Ty::Vec, false) {
                    let v = self.var(at).clone();
                    // `&v` is held while the index runs: it must neither assign nor move `v`.
                    self.frozen.push(at);
                    self.no_move += 1;
                    let i = self.noyield_expr(Ty::I64, d1);
                    self.no_move -= 1;
                    self.frozen.pop();
                    alt(seq(vec![tok(format!("h::vget(&{},", v.name)), i.clone(), tok(")")]), vec![i])
                } else {
                    self.i64_leaf()
                }
            }
            _ => {
                let a = self.expr(Ty::I64, d1);
                if self.r.chance(0.5) {
                    alt(seq(vec![tok("!"), paren(a.clone())]), vec![a])
                } else {
                    let b = self.expr(Ty::Bool, d1);
                    alt(seq(vec![tok("("), b, tok("as i64 )")]), vec![a])
                }
            }
        }
    }

    /// `h::consume(n)` and friends: moves a variable declared in the innermost scope.
    fn consume_expr(&mut self) -> Option<Node> {
        let tys = [Ty::Noisy, Ty::Noisy, Ty::Vec, Ty::Str, Ty::Tup, Ty::P];
        let ty = *self.r.pick(&tys);
        let at = self.pick_movable(ty)?;
        self.scopes[at.0][at.1].moved = true;
        let n = self.scopes[at.0][at.1].name.clone();
        let f = match ty {
            Ty::Noisy => "consume",
            Ty::Vec => "consume_vec",
            Ty::Str => "consume_str",
            Ty::Tup => "consume_tup",
            _ => "consume_p",
        };
        Some(tok(format!("h::{f}({n})")))
    }

    fn yield_from_expr(&mut self) -> Option<Node> {
        if !self.can_yield() || !self.cfg.yield_from {
            return None;
        }
        let ok: Vec<SubSig> = self.subs.iter().filter(|s| s.ret == Ret::I64 || s.ret == self.ret).cloned().collect();
        if ok.is_empty() {
            return None;
        }
        let s = self.r.pick(&ok).clone();
        let mut parts = vec![tok(format!("yield_from!({}(", s.name))];
        for (i, t) in s.params.iter().enumerate() {
            if i > 0 {
                parts.push(tok(","));
            }
            let e = self.expr(*t, 2);
            parts.push(e);
        }
        parts.push(tok("))"));
        if s.ret != Ret::I64 {
            parts.push(tok("?"));
        }
        Some(alt(seq(parts), vec![self.lit()]))
    }

    fn bool_expr(&mut self, d: usize) -> Node {
        if d >= self.cfg.max_expr_depth || self.r.chance(0.2) {
            if self.r.chance(0.3) {
                if let Some(at) = self.pick_var(Ty::Bool, false) {
                    return tok(self.var(at).name.clone());
                }
                if let Some(at) = self.pick_var(Ty::Vec, false) {
                    return tok(format!("{}.is_empty()", self.var(at).name));
                }
                if let Some(at) = self.pick_var(Ty::Opt, false) {
                    return tok(format!("{}.is_some()", self.var(at).name));
                }
            }
            let a = self.i64_leaf();
            return seq(vec![tok("h::even("), a, tok(")")]);
        }
        let d1 = d + 1;
        match self.r.below(6) {
            0 | 1 | 2 => {
                let op = *self.r.pick(&["<", "==", "!=", ">=", ">"]);
                let a = self.expr(Ty::I64, d1);
                let b = self.expr(Ty::I64, d1);
                seq(vec![tok("("), a, tok(op), b, tok(")")])
            }
            3 => {
                let a = self.expr(Ty::I64, d1);
                seq(vec![tok("h::even("), a, tok(")")])
            }
            4 => {
                let a = self.expr(Ty::Bool, d1);
                seq(vec![tok("!"), paren(a)])
            }
            _ => {
                let op = *self.r.pick(&["&&", "||"]);
                let a = self.expr(Ty::Bool, d1);
                // The right operand may not run: no moves there.
                self.no_move += 1;
                let b = self.expr(Ty::Bool, d1);
                self.no_move -= 1;
                alt(seq(vec![tok("("), a.clone(), tok(op), b.clone(), tok(")")]), vec![a, b])
            }
        }
    }

    fn noisy_expr(&mut self, d: usize) -> Node {
        if self.r.chance(0.3) {
            if let Some(at) = self.pick_movable(Ty::Noisy) {
                self.scopes[at.0][at.1].moved = true;
                return tok(self.scopes[at.0][at.1].name.clone());
            }
        }
        let e = self.expr(Ty::I64, d + 1);
        seq(vec![tok("h::noisy("), e, tok(")")])
    }

    fn vec_expr(&mut self, d: usize) -> Node {
        match self.r.below(5) {
            0 => {
                if let Some(at) = self.pick_movable(Ty::Vec) {
                    self.scopes[at.0][at.1].moved = true;
                    return tok(self.scopes[at.0][at.1].name.clone());
                }
                tok("Vec::<i64>::new()")
            }
            1 => {
                if let Some(at) = self.pick_var(Ty::Vec, false) {
                    return tok(format!("{}.clone()", self.var(at).name));
                }
                tok(format!("vec![{}]", self.r.range(0, 4)))
            }
            2 => tok(format!("vec![{}, {}, {}]", self.r.range(-2, 5), self.r.range(-2, 5), self.r.range(-2, 5))),
            _ => {
                let e = self.expr(Ty::I64, d + 1);
                seq(vec![tok("h::mkvec("), e, tok(")")])
            }
        }
    }

    fn str_expr(&mut self, d: usize) -> Node {
        match self.r.below(4) {
            0 => {
                if let Some(at) = self.pick_movable(Ty::Str) {
                    self.scopes[at.0][at.1].moved = true;
                    return tok(self.scopes[at.0][at.1].name.clone());
                }
                tok("String::new()")
            }
            1 => {
                if let Some(at) = self.pick_var(Ty::Str, false) {
                    return tok(format!("{}.clone()", self.var(at).name));
                }
                tok("String::from(\"s\")")
            }
            _ => {
                let e = self.expr(Ty::I64, d + 1);
                seq(vec![tok("h::num("), e, tok(")")])
            }
        }
    }

    fn tup_expr(&mut self, d: usize) -> Node {
        if self.r.chance(0.2) {
            if let Some(at) = self.pick_movable(Ty::Tup) {
                self.scopes[at.0][at.1].moved = true;
                return tok(self.scopes[at.0][at.1].name.clone());
            }
        }
        let a = self.expr(Ty::I64, d + 1);
        let b = self.expr(Ty::Noisy, d + 1);
        seq(vec![tok("("), a, tok(","), b, tok(")")])
    }

    fn p_expr(&mut self, d: usize) -> Node {
        if self.r.chance(0.2) {
            if let Some(at) = self.pick_movable(Ty::P) {
                self.scopes[at.0][at.1].moved = true;
                return tok(self.scopes[at.0][at.1].name.clone());
            }
        }
        if self.r.chance(0.3) {
            // Fields in the other order: evaluation follows the literal, not the declaration.
            // Generated in that order too, so that `a` never uses what `n` moved.
            let b = self.expr(Ty::Noisy, d + 1);
            let a = self.expr(Ty::I64, d + 1);
            seq(vec![tok("h::P { n:"), b, tok(", a:"), a, tok("}")])
        } else {
            let a = self.expr(Ty::I64, d + 1);
            let b = self.expr(Ty::Noisy, d + 1);
            seq(vec![tok("h::P { a:"), a, tok(", n:"), b, tok("}")])
        }
    }

    fn arr_expr(&mut self, d: usize, n: usize) -> Node {
        if self.r.chance(0.2) {
            let ty = if n == 3 { Ty::Arr3 } else { Ty::Arr64 };
            if let Some(at) = self.pick_var(ty, false) {
                return tok(self.var(at).name.clone());
            }
        }
        if n == 3 {
            let a = self.expr(Ty::I64, d + 1);
            let b = self.expr(Ty::I64, d + 1);
            let c = self.expr(Ty::I64, d + 1);
            seq(vec![tok("["), a, tok(","), b, tok(","), c, tok("]")])
        } else {
            let a = self.expr(Ty::I64, d + 1);
            seq(vec![tok("["), a, tok("; 64]")])
        }
    }

    fn opt_expr(&mut self, d: usize) -> Node {
        match self.r.below(4) {
            0 => tok("None"),
            1 => {
                let e = self.expr(Ty::I64, d + 1);
                seq(vec![tok("Some("), e, tok(")")])
            }
            _ => {
                let e = self.expr(Ty::I64, d + 1);
                seq(vec![tok("h::opt("), e, tok(")")])
            }
        }
    }
}
