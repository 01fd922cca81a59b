#include "core/engine/cpu_backend.h"

#include <algorithm>
#include <cmath>

#include <cblas.h>

#include "core/common/system_info.h"
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

// ALiBi: a key `distance` positions before the query loses slope x distance. ggml adds slope x mask to
// the scaled score with the mask holding -distance, contracted into one fused multiply-add.
inline float alibiScore(float scaled, float slope, int distance) {
    return std::fma(slope, -static_cast<float>(distance), scaled);
}

}  // namespace

bool cpuCanRun(GgmlType type) { return hasDotKernel(type) && canDequantize(type); }

struct CpuBackend::LayerFloats {
    std::vector<float> attnNorm, attnNormB, attnNorm2, attnNorm2B, ffnNorm, ffnNormB;
    std::vector<float> bqkv, bq, bk, bv, bo, bUp, bDown;
};

CpuBackend::CpuBackend(ThreadPool& pool, GemmMode mode) : m_pool(pool), m_mode(mode) {
    // Each of our workers calls sgemm on its own tile; OpenBLAS must not start threads of its own.
    openblas_set_num_threads(1);
    m_workerFloats.resize(static_cast<size_t>(pool.size()));
    m_workerHalves.resize(static_cast<size_t>(pool.size()));
}

CpuBackend::~CpuBackend() = default;

std::string CpuBackend::name() const { return "CPU (" + std::string(isaLevelName(kernels().level)) + ")"; }

Status CpuBackend::prepare(const ModelConfig& c, const ModelWeights& w, LayerRange range, bool holdsHead, int context,
                           int batch) {
    using R = TensorRole;
    m_c = &c;
    m_w = &w;
    m_range = range;
    m_head = holdsHead;
    m_batch = batch;
    // Norms and biases are read once per token by every row: as floats, whatever the file stores.
    m_layers.assign(static_cast<size_t>(range.count()), {});
    for (int l = range.first; l < range.last; ++l) {
        const TensorSet& L = w.layers[static_cast<size_t>(l)];
        LayerFloats& F = m_layers[static_cast<size_t>(l - range.first)];
        for (auto [dst, src] : {std::pair{&F.attnNorm, &L.w(R::AttnNorm)}, {&F.attnNormB, &L.b(R::AttnNorm)},
                                {&F.attnNorm2, &L.w(R::AttnNorm2)}, {&F.attnNorm2B, &L.b(R::AttnNorm2)},
                                {&F.ffnNorm, &L.w(R::FfnNorm)}, {&F.ffnNormB, &L.b(R::FfnNorm)},
                                {&F.bqkv, &L.b(R::AttnQkv)}, {&F.bq, &L.b(R::AttnQ)}, {&F.bk, &L.b(R::AttnK)},
                                {&F.bv, &L.b(R::AttnV)}, {&F.bo, &L.b(R::AttnOutput)}, {&F.bUp, &L.b(R::FfnUp)},
                                {&F.bDown, &L.b(R::FfnDown)}})
            if (auto s = dequantizeWeight(*src, *dst); !s) return s;
    }
    for (auto [dst, src] : {std::pair{&m_embdNorm, &w.model.w(R::TokenEmbdNorm)}, {&m_embdNormBias, &w.model.b(R::TokenEmbdNorm)},
                            {&m_outputNorm, &w.model.w(R::OutputNorm)}, {&m_outputNormBias, &w.model.b(R::OutputNorm)}})
        if (auto s = dequantizeWeight(*src, *dst); !s) return s;
    std::vector<float> freqFactors;
    if (auto s = dequantizeWeight(w.model.w(R::RopeFreqs), freqFactors); !s) return s;  // bound as [ropeDim / 2]
    m_rope = ops::Rope(c, std::move(freqFactors));
    m_alibi = c.arch->positions == PositionKind::Alibi ? ops::alibiSlopes(c.nHead, c.arch->maxAlibiBias) : std::vector<float>();

    // planRun() checked these sizes against the machine's memory; where the system does not say how
    // much it has, a refused allocation still ends in an error, not a crash.
    try {
        m_cache.allocate(range.count(), context, c.nEmbdKv());
        const ActivationSizes z = activationSizes(c, w, batch);
        m_x.resize(z.x);
        m_xb.resize(z.xb);
        m_xb2.resize(z.xb2);
        m_qkv.resize(z.qkv);
        m_q.resize(z.q);
        m_k.resize(z.kv);
        m_v.resize(z.kv);
        m_att.resize(z.q);
        m_attnOut.resize(z.x);
        m_gate.resize(z.gate);
        m_up.resize(z.up);
        m_tmp.resize(z.x);
    } catch (const std::bad_alloc&) {
        return fail(ErrorKind::OutOfMemory, "not enough memory for the KV cache and buffers");
    }
    return {};
}

CpuBackend::ActivationSizes CpuBackend::activationSizes(const ModelConfig& c, const ModelWeights& w, int batch) {
    const uint64_t B = static_cast<uint64_t>(batch);
    const uint64_t e = static_cast<uint64_t>(c.nEmbd), q = static_cast<uint64_t>(c.nEmbdQ()),
                   kv = static_cast<uint64_t>(c.nEmbdKv()), ff = static_cast<uint64_t>(c.nFf);
    bool norm2 = false, fused = false;
    for (const TensorSet& L : w.layers) {
        norm2 = norm2 || L.has(TensorRole::AttnNorm2);
        fused = fused || L.has(TensorRole::AttnQkv);
    }
    ActivationSizes z;
    z.x = B * e;
    z.xb = B * std::max(e, q);
    z.xb2 = norm2 ? B * e : 0;
    z.qkv = fused ? B * (q + 2 * kv) : 0;
    z.q = B * q;
    z.kv = B * kv;
    z.gate = c.arch->ffn == FfnKind::Gelu ? 0 : B * ff;
    z.up = B * (c.arch->ffn == FfnKind::SwiGluFused ? 2 * ff : ff);
    return z;
}

uint64_t CpuBackend::ActivationSizes::floats() const { return 3 * x + xb + xb2 + qkv + 2 * q + 2 * kv + gate + up; }

uint64_t CpuBackend::bufferBytes() const {
    size_t floats = m_x.size() + m_xb.size() + m_xb2.size() + m_qkv.size() + m_q.size() + m_k.size() + m_v.size() +
                    m_att.size() + m_attnOut.size() + m_gate.size() + m_up.size() + m_tmp.size() + m_outputNorm.size() +
                    m_outputNormBias.size() + m_embdNorm.size() + m_embdNormBias.size();
    for (const LayerFloats& F : m_layers)
        for (const auto* v : {&F.attnNorm, &F.attnNormB, &F.attnNorm2, &F.attnNorm2B, &F.ffnNorm, &F.ffnNormB, &F.bqkv,
                              &F.bq, &F.bk, &F.bv, &F.bo, &F.bUp, &F.bDown})
            floats += v->size();
    return floats * sizeof(float);
}

Status CpuBackend::upload(const float* x, int n) {
    std::copy(x, x + static_cast<int64_t>(n) * m_c->nEmbd, m_x.data());
    return {};
}

Status CpuBackend::download(float* x, int n) {
    std::copy(m_x.data(), m_x.data() + static_cast<int64_t>(n) * m_c->nEmbd, x);
    return {};
}

void CpuBackend::norm(const std::vector<float>& weight, const std::vector<float>& bias, const float* x, int n,
                      float* out) const {
    if (m_c->arch->norm == NormKind::Rms) ops::rmsNormRows(x, weight.data(), m_c->normEps, m_c->nEmbd, n, out);
    else ops::layerNormRows(x, weight.data(), bias.empty() ? nullptr : bias.data(), m_c->normEps, m_c->nEmbd, n, out);
}

Status CpuBackend::forward(int n, int pos0, const std::function<bool(int)>& beforeLayer) {
    if (n < 1 || n > m_batch) return fail("a batch of " + std::to_string(n) + " tokens does not fit the backend's " +
                                          std::to_string(m_batch));
    // BLOOM normalizes the embeddings before the first layer.
    if (m_range.first == 0 && !m_embdNorm.empty())
        ops::layerNormRows(m_x.data(), m_embdNorm.data(), m_embdNormBias.empty() ? nullptr : m_embdNormBias.data(),
                           m_c->normEps, m_c->nEmbd, n, m_x.data());
    for (int l = m_range.first; l < m_range.last; ++l) {
        if (beforeLayer && !beforeLayer(l)) return cancelledError();
        layer(l, n, pos0);
    }
    return {};
}

// One transformer block on n tokens, the residual stream x [n][nEmbd] updated in place:
//   h = norm(x)                                  attention input (Falcon 40B: its own norm_2(x))
//   q, k, v = split(Wqkv h + b) or Wq h + bq, ...  q [n][nEmbdQ], k and v [n][nEmbdKv]
//   rotary on q and k (or ALiBi in the scores); k, v into the cache
//   a = Wo attention(q) + bo                     [n][nEmbd]
//   sequential: x = x + a; x = x + ffn(norm(x))
//   parallel:   x = (ffn(h) + a) + x             (Falcon; ggml adds in this order)
void CpuBackend::layer(int l, int n, int pos0) {
    using R = TensorRole;
    const ModelConfig& c = *m_c;
    const ArchDescription& arch = *c.arch;
    const TensorSet& L = m_w->layers[static_cast<size_t>(l)];
    const LayerFloats& F = m_layers[static_cast<size_t>(l - m_range.first)];
    const int cl = l - m_range.first;
    const int e = c.nEmbd, qDim = c.nEmbdQ(), kvDim = c.nEmbdKv(), ff = c.nFf;
    const int64_t ne = static_cast<int64_t>(n) * e;

    norm(F.attnNorm, F.attnNormB, m_x.data(), n, m_xb.data());
    const float* attnIn = m_xb.data();
    if (L.has(R::AttnNorm2)) {
        norm(F.attnNorm2, F.attnNorm2B, m_x.data(), n, m_xb2.data());
        attnIn = m_xb2.data();
    }

    if (L.has(R::AttnQkv)) {
        const int width = qDim + 2 * kvDim;
        matmul(L.w(R::AttnQkv), attnIn, m_qkv.data(), n);
        if (!F.bqkv.empty()) ops::addBiasRows(m_qkv.data(), F.bqkv.data(), width, n);
        for (int t = 0; t < n; ++t) {
            const float* row = m_qkv.data() + static_cast<int64_t>(t) * width;
            std::copy(row, row + qDim, m_q.data() + static_cast<int64_t>(t) * qDim);
            std::copy(row + qDim, row + qDim + kvDim, m_k.data() + static_cast<int64_t>(t) * kvDim);
            std::copy(row + qDim + kvDim, row + width, m_v.data() + static_cast<int64_t>(t) * kvDim);
        }
    } else {
        matmul(L.w(R::AttnQ), attnIn, m_q.data(), n);
        matmul(L.w(R::AttnK), attnIn, m_k.data(), n);
        matmul(L.w(R::AttnV), attnIn, m_v.data(), n);
        if (!F.bq.empty()) ops::addBiasRows(m_q.data(), F.bq.data(), qDim, n);
        if (!F.bk.empty()) ops::addBiasRows(m_k.data(), F.bk.data(), kvDim, n);
        if (!F.bv.empty()) ops::addBiasRows(m_v.data(), F.bv.data(), kvDim, n);
    }
    for (int t = 0; t < n; ++t) {
        float* qt = m_q.data() + static_cast<int64_t>(t) * qDim;
        float* kt = m_k.data() + static_cast<int64_t>(t) * kvDim;
        const float* vt = m_v.data() + static_cast<int64_t>(t) * kvDim;
        if (arch.positions == PositionKind::Rope) {
            m_rope.apply(qt, c.nHead, pos0 + t);
            m_rope.apply(kt, c.nHeadKv, pos0 + t);
        }
        uint16_t* keyRow = m_cache.keyRow(cl, pos0 + t);
        for (int i = 0; i < kvDim; ++i) keyRow[i] = floatToHalf(kt[i]);
        for (int i = 0; i < kvDim; ++i) m_cache.valueColumn(cl, i)[pos0 + t] = floatToHalf(vt[i]);
    }
    attention(cl, m_q.data(), m_att.data(), n, pos0);
    matmul(L.w(R::AttnOutput), m_att.data(), m_attnOut.data(), n);
    if (!F.bo.empty()) ops::addBiasRows(m_attnOut.data(), F.bo.data(), e, n);

    // The feed-forward block of `in` [n][nEmbd] into m_tmp.
    auto ffn = [&](const float* in) {
        switch (arch.ffn) {
        case FfnKind::SwiGlu:
            matmul(L.w(R::FfnGate), in, m_gate.data(), n);
            matmul(L.w(R::FfnUp), in, m_up.data(), n);
            ops::swigluRows(m_gate.data(), m_up.data(), ff, n);
            matmul(L.w(R::FfnDown), m_gate.data(), m_tmp.data(), n);
            break;
        case FfnKind::SwiGluFused:
            matmul(L.w(R::FfnUp), in, m_up.data(), n);  // [n][2 ff]: gate, then up
            ops::swigluFusedRows(m_up.data(), ff, n, m_gate.data());
            matmul(L.w(R::FfnDown), m_gate.data(), m_tmp.data(), n);
            break;
        case FfnKind::Gelu:
            matmul(L.w(R::FfnUp), in, m_up.data(), n);
            if (!F.bUp.empty()) ops::addBiasRows(m_up.data(), F.bUp.data(), ff, n);
            ops::gelu(m_up.data(), static_cast<int64_t>(n) * ff);
            matmul(L.w(R::FfnDown), m_up.data(), m_tmp.data(), n);
            break;
        }
        if (!F.bDown.empty()) ops::addBiasRows(m_tmp.data(), F.bDown.data(), e, n);
    };

    float* x = m_x.data();
    if (arch.residual == ResidualLayout::Parallel) {
        ffn(m_xb.data());  // the attention norm's output, not norm_2's
        for (int64_t i = 0; i < ne; ++i) x[i] = (m_tmp[static_cast<size_t>(i)] + m_attnOut[static_cast<size_t>(i)]) + x[i];
        return;
    }
    for (int64_t i = 0; i < ne; ++i) x[i] += m_attnOut[static_cast<size_t>(i)];
    norm(F.ffnNorm, F.ffnNormB, x, n, m_xb.data());
    ffn(m_xb.data());
    for (int64_t i = 0; i < ne; ++i) x[i] += m_tmp[static_cast<size_t>(i)];
}

Status CpuBackend::logits(int firstRow, int n, float* out) {
    if (!m_head) return fail("this backend does not hold the output head");
    const int rows = n - firstRow;
    const int64_t e = m_c->nEmbd;
    // Only the rows whose logits are wanted go through the (large) output matrix.
    if (m_c->arch->norm == NormKind::Rms)
        ops::rmsNormRows(m_x.data() + firstRow * e, m_outputNorm.data(), m_c->normEps, m_c->nEmbd, rows, m_xb.data());
    else
        ops::layerNormRows(m_x.data() + firstRow * e, m_outputNorm.data(),
                           m_outputNormBias.empty() ? nullptr : m_outputNormBias.data(), m_c->normEps, m_c->nEmbd, rows,
                           m_xb.data());
    matmul(m_w->output(), m_xb.data(), out, rows);
    return {};
}

void CpuBackend::matmul(const WeightView& w, const float* x, float* y, int nTokens) {
    if (m_observer) m_observer(w, x, nTokens);
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

void CpuBackend::attention(int layer, const float* q, float* out, int nTokens, int pos0) {
    if (m_mode != GemmMode::DotKernels && nTokens >= kBlasMinBatch) {
        attentionBatched(layer, q, out, nTokens, pos0);
        return;
    }
    const ModelConfig& c = *m_c;
    const KvCache& cache = m_cache;
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
            const float slope = m_alibi.empty() ? 0.0f : m_alibi[static_cast<size_t>(h)];
            float maxScore = -INFINITY;
            for (int j = 0; j < n; ++j) {
                float s = keyDot(hd, cache.keyRow(layer, j) + kvh * hd, qHalf) * scale;
                if (!m_alibi.empty()) s = alibiScore(s, slope, pos - j);
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
void CpuBackend::attentionBatched(int layer, const float* q, float* out, int nTokens, int pos0) {
    const ModelConfig& c = *m_c;
    const KvCache& cache = m_cache;
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
                    const float slope = m_alibi.empty() ? 0.0f : m_alibi[static_cast<size_t>(h)];
                    float maxScore = -INFINITY;
                    for (int j = 0; j < visible; ++j) {
                        s[j] *= scale;
                        if (!m_alibi.empty()) s[j] = alibiScore(s[j], slope, pos0 + t - j);
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
