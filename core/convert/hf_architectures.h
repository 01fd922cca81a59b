// The Hugging Face architectures the importer converts, and how their tensor names map to GGUF's.
// Tables rather than switches: supporting another Llama-like family is adding rows.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace qd {

// What a tensor dimension must equal, from config.json.
enum class HfDim : uint8_t { None, Vocab, Embd, Ffn, QDim, KvDim };

// Which rows to reorder for GGUF's rotary layout (see hf_import.cpp).
enum class RowPermute : uint8_t { None, Query, Key };

// How config.json's rope_scaling is written (llama.cpp differs per family).
enum class RopeScalingStyle : uint8_t { Linear, Yarn };

struct HfArchitecture {
    std::string_view hfClass;      // config.json "architectures"[0]
    std::string_view ggufArch;     // general.architecture and the key prefix
    bool permuteQK;                // HF's rotate-half q/k rows -> GGUF's interleaved pairs
    bool writesVocabAndRopeDims;   // llama.cpp's Llama family also writes vocab_size and rope.dimension_count
    bool requiresAttentionBias;    // q/k/v biases must be present (Qwen2)
    RopeScalingStyle ropeScaling;
};

const HfArchitecture* findHfArchitecture(std::string_view hfClass);
std::span<const HfArchitecture> hfArchitectureTable();

// One tensor-name rule. `hf` / `gguf` are names without the .weight/.bias suffix; in block rules they
// follow "model.layers.N." and "blk.N.".
struct HfTensorRule {
    std::string_view hf;
    std::string_view gguf;
    bool inBlock;
    bool required;        // the .weight must be present (output is optional: tied embeddings)
    HfDim rows;           // PyTorch shape [rows, cols]; 1-D tensors have cols == None
    HfDim cols;
    RowPermute permute;
    bool biasIsAttention; // a .bias here is an attention bias (required by some architectures)
};

std::span<const HfTensorRule> hfTensorRules();

}  // namespace qd
