// Reference codecs of ggml's original ("legacy") formats: Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q8_1.
//
// All use blocks of 32 weights with one half-precision scale (and for _1 types a half-precision
// minimum). Without an importance matrix the scale comes straight from the block's extremes (ggml's
// quantize_row_*_ref); with one, from a weighted least-squares search (scale_search.h).
//
// Packing shared by the 4- and 5-bit types: byte j of qs holds weight j in its low nibble and weight
// j + 16 in its high nibble; for 5-bit types bit 4 of weight j goes to bit j of the 32-bit qh.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/ref/ref_rows.h"
#include "core/quant/ref/scale_search.h"

namespace qd::ref {

namespace {

constexpr int kHalfBlock = kBlock32 / 2;

// The weight of largest magnitude in a block, with its sign (first one on ties).
float signedAbsMax(const float* x) {
    float amax = 0.0f, value = 0.0f;
    for (int j = 0; j < kBlock32; ++j) {
        if (amax < std::fabs(x[j])) {
            amax = std::fabs(x[j]);
            value = x[j];
        }
    }
    return value;
}

// Packs 32 levels (0..15 or 0..31) into qs nibbles and, for 5-bit levels, qh bits.
void packNibbles(const uint8_t* levels, uint8_t* qs) {
    for (int j = 0; j < kHalfBlock; ++j)
        qs[j] = static_cast<uint8_t>((levels[j] & 0x0F) | ((levels[j + kHalfBlock] & 0x0F) << 4));
}

void packHighBits(const uint8_t* levels, uint8_t* qh) {
    uint32_t bits = 0;
    for (int j = 0; j < kBlock32; ++j) bits |= static_cast<uint32_t>((levels[j] >> 4) & 1u) << j;
    for (int b = 0; b < 4; ++b) qh[b] = static_cast<uint8_t>(bits >> (8 * b));  // little-endian u32
}

uint32_t readHighBits(const uint8_t* qh) {
    return uint32_t(qh[0]) | uint32_t(qh[1]) << 8 | uint32_t(qh[2]) << 16 | uint32_t(qh[3]) << 24;
}

// The weighted quantizers weight each column by its importance times sqrt(sigma^2 + x^2), sigma^2 being
// the row's mean square: large weights matter more, but never less than a typical one.
float rowMeanSquare(const float* x, int64_t n) {
    float sum = 0.0f;
    for (int64_t j = 0; j < n; ++j) sum += x[j] * x[j];
    return sum / static_cast<float>(n);
}

void blockWeights(const float* x, const float* importance, float sigma2, float* w) {
    for (int j = 0; j < kBlock32; ++j) w[j] = importance[j] * std::sqrt(sigma2 + x[j] * x[j]);
}

// --- symmetric types: x = d * (q - bias) ---------------------------------------------------------

// From the extremes: the largest-magnitude weight maps to level 0 (value -bias * d, with d taking the
// sign needed), so the extra negative level of a two's-complement-like range is the one used.
template <int Bias>
float symmetricLevelsFromMax(const float* x, uint8_t* levels) {
    const float d = signedAbsMax(x) / static_cast<float>(-Bias);
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    for (int j = 0; j < kBlock32; ++j) {
        // Truncation of v + bias + 0.5 rounds half up; the clamp catches the one value at 2*Bias.
        const int8_t q = static_cast<int8_t>(truncToInt32(x[j] * id + (static_cast<float>(Bias) + 0.5f)));
        levels[j] = static_cast<uint8_t>(std::min<int>(2 * Bias - 1, q));  // min on the signed value, as ggml
    }
    return d;
}

template <int Bias>
float symmetricLevelsWeighted(const float* x, const float* importance, float sigma2, uint8_t* levels) {
    float w[kBlock32];
    int8_t L[kBlock32];
    blockWeights(x, importance, sigma2, w);
    const float d = makeSymmetricQuants(kBlock32, Bias, x, L, w);
    for (int j = 0; j < kBlock32; ++j) levels[j] = static_cast<uint8_t>(L[j]);
    return d;
}

// --- asymmetric types: x = d * q + m -------------------------------------------------------------

template <int Levels>
void asymmetricLevelsFromRange(const float* x, uint8_t* levels, float* d, float* m) {
    float lo = 3.402823466e+38f, hi = -3.402823466e+38f;
    for (int j = 0; j < kBlock32; ++j) {
        if (x[j] < lo) lo = x[j];
        if (x[j] > hi) hi = x[j];
    }
    *d = (hi - lo) / static_cast<float>(Levels - 1);
    *m = lo;
    const float id = *d != 0.0f ? 1.0f / *d : 0.0f;
    for (int j = 0; j < kBlock32; ++j) {
        const int32_t t = truncToInt32((x[j] - lo) * id + 0.5f);
        // ggml clamps the 4-bit level (through an int8) but not the 5-bit one (through a uint8); the
        // largest value lands at most a rounding error above Levels - 1, which these reproduce.
        if constexpr (Levels == 16)
            levels[j] = static_cast<uint8_t>(std::min<int>(15, static_cast<int8_t>(t)));
        else
            levels[j] = static_cast<uint8_t>(t);
    }
}

template <int Levels>
void asymmetricLevelsWeighted(const float* x, const float* importance, float sigma2, uint8_t* levels,
                              float* d, float* m) {
    float w[kBlock32];
    uint8_t aux[kBlock32];
    float negMin = 0.0f;
    blockWeights(x, importance, sigma2, w);
    *d = makeAsymmetricQuants(kBlock32, Levels - 1, x, w, levels, &negMin, aux, -0.9f, 0.05f, 36, false);
    *m = -negMin;
}

}  // namespace

// --- Q4_0 / Q5_0 ---------------------------------------------------------------------------------

void quantizeQ4_0(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockQ4_0*>(dst);
    const float sigma2 = importance ? rowMeanSquare(x, n) : 0.0f;
    uint8_t levels[kBlock32];
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float* xb = x + b * kBlock32;
        const float d = importance ? symmetricLevelsWeighted<8>(xb, importance + b * kBlock32, sigma2, levels)
                                   : symmetricLevelsFromMax<8>(xb, levels);
        y[b].d = floatToHalf(d);
        packNibbles(levels, y[b].qs);
    }
}

void quantizeQ5_0(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockQ5_0*>(dst);
    const float sigma2 = importance ? rowMeanSquare(x, n) : 0.0f;
    uint8_t levels[kBlock32];
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float* xb = x + b * kBlock32;
        const float d = importance ? symmetricLevelsWeighted<16>(xb, importance + b * kBlock32, sigma2, levels)
                                   : symmetricLevelsFromMax<16>(xb, levels);
        y[b].d = floatToHalf(d);
        packNibbles(levels, y[b].qs);
        packHighBits(levels, y[b].qh);
    }
}

void dequantizeQ4_0(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ4_0*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, y += kBlock32) {
        const float d = halfToFloat(x[b].d);
        for (int j = 0; j < kHalfBlock; ++j) {
            y[j] = static_cast<float>((x[b].qs[j] & 0x0F) - 8) * d;
            y[j + kHalfBlock] = static_cast<float>((x[b].qs[j] >> 4) - 8) * d;
        }
    }
}

void dequantizeQ5_0(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ5_0*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, y += kBlock32) {
        const float d = halfToFloat(x[b].d);
        const uint32_t qh = readHighBits(x[b].qh);
        for (int j = 0; j < kHalfBlock; ++j) {
            const int lo = (x[b].qs[j] & 0x0F) | static_cast<int>(((qh >> j) & 1u) << 4);
            const int hi = (x[b].qs[j] >> 4) | static_cast<int>(((qh >> (j + kHalfBlock)) & 1u) << 4);
            y[j] = static_cast<float>(lo - 16) * d;
            y[j + kHalfBlock] = static_cast<float>(hi - 16) * d;
        }
    }
}

// --- Q4_1 / Q5_1 ---------------------------------------------------------------------------------

void quantizeQ4_1(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockQ4_1*>(dst);
    const float sigma2 = importance ? rowMeanSquare(x, n) : 0.0f;
    uint8_t levels[kBlock32];
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float* xb = x + b * kBlock32;
        float d = 0.0f, m = 0.0f;
        if (importance)
            asymmetricLevelsWeighted<16>(xb, importance + b * kBlock32, sigma2, levels, &d, &m);
        else
            asymmetricLevelsFromRange<16>(xb, levels, &d, &m);
        y[b].d = floatToHalf(d);
        y[b].m = floatToHalf(m);
        packNibbles(levels, y[b].qs);
    }
}

void quantizeQ5_1(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockQ5_1*>(dst);
    const float sigma2 = importance ? rowMeanSquare(x, n) : 0.0f;
    uint8_t levels[kBlock32];
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float* xb = x + b * kBlock32;
        float d = 0.0f, m = 0.0f;
        if (importance)
            asymmetricLevelsWeighted<32>(xb, importance + b * kBlock32, sigma2, levels, &d, &m);
        else
            asymmetricLevelsFromRange<32>(xb, levels, &d, &m);
        y[b].d = floatToHalf(d);
        y[b].m = floatToHalf(m);
        packNibbles(levels, y[b].qs);
        packHighBits(levels, y[b].qh);
    }
}

void dequantizeQ4_1(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ4_1*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, y += kBlock32) {
        const float d = halfToFloat(x[b].d);
        const float m = halfToFloat(x[b].m);
        for (int j = 0; j < kHalfBlock; ++j) {
            y[j] = static_cast<float>(x[b].qs[j] & 0x0F) * d + m;
            y[j + kHalfBlock] = static_cast<float>(x[b].qs[j] >> 4) * d + m;
        }
    }
}

void dequantizeQ5_1(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ5_1*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, y += kBlock32) {
        const float d = halfToFloat(x[b].d);
        const float m = halfToFloat(x[b].m);
        const uint32_t qh = readHighBits(x[b].qh);
        for (int j = 0; j < kHalfBlock; ++j) {
            const int lo = (x[b].qs[j] & 0x0F) | static_cast<int>(((qh >> j) & 1u) << 4);
            const int hi = (x[b].qs[j] >> 4) | static_cast<int>(((qh >> (j + kHalfBlock)) & 1u) << 4);
            y[j] = static_cast<float>(lo) * d + m;
            y[j + kHalfBlock] = static_cast<float>(hi) * d + m;
        }
    }
}

// --- Q8_0 / Q8_1 ---------------------------------------------------------------------------------

namespace {

// d = amax / 127; levels round half away from zero (C's roundf), as ggml's reference does.
float q8Levels(const float* x, int8_t* qs) {
    float amax = 0.0f;
    for (int j = 0; j < kBlock32; ++j) amax = std::max(amax, std::fabs(x[j]));
    const float d = amax / 127.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    for (int j = 0; j < kBlock32; ++j) qs[j] = static_cast<int8_t>(truncToInt32(std::round(x[j] * id)));
    return d;
}

}  // namespace

void quantizeQ8_0(const float* x, void* dst, int64_t n, const float* /*importance*/) {
    auto* y = static_cast<BlockQ8_0*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b) y[b].d = floatToHalf(q8Levels(x + b * kBlock32, y[b].qs));
}

void quantizeQ8_1(const float* x, void* dst, int64_t n, const float* /*importance*/) {
    auto* y = static_cast<BlockQ8_1*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float d = q8Levels(x + b * kBlock32, y[b].qs);
        int sum = 0;
        for (int j = 0; j < kBlock32; ++j) sum += y[b].qs[j];
        y[b].d = floatToHalf(d);
        y[b].s = floatToHalf(static_cast<float>(sum) * d);  // the block sum a dot product needs for Q4_1 mins
    }
}

void dequantizeQ8_0(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ8_0*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, y += kBlock32) {
        const float d = halfToFloat(x[b].d);
        for (int j = 0; j < kBlock32; ++j) y[j] = static_cast<float>(x[b].qs[j]) * d;
    }
}

void dequantizeQ8_1(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ8_1*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, y += kBlock32) {
        const float d = halfToFloat(x[b].d);
        for (int j = 0; j < kBlock32; ++j) y[j] = static_cast<float>(x[b].qs[j]) * d;
    }
}

}  // namespace qd::ref
