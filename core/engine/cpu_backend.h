// The CPU backend: SIMD dot-product kernels on the memory-mapped weights, OpenBLAS for prompt batches,
// all work split over a persistent thread pool.
#pragma once

#include <memory>
#include <vector>

#include "core/common/thread_pool.h"
#include "core/engine/backend.h"

namespace qd {

// How batched matrix products (prompts, perplexity) are computed.
enum class GemmMode {
    Auto,        // OpenBLAS for batches of at least kBlasMinBatch tokens, dot kernels below
    DotKernels,  // quantized dot products for every token (the decode path, batched)
    Blas,        // dequantize tiles of weight rows to float, multiply with OpenBLAS sgemm
};

class CpuBackend : public ComputeBackend {
public:
    static constexpr int kBlasMinBatch = 32;

    CpuBackend(ThreadPool& pool, GemmMode mode = GemmMode::Auto);
    ~CpuBackend() override;

    std::string name() const override;
    void matmul(const WeightView& w, const float* x, float* y, int nTokens) override;
    void attention(const ModelConfig& config, const KvCache& cache, int layer, const float* q, float* out, int nTokens,
                   int pos0) override;

    GemmMode mode() const { return m_mode; }
    void setMode(GemmMode mode) { m_mode = mode; }

private:
    void matmulDot(const WeightView& w, const float* x, float* y, int nTokens);
    void matmulBlas(const WeightView& w, const float* x, float* y, int nTokens);
    void attentionBatched(const ModelConfig& config, const KvCache& cache, int layer, const float* q, float* out,
                          int nTokens, int pos0);

    ThreadPool& m_pool;
    GemmMode m_mode;
    std::vector<uint8_t> m_activations;                  // quantized input rows
    std::vector<std::vector<float>> m_workerFloats;      // per-worker scratch (dequantized tiles, scores)
    std::vector<std::vector<uint16_t>> m_workerHalves;   // per-worker F16 scratch (attention)
};

// Whether the engine can run weights of this type (a dot kernel and a dequantizer exist).
bool cpuCanRun(GgmlType type);

}  // namespace qd
