#include "core/engine/llama_model.h"

#include <algorithm>
#include <cmath>
#include <new>

#include "core/engine/run_check.h"
#include "core/model/model_weights.h"
#include "core/quant/dot.h"
#include "core/quant/fp16.h"
#include "core/quant/quantize.h"

namespace qd {

namespace {

Result<std::vector<float>> toFloats(const WeightView& w) {
    std::vector<float> v;
    if (!w.present()) return v;
    v.resize(static_cast<size_t>(w.cols * w.rows));
    if (auto s = dequantizeRow(w.type, w.data, v.data(), w.cols * w.rows); !s) return s.error();
    return v;
}

// x <- x / rms(x) * weight, row by row. The squares are summed in double, as ggml does: a float sum
// rounds differently, and quantized activations turn such last-bit differences into whole levels,
// enough to flip near-ties in greedy continuations compared with llama.cpp.
void rmsNormRows(const float* x, const std::vector<float>& weight, float eps, int n, int rows, float* out) {
    for (int r = 0; r < rows; ++r) {
        const float* xr = x + static_cast<int64_t>(r) * n;
        float* o = out + static_cast<int64_t>(r) * n;
        double ss = 0.0;
        for (int i = 0; i < n; ++i) ss += static_cast<double>(xr[i] * xr[i]);
        const float mean = static_cast<float>(ss / n);
        const float scale = 1.0f / std::sqrt(mean + eps);
        for (int i = 0; i < n; ++i) o[i] = xr[i] * scale * weight[static_cast<size_t>(i)];
    }
}

}  // namespace

struct LlamaModel::Impl {
    GgufFile file;
    ModelConfig c;
    ModelWeights w;
    EngineOptions options;
    int context = 0;
    std::unique_ptr<ThreadPool> pool;
    std::unique_ptr<CpuBackend> cpu;
    ComputeBackend* backend = nullptr;
    KvCache cache;

    std::vector<float> outputNorm;
    struct LayerFloats {
        std::vector<float> attnNorm, ffnNorm, bq, bk, bv;
    };
    std::vector<LayerFloats> layerFloats;
    std::vector<float> freqFactors;  // [ropeDim / 2] divisors of each pair's speed (Llama 3), or empty
    float thetaScale = 1.0f;         // base^(-2 / ropeDim): the speed ratio of neighbouring pairs

    // Activation buffers for one batch of up to batchSize tokens.
    std::vector<float> x, xb, q, k, v, att, gate, up, tmp;

    // The angle of pair i is pos * base^(-2i / ropeDim) / factor_i / ropeScale. It is computed as ggml
    // does (a float running product pos * thetaScale^i), not from a table of exact speeds: the angles
    // then agree with llama.cpp to the last bit, which keeps greedy continuations identical at near-ties.
    void rope(float* vec, int nHeads, int pos) const {
        const int half = c.ropeDim / 2;
        const float freqScale = 1.0f / c.ropeScale;
        float running = static_cast<float>(pos);
        for (int i = 0; i < half; ++i, running *= thetaScale) {
            const float ff = freqFactors.empty() ? 1.0f : freqFactors[static_cast<size_t>(i)];
            const float theta = freqScale * (running / ff);
            const float cs = std::cos(theta), sn = std::sin(theta);
            for (int h = 0; h < nHeads; ++h) {
                float* head = vec + h * c.headDim;
                const int a = c.ropeLayout == RopeLayout::Interleaved ? 2 * i : i;
                const int b = c.ropeLayout == RopeLayout::Interleaved ? 2 * i + 1 : i + half;
                const float x0 = head[a], x1 = head[b];
                // One product rounded, the other fused into the sum: what llama.cpp's compiled x86 code
                // computes (its compiler contracts these expressions into fused multiply-adds).
                head[a] = std::fma(x0, cs, -(x1 * sn));
                head[b] = std::fma(x0, sn, x1 * cs);
            }
        }
    }
};

LlamaModel::LlamaModel() : m(std::make_unique<Impl>()) {}
LlamaModel::~LlamaModel() = default;

const ModelConfig& LlamaModel::config() const { return m->c; }
const GgufFile& LlamaModel::file() const { return m->file; }
int LlamaModel::contextLength() const { return m->context; }
int LlamaModel::threads() const { return m->pool->size(); }
CpuBackend& LlamaModel::cpuBackend() { return *m->cpu; }

uint64_t LlamaModel::weightBytes() const {
    uint64_t n = 0;
    for (const auto& t : m->file.tensors()) n += t.nBytes;
    return n;
}
uint64_t LlamaModel::weightBytesPerToken() const {
    const WeightView& embd = m->w.tokenEmbd;
    uint64_t n = weightBytes();
    if (embd.info && m->w.output.data != embd.data)
        n = n - embd.info->nBytes + *ggmlRowBytes(embd.type, embd.cols);
    return n;
}
uint64_t LlamaModel::kvCacheBytes() const { return m->cache.bytes(); }
uint64_t LlamaModel::bufferBytes() const {
    const Impl& M = *m;
    size_t floats = M.x.size() + M.xb.size() + M.q.size() + M.k.size() + M.v.size() + M.att.size() + M.gate.size() +
                    M.up.size() + M.tmp.size() + M.outputNorm.size();
    return floats * sizeof(float);
}

Result<std::unique_ptr<LlamaModel>> LlamaModel::load(const std::filesystem::path& path, const EngineOptions& options) {
    auto file = GgufFile::open(path);
    if (!file) return file.error();
    return load(std::move(file.value()), options);
}

Result<std::unique_ptr<LlamaModel>> LlamaModel::load(GgufFile file, const EngineOptions& options) {
    std::unique_ptr<LlamaModel> model(new LlamaModel());
    Impl& M = *model->m;
    M.file = std::move(file);
    // Architecture, hyperparameters, shapes, types and memory, all checked before anything is allocated.
    auto plan = planRun(M.file, options);
    if (!plan) return plan.error();
    M.c = plan->config;
    M.w = std::move(plan->weights);
    M.options = options;
    M.options.batchSize = plan->batch;
    M.context = plan->context;

    auto nf = toFloats(M.w.outputNorm);
    if (!nf) return nf.error();
    M.outputNorm = std::move(nf.value());
    for (const LayerWeights& L : M.w.layers) {
        Impl::LayerFloats lf;
        for (auto [dst, src] : {std::pair{&lf.attnNorm, &L.attnNorm}, {&lf.ffnNorm, &L.ffnNorm}, {&lf.bq, &L.bq},
                                {&lf.bk, &L.bk}, {&lf.bv, &L.bv}}) {
            auto f = toFloats(*src);
            if (!f) return f.error();
            *dst = std::move(f.value());
        }
        M.layerFloats.push_back(std::move(lf));
    }
    if (M.w.ropeFreqs.present()) {  // bound with shape [ropeDim / 2] (model_weights.cpp)
        auto f = toFloats(M.w.ropeFreqs);
        if (!f) return f.error();
        M.freqFactors = std::move(f.value());
    }
    M.thetaScale = std::pow(M.c.ropeBase, -2.0f / static_cast<float>(M.c.ropeDim));

    M.pool = std::make_unique<ThreadPool>(options.threads);
    M.cpu = std::make_unique<CpuBackend>(*M.pool, options.gemm);
    M.backend = M.cpu.get();
    // planRun() checked these sizes against the machine's memory; where the system does not say how
    // much it has, a refused allocation still ends in an error, not a crash.
    try {
        M.cache.allocate(M.c.nLayers, M.context, M.c.nEmbdKv());
        const size_t B = static_cast<size_t>(M.options.batchSize);
        const size_t e = static_cast<size_t>(M.c.nEmbd), qd = static_cast<size_t>(M.c.nEmbdQ()),
                     kv = static_cast<size_t>(M.c.nEmbdKv()), ff = static_cast<size_t>(M.c.nFf);
        M.x.resize(B * e);
        M.xb.resize(B * std::max(e, qd));
        M.q.resize(B * qd);
        M.k.resize(B * kv);
        M.v.resize(B * kv);
        M.att.resize(B * qd);
        M.gate.resize(B * ff);
        M.up.resize(B * ff);
        M.tmp.resize(B * e);
    } catch (const std::bad_alloc&) {
        return fail(ErrorKind::OutOfMemory, "not enough memory for the KV cache and buffers (" +
                                                formatBytes(plan->memory.allocated()) + ")");
    }
    return model;
}

Status LlamaModel::eval(std::span<const int32_t> tokens, int pos, std::vector<float>& logits, bool allLogits,
                        const ProgressFn& cancel) {
    const ModelConfig& c = m->c;
    if (tokens.empty()) return fail("nothing to evaluate");
    if (pos < 0 || pos + static_cast<int64_t>(tokens.size()) > m->context)
        return fail("the context is full: " + std::to_string(pos + tokens.size()) + " tokens do not fit in " +
                    std::to_string(m->context));
    for (int32_t t : tokens)
        if (t < 0 || t >= c.vocabSize) return fail("token id " + std::to_string(t) + " is outside the vocabulary");

    const size_t vocab = static_cast<size_t>(c.vocabSize);
    logits.resize(allLogits ? tokens.size() * vocab : vocab);
    const size_t B = m->x.size() / static_cast<size_t>(c.nEmbd);
    const uint64_t batches = (tokens.size() + B - 1) / B, layers = static_cast<uint64_t>(c.nLayers);
    for (size_t done = 0; done < tokens.size(); done += B) {
        const size_t n = std::min(B, tokens.size() - done);
        const bool last = done + n == tokens.size();
        float* out = allLogits ? logits.data() + done * vocab : (last ? logits.data() : nullptr);
        if (auto s = evalBatch(tokens.subspan(done, n), pos + static_cast<int>(done), out, allLogits, cancel,
                               done / B * layers, batches * layers);
            !s)
            return s;
    }
    return {};
}

Status LlamaModel::evalBatch(std::span<const int32_t> tokens, int pos0, float* logits, bool allLogits,
                             const ProgressFn& cancel, uint64_t layersBefore, uint64_t layersTotal) {
    Impl& M = *m;
    const ModelConfig& c = M.c;
    const int n = static_cast<int>(tokens.size());
    const int e = c.nEmbd, qDim = c.nEmbdQ(), kvDim = c.nEmbdKv(), ff = c.nFf;
    ComputeBackend& be = *M.backend;

    // Residual stream x [n][nEmbd] starts as the token embeddings.
    for (int t = 0; t < n; ++t) {
        if (auto s = dequantizeRow(M.w.tokenEmbd.type, M.w.tokenEmbd.row(tokens[static_cast<size_t>(t)]),
                                   M.x.data() + static_cast<int64_t>(t) * e, e);
            !s)
            return s;
    }

    for (int l = 0; l < c.nLayers; ++l) {
        if (!report(cancel, layersBefore + static_cast<uint64_t>(l), layersTotal, "layer")) return cancelledError();
        const LayerWeights& L = M.w.layers[static_cast<size_t>(l)];
        const Impl::LayerFloats& F = M.layerFloats[static_cast<size_t>(l)];

        // Attention block: q [n][qDim], k and v [n][kvDim].
        rmsNormRows(M.x.data(), F.attnNorm, c.normEps, e, n, M.xb.data());
        be.matmul(L.wq, M.xb.data(), M.q.data(), n);
        be.matmul(L.wk, M.xb.data(), M.k.data(), n);
        be.matmul(L.wv, M.xb.data(), M.v.data(), n);
        for (int t = 0; t < n; ++t) {
            float* qt = M.q.data() + static_cast<int64_t>(t) * qDim;
            float* kt = M.k.data() + static_cast<int64_t>(t) * kvDim;
            float* vt = M.v.data() + static_cast<int64_t>(t) * kvDim;
            if (!F.bq.empty()) {
                for (int i = 0; i < qDim; ++i) qt[i] += F.bq[static_cast<size_t>(i)];
                for (int i = 0; i < kvDim; ++i) kt[i] += F.bk[static_cast<size_t>(i)];
                for (int i = 0; i < kvDim; ++i) vt[i] += F.bv[static_cast<size_t>(i)];
            }
            M.rope(qt, c.nHead, pos0 + t);
            M.rope(kt, c.nHeadKv, pos0 + t);
            uint16_t* keyRow = M.cache.keyRow(l, pos0 + t);
            for (int i = 0; i < kvDim; ++i) keyRow[i] = floatToHalf(kt[i]);
            for (int i = 0; i < kvDim; ++i) M.cache.valueColumn(l, i)[pos0 + t] = floatToHalf(vt[i]);
        }
        be.attention(c, M.cache, l, M.q.data(), M.att.data(), n, pos0);
        be.matmul(L.wo, M.att.data(), M.tmp.data(), n);
        for (int64_t i = 0; i < static_cast<int64_t>(n) * e; ++i) M.x[static_cast<size_t>(i)] += M.tmp[static_cast<size_t>(i)];

        // Feed-forward block (SwiGLU): down(silu(gate(x)) * up(x)).
        rmsNormRows(M.x.data(), F.ffnNorm, c.normEps, e, n, M.xb.data());
        be.matmul(L.wGate, M.xb.data(), M.gate.data(), n);
        be.matmul(L.wUp, M.xb.data(), M.up.data(), n);
        // SiLU by the kernel table (llama.cpp's arithmetic, dot.h), then the product with up, as two steps.
        for (int t = 0; t < n; ++t) kernels().silu(M.gate.data() + static_cast<int64_t>(t) * ff, M.gate.data() + static_cast<int64_t>(t) * ff, ff);
        for (int64_t i = 0; i < static_cast<int64_t>(n) * ff; ++i) M.gate[static_cast<size_t>(i)] *= M.up[static_cast<size_t>(i)];
        be.matmul(L.wDown, M.gate.data(), M.tmp.data(), n);
        for (int64_t i = 0; i < static_cast<int64_t>(n) * e; ++i) M.x[static_cast<size_t>(i)] += M.tmp[static_cast<size_t>(i)];
    }

    if (!logits) return {};
    // Only the rows whose logits are wanted go through the (large) output matrix.
    const int first = allLogits ? 0 : n - 1;
    const int rows = n - first;
    rmsNormRows(M.x.data() + static_cast<int64_t>(first) * e, M.outputNorm, c.normEps, e, rows, M.xb.data());
    be.matmul(M.w.output, M.xb.data(), logits, rows);
    return {};
}

}  // namespace qd
