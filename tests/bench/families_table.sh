#!/usr/bin/env bash
# The README's per-family table: for the small trained BLOOM, Falcon and ChatGLM models in ../shared, each
# variant's perplexity on the held-out text (context 128, as llama.cpp measured it), file size and decode
# time per token, next to the perplexity llama.cpp measured for the same file.
#
#   bash tests/bench/families_table.sh [WORK_DIR] [THREADS]
#
# WORK_DIR (default /tmp/qd-families) receives the F32 conversion of each checkpoint and its variants,
# made by quantdesk-cli (byte-identical to llama.cpp's, tests/convert/test_import_families). Decode
# time: `quantdesk-cli bench -p 16 -n 128 -r 5` (the tg128 mean over 5 runs), THREADS default 2.
set -euo pipefail

work="${1:-/tmp/qd-families}"
threads="${2:-2}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${QD_CLI:-$here/build/app/quantdesk-cli}"
shared="${QD_SHARED_DIR:-$here/../shared}"
text="$shared/text/shakespeare-val.txt"
variants=(F32 F16 Q8_0 Q6_K Q5_K_M Q5_0 Q4_K_M Q4_0)
[ -x "$cli" ] || { echo "missing: $cli (build first)" >&2; exit 2; }
mkdir -p "$work"

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $threads threads; $("$cli" --version 2>/dev/null || echo quantdesk-cli)"
for family in bloom falcon chatglm; do
  f32="$work/$family-F32.gguf"
  [ -f "$f32" ] || "$cli" import "$shared/models/shakespeare-$family" -o "$f32" --type F32 --quiet >/dev/null
  echo
  echo "| $family | file size | perplexity | llama.cpp's perplexity | ms per token (tg128) |"
  echo "|---|---:|---:|---:|---:|"
  for v in "${variants[@]}"; do
    file="$work/$family-$v.gguf"
    [ "$v" = F32 ] || [ -f "$file" ] || "$cli" quantize "$f32" "$file" "$v" --threads "$threads" --quiet >/dev/null
    ppl=$("$cli" perplexity "$file" -f "$text" -c 128 -t "$threads" --json 2>/dev/null |
      python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.3f ± %.3f" % (d["ppl"], d["ppl_error"]))')
    theirs=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["mixes"][sys.argv[2]]; print("%.3f" % m["ppl"])' \
      "$shared/fixtures/llamacpp/$family/reference.json" "$v")
    ms=$("$cli" bench "$file" -p 16 -n 128 -r 5 -t "$threads" --json 2>/dev/null |
      python3 -c 'import json,sys; r=[x for x in json.load(sys.stdin) if x["test"].startswith("tg")][0]; print("%.3f" % (1000.0 / r["tokens_per_second"]))')
    size=$(stat -c %s "$file" | awk '{ printf "%.2f MB", $1 / 1e6 }')
    echo "| $v | $size | $ppl | $theirs | $ms |"
  done
done
