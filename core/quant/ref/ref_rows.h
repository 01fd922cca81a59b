// Per-type reference row codecs behind core/quant/quantize.h.
//
// Every quantizer here has one signature: it encodes one row of n weights (n a multiple of the type's
// block size) into blocks at dst. `importance` is null or holds n per-column weights (an importance
// matrix row); when null the result is byte-identical to what llama-quantize writes without an imatrix
// (ggml's quantize_<type>(..., imatrix = NULL)), otherwise to what it writes with one.
// Dequantizers decode n weights. Inputs are assumed finite and sizes valid: quantize.cpp checks them.
#pragma once

#include <cstdint>

namespace qd::ref {

using QuantizeRowFn = void (*)(const float* x, void* dst, int64_t n, const float* importance);
using DequantizeRowFn = void (*)(const void* src, float* y, int64_t n);

// Plain floats (float_rows.cpp): F32 copies, F16 and BF16 round to nearest even (fp16.h).
void quantizeF32(const float* x, void* dst, int64_t n, const float* importance);
void quantizeF16(const float* x, void* dst, int64_t n, const float* importance);
void quantizeBF16(const float* x, void* dst, int64_t n, const float* importance);
void dequantizeF32(const void* src, float* y, int64_t n);
void dequantizeF16(const void* src, float* y, int64_t n);
void dequantizeBF16(const void* src, float* y, int64_t n);

// Legacy 32-weight blocks (legacy_quants.cpp).
void quantizeQ4_0(const float* x, void* dst, int64_t n, const float* importance);
void quantizeQ4_1(const float* x, void* dst, int64_t n, const float* importance);
void quantizeQ5_0(const float* x, void* dst, int64_t n, const float* importance);
void quantizeQ5_1(const float* x, void* dst, int64_t n, const float* importance);
void quantizeQ8_0(const float* x, void* dst, int64_t n, const float* importance);  // importance unused
void quantizeQ8_1(const float* x, void* dst, int64_t n, const float* importance);  // importance unused
void dequantizeQ4_0(const void* src, float* y, int64_t n);
void dequantizeQ4_1(const void* src, float* y, int64_t n);
void dequantizeQ5_0(const void* src, float* y, int64_t n);
void dequantizeQ5_1(const void* src, float* y, int64_t n);
void dequantizeQ8_0(const void* src, float* y, int64_t n);
void dequantizeQ8_1(const void* src, float* y, int64_t n);

// K-quants with 16-weight sub-blocks and Q8_K (k_quants_16.cpp).
void quantizeQ2_K(const float* x, void* dst, int64_t n, const float* importance);
void quantizeQ3_K(const float* x, void* dst, int64_t n, const float* importance);
void quantizeQ6_K(const float* x, void* dst, int64_t n, const float* importance);
void quantizeQ8_K(const float* x, void* dst, int64_t n, const float* importance);  // importance unused
void dequantizeQ2_K(const void* src, float* y, int64_t n);
void dequantizeQ3_K(const void* src, float* y, int64_t n);
void dequantizeQ6_K(const void* src, float* y, int64_t n);
void dequantizeQ8_K(const void* src, float* y, int64_t n);

// K-quants with 32-weight sub-blocks and 6-bit packed scales (k_quants_32.cpp).
void quantizeQ4_K(const float* x, void* dst, int64_t n, const float* importance);
void quantizeQ5_K(const float* x, void* dst, int64_t n, const float* importance);
void dequantizeQ4_K(const void* src, float* y, int64_t n);

// The scale search of Q4_K / Q5_K without an importance matrix runs on the 8 sub-blocks of a
// super-block: for s in 0..7, makeAsymmetricQuants(32, nmax, x + 32 s, w + 32 s, L + 32 s, &mins[s], ...,
// rmin, rdelta, nStep, false) into scales[s]. The *With quantizers take a replacement that must give the
// same results (a SIMD version running the 8 searches side by side, core/quant/x86/).
using AsymmetricSearch8Fn = void (*)(int nmax, const float* x, const float* w, uint8_t* L, float* scales, float* mins,
                                     float rmin, float rdelta, int nStep);
// Q6_K without an importance matrix searches its 16 groups of 16 eight at a time: for g in 0..7,
// makeSymmetricQuants(n, nmax, x + n g, L + n g, nullptr) into scales[g]. quantizeQ6_KWith takes a
// replacement with the same results.
using SymmetricSearch8Fn = void (*)(int n, int nmax, const float* x, int8_t* L, float* scales);
void quantizeQ6_KWith(const float* x, void* dst, int64_t n, SymmetricSearch8Fn search);
void quantizeQ4_KWith(const float* x, void* dst, int64_t n, AsymmetricSearch8Fn search);
// The reference searches, one group after the other: the defaults, and the SIMD versions' fallback.
void searchEachGroup(int n, int nmax, const float* x, int8_t* L, float* scales);
void searchEachSubBlock(int nmax, const float* x, const float* w, uint8_t* L, float* scales, float* mins, float rmin,
                        float rdelta, int nStep);
void quantizeQ5_KWith(const float* x, void* dst, int64_t n, AsymmetricSearch8Fn search);
void dequantizeQ5_K(const void* src, float* y, int64_t n);

// Non-linear 4-bit types (iq4_quants.cpp).
void quantizeIQ4_NL(const float* x, void* dst, int64_t n, const float* importance);
void quantizeIQ4_XS(const float* x, void* dst, int64_t n, const float* importance);
void dequantizeIQ4_NL(const void* src, float* y, int64_t n);
void dequantizeIQ4_XS(const void* src, float* y, int64_t n);

// The 16 values IQ4_NL / IQ4_XS indices point to (a fixed non-uniform grid, denser near zero).
extern const int8_t kIq4Values[16];

}  // namespace qd::ref
