#!/usr/bin/env python3
"""Issue #4: the workloads as CPython generators (the reference semantics: PEP 255/342/380).

Usage (driven by benches/run.sh):
  python_bench.py list                      workload<TAB>impl lines
  python_bench.py time REPS TARGET_MS       T<TAB>workload<TAB>impl<TAB>best ns/op<TAB>n
  python_bench.py one WORKLOAD IMPL N       runs one case once (for callgrind), prints the checksum
  python_bench.py check N                   C<TAB>workload<TAB>impl<TAB>checksum for every case

Checksums equal the Rust suite's (u64 wrapping arithmetic is emulated with a mask).
"""
import collections
import sys
import time

M = (1 << 64) - 1
SWITCHES = 100
TASKS = 10_000
ASYNCIO_TASKS = 1_000  # asyncio is ~50x slower per switch; fewer tasks keep the run short


# ---------------------------------------------------------------------------- generators

def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def fib(n):
    a, b = 0, 1
    i = 0
    while i < n:
        yield a
        a, b = b, (a + b) & M
        i += 1


def acc():
    total = 0
    while True:
        v = yield total
        total = (total + v) & M


def d0(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return n


def level(inner):
    def g(n):
        r = yield from inner(n)
        return r + 1
    return g


d8 = d0
for _ in range(8):
    d8 = level(d8)


def big(size):
    def g(n):
        buf = bytearray(size)
        i = 0
        while i < n:
            k = i % size
            buf[k] = (buf[k] + i) & 0xFF
            yield buf[k]
            i += 1
    return g


def task(switches):
    i = 0
    while i < switches:
        yield
        i += 1


# ---------------------------------------------------------------------------- drivers

def sum_resume(g):
    s = 0
    send = g.send
    try:
        while True:
            s = (s + send(None)) & M
    except StopIteration:
        pass
    return s


def sum_resume_ret(g):
    s = 0
    send = g.send
    try:
        while True:
            s = (s + send(None)) & M
    except StopIteration as e:
        return (s + e.value) & M


def sum_next(g):
    s = 0
    while True:
        try:
            v = next(g)
        except StopIteration:
            return s
        s = (s + v) & M


def sum_for(g):
    s = 0
    for v in g:
        s = (s + v) & M
    return s


def sum_send(g, n):
    assert g.send(None) == 0
    s = 0
    send = g.send
    for i in range(n):
        s = (s + send(i)) & M
    return s


def round_robin(n):
    q = collections.deque(task(SWITCHES) for _ in range(n))
    switches = 0
    pop, push = q.popleft, q.append
    while q:
        t = pop()
        try:
            next(t)
        except StopIteration:
            continue
        switches += 1
        push(t)
    return switches


def run_asyncio(n):
    import asyncio

    async def t():
        for _ in range(SWITCHES):
            await asyncio.sleep(0)

    async def main():
        await asyncio.gather(*(t() for _ in range(n)))

    asyncio.run(main())
    return n * SWITCHES


CASES = {
    ("W1-resume", "cpython"): lambda n: sum_resume(count(n)),
    ("W1-next", "cpython"): lambda n: sum_next(count(n)),
    ("W1-for", "cpython"): lambda n: sum_for(count(n)),
    ("W2", "cpython"): lambda n: sum_resume(fib(n)),
    ("W3", "cpython"): lambda n: sum_send(acc(), n),
    ("W4", "cpython"): lambda n: sum_resume_ret(d8(n)),
    ("W5-4096", "cpython"): lambda n: sum_resume(big(4096)(n)),
    ("W5-8", "cpython"): lambda n: sum_resume(big(8)(n)),
    ("W6", "cpython-rr"): round_robin,
    ("W6", "cpython-asyncio"): run_asyncio,
}


def ops(w, n):
    return n * SWITCHES if w.startswith("W6") else n


def time_once(f, w, n):
    t = time.perf_counter()
    f(n)
    return (time.perf_counter() - t) * 1e9 / ops(w, n)


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "list":
        for (w, i) in CASES:
            print(f"{w}\t{i}")
    elif cmd == "one":
        w, i, n = argv[2], argv[3], int(argv[4])
        print(CASES[(w, i)](n))
    elif cmd == "check":
        n = int(argv[2])
        for (w, i), f in CASES.items():
            print(f"C\t{w}\t{i}\t{f(min(n, TASKS) if w.startswith('W6') else n)}")
    elif cmd == "time":
        reps, target_ms = int(argv[2]), float(argv[3])
        chosen = list(CASES.items())
        ns = []
        for (w, i), f in chosen:
            if i == "cpython-asyncio":
                ns.append(ASYNCIO_TASKS)
            elif w.startswith("W6"):
                ns.append(TASKS)
            else:
                per_op = time_once(f, w, 20_000)
                ns.append(max(20_000, int(target_ms * 1e6 / per_op)))
        best = [float("inf")] * len(chosen)
        for r in range(reps):
            for k, ((w, i), f) in enumerate(chosen):
                if i == "cpython-asyncio" and r >= 3:
                    continue  # slow: three repetitions are enough
                best[k] = min(best[k], time_once(f, w, ns[k]))
        for k, ((w, i), _) in enumerate(chosen):
            print(f"T\t{w}\t{i}\t{best[k]:.4f}\t{ns[k]}")
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
