// Delta weights (Chimera and other LLaMA fine-tunes published as their difference from LLaMA):
// `import BASE --delta DELTA` must give the model the publishers' apply-delta scripts give. No delta
// checkpoint ships in ../shared, so the test writes three: a base, a target (the fine-tune) and the
// delta = target - base, with one vocabulary row added by the fine-tune as Chimera's and Vicuna's deltas
// add a padding token (its row in the target is the delta's own row: the scripts grow the base's
// embeddings with zero rows before adding). Every value is a multiple of 1/64 below 8 in magnitude, so
// base + delta is exact in float and the oracle is the target checkpoint itself, imported directly: the
// two GGUF files must be identical byte for byte. (llama.cpp has no delta support to compare with.)
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

#include "checkpoint_writer.h"
#include "core/convert/import_model.h"
#include "core/gguf/gguf_file.h"

using namespace qd;
using testutil::StTensorSpec;

namespace {

std::vector<float> floatsOf(const StTensorSpec& t) {
    std::vector<float> v(static_cast<size_t>(t.data.size()) / 4);
    std::memcpy(v.data(), t.data.constData(), v.size() * 4);
    return v;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestImportDelta : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_base, m_delta, m_target;
    testutil::TinyModel m_model;

    // Writes config + tokenizer of `m` and the given tensors into `folder`.
    static bool writeFolder(const QString& folder, const testutil::TinyModel& m, const std::vector<StTensorSpec>& tensors) {
        QDir().mkpath(folder);
        if (!testutil::writeJson(folder + "/config.json", testutil::tinyConfig(m))) return false;
        testutil::writeByteLevelTokenizer(folder, m.vocab);
        return testutil::writeSafetensors(folder + "/model.safetensors", tensors);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        testutil::TinyModel base;  // vocabulary 300, untied, Llama layout
        testutil::TinyModel tuned = base;
        tuned.vocab = base.vocab + 1;  // the fine-tune's padding token
        m_model = tuned;
        const std::vector<StTensorSpec> baseTensors = testutil::tinyTensors(base);
        const std::vector<StTensorSpec> shape = testutil::tinyTensors(tuned);  // names and shapes of the fine-tune
        std::vector<StTensorSpec> delta, target;
        int seed = 500;
        for (size_t i = 0; i < shape.size(); ++i) {
            const StTensorSpec& b = baseTensors[i];
            QCOMPARE(b.name, shape[i].name);
            const std::vector<float> bv = floatsOf(b);
            const std::vector<float> d = testutil::pattern(static_cast<size_t>(shape[i].data.size()) / 4, ++seed);
            std::vector<float> t = d;
            for (size_t k = 0; k < bv.size(); ++k) t[k] += bv[k];  // rows past the base's: the delta's own
            delta.push_back({shape[i].name, "F32", shape[i].shape, testutil::floatsToBytes(d)});
            target.push_back({shape[i].name, "F32", shape[i].shape, testutil::floatsToBytes(t)});
        }
        // The same leaf name for the delta and the target: general.name comes from it.
        m_base = m_dir.filePath("llama-tiny");
        m_delta = m_dir.filePath("delta/chimera-tiny");
        m_target = m_dir.filePath("target/chimera-tiny");
        QVERIFY(writeFolder(m_base, base, baseTensors));
        QVERIFY(writeFolder(m_delta, tuned, delta));
        QVERIFY(writeFolder(m_target, tuned, target));
    }

    void baseplusDeltaIsTheFineTune_data() {
        QTest::addColumn<QString>("type");
        for (const char* t : {"F32", "F16", "Q8_0"}) QTest::newRow(t) << t;
    }
    void baseplusDeltaIsTheFineTune() {
        QFETCH(QString, type);
        ImportOptions direct;
        direct.type = *importTypeFromName(type.toStdString());
        const QString expected = m_dir.filePath("target-" + type + ".gguf"), applied = m_dir.filePath("applied-" + type + ".gguf");
        auto a = importModel(m_target.toStdString(), expected.toStdString(), direct);
        QVERIFY2(a.ok(), a.ok() ? "" : a.message().c_str());
        ImportOptions withDelta = direct;
        withDelta.delta = m_delta.toStdString();
        auto b = importModel(m_base.toStdString(), applied.toStdString(), withDelta);
        QVERIFY2(b.ok(), b.ok() ? "" : b.message().c_str());
        QCOMPARE(b->tensorCount, a->tensorCount);
        const QByteArray want = readAll(expected), got = readAll(applied);
        QVERIFY(!want.isEmpty());
        QCOMPARE(got.size(), want.size());
        QVERIFY(got == want);
        // Without the base the delta alone is a different model (the test can tell them apart).
        const QString deltaOnly = m_dir.filePath("delta-only-" + type + ".gguf");
        QVERIFY(importModel(m_delta.toStdString(), deltaOnly.toStdString(), direct).ok());
        QVERIFY(readAll(deltaOnly) != want);
    }

    // The result is named after the fine-tune, not after its delta folder ("...-delta").
    void theNameLeavesOutDelta() {
        const QString named = m_dir.filePath("named/chimera-tiny-delta");
        QVERIFY(QDir().mkpath(named));
        for (const char* f : {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"})
            QVERIFY(QFile::copy(m_delta + "/" + f, named + "/" + f));
        ImportOptions o;
        o.type = ImportType::F32;
        o.delta = named.toStdString();
        const QString out = m_dir.filePath("named.gguf");
        QVERIFY(importModel(m_base.toStdString(), out.toStdString(), o).ok());
        auto file = GgufFile::open(out.toStdString());
        QVERIFY(file.ok());
        QCOMPARE(QString::fromStdString(file->getString("general.name").value_or("")), QString("Chimera Tiny"));
    }

    void theCommandLine() {
        const QString out = m_dir.filePath("cli.gguf");
        QProcess p;
        p.start(QD_CLI_PATH, {"import", m_base, "--delta", m_delta, "-o", out, "--type", "F32", "--quiet"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(readAll(out) == readAll(m_dir.filePath("target-F32.gguf")));
    }

    // A delta for another model is refused with the tensor named, and nothing is written.
    void mismatchesAreRefused() {
        testutil::TinyModel wider;
        wider.ffn = m_model.ffn + 32;
        const QString otherBase = m_dir.filePath("other-base");
        QVERIFY(testutil::writeTinyCheckpoint(otherBase, wider));
        const QString out = m_dir.filePath("refused.gguf");
        ImportOptions o;
        o.type = ImportType::F32;
        o.delta = m_delta.toStdString();
        auto r = importModel(otherBase.toStdString(), out.toStdString(), o);
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.message()).contains("model.layers.0.mlp.down_proj.weight"), r.message().c_str());
        QVERIFY2(QString::fromStdString(r.message()).contains("not for this base"), r.message().c_str());
        QVERIFY(!QFile::exists(out));

        // A base without a tensor the delta changes.
        const QString partial = m_dir.filePath("partial-base");
        testutil::TinyModel base;
        std::vector<StTensorSpec> tensors = testutil::tinyTensors(base);
        tensors.erase(std::remove_if(tensors.begin(), tensors.end(), [](const StTensorSpec& t) { return t.name == "model.norm.weight"; }),
                      tensors.end());
        QVERIFY(writeFolder(partial, base, tensors));
        auto missing = importModel(partial.toStdString(), out.toStdString(), o);
        QVERIFY(!missing.ok());
        QVERIFY2(QString::fromStdString(missing.message()).contains("has no tensor model.norm.weight"), missing.message().c_str());

        // The base must be a checkpoint folder, and the delta must exist.
        o.delta = m_dir.filePath("no-such-delta").toStdString();
        QVERIFY(QString::fromStdString(importModel(m_base.toStdString(), out.toStdString(), o).message()).contains("does not exist"));
        o.delta = m_delta.toStdString();
        auto notFolder = importModel(m_dir.filePath("target-F32.gguf").toStdString(), out.toStdString(), o);
        QVERIFY(QString::fromStdString(notFolder.message()).contains("is not one"));
    }
};

QTEST_GUILESS_MAIN(TestImportDelta)
#include "test_import_delta.moc"
