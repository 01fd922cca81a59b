// The weights of a Llama-family model as views into the memory-mapped GGUF file (no copies).
//
// Shapes below are in ggml order, [row length, rows]: a matrix W with shape [in, out] maps a vector of
// `in` values to `out` values, one row per output.
#pragma once

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

struct LayerWeights {
    WeightView attnNorm;            // [nEmbd]
    WeightView wq, wk, wv;          // [nEmbd, nEmbdQ], [nEmbd, nEmbdKv], [nEmbd, nEmbdKv]
    WeightView bq, bk, bv;          // [nEmbdQ], [nEmbdKv], [nEmbdKv] (Qwen2 only)
    WeightView wo;                  // [nEmbdQ, nEmbd]
    WeightView ffnNorm;             // [nEmbd]
    WeightView wGate, wUp;          // [nEmbd, nFf]
    WeightView wDown;               // [nFf, nEmbd]
};

struct ModelWeights {
    WeightView tokenEmbd;           // [nEmbd, vocab]
    WeightView outputNorm;          // [nEmbd]
    WeightView output;              // [nEmbd, vocab]; the token embedding when the model ties them
    WeightView ropeFreqs;           // [ropeDim / 2], optional (Llama 3 long-context factors)
    bool tiedOutput = false;
    std::vector<LayerWeights> layers;
};

// Finds every tensor the model needs and checks its shape and type.
Result<ModelWeights> bindModelWeights(const GgufFile& file, const ModelConfig& config);

}  // namespace qd
