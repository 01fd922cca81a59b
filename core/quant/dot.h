// Dot products of a quantized weight row with an activation row: the inner loop of inference.
//
// A matrix-vector product W·x (W: [rows][n] in weight type T, x: [n] floats) runs as
//   1. quantize x once into T's activation type A = activationType(T)  (kernels.fromFloat[A]),
//   2. for every row r: y[r] = kernels.dot[T](n, rowBytes(W, r), xQuantized).
// The pairs follow ggml's CPU backend (its vec_dot_type), so our results match llama.cpp's:
//   Q4_0, Q5_0, Q8_0, IQ4_NL  · Q8_0        Q4_1, Q5_1 · Q8_1 (its block sum folds the minimum in)
//   Q2_K..Q6_K, IQ4_XS        · Q8_K        F32 · F32,  F16 · F16,  BF16 · BF16
//
// Each kernel exists in three tiers (ENGINEERING.md "Kernels in three tiers"): a scalar reference
// (core/quant/kernels/), AVX2 (core/quant/x86/avx2/) and AVX-512 (core/quant/x86/avx512/; types without
// a faster AVX-512 version reuse the AVX2 kernel). kernels() is filled once from CPUID / XGETBV and the
// QUANTDESK_ISA override (core/common/cpu_features.h); kernelsFor() gives any level the CPU supports,
// so tests can compare all of them in one process.
//
// Fast kernels may sum in a different order than the reference: they agree with it to float rounding
// (tests/kernels/ bounds the difference by 1e-5 * sum |w_i||a_i|, about 84 float ulps of that sum).
// The activation quantizers (fromFloat) give the same bytes at every level; their inputs must be
// finite (the engine's activations are).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/common/cpu_features.h"
#include "core/gguf/ggml_type.h"

namespace qd {

// n: elements in the row (a multiple of the weight type's block size); weights / activations point at
// the packed rows (any alignment). Returns sum_i w_i * a_i.
using DotFn = float (*)(int64_t n, const void* weights, const void* activations);
// Converts n floats (a multiple of the activation type's block size) into a packed activation row.
using FromFloatFn = void (*)(const float* src, void* dst, int64_t n);
// The same dot product for kDotRows weight rows at once (rows r = 0..7 start at weights + r * rowStride):
// out[r] = dot of row r with the activations. The activation blocks are read once for all rows and each
// row's block sums land in one vector lane, so a block costs one conversion and one multiply-add for all
// eight rows. The arithmetic per row is llama.cpp's for Q4_0 on x86 (its repacked 8-row gemv): the exact
// integer sum of each block, then acc = fma(float(sum), dw * da, acc) block after block, so the results
// are the same bits at every level (and as llama.cpp's).
constexpr int kDotRows = 8;
using DotRowsFn = void (*)(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out);
// Converts n elements of a packed row (half or bfloat16 here) into floats.
using ToFloatFn = void (*)(const void* src, float* dst, int64_t n);

constexpr int kGgmlTypeSlots = 40;  // one past the largest GgmlType id

struct KernelTable {
    IsaLevel level = IsaLevel::Scalar;
    std::array<DotFn, kGgmlTypeSlots> dot{};             // by weight type; null when unsupported
    std::array<FromFloatFn, kGgmlTypeSlots> fromFloat{};  // by activation type (F32, F16, BF16, Q8_*)
    // The quantizer's row conversions, byte-identical at every level: weight rows from floats without an
    // importance matrix (by weight type; null where only the reference in quantize.h exists), and half /
    // bfloat16 rows to floats.
    std::array<FromFloatFn, kGgmlTypeSlots> quantizeRow{};
    std::array<DotRowsFn, kGgmlTypeSlots> dotRows{};  // by weight type; null where only `dot` exists
    ToFloatFn halfToFloatRow = nullptr;
    ToFloatFn bf16ToFloatRow = nullptr;

    DotFn dotFor(GgmlType weightType) const {
        const auto id = static_cast<uint32_t>(weightType);
        return id < dot.size() ? dot[id] : nullptr;
    }
    FromFloatFn fromFloatFor(GgmlType activation) const {
        const auto id = static_cast<uint32_t>(activation);
        return id < fromFloat.size() ? fromFloat[id] : nullptr;
    }
    DotRowsFn dotRowsFor(GgmlType weightType) const {
        const auto id = static_cast<uint32_t>(weightType);
        return id < dotRows.size() ? dotRows[id] : nullptr;
    }
    FromFloatFn quantizeRowFor(GgmlType weightType) const {
        const auto id = static_cast<uint32_t>(weightType);
        return id < quantizeRow.size() ? quantizeRow[id] : nullptr;
    }
};

// The activation type a weight type's dot product takes; nullopt when there is no dot kernel for it.
std::optional<GgmlType> activationType(GgmlType weightType);

// Whether a dot kernel exists for the weight type (the same set at every level).
bool hasDotKernel(GgmlType weightType);

// The table for the selected level (selectedIsa()), built on first use.
const KernelTable& kernels();

// The table for a given level, or nullptr when this CPU cannot run it.
const KernelTable* kernelsFor(IsaLevel level);

}  // namespace qd
