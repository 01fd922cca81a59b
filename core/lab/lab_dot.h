// The lab's dot products: a row stored in a lab block format (block_format.h) times float activations,
// written once over any QK and width, in three tiers — scalar, AVX2, AVX-512 — so each point's speed on
// this CPU can be measured for every instruction set it has. Per block the levels are turned into floats
// (nibbles and bytes with SIMD, other widths from the bit stream), multiplied with the activations, and
// scaled: d * sum(level * a) for type-0 (level = code - bias), d * sum(code * a) + m * sum(a) for type-1.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/cpu_features.h"
#include "core/lab/block_format.h"

namespace qd::lab {

// Dot product of a quantized row of n weights with n float activations. Null when the CPU cannot run
// that level (or the build has no kernels for it).
using LabDotFn = float (*)(const BlockFormat& format, const uint8_t* row, const float* activations, int64_t n);
LabDotFn labDotFor(IsaLevel level);

struct DotSpeed {
    IsaLevel level = IsaLevel::Scalar;
    double medianGBs = 0;     // weight bytes read per second, median of the runs
    double spreadPercent = 0; // (max - min) / median of the runs
    int runs = 0;
};

// Times the format's dot over `rows` rows of `n` weights (random, quantized once) for every level this CPU
// runs: `runs` repetitions each, each long enough to be timed (about 20 ms).
std::vector<DotSpeed> measureDotSpeed(const BlockFormat& format, int64_t n = 4096, int rows = 256, int runs = 7);

namespace scalar {
float labDot(const BlockFormat& format, const uint8_t* row, const float* activations, int64_t n);
}
namespace avx2 {
float labDot(const BlockFormat& format, const uint8_t* row, const float* activations, int64_t n);
}
namespace avx512 {
float labDot(const BlockFormat& format, const uint8_t* row, const float* activations, int64_t n);
}

}  // namespace qd::lab
