// Reference codecs of IQ4_NL and IQ4_XS: 4-bit indices into a fixed table of 16 non-uniformly spaced
// values (denser near zero, where most weights are), scaled per block of 32.
//   IQ4_NL: one half-precision scale per 32 weights.
//   IQ4_XS: super-blocks of 256; each 32-weight sub-block has a 6-bit signed scale code (stored + 32)
//           times one half-precision super-block scale.
// Index j of a 32-weight run sits in byte j % 16, low nibble for j < 16, high nibble otherwise.
//
// llama-quantize always goes through ggml's quantize_row_iq4_nl_impl with 7 scale tries each side,
// weighting columns by x^2 without an imatrix and by importance * sqrt(sigma^2 + x^2) with one. That is
// what is implemented here (ggml's separate quantize_row_iq4_nl_ref, with no tries, is not what files
// contain and is not reproduced).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/ref/ref_rows.h"
#include "core/quant/ref/scale_search.h"

namespace qd::ref {

const int8_t kIq4Values[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

namespace {

constexpr int kSub = 32;
constexpr int kTries = 7;

// Index of the table value nearest to v (the lower one on a tie), by bisection.
int nearestIndex(float v) {
    if (v <= kIq4Values[0]) return 0;
    if (v >= kIq4Values[15]) return 15;
    int lo = 0, hi = 15;  // invariant: kIq4Values[lo] <= v < kIq4Values[hi]
    while (hi - lo > 1) {
        const int mid = (lo + hi) / 2;
        if (v < kIq4Values[mid])
            hi = mid;
        else
            lo = mid;
    }
    return v - kIq4Values[hi - 1] < kIq4Values[hi] - v ? hi - 1 : hi;
}

// The best scale for one 32-weight run: start with the scale mapping the largest-magnitude weight to
// the table's end (-127), then try 2 * kTries + 1 neighbouring inverse scales (127 +- k) / max, keeping
// the least-squares scale of whichever index choice has the smallest weighted error. 0 for a zero run.
float bestRunScale(const float* x, const float* w) {
    float amax = 0.0f, maxValue = 0.0f;
    for (int j = 0; j < kSub; ++j) {
        if (std::fabs(x[j]) > amax) {
            amax = std::fabs(x[j]);
            maxValue = x[j];
        }
    }
    if (amax < kGroupMaxEps) return 0.0f;

    auto fitWith = [&](float id, float* sumQX, float* sumQ2) {
        *sumQX = 0.0f;
        *sumQ2 = 0.0f;
        for (int j = 0; j < kSub; ++j) {
            const float q = kIq4Values[nearestIndex(id * x[j])];
            *sumQX += w[j] * q * x[j];
            *sumQ2 += w[j] * q * q;
        }
    };
    const float d0 = -maxValue / static_cast<float>(kIq4Values[0]);
    float sumQX = 0.0f, sumQ2 = 0.0f;
    fitWith(1.0f / d0, &sumQX, &sumQ2);
    float d = sumQX / sumQ2;
    float best = d * sumQX;  // = sumQX^2 / sumQ2, the error reduction of this fit
    for (int t = -kTries; t <= kTries; ++t) {
        const float id = static_cast<float>(t + kIq4Values[0]) / maxValue;
        fitWith(id, &sumQX, &sumQ2);
        if (sumQ2 > 0.0f && sumQX * sumQX > best * sumQ2) {
            d = sumQX / sumQ2;
            best = d * sumQX;
        }
    }
    return d;
}

void runWeights(const float* x, const float* importance, float sigma2, float* w) {
    for (int j = 0; j < kSub; ++j)
        w[j] = importance ? importance[j] * std::sqrt(sigma2 + x[j] * x[j]) : x[j] * x[j];
}

float meanSquareTimesTwo(const float* x, int n) {
    float s = 0.0f;
    for (int j = 0; j < n; ++j) s += x[j] * x[j];
    return s * (2.0f / static_cast<float>(n));
}

void packRun(const uint8_t* L, uint8_t* qs) {
    for (int j = 0; j < 16; ++j) qs[j] = static_cast<uint8_t>(L[j] | (L[j + 16] << 4));
}

}  // namespace

void quantizeIQ4_NL(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockIQ4_NL*>(dst);
    float w[kSub];
    uint8_t L[kSub];
    for (int64_t b = 0; b < n / kSub; ++b) {
        const float* xb = x + b * kSub;
        const float* ib = importance ? importance + b * kSub : nullptr;
        runWeights(xb, ib, ib ? meanSquareTimesTwo(xb, kSub) : 0.0f, w);
        const float d = bestRunScale(xb, w);
        y[b].d = floatToHalf(d);
        // Indices against the unrounded scale (as ggml), so the half rounding of d is not compensated.
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        for (int j = 0; j < kSub; ++j) L[j] = static_cast<uint8_t>(nearestIndex(id * xb[j]));
        packRun(L, y[b].qs);
    }
}

void quantizeIQ4_XS(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockIQ4_XS*>(dst);
    constexpr int kSubs = kBlockK / kSub;
    float w[kSub], scales[kSubs];
    uint8_t L[kSub];
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const float* xb = x + b * kBlockK;
        const float* ib = importance ? importance + b * kBlockK : nullptr;
        const float sigma2 = meanSquareTimesTwo(xb, kBlockK);
        float maxScale = 0.0f, amaxScale = 0.0f;  // the sub-block scale of largest magnitude, signed
        for (int s = 0; s < kSubs; ++s) {
            runWeights(xb + kSub * s, ib ? ib + kSub * s : nullptr, sigma2, w);
            scales[s] = bestRunScale(xb + kSub * s, w);
            if (std::fabs(scales[s]) > amaxScale) {
                amaxScale = std::fabs(scales[s]);
                maxScale = scales[s];
            }
        }
        // Sub-block scales as codes -32..31 of d = -maxScale / 32 (the largest maps to -32).
        const float d = -maxScale / 32.0f;
        y[b].d = floatToHalf(d);
        y[b].scalesH = 0;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        for (int s = 0; s < kSubs; ++s) {
            const int code = std::clamp(nearestInt(id * scales[s]), -32, 31);
            const float ds = d * static_cast<float>(code);  // unrounded d, as ggml
            const float ids = ds != 0.0f ? 1.0f / ds : 0.0f;
            for (int j = 0; j < kSub; ++j) L[j] = static_cast<uint8_t>(nearestIndex(ids * xb[kSub * s + j]));
            packRun(L, y[b].qs + 16 * s);
            const int stored = code + 32;
            if (s % 2 == 0)
                y[b].scalesL[s / 2] = static_cast<uint8_t>(stored & 0xF);
            else
                y[b].scalesL[s / 2] = static_cast<uint8_t>(y[b].scalesL[s / 2] | ((stored & 0xF) << 4));
            y[b].scalesH = static_cast<uint16_t>(y[b].scalesH | ((stored >> 4) << (2 * s)));
        }
    }
}

void dequantizeIQ4_NL(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockIQ4_NL*>(src);
    for (int64_t b = 0; b < n / kSub; ++b, y += kSub) {
        const float d = halfToFloat(x[b].d);
        for (int j = 0; j < 16; ++j) {
            y[j] = d * static_cast<float>(kIq4Values[x[b].qs[j] & 0xF]);
            y[j + 16] = d * static_cast<float>(kIq4Values[x[b].qs[j] >> 4]);
        }
    }
}

void dequantizeIQ4_XS(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockIQ4_XS*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const float d = halfToFloat(x[b].d);
        for (int s = 0; s < kBlockK / kSub; ++s, y += kSub) {
            const int code = ((x[b].scalesL[s / 2] >> (4 * (s % 2))) & 0xF) | (((x[b].scalesH >> (2 * s)) & 3) << 4);
            const float ds = d * static_cast<float>(code - 32);
            const uint8_t* qs = x[b].qs + 16 * s;
            for (int j = 0; j < 16; ++j) {
                y[j] = ds * static_cast<float>(kIq4Values[qs[j] & 0xF]);
                y[j + 16] = ds * static_cast<float>(kIq4Values[qs[j] >> 4]);
            }
        }
    }
}

}  // namespace qd::ref
