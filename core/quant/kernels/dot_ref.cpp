// Scalar reference dot products for the float types and the 32-weight block types.
//
// These are the specification the SIMD kernels are tested against: one block at a time, integer sums
// inside a block (exact), float scales applied per block, the row total kept in double so the oracle
// itself adds as little rounding as possible.
#include <cmath>
#include <cstring>

#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/kernels/format_helpers.h"
#include "core/quant/kernels/kernel_set.h"

namespace qd::ref {

namespace {

// Q4_0 / Q4_1 / IQ4_NL nibble order: byte j holds weight j (low nibble) and weight j + 16 (high).
inline int lowNibble(const uint8_t* qs, int j) { return qs[j] & 0x0F; }
inline int highNibble(const uint8_t* qs, int j) { return qs[j] >> 4; }

// Q5_0 / Q5_1: the fifth bit of weight j is bit j of the little-endian 32-bit qh.
inline uint32_t loadQh(const uint8_t* qh) {
    uint32_t v;
    std::memcpy(&v, qh, 4);
    return v;
}

}  // namespace

float dotF32(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const float*>(weights);
    const auto* a = static_cast<const float*>(activations);
    double sum = 0.0;
    for (int64_t i = 0; i < n; ++i) sum += static_cast<double>(w[i]) * a[i];
    return static_cast<float>(sum);
}

float dotF16(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const Half*>(weights);
    const auto* a = static_cast<const Half*>(activations);
    double sum = 0.0;
    for (int64_t i = 0; i < n; ++i) sum += static_cast<double>(halfToFloat(w[i])) * halfToFloat(a[i]);
    return static_cast<float>(sum);
}

float dotBF16(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const uint16_t*>(weights);
    const auto* a = static_cast<const uint16_t*>(activations);
    double sum = 0.0;
    for (int64_t i = 0; i < n; ++i) sum += static_cast<double>(bf16ToFloat(w[i])) * bf16ToFloat(a[i]);
    return static_cast<float>(sum);
}

// w = dw * (q - 8), a = da * qa  =>  block sum = dw * da * sum (q - 8) * qa
float dotQ4_0(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ4_0*>(weights);
    const auto* a = static_cast<const BlockQ8_0*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        int isum = 0;
        for (int j = 0; j < kBlock32 / 2; ++j) {
            isum += (lowNibble(w[b].qs, j) - 8) * a[b].qs[j];
            isum += (highNibble(w[b].qs, j) - 8) * a[b].qs[j + 16];
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * halfToFloat(a[b].d)) * isum;
    }
    return static_cast<float>(sum);
}

// Eight rows at once with llama.cpp's x86 arithmetic for Q4_0 (dot.h, kDotRows): per block the exact
// integer sum, then one fused multiply-add into a float accumulator, block after block.
void dotRowsQ4_0(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out) {
    const auto* a = static_cast<const BlockQ8_0*>(activations);
    for (int r = 0; r < 8; ++r) {
        const auto* w = reinterpret_cast<const BlockQ4_0*>(static_cast<const uint8_t*>(weights) + r * rowStride);
        float acc = 0.0f;
        for (int64_t b = 0; b < n / kBlock32; ++b) {
            int isum = 0;
            for (int j = 0; j < kBlock32 / 2; ++j) {
                isum += (lowNibble(w[b].qs, j) - 8) * a[b].qs[j];
                isum += (highNibble(w[b].qs, j) - 8) * a[b].qs[j + 16];
            }
            acc = std::fma(static_cast<float>(isum), halfToFloat(w[b].d) * halfToFloat(a[b].d), acc);
        }
        out[r] = acc;
    }
}

// w = dw * q + m, a = da * qa with s = da * sum qa (stored in the Q8_1 block)
//   =>  block sum = dw * da * sum q * qa + m * s
float dotQ4_1(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ4_1*>(weights);
    const auto* a = static_cast<const BlockQ8_1*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        int isum = 0;
        for (int j = 0; j < kBlock32 / 2; ++j) {
            isum += lowNibble(w[b].qs, j) * a[b].qs[j];
            isum += highNibble(w[b].qs, j) * a[b].qs[j + 16];
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * halfToFloat(a[b].d)) * isum;
        sum += static_cast<double>(halfToFloat(w[b].m) * halfToFloat(a[b].s));
    }
    return static_cast<float>(sum);
}

float dotQ5_0(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ5_0*>(weights);
    const auto* a = static_cast<const BlockQ8_0*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const uint32_t qh = loadQh(w[b].qh);
        int isum = 0;
        for (int j = 0; j < kBlock32 / 2; ++j) {
            const int q0 = lowNibble(w[b].qs, j) | static_cast<int>(((qh >> j) & 1) << 4);
            const int q1 = highNibble(w[b].qs, j) | static_cast<int>(((qh >> (j + 16)) & 1) << 4);
            isum += (q0 - 16) * a[b].qs[j] + (q1 - 16) * a[b].qs[j + 16];
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * halfToFloat(a[b].d)) * isum;
    }
    return static_cast<float>(sum);
}

float dotQ5_1(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ5_1*>(weights);
    const auto* a = static_cast<const BlockQ8_1*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const uint32_t qh = loadQh(w[b].qh);
        int isum = 0;
        for (int j = 0; j < kBlock32 / 2; ++j) {
            const int q0 = lowNibble(w[b].qs, j) | static_cast<int>(((qh >> j) & 1) << 4);
            const int q1 = highNibble(w[b].qs, j) | static_cast<int>(((qh >> (j + 16)) & 1) << 4);
            isum += q0 * a[b].qs[j] + q1 * a[b].qs[j + 16];
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * halfToFloat(a[b].d)) * isum;
        sum += static_cast<double>(halfToFloat(w[b].m) * halfToFloat(a[b].s));
    }
    return static_cast<float>(sum);
}

float dotQ8_0(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ8_0*>(weights);
    const auto* a = static_cast<const BlockQ8_0*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        int isum = 0;
        for (int j = 0; j < kBlock32; ++j) isum += w[b].qs[j] * a[b].qs[j];
        sum += static_cast<double>(halfToFloat(w[b].d) * halfToFloat(a[b].d)) * isum;
    }
    return static_cast<float>(sum);
}

float dotIQ4_NL(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockIQ4_NL*>(weights);
    const auto* a = static_cast<const BlockQ8_0*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        int isum = 0;
        for (int j = 0; j < kBlock32 / 2; ++j) {
            isum += fmt::kIq4Levels[lowNibble(w[b].qs, j)] * a[b].qs[j];
            isum += fmt::kIq4Levels[highNibble(w[b].qs, j)] * a[b].qs[j + 16];
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * halfToFloat(a[b].d)) * isum;
    }
    return static_cast<float>(sum);
}

}  // namespace qd::ref
