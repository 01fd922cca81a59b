// quantdesk-cli synth: a Llama-architecture GGUF model with random weights, for tests and benchmarks.
//
// The weights are normal with standard deviation 0.02 (the usual initialisation scale, and close to the
// spread of trained Llama matrices), norm weights are 1 plus the same noise, and the tokenizer is a
// plausible SentencePiece-style vocabulary (<unk>, <s>, </s>, the 256 byte tokens, then letter pieces with
// and without the word-start mark), so the file loads and runs like a real model (it only babbles).
//
// Named shapes:
//   tiny : 2 layers, width 256, FFN 512, 4 heads, 2 KV heads, vocabulary 512, context 256 (~0.6M weights)
//   1b   : Llama-3.2-1B-like: 16 layers, width 2048, FFN 8192, 32 heads, 8 KV heads, context 2048, but a
//          32,000-token vocabulary and an untied output matrix (Llama 3.2 ties it and has 128,256 tokens):
//          1.1B weights, 2.2 GB as F16.
// Every tensor's data depends only on the seed and the tensor's name, generated in parallel blocks of
// rows, so a file is the same for any thread count.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "args.h"
#include "commands.h"
#include "core/common/thread_pool.h"
#include "core/gguf/gguf_writer.h"
#include "core/gguf/model_summary.h"
#include "core/quant/fp16.h"

namespace qd::cli {

namespace {

struct Shape {
    const char* name;
    uint32_t layers, embd, ffn, heads, kvHeads, vocab, context;
};

constexpr Shape kShapes[] = {
    {"tiny", 2, 256, 512, 4, 2, 512, 256},
    {"1b", 16, 2048, 8192, 32, 8, 32000, 2048},
};

constexpr float kWeightStd = 0.02f;
constexpr uint64_t kRowsPerBlock = 64;  // rows generated from one random stream

uint64_t splitMix(uint64_t& s) {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// xoshiro256+ : fast, good enough for weights (not for anything needing security).
class Rng {
public:
    explicit Rng(uint64_t seed) {
        for (auto& x : m_s) x = splitMix(seed);
    }
    uint64_t next() {
        const uint64_t r = m_s[0] + m_s[3];
        const uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = (m_s[3] << 45) | (m_s[3] >> 19);
        return r;
    }
    float uniform() { return float((next() >> 40) + 1) * (1.0f / 16777217.0f); }  // (0, 1)
    // Box-Muller: two standard normals per call pair.
    float normal() {
        if (m_haveSpare) {
            m_haveSpare = false;
            return m_spare;
        }
        const float u = uniform(), v = uniform();
        const float r = std::sqrt(-2.0f * std::log(u));
        m_spare = r * std::sin(6.2831853f * v);
        m_haveSpare = true;
        return r * std::cos(6.2831853f * v);
    }

private:
    uint64_t m_s[4];
    float m_spare = 0;
    bool m_haveSpare = false;
};

uint64_t hashName(const std::string& s, uint64_t seed) {
    uint64_t h = 1469598103934665603ull ^ seed;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

struct TensorSpec {
    std::string name;
    std::vector<uint64_t> dims;
    bool norm;  // 1-D norm weight: 1 + noise, always F32
};

std::vector<TensorSpec> tensorsFor(const Shape& s) {
    const uint64_t headDim = s.embd / s.heads, kvDim = headDim * s.kvHeads;
    std::vector<TensorSpec> t;
    t.push_back({"token_embd.weight", {s.embd, s.vocab}, false});
    for (uint32_t l = 0; l < s.layers; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        t.push_back({p + "attn_norm.weight", {s.embd}, true});
        t.push_back({p + "attn_q.weight", {s.embd, s.embd}, false});
        t.push_back({p + "attn_k.weight", {s.embd, kvDim}, false});
        t.push_back({p + "attn_v.weight", {s.embd, kvDim}, false});
        t.push_back({p + "attn_output.weight", {s.embd, s.embd}, false});
        t.push_back({p + "ffn_norm.weight", {s.embd}, true});
        t.push_back({p + "ffn_gate.weight", {s.embd, s.ffn}, false});
        t.push_back({p + "ffn_up.weight", {s.embd, s.ffn}, false});
        t.push_back({p + "ffn_down.weight", {s.ffn, s.embd}, false});
    }
    t.push_back({"output_norm.weight", {s.embd}, true});
    t.push_back({"output.weight", {s.embd, s.vocab}, false});
    return t;
}

// <unk> <s> </s>, byte tokens, then "a".."z", "▁a".."▁z", "aa".."zz", "▁aa".. and so on.
void addTokenizer(GgufWriter& w, uint32_t vocab) {
    std::vector<std::string> tokens = {"<unk>", "<s>", "</s>"};
    std::vector<int32_t> types = {2, 3, 3};  // unknown, control, control
    for (int b = 0; b < 256; ++b) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "<0x%02X>", b);
        tokens.push_back(buf);
        types.push_back(6);  // byte
    }
    for (int len = 1; tokens.size() < vocab; ++len) {
        for (int mark = 0; mark < 2 && tokens.size() < vocab; ++mark) {
            uint64_t count = 1;
            for (int i = 0; i < len; ++i) count *= 26;
            for (uint64_t k = 0; k < count && tokens.size() < vocab; ++k) {
                std::string piece(len, 'a');
                uint64_t x = k;
                for (int i = len - 1; i >= 0; --i, x /= 26) piece[i] = char('a' + x % 26);
                tokens.push_back(mark ? "\xE2\x96\x81" + piece : piece);
                types.push_back(1);  // normal
            }
        }
    }
    std::vector<float> scores(tokens.size(), 0.0f);
    for (size_t i = 259; i < scores.size(); ++i) scores[i] = -float(i - 259);
    w.set("tokenizer.ggml.model", GgufValue::string("llama"));
    w.set("tokenizer.ggml.pre", GgufValue::string("default"));
    w.set("tokenizer.ggml.tokens", GgufValue::stringArray(std::move(tokens)));
    w.set("tokenizer.ggml.scores", GgufValue::arrayOf(GgufValueType::Float32, scores));
    w.set("tokenizer.ggml.token_type", GgufValue::arrayOf(GgufValueType::Int32, types));
    w.set("tokenizer.ggml.bos_token_id", GgufValue::uint32(1));
    w.set("tokenizer.ggml.eos_token_id", GgufValue::uint32(2));
    w.set("tokenizer.ggml.unknown_token_id", GgufValue::uint32(0));
    w.set("tokenizer.ggml.add_bos_token", GgufValue::boolean(true));
    w.set("tokenizer.ggml.add_eos_token", GgufValue::boolean(false));
}

std::optional<uint32_t> parseCount(const Args& args, const char* option, std::string& error) {
    auto v = args.value(option);
    if (!v) return std::nullopt;
    try {
        size_t used = 0;
        long long n = std::stoll(*v, &used);
        if (used == v->size() && n > 0 && n < (1ll << 31)) return static_cast<uint32_t>(n);
    } catch (...) {
    }
    error = std::string(option) + " needs a positive number";
    return std::nullopt;
}

}  // namespace

int cmdSynth(int argc, char** argv) {
    Args args(argc, argv, {"--shape", "--layers", "--embd", "--ffn", "--heads", "--kv-heads", "--vocab", "--context",
                           "--type", "--seed", "--threads"});
    if (!args.checkKnown({}) || !args.error().empty()) return fail(args.error());
    if (args.positional().size() != 2) return fail("usage: quantdesk-cli synth OUT.gguf --shape tiny|1b | --layers N ...");
    const std::string out = args.positional()[1];

    Shape s{"custom", 0, 0, 0, 0, 0, 0, 2048};
    if (auto name = args.value("--shape")) {
        bool found = false;
        for (const auto& k : kShapes)
            if (*name == k.name) s = k, found = true;
        if (!found) return fail("unknown shape '" + *name + "' (known: tiny, 1b)");
    }
    std::string error;
    struct {
        const char* option;
        uint32_t* field;
    } fields[] = {{"--layers", &s.layers}, {"--embd", &s.embd},    {"--ffn", &s.ffn},         {"--heads", &s.heads},
                  {"--kv-heads", &s.kvHeads}, {"--vocab", &s.vocab}, {"--context", &s.context}};
    for (auto& f : fields)
        if (auto v = parseCount(args, f.option, error)) *f.field = *v;
    if (!error.empty()) return fail(error);
    if (!s.layers || !s.embd || !s.ffn || !s.heads || !s.vocab)
        return fail("give --shape NAME, or all of --layers --embd --ffn --heads --kv-heads --vocab");
    if (!s.kvHeads) s.kvHeads = s.heads;
    if (s.embd % s.heads || s.heads % s.kvHeads) return fail("--embd must be a multiple of --heads, and --heads of --kv-heads");
    if (s.vocab < 260) return fail("--vocab must be at least 260 (3 special and 256 byte tokens)");

    GgmlType type = GgmlType::F16;
    if (auto t = args.value("--type")) {
        auto parsed = ggmlTypeFromName(*t);
        if (!parsed || (*parsed != GgmlType::F16 && *parsed != GgmlType::F32 && *parsed != GgmlType::BF16))
            return fail("--type must be F16, F32 or BF16");
        type = *parsed;
    }
    uint64_t seed = 1;
    int threads = 0;
    try {
        if (auto v = args.value("--seed")) seed = std::stoull(*v);
        if (auto v = args.value("--threads")) threads = std::stoi(*v);
    } catch (...) {
        return fail("--seed and --threads need numbers");
    }

    const auto specs = tensorsFor(s);
    uint64_t params = 0;
    for (const auto& t : specs) {
        uint64_t n = 1;
        for (auto d : t.dims) n *= d;
        params += n;
    }
    const uint32_t fileType = type == GgmlType::F32 ? 0 : type == GgmlType::F16 ? 1 : 32;

    // Key order as convert_hf_to_gguf.py writes a Llama model.
    GgufWriter w(3);
    w.set("general.architecture", GgufValue::string("llama"));
    w.set("general.type", GgufValue::string("model"));
    w.set("general.name", GgufValue::string(std::string("QuantDesk synthetic ") + s.name));
    w.set("general.size_label", GgufValue::string(parameterSizeLabel(params)));
    w.set("llama.block_count", GgufValue::uint32(s.layers));
    w.set("llama.context_length", GgufValue::uint32(s.context));
    w.set("llama.embedding_length", GgufValue::uint32(s.embd));
    w.set("llama.feed_forward_length", GgufValue::uint32(s.ffn));
    w.set("llama.attention.head_count", GgufValue::uint32(s.heads));
    w.set("llama.attention.head_count_kv", GgufValue::uint32(s.kvHeads));
    w.set("llama.rope.freq_base", GgufValue::float32(10000.0f));
    w.set("llama.attention.layer_norm_rms_epsilon", GgufValue::float32(1e-5f));
    w.set("general.file_type", GgufValue::uint32(fileType));
    w.set("llama.vocab_size", GgufValue::uint32(s.vocab));
    w.set("llama.rope.dimension_count", GgufValue::uint32(s.embd / s.heads));
    addTokenizer(w, s.vocab);
    w.set("general.quantization_version", GgufValue::uint32(2));
    for (const auto& t : specs)
        if (auto st = w.addTensor(t.name, t.dims, t.norm ? GgmlType::F32 : type); !st) return fail(st.message());

    ThreadPool pool(threads);
    std::vector<uint8_t> bytes;
    auto produce = [&](size_t i, const GgufTensorInfo& info, TensorSink& sink) -> Status {
        const TensorSpec& spec = specs[i];
        const uint64_t rowLength = info.dims[0], rows = info.nElements / rowLength;
        const uint64_t elemBytes = ggmlTypeTraits(info.type).blockBytes;
        const uint64_t tensorSeed = hashName(spec.name, seed);
        const uint64_t batchRows = kRowsPerBlock * 8 * uint64_t(pool.size());
        for (uint64_t first = 0; first < rows; first += batchRows) {
            const uint64_t n = std::min(batchRows, rows - first);
            bytes.resize(n * rowLength * elemBytes);
            const int64_t blocks = int64_t((n + kRowsPerBlock - 1) / kRowsPerBlock);
            pool.parallelFor(blocks, 1, [&](int64_t b0, int64_t b1, int) {
                for (int64_t b = b0; b < b1; ++b) {
                    const uint64_t r0 = uint64_t(b) * kRowsPerBlock, r1 = std::min(n, r0 + kRowsPerBlock);
                    Rng rng(tensorSeed ^ ((first + r0) / kRowsPerBlock * 0x9E3779B97F4A7C15ull));
                    for (uint64_t k = r0 * rowLength; k < r1 * rowLength; ++k) {
                        const float x = (spec.norm ? 1.0f : 0.0f) + kWeightStd * rng.normal();
                        uint8_t* dst = bytes.data() + k * elemBytes;
                        if (info.type == GgmlType::F32) {
                            std::memcpy(dst, &x, 4);
                        } else {
                            const uint16_t h = info.type == GgmlType::F16 ? floatToHalf(x) : floatToBf16(x);
                            std::memcpy(dst, &h, 2);
                        }
                    }
                }
            });
            if (auto st = sink.write(bytes.data(), bytes.size()); !st) return st;
        }
        return {};
    };
    if (auto st = w.write(out, produce); !st) return fail(st.message());
    std::printf("wrote %s: llama, %u layers, width %u, FFN %u, %u heads (%u KV), vocabulary %u, %s weights (%llu), %s\n",
                out.c_str(), s.layers, s.embd, s.ffn, s.heads, s.kvHeads, s.vocab, parameterSizeLabel(params).c_str(),
                static_cast<unsigned long long>(params), formatBytes(w.fileSize()).c_str());
    return 0;
}

}  // namespace qd::cli
