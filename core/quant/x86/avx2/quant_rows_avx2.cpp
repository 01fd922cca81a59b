// AVX2 weight-row conversions for the quantizer: half / bfloat16 rows to floats, and the legacy
// 32-weight formats (Q4_0, Q4_1, Q5_0, Q5_1, Q8_0) from floats without an importance matrix.
//
// Every function writes exactly the bytes of its scalar reference in core/quant/ref/ (the tests in
// tests/quant/test_quant_rows_simd compare them on random and adversarial rows). The arithmetic is the
// reference's, operation for operation: the same multiply-then-add (no fused multiply-add), truncation
// where it truncates, round-half-away-from-zero where it calls roundf. Where the reference's result
// depends on the order of its scalar loop (which of two equal magnitudes it keeps, the sign of a zero
// extreme) the block takes the reference path, so those cases are exact by construction.
#include <cmath>

#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/kernels/kernel_set.h"
#include "core/quant/ref/ref_rows.h"
#include "core/quant/x86/avx2/avx2_helpers.h"

namespace qd::avx2 {

namespace {

struct Block32 {
    __m256 v[4];
};

inline Block32 loadBlock(const float* x) {
    return {{_mm256_loadu_ps(x), _mm256_loadu_ps(x + 8), _mm256_loadu_ps(x + 16), _mm256_loadu_ps(x + 24)}};
}

inline float hmin(__m256 v) {
    __m128 x = _mm_min_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_min_ps(x, _mm_movehl_ps(x, x));
    x = _mm_min_ss(x, _mm_movehdup_ps(x));
    return _mm_cvtss_f32(x);
}

// A bit per weight: whether it equals `value` exactly (bit j for weight j).
inline uint32_t equalMask(const Block32& b, __m256 value) {
    uint32_t m = 0;
    for (int i = 0; i < 4; ++i)
        m |= static_cast<uint32_t>(_mm256_movemask_ps(_mm256_cmp_ps(b.v[i], value, _CMP_EQ_OQ))) << (8 * i);
    return m;
}

// The low byte of each int32, as C's conversion to an 8-bit integer keeps it. The references convert
// through a 32-bit truncation that yields INT32_MIN out of range (truncToInt32 in scale_search.h),
// which degenerate rows reach (a subnormal scale whose inverse is infinite): its low byte is 0.
inline __m256i lowByte(__m256i v) { return _mm256_and_si256(v, _mm256_set1_epi32(0xFF)); }

// (int8_t) of an int32, sign-extended back to 32 bits.
inline __m256i asInt8(__m256i v) { return _mm256_srai_epi32(_mm256_slli_epi32(v, 24), 24); }

// Four vectors of 8 int32 -> their low bytes, 32 bytes in weight order.
inline __m256i packLevels(const __m256i q[4]) {
    const __m256i w01 = _mm256_packs_epi32(lowByte(q[0]), lowByte(q[1]));
    const __m256i w23 = _mm256_packs_epi32(lowByte(q[2]), lowByte(q[3]));
    const __m256i bytes = _mm256_packus_epi16(w01, w23);
    return _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

// Byte j of qs = level j in the low nibble, level j + 16 in the high nibble.
inline void storeNibbles(__m256i levels, uint8_t* qs) {
    const __m128i lo = _mm256_castsi256_si128(levels);
    const __m128i hi = _mm256_extracti128_si256(levels, 1);
    const __m128i nib = _mm_set1_epi8(0x0F);
    const __m128i packed = _mm_or_si128(_mm_and_si128(lo, nib), _mm_slli_epi16(_mm_and_si128(hi, nib), 4));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(qs), packed);
}

// Bit j of the little-endian u32 qh = bit 4 of level j.
inline void storeHighBits(__m256i levels, uint8_t* qh) {
    const uint32_t bits = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(levels, 3)));
    std::memcpy(qh, &bits, 4);  // x86 is little-endian, as the format
}

inline uint16_t toHalf(float f) { return static_cast<uint16_t>(_cvtss_sh(f, _MM_FROUND_TO_NEAREST_INT)); }

// Symmetric formats (Q4_0: Bias 8, Q5_0: Bias 16): d = (signed largest-magnitude weight) / -Bias,
// level = min(2 Bias - 1, trunc(x / d + Bias + 0.5)). Returns false when the block must take the
// reference path (an all-zero block, whose scale's sign the reference fixes as -0).
template <int Bias>
bool symmetricLevels(const float* x, __m256i* levels, float* dOut) {
    const Block32 b = loadBlock(x);
    const __m256 m = _mm256_max_ps(_mm256_max_ps(absPs(b.v[0]), absPs(b.v[1])), _mm256_max_ps(absPs(b.v[2]), absPs(b.v[3])));
    const float amax = hmax(m);
    if (amax == 0.0f) return false;
    // The reference keeps the first weight of largest magnitude (a later -amax does not replace +amax).
    const uint32_t hits = equalMask(b, _mm256_set1_ps(amax)) | equalMask(b, _mm256_set1_ps(-amax));
    const float value = x[__builtin_ctz(hits)];
    const float d = value / static_cast<float>(-Bias);
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    const __m256 vid = _mm256_set1_ps(id), offset = _mm256_set1_ps(static_cast<float>(Bias) + 0.5f);
    const __m256i top = _mm256_set1_epi32(2 * Bias - 1);
    __m256i q[4];
    for (int i = 0; i < 4; ++i)
        q[i] = _mm256_min_epi32(top, asInt8(_mm256_cvttps_epi32(_mm256_add_ps(_mm256_mul_ps(b.v[i], vid), offset))));
    *levels = packLevels(q);
    *dOut = d;
    return true;
}

// Asymmetric formats (Q4_1: 16 levels, Q5_1: 32): d = (max - min) / (Levels - 1), m = min,
// level = trunc((x - min) / d + 0.5), clamped to 15 for Q4_1 as the reference does. Returns false for a
// block whose minimum or maximum is a zero (its sign, which the reference's scan order decides, reaches
// the stored halves).
template <int Levels>
bool asymmetricLevels(const float* x, __m256i* levels, float* dOut, float* mOut) {
    const Block32 b = loadBlock(x);
    const float lo = hmin(_mm256_min_ps(_mm256_min_ps(b.v[0], b.v[1]), _mm256_min_ps(b.v[2], b.v[3])));
    const float hi = hmax(_mm256_max_ps(_mm256_max_ps(b.v[0], b.v[1]), _mm256_max_ps(b.v[2], b.v[3])));
    if (lo == 0.0f || hi == 0.0f) return false;
    const float d = (hi - lo) / static_cast<float>(Levels - 1);
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    const __m256 vid = _mm256_set1_ps(id), vlo = _mm256_set1_ps(lo), half = _mm256_set1_ps(0.5f);
    __m256i q[4];
    for (int i = 0; i < 4; ++i) {
        q[i] = _mm256_cvttps_epi32(_mm256_add_ps(_mm256_mul_ps(_mm256_sub_ps(b.v[i], vlo), vid), half));
        if constexpr (Levels == 16) q[i] = _mm256_min_epi32(_mm256_set1_epi32(15), asInt8(q[i]));
    }
    *levels = packLevels(q);
    *dOut = d;
    *mOut = lo;
    return true;
}

// roundf: round half away from zero. trunc(v) is exact and so is v - trunc(v); a fraction of at
// least one half moves the result one step away from zero.
inline __m256 roundHalfAway(__m256 v) {
    const __m256 t = _mm256_round_ps(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m256 frac = absPs(_mm256_sub_ps(v, t));
    const __m256 step = _mm256_and_ps(_mm256_cmp_ps(frac, _mm256_set1_ps(0.5f), _CMP_GE_OQ),
                                      _mm256_or_ps(_mm256_set1_ps(1.0f), _mm256_and_ps(v, _mm256_set1_ps(-0.0f))));
    return _mm256_add_ps(t, step);
}

}  // namespace

void halfRowToFloat(const void* src, float* dst, int64_t n) {
    const auto* h = static_cast<const uint16_t*>(src);
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) {
        _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i))));
        _mm256_storeu_ps(dst + i + 8, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + 8))));
    }
    for (; i < n; ++i) dst[i] = halfToFloat(h[i]);
}

void bf16RowToFloat(const void* src, float* dst, int64_t n) {
    const auto* h = static_cast<const uint16_t*>(src);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256i w = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i)));
        _mm256_storeu_ps(dst + i, _mm256_castsi256_ps(_mm256_slli_epi32(w, 16)));
    }
    for (; i < n; ++i) dst[i] = bf16ToFloat(h[i]);
}

namespace {

// One row of a symmetric (Q4_0: Bias 8, Q5_0: Bias 16) or asymmetric (Q4_1: 16 levels, Q5_1: 32) format;
// a block the SIMD path declines takes the reference for that block. 5-bit formats also store bit 4 of
// every level in qh.
template <typename Block, int Bias, ref::QuantizeRowFn Reference>
void symmetricRow(const float* x, void* dst, int64_t n) {
    auto* y = static_cast<Block*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float* xb = x + b * kBlock32;
        __m256i levels;
        float d;
        if (!symmetricLevels<Bias>(xb, &levels, &d)) {
            Reference(xb, &y[b], kBlock32, nullptr);
            continue;
        }
        y[b].d = toHalf(d);
        storeNibbles(levels, y[b].qs);
        if constexpr (Bias == 16) storeHighBits(levels, y[b].qh);
    }
}

template <typename Block, int Levels, ref::QuantizeRowFn Reference>
void asymmetricRow(const float* x, void* dst, int64_t n) {
    auto* y = static_cast<Block*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float* xb = x + b * kBlock32;
        __m256i levels;
        float d, m;
        if (!asymmetricLevels<Levels>(xb, &levels, &d, &m)) {
            Reference(xb, &y[b], kBlock32, nullptr);
            continue;
        }
        y[b].d = toHalf(d);
        y[b].m = toHalf(m);
        storeNibbles(levels, y[b].qs);
        if constexpr (Levels == 32) storeHighBits(levels, y[b].qh);
    }
}

}  // namespace

void quantizeRowQ4_0(const float* x, void* dst, int64_t n) { symmetricRow<BlockQ4_0, 8, ref::quantizeQ4_0>(x, dst, n); }
void quantizeRowQ5_0(const float* x, void* dst, int64_t n) { symmetricRow<BlockQ5_0, 16, ref::quantizeQ5_0>(x, dst, n); }
void quantizeRowQ4_1(const float* x, void* dst, int64_t n) { asymmetricRow<BlockQ4_1, 16, ref::quantizeQ4_1>(x, dst, n); }
void quantizeRowQ5_1(const float* x, void* dst, int64_t n) { asymmetricRow<BlockQ5_1, 32, ref::quantizeQ5_1>(x, dst, n); }

// d = amax / 127, levels = roundf(x / d): the reference weight quantizer (the activation quantizer
// fromFloatQ8_0 rounds ties to even instead, as llama.cpp's x86 activation path does).
void quantizeRowQ8_0(const float* x, void* dst, int64_t n) {
    auto* y = static_cast<BlockQ8_0*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const Block32 v = loadBlock(x + b * kBlock32);
        const float amax =
            hmax(_mm256_max_ps(_mm256_max_ps(absPs(v.v[0]), absPs(v.v[1])), _mm256_max_ps(absPs(v.v[2]), absPs(v.v[3]))));
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        const __m256 vid = _mm256_set1_ps(id);
        __m256i q[4];
        for (int i = 0; i < 4; ++i) q[i] = _mm256_cvttps_epi32(roundHalfAway(_mm256_mul_ps(v.v[i], vid)));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(y[b].qs), packLevels(q));
        y[b].d = toHalf(d);
    }
}

}  // namespace qd::avx2
