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
// out[r] = dot of row r with the activations, the activations read once for all rows. Every level gives
// the same bits, with llama.cpp's arithmetic on x86:
//  - Q4_0 (its repacked 8-row gemv): each row's exact integer block sums land in one vector lane, then
//    acc = fma(float(sum), dw * da, acc) block after block - one conversion and multiply-add per block
//    for all eight rows;
//  - F32 / F16 (its tinyBLAS, which it uses for batches of two or more tokens): per row one 8-lane
//    accumulator, one fused multiply-add per 8 elements (a tail padded with zeros), then the horizontal
//    sum. For a single token llama.cpp uses its vec_dot instead, which is what dot[F32/F16] computes,
//    so the engine uses these two for batches only.
constexpr int kDotRows = 8;
using DotRowsFn = void (*)(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out);
// Exponentials for a softmax: s[j] <- exp(s[j] - max) for j < n, returning their sum. SiLU: y = x / (1 +
// exp(-x)). Both use llama.cpp's x86 arithmetic: its vectorized expf (a degree-5 polynomial after a
// power-of-two range reduction, within 1.5 ulp), the sum of each group of 8 exponentials in float (the
// horizontal-add order of its AVX2 code) added up in double, groups aligned to j = 0 as if the row were
// padded with zeros; SiLU's tail beyond a multiple of 8 uses the C library's expf as llama.cpp does.
// The same bits at every level.
using ExpSumFn = double (*)(float* s, int64_t n, float max);
using SiluFn = void (*)(const float* x, float* y, int64_t n);
// Converts n elements of a packed row into floats.
using ToFloatFn = void (*)(const void* src, float* dst, int64_t n);

constexpr int kGgmlTypeSlots = 40;  // one past the largest GgmlType id

struct KernelTable {
    IsaLevel level = IsaLevel::Scalar;
    std::array<DotFn, kGgmlTypeSlots> dot{};             // by weight type; null when unsupported
    std::array<FromFloatFn, kGgmlTypeSlots> fromFloat{};  // by activation type (F32, F16, BF16, Q8_*)
    // Weight rows from floats without an importance matrix, byte-identical to the references in
    // quantize.h (by weight type; null where only the reference exists). quantizeRows() takes them.
    std::array<FromFloatFn, kGgmlTypeSlots> quantizeRow{};
    std::array<DotRowsFn, kGgmlTypeSlots> dotRows{};  // by weight type; null where only `dot` exists
    // SIMD dequantizers (F16 / BF16 rows included) giving the references' floats bit for bit; null where
    // only the reference exists. dequantizeRow() (quantize.h) takes them.
    std::array<ToFloatFn, kGgmlTypeSlots> dequantizeRow{};
    // Attention's half-precision dot products (queries with cached keys, probabilities with cached
    // values), with llama.cpp's arithmetic so that attention matches it bit for bit:
    //  - halfDotSequential: for batches of two or more tokens (its tinyBLAS): one 8-lane accumulator,
    //    the row padded with zeros to a multiple of 8;
    //  - halfDotPadded32: for one token (its vec_dot) over a row padded with zeros to a multiple of 32, as
    //    its attention rows are (cells padded to 32); the key products use dot[F16], which adds any
    //    elements past a multiple of 32 in double as vec_dot does.
    // The same bits at every level.
    DotFn halfDotSequential = nullptr;
    DotFn halfDotPadded32 = nullptr;
    ExpSumFn expSum = nullptr;
    SiluFn silu = nullptr;

    DotFn dotFor(GgmlType weightType) const { return at(dot, weightType); }
    FromFloatFn fromFloatFor(GgmlType activation) const { return at(fromFloat, activation); }
    DotRowsFn dotRowsFor(GgmlType weightType) const { return at(dotRows, weightType); }
    ToFloatFn dequantizeRowFor(GgmlType weightType) const { return at(dequantizeRow, weightType); }
    FromFloatFn quantizeRowFor(GgmlType weightType) const { return at(quantizeRow, weightType); }

private:
    // The entry of a per-type array, or null for a type id past its end.
    template <typename Fn>
    static Fn at(const std::array<Fn, kGgmlTypeSlots>& entries, GgmlType type) {
        const auto id = static_cast<uint32_t>(type);
        return id < entries.size() ? entries[id] : nullptr;
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
