// Reference quantization and dequantization of rows, for every type QuantDesk writes.
//
// These are the readable scalar implementations that define each format (the "_ref" tier of
// ENGINEERING.md): they write files and serve as the oracle for the SIMD kernels. Output bytes follow
// ggml's layouts (blocks.h) and ggml's rounding, so files match llama.cpp's.
#pragma once

#include <cstdint>

#include "core/common/result.h"
#include "core/gguf/ggml_type.h"

namespace qd {

// Whether a reference quantizer / dequantizer exists for the type.
bool canQuantize(GgmlType type);
bool canDequantize(GgmlType type);

// Quantizes `nRows` rows of `rowLength` floats (row-major, contiguous) into `dst`, which must hold
// nRows * ggmlRowBytes(type, rowLength) bytes. rowLength must be a multiple of the type's block size.
// Without `importance` the bytes equal llama-quantize's without an imatrix; with it (rowLength
// non-negative per-column weights, an importance-matrix row) they follow ggml's weighted quantizers
// (Q8_0, Q8_1, Q8_K and the float types ignore it, as ggml does).
// Rejected with an error: NaN or infinite inputs (naming the 0-based row and the column), rows with
// values beyond maxQuantizableMagnitude(type), and rows whose block scales would overflow half
// precision (ggml would write infinities there). On error the contents of dst are unspecified.
// Thread-safe and re-entrant: no shared state, so callers may quantize different rows in parallel.
Status quantizeRows(GgmlType type, const float* src, void* dst, int64_t nRows, int64_t rowLength,
                    const float* importance = nullptr);

// The largest magnitude quantizeRows accepts for the type (rows beyond it are rejected: the format's
// half-precision scales cannot represent them), or 0 when finiteness is the only limit.
float maxQuantizableMagnitude(GgmlType type);

// Dequantizes `n` consecutive elements (a multiple of the block size) of `type` at `src` into floats,
// through the kernel table's SIMD dequantizer where one exists (the same floats as the reference).
Status dequantizeRow(GgmlType type, const void* src, float* dst, int64_t n);

}  // namespace qd
