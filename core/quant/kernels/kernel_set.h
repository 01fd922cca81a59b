// Declarations of every dot-product and activation kernel, once per tier (internal to core/quant).
//
// The same list is declared in namespaces qd::ref (scalar reference, kernels/), qd::avx2 (x86/avx2/)
// and qd::avx512 (x86/avx512/, only the kernels that have an AVX-512 version). dot.cpp puts them in the
// tables of dot.h. Plain declarations only: no intrinsics here, so any file may include this.
#pragma once

#include <cstddef>
#include <cstdint>

// Dot kernels: sum over n elements of weight row (first type) times activation row (second type).
#define QD_DOT_KERNEL_LIST(X) \
    X(dotF32)                 \
    X(dotF16)                 \
    X(dotBF16)                \
    X(dotQ4_0)                \
    X(dotQ4_1)                \
    X(dotQ5_0)                \
    X(dotQ5_1)                \
    X(dotQ8_0)                \
    X(dotIQ4_NL)              \
    X(dotQ2_K)                \
    X(dotQ3_K)                \
    X(dotQ4_K)                \
    X(dotQ5_K)                \
    X(dotQ6_K)                \
    X(dotIQ4_XS)

// Activation quantizers: n floats -> packed row of the activation type.
#define QD_FROM_FLOAT_LIST(X) \
    X(fromFloatF16)           \
    X(fromFloatBF16)          \
    X(fromFloatQ8_0)          \
    X(fromFloatQ8_1)          \
    X(fromFloatQ8_K)

// Weight-row conversions with a SIMD version (the quantizer's inner loops): half / bfloat16 rows to
// floats, and the legacy formats from floats without an importance matrix. Byte-identical to the
// references in core/quant/ref/; only qd::avx2 has them (the scalar table wraps the references).
#define QD_QUANTIZE_ROW_LIST(X) \
    X(quantizeRowQ4_0)          \
    X(quantizeRowQ4_1)          \
    X(quantizeRowQ5_0)          \
    X(quantizeRowQ5_1)          \
    X(quantizeRowQ8_0)          \
    X(quantizeRowQ4_K)          \
    X(quantizeRowQ5_K)          \
    X(quantizeRowQ6_K)

// Dot products of kDotRows (8) weight rows, rowStride bytes apart, with one activation row (dot.h).
#define QD_DOT_ROWS_LIST(X) \
    X(dotRowsQ4_0)          \
    X(dotRowsF32)           \
    X(dotRowsF16)

#define QD_DECLARE_DOT_ROWS(name) \
    void name(int64_t n, const void* weights, size_t rowStride, const void* activations, float* out);
// Vector math with llama.cpp's x86 arithmetic (dot.h): softmax exponentials with their sum, SiLU.
#define QD_VECTOR_MATH_LIST(X) \
    X(expSum)                  \
    X(siluRow)

#define QD_DECLARE_VECTOR_MATH(name) QD_VECTOR_MATH_##name
#define QD_VECTOR_MATH_expSum double expSum(float* s, int64_t n, float max);
#define QD_VECTOR_MATH_siluRow void siluRow(const float* x, float* y, int64_t n);

// The half-precision dot products of attention (dot.h KernelTable::halfDot*).
#define QD_ATTENTION_DOT_LIST(X) \
    X(dotF16Sequential)          \
    X(dotF16Padded32)

#define QD_DECLARE_DOT(name) float name(int64_t n, const void* weights, const void* activations);
#define QD_DECLARE_FROM_FLOAT(name) void name(const float* src, void* dst, int64_t n);

namespace qd::ref {
QD_DOT_KERNEL_LIST(QD_DECLARE_DOT)
QD_FROM_FLOAT_LIST(QD_DECLARE_FROM_FLOAT)
QD_DOT_ROWS_LIST(QD_DECLARE_DOT_ROWS)
QD_VECTOR_MATH_LIST(QD_DECLARE_VECTOR_MATH)
QD_ATTENTION_DOT_LIST(QD_DECLARE_DOT)
void fromFloatF32(const float* src, void* dst, int64_t n);  // a copy: F32 weights take F32 activations
}  // namespace qd::ref

namespace qd::avx2 {
QD_DOT_KERNEL_LIST(QD_DECLARE_DOT)
QD_FROM_FLOAT_LIST(QD_DECLARE_FROM_FLOAT)
QD_QUANTIZE_ROW_LIST(QD_DECLARE_FROM_FLOAT)
QD_DOT_ROWS_LIST(QD_DECLARE_DOT_ROWS)
QD_VECTOR_MATH_LIST(QD_DECLARE_VECTOR_MATH)
QD_ATTENTION_DOT_LIST(QD_DECLARE_DOT)
void halfRowToFloat(const void* src, float* dst, int64_t n);
// Dequantizers for the prompt path, the references' floats bit for bit (dequant_avx2.cpp).
void dequantRowQ4_0(const void* src, float* dst, int64_t n);
void dequantRowQ4_1(const void* src, float* dst, int64_t n);
void dequantRowQ8_0(const void* src, float* dst, int64_t n);
void dequantRowQ4_K(const void* src, float* dst, int64_t n);
void dequantRowQ6_K(const void* src, float* dst, int64_t n);
void bf16RowToFloat(const void* src, float* dst, int64_t n);
}  // namespace qd::avx2

// AVX-512 versions exist where the wider registers or VNNI pay off; the table takes AVX2's otherwise.
namespace qd::avx512 {
QD_DECLARE_DOT(dotF32)
QD_DECLARE_DOT(dotF16)
QD_DECLARE_DOT(dotBF16)
QD_DECLARE_DOT(dotQ8_0)
QD_DECLARE_DOT(dotQ4_0)
QD_DECLARE_DOT(dotIQ4_NL)
QD_DECLARE_DOT(dotQ4_K)
QD_DECLARE_DOT(dotQ6_K)
}  // namespace qd::avx512

#undef QD_DECLARE_DOT
#undef QD_DECLARE_DOT_ROWS
#undef QD_DECLARE_VECTOR_MATH
#undef QD_VECTOR_MATH_expSum
#undef QD_VECTOR_MATH_siluRow
#undef QD_DECLARE_FROM_FLOAT
