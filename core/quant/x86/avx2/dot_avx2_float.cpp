// AVX2 + FMA dot products of the float types (F32 · F32, F16 · F16, BF16 · BF16).
//
// F32 and F16 follow llama.cpp's arithmetic exactly (vecDot for one token, sequentialDot and the
// eight-row kernels for batches). BF16: four independent accumulators of 8 lanes hide the FMA latency;
// the tail is done one element at a time.
#include "core/quant/blocks.h"
#include "core/quant/kernels/kernel_set.h"
#include "core/quant/x86/avx2/avx2_helpers.h"

namespace qd::avx2 {

namespace {

inline __m256 loadF32(const float* p) { return _mm256_loadu_ps(p); }
inline __m256 loadF16(const uint16_t* p) {
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
inline float scalarBF16(uint16_t v) {
    const uint32_t bits = static_cast<uint32_t>(v) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

template <typename T, __m256 (*Load)(const T*)>
inline __m256 loadTail(const T* p, int64_t count) {
    T buffer[8] = {};
    for (int64_t i = 0; i < count; ++i) buffer[i] = p[i];
    return Load(buffer);
}

// Elements [at, at + 8) of a row of n, zeros past its end.
template <typename T, __m256 (*Load)(const T*)>
inline __m256 loadPadded(const T* p, int64_t at, int64_t n) {
    if (at + 8 <= n) return Load(p + at);
    return at < n ? loadTail<T, Load>(p + at, n - at) : _mm256_setzero_ps();
}

// llama.cpp's per-row arithmetic for F32 / F16 products (ggml's vec_dot, which it uses for one token at
// a time): four 8-lane accumulators over steps of 32 elements, added pairwise (0+2, 1+3, then the two),
// the 8 lanes summed by two horizontal adds, the elements past the last full step added one by one in
// double (F16) or float (F32). kPad32: the row is taken as padded with zeros to a multiple of 32 instead
// of having leftovers, which is what llama.cpp computes over its attention rows (padded to 32 cells).
template <typename T, __m256 (*Load)(const T*), bool kPad32>
float vecDot(int64_t n, const void* weights, const void* activations) {
    const T* w = static_cast<const T*>(weights);
    const T* a = static_cast<const T*>(activations);
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps(), s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
    const int64_t np = n & ~int64_t(31);
    int64_t i = 0;
    for (; i < np; i += 32) {
        s0 = _mm256_fmadd_ps(Load(w + i), Load(a + i), s0);
        s1 = _mm256_fmadd_ps(Load(w + i + 8), Load(a + i + 8), s1);
        s2 = _mm256_fmadd_ps(Load(w + i + 16), Load(a + i + 16), s2);
        s3 = _mm256_fmadd_ps(Load(w + i + 24), Load(a + i + 24), s3);
    }
    if (kPad32 && i < n) {
        s0 = _mm256_fmadd_ps(loadPadded<T, Load>(w, i, n), loadPadded<T, Load>(a, i, n), s0);
        s1 = _mm256_fmadd_ps(loadPadded<T, Load>(w, i + 8, n), loadPadded<T, Load>(a, i + 8, n), s1);
        s2 = _mm256_fmadd_ps(loadPadded<T, Load>(w, i + 16, n), loadPadded<T, Load>(a, i + 16, n), s2);
        s3 = _mm256_fmadd_ps(loadPadded<T, Load>(w, i + 24, n), loadPadded<T, Load>(a, i + 24, n), s3);
        i = n;
    }
    const __m256 x = _mm256_add_ps(_mm256_add_ps(s0, s2), _mm256_add_ps(s1, s3));
    const __m128 t0 = _mm_add_ps(_mm256_castps256_ps128(x), _mm256_extractf128_ps(x, 1));
    const __m128 t1 = _mm_hadd_ps(t0, t0);
    const float reduced = _mm_cvtss_f32(_mm_hadd_ps(t1, t1));
    if constexpr (sizeof(T) == 2) {
        double sum = reduced;
        for (; i < n; ++i) sum += static_cast<double>(halfToFloat(w[i]) * halfToFloat(a[i]));
        return static_cast<float>(sum);
    } else {
        float sum = reduced;
        for (; i < n; ++i) sum += w[i] * a[i];
        return sum;
    }
}

// llama.cpp's batch arithmetic for F32 / F16 products (its tinyBLAS, used when a product has two or more
// tokens): one 8-lane accumulator, one fused multiply-add per 8 elements (the row padded with zeros to a
// multiple of 8), then the horizontal sum.
template <typename T, __m256 (*Load)(const T*)>
float sequentialDot(int64_t n, const void* weights, const void* activations) {
    const T* w = static_cast<const T*>(weights);
    const T* a = static_cast<const T*>(activations);
    __m256 acc = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) acc = _mm256_fmadd_ps(Load(w + i), Load(a + i), acc);
    if (i < n) acc = _mm256_fmadd_ps(loadTail<T, Load>(w + i, n - i), loadTail<T, Load>(a + i, n - i), acc);
    return hsum(acc);
}

// Eight rows at once (dot.h kDotRows) with sequentialDot's arithmetic, each row its own accumulator:
// the eight independent chains hide the multiply-add latency that one chain exposes.
template <typename T, __m256 (*Load)(const T*)>
void dotRowsFloat(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out) {
    const T* w[8];
    for (int r = 0; r < 8; ++r) w[r] = reinterpret_cast<const T*>(static_cast<const uint8_t*>(weights) + r * rowStride);
    const T* a = static_cast<const T*>(activations);
    __m256 acc[8];
    for (auto& v : acc) v = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 av = Load(a + i);
        for (int r = 0; r < 8; ++r) acc[r] = _mm256_fmadd_ps(Load(w[r] + i), av, acc[r]);
    }
    if (i < n) {
        const __m256 av = loadTail<T, Load>(a + i, n - i);
        for (int r = 0; r < 8; ++r) acc[r] = _mm256_fmadd_ps(loadTail<T, Load>(w[r] + i, n - i), av, acc[r]);
    }
    for (int r = 0; r < 8; ++r) out[r] = hsum(acc[r]);
}

}  // namespace

float dotF32(int64_t n, const void* weights, const void* activations) {
    return vecDot<float, loadF32, false>(n, weights, activations);
}

float dotF16(int64_t n, const void* weights, const void* activations) {
    return vecDot<uint16_t, loadF16, false>(n, weights, activations);
}

float dotF16Padded32(int64_t n, const void* weights, const void* activations) {
    return vecDot<uint16_t, loadF16, true>(n, weights, activations);
}

float dotF16Sequential(int64_t n, const void* weights, const void* activations) {
    return sequentialDot<uint16_t, loadF16>(n, weights, activations);
}

void dotRowsF32(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out) {
    dotRowsFloat<float, loadF32>(n, weights, rowStride, activations, out);
}

void dotRowsF16(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out) {
    dotRowsFloat<uint16_t, loadF16>(n, weights, rowStride, activations, out);
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
