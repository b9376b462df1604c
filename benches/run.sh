#!/usr/bin/env bash
# Side-by-side benchmark: our server vs (a) a bare tonic echo server and (b) the seed
# sketch's naive pattern, same machine, same run. Servers are pinned to core 0 and the
# load generator to core 1 (taskset); the servers take turns (A/B/C, repeated), and the
# summary reports medians and the ratios ours/echo and ours/naive.
#
# usage: benches/run.sh [--quick] [--soak-secs N] [--rounds N] [--out DIR]
#        benches/run.sh --server-cores 1,2,4,8 [--rounds N] [--out DIR]
#   core scaling: for each k, ours and echo pinned to cores 0..k-1, the load generator
#   on the remaining cores, 100 connections per server core, 32 in flight each,
#   cache-hot imports; prints answers/s, P99 and server CPU per answer side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0; soak=600; rounds=3; dur=8; warm=2; out=""; server_cores=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; soak=30; rounds=1; dur=3; warm=1 ;;
    --soak-secs) soak="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --out) out="$2"; shift ;;
    --server-cores) server_cores="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=${out:-benches/results/$stamp}
mkdir -p "$out"
cargo build --release --locked --bin unity-mcp -p unity-mcp-benches --bins >&2
bin=target/release
work=$(mktemp -d)
# Projects live on a tmpfs when we may mount one: on a disk file system the mixed
# workload's create/delete churn slows the kernel's inode allocator run after run
# (seen on ext4: find_get_block_common, recently_deleted), which is not the server.
storage="disk ($(df -T "$work" | awk 'NR==2 {print $2}'))"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4g tmpfs "$work" 2>/dev/null; then storage="tmpfs"; fi
trap 'pkill -P $$ || true; umount -l "$work" 2>/dev/null; rm -rf "$work"' EXIT
{
  echo "# machine"; uname -srm; nproc; grep -m1 'model name' /proc/cpuinfo || true; free -h | head -2
  echo "# projects on: $storage"
  echo "# command"; echo "$0 $*"; git rev-parse HEAD
} > "$out/machine.txt"

CORE_SERVER=0; CORE_CLIENT=1
ours_addr=127.0.0.1:50051; echo_addr=127.0.0.1:50061; naive_addr=127.0.0.1:50062
start_server() { # name -> pid (fresh project each start)
  local name=$1 proj="$work/proj-$1-$RANDOM"
  $bin/loadgen gen-project "$proj" --assets 10000 2>/dev/null
  case $name in
    ours) taskset -c $CORE_SERVER $bin/unity-mcp serve --project "$proj" --listen $ours_addr >"$work/$name.log" 2>&1 & ;;
    echo) taskset -c $CORE_SERVER $bin/echo_server $echo_addr >"$work/$name.log" 2>&1 & ;;
    naive) taskset -c $CORE_SERVER $bin/naive_server "$proj" $naive_addr >"$work/$name.log" 2>&1 & ;;
  esac
  local pid=$!
  echo "$proj" > "$work/$name.proj"
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/${addr_of[$name]%:*}/${addr_of[$name]#*:}) 2>/dev/null && break; sleep 0.1; done
  echo $pid
}
declare -A addr_of=([ours]=$ours_addr [echo]=$echo_addr [naive]=$naive_addr)

run() { # name label args...
  local name=$1 label=$2; shift 2
  local pid; pid=$(start_server "$name")
  taskset -c $CORE_CLIENT $bin/loadgen run --quiet --addr "http://${addr_of[$name]}" --server-pid "$pid" \
    --project "$(cat "$work/$name.proj")" --label "$name" --json "$out/$label.$name.json" "$@" || echo "loadgen failed for $label/$name"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  rm -rf "$(cat "$work/$name.proj")"
}

if [ -n "$server_cores" ]; then
  ncpu=$(nproc)
  for k in ${server_cores//,/ }; do
    [ "$k" -lt "$ncpu" ] || { echo "--server-cores $k leaves no core for the load generator ($ncpu cores)"; exit 2; }
    CORE_SERVER="0-$((k - 1))"; CORE_CLIENT="$k-$((ncpu - 1))"
    for r in $(seq 1 "$rounds"); do
      for s in ours echo; do
        run $s "cores$k.r$r" -c $((100 * k)) -w 32 --workload hot --warmup-secs $warm --duration-secs $dur
      done
    done
  done
  python3 - "$out" "$server_cores" <<'PY' | tee "$out/scaling.md"
import json, sys, statistics, glob
out, ks = sys.argv[1], [int(k) for k in sys.argv[2].split(",")]
def runs(k, s):
    return [json.load(open(f)) for f in sorted(glob.glob(f"{out}/cores{k}.r*.{s}.json"))]
def med(xs):
    return statistics.median(xs) if xs else float("nan")
print("| server cores | ours answers/s | echo answers/s | ours/echo | ours P99 ms | echo P99 ms | ours CPU us/answer | echo CPU us/answer |")
print("|---|---|---|---|---|---|---|---|")
base = None
for k in ks:
    o, e = runs(k, "ours"), runs(k, "echo")
    ot, et = med([r["throughput"] for r in o]), med([r["throughput"] for r in e])
    op, ep = med([r["latency_us"]["p99"] for r in o]) / 1000, med([r["latency_us"]["p99"] for r in e]) / 1000
    cpu = lambda rs: med([r["server_cpu_percent"] / 100 * 1e6 / r["throughput"] for r in rs if r["throughput"]])
    base = base or ot
    print(f"| {k} | {ot:,.0f} ({ot / base:.2f}x of 1st) | {et:,.0f} | {ot / et:.2f} | {op:.1f} | {ep:.1f} | {cpu(o):.2f} | {cpu(e):.2f} |")
PY
  echo "results in $out" >&2
  exit 0
fi

for r in $(seq 1 "$rounds"); do
  for s in ours echo naive; do
    run $s "hot-w32.r$r"   -c 100 -w 32 --workload hot   --warmup-secs $warm --duration-secs $dur
    run $s "hot-w1.r$r"    -c 100 -w 1  --workload hot   --warmup-secs $warm --duration-secs $dur --stall-secs 3
    run $s "mixed-w32.r$r" -c 100 -w 32 --workload mixed --warmup-secs $warm --duration-secs $dur
    run $s "open2k.r$r"    -c 100 --rate 2000  --workload hot --warmup-secs $warm --duration-secs $dur
    run $s "open20k.r$r"   -c 100 --rate 20000 --workload hot --warmup-secs $warm --duration-secs $dur
    run $s "c1-w32.r$r"    -c 1 -w 32   --workload hot   --warmup-secs $warm --duration-secs $dur
    run $s "unary-w32.r$r" -c 100 -w 32 --workload hot --unary --warmup-secs $warm --duration-secs $dur
  done
done
for s in ours naive; do
  run $s "never-read" -c 100 --workload never-read --warmup-secs 1 --duration-secs $((dur * 2))
done
run ours "soak" -c 100 -w 32 --workload mixed --warmup-secs 5 --duration-secs "$soak"

python3 benches/summarize.py "$out" | tee "$out/summary.md"
$bin/loadgen plot --out "$out/latency-hot-w32.svg" "$out"/hot-w32.r1.*.json
$bin/loadgen plot --out "$out/latency-open20k.svg" "$out"/open20k.r1.*.json
$bin/loadgen plot --rss --out "$out/rss-never-read.svg" "$out"/never-read.*.json
$bin/loadgen plot --rss --out "$out/rss-soak.svg" "$out"/soak.ours.json
echo "results in $out" >&2
