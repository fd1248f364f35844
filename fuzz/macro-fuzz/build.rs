//! Compiles the modules of coro-macros (read-only, by path) into this crate, so that the fuzzer
//! can call `expand::expand(args, item)` in-process: a proc-macro crate cannot export a normal
//! fn. The module list is read from coro-macros/src/lib.rs, so it follows the macro's layout.
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let src = manifest.join("../../coro-macros/src").canonicalize().expect("coro-macros/src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("coro-macros/src/lib.rs");
    println!("cargo:rerun-if-changed={}", src.display());
    let mut out = String::new();
    let mut cfg_test = false;
    for line in lib.lines() {
        let t = line.trim();
        if t.starts_with("#[cfg(test)]") {
            cfg_test = true;
            continue;
        }
        if let Some(name) = t.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
            if !cfg_test {
                let file = if src.join(format!("{name}.rs")).exists() { src.join(format!("{name}.rs")) } else { src.join(name).join("mod.rs") };
                out.push_str(&format!("#[path = {:?}]\n#[allow(dead_code, unused_imports)]\nmod {name};\n", file.display().to_string()));
            }
        }
        cfg_test = false;
    }
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("macro_modules.rs");
    std::fs::write(dest, out).unwrap();
}
