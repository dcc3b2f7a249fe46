#!/usr/bin/env python3
"""Median-of-runs tables (Markdown) from loadgen JSON records written by perf/bench/run-suite.sh.

    perf/bench/summarize.py DIR [DIR ...]      e.g. perf/bench/summarize.py perf/bench/results/2026-11-21/{starling,soketi}

Each DIR holds <scenario>-<rep>.json; its name labels a column. With two or more DIRs the last column is the ratio
of the first to the second (higher is better for rates, lower is better for latency and memory). Runs the loadgen
marked as not clean are counted too (a flat-out run is meant to saturate); their problems are listed under the table."""
import collections
import glob
import json
import os
import re
import statistics
import sys


def load(directory, scenario):
    records = []
    pattern = re.compile(re.escape(scenario) + r"-\d+\.json")
    for path in sorted(glob.glob(os.path.join(directory, f"{scenario}-*.json"))):
        if not pattern.fullmatch(os.path.basename(path)):
            continue
        with open(path) as f:
            record = json.load(f)
        records.append(record["results"])
    return records


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def phase(results, name=None):
    phases = [p for p in results.get("phases", []) if name is None or p["name"] == name]
    return phases[-1] if phases else {}


def dig(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


# (scenario, row label, how to read one run's value)
ROWS = []


def rows(scenario, *specs):
    for label, fn in specs:
        ROWS.append((scenario, label, fn))


def latency(name, pct):
    return lambda r: dig(phase(r, name), "latencyMs", pct)


def cpu(name=None):
    return lambda r: dig(phase(r, name), "server", "cpuCores")


rows("idle",
     ("heap after GC per connection (KB, slope)", lambda r: kb(dig(r, "idle", "heapBytesPerConnection"))),
     ("RSS per connection (KB, slope)", lambda r: kb(dig(r, "idle", "rssBytesPerConnection"))),
     ("baseline RSS, no connections (MB)", lambda r: mb(dig(r, "idle", "baselineRssBytes"))),
     ("connect+subscribe/s while opening the last level", lambda r: level_rate(r, -1)),
     ("connect+subscribe/s while opening the level before", lambda r: level_rate(r, -2)))
for s in ("fanout-1k-60", "fanout-1k-120", "fanout-1k-max", "fanout-10k-6", "fanout-10k-max", "many-channels"):
    rows(s,
         ("deliveries/s", lambda r: dig(phase(r), "deliveriesPerSecond")),
         ("latency p50 (ms)", latency(None, "p50Ms")),
         ("latency p99 (ms)", latency(None, "p99Ms")),
         ("latency p99.9 (ms)", latency(None, "p999Ms")),
         ("latency max (ms)", latency(None, "maxMs")),
         ("dropped", lambda r: dig(phase(r), "dropped")),
         ("server CPU (cores)", cpu()))
rows("churn",
     ("fanout p50 / p99 before churn (ms)", lambda r: pair(latency("baseline", "p50Ms")(r), latency("baseline", "p99Ms")(r))),
     ("fanout p50 / p99 during churn (ms)", lambda r: pair(latency("churn", "p50Ms")(r), latency("churn", "p99Ms")(r))),
     ("churn connects subscribed/s", lambda r: dig(r, "churn", "subscribedPerSecond")),
     ("connect→subscribed p50 / p99 (ms)", lambda r: pair(dig(r, "churn", "connectToSubscribedMs", "p50Ms"),
                                                         dig(r, "churn", "connectToSubscribedMs", "p99Ms"))),
     ("failed connects", lambda r: dig(r, "churn", "failed")),
     ("dropped", lambda r: dig(phase(r, "churn"), "dropped")))
rows("slow-consumer",
     ("healthy p99 before / with slow readers (ms)",
      lambda r: pair(latency("baseline", "p99Ms")(r), latency("slow", "p99Ms")(r))),
     ("slow readers closed with 4100 (of designated)",
      lambda r: pair(dig(r, "slow", "closedWith4100"), dig(r, "slow", "designated"))),
     ("server RSS growth during the slow phase (MB)",
      lambda r: mb(none_sub(dig(phase(r, "slow"), "server", "rssEndBytes"), dig(phase(r, "slow"), "server", "rssStartBytes")))),
     ("dropped (healthy readers)", lambda r: dig(phase(r, "slow"), "dropped")))
rows("presence",
     ("member events delivered/s", lambda r: dig(phase(r), "memberEventsPerSecond")),
     ("joins+leaves/s", lambda r: dig(r, "presence", "togglesPerSecond")),
     ("server CPU (cores)", cpu()))
for s in ("single-3000", "single-300"):  # perf/bench/run-cluster.sh: the cluster loads against one single-node gateway
    rows(s,
         ("deliveries/s", lambda r: dig(phase(r), "deliveriesPerSecond")),
         ("latency p50 (ms)", latency(None, "p50Ms")),
         ("latency p99 (ms)", latency(None, "p99Ms")),
         ("latency p99.9 (ms)", latency(None, "p999Ms")),
         ("dropped", lambda r: dig(phase(r), "dropped")))
for s in ("cluster", "cluster-3000", "cluster-300"):
    rows(s,
         ("deliveries/s", lambda r: dig(phase(r), "deliveriesPerSecond")),
         ("latency p50 (ms)", latency(None, "p50Ms")),
         ("latency p99 (ms)", latency(None, "p99Ms")),
         ("latency p99.9 (ms)", latency(None, "p999Ms")),
         ("p50 published on the same node / another node (ms)",
          lambda r: pair(dig(phase(r), "latencySameNodeMs", "p50Ms"), dig(phase(r), "latencyOtherNodeMs", "p50Ms"))),
         ("dropped", lambda r: dig(phase(r), "dropped")))


def level_rate(r, index):
    levels = dig(r, "idle", "levels") or []
    return levels[index]["connectsPerSecond"] if len(levels) >= abs(index) else None


def kb(v):
    return None if v is None else v / 1024


def mb(v):
    return None if v is None else v / 1e6


def none_sub(a, b):
    return None if a is None or b is None else a - b


def pair(a, b):
    return None if a is None or b is None else (a, b)


def fmt(v):
    if v is None:
        return "–"
    if isinstance(v, tuple):
        return " / ".join(fmt(x) for x in v)
    if isinstance(v, float) and abs(v) < 100:
        return f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"
    return f"{v:,.0f}"


def median_of(records, fn):
    values = [fn(r) for r in records]
    values = [v for v in values if v is not None]
    if not values:
        return None, 0
    if isinstance(values[0], tuple):
        return tuple(median([v[i] for v in values]) for i in range(len(values[0]))), len(values)
    return median(values), len(values)


def main(dirs):
    labels = [os.path.basename(os.path.normpath(d)) for d in dirs]
    scenarios = []
    for scenario, _, _ in ROWS:
        if scenario not in scenarios:
            scenarios.append(scenario)
    for scenario in scenarios:
        loaded = [load(d, scenario) for d in dirs]
        if not any(loaded):
            continue
        runs = "/".join(str(len(x)) for x in loaded)
        header = ["", *labels] + (["ratio"] if len(dirs) > 1 else [])
        print(f"### {scenario} (runs: {runs})\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for s, label, fn in ROWS:
            if s != scenario:
                continue
            values = [median_of(records, fn)[0] for records in loaded]
            line = [label, *[fmt(v) for v in values]]
            if len(dirs) > 1:
                a, b = values[0], values[1]
                line.append(f"{a / b:.2f}×" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "")
            print("| " + " | ".join(line) + " |")
        print()
        for label, records in zip(labels, loaded):
            problems = collections.Counter(re.sub(r"\d+ ms", "N ms", p.split(": ", 1)[-1])
                                           for r in records for p in r.get("problems", []))
            for problem, runs in sorted(problems.items()):
                print(f"- {label} ({runs} of {len(records)} runs): {problem}")
        print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
