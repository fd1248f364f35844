#!/usr/bin/env bash
# Long differential-testing campaign: generated programs in batches of 500; every new kind of
# failure is shrunk (statements deleted, expressions simplified while the failure keeps its
# signature) and written to fuzz/failures/ as a self-contained test file.
#   fuzz/campaign.sh [PROGRAMS] [SEED]    env: DIFFTEST_CFG (generator switches), MAX_SHRINKS
# The log goes to stdout and fuzz/target/campaign-SEED.log.
set -euo pipefail
cd "$(dirname "$0")/.."
PROGRAMS="${1:-10000}"
SEED="${2:-$(date +%s)}"
export CARGO_TERM_COLOR=never
mkdir -p fuzz/target fuzz/failures
cargo build -q --release --manifest-path fuzz/difftest/Cargo.toml --target-dir fuzz/target/difftest-bin
fuzz/target/difftest-bin/release/coro-difftest run --seed "$SEED" --programs "$PROGRAMS" \
    --batch 500 --crates 2 --failures fuzz/failures --max-shrinks "${MAX_SHRINKS:-12}" \
    --shrink-rounds 15 --cfg "${DIFFTEST_CFG:-}" 2>&1 | tee "fuzz/target/campaign-$SEED.log"
exit "${PIPESTATUS[0]}"
