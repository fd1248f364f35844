#!/usr/bin/env bash
# Issue #4 benchmark suite: builds everything in release, times every workload ×
# implementation (best of several interleaved repetitions), counts instructions per operation
# with callgrind, measures W7 (compile time and expansion size), and writes BENCHMARKS.md at
# the repository root.
#
#   benches/run.sh            # the whole suite (11 to 15 minutes on 2 cores after a first build, depending on load)
#   QUICK=1 benches/run.sh    # fewer repetitions, no W7 (a smoke test; writes BENCHMARKS.md too)
#
# Needs: cargo (stable), valgrind, python3. Optional: a nightly toolchain (`cargo +nightly`)
# for the nightly-coroutine column; taskset to pin the timing runs to one core.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benches
OUT=$BENCH/coro-bench/target/results
QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then REPS=3; TARGET_MS=15; PY_REPS=2; else REPS=7; TARGET_MS=40; PY_REPS=5; fi
mkdir -p "$OUT"
rm -f "$OUT"/*.tsv "$OUT"/*.txt

log() { printf '\n== %s (%ss)\n' "$*" "$SECONDS" >&2; }

# The CPython comparison prefers the distribution's build (PGO) when there is one.
PY=python3
[[ -x /usr/bin/python3 ]] && PY=/usr/bin/python3
PIN=()
if command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]]; then PIN=(taskset -c 1); fi

# ------------------------------------------------------------------------------ build
log "build (release)"
(cd "$BENCH/coro-bench" && cargo build --release -q)
BIN=$BENCH/coro-bench/target/release/coro-bench
BINS=("$BIN" "$BENCH/coro-bench/target/release/shapes")
NIGHTLY=""
if cargo +nightly --version >/dev/null 2>&1; then
    if (cd "$BENCH/nightly-bench" && cargo +nightly build --release -q); then
        NIGHTLY=$BENCH/nightly-bench/target/release/nightly-bench
        BINS+=("$NIGHTLY")
    else
        echo "nightly-bench did not build; the nightly column is left out" >&2
    fi
else
    echo "no nightly toolchain: the nightly column is left out" >&2
fi

# ------------------------------------------------------------------------------ metadata
{
    echo -e "M\tdate\t$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo -e "M\tcommit\t$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src coro-core coro-macros 2>/dev/null || echo ' (+ uncommitted changes in src/coro-core/coro-macros)')"
    echo -e "M\tcpu\t$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo -e "M\tnproc\t$(nproc)"
    echo -e "M\tlscpu\t$(lscpu | grep -E '^(Architecture|CPU\(s\)|Thread\(s\) per core|L1d cache|L2 cache|L3 cache|Hypervisor vendor)' | sed 's/  */ /g' | paste -sd ';' -)"
    echo -e "M\trustc\t$(rustc --version)"
    [[ -n $NIGHTLY ]] && echo -e "M\trustc-nightly\t$(rustc +nightly --version)"
    echo -e "M\tpython\t$($PY --version 2>&1) ($PY)"
    echo -e "M\tvalgrind\t$(valgrind --version)"
    echo -e "M\tpin\t${PIN[*]:-none}"
    echo -e "M\tload\t$(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average at the start)"
    echo -e "M\treps\t$REPS"
    echo -e "M\ttarget_ms\t$TARGET_MS"
} >"$OUT/meta.tsv"

# ------------------------------------------------------------------------------ correctness
log "checksums"
for b in "${BINS[@]}"; do "$b" check 1000; done
# CPython must agree with the hand-written checksums.
"$PY" "$BENCH/python_bench.py" check 1000 | while IFS=$'\t' read -r _ w i sum; do
    want=$("$BIN" one "$w" hand 1000)
    [[ $sum == "$want" ]] || { echo "CPython $w/$i checksum $sum != $want" >&2; exit 1; }
done
echo "cpython: ok"

# ------------------------------------------------------------------------------ sizes
for b in "${BINS[@]}"; do "$b" list; done >"$OUT/list.tsv"
"$PY" "$BENCH/python_bench.py" list | sed 's/^/C\t/; s/$/\t-\t/' >>"$OUT/list.tsv"

# ------------------------------------------------------------------------------ time
# Each binary interleaves its cases internally; the binaries alternate over two rounds and
# the report keeps the minimum.
log "time"
for round in 1 2; do
    for b in "${BINS[@]}"; do "${PIN[@]}" "$b" time "$REPS" "$TARGET_MS" >>"$OUT/time.tsv"; done
done
"${PIN[@]}" "$PY" "$BENCH/python_bench.py" time "$PY_REPS" 40 >>"$OUT/time.tsv"

# ------------------------------------------------------------------------------ callgrind
# instructions/op = (Ir(N1) - Ir(N0)) / (ops(N1) - ops(N0)): process startup, allocation of
# the generator and the like cancel out. Two valgrinds at a time (instruction counts do not
# depend on load).
log "callgrind"
{
    for b in "${BINS[@]}"; do
        "$b" list | while IFS=$'\t' read -r _ w i _ _; do
            if [[ $w == W6* ]]; then echo "$b $w $i 1000 10000 100"; else echo "$b $w $i 10000 210000 1"; fi
        done
    done
    "$PY" "$BENCH/python_bench.py" list | while IFS=$'\t' read -r w i; do
        case $i in
            cpython-asyncio) echo "py $w $i 10 110 100" ;;
            cpython-rr) echo "py $w $i 100 1100 100" ;;
            *) echo "py $w $i 2000 22000 1" ;;
        esac
    done
} >"$OUT/cg-jobs.txt"
export PY BENCH
cg_one() {
    local b=$1 w=$2 i=$3 n0=$4 n1=$5 per=$6 cmd
    if [[ $b == py ]]; then cmd=("$PY" "$BENCH/python_bench.py"); else cmd=("$b"); fi
    ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "${cmd[@]}" one "$w" "$i" "$1" 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,; }
    local a z
    a=$(ir "$n0")
    z=$(ir "$n1")
    # One file per job: two jobs writing to one stdout once lost a newline between their lines.
    python3 -c "print('I\t$w\t$i\t%.2f' % (($z - $a) / (($n1 - $n0) * $per)))" >"$OUT/cg/$w.$i.tsv"
}
export -f cg_one
export OUT
rm -rf "$OUT/cg" && mkdir -p "$OUT/cg"
xargs -P 2 -L 1 bash -c 'cg_one "$@"' _ <"$OUT/cg-jobs.txt"
cat "$OUT"/cg/*.tsv >"$OUT/cg.tsv"

# ------------------------------------------------------------------------------ W7
if [[ $QUICK != 1 ]]; then
    log "W7 (compile time, expansion size)"
    python3 "$BENCH/w7.py" "$BENCH/coro-bench/target/w7" "$ROOT" >"$OUT/w7.tsv"
fi

# ------------------------------------------------------------------------------ report
echo -e "M\tload-end\t$(cut -d' ' -f1-3 /proc/loadavg) (at the end)" >>"$OUT/meta.tsv"
log "report"
python3 "$BENCH/report.py" "$OUT" >"$ROOT/BENCHMARKS.md"
echo "wrote $ROOT/BENCHMARKS.md in ${SECONDS}s" >&2
