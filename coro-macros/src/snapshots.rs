//! Expansion snapshots: each case under `tests/expand/*.rs` is expanded in-process and
//! pretty-printed; the result must equal the checked-in `*.expanded.rs`. Set
//! `CORO_BLESS=1` to rewrite the snapshots after reviewing the change.

use std::path::Path;

fn expand_file(src: &str) -> String {
    let file: syn::File = syn::parse_str(src).expect("case parses");
    let mut out = Vec::new();
    for item in file.items {
        let syn::Item::Fn(mut f) = item else { continue };
        let attr = f.attrs.iter().position(|a| a.path().segments.last().is_some_and(|s| s.ident == "coroutine"));
        if let Some(i) = attr {
            f.attrs.remove(i);
        }
        let tokens = crate::expand::expand(Default::default(), quote::quote!(#f));
        let expanded: syn::File = syn::parse2(tokens).expect("expansion parses");
        out.push(prettyplease::unparse(&expanded));
    }
    out.join("\n")
}

#[test]
fn expansion_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let bless = std::env::var_os("CORO_BLESS").is_some();
    let mut failures = Vec::new();
    let mut cases: Vec<_> = std::fs::read_dir(&dir).expect("tests/expand").flatten().map(|e| e.path()).collect();
    cases.sort();
    for case in cases.iter().filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.to_string_lossy().ends_with(".expanded.rs")) {
        let actual = expand_file(&std::fs::read_to_string(case).expect("read case"));
        let snapshot = case.with_extension("expanded.rs");
        if bless {
            std::fs::write(&snapshot, &actual).expect("write snapshot");
        } else if std::fs::read_to_string(&snapshot).ok().as_deref() != Some(actual.as_str()) {
            failures.push(snapshot.display().to_string());
        }
    }
    assert!(failures.is_empty(), "expansion changed (review, then CORO_BLESS=1): {failures:?}");
}

/// Prints the expansion of `CORO_EXPAND=path/to/file.rs` (a debugging aid, not a check).
#[test]
fn print_expansion() {
    if let Some(path) = std::env::var_os("CORO_EXPAND") {
        println!("{}", expand_file(&std::fs::read_to_string(path).expect("read")));
    }
}
