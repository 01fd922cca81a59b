// The lab's dot product, AVX2 tier (built with -mavx2 -mfma; chosen at run time by labDotFor).
#include <immintrin.h>

#include "core/lab/lab_dot.h"
#include "core/lab/lab_dot_impl.h"

namespace qd::lab::avx2 {

namespace {

inline float hsum(__m256 v) {
    const __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 t = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(t, _mm_shuffle_ps(t, t, 1)));
}

struct Tier {
    static void codes4(const uint8_t* qs, int qk, float* out) {
        const int half = qk / 2;
        int j = 0;
        const __m128i mask = _mm_set1_epi8(0x0F);
        for (; j + 8 <= half; j += 8) {
            const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(qs + j));
            const __m128i lo = _mm_and_si128(b, mask), hi = _mm_and_si128(_mm_srli_epi16(b, 4), mask);
            _mm256_storeu_ps(out + j, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(lo)));
            _mm256_storeu_ps(out + j + half, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(hi)));
        }
        for (; j < half; ++j) {
            out[j] = float(qs[j] & 0x0F);
            out[j + half] = float(qs[j] >> 4);
        }
    }
    // The table's 16 values in two registers: each index picks from both halves, bit 3 chooses.
    static void codebook4(const uint8_t* qs, int qk, const float* table, float* out) {
        const int half = qk / 2;
        const __m256 t0 = _mm256_loadu_ps(table), t1 = _mm256_loadu_ps(table + 8);
        const __m128i mask = _mm_set1_epi8(0x0F);
        const __m256i seven = _mm256_set1_epi32(7);
        auto look = [&](__m256i idx) {
            const __m256 lo = _mm256_permutevar8x32_ps(t0, idx), hi = _mm256_permutevar8x32_ps(t1, idx);
            return _mm256_blendv_ps(lo, hi, _mm256_castsi256_ps(_mm256_cmpgt_epi32(idx, seven)));
        };
        int j = 0;
        for (; j + 8 <= half; j += 8) {
            const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(qs + j));
            const __m128i lo = _mm_and_si128(b, mask), hi = _mm_and_si128(_mm_srli_epi16(b, 4), mask);
            _mm256_storeu_ps(out + j, look(_mm256_cvtepu8_epi32(lo)));
            _mm256_storeu_ps(out + j + half, look(_mm256_cvtepu8_epi32(hi)));
        }
        for (; j < half; ++j) {
            out[j] = table[qs[j] & 0x0F];
            out[j + half] = table[qs[j] >> 4];
        }
    }
    static void codes8(const uint8_t* in, int qk, bool isSigned, float* out) {
        int j = 0;
        for (; j + 8 <= qk; j += 8) {
            const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(in + j));
            const __m256i w = isSigned ? _mm256_cvtepi8_epi32(b) : _mm256_cvtepu8_epi32(b);
            _mm256_storeu_ps(out + j, _mm256_cvtepi32_ps(w));
        }
        for (; j < qk; ++j) out[j] = isSigned ? float(int8_t(in[j])) : float(in[j]);
    }
    static float dot(const float* a, const float* b, int n) {
        __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
            s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
        }
        for (; i + 8 <= n; i += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        float s = hsum(_mm256_add_ps(s0, s1));
        for (; i < n; ++i) s += a[i] * b[i];
        return s;
    }
    static float sum(const float* a, int n) {
        __m256 s0 = _mm256_setzero_ps();
        int i = 0;
        for (; i + 8 <= n; i += 8) s0 = _mm256_add_ps(s0, _mm256_loadu_ps(a + i));
        float s = hsum(s0);
        for (; i < n; ++i) s += a[i];
        return s;
    }
};

}  // namespace

float labDot(const BlockFormat& format, const uint8_t* row, const float* activations, int64_t n) {
    return detail::labDotGeneric<Tier>(format, row, activations, n);
}

}  // namespace qd::lab::avx2
