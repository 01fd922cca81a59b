// AVX2 + FMA dot products of the float types (F32 · F32, F16 · F16, BF16 · BF16).
//
// Four independent accumulators of 8 lanes hide the FMA latency (4 cycles, 2 per cycle); the tail that
// does not fill a vector is done one element at a time. The horizontal sum happens once per row.
#include "core/quant/blocks.h"
#include "core/quant/kernels/kernel_set.h"
#include "core/quant/x86/avx2/avx2_helpers.h"

namespace qd::avx2 {

namespace {

inline __m256 loadF32(const float* p) { return _mm256_loadu_ps(p); }
inline __m256 loadF16(const uint16_t* p) {
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
inline float scalarF32(float v) { return v; }
inline float scalarF16(uint16_t v) { return halfToFloat(v); }
inline float scalarBF16(uint16_t v) {
    const uint32_t bits = static_cast<uint32_t>(v) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

template <typename T, __m256 (*Load)(const T*), float (*Scalar)(T)>
float dotFloat(int64_t n, const void* weights, const void* activations) {
    const T* w = static_cast<const T*>(weights);
    const T* a = static_cast<const T*>(activations);
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    __m256 acc2 = _mm256_setzero_ps(), acc3 = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 32 <= n; i += 32) {
        acc0 = _mm256_fmadd_ps(Load(w + i), Load(a + i), acc0);
        acc1 = _mm256_fmadd_ps(Load(w + i + 8), Load(a + i + 8), acc1);
        acc2 = _mm256_fmadd_ps(Load(w + i + 16), Load(a + i + 16), acc2);
        acc3 = _mm256_fmadd_ps(Load(w + i + 24), Load(a + i + 24), acc3);
    }
    for (; i + 8 <= n; i += 8) acc0 = _mm256_fmadd_ps(Load(w + i), Load(a + i), acc0);
    float sum = hsum(_mm256_add_ps(_mm256_add_ps(acc0, acc1), _mm256_add_ps(acc2, acc3)));
    for (; i < n; ++i) sum += Scalar(w[i]) * Scalar(a[i]);
    return sum;
}

}  // namespace

float dotF32(int64_t n, const void* weights, const void* activations) {
    return dotFloat<float, loadF32, scalarF32>(n, weights, activations);
}

float dotF16(int64_t n, const void* weights, const void* activations) {
    return dotFloat<uint16_t, loadF16, scalarF16>(n, weights, activations);
}

// bf16 -> float is "put the 16 bits on top of a zero half". Read 16 bf16 as 8 32-bit words: masking
// off the low half gives the odd elements as floats, shifting left by 16 the even ones - no shuffles.
// Weights and activations are split the same way, so the products still pair up.
float dotBF16(int64_t n, const void* weights, const void* activations) {
    const uint16_t* w = static_cast<const uint16_t*>(weights);
    const uint16_t* a = static_cast<const uint16_t*>(activations);
    const __m256i highHalf = _mm256_set1_epi32(static_cast<int>(0xFFFF0000u));
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    __m256 acc2 = _mm256_setzero_ps(), acc3 = _mm256_setzero_ps();
    int64_t i = 0;
    auto step = [&](int64_t at, __m256& accLo, __m256& accHi) {
        const __m256i vw = load32(w + at);
        const __m256i va = load32(a + at);
        accLo = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_slli_epi32(vw, 16)),
                                _mm256_castsi256_ps(_mm256_slli_epi32(va, 16)), accLo);
        accHi = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_and_si256(vw, highHalf)),
                                _mm256_castsi256_ps(_mm256_and_si256(va, highHalf)), accHi);
    };
    for (; i + 32 <= n; i += 32) {
        step(i, acc0, acc1);
        step(i + 16, acc2, acc3);
    }
    for (; i + 16 <= n; i += 16) step(i, acc0, acc1);
    float sum = hsum(_mm256_add_ps(_mm256_add_ps(acc0, acc1), _mm256_add_ps(acc2, acc3)));
    for (; i < n; ++i) sum += scalarBF16(w[i]) * scalarBF16(a[i]);
    return sum;
}

}  // namespace qd::avx2
