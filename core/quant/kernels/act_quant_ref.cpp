// Scalar reference activation quantizers: a row of floats -> the activation type of a dot product.
//
// The rounding follows what llama.cpp's CPU backend runs on x86 (so the integers match its
// activations, and greedy continuations match llama.cpp's token for token): Q8_0 / Q8_1 scale by
// 127 / max|x| and round half to even (its AVX2 quantize_row_q8_0/q8_1 use vroundps to nearest), not
// by 1 / d with roundf as ggml's portable reference does; Q8_K rounds half to even (nearest_int).
// The SIMD versions reproduce these bytes exactly. Files are not written through these: weight
// quantization (Q8_0 weights) has its own reference in core/quant/.
#include <cmath>
#include <cstring>

#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/kernels/kernel_set.h"

namespace qd::ref {

void fromFloatF32(const float* src, void* dst, int64_t n) {
    std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(float));
}

void fromFloatF16(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<Half*>(dst);
    for (int64_t i = 0; i < n; ++i) out[i] = floatToHalf(src[i]);
}

void fromFloatBF16(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<uint16_t*>(dst);
    for (int64_t i = 0; i < n; ++i) out[i] = floatToBf16(src[i]);
}

// q = nearest_even(x * 127 / max|x|): std::nearbyint under the default rounding mode.
inline int8_t levelQ8(float x, float id) { return static_cast<int8_t>(std::nearbyint(x * id)); }

// Q8_0: d = max|x| / 127, q = nearest_even(x * (127 / max|x|)).
void fromFloatQ8_0(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<BlockQ8_0*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float* x = src + b * kBlock32;
        float amax = 0.0f;
        for (int j = 0; j < kBlock32; ++j) amax = std::fmax(amax, std::fabs(x[j]));
        const float d = amax / 127.0f;
        const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
        out[b].d = floatToHalf(d);
        for (int j = 0; j < kBlock32; ++j) out[b].qs[j] = levelQ8(x[j], id);
    }
}

// Q8_1: Q8_0 plus s = d * sum(q), both stored as halves.
void fromFloatQ8_1(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<BlockQ8_1*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b) {
        const float* x = src + b * kBlock32;
        float amax = 0.0f;
        for (int j = 0; j < kBlock32; ++j) amax = std::fmax(amax, std::fabs(x[j]));
        const float d = amax / 127.0f;
        const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
        int qsum = 0;
        for (int j = 0; j < kBlock32; ++j) {
            out[b].qs[j] = levelQ8(x[j], id);
            qsum += out[b].qs[j];
        }
        out[b].d = floatToHalf(d);
        out[b].s = floatToHalf(static_cast<float>(qsum) * d);
    }
}

// Q8_K: the scale comes from the element of largest magnitude (the first one on ties), signed so that
// it maps to -127: q = nearest_even(x * -127 / max), d = 1 / (-127 / max). bsums[k] = sum of q over
// elements 16k..16k+15.
void fromFloatQ8_K(const float* src, void* dst, int64_t n) {
    auto* out = static_cast<BlockQ8_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const float* x = src + b * kBlockK;
        float amax = 0.0f, max = 0.0f;
        for (int j = 0; j < kBlockK; ++j) {
            if (std::fabs(x[j]) > amax) {
                amax = std::fabs(x[j]);
                max = x[j];
            }
        }
        BlockQ8_K& y = out[b];
        if (amax == 0.0f) {
            std::memset(&y, 0, sizeof(y));
            continue;
        }
        const float iscale = -127.0f / max;
        for (int j = 0; j < kBlockK; ++j) {
            const int v = static_cast<int>(std::nearbyint(iscale * x[j]));
            y.qs[j] = static_cast<int8_t>(v < 127 ? v : 127);
        }
        for (int k = 0; k < kBlockK / 16; ++k) {
            int s = 0;
            for (int j = 0; j < 16; ++j) s += y.qs[16 * k + j];
            y.bsums[k] = static_cast<int16_t>(s);
        }
        y.d = 1.0f / iscale;
    }
}

}  // namespace qd::ref
