// AVX2 activation quantizers: floats -> F16 / BF16 / Q8_0 / Q8_1 / Q8_K, byte-identical to the
// scalar references (core/quant/kernels/act_quant_ref.cpp), including their rounding rules.
#include <cmath>

#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/kernels/kernel_set.h"
#include "core/quant/x86/avx2/avx2_helpers.h"

namespace qd::avx2 {

namespace {

// Nearest integer, ties to even, as the reference's nearbyint (and llama.cpp's x86 quantizer).
inline __m256i roundToInt(__m256 v) {
    return _mm256_cvttps_epi32(_mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}

// Four vectors of 8 int32 (each within int8 range) -> 32 int8 in order.
inline __m256i packToBytes(__m256i i0, __m256i i1, __m256i i2, __m256i i3) {
    const __m256i w01 = _mm256_packs_epi32(i0, i1);
    const __m256i w23 = _mm256_packs_epi32(i2, i3);
    const __m256i bytes = _mm256_packs_epi16(w01, w23);
    // The packs work per 128-bit lane; put the 4-byte groups back in element order.
    return _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

// One Q8_0 / Q8_1 block: stores the 32 levels, returns d and (through qsum) their sum.
inline float quantizeBlock32(const float* x, int8_t* qs, int* qsum) {
    const __m256 v0 = _mm256_loadu_ps(x), v1 = _mm256_loadu_ps(x + 8);
    const __m256 v2 = _mm256_loadu_ps(x + 16), v3 = _mm256_loadu_ps(x + 24);
    const __m256 m = _mm256_max_ps(_mm256_max_ps(absPs(v0), absPs(v1)), _mm256_max_ps(absPs(v2), absPs(v3)));
    const float amax = hmax(m);
    const float d = amax / 127.0f;
    const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
    const __m256 scale = _mm256_set1_ps(id);
    const __m256i i0 = roundToInt(_mm256_mul_ps(v0, scale));
    const __m256i i1 = roundToInt(_mm256_mul_ps(v1, scale));
    const __m256i i2 = roundToInt(_mm256_mul_ps(v2, scale));
    const __m256i i3 = roundToInt(_mm256_mul_ps(v3, scale));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(qs), packToBytes(i0, i1, i2, i3));
    if (qsum) {
        const __m256i s = _mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3));
        __m128i x = _mm_add_epi32(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
        x = _mm_add_epi32(x, _mm_shuffle_epi32(x, 0x4E));
        x = _mm_add_epi32(x, _mm_shuffle_epi32(x, 0xB1));
        *qsum = _mm_cvtsi128_si32(x);
    }
    return d;
}

}  // namespace

void fromFloatF16(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<uint16_t*>(dst);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(src + i), _MM_FROUND_TO_NEAREST_INT);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), h);
    }
    for (; i < n; ++i) out[i] = floatToHalf(src[i]);
}

// Round to nearest even on the upper 16 bits; NaNs are made quiet instead of rounded (which could
// carry them into infinity).
void fromFloatBF16(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<uint16_t*>(dst);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 f = _mm256_loadu_ps(src + i);
        const __m256i bits = _mm256_castps_si256(f);
        const __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(bits, 16), _mm256_set1_epi32(1));
        const __m256i rounded =
            _mm256_srli_epi32(_mm256_add_epi32(bits, _mm256_add_epi32(lsb, _mm256_set1_epi32(0x7FFF))), 16);
        const __m256i quietNan = _mm256_or_si256(_mm256_srli_epi32(bits, 16), _mm256_set1_epi32(0x40));
        const __m256i isNan = _mm256_castps_si256(_mm256_cmp_ps(f, f, _CMP_UNORD_Q));
        const __m256i r = _mm256_blendv_epi8(rounded, quietNan, isNan);
        // 8 int32 holding 16-bit values -> 8 uint16.
        const __m128i packed = _mm_packus_epi32(_mm256_castsi256_si128(r), _mm256_extracti128_si256(r, 1));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), packed);
    }
    for (; i < n; ++i) out[i] = floatToBf16(src[i]);
}

void fromFloatQ8_0(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<BlockQ8_0*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float d = quantizeBlock32(src + b * kBlock32, out[b].qs, nullptr);
        out[b].d = _cvtss_sh(d, _MM_FROUND_TO_NEAREST_INT);
    }
}

void fromFloatQ8_1(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<BlockQ8_1*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        int qsum = 0;
        const float d = quantizeBlock32(src + b * kBlock32, out[b].qs, &qsum);
        out[b].d = _cvtss_sh(d, _MM_FROUND_TO_NEAREST_INT);
        out[b].s = _cvtss_sh(static_cast<float>(qsum) * d, _MM_FROUND_TO_NEAREST_INT);
    }
}

// Q8_K: scale from the first element of largest magnitude, levels rounded half to even (vcvtps2dq
// under the default rounding mode), clamped to 127 as the reference does.
void fromFloatQ8_K(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<BlockQ8_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const float* x = src + b * kBlockK;
        BlockQ8_K& y = out[b];
        __m256 m = _mm256_setzero_ps();
        for (int j = 0; j < kBlockK; j += 8) m = _mm256_max_ps(m, absPs(_mm256_loadu_ps(x + j)));
        const float amax = hmax(m);
        if (amax == 0.0f) {
            std::memset(&y, 0, sizeof(y));
            continue;
        }
        float max = 0.0f;
        const __m256 target = _mm256_set1_ps(amax);
        for (int j = 0; j < kBlockK; j += 8) {
            const int hits = _mm256_movemask_ps(_mm256_cmp_ps(absPs(_mm256_loadu_ps(x + j)), target, _CMP_EQ_OQ));
            if (hits != 0) {
                max = x[j + __builtin_ctz(static_cast<unsigned>(hits))];
                break;
            }
        }
        const float iscale = -127.0f / max;
        const __m256 scale = _mm256_set1_ps(iscale);
        const __m256i limit = _mm256_set1_epi32(127);
        for (int j = 0; j < kBlockK; j += 32) {
            __m256i i[4];
            for (int k = 0; k < 4; ++k) {
                i[k] = _mm256_min_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(x + j + 8 * k), scale)),
                                        limit);
            }
            const __m256i bytes = packToBytes(i[0], i[1], i[2], i[3]);
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(y.qs + j), bytes);
            // Sums of each 16 levels: widen to int16, add neighbours pairwise down to one per 16.
            const __m256i pairs = _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_set1_epi8(1), bytes),
                                                    _mm256_set1_epi16(1));  // 8 sums of 4
            const __m128i lo = _mm256_castsi256_si128(pairs), hi = _mm256_extracti128_si256(pairs, 1);
            const __m128i both = _mm_hadd_epi32(lo, hi);  // sums of 8: [l0 l1 h0 h1]
            const __m128i sums16 = _mm_hadd_epi32(both, both);  // [l, h, l, h]
            y.bsums[j / 16] = static_cast<int16_t>(_mm_cvtsi128_si32(sums16));
            y.bsums[j / 16 + 1] = static_cast<int16_t>(_mm_extract_epi32(sums16, 1));
        }
        y.d = 1.0f / iscale;
    }
}

}  // namespace qd::avx2
