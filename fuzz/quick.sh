#!/usr/bin/env bash
# Quick seeded differential run of #[coro::coroutine] against plain-function oracles
# (a few hundred generated programs, a few minutes). Used by .ci/run.
#   fuzz/quick.sh [PROGRAMS] [SEED]       env: DIFFTEST_CFG (generator switches; default "no-temps":
#   temporaries in yielding expressions are dropped at the suspension, documented in the README
#   for yield_! arguments — see fuzz/failures/bug-1 for the cases that are not documented yet)
# Exit status 0 when every program behaves like its oracle; 1 when a program diverges, is
# rejected by the macro while its oracle compiles, or hangs (details and the seeds printed).
set -euo pipefail
cd "$(dirname "$0")/.."
PROGRAMS="${1:-300}"
SEED="${2:-20240501}"
export CARGO_TERM_COLOR=never
cargo build -q --release --manifest-path fuzz/difftest/Cargo.toml --target-dir fuzz/target/difftest-bin
exec fuzz/target/difftest-bin/release/coro-difftest run --seed "$SEED" --programs "$PROGRAMS" \
    --batch "$PROGRAMS" --crates 2 --max-shrinks 0 --cfg "${DIFFTEST_CFG-no-temps}"
