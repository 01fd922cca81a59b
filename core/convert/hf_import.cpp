#include "core/convert/hf_import.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <numbers>
#include <optional>
#include <set>

#include "core/convert/hf_architectures.h"
#include "core/convert/hf_vocab.h"
#include "core/convert/json_file.h"
#include "core/convert/model_naming.h"
#include "core/convert/safetensors.h"
#include "core/model/model_limits.h"

namespace qd {

namespace {

constexpr uint32_t kQuantizationVersion = 2;  // GGML_QNT_VERSION, written by every llama.cpp converter

struct Hparams {
    uint64_t nLayer = 0, nEmbd = 0, nFf = 0, nHead = 0, nHeadKv = 0, headDim = 0, nVocab = 0;
    bool hasHeadDim = false;
};

// The first of `keys` present in config.json, as gguf-py's find_hparam does.
const Json* findHparam(const Json& config, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (const Json* v = config.find(k)) return v;
    return nullptr;
}

// A positive integer no larger than `max` (core/model/model_limits.h: the engine's own limits, so an
// imported file is one the engine accepts).
Result<uint64_t> positiveInt(const Json* v, const char* what, uint64_t max, bool required = true) {
    if (!v) {
        if (required) return fail(std::string("config.json has no ") + what);
        return uint64_t(0);
    }
    if (!v->isInteger() || v->toInt() <= 0) return fail(std::string("config.json's ") + what + " is not a positive integer");
    if (static_cast<uint64_t>(v->toInt()) > max)
        return fail(std::string("config.json's ") + what + " is " + std::to_string(v->toInt()) + ", more than the " +
                    std::to_string(max) + " QuantDesk accepts");
    return static_cast<uint64_t>(v->toInt());
}

// A finite float > 0 when present (rope_theta, rms_norm_eps, scaling factors), else `fallback`.
Result<double> positiveNumber(const Json& parent, const char* key, double fallback, const char* where = "config.json") {
    const Json* v = parent.find(key);
    if (!v || v->isNull()) return fallback;
    const double d = v->isNumber() ? v->toDouble() : std::nan("");
    const float f = static_cast<float>(d);
    if (!std::isfinite(f) || !(f > 0.0f))
        return fail(std::string(where) + "'s " + key + " must be a positive finite number");
    return d;
}

Result<Hparams> readHparams(const Json& c, HfFamily family) {
    Hparams h;
    auto get = [&](std::initializer_list<const char*> keys, const char* what, uint64_t max, uint64_t& out) -> Status {
        auto v = positiveInt(findHparam(c, keys), what, max);
        if (!v) return v.error();
        out = *v;
        return {};
    };
    if (auto s = get({"n_layers", "num_hidden_layers", "n_layer", "num_layers"}, "num_hidden_layers", limits::kMaxLayers, h.nLayer); !s)
        return s.error();
    if (auto s = get({"hidden_size", "n_embd", "n_embed"}, "hidden_size", limits::kMaxEmbedding, h.nEmbd); !s) return s.error();
    if (auto s = get({"num_attention_heads", "n_head"}, "num_attention_heads", limits::kMaxHeads, h.nHead); !s) return s.error();
    if (auto s = get(isChatGlmConverter(family) ? std::initializer_list<const char*>{"padded_vocab_size", "vocab_size"}
                                                 : std::initializer_list<const char*>{"vocab_size"},
                     "vocab_size", limits::kMaxVocabulary, h.nVocab);
        !s)
        return s.error();
    // The FFN width and KV heads as each of llama.cpp's converters reads them.
    const uint64_t fourTimes = 4 * h.nEmbd;  // bounded: nEmbd <= kMaxEmbedding
    switch (family) {
    case HfFamily::Llama: {
        if (auto s = get({"intermediate_size", "n_inner"}, "intermediate_size", limits::kMaxFeedForward, h.nFf); !s) return s.error();
        auto kv = positiveInt(c.find("num_key_value_heads"), "num_key_value_heads", limits::kMaxHeads, false);
        if (!kv) return kv.error();
        h.nHeadKv = *kv ? *kv : h.nHead;
        break;
    }
    case HfFamily::Bloom:  // convert_hf_to_gguf.py writes 4 x hidden and one KV head per head
        h.nFf = fourTimes;
        h.nHeadKv = h.nHead;
        break;
    case HfFamily::Falcon: {  // 4 x hidden; num_kv_heads (n_head_kv in the RW configs), else one (multi-query)
        h.nFf = fourTimes;
        auto kv = positiveInt(findHparam(c, {"num_kv_heads", "n_head_kv"}), "num_kv_heads", limits::kMaxHeads, false);
        if (!kv) return kv.error();
        h.nHeadKv = *kv ? *kv : 1;
        break;
    }
    case HfFamily::ChatGlm:
    case HfFamily::Glm: {
        auto ff = positiveInt(findHparam(c, {"ffn_hidden_size", "intermediate_size"}), "ffn_hidden_size",
                              limits::kMaxFeedForward, false);
        if (!ff) return ff.error();
        h.nFf = *ff ? *ff : fourTimes;
        auto kv = positiveInt(findHparam(c, {"multi_query_group_num", "num_key_value_heads"}), "multi_query_group_num",
                              limits::kMaxHeads, false);
        if (!kv) return kv.error();
        h.nHeadKv = *kv ? *kv : h.nHead;
        break;
    }
    }
    if (h.nFf > limits::kMaxFeedForward) return fail("config.json's FFN width is more than QuantDesk accepts");
    auto hd = positiveInt(family == HfFamily::Llama ? c.find("head_dim") : nullptr, "head_dim", limits::kMaxHeadDim, false);
    if (!hd) return hd.error();
    h.hasHeadDim = *hd != 0;
    if (h.hasHeadDim) {
        h.headDim = *hd;
    } else {
        if (h.nEmbd % h.nHead) return fail("hidden_size is not a multiple of num_attention_heads in config.json");
        h.headDim = h.nEmbd / h.nHead;
    }
    if (h.nHead % h.nHeadKv) return fail("num_attention_heads is not a multiple of the KV head count in config.json");
    if (h.headDim % 2) return fail("the attention head size is odd; rotary embeddings need an even size");
    if (h.headDim > limits::kMaxHeadDim || h.nHead * h.headDim > limits::kMaxHeadsTimesDim)
        return fail("config.json's " + std::to_string(h.nHead) + " heads of " + std::to_string(h.headDim) +
                    " dimensions are more than QuantDesk accepts");
    for (const char* key : {"rope_theta", "rms_norm_eps", "layer_norm_epsilon", "layer_norm_eps", "layernorm_epsilon"})
        if (auto v = positiveNumber(c, key, 1.0); !v) return v.error();
    if (c.contains("num_local_experts")) return fail("mixture-of-experts checkpoints are not supported by the importer");
    return h;
}

uint64_t dimValue(HfDim d, const Hparams& h) {
    switch (d) {
        case HfDim::Vocab: return h.nVocab;
        case HfDim::Embd: return h.nEmbd;
        case HfDim::Ffn: return h.nFf;
        case HfDim::Ffn2: return 2 * h.nFf;
        case HfDim::QDim: return h.nHead * h.headDim;
        case HfDim::KvDim: return h.nHeadKv * h.headDim;
        case HfDim::QkvDim: return (h.nHead + 2 * h.nHeadKv) * h.headDim;
        case HfDim::None: return 0;
    }
    return 0;
}

std::string shapeText(const std::vector<uint64_t>& s) {
    std::string out = "[";
    for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "]";
}

// A checkpoint tensor matched to its rule.
struct Mapped {
    const HfTensorRule* rule = nullptr;
    int block = -1;
    bool bias = false;
};

std::optional<Mapped> mapName(const std::string& name, HfFamily family) {
    Mapped m;
    std::string base = name;
    if (base.size() > 7 && base.compare(base.size() - 7, 7, ".weight") == 0) base.resize(base.size() - 7);
    else if (base.size() > 5 && base.compare(base.size() - 5, 5, ".bias") == 0) {
        base.resize(base.size() - 5);
        m.bias = true;
    } else {
        return std::nullopt;
    }
    const HfNaming& naming = hfNaming(family);
    if (!naming.strip.empty() && base.starts_with(naming.strip)) base = base.substr(naming.strip.size());
    const std::string blockPrefix(naming.block);
    bool inBlock = false;
    if (base.compare(0, blockPrefix.size(), blockPrefix) == 0) {
        size_t p = blockPrefix.size(), q = p;
        while (q < base.size() && std::isdigit(static_cast<unsigned char>(base[q]))) ++q;
        if (q == p || q >= base.size() || base[q] != '.' || q - p > 6) return std::nullopt;
        m.block = std::stoi(base.substr(p, q - p));
        base = base.substr(q + 1);
        inBlock = true;
    }
    for (const auto& r : hfTensorRules()) {
        if (r.family == family && isBlockRole(r.role) == inBlock && r.hf == base) {
            if (m.bias && r.cols == HfDim::None && (family == HfFamily::Llama || family == HfFamily::Glm))
                return std::nullopt;  // RMS norms have no bias
            m.rule = &r;
            return m;
        }
    }
    return std::nullopt;
}

// BLOOM's fused QKV holds, per head, its q, k and v rows ([head][3][headDim]); llama.cpp stores all q
// rows, then all k, then all v. GGUF row r -> checkpoint row.
uint64_t bloomQkvSource(uint64_t r, uint64_t nHead, uint64_t headDim) {
    const uint64_t width = nHead * headDim, part = r / width, within = r % width;
    return (within / headDim) * 3 * headDim + part * headDim + within % headDim;
}

// Falcon's fused QKV holds, per KV group, the group's query heads, then its key and its value head
// ([group][nHead / nHeadKv + 2][headDim]); llama.cpp reorders to all q, all k, all v. With one KV head
// (the 7B layout) the order is already that.
uint64_t falconQkvSource(uint64_t r, uint64_t nHead, uint64_t nHeadKv, uint64_t headDim) {
    const uint64_t g = nHead / nHeadKv, q = nHead * headDim, kv = nHeadKv * headDim, i = r % headDim;
    if (r < q) {
        const uint64_t head = r / headDim;
        return ((head / g) * (g + 2) + head % g) * headDim + i;
    }
    const bool key = r < q + kv;
    const uint64_t kvh = (r - (key ? q : q + kv)) / headDim;
    return (kvh * (g + 2) + g + (key ? 0 : 1)) * headDim + i;
}

// Source row (or element, for a 1-D bias) that lands at GGUF row `r`, for llama.cpp's q/k permutation:
// HF orders each head's rows as [first halves of the rotary pairs | second halves]; GGUF interleaves
// them, so GGUF row (h, i, j) = HF row (h, j, i) with h the head, i < headDim/2 and j in {0, 1}.
uint64_t permutedSource(uint64_t r, uint64_t headDim) {
    const uint64_t h = r / headDim, w = r % headDim, half = headDim / 2;
    return h * headDim + (w % 2) * half + w / 2;
}

// llama.cpp's rope_freqs for Llama 3.1-style scaling (one factor per rotary pair). The frequencies and
// wavelengths are float32 as in the converter's torch code; the smoothing is done in double, so a
// smoothed factor may differ from llama.cpp's in the last bit (not checked against a real Llama 3.1).
Result<std::vector<float>> llama3RopeFactors(const Json& config, const Json& scaling, const Hparams& h) {
    const float base = static_cast<float>(config["rope_theta"].toDouble(10000.0));
    const uint64_t dim = h.headDim;  // bounded by readHparams()
    double values[4];
    const std::pair<const char*, double> keys[] = {
        {"factor", 8.0}, {"low_freq_factor", 1.0}, {"high_freq_factor", 4.0}, {"original_max_position_embeddings", 8192.0}};
    for (size_t i = 0; i < 4; ++i) {
        auto v = positiveNumber(scaling, keys[i].first, keys[i].second, "rope_scaling");
        if (!v) return v.error();
        values[i] = *v;
    }
    const double factor = values[0], lowFreqFactor = values[1], highFreqFactor = values[2], oldContext = values[3];
    if (!(highFreqFactor > lowFreqFactor)) return fail("rope_scaling's high_freq_factor must be larger than its low_freq_factor");
    const double lowWavelen = oldContext / lowFreqFactor;
    const double highWavelen = oldContext / highFreqFactor;
    std::vector<float> out;
    for (uint64_t i = 0; i < dim; i += 2) {
        const float freq = 1.0f / std::pow(base, static_cast<float>(i) / static_cast<float>(dim));
        const float wavelen = static_cast<float>(2.0 * std::numbers::pi) / freq;
        if (wavelen < highWavelen) out.push_back(1.0f);
        else if (wavelen > lowWavelen) out.push_back(static_cast<float>(factor));
        else {
            const double smooth = (oldContext / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
            out.push_back(static_cast<float>(1.0 / ((1.0 - smooth) / factor + smooth)));
        }
    }
    return out;
}

// Metadata of the Llama family (Llama, Mistral, Qwen2), in convert_hf_to_gguf.py's order up to the
// tokenizer.
Status llamaHparams(std::vector<GgufKeyValue>& md, const std::string& a, const Json& config, const Hparams& h,
                    const HfArchitecture& arch) {
    md.push_back({a + ".block_count", GgufValue::uint32(static_cast<uint32_t>(h.nLayer))});
    if (const Json* ctx = findHparam(config, {"max_position_embeddings", "n_ctx"})) {
        auto v = positiveInt(ctx, "max_position_embeddings", limits::kMaxContext);
        if (!v) return v.error();
        md.push_back({a + ".context_length", GgufValue::uint32(static_cast<uint32_t>(*v))});
    }
    md.push_back({a + ".embedding_length", GgufValue::uint32(static_cast<uint32_t>(h.nEmbd))});
    md.push_back({a + ".feed_forward_length", GgufValue::uint32(static_cast<uint32_t>(h.nFf))});
    md.push_back({a + ".attention.head_count", GgufValue::uint32(static_cast<uint32_t>(h.nHead))});
    if (config.contains("num_key_value_heads"))
        md.push_back({a + ".attention.head_count_kv", GgufValue::uint32(static_cast<uint32_t>(h.nHeadKv))});
    if (config["rope_theta"].isNumber())
        md.push_back({a + ".rope.freq_base", GgufValue::float32(static_cast<float>(config["rope_theta"].toDouble()))});
    if (config["rms_norm_eps"].isNumber())
        md.push_back({a + ".attention.layer_norm_rms_epsilon",
                      GgufValue::float32(static_cast<float>(config["rms_norm_eps"].toDouble()))});
    if (const Json* eps = findHparam(config, {"layer_norm_eps", "layer_norm_epsilon", "norm_epsilon"}); eps && eps->isNumber())
        md.push_back({a + ".attention.layer_norm_epsilon", GgufValue::float32(static_cast<float>(eps->toDouble()))});
    if (h.hasHeadDim) {
        md.push_back({a + ".attention.key_length", GgufValue::uint32(static_cast<uint32_t>(h.headDim))});
        md.push_back({a + ".attention.value_length", GgufValue::uint32(static_cast<uint32_t>(h.headDim))});
    }
    md.push_back({"general.file_type", GgufValue::uint32(0)});  // set to the output type when written
    if (arch.writesVocabAndRopeDims) {
        md.push_back({a + ".vocab_size", GgufValue::uint32(static_cast<uint32_t>(h.nVocab))});
        md.push_back({a + ".rope.dimension_count", GgufValue::uint32(static_cast<uint32_t>(h.headDim))});
    }
    const Json& ropeScaling = config["rope_scaling"];
    if (ropeScaling.isObject() && ropeScaling["factor"].isNumber()) {
        // Recent configs name the kind "rope_type", older ones "type".
        const std::string kind = ropeScaling["type"].isString() ? ropeScaling["type"].toString() : ropeScaling["rope_type"].toString();
        auto checkedFactor = positiveNumber(ropeScaling, "factor", 1.0, "rope_scaling");
        if (!checkedFactor) return checkedFactor.error();
        const float factor = static_cast<float>(*checkedFactor);
        if (arch.ropeScaling == RopeScalingStyle::Linear && kind == "linear") {
            md.push_back({a + ".rope.scaling.type", GgufValue::string("linear")});
            md.push_back({a + ".rope.scaling.factor", GgufValue::float32(factor)});
        } else if (arch.ropeScaling == RopeScalingStyle::Yarn && kind == "yarn") {
            md.push_back({a + ".rope.scaling.type", GgufValue::string("yarn")});
            md.push_back({a + ".rope.scaling.factor", GgufValue::float32(factor)});
            auto orig = positiveInt(ropeScaling.find("original_max_position_embeddings"),
                                    "rope_scaling.original_max_position_embeddings", limits::kMaxContext);
            if (!orig) return orig.error();
            md.push_back({a + ".rope.scaling.original_context_length", GgufValue::uint32(static_cast<uint32_t>(*orig))});
        }
    }
    return {};
}

// A LayerNorm epsilon the converter requires (BLOOM, Falcon: config["layer_norm_epsilon"]).
Result<float> requiredEps(const Json& config, const char* key) {
    const Json* eps = config.find(key);
    if (!eps || !eps->isNumber()) return fail(std::string("config.json has no ") + key);
    return static_cast<float>(eps->toDouble());
}

// The context as BLOOM's and ChatGLM's converters read it: seq_length, else the width.
Result<uint64_t> seqLength(const Json& config, const Hparams& h) {
    const Json* seq = config.find("seq_length");
    return seq ? positiveInt(seq, "seq_length", limits::kMaxContext) : Result<uint64_t>(h.nEmbd);
}

// embedding_length, feed_forward_length, block_count, head_count, head_count_kv: the order BLOOM's,
// Falcon's and ChatGLM's converters write them in.
void pushShape(std::vector<GgufKeyValue>& md, const std::string& a, const Hparams& h) {
    md.push_back({a + ".embedding_length", GgufValue::uint32(static_cast<uint32_t>(h.nEmbd))});
    md.push_back({a + ".feed_forward_length", GgufValue::uint32(static_cast<uint32_t>(h.nFf))});
    md.push_back({a + ".block_count", GgufValue::uint32(static_cast<uint32_t>(h.nLayer))});
    md.push_back({a + ".attention.head_count", GgufValue::uint32(static_cast<uint32_t>(h.nHead))});
    md.push_back({a + ".attention.head_count_kv", GgufValue::uint32(static_cast<uint32_t>(h.nHeadKv))});
}

// BloomModel.set_gguf_parameters: the context is seq_length (else the width), the FFN 4 x width.
Status bloomHparams(std::vector<GgufKeyValue>& md, const std::string& a, const Json& config, const Hparams& h) {
    auto context = seqLength(config, h);
    if (!context) return context.error();
    auto eps = requiredEps(config, "layer_norm_epsilon");
    if (!eps) return eps.error();
    md.push_back({a + ".context_length", GgufValue::uint32(static_cast<uint32_t>(*context))});
    pushShape(md, a, h);
    md.push_back({a + ".attention.layer_norm_epsilon", GgufValue::float32(*eps)});
    md.push_back({"general.file_type", GgufValue::uint32(0)});
    return {};
}

// FalconModel.set_gguf_parameters: a fixed context of 2048 (config.json does not say), the "jploski"
// QKV layout marker, the FFN 4 x width.
Status falconHparams(std::vector<GgufKeyValue>& md, const std::string& a, const Json& config, const Hparams& h) {
    auto eps = requiredEps(config, "layer_norm_epsilon");
    if (!eps) return eps.error();
    md.push_back({a + ".context_length", GgufValue::uint32(2048)});
    md.push_back({a + ".tensor_data_layout", GgufValue::string("jploski")});
    pushShape(md, a, h);
    md.push_back({a + ".attention.layer_norm_epsilon", GgufValue::float32(*eps)});
    md.push_back({"general.file_type", GgufValue::uint32(0)});
    return {};
}

// ChatGLMModel.set_gguf_parameters: rotary on half of each head (partial_rotary_factor, default 0.5),
// no BOS, the rotary base 10000 x rope_ratio.
Status chatGlmHparams(std::vector<GgufKeyValue>& md, const std::string& a, const Json& config, const Hparams& h) {
    auto context = seqLength(config, h);
    if (!context) return context.error();
    auto eps = positiveNumber(config, "layernorm_epsilon", 1e-5);
    if (!eps) return eps.error();
    auto partial = positiveNumber(config, "partial_rotary_factor", 0.5);
    if (!partial) return partial.error();
    auto ratio = positiveNumber(config, "rope_ratio", 1.0);
    if (!ratio) return ratio.error();
    uint64_t ropeBase = h.headDim;
    if (const Json* dim = config.find("attention_dim")) {
        auto v = positiveInt(dim, "attention_dim", limits::kMaxHeadDim);
        if (!v) return v.error();
        ropeBase = *v;
    }
    const uint64_t ropeDim = static_cast<uint64_t>(static_cast<double>(ropeBase) * *partial);
    if (ropeDim == 0 || ropeDim > h.headDim || ropeDim % 2)
        return fail("config.json's partial_rotary_factor gives " + std::to_string(ropeDim) +
                    " rotated dimensions, which does not fit heads of " + std::to_string(h.headDim));
    md.push_back({a + ".context_length", GgufValue::uint32(static_cast<uint32_t>(*context))});
    pushShape(md, a, h);
    md.push_back({a + ".attention.layer_norm_rms_epsilon", GgufValue::float32(static_cast<float>(*eps))});
    md.push_back({"general.file_type", GgufValue::uint32(0)});
    md.push_back({a + ".rope.dimension_count", GgufValue::uint32(static_cast<uint32_t>(ropeDim))});
    md.push_back({"tokenizer.ggml.add_bos_token", GgufValue::boolean(false)});
    md.push_back({a + ".rope.freq_base", GgufValue::float32(static_cast<float>(10000.0 * *ratio))});
    return {};
}

// Which vocabulary a ChatGLM-layout folder has: a tokenizer.json (GLM-4 and byte-level BPE models), or
// ChatGLM3-6B's SentencePiece tokenizer.model. llama.cpp's converter takes the second only when
// config.json's _name_or_path is THUDM/chatglm3-6b; a fine-tune saved under another name is recognised
// by the tokenizer code it ships (ChatGLM3's numbers the role tokens <|system|> ... <|observation|> after
// the pieces) and written the same way. ChatGLM2-6B's tokenizer.model, without role tokens, is refused:
// llama.cpp's converter cannot convert it either.
enum class ChatGlmVocab { TokenizerJson, ChatGlm3SentencePiece };

Result<ChatGlmVocab> chatGlmVocab(const std::filesystem::path& folder, const Json& config) {
    if (config["_name_or_path"].toString().find("THUDM/chatglm3-6b") != std::string::npos)
        return ChatGlmVocab::ChatGlm3SentencePiece;
    std::error_code ec;
    if (std::filesystem::is_regular_file(folder / "tokenizer.json", ec) ||
        !std::filesystem::is_regular_file(folder / "tokenizer.model", ec))
        return ChatGlmVocab::TokenizerJson;
    if (std::filesystem::is_regular_file(folder / "tokenization_chatglm.py", ec)) {
        auto code = readTextFile(folder / "tokenization_chatglm.py", 4u << 20);
        if (!code) return code.error();
        if (code->find("<|observation|>") != std::string::npos) return ChatGlmVocab::ChatGlm3SentencePiece;
    }
    return fail("this ChatGLM checkpoint has a SentencePiece tokenizer.model without ChatGLM3's role tokens "
                "(ChatGLM2-6B's vocabulary); llama.cpp's converter does not convert it and neither does "
                "QuantDesk. ChatGLM3-6B, GLM-4 and checkpoints of this layout with a tokenizer.json import");
}

}  // namespace

Result<LoadedImport> planHfImport(const std::filesystem::path& folderIn, const std::filesystem::path& deltaBase) {
    const std::filesystem::path folder = folderIn;
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) return fail(folder.string() + " is not a folder");
    if (!std::filesystem::is_regular_file(folder / "config.json", ec))
        return fail("config.json is missing from " + folder.string() + "; is this a Hugging Face checkpoint folder?");
    auto configRead = readJsonFile(folder / "config.json");
    if (!configRead) return configRead.error();
    const Json& config = *configRead;
    const std::string hfClass = config["architectures"][0].toString();
    const HfArchitecture* arch = findHfArchitecture(hfClass);
    if (!arch) {
        std::string supported;
        for (const auto& a : hfArchitectureTable()) supported += (supported.empty() ? "" : ", ") + std::string(a.hfClass);
        return fail("unsupported architecture '" + (hfClass.empty() ? std::string("(none given)") : hfClass) +
                    "' in config.json; the importer converts " + supported);
    }
    const HfFamily family = arch->family;
    if (isChatGlmConverter(family))
        if (auto v = chatGlmVocab(folder, config); !v) return v.error();  // refused before any work starts
    auto hp = readHparams(config, family);
    if (!hp) return hp.error();
    const Hparams h = *hp;

    auto setRead = SafetensorsSet::openFolder(folder);
    if (!setRead) return setRead.error();
    auto set = std::make_shared<SafetensorsSet>(std::move(setRead.value()));
    // Delta weights (Chimera, Vicuna v0 and other LLaMA fine-tunes published as differences): the
    // folder is the delta (its config and tokenizer are the fine-tune's), and every tensor is added to
    // the base checkpoint's tensor of the same name.
    std::shared_ptr<SafetensorsSet> base;
    if (!deltaBase.empty()) {
        if (!std::filesystem::is_directory(deltaBase, ec)) return fail("the base model " + deltaBase.string() + " is not a folder");
        auto baseRead = SafetensorsSet::openFolder(deltaBase);
        if (!baseRead) return fail("the base model: " + baseRead.message());
        base = std::make_shared<SafetensorsSet>(std::move(baseRead.value()));
    }

    LoadedImport result;
    result.keepAlive = base ? std::shared_ptr<const void>(std::make_shared<std::pair<std::shared_ptr<SafetensorsSet>, std::shared_ptr<SafetensorsSet>>>(set, base))
                            : std::shared_ptr<const void>(set);
    result.architecture = std::string(arch->ggufArch);
    std::vector<ImportTensor>& tensors = result.plan.tensors;

    const Json& ropeScaling = config["rope_scaling"];
    if (ropeScaling.isObject() && ropeScaling["rope_type"].toString() == "llama3" && arch->ggufArch == "llama") {
        ImportTensor t;
        t.name = "rope_freqs.weight";
        auto computed = llama3RopeFactors(config, ropeScaling, h);
        if (!computed) return computed.error();
        auto factors = std::make_shared<std::vector<float>>(std::move(computed.value()));
        t.dims = {factors->size()};
        t.readRows = [factors](uint64_t, uint64_t, float* dst) { std::copy(factors->begin(), factors->end(), dst); };
        tensors.push_back(std::move(t));
    }

    bool hasLmHead = false;
    for (const StTensor& st : set->tensors()) hasLmHead = hasLmHead || st.name == "lm_head.weight" || st.name == "output.weight";

    std::set<std::string> present;
    for (const StTensor& st : set->tensors()) {
        const std::string& name = st.name;
        if (name.ends_with(".rotary_emb.inv_freq") || name.ends_with(".rotary_pos_emb.inv_freq") ||
            name.ends_with(".attention.masked_bias") || name.ends_with(".attention.bias"))
            continue;  // buffers the converter drops too
        auto m = mapName(name, family);
        if (!m) return fail("cannot map tensor " + name + " of the checkpoint to a GGUF tensor for " + hfClass);
        if (m->block >= 0 && static_cast<uint64_t>(m->block) >= h.nLayer)
            return fail("tensor " + name + " belongs to block " + std::to_string(m->block) + " but config.json has " +
                        std::to_string(h.nLayer) + " layers");
        std::vector<uint64_t> expected{dimValue(m->rule->rows, h)};
        if (m->rule->cols != HfDim::None && !m->bias) expected.push_back(dimValue(m->rule->cols, h));
        if (st.shape != expected)
            return fail("tensor " + name + " has shape " + shapeText(st.shape) + " but config.json implies " +
                        shapeText(expected));
        ImportTensor t;
        t.name = ggufTensorName(m->rule->role, m->block, m->bias);
        if (!present.insert(t.name).second) return fail("two checkpoint tensors map to " + t.name);
        t.dims.assign(st.shape.rbegin(), st.shape.rend());
        const StTensor* src = &st;
        // GGUF row -> checkpoint row, for the converters that reorder rows (none: identity).
        std::function<uint64_t(uint64_t)> source;
        const RowPermute permute = m->rule->permute;
        if (arch->permuteQK && (permute == RowPermute::Query || permute == RowPermute::Key)) {
            const uint64_t heads = permute == RowPermute::Query ? h.nHead : h.nHeadKv;
            const uint64_t headDim = st.shape[0] / heads;
            source = [headDim](uint64_t r) { return permutedSource(r, headDim); };
        } else if (permute == RowPermute::BloomQkv) {
            source = [nHead = h.nHead, hd = h.headDim](uint64_t r) { return bloomQkvSource(r, nHead, hd); };
        } else if (permute == RowPermute::FalconQkv && h.nHeadKv > 1) {
            source = [nHead = h.nHead, nKv = h.nHeadKv, hd = h.headDim](uint64_t r) {
                return falconQkvSource(r, nHead, nKv, hd);
            };
        }
        // Reads rows of `from`'s tensor `st` (its own row order mapped through `source`).
        auto reader = [source](std::shared_ptr<SafetensorsSet> from, const StTensor* st, bool isBias)
            -> std::function<void(uint64_t, uint64_t, float*)> {
            if (!source)
                // Rows are read once, in order: each chunk's pages can go as soon as it is converted.
                return [from, st](uint64_t first, uint64_t n, float* dst) {
                    from->readRows(*st, first, n, dst);
                    from->releaseRows(*st, first, n);
                };
            if (!isBias) {
                const uint64_t len = st->rowLength();
                return [from, st, source, len](uint64_t first, uint64_t n, float* dst) {
                    for (uint64_t k = 0; k < n; ++k) from->readRows(*st, source(first + k), 1, dst + k * len);
                };
            }
            const uint64_t len = st->shape[0];
            return [from, st, source, len](uint64_t, uint64_t, float* dst) {
                std::vector<float> raw(len);
                from->readRows(*st, 0, 1, raw.data());
                for (uint64_t r = 0; r < len; ++r) dst[r] = raw[source(r)];
            };
        };
        t.readRows = reader(set, src, m->bias);
        if (base) {
            const StTensor* b = base->find(name);
            if (!b) return fail("the base model has no tensor " + name + ", which the delta changes");
            // The publishers' apply-delta scripts grow the base's vocabulary to the delta's with rows
            // of zeros (Vicuna's and Chimera's delta add a padding token): rows past the base's are
            // the delta's as they are. Every other difference is a different model.
            const bool vocabulary = m->rule->role == TensorRole::TokenEmbd || m->rule->role == TensorRole::Output;
            const bool sameShape = b->shape == st.shape;
            const bool grown = vocabulary && !m->bias && b->shape.size() == 2 && st.shape.size() == 2 &&
                               b->shape[1] == st.shape[1] && b->shape[0] < st.shape[0];
            if (!sameShape && !grown)
                return fail("tensor " + name + " has shape " + shapeText(st.shape) + " in the delta but " + shapeText(b->shape) +
                            " in the base model; the delta is not for this base");
            // A vector (norm, bias) is one row of all its elements.
            const uint64_t baseRows = st.shape.size() < 2 ? 1 : b->shape[0];
            const uint64_t len = st.rowLength();
            auto deltaRows = t.readRows;
            auto baseReader = reader(base, b, m->bias);
            t.readRows = [deltaRows, baseReader, baseRows, len](uint64_t first, uint64_t n, float* dst) {
                deltaRows(first, n, dst);
                if (first >= baseRows) return;
                const uint64_t m2 = std::min(n, baseRows - first);
                std::vector<float> add(m2 * len);
                baseReader(first, m2, add.data());
                for (uint64_t i = 0; i < m2 * len; ++i) dst[i] += add[i];
            };
        }
        t.release = [set, src, base, name] {
            set->release(*src);
            if (base)
                if (const StTensor* b = base->find(name)) base->release(*b);
        };
        const bool duplicateOutput = family == HfFamily::Bloom && m->rule->role == TensorRole::TokenEmbd && !hasLmHead;
        const ImportTensor embedding = duplicateOutput ? t : ImportTensor{};
        tensors.push_back(std::move(t));
        if (duplicateOutput) {
            // BloomModel.modify_tensors writes the embedding a second time as output.weight (llama.cpp's
            // BLOOM files carry both), right after it.
            ImportTensor out = embedding;
            out.name = ggufTensorName(TensorRole::Output);
            // Read again without dropping pages (the same closure as the embedding's, minus the release).
            out.readRows = base ? embedding.readRows
                                : std::function<void(uint64_t, uint64_t, float*)>(
                                      [set, src](uint64_t first, uint64_t n, float* dst) { set->readRows(*src, first, n, dst); });
            tensors.back().release = nullptr;  // the output copy reads the same pages later
            tensors.push_back(std::move(out));
            present.insert(ggufTensorName(TensorRole::Output));
        }
    }
    for (const auto& rule : hfTensorRules()) {
        if (rule.family != family) continue;
        const bool inBlock = isBlockRole(rule.role);
        const std::string hfPrefix(hfNaming(family).strip);
        const int blocks = inBlock ? static_cast<int>(h.nLayer) : 1;
        for (int b = 0; b < blocks; ++b) {
            const std::string where =
                hfPrefix + (inBlock ? std::string(hfNaming(family).block) + std::to_string(b) + "." : std::string()) +
                std::string(rule.hf);
            if (rule.required && !present.count(ggufTensorName(rule.role, inBlock ? b : -1)))
                return fail("the checkpoint has no " + where + ".weight tensor");
            if (arch->requiresAttentionBias && rule.biasIsAttention && !present.count(ggufTensorName(rule.role, b, true)))
                return fail(std::string(hfClass) + " needs attention biases but the checkpoint has no " + where + ".bias");
        }
    }
    if (family == HfFamily::Falcon)
        for (uint64_t b = 0; b < h.nLayer; ++b)
            if (!present.count(ggufTensorName(TensorRole::AttnNorm, static_cast<int>(b))))
                return fail("the checkpoint has no transformer.h." + std::to_string(b) +
                            ".input_layernorm (or ln_mlp) weight");

    // Metadata, in convert_hf_to_gguf.py's order.
    auto& md = result.plan.metadata;
    const std::string a(arch->ggufArch);
    md.push_back({"general.architecture", GgufValue::string(a)});
    md.push_back({"general.type", GgufValue::string("model")});
    std::string folderName = folder.filename().string();
    if (folderName.empty()) folderName = folder.parent_path().filename().string();
    if (base) {
        // "chimera-inst-chat-7b-delta" names the difference, not the model it makes.
        for (const char* suffix : {"-delta", "_delta", ".delta", "-Delta", "_Delta"})
            if (folderName.size() > std::strlen(suffix) && folderName.ends_with(suffix)) folderName.resize(folderName.size() - std::strlen(suffix));
    }
    const GeneralNaming naming = generalNaming(config["_name_or_path"].toString(), folderName, planParameterCount(tensors));
    appendGeneralNaming(md, naming);

    Status hs;
    switch (family) {
    case HfFamily::Llama: hs = llamaHparams(md, a, config, h, *arch); break;
    case HfFamily::Bloom: hs = bloomHparams(md, a, config, h); break;
    case HfFamily::Falcon: hs = falconHparams(md, a, config, h); break;
    case HfFamily::ChatGlm:
    case HfFamily::Glm: hs = chatGlmHparams(md, a, config, h); break;
    }
    if (!hs) return hs.error();

    // ChatGLM's converter names its end-of-text and end-of-turn tokens itself.
    static constexpr ExtraSpecialToken kChatGlmSpecials[] = {
        {"eos", "<|endoftext|>"}, {"eot", "<|user|>"}, {"unk", "<|endoftext|>"}};
    bool chatGlm3 = false;
    if (isChatGlmConverter(family)) {
        auto v = chatGlmVocab(folder, config);
        if (!v) return v.error();
        chatGlm3 = *v == ChatGlmVocab::ChatGlm3SentencePiece;
    }
    auto vocab = chatGlm3 ? importChatGlm3Vocab(folder, config)
                          : importHfVocab(folder, config,
                                          isChatGlmConverter(family) ? std::span<const ExtraSpecialToken>(kChatGlmSpecials)
                                                                      : std::span<const ExtraSpecialToken>());
    if (!vocab) return vocab.error();
    for (auto& kv : vocab->metadata) {
        // GLM-4's tokenizer splits with Llama 3's expression; llama.cpp's converter names it chatglm-bpe
        // (which, unlike llama-bpe, adds no BOS).
        if (isChatGlmConverter(family) && kv.key == "tokenizer.ggml.pre" && kv.value.toString() &&
            *kv.value.toString() == "llama-bpe")
            kv.value = GgufValue::string("chatglm-bpe");
        md.push_back(std::move(kv));
    }
    if (arch->writesVocabAndRopeDims) {
        // Llama-family extras of llama.cpp's converter: CodeLlama's end-of-infill token, the
        // tokenizer's add_prefix_space, and Granite-sized vocabularies that add no BOS.
        if (h.nVocab == 32016 && vocab->tokenCount > 32010)
            md.push_back({"tokenizer.ggml.eot_token_id", GgufValue::uint32(32010)});
        std::error_code e2;
        if (std::filesystem::is_regular_file(folder / "tokenizer_config.json", e2)) {
            auto tc = readJsonFile(folder / "tokenizer_config.json");
            if (!tc) return tc.error();
            if ((*tc)["add_prefix_space"].isBool())
                md.push_back({"tokenizer.ggml.add_space_prefix", GgufValue::boolean((*tc)["add_prefix_space"].toBool())});
        }
        if (h.nVocab == 49152) md.push_back({"tokenizer.ggml.add_bos_token", GgufValue::boolean(false)});
    }
    md.push_back({"general.quantization_version", GgufValue::uint32(kQuantizationVersion)});
    return result;
}

}  // namespace qd
