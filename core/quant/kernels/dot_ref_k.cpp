// Scalar reference dot products of the 256-weight super-block types (K-quants, IQ4_XS) with Q8_K.
//
// Each weight's integer level is decoded by its index in the super-block (the layouts are drawn in
// blocks.h), multiplied by the activation's int8, summed per sub-block (exact integers) and scaled.
// Q8_K's bsums (sum of 16 activations) fold the per-sub-block minimums of Q2_K/Q4_K/Q5_K in.
#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/kernels/format_helpers.h"
#include "core/quant/kernels/kernel_set.h"

namespace qd::ref {

namespace {

// Q2_K and Q3_K share the 2-bit layout: weight i = 128h + 32s + l sits in bits 2s..2s+1 of qs[32h + l].
inline int twoBitLevel(const uint8_t* qs, int i) {
    const int h = i / 128, s = (i % 128) / 32, l = i % 32;
    return (qs[32 * h + l] >> (2 * s)) & 3;
}

// Q4_K / Q5_K: weight i = 64c + 32t + l is the low (t = 0) or high (t = 1) nibble of qs[32c + l].
inline int fourBitLevelK(const uint8_t* qs, int i) {
    const int c = i / 64, t = (i % 64) / 32, l = i % 32;
    return t == 0 ? (qs[32 * c + l] & 0x0F) : (qs[32 * c + l] >> 4);
}

}  // namespace

// w = d * sc_k * q - dmin * m_k (sub-block k of 16)  =>  d*da*sum_k sc_k*sum q*qa - dmin*da*sum_k m_k*bsum_k
float dotQ2_K(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ2_K*>(weights);
    const auto* a = static_cast<const BlockQ8_K*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        int scaled = 0, mins = 0;
        for (int k = 0; k < 16; ++k) {
            int isum = 0;
            for (int i = 16 * k; i < 16 * k + 16; ++i) isum += twoBitLevel(w[b].qs, i) * a[b].qs[i];
            scaled += (w[b].scales[k] & 0x0F) * isum;
            mins += (w[b].scales[k] >> 4) * a[b].bsums[k];
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * a[b].d) * scaled;
        sum -= static_cast<double>(halfToFloat(w[b].dmin) * a[b].d) * mins;
    }
    return static_cast<float>(sum);
}

// w = d * sc_k * (q - 4 * !hbit), sc_k signed six-bit
float dotQ3_K(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ3_K*>(weights);
    const auto* a = static_cast<const BlockQ8_K*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        int8_t scales[16];
        fmt::unpackScalesQ3K(w[b].scales, scales);
        int scaled = 0;
        for (int k = 0; k < 16; ++k) {
            int isum = 0;
            for (int i = 16 * k; i < 16 * k + 16; ++i) {
                // The high bit of weight i = 128h + 32s + l is bit 4h + s of hmask[l].
                const int hbit = (w[b].hmask[i % 32] >> (i / 32)) & 1;
                isum += (twoBitLevel(w[b].qs, i) - (hbit ? 0 : 4)) * a[b].qs[i];
            }
            scaled += scales[k] * isum;
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * a[b].d) * scaled;
    }
    return static_cast<float>(sum);
}

// w = d * sc_j * q - dmin * m_j (sub-block j of 32)
float dotQ4_K(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ4_K*>(weights);
    const auto* a = static_cast<const BlockQ8_K*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        uint8_t scales[8], mins[8];
        fmt::unpackScalesMinsK4(w[b].scales, scales, mins);
        int scaled = 0, minSum = 0;
        for (int j = 0; j < 8; ++j) {
            int isum = 0;
            for (int i = 32 * j; i < 32 * j + 32; ++i) isum += fourBitLevelK(w[b].qs, i) * a[b].qs[i];
            scaled += scales[j] * isum;
            minSum += mins[j] * (a[b].bsums[2 * j] + a[b].bsums[2 * j + 1]);
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * a[b].d) * scaled;
        sum -= static_cast<double>(halfToFloat(w[b].dmin) * a[b].d) * minSum;
    }
    return static_cast<float>(sum);
}

// Q4_K plus a fifth bit: bit j of qh[l] for weight 32j + l.
float dotQ5_K(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ5_K*>(weights);
    const auto* a = static_cast<const BlockQ8_K*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        uint8_t scales[8], mins[8];
        fmt::unpackScalesMinsK4(w[b].scales, scales, mins);
        int scaled = 0, minSum = 0;
        for (int j = 0; j < 8; ++j) {
            int isum = 0;
            for (int i = 32 * j; i < 32 * j + 32; ++i) {
                const int q = fourBitLevelK(w[b].qs, i) | (((w[b].qh[i % 32] >> j) & 1) << 4);
                isum += q * a[b].qs[i];
            }
            scaled += scales[j] * isum;
            minSum += mins[j] * (a[b].bsums[2 * j] + a[b].bsums[2 * j + 1]);
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * a[b].d) * scaled;
        sum -= static_cast<double>(halfToFloat(w[b].dmin) * a[b].d) * minSum;
    }
    return static_cast<float>(sum);
}

// w = d * sc_k * (q - 32), q six bits. Weight p = 128h + 32g + l: low 4 bits are the low (g < 2) or
// high (g >= 2) nibble of ql[64h + 32(g % 2) + l], high 2 bits are bits 2g..2g+1 of qh[32h + l].
float dotQ6_K(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockQ6_K*>(weights);
    const auto* a = static_cast<const BlockQ8_K*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        int scaled = 0;
        for (int k = 0; k < 16; ++k) {
            int isum = 0;
            for (int p = 16 * k; p < 16 * k + 16; ++p) {
                const int h = p / 128, g = (p % 128) / 32, l = p % 32;
                const uint8_t lowByte = w[b].ql[64 * h + 32 * (g % 2) + l];
                const int low = g < 2 ? (lowByte & 0x0F) : (lowByte >> 4);
                const int high = (w[b].qh[32 * h + l] >> (2 * g)) & 3;
                isum += ((low | (high << 4)) - 32) * a[b].qs[p];
            }
            scaled += w[b].scales[k] * isum;
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * a[b].d) * scaled;
    }
    return static_cast<float>(sum);
}

// w = d * (ls_ib - 32) * level[q], sub-blocks of 32 laid out like IQ4_NL blocks.
float dotIQ4_XS(int64_t n, const void* weights, const void* activations) {
    const auto* w = static_cast<const BlockIQ4_XS*>(weights);
    const auto* a = static_cast<const BlockQ8_K*>(activations);
    double sum = 0.0;
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        int scaled = 0;
        for (int ib = 0; ib < 8; ++ib) {
            const uint8_t* qs = w[b].qs + 16 * ib;
            const int8_t* qa = a[b].qs + 32 * ib;
            int isum = 0;
            for (int j = 0; j < 16; ++j) {
                isum += fmt::kIq4Levels[qs[j] & 0x0F] * qa[j];
                isum += fmt::kIq4Levels[qs[j] >> 4] * qa[j + 16];
            }
            scaled += fmt::iq4xsScale(w[b], ib) * isum;
        }
        sum += static_cast<double>(halfToFloat(w[b].d) * a[b].d) * scaled;
    }
    return static_cast<float>(sum);
}

}  // namespace qd::ref
