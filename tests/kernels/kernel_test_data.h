// Test rows for the kernel tests and benchmarks: random or adversarial weight rows of any type with
// the dot kernels (valid scales, arbitrary level bits), float activation rows, and the exact value of
// every weight read back through the reference dot kernel.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/gguf/ggml_type.h"

namespace qd::test {

enum class WeightPattern {
    Random,     // random level bits, scales of mixed sign around 1/64
    Zeros,      // every byte zero (zero scales and levels)
    MaxScale,   // random levels, every scale the largest finite half (65504)
    MaxLevels,  // every level byte 0xFF (largest levels, high bits set), random scales
    Outlier,    // random, with one block's scales 1000 times larger
};

enum class ActivationPattern {
    Random,   // normal(0, 1)
    Zeros,    // all zero
    Outlier,  // normal(0, 1) with one element 10^4
    Ties,     // values k + 0.5 in a block whose maximum is 127: every level is a rounding tie
};

std::vector<WeightPattern> allWeightPatterns();
std::vector<ActivationPattern> allActivationPatterns();
const char* patternName(WeightPattern p);
const char* patternName(ActivationPattern p);

// The weight types with dot kernels, in the order of dot.h's comment.
std::vector<GgmlType> dotWeightTypes();

// Packed weight row of n elements.
std::vector<uint8_t> makeWeightRow(GgmlType type, int64_t n, WeightPattern pattern, std::mt19937& rng);
std::vector<float> makeActivationRow(int64_t n, ActivationPattern pattern, std::mt19937& rng);

// Every weight of the row as a float, read back with the reference dot kernel and unit activations
// (one activation 1, the rest 0, one block at a time) - an exact dequantization for any type.
std::vector<float> weightsViaReference(GgmlType type, const uint8_t* row, int64_t n);

// Bytes of a row of n elements of the type (n a multiple of its block size).
size_t rowBytes(GgmlType type, int64_t n);

}  // namespace qd::test
