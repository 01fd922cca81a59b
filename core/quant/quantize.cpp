// The type table behind quantizeRows / dequantizeRow, and the checks every row goes through.
#include "core/quant/quantize.h"

#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "core/quant/dot.h"
#include "core/quant/ref/ref_rows.h"

namespace qd {

namespace {

struct RowCodec {
    GgmlType type;
    ref::QuantizeRowFn quantize;      // null: QuantDesk does not write this type
    ref::DequantizeRowFn dequantize;  // null: QuantDesk cannot read it
    // Largest |x| a row may hold, so that every block scale fits in half precision (max 65504): 65504
    // times the largest code the format multiplies a half scale by: levels x sub-block scale code (Q3_K:
    // 3 levels, as its least-squares scale can map the largest weight to level 3 of -4..3), or
    // for formats with a minimum the minimum's code (Q2_K 15, Q4_K / Q5_K 63; Q4_1 / Q5_1 store the
    // minimum itself). Cut by 10% where a scale search may pick a scale above max / levels, by 25% for
    // IQ4 whose least-squares scale can map the largest weight well inside the table. Beyond this ggml
    // would store infinities, and its searches square and cube the weights. 0 = no limit beyond
    // finiteness (F32, BF16, and Q8_K whose scale is a float). Tested at the limit in
    // tests/quant/test_quant_adversarial.
    float maxMagnitude;
    // Whether maxMagnitude alone proves that every stored half is finite, so the decode-and-check pass
    // after quantizing can be skipped. True where the stored halves are the largest weight divided by a
    // fixed level count (Q4_0, Q5_0, Q8_0), the range over the levels or the minimum itself (Q4_1, Q5_1)
    // or the weights themselves (F16). False where a search picks the scale (the margins above are
    // empirical), for BF16 (rounding near FLT_MAX reaches infinity) and Q8_1 (its block sum can overflow).
    bool boundIsExact;
};

constexpr float kHalfMax = 65504.0f;

// One row per type; adding a format is adding a row (and its ref/ functions).
constexpr RowCodec kCodecs[] = {
    {GgmlType::F32, ref::quantizeF32, ref::dequantizeF32, 0.0f, true},
    {GgmlType::F16, ref::quantizeF16, ref::dequantizeF16, kHalfMax, true},
    {GgmlType::BF16, ref::quantizeBF16, ref::dequantizeBF16, 0.0f, false},
    {GgmlType::Q4_0, ref::quantizeQ4_0, ref::dequantizeQ4_0, kHalfMax * 8, true},
    {GgmlType::Q4_1, ref::quantizeQ4_1, ref::dequantizeQ4_1, kHalfMax, true},
    {GgmlType::Q5_0, ref::quantizeQ5_0, ref::dequantizeQ5_0, kHalfMax * 16, true},
    {GgmlType::Q5_1, ref::quantizeQ5_1, ref::dequantizeQ5_1, kHalfMax, true},
    {GgmlType::Q8_0, ref::quantizeQ8_0, ref::dequantizeQ8_0, kHalfMax * 127, true},
    {GgmlType::Q8_1, ref::quantizeQ8_1, ref::dequantizeQ8_1, kHalfMax * 127, false},
    {GgmlType::Q2_K, ref::quantizeQ2_K, ref::dequantizeQ2_K, kHalfMax * 15 * 0.9f, false},
    {GgmlType::Q3_K, ref::quantizeQ3_K, ref::dequantizeQ3_K, kHalfMax * 32 * 3 * 0.9f, false},
    {GgmlType::Q4_K, ref::quantizeQ4_K, ref::dequantizeQ4_K, kHalfMax * 63 * 0.9f, false},
    {GgmlType::Q5_K, ref::quantizeQ5_K, ref::dequantizeQ5_K, kHalfMax * 63 * 0.9f, false},
    {GgmlType::Q6_K, ref::quantizeQ6_K, ref::dequantizeQ6_K, kHalfMax * 128 * 32 * 0.9f, false},
    {GgmlType::Q8_K, ref::quantizeQ8_K, ref::dequantizeQ8_K, 0.0f, false},
    {GgmlType::IQ4_NL, ref::quantizeIQ4_NL, ref::dequantizeIQ4_NL, kHalfMax * 127 * 0.75f, false},
    {GgmlType::IQ4_XS, ref::quantizeIQ4_XS, ref::dequantizeIQ4_XS, kHalfMax * 32 * 127 * 0.75f, false},
};

const RowCodec* findCodec(GgmlType type) {
    for (const auto& c : kCodecs)
        if (c.type == type) return &c;
    return nullptr;
}

std::string typeName(GgmlType type) { return std::string(ggmlTypeName(type)); }

// The first non-finite value of a row, or -1.
int64_t firstNonFinite(const float* x, int64_t n) {
    for (int64_t i = 0; i < n; ++i)
        if (!std::isfinite(x[i])) return i;
    return -1;
}

// One branch-free pass (it vectorizes): whether every value is finite and at most `limit` in magnitude
// (NaN fails the comparison). Only a failing row is scanned again for the precise message.
bool rowWithin(const float* x, int64_t n, float limit) {
    int bad = 0;
    for (int64_t i = 0; i < n; ++i) bad |= !(std::fabs(x[i]) <= limit);
    return bad == 0;
}

float largestMagnitude(const float* x, int64_t n) {
    float m = 0.0f;
    for (int64_t i = 0; i < n; ++i) m = std::fmax(m, std::fabs(x[i]));
    return m;
}

}  // namespace

bool canQuantize(GgmlType type) {
    const RowCodec* c = findCodec(type);
    return c && c->quantize;
}

bool canDequantize(GgmlType type) {
    const RowCodec* c = findCodec(type);
    return c && c->dequantize;
}

float maxQuantizableMagnitude(GgmlType type) {
    const RowCodec* c = findCodec(type);
    return c ? c->maxMagnitude : 0.0f;
}

Status quantizeRows(GgmlType type, const float* src, void* dst, int64_t nRows, int64_t rowLength,
                    const float* importance) {
    const RowCodec* codec = findCodec(type);
    if (!codec || !codec->quantize) return fail("quantizing to " + typeName(type) + " is not supported");
    const auto& traits = ggmlTypeTraits(type);
    if (rowLength <= 0 || rowLength % traits.blockSize != 0)
        return fail("a row of " + std::to_string(rowLength) + " values cannot be stored as " + typeName(type) +
                    ", whose blocks hold " + std::to_string(traits.blockSize));
    if (nRows < 0) return fail("negative row count");
    if (nRows == 0) return {};
    if (!src || !dst) return fail("quantizeRows: null buffer");

    if (importance) {
        for (int64_t c = 0; c < rowLength; ++c)
            if (!std::isfinite(importance[c]) || importance[c] < 0.0f)
                return fail("importance value at column " + std::to_string(c) + " is negative or not finite");
    }

    const uint64_t rowBytes = *ggmlRowBytes(type, static_cast<uint64_t>(rowLength));
    const float limit = codec->maxMagnitude > 0.0f ? codec->maxMagnitude : FLT_MAX;
    // Without an importance matrix the kernel table's SIMD version writes the same bytes, where one exists.
    const FromFloatFn fast = importance ? nullptr : kernels().quantizeRowFor(type);
    std::vector<float> check(codec->boundIsExact ? 0 : static_cast<size_t>(rowLength));
    for (int64_t r = 0; r < nRows; ++r) {
        const float* x = src + r * rowLength;
        if (!rowWithin(x, rowLength, limit)) {
            if (const int64_t bad = firstNonFinite(x, rowLength); bad >= 0)
                return fail("row " + std::to_string(r) + " holds " + (std::isnan(x[bad]) ? "NaN" : "an infinite value") +
                            " at column " + std::to_string(bad) + "; " + typeName(type) + " cannot store it");
            return fail("row " + std::to_string(r) + " has values up to " + std::to_string(largestMagnitude(x, rowLength)) +
                        ", too large for " + typeName(type) + " (at most " + std::to_string(codec->maxMagnitude) + ")");
        }
        void* y = static_cast<uint8_t*>(dst) + static_cast<uint64_t>(r) * rowBytes;
        if (fast) fast(x, y, rowLength);
        else codec->quantize(x, y, rowLength, importance);
        if (codec->boundIsExact) continue;
        // Finite input can still overflow a format: BF16 near FLT_MAX, or a block whose searched scale
        // exceeds the half-precision range. ggml would write infinities there; we refuse instead.
        codec->dequantize(y, check.data(), rowLength);
        if (firstNonFinite(check.data(), rowLength) >= 0)
            return fail("row " + std::to_string(r) + " has values up to " + std::to_string(largestMagnitude(x, rowLength)) +
                        ", too large for " + typeName(type) + " (they overflow its 16-bit floats)");
    }
    return {};
}

Status dequantizeRow(GgmlType type, const void* src, float* dst, int64_t n) {
    const RowCodec* codec = findCodec(type);
    if (!codec || !codec->dequantize) return fail("dequantizing " + typeName(type) + " is not supported");
    const auto& traits = ggmlTypeTraits(type);
    if (n < 0 || n % traits.blockSize != 0)
        return fail(std::to_string(n) + " values are not a whole number of " + typeName(type) + " blocks (of " +
                    std::to_string(traits.blockSize) + ")");
    if (n == 0) return {};
    if (!src || !dst) return fail("dequantizeRow: null buffer");
    // The kernel table's SIMD dequantizer gives the same floats, where one exists.
    if (const ToFloatFn fast = kernels().dequantizeRowFor(type)) fast(src, dst, n);
    else codec->dequantize(src, dst, n);
    return {};
}

}  // namespace qd
