// AVX2 building blocks shared by the files in this folder only (they are all compiled with
// -mavx2 -mfma -mf16c -mbmi2; nothing outside x86/avx2/ may include this header).
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <cstring>

namespace qd::avx2 {

// Sum of the 8 floats.
static inline float hsum(__m256 v) {
    __m128 x = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    x = _mm_add_ss(x, _mm_movehdup_ps(x));
    return _mm_cvtss_f32(x);
}

static inline float hsum(__m128 x) {
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    x = _mm_add_ss(x, _mm_movehdup_ps(x));
    return _mm_cvtss_f32(x);
}

static inline float halfToFloat(uint16_t h) { return _cvtsh_ss(h); }

// |v| lane by lane (clears the sign bits).
static inline __m256 absPs(__m256 v) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), v); }

// Largest of the 8 floats.
static inline float hmax(__m256 v) {
    __m128 x = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_max_ps(x, _mm_movehl_ps(x, x));
    x = _mm_max_ss(x, _mm_movehdup_ps(x));
    return _mm_cvtss_f32(x);
}

// The scale products of two blocks, dw0 * da0 in lane 0 and dw1 * da1 in lane 2: the four halves go
// through one vcvtph2ps (assembling them is scalar work, on ports the vector code leaves idle).
static inline __m128 scalePair(uint16_t dw0, uint16_t da0, uint16_t dw1, uint16_t da1) {
    const uint64_t bits = static_cast<uint64_t>(dw0) | (static_cast<uint64_t>(da0) << 16) |
                          (static_cast<uint64_t>(dw1) << 32) | (static_cast<uint64_t>(da1) << 48);
    const __m128 f = _mm_cvtph_ps(_mm_cvtsi64_si128(static_cast<long long>(bits)));  // dw0 da0 dw1 da1
    return _mm_mul_ps(f, _mm_movehdup_ps(f));
}

// Lane 0 / lane 2 of a scalePair result across 8 lanes.
static inline __m256 broadcastLane0(__m128 v) { return _mm256_broadcastss_ps(v); }
static inline __m256 broadcastLane2(__m128 v) { return _mm256_broadcastss_ps(_mm_movehl_ps(v, v)); }

// Two 32-bit words (a block's two leading halves) from unaligned memory.
static inline uint32_t loadU32(const void* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

static inline __m256i load32(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }

// 32 unsigned bytes (0..127) times 32 signed bytes -> 8 int32 sums of 4 products each.
static inline __m256i dotU8S8(__m256i u, __m256i s) {
    return _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1));
}

// 32 signed times 32 signed bytes (the first never -128 together with a -128 in the second) -> 8 int32.
// maddubs wants an unsigned operand: move w's sign onto a.
static inline __m256i dotS8S8(__m256i w, __m256i a) {
    return dotU8S8(_mm256_sign_epi8(w, w), _mm256_sign_epi8(a, w));
}

// The 16 bytes of a 32-weight nibble block -> 32 bytes 0..15 in weight order: low nibbles (weights
// 0..15) in the low lane, high nibbles (weights 16..31) in the high lane. The broadcast is a plain
// load and the variable shift runs off the shuffle port.
static inline __m256i unpackNibbles(const uint8_t* qs) {
    const __m256i v = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(qs)));
    return _mm256_and_si256(_mm256_srlv_epi64(v, _mm256_set_epi64x(4, 4, 0, 0)), _mm256_set1_epi8(0x0F));
}

// Bit i of `bits` -> byte i = 0xFF or 0x00.
static inline __m256i bitsToBytes(uint32_t bits) {
    const __m256i spread = _mm256_shuffle_epi8(
        _mm256_set1_epi32(static_cast<int>(bits)),
        _mm256_set_epi64x(0x0303030303030303, 0x0202020202020202, 0x0101010101010101, 0));
    const __m256i select = _mm256_set1_epi64x(static_cast<long long>(0x8040201008040201ull));
    return _mm256_cmpeq_epi8(_mm256_and_si256(spread, select), select);
}

// Moves bit K of every byte to bit T (all other bits cleared). Shifting 16-bit lanes is safe here:
// with 0 <= K, T <= 7 no bit crosses into the target position of the neighbouring byte.
template <int K, int T>
static inline __m256i moveBit(__m256i v) {
    static_assert(K >= 0 && K < 8 && T >= 0 && T < 8);
    __m256i shifted;
    if constexpr (K > T) {
        shifted = _mm256_srli_epi16(v, K - T);
    } else if constexpr (K < T) {
        shifted = _mm256_slli_epi16(v, T - K);
    } else {
        shifted = v;
    }
    return _mm256_and_si256(shifted, _mm256_set1_epi8(static_cast<char>(1 << T)));
}

// Shuffle control that repeats 16-bit element `k` (0..7) of a lane across the lane.
static inline __m256i broadcastWordMask(int k) {
    return _mm256_set1_epi16(static_cast<short>(((2 * k + 1) << 8) | (2 * k)));
}
// ... element kLow in the low lane and kHigh in the high lane.
static inline __m256i broadcastWordMask(int kLow, int kHigh) {
    return _mm256_setr_m128i(_mm_set1_epi16(static_cast<short>(((2 * kLow + 1) << 8) | (2 * kLow))),
                             _mm_set1_epi16(static_cast<short>(((2 * kHigh + 1) << 8) | (2 * kHigh))));
}

// Prefetches the cache lines of one block of Bytes bytes. The kernels call it for the block at the same
// position in the next row (rows are contiguous in a matrix): a linear stream one row ahead, which
// keeps more requests in flight than the hardware prefetchers alone. Prefetches never fault, so the
// line past a matrix's last row is harmless.
template <size_t Bytes>
static inline void prefetchBlock(const void* p) {
    const char* c = static_cast<const char*>(p);
    for (size_t off = 0; off < Bytes; off += 64) _mm_prefetch(c + off, _MM_HINT_T0);
}

}  // namespace qd::avx2
