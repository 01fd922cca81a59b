// Scalar versions of the vector math in dot.h (expSum, siluRow) and of the eight-row F32 / F16 dot
// products: one lane at a time, the same operations as the AVX2 code (every fused multiply-add is
// std::fma, which rounds once as vfmadd does; the horizontal sums add in the same order), so every level
// gives the same bits.
//
// The exponential is the algorithm llama.cpp's x86 code uses (from Arm's optimized-routines): with
// n = round(x / ln 2) and b = x - n ln 2 (ln 2 split in two parts so the product is exact enough),
// exp(x) = 2^n (1 + p(b)) where p is a degree-5 polynomial for exp(b) - 1 on |b| <= ln2 / 2. Outside
// |n| <= 126 the power of two is built in two halves (so 2^n may be subnormal or infinite as needed).
#include <bit>
#include <cmath>

#include "core/quant/fp16.h"
#include "core/quant/kernels/kernel_set.h"

namespace qd::ref {

namespace {

uint32_t bitsOf(float f) { return std::bit_cast<uint32_t>(f); }
float fromBits(uint32_t u) { return std::bit_cast<float>(u); }

// Constants of the approximation (hexadecimal floats, as printed by the algorithm's authors).
constexpr float kShift = 0x1.8p23f;          // adding it rounds to an integer in the low mantissa bits
constexpr float kInvLn2 = 0x1.715476p+0f;
constexpr float kLn2High = 0x1.62e4p-1f;
constexpr float kLn2Low = 0x1.7f7d1cp-20f;
constexpr float kC0 = 0x1.ffffecp-1f, kC1 = 0x1.fffdb6p-2f, kC2 = 0x1.555e66p-3f, kC3 = 0x1.573e2ep-5f,
                kC4 = 0x1.0e4020p-7f;

float expLane(float x) {
    const float z = std::fma(x, kInvLn2, kShift);
    const float n = z - kShift;
    const float b = std::fma(-n, kLn2Low, std::fma(-n, kLn2High, x));
    const uint32_t e = bitsOf(z) << 23;                  // n in the exponent field
    const float k = fromBits(e + bitsOf(1.0f));          // 2^n when |n| <= 126
    const float u = b * b;
    const float j = std::fma(std::fma(std::fma(kC4, b, kC3), u, std::fma(kC2, b, kC1)), u, kC0 * b);
    if (!(std::fabs(n) > 126.0f)) return std::fma(k, j, k);
    // 2^n = s1 * s2 with both halves representable; beyond |n| > 192 the result is 0 or infinity.
    const uint32_t g = n <= 0.0f ? 0x82000000u : 0u;
    const float s1 = fromBits(g + 0x7f000000u);
    const float s2 = fromBits(e - g);
    if (std::fabs(n) > 192.0f) return s1 * s1;
    return std::fma(s2, j, s2) * s1;
}

// The horizontal sum of 8 lanes in the AVX2 order: (l0+l4 + l2+l6) + (l1+l5 + l3+l7).
float sumLanes(const float l[8]) {
    const float t0 = l[4] + l[0], t1 = l[5] + l[1], t2 = l[6] + l[2], t3 = l[7] + l[3];
    return (t0 + t2) + (t1 + t3);
}

template <typename T, float (*Read)(T)>
float sequentialDot(int64_t n, const T* w, const T* a) {
    float lanes[8] = {};
    for (int64_t i = 0; i < n; i += 8)
        for (int l = 0; l < 8; ++l) {
            // A tail padded with zeros: fma(0, 0, lane) as the vector code does.
            const float wv = i + l < n ? Read(w[i + l]) : 0.0f, av = i + l < n ? Read(a[i + l]) : 0.0f;
            lanes[l] = std::fma(wv, av, lanes[l]);
        }
    return sumLanes(lanes);
}

template <typename T, float (*Read)(T)>
void dotRowsFloat(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out) {
    const T* a = static_cast<const T*>(activations);
    for (int r = 0; r < 8; ++r)
        out[r] = sequentialDot<T, Read>(n, reinterpret_cast<const T*>(static_cast<const uint8_t*>(weights) + r * rowStride), a);
}

float readF32(float v) { return v; }
float readF16(uint16_t v) { return halfToFloat(v); }

// Element i of a row of n halves as a float, zero past the end.
float halfAt(const uint16_t* p, int64_t i, int64_t n) { return i < n ? halfToFloat(p[i]) : 0.0f; }

}  // namespace

float dotF16Sequential(int64_t n, const void* weights, const void* activations) {
    return sequentialDot<uint16_t, readF16>(n, static_cast<const uint16_t*>(weights), static_cast<const uint16_t*>(activations));
}

// Four accumulators of 8 lanes over steps of 32 (the row padded with zeros to a multiple of 32), added
// as (0 + 2) + (1 + 3) lane by lane, then lanes (l + l+4) summed as (0 + 1) + (2 + 3): two horizontal adds.
float dotF16Padded32(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const uint16_t*>(weights);
    const auto* a = static_cast<const uint16_t*>(activations);
    float acc[4][8] = {};
    for (int64_t i = 0; i < n; i += 32)
        for (int j = 0; j < 4; ++j)
            for (int l = 0; l < 8; ++l) {
                const int64_t at = i + 8 * j + l;
                acc[j][l] = std::fma(halfAt(w, at, n), halfAt(a, at, n), acc[j][l]);
            }
    float x[8];
    for (int l = 0; l < 8; ++l) x[l] = (acc[0][l] + acc[2][l]) + (acc[1][l] + acc[3][l]);
    const float t0 = x[0] + x[4], t1 = x[1] + x[5], t2 = x[2] + x[6], t3 = x[3] + x[7];
    return (t0 + t1) + (t2 + t3);
}

double expSum(float* s, int64_t n, float max) {
    double sum = 0.0;
    for (int64_t i = 0; i < n; i += 8) {
        float lanes[8] = {};  // lanes past n count as zeros (llama.cpp pads the row with masked entries)
        for (int l = 0; l < 8 && i + l < n; ++l) lanes[l] = s[i + l] = expLane(s[i + l] - max);
        sum += static_cast<double>(sumLanes(lanes));
    }
    return sum;
}

void siluRow(const float* x, float* y, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; ++l) y[i + l] = x[i + l] / (1.0f + expLane(0.0f - x[i + l]));
    for (; i < n; ++i) y[i] = x[i] / (1.0f + std::exp(-x[i]));
}

void dotRowsF32(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out) {
    dotRowsFloat<float, readF32>(n, weights, rowStride, activations, out);
}

void dotRowsF16(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out) {
    dotRowsFloat<uint16_t, readF16>(n, weights, rowStride, activations, out);
}

}  // namespace qd::ref
