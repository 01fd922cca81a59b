// AVX2 Q4_K / Q5_K / Q6_K quantizers (without an importance matrix): 8 sub-block scale searches run side
// by side, one sub-block per vector lane (Q6_K: its 16 groups in two sets of 8).
//
// The searches (makeAsymmetricQuants / makeSymmetricQuants in core/quant/ref/scale_search.cpp, ggml's
// make_qkx2_quants / make_qx_quants) are
// chains of dependent float sums over the group's weights for each of up to 21 candidate scales: one sub-block at
// a time it waits on the adder's latency. Each lane here performs exactly the reference's operations in
// the reference's order (the same multiplies, adds and divisions, no fused multiply-add, the same
// comparisons deciding the same branches, taken per lane by blends), so every lane's result is the
// reference's to the bit and the blocks are byte-identical to ref::quantizeQ4_K / Q5_K
// (tests/quant/test_quant_rows_simd, and the llama.cpp fixtures through tests/quant). A super-block with
// a sub-block of no range (all weights equal and not negative...) takes the reference search.
#include <algorithm>
#include <cstring>

#include "core/quant/kernels/kernel_set.h"
#include "core/quant/ref/ref_rows.h"
#include "core/quant/ref/scale_search.h"
#include "core/quant/x86/avx2/avx2_helpers.h"

namespace qd::avx2 {

namespace {

constexpr int kSub = 32;

// ref::nearestInt lane by lane: adding 1.5 * 2^23 leaves the rounded integer in the low mantissa bits.
inline __m256i nearestIntV(__m256 v) {
    const __m256i bits = _mm256_castps_si256(_mm256_add_ps(v, _mm256_set1_ps(12582912.0f)));
    return _mm256_sub_epi32(_mm256_and_si256(bits, _mm256_set1_epi32(0x007FFFFF)), _mm256_set1_epi32(0x00400000));
}

inline __m256i clampV(__m256i v, int hi) {
    return _mm256_max_epi32(_mm256_setzero_si256(), _mm256_min_epi32(_mm256_set1_epi32(hi), v));
}

inline __m256 blend(__m256 a, __m256 b, __m256 takeB) { return _mm256_blendv_ps(a, b, takeB); }

// best[i] <- cand[i] in the lanes where `take` is set, for the n weights of the groups.
inline void takeLevels(int32_t (*best)[8], const int32_t (*cand)[8], int n, __m256 take) {
    const __m256i mask = _mm256_castps_si256(take);
    for (int i = 0; i < n; ++i) {
        const __m256i b = _mm256_load_si256(reinterpret_cast<const __m256i*>(best[i]));
        const __m256i c = _mm256_load_si256(reinterpret_cast<const __m256i*>(cand[i]));
        _mm256_store_si256(reinterpret_cast<__m256i*>(best[i]), _mm256_blendv_epi8(b, c, mask));
    }
}

void asymmetricSearch8(int nmax, const float* x, const float* weights, uint8_t* L, float* scalesOut, float* minsOut,
                       float rmin, float rdelta, int nStep) {
    // Transposed copies: xt[i] holds weight i of the 8 sub-blocks.
    alignas(32) float xt[kSub][8], wt[kSub][8];
    for (int s = 0; s < 8; ++s)
        for (int i = 0; i < kSub; ++i) {
            xt[i][s] = x[kSub * s + i];
            wt[i][s] = weights[kSub * s + i];
        }
    const __m256 zero = _mm256_setzero_ps();
    __m256 lo = _mm256_load_ps(xt[0]), hi = lo;
    __m256 sumW = _mm256_load_ps(wt[0]);
    __m256 sumX = _mm256_mul_ps(sumW, lo);
    for (int i = 1; i < kSub; ++i) {
        const __m256 xi = _mm256_load_ps(xt[i]), wi = _mm256_load_ps(wt[i]);
        lo = blend(lo, xi, _mm256_cmp_ps(xi, lo, _CMP_LT_OQ));
        hi = blend(hi, xi, _mm256_cmp_ps(xi, hi, _CMP_GT_OQ));
        sumW = _mm256_add_ps(sumW, wi);
        sumX = _mm256_add_ps(sumX, _mm256_mul_ps(wi, xi));
    }
    lo = blend(lo, zero, _mm256_cmp_ps(lo, zero, _CMP_GT_OQ));
    if (_mm256_movemask_ps(_mm256_cmp_ps(hi, lo, _CMP_LE_OQ)) != 0) {
        ref::searchEachSubBlock(nmax, x, weights, L, scalesOut, minsOut, rmin, rdelta, nStep);
        return;
    }

    alignas(32) int32_t best[kSub][8], cand[kSub][8];
    const float fmax = static_cast<float>(nmax);
    __m256 iscale = _mm256_div_ps(_mm256_set1_ps(fmax), _mm256_sub_ps(hi, lo));
    __m256 scale = _mm256_div_ps(_mm256_set1_ps(1.0f), iscale);
    __m256 bestErr = zero;
    for (int i = 0; i < kSub; ++i) {
        const __m256 xi = _mm256_load_ps(xt[i]), wi = _mm256_load_ps(wt[i]);
        const __m256i l = clampV(nearestIntV(_mm256_mul_ps(iscale, _mm256_sub_ps(xi, lo))), nmax);
        _mm256_store_si256(reinterpret_cast<__m256i*>(best[i]), l);
        const __m256 diff = _mm256_sub_ps(_mm256_add_ps(_mm256_mul_ps(scale, _mm256_cvtepi32_ps(l)), lo), xi);
        bestErr = _mm256_add_ps(bestErr, _mm256_mul_ps(wi, _mm256_mul_ps(diff, diff)));
    }

    for (int step = 0; step <= nStep; ++step) {
        const float numerator = rmin + rdelta * static_cast<float>(step) + fmax;
        iscale = _mm256_div_ps(_mm256_set1_ps(numerator), _mm256_sub_ps(hi, lo));
        __m256 sumL = zero, sumL2 = zero, sumXL = zero;
        for (int i = 0; i < kSub; ++i) {
            const __m256 xi = _mm256_load_ps(xt[i]), wi = _mm256_load_ps(wt[i]);
            const __m256i l = clampV(nearestIntV(_mm256_mul_ps(iscale, _mm256_sub_ps(xi, lo))), nmax);
            _mm256_store_si256(reinterpret_cast<__m256i*>(cand[i]), l);
            const __m256 fl = _mm256_cvtepi32_ps(l);
            const __m256 wl = _mm256_mul_ps(wi, fl);
            sumL = _mm256_add_ps(sumL, wl);
            sumL2 = _mm256_add_ps(sumL2, _mm256_mul_ps(wl, fl));
            sumXL = _mm256_add_ps(sumXL, _mm256_mul_ps(wl, xi));
        }
        const __m256 det = _mm256_sub_ps(_mm256_mul_ps(sumW, sumL2), _mm256_mul_ps(sumL, sumL));
        const __m256 fit = _mm256_cmp_ps(det, zero, _CMP_GT_OQ);
        if (_mm256_movemask_ps(fit) == 0) continue;
        __m256 thisScale = _mm256_div_ps(_mm256_sub_ps(_mm256_mul_ps(sumW, sumXL), _mm256_mul_ps(sumX, sumL)), det);
        __m256 thisMin = _mm256_div_ps(_mm256_sub_ps(_mm256_mul_ps(sumL2, sumX), _mm256_mul_ps(sumL, sumXL)), det);
        const __m256 positive = _mm256_cmp_ps(thisMin, zero, _CMP_GT_OQ);
        thisMin = blend(thisMin, zero, positive);
        thisScale = blend(thisScale, _mm256_div_ps(sumXL, sumL2), positive);
        __m256 err = zero;
        for (int i = 0; i < kSub; ++i) {
            const __m256 xi = _mm256_load_ps(xt[i]), wi = _mm256_load_ps(wt[i]);
            const __m256 fl = _mm256_cvtepi32_ps(_mm256_load_si256(reinterpret_cast<const __m256i*>(cand[i])));
            const __m256 diff = _mm256_sub_ps(_mm256_add_ps(_mm256_mul_ps(thisScale, fl), thisMin), xi);
            err = _mm256_add_ps(err, _mm256_mul_ps(wi, _mm256_mul_ps(diff, diff)));
        }
        const __m256 better = _mm256_and_ps(fit, _mm256_cmp_ps(err, bestErr, _CMP_LT_OQ));
        if (_mm256_movemask_ps(better) == 0) continue;
        takeLevels(best, cand, kSub, better);
        bestErr = blend(bestErr, err, better);
        scale = blend(scale, thisScale, better);
        lo = blend(lo, thisMin, better);
    }

    alignas(32) float scales[8], mins[8];
    _mm256_store_ps(scales, scale);
    _mm256_store_ps(mins, _mm256_xor_ps(lo, _mm256_set1_ps(-0.0f)));  // -lo, as the reference negates
    for (int s = 0; s < 8; ++s) {
        scalesOut[s] = scales[s];
        minsOut[s] = mins[s];
        for (int i = 0; i < kSub; ++i) L[kSub * s + i] = static_cast<uint8_t>(best[i][s]);
    }
}

// makeSymmetricQuants (unweighted: w = x * x) on 8 groups of n <= 32 weights side by side, lane g =
// group g, with the reference's operations and branches per lane. A group below the reference's
// smallest magnitude makes the whole call take the reference.
void symmetricSearch8(int n, int nmax, const float* x, int8_t* L, float* scalesOut) {
    alignas(32) float xt[32][8];
    for (int g = 0; g < 8; ++g)
        for (int i = 0; i < n; ++i) xt[i][g] = x[n * g + i];
    const __m256 zero = _mm256_setzero_ps(), signBit = _mm256_set1_ps(-0.0f);
    __m256 magnitude = zero, value = zero;
    for (int i = 0; i < n; ++i) {
        const __m256 xi = _mm256_load_ps(xt[i]);
        const __m256 a = _mm256_andnot_ps(signBit, xi);
        const __m256 larger = _mm256_cmp_ps(a, magnitude, _CMP_GT_OQ);
        magnitude = blend(magnitude, a, larger);
        value = blend(value, xi, larger);
    }
    if (_mm256_movemask_ps(_mm256_cmp_ps(magnitude, _mm256_set1_ps(ref::kGroupMaxEps), _CMP_LT_OQ)) != 0) {
        ref::searchEachGroup(n, nmax, x, L, scalesOut);
        return;
    }
    alignas(32) int32_t best[32][8], cand[32][8];
    const __m256i lowest = _mm256_set1_epi32(-nmax), highest = _mm256_set1_epi32(nmax - 1);
    auto levelsFor = [&](__m256 iscale, int32_t (*out)[8], __m256* sumLX, __m256* sumL2) {
        *sumLX = zero;
        *sumL2 = zero;
        for (int i = 0; i < n; ++i) {
            const __m256 xi = _mm256_load_ps(xt[i]);
            const __m256i l = _mm256_max_epi32(lowest, _mm256_min_epi32(highest, nearestIntV(_mm256_mul_ps(iscale, xi))));
            _mm256_store_si256(reinterpret_cast<__m256i*>(out[i]), l);
            const __m256 fl = _mm256_cvtepi32_ps(l);
            const __m256 w = _mm256_mul_ps(xi, xi);
            *sumLX = _mm256_add_ps(*sumLX, _mm256_mul_ps(_mm256_mul_ps(w, xi), fl));
            *sumL2 = _mm256_add_ps(*sumL2, _mm256_mul_ps(_mm256_mul_ps(w, fl), fl));
        }
    };
    __m256 sumLX, sumL2;
    levelsFor(_mm256_div_ps(_mm256_set1_ps(static_cast<float>(-nmax)), value), best, &sumLX, &sumL2);
    __m256 scale = blend(zero, _mm256_div_ps(sumLX, sumL2), _mm256_cmp_ps(sumL2, zero, _CMP_NEQ_UQ));
    __m256 bestScore = _mm256_mul_ps(scale, sumLX);
    for (int step = -9; step <= 9; ++step) {
        if (step == 0) continue;
        const float t = static_cast<float>(nmax) + 0.1f * static_cast<float>(step);
        levelsFor(_mm256_div_ps(_mm256_set1_ps(-t), value), cand, &sumLX, &sumL2);
        const __m256 better = _mm256_and_ps(_mm256_cmp_ps(sumL2, zero, _CMP_GT_OQ),
                                            _mm256_cmp_ps(_mm256_mul_ps(sumLX, sumLX), _mm256_mul_ps(bestScore, sumL2), _CMP_GT_OQ));
        if (_mm256_movemask_ps(better) == 0) continue;
        takeLevels(best, cand, n, better);
        const __m256 candScale = _mm256_div_ps(sumLX, sumL2);
        scale = blend(scale, candScale, better);
        bestScore = blend(bestScore, _mm256_mul_ps(candScale, sumLX), better);
    }
    alignas(32) float scales[8];
    _mm256_store_ps(scales, scale);
    for (int g = 0; g < 8; ++g) {
        scalesOut[g] = scales[g];
        for (int i = 0; i < n; ++i) L[n * g + i] = static_cast<int8_t>(best[i][g] + nmax);
    }
}

}  // namespace

void quantizeRowQ6_K(const float* x, void* dst, int64_t n) { ref::quantizeQ6_KWith(x, dst, n, symmetricSearch8); }

void quantizeRowQ4_K(const float* x, void* dst, int64_t n) { ref::quantizeQ4_KWith(x, dst, n, asymmetricSearch8); }

void quantizeRowQ5_K(const float* x, void* dst, int64_t n) { ref::quantizeQ5_KWith(x, dst, n, asymmetricSearch8); }

}  // namespace qd::avx2
