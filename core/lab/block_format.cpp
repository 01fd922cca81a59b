#include "core/lab/block_format.h"

#include <algorithm>
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
    for (int j = 0; j < qk; ++j)
        for (int b = 0; b < f.bits; ++b, ++bit)
            if ((codes[j] >> b) & 1u) out[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
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
    for (int j = 0; j < qk; ++j) {
        uint32_t c = 0;
        for (int b = 0; b < f.bits; ++b, ++bit) c |= static_cast<uint32_t>((in[bit / 8] >> (bit % 8)) & 1u) << b;
        codes[j] = c;
    }
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

}  // namespace

std::string BlockFormat::problem() const {
    if (qk == 0) {
        if (bits < 2 || bits > 8) return "bits must be between 2 and 8";
        return {};
    }
    if (qk < 2 || qk > 65536) return "QK must be between 2 and 65,536 (or 0: the whole row)";
    if (bits < 2 || bits > 8) return "bits must be between 2 and 8";
    if ((bits == 4 || bits == 5) && qk % 2 != 0) return "4- and 5-bit blocks need an even QK (levels are paired in bytes)";
    return {};
}

size_t BlockFormat::blockBytes() const { return qk == 0 ? 0 : headerBytes(*this) + highBitBytes(*this) + levelBytes(*this); }

int BlockFormat::qkFor(int64_t n) const {
    if (qk != 0) return qk;
    const int64_t w = (bits == 4 || bits == 5) && n % 2 ? n + 1 : n;
    return static_cast<int>(std::max<int64_t>(2, w));
}

size_t BlockFormat::rowBytes(int64_t n) const {
    BlockFormat f = *this;
    f.qk = qkFor(n);
    const int64_t blocks = (n + f.qk - 1) / f.qk;
    return static_cast<size_t>(blocks) * f.blockBytes();
}

double BlockFormat::bitsPerWeight(int64_t n) const { return n > 0 ? double(rowBytes(n)) * 8.0 / double(n) : 0.0; }

std::string BlockFormat::name() const {
    return std::string(family == Family::Symmetric ? "type-0 " : "type-1 ") + std::to_string(bits) + "-bit QK " +
           (qk == 0 ? std::string("row") : std::to_string(qk)) +
           (scale == ScaleFormat::F16 ? " F16" : " E8M0");
}

void quantizeRow(const BlockFormat& format, const float* x, int64_t n, uint8_t* out, ScaleRule rule, const float* importance) {
    BlockFormat f = format;
    f.qk = format.qkFor(n);
    const size_t bb = f.blockBytes();
    std::vector<float> padded(static_cast<size_t>(f.qk)), paddedW;
    for (int64_t at = 0; at < n; at += f.qk, out += bb) {
        const int64_t count = std::min<int64_t>(f.qk, n - at);
        const float* xb = x + at;
        const float* wb = importance ? importance + at : nullptr;
        if (count < f.qk) {  // the last, partial block: zeros after the row (importance 0 there)
            std::fill(padded.begin(), padded.end(), 0.0f);
            std::copy(xb, xb + count, padded.begin());
            xb = padded.data();
            if (importance) {
                paddedW.assign(static_cast<size_t>(f.qk), 0.0f);
                std::copy(wb, wb + count, paddedW.begin());
                wb = paddedW.data();
            }
        }
        if (rule == ScaleRule::Extremes) extremesBlock(f, xb, out);
        else searchBlock(f, xb, wb, out);
    }
}

void dequantizeRow(const BlockFormat& format, const uint8_t* in, int64_t n, float* y) {
    BlockFormat f = format;
    f.qk = format.qkFor(n);
    const size_t bb = f.blockBytes();
    std::vector<uint32_t> codes(static_cast<size_t>(f.qk));
    for (int64_t at = 0; at < n; at += f.qk, in += bb) {
        const float d = readScale(f, in);
        float m = 0.0f;
        if (f.family == Family::Asymmetric) {
            uint16_t mh;
            std::memcpy(&mh, in + scaleBytes(f), 2);
            m = halfToFloat(mh);
        }
        unpackCodes(f, in + headerBytes(f), codes.data());
        const int64_t count = std::min<int64_t>(f.qk, n - at);
        for (int64_t j = 0; j < count; ++j) y[at + j] = codeValue(f, codes[size_t(j)], d, m);
    }
}

}  // namespace qd::lab
