#include "core/model/model_config.h"

#include <array>
#include <cmath>

#include "core/model/model_limits.h"

namespace qd {

namespace {

// Reads hyperparameters from the metadata, each once: a key that is present must have a usable type and
// a value inside its limit, else the whole file is refused with the key's name.
class HparamReader {
public:
    HparamReader(const GgufFile& f, std::string prefix) : m_file(f), m_prefix(std::move(prefix)) {}

    // An integer key in [1, max]; `fallback` when absent (0: the key is required).
    Result<int> count(const char* suffix, uint64_t max, uint64_t fallback = 0) const {
        const std::string key = m_prefix + suffix;
        const GgufValue* v = m_file.find(key);
        if (!v) {
            if (fallback == 0) return fail(ErrorKind::BadInput, "the model lacks " + key);
            return static_cast<int>(fallback);
        }
        const auto u = v->toUInt();
        if (!u) return fail(ErrorKind::BadInput, key + " is not a non-negative integer");
        if (*u == 0 || *u > max)
            return fail(ErrorKind::BadInput, key + " is " + std::to_string(*u) + ", outside the range 1.." +
                                                 std::to_string(max) + " that QuantDesk accepts");
        return static_cast<int>(*u);
    }

    // A finite float key that must be > 0 (and < maxExclusive when given); `fallback` when absent.
    Result<float> positive(const char* suffix, double fallback, double maxExclusive = 0.0) const {
        const std::string key = m_prefix + suffix;
        const GgufValue* v = m_file.find(key);
        if (!v) return static_cast<float>(fallback);
        const auto d = v->toDouble();
        if (!d) return fail(ErrorKind::BadInput, key + " is not a number");
        const float f = static_cast<float>(*d);  // the engine computes in float: a value must survive that
        if (!std::isfinite(f) || !(f > 0.0f) || (maxExclusive > 0.0 && !(f < maxExclusive)))
            return fail(ErrorKind::BadInput, key + " is " + std::to_string(*d) + "; it must be a positive finite number" +
                                                 (maxExclusive > 0.0 ? " below " + std::to_string(maxExclusive) : std::string()));
        return f;
    }

    const std::string& prefix() const { return m_prefix; }

private:
    const GgufFile& m_file;
    std::string m_prefix;
};

}  // namespace

Result<ModelConfig> loadModelConfig(const GgufFile& f) {
    ModelConfig c;
    auto arch = f.getString("general.architecture");
    if (!arch) return fail(ErrorKind::Unsupported, "the file has no general.architecture, so it is not a model QuantDesk can run");
    c.architecture = *arch;
    c.arch = findArchitecture(c.architecture);
    if (!c.arch)
        return fail(ErrorKind::Unsupported, "architecture '" + c.architecture + "' is not supported yet (QuantDesk runs " +
                                                supportedArchitectures() + ")");
    c.ropeLayout = c.arch->rope;

    const HparamReader r(f, c.architecture + ".");
    const std::string& a = r.prefix();
    struct Field {
        const char* suffix;
        int* out;
        uint64_t max;
    };
    for (const Field& k : {Field{"block_count", &c.nLayers, limits::kMaxLayers},
                           Field{"embedding_length", &c.nEmbd, limits::kMaxEmbedding},
                           Field{"feed_forward_length", &c.nFf, limits::kMaxFeedForward},
                           Field{"attention.head_count", &c.nHead, limits::kMaxHeads}}) {
        auto v = r.count(k.suffix, k.max);
        if (!v) return v.error();
        *k.out = *v;
    }
    auto headKv = r.count("attention.head_count_kv", limits::kMaxHeads, static_cast<uint64_t>(c.nHead));
    if (!headKv) return headKv.error();
    c.nHeadKv = *headKv;
    if (c.nHead % c.nHeadKv != 0)
        return fail(ErrorKind::BadInput, "the head count " + std::to_string(c.nHead) +
                                             " is not a multiple of the KV head count " + std::to_string(c.nHeadKv));

    const bool hasKeyLength = f.find(a + "attention.key_length") != nullptr;
    if (!hasKeyLength && c.nEmbd % c.nHead != 0)
        return fail(ErrorKind::BadInput, a + "embedding_length " + std::to_string(c.nEmbd) +
                                             " is not a multiple of the head count and " + a +
                                             "attention.key_length is missing");
    auto headDim = r.count("attention.key_length", limits::kMaxHeadDim, static_cast<uint64_t>(c.nEmbd / c.nHead));
    if (!headDim) return headDim.error();
    c.headDim = *headDim;
    if (c.headDim % 2 != 0) return fail(ErrorKind::BadInput, "the head dimension " + std::to_string(c.headDim) + " must be even");
    auto valueDim = r.count("attention.value_length", limits::kMaxHeadDim, static_cast<uint64_t>(c.headDim));
    if (!valueDim) return valueDim.error();
    if (*valueDim != c.headDim)
        return fail(ErrorKind::Unsupported, a + "attention.value_length " + std::to_string(*valueDim) +
                                                " differs from the key length " + std::to_string(c.headDim) +
                                                "; QuantDesk's engine needs them equal");
    // heads x head size is the attention width: bounded, so every per-token product stays in int.
    if (static_cast<uint64_t>(c.nHead) * static_cast<uint64_t>(c.headDim) > limits::kMaxHeadsTimesDim)
        return fail(ErrorKind::BadInput, std::to_string(c.nHead) + " heads of " + std::to_string(c.headDim) +
                                             " dimensions are wider than the " + std::to_string(limits::kMaxHeadsTimesDim) +
                                             " QuantDesk accepts");
    auto ropeDim = r.count("rope.dimension_count", limits::kMaxHeadDim, static_cast<uint64_t>(c.headDim));
    if (!ropeDim) return ropeDim.error();
    c.ropeDim = *ropeDim;
    if (c.ropeDim > c.headDim || c.ropeDim % 2 != 0)
        return fail(ErrorKind::BadInput, a + "rope.dimension_count " + std::to_string(c.ropeDim) +
                                             " does not fit the head dimension " + std::to_string(c.headDim));

    auto base = r.positive("rope.freq_base", 10000.0);
    if (!base) return base.error();
    c.ropeBase = *base;
    auto eps = r.positive(c.arch->norm == NormKind::Rms ? "attention.layer_norm_rms_epsilon" : "attention.layer_norm_epsilon",
                          1e-5, 1.0);
    if (!eps) return eps.error();
    c.normEps = *eps;
    auto context = r.count("context_length", limits::kMaxContext, 2048);
    if (!context) return context.error();
    c.contextLength = *context;
    if (const GgufValue* experts = f.find(a + "expert_count")) {
        const auto n = experts->toUInt();
        if (!n || *n > limits::kMaxExperts)
            return fail(ErrorKind::BadInput, a + "expert_count is not a count in 0.." + std::to_string(limits::kMaxExperts));
        if (*n > 0) return fail(ErrorKind::Unsupported, "mixture-of-experts models are not supported by the engine yet");
    }

    if (const GgufValue* typeValue = f.find(a + "rope.scaling.type")) {
        if (!typeValue->isString()) return fail(ErrorKind::BadInput, a + "rope.scaling.type is not a string");
        const std::string type = f.getString(a + "rope.scaling.type").value_or("");
        if (type != "none") {
            if (type != "linear")
                return fail(ErrorKind::Unsupported, "RoPE scaling '" + type + "' is not supported yet (only linear)");
            auto factor = r.positive("rope.scaling.factor", 1.0);
            if (!factor) return factor.error();
            c.ropeScale = *factor;
        }
    } else if (f.find(a + "rope.scale_linear")) {
        auto linear = r.positive("rope.scale_linear", 1.0);
        if (!linear) return linear.error();
        c.ropeScale = *linear;
    }

    // Vocabulary: the metadata key, else the token list, else the embedding's row count.
    uint64_t vocab = 0;
    std::string vocabFrom;
    if (const GgufValue* v = f.find(a + "vocab_size")) {
        vocab = v->toUInt().value_or(0);
        vocabFrom = a + "vocab_size";
    } else if (const GgufValue* t = f.find("tokenizer.ggml.tokens"); t && t->isArray()) {
        vocab = t->arraySize();
        vocabFrom = "tokenizer.ggml.tokens";
    } else if (const GgufTensorInfo* e = f.findTensor("token_embd.weight"); e && e->dims.size() == 2) {
        vocab = e->dims[1];
        vocabFrom = "token_embd.weight";
    }
    if (vocabFrom.empty()) return fail(ErrorKind::BadInput, "the model's vocabulary size is unknown");
    if (vocab == 0 || vocab > limits::kMaxVocabulary)
        return fail(ErrorKind::BadInput, "the vocabulary size from " + vocabFrom + " is " + std::to_string(vocab) +
                                             ", outside the range 1.." + std::to_string(limits::kMaxVocabulary));
    c.vocabSize = static_cast<int>(vocab);
    return c;
}

}  // namespace qd
