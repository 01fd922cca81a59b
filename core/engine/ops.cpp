#include "core/engine/ops.h"

#include <array>
#include <cmath>
#include <memory>

#include "core/quant/dot.h"
#include "core/quant/fp16.h"

namespace qd::ops {

void rmsNormRows(const float* x, const float* w, float eps, int n, int rows, float* out) {
    for (int r = 0; r < rows; ++r) {
        const float* xr = x + static_cast<int64_t>(r) * n;
        float* o = out + static_cast<int64_t>(r) * n;
        // The squares are summed in double, as ggml does: a float sum rounds differently, and quantized
        // activations turn such last-bit differences into whole levels, enough to flip near-ties in
        // greedy continuations compared with llama.cpp.
        double ss = 0.0;
        for (int i = 0; i < n; ++i) ss += static_cast<double>(xr[i] * xr[i]);
        const float mean = static_cast<float>(ss / n);
        const float scale = 1.0f / std::sqrt(mean + eps);
        for (int i = 0; i < n; ++i) o[i] = xr[i] * scale * w[i];
    }
}

void layerNormRows(const float* x, const float* w, const float* b, float eps, int n, int rows, float* out) {
    for (int r = 0; r < rows; ++r) {
        const float* xr = x + static_cast<int64_t>(r) * n;
        float* o = out + static_cast<int64_t>(r) * n;
        double sum = 0.0;
        for (int i = 0; i < n; ++i) sum += static_cast<double>(xr[i]);
        const float mean = static_cast<float>(sum / n);
        double sum2 = 0.0;
        for (int i = 0; i < n; ++i) {
            const float v = xr[i] - mean;
            o[i] = v;
            sum2 += static_cast<double>(v * v);
        }
        const float variance = static_cast<float>(sum2 / n);
        const float scale = 1.0f / std::sqrt(variance + eps);
        for (int i = 0; i < n; ++i) o[i] *= scale;
        for (int i = 0; i < n; ++i) o[i] *= w[i];
        if (b)
            for (int i = 0; i < n; ++i) o[i] += b[i];
    }
}

void addBiasRows(float* x, const float* bias, int n, int rows) {
    for (int r = 0; r < rows; ++r) {
        float* xr = x + static_cast<int64_t>(r) * n;
        for (int i = 0; i < n; ++i) xr[i] += bias[i];
    }
}

float geluTanh(float x) {
    constexpr float kCoefA = 0.044715f;
    constexpr float kSqrt2OverPi = 0.79788456080286535587989211986876f;
    // 1 + a x^2 as one fused multiply-add: llama.cpp's compiled table (its compiler contracts the
    // expression); the table's half rounding hides the difference almost always either way.
    const float inner = std::fma(kCoefA * x, x, 1.0f);
    return 0.5f * x * (1.0f + std::tanh(kSqrt2OverPi * x * inner));
}

namespace {

// gelu of every half value, rounded to half and held as float.
const std::array<float, 65536>& geluTable() {
    static const std::unique_ptr<std::array<float, 65536>> table = [] {
        auto t = std::make_unique<std::array<float, 65536>>();
        for (uint32_t h = 0; h < 65536; ++h) {
            const float f = halfToFloat(static_cast<uint16_t>(h));
            (*t)[h] = std::isfinite(f) ? halfToFloat(floatToHalf(geluTanh(f))) : f;
        }
        return t;
    }();
    return *table;
}

}  // namespace

void gelu(float* x, int64_t n) {
    const std::array<float, 65536>& table = geluTable();
    for (int64_t i = 0; i < n; ++i) {
        if (x[i] <= -10.0f) x[i] = 0.0f;
        else if (x[i] < 10.0f) x[i] = table[floatToHalf(x[i])];
    }
}

void swigluFusedRows(const float* gu, int n, int rows, float* out) {
    const KernelTable& k = kernels();
    for (int r = 0; r < rows; ++r) {
        const float* g = gu + static_cast<int64_t>(r) * 2 * n;
        float* o = out + static_cast<int64_t>(r) * n;
        k.silu(g, o, n);
        for (int i = 0; i < n; ++i) o[i] *= g[n + i];
    }
}

void swigluRows(float* gate, const float* up, int n, int rows) {
    const KernelTable& k = kernels();
    for (int r = 0; r < rows; ++r) {
        float* g = gate + static_cast<int64_t>(r) * n;
        const float* u = up + static_cast<int64_t>(r) * n;
        k.silu(g, g, n);
        for (int i = 0; i < n; ++i) g[i] *= u[i];
    }
}

Rope::Rope(const ModelConfig& c, std::vector<float> freqFactors)
    : m_headDim(c.headDim),
      m_ropeDim(c.ropeDim),
      m_layout(c.ropeLayout),
      m_thetaScale(std::pow(c.ropeBase, -2.0f / static_cast<float>(c.ropeDim))),
      m_freqScale(1.0f / c.ropeScale),
      m_freqFactors(std::move(freqFactors)) {}

void Rope::apply(float* vec, int nHeads, int pos) const {
    // The angle of pair i is pos * base^(-2i / ropeDim) / factor_i / ropeScale. It is computed as ggml
    // does (a float running product pos * thetaScale^i), not from a table of exact speeds: the angles
    // then agree with llama.cpp to the last bit, which keeps greedy continuations identical at near-ties.
    const int half = m_ropeDim / 2;
    const bool interleaved = m_layout == RopeLayout::Interleaved;
    float running = static_cast<float>(pos);
    for (int i = 0; i < half; ++i, running *= m_thetaScale) {
        const float ff = m_freqFactors.empty() ? 1.0f : m_freqFactors[static_cast<size_t>(i)];
        const float theta = m_freqScale * (running / ff);
        const float cs = std::cos(theta), sn = std::sin(theta);
        const int a = interleaved ? 2 * i : i;
        const int b = interleaved ? 2 * i + 1 : i + half;
        for (int h = 0; h < nHeads; ++h) {
            float* head = vec + h * m_headDim;
            const float x0 = head[a], x1 = head[b];
            // One product rounded, the other fused into the sum: what llama.cpp's compiled x86 code
            // computes (its compiler contracts these expressions into fused multiply-adds).
            head[a] = std::fma(x0, cs, -(x1 * sn));
            head[b] = std::fma(x0, sn, x1 * cs);
        }
    }
}

std::vector<float> alibiSlopes(int nHead, float maxBias) {
    std::vector<float> slopes(static_cast<size_t>(nHead), 1.0f);
    if (!(maxBias > 0.0f)) return slopes;
    // The largest power of two not above the head count gets the geometric series m0^1, m0^2, ...; the
    // remaining heads take the odd powers of m1, which interleave between them.
    const uint32_t pow2 = 1u << static_cast<uint32_t>(std::floor(std::log2(static_cast<double>(nHead))));
    const float m0 = std::pow(2.0f, -maxBias / static_cast<float>(pow2));
    const float m1 = std::pow(2.0f, -(maxBias / 2.0f) / static_cast<float>(pow2));
    for (int h = 0; h < nHead; ++h)
        slopes[static_cast<size_t>(h)] = static_cast<uint32_t>(h) < pow2
                                             ? std::pow(m0, static_cast<float>(h + 1))
                                             : std::pow(m1, static_cast<float>(2 * (h - static_cast<int>(pow2)) + 1));
    return slopes;
}

}  // namespace qd::ops
