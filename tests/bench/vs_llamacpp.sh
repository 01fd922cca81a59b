#!/usr/bin/env bash
# QuantDesk against llama.cpp on the same machine, the same files and the same thread counts: the
# figures in README.md "Speed and memory" come from this script.
#
#   bash tests/bench/vs_llamacpp.sh LLAMA_BIN_DIR [WORK_DIR] [REPEATS] [quantize|inference|all|vulkan]
#
# LLAMA_BIN_DIR holds llama.cpp's llama-quantize and llama-bench (built separately; nothing of llama.cpp
# is part of this repository). WORK_DIR (default /tmp/qd-vs-llamacpp) receives the synthetic 1B-shaped
# model (`quantdesk-cli synth --shape 1b`, 2.2 GB in F16) and its quantized variants. REPEATS (default 3)
# is how often each measurement runs; the two programs alternate so that drifting machine load hits both,
# and the tables report the median.
#
# Quantization: `quantize` vs `llama-quantize` from the F16 file to Q4_0, Q8_0 and Q4_K_M with 1 and 2
# threads; wall seconds, CPU seconds and peak RSS from /usr/bin/time; MB/s of F16 source per wall second.
# Inference: `quantdesk-cli bench -p 512 -n 128` vs `llama-bench -p 512 -n 128` with 2 threads; tokens
# per second (each tool's own mean over its repetitions; the median of those over the rounds), and the
# decode's weight traffic against the machine's read bandwidth measured by `bench --memory`.
#
# vulkan (not part of `all`): `bench --gpu-layers all`, which measures the fully offloaded model and then
# the CPU backend on the same file, so each row has QuantDesk's Vulkan pp512/tg128 beside its CPU's; with
# LLAMA_VULKAN_BIN_DIR (a llama.cpp built with -DGGML_VULKAN=ON) also `llama-bench -ngl 99`. QD_GPU_FLAGS
# adds bench flags (`--gpu-allow-cpu` to run on lavapipe, whose figures check the script, not speed).
set -euo pipefail

llama="${1:?usage: vs_llamacpp.sh LLAMA_BIN_DIR [WORK_DIR] [REPEATS]}"
work="${2:-/tmp/qd-vs-llamacpp}"
repeats="${3:-3}"
parts="${4:-all}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${QD_CLI:-$here/build/app/quantdesk-cli}"
mixes=(Q4_0 Q8_0 Q4_K_M)

for tool in "$cli" "$llama/llama-quantize" "$llama/llama-bench" /usr/bin/time; do
  [ -x "$tool" ] || { echo "missing: $tool" >&2; exit 2; }
done
mkdir -p "$work"
src="$work/synth-1b-F16.gguf"
[ -f "$src" ] || "$cli" synth "$src" --shape 1b >/dev/null
for mix in "${mixes[@]}"; do
  [ -f "$work/synth-1b-$mix.gguf" ] || "$cli" quantize "$src" "$work/synth-1b-$mix.gguf" "$mix" --threads 2 >/dev/null
done
src_mb=$(( $(stat -c %s "$src") / 1000000 ))

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$parts" = all ] || [ "$parts" = quantize ]; then
echo
echo "## Quantizing $(basename "$src") ($src_mb MB), median of $repeats"
echo
echo "| mix | threads | QuantDesk wall s | CPU s | peak RSS MB | MB/s | llama-quantize wall s | CPU s | peak RSS MB | MB/s |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
cat "$src" >/dev/null  # both start from a warm page cache
for mix in "${mixes[@]}"; do
  for threads in 1 2; do
    rm -f "$work/ours.times" "$work/theirs.times"
    for ((r = 0; r < repeats; ++r)); do
      /usr/bin/time -a -o "$work/ours.times" -f "%e %U %S %M" \
        "$cli" quantize "$src" "$work/out-ours.gguf" "$mix" --threads "$threads" >/dev/null
      /usr/bin/time -a -o "$work/theirs.times" -f "%e %U %S %M" \
        "$llama/llama-quantize" "$src" "$work/out-theirs.gguf" "$mix" "$threads" >/dev/null 2>&1
    done
    cmp -s "$work/out-ours.gguf" "$work/out-theirs.gguf" || echo "note: $mix outputs differ" >&2
    row="| $mix | $threads"
    for f in ours theirs; do
      wall=$(awk '{ print $1 }' "$work/$f.times" | median)
      cpu=$(awk '{ print $2 + $3 }' "$work/$f.times" | median)
      rss=$(awk '{ printf "%.0f\n", $4 / 1024 }' "$work/$f.times" | median | awk '{ printf "%.0f", $1 }')
      rate=$(awk -v mb="$src_mb" -v s="$wall" 'BEGIN { printf "%.0f", mb / s }')
      row="$row | $wall | $cpu | $rss | $rate"
    done
    echo "$row |"
  done
done
rm -f "$work/out-ours.gguf" "$work/out-theirs.gguf"
fi
[ "$parts" = quantize ] && exit 0

if [ "$parts" = vulkan ]; then
  lv="${LLAMA_VULKAN_BIN_DIR:-}"
  [ -z "$lv" ] || [ -x "$lv/llama-bench" ] || { echo "missing: $lv/llama-bench" >&2; exit 2; }
  echo
  echo "## Vulkan, fully offloaded, against the CPU backend, tokens per second (median of $repeats rounds)"
  echo
  "$cli" devices
  echo
  echo "| type | pp512 Vulkan | pp512 CPU | tg128 Vulkan | tg128 CPU | pp512 llama.cpp Vulkan | tg128 llama.cpp Vulkan |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for mix in "${mixes[@]}"; do
    m="$work/synth-1b-$mix.gguf"
    : >"$work/vk.tps"
    for ((r = 0; r < repeats; ++r)); do
      # shellcheck disable=SC2086
      "$cli" bench "$m" -p 512 -n 128 -r 2 -t 2 --gpu-layers all ${QD_GPU_FLAGS:-} 2>/dev/null |
        awk -F'|' 'NF >= 8 && $5 ~ /[A-Za-z]/ && $7 ~ /pp512|tg128/ {
                     split($8, a, " "); b = ($5 ~ /Vulkan/) ? "vk" : "cpu"; t = ($7 ~ /pp/) ? "pp" : "tg"; print b t, a[1] }' >>"$work/vk.tps"
      if [ -n "$lv" ]; then
        "$lv/llama-bench" -m "$m" -p 512 -n 128 -t 2 -r 2 -ngl 99 2>/dev/null |
          awk -F'|' 'NF >= 8 && /pp512/ { split($(NF - 1), a, " "); print "llpp", a[1] } NF >= 8 && /tg128/ { split($(NF - 1), a, " "); print "lltg", a[1] }' >>"$work/vk.tps"
      fi
    done
    pick() {
      v=$(awk -v k="$1" '$1 == k { print $2 }' "$work/vk.tps")
      if [ -n "$v" ]; then echo "$v" | median; else echo -; fi
    }
    echo "| $mix | $(pick vkpp) | $(pick cpupp) | $(pick vktg) | $(pick cputg) | $(pick llpp) | $(pick lltg) |"
  done
  exit 0
fi

echo
echo "## Inference, 2 threads, tokens per second (median of $repeats rounds)"
echo
bw=$("$cli" bench "$work/synth-1b-Q4_0.gguf" -p 0 -n 1 -r 1 -t 2 --memory 2>&1 | grep -o '[0-9.]* GB/s best' | cut -d' ' -f1)
echo "read bandwidth (bench --memory, 2 threads): $bw GB/s"
echo
echo "| type | pp512 QuantDesk | pp512 llama.cpp | tg128 QuantDesk | tg128 llama.cpp | QuantDesk decode: weights read / read bandwidth |"
echo "| --- | --- | --- | --- | --- | --- |"
for mix in "${mixes[@]}"; do
  m="$work/synth-1b-$mix.gguf"
  : >"$work/ours.tps"
  : >"$work/theirs.tps"
  mb=""
  for ((r = 0; r < repeats; ++r)); do
    out=$("$cli" bench "$m" -p 512 -n 128 -r 2 -t 2 2>&1)
    echo "$out" | awk -F'|' 'NF >= 8 && /pp512/ { split($8, a, " "); print "pp", a[1] } NF >= 8 && /tg128/ { split($8, a, " "); print "tg", a[1] }' >>"$work/ours.tps"
    mb=$(echo "$out" | grep -o '[0-9.]* MB of weights read per token' | head -1 | cut -d' ' -f1)
    "$llama/llama-bench" -m "$m" -p 512 -n 128 -t 2 -r 2 2>/dev/null |
      awk -F'|' 'NF >= 8 && /pp512/ { split($8, a, " "); print "pp", a[1] } NF >= 8 && /tg128/ { split($8, a, " "); print "tg", a[1] }' >>"$work/theirs.tps"
  done
  pick() { awk -v k="$2" '$1 == k { print $2 }' "$work/$1.tps" | median; }
  every() { awk -v k="$2" '$1 == k { printf "%s%s", sep, $2; sep = " " }' "$work/$1.tps"; }
  tg=$(pick ours tg)
  traffic=$(awk -v mb="$mb" -v tg="$tg" -v bw="$bw" 'BEGIN { g = mb * tg / 1000; printf "%.1f of %s GB/s (%.0f%%)", g, bw, 100 * g / bw }')
  echo "| $mix | $(pick ours pp) | $(pick theirs pp) | $tg | $(pick theirs tg) | $traffic |"
  echo "rounds $mix: pp ours [$(every ours pp)] llama.cpp [$(every theirs pp)]; tg ours [$(every ours tg)] llama.cpp [$(every theirs tg)]" >&2
done
