#include "core/model/reference_model.h"

#include <cmath>

#include "core/model/model_weights.h"
#include "core/quant/quantize.h"

namespace qd {

namespace {

// A weight dequantized to floats: `rows` rows of `cols` values.
struct Matrix {
    std::vector<float> v;
    int64_t rows = 0, cols = 0;
    const float* row(int64_t r) const { return v.data() + r * cols; }
};

Result<Matrix> dequantize(const WeightView& w) {
    Matrix m;
    if (!w.present()) return m;
    m.rows = w.rows;
    m.cols = w.cols;
    m.v.resize(static_cast<size_t>(w.rows * w.cols));
    for (int64_t r = 0; r < w.rows; ++r)
        if (auto s = dequantizeRow(w.type, w.row(r), m.v.data() + r * w.cols, w.cols); !s) return s.error();
    return m;
}

// out[r] = W[r] . x for every row r of W [cols, rows]; accumulates in double.
void matvec(const Matrix& W, const float* x, float* out) {
    for (int64_t r = 0; r < W.rows; ++r) {
        const float* w = W.row(r);
        double s = 0.0;
        for (int64_t c = 0; c < W.cols; ++c) s += static_cast<double>(w[c]) * x[c];
        out[r] = static_cast<float>(s);
    }
}

void rmsNorm(const float* x, const Matrix& weight, float eps, int n, float* out) {
    double ss = 0.0;
    for (int i = 0; i < n; ++i) ss += static_cast<double>(x[i]) * x[i];
    const float scale = static_cast<float>(1.0 / std::sqrt(ss / n + eps));
    for (int i = 0; i < n; ++i) out[i] = x[i] * scale * weight.v[static_cast<size_t>(i)];
}

}  // namespace

struct ReferenceModel::Impl {
    ModelConfig c;
    int context = 0;
    Matrix tokenEmbd, outputNorm, output, ropeFreqs;
    struct Layer {
        Matrix attnNorm, wq, wk, wv, bq, bk, bv, wo, ffnNorm, wGate, wUp, wDown;
    };
    std::vector<Layer> layers;
    // KV cache: [layer][pos][nEmbdKv]
    std::vector<std::vector<float>> keyCache, valueCache;

    // Rotates pairs of each head's first ropeDim values by angles that grow with the position.
    void rope(float* vec, int nHeads, int pos) const {
        const int half = c.ropeDim / 2;
        for (int h = 0; h < nHeads; ++h) {
            float* head = vec + h * c.headDim;
            for (int i = 0; i < half; ++i) {
                double theta = (pos / static_cast<double>(c.ropeScale)) * std::pow(static_cast<double>(c.ropeBase), -2.0 * i / c.ropeDim);
                if (!ropeFreqs.v.empty()) theta /= ropeFreqs.v[static_cast<size_t>(i)];
                const float cs = static_cast<float>(std::cos(theta)), sn = static_cast<float>(std::sin(theta));
                const int a = c.ropeLayout == RopeLayout::Interleaved ? 2 * i : i;
                const int b = c.ropeLayout == RopeLayout::Interleaved ? 2 * i + 1 : i + half;
                const float x0 = head[a], x1 = head[b];
                head[a] = x0 * cs - x1 * sn;
                head[b] = x0 * sn + x1 * cs;
            }
        }
    }
};

ReferenceModel::ReferenceModel() : m(std::make_unique<Impl>()) {}
ReferenceModel::ReferenceModel(ReferenceModel&&) noexcept = default;
ReferenceModel& ReferenceModel::operator=(ReferenceModel&&) noexcept = default;
ReferenceModel::~ReferenceModel() = default;

const ModelConfig& ReferenceModel::config() const { return m->c; }

Result<ReferenceModel> ReferenceModel::load(const GgufFile& file, int contextLength) {
    auto config = loadModelConfig(file);
    if (!config) return config.error();
    auto weights = bindModelWeights(file, *config);
    if (!weights) return weights.error();

    ReferenceModel model;
    Impl& M = *model.m;
    M.c = *config;
    M.context = contextLength > 0 ? contextLength : M.c.contextLength;
    auto take = [](Matrix& dst, const WeightView& w) -> Status {
        auto r = dequantize(w);
        if (!r) return r.error();
        dst = std::move(r.value());
        return {};
    };
    const ModelWeights& W = *weights;
    for (auto [dst, src] : {std::pair{&M.tokenEmbd, &W.tokenEmbd}, {&M.outputNorm, &W.outputNorm}, {&M.output, &W.output},
                            {&M.ropeFreqs, &W.ropeFreqs}})
        if (auto s = take(*dst, *src); !s) return s.error();
    for (const LayerWeights& L : W.layers) {
        Impl::Layer out;
        for (auto [dst, src] : {std::pair{&out.attnNorm, &L.attnNorm}, {&out.wq, &L.wq}, {&out.wk, &L.wk}, {&out.wv, &L.wv},
                                {&out.bq, &L.bq}, {&out.bk, &L.bk}, {&out.bv, &L.bv}, {&out.wo, &L.wo},
                                {&out.ffnNorm, &L.ffnNorm}, {&out.wGate, &L.wGate}, {&out.wUp, &L.wUp}, {&out.wDown, &L.wDown}})
            if (auto s = take(*dst, *src); !s) return s.error();
        M.layers.push_back(std::move(out));
    }
    const size_t kvSize = static_cast<size_t>(M.context) * static_cast<size_t>(M.c.nEmbdKv());
    M.keyCache.assign(static_cast<size_t>(M.c.nLayers), std::vector<float>(kvSize));
    M.valueCache.assign(static_cast<size_t>(M.c.nLayers), std::vector<float>(kvSize));
    return model;
}

Result<std::vector<float>> ReferenceModel::forward(int token, int pos) {
    const ModelConfig& c = m->c;
    if (token < 0 || token >= c.vocabSize) return fail("token id " + std::to_string(token) + " is outside the vocabulary");
    if (pos < 0 || pos >= m->context) return fail("position " + std::to_string(pos) + " is outside the context");
    const int e = c.nEmbd, kvDim = c.nEmbdKv(), qDim = c.nEmbdQ(), hd = c.headDim;
    const int groupSize = c.nHead / c.nHeadKv;  // query heads per KV head

    std::vector<float> x(m->tokenEmbd.row(token), m->tokenEmbd.row(token) + e);  // residual stream [nEmbd]
    std::vector<float> xb(static_cast<size_t>(std::max(e, qDim))), q(static_cast<size_t>(qDim)), att(static_cast<size_t>(qDim));
    std::vector<float> gate(static_cast<size_t>(c.nFf)), up(static_cast<size_t>(c.nFf)), tmp(static_cast<size_t>(e));
    std::vector<float> scores(static_cast<size_t>(pos + 1));

    for (int l = 0; l < c.nLayers; ++l) {
        const Impl::Layer& L = m->layers[static_cast<size_t>(l)];
        float* kRow = m->keyCache[static_cast<size_t>(l)].data() + static_cast<size_t>(pos) * kvDim;
        float* vRow = m->valueCache[static_cast<size_t>(l)].data() + static_cast<size_t>(pos) * kvDim;

        // Attention: q [nHead * hd], k and v [nHeadKv * hd] for this position.
        rmsNorm(x.data(), L.attnNorm, c.normEps, e, xb.data());
        matvec(L.wq, xb.data(), q.data());
        matvec(L.wk, xb.data(), kRow);
        matvec(L.wv, xb.data(), vRow);
        if (!L.bq.v.empty()) {
            for (int i = 0; i < qDim; ++i) q[static_cast<size_t>(i)] += L.bq.v[static_cast<size_t>(i)];
            for (int i = 0; i < kvDim; ++i) kRow[i] += L.bk.v[static_cast<size_t>(i)];
            for (int i = 0; i < kvDim; ++i) vRow[i] += L.bv.v[static_cast<size_t>(i)];
        }
        m->rope(q.data(), c.nHead, pos);
        m->rope(kRow, c.nHeadKv, pos);

        const float* keys = m->keyCache[static_cast<size_t>(l)].data();
        const float* values = m->valueCache[static_cast<size_t>(l)].data();
        const double invSqrt = 1.0 / std::sqrt(static_cast<double>(hd));
        for (int h = 0; h < c.nHead; ++h) {
            const int kvh = h / groupSize;
            const float* qh = q.data() + h * hd;
            double maxScore = -INFINITY;
            for (int t = 0; t <= pos; ++t) {
                const float* kt = keys + static_cast<size_t>(t) * kvDim + kvh * hd;
                double s = 0.0;
                for (int i = 0; i < hd; ++i) s += static_cast<double>(qh[i]) * kt[i];
                scores[static_cast<size_t>(t)] = static_cast<float>(s * invSqrt);
                maxScore = std::max(maxScore, static_cast<double>(scores[static_cast<size_t>(t)]));
            }
            double sum = 0.0;
            for (int t = 0; t <= pos; ++t) {
                double p = std::exp(scores[static_cast<size_t>(t)] - maxScore);
                scores[static_cast<size_t>(t)] = static_cast<float>(p);
                sum += p;
            }
            float* out = att.data() + h * hd;
            for (int i = 0; i < hd; ++i) {
                double acc = 0.0;
                for (int t = 0; t <= pos; ++t)
                    acc += scores[static_cast<size_t>(t)] / sum * values[static_cast<size_t>(t) * kvDim + kvh * hd + i];
                out[i] = static_cast<float>(acc);
            }
        }
        matvec(L.wo, att.data(), tmp.data());
        for (int i = 0; i < e; ++i) x[static_cast<size_t>(i)] += tmp[static_cast<size_t>(i)];

        // Feed-forward (SwiGLU): down(silu(gate(x)) * up(x)).
        rmsNorm(x.data(), L.ffnNorm, c.normEps, e, xb.data());
        matvec(L.wGate, xb.data(), gate.data());
        matvec(L.wUp, xb.data(), up.data());
        for (int i = 0; i < c.nFf; ++i) {
            const float g = gate[static_cast<size_t>(i)];
            gate[static_cast<size_t>(i)] = g / (1.0f + std::exp(-g)) * up[static_cast<size_t>(i)];
        }
        matvec(L.wDown, gate.data(), tmp.data());
        for (int i = 0; i < e; ++i) x[static_cast<size_t>(i)] += tmp[static_cast<size_t>(i)];
    }

    rmsNorm(x.data(), m->outputNorm, c.normEps, e, xb.data());
    std::vector<float> logits(static_cast<size_t>(c.vocabSize));
    matvec(m->output, xb.data(), logits.data());
    return logits;
}

}  // namespace qd
