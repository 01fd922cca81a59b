#include "core/lab/lab_dot.h"

#include "core/common/aligned_array.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "core/lab/lab_dot_impl.h"

namespace qd::lab {

namespace {

struct ScalarTier {
    static void codes4(const uint8_t* qs, int qk, float* out) {
        for (int j = 0; j < qk / 2; ++j) {
            out[j] = float(qs[j] & 0x0F);
            out[j + qk / 2] = float(qs[j] >> 4);
        }
    }
    static void codebook4(const uint8_t* qs, int qk, const float* table, float* out) {
        for (int j = 0; j < qk / 2; ++j) {
            out[j] = table[qs[j] & 0x0F];
            out[j + qk / 2] = table[qs[j] >> 4];
        }
    }
    static void codes8(const uint8_t* in, int qk, bool isSigned, float* out) {
        for (int j = 0; j < qk; ++j) out[j] = isSigned ? float(int8_t(in[j])) : float(in[j]);
    }
    static float dot(const float* a, const float* b, int n) {
        float s = 0.0f;
        for (int i = 0; i < n; ++i) s += a[i] * b[i];
        return s;
    }
    static float sum(const float* a, int n) {
        float s = 0.0f;
        for (int i = 0; i < n; ++i) s += a[i];
        return s;
    }
};

}  // namespace

namespace scalar {
float labDot(const BlockFormat& format, const uint8_t* row, const float* activations, int64_t n) {
    return detail::labDotGeneric<ScalarTier>(format, row, activations, n);
}
}  // namespace scalar

LabDotFn labDotFor(IsaLevel level) {
    if (int(level) > int(maxIsaLevel(cpuFeatures()))) return nullptr;
    switch (level) {
    case IsaLevel::Scalar: return &scalar::labDot;
    case IsaLevel::Avx2: return &avx2::labDot;
    case IsaLevel::Avx512: return &avx512::labDot;
    }
    return nullptr;
}

std::vector<DotSpeed> measureDotSpeed(const BlockFormat& format, int64_t n, int rows, int runs) {
    std::mt19937 rng(5);
    std::normal_distribution<float> nd(0.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(n));
    AlignedArray<float> a(static_cast<size_t>(n));  // cache-line aligned, so a run does not depend on the heap
    const size_t rowBytes = format.rowBytes(n);
    AlignedArray<uint8_t> q(rowBytes * size_t(rows));
    for (int r = 0; r < rows; ++r) {
        for (auto& v : x) v = nd(rng) * 0.02f;
        quantizeRow(format, x.data(), n, q.data() + size_t(r) * rowBytes, ScaleRule::Extremes);
    }
    for (auto& v : a) v = nd(rng);
    std::vector<DotSpeed> out;
    for (IsaLevel level : {IsaLevel::Scalar, IsaLevel::Avx2, IsaLevel::Avx512}) {
        const LabDotFn fn = labDotFor(level);
        if (!fn) continue;
        std::vector<double> gbs;
        volatile float sink = 0.0f;
        for (int run = 0; run < runs; ++run) {
            // Repeat the pass until it takes about 20 ms, so the clock's resolution does not matter.
            int passes = 0;
            const auto t0 = std::chrono::steady_clock::now();
            double seconds = 0;
            do {
                for (int r = 0; r < rows; ++r) sink = sink + fn(format, q.data() + size_t(r) * rowBytes, a.data(), n);
                ++passes;
                seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            } while (seconds < 0.02);
            gbs.push_back(double(q.size()) * passes / seconds / 1e9);
        }
        std::sort(gbs.begin(), gbs.end());
        DotSpeed s;
        s.level = level;
        s.runs = runs;
        s.medianGBs = gbs[gbs.size() / 2];
        s.spreadPercent = s.medianGBs > 0 ? 100.0 * (gbs.back() - gbs.front()) / s.medianGBs : 0.0;
        out.push_back(s);
    }
    return out;
}

}  // namespace qd::lab
