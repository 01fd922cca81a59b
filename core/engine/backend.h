// The compute backend interface: a backend holds a range of a model's layers and runs them whole.
//
// The model (model.h) owns the layer -> backend map. For every batch it looks up the token embeddings
// on the host, hands the residual stream [nTokens][nEmbd] to the backend holding the first layers,
// takes it back after that backend's last layer and passes it to the next, and has the backend holding
// the last layer compute the logits. A backend keeps its layers' weights, KV cache and activations
// wherever it computes (host memory for the CPU; device memory for a GPU), so the stream crosses a
// device boundary twice per batch and backend, not once per operation.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/common/result.h"
#include "core/model/model_config.h"
#include "core/model/model_weights.h"

namespace qd {

// Layers [first, last) of a model.
struct LayerRange {
    int first = 0;
    int last = 0;
    int count() const { return last - first; }
    bool contains(int layer) const { return layer >= first && layer < last; }
};

class Backend {
public:
    virtual ~Backend() = default;
    virtual std::string name() const = 0;

    // Takes `range` of the model's layers (and the output head when `holdsHead`), with room for
    // batches of up to `batch` tokens and a KV cache of `context` positions. The config and weights
    // must outlive the backend. Errors: OutOfMemory, Unsupported (a tensor type it cannot run).
    virtual Status prepare(const ModelConfig& config, const ModelWeights& weights, LayerRange range, bool holdsHead,
                           int context, int batch) = 0;

    // The residual stream of n tokens as host floats [n][nEmbd]: in before the first layer of the
    // range, out after its last. A device backend's copy can fail (a lost device).
    virtual Status upload(const float* x, int n) = 0;
    virtual Status download(float* x, int n) = 0;

    // Runs the range's layers on n tokens at positions pos0 .. pos0 + n - 1, storing their keys and
    // values in the cache (positions below pos0 are kept). `beforeLayer(l)` is asked before layer l and
    // stops the pass by returning false (the result is then cancelledError()).
    virtual Status forward(int n, int pos0, const std::function<bool(int layer)>& beforeLayer) = 0;

    // With the head: logits [n - firstRow][vocab] of the stream's rows firstRow .. n - 1 after forward().
    virtual Status logits(int firstRow, int n, float* out) = 0;

    virtual uint64_t kvCacheBytes() const = 0;
    virtual uint64_t bufferBytes() const = 0;
};

}  // namespace qd
