#include "core/quant/mix_rules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "core/model/architecture.h"

namespace qd {

namespace {

// llama_ftype values of the mixes below (stored on disk as general.file_type: never renumber).
enum MixId : uint32_t {
    kF32 = 0,
    kF16 = 1,
    kQ4_0 = 2,
    kQ4_1 = 3,
    kQ8_0 = 7,
    kQ5_0 = 8,
    kQ5_1 = 9,
    kQ2_K = 10,
    kQ3_K_S = 11,
    kQ3_K_M = 12,
    kQ3_K_L = 13,
    kQ4_K_S = 14,
    kQ4_K_M = 15,
    kQ5_K_S = 16,
    kQ5_K_M = 17,
    kQ6_K = 18,
    kIQ4_NL = 25,
    kIQ4_XS = 30,
    kBF16 = 32,
};

constexpr std::array kMixes = {
    MixInfo{kF32, "F32", GgmlType::F32},        MixInfo{kF16, "F16", GgmlType::F16},
    MixInfo{kBF16, "BF16", GgmlType::BF16},     MixInfo{kQ4_0, "Q4_0", GgmlType::Q4_0},
    MixInfo{kQ4_1, "Q4_1", GgmlType::Q4_1},     MixInfo{kQ5_0, "Q5_0", GgmlType::Q5_0},
    MixInfo{kQ5_1, "Q5_1", GgmlType::Q5_1},     MixInfo{kQ8_0, "Q8_0", GgmlType::Q8_0},
    MixInfo{kQ2_K, "Q2_K", GgmlType::Q2_K},     MixInfo{kQ3_K_S, "Q3_K_S", GgmlType::Q3_K},
    MixInfo{kQ3_K_M, "Q3_K_M", GgmlType::Q3_K}, MixInfo{kQ3_K_L, "Q3_K_L", GgmlType::Q3_K},
    MixInfo{kQ4_K_S, "Q4_K_S", GgmlType::Q4_K}, MixInfo{kQ4_K_M, "Q4_K_M", GgmlType::Q4_K},
    MixInfo{kQ5_K_S, "Q5_K_S", GgmlType::Q5_K}, MixInfo{kQ5_K_M, "Q5_K_M", GgmlType::Q5_K},
    MixInfo{kQ6_K, "Q6_K", GgmlType::Q6_K},     MixInfo{kIQ4_NL, "IQ4_NL", GgmlType::IQ4_NL},
    MixInfo{kIQ4_XS, "IQ4_XS", GgmlType::IQ4_XS},
};

// Short names llama-quantize also accepts for the medium K mixes.
struct MixAlias {
    std::string_view alias;
    uint32_t id;
};
constexpr std::array kMixAliases = {MixAlias{"Q3_K", kQ3_K_M}, MixAlias{"Q4_K", kQ4_K_M}, MixAlias{"Q5_K", kQ5_K_M}};

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

// ---- Which tensors are never quantized -------------------------------------------------------------

enum class Match { Contains, Exact };
struct KeepRule {
    Match match;
    std::string_view text;
    const char* why;
};

// Matrices llama-quantize leaves in their source type although they are 2-D "*weight" tensors.
constexpr std::array kKeepRules = {
    KeepRule{Match::Contains, "_norm.weight", "norm weights are tiny and sensitive"},
    KeepRule{Match::Contains, "ffn_gate_inp.weight", "MoE expert router"},
    KeepRule{Match::Exact, "position_embd.weight", "learned position embeddings"},
    KeepRule{Match::Exact, "token_types.weight", "BERT token-type embeddings"},
    KeepRule{Match::Contains, "ssm_conv1d.weight", "Mamba's small 2-D convolution"},
    KeepRule{Match::Contains, "time_mix_first.weight", "RWKV"},
    KeepRule{Match::Contains, "time_mix_w1.weight", "RWKV"},
    KeepRule{Match::Contains, "time_mix_w2.weight", "RWKV"},
    KeepRule{Match::Contains, "time_mix_decay_w1.weight", "RWKV"},
    KeepRule{Match::Contains, "time_mix_decay_w2.weight", "RWKV"},
    KeepRule{Match::Contains, "time_mix_lerp_fused.weight", "RWKV"},
    KeepRule{Match::Contains, "attn_rel_b.weight", "T5 relative position bias"},
};

// ---- Tensor kinds the mix rules talk about ----------------------------------------------------------

enum class Kind { Output, TokenEmbd, AttnV, AttnK, AttnQ, FfnDown, AttnOutput, AttnQkv, FfnGate, FfnUp, Other };

// A kind is recognised by its role's GGUF name (core/model/architecture.h) anywhere in a tensor name,
// with ".weight" after it or (ffn_*: also the experts' ffn_down_exps) without, in this order (llama.cpp's
// else-if chain).
struct KindPattern {
    TensorRole role;
    bool weightSuffix;
    Kind kind;
};
constexpr std::array kKindPatterns = {
    KindPattern{TensorRole::AttnV, true, Kind::AttnV},           KindPattern{TensorRole::AttnK, true, Kind::AttnK},
    KindPattern{TensorRole::AttnQ, true, Kind::AttnQ},           KindPattern{TensorRole::FfnDown, false, Kind::FfnDown},
    KindPattern{TensorRole::AttnOutput, true, Kind::AttnOutput}, KindPattern{TensorRole::AttnQkv, true, Kind::AttnQkv},
    KindPattern{TensorRole::FfnGate, false, Kind::FfnGate},      KindPattern{TensorRole::FfnUp, false, Kind::FfnUp},
};

// The texts of kKindPatterns, in the same order.
const std::vector<std::string>& kindTexts() {
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> t;
        for (const KindPattern& p : kKindPatterns) t.push_back(std::string(tensorRoleName(p.role)) + (p.weightSuffix ? ".weight" : ""));
        return t;
    }();
    return texts;
}

const std::string& kindText(Kind kind) {
    for (size_t i = 0; i < kKindPatterns.size(); ++i)
        if (kKindPatterns[i].kind == kind) return kindTexts()[i];
    static const std::string none;
    return none;
}

const std::string& outputName() {
    static const std::string name = ggufTensorName(TensorRole::Output);
    return name;
}
const std::string& tokenEmbdName() {
    static const std::string name = ggufTensorName(TensorRole::TokenEmbd);
    return name;
}

// ---- The rules ------------------------------------------------------------------------------------

// What a condition may look at: the model, and the tensor's place among its kind.
struct RuleContext {
    const MixModelInfo& model;
    int index;  // attn_v: how many attn_v came before; ffn_down: the layer
    int count;  // attn_v: attn_v tensors in the model; ffn_down: layers
    bool imatrix = false;  // an importance matrix is given
    bool falcon() const { return model.architecture == "falcon"; }
    bool eightExperts() const { return model.expertCount == 8; }
};

using Condition = bool (*)(const RuleContext&);

// llama.cpp's "use_more_bits": the first and last eighth of the layers and every third one between.
bool moreBits(const RuleContext& c) {
    return c.index < c.count / 8 || c.index >= 7 * c.count / 8 || (c.index - c.count / 8) % 3 == 2;
}
bool always(const RuleContext&) { return true; }
bool gqa4(const RuleContext& c) { return c.model.gqaFactor() >= 4; }
bool firstTwo(const RuleContext& c) { return c.index < 2; }
bool firstFour(const RuleContext& c) { return c.index < 4; }
bool firstEighth(const RuleContext& c) { return c.index < c.count / 8; }
bool firstEighthNoImatrix(const RuleContext& c) { return !c.imatrix && firstEighth(c); }
bool firstEighthWithImatrix(const RuleContext& c) { return c.imatrix && firstEighth(c); }
bool firstSixteenth(const RuleContext& c) { return c.index < c.count / 16; }
bool falcon(const RuleContext& c) { return c.falcon(); }
bool notFalconOrMoreBits(const RuleContext& c) { return !c.falcon() || moreBits(c); }
bool falconFirstSixteenth(const RuleContext& c) { return c.falcon() && firstSixteenth(c); }
bool falconMoreBits(const RuleContext& c) { return c.falcon() && moreBits(c); }
bool notFalconMoreBits(const RuleContext& c) { return !c.falcon() && moreBits(c); }
bool notFalconFirstEighth(const RuleContext& c) { return !c.falcon() && firstEighth(c); }
bool eightExperts(const RuleContext& c) { return c.eightExperts(); }
bool notFalconEightExperts(const RuleContext& c) { return !c.falcon() && c.eightExperts(); }
bool notFalconFewExperts(const RuleContext& c) { return !c.falcon() && !c.eightExperts(); }

constexpr uint64_t mixes(std::initializer_list<uint32_t> ids) {
    uint64_t m = 0;
    for (uint32_t id : ids) m |= uint64_t(1) << id;
    return m;
}
constexpr uint64_t kAllMixes = ~uint64_t(0);

struct MixRule {
    Kind kind;
    uint64_t mixes;  // bit llama_ftype set for each mix the row applies to
    Condition when;
    GgmlType type;
};

// For each tensor kind, the first row whose mix and condition match gives the type; no match keeps the
// mix's default type. Rows of one kind are in llama.cpp's order (llama_tensor_get_type, c392e50).
const MixRule kMixRules[] = {
    // attn_v: small (n_head_kv / n_head of attn_q) and sensitive, so cheap to give more bits.
    {Kind::AttnV, mixes({kQ2_K}), gqa4, GgmlType::Q4_K},
    {Kind::AttnV, mixes({kQ2_K}), always, GgmlType::Q3_K},
    {Kind::AttnV, mixes({kQ3_K_M}), firstTwo, GgmlType::Q5_K},
    {Kind::AttnV, mixes({kQ3_K_M}), always, GgmlType::Q4_K},
    {Kind::AttnV, mixes({kQ3_K_L}), always, GgmlType::Q5_K},
    {Kind::AttnV, mixes({kIQ4_NL, kIQ4_XS}), gqa4, GgmlType::Q5_K},
    {Kind::AttnV, mixes({kQ4_K_M, kQ5_K_M}), moreBits, GgmlType::Q6_K},
    {Kind::AttnV, mixes({kQ4_K_S}), firstFour, GgmlType::Q5_K},

    {Kind::AttnK, kAllMixes, eightExperts, GgmlType::Q8_0},

    // ffn_down: the layers at both ends matter most.
    {Kind::FfnDown, mixes({kQ2_K}), always, GgmlType::Q3_K},
    {Kind::FfnDown, mixes({kQ3_K_M}), firstSixteenth, GgmlType::Q5_K},
    {Kind::FfnDown, mixes({kQ3_K_M}), notFalconOrMoreBits, GgmlType::Q4_K},
    {Kind::FfnDown, mixes({kQ3_K_L}), falcon, GgmlType::Q4_K},
    {Kind::FfnDown, mixes({kQ3_K_L}), always, GgmlType::Q5_K},
    {Kind::FfnDown, mixes({kQ4_K_M}), falconFirstSixteenth, GgmlType::Q6_K},
    {Kind::FfnDown, mixes({kQ4_K_M}), falconMoreBits, GgmlType::Q5_K},
    {Kind::FfnDown, mixes({kQ4_K_M}), notFalconMoreBits, GgmlType::Q6_K},
    {Kind::FfnDown, mixes({kIQ4_NL, kIQ4_XS}), firstEighthNoImatrix, GgmlType::Q5_K},
    {Kind::FfnDown, mixes({kQ5_K_M}), moreBits, GgmlType::Q6_K},
    {Kind::FfnDown, mixes({kQ4_K_S}), notFalconFirstEighth, GgmlType::Q5_K},
    // With an imatrix only: llama.cpp guards the first ffn_down layers of Q4_0 / Q5_0 with the type-1 format.
    {Kind::FfnDown, mixes({kQ4_0}), firstEighthWithImatrix, GgmlType::Q4_1},
    {Kind::FfnDown, mixes({kQ5_0}), firstEighthWithImatrix, GgmlType::Q5_1},

    {Kind::AttnOutput, mixes({kQ2_K, kQ3_K_S, kQ3_K_M, kIQ4_NL, kQ4_K_S, kQ4_K_M, kIQ4_XS}), notFalconEightExperts,
     GgmlType::Q5_K},
    {Kind::AttnOutput, mixes({kQ2_K}), notFalconFewExperts, GgmlType::Q3_K},
    {Kind::AttnOutput, mixes({kQ3_K_M}), notFalconFewExperts, GgmlType::Q4_K},
    {Kind::AttnOutput, mixes({kQ3_K_L}), notFalconFewExperts, GgmlType::Q5_K},
    {Kind::AttnOutput, mixes({kQ3_K_L}), falcon, GgmlType::Q4_K},

    {Kind::AttnQkv, mixes({kQ3_K_M, kQ3_K_L}), always, GgmlType::Q4_K},
    {Kind::AttnQkv, mixes({kQ4_K_M}), always, GgmlType::Q5_K},
    {Kind::AttnQkv, mixes({kQ5_K_M}), always, GgmlType::Q6_K},
};

// Models llama.cpp classes as 70B (where attn_v is 8x smaller than attn_q and gets Q5_K).
struct SeventyB {
    std::string_view architecture;
    uint32_t layers;
    bool onlyWithGqa;  // llama: 80 layers without grouped-query attention is the 65B LLaMA-1
};
constexpr std::array kSeventyB = {SeventyB{"llama", 80, true}, SeventyB{"deci", 80, false},
                                  SeventyB{"qwen2", 80, false}, SeventyB{"olmo", 80, false}};

bool isSeventyB(const MixModelInfo& m) {
    for (const auto& s : kSeventyB)
        if (m.architecture == s.architecture && m.layerCount == s.layers && m.expertCount != 8 &&
            (!s.onlyWithGqa || m.headCount != m.headCountKv))
            return true;
    return false;
}

// The type a row length that `type` cannot hold falls back to (then F16 if that does not fit either).
struct Fallback {
    GgmlType from;
    GgmlType to;
};
constexpr std::array kFallbacks = {
    Fallback{GgmlType::TQ1_0, GgmlType::Q4_0},    Fallback{GgmlType::TQ2_0, GgmlType::Q4_0},
    Fallback{GgmlType::IQ2_XXS, GgmlType::IQ4_NL}, Fallback{GgmlType::IQ2_XS, GgmlType::IQ4_NL},
    Fallback{GgmlType::IQ2_S, GgmlType::IQ4_NL},  Fallback{GgmlType::IQ3_XXS, GgmlType::IQ4_NL},
    Fallback{GgmlType::IQ3_S, GgmlType::IQ4_NL},  Fallback{GgmlType::IQ1_S, GgmlType::IQ4_NL},
    Fallback{GgmlType::IQ1_M, GgmlType::IQ4_NL},  Fallback{GgmlType::Q2_K, GgmlType::IQ4_NL},
    Fallback{GgmlType::Q3_K, GgmlType::IQ4_NL},   Fallback{GgmlType::IQ4_XS, GgmlType::IQ4_NL},
    Fallback{GgmlType::Q4_K, GgmlType::Q5_0},     Fallback{GgmlType::Q5_K, GgmlType::Q5_1},
    Fallback{GgmlType::Q6_K, GgmlType::Q8_0},
};

bool fits(GgmlType type, uint64_t rowLength) { return rowLength % ggmlTypeTraits(type).blockSize == 0; }

std::string typeName(GgmlType t) { return std::string(ggmlTypeName(t)); }

Kind kindOf(const std::string& name, bool hasOutput) {
    if (name == outputName() || (!hasOutput && name == tokenEmbdName())) return Kind::Output;
    if (name == tokenEmbdName()) return Kind::TokenEmbd;
    for (size_t i = 0; i < kKindPatterns.size(); ++i)
        if (name.find(kindTexts()[i]) != std::string::npos) return kKindPatterns[i].kind;
    return Kind::Other;
}

// "blk.12.ffn_down_exps.weight" -> 12; -1 when the name has no layer.
int layerOfName(const std::string& name) {
    int layer = -1;
    if (std::sscanf(name.c_str(), "blk.%d.", &layer) != 1) return -1;
    return layer;
}

std::vector<uint64_t> trimDims(std::vector<uint64_t> dims) {
    while (dims.size() > 1 && dims.back() == 1) dims.pop_back();
    return dims;
}

// The walk over the tensors: the counters llama.cpp keeps between calls of llama_tensor_get_type.
class Planner {
public:
    Planner(const MixModelInfo& model, const MixOptions& options) : m_model(model), m_options(options) {}

    Status compilePatterns() {
        for (const auto& o : m_options.tensorTypes) {
            try {
                m_patterns.emplace_back(o.pattern, std::regex::ECMAScript | std::regex::icase);
            } catch (const std::regex_error& e) {
                return fail("--tensor-type pattern '" + o.pattern + "' is not a valid regular expression (" + e.what() + ")");
            }
        }
        return {};
    }

    Result<TensorPlan> plan(size_t index, const TensorDesc& t, MixPlan& out) {
        TensorPlan p;
        p.sourceIndex = index;
        p.name = t.name;
        p.dims = trimDims(t.dims);
        p.sourceType = t.type;
        p.targetType = t.type;
        if (!isQuantizableTensor(t.name, p.dims.size(), m_options.quantizeOutput)) return p;

        const GgmlType defaultType = m_options.mix.defaultType;
        const uint64_t rowLength = p.dims[0];
        GgmlType type = defaultType;
        if (ggmlTypeTraits(defaultType).quantized) {
            // The mix rule is evaluated even when an override or --pure ends up deciding, so the layer
            // counters advance for every tensor.
            auto ruled = ruleType(t.name, rowLength);
            if (!ruled) return ruled.error();
            bool manual = false;
            for (size_t i = 0; i < m_patterns.size(); ++i) {
                if (std::regex_search(t.name, m_patterns[i])) {
                    type = m_options.tensorTypes[i].type;
                    manual = true;
                    p.overridden = true;
                    break;
                }
            }
            if (!manual && !m_options.pure) type = *ruled;

            ++out.quantizedCount;
            if (!fits(type, rowLength)) {
                const GgmlType before = type;
                type = fallbackFor(type);
                if (type == before)
                    return fail("tensor " + t.name + " has rows of " + std::to_string(rowLength) + " elements, which " +
                                typeName(before) + " cannot hold and no fallback type exists for");
                if (!fits(type, rowLength)) type = GgmlType::F16;
                p.fallback = true;
                ++out.fallbackCount;
                out.warnings.push_back("tensor " + t.name + ": rows of " + std::to_string(rowLength) +
                                       " elements do not fit " + typeName(before) + ", using " + typeName(type));
            }
        }
        if (m_options.embeddingType && t.name == tokenEmbdName()) {
            type = *m_options.embeddingType;
            p.overridden = true;
        }
        if (m_options.outputType && t.name == outputName()) {
            type = *m_options.outputType;
            p.overridden = true;
        }
        if (!fits(type, rowLength))
            return fail("tensor " + t.name + " has rows of " + std::to_string(rowLength) + " elements, which " +
                        typeName(type) + " cannot hold (it needs a multiple of " +
                        std::to_string(ggmlTypeTraits(type).blockSize) + ")");
        p.targetType = type;
        p.convert = type != t.type;
        return p;
    }

private:
    GgmlType fallbackFor(GgmlType type) const {
        for (const auto& f : kFallbacks)
            if (f.from == type) return f.to;
        return type;
    }

    // llama_tensor_get_type for the mixes in kMixes.
    Result<GgmlType> ruleType(const std::string& name, uint64_t rowLength) {
        const GgmlType defaultType = m_options.mix.defaultType;
        const uint32_t mixId = m_options.mix.fileTypeId;
        const Kind kind = kindOf(name, m_model.hasOutput);

        if (kind == Kind::Output) {
            // The output matrix turns hidden states into logits; errors there hit every token.
            if (m_options.outputType) return *m_options.outputType;
            if (m_model.architecture == "falcon" || !fits(defaultType, rowLength)) return GgmlType::Q8_0;
            return defaultType == GgmlType::Q8_0 ? GgmlType::Q8_0 : GgmlType::Q6_K;
        }
        if (kind == Kind::TokenEmbd) return m_options.embeddingType.value_or(defaultType);

        int index = 0, count = 0;
        if (kind == Kind::AttnV) {
            index = m_attentionV++;
            count = m_model.attentionVCount;
        } else if (kind == Kind::FfnDown) {
            index = m_ffnDown++;
            count = static_cast<int>(m_model.layerCount);
            if (m_model.expertCount > 1) {
                // Expert tensors of one layer need not be consecutive: take the layer from the name.
                index = layerOfName(name);
                if (index < 0 || index >= count)
                    return fail("cannot tell the layer of tensor " + name + " (expected blk.N. with N below " +
                                std::to_string(count) + ")");
            }
        }
        const RuleContext ctx{m_model, index, count, m_options.imatrix};
        GgmlType type = defaultType;
        for (const auto& r : kMixRules) {
            if (r.kind == kind && (r.mixes >> mixId & 1) && r.when(ctx)) {
                type = r.type;
                break;
            }
        }
        if (kind == Kind::AttnV) {
            if (isSeventyB(m_model) && (type == GgmlType::Q3_K || type == GgmlType::Q4_K)) type = GgmlType::Q5_K;
            if (m_model.expertCount == 8) type = GgmlType::Q8_0;  // 8 experts share it: cheap to keep precise
        }
        return type;
    }

    const MixModelInfo& m_model;
    const MixOptions& m_options;
    std::vector<std::regex> m_patterns;
    int m_attentionV = 0;
    int m_ffnDown = 0;
};

}  // namespace

std::span<const MixInfo> supportedMixes() { return kMixes; }

std::optional<MixInfo> mixByName(std::string_view name) {
    for (const auto& m : kMixes)
        if (equalsIgnoreCase(m.name, name)) return m;
    for (const auto& a : kMixAliases)
        if (equalsIgnoreCase(a.alias, name)) return mixById(a.id);
    return std::nullopt;
}

std::optional<MixInfo> mixById(uint32_t fileTypeId) {
    for (const auto& m : kMixes)
        if (m.fileTypeId == fileTypeId) return m;
    return std::nullopt;
}

bool isQuantizableTensor(std::string_view name, size_t nDims, bool quantizeOutput) {
    if (name.size() < 6 || name.substr(name.size() - 6) != "weight") return false;
    if (nDims < 2) return false;  // norms, biases, scales: 1-D stays as it is
    if (!quantizeOutput && name == outputName()) return false;
    for (const auto& k : kKeepRules) {
        bool hit = k.match == Match::Exact ? name == k.text : name.find(k.text) != std::string_view::npos;
        if (hit) return false;
    }
    return true;
}

bool quantizeOrderLess(const std::string& a, const std::string& b) {
    const int la = layerOfName(a), lb = layerOfName(b);
    if (la != lb) return la < lb;
    return a < b;
}

MixModelInfo mixModelInfo(const std::vector<GgufKeyValue>& metadata, const std::vector<TensorDesc>& tensors) {
    auto find = [&](const std::string& key) { return findMetadata(metadata, key); };
    MixModelInfo m;
    if (const GgufValue* arch = find("general.architecture"); arch && arch->toString()) m.architecture = *arch->toString();
    const std::string a = m.architecture;
    m.layerCount = static_cast<uint32_t>(metadataCount(find(a + ".block_count")).value_or(0));
    m.headCount = static_cast<uint32_t>(metadataCount(find(a + ".attention.head_count")).value_or(0));
    m.headCountKv = static_cast<uint32_t>(metadataCount(find(a + ".attention.head_count_kv")).value_or(m.headCount));
    m.expertCount = static_cast<uint32_t>(metadataCount(find(a + ".expert_count")).value_or(0));
    for (const auto& t : tensors) {
        if (t.name == outputName()) m.hasOutput = true;
        if (t.name.find(kindText(Kind::AttnV)) != std::string::npos || t.name.find(kindText(Kind::AttnQkv)) != std::string::npos ||
            t.name.find("attn_kv_b.weight") != std::string::npos)
            ++m.attentionVCount;
    }
    return m;
}

MixModelInfo mixModelInfo(const GgufFile& source) { return mixModelInfo(source.metadata(), tensorDescs(source)); }

std::vector<TensorDesc> tensorDescs(const GgufFile& source) {
    std::vector<TensorDesc> tensors;
    tensors.reserve(source.tensors().size());
    for (const auto& t : source.tensors()) tensors.push_back({t.name, t.dims, t.type});
    return tensors;
}

Result<MixPlan> planMix(const std::vector<TensorDesc>& tensors, const MixModelInfo& model, const MixOptions& options) {
    if (!mixById(options.mix.fileTypeId)) return fail("unsupported mix id " + std::to_string(options.mix.fileTypeId));
    Planner planner(model, options);
    if (auto s = planner.compilePatterns(); !s) return s.error();

    std::vector<size_t> order(tensors.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t x, size_t y) { return quantizeOrderLess(tensors[x].name, tensors[y].name); });

    MixPlan plan;
    for (size_t i : order) {
        auto p = planner.plan(i, tensors[i], plan);
        if (!p) return p.error();
        plan.tensors.push_back(std::move(p.value()));
    }
    if (plan.fallbackCount > 0)
        plan.warnings.push_back(std::to_string(plan.fallbackCount) + " of " + std::to_string(plan.quantizedCount) +
                                " tensors needed a fallback type because of their row length");
    return plan;
}

Result<MixPlan> planMix(const GgufFile& source, const MixOptions& options) {
    const std::vector<TensorDesc> tensors = tensorDescs(source);
    return planMix(tensors, mixModelInfo(source.metadata(), tensors), options);
}

}  // namespace qd
