//! What the attribute emits when it reports an error: the errors, plus the user's fn with a
//! body of the right type, so that callers and IDEs see no secondary errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Error, ItemFn};

use crate::sig::CoroSig;

pub fn fallback(error: Error, item: TokenStream) -> TokenStream {
    let errors = error.to_compile_error();
    let Ok(mut f) = syn::parse2::<ItemFn>(item.clone()) else {
        return quote!(#errors #item);
    };
    f.block = Box::new(match CoroSig::from_fn(&f) {
        Ok(sig) => stub_body(&sig),
        Err(_) => syn::parse_quote!({ ::core::panic!("this coroutine failed to compile") }),
    });
    quote!(#errors #f)
}

fn stub_body(sig: &CoroSig) -> syn::Block {
    let resume = &sig.resume;
    let y = sig.yield_ty.as_ref().map_or_else(|| quote!(_), |t| quote!(#t));
    let r = sig.return_ty.as_ref().map_or_else(|| quote!(_), |t| quote!(#t));
    syn::parse_quote!({
        ::coro::__private::Machine::new((), |_: &mut (), _: #resume| -> ::coro::__private::GeneratorState<#y, #r> {
            ::core::panic!("this coroutine failed to compile")
        })
    })
}
