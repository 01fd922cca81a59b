// The compute backend interface of the forward pass.
//
// The model code (llama_model.cpp) does the cheap per-element work itself (norms, rotary embedding,
// SwiGLU, residual adds) and hands the two expensive operations to a backend: matrix products with
// the weights, and attention over the KV cache. A GPU backend takes over layers by implementing these
// for the layers it holds; the model code stays the same.
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/engine/kv_cache.h"
#include "core/model/model_config.h"
#include "core/model/model_weights.h"

namespace qd {

class ComputeBackend {
public:
    virtual ~ComputeBackend() = default;
    virtual std::string name() const = 0;

    // Y = X W^T for a batch: X is [nTokens][W.cols], Y is [nTokens][W.rows] (row-major floats).
    virtual void matmul(const WeightView& w, const float* x, float* y, int nTokens) = 0;

    // Causal attention for nTokens queries at positions pos0 .. pos0+nTokens-1 of `layer`, whose keys
    // and values are already in the cache. q: [nTokens][nHead * headDim] (rotated); out: same shape.
    virtual void attention(const ModelConfig& config, const KvCache& cache, int layer, const float* q, float* out,
                           int nTokens, int pos0) = 0;
};

}  // namespace qd
