// Reference codecs of the K-quants built from 16-weight sub-blocks: Q2_K, Q3_K, Q6_K, and Q8_K (the
// 8-bit activation type of K-quant dot products).
//
// A super-block covers 256 weights = 16 sub-blocks of 16 (blocks.h draws the byte layouts). Each
// sub-block gets its own scale (and for Q2_K a minimum) found by a search (scale_search.h); those
// per-sub-block values are then themselves quantized against one half-precision super-block scale,
// and finally every weight is re-quantized against the scale it will really be decoded with.
//
// Without an importance matrix the results are ggml's quantize_row_<type>_ref (what llama-quantize
// writes without --imatrix); with one, ggml's weighted quantize_row_<type>_impl.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/ref/ref_rows.h"
#include "core/quant/ref/scale_search.h"

namespace qd::ref {

namespace {

constexpr int kSub = 16;                // weights per sub-block
constexpr int kSubs = kBlockK / kSub;   // 16 sub-blocks per super-block

// Q2_K / Q3_K store 2 bits per weight: within each 128-weight half, byte j holds weights j, j+32,
// j+64, j+96 in bit pairs 0-1, 2-3, 4-5, 6-7.
void packTwoBitLevels(const uint8_t* L, uint8_t* qs) {
    for (int half = 0; half < kBlockK; half += 128)
        for (int j = 0; j < 32; ++j)
            qs[half / 4 + j] = static_cast<uint8_t>(L[half + j] | (L[half + j + 32] << 2) | (L[half + j + 64] << 4) |
                                                    (L[half + j + 96] << 6));
}

int twoBitLevel(const uint8_t* qs, int w) {
    return (qs[(w / 128) * 32 + w % 32] >> (2 * ((w % 128) / 32))) & 3;
}

// Mean of x^2 over a super-block (used by the weighted variants, which weight each column by
// importance * sqrt(k * sigma^2 + x^2)).
float superBlockSumSquares(const float* x) {
    float s = 0.0f;
    for (int j = 0; j < kBlockK; ++j) s += x[j] * x[j];
    return s;
}

// --- Q2_K ----------------------------------------------------------------------------------------
// x = d * (scales[s] & 15) * q - dmin * (scales[s] >> 4), q in 0..3.

void q2kScalesFromRanges(const float* x, BlockQ2_K& y, uint8_t* L) {
    float scales[kSubs], mins[kSubs], w[kSub];
    uint8_t aux[kSub];
    float maxScale = 0.0f, maxMin = 0.0f;  // both are >= 0: the minimum is subtracted
    for (int s = 0; s < kSubs; ++s) {
        for (int l = 0; l < kSub; ++l) w[l] = std::fabs(x[kSub * s + l]);
        scales[s] = makeAsymmetricQuants(kSub, 3, x + kSub * s, w, L + kSub * s, &mins[s], aux, -0.5f, 0.1f, 15, true);
        if (scales[s] > maxScale) maxScale = scales[s];
        if (mins[s] > maxMin) maxMin = mins[s];
    }
    // Sub-block scales and mins become 4-bit multiples of d = max / 15 and dmin = maxMin / 15.
    if (maxScale > 0.0f) {
        const float iscale = 15.0f / maxScale;
        for (int s = 0; s < kSubs; ++s) y.scales[s] = static_cast<uint8_t>(nearestInt(iscale * scales[s]));
        y.d = floatToHalf(maxScale / 15.0f);
    } else {
        std::fill(y.scales, y.scales + kSubs, uint8_t{0});
        y.d = floatToHalf(0.0f);
    }
    if (maxMin > 0.0f) {
        const float iscale = 15.0f / maxMin;
        for (int s = 0; s < kSubs; ++s)
            y.scales[s] = static_cast<uint8_t>(y.scales[s] | (nearestInt(iscale * mins[s]) << 4));
        y.dmin = floatToHalf(maxMin / 15.0f);
    } else {
        y.dmin = floatToHalf(0.0f);
    }
}

void q2kScalesWeighted(const float* x, const float* importance, BlockQ2_K& y, uint8_t* L) {
    float scales[kSubs], mins[kSubs], subWeight[kSubs], w[kSub];
    uint8_t aux[kSub], levelsScale[kSubs], levelsMin[kSubs];
    const float sigma2 = superBlockSumSquares(x) / static_cast<float>(kBlockK);
    for (int s = 0; s < kSubs; ++s) {
        const float* xs = x + kSub * s;
        float sum = 0.0f;
        for (int l = 0; l < kSub; ++l) {
            w[l] = importance[kSub * s + l] * std::sqrt(sigma2 + xs[l] * xs[l]);
            sum += w[l];
        }
        subWeight[s] = sum;
        scales[s] = makeAsymmetricQuants(kSub, 3, xs, w, L + kSub * s, &mins[s], aux, -0.9f, 0.05f, 36, false);
    }
    // Sub-block scales and mins get their own weighted 4-bit fits, each sub-block weighted by its total.
    const float dScale = makePositiveQuants(kSubs, 15, scales, levelsScale, subWeight);
    const float dMin = makePositiveQuants(kSubs, 15, mins, levelsMin, subWeight);
    y.d = floatToHalf(dScale);
    y.dmin = floatToHalf(dMin);
    for (int s = 0; s < kSubs; ++s) y.scales[s] = static_cast<uint8_t>(levelsScale[s] | (levelsMin[s] << 4));
}

void quantizeQ2_KBlock(const float* x, const float* importance, BlockQ2_K& y) {
    uint8_t L[kBlockK];
    if (importance)
        q2kScalesWeighted(x, importance, y, L);
    else
        q2kScalesFromRanges(x, y, L);
    // Re-quantize each weight against the decoded sub-block scale and minimum. A sub-block whose scale
    // decodes to 0 keeps the levels of its search (they decode to -min whatever they are).
    const float d = halfToFloat(y.d);
    const float dmin = halfToFloat(y.dmin);
    for (int s = 0; s < kSubs; ++s) {
        const float ds = d * static_cast<float>(y.scales[s] & 0xF);
        if (ds == 0.0f) continue;
        const float ms = dmin * static_cast<float>(y.scales[s] >> 4);
        for (int l = 0; l < kSub; ++l) {
            const int q = nearestInt((x[kSub * s + l] + ms) / ds);
            L[kSub * s + l] = static_cast<uint8_t>(std::clamp(q, 0, 3));
        }
    }
    packTwoBitLevels(L, y.qs);
}

// --- Q3_K ----------------------------------------------------------------------------------------
// x = d * (sc[s] - 32) * (q - 4), q in 0..7 with its bit 2 in hmask; 16 six-bit scales in 12 bytes:
// low nibbles of scales 0..7 in bytes 0..7, of scales 8..15 in the high nibbles of bytes 0..7, and
// the top two bits of scale s in byte 8 + s % 4 at bit 2 * (s / 4).

void packQ3Scale(uint8_t* bytes, int s, int v) {  // v in 0..63
    if (s < 8)
        bytes[s] = static_cast<uint8_t>(v & 0xF);
    else
        bytes[s - 8] = static_cast<uint8_t>(bytes[s - 8] | ((v & 0xF) << 4));
    bytes[8 + s % 4] = static_cast<uint8_t>(bytes[8 + s % 4] | ((v >> 4) << (2 * (s / 4))));
}

int unpackQ3Scale(const uint8_t* bytes, int s) {  // returns sc - 32, in -32..31
    const int low = s < 8 ? bytes[s] & 0xF : bytes[s - 8] >> 4;
    const int high = (bytes[8 + s % 4] >> (2 * (s / 4))) & 3;
    return (low | (high << 4)) - 32;
}

void q3kScalesFromMax(const float* x, BlockQ3_K& y, int8_t* L) {
    float scales[kSubs];
    float maxScale = 0.0f, amax = 0.0f;  // the sub-block scale of largest magnitude, with its sign
    for (int s = 0; s < kSubs; ++s) {
        scales[s] = makeQ3Quants(kSub, 4, x + kSub * s, L + kSub * s);
        if (std::fabs(scales[s]) > amax) {
            amax = std::fabs(scales[s]);
            maxScale = scales[s];
        }
    }
    std::memset(y.scales, 0, sizeof y.scales);
    if (maxScale != 0.0f) {
        // The largest scale maps to -32, so d takes the sign that makes the stored codes use 0..63.
        const float iscale = -32.0f / maxScale;
        for (int s = 0; s < kSubs; ++s) {
            const int8_t l = static_cast<int8_t>(nearestInt(iscale * scales[s]));
            packQ3Scale(y.scales, s, std::clamp<int>(l, -32, 31) + 32);
        }
        y.d = floatToHalf(1.0f / iscale);
    } else {
        y.d = floatToHalf(0.0f);
    }
}

void q3kScalesWeighted(const float* x, const float* importance, BlockQ3_K& y, int8_t* L) {
    float scales[kSubs], subWeight[kSubs], w[kSub];
    int8_t levelsScale[kSubs];
    const float sigma2 = 2.0f * superBlockSumSquares(x) / static_cast<float>(kBlockK);
    for (int s = 0; s < kSubs; ++s) {
        const float* xs = x + kSub * s;
        for (int l = 0; l < kSub; ++l) w[l] = importance[kSub * s + l] * std::sqrt(sigma2 + xs[l] * xs[l]);
        float sum = 0.0f;
        for (int l = 0; l < kSub; ++l) sum += w[l];
        subWeight[s] = sum;
        scales[s] = makeSymmetricQuants(kSub, 4, xs, L + kSub * s, w);
    }
    std::memset(y.scales, 0, sizeof y.scales);
    const float d = makeSymmetricQuants(kSubs, 32, scales, levelsScale, subWeight);  // codes already 0..63
    for (int s = 0; s < kSubs; ++s) packQ3Scale(y.scales, s, levelsScale[s]);
    y.d = floatToHalf(d);
}

void quantizeQ3_KBlock(const float* x, const float* importance, BlockQ3_K& y) {
    int8_t L[kBlockK];  // levels 0..7 (signed level + 4)
    if (importance)
        q3kScalesWeighted(x, importance, y, L);
    else
        q3kScalesFromMax(x, y, L);
    const float d = halfToFloat(y.d);
    for (int s = 0; s < kSubs; ++s) {
        const float ds = d * static_cast<float>(static_cast<int8_t>(unpackQ3Scale(y.scales, s)));
        if (ds == 0.0f) continue;
        for (int l = 0; l < kSub; ++l) {
            const int q = nearestInt(x[kSub * s + l] / ds);
            L[kSub * s + l] = static_cast<int8_t>(std::clamp(q, -4, 3) + 4);
        }
    }
    // Bit 2 of the level of weight w goes to bit w / 32 of hmask[w % 32]; the low two bits to qs.
    std::memset(y.hmask, 0, sizeof y.hmask);
    uint8_t low[kBlockK];
    for (int w = 0; w < kBlockK; ++w) {
        if (L[w] > 3) y.hmask[w % 32] = static_cast<uint8_t>(y.hmask[w % 32] | (1u << (w / 32)));
        low[w] = static_cast<uint8_t>(L[w] > 3 ? L[w] - 4 : L[w]);
    }
    packTwoBitLevels(low, y.qs);
}

// --- Q6_K ----------------------------------------------------------------------------------------
// x = d * scales[s] * (q - 32), q in 0..63, scales signed 8-bit. Within each 128-weight half: ql byte
// j (j < 32) holds the low nibbles of weights j (low) and j+64 (high), byte j+32 those of j+32 and
// j+96; qh byte j holds the top two bits of weights j, j+32, j+64, j+96 in bit pairs 0..3.

void quantizeQ6_KBlock(const float* x, const float* importance, BlockQ6_K& y, SymmetricSearch8Fn search) {
    int8_t L[kBlockK];  // levels 0..63
    float scales[kSubs];
    float maxScale = 0.0f, maxAbsScale = 0.0f;
    if (importance) {
        // With an imatrix ggml weights the search by the importance alone (no sigma term).
        for (int s = 0; s < kSubs; ++s)
            scales[s] = makeSymmetricQuants(kSub, 32, x + kSub * s, L + kSub * s, importance + kSub * s);
    } else {
        search(kSub, 32, x, L, scales);
        search(kSub, 32, x + 8 * kSub, L + 8 * kSub, scales + 8);
    }
    for (int s = 0; s < kSubs; ++s) {
        if (std::fabs(scales[s]) > maxAbsScale) {
            maxAbsScale = std::fabs(scales[s]);
            maxScale = scales[s];
        }
    }
    if (maxAbsScale < kGroupMaxEps) {
        std::memset(&y, 0, sizeof y);  // all-zero super-block; d = +0
        return;
    }
    const float iscale = -128.0f / maxScale;
    y.d = floatToHalf(1.0f / iscale);
    for (int s = 0; s < kSubs; ++s) y.scales[s] = static_cast<int8_t>(std::min(127, nearestInt(iscale * scales[s])));

    const float d = halfToFloat(y.d);
    for (int s = 0; s < kSubs; ++s) {
        const float ds = d * static_cast<float>(y.scales[s]);
        if (ds == 0.0f) continue;
        for (int l = 0; l < kSub; ++l) {
            const int q = nearestInt(x[kSub * s + l] / ds);
            L[kSub * s + l] = static_cast<int8_t>(std::clamp(q, -32, 31) + 32);
        }
    }
    for (int half = 0; half < 2; ++half) {
        const int8_t* Lh = L + 128 * half;
        uint8_t* ql = y.ql + 64 * half;
        uint8_t* qh = y.qh + 32 * half;
        for (int j = 0; j < 32; ++j) {
            ql[j] = static_cast<uint8_t>((Lh[j] & 0xF) | ((Lh[j + 64] & 0xF) << 4));
            ql[j + 32] = static_cast<uint8_t>((Lh[j + 32] & 0xF) | ((Lh[j + 96] & 0xF) << 4));
            qh[j] = static_cast<uint8_t>((Lh[j] >> 4) | ((Lh[j + 32] >> 4) << 2) | ((Lh[j + 64] >> 4) << 4) |
                                         ((Lh[j + 96] >> 4) << 6));
        }
    }
}

}  // namespace

void quantizeQ2_K(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockQ2_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b)
        quantizeQ2_KBlock(x + b * kBlockK, importance ? importance + b * kBlockK : nullptr, y[b]);
}

void quantizeQ3_K(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockQ3_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b)
        quantizeQ3_KBlock(x + b * kBlockK, importance ? importance + b * kBlockK : nullptr, y[b]);
}

void quantizeQ6_K(const float* x, void* dst, int64_t n, const float* importance) {
    auto* y = static_cast<BlockQ6_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b)
        quantizeQ6_KBlock(x + b * kBlockK, importance ? importance + b * kBlockK : nullptr, y[b], searchEachGroup);
}

void searchEachGroup(int n, int nmax, const float* x, int8_t* L, float* scales) {
    for (int g = 0; g < 8; ++g) scales[g] = makeSymmetricQuants(n, nmax, x + n * g, L + n * g, nullptr);
}

void quantizeQ6_KWith(const float* x, void* dst, int64_t n, SymmetricSearch8Fn search) {
    auto* y = static_cast<BlockQ6_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b) quantizeQ6_KBlock(x + b * kBlockK, nullptr, y[b], search);
}

void dequantizeQ2_K(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ2_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b, y += kBlockK) {
        const float d = halfToFloat(x[b].d);
        const float dmin = halfToFloat(x[b].dmin);
        for (int s = 0; s < kSubs; ++s) {
            const float ds = d * static_cast<float>(x[b].scales[s] & 0xF);
            const float ms = dmin * static_cast<float>(x[b].scales[s] >> 4);
            for (int l = 0; l < kSub; ++l) {
                const int w = kSub * s + l;
                y[w] = ds * static_cast<float>(twoBitLevel(x[b].qs, w)) - ms;
            }
        }
    }
}

void dequantizeQ3_K(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ3_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b, y += kBlockK) {
        const float d = halfToFloat(x[b].d);
        for (int s = 0; s < kSubs; ++s) {
            const float ds = d * static_cast<float>(unpackQ3Scale(x[b].scales, s));
            for (int l = 0; l < kSub; ++l) {
                const int w = kSub * s + l;
                const bool high = (x[b].hmask[w % 32] >> (w / 32)) & 1;
                y[w] = ds * static_cast<float>(twoBitLevel(x[b].qs, w) - (high ? 0 : 4));
            }
        }
    }
}

void dequantizeQ6_K(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ6_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b, y += kBlockK) {
        const float d = halfToFloat(x[b].d);
        for (int half = 0; half < 2; ++half) {
            const uint8_t* ql = x[b].ql + 64 * half;
            const uint8_t* qh = x[b].qh + 32 * half;
            const int8_t* sc = x[b].scales + 8 * half;  // sub-blocks of this half: 16 weights each
            float* yh = y + 128 * half;
            for (int j = 0; j < 32; ++j) {
                // Weights j, j+32, j+64, j+96 of the half share ql bytes j / j+32 and qh byte j.
                const int q0 = ((ql[j] & 0xF) | (((qh[j] >> 0) & 3) << 4)) - 32;
                const int q1 = ((ql[j + 32] & 0xF) | (((qh[j] >> 2) & 3) << 4)) - 32;
                const int q2 = ((ql[j] >> 4) | (((qh[j] >> 4) & 3) << 4)) - 32;
                const int q3 = ((ql[j + 32] >> 4) | (((qh[j] >> 6) & 3) << 4)) - 32;
                const int s = j / 16;
                yh[j] = d * static_cast<float>(sc[s]) * static_cast<float>(q0);
                yh[j + 32] = d * static_cast<float>(sc[s + 2]) * static_cast<float>(q1);
                yh[j + 64] = d * static_cast<float>(sc[s + 4]) * static_cast<float>(q2);
                yh[j + 96] = d * static_cast<float>(sc[s + 6]) * static_cast<float>(q3);
            }
        }
    }
}

// --- Q8_K ----------------------------------------------------------------------------------------
// x = d * q with a float d; the largest-magnitude weight maps to -127 (not -128, which keeps the
// symmetric range the SIMD dot products rely on); bsums[i] = sum of q over weights 16i..16i+15.

void quantizeQ8_K(const float* x, void* dst, int64_t n, const float* /*importance*/) {
    auto* y = static_cast<BlockQ8_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b, x += kBlockK) {
        float amax = 0.0f, maxValue = 0.0f;
        for (int j = 0; j < kBlockK; ++j) {
            if (std::fabs(x[j]) > amax) {
                amax = std::fabs(x[j]);
                maxValue = x[j];
            }
        }
        if (amax == 0.0f) {
            std::memset(&y[b], 0, sizeof y[b]);
            continue;
        }
        const float iscale = -127.0f / maxValue;
        for (int j = 0; j < kBlockK; ++j) y[b].qs[j] = static_cast<int8_t>(std::min(127, nearestInt(iscale * x[j])));
        for (int s = 0; s < kSubs; ++s) {
            int sum = 0;
            for (int l = 0; l < kSub; ++l) sum += y[b].qs[kSub * s + l];
            y[b].bsums[s] = static_cast<int16_t>(sum);
        }
        y[b].d = 1.0f / iscale;
    }
}

void dequantizeQ8_K(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ8_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b, y += kBlockK)
        for (int j = 0; j < kBlockK; ++j) y[j] = x[b].d * static_cast<float>(x[b].qs[j]);
}

}  // namespace qd::ref
