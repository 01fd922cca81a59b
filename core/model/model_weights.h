// The weights of a model as views into the memory-mapped GGUF file (no copies), found by role
// (architecture.h) under the names its family's description lists.
//
// Shapes are in ggml order, [row length, rows]: a matrix W with shape [in, out] maps a vector of `in`
// values to `out` values, one row per output. Biases are [out].
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/common/result.h"
#include "core/gguf/gguf_file.h"
#include "core/model/model_config.h"

namespace qd {

struct WeightView {
    const GgufTensorInfo* info = nullptr;
    GgmlType type = GgmlType::F32;
    const uint8_t* data = nullptr;
    int64_t cols = 0;      // row length (dims[0])
    int64_t rows = 0;      // dims[1], 1 for vectors
    size_t rowBytes = 0;

    bool present() const { return data != nullptr; }
    const uint8_t* row(int64_t r) const { return data + static_cast<size_t>(r) * rowBytes; }
};

// Weights and biases by role; a role the family or the file lacks is an empty view.
struct TensorSet {
    std::array<WeightView, kTensorRoleCount> weights, biases;

    const WeightView& w(TensorRole r) const { return weights[static_cast<size_t>(r)]; }
    const WeightView& b(TensorRole r) const { return biases[static_cast<size_t>(r)]; }
    WeightView& w(TensorRole r) { return weights[static_cast<size_t>(r)]; }
    WeightView& b(TensorRole r) { return biases[static_cast<size_t>(r)]; }
    bool has(TensorRole r) const { return w(r).present(); }
};

struct ModelWeights {
    TensorSet model;                 // model-level roles (token_embd, output_norm, output, ...)
    std::vector<TensorSet> layers;   // block roles of each layer
    bool tiedOutput = false;         // output is the token embedding (model.w(Output) views it)

    const WeightView& tokenEmbd() const { return model.w(TensorRole::TokenEmbd); }
    const WeightView& output() const { return model.w(TensorRole::Output); }
};

// The whole weight as floats (norms, biases and other small tensors a backend keeps that way); `out`
// is left empty when the weight is absent.
Status dequantizeWeight(const WeightView& w, std::vector<float>& out);

// The shape (ggml order) a role's weight must have in a model of this configuration.
std::vector<int64_t> roleDims(TensorRole role, const ModelConfig& config);

// Finds every tensor the family's description lists, checks its shape and type, and checks that the
// file has no block tensor the description does not know (a forward pass would silently skip it).
Result<ModelWeights> bindModelWeights(const GgufFile& file, const ModelConfig& config);

}  // namespace qd
