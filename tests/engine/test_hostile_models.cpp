// A corpus of hostile *models*: well-formed GGUF files (every byte in bounds, the reader accepts them)
// whose values are hostile — products that wrap in 32 bits, zero and huge counts, shapes that contradict
// the hyperparameters, NaN and negative floats, out-of-range token ids, wrong value types, a template
// that never ends. Each is made from the shakespeare Q8_0 fixture by editing its metadata or tensor table,
// then given to the engine in-process (planRun / Model::load, checking the error's kind) and to the
// CLI commands a person would use (info, run, chat, perplexity, quantize): every one ends in a clear
// message or, where the value is harmless, a warning, and never in a signal.
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>

#include "core/engine/model.h"
#include "core/engine/run_check.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/tokenizer/tokenizer.h"
#include "gguf/gguf_test_support.h"

using namespace qd;

namespace {

struct Run {
    bool crashed = false;
    int code = 0;
    QString out, err;
};

Run cli(const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(QStringLiteral(QD_CLI_PATH), args);
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.crashed = true;
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.code = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// What the engine commands must say about a case: the model is refused with this text and kind, or
// (kind empty) it runs and `expected` is a warning it prints.
struct Case {
    const char* name;
    std::function<void(GgufWriter&)> edit;
    const char* expected;
    std::optional<ErrorKind> kind;  // nullopt: the file runs (with a warning)
};

const std::string kA = "llama.";

std::vector<Case> cases() {
    auto setU32 = [](std::string key, uint32_t v) { return [=](GgufWriter& w) { w.set(key, GgufValue::uint32(v)); }; };
    auto setF32 = [](std::string key, float v) { return [=](GgufWriter& w) { w.set(key, GgufValue::float32(v)); }; };
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
    return {
        // 65536 x 65536 = 2^32: zero in 32-bit arithmetic, which the old shape checks then agreed with.
        {"wrapped heads x head size",
         [](GgufWriter& w) {
             for (const char* k : {"attention.head_count", "attention.head_count_kv", "attention.key_length"})
                 w.set(kA + k, GgufValue::uint32(65536));
         },
         "llama.attention.head_count is 65536, outside the range", ErrorKind::BadInput},
        {"heads x head size too wide",
         [](GgufWriter& w) {
             w.set(kA + "attention.head_count", GgufValue::uint32(1024));
             w.set(kA + "attention.key_length", GgufValue::uint32(4096));
         },
         "wider than", ErrorKind::BadInput},
        {"zero heads", setU32(kA + "attention.head_count", 0), "llama.attention.head_count is 0", ErrorKind::BadInput},
        {"huge layer count", setU32(kA + "block_count", 0xffffffffu), "llama.block_count is 4294967295", ErrorKind::BadInput},
        {"more layers than tensors", setU32(kA + "block_count", 5), "lacks tensor blk.4.", ErrorKind::BadInput},
        {"width contradicts tensors", setU32(kA + "embedding_length", 512), "has shape 256 x 1024, expected 512 x 1024",
         ErrorKind::BadInput},
        {"KV heads do not divide heads", setU32(kA + "attention.head_count_kv", 3), "not a multiple of the KV head count 3",
         ErrorKind::BadInput},
        {"odd head size", setU32(kA + "attention.key_length", 33), "head dimension 33 must be even", ErrorKind::BadInput},
        {"value length differs", setU32(kA + "attention.value_length", 64), "value_length 64 differs", ErrorKind::Unsupported},
        {"rotary wider than a head", setU32(kA + "rope.dimension_count", 64), "rope.dimension_count 64 does not fit",
         ErrorKind::BadInput},
        {"zero context", setU32(kA + "context_length", 0), "llama.context_length is 0", ErrorKind::BadInput},
        {"vocabulary of 2^30", setU32(kA + "vocab_size", 1u << 30), "vocabulary size from llama.vocab_size is 1073741824",
         ErrorKind::BadInput},
        {"NaN norm epsilon", setF32(kA + "attention.layer_norm_rms_epsilon", nan), "llama.attention.layer_norm_rms_epsilon is",
         ErrorKind::BadInput},
        {"negative norm epsilon", setF32(kA + "attention.layer_norm_rms_epsilon", -1e-5f),
         "llama.attention.layer_norm_rms_epsilon is", ErrorKind::BadInput},
        {"zero rope base", setF32(kA + "rope.freq_base", 0.0f), "llama.rope.freq_base is", ErrorKind::BadInput},
        {"infinite rope base", setF32(kA + "rope.freq_base", inf), "llama.rope.freq_base is", ErrorKind::BadInput},
        {"zero rope scaling factor",
         [](GgufWriter& w) {
             w.set(kA + "rope.scaling.type", GgufValue::string("linear"));
             w.set(kA + "rope.scaling.factor", GgufValue::float32(0.0f));
         },
         "llama.rope.scaling.factor is", ErrorKind::BadInput},
        {"layer count as a string", [](GgufWriter& w) { w.set(kA + "block_count", GgufValue::string("four")); },
         "llama.block_count is not a non-negative integer", ErrorKind::BadInput},
        {"negative head count", [](GgufWriter& w) { w.set(kA + "attention.head_count", GgufValue::int32(-8)); },
         "llama.attention.head_count is not a non-negative integer", ErrorKind::BadInput},
        {"another architecture", [](GgufWriter& w) { w.set("general.architecture", GgufValue::string("gptneox")); },
         "architecture 'gptneox' is not supported yet", ErrorKind::Unsupported},
        {"mixture of experts", setU32(kA + "expert_count", 8), "mixture-of-experts", ErrorKind::Unsupported},
        // Token ids past the vocabulary are ignored with a warning, never used as an index.
        {"BOS id past the vocabulary", setU32("tokenizer.ggml.bos_token_id", 4000000000u),
         "tokenizer.ggml.bos_token_id 4000000000 is outside the vocabulary of 1024 tokens; ignored", std::nullopt},
        {"EOS and padding ids past the vocabulary",
         [](GgufWriter& w) {
             w.set("tokenizer.ggml.eos_token_id", GgufValue::uint32(1024));
             w.set("tokenizer.ggml.padding_token_id", GgufValue::uint32(99999));
         },
         "tokenizer.ggml.eos_token_id 1024 is outside the vocabulary", std::nullopt},
    };
}

// Tensor-table edits: the same bytes under a shape the hyperparameters contradict.
struct ShapeCase {
    const char* name;
    const char* tensor;
    std::vector<uint64_t> dims;
    const char* expected;
};

const ShapeCase kShapeCases[] = {
    {"transposed K projection", "blk.0.attn_k.weight", {128, 256}, "tensor blk.0.attn_k.weight has shape 128 x 256, expected 256 x 128"},
    {"3-D norm", "blk.1.attn_norm.weight", {16, 4, 4}, "tensor blk.1.attn_norm.weight has shape 16 x 4 x 4, expected 256"},
};

}  // namespace

class TestHostileModels : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_source;
    QString m_text;

    QString write(const QString& name, const std::function<void(GgufWriter&)>& edit, const GgufFile& src) {
        GgufWriter w = GgufWriter::copyOf(src);
        edit(w);
        const QString path = m_dir.filePath(name + ".gguf");
        auto s = copyGgufWithMetadata(src, w, path.toStdString());
        return s ? path : QString();
    }

    // The engine commands on a refused model: a non-zero exit with the message, never a signal.
    void expectCliRefuses(const QString& path, const QString& expected) {
        const QList<QStringList> commands = {
            {"run", path, "-p", "ROMEO:", "-n", "4"},
            {"perplexity", path, "-f", m_text, "-c", "64", "--chunks", "1"},
            {"bench", path, "-p", "8", "-n", "2", "-r", "1"},
        };
        for (const QStringList& args : commands) {
            const Run r = cli(args);
            QVERIFY2(!r.crashed, qPrintable(args.first() + ": crashed: " + r.err));
            QVERIFY2(r.code != 0, qPrintable(args.first() + " accepted the file"));
            QVERIFY2(r.err.contains(expected), qPrintable(args.first() + ": " + r.err));
        }
        const Run chat = cli({"chat", path}, "Hello\n/exit\n");
        QVERIFY2(!chat.crashed, qPrintable("chat crashed: " + chat.err));
        QVERIFY2(chat.code != 0 && chat.err.contains(expected), qPrintable("chat: " + chat.err));
        // info reports it and says it cannot run; --json says so too.
        const Run info = cli({"info", path});
        QVERIFY2(!info.crashed && info.code == 0, qPrintable(info.err));
        QVERIFY2(info.out.contains("Runs in QuantDesk: no: ") && info.out.contains(expected), qPrintable(info.out));
        const Run json = cli({"info", path, "--json"});
        QVERIFY2(!json.crashed && json.code == 0 && json.out.contains(QRegularExpression("\"runnable\": *false")),
                 qPrintable(json.out));
        // quantize does not run the model: it may convert the file or refuse it, but never crash, and a
        // refusal says why and leaves nothing behind.
        const QString out = m_dir.filePath("q.gguf");
        const Run q = cli({"quantize", path, out, "Q4_0"});
        QVERIFY2(!q.crashed, qPrintable("quantize crashed: " + q.err));
        if (q.code != 0) {
            QVERIFY2(!q.err.trimmed().isEmpty(), "quantize failed without a message");
            QVERIFY(!QFile::exists(out));
        }
        QFile::remove(out);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_source = qdtest::fixturesDir() + "/shakespeare-Q8_0.gguf";
        m_text = qdtest::sharedDir() + "/text/shakespeare-val.txt";
        QVERIFY(QFile::exists(m_source));
    }

    void hostileValues_data() {
        QTest::addColumn<int>("index");
        const auto all = cases();
        for (size_t i = 0; i < all.size(); ++i) QTest::newRow(all[i].name) << static_cast<int>(i);
    }

    void hostileValues() {
        QFETCH(int, index);
        const Case c = cases()[static_cast<size_t>(index)];
        auto src = GgufFile::open(m_source.toStdString());
        QVERIFY(src.ok());
        const QString path = write(QStringLiteral("case%1").arg(index), c.edit, *src);
        QVERIFY(!path.isEmpty());
        auto file = GgufFile::open(path.toStdString());
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());  // well formed: the reader accepts it

        auto plan = planRun(*file);
        auto model = Model::load(path.toStdString());
        if (c.kind) {
            QVERIFY2(!plan.ok(), "the engine accepted a hostile model");
            QVERIFY2(plan.message().find(c.expected) != std::string::npos, plan.message().c_str());
            QCOMPARE(int(plan.kind()), int(*c.kind));
            QVERIFY(!model.ok());
            QCOMPARE(model.message(), plan.message());
            QCOMPARE(summarizeModel(*file).unsupported, plan.message());
            expectCliRefuses(path, QString::fromUtf8(c.expected));
        } else {
            QVERIFY2(plan.ok(), plan.ok() ? "" : plan.message().c_str());
            QVERIFY2(model.ok(), model.ok() ? "" : model.message().c_str());
            auto tok = Tokenizer::fromGguf(*file);
            QVERIFY(tok.ok());
            bool warned = false;
            for (const auto& w : tok->warnings()) warned |= w.find(c.expected) != std::string::npos;
            QVERIFY(warned);
            const Run r = cli({"run", path, "-p", "ROMEO:", "-n", "8", "--temp", "0"});
            QVERIFY2(!r.crashed && r.code == 0, qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("warning: ") + c.expected), qPrintable(r.err));
            QVERIFY(r.out.startsWith("ROMEO:"));
        }
    }

    void contradictingShapes_data() {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < std::size(kShapeCases); ++i) QTest::newRow(kShapeCases[i].name) << static_cast<int>(i);
    }

    void contradictingShapes() {
        QFETCH(int, index);
        const ShapeCase& c = kShapeCases[index];
        auto src = GgufFile::open(m_source.toStdString());
        QVERIFY(src.ok());
        GgufWriter w;
        for (const auto& kv : src->metadata()) w.set(kv.key, kv.value);
        for (const auto& t : src->tensors()) QVERIFY(w.addTensor(t.name, t.name == c.tensor ? c.dims : t.dims, t.type).ok());
        const QString path = m_dir.filePath(QStringLiteral("shape%1.gguf").arg(index));
        auto s = w.write(path.toStdString(), [&](size_t i, const GgufTensorInfo&, TensorSink& sink) {
            return sink.write(src->tensorData(src->tensors()[i]));
        });
        QVERIFY2(s.ok(), s.ok() ? "" : s.message().c_str());
        auto file = GgufFile::open(path.toStdString());
        QVERIFY(file.ok());
        auto plan = planRun(*file);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.message().find(c.expected) != std::string::npos, plan.message().c_str());
        expectCliRefuses(path, QString::fromUtf8(c.expected));
    }

    // A chat template from the file that never ends is stopped by the template engine's limits.
    void endlessChatTemplate() {
        auto src = GgufFile::open(m_source.toStdString());
        QVERIFY(src.ok());
        const QString path = write("endless-template", [](GgufWriter& w) {
            w.set("tokenizer.chat_template",
                  GgufValue::string("{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}"));
        }, *src);
        QVERIFY(!path.isEmpty());
        const Run r = cli({"chat", path, "-n", "4"}, "Hello\n/exit\n");
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QVERIFY2(r.err.contains("limit"), qPrintable(r.err));
    }

    // A context the machine cannot hold is refused with the numbers before anything is allocated.
    void contextBeyondMemory() {
        auto file = GgufFile::open(m_source.toStdString());
        QVERIFY(file.ok());
        EngineOptions o;
        o.contextLength = 1 << 24;
        auto plan = planRun(*file, o, uint64_t(1) << 30);  // a 1 GiB machine
        QVERIFY(!plan.ok());
        QCOMPARE(int(plan.kind()), int(ErrorKind::OutOfMemory));
        QVERIFY2(plan.message().find("needs") != std::string::npos && plan.message().find("1.00 GiB") != std::string::npos,
                 plan.message().c_str());
        o.contextLength = (1 << 24) + 1;
        auto tooLong = planRun(*file, o);
        QVERIFY(!tooLong.ok());
        QVERIFY2(tooLong.message().find("more than the 16777216") != std::string::npos, tooLong.message().c_str());
        // The same file at its own context runs.
        auto fine = planRun(*file);
        QVERIFY2(fine.ok(), fine.ok() ? "" : fine.message().c_str());
        QCOMPARE(fine->context, 256);
        QCOMPARE(fine->memory.kvCache, uint64_t(4) * 256 * 128 * 2 * 2);  // layers x ctx x KV width x K,V x F16
    }
};

QTEST_GUILESS_MAIN(TestHostileModels)
#include "test_hostile_models.moc"
