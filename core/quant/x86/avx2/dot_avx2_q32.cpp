// AVX2 dot products of the 32-weight block types with Q8_0 / Q8_1 activations.
//
// Per block: unpack the weights to 32 bytes in weight order, multiply with the 32 activation bytes by
// vpmaddubsw (unsigned x signed -> int16 pairs) and vpmaddwd (-> 8 int32), convert once and FMA with
// the product of the two block scales. Two blocks per iteration feed two accumulators; the
// horizontal sum happens once per row. Offsets such as Q4_0's "- 8" are applied as "- 8 * sum(a)"
// (another vpmaddubsw against a constant) instead of making the weights signed, which saves the two
// vpsignb of the signed-times-signed product.
#include <cstddef>

#include "core/quant/blocks.h"
#include "core/quant/kernels/format_helpers.h"
#include "core/quant/kernels/kernel_set.h"
#include "core/quant/x86/avx2/avx2_helpers.h"

namespace qd::avx2 {

namespace {

inline float blockScale(Half dw, Half da) { return halfToFloat(dw) * halfToFloat(da); }

// 8 int32 partial sums of (q - offset) * a for unsigned levels q and a constant offset.
inline __m256i offsetDot(__m256i q, __m256i a, __m256i offset) {
    const __m256i p = _mm256_sub_epi16(_mm256_maddubs_epi16(q, a), _mm256_maddubs_epi16(offset, a));
    return _mm256_madd_epi16(p, _mm256_set1_epi16(1));
}

inline __m256i q4_0Sums(const BlockQ4_0& w, const BlockQ8_0& a) {
    return offsetDot(unpackNibbles(w.qs), load32(a.qs), _mm256_set1_epi8(8));
}

inline __m256i q5Levels(const uint8_t* qs, const uint8_t* qhBytes) {
    uint32_t qh;
    std::memcpy(&qh, qhBytes, 4);
    const __m256i high = _mm256_and_si256(bitsToBytes(qh), _mm256_set1_epi8(0x10));
    return _mm256_or_si256(unpackNibbles(qs), high);
}

inline __m256i q5_0Sums(const BlockQ5_0& w, const BlockQ8_0& a) {
    return offsetDot(q5Levels(w.qs, w.qh), load32(a.qs), _mm256_set1_epi8(16));
}

inline __m256i iq4nlSums(const BlockIQ4_NL& w, const BlockQ8_0& a) {
    const __m256i levels = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(fmt::kIq4Levels)));
    return dotS8S8(_mm256_shuffle_epi8(levels, unpackNibbles(w.qs)), load32(a.qs));
}

inline __m256i q8_0Sums(const BlockQ8_0& w, const BlockQ8_0& a) { return dotS8S8(load32(w.qs), load32(a.qs)); }

// Dot of blocks whose value is dw * da * sums(w, a); two blocks per iteration. One accumulator takes
// acc = fma(dw * da, float(lane sums), acc) block after block and the lanes are summed at the end: the
// arithmetic of llama.cpp's x86 kernels for these types (ggml's vec_dot and its tinyBLAS Q8_0 path),
// so our products equal its bits.
template <typename W, __m256i (*Sums)(const W&, const BlockQ8_0&)>
float dotSymmetric(int64_t n, const void* weights, const void* activations) {
    const W* w = static_cast<const W*>(weights);
    const BlockQ8_0* a = static_cast<const BlockQ8_0*>(activations);
    const int64_t nb = n / kBlock32;
    __m256 acc = _mm256_setzero_ps();
    int64_t b = 0;
    for (; b + 2 <= nb; b += 2) {
        prefetchBlock<2 * sizeof(W)>(w + nb + b);  // the same blocks of the next row
        const __m256i s0 = Sums(w[b], a[b]);
        const __m256i s1 = Sums(w[b + 1], a[b + 1]);
        const __m128 scales = scalePair(w[b].d, a[b].d, w[b + 1].d, a[b + 1].d);
        acc = _mm256_fmadd_ps(broadcastLane0(scales), _mm256_cvtepi32_ps(s0), acc);
        acc = _mm256_fmadd_ps(broadcastLane2(scales), _mm256_cvtepi32_ps(s1), acc);
    }
    if (b < nb) {
        acc = _mm256_fmadd_ps(_mm256_set1_ps(blockScale(w[b].d, a[b].d)), _mm256_cvtepi32_ps(Sums(w[b], a[b])), acc);
    }
    return hsum(acc);
}

inline __m256i q4_1Sums(const BlockQ4_1& w, const BlockQ8_1& a) {
    return dotU8S8(unpackNibbles(w.qs), load32(a.qs));
}
inline __m256i q5_1Sums(const BlockQ5_1& w, const BlockQ8_1& a) {
    return dotU8S8(q5Levels(w.qs, w.qh), load32(a.qs));
}

// Dot of blocks with a minimum: dw * da * sum(q * qa) + m * s, s = da * sum(qa) from the Q8_1 block.
// Both blocks start with two halves (d, m) and (d, s): one vcvtph2ps converts all four. As llama.cpp's
// x86 kernel: one vector accumulator for the products, the m * s terms summed by a scalar fused
// multiply-add chain, the two added at the end.
template <typename W, __m256i (*Sums)(const W&, const BlockQ8_1&)>
float dotWithMin(int64_t n, const void* weights, const void* activations) {
    const W* w = static_cast<const W*>(weights);
    const BlockQ8_1* a = static_cast<const BlockQ8_1*>(activations);
    const int64_t nb = n / kBlock32;
    __m256 acc = _mm256_setzero_ps();
    __m128 minSum = _mm_setzero_ps();
    static_assert(offsetof(W, d) == 0 && offsetof(W, m) == 2);
    static_assert(offsetof(BlockQ8_1, d) == 0 && offsetof(BlockQ8_1, s) == 2);
    auto block = [&](int64_t b) {
        const uint64_t bits = loadU32(&w[b]) | (static_cast<uint64_t>(loadU32(&a[b])) << 32);
        const __m128 f = _mm_cvtph_ps(_mm_cvtsi64_si128(static_cast<long long>(bits)));  // dw m da s
        const __m128 scale = _mm_mul_ss(f, _mm_movehl_ps(f, f));                          // dw * da
        minSum = _mm_fmadd_ss(_mm_movehdup_ps(f), _mm_shuffle_ps(f, f, 3), minSum);      // += m * s
        acc = _mm256_fmadd_ps(_mm256_broadcastss_ps(scale), _mm256_cvtepi32_ps(Sums(w[b], a[b])), acc);
    };
    int64_t b = 0;
    for (; b + 2 <= nb; b += 2) {
        prefetchBlock<2 * sizeof(W)>(w + nb + b);  // the same blocks of the next row
        block(b);
        block(b + 1);
    }
    if (b < nb) block(b);
    return hsum(acc) + _mm_cvtss_f32(minSum);
}

}  // namespace

// Eight Q4_0 rows against one Q8_0 row (dot.h, kDotRows). Rows go in pairs: row r's 16 nibble bytes in
// the low lane and row r+1's in the high lane, so one AND gives both rows' weights 0..15 and one shift
// and AND their weights 16..31, multiplied with the activation's first and second halves broadcast to
// both lanes. The "- 8" of every weight is subtracted once per block as 8 x (sums of activation pairs).
// Three horizontal adds reduce the four pair vectors to one exact block sum per row, lanes in the order
// rows 0 2 4 6 1 3 5 7 (the scales are gathered in that order too), and one multiply-add per block
// serves all eight rows, in the order the scalar reference uses.
void dotRowsQ4_0(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out) {
    const auto* base = static_cast<const uint8_t*>(weights);
    const auto* a = static_cast<const BlockQ8_0*>(activations);
    const BlockQ4_0* w[8];
    for (int r = 0; r < 8; ++r) w[r] = reinterpret_cast<const BlockQ4_0*>(base + r * rowStride);
    const __m256i eight = _mm256_set1_epi8(8), ones = _mm256_set1_epi16(1), low4 = _mm256_set1_epi8(0x0F);
    // Eight rows read side by side are eight slow streams, which hardware prefetchers follow poorly; the
    // next eight rows (the caller's next call, one contiguous range) are prefetched as one linear stream,
    // 8 x 18 bytes per block.
    const char* next = reinterpret_cast<const char*>(base + 8 * rowStride);
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        _mm_prefetch(next + b * 144, _MM_HINT_T0);
        _mm_prefetch(next + b * 144 + 64, _MM_HINT_T0);
        _mm_prefetch(next + b * 144 + 128, _MM_HINT_T0);
        const __m256i aLow = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a[b].qs)));
        const __m256i aHigh =
            _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a[b].qs + 16)));
        const __m256i offset = _mm256_add_epi16(_mm256_maddubs_epi16(eight, aLow), _mm256_maddubs_epi16(eight, aHigh));
        __m256i pair[4];
        for (int p = 0; p < 4; ++p) {
            const __m256i bytes = _mm256_inserti128_si256(
                _mm256_castsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w[2 * p][b].qs))),
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(w[2 * p + 1][b].qs)), 1);
            const __m256i lo = _mm256_and_si256(bytes, low4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(bytes, 4), low4);
            // |each int16| <= 4 x 15 x 128 before the offset, <= 4 x 8 x 128 after: no overflow.
            const __m256i prod = _mm256_add_epi16(_mm256_maddubs_epi16(lo, aLow), _mm256_maddubs_epi16(hi, aHigh));
            pair[p] = _mm256_madd_epi16(_mm256_sub_epi16(prod, offset), ones);  // 4 int32 per row
        }
        const __m256i sums = _mm256_hadd_epi32(_mm256_hadd_epi32(pair[0], pair[1]), _mm256_hadd_epi32(pair[2], pair[3]));
        // The eight weight scales, in the lane order of `sums`, through one vcvtph2ps.
        const uint64_t s0 = uint64_t(w[0][b].d) | uint64_t(w[2][b].d) << 16 | uint64_t(w[4][b].d) << 32 |
                            uint64_t(w[6][b].d) << 48;
        const uint64_t s1 = uint64_t(w[1][b].d) | uint64_t(w[3][b].d) << 16 | uint64_t(w[5][b].d) << 32 |
                            uint64_t(w[7][b].d) << 48;
        const __m128i dw = _mm_set_epi64x(static_cast<long long>(s1), static_cast<long long>(s0));
        const __m256 scale = _mm256_mul_ps(_mm256_cvtph_ps(dw), _mm256_set1_ps(halfToFloat(a[b].d)));
        acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(sums), scale, acc);
    }
    _mm256_storeu_ps(out, _mm256_permutevar8x32_ps(acc, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7)));
}

float dotQ4_0(int64_t n, const void* w, const void* a) { return dotSymmetric<BlockQ4_0, q4_0Sums>(n, w, a); }
float dotQ5_0(int64_t n, const void* w, const void* a) { return dotSymmetric<BlockQ5_0, q5_0Sums>(n, w, a); }
float dotQ8_0(int64_t n, const void* w, const void* a) { return dotSymmetric<BlockQ8_0, q8_0Sums>(n, w, a); }
float dotIQ4_NL(int64_t n, const void* w, const void* a) {
    return dotSymmetric<BlockIQ4_NL, iq4nlSums>(n, w, a);
}
float dotQ4_1(int64_t n, const void* w, const void* a) { return dotWithMin<BlockQ4_1, q4_1Sums>(n, w, a); }
float dotQ5_1(int64_t n, const void* w, const void* a) { return dotWithMin<BlockQ5_1, q5_1Sums>(n, w, a); }

}  // namespace qd::avx2
