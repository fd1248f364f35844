#!/usr/bin/env bash
# Long differential-testing campaign: generated programs in batches of 500; every new kind of
# failure is shrunk (statements deleted, expressions simplified while the failure keeps its
# signature) and written to fuzz/failures/ as a self-contained test file.
#   fuzz/campaign.sh [PROGRAMS] [SEED]
#   env: DIFFTEST_CFG (generator switches, e.g. "no-temps"), MAX_SHRINKS (default 6),
#        CORO (the coro checkout under test; default: a snapshot of HEAD, so that the whole
#        campaign tests one commit even while the macro is being edited)
# The log goes to stdout and fuzz/target/campaign-SEED.log.
set -euo pipefail
cd "$(dirname "$0")/.."
PROGRAMS="${1:-10000}"
SEED="${2:-$(date +%s)}"
export CARGO_TERM_COLOR=never
mkdir -p fuzz/target fuzz/failures
if [ -z "${CORO:-}" ]; then
    REV="$(git rev-parse --short HEAD)"
    CORO="fuzz/target/coro-snapshot-$REV"
    if [ ! -d "$CORO" ]; then
        mkdir -p "$CORO"
        git archive HEAD | tar -x -C "$CORO"
    fi
    echo "campaign on a snapshot of HEAD ($REV) in $CORO"
fi
cargo build -q --release --manifest-path fuzz/difftest/Cargo.toml --target-dir fuzz/target/difftest-bin
fuzz/target/difftest-bin/release/coro-difftest run --seed "$SEED" --programs "$PROGRAMS" \
    --batch 500 --crates 2 --failures fuzz/failures --max-shrinks "${MAX_SHRINKS:-6}" \
    --shrink-rounds 10 --coro "$CORO" --cfg "${DIFFTEST_CFG:-}" 2>&1 | tee "fuzz/target/campaign-$SEED.log"
exit "${PIPESTATUS[0]}"
