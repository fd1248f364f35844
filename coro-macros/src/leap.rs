//! Resolving `break` / `continue` in yield-free code to the yield-carrying loop they leave.

use syn::Lifetime;

/// A yield-carrying loop or labeled block enclosing some code.
#[derive(Clone)]
pub struct CoroLoop {
    pub id: usize,
    pub label: Option<String>,
    pub is_block: bool,
}

/// Native loops and labels between the `break`/`continue` and the enclosing coroutine loops.
#[derive(Default, Clone)]
pub struct NativeScope {
    pub loop_depth: usize,
    pub labels: Vec<String>,
}

/// The index in `coro` (innermost last) of the loop a leap targets, or `None` when the leap
/// stays inside native code.
pub fn resolve(coro: &[CoroLoop], native: &NativeScope, label: Option<&Lifetime>) -> Option<usize> {
    match label {
        Some(l) => {
            let name = l.ident.to_string();
            if native.labels.contains(&name) {
                return None;
            }
            coro.iter().rposition(|c| c.label.as_deref() == Some(name.as_str()))
        }
        None if native.loop_depth > 0 => None,
        None => coro.iter().rposition(|c| !c.is_block),
    }
}

pub fn label_name(label: &Option<syn::Label>) -> Option<String> {
    label.as_ref().map(|l| l.name.ident.to_string())
}
