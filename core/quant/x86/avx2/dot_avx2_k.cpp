// AVX2 dot products of the 256-weight super-block types (Q2_K..Q6_K, IQ4_XS) with Q8_K activations.
//
// Per super-block the integer sums stay in int32 vectors (vpmaddubsw levels x activations -> int16
// pairs, vpmaddwd against the sub-block scales broadcast per lane -> int32) and meet the float scales
// once. Constant level offsets (Q3_K's -4, Q6_K's -32) and the minimums of Q2_K/Q4_K/Q5_K are folded
// in through Q8_K's bsums (sum of every 16 activations): sum_k scale_k * bsum_k is one vpmaddwd, so
// the weights stay unsigned and no extra work is spent per weight.
#include <type_traits>

#include "core/quant/blocks.h"
#include "core/quant/kernels/format_helpers.h"
#include "core/quant/kernels/kernel_set.h"
#include "core/quant/x86/avx2/avx2_helpers.h"

namespace qd::avx2 {

namespace {

// A function, not a namespace-scope constant: a static initializer must not run AVX2 code on a CPU
// that lacks it.
inline __m256i lowNibbleMask() { return _mm256_set1_epi8(0x0F); }

inline __m256i loadBsums(const BlockQ8_K& a) { return load32(a.bsums); }

// Q4_K / Q5_K: 8 six-bit scales and mins from the 12 packed bytes (layout in format_helpers.h),
// with 32-bit operations on four values at a time.
inline void unpackScalesMinsK4(const uint8_t* packed, uint32_t scales[2], uint32_t mins[2]) {
    uint32_t u[3];
    std::memcpy(u, packed, 12);
    scales[0] = u[0] & 0x3F3F3F3Fu;
    mins[0] = u[1] & 0x3F3F3F3Fu;
    scales[1] = (u[2] & 0x0F0F0F0Fu) | (((u[0] >> 6) & 0x03030303u) << 4);
    mins[1] = ((u[2] >> 4) & 0x0F0F0F0Fu) | (((u[1] >> 6) & 0x03030303u) << 4);
}

// 8 unsigned bytes -> 8 int16 in both lanes.
inline __m256i widenBytesBothLanes(const uint32_t v[2]) {
    const uint64_t bytes = (static_cast<uint64_t>(v[1]) << 32) | v[0];
    return _mm256_broadcastsi128_si256(_mm_cvtepu8_epi16(_mm_cvtsi64_si128(static_cast<long long>(bytes))));
}

// Sum over the 8 sub-blocks of 32 of mins[j] * (bsums[2j] + bsums[2j+1]): 4 int32.
inline __m128i minsTimesBsums(const uint32_t mins[2], const BlockQ8_K& a) {
    const uint64_t bytes = (static_cast<uint64_t>(mins[1]) << 32) | mins[0];
    const __m128i mins16 = _mm_cvtepu8_epi16(_mm_cvtsi64_si128(static_cast<long long>(bytes)));
    const __m128i pairSums = _mm_hadd_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a.bsums)),
                                            _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.bsums + 8)));
    return _mm_madd_epi16(mins16, pairSums);
}

// Q4_K / Q5_K share everything but the fifth bit, added by HighBits (a no-op for Q4_K).
template <typename W, bool kFiveBits>
float dotK4(int64_t n, const void* weights, const void* activations) {
    const W* w = static_cast<const W*>(weights);
    const BlockQ8_K* a = static_cast<const BlockQ8_K*>(activations);
    __m256 acc = _mm256_setzero_ps();
    __m128 accMin = _mm_setzero_ps();
    const int64_t nb = n / kBlockK;
    for (int64_t b = 0; b < nb; ++b) {
        prefetchBlock<sizeof(W)>(w + nb + b);
        const float d = a[b].d * halfToFloat(w[b].d);
        const float dmin = a[b].d * halfToFloat(w[b].dmin);
        uint32_t scales[2], mins[2];
        unpackScalesMinsK4(w[b].scales, scales, mins);
        accMin = _mm_fmadd_ps(_mm_set1_ps(dmin), _mm_cvtepi32_ps(minsTimesBsums(mins, a[b])), accMin);

        const __m256i scales16 = widenBytesBothLanes(scales);
        const int8_t* qa = a[b].qs;
        __m256i highBits = _mm256_setzero_si256();
        if constexpr (kFiveBits) highBits = load32(w[b].qh);
        __m256i sumLo = _mm256_setzero_si256(), sumHi = _mm256_setzero_si256();
        // 64 weights per step: the low nibbles are sub-block 2c, the high nibbles sub-block 2c + 1.
        auto step = [&](auto cTag) {
            constexpr int c = decltype(cTag)::value;
            const __m256i q = load32(w[b].qs + 32 * c);
            __m256i lo = _mm256_and_si256(q, lowNibbleMask());
            __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), lowNibbleMask());
            if constexpr (kFiveBits) {
                lo = _mm256_or_si256(lo, moveBit<2 * c, 4>(highBits));
                hi = _mm256_or_si256(hi, moveBit<2 * c + 1, 4>(highBits));
            }
            const __m256i pLo = _mm256_maddubs_epi16(lo, load32(qa + 64 * c));
            const __m256i pHi = _mm256_maddubs_epi16(hi, load32(qa + 64 * c + 32));
            sumLo = _mm256_add_epi32(sumLo,
                                     _mm256_madd_epi16(pLo, _mm256_shuffle_epi8(scales16, broadcastWordMask(2 * c))));
            sumHi = _mm256_add_epi32(
                sumHi, _mm256_madd_epi16(pHi, _mm256_shuffle_epi8(scales16, broadcastWordMask(2 * c + 1))));
        };
        step(std::integral_constant<int, 0>{});
        step(std::integral_constant<int, 1>{});
        step(std::integral_constant<int, 2>{});
        step(std::integral_constant<int, 3>{});
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(_mm256_add_epi32(sumLo, sumHi)), acc);
    }
    return hsum(acc) - hsum(accMin);
}

// Q2_K and Q3_K: weight 128h + 32s + l is bits 2s..2s+1 of qs[32h + l]; sub-blocks of 16, so one
// 32-weight vector holds sub-block 8h + 2s in its low lane and 8h + 2s + 1 in its high lane.
// scales16 holds the 16 signed scales as int16 (low lane 0..7, high lane 8..15).
template <bool kQ3>
__attribute__((always_inline)) inline __m256i sumsTwoBit(const uint8_t* qs, const uint8_t* hmask, const int8_t* qa, __m256i scales16) {
    const __m256i scalesFirst = _mm256_permute4x64_epi64(scales16, 0x44);   // 0..7 in both lanes
    const __m256i scalesSecond = _mm256_permute4x64_epi64(scales16, 0xEE);  // 8..15 in both lanes
    const __m256i twoBits = _mm256_set1_epi8(3);
    __m256i hm = _mm256_setzero_si256();
    if constexpr (kQ3) hm = load32(hmask);
    __m256i sum0 = _mm256_setzero_si256(), sum1 = _mm256_setzero_si256();
    auto step = [&](auto hTag, auto sTag) {
        constexpr int h = decltype(hTag)::value, s = decltype(sTag)::value;
        const __m256i packed = load32(qs + 32 * h);
        __m256i q = _mm256_and_si256(_mm256_srli_epi16(packed, 2 * s), twoBits);
        if constexpr (kQ3) q = _mm256_or_si256(q, moveBit<4 * h + s, 2>(hm));  // + 4 when the high bit is set
        const __m256i p = _mm256_maddubs_epi16(q, load32(qa + 128 * h + 32 * s));
        const __m256i sc =
            _mm256_shuffle_epi8(h == 0 ? scalesFirst : scalesSecond, broadcastWordMask(2 * s, 2 * s + 1));
        if constexpr (s % 2 == 0) {
            sum0 = _mm256_add_epi32(sum0, _mm256_madd_epi16(p, sc));
        } else {
            sum1 = _mm256_add_epi32(sum1, _mm256_madd_epi16(p, sc));
        }
    };
    using I0 = std::integral_constant<int, 0>;
    using I1 = std::integral_constant<int, 1>;
    using I2 = std::integral_constant<int, 2>;
    using I3 = std::integral_constant<int, 3>;
    step(I0{}, I0{});
    step(I0{}, I1{});
    step(I0{}, I2{});
    step(I0{}, I3{});
    step(I1{}, I0{});
    step(I1{}, I1{});
    step(I1{}, I2{});
    step(I1{}, I3{});
    return _mm256_add_epi32(sum0, sum1);
}

}  // namespace

// Q2_K: d * da * sum_k sc_k * sum(q * qa) - dmin * da * sum_k m_k * bsum_k, sc/m 4-bit.
float dotQ2_K(int64_t n, const void* weights, const void* activations) {
    const BlockQ2_K* w = static_cast<const BlockQ2_K*>(weights);
    const BlockQ8_K* a = static_cast<const BlockQ8_K*>(activations);
    __m256 acc = _mm256_setzero_ps(), accMin = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const float d = a[b].d * halfToFloat(w[b].d);
        const float dmin = a[b].d * halfToFloat(w[b].dmin);
        const __m128i packed = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w[b].scales));
        const __m256i scales16 = _mm256_cvtepu8_epi16(_mm_and_si128(packed, _mm_set1_epi8(0x0F)));
        const __m256i mins16 = _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(packed, 4), _mm_set1_epi8(0x0F)));
        const __m256i minSums = _mm256_madd_epi16(mins16, loadBsums(a[b]));
        accMin = _mm256_fmadd_ps(_mm256_set1_ps(dmin), _mm256_cvtepi32_ps(minSums), accMin);
        const __m256i sums = sumsTwoBit<false>(w[b].qs, nullptr, a[b].qs, scales16);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sums), acc);
    }
    return hsum(_mm256_sub_ps(acc, accMin));
}

// Q3_K: levels q + 4*hbit in 0..7 are multiplied unsigned; the "- 4" is 4 * sum_k sc_k * bsum_k.
float dotQ3_K(int64_t n, const void* weights, const void* activations) {
    const BlockQ3_K* w = static_cast<const BlockQ3_K*>(weights);
    const BlockQ8_K* a = static_cast<const BlockQ8_K*>(activations);
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const float d = a[b].d * halfToFloat(w[b].d);
        // The 16 six-bit scales (layout in format_helpers.h) built in a register; going through a
        // stack array would stall on store forwarding (four 4-byte stores read as one 16-byte load).
        //   scales 0-3: low nibbles of bytes 0-3,  4-7: low nibbles of 4-7,  8-11: high nibbles of
        //   0-3, 12-15: high nibbles of 4-7; high two bits at bits 0-1, 2-3, 4-5, 6-7 of bytes 8-11.
        uint32_t u[3];
        std::memcpy(u, w[b].scales, 12);
        const __m128i words = _mm_setr_epi32(static_cast<int>(u[0]), static_cast<int>(u[1]), static_cast<int>(u[0]),
                                             static_cast<int>(u[1]));
        const __m128i low = _mm_and_si128(_mm_srlv_epi32(words, _mm_setr_epi32(0, 0, 4, 4)), _mm_set1_epi8(0x0F));
        const __m128i high = _mm_and_si128(_mm_srlv_epi32(_mm_set1_epi32(static_cast<int>(u[2])), _mm_setr_epi32(0, 2, 4, 6)),
                                           _mm_set1_epi8(0x03));
        const __m128i scales8 = _mm_sub_epi8(_mm_or_si128(low, _mm_slli_epi32(high, 4)), _mm_set1_epi8(32));
        const __m256i scales16 = _mm256_cvtepi8_epi16(scales8);
        const __m256i offset = _mm256_slli_epi32(_mm256_madd_epi16(scales16, loadBsums(a[b])), 2);
        const __m256i sums = sumsTwoBit<true>(w[b].qs, w[b].hmask, a[b].qs, scales16);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(_mm256_sub_epi32(sums, offset)), acc);
    }
    return hsum(acc);
}

float dotQ4_K(int64_t n, const void* w, const void* a) { return dotK4<BlockQ4_K, false>(n, w, a); }
float dotQ5_K(int64_t n, const void* w, const void* a) { return dotK4<BlockQ5_K, true>(n, w, a); }

// Q6_K: levels 0..63 multiplied unsigned; the "- 32" is 32 * sum_k sc_k * bsum_k.
float dotQ6_K(int64_t n, const void* weights, const void* activations) {
    const BlockQ6_K* w = static_cast<const BlockQ6_K*>(weights);
    const BlockQ8_K* a = static_cast<const BlockQ8_K*>(activations);
    const __m256i highMask = _mm256_set1_epi8(0x30);
    __m256 acc = _mm256_setzero_ps();
    const int64_t nb = n / kBlockK;
    for (int64_t b = 0; b < nb; ++b) {
        prefetchBlock<sizeof(BlockQ6_K)>(w + nb + b);
        const float d = a[b].d * halfToFloat(w[b].d);
        const __m256i scales16 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w[b].scales)));
        const __m256i offset = _mm256_slli_epi32(_mm256_madd_epi16(scales16, loadBsums(a[b])), 5);
        __m256i sum0 = _mm256_setzero_si256(), sum1 = _mm256_setzero_si256();
        for (int h = 0; h < 2; ++h) {
            const uint8_t* ql = w[b].ql + 64 * h;
            const __m256i qh = load32(w[b].qh + 32 * h);
            const __m256i ql0 = load32(ql);
            const __m256i ql1 = load32(ql + 32);
            // Weight 128h + 32g + l: see the reference kernel for the bit positions.
            const __m256i q0 = _mm256_or_si256(_mm256_and_si256(ql0, lowNibbleMask()),
                                               _mm256_and_si256(_mm256_slli_epi16(qh, 4), highMask));
            const __m256i q1 = _mm256_or_si256(_mm256_and_si256(ql1, lowNibbleMask()),
                                               _mm256_and_si256(_mm256_slli_epi16(qh, 2), highMask));
            const __m256i q2 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql0, 4), lowNibbleMask()),
                                               _mm256_and_si256(qh, highMask));
            const __m256i q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql1, 4), lowNibbleMask()),
                                               _mm256_and_si256(_mm256_srli_epi16(qh, 2), highMask));
            const int8_t* qa = a[b].qs + 128 * h;
            // The lane selector must be a compile-time constant (clang insists).
            const __m256i sc = h == 0 ? _mm256_permute4x64_epi64(scales16, 0x44) : _mm256_permute4x64_epi64(scales16, 0xEE);
            const __m256i p0 = _mm256_maddubs_epi16(q0, load32(qa));
            const __m256i p1 = _mm256_maddubs_epi16(q1, load32(qa + 32));
            const __m256i p2 = _mm256_maddubs_epi16(q2, load32(qa + 64));
            const __m256i p3 = _mm256_maddubs_epi16(q3, load32(qa + 96));
            sum0 = _mm256_add_epi32(sum0, _mm256_madd_epi16(p0, _mm256_shuffle_epi8(sc, broadcastWordMask(0, 1))));
            sum1 = _mm256_add_epi32(sum1, _mm256_madd_epi16(p1, _mm256_shuffle_epi8(sc, broadcastWordMask(2, 3))));
            sum0 = _mm256_add_epi32(sum0, _mm256_madd_epi16(p2, _mm256_shuffle_epi8(sc, broadcastWordMask(4, 5))));
            sum1 = _mm256_add_epi32(sum1, _mm256_madd_epi16(p3, _mm256_shuffle_epi8(sc, broadcastWordMask(6, 7))));
        }
        const __m256i total = _mm256_sub_epi32(_mm256_add_epi32(sum0, sum1), offset);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(total), acc);
    }
    return hsum(acc);
}

// IQ4_XS: levels from the 16-entry table by vpshufb (signed), per sub-block of 32 a signed scale.
float dotIQ4_XS(int64_t n, const void* weights, const void* activations) {
    const BlockIQ4_XS* w = static_cast<const BlockIQ4_XS*>(weights);
    const BlockQ8_K* a = static_cast<const BlockQ8_K*>(activations);
    const __m256i levels =
        _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(fmt::kIq4Levels)));
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const float d = a[b].d * halfToFloat(w[b].d);
        // Scale ib = nibble ib of scalesL | (bits 2ib..2ib+1 of scalesH) << 4, spread to bytes by pdep.
        uint32_t low;
        std::memcpy(&low, w[b].scalesL, 4);
        const uint64_t scaleBytes = _pdep_u64(low, 0x0F0F0F0F0F0F0F0Full) |
                                    (_pdep_u64(w[b].scalesH, 0x0303030303030303ull) << 4);
        const __m256i scales16 = _mm256_broadcastsi128_si256(_mm_sub_epi16(
            _mm_cvtepu8_epi16(_mm_cvtsi64_si128(static_cast<long long>(scaleBytes))), _mm_set1_epi16(32)));
        __m256i sum0 = _mm256_setzero_si256(), sum1 = _mm256_setzero_si256();
        for (int ib = 0; ib < 8; ib += 2) {
            const __m256i w0 = _mm256_shuffle_epi8(levels, unpackNibbles(w[b].qs + 16 * ib));
            const __m256i w1 = _mm256_shuffle_epi8(levels, unpackNibbles(w[b].qs + 16 * ib + 16));
            const __m256i a0 = load32(a[b].qs + 32 * ib);
            const __m256i a1 = load32(a[b].qs + 32 * ib + 32);
            const __m256i p0 = _mm256_maddubs_epi16(_mm256_sign_epi8(w0, w0), _mm256_sign_epi8(a0, w0));
            const __m256i p1 = _mm256_maddubs_epi16(_mm256_sign_epi8(w1, w1), _mm256_sign_epi8(a1, w1));
            sum0 = _mm256_add_epi32(sum0, _mm256_madd_epi16(p0, _mm256_shuffle_epi8(scales16, broadcastWordMask(ib))));
            sum1 = _mm256_add_epi32(sum1,
                                    _mm256_madd_epi16(p1, _mm256_shuffle_epi8(scales16, broadcastWordMask(ib + 1))));
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(_mm256_add_epi32(sum0, sum1)), acc);
    }
    return hsum(acc);
}

}  // namespace qd::avx2
