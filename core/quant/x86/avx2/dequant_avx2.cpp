// AVX2 dequantizers for the prompt path (CpuBackend::matmulBlas turns tiles of weight rows into floats
// for OpenBLAS): Q4_0, Q4_1, Q8_0, Q4_K and Q6_K. Each value is computed with the reference's
// operations in the reference's order (core/quant/ref/: the same products, no fused multiply-add), so
// the floats are the reference's bit for bit (tests/quant/test_quant_rows_simd).
#include "core/quant/blocks.h"
#include "core/quant/kernels/format_helpers.h"
#include "core/quant/kernels/kernel_set.h"
#include "core/quant/x86/avx2/avx2_helpers.h"

namespace qd::avx2 {

namespace {

// 8 bytes -> 8 floats (signed or unsigned bytes as int32 first).
inline __m256 bytesToFloatsS(const void* p) {
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(static_cast<const __m128i*>(p))));
}
inline __m256 bytesToFloatsU(__m128i eightBytes) { return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(eightBytes)); }

// 32 levels of a nibble block (weight j low nibble of byte j, weight j + 16 high nibble) as 2 x 16 bytes.
inline void nibbleLevels(const uint8_t* qs, __m128i* low, __m128i* high) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(qs));
    *low = _mm_and_si128(v, _mm_set1_epi8(0x0F));
    *high = _mm_and_si128(_mm_srli_epi16(v, 4), _mm_set1_epi8(0x0F));
}

// 16 level bytes -> 16 floats of (level - offset) * d, stored at y.
inline void storeScaled(__m128i levels, int offset, __m256 d, float* y) {
    const __m256i lo = _mm256_sub_epi32(_mm256_cvtepu8_epi32(levels), _mm256_set1_epi32(offset));
    const __m256i hi = _mm256_sub_epi32(_mm256_cvtepu8_epi32(_mm_srli_si128(levels, 8)), _mm256_set1_epi32(offset));
    _mm256_storeu_ps(y, _mm256_mul_ps(_mm256_cvtepi32_ps(lo), d));
    _mm256_storeu_ps(y + 8, _mm256_mul_ps(_mm256_cvtepi32_ps(hi), d));
}

// 16 level bytes -> 16 floats of level * d + m.
inline void storeScaledShifted(__m128i levels, __m256 d, __m256 m, float* y) {
    _mm256_storeu_ps(y, _mm256_add_ps(_mm256_mul_ps(bytesToFloatsU(levels), d), m));
    _mm256_storeu_ps(y + 8, _mm256_add_ps(_mm256_mul_ps(bytesToFloatsU(_mm_srli_si128(levels, 8)), d), m));
}

}  // namespace

void dequantRowQ4_0(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ4_0*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, y += kBlock32) {
        const __m256 d = _mm256_set1_ps(halfToFloat(x[b].d));
        __m128i low, high;
        nibbleLevels(x[b].qs, &low, &high);
        storeScaled(low, 8, d, y);
        storeScaled(high, 8, d, y + 16);
    }
}

void dequantRowQ4_1(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ4_1*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, y += kBlock32) {
        const __m256 d = _mm256_set1_ps(halfToFloat(x[b].d)), m = _mm256_set1_ps(halfToFloat(x[b].m));
        __m128i low, high;
        nibbleLevels(x[b].qs, &low, &high);
        storeScaledShifted(low, d, m, y);
        storeScaledShifted(high, d, m, y + 16);
    }
}

void dequantRowQ8_0(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ8_0*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, y += kBlock32) {
        const __m256 d = _mm256_set1_ps(halfToFloat(x[b].d));
        for (int j = 0; j < kBlock32; j += 8) _mm256_storeu_ps(y + j, _mm256_mul_ps(bytesToFloatsS(x[b].qs + j), d));
    }
}

// Q4_K: sub-block s (32 weights) has ds = d * sc and ms = dmin * m; weight = ds * level - ms. Its
// levels are the low (s even) or high (s odd) nibbles of qs[32 (s / 2) ..].
void dequantRowQ4_K(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ4_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b, y += kBlockK) {
        const float d = halfToFloat(x[b].d), dmin = halfToFloat(x[b].dmin);
        uint8_t scales[8], mins[8];
        fmt::unpackScalesMinsK4(x[b].scales, scales, mins);
        for (int s = 0; s < 8; ++s) {
            const __m256 ds = _mm256_set1_ps(d * static_cast<float>(scales[s]));
            const __m256 ms = _mm256_set1_ps(dmin * static_cast<float>(mins[s]));
            const __m256i q = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x[b].qs + 32 * (s / 2)));
            const __m256i levels = _mm256_and_si256(s % 2 == 0 ? q : _mm256_srli_epi16(q, 4), _mm256_set1_epi8(0x0F));
            const __m128i l0 = _mm256_castsi256_si128(levels), l1 = _mm256_extracti128_si256(levels, 1);
            float* ys = y + 32 * s;
            _mm256_storeu_ps(ys, _mm256_sub_ps(_mm256_mul_ps(ds, bytesToFloatsU(l0)), ms));
            _mm256_storeu_ps(ys + 8, _mm256_sub_ps(_mm256_mul_ps(ds, bytesToFloatsU(_mm_srli_si128(l0, 8))), ms));
            _mm256_storeu_ps(ys + 16, _mm256_sub_ps(_mm256_mul_ps(ds, bytesToFloatsU(l1)), ms));
            _mm256_storeu_ps(ys + 24, _mm256_sub_ps(_mm256_mul_ps(ds, bytesToFloatsU(_mm_srli_si128(l1, 8))), ms));
        }
    }
}

// Q6_K: in each half of 128 weights, weights j, j+32, j+64, j+96 (j < 32) take ql[j] low, ql[j+32] low,
// ql[j] high, ql[j+32] high nibbles and bits 0-1, 2-3, 4-5, 6-7 of qh[j]; weight = d * sc * (q - 32)
// with the 16-weight sub-block's signed scale sc.
void dequantRowQ6_K(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const BlockQ6_K*>(src);
    const __m256i low4 = _mm256_set1_epi8(0x0F), low2 = _mm256_set1_epi8(0x03), bias = _mm256_set1_epi8(32);
    for (int64_t b = 0; b < n / kBlockK; ++b, y += kBlockK) {
        const float d = halfToFloat(x[b].d);
        for (int half = 0; half < 2; ++half) {
            const uint8_t* ql = x[b].ql + 64 * half;
            const __m256i qh = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x[b].qh + 32 * half));
            const __m256i ql0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ql));
            const __m256i ql1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ql + 32));
            __m256i q[4];
            q[0] = _mm256_or_si256(_mm256_and_si256(ql0, low4), _mm256_slli_epi16(_mm256_and_si256(qh, low2), 4));
            q[1] = _mm256_or_si256(_mm256_and_si256(ql1, low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2), low2), 4));
            q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql0, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 4), low2), 4));
            q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql1, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 6), low2), 4));
            const int8_t* sc = x[b].scales + 8 * half;
            float* yh = y + 128 * half;
            for (int g = 0; g < 4; ++g) {
                const __m256i centred = _mm256_sub_epi8(q[g], bias);  // -32..31
                for (int k = 0; k < 2; ++k) {  // weights 32g + 16k .. +16 share scale sc[2g + k]
                    const __m256 scale = _mm256_set1_ps(d * static_cast<float>(sc[2 * g + k]));
                    const __m128i part = k == 0 ? _mm256_castsi256_si128(centred) : _mm256_extracti128_si256(centred, 1);
                    float* out = yh + 32 * g + 16 * k;
                    _mm256_storeu_ps(out, _mm256_mul_ps(scale, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(part))));
                    _mm256_storeu_ps(out + 8,
                                     _mm256_mul_ps(scale, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(part, 8)))));
                }
            }
        }
    }
}

}  // namespace qd::avx2
