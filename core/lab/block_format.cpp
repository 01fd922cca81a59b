#include "core/lab/block_format.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <vector>

#include "core/quant/fp16.h"
#include "core/quant/ref/scale_search.h"

namespace qd::lab {

namespace {

int levelCount(const BlockFormat& f) { return 1 << f.bits; }
// Type-0 levels are stored as level + bias, level in [-bias, bias - 1] (8 bits: the signed byte itself).
int bias(const BlockFormat& f) { return 1 << (f.bits - 1); }

size_t scaleBytes(const BlockFormat& f) { return f.scale == ScaleFormat::F16 ? 2 : 1; }
size_t headerBytes(const BlockFormat& f) { return scaleBytes(f) + (f.family == Family::Asymmetric ? 2 : 0); }
size_t highBitBytes(const BlockFormat& f) { return f.bits == 5 ? (static_cast<size_t>(f.qk) + 7) / 8 : 0; }
size_t levelBytes(const BlockFormat& f) {
    if (f.bits == 4 || f.bits == 5) return static_cast<size_t>(f.qk) / 2;
    return (static_cast<size_t>(f.qk) * static_cast<size_t>(f.bits) + 7) / 8;
}

// E8M0: 2^(e - 127), e in 0..254 (255 is NaN in the MX formats and never written).
float e8m0ToFloat(uint8_t e) { return std::ldexp(1.0f, int(e) - 127); }
uint8_t e8m0Ceil(float d) {
    if (!(d > 0.0f)) return 0;
    int e = 0;
    const float m = std::frexp(d, &e);  // d = m * 2^e, m in [0.5, 1)
    int exp = m == 0.5f ? e - 1 : e;    // the smallest power of two >= d
    return static_cast<uint8_t>(std::clamp(exp + 127, 0, 254));
}

float storedScale(const BlockFormat& f, float d, uint8_t* out) {
    if (f.scale == ScaleFormat::F16) {
        const uint16_t h = floatToHalf(d);
        std::memcpy(out, &h, 2);
        return halfToFloat(h);
    }
    out[0] = e8m0Ceil(d);
    return e8m0ToFloat(out[0]);
}

float readScale(const BlockFormat& f, const uint8_t* in) {
    if (f.scale == ScaleFormat::F16) {
        uint16_t h;
        std::memcpy(&h, in, 2);
        return halfToFloat(h);
    }
    return e8m0ToFloat(in[0]);
}

// A little-endian bit stream: `bits` bits of a value at bit position `bit` (advanced past them); the output
// must start zeroed.
void putBits(uint8_t* out, size_t& bit, uint32_t value, int bits) {
    for (int b = 0; b < bits; ++b, ++bit)
        if ((value >> b) & 1u) out[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
}
uint32_t getBits(const uint8_t* in, size_t& bit, int bits) {
    uint32_t v = 0;
    for (int b = 0; b < bits; ++b, ++bit) v |= static_cast<uint32_t>((in[bit / 8] >> (bit % 8)) & 1u) << b;
    return v;
}

// Stores qk unsigned codes (level + bias for type-0 below 8 bits, the signed byte's bits at 8).
void packCodes(const BlockFormat& f, const uint32_t* codes, uint8_t* out) {
    const int qk = f.qk;
    if (f.bits == 4 || f.bits == 5) {
        uint8_t* qs = out + highBitBytes(f);
        if (f.bits == 5) {
            std::memset(out, 0, highBitBytes(f));
            for (int j = 0; j < qk; ++j) out[j / 8] |= static_cast<uint8_t>(((codes[j] >> 4) & 1u) << (j % 8));
        }
        for (int j = 0; j < qk / 2; ++j) qs[j] = static_cast<uint8_t>((codes[j] & 0x0F) | ((codes[j + qk / 2] & 0x0F) << 4));
        return;
    }
    if (f.bits == 8) {
        for (int j = 0; j < qk; ++j) out[j] = static_cast<uint8_t>(codes[j]);
        return;
    }
    std::memset(out, 0, levelBytes(f));
    size_t bit = 0;
    for (int j = 0; j < qk; ++j) putBits(out, bit, codes[j], f.bits);
}

void unpackCodes(const BlockFormat& f, const uint8_t* in, uint32_t* codes) {
    const int qk = f.qk;
    if (f.bits == 4 || f.bits == 5) {
        const uint8_t* qs = in + highBitBytes(f);
        for (int j = 0; j < qk / 2; ++j) {
            codes[j] = qs[j] & 0x0F;
            codes[j + qk / 2] = qs[j] >> 4;
        }
        if (f.bits == 5)
            for (int j = 0; j < qk; ++j) codes[j] |= ((in[j / 8] >> (j % 8)) & 1u) << 4;
        return;
    }
    if (f.bits == 8) {
        for (int j = 0; j < qk; ++j) codes[j] = in[j];
        return;
    }
    size_t bit = 0;
    for (int j = 0; j < qk; ++j) codes[j] = getBits(in, bit, f.bits);
}

// The code of weight x for a stored scale d (and minimum m): nearest level, clamped to the range.
uint32_t nearestCode(const BlockFormat& f, float x, float d, float m) {
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    if (f.family == Family::Symmetric) {
        const int lo = f.bits == 8 ? -128 : -bias(f), hi = f.bits == 8 ? 127 : bias(f) - 1;
        const int q = std::clamp(static_cast<int>(std::lround(x * id)), lo, hi);
        return f.bits == 8 ? static_cast<uint32_t>(static_cast<uint8_t>(static_cast<int8_t>(q))) : static_cast<uint32_t>(q + bias(f));
    }
    const int q = std::clamp(static_cast<int>(std::lround((x - m) * id)), 0, levelCount(f) - 1);
    return static_cast<uint32_t>(q);
}

float codeValue(const BlockFormat& f, uint32_t code, float d, float m) {
    if (f.family == Family::Symmetric) {
        const int level = f.bits == 8 ? static_cast<int>(static_cast<int8_t>(static_cast<uint8_t>(code))) : static_cast<int>(code) - bias(f);
        return static_cast<float>(level) * d;
    }
    return static_cast<float>(code) * d + m;
}

double blockError(const BlockFormat& f, const float* x, const float* w, const uint32_t* codes, float d, float m) {
    double e = 0.0;
    for (int j = 0; j < f.qk; ++j) {
        const double diff = double(x[j]) - double(codeValue(f, codes[j], d, m));
        e += (w ? double(w[j]) : 1.0) * diff * diff;
    }
    return e;
}

// ggml's reference rules, generalised over QK and bits (at QK 32 they are quantize_row_q{4,5,8}_{0,1}_ref).
void extremesBlock(const BlockFormat& f, const float* x, uint8_t* out) {
    std::vector<uint32_t> codes(static_cast<size_t>(f.qk));
    uint8_t* p = out;
    if (f.family == Family::Symmetric && f.bits == 8) {
        float amax = 0.0f;
        for (int j = 0; j < f.qk; ++j) amax = std::max(amax, std::fabs(x[j]));
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        float stored = storedScale(f, d, p);
        p += scaleBytes(f);
        if (f.scale == ScaleFormat::F16) {
            for (int j = 0; j < f.qk; ++j)
                codes[j] = static_cast<uint8_t>(static_cast<int8_t>(ref::truncToInt32(std::round(x[j] * id))));
        } else {
            for (int j = 0; j < f.qk; ++j) codes[j] = nearestCode(f, x[j], stored, 0.0f);
        }
    } else if (f.family == Family::Symmetric) {
        // The largest-magnitude weight (first on ties, with its sign) maps to level -bias.
        float amax = 0.0f, value = 0.0f;
        for (int j = 0; j < f.qk; ++j)
            if (amax < std::fabs(x[j])) amax = std::fabs(x[j]), value = x[j];
        const int b = bias(f);
        const float d = value / static_cast<float>(-b);
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        const float stored = storedScale(f, f.scale == ScaleFormat::F16 ? d : std::fabs(d) * float(b) / float(b - 1), p);
        p += scaleBytes(f);
        if (f.scale == ScaleFormat::F16) {
            for (int j = 0; j < f.qk; ++j) {
                // Truncation of v + bias + 0.5 rounds half up; the clamp catches the one value at 2 * bias.
                const int32_t q = ref::truncToInt32(x[j] * id + (static_cast<float>(b) + 0.5f));
                codes[j] = static_cast<uint32_t>(std::clamp(q, 0, 2 * b - 1));
            }
        } else {
            for (int j = 0; j < f.qk; ++j) codes[j] = nearestCode(f, x[j], stored, 0.0f);
        }
    } else {
        float lo = 3.402823466e+38f, hi = -3.402823466e+38f;
        for (int j = 0; j < f.qk; ++j) lo = std::min(lo, x[j]), hi = std::max(hi, x[j]);
        const int L = levelCount(f);
        const float d = (hi - lo) / static_cast<float>(L - 1);
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        const float stored = storedScale(f, d, p);
        p += scaleBytes(f);
        const uint16_t mh = floatToHalf(lo);
        std::memcpy(p, &mh, 2);
        p += 2;
        for (int j = 0; j < f.qk; ++j) {
            if (f.scale != ScaleFormat::F16) {
                codes[j] = nearestCode(f, x[j], stored, halfToFloat(mh));
                continue;
            }
            const int32_t t = ref::truncToInt32((x[j] - lo) * id + 0.5f);
            // ggml clamps the 4-bit level through an int8 and keeps the 5-bit one's low bits (a uint8);
            // other widths clamp.
            if (f.bits == 4) codes[j] = static_cast<uint32_t>(std::min<int>(15, static_cast<int8_t>(t)));
            else if (f.bits == 5) codes[j] = static_cast<uint32_t>(static_cast<uint8_t>(t)) & 31u;
            else codes[j] = static_cast<uint32_t>(std::clamp(t, 0, L - 1));
        }
    }
    packCodes(f, codes.data(), p);
}

// The scale (and minimum) with the lowest weighted squared error: ggml's searches give the F16 scale;
// an E8M0 scale takes the best of the powers of two around it.
void searchBlock(const BlockFormat& f, const float* x, const float* importance, uint8_t* out) {
    const int qk = f.qk;
    std::vector<float> w(static_cast<size_t>(qk), 1.0f);
    if (importance)
        for (int j = 0; j < qk; ++j) w[size_t(j)] = std::max(importance[j], 1e-12f);
    std::vector<uint32_t> codes(static_cast<size_t>(qk)), trial(codes.size());
    float d = 0.0f, m = 0.0f;
    if (f.family == Family::Symmetric) {
        std::vector<int8_t> L(static_cast<size_t>(qk));
        const int nmax = bias(f);
        d = ref::makeSymmetricQuants(qk, nmax, x, L.data(), w.data());
    } else {
        std::vector<uint8_t> L(static_cast<size_t>(qk)), aux(static_cast<size_t>(qk));
        float negMin = 0.0f;
        d = ref::makeAsymmetricQuants(qk, levelCount(f) - 1, x, w.data(), L.data(), &negMin, aux.data(), -0.9f, 0.05f, 36, false);
        m = -negMin;
    }
    uint8_t* p = out;
    if (f.scale == ScaleFormat::F16) {
        const float stored = storedScale(f, d, p);
        p += scaleBytes(f);
        float storedMin = 0.0f;
        if (f.family == Family::Asymmetric) {
            const uint16_t mh = floatToHalf(m);
            std::memcpy(p, &mh, 2);
            p += 2;
            storedMin = halfToFloat(mh);
        }
        // Levels for the scale as stored, so the rounding of the scale to half costs no extra error.
        for (int j = 0; j < qk; ++j) codes[size_t(j)] = nearestCode(f, x[j], stored, storedMin);
    } else {
        // Powers of two around the searched scale and the one the extremes rule takes, each with the
        // searched minimum and the block's own (a coarse power of two can favour either).
        float lo = x[0], hi = x[0], amax = 0.0f;
        for (int j = 0; j < qk; ++j) lo = std::min(lo, x[j]), hi = std::max(hi, x[j]), amax = std::max(amax, std::fabs(x[j]));
        const int centre = e8m0Ceil(std::fabs(d));
        const int fromExtremes = f.family == Family::Symmetric
                                     ? e8m0Ceil(amax / (f.bits == 8 ? 127.0f : float(bias(f) - 1)))
                                     : e8m0Ceil((hi - lo) / float(levelCount(f) - 1));
        std::vector<int> exponents;
        for (int e = std::max(0, centre - 2); e <= std::min(254, centre + 1); ++e) exponents.push_back(e);
        exponents.push_back(fromExtremes);
        std::vector<uint16_t> mins{floatToHalf(m)};
        if (f.family == Family::Asymmetric) mins.push_back(floatToHalf(lo));
        double best = -1.0;
        uint8_t bestE = 0;
        uint16_t bestMin = 0;
        for (int e : exponents)
            for (uint16_t mh : mins) {
                const float s = e8m0ToFloat(static_cast<uint8_t>(e));
                const float storedMin = f.family == Family::Asymmetric ? halfToFloat(mh) : 0.0f;
                for (int j = 0; j < qk; ++j) trial[size_t(j)] = nearestCode(f, x[j], s, storedMin);
                const double err = blockError(f, x, w.data(), trial.data(), s, storedMin);
                if (best < 0 || err < best) best = err, bestE = static_cast<uint8_t>(e), bestMin = mh, codes = trial;
            }
        p[0] = bestE;
        p += 1;
        if (f.family == Family::Asymmetric) {
            std::memcpy(p, &bestMin, 2);
            p += 2;
        }
    }
    packCodes(f, codes.data(), p);
}


// ---- K-style: super-blocks of sub-blocks whose scales and minimums are codes against two F16 scales.

BlockFormat subBlockFormat(const BlockFormat& f) {
    BlockFormat s;
    s.family = Family::Asymmetric;
    s.qk = f.qk;
    s.bits = f.bits;
    return s;
}
size_t kStyleBytes(const BlockFormat& f) { return 4 + f.subScaleCodeBytes() + size_t(f.superBlock / f.qk) * f.subBlockLevelBytes(); }

// One super-block of f.superBlock weights. The search follows ggml's Q4_K / Q5_K reference step for step
// over any sub-block size and code width: per sub-block a weighted scale-and-minimum search (weights
// rms + |x|, or importance * sqrt(sigma^2 + x^2) with importance), the codes against the largest scale
// and minimum, then every level again against the decoded scales. The extremes rule takes each
// sub-block's range instead of the search.
// `rule` here is Extremes, Reference (ggml's weights) or Search (weights 1, or the importance alone).
void kStyleCandidate(const BlockFormat& f, const float* x, const float* importance, ScaleRule rule, uint8_t* out) {
    const int qk = f.qk, sb = f.superBlock, subs = sb / qk;
    const int nmax = levelCount(f) - 1;
    const int cmax = (1 << f.subScaleBits) - 1;
    std::vector<float> scales(static_cast<size_t>(subs)), mins(static_cast<size_t>(subs)), w(static_cast<size_t>(qk)), subWeight(static_cast<size_t>(subs));
    std::vector<uint8_t> L(static_cast<size_t>(sb)), aux(static_cast<size_t>(qk)), codeS(static_cast<size_t>(subs)), codeM(static_cast<size_t>(subs));
    float sigma2 = 0.0f;
    if (importance) {
        float sumSquares = 0.0f;
        for (int l = 0; l < sb; ++l) sumSquares += x[l] * x[l];
        sigma2 = 2.0f * sumSquares / static_cast<float>(sb);
    }
    for (int s = 0; s < subs; ++s) {
        const float* xs = x + qk * s;
        uint8_t* Ls = L.data() + qk * s;
        if (rule == ScaleRule::Extremes) {
            float lo = xs[0], hi = xs[0];
            for (int l = 0; l < qk; ++l) lo = std::min(lo, xs[l]), hi = std::max(hi, xs[l]);
            lo = std::min(lo, 0.0f);
            const float d = (hi - lo) / static_cast<float>(nmax);
            const float id = d > 0.0f ? 1.0f / d : 0.0f;
            for (int l = 0; l < qk; ++l) Ls[l] = static_cast<uint8_t>(std::clamp(ref::nearestInt((xs[l] - lo) * id), 0, nmax));
            scales[size_t(s)] = d;
            mins[size_t(s)] = -lo;
            continue;
        }
        if (importance || rule == ScaleRule::Search) {
            const float* is = importance ? importance + qk * s : nullptr;
            float sum = 0.0f;
            for (int l = 0; l < qk; ++l) {
                if (rule == ScaleRule::Search) w[size_t(l)] = is ? std::max(is[l], 1e-12f) : 1.0f;
                else w[size_t(l)] = std::max(is[l], 0.0f) * std::sqrt(sigma2 + xs[l] * xs[l]);
                sum += w[size_t(l)];
            }
            subWeight[size_t(s)] = sum;
            scales[size_t(s)] = ref::makeAsymmetricQuants(qk, nmax, xs, w.data(), Ls, &mins[size_t(s)], aux.data(), -0.9f, 0.05f, 36, false);
        } else {
            float sumSquares = 0.0f;
            for (int l = 0; l < qk; ++l) sumSquares += xs[l] * xs[l];
            const float av = std::sqrt(sumSquares / static_cast<float>(qk));
            for (int l = 0; l < qk; ++l) w[size_t(l)] = av + std::fabs(xs[l]);
            const bool low = f.bits <= 4;  // ggml's Q4_K settings; Q5_K's from 5 bits up
            scales[size_t(s)] = ref::makeAsymmetricQuants(qk, nmax, xs, w.data(), Ls, &mins[size_t(s)], aux.data(), low ? -1.0f : -0.5f, 0.1f,
                                                          low ? 20 : 15, false);
        }
    }
    float d = 0.0f, dmin = 0.0f;
    if (importance || rule == ScaleRule::Search) {
        d = ref::makePositiveQuants(subs, cmax, scales.data(), codeS.data(), subWeight.data());
        dmin = ref::makePositiveQuants(subs, cmax, mins.data(), codeM.data(), subWeight.data());
        for (int s = 0; s < subs; ++s) codeS[size_t(s)] = uint8_t(std::min<int>(cmax, codeS[size_t(s)])), codeM[size_t(s)] = uint8_t(std::min<int>(cmax, codeM[size_t(s)]));
    } else {
        float maxScale = 0.0f, maxMin = 0.0f;
        for (int s = 0; s < subs; ++s) {
            if (scales[size_t(s)] > maxScale) maxScale = scales[size_t(s)];
            if (mins[size_t(s)] > maxMin) maxMin = mins[size_t(s)];
        }
        const float invScale = maxScale > 0.0f ? static_cast<float>(cmax) / maxScale : 0.0f;
        const float invMin = maxMin > 0.0f ? static_cast<float>(cmax) / maxMin : 0.0f;
        for (int s = 0; s < subs; ++s) {
            codeS[size_t(s)] = static_cast<uint8_t>(std::clamp(ref::nearestInt(invScale * scales[size_t(s)]), 0, cmax));
            codeM[size_t(s)] = static_cast<uint8_t>(std::clamp(ref::nearestInt(invMin * mins[size_t(s)]), 0, cmax));
        }
        d = maxScale / static_cast<float>(cmax);
        dmin = maxMin / static_cast<float>(cmax);
    }
    const uint16_t dh = floatToHalf(d), mh = floatToHalf(dmin);
    std::memcpy(out, &dh, 2);
    std::memcpy(out + 2, &mh, 2);
    uint8_t* codes = out + 4;
    std::memset(codes, 0, f.subScaleCodeBytes());
    size_t bit = 0;
    for (int s = 0; s < subs; ++s) {
        putBits(codes, bit, codeS[size_t(s)], f.subScaleBits);
        putBits(codes, bit, codeM[size_t(s)], f.subScaleBits);
    }
    // The levels again, against the scales as stored (a sub-block whose scale decodes to zero keeps its
    // search levels, as ggml).
    const float dd = halfToFloat(dh), dm = halfToFloat(mh);
    const BlockFormat sub = subBlockFormat(f);
    const size_t subBytes = f.subBlockLevelBytes();
    uint8_t* levels = codes + f.subScaleCodeBytes();
    std::vector<uint32_t> c(static_cast<size_t>(qk));
    for (int s = 0; s < subs; ++s) {
        const float ds = dd * static_cast<float>(codeS[size_t(s)]);
        const float ms = dm * static_cast<float>(codeM[size_t(s)]);
        for (int l = 0; l < qk; ++l) {
            int q = L[size_t(qk * s + l)];
            if (ds != 0.0f) q = std::clamp(ref::nearestInt((x[qk * s + l] + ms) / ds), 0, nmax);
            c[size_t(l)] = static_cast<uint32_t>(q);
        }
        packCodes(sub, c.data(), levels + size_t(s) * subBytes);
    }
}

void kStyleDequantize(const BlockFormat& f, const uint8_t* in, float* y) {
    const int qk = f.qk, subs = f.superBlock / qk;
    uint16_t dh, mh;
    std::memcpy(&dh, in, 2);
    std::memcpy(&mh, in + 2, 2);
    const float d = halfToFloat(dh), dmin = halfToFloat(mh);
    const uint8_t* codes = in + 4;
    const BlockFormat sub = subBlockFormat(f);
    const size_t subBytes = f.subBlockLevelBytes();
    const uint8_t* levels = codes + f.subScaleCodeBytes();
    std::vector<uint32_t> c(static_cast<size_t>(qk));
    size_t bit = 0;
    for (int s = 0; s < subs; ++s) {
        const uint32_t sc = getBits(codes, bit, f.subScaleBits);
        const uint32_t m = getBits(codes, bit, f.subScaleBits);
        unpackCodes(sub, levels + size_t(s) * subBytes, c.data());
        // Q4_K's dequantization order: (d * sc) * q - (dmin * m).
        const float d1 = d * static_cast<float>(sc), m1 = dmin * static_cast<float>(m);
        for (int l = 0; l < qk; ++l) y[qk * s + l] = d1 * static_cast<float>(c[size_t(l)]) - m1;
    }
}

// ---- Codebook: 4-bit indices into a fixed table times a block scale.

const float kNonLinear[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};
const float kE2M1[16] = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f, -0.0f, -0.5f, -1.0f, -1.5f, -2.0f, -3.0f, -4.0f, -6.0f};

// The table in ascending order with each value's index, for the nearest-value search.
struct SortedTable {
    float value[16];
    uint8_t code[16];
};
const SortedTable& sortedTable(Codebook c) {
    static const std::array<SortedTable, 2> tables = [] {
        std::array<SortedTable, 2> t{};
        for (int k = 0; k < 2; ++k) {
            const float* v = k == 0 ? kNonLinear : kE2M1;
            uint8_t order[16];
            for (int i = 0; i < 16; ++i) order[i] = uint8_t(i);
            std::stable_sort(order, order + 16, [&](uint8_t a, uint8_t b) { return v[a] < v[b]; });
            for (int i = 0; i < 16; ++i) t[k].value[i] = v[order[i]], t[k].code[i] = order[i];
        }
        return t;
    }();
    return tables[c == Codebook::NonLinear ? 0u : 1u];
}

// The index of the table value nearest to v; between two neighbours the upper one unless the lower is
// strictly nearer (IQ4_NL's rule).
int nearestTableIndex(const SortedTable& t, float v) {
    if (v <= t.value[0]) return t.code[0];
    if (v >= t.value[15]) return t.code[15];
    int lo = 0, hi = 15;
    while (hi - lo > 1) {
        const int mid = (lo + hi) / 2;
        if (v < t.value[mid]) hi = mid;
        else lo = mid;
    }
    return v - t.value[hi - 1] < t.value[hi] - v ? t.code[hi - 1] : t.code[hi];
}

// IQ4_NL's search over any QK and table: start from the scale that maps the largest-magnitude weight to
// the table's lowest value, try 2 * 7 + 1 neighbouring inverse scales in steps of 1/127 of that value,
// keep the least-squares scale of the index choice with the smallest weighted error (weights x^2, or
// importance * sqrt(sigma^2 + x^2)). E8M0 then takes the best of the powers of two around |scale|.
// `rule`: Extremes, Reference (IQ4_NL's weights x^2, or importance * sqrt(sigma^2 + x^2)) or Search (weights
// 1, or the importance).
void codebookCandidate(const BlockFormat& f, const float* x, const float* importance, ScaleRule rule, uint8_t* out) {
    const int qk = f.qk;
    const float* values = codebookValues(f.codebook);
    const SortedTable& table = sortedTable(f.codebook);
    const float lowest = table.value[0], highest = table.value[15];
    std::vector<float> w(static_cast<size_t>(qk));
    std::vector<uint32_t> codes(static_cast<size_t>(qk)), trial(static_cast<size_t>(qk));
    float amax = 0.0f, maxValue = 0.0f;
    for (int j = 0; j < qk; ++j)
        if (std::fabs(x[j]) > amax) amax = std::fabs(x[j]), maxValue = x[j];
    float d = 0.0f;
    if (rule == ScaleRule::Extremes) {
        if (amax >= ref::kGroupMaxEps) d = maxValue / (maxValue < 0.0f ? lowest : highest);
    } else if (amax >= ref::kGroupMaxEps) {
        float sigma2 = 0.0f;
        if (importance) {
            for (int j = 0; j < qk; ++j) sigma2 += x[j] * x[j];
            sigma2 *= 2.0f / static_cast<float>(qk);
        }
        for (int j = 0; j < qk; ++j) {
            if (rule == ScaleRule::Search) w[size_t(j)] = importance ? std::max(importance[j], 1e-12f) : 1.0f;
            else w[size_t(j)] = importance ? importance[j] * std::sqrt(sigma2 + x[j] * x[j]) : x[j] * x[j];
        }
        auto fitWith = [&](float id, float* sumQX, float* sumQ2) {
            *sumQX = 0.0f;
            *sumQ2 = 0.0f;
            for (int j = 0; j < qk; ++j) {
                const float q = values[nearestTableIndex(table, id * x[j])];
                *sumQX += w[size_t(j)] * q * x[j];
                *sumQ2 += w[size_t(j)] * q * q;
            }
        };
        const float step = -lowest / 127.0f;  // 1 for IQ4_NL's table
        float sumQX = 0.0f, sumQ2 = 0.0f;
        fitWith(1.0f / (-maxValue / lowest), &sumQX, &sumQ2);
        d = sumQ2 > 0.0f ? sumQX / sumQ2 : 0.0f;
        float best = d * sumQX;
        for (int t = -7; t <= 7; ++t) {
            const float id = (static_cast<float>(t) * step + lowest) / maxValue;
            fitWith(id, &sumQX, &sumQ2);
            if (sumQ2 > 0.0f && sumQX * sumQX > best * sumQ2) {
                d = sumQX / sumQ2;
                best = d * sumQX;
            }
        }
    }
    if (f.scale == ScaleFormat::F16) {
        const uint16_t h = floatToHalf(d);
        std::memcpy(out, &h, 2);
        // Indices against the unrounded scale, as IQ4_NL.
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        for (int j = 0; j < qk; ++j) codes[size_t(j)] = static_cast<uint32_t>(nearestTableIndex(table, id * x[j]));
    } else {
        // A power of two is positive: a negative scale mirrors the table, so its magnitude is what matters
        // for a symmetric table; for IQ4_NL's the positive scale is searched around it.
        const int centre = e8m0Ceil(std::fabs(d));
        std::vector<int> exponents;
        if (rule == ScaleRule::Extremes) {
            exponents.push_back(centre);  // the power of two at or above the scale: nothing clips
        } else {
            for (int e = std::max(0, centre - 2); e <= std::min(254, centre + 1); ++e) exponents.push_back(e);
            exponents.push_back(e8m0Ceil(amax / std::max(-lowest, highest)));
        }
        double bestErr = -1.0;
        uint8_t bestE = 0;
        for (int e : exponents) {
            const float s = e8m0ToFloat(uint8_t(e));
            double err = 0.0;
            for (int j = 0; j < qk; ++j) {
                trial[size_t(j)] = static_cast<uint32_t>(nearestTableIndex(table, x[j] / s));
                const double diff = double(x[j]) - double(s) * values[trial[size_t(j)]];
                err += (rule == ScaleRule::Search && importance ? double(importance[j]) : 1.0) * diff * diff;
            }
            if (bestErr < 0 || err < bestErr) bestErr = err, bestE = uint8_t(e), codes = trial;
        }
        out[0] = bestE;
    }
    BlockFormat levels4 = f;
    levels4.family = Family::Asymmetric;
    packCodes(levels4, codes.data(), out + scaleBytes(f));
}

void codebookDequantize(const BlockFormat& f, const uint8_t* in, int count, float* y) {
    BlockFormat levels4 = f;
    levels4.family = Family::Asymmetric;
    std::vector<uint32_t> codes(static_cast<size_t>(f.qk));
    unpackCodes(levels4, in + scaleBytes(f), codes.data());
    const float d = readScale(f, in);
    const float* values = codebookValues(f.codebook);
    for (int j = 0; j < count; ++j) y[j] = d * values[codes[size_t(j)]];
}

double weightedError(const float* x, const float* y, const float* importance, int n) {
    double e = 0.0;
    for (int j = 0; j < n; ++j) e += (importance ? double(importance[j]) : 1.0) * (double(x[j]) - y[j]) * (double(x[j]) - y[j]);
    return e;
}

// The Search rule for the two-level and codebook families: the least-squares search, ggml's reference and
// the extremes, keeping whichever gives the block the lowest (importance-weighted) squared error — the
// searches optimise a proxy (fixed levels, codes against the largest scale), so none wins everywhere.
template <typename Candidate, typename Decode>
void bestOfBlock(const BlockFormat& f, int unit, const float* x, const float* importance, uint8_t* out, Candidate candidate, Decode decode) {
    const size_t bytes = f.blockBytes();
    std::vector<uint8_t> trial(bytes);
    std::vector<float> y(static_cast<size_t>(unit));
    double best = -1.0;
    for (ScaleRule r : {ScaleRule::Search, ScaleRule::Reference, ScaleRule::Extremes}) {
        candidate(f, x, importance, r, trial.data());
        decode(f, trial.data(), y.data());
        const double e = weightedError(x, y.data(), importance, unit);
        if (best < 0 || e < best) best = e, std::memcpy(out, trial.data(), bytes);
    }
}

}  // namespace

const float* codebookValues(Codebook c) { return c == Codebook::NonLinear ? kNonLinear : kE2M1; }

std::string BlockFormat::problem() const {
    if (bits < 2 || bits > 8) return "bits must be between 2 and 8";
    if (family == Family::Codebook && bits != 4) return "codebook formats are 4-bit";
    if (family == Family::KStyle) {
        if (qk < 2) return "K-style formats need a sub-block size (QK) of at least 2";
        if (superBlock < qk || superBlock > 65536 || superBlock % qk != 0) return "the super-block must be a multiple of QK, at most 65,536";
        if (subScaleBits < 2 || subScaleBits > 8) return "sub-block scale codes must have 2 to 8 bits";
    }
    if (qk == 0) return {};
    if (qk < 2 || qk > 65536) return "QK must be between 2 and 65,536 (or 0: the whole row)";
    if ((bits == 4 || bits == 5) && qk % 2 != 0) return "4- and 5-bit blocks need an even QK (levels are paired in bytes)";
    return {};
}

size_t BlockFormat::blockBytes() const {
    if (qk == 0) return 0;
    if (family == Family::KStyle) return kStyleBytes(*this);
    return headerBytes(*this) + highBitBytes(*this) + levelBytes(*this);
}

int BlockFormat::qkFor(int64_t n) const {
    if (qk != 0) return qk;
    const int64_t w = (bits == 4 || bits == 5) && n % 2 ? n + 1 : n;
    return static_cast<int>(std::max<int64_t>(2, w));
}

int BlockFormat::unitFor(int64_t n) const { return family == Family::KStyle ? superBlock : qkFor(n); }

size_t BlockFormat::subScaleCodeBytes() const { return (size_t(superBlock / qk) * 2 * size_t(subScaleBits) + 7) / 8; }

size_t BlockFormat::subBlockLevelBytes() const {
    const BlockFormat sub = subBlockFormat(*this);
    return levelBytes(sub) + highBitBytes(sub);
}

size_t BlockFormat::rowBytes(int64_t n) const {
    BlockFormat f = *this;
    f.qk = qkFor(n);
    const int64_t unit = f.unitFor(n);
    const int64_t blocks = (n + unit - 1) / unit;
    return static_cast<size_t>(blocks) * f.blockBytes();
}

double BlockFormat::bitsPerWeight(int64_t n) const { return n > 0 ? double(rowBytes(n)) * 8.0 / double(n) : 0.0; }

std::string BlockFormat::familyKey() const {
    switch (family) {
    case Family::Symmetric: return "t0";
    case Family::Asymmetric: return "t1";
    case Family::KStyle: return "k";
    case Family::Codebook: return codebook == Codebook::NonLinear ? "nl" : "fp4";
    }
    return "?";
}

std::string BlockFormat::name() const {
    const std::string q = qk == 0 ? std::string("row") : std::to_string(qk);
    const std::string sc = scale == ScaleFormat::F16 ? " F16" : " E8M0";
    switch (family) {
    case Family::Symmetric: return "type-0 " + std::to_string(bits) + "-bit QK " + q + sc;
    case Family::Asymmetric: return "type-1 " + std::to_string(bits) + "-bit QK " + q + sc;
    case Family::KStyle:
        return "K-style " + std::to_string(bits) + "-bit QK " + q + "/" + std::to_string(superBlock) + " " + std::to_string(subScaleBits) +
               "-bit scales";
    case Family::Codebook: return std::string(codebook == Codebook::NonLinear ? "codebook NL" : "codebook FP4") + " QK " + q + sc;
    }
    return {};
}

void quantizeRow(const BlockFormat& format, const float* x, int64_t n, uint8_t* out, ScaleRule rule, const float* importance) {
    BlockFormat f = format;
    f.qk = format.qkFor(n);
    const int unit = f.unitFor(n);
    const size_t bb = f.blockBytes();
    std::vector<float> padded(static_cast<size_t>(unit)), paddedW;
    for (int64_t at = 0; at < n; at += unit, out += bb) {
        const int64_t count = std::min<int64_t>(unit, n - at);
        const float* xb = x + at;
        const float* wb = importance ? importance + at : nullptr;
        if (count < unit) {  // the last, partial block: zeros after the row (importance 0 there)
            std::fill(padded.begin(), padded.end(), 0.0f);
            std::copy(xb, xb + count, padded.begin());
            xb = padded.data();
            if (importance) {
                paddedW.assign(static_cast<size_t>(unit), 0.0f);
                std::copy(wb, wb + count, paddedW.begin());
                wb = paddedW.data();
            }
        }
        if (f.family == Family::KStyle) {
            if (rule == ScaleRule::Search) bestOfBlock(f, unit, xb, wb, out, kStyleCandidate, kStyleDequantize);
            else kStyleCandidate(f, xb, wb, rule, out);
        } else if (f.family == Family::Codebook) {
            auto decode = [unit](const BlockFormat& g, const uint8_t* in, float* y) { codebookDequantize(g, in, unit, y); };
            if (rule == ScaleRule::Search) bestOfBlock(f, unit, xb, wb, out, codebookCandidate, decode);
            else codebookCandidate(f, xb, wb, rule, out);
        } else if (rule != ScaleRule::Search) extremesBlock(f, xb, out);
        else searchBlock(f, xb, wb, out);
    }
}

void dequantizeRow(const BlockFormat& format, const uint8_t* in, int64_t n, float* y) {
    BlockFormat f = format;
    f.qk = format.qkFor(n);
    const int unit = f.unitFor(n);
    const size_t bb = f.blockBytes();
    std::vector<uint32_t> codes(static_cast<size_t>(f.qk));
    std::vector<float> whole;
    for (int64_t at = 0; at < n; at += unit, in += bb) {
        const int64_t count = std::min<int64_t>(unit, n - at);
        if (f.family == Family::KStyle) {
            whole.resize(size_t(unit));
            kStyleDequantize(f, in, whole.data());
            std::copy(whole.begin(), whole.begin() + count, y + at);
            continue;
        }
        const float d = readScale(f, in);
        if (f.family == Family::Codebook) {
            codebookDequantize(f, in, int(count), y + at);
            continue;
        }
        float m = 0.0f;
        if (f.family == Family::Asymmetric) {
            uint16_t mh;
            std::memcpy(&mh, in + scaleBytes(f), 2);
            m = halfToFloat(mh);
        }
        unpackCodes(f, in + headerBytes(f), codes.data());
        for (int64_t j = 0; j < count; ++j) y[at + j] = codeValue(f, codes[size_t(j)], d, m);
    }
}

}  // namespace qd::lab
