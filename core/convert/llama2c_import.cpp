#include "core/convert/llama2c_import.h"

#include <cstring>
#include <optional>

#include "core/common/checked_math.h"
#include "core/common/mapped_file.h"
#include "core/convert/hf_vocab.h"
#include "core/convert/model_naming.h"
#include "core/convert/safetensors.h"
#include "core/model/model_limits.h"

namespace qd {

namespace {

constexpr uint32_t kExportMagic = 0x616b3432;  // "ak42": llama2.c's newer export versions

struct Llama2cConfig {
    int64_t dim, hidden, layers, heads, kvHeads, vocab, seqLen;
    bool sharedClassifier;
};

struct TokenizerTable {
    std::vector<std::string> tokens;
    std::vector<float> scores;
    std::vector<int32_t> types;
};

bool isByteToken(const std::string& t) {
    auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); };
    return t.size() == 6 && t.compare(0, 3, "<0x") == 0 && hex(t[3]) && hex(t[4]) && t[5] == '>';
}

Result<TokenizerTable> readTokenizer(const std::filesystem::path& path, int64_t vocab) {
    auto file = MappedFile::open(path);
    if (!file) return fail("the llama2.c tokenizer: " + file.message());
    const uint8_t* p = file->data();
    const uint8_t* end = p + file->size();
    const std::string label = path.filename().string();
    if (end - p < 4) return fail(label + " is too short to be a llama2.c tokenizer");
    int32_t maxLen;
    std::memcpy(&maxLen, p, 4);
    p += 4;
    if (maxLen <= 0 || maxLen > (1 << 20)) return fail(label + " has an invalid max_token_length " + std::to_string(maxLen));
    TokenizerTable t;
    for (int64_t id = 0; id < vocab; ++id) {
        if (end - p < 8) return fail(label + " ends after " + std::to_string(id) + " of " + std::to_string(vocab) + " tokens");
        float score;
        int32_t len;
        std::memcpy(&score, p, 4);
        std::memcpy(&len, p + 4, 4);
        p += 8;
        if (len < 0 || len > maxLen || len > end - p)
            return fail(label + ": token " + std::to_string(id) + " has an invalid length " + std::to_string(len));
        std::string text(reinterpret_cast<const char*>(p), static_cast<size_t>(len));
        p += len;
        GgufTokenType type = GgufTokenType::Normal;
        if (id == 0) { text = "<unk>"; type = GgufTokenType::Unknown; }
        else if (id == 1) { text = "<s>"; type = GgufTokenType::Control; }
        else if (id == 2) { text = "</s>"; type = GgufTokenType::Control; }
        else if (text.empty()) type = GgufTokenType::Control;
        else if (isByteToken(text)) type = GgufTokenType::Byte;
        std::string escaped;
        for (char c : text) escaped += c == ' ' ? std::string("\xE2\x96\x81") : std::string(1, c);
        t.tokens.push_back(std::move(escaped));
        t.scores.push_back(score);
        t.types.push_back(int32_t(type));
    }
    if (p != end)
        return fail(label + " holds more than the checkpoint's " + std::to_string(vocab) + " tokens; is it the right tokenizer?");
    return t;
}

}  // namespace

Result<LoadedImport> planLlama2cImport(const std::filesystem::path& checkpoint, const std::filesystem::path& tokenizerIn) {
    const std::string label = checkpoint.filename().string();
    auto mapped = MappedFile::open(checkpoint);
    if (!mapped) return mapped.error();
    auto file = std::make_shared<MappedFile>(std::move(mapped.value()));
    if (file->size() < 28) return fail(label + " is too short to be a llama2.c checkpoint");
    int32_t raw[7];
    std::memcpy(raw, file->data(), sizeof raw);
    if (static_cast<uint32_t>(raw[0]) == kExportMagic)
        return fail(label + " uses a newer llama2.c export format (version header 'ak42'); export it with "
                            "--version 0 (the legacy format run.c reads)");
    Llama2cConfig c{raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[5] > 0};
    c.vocab = c.vocab < 0 ? -c.vocab : c.vocab;
    // The same limits as the engine's (core/model/model_limits.h), so every product below is far inside
    // 64 bits: a header of int32 fields could otherwise claim 2^31 x 2^31 x 2^31 floats.
    const struct {
        const char* what;
        int64_t value;
        uint64_t max;
    } fields[] = {{"dim", c.dim, limits::kMaxEmbedding},        {"hidden_dim", c.hidden, limits::kMaxFeedForward},
                  {"n_layers", c.layers, limits::kMaxLayers},    {"n_heads", c.heads, limits::kMaxHeads},
                  {"n_kv_heads", c.kvHeads, limits::kMaxHeads},  {"vocab_size", c.vocab, limits::kMaxVocabulary},
                  {"seq_len", c.seqLen, limits::kMaxContext}};
    for (const auto& f : fields)
        if (f.value <= 0 || static_cast<uint64_t>(f.value) > f.max)
            return fail(label + " does not start with a valid llama2.c Config: " + f.what + " is " + std::to_string(f.value) +
                        " (1.." + std::to_string(f.max) + " accepted)");
    if (c.dim % c.heads || c.heads % c.kvHeads || (c.dim / c.heads) % 2)
        return fail(label + ": dim " + std::to_string(c.dim) + ", " + std::to_string(c.heads) + " heads and " +
                    std::to_string(c.kvHeads) + " KV heads do not fit together");
    const uint64_t D = c.dim, H = c.hidden, L = c.layers, V = c.vocab, headSize = D / c.heads;
    const uint64_t KV = c.kvHeads * headSize;

    // Byte offset of every weight array, in file order, in checked arithmetic.
    struct Region { const char* what; std::optional<uint64_t> floats; uint64_t offset = 0; };
    Region regions[] = {
        {"token_embedding_table", checkedMul(V, D)}, {"rms_att_weight", checkedMul(L, D)},
        {"wq", checkedProduct({L, D, D})},          {"wk", checkedProduct({L, KV, D})},
        {"wv", checkedProduct({L, KV, D})},         {"wo", checkedProduct({L, D, D})},
        {"rms_ffn_weight", checkedMul(L, D)},       {"w1", checkedProduct({L, H, D})},
        {"w2", checkedProduct({L, D, H})},          {"w3", checkedProduct({L, H, D})},
        {"rms_final_weight", D},                    {"freq_cis", checkedMul(uint64_t(c.seqLen), headSize)},
        {"wcls", c.sharedClassifier ? uint64_t(0) : checkedMul(V, D)},
    };
    std::optional<uint64_t> at = 28;
    for (auto& r : regions) {
        const auto bytes = r.floats ? checkedMul(*r.floats, 4) : std::nullopt;
        if (!bytes) at.reset();  // a region too large for 64 bits: the Config cannot match any file
        if (!at) break;
        r.offset = *at;
        at = checkedAdd(*at, *bytes);
    }
    if (!at || *at != file->size())
        return fail(label + " is " + std::to_string(file->size()) + " bytes but its Config needs " +
                    (at ? std::to_string(*at) : std::string("more than 2^64")) +
                    (!at || *at > file->size() ? " (truncated?)" : " (trailing data: not a legacy llama2.c checkpoint?)"));

    const std::filesystem::path tokPath = tokenizerIn.empty() ? checkpoint.parent_path() / "tokenizer.bin" : tokenizerIn;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(tokPath, ec))
        return fail("the llama2.c tokenizer " + tokPath.string() + " is missing (pass it with --tokenizer)");
    auto tok = readTokenizer(tokPath, c.vocab);
    if (!tok) return tok.error();

    LoadedImport result;
    result.keepAlive = file;
    result.architecture = "llama";
    auto& tensors = result.plan.tensors;
    // A tensor of `rows` x `cols` floats at byte `offset` of the checkpoint.
    auto add = [&](std::string name, uint64_t offset, uint64_t rows, uint64_t cols) {
        ImportTensor t;
        t.name = std::move(name);
        t.dims = rows == 1 ? std::vector<uint64_t>{cols} : std::vector<uint64_t>{cols, rows};
        const uint8_t* base = file->data() + offset;
        t.readRows = [base, cols](uint64_t first, uint64_t n, float* dst) {
            std::memcpy(dst, base + first * cols * 4, n * cols * 4);
            releaseMappedRange(base + first * cols * 4, n * cols * 4);  // read once, in order
        };
        t.release = [base, rows, cols] { releaseMappedRange(base, rows * cols * 4); };
        tensors.push_back(std::move(t));
    };
    auto& R = regions;
    add("token_embd.weight", R[0].offset, V, D);
    add("output_norm.weight", R[10].offset, 1, D);
    if (!c.sharedClassifier) add("output.weight", R[12].offset, V, D);
    for (uint64_t l = 0; l < L; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        add(b + "attn_norm.weight", R[1].offset + l * D * 4, 1, D);
        add(b + "attn_q.weight", R[2].offset + l * D * D * 4, D, D);
        add(b + "attn_k.weight", R[3].offset + l * KV * D * 4, KV, D);
        add(b + "attn_v.weight", R[4].offset + l * KV * D * 4, KV, D);
        add(b + "attn_output.weight", R[5].offset + l * D * D * 4, D, D);
        add(b + "ffn_norm.weight", R[6].offset + l * D * 4, 1, D);
        add(b + "ffn_gate.weight", R[7].offset + l * H * D * 4, H, D);
        add(b + "ffn_down.weight", R[8].offset + l * D * H * 4, D, H);
        add(b + "ffn_up.weight", R[9].offset + l * H * D * 4, H, D);
    }

    auto& md = result.plan.metadata;
    auto u32 = [](uint64_t v) { return GgufValue::uint32(static_cast<uint32_t>(v)); };
    md.push_back({"general.architecture", GgufValue::string("llama")});
    md.push_back({"general.type", GgufValue::string("model")});
    appendGeneralNaming(md, generalNaming({}, checkpoint.stem().string(), planParameterCount(tensors)));
    md.push_back({"llama.block_count", u32(L)});
    md.push_back({"llama.context_length", u32(c.seqLen)});
    md.push_back({"llama.embedding_length", u32(D)});
    md.push_back({"llama.feed_forward_length", u32(H)});
    md.push_back({"llama.attention.head_count", u32(c.heads)});
    md.push_back({"llama.attention.head_count_kv", u32(c.kvHeads)});
    md.push_back({"llama.rope.freq_base", GgufValue::float32(10000.0f)});  // run.c's fixed base
    md.push_back({"llama.attention.layer_norm_rms_epsilon", GgufValue::float32(1e-5f)});  // run.c's rmsnorm
    md.push_back({"general.file_type", GgufValue::uint32(0)});
    md.push_back({"llama.vocab_size", u32(V)});
    md.push_back({"llama.rope.dimension_count", u32(headSize)});
    md.push_back({"tokenizer.ggml.model", GgufValue::string("llama")});
    md.push_back({"tokenizer.ggml.pre", GgufValue::string("default")});
    md.push_back({"tokenizer.ggml.tokens", GgufValue::stringArray(std::move(tok->tokens))});
    md.push_back({"tokenizer.ggml.scores", GgufValue::arrayOf(GgufValueType::Float32, tok->scores)});
    md.push_back({"tokenizer.ggml.token_type", GgufValue::arrayOf(GgufValueType::Int32, tok->types)});
    md.push_back({"tokenizer.ggml.bos_token_id", u32(1)});
    md.push_back({"tokenizer.ggml.eos_token_id", u32(2)});
    md.push_back({"tokenizer.ggml.unknown_token_id", u32(0)});
    md.push_back({"tokenizer.ggml.add_bos_token", GgufValue::boolean(true)});  // run.c encodes with BOS
    md.push_back({"tokenizer.ggml.add_eos_token", GgufValue::boolean(false)});
    md.push_back({"general.quantization_version", u32(2)});
    return result;
}

}  // namespace qd
