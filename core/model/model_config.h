// Hyperparameters of a decoder-only transformer, read from GGUF metadata.
//
// Architectures are rows of a table (model_config.cpp): adding a Llama-like family is adding a row
// that says how its rotary embedding is laid out and whether its attention projections carry biases.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/result.h"
#include "core/gguf/gguf_file.h"

namespace qd {

enum class RopeLayout {
    Interleaved,  // rotate pairs (2i, 2i+1): GGUF's llama layout (the converter permutes Q/K rows)
    Neox,         // rotate pairs (i, i + d/2): Qwen2, GPT-NeoX
};

struct ModelConfig {
    std::string architecture;   // "llama", "qwen2", ...
    int nLayers = 0;
    int nEmbd = 0;              // model width
    int nFf = 0;                // FFN hidden width
    int nHead = 0;
    int nHeadKv = 0;            // grouped-query attention: nHead / nHeadKv query heads share a KV head
    int headDim = 0;            // per head (key_length, else nEmbd / nHead)
    int ropeDim = 0;            // rotated dimensions per head (rope.dimension_count, else headDim)
    float ropeBase = 10000.0f;
    float ropeScale = 1.0f;     // linear position scaling: positions are divided by this factor
    RopeLayout ropeLayout = RopeLayout::Interleaved;
    float normEps = 1e-5f;
    int vocabSize = 0;
    int contextLength = 0;      // what the model was trained for
    bool attnBias = false;      // Q/K/V projections carry biases (Qwen2)

    int nEmbdKv() const { return nHeadKv * headDim; }
    int nEmbdQ() const { return nHead * headDim; }
};

// Reads and checks the hyperparameters; an unsupported architecture or an inconsistent shape is an error.
Result<ModelConfig> loadModelConfig(const GgufFile& file);

// Architectures QuantDesk can run, for messages ("llama, qwen2, ...").
std::string supportedArchitectures();

}  // namespace qd
