// Rows of plain floats: F32 (a copy), F16 and BF16 (rounded to nearest even by fp16.h, which matches
// ggml's ggml_fp32_to_fp16_row and ggml_fp32_to_bf16_row_ref bit for bit on finite values).
#include <cstring>

#include "core/quant/fp16.h"
#include "core/quant/ref/ref_rows.h"

namespace qd::ref {

void quantizeF32(const float* x, void* dst, int64_t n, const float* /*importance*/) {
    std::memcpy(dst, x, static_cast<size_t>(n) * sizeof(float));
}

void quantizeF16(const float* x, void* dst, int64_t n, const float* /*importance*/) {
    auto* y = static_cast<uint8_t*>(dst);
    for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = floatToHalf(x[i]);
        std::memcpy(y + 2 * i, &h, 2);  // dst need not be 2-byte aligned
    }
}

void quantizeBF16(const float* x, void* dst, int64_t n, const float* /*importance*/) {
    auto* y = static_cast<uint8_t*>(dst);
    for (int64_t i = 0; i < n; ++i) {
        const uint16_t b = floatToBf16(x[i]);
        std::memcpy(y + 2 * i, &b, 2);
    }
}

void dequantizeF32(const void* src, float* y, int64_t n) {
    std::memcpy(y, src, static_cast<size_t>(n) * sizeof(float));
}

void dequantizeF16(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const uint8_t*>(src);
    for (int64_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, x + 2 * i, 2);
        y[i] = halfToFloat(h);
    }
}

void dequantizeBF16(const void* src, float* y, int64_t n) {
    const auto* x = static_cast<const uint8_t*>(src);
    for (int64_t i = 0; i < n; ++i) {
        uint16_t b;
        std::memcpy(&b, x + 2 * i, 2);
        y[i] = bf16ToFloat(b);
    }
}

}  // namespace qd::ref
