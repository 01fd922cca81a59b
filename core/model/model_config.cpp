#include "core/model/model_config.h"

#include <array>

namespace qd {

namespace {

struct ArchRow {
    const char* name;
    RopeLayout rope;
    bool attnBias;
};

// Mistral and most Llama derivatives (TinyLlama, SmolLM, CodeLlama) are written as "llama" in GGUF.
constexpr std::array kArchitectures = {
    ArchRow{"llama", RopeLayout::Interleaved, false},
    ArchRow{"mistral", RopeLayout::Interleaved, false},
    ArchRow{"qwen2", RopeLayout::Neox, true},
};

}  // namespace

std::string supportedArchitectures() {
    std::string s;
    for (const auto& a : kArchitectures) s += (s.empty() ? "" : ", ") + std::string(a.name);
    return s;
}

Result<ModelConfig> loadModelConfig(const GgufFile& f) {
    ModelConfig c;
    auto arch = f.getString("general.architecture");
    if (!arch) return fail("the file has no general.architecture, so it is not a model QuantDesk can run");
    c.architecture = *arch;
    const ArchRow* row = nullptr;
    for (const auto& a : kArchitectures)
        if (c.architecture == a.name) row = &a;
    if (!row)
        return fail("architecture '" + c.architecture + "' is not supported yet (QuantDesk runs " +
                    supportedArchitectures() + ")");
    c.ropeLayout = row->rope;
    c.attnBias = row->attnBias;

    const std::string& a = c.architecture;
    auto need = [&](const char* key, int& out) -> Status {
        auto v = f.getUInt(a + "." + key);
        if (!v) return fail("the model lacks " + a + "." + key);
        if (*v == 0 || *v > (1u << 24)) return fail(a + "." + key + " has an implausible value " + std::to_string(*v));
        out = static_cast<int>(*v);
        return {};
    };
    for (auto [key, out] : {std::pair{"block_count", &c.nLayers}, {"embedding_length", &c.nEmbd},
                            {"feed_forward_length", &c.nFf}, {"attention.head_count", &c.nHead}}) {
        if (auto s = need(key, *out); !s) return s.error();
    }
    c.nHeadKv = static_cast<int>(f.getUInt(a + ".attention.head_count_kv").value_or(c.nHead));
    c.headDim = static_cast<int>(f.getUInt(a + ".attention.key_length").value_or(c.nEmbd / c.nHead));
    c.ropeDim = static_cast<int>(f.getUInt(a + ".rope.dimension_count").value_or(c.headDim));
    c.ropeBase = static_cast<float>(f.getDouble(a + ".rope.freq_base").value_or(10000.0));
    c.normEps = static_cast<float>(f.getDouble(a + ".attention.layer_norm_rms_epsilon").value_or(1e-5));
    c.contextLength = static_cast<int>(f.getUInt(a + ".context_length").value_or(2048));

    if (auto type = f.getString(a + ".rope.scaling.type"); type && *type != "none") {
        if (*type != "linear") return fail("RoPE scaling '" + *type + "' is not supported yet (only linear)");
        double factor = f.getDouble(a + ".rope.scaling.factor").value_or(1.0);
        if (!(factor > 0.0)) return fail("the RoPE scaling factor must be positive");
        c.ropeScale = static_cast<float>(factor);
    } else if (auto linear = f.getDouble(a + ".rope.scale_linear")) {
        if (*linear > 0.0) c.ropeScale = static_cast<float>(*linear);
    }

    if (c.nHeadKv <= 0 || c.nHead % c.nHeadKv != 0)
        return fail("the head count " + std::to_string(c.nHead) + " is not a multiple of the KV head count " +
                    std::to_string(c.nHeadKv));
    if (c.headDim <= 0 || c.headDim % 2 != 0) return fail("the head dimension must be even");
    if (c.ropeDim <= 0 || c.ropeDim > c.headDim || c.ropeDim % 2 != 0)
        return fail("the rotary dimension count " + std::to_string(c.ropeDim) + " does not fit the head dimension");

    // Vocabulary: the metadata key, else the token list, else the embedding's row count.
    if (auto v = f.getUInt(a + ".vocab_size")) c.vocabSize = static_cast<int>(*v);
    else if (const GgufValue* t = f.find("tokenizer.ggml.tokens"); t && t->isArray()) c.vocabSize = static_cast<int>(t->arraySize());
    else if (const GgufTensorInfo* e = f.findTensor("token_embd.weight"); e && e->dims.size() == 2)
        c.vocabSize = static_cast<int>(e->dims[1]);
    if (c.vocabSize <= 0) return fail("the model's vocabulary size is unknown");
    return c;
}

}  // namespace qd
