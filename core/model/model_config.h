// Hyperparameters of a decoder-only transformer, read from GGUF metadata.
//
// Which family a file is, and what that family's forward pass is made of, comes from the description
// table in architecture.h; this reads the numbers.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/result.h"
#include "core/gguf/gguf_file.h"
#include "core/model/architecture.h"

namespace qd {

struct ModelConfig {
    std::string architecture;   // "llama", "qwen2", ...
    const ArchDescription* arch = nullptr;  // its row in architecture.h's table
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
    float normEps = 1e-5f;      // RMSNorm's or LayerNorm's epsilon, whichever the family uses
    int vocabSize = 0;
    int contextLength = 0;      // what the model was trained for

    int nEmbdKv() const { return nHeadKv * headDim; }
    int nEmbdQ() const { return nHead * headDim; }
};

// Reads and checks the hyperparameters; an unsupported architecture or an inconsistent shape is an error.
Result<ModelConfig> loadModelConfig(const GgufFile& file);

}  // namespace qd
