#!/usr/bin/env bash
# QuantDesk's quick start (see README.md):
#   bash packaging/setup.sh run    install what is missing, build, start the GUI on the demo model
#   bash packaging/setup.sh test   install what is missing, build, run the whole test suite
# Extra arguments after `run` go to the GUI (a model file or folder to open).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:-}"
shift || true
jobs="$(nproc 2>/dev/null || echo 2)"

case "$mode" in
  run|test) ;;
  *) echo "usage: bash packaging/setup.sh run|test" >&2; exit 2 ;;
esac

bash packaging/install-deps.sh

# The main build: Release, everything (GUI, CLI, tests, benchmarks), warnings as errors.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DQD_WERROR=ON >/dev/null
cmake --build build -j "$jobs"

if [ "$mode" = run ]; then
  exec build/app/gui/quantdesk "$@"
fi

export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure -j "$jobs"

# The core again under AddressSanitizer + UndefinedBehaviorSanitizer (clang), with the libFuzzer
# targets: every unit test that is not marked slow, then a short fuzzing run of each reader.
CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DQD_SANITIZE=ON -DQD_FUZZ=ON -DQD_BUILD_GUI=OFF -DQD_BUILD_BENCH=OFF -DQD_WERROR=ON >/dev/null
cmake --build build-asan -j "$jobs"
# test_jinja is left out here: its stress cases (100,000-long expression chains, 100 MB outputs) take
# over eight minutes under ASan; it runs in the main stage above. The Vulkan tests (label vulkan) are
# built here but run in the main stage only: they load Mesa's driver and the validation layer, which are
# not built with the sanitizers and keep allocations past exit that LeakSanitizer would report as ours.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" -L "unit|fuzz" -LE "slow|vulkan" -E "^test_jinja$"
