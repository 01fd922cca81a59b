// Writes the seed corpora of the fuzz targets other than fuzz_gguf_reader (make_gguf_seeds does that
// one), each into its own folder under OUT_DIR:
//   model/      tiny Llama and Qwen2 models (F32, Q8_0, Q4_0) imported from generated checkpoints, and
//               the shakespeare fixture's header with its tensors cut to one row (parses, fails to bind)
//   tokenizer/  every vocabulary of shared/vocab with its arrays cut to 400 entries (special ids then
//               point past the end, which the tokenizer must ignore)
//   jinja/      every real chat template in shared/templates
//   logprobs/   small valid log-probability files and a truncated one
//   hf/         tiny Hugging Face folders (Llama F32 / BF16 with a byte-level tokenizer.json, Qwen2 with
//               biases, a sharded one with its index) in fuzz_support.h's multi-file format
//   llama2c/    a tiny llama2.c checkpoint with its tokenizer.bin
//
// usage: make_fuzz_seeds SHARED_DIR OUT_DIR
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <map>
#include <string>

#include "checkpoint_writer.h"
#include "core/convert/import_model.h"
#include "core/eval/log_prob_store.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/quant/mix_rules.h"
#include "core/quant/quantizer.h"
#include "fuzz_support.h"

namespace fs = std::filesystem;
using namespace qd;
using testutil::TinyModel;

namespace {

int g_failures = 0;

void check(bool ok, const std::string& what) {
    if (!ok) {
        std::fprintf(stderr, "make_fuzz_seeds: %s failed\n", what.c_str());
        ++g_failures;
    }
}

std::string readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

// A folder's files in the multi-file format.
std::string packFolder(const QString& folder) {
    std::map<std::string, std::string> parts;
    for (const QString& name : QDir(folder).entryList(QDir::Files)) parts[name.toStdString()] = readAll(folder + "/" + name);
    return qdfuzz::joinParts(parts);
}

// One block of two heads sharing one KV head, tied embeddings: small enough for a seed.
TinyModel oneBlock(int embd, int ffn, int vocab) {
    TinyModel m;
    m.layers = 1;
    m.embd = embd;
    m.heads = 2;
    m.kvHeads = 1;
    m.ffn = ffn;
    m.vocab = vocab;
    m.tied = true;
    return m;
}

void modelSeeds(const QString& shared, const fs::path& out, QTemporaryDir& tmp) {
    struct Variant {
        const char* name;
        TinyModel model;
    };
    const TinyModel llama = oneBlock(32, 64, 300);
    TinyModel qwen = llama;
    qwen.architecture = "Qwen2ForCausalLM";
    qwen.biases = true;
    qwen.tied = false;
    for (const Variant& v : {Variant{"llama", llama}, Variant{"qwen2", qwen}}) {
        const QString folder = tmp.filePath(v.name);
        check(testutil::writeTinyCheckpoint(folder, v.model), std::string("checkpoint ") + v.name);
        const fs::path f32 = out / (std::string(v.name) + "-F32.gguf");
        ImportOptions io;
        io.type = ImportType::F32;
        auto r = importModel(folder.toStdString(), f32, io);
        check(r.ok(), std::string("import ") + v.name + (r ? "" : ": " + r.message()));
        for (const char* mix : {"Q8_0", "Q4_0"}) {
            QuantizeOptions qo;
            qo.mix.mix = *mixByName(mix);
            qo.threads = 1;
            auto q = quantizeModel(f32, out / (std::string(v.name) + "-" + mix + ".gguf"), qo);
            check(q.ok(), std::string("quantize ") + v.name + " " + mix + (q ? "" : ": " + q.message()));
        }
    }
    // The fixture's real header (tokenizer and all) with every tensor one block row long.
    auto src = GgufFile::open((shared + "/fixtures/llamacpp/shakespeare-Q8_0.gguf").toStdString());
    check(src.ok(), "open the Q8_0 fixture");
    if (!src) return;
    GgufWriter w;
    for (const auto& kv : src->metadata()) w.set(kv.key, kv.value);
    for (const auto& t : src->tensors()) check(w.addTensor(t.name, {t.dims[0]}, t.type).ok(), "add " + t.name);
    auto s = w.write(out / "shakespeare-rows.gguf", [](size_t, const GgufTensorInfo& t, TensorSink& sink) {
        std::vector<uint8_t> zeros(static_cast<size_t>(t.nBytes), 0);
        return sink.write(zeros.data(), zeros.size());
    });
    check(s.ok(), "shakespeare-rows.gguf");
}

void tokenizerSeeds(const QString& shared, const fs::path& out) {
    constexpr uint64_t kKeep = 400;
    for (const QString& name : QDir(shared + "/vocab").entryList({"*.gguf"}, QDir::Files)) {
        auto f = GgufFile::open((shared + "/vocab/" + name).toStdString());
        check(f.ok(), name.toStdString());
        if (!f) continue;
        GgufWriter w;
        for (const auto& kv : f->metadata()) {
            const GgufValue& v = kv.value;
            if (v.isArray() && v.arraySize() > kKeep && v.arrayType() == GgufValueType::String) {
                std::vector<std::string> items(v.arrayStrings().begin(), v.arrayStrings().begin() + kKeep);
                w.set(kv.key, GgufValue::stringArray(std::move(items)));
            } else if (v.isArray() && v.arraySize() > kKeep && v.arrayType() != GgufValueType::Array) {
                const auto raw = v.arrayRaw();
                const size_t each = raw.size() / v.arraySize();
                w.set(kv.key, GgufValue::numericArray(v.arrayType(), std::vector<uint8_t>(raw.begin(), raw.begin() + kKeep * each)));
            } else {
                w.set(kv.key, v);
            }
        }
        auto s = w.write(out / name.toStdString(), [](size_t, const GgufTensorInfo&, TensorSink&) { return Status{}; });
        check(s.ok(), "vocab seed " + name.toStdString());
    }
}

void jinjaSeeds(const QString& shared, const fs::path& out) {
    for (const QString& name : QDir(shared + "/templates").entryList({"*.jinja"}, QDir::Files))
        check(qdfuzz::writeBytes(out / name.toStdString(), readAll(shared + "/templates/" + name)), name.toStdString());
}

void logProbSeeds(const fs::path& out) {
    for (uint32_t vocab : {4u, 16u}) {
        LogProbHeader h{vocab, 8, 2, 3};
        std::vector<int32_t> tokens(16);
        for (size_t i = 0; i < tokens.size(); ++i) tokens[i] = static_cast<int32_t>(i % vocab);
        LogProbWriter w;
        const fs::path p = out / ("v" + std::to_string(vocab) + ".qdlp");
        check(w.open(p, h, tokens).ok(), "logprob open");
        std::vector<float> logits(vocab);
        for (int row = 0; row < 6; ++row) {
            for (uint32_t v = 0; v < vocab; ++v) logits[v] = static_cast<float>((row * 7 + v * 3) % 11) - 5.0f;
            check(w.add(logits.data()).ok(), "logprob add");
        }
        check(w.commit().ok(), "logprob commit");
    }
    const std::string whole = readAll(QString::fromStdString((out / "v16.qdlp").string()));
    check(qdfuzz::writeBytes(out / "truncated.qdlp", std::string_view(whole).substr(0, whole.size() / 2)), "truncated.qdlp");
}

void hfSeeds(const fs::path& out, QTemporaryDir& tmp) {
    const TinyModel small = oneBlock(16, 24, 270);
    TinyModel bf16 = small;
    bf16.dtype = "BF16";
    TinyModel qwen = small;
    qwen.architecture = "Qwen2ForCausalLM";
    qwen.biases = true;
    const std::pair<const char*, TinyModel> models[] = {{"llama-f32", small}, {"llama-bf16", bf16}, {"qwen2", qwen}};
    for (const auto& [name, m] : models) {
        const QString folder = tmp.filePath(QString("hf-") + name);
        check(testutil::writeTinyCheckpoint(folder, m), std::string("hf ") + name);
        check(qdfuzz::writeBytes(out / (std::string(name) + ".seed"), packFolder(folder)), name);
    }
    // Sharded: the tensors split over two files with an index naming each one's shard.
    const QString folder = tmp.filePath("hf-sharded");
    check(testutil::writeTinyCheckpoint(folder, small), "hf sharded");
    QFile::remove(folder + "/model.safetensors");
    auto tensors = testutil::tinyTensors(small);
    const size_t half = tensors.size() / 2;
    std::vector<testutil::StTensorSpec> a(tensors.begin(), tensors.begin() + static_cast<std::ptrdiff_t>(half)),
        b(tensors.begin() + static_cast<std::ptrdiff_t>(half), tensors.end());
    check(testutil::writeSafetensors(folder + "/model-00001-of-00002.safetensors", a), "shard 1");
    check(testutil::writeSafetensors(folder + "/model-00002-of-00002.safetensors", b), "shard 2");
    QJsonObject map;
    for (const auto& t : a) map[QString::fromStdString(t.name)] = "model-00001-of-00002.safetensors";
    for (const auto& t : b) map[QString::fromStdString(t.name)] = "model-00002-of-00002.safetensors";
    check(testutil::writeJson(folder + "/model.safetensors.index.json", QJsonObject{{"weight_map", map}}), "index");
    check(qdfuzz::writeBytes(out / "sharded.seed", packFolder(folder)), "sharded.seed");
}

void llama2cSeeds(const fs::path& out) {
    const int dim = 8, hidden = 12, layers = 1, heads = 2, kvHeads = 1, vocab = 12, seq = 4;
    const int headSize = dim / heads, kvDim = kvHeads * headSize;
    const int32_t config[7] = {dim, hidden, layers, heads, kvHeads, vocab, seq};
    std::string bin(reinterpret_cast<const char*>(config), sizeof config);
    const int floats = vocab * dim + layers * dim + layers * dim * dim + 2 * layers * kvDim * dim + layers * dim * dim +
                       layers * dim + 3 * layers * hidden * dim + dim + seq * headSize;
    for (int i = 0; i < floats; ++i) {
        const float v = static_cast<float>((i * 37) % 19 - 9) / 16.0f;
        bin.append(reinterpret_cast<const char*>(&v), 4);
    }
    std::string tok;
    const int32_t maxLen = 8;
    tok.append(reinterpret_cast<const char*>(&maxLen), 4);
    auto add = [&](const std::string& text, float score) {
        const int32_t len = static_cast<int32_t>(text.size());
        tok.append(reinterpret_cast<const char*>(&score), 4);
        tok.append(reinterpret_cast<const char*>(&len), 4);
        tok += text;
    };
    add("<unk>", 0);
    add("\n<s>\n", 0);
    add("\n</s>\n", 0);
    add("<0x0A>", 0);
    for (int i = 4; i < vocab; ++i) add(i == 4 ? " the" : "w" + std::to_string(i), -static_cast<float>(i));
    check(qdfuzz::writeBytes(out / "tiny.seed", qdfuzz::joinParts({{"model.bin", bin}, {"tokenizer.bin", tok}})), "llama2c seed");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: make_fuzz_seeds SHARED_DIR OUT_DIR\n");
        return 2;
    }
    const QString shared = QString::fromLocal8Bit(argv[1]);
    const fs::path out = argv[2];
    QTemporaryDir tmp;
    for (const char* d : {"model", "tokenizer", "jinja", "logprobs", "hf", "llama2c"}) fs::create_directories(out / d);
    modelSeeds(shared, out / "model", tmp);
    tokenizerSeeds(shared, out / "tokenizer");
    jinjaSeeds(shared, out / "jinja");
    logProbSeeds(out / "logprobs");
    hfSeeds(out / "hf", tmp);
    llama2cSeeds(out / "llama2c");
    return g_failures == 0 ? 0 : 1;
}
