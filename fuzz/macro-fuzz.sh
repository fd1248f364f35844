#!/usr/bin/env bash
# Seeded property test of #[coro::coroutine]'s expansion on mutated and malformed inputs: it must
# return tokens (code or compile_error!), never panic. In-process (the macro's modules are
# compiled into the fuzzer), then a batch of inputs is confirmed through rustc (`cargo check`).
#   fuzz/macro-fuzz.sh [ITERS] [SEED] [COMPILE_INPUTS]
set -euo pipefail
cd "$(dirname "$0")/.."
ITERS="${1:-50000}"
SEED="${2:-1}"
COMPILE="${3:-300}"
export CARGO_TERM_COLOR=never
cargo build -q --release --manifest-path fuzz/difftest/Cargo.toml --target-dir fuzz/target/difftest-bin
fuzz/target/difftest-bin/release/coro-difftest corpus --seed "$SEED" --programs 200 --work fuzz/target/corpus >/dev/null
cargo build -q --release --manifest-path fuzz/macro-fuzz/Cargo.toml --target-dir fuzz/target/macro-fuzz-bin
exec fuzz/target/macro-fuzz-bin/release/coro-macro-fuzz --seed "$SEED" --iters "$ITERS" \
    --corpus fuzz/target/corpus --out fuzz/failures --compile "$COMPILE"
