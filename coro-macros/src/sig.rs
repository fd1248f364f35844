//! The signature: which generator the fn returns, and what the attribute must reject.

use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{
    AngleBracketedGenericArguments, Error, FnArg, GenericArgument, ItemFn, PathArguments,
    ReturnType, Signature, Type, TypeParamBound,
};

/// The three types of the generator, as written by the user (or `None` to let rustc infer).
pub struct CoroSig {
    pub resume: Type,
    pub yield_ty: Option<Type>,
    pub return_ty: Option<Type>,
    pub kind: Kind,
    /// The return type promises `Debug` / `Clone`: only then does the state derive them (the
    /// impls are most of the expansion of a small coroutine).
    pub debug: bool,
    pub clone: bool,
    /// `impl for<'a> Generator<&'a mut T, ..>`: the resume type's `'a` became `'_`.
    pub higher_ranked: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Generator,
    /// `impl Iterator<Item = Y>`: resumed with `()`, returns `()`, fused at the end.
    Iterator,
}

const EXPECTED: &str = "a `#[coro::coroutine]` fn must return `impl Generator<R, Yield = Y, Return = T>` or `impl Iterator<Item = Y>`";

impl CoroSig {
    /// Resumed with `()`, written so: a resume argument that nothing binds needs no drop.
    pub fn resumes_with_unit(&self) -> bool {
        matches!(&self.resume, Type::Tuple(t) if t.elems.is_empty())
    }

    pub fn from_fn(item: &ItemFn) -> syn::Result<CoroSig> {
        let mut errors = check_qualifiers(&item.sig);
        let parsed = match &item.sig.output {
            ReturnType::Default => Err(Error::new(
                item.sig.ident.span(),
                format!("{EXPECTED}; this fn has no return type"),
            )),
            ReturnType::Type(_, ty) => from_return_type(ty),
        };
        match parsed {
            Ok(sig) if errors.is_none() => Ok(sig),
            Ok(_) => Err(errors.unwrap()),
            Err(e) => {
                combine(&mut errors, e);
                Err(errors.unwrap())
            }
        }
    }

    /// Reads only the return type (the fallback uses it to build a stub of the right type
    /// even when the qualifiers are wrong).
    pub fn from_output(output: &ReturnType) -> Option<CoroSig> {
        match output {
            ReturnType::Type(_, ty) => from_return_type(ty).ok(),
            ReturnType::Default => None,
        }
    }

    /// The `Machine` constructor the expansion (and the fallback's stub) calls.
    pub fn constructor(&self) -> proc_macro2::Ident {
        let name = if self.higher_ranked { "new_higher_ranked" } else { "new" };
        proc_macro2::Ident::new(name, proc_macro2::Span::mixed_site())
    }

    pub fn unit_yield(&self) -> bool {
        matches!(&self.yield_ty, Some(Type::Tuple(t)) if t.elems.is_empty())
    }
}

pub fn combine(acc: &mut Option<Error>, e: Error) {
    match acc {
        Some(a) => a.combine(e),
        None => *acc = Some(e),
    }
}

fn check_qualifiers(sig: &Signature) -> Option<Error> {
    let mut errors = None;
    if let Some(t) = &sig.asyncness {
        combine(&mut errors, Error::new(t.span, "a `#[coro::coroutine]` fn cannot be `async`: it already suspends at `yield_!`; remove `async`"));
    }
    if let Some(t) = &sig.constness {
        combine(&mut errors, Error::new(t.span, "a `#[coro::coroutine]` fn cannot be `const`; remove `const`"));
    }
    if let Some(t) = &sig.unsafety {
        combine(&mut errors, Error::new(t.span, "a `#[coro::coroutine]` fn must be a safe fn; remove this qualifier"));
    }
    if let Some(abi) = &sig.abi {
        combine(&mut errors, Error::new(abi.span(), "a `#[coro::coroutine]` fn cannot have an `extern` ABI"));
    }
    if let Some(v) = &sig.variadic {
        combine(&mut errors, Error::new(v.span(), "a `#[coro::coroutine]` fn cannot be variadic"));
    }
    for arg in &sig.inputs {
        if let FnArg::Receiver(r) = arg {
            if r.colon_token.is_some() && !matches!(*r.ty, Type::Path(_) | Type::Reference(_)) {
                combine(&mut errors, Error::new(r.ty.span(), "unsupported receiver type"));
            }
        }
    }
    errors
}

fn from_return_type(ty: &Type) -> syn::Result<CoroSig> {
    // A type passed through a `macro_rules!` `$t:ty` arrives in an invisible group.
    if let Type::Group(g) = ty {
        return from_return_type(&g.elem);
    }
    let Type::ImplTrait(imp) = ty else {
        let shown = quote::quote!(#ty).to_string();
        return Err(Error::new_spanned(ty, format!("{EXPECTED}, not `{shown}`")));
    };
    let mut found: Option<CoroSig> = None;
    for bound in &imp.bounds {
        let TypeParamBound::Trait(t) = bound else { continue };
        let Some(last) = t.path.segments.last() else { continue };
        let kind = match last.ident.to_string().as_str() {
            "Generator" => Kind::Generator,
            "Iterator" | "FusedIterator" => Kind::Iterator,
            _ => continue,
        };
        let mut parsed = generator_args(kind, &last.arguments, last.ident.span())?;
        if let Some(bound) = &t.lifetimes {
            higher_ranked(&mut parsed, bound)?;
        }
        match &found {
            Some(prev) if prev.kind != kind => {
                return Err(Error::new(last.ident.span(), "only one of `Generator` / `Iterator` may be named in the return type"));
            }
            // `Iterator<Item = T> + FusedIterator`: the bound with arguments describes it.
            Some(_) if matches!(last.arguments, PathArguments::None) => {}
            _ => found = Some(parsed),
        }
    }
    let mut sig = found.ok_or_else(|| Error::new_spanned(ty, format!("{EXPECTED}; this `impl` names neither `Generator` nor `Iterator`")))?;
    sig.debug = names_trait(imp, "Debug");
    sig.clone = names_trait(imp, "Clone");
    Ok(sig)
}

/// `impl for<'a> Generator<&'a mut T, ..>`: every resume may pass a reference with a lifetime
/// of its own. The resume logic's closure then takes its argument with an elided lifetime
/// (`&'_ mut T`), which makes it higher-ranked too. A value the coroutine yields or returns
/// cannot have such a lifetime: it would outlive the resume that lent it.
fn higher_ranked(sig: &mut CoroSig, bound: &syn::BoundLifetimes) -> syn::Result<()> {
    let names: Vec<syn::Lifetime> = bound
        .lifetimes
        .iter()
        .filter_map(|p| match p {
            syn::GenericParam::Lifetime(l) => Some(l.lifetime.clone()),
            _ => None,
        })
        .collect();
    let mut errors = None;
    for ty in sig.yield_ty.iter().chain(&sig.return_ty) {
        for l in lifetimes_in(ty).into_iter().filter(|l| names.contains(l)) {
            let msg = format!("a value the coroutine yields or returns cannot borrow for `{l}`, which each resume chooses; only the resume type can name it");
            combine(&mut errors, Error::new(l.span(), msg));
        }
    }
    if let Some(e) = errors {
        return Err(e);
    }
    ElideLifetimes(&names).visit_type_mut(&mut sig.resume);
    sig.higher_ranked = true;
    Ok(())
}

fn lifetimes_in(ty: &Type) -> Vec<syn::Lifetime> {
    struct Collect(Vec<syn::Lifetime>);
    impl<'ast> syn::visit::Visit<'ast> for Collect {
        fn visit_lifetime(&mut self, l: &'ast syn::Lifetime) {
            self.0.push(l.clone());
        }
    }
    let mut c = Collect(Vec::new());
    syn::visit::Visit::visit_type(&mut c, ty);
    c.0
}

/// Replaces the named lifetimes with `'_`.
struct ElideLifetimes<'a>(&'a [syn::Lifetime]);

impl VisitMut for ElideLifetimes<'_> {
    fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
        if self.0.contains(l) {
            *l = syn::Lifetime::new("'_", l.span());
        }
    }
}

fn names_trait(imp: &syn::TypeImplTrait, name: &str) -> bool {
    imp.bounds.iter().any(|b| matches!(b, TypeParamBound::Trait(t) if t.path.segments.last().is_some_and(|s| s.ident == name)))
}

fn generator_args(kind: Kind, args: &PathArguments, span: proc_macro2::Span) -> syn::Result<CoroSig> {
    let unit: Type = syn::parse_quote!(());
    let mut sig = CoroSig { resume: unit.clone(), yield_ty: None, return_ty: None, kind, debug: false, clone: false, higher_ranked: false };
    if kind == Kind::Iterator {
        sig.return_ty = Some(unit);
    }
    let list = match args {
        PathArguments::None => return Ok(sig),
        PathArguments::AngleBracketed(list) => list,
        PathArguments::Parenthesized(p) => return Err(Error::new(p.span(), "expected `<..>` arguments")),
    };
    read_args(&mut sig, list).map_err(|e| {
        let mut e = e;
        e.combine(Error::new(span, EXPECTED.to_string()));
        e
    })?;
    Ok(sig)
}

fn read_args(sig: &mut CoroSig, list: &AngleBracketedGenericArguments) -> syn::Result<()> {
    let mut positional = 0;
    for arg in &list.args {
        match arg {
            GenericArgument::Type(t) if sig.kind == Kind::Generator && positional == 0 => {
                sig.resume = t.clone();
                positional += 1;
            }
            GenericArgument::AssocType(a) => match (sig.kind, a.ident.to_string().as_str()) {
                (Kind::Generator, "Yield") | (Kind::Iterator, "Item") => sig.yield_ty = Some(a.ty.clone()),
                (Kind::Generator, "Return") => sig.return_ty = Some(a.ty.clone()),
                _ => return Err(Error::new(a.ident.span(), format!("unexpected associated type `{}`", a.ident))),
            },
            other => return Err(Error::new(other.span(), "unexpected argument")),
        }
    }
    Ok(())
}
