// The CPU backend: SIMD dot-product kernels on the memory-mapped weights, OpenBLAS for prompt batches,
// all work split over a persistent thread pool. It runs every family in architecture.h from its
// description: the layer forward pass below is one function whose steps the description switches.
#pragma once

#include <memory>
#include <vector>

#include "core/common/thread_pool.h"
#include "core/engine/backend.h"
#include "core/engine/kv_cache.h"
#include "core/engine/ops.h"

namespace qd {

// How batched matrix products (prompts, perplexity) are computed.
enum class GemmMode {
    Auto,        // OpenBLAS for batches of at least kBlasMinBatch tokens, dot kernels below
    DotKernels,  // quantized dot products for every token (the decode path, batched)
    Blas,        // dequantize tiles of weight rows to float, multiply with OpenBLAS sgemm
};

// Sees the input of every weight matrix product (importance matrices): the weight, and its input rows.
using MatmulInputObserver = std::function<void(const WeightView& weight, const float* x, int rows)>;

class CpuBackend : public Backend {
public:
    static constexpr int kBlasMinBatch = 32;

    CpuBackend(ThreadPool& pool, GemmMode mode = GemmMode::Auto);
    ~CpuBackend() override;

    std::string name() const override;
    Status prepare(const ModelConfig& config, const ModelWeights& weights, LayerRange range, bool holdsHead, int context,
                   int batch) override;
    Status upload(const float* x, int n) override;
    Status download(float* x, int n) override;
    Status forward(int n, int pos0, const std::function<bool(int layer)>& beforeLayer) override;
    Status logits(int firstRow, int n, float* out) override;
    uint64_t kvCacheBytes() const override { return m_cache.bytes(); }
    uint64_t bufferBytes() const override;

    GemmMode mode() const { return m_mode; }
    void setMode(GemmMode mode) { m_mode = mode; }
    void setInputObserver(MatmulInputObserver observer) { m_observer = std::move(observer); }

    // Floats of each activation buffer for batches of `batch` tokens (x, attnOut and tmp are [batch][nEmbd]).
    struct ActivationSizes {
        uint64_t x = 0, xb = 0, xb2 = 0, qkv = 0, q = 0, kv = 0, gate = 0, up = 0;
        uint64_t floats() const;  // all buffers together
    };
    static ActivationSizes activationSizes(const ModelConfig& config, const ModelWeights& weights, int batch);

    // Y = X W^T for a batch: X is [nTokens][W.cols], Y is [nTokens][W.rows] (row-major floats).
    void matmul(const WeightView& w, const float* x, float* y, int nTokens);

private:
    struct LayerFloats;  // a layer's norms and biases as floats
    void layer(int l, int n, int pos0);
    void norm(const std::vector<float>& weight, const std::vector<float>& bias, const float* x, int n, float* out) const;
    void matmulDot(const WeightView& w, const float* x, float* y, int nTokens);
    void matmulBlas(const WeightView& w, const float* x, float* y, int nTokens);
    // Causal attention for nTokens queries at positions pos0 .. of cache layer `cl`, whose keys and
    // values are already stored. q: [nTokens][nHead * headDim] (rotated); out: same shape.
    void attention(int cl, const float* q, float* out, int nTokens, int pos0);
    void attentionBatched(int cl, const float* q, float* out, int nTokens, int pos0);

    ThreadPool& m_pool;
    GemmMode m_mode;
    MatmulInputObserver m_observer;
    const ModelConfig* m_c = nullptr;
    const ModelWeights* m_w = nullptr;
    LayerRange m_range;
    bool m_head = false;
    KvCache m_cache;  // the range's layers, indexed from 0
    std::vector<LayerFloats> m_layers;
    std::vector<float> m_embdNorm, m_embdNormBias, m_outputNorm, m_outputNormBias;
    ops::Rope m_rope;
    std::vector<float> m_alibi;  // per-head slopes, empty without ALiBi

    // Activations for one batch of up to m_batch tokens.
    int m_batch = 0;
    std::vector<float> m_x, m_xb, m_xb2, m_qkv, m_q, m_k, m_v, m_att, m_attnOut, m_gate, m_up, m_tmp;
    std::vector<uint8_t> m_activations;                  // quantized input rows
    std::vector<std::vector<float>> m_workerFloats;      // per-worker scratch (dequantized tiles, scores)
    std::vector<std::vector<uint16_t>> m_workerHalves;   // per-worker F16 scratch (attention)
};

// Whether the engine can run weights of this type (a dot kernel and a dequantizer exist).
bool cpuCanRun(GgmlType type);

}  // namespace qd
