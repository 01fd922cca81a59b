// The lab's dot product, AVX-512 tier (built with the AVX-512 flags; chosen at run time by labDotFor).
// GCC 12 warns inside its own AVX-512 headers (GCC bug 105593, fixed in 13), as in core/quant's AVX-512 kernels.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>

#include "core/lab/lab_dot.h"
#include "core/lab/lab_dot_impl.h"

namespace qd::lab::avx512 {

namespace {

struct Tier {
    static void codes4(const uint8_t* qs, int qk, float* out) {
        const int half = qk / 2;
        int j = 0;
        const __m128i mask = _mm_set1_epi8(0x0F);
        for (; j + 16 <= half; j += 16) {
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(qs + j));
            const __m128i lo = _mm_and_si128(b, mask), hi = _mm_and_si128(_mm_srli_epi16(b, 4), mask);
            _mm512_storeu_ps(out + j, _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(lo)));
            _mm512_storeu_ps(out + j + half, _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(hi)));
        }
        for (; j < half; ++j) {
            out[j] = float(qs[j] & 0x0F);
            out[j + half] = float(qs[j] >> 4);
        }
    }
    // The table's 16 values in one register, indexed by a permute.
    static void codebook4(const uint8_t* qs, int qk, const float* table, float* out) {
        const int half = qk / 2;
        const __m512 t = _mm512_loadu_ps(table);
        const __m128i mask = _mm_set1_epi8(0x0F);
        int j = 0;
        for (; j + 16 <= half; j += 16) {
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(qs + j));
            const __m128i lo = _mm_and_si128(b, mask), hi = _mm_and_si128(_mm_srli_epi16(b, 4), mask);
            _mm512_storeu_ps(out + j, _mm512_permutexvar_ps(_mm512_cvtepu8_epi32(lo), t));
            _mm512_storeu_ps(out + j + half, _mm512_permutexvar_ps(_mm512_cvtepu8_epi32(hi), t));
        }
        for (; j < half; ++j) {
            out[j] = table[qs[j] & 0x0F];
            out[j + half] = table[qs[j] >> 4];
        }
    }
    static void codes8(const uint8_t* in, int qk, bool isSigned, float* out) {
        int j = 0;
        for (; j + 16 <= qk; j += 16) {
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + j));
            const __m512i w = isSigned ? _mm512_cvtepi8_epi32(b) : _mm512_cvtepu8_epi32(b);
            _mm512_storeu_ps(out + j, _mm512_cvtepi32_ps(w));
        }
        for (; j < qk; ++j) out[j] = isSigned ? float(int8_t(in[j])) : float(in[j]);
    }
    static float dot(const float* a, const float* b, int n) {
        __m512 s0 = _mm512_setzero_ps();
        int i = 0;
        for (; i + 16 <= n; i += 16) s0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), s0);
        float s = _mm512_reduce_add_ps(s0);
        for (; i < n; ++i) s += a[i] * b[i];
        return s;
    }
    static float sum(const float* a, int n) {
        __m512 s0 = _mm512_setzero_ps();
        int i = 0;
        for (; i + 16 <= n; i += 16) s0 = _mm512_add_ps(s0, _mm512_loadu_ps(a + i));
        float s = _mm512_reduce_add_ps(s0);
        for (; i < n; ++i) s += a[i];
        return s;
    }
};

}  // namespace

float labDot(const BlockFormat& format, const uint8_t* row, const float* activations, int64_t n) {
    return detail::labDotGeneric<Tier>(format, row, activations, n);
}

}  // namespace qd::lab::avx512
