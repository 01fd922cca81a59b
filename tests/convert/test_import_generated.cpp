// The importer on small checkpoints this test writes itself: BF16 input, shards, tied embeddings, Qwen2
// attention biases, float rounding of F16/BF16 output, and llama2.c checkpoints.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

#include "checkpoint_writer.h"
#include "core/convert/import_model.h"
#include "core/gguf/gguf_file.h"
#include "core/quant/fp16.h"

using namespace qd;
using namespace testutil;

namespace {

Result<GgufFile> importTo(const QString& source, const QString& out, ImportType type, const QString& tokenizer = {}) {
    ImportOptions o;
    o.type = type;
    o.llama2cTokenizer = tokenizer.toStdString();
    auto r = importModel(source.toStdString(), out.toStdString(), o);
    if (!r) return r.error();
    return GgufFile::open(out.toStdString());
}

// Tensor data of a GGUF F32 tensor as floats.
std::vector<float> f32Data(const GgufFile& f, const std::string& name) {
    const auto* t = f.findTensor(name);
    if (!t || t->type != GgmlType::F32) return {};
    auto bytes = f.tensorData(*t);
    std::vector<float> v(bytes.size() / 4);
    std::memcpy(v.data(), bytes.data(), bytes.size());
    return v;
}

std::vector<float> f16Data(const GgufFile& f, const std::string& name) {
    const auto* t = f.findTensor(name);
    if (!t || t->type != GgmlType::F16) return {};
    auto bytes = f.tensorData(*t);
    std::vector<float> v(bytes.size() / 2);
    for (size_t i = 0; i < v.size(); ++i) {
        uint16_t h;
        std::memcpy(&h, bytes.data() + 2 * i, 2);
        v[i] = halfToFloat(h);
    }
    return v;
}

const StTensorSpec* specOf(const std::vector<StTensorSpec>& specs, const std::string& name) {
    for (const auto& s : specs)
        if (s.name == name) return &s;
    return nullptr;
}

std::vector<float> specValues(const StTensorSpec& s) {
    std::vector<float> v;
    if (s.dtype == "F32") {
        v.resize(s.data.size() / 4);
        std::memcpy(v.data(), s.data.constData(), s.data.size());
    } else {  // BF16
        for (qsizetype i = 0; i < s.data.size(); i += 2) {
            uint16_t b;
            std::memcpy(&b, s.data.constData() + i, 2);
            const uint32_t u = uint32_t(b) << 16;
            float f;
            std::memcpy(&f, &u, 4);
            v.push_back(f);
        }
    }
    return v;
}

// GGUF row of a permuted q/k tensor -> HF row, written out the way the reshape reads:
// HF rows of head h are [x_0 .. x_{d/2-1} | y_0 .. y_{d/2-1}]; GGUF wants x_0 y_0 x_1 y_1 ...
int hfRowFor(int ggufRow, int headDim) {
    const int head = ggufRow / headDim, within = ggufRow % headDim;
    const int pair = within / 2, second = within % 2;
    return head * headDim + (second ? headDim / 2 : 0) + pair;
}


QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestImportGenerated : public QObject {
    Q_OBJECT

private slots:
    void bf16InputLlamaPermutationAndVocab() {
        QTemporaryDir dir;
        TinyModel m;
        m.dtype = "BF16";
        const QString folder = dir.filePath("tiny-llama");
        QVERIFY(writeTinyCheckpoint(folder, m));
        const auto specs = tinyTensors(m);
        auto f = importTo(folder, dir.filePath("out.gguf"), ImportType::F32);
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());

        QCOMPARE(f->tensors().size(), size_t(3 + 9 * m.layers));
        // Unpermuted tensors: same values, dimensions reversed (ggml order).
        const auto* down = f->findTensor("blk.1.ffn_down.weight");
        QVERIFY(down);
        QVERIFY((down->dims == std::vector<uint64_t>{uint64_t(m.ffn), uint64_t(m.embd)}));
        QVERIFY(f32Data(*f, "blk.1.ffn_down.weight") == specValues(*specOf(specs, "model.layers.1.mlp.down_proj.weight")));
        QVERIFY(f32Data(*f, "output.weight") == specValues(*specOf(specs, "lm_head.weight")));
        QVERIFY(f32Data(*f, "blk.0.attn_v.weight") == specValues(*specOf(specs, "model.layers.0.self_attn.v_proj.weight")));

        // q with all heads, k with the KV heads.
        const int headDim = m.embd / m.heads;
        const struct { const char* gguf; const char* hf; int rows; } permuted[] = {
            {"blk.1.attn_q.weight", "model.layers.1.self_attn.q_proj.weight", m.embd},
            {"blk.1.attn_k.weight", "model.layers.1.self_attn.k_proj.weight", m.kvHeads * headDim},
        };
        for (const auto& p : permuted) {
            const auto got = f32Data(*f, p.gguf);
            const auto src = specValues(*specOf(specs, p.hf));
            QCOMPARE(got.size(), src.size());
            QVERIFY(got != src);  // the permutation really moved rows
            for (int r = 0; r < p.rows; ++r)
                for (int c = 0; c < m.embd; ++c)
                    QCOMPARE(got[size_t(r * m.embd + c)], src[size_t(hfRowFor(r, headDim) * m.embd + c)]);
        }

        QCOMPARE(f->getUInt("llama.embedding_length").value_or(0), uint64_t(64));
        QCOMPARE(f->getUInt("llama.attention.head_count_kv").value_or(0), uint64_t(2));
        QCOMPARE(f->getUInt("llama.vocab_size").value_or(0), uint64_t(300));
        QCOMPARE(f->getUInt("llama.rope.dimension_count").value_or(0), uint64_t(16));
        QCOMPARE(f->getDouble("llama.rope.freq_base").value_or(0), 500000.0);
        QCOMPARE(f->getUInt("general.file_type").value_or(99), uint64_t(0));
        QCOMPARE(f->getString("general.name").value_or(""), std::string("Tiny Llama"));
        // Byte-level BPE vocabulary.
        QCOMPARE(f->getString("tokenizer.ggml.model").value_or(""), std::string("gpt2"));
        QCOMPARE(f->getString("tokenizer.ggml.pre").value_or(""), std::string("qwen2"));
        const auto* tokens = f->find("tokenizer.ggml.tokens");
        QVERIFY(tokens && tokens->arrayStrings().size() == 300);
        QCOMPARE(QString::fromStdString(tokens->arrayStrings()[299]), QString("<|endoftext|>"));
        QCOMPARE(QString::fromStdString(tokens->arrayStrings()[256]), QString::fromUtf8("\xC4\xA0t"));
        QVERIFY(!f->find("tokenizer.ggml.scores"));
        const auto* types = f->find("tokenizer.ggml.token_type");
        QCOMPARE(types->arrayInt(65), int64_t(1));
        QCOMPARE(types->arrayInt(298), int64_t(3));
        QCOMPARE(types->arrayInt(299), int64_t(3));
        const auto* merges = f->find("tokenizer.ggml.merges");
        QVERIFY(merges && merges->arrayStrings().size() == 8);
        QCOMPARE(QString::fromStdString(merges->arrayStrings()[0]), QString::fromUtf8("\xC4\xA0 t"));
        // eos comes from tokenizer_config.json (matched to the added token), bos from config.json:
        // gguf-py writes them in that order.
        QCOMPARE(f->getUInt("tokenizer.ggml.eos_token_id").value_or(0), uint64_t(299));
        QCOMPARE(f->getUInt("tokenizer.ggml.bos_token_id").value_or(0), uint64_t(298));
        std::vector<std::string> keys;
        for (const auto& kv : f->metadata()) keys.push_back(kv.key);
        auto pos = [&](const char* k) { return std::find(keys.begin(), keys.end(), k) - keys.begin(); };
        QVERIFY(pos("tokenizer.ggml.merges") < pos("tokenizer.ggml.eos_token_id"));
        QVERIFY(pos("tokenizer.ggml.eos_token_id") < pos("tokenizer.ggml.bos_token_id"));
        QVERIFY(pos("tokenizer.ggml.bos_token_id") < pos("tokenizer.ggml.add_bos_token"));
        QVERIFY(pos("tokenizer.ggml.add_bos_token") < pos("tokenizer.chat_template"));
        QCOMPARE(keys.back(), std::string("general.quantization_version"));
        QCOMPARE(f->getBool("tokenizer.ggml.add_bos_token").value_or(true), false);
        QVERIFY(f->getString("tokenizer.chat_template").value_or("").find("messages") != std::string::npos);
    }

    // A sharded checkpoint converts to exactly the file the single-file one gives.
    void shardsMatchSingleFile() {
        QTemporaryDir dir;
        TinyModel m;
        const QString single = dir.filePath("a/tiny");
        const QString sharded = dir.filePath("b/tiny");
        QVERIFY(writeTinyCheckpoint(single, m));
        QVERIFY(writeTinyCheckpoint(sharded, m));
        QFile::remove(sharded + "/model.safetensors");
        const auto specs = tinyTensors(m);
        std::vector<StTensorSpec> first, second;
        QJsonObject map;
        for (const auto& s : specs) {
            const bool inFirst = s.name.find("layers.1.") == std::string::npos && s.name != "model.norm.weight";
            (inFirst ? first : second).push_back(s);
            map[QString::fromStdString(s.name)] = inFirst ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
        }
        // Shard contents in reverse order: the importer must sort by name like llama.cpp does.
        std::reverse(second.begin(), second.end());
        QVERIFY(writeSafetensors(sharded + "/model-00001-of-00002.safetensors", first));
        QVERIFY(writeSafetensors(sharded + "/model-00002-of-00002.safetensors", second));
        QVERIFY(writeJson(sharded + "/model.safetensors.index.json", QJsonObject{{"metadata", QJsonObject{}}, {"weight_map", map}}));

        for (ImportType type : {ImportType::F32, ImportType::F16}) {
            auto a = importTo(single, dir.filePath("single.gguf"), type);
            auto b = importTo(sharded, dir.filePath("sharded.gguf"), type);
            QVERIFY2(a.ok() && b.ok(), b.ok() ? "" : b.message().c_str());
            QCOMPARE(readAll(dir.filePath("sharded.gguf")), readAll(dir.filePath("single.gguf")));
        }
    }

    void tiedEmbeddingsWriteNoOutput() {
        QTemporaryDir dir;
        TinyModel m;
        m.tied = true;
        QVERIFY(writeTinyCheckpoint(dir.filePath("tied"), m));
        auto f = importTo(dir.filePath("tied"), dir.filePath("out.gguf"), ImportType::F16);
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QVERIFY(!f->findTensor("output.weight"));
        QVERIFY(f->findTensor("token_embd.weight"));
        QCOMPARE(f->tensors().size(), size_t(2 + 9 * m.layers));
        // llama-quantize's order: tensors outside blocks first, then each block's by name.
        QCOMPARE(f->tensors()[0].name, std::string("output_norm.weight"));
        QCOMPARE(f->tensors()[1].name, std::string("token_embd.weight"));
        QCOMPARE(f->tensors()[2].name, std::string("blk.0.attn_k.weight"));
        QCOMPARE(f->metadata().back().key, std::string("general.file_type"));
        QCOMPARE(f->getUInt("general.file_type").value_or(0), uint64_t(1));
    }

    void qwen2KeepsRowsAndBiases() {
        QTemporaryDir dir;
        TinyModel m;
        m.architecture = "Qwen2ForCausalLM";
        m.biases = true;
        QVERIFY(writeTinyCheckpoint(dir.filePath("qwen"), m));
        const auto specs = tinyTensors(m);
        auto f = importTo(dir.filePath("qwen"), dir.filePath("out.gguf"), ImportType::F16);
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QCOMPARE(f->getString("general.architecture").value_or(""), std::string("qwen2"));
        QCOMPARE(f->getUInt("qwen2.block_count").value_or(0), uint64_t(2));
        QVERIFY(!f->find("qwen2.vocab_size"));            // llama.cpp's Qwen2 converter writes neither
        QVERIFY(!f->find("qwen2.rope.dimension_count"));
        QCOMPARE(f->tensors().size(), size_t(3 + 12 * m.layers));
        // NEOX rope in llama.cpp's qwen2: q/k rows and biases are not permuted.
        QVERIFY(f16Data(*f, "blk.0.attn_q.weight") == specValues(*specOf(specs, "model.layers.0.self_attn.q_proj.weight")));
        QVERIFY(f16Data(*f, "blk.1.attn_k.weight") == specValues(*specOf(specs, "model.layers.1.self_attn.k_proj.weight")));
        const auto* bias = f->findTensor("blk.0.attn_q.bias");
        QVERIFY(bias && bias->type == GgmlType::F32 && bias->dims == std::vector<uint64_t>{64});
        QVERIFY(f32Data(*f, "blk.0.attn_q.bias") == specValues(*specOf(specs, "model.layers.0.self_attn.q_proj.bias")));
        QVERIFY(f32Data(*f, "blk.1.attn_v.bias") == specValues(*specOf(specs, "model.layers.1.self_attn.v_proj.bias")));
        QVERIFY(f->findTensor("blk.0.attn_norm.weight")->type == GgmlType::F32);
    }

    // Llama checkpoints with attention_bias: the q/k biases get the same permutation as the rows.
    void llamaBiasesArePermuted() {
        QTemporaryDir dir;
        TinyModel m;
        m.biases = true;
        QVERIFY(writeTinyCheckpoint(dir.filePath("lb"), m));
        const auto specs = tinyTensors(m);
        auto f = importTo(dir.filePath("lb"), dir.filePath("out.gguf"), ImportType::F32);
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        const auto got = f32Data(*f, "blk.0.attn_k.bias");
        const auto src = specValues(*specOf(specs, "model.layers.0.self_attn.k_proj.bias"));
        QCOMPARE(got.size(), size_t(32));
        for (int r = 0; r < 32; ++r) QCOMPARE(got[size_t(r)], src[size_t(hfRowFor(r, 16))]);
        QVERIFY(f32Data(*f, "blk.0.attn_v.bias") == specValues(*specOf(specs, "model.layers.0.self_attn.v_proj.bias")));
    }

    // F16 output rounds as numpy's float32 -> float16 does; BF16 as gguf-py / ggml do.
    void floatRoundingOfOutputTypes() {
        QTemporaryDir dir;
        TinyModel m;
        QVERIFY(writeTinyCheckpoint(dir.filePath("r"), m));
        auto specs = tinyTensors(m);
        struct Case { uint32_t in; uint16_t f16; uint16_t bf16; };
        const Case cases[] = {
            {0x3F801000, 0x3C00, 0x3F80},  // 1 + 2^-11: F16 tie -> even (down)
            {0x3F803000, 0x3C02, 0x3F80},  // 1 + 3*2^-11: F16 tie -> even (up)
            {0x477FEF00, 0x7BFF, 0x4780},  // 65519: largest F16 65504; BF16 rounds up
            {0x477FF000, 0x7C00, 0x4780},  // 65520: F16 overflows to infinity
            {0x33800000, 0x0001, 0x3380},  // 2^-24: smallest F16 subnormal
            {0x33000000, 0x0000, 0x3300},  // 2^-25: F16 tie between 0 and 2^-24 -> 0
            {0x33400000, 0x0001, 0x3340},  // 1.5 * 2^-25 -> 2^-24
            {0x80000000, 0x8000, 0x8000},  // -0
            {0x7F800000, 0x7C00, 0x7F80},  // +inf
            {0xFF800000, 0xFC00, 0xFF80},  // -inf
            {0x7FC00000, 0x7E00, 0x7FC0},  // quiet NaN
            {0x3F808000, 0x3C04, 0x3F80},  // 1 + 2^-8: BF16 tie -> even (down)
            {0x3F818000, 0x3C0C, 0x3F82},  // 1 + 3*2^-8: BF16 tie -> even (up)
            {0x7F800001, 0x7E00, 0x7FC0},  // signalling NaN: BF16 quiets it, keeping the sign
            {0xFF800001, 0xFE00, 0xFFC0},
        };
        auto& embd = const_cast<StTensorSpec&>(*specOf(specs, "model.embed_tokens.weight"));
        for (size_t i = 0; i < std::size(cases); ++i) std::memcpy(embd.data.data() + 4 * i, &cases[i].in, 4);
        QVERIFY(writeSafetensors(dir.filePath("r/model.safetensors"), specs));
        auto f16 = importTo(dir.filePath("r"), dir.filePath("f16.gguf"), ImportType::F16);
        auto bf16 = importTo(dir.filePath("r"), dir.filePath("bf16.gguf"), ImportType::BF16);
        QVERIFY(f16.ok() && bf16.ok());
        const auto a = f16->tensorData(*f16->findTensor("token_embd.weight"));
        const auto b = bf16->tensorData(*bf16->findTensor("token_embd.weight"));
        for (size_t i = 0; i < std::size(cases); ++i) {
            uint16_t h, g;
            std::memcpy(&h, a.data() + 2 * i, 2);
            std::memcpy(&g, b.data() + 2 * i, 2);
            if (i != 13 && i != 14) QCOMPARE(QString::number(h, 16), QString::number(cases[i].f16, 16));
            else QVERIFY((h & 0x7C00) == 0x7C00 && (h & 0x03FF) != 0);  // some NaN (numpy keeps the payload)
            QCOMPARE(QString::number(g, 16), QString::number(cases[i].bf16, 16));
        }
    }

    // rope_scaling: "linear" becomes rope.scaling.* keys; Llama 3's "llama3" a rope_freqs tensor; Qwen2's
    // "yarn" keys with the original context.
    void ropeScaling() {
        QTemporaryDir dir;
        TinyModel m;
        QVERIFY(writeTinyCheckpoint(dir.filePath("lin"), m));
        QJsonObject c = tinyConfig(m);
        c["rope_scaling"] = QJsonObject{{"type", "linear"}, {"factor", 4.0}};
        QVERIFY(writeJson(dir.filePath("lin/config.json"), c));
        auto lin = importTo(dir.filePath("lin"), dir.filePath("lin.gguf"), ImportType::F32);
        QVERIFY(lin.ok());
        QCOMPARE(lin->getString("llama.rope.scaling.type").value_or(""), std::string("linear"));
        QCOMPARE(lin->getDouble("llama.rope.scaling.factor").value_or(0), 4.0);
        QVERIFY(!lin->findTensor("rope_freqs.weight"));

        c["rope_scaling"] = QJsonObject{{"rope_type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 1.0},
                                        {"high_freq_factor", 4.0}, {"original_max_position_embeddings", 8192}};
        QVERIFY(writeJson(dir.filePath("lin/config.json"), c));
        auto l3 = importTo(dir.filePath("lin"), dir.filePath("l3.gguf"), ImportType::F16);
        QVERIFY2(l3.ok(), l3.ok() ? "" : l3.message().c_str());
        QVERIFY(!l3->find("llama.rope.scaling.type"));
        const auto* freqs = l3->findTensor("rope_freqs.weight");
        QVERIFY(freqs && freqs->type == GgmlType::F32 && freqs->dims == std::vector<uint64_t>{8});  // head size 16 / 2
        const auto v = f32Data(*l3, "rope_freqs.weight");
        // theta 500000: the fastest pair (wavelength 2*pi) is kept, the slowest (~6e5 tokens) scaled by 8,
        // the ones between smoothly in between.
        QCOMPARE(v.front(), 1.0f);
        QCOMPARE(v.back(), 8.0f);
        for (size_t i = 1; i < v.size(); ++i) QVERIFY(v[i] >= v[i - 1]);

        TinyModel q;
        q.architecture = "Qwen2ForCausalLM";
        q.biases = true;
        QVERIFY(writeTinyCheckpoint(dir.filePath("yarn"), q));
        QJsonObject qc = tinyConfig(q);
        qc["rope_scaling"] = QJsonObject{{"type", "yarn"}, {"factor", 4.0}, {"original_max_position_embeddings", 32768}};
        QVERIFY(writeJson(dir.filePath("yarn/config.json"), qc));
        auto y = importTo(dir.filePath("yarn"), dir.filePath("y.gguf"), ImportType::F32);
        QVERIFY(y.ok());
        QCOMPARE(y->getString("qwen2.rope.scaling.type").value_or(""), std::string("yarn"));
        QCOMPARE(y->getUInt("qwen2.rope.scaling.original_context_length").value_or(0), uint64_t(32768));
    }

    void llama2cCheckpoint_data() {
        QTest::addColumn<bool>("shared");
        QTest::newRow("shared classifier") << true;
        QTest::newRow("separate classifier") << false;
    }

    void llama2cCheckpoint() {
        QFETCH(bool, shared);
        QTemporaryDir dir;
        const int dim = 32, hidden = 48, layers = 2, heads = 4, kvHeads = 2, vocab = 40, seq = 16;
        const int headSize = dim / heads, kvDim = kvHeads * headSize;
        const int32_t config[7] = {dim, hidden, layers, heads, kvHeads, shared ? vocab : -vocab, seq};
        // Every weight array in run.c's order; values tell arrays apart.
        const std::vector<std::pair<const char*, int>> arrays = {
            {"embed", vocab * dim}, {"rms_att", layers * dim}, {"wq", layers * dim * dim}, {"wk", layers * kvDim * dim},
            {"wv", layers * kvDim * dim}, {"wo", layers * dim * dim}, {"rms_ffn", layers * dim}, {"w1", layers * hidden * dim},
            {"w2", layers * dim * hidden}, {"w3", layers * hidden * dim}, {"rms_final", dim}, {"freq_cis", seq * headSize},
            {"wcls", shared ? 0 : vocab * dim}};
        QByteArray bin(reinterpret_cast<const char*>(config), sizeof config);
        std::map<std::string, std::vector<float>> values;
        int seed = 0;
        for (const auto& [name, n] : arrays) {
            values[name] = pattern(size_t(n), ++seed);
            bin += floatsToBytes(values[name]);
        }
        QVERIFY(writeFile(dir.filePath("stories.bin"), bin));
        QByteArray tok;
        const int32_t maxLen = 16;
        tok.append(reinterpret_cast<const char*>(&maxLen), 4);
        auto addToken = [&](const std::string& text, float score) {
            const int32_t len = int32_t(text.size());
            tok.append(reinterpret_cast<const char*>(&score), 4);
            tok.append(reinterpret_cast<const char*>(&len), 4);
            tok.append(text.data(), len);
        };
        addToken("<unk>", 0.0f);
        addToken("\n<s>\n", 0.0f);
        addToken("\n</s>\n", 0.0f);
        for (int b = 0; b < 8; ++b) addToken(QString("<0x%1>").arg(b, 2, 16, QChar('0')).toUpper().replace("0X", "0x").toStdString(), 0.0f);
        for (int i = 11; i < vocab; ++i) addToken(i == 11 ? " the" : "w" + std::to_string(i), -float(i));
        QVERIFY(writeFile(dir.filePath("tokenizer.bin"), tok));

        auto f = importTo(dir.filePath("stories.bin"), dir.filePath("out.gguf"), ImportType::F32);
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QCOMPARE(f->getString("general.architecture").value_or(""), std::string("llama"));
        QCOMPARE(f->getUInt("llama.context_length").value_or(0), uint64_t(seq));
        QCOMPARE(f->getUInt("llama.feed_forward_length").value_or(0), uint64_t(hidden));
        QCOMPARE(f->getUInt("llama.attention.head_count_kv").value_or(0), uint64_t(kvHeads));
        QCOMPARE(f->getUInt("llama.rope.dimension_count").value_or(0), uint64_t(headSize));
        QCOMPARE(f->getUInt("llama.vocab_size").value_or(0), uint64_t(vocab));
        QCOMPARE(f->tensors().size(), size_t(2 + 9 * layers + (shared ? 0 : 1)));
        QCOMPARE(f->findTensor("output.weight") != nullptr, !shared);
        if (!shared) QVERIFY(f32Data(*f, "output.weight") == values["wcls"]);
        QVERIFY(f32Data(*f, "token_embd.weight") == values["embed"]);
        QVERIFY(f32Data(*f, "output_norm.weight") == values["rms_final"]);
        // Layer 1's slices of the stacked arrays, no permutation.
        auto slice = [&](const char* name, int per) {
            const auto& v = values[name];
            return std::vector<float>(v.begin() + per, v.begin() + 2 * per);
        };
        QVERIFY(f32Data(*f, "blk.1.attn_q.weight") == slice("wq", dim * dim));
        QVERIFY(f32Data(*f, "blk.1.attn_k.weight") == slice("wk", kvDim * dim));
        QVERIFY(f32Data(*f, "blk.1.attn_v.weight") == slice("wv", kvDim * dim));
        QVERIFY(f32Data(*f, "blk.1.attn_output.weight") == slice("wo", dim * dim));
        QVERIFY(f32Data(*f, "blk.1.ffn_gate.weight") == slice("w1", hidden * dim));
        QVERIFY(f32Data(*f, "blk.1.ffn_down.weight") == slice("w2", dim * hidden));
        QVERIFY(f32Data(*f, "blk.1.ffn_up.weight") == slice("w3", hidden * dim));
        QVERIFY(f32Data(*f, "blk.1.attn_norm.weight") == slice("rms_att", dim));
        QVERIFY(f32Data(*f, "blk.1.ffn_norm.weight") == slice("rms_ffn", dim));
        QVERIFY((f->findTensor("blk.0.ffn_down.weight")->dims == std::vector<uint64_t>{uint64_t(hidden), uint64_t(dim)}));
        QVERIFY((f->findTensor("blk.0.attn_k.weight")->dims == std::vector<uint64_t>{uint64_t(dim), uint64_t(kvDim)}));

        const auto& tokens = f->find("tokenizer.ggml.tokens")->arrayStrings();
        QCOMPARE(int(tokens.size()), vocab);
        QCOMPARE(QString::fromStdString(tokens[1]), QString("<s>"));
        QCOMPARE(QString::fromStdString(tokens[3]), QString("<0x00>"));
        QCOMPARE(QString::fromStdString(tokens[11]), QString::fromUtf8("\xE2\x96\x81the"));
        const auto* types = f->find("tokenizer.ggml.token_type");
        const int64_t expectTypes[] = {2, 3, 3, 6, 6, 6, 6, 6, 6, 6, 6, 1, 1};
        for (int i = 0; i < 13; ++i) QCOMPARE(types->arrayInt(uint64_t(i)), expectTypes[i]);
        QCOMPARE(f->find("tokenizer.ggml.scores")->arrayNumber(20), -20.0);
        QCOMPARE(f->getString("tokenizer.ggml.model").value_or(""), std::string("llama"));
        QCOMPARE(f->getUInt("tokenizer.ggml.bos_token_id").value_or(0), uint64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestImportGenerated)
#include "test_import_generated.moc"
