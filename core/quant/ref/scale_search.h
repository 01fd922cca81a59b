// Scale searches shared by the reference quantizers (K-quants, the weighted legacy quantizers).
//
// Each search picks, for a group of n weights x[0..n), a scale (and for the "with minimum" formats an
// offset) and the integer levels L[i] that approximate x[i] by scale * level (+ offset). They follow
// ggml's searches step for step, in the same floating-point order, because a different rounding of an
// intermediate sum can flip a level and files would then differ from llama.cpp's by a byte.
//
// Floating-point note: every product and sum below is a separate IEEE single-precision operation, as in
// ggml's baseline (no FMA) build of ggml-quants.c. core/quant/ref/ is built for baseline x86-64, where
// the compiler cannot fuse a multiply and an add; building it with FMA enabled would need
// -ffp-contract=off to stay byte-exact (tests/quant/test_quant_fixtures would catch the difference).
#pragma once

#include <cstdint>
#include <cstring>

namespace qd::ref {

// ggml treats a group whose largest magnitude is below this as all zeros.
constexpr float kGroupMaxEps = 1e-15f;

// Round to nearest, ties to even, the way ggml does it: adding 1.5 * 2^23 pushes the integer part into
// the low mantissa bits (the FPU rounds there), which are then read back. Exact for |v| < 2^22; larger
// or non-finite inputs give a deterministic but meaningless value, as they do in ggml, and never UB.
inline int nearestInt(float v) {
    const float shifted = v + 12582912.0f;  // 1.5 * 2^23
    int32_t bits;
    std::memcpy(&bits, &shifted, sizeof bits);
    return (bits & 0x007FFFFF) - 0x00400000;
}

// C's float-to-integer conversion truncates toward zero. The legacy quantizers convert to 8-bit
// integers this way; on x86-64 the compiler goes through a 32-bit conversion that yields INT32_MIN for
// NaN and out-of-range values, then keeps the low byte. This reproduces that without undefined
// behaviour (it only matters for degenerate rows, e.g. scales that underflow to a subnormal).
inline int32_t truncToInt32(float v) {
    if (!(v > -2147483904.0f && v < 2147483648.0f)) return INT32_MIN;  // also catches NaN
    return static_cast<int32_t>(v);
}

// Symmetric levels in [-nmax, nmax-1] (stored as level + nmax in L), minimising the weighted squared
// error sum w[i] * (x[i] - scale * level[i])^2. `weights` may be null: then w[i] = x[i]^2.
// Tries the scale that maps the largest-magnitude weight to -nmax and 18 nearby ones (nmax +- 0.1 k),
// and for each uses the least-squares scale of its levels. Returns the scale (0 for an all-zero group).
// ggml: make_qx_quants with rmse_type 1.
float makeSymmetricQuants(int n, int nmax, const float* x, int8_t* L, const float* weights);

// Q3_K's search (ggml: make_q3_quants with do_rmse): levels in [-nmax, nmax-1] stored as level + nmax,
// weights x[i]^2; after the first guess, up to five passes move single levels while that lowers the
// weighted error. Returns the scale.
float makeQ3Quants(int n, int nmax, const float* x, int8_t* L);

// Asymmetric levels in [0, nmax] with x ~ scale * L[i] - theMin (theMin >= 0 is returned in *theMin).
// Starts from the min/max mapping, then tries nStep+1 scales (rmin + rdelta * k + nmax) / (max - min),
// solving a weighted least-squares fit of scale and offset for each and keeping the one with the lowest
// weighted error (absolute error when useMad, squared otherwise). `weights` must not be null; `laux`
// is scratch of n bytes. ggml has two copies of this (make_qkx2_quants, make_qkx3_quants); they differ
// only when weights are null, which never happens here.
float makeAsymmetricQuants(int n, int nmax, const float* x, const float* weights, uint8_t* L,
                           float* theMin, uint8_t* laux, float rmin, float rdelta, int nStep, bool useMad);

// Quantizes n non-negative values (sub-block scales or mins) to levels in [0, nmax] against one positive
// scale, weighted by `weights`: a coarse scan of 9 scales, then up to five passes of single-level moves.
// Returns the scale. ggml: make_qp_quants.
float makePositiveQuants(int n, int nmax, const float* x, uint8_t* L, const float* weights);

}  // namespace qd::ref
