#include "kernel_test_data.h"

#include <cmath>
#include <cstddef>
#include <cstring>

#include "core/quant/blocks.h"
#include "core/quant/dot.h"
#include "core/quant/fp16.h"

namespace qd::test {

namespace {

struct ScaleFields {
    int count = 0;
    size_t offsets[2] = {0, 0};
    bool positive[2] = {false, false};  // minimum-type fields (dmin, m) are stored positive by quantizers
};

ScaleFields scaleFields(GgmlType type) {
    switch (type) {
    case GgmlType::Q4_0: return {1, {offsetof(BlockQ4_0, d)}, {false}};
    case GgmlType::Q4_1: return {2, {offsetof(BlockQ4_1, d), offsetof(BlockQ4_1, m)}, {false, false}};
    case GgmlType::Q5_0: return {1, {offsetof(BlockQ5_0, d)}, {false}};
    case GgmlType::Q5_1: return {2, {offsetof(BlockQ5_1, d), offsetof(BlockQ5_1, m)}, {false, false}};
    case GgmlType::Q8_0: return {1, {offsetof(BlockQ8_0, d)}, {false}};
    case GgmlType::IQ4_NL: return {1, {offsetof(BlockIQ4_NL, d)}, {false}};
    case GgmlType::Q2_K: return {2, {offsetof(BlockQ2_K, d), offsetof(BlockQ2_K, dmin)}, {false, true}};
    case GgmlType::Q3_K: return {1, {offsetof(BlockQ3_K, d)}, {false}};
    case GgmlType::Q4_K: return {2, {offsetof(BlockQ4_K, d), offsetof(BlockQ4_K, dmin)}, {false, true}};
    case GgmlType::Q5_K: return {2, {offsetof(BlockQ5_K, d), offsetof(BlockQ5_K, dmin)}, {false, true}};
    case GgmlType::Q6_K: return {1, {offsetof(BlockQ6_K, d)}, {false}};
    case GgmlType::IQ4_XS: return {1, {offsetof(BlockIQ4_XS, d)}, {false}};
    default: return {};
    }
}

bool isFloatType(GgmlType t) { return t == GgmlType::F32 || t == GgmlType::F16 || t == GgmlType::BF16; }

void storeHalf(uint8_t* p, float v) {
    const Half h = floatToHalf(v);
    std::memcpy(p, &h, 2);
}

std::vector<uint8_t> makeFloatRow(GgmlType type, int64_t n, WeightPattern pattern, std::mt19937& rng) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> v(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        switch (pattern) {
        case WeightPattern::Random: v[i] = normal(rng); break;
        case WeightPattern::Zeros: v[i] = 0.0f; break;
        case WeightPattern::MaxScale: v[i] = (rng() & 1) ? 65504.0f : -65504.0f; break;
        case WeightPattern::MaxLevels: v[i] = (i % 2) ? 1.0e4f : -1.0e4f; break;
        case WeightPattern::Outlier: v[i] = i == n / 2 ? 1.0e4f : normal(rng); break;
        }
    }
    std::vector<uint8_t> out(rowBytes(type, n));
    if (type == GgmlType::F32) {
        std::memcpy(out.data(), v.data(), out.size());
    } else {
        for (int64_t i = 0; i < n; ++i) {
            const uint16_t h = type == GgmlType::F16 ? floatToHalf(v[i]) : floatToBf16(v[i]);
            std::memcpy(out.data() + 2 * i, &h, 2);
        }
    }
    return out;
}

}  // namespace

std::vector<WeightPattern> allWeightPatterns() {
    return {WeightPattern::Random, WeightPattern::Zeros, WeightPattern::MaxScale, WeightPattern::MaxLevels,
            WeightPattern::Outlier};
}

std::vector<ActivationPattern> allActivationPatterns() {
    return {ActivationPattern::Random, ActivationPattern::Zeros, ActivationPattern::Outlier, ActivationPattern::Ties};
}

const char* patternName(WeightPattern p) {
    switch (p) {
    case WeightPattern::Random: return "random";
    case WeightPattern::Zeros: return "zeros";
    case WeightPattern::MaxScale: return "max-scale";
    case WeightPattern::MaxLevels: return "max-levels";
    case WeightPattern::Outlier: return "outlier";
    }
    return "?";
}

const char* patternName(ActivationPattern p) {
    switch (p) {
    case ActivationPattern::Random: return "random";
    case ActivationPattern::Zeros: return "zeros";
    case ActivationPattern::Outlier: return "outlier";
    case ActivationPattern::Ties: return "ties";
    }
    return "?";
}

std::vector<GgmlType> dotWeightTypes() {
    return {GgmlType::F32,  GgmlType::F16,  GgmlType::BF16, GgmlType::Q4_0, GgmlType::Q4_1,
            GgmlType::Q5_0, GgmlType::Q5_1, GgmlType::Q8_0, GgmlType::IQ4_NL, GgmlType::Q2_K,
            GgmlType::Q3_K, GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K, GgmlType::IQ4_XS};
}

size_t rowBytes(GgmlType type, int64_t n) {
    return static_cast<size_t>(ggmlRowBytes(type, static_cast<uint64_t>(n)).value_or(0));
}

std::vector<uint8_t> makeWeightRow(GgmlType type, int64_t n, WeightPattern pattern, std::mt19937& rng) {
    if (isFloatType(type)) return makeFloatRow(type, n, pattern, rng);

    const GgmlTypeTraits& traits = ggmlTypeTraits(type);
    const int64_t blocks = n / traits.blockSize;
    std::vector<uint8_t> row(rowBytes(type, n));
    std::uniform_int_distribution<int> byte(0, 255);
    for (uint8_t& b : row) {
        b = pattern == WeightPattern::Zeros ? 0 : pattern == WeightPattern::MaxLevels ? 0xFF : static_cast<uint8_t>(byte(rng));
    }
    if (pattern == WeightPattern::Zeros) return row;

    // Scales: random magnitude in [1/128, 1/32), random sign (positive for minimums).
    std::uniform_real_distribution<float> magnitude(1.0f / 128.0f, 1.0f / 32.0f);
    const ScaleFields fields = scaleFields(type);
    const int64_t outlierBlock = blocks / 2;
    for (int64_t b = 0; b < blocks; ++b) {
        uint8_t* block = row.data() + b * traits.blockBytes;
        for (int f = 0; f < fields.count; ++f) {
            float v = magnitude(rng);
            if (!fields.positive[f] && (rng() & 1)) v = -v;
            if (pattern == WeightPattern::MaxScale) v = fields.positive[f] || v > 0 ? 65504.0f : -65504.0f;
            if (pattern == WeightPattern::Outlier && b == outlierBlock) v *= 1000.0f;
            storeHalf(block + fields.offsets[f], v);
        }
    }
    return row;
}

std::vector<float> makeActivationRow(int64_t n, ActivationPattern pattern, std::mt19937& rng) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> v(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        switch (pattern) {
        case ActivationPattern::Random: v[i] = normal(rng); break;
        case ActivationPattern::Zeros: v[i] = 0.0f; break;
        case ActivationPattern::Outlier: v[i] = normal(rng); break;
        case ActivationPattern::Ties: {
            // Within every 32 elements: one 127 (so a Q8_0 scale of exactly 1), the rest k + 0.5.
            const int64_t k = i % 32;
            v[i] = k == 0 ? 127.0f : static_cast<float>(static_cast<int>(rng() % 250) - 125) + 0.5f;
            break;
        }
        }
    }
    if (pattern == ActivationPattern::Outlier && n > 0) v[static_cast<size_t>(n / 3)] = 1.0e4f;
    return v;
}

std::vector<float> weightsViaReference(GgmlType type, const uint8_t* row, int64_t n) {
    const GgmlType act = *activationType(type);
    const GgmlTypeTraits& wt = ggmlTypeTraits(type);
    const GgmlTypeTraits& at = ggmlTypeTraits(act);
    const KernelTable& scalar = *kernelsFor(IsaLevel::Scalar);
    const DotFn dot = scalar.dotFor(type);
    std::vector<float> out(static_cast<size_t>(n));
    std::vector<uint8_t> unit(at.blockBytes * (wt.blockSize / at.blockSize));
    for (int64_t b = 0; b < n / wt.blockSize; ++b) {
        for (uint32_t j = 0; j < wt.blockSize; ++j) {
            std::fill(unit.begin(), unit.end(), 0);
            uint8_t* ab = unit.data() + (j / at.blockSize) * at.blockBytes;
            const uint32_t k = j % at.blockSize;
            switch (act) {
            case GgmlType::F32: {
                const float one = 1.0f;
                std::memcpy(ab, &one, 4);
                break;
            }
            case GgmlType::F16: storeHalf(ab, 1.0f); break;
            case GgmlType::BF16: {
                const uint16_t one = floatToBf16(1.0f);
                std::memcpy(ab, &one, 2);
                break;
            }
            case GgmlType::Q8_0: {
                auto* q = reinterpret_cast<BlockQ8_0*>(ab);
                q->d = floatToHalf(1.0f);
                q->qs[k] = 1;
                break;
            }
            case GgmlType::Q8_1: {
                auto* q = reinterpret_cast<BlockQ8_1*>(ab);
                q->d = floatToHalf(1.0f);
                q->s = floatToHalf(1.0f);
                q->qs[k] = 1;
                break;
            }
            case GgmlType::Q8_K: {
                auto* q = reinterpret_cast<BlockQ8_K*>(ab);
                q->d = 1.0f;
                q->qs[k] = 1;
                q->bsums[k / 16] = 1;
                break;
            }
            default: break;
            }
            out[static_cast<size_t>(b * wt.blockSize + j)] =
                dot(wt.blockSize, row + b * wt.blockBytes, unit.data());
        }
    }
    return out;
}

}  // namespace qd::test
