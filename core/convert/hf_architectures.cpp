#include "core/convert/hf_architectures.h"

namespace qd {

namespace {

using R = TensorRole;
using D = HfDim;
using P = RowPermute;
constexpr HfFamily kLlama = HfFamily::Llama, kBloom = HfFamily::Bloom, kFalcon = HfFamily::Falcon,
                   kChatGlm = HfFamily::ChatGlm, kGlm = HfFamily::Glm;

const HfArchitecture kArchitectures[] = {
    // Llama 1/2/3, TinyLlama, SmolLM, CodeLlama: HF stores q/k rows for rotate-half rotary; GGUF's
    // "llama" rope rotates adjacent pairs, so llama.cpp permutes the rows.
    {"LlamaForCausalLM", "llama", kLlama, true, true, false, RopeScalingStyle::Linear},
    {"MistralForCausalLM", "llama", kLlama, true, true, false, RopeScalingStyle::Linear},
    // Qwen2 runs NEOX-style (rotate-half) rope in llama.cpp: rows stay as they are; q/k/v have biases.
    {"Qwen2ForCausalLM", "qwen2", kLlama, false, false, true, RopeScalingStyle::Yarn},
    // BLOOM (bloomz, Phoenix): ALiBi, no rotary; the fused QKV is reordered per head.
    {"BloomForCausalLM", "bloom", kBloom, false, false, false, RopeScalingStyle::None},
    {"BloomModel", "bloom", kBloom, false, false, false, RopeScalingStyle::None},
    // Falcon, both the current class and the remote-code "RW" one of the first releases.
    {"FalconForCausalLM", "falcon", kFalcon, false, false, false, RopeScalingStyle::None},
    {"RWForCausalLM", "falcon", kFalcon, false, false, false, RopeScalingStyle::None},
    // ChatGLM2/3 and GLM-4 (THUDM's remote-code class and the transformers one share these names).
    {"ChatGLMModel", "chatglm", kChatGlm, false, false, false, RopeScalingStyle::None},
    {"ChatGLMForConditionalGeneration", "chatglm", kChatGlm, false, false, false, RopeScalingStyle::None},
    {"GlmForCausalLM", "chatglm", kGlm, false, false, false, RopeScalingStyle::None},
};

const HfNaming kNaming[] = {
    {kLlama, "", "model.layers."},
    {kBloom, "transformer.", "h."},
    {kFalcon, "transformer.", "h."},
    {kChatGlm, "transformer.", "encoder.layers."},
    {kGlm, "", "model.layers."},
};

const HfTensorRule kRules[] = {
    // Llama family
    {kLlama, "model.embed_tokens", R::TokenEmbd, true, D::Vocab, D::Embd, P::None, false},
    {kLlama, "model.norm", R::OutputNorm, true, D::Embd, D::None, P::None, false},
    {kLlama, "lm_head", R::Output, false, D::Vocab, D::Embd, P::None, false},
    {kLlama, "input_layernorm", R::AttnNorm, true, D::Embd, D::None, P::None, false},
    {kLlama, "self_attn.q_proj", R::AttnQ, true, D::QDim, D::Embd, P::Query, true},
    {kLlama, "self_attn.k_proj", R::AttnK, true, D::KvDim, D::Embd, P::Key, true},
    {kLlama, "self_attn.v_proj", R::AttnV, true, D::KvDim, D::Embd, P::None, true},
    {kLlama, "self_attn.o_proj", R::AttnOutput, true, D::Embd, D::QDim, P::None, false},
    {kLlama, "post_attention_layernorm", R::FfnNorm, true, D::Embd, D::None, P::None, false},
    {kLlama, "mlp.gate_proj", R::FfnGate, true, D::Ffn, D::Embd, P::None, false},
    {kLlama, "mlp.up_proj", R::FfnUp, true, D::Ffn, D::Embd, P::None, false},
    {kLlama, "mlp.down_proj", R::FfnDown, true, D::Embd, D::Ffn, P::None, false},
    // BLOOM (names after "transformer.")
    {kBloom, "word_embeddings", R::TokenEmbd, true, D::Vocab, D::Embd, P::None, false},
    {kBloom, "word_embeddings_layernorm", R::TokenEmbdNorm, true, D::Embd, D::None, P::None, false},
    {kBloom, "ln_f", R::OutputNorm, true, D::Embd, D::None, P::None, false},
    {kBloom, "lm_head", R::Output, false, D::Vocab, D::Embd, P::None, false},
    {kBloom, "input_layernorm", R::AttnNorm, true, D::Embd, D::None, P::None, false},
    {kBloom, "self_attention.query_key_value", R::AttnQkv, true, D::QkvDim, D::Embd, P::BloomQkv, false},
    {kBloom, "self_attention.dense", R::AttnOutput, true, D::Embd, D::QDim, P::None, false},
    {kBloom, "post_attention_layernorm", R::FfnNorm, true, D::Embd, D::None, P::None, false},
    {kBloom, "mlp.dense_h_to_4h", R::FfnUp, true, D::Ffn, D::Embd, P::None, false},
    {kBloom, "mlp.dense_4h_to_h", R::FfnDown, true, D::Embd, D::Ffn, P::None, false},
    // Falcon; the 40B/180B layout has ln_attn (the attention's norm) and ln_mlp (the MLP's, which
    // llama.cpp names attn_norm) where the 7B layout has one input_layernorm.
    {kFalcon, "word_embeddings", R::TokenEmbd, true, D::Vocab, D::Embd, P::None, false},
    {kFalcon, "ln_f", R::OutputNorm, true, D::Embd, D::None, P::None, false},
    {kFalcon, "lm_head", R::Output, false, D::Vocab, D::Embd, P::None, false},
    {kFalcon, "input_layernorm", R::AttnNorm, false, D::Embd, D::None, P::None, false},
    {kFalcon, "ln_mlp", R::AttnNorm, false, D::Embd, D::None, P::None, false},
    {kFalcon, "ln_attn", R::AttnNorm2, false, D::Embd, D::None, P::None, false},
    {kFalcon, "self_attention.query_key_value", R::AttnQkv, true, D::QkvDim, D::Embd, P::FalconQkv, false},
    {kFalcon, "self_attention.dense", R::AttnOutput, true, D::Embd, D::QDim, P::None, false},
    {kFalcon, "mlp.dense_h_to_4h", R::FfnUp, true, D::Ffn, D::Embd, P::None, false},
    {kFalcon, "mlp.dense_4h_to_h", R::FfnDown, true, D::Embd, D::Ffn, P::None, false},
    // ChatGLM2/3, GLM-4 (names after "transformer.")
    {kChatGlm, "embedding.word_embeddings", R::TokenEmbd, true, D::Vocab, D::Embd, P::None, false},
    {kChatGlm, "encoder.final_layernorm", R::OutputNorm, true, D::Embd, D::None, P::None, false},
    {kChatGlm, "output_layer", R::Output, true, D::Vocab, D::Embd, P::None, false},
    {kChatGlm, "input_layernorm", R::AttnNorm, true, D::Embd, D::None, P::None, false},
    {kChatGlm, "self_attention.query_key_value", R::AttnQkv, true, D::QkvDim, D::Embd, P::None, true},
    {kChatGlm, "self_attention.dense", R::AttnOutput, true, D::Embd, D::QDim, P::None, false},
    {kChatGlm, "post_attention_layernorm", R::FfnNorm, true, D::Embd, D::None, P::None, false},
    {kChatGlm, "mlp.dense_h_to_4h", R::FfnUp, true, D::Ffn2, D::Embd, P::None, false},
    {kChatGlm, "mlp.dense_4h_to_h", R::FfnDown, true, D::Embd, D::Ffn, P::None, false},
    // transformers' GlmForCausalLM (GLM-4 "-hf" checkpoints): separate Q/K/V with biases, gate and up
    // fused in one projection (gate rows first), untied output.
    {kGlm, "model.embed_tokens", R::TokenEmbd, true, D::Vocab, D::Embd, P::None, false},
    {kGlm, "model.norm", R::OutputNorm, true, D::Embd, D::None, P::None, false},
    {kGlm, "lm_head", R::Output, true, D::Vocab, D::Embd, P::None, false},
    {kGlm, "input_layernorm", R::AttnNorm, true, D::Embd, D::None, P::None, false},
    {kGlm, "self_attn.q_proj", R::AttnQ, true, D::QDim, D::Embd, P::None, true},
    {kGlm, "self_attn.k_proj", R::AttnK, true, D::KvDim, D::Embd, P::None, true},
    {kGlm, "self_attn.v_proj", R::AttnV, true, D::KvDim, D::Embd, P::None, true},
    {kGlm, "self_attn.o_proj", R::AttnOutput, true, D::Embd, D::QDim, P::None, false},
    {kGlm, "post_attention_layernorm", R::FfnNorm, true, D::Embd, D::None, P::None, false},
    {kGlm, "mlp.gate_up_proj", R::FfnUp, true, D::Ffn2, D::Embd, P::None, false},
    {kGlm, "mlp.down_proj", R::FfnDown, true, D::Embd, D::Ffn, P::None, false},
};

}  // namespace

const HfArchitecture* findHfArchitecture(std::string_view hfClass) {
    for (const auto& a : kArchitectures)
        if (a.hfClass == hfClass) return &a;
    return nullptr;
}

std::span<const HfArchitecture> hfArchitectureTable() { return kArchitectures; }
std::span<const HfTensorRule> hfTensorRules() { return kRules; }

const HfNaming& hfNaming(HfFamily family) {
    for (const auto& n : kNaming)
        if (n.family == family) return n;
    return kNaming[0];
}

}  // namespace qd
