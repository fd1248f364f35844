#!/usr/bin/env python3
"""Writes BENCHMARKS.md (to stdout) from the raw results of benches/run.sh.

Usage: report.py RESULTS_DIR    (meta.tsv, list.tsv, time.tsv, cg.tsv, w7.tsv)
"""
import os
import sys

d = sys.argv[1]


def rows(name):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        return []
    return [l.rstrip("\n").split("\t") for l in open(p) if l.strip()]


meta = {r[1]: r[2] for r in rows("meta.tsv") if r[0] == "M"}
size, note = {}, {}
for r in rows("list.tsv"):
    if r[0] == "C":
        size[(r[1], r[2])] = r[3]
        note[(r[1], r[2])] = r[4] if len(r) > 4 else ""
time_ns = {}
for r in rows("time.tsv"):
    if r[0] == "T":
        k = (r[1], r[2])
        time_ns[k] = min(time_ns.get(k, float("inf")), float(r[3]))
instr = {(r[1], r[2]): float(r[3]) for r in rows("cg.tsv") if r[0] == "I"}
w7 = {}
for r in rows("w7.tsv"):
    if r[0] == "W7":
        w7[r[1]] = r[2:]

WORKLOADS = [
    ("W1-resume", "W1 count, summed through `resume` (out-of-line `step`)"),
    ("W1-next", "W1 count, summed through an out-of-line `Iterator::next`"),
    ("W1-for", "W1 count, summed by an inlined `for` loop (each value through `black_box`)"),
    ("W2", "W2 fib (`wrapping_add`), summed through `resume`"),
    ("W3", "W3 send: a consumer resumed with `i64` values, yielding the running total"),
    ("W4", "W4 delegate: eight levels of `yield_from!`, the innermost yielding `n` values"),
    ("W5-4096", "W5 bigstate: a `[u8; 4096]` held across the yield, one byte touched per resume"),
    ("W5-8", "W5 bigstate with an 8-byte buffer (`[u8; 8]`)"),
    ("W6", "W6 tasks: 10 000 tasks × 100 switches; figures per switch"),
]
ORDER = ["hand", "hand-enum", "coro", "coro-iter-adapter", "nightly", "nightly-gen", "genawaiter", "corosensei",
         "coro-sched", "coro-sched-handtask", "coro-rr", "tokio", "cpython", "cpython-rr", "cpython-asyncio"]
CROSS = ["hand@nightly", "coro@nightly"]


def fmt(x, p=2):
    return "–" if x is None else f"{x:.{p}f}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def get(m, w, i):
    return m.get((w, i))


out = []
p = out.append
p("# Benchmarks (issue #4)")
p("")
p("Zero-cost, measured: `#[coro::coroutine]` generators against a hand-written state machine (the "
  "physical limit), nightly coroutines, genawaiter, corosensei and CPython, in one run.")
p("")
p("Reproduce (from the repository root; 11 to 15 minutes on 2 cores once the dependencies are built, depending on load):")
p("")
p("```sh")
p("benches/run.sh")
p("```")
p("")
p("## Machine")
p("")
for k, label in [("date", "date"), ("commit", "commit"), ("cpu", "CPU"), ("nproc", "nproc"), ("lscpu", "lscpu"),
                 ("rustc", "rustc (stable)"), ("rustc-nightly", "rustc (nightly)"), ("python", "CPython"),
                 ("valgrind", "valgrind"), ("pin", "timing runs pinned with"), ("load", "load"), ("load-end", "load")]:
    if k in meta:
        p(f"- {label}: {meta[k]}")
p("")
p("## Method")
p("")
p("- **time/op**: best of %s interleaved repetitions (every case once per repetition; the stable and "
  "the nightly binaries alternate over two rounds), each run calibrated to about %s ms. Noisy on "
  "this shared machine: read the instruction counts first." % (meta.get("reps", "?"), meta.get("target_ms", "?")))
p("- **instr/op**: `valgrind --tool=callgrind`, one workload × implementation per process "
  "(`coro-bench one W IMPL N`), (Ir(N1) − Ir(N0)) / (ops(N1) − ops(N0)) with N0 = 10 000, N1 = 210 000 "
  "values (W6: 1 000 and 10 000 tasks × 100 switches; CPython: 2 000 and 22 000), so startup and "
  "construction cancel. Deterministic: the figure the bars are judged on.")
p("- **size**: `size_of_val` of the generator object. genawaiter keeps its state on the heap (an `Rc`'d "
  "yield slot and a boxed future), corosensei on a 1 MiB mmap'd stack: their inline size is not the "
  "whole cost.")
p("- Every implementation goes through the same consumer: `#[inline(never)] fn step(g, arg)` around "
  "`resume` (W1-next: around `Iterator::next`), so a resume is a real call with the generator in "
  "memory. W1-for is a plain `for` loop that may inline completely. All implementations of a "
  "workload return the same checksum (checked at every run).")
p("- Ratios are to the hand-written state machine compiled by the same compiler (`hand`; for the "
  "`@nightly` rows, `hand@nightly`).")
p("")

# ---------------------------------------------------------------------------- bars
p("## The bars (instructions per operation)")
p("")
bars = []


def bar(name, measured, ok, detail):
    bars.append((name, measured, ok, detail))


def instr_ratio(w, i, base="hand"):
    return ratio(get(instr, w, i), get(instr, w, base))


def time_ratio(w, i, base="hand"):
    return ratio(get(time_ns, w, i), get(time_ns, w, base))


for w in ["W1-resume", "W1-next", "W1-for", "W2", "W3", "W5-4096", "W5-8"]:
    r = instr_ratio(w, "coro")
    rt = time_ratio(w, "coro")
    he = instr_ratio(w, "coro", "hand-enum")
    bar(f"{w}: coro within 5% of hand-written", f"{fmt(r)}× instr ({fmt(get(instr, w, 'coro'), 1)} vs {fmt(get(instr, w, 'hand'), 1)}); {fmt(rt)}× time"
        + (f"; {fmt(he)}× the hand-written enum with the same semantics" if he else ""),
        r is not None and r <= 1.05, "")
for w in ["W1-resume", "W1-next", "W2", "W3", "W5-4096", "W5-8"]:
    he = instr_ratio(w, "coro", "hand-enum")
    if he is not None:
        bar(f"{w}: coro within 5% of the hand-written enum with the same semantics",
            f"{fmt(he)}× instr ({fmt(get(instr, w, 'coro'), 1)} vs {fmt(get(instr, w, 'hand-enum'), 1)})", he <= 1.05, "")
cn = get(instr, "W4", "coro")
nn = get(instr, "W4", "nightly")
bar("W4: coro no worse than nightly coroutines, 8 levels", f"{fmt(ratio(cn, nn))}× instr ({fmt(cn, 1)} vs {fmt(nn, 1)}); "
    f"{fmt(ratio(get(time_ns, 'W4', 'coro'), get(time_ns, 'W4', 'nightly')))}× time",
    cn is not None and nn is not None and cn <= nn, "")
a, b = get(instr, "W5-4096", "coro"), get(instr, "W5-8", "coro")
bar("W5: coro per-resume cost, 4 KiB vs 8 B, within 10%", f"{fmt(ratio(a, b))}× instr ({fmt(a, 1)} vs {fmt(b, 1)}); "
    f"{fmt(ratio(get(time_ns, 'W5-4096', 'coro'), get(time_ns, 'W5-8', 'coro')))}× time",
    a is not None and b is not None and abs(a / b - 1) <= 0.10, "")
r = instr_ratio("W6", "coro-sched")
bar("W6: coro scheduler within 1.5× of a hand-written round-robin of boxed generators",
    f"{fmt(r)}× instr ({fmt(get(instr, 'W6', 'coro-sched'), 1)} vs {fmt(get(instr, 'W6', 'hand'), 1)}); {fmt(time_ratio('W6', 'coro-sched'))}× time",
    r is not None and r <= 1.5, "")
worse = []
for w, _ in WORKLOADS:
    cs, ns = size.get((w, "coro")), size.get((w, "nightly"))
    if cs and ns and cs != "-" and ns != "-":
        if int(cs) > int(ns):
            worse.append(f"{w} {cs} > {ns}")
have_sizes = any(size.get((w, "nightly")) for w, _ in WORKLOADS)
bar("size_of: every coro generator no larger than the nightly coroutine", "; ".join(worse) if worse else "all ≤",
    have_sizes and not worse, "")
ci, gi = w7.get("coro.incr"), w7.get("genawaiter.incr")
if ci and gi:
    bar("W7: 500 coroutines build no slower than with genawaiter, incrementally",
        f"{float(ci[0]) / float(gi[0]):.2f}× ({ci[0]} s vs {gi[0]} s)", float(ci[0]) <= float(gi[0]), "")
def w7_ir(name, key):
    v = w7.get(f"{name}.{key}")
    return float(v[0]) if v and v[0] != "n/a" else None


def giga(v):
    return f"{v / 1e9:.2f}" if v is not None else "–"


cir, gir = w7_ir("coro", "incr-ir"), w7_ir("genawaiter", "incr-ir")
if cir and gir:
    bar("W7 in instructions: the incremental rustc run of 500 coroutines, no more than with genawaiter",
        f"{cir / gir:.2f}× ({cir / 1e9:.2f} G vs {gir / 1e9:.2f} G, all threads)", cir <= gir, "")
ti = w7.get("coro-tuned.incr")
if ti and gi:
    bar("W7 with the README's build tip (proc macro optimized in dev builds), incrementally",
        f"{float(ti[0]) / float(gi[0]):.2f}× ({ti[0]} s vs {gi[0]} s)", float(ti[0]) <= float(gi[0]), "")
notes = []
he = [instr_ratio(w, "hand-enum") for w in ["W1-resume", "W2", "W3", "W5-4096"] if instr_ratio(w, "hand-enum")]
ni = [instr_ratio(w, "nightly") for w in ["W1-resume", "W2", "W3", "W5-4096"] if instr_ratio(w, "nightly")]
if he:
    notes.append("The 5% bars compare with a tag-free struct (`hand`). A generator that keeps the coroutine "
                 "contract (calling it runs nothing, resuming after the end panics) checks a state tag on every "
                 f"resume: the same machines written by hand with those semantics (`hand-enum`) cost "
                 f"{min(he):.2f}–{max(he):.2f}× the struct on W1-resume/W2/W3/W5"
                 + (f", nightly coroutines {min(ni):.2f}–{max(ni):.2f}×" if ni else "")
                 + ". That column is the reachable target for a tagged machine; the verdicts say where "
                 "coro stands against both.")
if instr_ratio("W3", "hand-enum"):
    notes.append("W3's hand-written enum never completes and has no poisoned state, so it adds to its total in "
                 "place. coro moves the state out on every resume (a panic must leave it poisoned, with the "
                 "locals dropped during the unwinding) and writes it back: the tag's write-back and a separate "
                 "load of the tag (2 instructions) are the whole difference. LLVM does not remove the store of "
                 "a tag equal to the one just tested.")
a, b = instr_ratio("W6", "coro-sched-handtask"), instr_ratio("W6", "coro-rr")
if a and b:
    notes.append(f"W6 is the scheduler's cost more than the macro's: hand-written tasks on the same scheduler are "
                 f"{a:.2f}× the boxed round-robin, `#[coro::coroutine]` tasks in the boxed round-robin {b:.2f}×.")
notes.append("Times and W7's build times move with the machine's load (printed above; other jobs share this "
             "machine); instruction counts do not.")
for n_ in notes:
    p(f"- {n_}")
p("")
p("| bar | measured | verdict |")
p("|---|---|---|")
for name, measured, ok, _ in bars:
    p(f"| {name} | {measured} | {'pass' if ok else '**miss**'} |")
p("")

# ---------------------------------------------------------------------------- tables
p("## All workloads × implementations")
p("")
for w, title in WORKLOADS:
    imps = [i for i in ORDER if (w, i) in time_ns or (w, i) in instr]
    imps += sorted(i for (ww, i) in set(time_ns) | set(instr) if ww == w and i not in ORDER and i not in CROSS and not i.startswith("shape:"))
    if not imps:
        continue
    p(f"### {title}")
    p("")
    p("| implementation | time/op (ns) | × hand | instr/op | × hand | size_of (bytes) | note |")
    p("|---|---:|---:|---:|---:|---:|---|")
    for i in imps:
        t, n = get(time_ns, w, i), get(instr, w, i)
        s = size.get((w, i), "–")
        p(f"| {i} | {fmt(t)} | {fmt(time_ratio(w, i))} | {fmt(n, 1)} | {fmt(instr_ratio(w, i))} | {s} | {note.get((w, i), '')} |")
    p("")

cross = [(w, i) for w, _ in WORKLOADS for i in CROSS if (w, i) in instr]
if cross:
    p("### Same-compiler cross-check (nightly rustc builds the hand-written and the coro versions too)")
    p("")
    p("| workload | implementation | time/op (ns) | × hand@nightly | instr/op | × hand@nightly | size_of |")
    p("|---|---|---:|---:|---:|---:|---:|")
    for w, i in cross:
        p(f"| {w} | {i} | {fmt(get(time_ns, w, i))} | {fmt(time_ratio(w, i, 'hand@nightly'))} | {fmt(get(instr, w, i), 1)} | "
          f"{fmt(instr_ratio(w, i, 'hand@nightly'))} | {size.get((w, i), '–')} |")
    p("")

SHAPE_ORDER = ["shape:f49ee47", "shape:-poison", "shape:-label", "shape:-label-poison", "shape:proposed",
               "shape:pinned-delegate", "shape:by-value"]
shapes = sorted({(w, i) for (w, i) in set(instr) | set(time_ns) if i.startswith("shape:")},
                key=lambda k: ([x for x, _ in WORKLOADS].index(k[0]), SHAPE_ORDER.index(k[1]) if k[1] in SHAPE_ORDER else 99, k[1]))
if shapes:
    p("### Expansion shapes: the same workloads expanded by hand in other shapes")
    p("")
    p("`benches/coro-bench/src/bin/shapes.rs`: `shape:f49ee47` copies the expansion of `count` at "
      "commit f49ee47; `-poison`, `-label` and `-label-poison` change one thing each in the expansion "
      "that preceded it; `proposed` combines the changes (see the file's header). They were the evidence "
      "for the changes the macro has since made; the `coro` rows above are what it emits now "
      "(`× coro (today)` compares with them).")
    p("")
    p("| workload | shape | instr/op | × hand | × coro (today) | × nightly | size_of |")
    p("|---|---|---:|---:|---:|---:|---:|")
    for w, i in shapes:
        p(f"| {w} | {i} | {fmt(get(instr, w, i), 1)} | {fmt(instr_ratio(w, i))} | {fmt(instr_ratio(w, i, 'coro'))} | "
          f"{fmt(instr_ratio(w, i, 'nightly'))} | {size.get((w, i), '–')} |")
    p("")

# ---------------------------------------------------------------------------- W7
if w7:
    p("### W7 compile: 500 generators, `#[coro::coroutine]` vs genawaiter")
    p("")
    p("Generated by `benches/w7.py` into `benches/coro-bench/target/w7/` (five bodies in turn: count, "
      "two-yield fib in a `for`, a consumer resumed with values, two `yield_from!` delegations, a 256-byte "
      "buffer with a yield inside a `match`; a `run_all` fn drives every generator so each is "
      "code-generated). `cargo build`, dev profile, dependencies already built; incremental = one literal "
      "changed in one fn's body.")
    p("")
    p("`coro-tuned` is the same coro crate with the README's build tip in its `Cargo.toml` "
      "(`[profile.dev.build-override] opt-level = 3`): the proc macro runs optimized. Without it, Cargo "
      "builds proc macros unoptimized in the dev profile, and most of coro's extra incremental time is the "
      "macro's own run.")
    p("")
    if "load.start" in w7:
        p(f"Load average (1/5/15 min) when the timed builds started: {w7['load.start'][0]}; when they ended: "
          f"{w7.get('load.end', ['?'])[0]}.")
        p("")
    p("| build | coro (s) | coro-tuned (s) | genawaiter (s) | coro / genawaiter | coro-tuned / genawaiter |")
    p("|---|---:|---:|---:|---:|---:|")
    for key, label in [("clean", "clean (`cargo clean -p`, then `cargo build`; best of 2)"),
                       ("incr", "incremental `cargo build` (best of 3)"),
                       ("check-incr", "incremental `cargo check` (best of 3)")]:
        c, t, g = w7.get(f"coro.{key}"), w7.get(f"coro-tuned.{key}"), w7.get(f"genawaiter.{key}")
        if c and g:
            tt, tr = (t[0], f"{float(t[0]) / float(g[0]):.2f}") if t else ("-", "-")
            p(f"| {label} | {c[0]} | {tt} | {g[0]} | {float(c[0]) / float(g[0]):.2f} | {tr} |")
    p("")
    if cir and gir:
        p("The incremental `cargo build` in instructions: the crate's own rustc run after the same edit, under "
          "callgrind (G = 10⁹ instructions). rustc's compiler thread parses, expands (the proc macro runs "
          "here), analyses and translates to LLVM IR; LLVM's codegen threads run on every core.")
        p("")
        p("| instructions | coro (G) | coro-tuned (G) | genawaiter (G) | coro / genawaiter |")
        p("|---|---:|---:|---:|---:|")
        c_front, t_front, c_macro = w7_ir("coro", "frontend-ir"), w7_ir("coro-tuned", "frontend-ir"), w7_ir("coro", "macro-ir")
        derived = not w7_ir("coro-tuned", "macro-ir") and c_front and t_front and c_macro
        for key, label in [("incr-ir", "all threads"), ("frontend-ir", "compiler thread"),
                           ("macro-ir", "of which inside `#[coro::coroutine]`"), ("codegen-ir", "codegen threads")]:
            c, t, g = w7_ir("coro", key), w7_ir("coro-tuned", key), w7_ir("genawaiter", key)
            if c is None:
                continue
            tuned = f"{giga(t_front - (c_front - c_macro))}*" if key == "macro-ir" and derived else giga(t)
            p(f"| {label} | {giga(c)} | {tuned} | {giga(g)} | {f'{c / g:.2f}' if g else '–'} |")
        p("")
        if derived:
            p("\\* Derived: the optimized macro's entry point is inlined into the proc-macro bridge, so "
              "callgrind does not name it; the two compiler threads differ only inside the macro.")
            p("")
        g_front = w7_ir("genawaiter", "frontend-ir")
        c_gen, g_gen = w7_ir("coro", "codegen-ir"), w7_ir("genawaiter", "codegen-ir")
        if c_front and g_front and c_gen and g_gen and c_front > g_front and g_gen > c_gen:
            p("Why the instructions and the seconds disagree: genawaiter's extra work is LLVM's (its futures "
              "make more code), which runs on both cores, while coro's is the proc macro, which runs on the "
              "compiler thread and blocks the rest of the build. The compiler thread does "
              f"{c_front / g_front:.2f}× genawaiter's work, most of the difference inside the macro; an optimized "
              "macro (the README's build tip, `coro-tuned`) runs the same expansion in fewer instructions.")
            p("")
    if "tokens.in" in w7:
        p(f"Expansion size: the 500 input fns are {w7['tokens.in'][0]} proc-macro tokens, their expansion "
          f"{w7['tokens.out'][0]}: **{w7['tokens.ratio'][0]}×**. Macro time (optimized build, in-process, no "
          f"compiler bridge): {w7.get('expand.ms_per_fn', ['?'])[0]} ms per fn.")
        p("")
        p("| body | input tokens (×100 fns) | expansion tokens | ratio |")
        p("|---|---:|---:|---:|")
        for k, v in w7.items():
            if k.startswith("tokens.kind."):
                p(f"| {k[len('tokens.kind.'):]} | {v[0]} | {v[1]} | {v[2]} |")
        p("")
    elif "tokens.ratio" in w7:
        p(f"Expansion size: {w7['tokens.ratio'][0]}")
        p("")

sys.stdout.write("\n".join(out) + "\n")
