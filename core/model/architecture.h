// Model families as descriptions: which tensors a family has, which norm, activation, attention variant,
// positional scheme and residual layout its forward pass uses. The engine (core/engine), the readable
// reference forward pass (reference_model.h), the run check and the importer read these rows; adding a
// family is adding rows here plus whatever operation it needs that no other family has.
//
// The GGUF tensor-name registry lives here too: every tensor a forward pass reads has a role, and the
// role has one GGUF name ("blk.N.attn_qkv.weight"), used by the weight binder, the Hugging Face importer
// and the mix rules alike.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace qd {

// What a tensor is for. Stored nowhere (names are what files hold), so the order may change.
enum class TensorRole : uint8_t {
    // Model-level
    TokenEmbd,      // [nEmbd, vocab]
    TokenEmbdNorm,  // [nEmbd] (BLOOM: a LayerNorm right after the embedding)
    OutputNorm,     // [nEmbd]
    Output,         // [nEmbd, vocab]; absent when the model ties it to the token embedding
    RopeFreqs,      // [ropeDim / 2] (Llama 3 long-context factors)
    // Per block ("blk.N.")
    AttnNorm,       // [nEmbd]
    AttnNorm2,      // [nEmbd] (Falcon 40B/180B: the attention's own norm beside the MLP's)
    AttnQkv,        // [nEmbd, nEmbdQ + 2 nEmbdKv]: rows are all of Q, then K, then V
    AttnQ,          // [nEmbd, nEmbdQ]
    AttnK,          // [nEmbd, nEmbdKv]
    AttnV,          // [nEmbd, nEmbdKv]
    AttnOutput,     // [nEmbdQ, nEmbd]
    FfnNorm,        // [nEmbd]
    FfnGate,        // [nEmbd, nFf]
    FfnUp,          // [nEmbd, nFf], or [nEmbd, 2 nFf] where gate and up are fused (gate rows first)
    FfnDown,        // [nFf, nEmbd]
};
constexpr int kTensorRoleCount = static_cast<int>(TensorRole::FfnDown) + 1;

// GGUF's name of a role without its ".weight"/".bias" suffix or block prefix ("attn_qkv").
std::string_view tensorRoleName(TensorRole role);
bool isBlockRole(TensorRole role);
// The full GGUF tensor name: "token_embd.weight", "blk.3.attn_qkv.bias".
std::string ggufTensorName(TensorRole role, int layer = -1, bool bias = false);

enum class NormKind : uint8_t {
    Rms,    // x / rms(x) * w
    Layer,  // (x - mean) / std(x) * w + b
};

enum class FfnKind : uint8_t {
    SwiGlu,       // down(silu(gate x) * up x)                 (Llama)
    SwiGluFused,  // [g | u] = up x; down(silu(g) * u)         (ChatGLM)
    Gelu,         // down(gelu(up x + b) ) + b                 (BLOOM, Falcon)
};

enum class PositionKind : uint8_t {
    Rope,   // rotary embedding on Q and K (layout and rotated dimensions in ModelConfig)
    Alibi,  // no rotation; a per-head linear bias on the attention scores (BLOOM)
};

enum class ResidualLayout : uint8_t {
    Sequential,  // x += attn(norm(x)); x += ffn(norm2(x))
    Parallel,    // h = norm(x); x = (ffn(h) + attn(norm_2(x) or h)) + x   (Falcon)
};

enum class QkvLayout : uint8_t {
    Separate,  // attn_q, attn_k, attn_v
    Fused,     // attn_qkv
    Either,    // attn_qkv when present, else the three (ChatGLM / GLM-4 conversions differ)
};

// Whether a family's files carry a tensor (weight or bias).
enum class Need : uint8_t { No, Optional, Required };

struct ArchTensor {
    TensorRole role;
    Need weight;
    Need bias;
};

enum class RopeLayout : uint8_t {
    Interleaved,  // rotate pairs (2i, 2i+1): GGUF's llama layout (the converter permutes Q/K rows), ChatGLM
    Neox,         // rotate pairs (i, i + d/2): Qwen2, Falcon, GPT-NeoX
};

struct ArchDescription {
    std::string_view name;       // general.architecture, also the metadata key prefix
    NormKind norm;
    FfnKind ffn;
    PositionKind positions;
    RopeLayout rope;
    ResidualLayout residual;
    QkvLayout qkv;
    float maxAlibiBias;          // ALiBi's bias range (llama.cpp's f_max_alibi_bias), 0 without ALiBi
    std::span<const ArchTensor> tensors;

    const ArchTensor* find(TensorRole role) const;
    bool has(TensorRole role) const { return find(role) != nullptr; }
};

const ArchDescription* findArchitecture(std::string_view name);
std::span<const ArchDescription> architectureTable();
// "llama, mistral, qwen2, ..." for messages.
std::string supportedArchitectures();

}  // namespace qd
