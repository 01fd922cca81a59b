// quantdesk-cli synth and quantize, run as a user would: the synthetic model's shape, metadata, scale
// and determinism; quantizing it and the fixture with overrides; argument errors.
#include <QtTest>

#include <cmath>
#include <csignal>

#include "core/gguf/gguf_file.h"
#include "core/quant/fp16.h"
#include "core/quant/mix_rules.h"
#include "quantize_test_support.h"

using namespace qd;

namespace {

struct Run {
    int code;
    QString out;
    QString err;
};

Run cli(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(QD_CLI_PATH), args);
    if (!p.waitForFinished(240000)) return {-1, {}, QStringLiteral("timed out")};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace

class TestQuantizeCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        Run r = cli({"synth", path("tiny.gguf"), "--shape", "tiny", "--seed", "7"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void synthShapeAndMetadata() {
        auto f = GgufFile::open(path("tiny.gguf").toStdString());
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QCOMPARE(f->getString("general.architecture").value_or(""), std::string("llama"));
        QCOMPARE(f->getUInt("llama.block_count").value_or(0), uint64_t(2));
        QCOMPARE(f->getUInt("llama.embedding_length").value_or(0), uint64_t(256));
        QCOMPARE(f->getUInt("llama.attention.head_count_kv").value_or(0), uint64_t(2));
        QCOMPARE(f->getUInt("general.file_type").value_or(99), uint64_t(1));
        QCOMPARE(f->getString("tokenizer.ggml.model").value_or(""), std::string("llama"));
        const GgufValue* tokens = f->find("tokenizer.ggml.tokens");
        QVERIFY(tokens && tokens->isArray());
        QCOMPARE(tokens->arraySize(), uint64_t(512));
        QCOMPARE(tokens->arrayStrings()[1], std::string("<s>"));
        QCOMPARE(tokens->arrayStrings()[3 + 0x41], std::string("<0x41>"));
        QCOMPARE(f->find("tokenizer.ggml.scores")->arraySize(), uint64_t(512));
        QCOMPARE(f->tensors().size(), size_t(2 * 9 + 3));
        QCOMPARE(f->findTensor("blk.1.attn_k.weight")->dims, (std::vector<uint64_t>{256, 128}));
        QCOMPARE(f->findTensor("blk.0.ffn_norm.weight")->type, GgmlType::F32);
        QCOMPARE(f->findTensor("output.weight")->type, GgmlType::F16);

        // Weights: mean ~0, standard deviation ~0.02 (65,536 samples: within a few percent).
        const auto* t = f->findTensor("blk.0.attn_q.weight");
        auto data = f->tensorData(*t);
        double sum = 0, sq = 0;
        for (uint64_t i = 0; i < t->nElements; ++i) {
            uint16_t h;
            std::memcpy(&h, data.data() + 2 * i, 2);
            const double x = halfToFloat(h);
            sum += x;
            sq += x * x;
        }
        const double mean = sum / double(t->nElements), sd = std::sqrt(sq / double(t->nElements) - mean * mean);
        QVERIFY2(std::fabs(mean) < 0.0005, qPrintable(QString::number(mean)));
        QVERIFY2(sd > 0.0195 && sd < 0.0205, qPrintable(QString::number(sd)));
    }

    void synthIsDeterministic() {
        QCOMPARE(cli({"synth", path("a.gguf"), "--shape", "tiny", "--seed", "7", "--threads", "1"}).code, 0);
        QCOMPARE(cli({"synth", path("b.gguf"), "--shape", "tiny", "--seed", "8"}).code, 0);
        QCOMPARE(qdtest::fileSha256(path("a.gguf")), qdtest::fileSha256(path("tiny.gguf")));
        QVERIFY(qdtest::fileSha256(path("b.gguf")) != qdtest::fileSha256(path("tiny.gguf")));
        Run custom = cli({"synth", path("c.gguf"), "--layers", "1", "--embd", "512", "--ffn", "768", "--heads", "8",
                          "--kv-heads", "8", "--vocab", "300", "--type", "bf16"});
        QVERIFY2(custom.code == 0, qPrintable(custom.err));
        auto c = GgufFile::open(path("c.gguf").toStdString());
        QVERIFY(c.ok());
        QCOMPARE(c->findTensor("blk.0.ffn_down.weight")->dims, (std::vector<uint64_t>{768, 512}));
        QCOMPARE(c->findTensor("blk.0.ffn_down.weight")->type, GgmlType::BF16);
        QVERIFY(cli({"synth", path("d.gguf"), "--shape", "huge"}).code != 0);
        QVERIFY(cli({"synth", path("d.gguf"), "--layers", "2"}).code != 0);
        QVERIFY(!QFile::exists(path("d.gguf")));
    }

    void quantizeSynthetic() {
        Run r = cli({"quantize", path("tiny.gguf"), path("tiny-q4km.gguf"), "q4_k_m", "--threads", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("F16 -> Q6_K"));  // output.weight, printed per tensor
        QVERIFY(r.out.contains("bits/weight:"));
        QVERIFY(r.out.contains("MB/s"));
        auto f = GgufFile::open(path("tiny-q4km.gguf").toStdString());
        QVERIFY(f.ok());
        QCOMPARE(f->findTensor("output.weight")->type, GgmlType::Q6_K);
        QCOMPARE(f->findTensor("blk.0.attn_q.weight")->type, GgmlType::Q4_K);
        // Two layers: llama.cpp's use_more_bits picks layer 1 (the last eighth), not layer 0.
        QCOMPARE(f->findTensor("blk.0.attn_v.weight")->type, GgmlType::Q4_K);
        QCOMPARE(f->findTensor("blk.1.attn_v.weight")->type, GgmlType::Q6_K);
        QCOMPARE(f->findTensor("blk.1.ffn_down.weight")->type, GgmlType::Q6_K);
        QCOMPARE(f->getUInt("general.file_type").value_or(0), uint64_t(15));
    }

    void quantizeWithOverrides() {
        Run r = cli({"quantize", qdtest::fixturesDir() + "/shakespeare-F32.gguf", path("o.gguf"), "Q4_0", "--tensor-type",
                     "ffn_down=q8_0", "--tensor-type", "blk\\.[02]\\.attn_q=Q5_1", "--output-type", "f16",
                     "--embedding-type", "Q8_0", "--quiet"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        auto f = GgufFile::open(path("o.gguf").toStdString());
        QVERIFY(f.ok());
        QCOMPARE(f->findTensor("blk.3.ffn_down.weight")->type, GgmlType::Q8_0);
        QCOMPARE(f->findTensor("blk.0.attn_q.weight")->type, GgmlType::Q5_1);
        QCOMPARE(f->findTensor("blk.1.attn_q.weight")->type, GgmlType::Q4_0);
        QCOMPARE(f->findTensor("blk.2.attn_q.weight")->type, GgmlType::Q5_1);
        QCOMPARE(f->findTensor("output.weight")->type, GgmlType::F16);
        QCOMPARE(f->findTensor("token_embd.weight")->type, GgmlType::Q8_0);
    }

    // A writer killed mid-file (SIGKILL: no destructor runs) leaves its .NAME.PID-N.part file; the next
    // write into that folder removes it, and leaves alone a .part whose writer is alive and files that
    // merely look similar.
    void killedWriteIsCleanedUpByTheNext() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto parts = [&] { return QDir(dir.path()).entryList({"*.part"}, QDir::Files | QDir::Hidden); };
        // Someone else's files and a live writer's: never touched.
        const QString live = QStringLiteral(".other.gguf.%1-7.part").arg(QCoreApplication::applicationPid());
        for (const QString& name : {QStringLiteral("notes.1-2.part"), QStringLiteral(".x.gguf.abc-1.part"), live})
            QVERIFY(QFile(dir.filePath(name)).open(QIODevice::WriteOnly));

        QProcess slow;
        slow.start(QStringLiteral(QD_CLI_PATH), {"synth", dir.filePath("big.gguf"), "--shape", "1b", "--type", "F16"});
        QVERIFY(slow.waitForStarted());
        QString partial;
        auto findPartial = [&] {
            for (const QString& n : parts())
                if (n.startsWith(".big.gguf.")) partial = n;
            return !partial.isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(findPartial(), 30000);
        // Let it write something, then kill it the hard way.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(dir.filePath(partial)).size() > (1 << 20), 30000);
        ::kill(static_cast<pid_t>(slow.processId()), SIGKILL);
        QVERIFY(slow.waitForFinished(10000));
        QVERIFY(QFile::exists(dir.filePath(partial)));
        QVERIFY(!QFile::exists(dir.filePath("big.gguf")));

        Run r = cli({"synth", dir.filePath("tiny.gguf"), "--shape", "tiny"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath(partial)));
        const QStringList left = parts();
        QCOMPARE(QSet<QString>(left.begin(), left.end()),
                 QSet<QString>({QStringLiteral("notes.1-2.part"), QStringLiteral(".x.gguf.abc-1.part"), live}));
    }

    // results -o goes through the atomic writer: the export appears complete or not at all.
    void resultsExportIsAtomic() {
        QTemporaryDir dir;
        Run r = cli({"results", "--db", dir.filePath("r.sqlite"), "--csv", "-o", dir.filePath("out.csv")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(dir.filePath("out.csv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("measured_at,model_path,method,"));  // the CSV header of an empty database
        QCOMPARE(QDir(dir.path()).entryList({"*.part"}, QDir::Files | QDir::Hidden), QStringList());
        // A folder that does not exist: a clear message, nothing written.
        Run bad = cli({"results", "--db", dir.filePath("r.sqlite"), "-o", dir.filePath("missing/out.csv")});
        QVERIFY(bad.code != 0);
        QVERIFY2(bad.err.contains("does not exist"), qPrintable(bad.err));
    }

    // --estimate prints per mix the bytes of the file; llama-quantize's fixtures are the oracle.
    void estimatePrintsExactSizes() {
        Run r = cli({"quantize", QString::fromStdString(qdtest::f32Fixture()), "--estimate"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QHash<QString, qint64> printed;
        for (const QString& line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QStringList cols = line.simplified().split(QLatin1Char(' '));
            bool ok = false;
            const qint64 bytes = cols.value(1).toLongLong(&ok);
            if (ok) printed.insert(cols[0], bytes);
        }
        QCOMPARE(printed.size(), int(supportedMixes().size()));
        for (const auto& f : qdtest::kMixFixtures) {
            if (f.pure) continue;
            QVERIFY2(printed.value(QLatin1String(f.mix)) == QFileInfo(qdtest::fixturePath(f)).size(), f.mix);
        }
        // Named mixes only, and a Hugging Face folder sized as its F16 import.
        Run hf = cli({"quantize", qdtest::sharedDir() + "/models/shakespeare-llama", "--estimate", "q4_k_m", "Q8_0"});
        QVERIFY2(hf.code == 0, qPrintable(hf.err));
        QVERIFY(hf.out.contains(QStringLiteral("after importing to F16")));
        QCOMPARE(hf.out.count(QLatin1Char('\n')), 3);
        QVERIFY(hf.out.contains(QStringLiteral("Q4_K_M")));
        // A quantized source without --allow-requantize: the row says why, the exit code says failure.
        Run q8 = cli({"quantize", qdtest::fixturesDir() + "/shakespeare-Q8_0.gguf", "--estimate", "Q4_K_M"});
        QCOMPARE(q8.code, 1);
        QVERIFY(q8.out.contains(QStringLiteral("--allow-requantize")));
        Run unknown = cli({"quantize", QString::fromStdString(qdtest::f32Fixture()), "--estimate", "Q9_X"});
        QCOMPARE(unknown.code, 1);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown mix")));
    }

    void argumentErrors() {
        const QString src = qdtest::fixturesDir() + "/shakespeare-F32.gguf";
        Run r = cli({"quantize", src, path("e.gguf"), "Q9_K"});
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains("Q4_K_M"));  // lists what is supported
        QVERIFY(cli({"quantize", src, path("e.gguf")}).code != 0);
        QVERIFY(cli({"quantize", src, path("e.gguf"), "Q4_0", "--threads", "0"}).code != 0);
        QVERIFY(cli({"quantize", src, path("e.gguf"), "Q4_0", "--tensor-type", "attn_v"}).code != 0);
        QVERIFY(cli({"quantize", src, path("e.gguf"), "Q4_0", "--output-type", "Q9"}).code != 0);
        QVERIFY(cli({"quantize", src, path("e.gguf"), "Q4_0", "--bogus"}).code != 0);
        r = cli({"quantize", qdtest::fixturesDir() + "/shakespeare-Q8_0.gguf", path("e.gguf"), "Q4_0"});
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains("--allow-requantize"));
        QVERIFY(!QFile::exists(path("e.gguf")));
    }
};

QTEST_GUILESS_MAIN(TestQuantizeCli)
#include "test_quantize_cli.moc"
