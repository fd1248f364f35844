//! Finding `yield_!` / `yield_from!` calls and parsing their arguments (once, for every later
//! stage), and the syntactic facts the other stages need.

use proc_macro2::TokenStream;
use quote::quote;
use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};
use syn::{Error, Expr, ExprCall, Macro, Stmt};

pub const YIELD: &str = "yield_";
pub const YIELD_FROM: &str = "yield_from";
/// The yield inside a lowered `yield_from!`: the emitted code never contains it.
pub const DELEGATED_YIELD: &str = "__coro_delegated_yield";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum YieldKind {
    Yield,
    YieldFrom,
}

/// Recognises the two macros by their last path segment, so `coro::yield_!` and an imported
/// `yield_!` both count.
pub fn yield_kind(mac: &Macro) -> Option<YieldKind> {
    let last = mac.path.segments.last()?;
    if last.ident == YIELD || last.ident == DELEGATED_YIELD {
        Some(YieldKind::Yield)
    } else if last.ident == YIELD_FROM {
        Some(YieldKind::YieldFrom)
    } else {
        None
    }
}

/// The marker attributes of a yield whose argument is parsed (see [`parse_yields`]).
const PARSED_YIELD: &str = "__coro_parsed_yield";
const PARSED_YIELD_FROM: &str = "__coro_parsed_yield_from";

/// Turns every `yield_!(v)` / `yield_from!(g)` of this coroutine into a call `yield_(v)` that a
/// marker attribute tells apart, its argument parsed once. Later stages walk into a call's
/// arguments as into any expression, where each of them would otherwise parse the macro's
/// tokens again (the macro runs unoptimized in dev builds, where parsing costs the most).
/// Yields that belong to another body (a closure, an async block, a nested item) or sit in
/// another macro's arguments stay macros, for `check` and the fallback macro to report.
pub fn parse_yields(block: &mut syn::Block) -> syn::Result<()> {
    let mut parser = YieldParser { errors: None };
    parser.visit_block_mut(block);
    parser.errors.map_or(Ok(()), Err)
}

struct YieldParser {
    errors: Option<syn::Error>,
}

impl YieldParser {
    fn parse(&mut self, mac: &Macro) -> Option<Expr> {
        let kind = yield_kind(mac)?;
        let arg = match kind {
            YieldKind::Yield => parse_yield_arg(mac),
            YieldKind::YieldFrom => mac.parse_body::<Expr>().map(Some),
        };
        let mut arg = match arg {
            Ok(arg) => arg,
            Err(e) => {
                crate::sig::combine(&mut self.errors, e);
                return None;
            }
        };
        if let Some(arg) = &mut arg {
            self.visit_expr_mut(arg);
        }
        let parens = syn::token::Paren { span: *mac.delimiter.span() };
        Some(parsed_yield(kind, mac.path.clone(), parens, arg))
    }
}

/// A parsed yield keeps the attributes written on the macro call (`#[cfg(..)] yield_!(x);`)
/// after its marker, so the body checks see them.
fn with_attrs(mut call: Expr, attrs: Vec<syn::Attribute>) -> Expr {
    if let Expr::Call(c) = &mut call {
        c.attrs.extend(attrs);
    }
    call
}

impl VisitMut for YieldParser {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Macro(m) => {
                if let Some(call) = self.parse(&m.mac) {
                    *e = with_attrs(call, std::mem::take(&mut m.attrs));
                }
            }
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        match s {
            // A statement, as lowering treats a macro statement with or without its `;`.
            Stmt::Macro(m) => {
                if let Some(call) = self.parse(&m.mac) {
                    *s = Stmt::Expr(with_attrs(call, std::mem::take(&mut m.attrs)), Some(Default::default()));
                }
            }
            _ => visit_mut::visit_stmt_mut(self, s),
        }
    }

    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_expr_const_mut(&mut self, _: &mut syn::ExprConst) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `yield_!()` → `None`; `yield_!(v)` → `Some(v)`; anything else is an error at the extra tokens.
fn parse_yield_arg(mac: &Macro) -> syn::Result<Option<Expr>> {
    if mac.tokens.is_empty() {
        return Ok(None);
    }
    mac.parse_body_with(|input: syn::parse::ParseStream| {
        let e: Expr = input.parse()?;
        if input.peek(syn::Token![,]) {
            let _: syn::Token![,] = input.parse()?;
        }
        if !input.is_empty() {
            let rest: TokenStream = input.parse()?;
            let msg = "`yield_!` takes one value; to yield several, yield a tuple: `yield_!((a, b))`";
            return Err(Error::new_spanned(quote!(#e, #rest), msg));
        }
        Ok(Some(e))
    })
}

/// `#[__coro_parsed_yield] path(arg)`. A yield parsed from a macro keeps its path and has its
/// parentheses at the macro's delimiters, so spans cover the same source as the call did.
pub fn parsed_yield(kind: YieldKind, path: syn::Path, parens: syn::token::Paren, arg: Option<Expr>) -> Expr {
    let marker = match kind {
        YieldKind::Yield => PARSED_YIELD,
        YieldKind::YieldFrom => PARSED_YIELD_FROM,
    };
    let start = path.segments.first().map_or_else(proc_macro2::Span::call_site, |s| s.ident.span());
    let attr = syn::Attribute {
        pound_token: syn::Token![#](start),
        style: syn::AttrStyle::Outer,
        bracket_token: syn::token::Bracket(start),
        meta: syn::Meta::Path(proc_macro2::Ident::new(marker, start).into()),
    };
    Expr::Call(ExprCall {
        attrs: vec![attr],
        func: Box::new(crate::syntax::path_expr(path)),
        paren_token: parens,
        args: arg.into_iter().collect(),
    })
}

/// Whether a call is a parsed yield, and of which kind.
pub fn parsed_yield_kind(call: &ExprCall) -> Option<YieldKind> {
    let marker = call.attrs.first()?.path().get_ident()?;
    if marker == PARSED_YIELD {
        Some(YieldKind::Yield)
    } else if marker == PARSED_YIELD_FROM {
        Some(YieldKind::YieldFrom)
    } else {
        None
    }
}

/// The macro's path, which a parsed yield keeps as its callee.
pub fn yield_path(call: &ExprCall) -> &syn::Path {
    match &*call.func {
        Expr::Path(p) => &p.path,
        _ => unreachable!("a parsed yield calls its macro's path"),
    }
}

pub fn as_yield(expr: &Expr) -> Option<(YieldKind, &ExprCall)> {
    match expr {
        Expr::Call(c) => parsed_yield_kind(c).map(|k| (k, c)),
        Expr::Paren(p) => as_yield(&p.expr),
        Expr::Group(g) => as_yield(&g.expr),
        _ => None,
    }
}

/// Looks for a yield that belongs to this coroutine: closures, async blocks, const blocks and
/// nested items have their own bodies (a `yield_!` there is caught by the fallback macro), and
/// other macros' arguments are opaque (check.rs reports yields there).
#[derive(Default)]
struct YieldFinder {
    found: bool,
}

impl<'ast> Visit<'ast> for YieldFinder {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        if yield_kind(mac).is_some() {
            self.found = true;
        }
    }
    fn visit_expr_call(&mut self, c: &'ast ExprCall) {
        self.found |= parsed_yield_kind(c).is_some();
        visit::visit_expr_call(self, c);
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_expr_const(&mut self, _: &'ast syn::ExprConst) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
    fn visit_expr(&mut self, e: &'ast Expr) {
        if !self.found {
            visit::visit_expr(self, e);
        }
    }
}

pub fn expr_has_yield(expr: &Expr) -> bool {
    let mut f = YieldFinder::default();
    f.visit_expr(expr);
    f.found
}

pub fn stmt_has_yield(stmt: &Stmt) -> bool {
    let mut f = YieldFinder::default();
    f.visit_stmt(stmt);
    f.found
}

pub fn block_has_yield(block: &syn::Block) -> bool {
    block.stmts.iter().any(stmt_has_yield)
}

const DIVERGING_MACROS: &[&str] = &["panic", "unreachable", "todo", "unimplemented"];

/// Whether a statement certainly never completes normally. Used to avoid emitting glue after
/// user code that diverges (it would be reported as unreachable).
pub fn stmt_diverges(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Expr(e, _) => expr_diverges(e),
        Stmt::Macro(m) => macro_diverges(&m.mac),
        // `let x: u32 = panic!();` never completes, so a body may end with it (`!` coerces).
        Stmt::Local(l) => l.init.as_ref().is_some_and(|i| expr_diverges(&i.expr)),
        Stmt::Item(_) => false,
    }
}

/// `&&` and `||`, whose right operand may not run.
pub fn is_lazy(op: &syn::BinOp) -> bool {
    matches!(op, syn::BinOp::And(_) | syn::BinOp::Or(_))
}

/// Whether an expression certainly never completes: it leaves (`return`, `break`,
/// `continue`), panics through a standard macro, loops forever, or an operand that is always
/// evaluated does one of these (`(s, return x)`, `f(a, panic!())`).
pub fn expr_diverges(expr: &Expr) -> bool {
    match expr {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Macro(m) => macro_diverges(&m.mac),
        Expr::Paren(p) => expr_diverges(&p.expr),
        Expr::Group(g) => expr_diverges(&g.expr),
        Expr::Tuple(t) => t.elems.iter().any(expr_diverges),
        Expr::Array(a) => a.elems.iter().any(expr_diverges),
        Expr::Call(c) => expr_diverges(&c.func) || c.args.iter().any(expr_diverges),
        Expr::MethodCall(m) => expr_diverges(&m.receiver) || m.args.iter().any(expr_diverges),
        Expr::Struct(s) => s.fields.iter().any(|f| expr_diverges(&f.expr)) || s.rest.as_deref().is_some_and(expr_diverges),
        Expr::Binary(b) if is_lazy(&b.op) => expr_diverges(&b.left),
        Expr::Binary(b) => expr_diverges(&b.left) || expr_diverges(&b.right),
        Expr::Unary(u) => expr_diverges(&u.expr),
        Expr::Reference(r) => expr_diverges(&r.expr),
        Expr::Cast(c) => expr_diverges(&c.expr),
        Expr::Field(f) => expr_diverges(&f.base),
        Expr::Index(i) => expr_diverges(&i.expr) || expr_diverges(&i.index),
        Expr::Loop(l) => !has_break_for(&l.body, l.label.as_ref().map(|l| &l.name)),
        Expr::Block(b) if b.label.is_none() => b.block.stmts.last().is_some_and(stmt_diverges),
        // `'b: { ..; return; }` with no `break 'b` never completes either.
        Expr::Block(b) => b.block.stmts.last().is_some_and(stmt_diverges) && !has_break_for(&b.block, b.label.as_ref().map(|l| &l.name)),
        _ => false,
    }
}

/// Whether an expression might never complete, as far as its syntax tells: a call may return
/// `!` (`process::exit(0)`); a path, a literal or a constructor applied to such never does.
/// Methods that never return are rare enough that a method call counts as completing: each
/// `#[allow]` this answer costs (one per copy of the completion) is compile time for everyone.
pub fn may_diverge(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(_) | Expr::Path(_) | Expr::Closure(_) => false,
        Expr::Paren(e) => may_diverge(&e.expr),
        Expr::Group(e) => may_diverge(&e.expr),
        Expr::Reference(e) => may_diverge(&e.expr),
        Expr::Unary(e) => may_diverge(&e.expr),
        Expr::Cast(e) => may_diverge(&e.expr),
        Expr::Field(e) => may_diverge(&e.base),
        Expr::Try(e) => may_diverge(&e.expr),
        Expr::Index(e) => may_diverge(&e.expr) || may_diverge(&e.index),
        Expr::Binary(e) => may_diverge(&e.left) || may_diverge(&e.right),
        Expr::Tuple(e) => e.elems.iter().any(may_diverge),
        Expr::Array(e) => e.elems.iter().any(may_diverge),
        Expr::Struct(e) => e.fields.iter().any(|f| may_diverge(&f.expr)) || e.rest.as_deref().is_some_and(may_diverge),
        Expr::Call(c) if is_constructor(&c.func) => c.args.iter().any(may_diverge),
        Expr::MethodCall(m) => may_diverge(&m.receiver) || m.args.iter().any(may_diverge),
        Expr::Macro(m) => !is_value_macro(&m.mac),
        _ => true,
    }
}

/// `Some`, `Ok`, `Point`, `Shape::Circle`: by convention, a capitalised callee is a tuple
/// struct or variant, whose construction always completes.
fn is_constructor(callee: &Expr) -> bool {
    let Expr::Path(p) = callee else { return false };
    p.path.segments.last().is_some_and(|s| s.ident.to_string().starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Standard macros that always produce a value (their arguments are not looked into).
const VALUE_MACROS: &[&str] = &["format", "vec", "matches", "concat", "stringify", "line", "column", "file", "module_path", "env", "option_env", "include_str", "include_bytes", "write", "writeln"];

fn is_value_macro(mac: &Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| VALUE_MACROS.iter().any(|m| s.ident == m))
}

fn macro_diverges(mac: &Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| DIVERGING_MACROS.iter().any(|m| s.ident == m))
}

/// Does a native `loop` body contain a `break` that leaves it?
fn has_break_for(body: &syn::Block, label: Option<&syn::Lifetime>) -> bool {
    struct Finder<'a> {
        label: Option<&'a syn::Lifetime>,
        depth: usize,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
            let ours = match (&b.label, self.label) {
                (None, _) => self.depth == 0,
                (Some(l), Some(mine)) => l.ident == mine.ident,
                (Some(_), None) => true, // leaves to an outer label
            };
            self.found |= ours;
            visit::visit_expr_break(self, b);
        }
        fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
            self.depth += 1;
            visit::visit_expr_loop(self, l);
            self.depth -= 1;
        }
        fn visit_expr_while(&mut self, l: &'ast syn::ExprWhile) {
            self.depth += 1;
            visit::visit_expr_while(self, l);
            self.depth -= 1;
        }
        fn visit_expr_for_loop(&mut self, l: &'ast syn::ExprForLoop) {
            self.depth += 1;
            visit::visit_expr_for_loop(self, l);
            self.depth -= 1;
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
        fn visit_macro(&mut self, _: &'ast Macro) {
            // A macro might expand to `break`; assume it may leave.
            self.found = true;
        }
        fn visit_expr_call(&mut self, c: &'ast ExprCall) {
            // A parsed yield was a macro call, and is judged as one.
            self.found |= parsed_yield_kind(c).is_some();
            visit::visit_expr_call(self, c);
        }
    }
    let mut f = Finder { label, depth: 0, found: false };
    f.visit_block(body);
    f.found
}

/// Applies `f` to the argument of a `yield_!` / `yield_from!` call, in place: rewrites that
/// run before lowering must reach into it like into any other expression. Whether it did (the
/// macro is a yield and its argument parses).
pub fn visit_yield_arg_mut(mac: &mut Macro, f: impl FnOnce(&mut Expr)) -> bool {
    if yield_kind(mac).is_none() {
        return false;
    }
    let Ok(mut e) = mac.parse_body::<Expr>() else { return false };
    f(&mut e);
    mac.tokens = quote::quote!(#e);
    true
}

/// Whether the body writes an expression whose type is unique to its place in the source: a
/// closure, an `async` block, or an item inside a block (a macro whose tokens could make one
/// counts too). Emitting such code twice would give two types to one kept local, so its
/// machine keeps each statement in one arm.
pub fn defines_unique_types(body: &syn::Block) -> bool {
    let mut finder = UniqueTypes(false);
    for stmt in &body.stmts {
        // Items at the top of the body are emitted once, ahead of the machine.
        if !matches!(stmt, Stmt::Item(_)) {
            finder.visit_stmt(stmt);
        }
    }
    finder.0
}

struct UniqueTypes(bool);

impl<'ast> Visit<'ast> for UniqueTypes {
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {
        self.0 = true;
    }

    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {
        self.0 = true;
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {
        self.0 = true;
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        match yield_kind(mac) {
            // A `yield_!` / `yield_from!` argument is body code.
            Some(_) => {
                if let Ok(arg) = mac.parse_body::<Expr>() {
                    self.visit_expr(&arg);
                }
            }
            None => self.0 |= tokens_may_define_type(mac.tokens.clone()),
        }
    }
}

fn tokens_may_define_type(tokens: proc_macro2::TokenStream) -> bool {
    use proc_macro2::TokenTree;
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Punct(p) => p.as_char() == '|',
        TokenTree::Ident(i) => i == "async" || i == "fn" || i == "struct" || i == "enum" || i == "impl",
        TokenTree::Group(g) => tokens_may_define_type(g.stream()),
        TokenTree::Literal(_) => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn parsed(body: &str) -> syn::Result<String> {
        let mut block: syn::Block = syn::parse_str(body).expect("parses");
        parse_yields(&mut block)?;
        Ok(block.into_token_stream().to_string())
    }

    #[test]
    fn yields_of_this_body_become_marked_calls_nested_ones_too() {
        let out = parsed("{ let a = yield_!(f(yield_!(1))); coro::yield_from!(g(a)); }").unwrap();
        assert!(!out.contains('!'), "{out}");
        assert_eq!(out.matches("__coro_parsed_yield]").count(), 2, "{out}");
        assert_eq!(out.matches("__coro_parsed_yield_from]").count(), 1, "{out}");
        assert!(out.contains("coro :: yield_from (g (a))"), "{out}");
    }

    #[test]
    fn yields_of_other_bodies_and_macros_stay_macros() {
        let body = "{ let c = || yield_!(1); async { yield_!(2) }; const { yield_!(3) }; fn f() { yield_!(4) } println!(\"{}\", yield_!(5)); }";
        let out = parsed(body).unwrap();
        assert!(!out.contains("__coro_parsed"), "{out}");
        assert_eq!(out.matches("yield_ !").count(), 5, "{out}");
    }

    #[test]
    fn a_marked_call_is_recognised_and_keeps_its_path() {
        let mut block: syn::Block = syn::parse_str("{ yield_!(); }").unwrap();
        parse_yields(&mut block).unwrap();
        let Stmt::Expr(Expr::Call(call), Some(_)) = &block.stmts[0] else { panic!("a call statement") };
        assert_eq!(parsed_yield_kind(call), Some(YieldKind::Yield));
        assert!(call.args.is_empty());
        assert!(yield_path(call).is_ident("yield_"));
        assert!(stmt_has_yield(&block.stmts[0]));
    }

    #[test]
    fn a_bad_argument_is_an_error() {
        let err = parsed("{ yield_!(1, 2); yield_from!(); }").unwrap_err();
        let messages: Vec<String> = err.into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("takes one value"), "{messages:?}");
    }

    #[test]
    fn only_fn_calls_macros_and_what_contains_them_may_diverge() {
        let may = |src: &str| may_diverge(&syn::parse_str(src).expect("parses"));
        for completes in ["x", "1", "(a.b + c[i]) as u8", "Some(x)", "Shape::Circle(r)", "P { a: 1, ..p }", "|| exit(0)", "&x?", "a.len()", "format!(\"{x}\")"] {
            assert!(!may(completes), "{completes}");
        }
        for diverges in ["exit(0)", "x.min(f())", "Some(f())", "a + { b }", "panic!()", "bail!()", "loop {}", "if c { 1 } else { g() }"] {
            assert!(may(diverges), "{diverges}");
        }
    }
}
