#include "core/engine/cpu_backend.h"

#include <algorithm>
#include <cmath>

#include <cblas.h>

#include "core/quant/dot.h"
#include "core/quant/fp16.h"
#include "core/quant/quantize.h"

namespace qd {

namespace {

// Weight rows dequantized per sgemm call. sgemm repacks the whole activation matrix X ([nTokens][cols],
// 4 MiB for a 512 x 2048 prompt batch) on every call, so small tiles spend their time packing: 64-row
// tiles packed X 32 times per 2048-row matrix. 256 rows keep a tile (256 x cols floats, 2 MiB at
// cols = 2048) within L2/L3 reach while quartering the packing.
constexpr int64_t kBlasTileRows = 256;

size_t activationRowBytes(GgmlType act, int64_t n) { return static_cast<size_t>(*ggmlRowBytes(act, n)); }

// Softmax of the n scores of one query given their maximum, as llama.cpp computes it: exponentials and
// their sum by the kernel table's expSum (dot.h), the sum in double, then every value times the float
// nearest to 1 / sum.
void softmaxInPlace(const KernelTable& k, float* s, int n, float maxScore) {
    const double sum = k.expSum(s, n, maxScore);
    const float inv = static_cast<float>(1.0 / sum);
    for (int j = 0; j < n; ++j) s[j] *= inv;
}

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
    // Rows in chunks: a chunk of weight rows stays in cache while it meets every token. Where the type
    // has an eight-row kernel (dot.h) and the row count allows it, every matrix row goes through it (the
    // arithmetic then does not depend on how rows fall into chunks), in chunks of whole groups of eight.
    // F32 / F16 eight-row kernels have llama.cpp's batch arithmetic, so they serve batches only; a single
    // token goes through `dot`, its single-token arithmetic (dot.h).
    const bool floatWeights = w.type == GgmlType::F32 || w.type == GgmlType::F16;
    const DotRowsFn dotRows = rows % kDotRows == 0 && (nTokens > 1 || !floatWeights) ? k.dotRowsFor(w.type) : nullptr;
    int64_t grain = std::max<int64_t>(1, std::min<int64_t>(64, rows / (8 * m_pool.size()) + 1));
    if (dotRows) grain = (grain + kDotRows - 1) / kDotRows * kDotRows;
    m_pool.parallelFor(rows, grain, [&](int64_t b, int64_t e, int) {
        if (dotRows) {
            for (int64_t r = b; r < e; r += kDotRows)
                for (int t = 0; t < nTokens; ++t)
                    dotRows(cols, w.row(r), w.rowBytes, acts + static_cast<size_t>(t) * actBytes,
                            y + static_cast<int64_t>(t) * rows + r);
            return;
        }
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
    if (m_mode != GemmMode::DotKernels && nTokens >= kBlasMinBatch) {
        attentionBatched(c, cache, layer, q, out, nTokens, pos0);
        return;
    }
    const KernelTable& k = kernels();
    // llama.cpp's arithmetic (dot.h): one token takes its single-token products (keys: dot[F16]; values:
    // rows padded to 32 cells), a batch its batch products.
    const DotFn keyDot = nTokens == 1 ? k.dotFor(GgmlType::F16) : k.halfDotSequential;
    const DotFn valueDot = nTokens == 1 ? k.halfDotPadded32 : k.halfDotSequential;
    const FromFloatFn toHalf = k.fromFloatFor(GgmlType::F16);
    const int hd = c.headDim, qDim = c.nEmbdQ(), group = c.nHead / c.nHeadKv;
    const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
    const int64_t pairs = static_cast<int64_t>(nTokens) * c.nHead;

    m_pool.parallelFor(pairs, 1, [&](int64_t b, int64_t e, int worker) {
        std::vector<float>& scores = m_workerFloats[static_cast<size_t>(worker)];
        std::vector<uint16_t>& halves = m_workerHalves[static_cast<size_t>(worker)];
        scores.resize(static_cast<size_t>(cache.context()));
        halves.resize(static_cast<size_t>(cache.context() + 32 + hd));
        uint16_t* qHalf = halves.data();
        uint16_t* pHalf = halves.data() + hd;
        for (int64_t pair = b; pair < e; ++pair) {
            const int t = static_cast<int>(pair / c.nHead), h = static_cast<int>(pair % c.nHead);
            const int pos = pos0 + t, kvh = h / group, n = pos + 1;
            toHalf(q + static_cast<int64_t>(t) * qDim + h * hd, qHalf, hd);
            float maxScore = -INFINITY;
            for (int j = 0; j < n; ++j) {
                const float s = keyDot(hd, cache.keyRow(layer, j) + kvh * hd, qHalf) * scale;
                scores[static_cast<size_t>(j)] = s;
                maxScore = std::max(maxScore, s);
            }
            softmaxInPlace(k, scores.data(), n, maxScore);
            toHalf(scores.data(), pHalf, n);
            // One token: the value product pads the row with zeros to 32 cells. Padding the probabilities
            // here and passing the padded length gives the same sums (the value cells past n are finite
            // cache contents times zero; value rows have room, kv_cache.h) without the kernel's slow tail.
            int padded = n;
            if (nTokens == 1) {
                padded = (n + 31) / 32 * 32;
                std::fill(pHalf + n, pHalf + padded, uint16_t(0));
            }
            float* o = out + static_cast<int64_t>(t) * qDim + h * hd;
            for (int i = 0; i < hd; ++i) o[i] = valueDot(padded, cache.valueColumn(layer, kvh * hd + i), pHalf);
        }
    });
}

// Prompt batches: the scores of all nTokens queries of a head against the keys come from one sgemm
// instead of nTokens x nKv short (headDim-element) dot calls, each a call, a few conversions and a
// horizontal sum. The arithmetic stays llama.cpp's: keys are the cached halves and queries are rounded
// to half first (its K*Q product takes F16 operands), so every product is exact in float and only the
// summation order differs. Softmax and the value products are the decode path's.
void CpuBackend::attentionBatched(const ModelConfig& c, const KvCache& cache, int layer, const float* q, float* out,
                                  int nTokens, int pos0) {
    const KernelTable& k = kernels();
    const DotFn dotHalf = k.dotFor(GgmlType::F16);
    const FromFloatFn toHalf = k.fromFloatFor(GgmlType::F16);
    const int hd = c.headDim, qDim = c.nEmbdQ(), group = c.nHead / c.nHeadKv;
    const int nKv = pos0 + nTokens;  // keys visible to the last query
    const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
    const size_t n = static_cast<size_t>(nTokens), kv = static_cast<size_t>(nKv), d = static_cast<size_t>(hd);

    // One task per KV head: its keys are converted to float once for the `group` query heads using them.
    m_pool.parallelFor(c.nHeadKv, 1, [&](int64_t b, int64_t e, int worker) {
        std::vector<float>& f = m_workerFloats[static_cast<size_t>(worker)];
        std::vector<uint16_t>& halves = m_workerHalves[static_cast<size_t>(worker)];
        f.resize(kv * d + n * d + n * kv);
        halves.resize(kv + n * d);
        float* keys = f.data();           // [nKv][hd]
        float* queries = keys + kv * d;   // [nTokens][hd]
        float* scores = queries + n * d;  // [nTokens][nKv]
        uint16_t* pHalf = halves.data();  // [nKv]
        uint16_t* qHalf = pHalf + kv;     // [nTokens][hd]
        for (int kvh = static_cast<int>(b); kvh < e; ++kvh) {
            for (int j = 0; j < nKv; ++j) {
                const uint16_t* kr = cache.keyRow(layer, j) + kvh * hd;
                for (size_t i = 0; i < d; ++i) keys[static_cast<size_t>(j) * d + i] = halfToFloat(kr[i]);
            }
            for (int h = kvh * group; h < (kvh + 1) * group; ++h) {
                for (int t = 0; t < nTokens; ++t) toHalf(q + static_cast<int64_t>(t) * qDim + h * hd, qHalf + t * d, hd);
                for (size_t i = 0; i < n * d; ++i) queries[i] = halfToFloat(qHalf[i]);
                // scores [nTokens][nKv] = queries [nTokens][hd] * keys^T [hd][nKv] (scaled below, as decode does)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nTokens, nKv, hd, 1.0f, queries, hd, keys, hd,
                            0.0f, scores, nKv);
                for (int t = 0; t < nTokens; ++t) {
                    float* s = scores + static_cast<size_t>(t) * kv;
                    const int visible = pos0 + t + 1;  // causal: keys 0 .. pos0 + t
                    float maxScore = -INFINITY;
                    for (int j = 0; j < visible; ++j) {
                        s[j] *= scale;
                        maxScore = std::max(maxScore, s[j]);
                    }
                    softmaxInPlace(k, s, visible, maxScore);
                    toHalf(s, pHalf, visible);
                    float* o = out + static_cast<int64_t>(t) * qDim + h * hd;
                    for (int i = 0; i < hd; ++i) o[i] = dotHalf(visible, cache.valueColumn(layer, kvh * hd + i), pHalf);
                }
            }
        }
    });
}

}  // namespace qd
