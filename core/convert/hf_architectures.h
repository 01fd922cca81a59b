// The Hugging Face architectures the importer converts, and how their tensor names map to GGUF's.
// Tables rather than switches: supporting another family is adding rows (and, where llama.cpp's
// converter reorders rows, naming the reordering). GGUF names come from the tensor-role registry in
// core/model/architecture.h, the same one the engine binds weights with.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/model/architecture.h"

namespace qd {

// What a tensor dimension must equal, from config.json.
enum class HfDim : uint8_t { None, Vocab, Embd, Ffn, Ffn2, QDim, KvDim, QkvDim };

// How llama.cpp's converter reorders a tensor's rows (see hf_import.cpp).
enum class RowPermute : uint8_t {
    None,
    Query,         // Llama: rotate-half q rows -> interleaved pairs
    Key,           // the same for k
    BloomQkv,      // BLOOM: [head][q, k, v][headDim] -> all q, all k, all v
    FalconQkv,     // Falcon: [kv group][its q heads, k, v][headDim] -> all q, all k, all v
};

// Which converter (llama.cpp's convert_hf_to_gguf.py classes) a checkpoint goes through, and how its
// tensors are named. Glm is transformers' own GLM-4 class (GlmForCausalLM), which llama.cpp converts
// with its ChatGLM converter but whose tensors carry Llama-style names.
enum class HfFamily : uint8_t { Llama, Bloom, Falcon, ChatGlm, Glm };
// Whether llama.cpp's ChatGLM converter handles the family (ChatGLM's and GLM's names).
constexpr bool isChatGlmConverter(HfFamily f) { return f == HfFamily::ChatGlm || f == HfFamily::Glm; }

// How config.json's rope_scaling is written (llama.cpp differs per family).
enum class RopeScalingStyle : uint8_t { None, Linear, Yarn };

struct HfArchitecture {
    std::string_view hfClass;      // config.json "architectures"[0]
    std::string_view ggufArch;     // general.architecture and the key prefix
    HfFamily family;
    bool permuteQK;                // HF's rotate-half q/k rows -> GGUF's interleaved pairs
    bool writesVocabAndRopeDims;   // llama.cpp's Llama family also writes vocab_size and rope.dimension_count
    bool requiresAttentionBias;    // q/k/v biases must be present (Qwen2)
    RopeScalingStyle ropeScaling;
};

const HfArchitecture* findHfArchitecture(std::string_view hfClass);
std::span<const HfArchitecture> hfArchitectureTable();

// Checkpoint names of a family: a prefix the converter strips ("transformer."), and the prefix of block
// tensors after it ("model.layers.", "h.", "encoder.layers."), followed by the block number and a dot.
struct HfNaming {
    HfFamily family;
    std::string_view strip;
    std::string_view block;
};
const HfNaming& hfNaming(HfFamily family);

// One tensor-name rule. `hf` is the checkpoint name without its .weight/.bias suffix (and, in block
// rules, after the block prefix).
struct HfTensorRule {
    HfFamily family;
    std::string_view hf;
    TensorRole role;
    bool required;        // the .weight must be present (an output is optional: tied embeddings)
    HfDim rows;           // PyTorch shape [rows, cols]; 1-D tensors have cols == None
    HfDim cols;
    RowPermute permute;
    bool biasIsAttention; // a .bias here is an attention bias (required by some architectures)
};

std::span<const HfTensorRule> hfTensorRules();

}  // namespace qd
