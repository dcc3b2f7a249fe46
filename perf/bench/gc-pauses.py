#!/usr/bin/env python3
"""Young-pause figures from JVM unified GC logs (-Xlog:gc*), one line per log.

    perf/bench/gc-pauses.py GC_LOG [GC_LOG ...]

Pause percentiles and the share over 10 ms; with gc+phases=debug in the log, also the bytes each young collection
copied and the GC workers' summed object-copy time (what a pause spends copying what survived)."""
import re
import statistics
import sys

PAUSE = re.compile(r"\[gc\s*\] GC\(\d+\) Pause Young.* ([\d.]+)ms$")


def summary(path):
    text = open(path).read()
    pauses = sorted(float(m.group(1)) for line in text.splitlines() for m in [PAUSE.search(line.strip())] if m)
    if not pauses:
        return f"{path}: no young pauses"

    def q(p):
        return pauses[min(len(pauses) - 1, int(p * len(pauses)))]

    over = sum(1 for p in pauses if p > 10)
    line = (f"{path}: {len(pauses)} young pauses, p50 {q(.5):.1f} / p90 {q(.9):.1f} / p99 {q(.99):.1f} / "
            f"max {pauses[-1]:.1f} ms, {over} over 10 ms ({100 * over / len(pauses):.0f} %)")
    copied = [int(x) for x in re.findall(r"Copied Bytes:.*Sum: (\d+)", text)]
    copy_ms = [float(x) for x in re.findall(r"Object Copy \(ms\):.*Sum: ([\d.]+)", text)]
    if copied:
        line += (f"; copied per pause median {statistics.median(copied) / 1e6:.2f} MB, object copy (workers' sum)"
                 f" median {statistics.median(copy_ms):.2f} ms")
    return line


if __name__ == "__main__":
    for log in sys.argv[1:]:
        print(summary(log))
