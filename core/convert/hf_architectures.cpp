#include "core/convert/hf_architectures.h"

namespace qd {

namespace {

const HfArchitecture kArchitectures[] = {
    // Llama 1/2/3, TinyLlama, SmolLM, CodeLlama: HF stores q/k rows for rotate-half rotary; GGUF's
    // "llama" rope rotates adjacent pairs, so llama.cpp permutes the rows.
    {"LlamaForCausalLM", "llama", true, true, false, RopeScalingStyle::Linear},
    {"MistralForCausalLM", "llama", true, true, false, RopeScalingStyle::Linear},
    // Qwen2 runs NEOX-style (rotate-half) rope in llama.cpp: rows stay as they are; q/k/v have biases.
    {"Qwen2ForCausalLM", "qwen2", false, false, true, RopeScalingStyle::Yarn},
};

const HfTensorRule kRules[] = {
    {"model.embed_tokens", "token_embd", false, true, HfDim::Vocab, HfDim::Embd, RowPermute::None, false},
    {"model.norm", "output_norm", false, true, HfDim::Embd, HfDim::None, RowPermute::None, false},
    {"lm_head", "output", false, false, HfDim::Vocab, HfDim::Embd, RowPermute::None, false},
    {"input_layernorm", "attn_norm", true, true, HfDim::Embd, HfDim::None, RowPermute::None, false},
    {"self_attn.q_proj", "attn_q", true, true, HfDim::QDim, HfDim::Embd, RowPermute::Query, true},
    {"self_attn.k_proj", "attn_k", true, true, HfDim::KvDim, HfDim::Embd, RowPermute::Key, true},
    {"self_attn.v_proj", "attn_v", true, true, HfDim::KvDim, HfDim::Embd, RowPermute::None, true},
    {"self_attn.o_proj", "attn_output", true, true, HfDim::Embd, HfDim::QDim, RowPermute::None, false},
    {"post_attention_layernorm", "ffn_norm", true, true, HfDim::Embd, HfDim::None, RowPermute::None, false},
    {"mlp.gate_proj", "ffn_gate", true, true, HfDim::Ffn, HfDim::Embd, RowPermute::None, false},
    {"mlp.up_proj", "ffn_up", true, true, HfDim::Ffn, HfDim::Embd, RowPermute::None, false},
    {"mlp.down_proj", "ffn_down", true, true, HfDim::Embd, HfDim::Ffn, RowPermute::None, false},
};

}  // namespace

const HfArchitecture* findHfArchitecture(std::string_view hfClass) {
    for (const auto& a : kArchitectures)
        if (a.hfClass == hfClass) return &a;
    return nullptr;
}

std::span<const HfArchitecture> hfArchitectureTable() { return kArchitectures; }
std::span<const HfTensorRule> hfTensorRules() { return kRules; }

}  // namespace qd
