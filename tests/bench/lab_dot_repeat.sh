#!/usr/bin/env bash
# How well the block-size lab's dot-product timings repeat from one run to the next (issue: "kernel timings
# repeat within 3 % run to run"): runs bench_lab_dot RUNS times, each pinned to one core with its
# repetitions of every kernel interleaved with the others', and prints for every kernel the GB/s of each
# run, by two estimators, and how far the runs are apart:
#   fastest: the fastest of the run's repetitions (interference on a shared machine only slows a
#            repetition down, so the fastest one is the estimate that moves least), and
#   median:  the median repetition.
#
#   bash tests/bench/lab_dot_repeat.sh [RUNS=2] [REPETITIONS=20] [MIN_TIME=0.2] [CPU=1]
#
# The last lines give, per estimator, the largest and the median spread ((max - min) / min over the runs).
set -euo pipefail

runs="${1:-2}"
reps="${2:-20}"
min_time="${3:-0.2}"
cpu="${4:-1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="${QD_BENCH_LAB_DOT:-$here/build/tests/kernels_bench/bench_lab_dot}"
[ -x "$bench" ] || { echo "missing: $bench (build the bench_lab_dot target)" >&2; exit 2; }
pin=()
command -v taskset > /dev/null && pin=(taskset -c "$cpu")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for ((r = 1; r <= runs; ++r)); do
  echo "run $r of $runs ..." >&2
  "${pin[@]}" "$bench" --benchmark_repetitions="$reps" --benchmark_enable_random_interleaving=true \
    --benchmark_min_time="$min_time" --benchmark_format=json --benchmark_out_format=json \
    --benchmark_out="$work/run$r.json" > /dev/null
done

python3 - "$work" "$runs" <<'EOF'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
per_run = []  # per run: name -> list of GB/s of its repetitions
for r in range(1, runs + 1):
    rows = json.load(open(f"{work}/run{r}.json"))["benchmarks"]
    d = {}
    for b in rows:
        if b.get("run_type") != "iteration" or "error_occurred" in b:
            continue
        d.setdefault(b["run_name"], []).append(b["bytes_per_second"] / 1e9)
    per_run.append(d)
names = sorted(set.intersection(*(set(d) for d in per_run)))
spreads = {"fastest": [], "median": []}
print("| kernel | " + " | ".join(f"run {r} fastest" for r in range(1, runs + 1)) + " | spread | " +
      " | ".join(f"run {r} median" for r in range(1, runs + 1)) + " | spread |")
print("|---" * (2 * runs + 3) + "|")
for n in names:
    fast = [max(d[n]) for d in per_run]
    med = [statistics.median(d[n]) for d in per_run]
    sf = (max(fast) - min(fast)) / min(fast) * 100
    sm = (max(med) - min(med)) / min(med) * 100
    spreads["fastest"].append(sf)
    spreads["median"].append(sm)
    print(f"| {n} | " + " | ".join(f"{v:.3f}" for v in fast) + f" | {sf:.1f} % | " +
          " | ".join(f"{v:.3f}" for v in med) + f" | {sm:.1f} % |")
for k, v in spreads.items():
    print(f"{k}: largest spread {max(v):.1f} %, median {statistics.median(v):.1f} % over {len(v)} kernels")
EOF
