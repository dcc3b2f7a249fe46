#!/usr/bin/env python3
"""Pause figures from JVM unified logs, one line per log.

    perf/bench/gc-pauses.py LOG [LOG ...]

A GC log (-Xlog:gc*): the collector's stop-the-world pauses (G1's young, remark and cleanup pauses, Shenandoah's
init/final pauses, degenerated and full collections), their percentiles and the share over 10 ms; with
gc+phases=debug (G1), also the bytes each young collection copied and the GC workers' summed object-copy time.
A safepoint log (-Xlog:safepoint): the collector's safepoints as the application threads see them, from the request
to the release (time to reach the safepoint + the pause itself), and the longest time to reach one."""
import re
import statistics
import sys

PAUSE = re.compile(r"\[gc\s*\] GC\(\d+\) Pause (?:Young|Remark|Cleanup|Init|Final|Degenerated|Full).* ([\d.]+)ms$")
SAFEPOINT = re.compile(r'Safepoint "(\w+)".*Reaching safepoint: (\d+) ns.*Total: (\d+) ns')
GC_OPERATIONS = ("G1", "Shenandoah", "ZMark", "ZRelocate", "Serial", "Parallel", "GenCollect", "CollectFor")


def percentiles(values):
    values = sorted(values)

    def q(p):
        return values[min(len(values) - 1, int(p * len(values)))]

    over = sum(1 for v in values if v > 10)
    return (f"p50 {q(.5):.1f} / p90 {q(.9):.1f} / p99 {q(.99):.1f} / max {values[-1]:.1f} ms, "
            f"{over} over 10 ms ({100 * over / len(values):.0f} %)")


def gc_summary(path, text):
    pauses = [float(m.group(1)) for line in text.splitlines() for m in [PAUSE.search(line.strip())] if m]
    if not pauses:
        return f"{path}: no pauses"
    line = f"{path}: {len(pauses)} pauses, {percentiles(pauses)}"
    copied = [int(x) for x in re.findall(r"Copied Bytes:.*Sum: (\d+)", text)]
    copy_ms = [float(x) for x in re.findall(r"Object Copy \(ms\):.*Sum: ([\d.]+)", text)]
    if copied:
        line += (f"; copied per pause median {statistics.median(copied) / 1e6:.2f} MB, object copy (workers' sum)"
                 f" median {statistics.median(copy_ms):.2f} ms")
    return line


def safepoint_summary(path, text):
    rows = [(m.group(1), int(m.group(2)) / 1e6, int(m.group(3)) / 1e6) for m in SAFEPOINT.finditer(text)]
    gc = [row for row in rows if row[0].startswith(GC_OPERATIONS)]
    if not gc:
        return f"{path}: no collector safepoints"
    return (f"{path}: {len(gc)} collector safepoints (request to release), {percentiles([r[2] for r in gc])}; "
            f"longest time to reach one {max(r[1] for r in gc):.1f} ms")


def summary(path):
    text = open(path).read()
    return safepoint_summary(path, text) if 'Safepoint "' in text else gc_summary(path, text)


if __name__ == "__main__":
    for log in sys.argv[1:]:
        print(summary(log))
