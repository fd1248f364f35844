#!/usr/bin/env bash
# Quick seeded differential run of #[coro::coroutine] against plain-function oracles
# (300 programs by default, under a minute; .ci/run runs 1500, about 3 minutes cold). Used by .ci/run.
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
START=$SECONDS
cargo build -q --release --manifest-path fuzz/difftest/Cargo.toml --target-dir fuzz/target/difftest-bin
mkdir -p fuzz/target
LOG="fuzz/target/quick-$SEED.log"
STATUS=0
fuzz/target/difftest-bin/release/coro-difftest run --seed "$SEED" --programs "$PROGRAMS" \
    --batch "$PROGRAMS" --crates 2 --max-shrinks 0 --cfg "${DIFFTEST_CFG-no-temps}" 2>&1 | tee "$LOG" || STATUS=$?
# One line with the figures, for the CI log.
figure() { sed -n "s/^$1: *//p" "$LOG" | tail -n 1; }
echo "quick.sh: seed $SEED, $(figure 'programs generated') programs, $(figure 'checked, equal') equal," \
    "$(figure 'yields exercised') yields, $(figure 'resumes exercised') resumes," \
    "$(figure 'divergences') divergences, $(figure 'rejected by the macro') rejected," \
    "$(figure 'hangs\/crashes') hangs, $(figure 'invalid (generator bug)') invalid (generator)," \
    "$((SECONDS - START))s with the build"
exit "$STATUS"
