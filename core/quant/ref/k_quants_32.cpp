// Reference codecs of Q4_K and Q5_K: super-blocks of 256 weights = 8 sub-blocks of 32, each with a
// 6-bit scale and a 6-bit minimum, x = d * sc * q - dmin * m (q in 0..15 or 0..31).
//
// The 8 scales and 8 mins are packed in 12 bytes: for s < 4, byte s holds sc[s] and byte s + 4 holds
// m[s] (6 bits each); for s >= 4, byte s + 4 holds the low nibbles of sc[s] (low) and m[s] (high),
// and the top two bits of sc[s] / m[s] sit in bits 6-7 of bytes s - 4 / s.
//
// Without an importance matrix the results are ggml's quantize_row_q{4,5}_K_ref (what llama-quantize
// writes without --imatrix); with one, ggml's weighted quantize_row_q{4,5}_K_impl.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/ref/ref_rows.h"
#include "core/quant/ref/scale_search.h"

namespace qd::ref {

namespace {

constexpr int kSub = 32;
constexpr int kSubs = kBlockK / kSub;  // 8

void packScaleMin(uint8_t* bytes, int s, uint8_t sc, uint8_t m) {
    if (s < 4) {
        bytes[s] = sc;
        bytes[s + 4] = m;
    } else {
        bytes[s + 4] = static_cast<uint8_t>((sc & 0xF) | ((m & 0xF) << 4));
        bytes[s - 4] = static_cast<uint8_t>(bytes[s - 4] | ((sc >> 4) << 6));
        bytes[s] = static_cast<uint8_t>(bytes[s] | ((m >> 4) << 6));
    }
}

void unpackScaleMin(const uint8_t* bytes, int s, int* sc, int* m) {
    if (s < 4) {
        *sc = bytes[s] & 63;
        *m = bytes[s + 4] & 63;
    } else {
        *sc = (bytes[s + 4] & 0xF) | ((bytes[s - 4] >> 6) << 4);
        *m = (bytes[s + 4] >> 4) | ((bytes[s] >> 6) << 4);
    }
}

// The header every Q4_K / Q5_K block starts with (d, dmin, 12 scale bytes), shared by both structs.
struct ScaleHeader {
    Half* d;
    Half* dmin;
    uint8_t* scales;
};

// Per-sub-block scales and mins from the weights' own ranges, each then quantized to 6 bits against
// the largest one (ggml's _ref). weights: av + |x| with av the sub-block's RMS. `search` runs the 8
// sub-blocks' scale searches (searchEachSubBlock, or a SIMD version with the same results).
void scalesFromRanges(const float* x, int nmax, float rmin, float rdelta, int nStep, ScaleHeader h, uint8_t* L,
                      AsymmetricSearch8Fn search) {
    float scales[kSubs], mins[kSubs], w[kBlockK];
    for (int s = 0; s < kSubs; ++s) {
        const float* xs = x + kSub * s;
        float sumSquares = 0.0f;
        for (int l = 0; l < kSub; ++l) sumSquares += xs[l] * xs[l];
        const float av = std::sqrt(sumSquares / static_cast<float>(kSub));
        for (int l = 0; l < kSub; ++l) w[kSub * s + l] = av + std::fabs(xs[l]);
    }
    search(nmax, x, w, L, scales, mins, rmin, rdelta, nStep);
    float maxScale = 0.0f, maxMin = 0.0f;
    for (int s = 0; s < kSubs; ++s) {
        if (scales[s] > maxScale) maxScale = scales[s];
        if (mins[s] > maxMin) maxMin = mins[s];
    }
    const float invScale = maxScale > 0.0f ? 63.0f / maxScale : 0.0f;
    const float invMin = maxMin > 0.0f ? 63.0f / maxMin : 0.0f;
    for (int s = 0; s < kSubs; ++s) {
        const uint8_t sc = static_cast<uint8_t>(nearestInt(invScale * scales[s]));
        const uint8_t m = static_cast<uint8_t>(nearestInt(invMin * mins[s]));
        packScaleMin(h.scales, s, std::min<uint8_t>(63, sc), std::min<uint8_t>(63, m));
    }
    *h.d = floatToHalf(maxScale / 63.0f);
    *h.dmin = floatToHalf(maxMin / 63.0f);
}

// The weighted variant (ggml's _impl): weights importance * sqrt(sigma^2 + x^2) with sigma^2 twice the
// super-block's mean square; the 6-bit scale and min codes come from weighted fits too.
// ggml clamps the codes to 63 for Q5_K but not for Q4_K; both are kept as they are.
void scalesWeighted(const float* x, const float* importance, int nmax, bool clampCodes, ScaleHeader h, uint8_t* L) {
    float scales[kSubs], mins[kSubs], subWeight[kSubs], w[kSub];
    uint8_t aux[kSub], codesScale[kSubs], codesMin[kSubs];
    float sumSquares = 0.0f;
    for (int l = 0; l < kBlockK; ++l) sumSquares += x[l] * x[l];
    const float sigma2 = 2.0f * sumSquares / static_cast<float>(kBlockK);
    for (int s = 0; s < kSubs; ++s) {
        const float* xs = x + kSub * s;
        for (int l = 0; l < kSub; ++l) w[l] = importance[kSub * s + l] * std::sqrt(sigma2 + xs[l] * xs[l]);
        float sum = 0.0f;
        for (int l = 0; l < kSub; ++l) sum += w[l];
        subWeight[s] = sum;
        scales[s] = makeAsymmetricQuants(kSub, nmax, xs, w, L + kSub * s, &mins[s], aux, -0.9f, 0.05f, 36, false);
    }
    const float dScale = makePositiveQuants(kSubs, 63, scales, codesScale, subWeight);
    const float dMin = makePositiveQuants(kSubs, 63, mins, codesMin, subWeight);
    for (int s = 0; s < kSubs; ++s) {
        uint8_t sc = codesScale[s], m = codesMin[s];
        if (clampCodes) {
            sc = std::min<uint8_t>(63, sc);
            m = std::min<uint8_t>(63, m);
        }
        packScaleMin(h.scales, s, sc, m);
    }
    *h.d = floatToHalf(dScale);
    *h.dmin = floatToHalf(dMin);
}

// Final levels of all 256 weights against the decoded sub-block scales and mins. A sub-block whose
// scale decodes to 0 keeps its search levels.
void requantize(const float* x, const ScaleHeader& h, int nmax, uint8_t* L) {
    const float d = halfToFloat(*h.d);
    const float dmin = halfToFloat(*h.dmin);
    for (int s = 0; s < kSubs; ++s) {
        int sc = 0, m = 0;
        unpackScaleMin(h.scales, s, &sc, &m);
        const float ds = d * static_cast<float>(sc);
        if (ds == 0.0f) continue;
        const float ms = dmin * static_cast<float>(m);
        for (int l = 0; l < kSub; ++l) {
            const int q = nearestInt((x[kSub * s + l] + ms) / ds);
            L[kSub * s + l] = static_cast<uint8_t>(std::clamp(q, 0, nmax));
        }
    }
}

// Low nibbles: per 64-weight group, byte j holds weight j (low) and weight j + 32 (high).
void packNibbles64(const uint8_t* L, uint8_t* qs) {
    for (int g = 0; g < kBlockK / 64; ++g)
        for (int j = 0; j < 32; ++j)
            qs[32 * g + j] = static_cast<uint8_t>((L[64 * g + j] & 0xF) | ((L[64 * g + j + 32] & 0xF) << 4));
}

void quantizeQ4_KBlock(const float* x, const float* importance, BlockQ4_K& y, AsymmetricSearch8Fn search) {
    uint8_t L[kBlockK];
    const ScaleHeader h{&y.d, &y.dmin, y.scales};
    if (importance)
        scalesWeighted(x, importance, 15, false, h, L);
    else
        scalesFromRanges(x, 15, -1.0f, 0.1f, 20, h, L, search);
    requantize(x, h, 15, L);
    packNibbles64(L, y.qs);
}

void quantizeQ5_KBlock(const float* x, const float* importance, BlockQ5_K& y, AsymmetricSearch8Fn search) {
    uint8_t L[kBlockK];
    const ScaleHeader h{&y.d, &y.dmin, y.scales};
    if (importance)
        scalesWeighted(x, importance, 31, true, h, L);
    else
        scalesFromRanges(x, 31, -0.5f, 0.1f, 15, h, L, search);
    requantize(x, h, 31, L);
    // Bit 4 of weight 64g + j (j < 32) goes to bit 2g of qh[j], of weight 64g + 32 + j to bit 2g + 1.
    std::memset(y.qh, 0, sizeof y.qh);
    for (int w = 0; w < kBlockK; ++w)
        if (L[w] > 15) y.qh[w % 32] = static_cast<uint8_t>(y.qh[w % 32] | (1u << (w / 32)));
    packNibbles64(L, y.qs);
}

}  // namespace

void quantizeQ4_K(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockQ4_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b)
        quantizeQ4_KBlock(x + b * kBlockK, importance ? importance + b * kBlockK : nullptr, y[b], searchEachSubBlock);
}

void quantizeQ5_K(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockQ5_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b)
        quantizeQ5_KBlock(x + b * kBlockK, importance ? importance + b * kBlockK : nullptr, y[b], searchEachSubBlock);
}

void searchEachSubBlock(int nmax, const float* x, const float* w, uint8_t* L, float* scales, float* mins, float rmin,
                        float rdelta, int nStep) {
    uint8_t aux[kSub];
    for (int s = 0; s < kSubs; ++s)
        scales[s] = makeAsymmetricQuants(kSub, nmax, x + kSub * s, w + kSub * s, L + kSub * s, &mins[s], aux, rmin,
                                         rdelta, nStep, false);
}

void quantizeQ4_KWith(const float* x, void* dst, int64_t n, AsymmetricSearch8Fn search) {
    auto* y = static_cast<BlockQ4_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b) quantizeQ4_KBlock(x + b * kBlockK, nullptr, y[b], search);
}

void quantizeQ5_KWith(const float* x, void* dst, int64_t n, AsymmetricSearch8Fn search) {
    auto* y = static_cast<BlockQ5_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b) quantizeQ5_KBlock(x + b * kBlockK, nullptr, y[b], search);
}

void dequantizeQ4_K(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ4_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b, y += kBlockK) {
        const float d = halfToFloat(x[b].d);
        const float dmin = halfToFloat(x[b].dmin);
        for (int s = 0; s < kSubs; ++s) {
            int sc = 0, m = 0;
            unpackScaleMin(x[b].scales, s, &sc, &m);
            const float ds = d * static_cast<float>(sc);
            const float ms = dmin * static_cast<float>(m);
            const uint8_t* q = x[b].qs + 32 * (s / 2);
            for (int j = 0; j < kSub; ++j) {
                const int level = s % 2 == 0 ? q[j] & 0xF : q[j] >> 4;
                y[kSub * s + j] = ds * static_cast<float>(level) - ms;
            }
        }
    }
}

void dequantizeQ5_K(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ5_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b, y += kBlockK) {
        const float d = halfToFloat(x[b].d);
        const float dmin = halfToFloat(x[b].dmin);
        for (int s = 0; s < kSubs; ++s) {
            int sc = 0, m = 0;
            unpackScaleMin(x[b].scales, s, &sc, &m);
            const float ds = d * static_cast<float>(sc);
            const float ms = dmin * static_cast<float>(m);
            const uint8_t* q = x[b].qs + 32 * (s / 2);
            for (int j = 0; j < kSub; ++j) {
                const int low = s % 2 == 0 ? q[j] & 0xF : q[j] >> 4;
                const int high = (x[b].qh[j] >> s) & 1;
                y[kSub * s + j] = ds * static_cast<float>(low + 16 * high) - ms;
            }
        }
    }
}

}  // namespace qd::ref
