// AVX-512 dot products: the float types on 512-bit registers (masked tails instead of scalar loops),
// and the int8 products on VNNI's vpdpbusd, which multiplies unsigned by signed bytes and adds four
// products straight into int32 (one instruction where AVX2 needs vpmaddubsw + vpmaddwd, and no int16
// saturation). The 32-weight types stay on 256-bit registers, one block per register; Q4_K and Q6_K
// use 512-bit registers covering two or four sub-blocks and apply the sub-block scales in float.
//
// The dispatcher selects these only on CPUs with AVX-512 F/BW/VL/DQ and VNNI (cpu_features.h); the
// other weight types run their AVX2 kernels at this level.
// GCC 12 warns inside its own AVX-512 headers (their "undefined" pass-through registers, GCC bug
// 105593, fixed in GCC 13) at every use of intrinsics such as _mm512_cvtph_ps; the warning is about the
// header, not this code.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>

#include <cstring>

#include "core/quant/blocks.h"
#include "core/quant/kernels/format_helpers.h"
#include "core/quant/kernels/kernel_set.h"

namespace qd::avx512 {

namespace {

inline float halfToFloat(uint16_t h) { return _cvtsh_ss(h); }

inline __m256i load32(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }

inline float hsum256(__m256 v) {
    __m128 x = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    x = _mm_add_ss(x, _mm_movehdup_ps(x));
    return _mm_cvtss_f32(x);
}

// ---- float types ----------------------------------------------------------------------------------

inline __m512 loadF32(const void* p, int64_t i, __mmask16 m) {
    return _mm512_maskz_loadu_ps(m, static_cast<const float*>(p) + i);
}
inline __m512 loadF16(const void* p, int64_t i, __mmask16 m) {
    return _mm512_cvtph_ps(_mm256_maskz_loadu_epi16(m, static_cast<const uint16_t*>(p) + i));
}
inline __m512 loadBF16(const void* p, int64_t i, __mmask16 m) {
    const __m512i wide = _mm512_cvtepu16_epi32(_mm256_maskz_loadu_epi16(m, static_cast<const uint16_t*>(p) + i));
    return _mm512_castsi512_ps(_mm512_slli_epi32(wide, 16));
}

template <__m512 (*Load)(const void*, int64_t, __mmask16)>
float dotFloat(int64_t n, const void* w, const void* a) {
    const __mmask16 all = 0xFFFF;
    __m512 acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps();
    __m512 acc2 = _mm512_setzero_ps(), acc3 = _mm512_setzero_ps();
    int64_t i = 0;
    for (; i + 64 <= n; i += 64) {
        acc0 = _mm512_fmadd_ps(Load(w, i, all), Load(a, i, all), acc0);
        acc1 = _mm512_fmadd_ps(Load(w, i + 16, all), Load(a, i + 16, all), acc1);
        acc2 = _mm512_fmadd_ps(Load(w, i + 32, all), Load(a, i + 32, all), acc2);
        acc3 = _mm512_fmadd_ps(Load(w, i + 48, all), Load(a, i + 48, all), acc3);
    }
    for (; i + 16 <= n; i += 16) acc0 = _mm512_fmadd_ps(Load(w, i, all), Load(a, i, all), acc0);
    if (i < n) {
        // Masked loads neither read nor fault past the end of the row.
        const __mmask16 tail = static_cast<__mmask16>((1u << (n - i)) - 1u);
        acc1 = _mm512_fmadd_ps(Load(w, i, tail), Load(a, i, tail), acc1);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(acc0, acc1), _mm512_add_ps(acc2, acc3)));
}

// ---- 32-weight blocks with Q8_0 activations ---------------------------------------------------------

// Weights unpacked to 32 bytes in weight order (see the AVX2 version for the nibble layout).
inline __m256i unpackNibbles(const uint8_t* qs) {
    const __m256i v = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(qs)));
    return _mm256_and_si256(_mm256_srlv_epi64(v, _mm256_set_epi64x(4, 4, 0, 0)), _mm256_set1_epi8(0x0F));
}

// Signed x signed: move the weight's sign onto the activation so the weight can be read unsigned.
inline __m256i dotS8S8(__m256i w, __m256i a) {
    return _mm256_dpbusd_epi32(_mm256_setzero_si256(), _mm256_sign_epi8(w, w), _mm256_sign_epi8(a, w));
}

inline __m256i q8_0Sums(const BlockQ8_0& w, const BlockQ8_0& a) { return dotS8S8(load32(w.qs), load32(a.qs)); }

// (q - 8) * a = q * a - 8 * a, both unsigned-by-signed.
inline __m256i q4_0Sums(const BlockQ4_0& w, const BlockQ8_0& a) {
    const __m256i qa = load32(a.qs);
    const __m256i eights = _mm256_dpbusd_epi32(_mm256_setzero_si256(), _mm256_set1_epi8(8), qa);
    return _mm256_sub_epi32(_mm256_dpbusd_epi32(_mm256_setzero_si256(), unpackNibbles(w.qs), qa), eights);
}

inline __m256i iq4nlSums(const BlockIQ4_NL& w, const BlockQ8_0& a) {
    const __m256i levels = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(fmt::kIq4Levels)));
    return dotS8S8(_mm256_shuffle_epi8(levels, unpackNibbles(w.qs)), load32(a.qs));
}

template <typename W, __m256i (*Sums)(const W&, const BlockQ8_0&)>
float dotSymmetric(int64_t n, const void* weights, const void* activations) {
    const W* w = static_cast<const W*>(weights);
    const BlockQ8_0* a = static_cast<const BlockQ8_0*>(activations);
    const int64_t nb = n / kBlock32;
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    int64_t b = 0;
    for (; b + 2 <= nb; b += 2) {
        const __m256i s0 = Sums(w[b], a[b]);
        const __m256i s1 = Sums(w[b + 1], a[b + 1]);
        // The four halves dw0 da0 dw1 da1 through one conversion (as the AVX2 version does).
        const uint64_t bits = static_cast<uint64_t>(w[b].d) | (static_cast<uint64_t>(a[b].d) << 16) |
                              (static_cast<uint64_t>(w[b + 1].d) << 32) | (static_cast<uint64_t>(a[b + 1].d) << 48);
        const __m128 f = _mm_cvtph_ps(_mm_cvtsi64_si128(static_cast<long long>(bits)));
        const __m128 scales = _mm_mul_ps(f, _mm_movehdup_ps(f));  // dw0*da0 in lane 0, dw1*da1 in lane 2
        acc0 = _mm256_fmadd_ps(_mm256_broadcastss_ps(scales), _mm256_cvtepi32_ps(s0), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_broadcastss_ps(_mm_movehl_ps(scales, scales)), _mm256_cvtepi32_ps(s1), acc1);
    }
    if (b < nb) {
        const float d0 = halfToFloat(w[b].d) * halfToFloat(a[b].d);
        acc0 = _mm256_fmadd_ps(_mm256_set1_ps(d0), _mm256_cvtepi32_ps(Sums(w[b], a[b])), acc0);
    }
    return hsum256(_mm256_add_ps(acc0, acc1));
}

}  // namespace

float dotF32(int64_t n, const void* w, const void* a) { return dotFloat<loadF32>(n, w, a); }
float dotF16(int64_t n, const void* w, const void* a) { return dotFloat<loadF16>(n, w, a); }
float dotBF16(int64_t n, const void* w, const void* a) { return dotFloat<loadBF16>(n, w, a); }

float dotQ8_0(int64_t n, const void* w, const void* a) { return dotSymmetric<BlockQ8_0, q8_0Sums>(n, w, a); }
float dotQ4_0(int64_t n, const void* w, const void* a) { return dotSymmetric<BlockQ4_0, q4_0Sums>(n, w, a); }
float dotIQ4_NL(int64_t n, const void* w, const void* a) {
    return dotSymmetric<BlockIQ4_NL, iq4nlSums>(n, w, a);
}

// ---- K-quants with Q8_K activations ------------------------------------------------------------------

// Q4_K: per 64 weights one 512-bit register [low nibbles | high nibbles] = sub-blocks 2c and 2c + 1,
// matching 64 consecutive activations; vpdpbusd gives 16 int32 (8 per sub-block), scaled in float by
// d * scale of the sub-block. Minimums: dmin * sum_j min_j * (bsums[2j] + bsums[2j+1]).
float dotQ4_K(int64_t n, const void* weights, const void* activations) {
    const BlockQ4_K* w = static_cast<const BlockQ4_K*>(weights);
    const BlockQ8_K* a = static_cast<const BlockQ8_K*>(activations);
    const __m512i lowNibbles = _mm512_set1_epi8(0x0F);
    const __m512i nibbleShift = _mm512_set_epi64(4, 4, 4, 4, 0, 0, 0, 0);
    __m512 acc = _mm512_setzero_ps();
    __m128 accMin = _mm_setzero_ps();
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const float d = a[b].d * halfToFloat(w[b].d);
        const float dmin = a[b].d * halfToFloat(w[b].dmin);
        uint32_t u[3];
        std::memcpy(u, w[b].scales, 12);
        const uint32_t scales[2] = {u[0] & 0x3F3F3F3Fu, (u[2] & 0x0F0F0F0Fu) | (((u[0] >> 6) & 0x03030303u) << 4)};
        const uint32_t mins[2] = {u[1] & 0x3F3F3F3Fu, ((u[2] >> 4) & 0x0F0F0F0Fu) | (((u[1] >> 6) & 0x03030303u) << 4)};
        uint64_t scaleBytes, minBytes;
        std::memcpy(&scaleBytes, scales, 8);
        std::memcpy(&minBytes, mins, 8);

        const __m128i mins16 = _mm_cvtepu8_epi16(_mm_cvtsi64_si128(static_cast<long long>(minBytes)));
        const __m128i pairSums = _mm_hadd_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a[b].bsums)),
                                                _mm_loadu_si128(reinterpret_cast<const __m128i*>(a[b].bsums + 8)));
        accMin = _mm_fmadd_ps(_mm_set1_ps(dmin), _mm_cvtepi32_ps(_mm_madd_epi16(mins16, pairSums)), accMin);

        // d * scale_j for j = 0..7 in the low 8 lanes.
        const __m256 scaled = _mm256_mul_ps(
            _mm256_set1_ps(d),
            _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_cvtsi64_si128(static_cast<long long>(scaleBytes)))));
        const __m512 scaledZ = _mm512_castps256_ps512(scaled);
        for (int c = 0; c < 4; ++c) {
            const __m512i packed = _mm512_broadcast_i64x4(load32(w[b].qs + 32 * c));
            const __m512i q = _mm512_and_si512(_mm512_srlv_epi64(packed, nibbleShift), lowNibbles);
            const __m512i qa = _mm512_loadu_si512(a[b].qs + 64 * c);
            const __m512i sums = _mm512_dpbusd_epi32(_mm512_setzero_si512(), q, qa);
            const __m512i pick = _mm512_set_epi32(2 * c + 1, 2 * c + 1, 2 * c + 1, 2 * c + 1, 2 * c + 1, 2 * c + 1,
                                                  2 * c + 1, 2 * c + 1, 2 * c, 2 * c, 2 * c, 2 * c, 2 * c, 2 * c,
                                                  2 * c, 2 * c);
            acc = _mm512_fmadd_ps(_mm512_permutexvar_ps(pick, scaledZ), _mm512_cvtepi32_ps(sums), acc);
        }
    }
    __m128 m = accMin;
    m = _mm_add_ps(m, _mm_movehl_ps(m, m));
    m = _mm_add_ss(m, _mm_movehdup_ps(m));
    return _mm512_reduce_add_ps(acc) - _mm_cvtss_f32(m);
}

// Q6_K: per half (128 weights) two 512-bit registers of levels 0..63 in weight order, built from the
// 64 ql bytes and the 32 qh bytes with per-half variable shifts; vpdpbusd gives 16 int32, four per
// 16-weight sub-block. The "- 32" of every level is 32 * sum_k scale_k * bsum_k.
float dotQ6_K(int64_t n, const void* weights, const void* activations) {
    const BlockQ6_K* w = static_cast<const BlockQ6_K*>(weights);
    const BlockQ8_K* a = static_cast<const BlockQ8_K*>(activations);
    const __m512i lowNibbles = _mm512_set1_epi8(0x0F);
    const __m512i highMask = _mm512_set1_epi8(0x30);
    // Levels 0-31 take qh bits 0-1 (<< 4), levels 32-63 bits 2-3 (<< 2); 64-95 bits 4-5, 96-127 bits 6-7 (>> 2).
    const __m512i shiftFirst = _mm512_inserti64x4(_mm512_set1_epi16(4), _mm256_set1_epi16(2), 1);
    const __m512i shiftSecond = _mm512_inserti64x4(_mm512_set1_epi16(0), _mm256_set1_epi16(2), 1);
    const __m512i pickLow = _mm512_set_epi32(3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0);
    __m512 acc = _mm512_setzero_ps();
    __m256 accOffset = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const float d = a[b].d * halfToFloat(w[b].d);
        const __m128i scales8 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w[b].scales));
        const __m256i scales16 = _mm256_cvtepi8_epi16(scales8);
        const __m256i offset = _mm256_madd_epi16(scales16, load32(a[b].bsums));
        accOffset = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(offset), accOffset);
        const __m512 scaled = _mm512_mul_ps(_mm512_set1_ps(d), _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(scales8)));
        for (int h = 0; h < 2; ++h) {
            const __m512i ql = _mm512_loadu_si512(w[b].ql + 64 * h);
            const __m512i qh = _mm512_broadcast_i64x4(load32(w[b].qh + 32 * h));
            const __m512i q01 = _mm512_or_si512(_mm512_and_si512(ql, lowNibbles),
                                                _mm512_and_si512(_mm512_sllv_epi16(qh, shiftFirst), highMask));
            const __m512i q23 = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(ql, 4), lowNibbles),
                                                _mm512_and_si512(_mm512_srlv_epi16(qh, shiftSecond), highMask));
            const int8_t* qa = a[b].qs + 128 * h;
            const __m512i s01 = _mm512_dpbusd_epi32(_mm512_setzero_si512(), q01, _mm512_loadu_si512(qa));
            const __m512i s23 = _mm512_dpbusd_epi32(_mm512_setzero_si512(), q23, _mm512_loadu_si512(qa + 64));
            const __m512i base = _mm512_set1_epi32(8 * h);
            const __m512 sc01 = _mm512_permutexvar_ps(_mm512_add_epi32(pickLow, base), scaled);
            const __m512 sc23 =
                _mm512_permutexvar_ps(_mm512_add_epi32(pickLow, _mm512_add_epi32(base, _mm512_set1_epi32(4))), scaled);
            acc = _mm512_fmadd_ps(sc01, _mm512_cvtepi32_ps(s01), acc);
            acc = _mm512_fmadd_ps(sc23, _mm512_cvtepi32_ps(s23), acc);
        }
    }
    return _mm512_reduce_add_ps(acc) - 32.0f * hsum256(accOffset);
}

}  // namespace qd::avx512
