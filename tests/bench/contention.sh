#!/usr/bin/env bash
# Decode speed on a quiet machine and beside one CPU-bound process (`yes > /dev/null`), QuantDesk against
# llama.cpp with the same file and thread count: the README's "Sharing the cores" figures come from here.
#
#   bash tests/bench/contention.sh MODEL [LLAMA_BIN_DIR] [ROUNDS=3] [THREADS=2] [TOKENS=128]
#
# Each round measures, in turn, `quantdesk-cli bench MODEL -p 0 -n TOKENS -t THREADS` and (when
# LLAMA_BIN_DIR holds llama-bench) `llama-bench -m MODEL -p 0 -n TOKENS -t THREADS`, first quiet, then with
# `yes` running; the table gives each tool's median over the rounds. Nothing of llama.cpp is part of this
# repository: build it separately.
set -euo pipefail

model="${1:?usage: contention.sh MODEL [LLAMA_BIN_DIR] [ROUNDS] [THREADS] [TOKENS]}"
llama="${2:-}"
rounds="${3:-3}"
threads="${4:-2}"
tokens="${5:-128}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${QD_CLI:-$here/build/app/quantdesk-cli}"
[ -x "$cli" ] || { echo "missing: $cli" >&2; exit 2; }
have_llama=0
[ -n "$llama" ] && [ -x "$llama/llama-bench" ] && have_llama=1

qd_tg() { "$cli" bench "$model" -p 0 -n "$tokens" -r 3 -t "$threads" --json 2>/dev/null |
  python3 -c 'import json,sys; print(next(r["tokens_per_second"] for r in json.load(sys.stdin) if r["test"].startswith("tg")))'; }
llama_tg() { "$llama/llama-bench" -m "$model" -p 0 -n "$tokens" -r 3 -t "$threads" -o json 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["avg_ts"])'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -a qd_quiet qd_busy ll_quiet ll_busy
for ((r = 1; r <= rounds; ++r)); do
  qd_quiet+=("$(qd_tg)")
  [ $have_llama = 1 ] && ll_quiet+=("$(llama_tg)")
  yes > /dev/null &
  hog=$!
  sleep 1
  qd_busy+=("$(qd_tg)")
  [ $have_llama = 1 ] && ll_busy+=("$(llama_tg)")
  kill "$hog"; wait "$hog" 2>/dev/null || true
  echo "round $r: quantdesk ${qd_quiet[-1]} quiet, ${qd_busy[-1]} with yes${ll_busy:+; llama.cpp ${ll_quiet[-1]} quiet, ${ll_busy[-1]} with yes}" >&2
done

m() { printf '%s\n' "$@" | median; }
echo
echo "decode tg$tokens, $threads threads, $(basename "$model"), median of $rounds rounds (tokens/s)"
echo "| program    | quiet | beside yes | ratio |"
echo "|------------|------:|-----------:|------:|"
q=$(m "${qd_quiet[@]}"); b=$(m "${qd_busy[@]}")
printf '| QuantDesk  | %5.1f | %10.1f | %5.2f |\n' "$q" "$b" "$(echo "$b / $q" | bc -l)"
if [ $have_llama = 1 ]; then
  q=$(m "${ll_quiet[@]}"); b=$(m "${ll_busy[@]}")
  printf '| llama.cpp  | %5.1f | %10.1f | %5.2f |\n' "$q" "$b" "$(echo "$b / $q" | bc -l)"
fi
