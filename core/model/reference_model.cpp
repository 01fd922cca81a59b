#include "core/model/reference_model.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/model/model_weights.h"
#include "core/quant/quantize.h"

namespace qd {

namespace {

using R = TensorRole;

// A weight dequantized to floats: `rows` rows of `cols` values (a vector has one row).
struct Matrix {
    std::vector<float> v;
    int64_t rows = 0, cols = 0;
    bool empty() const { return v.empty(); }
    const float* row(int64_t r) const { return v.data() + r * cols; }
    float operator[](int64_t i) const { return v[static_cast<size_t>(i)]; }
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

// out[r] = W[r] . x (+ b[r]) for every row r of W [cols, rows]; accumulates in double.
void matvec(const Matrix& W, const Matrix& b, const float* x, float* out) {
    for (int64_t r = 0; r < W.rows; ++r) {
        const float* w = W.row(r);
        double s = b.empty() ? 0.0 : b[r];
        for (int64_t c = 0; c < W.cols; ++c) s += static_cast<double>(w[c]) * x[c];
        out[r] = static_cast<float>(s);
    }
}

// RMSNorm: x / sqrt(mean(x^2) + eps) * w.
void rmsNorm(const float* x, const Matrix& w, float eps, int n, float* out) {
    double ss = 0.0;
    for (int i = 0; i < n; ++i) ss += static_cast<double>(x[i]) * x[i];
    const double scale = 1.0 / std::sqrt(ss / n + eps);
    for (int i = 0; i < n; ++i) out[i] = static_cast<float>(x[i] * scale * w[i]);
}

// LayerNorm: (x - mean) / sqrt(var + eps) * w + b.
void layerNorm(const float* x, const Matrix& w, const Matrix& b, float eps, int n, float* out) {
    double mean = 0.0;
    for (int i = 0; i < n; ++i) mean += x[i];
    mean /= n;
    double var = 0.0;
    for (int i = 0; i < n; ++i) var += (x[i] - mean) * (x[i] - mean);
    var /= n;
    const double scale = 1.0 / std::sqrt(var + eps);
    for (int i = 0; i < n; ++i) out[i] = static_cast<float>((x[i] - mean) * scale * w[i] + (b.empty() ? 0.0 : b[i]));
}

double silu(double x) { return x / (1.0 + std::exp(-x)); }

// GELU in its tanh form, as BLOOM and Falcon's GGUF engines compute it.
double gelu(double x) {
    const double kSqrt2OverPi = std::sqrt(2.0 / M_PI);
    return 0.5 * x * (1.0 + std::tanh(kSqrt2OverPi * (x + 0.044715 * x * x * x)));
}

// ALiBi (Press et al.): with n2 the largest power of two <= nHead, head h < n2 has slope
// 2^(-maxBias (h + 1) / n2); the others take the odd multiples in between, 2^(-maxBias (2 (h - n2) + 1) / (2 n2)).
double alibiSlope(int h, int nHead, float maxBias) {
    int n2 = 1;
    while (n2 * 2 <= nHead) n2 *= 2;
    if (h < n2) return std::pow(2.0, -static_cast<double>(maxBias) * (h + 1) / n2);
    return std::pow(2.0, -static_cast<double>(maxBias) * (2 * (h - n2) + 1) / (2.0 * n2));
}

}  // namespace

struct ReferenceModel::Impl {
    ModelConfig c;
    int context = 0;
    // Model-level weights and one set per layer, by role (architecture.h); absent roles are empty.
    std::array<Matrix, kTensorRoleCount> model, modelBias;
    struct Layer {
        std::array<Matrix, kTensorRoleCount> w, b;
        const Matrix& W(R r) const { return w[static_cast<size_t>(r)]; }
        const Matrix& B(R r) const { return b[static_cast<size_t>(r)]; }
    };
    std::vector<Layer> layers;
    // KV cache: [layer][pos][nEmbdKv]
    std::vector<std::vector<float>> keyCache, valueCache;

    const Matrix& M(R r) const { return model[static_cast<size_t>(r)]; }
    const Matrix& MB(R r) const { return modelBias[static_cast<size_t>(r)]; }

    void norm(const float* x, const Matrix& w, const Matrix& b, float* out) const {
        if (c.arch->norm == NormKind::Rms) rmsNorm(x, w, c.normEps, c.nEmbd, out);
        else layerNorm(x, w, b, c.normEps, c.nEmbd, out);
    }

    // Rotates pairs of each head's first ropeDim values by angles that grow with the position.
    void rope(float* vec, int nHeads, int pos) const {
        const int half = c.ropeDim / 2;
        const Matrix& factors = M(R::RopeFreqs);
        for (int h = 0; h < nHeads; ++h) {
            float* head = vec + h * c.headDim;
            for (int i = 0; i < half; ++i) {
                double theta = (pos / static_cast<double>(c.ropeScale)) * std::pow(static_cast<double>(c.ropeBase), -2.0 * i / c.ropeDim);
                if (!factors.empty()) theta /= factors[i];
                const float cs = static_cast<float>(std::cos(theta)), sn = static_cast<float>(std::sin(theta));
                const int a = c.ropeLayout == RopeLayout::Interleaved ? 2 * i : i;
                const int b = c.ropeLayout == RopeLayout::Interleaved ? 2 * i + 1 : i + half;
                const float x0 = head[a], x1 = head[b];
                head[a] = x0 * cs - x1 * sn;
                head[b] = x0 * sn + x1 * cs;
            }
        }
    }

    // The feed-forward block: in [nEmbd] -> out [nEmbd].
    void ffn(const Layer& L, const float* in, float* out) const {
        const int ff = c.nFf;
        std::vector<float> hidden(static_cast<size_t>(ff));
        switch (c.arch->ffn) {
        case FfnKind::SwiGlu: {  // gate, up [nEmbd, nFf]; down [nFf, nEmbd]
            std::vector<float> gate(static_cast<size_t>(ff)), up(static_cast<size_t>(ff));
            matvec(L.W(R::FfnGate), L.B(R::FfnGate), in, gate.data());
            matvec(L.W(R::FfnUp), L.B(R::FfnUp), in, up.data());
            for (int i = 0; i < ff; ++i) hidden[static_cast<size_t>(i)] = static_cast<float>(silu(gate[static_cast<size_t>(i)]) * up[static_cast<size_t>(i)]);
            break;
        }
        case FfnKind::SwiGluFused: {  // up [nEmbd, 2 nFf]: the gate's rows, then up's
            std::vector<float> gu(static_cast<size_t>(2 * ff));
            matvec(L.W(R::FfnUp), L.B(R::FfnUp), in, gu.data());
            for (int i = 0; i < ff; ++i) hidden[static_cast<size_t>(i)] = static_cast<float>(silu(gu[static_cast<size_t>(i)]) * gu[static_cast<size_t>(ff + i)]);
            break;
        }
        case FfnKind::Gelu:  // up [nEmbd, nFf] (+ bias)
            matvec(L.W(R::FfnUp), L.B(R::FfnUp), in, hidden.data());
            for (float& h : hidden) h = static_cast<float>(gelu(h));
            break;
        }
        matvec(L.W(R::FfnDown), L.B(R::FfnDown), hidden.data(), out);
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
    auto takeSet = [](const TensorSet& src, std::array<Matrix, kTensorRoleCount>& w,
                      std::array<Matrix, kTensorRoleCount>& b) -> Status {
        for (size_t r = 0; r < kTensorRoleCount; ++r) {
            auto mw = dequantize(src.weights[r]);
            if (!mw) return mw.error();
            w[r] = std::move(mw.value());
            auto mb = dequantize(src.biases[r]);
            if (!mb) return mb.error();
            b[r] = std::move(mb.value());
        }
        return {};
    };
    if (auto s = takeSet(weights->model, M.model, M.modelBias); !s) return s.error();
    for (const TensorSet& L : weights->layers) {
        Impl::Layer out;
        if (auto s = takeSet(L, out.w, out.b); !s) return s.error();
        M.layers.push_back(std::move(out));
    }
    const size_t kvSize = static_cast<size_t>(M.context) * static_cast<size_t>(M.c.nEmbdKv());
    M.keyCache.assign(static_cast<size_t>(M.c.nLayers), std::vector<float>(kvSize));
    M.valueCache.assign(static_cast<size_t>(M.c.nLayers), std::vector<float>(kvSize));
    return model;
}

Result<std::vector<float>> ReferenceModel::forward(int token, int pos) {
    const ModelConfig& c = m->c;
    const ArchDescription& arch = *c.arch;
    if (token < 0 || token >= c.vocabSize) return fail("token id " + std::to_string(token) + " is outside the vocabulary");
    if (pos < 0 || pos >= m->context) return fail("position " + std::to_string(pos) + " is outside the context");
    const int e = c.nEmbd, kvDim = c.nEmbdKv(), qDim = c.nEmbdQ(), hd = c.headDim;
    const int groupSize = c.nHead / c.nHeadKv;  // query heads per KV head

    // Residual stream [nEmbd]: the token's embedding row (token_embd [nEmbd, vocab]), BLOOM normalizing it.
    const Matrix& embd = m->M(R::TokenEmbd);
    std::vector<float> x(embd.row(token), embd.row(token) + e);
    if (!m->M(R::TokenEmbdNorm).empty()) m->norm(x.data(), m->M(R::TokenEmbdNorm), m->MB(R::TokenEmbdNorm), x.data());

    std::vector<float> h(static_cast<size_t>(e)), h2(static_cast<size_t>(e)), q(static_cast<size_t>(qDim)),
        att(static_cast<size_t>(qDim)), attnOut(static_cast<size_t>(e)), ffnOut(static_cast<size_t>(e)),
        qkv(static_cast<size_t>(qDim + 2 * kvDim));
    std::vector<double> scores(static_cast<size_t>(pos + 1));

    for (int l = 0; l < c.nLayers; ++l) {
        const Impl::Layer& L = m->layers[static_cast<size_t>(l)];
        float* kRow = m->keyCache[static_cast<size_t>(l)].data() + static_cast<size_t>(pos) * kvDim;
        float* vRow = m->valueCache[static_cast<size_t>(l)].data() + static_cast<size_t>(pos) * kvDim;

        // Attention input: the attention norm, or Falcon 40B's separate norm_2.
        m->norm(x.data(), L.W(R::AttnNorm), L.B(R::AttnNorm), h.data());
        const float* attnIn = h.data();
        if (!L.W(R::AttnNorm2).empty()) {
            m->norm(x.data(), L.W(R::AttnNorm2), L.B(R::AttnNorm2), h2.data());
            attnIn = h2.data();
        }
        // q [nHead * hd], k and v [nHeadKv * hd] for this position: from attn_qkv [nEmbd, q + 2 kv]
        // (rows: all of Q, then K, then V) or from attn_q/k/v.
        if (!L.W(R::AttnQkv).empty()) {
            matvec(L.W(R::AttnQkv), L.B(R::AttnQkv), attnIn, qkv.data());
            std::copy(qkv.begin(), qkv.begin() + qDim, q.begin());
            std::copy(qkv.begin() + qDim, qkv.begin() + qDim + kvDim, kRow);
            std::copy(qkv.begin() + qDim + kvDim, qkv.end(), vRow);
        } else {
            matvec(L.W(R::AttnQ), L.B(R::AttnQ), attnIn, q.data());
            matvec(L.W(R::AttnK), L.B(R::AttnK), attnIn, kRow);
            matvec(L.W(R::AttnV), L.B(R::AttnV), attnIn, vRow);
        }
        if (arch.positions == PositionKind::Rope) {
            m->rope(q.data(), c.nHead, pos);
            m->rope(kRow, c.nHeadKv, pos);
        }

        const float* keys = m->keyCache[static_cast<size_t>(l)].data();
        const float* values = m->valueCache[static_cast<size_t>(l)].data();
        const double invSqrt = 1.0 / std::sqrt(static_cast<double>(hd));
        for (int hh = 0; hh < c.nHead; ++hh) {
            const int kvh = hh / groupSize;
            const float* qh = q.data() + hh * hd;
            const double slope = arch.positions == PositionKind::Alibi ? alibiSlope(hh, c.nHead, arch.maxAlibiBias) : 0.0;
            double maxScore = -INFINITY;
            for (int t = 0; t <= pos; ++t) {
                const float* kt = keys + static_cast<size_t>(t) * kvDim + kvh * hd;
                double s = 0.0;
                for (int i = 0; i < hd; ++i) s += static_cast<double>(qh[i]) * kt[i];
                s = s * invSqrt - slope * (pos - t);  // ALiBi: farther keys score lower
                scores[static_cast<size_t>(t)] = s;
                maxScore = std::max(maxScore, s);
            }
            double sum = 0.0;
            for (int t = 0; t <= pos; ++t) {
                scores[static_cast<size_t>(t)] = std::exp(scores[static_cast<size_t>(t)] - maxScore);
                sum += scores[static_cast<size_t>(t)];
            }
            float* out = att.data() + hh * hd;
            for (int i = 0; i < hd; ++i) {
                double acc = 0.0;
                for (int t = 0; t <= pos; ++t)
                    acc += scores[static_cast<size_t>(t)] / sum * values[static_cast<size_t>(t) * kvDim + kvh * hd + i];
                out[i] = static_cast<float>(acc);
            }
        }
        matvec(L.W(R::AttnOutput), L.B(R::AttnOutput), att.data(), attnOut.data());  // [nEmbdQ, nEmbd]

        if (arch.residual == ResidualLayout::Parallel) {
            // Falcon: the MLP reads the attention norm's output, beside the attention.
            m->ffn(L, h.data(), ffnOut.data());
            for (int i = 0; i < e; ++i) x[static_cast<size_t>(i)] += attnOut[static_cast<size_t>(i)] + ffnOut[static_cast<size_t>(i)];
        } else {
            for (int i = 0; i < e; ++i) x[static_cast<size_t>(i)] += attnOut[static_cast<size_t>(i)];
            m->norm(x.data(), L.W(R::FfnNorm), L.B(R::FfnNorm), h.data());
            m->ffn(L, h.data(), ffnOut.data());
            for (int i = 0; i < e; ++i) x[static_cast<size_t>(i)] += ffnOut[static_cast<size_t>(i)];
        }
    }

    m->norm(x.data(), m->M(R::OutputNorm), m->MB(R::OutputNorm), h.data());
    std::vector<float> logits(static_cast<size_t>(c.vocabSize));
    // output [nEmbd, vocab], or the token embedding when tied (the binder points Output at it)
    matvec(m->M(R::Output), Matrix{}, h.data(), logits.data());
    return logits;
}

}  // namespace qd
