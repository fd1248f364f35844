//! What the attribute emits when it reports an error: the errors, plus the user's fn with a
//! body of the right type, so that callers and IDEs see no secondary errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::visit::Visit;
use syn::{Error, ItemFn, ReturnType};

use crate::detect::yield_kind;
use crate::sig::CoroSig;

pub fn fallback(error: Error, item: TokenStream) -> TokenStream {
    let errors = error.to_compile_error();
    let Ok(mut f) = syn::parse2::<ItemFn>(item.clone()) else {
        return quote!(#errors #item);
    };
    // The qualifiers were reported; dropping them keeps callers from seeing a `Future` or
    // const-evaluation errors on top.
    f.sig.asyncness = None;
    f.sig.constness = None;
    f.sig.unsafety = None;
    f.sig.abi = None;
    let used = used_macro_paths(&f.block);
    *f.block = match CoroSig::from_output(&f.sig.output) {
        Some(sig) => stub_body(&sig, &used),
        None => {
            if matches!(f.sig.output, ReturnType::Type(..)) {
                // No stub can satisfy an unusable return type; `!` accepts every use.
                f.sig.output = syn::parse_quote!(-> !);
            }
            syn::parse_quote!({ #(#used!(@__coro_used);)* ::core::panic!("this coroutine failed to compile") })
        }
    };
    // The body was replaced, so its uses of the parameters are gone.
    f.attrs.push(syn::parse_quote!(#[allow(unused_variables, unused_mut)]));
    quote!(#errors #f)
}

fn stub_body(sig: &CoroSig, used: &[syn::Path]) -> syn::Block {
    let resume = &sig.resume;
    let y = sig.yield_ty.as_ref().map_or_else(|| quote!(()), |t| quote!(#t));
    let r = sig.return_ty.as_ref().map_or_else(|| quote!(()), |t| quote!(#t));
    let constructor = sig.constructor();
    syn::parse_quote!({
        #(#used!(@__coro_used);)*
        ::coro::__private::Machine::#constructor((), |_: &mut (), _: #resume| -> ::coro::__private::GeneratorState<#y, #r> {
            ::core::panic!("this coroutine failed to compile")
        })
    })
}

/// How the body names `yield_!` / `yield_from!`, so that their imports still count as used.
fn used_macro_paths(block: &syn::Block) -> Vec<syn::Path> {
    struct Finder(Vec<syn::Path>);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            let path = match yield_kind(m) {
                Some(_) => m.path.clone(),
                None => match crate::check::find_yield_tokens(&m.tokens) {
                    Some(ident) => ident.into(),
                    None => return,
                },
            };
            let text = |p: &syn::Path| quote!(#p).to_string();
            if !self.0.iter().any(|p| text(p) == text(&path)) {
                self.0.push(path);
            }
        }
    }
    let mut f = Finder(Vec::new());
    f.visit_block(block);
    f.0
}
