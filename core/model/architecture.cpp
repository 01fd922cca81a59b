#include "core/model/architecture.h"

#include <array>

namespace qd {

namespace {

using R = TensorRole;
constexpr Need kNo = Need::No, kOpt = Need::Optional, kReq = Need::Required;

struct RoleName {
    TensorRole role;
    std::string_view name;
    bool inBlock;
};

constexpr std::array kRoleNames = {
    RoleName{R::TokenEmbd, "token_embd", false},   RoleName{R::TokenEmbdNorm, "token_embd_norm", false},
    RoleName{R::OutputNorm, "output_norm", false}, RoleName{R::Output, "output", false},
    RoleName{R::RopeFreqs, "rope_freqs", false},   RoleName{R::AttnNorm, "attn_norm", true},
    RoleName{R::AttnNorm2, "attn_norm_2", true},   RoleName{R::AttnQkv, "attn_qkv", true},
    RoleName{R::AttnQ, "attn_q", true},            RoleName{R::AttnK, "attn_k", true},
    RoleName{R::AttnV, "attn_v", true},            RoleName{R::AttnOutput, "attn_output", true},
    RoleName{R::FfnNorm, "ffn_norm", true},        RoleName{R::FfnGate, "ffn_gate", true},
    RoleName{R::FfnUp, "ffn_up", true},            RoleName{R::FfnDown, "ffn_down", true},
};
constexpr bool rolesInOrder() {
    for (size_t i = 0; i < kRoleNames.size(); ++i)
        if (kRoleNames[i].role != static_cast<TensorRole>(i)) return false;
    return kRoleNames.size() == kTensorRoleCount;
}
static_assert(rolesInOrder(), "kRoleNames is indexed by TensorRole");

// Llama 1/2/3, Mistral, TinyLlama, SmolLM, CodeLlama (all written as "llama" or "mistral" in GGUF).
// llama.cpp reads Q/K/V biases when a file has them.
constexpr ArchTensor kLlama[] = {
    {R::TokenEmbd, kReq, kNo}, {R::OutputNorm, kReq, kNo}, {R::Output, kOpt, kNo},   {R::RopeFreqs, kOpt, kNo},
    {R::AttnNorm, kReq, kNo},  {R::AttnQ, kReq, kOpt},     {R::AttnK, kReq, kOpt},   {R::AttnV, kReq, kOpt},
    {R::AttnOutput, kReq, kNo}, {R::FfnNorm, kReq, kNo},   {R::FfnGate, kReq, kNo},  {R::FfnUp, kReq, kNo},
    {R::FfnDown, kReq, kNo},
};

// Qwen2: Llama's layout with required Q/K/V biases and rotate-half rotary.
constexpr ArchTensor kQwen2[] = {
    {R::TokenEmbd, kReq, kNo}, {R::OutputNorm, kReq, kNo}, {R::Output, kOpt, kNo},  {R::AttnNorm, kReq, kNo},
    {R::AttnQ, kReq, kReq},    {R::AttnK, kReq, kReq},     {R::AttnV, kReq, kReq},  {R::AttnOutput, kReq, kNo},
    {R::FfnNorm, kReq, kNo},   {R::FfnGate, kReq, kNo},    {R::FfnUp, kReq, kNo},   {R::FfnDown, kReq, kNo},
};

// BLOOM (bloomz, Phoenix): LayerNorms with biases everywhere, one right after the embedding; fused QKV
// with bias; biases on every projection; GELU MLP; ALiBi instead of rotary; output tied when absent.
constexpr ArchTensor kBloom[] = {
    {R::TokenEmbd, kReq, kNo},   {R::TokenEmbdNorm, kReq, kReq}, {R::OutputNorm, kReq, kReq}, {R::Output, kOpt, kNo},
    {R::AttnNorm, kReq, kReq},   {R::AttnQkv, kReq, kReq},       {R::AttnOutput, kReq, kReq}, {R::FfnNorm, kReq, kReq},
    {R::FfnUp, kReq, kReq},      {R::FfnDown, kReq, kReq},
};

// Falcon: one LayerNorm feeding attention and MLP in parallel (7B), or a second norm for the attention
// (40B/180B, new_decoder_architecture); fused QKV with multi-query or grouped KV heads; GELU MLP without
// biases; rotate-half rotary; output tied when absent.
constexpr ArchTensor kFalcon[] = {
    {R::TokenEmbd, kReq, kNo},  {R::OutputNorm, kReq, kReq}, {R::Output, kOpt, kNo},   {R::AttnNorm, kReq, kReq},
    {R::AttnNorm2, kOpt, kOpt}, {R::AttnQkv, kReq, kOpt},    {R::AttnOutput, kReq, kNo}, {R::FfnUp, kReq, kNo},
    {R::FfnDown, kReq, kNo},
};

// ChatGLM2/3 and GLM-4: RMSNorm, fused QKV with bias (or separate Q/K/V in some conversions), rotary on
// the first half of each head in interleaved pairs, SwiGLU on one fused up projection, untied output.
constexpr ArchTensor kChatGlm[] = {
    {R::TokenEmbd, kReq, kNo}, {R::OutputNorm, kReq, kNo}, {R::Output, kReq, kNo},  {R::AttnNorm, kReq, kNo},
    {R::AttnQkv, kOpt, kOpt},  {R::AttnQ, kOpt, kOpt},     {R::AttnK, kOpt, kOpt},  {R::AttnV, kOpt, kOpt},
    {R::AttnOutput, kReq, kNo}, {R::FfnNorm, kReq, kNo},   {R::FfnUp, kReq, kNo},   {R::FfnDown, kReq, kNo},
};

using N = NormKind;
using F = FfnKind;
using P = PositionKind;
using Rope = RopeLayout;
using Res = ResidualLayout;
using Q = QkvLayout;

const ArchDescription kArchitectures[] = {
    {"llama", N::Rms, F::SwiGlu, P::Rope, Rope::Interleaved, Res::Sequential, Q::Separate, 0.0f, kLlama},
    {"mistral", N::Rms, F::SwiGlu, P::Rope, Rope::Interleaved, Res::Sequential, Q::Separate, 0.0f, kLlama},
    {"qwen2", N::Rms, F::SwiGlu, P::Rope, Rope::Neox, Res::Sequential, Q::Separate, 0.0f, kQwen2},
    {"bloom", N::Layer, F::Gelu, P::Alibi, Rope::Interleaved, Res::Sequential, Q::Fused, 8.0f, kBloom},
    {"falcon", N::Layer, F::Gelu, P::Rope, Rope::Neox, Res::Parallel, Q::Fused, 0.0f, kFalcon},
    {"chatglm", N::Rms, F::SwiGluFused, P::Rope, Rope::Interleaved, Res::Sequential, Q::Either, 0.0f, kChatGlm},
};

const RoleName& roleName(TensorRole role) { return kRoleNames[static_cast<size_t>(role)]; }

}  // namespace

std::string_view tensorRoleName(TensorRole role) { return roleName(role).name; }
bool isBlockRole(TensorRole role) { return roleName(role).inBlock; }

std::string ggufTensorName(TensorRole role, int layer, bool bias) {
    std::string s;
    if (isBlockRole(role)) s = "blk." + std::to_string(layer) + ".";
    s += tensorRoleName(role);
    s += bias ? ".bias" : ".weight";
    return s;
}

const ArchTensor* ArchDescription::find(TensorRole role) const {
    for (const ArchTensor& t : tensors)
        if (t.role == role) return &t;
    return nullptr;
}

const ArchDescription* findArchitecture(std::string_view name) {
    for (const auto& a : kArchitectures)
        if (a.name == name) return &a;
    return nullptr;
}

std::span<const ArchDescription> architectureTable() { return kArchitectures; }

std::string supportedArchitectures() {
    std::string s;
    for (const auto& a : kArchitectures) s += (s.empty() ? "" : ", ") + std::string(a.name);
    return s;
}

}  // namespace qd
