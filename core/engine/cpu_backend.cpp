#include "core/engine/cpu_backend.h"

#include <algorithm>
#include <cmath>

#include <cblas.h>

#include "core/quant/dot.h"
#include "core/quant/quantize.h"

namespace qd {

namespace {

constexpr int64_t kBlasTileRows = 64;  // weight rows dequantized per sgemm call

size_t activationRowBytes(GgmlType act, int64_t n) { return static_cast<size_t>(*ggmlRowBytes(act, n)); }

}  // namespace

bool cpuCanRun(GgmlType type) { return hasDotKernel(type) && canDequantize(type); }

CpuBackend::CpuBackend(ThreadPool& pool, GemmMode mode) : m_pool(pool), m_mode(mode) {
    // Each of our workers calls sgemm on its own tile; OpenBLAS must not start threads of its own.
    openblas_set_num_threads(1);
    m_workerFloats.resize(static_cast<size_t>(pool.size()));
    m_workerHalves.resize(static_cast<size_t>(pool.size()));
}

CpuBackend::~CpuBackend() = default;

std::string CpuBackend::name() const { return "CPU (" + std::string(isaLevelName(kernels().level)) + ")"; }

void CpuBackend::matmul(const WeightView& w, const float* x, float* y, int nTokens) {
    const bool blas = m_mode == GemmMode::Blas || (m_mode == GemmMode::Auto && nTokens >= kBlasMinBatch);
    if (blas) matmulBlas(w, x, y, nTokens);
    else matmulDot(w, x, y, nTokens);
}

void CpuBackend::matmulDot(const WeightView& w, const float* x, float* y, int nTokens) {
    const KernelTable& k = kernels();
    const GgmlType act = *activationType(w.type);
    const DotFn dot = k.dotFor(w.type);
    const FromFloatFn toAct = k.fromFloatFor(act);
    const int64_t cols = w.cols, rows = w.rows;
    const size_t actBytes = activationRowBytes(act, cols);
    m_activations.resize(actBytes * static_cast<size_t>(nTokens));
    uint8_t* acts = m_activations.data();

    // Quantize the inputs once; every row of W is then dotted with each of them.
    m_pool.parallelFor(nTokens, 1, [&](int64_t b, int64_t e, int) {
        for (int64_t t = b; t < e; ++t) toAct(x + t * cols, acts + static_cast<size_t>(t) * actBytes, cols);
    });
    // Rows in chunks: a chunk of weight rows stays in cache while it meets every token.
    const int64_t grain = std::max<int64_t>(1, std::min<int64_t>(64, rows / (8 * m_pool.size()) + 1));
    m_pool.parallelFor(rows, grain, [&](int64_t b, int64_t e, int) {
        for (int64_t r = b; r < e; ++r) {
            const uint8_t* wr = w.row(r);
            for (int t = 0; t < nTokens; ++t)
                y[static_cast<int64_t>(t) * rows + r] = dot(cols, wr, acts + static_cast<size_t>(t) * actBytes);
        }
    });
}

void CpuBackend::matmulBlas(const WeightView& w, const float* x, float* y, int nTokens) {
    const int64_t cols = w.cols, rows = w.rows;
    const int64_t tiles = (rows + kBlasTileRows - 1) / kBlasTileRows;
    m_pool.parallelFor(tiles, 1, [&](int64_t b, int64_t e, int worker) {
        std::vector<float>& tile = m_workerFloats[static_cast<size_t>(worker)];
        tile.resize(static_cast<size_t>(kBlasTileRows * cols));
        for (int64_t ti = b; ti < e; ++ti) {
            const int64_t r0 = ti * kBlasTileRows;
            const int64_t nr = std::min(kBlasTileRows, rows - r0);
            for (int64_t r = 0; r < nr; ++r) (void)dequantizeRow(w.type, w.row(r0 + r), tile.data() + r * cols, cols);
            // Y[:, r0:r0+nr] = X [nTokens x cols] * tile^T [cols x nr]
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nTokens, static_cast<int>(nr), static_cast<int>(cols), 1.0f,
                        x, static_cast<int>(cols), tile.data(), static_cast<int>(cols), 0.0f, y + r0,
                        static_cast<int>(rows));
        }
    });
}

void CpuBackend::attention(const ModelConfig& c, const KvCache& cache, int layer, const float* q, float* out,
                           int nTokens, int pos0) {
    const KernelTable& k = kernels();
    const DotFn dotHalf = k.dotFor(GgmlType::F16);
    const FromFloatFn toHalf = k.fromFloatFor(GgmlType::F16);
    const int hd = c.headDim, qDim = c.nEmbdQ(), group = c.nHead / c.nHeadKv;
    const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
    const int64_t pairs = static_cast<int64_t>(nTokens) * c.nHead;

    m_pool.parallelFor(pairs, 1, [&](int64_t b, int64_t e, int worker) {
        std::vector<float>& scores = m_workerFloats[static_cast<size_t>(worker)];
        std::vector<uint16_t>& halves = m_workerHalves[static_cast<size_t>(worker)];
        scores.resize(static_cast<size_t>(cache.context()));
        halves.resize(static_cast<size_t>(cache.context() + hd));
        uint16_t* qHalf = halves.data();
        uint16_t* pHalf = halves.data() + hd;
        for (int64_t pair = b; pair < e; ++pair) {
            const int t = static_cast<int>(pair / c.nHead), h = static_cast<int>(pair % c.nHead);
            const int pos = pos0 + t, kvh = h / group, n = pos + 1;
            toHalf(q + static_cast<int64_t>(t) * qDim + h * hd, qHalf, hd);
            float maxScore = -INFINITY;
            for (int j = 0; j < n; ++j) {
                const float s = dotHalf(hd, cache.keyRow(layer, j) + kvh * hd, qHalf) * scale;
                scores[static_cast<size_t>(j)] = s;
                maxScore = std::max(maxScore, s);
            }
            float sum = 0.0f;
            for (int j = 0; j < n; ++j) {
                const float p = std::exp(scores[static_cast<size_t>(j)] - maxScore);
                scores[static_cast<size_t>(j)] = p;
                sum += p;
            }
            const float inv = 1.0f / sum;
            for (int j = 0; j < n; ++j) scores[static_cast<size_t>(j)] *= inv;
            toHalf(scores.data(), pHalf, n);
            float* o = out + static_cast<int64_t>(t) * qDim + h * hd;
            for (int i = 0; i < hd; ++i) o[i] = dotHalf(n, cache.valueColumn(layer, kvh * hd + i), pHalf);
        }
    });
}

}  // namespace qd
