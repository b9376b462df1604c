"""Summarise a benches/run.sh results folder: medians per scenario and server, the
ratios ours/echo and ours/naive, and each target of the benchmarks issue, met or missed."""
import glob
import json
import os
import statistics
import sys

out = sys.argv[1]
runs = {}
for path in glob.glob(os.path.join(out, "*.json")):
    name = os.path.basename(path)[:-5]
    scenario, server = name.rsplit(".", 1)
    scenario = scenario.split(".r")[0]
    with open(path) as f:
        runs.setdefault((scenario, server), []).append(json.load(f))


def med(scenario, server, key):
    rs = runs.get((scenario, server), [])
    vals = []
    for r in rs:
        v = r["latency_us"].get(key[4:]) if key.startswith("lat:") else r.get(key)
        if v is not None:
            vals.append(v)
    return statistics.median(vals) if vals else None


def stalled(scenario, server):
    return any(r.get("stalled") for r in runs.get((scenario, server), []))


def fmt(v, unit=""):
    if v is None:
        return "-"
    if unit == "MiB":
        return f"{v / 1048576:.1f}"
    if isinstance(v, float):
        return f"{v:,.0f}"
    return f"{v:,}"


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "-"


print(f"# Benchmark summary ({out})\n")
with open(os.path.join(out, "machine.txt")) as f:
    print("```\n" + f.read().strip() + "\n```\n")
print("Medians over rounds. Throughput in answers/s, latency in microseconds, RSS peak in MiB.\n")
print("| scenario | server | throughput | p50 | p99 | p99.9 | RSS peak | CPU % | stalled | errors |")
print("|---|---|---|---|---|---|---|---|---|---|")
scenarios = ["hot-w32", "hot-w1", "mixed-w32", "open2k", "open20k", "c1-w32", "unary-w32"]
for sc in scenarios:
    for sv in ["ours", "echo", "naive"]:
        if (sc, sv) not in runs:
            continue
        errs = sum(sum(v for k, v in r["codes"].items() if k != "0") for r in runs[(sc, sv)])
        print(f"| {sc} | {sv} | {fmt(med(sc, sv, 'throughput'))} | {fmt(med(sc, sv, 'lat:p50'))} | {fmt(med(sc, sv, 'lat:p99'))} | "
              f"{fmt(med(sc, sv, 'lat:p99.9'))} | {fmt(med(sc, sv, 'server_rss_peak'), 'MiB')} | {fmt(med(sc, sv, 'server_cpu_percent'))} | "
              f"{'yes' if stalled(sc, sv) else 'no'} | {errs} |")
print("\n## Ratios (ours / baseline)\n")
print("| scenario | throughput ours/echo | throughput ours/naive | p99 ours/echo | p99 ours/naive | RSS ours/naive |")
print("|---|---|---|---|---|---|")
for sc in scenarios:
    t = lambda sv: med(sc, sv, "throughput")
    p = lambda sv: med(sc, sv, "lat:p99")
    m = lambda sv: med(sc, sv, "server_rss_peak")
    print(f"| {sc} | {ratio(t('ours'), t('echo'))} | {ratio(t('ours'), t('naive'))} | {ratio(p('ours'), p('echo'))} | "
          f"{ratio(p('ours'), p('naive'))} | {ratio(m('ours'), m('naive'))} |")

print("\n## Targets\n")
rows = []
def target(name, ok, detail):
    rows.append(f"| {name} | {'met' if ok else 'MISSED'} | {detail} |")

t32 = (med("hot-w32", "ours", "throughput"), med("hot-w32", "echo", "throughput"))
if None not in t32:
    target("hot W=32 >= 60% of echo throughput", t32[0] >= 0.6 * t32[1], f"{t32[0] / t32[1]:.0%} of echo")
mx = med("mixed-w32", "ours", "throughput")
if mx is not None:
    target("mixed >= 50,000 ops/s", mx >= 50_000, f"{mx:,.0f} ops/s")
t1 = (med("hot-w1", "ours", "throughput"), med("hot-w1", "echo", "throughput"))
p1 = (med("hot-w1", "ours", "lat:p99"), med("hot-w1", "echo", "lat:p99"))
if None not in t1 + p1:
    target("W=1: no stall", not stalled("hot-w1", "ours"), f"naive stalled: {stalled('hot-w1', 'naive')}")
    target("W=1 throughput >= 60% of echo", t1[0] >= 0.6 * t1[1], f"{t1[0] / t1[1]:.0%} of echo")
    target("W=1 P99 <= 2x echo", p1[0] <= 2 * p1[1], f"{p1[0] / p1[1]:.2f}x echo ({p1[0]} vs {p1[1]} us)")
o20 = med("open20k", "ours", "lat:p99")
if o20 is not None:
    target("open loop 20,000 req/s: P99 <= 5 ms", o20 <= 5000, f"P99 {o20} us")
o2 = med("open2k", "ours", "lat:p99")
if o2 is not None:
    target("open loop 2,000 req/s: P99 <= 50 ms (the seed's)", o2 <= 50_000, f"P99 {o2} us")
m32 = (med("hot-w32", "ours", "server_rss_peak"), med("hot-w32", "naive", "server_rss_peak"))
if None not in m32:
    target("RSS <= 0.7x naive at W=32 (hot)", m32[0] <= 0.7 * m32[1], f"{m32[0] / m32[1]:.2f}x naive ({m32[0] / 1048576:.1f} vs {m32[1] / 1048576:.1f} MiB)")
mm = (med("mixed-w32", "ours", "server_rss_peak"), med("mixed-w32", "naive", "server_rss_peak"))
if None not in mm:
    target("RSS <= 0.7x naive at W=32 (mixed)", mm[0] <= 0.7 * mm[1], f"{mm[0] / mm[1]:.2f}x naive")
nr = runs.get(("never-read", "ours"))
if nr:
    peak = max(r.get("server_rss_peak") or 0 for r in nr)
    naive_peak = max(r.get("server_rss_peak") or 0 for r in runs.get(("never-read", "naive"), [{}]))
    target("RSS <= 64 MiB with clients that never read", peak <= 64 * 1048576, f"{peak / 1048576:.1f} MiB (naive {naive_peak / 1048576:.1f} MiB)")
soak = runs.get(("soak", "ours"))
if soak:
    series = soak[0].get("rss_over_time", [])
    if len(series) >= 8:
        q = max(1, len(series) // 4)
        first = statistics.median(v for _, v in series[:q])
        last = statistics.median(v for _, v in series[-q:])
        growth = (last - first) / first
        target(f"soak ({soak[0]['seconds']:.0f} s, 100 connections): RSS growth <= 1%", growth <= 0.01,
               f"{growth:+.1%} (first quarter {first / 1048576:.1f} MiB, last quarter {last / 1048576:.1f} MiB), {soak[0]['throughput']:,.0f} ops/s")
print("| target | result | measured |")
print("|---|---|---|")
print("\n".join(rows))
