// The importer against llama.cpp itself: converting the shakespeare checkpoint must give exactly the
// files llama.cpp made from it (convert_hf_to_gguf.py for F32, llama-quantize for F16/BF16/Q8_0).
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/convert/import_model.h"
#include "core/gguf/gguf_file.h"

using namespace qd;

namespace {

const QString kShared = QString::fromUtf8(QD_SHARED_DIR);
const QString kModel = kShared + "/models/shakespeare-llama";
const QString kFixtures = kShared + "/fixtures/llamacpp";

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// First differing byte, or -1.
qsizetype firstDifference(const QByteArray& a, const QByteArray& b) {
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        if (a[i] != b[i]) return i;
    return a.size() == b.size() ? -1 : n;
}

}  // namespace

class TestImportLlamacpp : public QObject {
    Q_OBJECT

private slots:
    void wholeFileIdentical_data() {
        QTest::addColumn<QString>("type");
        QTest::newRow("F32") << "F32";
        QTest::newRow("F16") << "F16";
        QTest::newRow("BF16") << "BF16";
        QTest::newRow("Q8_0") << "Q8_0";
    }

    // Every byte: header, metadata (keys, order, types, values), tensor infos, data, padding.
    void wholeFileIdentical() {
        QFETCH(QString, type);
        QTemporaryDir dir;
        const QString out = dir.filePath("out.gguf");
        ImportOptions options;
        options.type = *importTypeFromName(type.toStdString());
        auto r = importModel(kModel.toStdString(), out.toStdString(), options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QCOMPARE(QString::fromStdString(r->architecture), QString("llama"));
        QCOMPARE(r->tensorCount, uint64_t(39));
        const QByteArray ours = readAll(out);
        const QByteArray theirs = readAll(kFixtures + "/shakespeare-" + type + ".gguf");
        QVERIFY(!theirs.isEmpty());
        QCOMPARE(ours.size(), theirs.size());
        QCOMPARE(firstDifference(ours, theirs), qsizetype(-1));
    }

    // The same comparison seen through the reader, so a regression names what differs.
    void f32TensorsTokenizerAndHyperparameters() {
        QTemporaryDir dir;
        const QString out = dir.filePath("f32.gguf");
        ImportOptions options;
        options.type = ImportType::F32;
        QVERIFY(importModel(kModel.toStdString(), out.toStdString(), options).ok());
        auto ours = GgufFile::open(out.toStdString());
        auto ref = GgufFile::open((kFixtures + "/shakespeare-F32.gguf").toStdString());
        QVERIFY(ours.ok() && ref.ok());

        QCOMPARE(ours->tensors().size(), ref->tensors().size());
        for (size_t i = 0; i < ref->tensors().size(); ++i) {
            const auto& a = ours->tensors()[i];
            const auto& b = ref->tensors()[i];
            QCOMPARE(QString::fromStdString(a.name), QString::fromStdString(b.name));
            QVERIFY(a.dims == b.dims);
            QCOMPARE(int(a.type), int(GgmlType::F32));
            QCOMPARE(int(a.type), int(b.type));
            auto da = ours->tensorData(a), db = ref->tensorData(b);
            QVERIFY2(std::equal(da.begin(), da.end(), db.begin(), db.end()), a.name.c_str());
        }
        QCOMPARE(ours->metadata().size(), ref->metadata().size());
        for (size_t i = 0; i < ref->metadata().size(); ++i) {
            const auto& a = ours->metadata()[i];
            const auto& b = ref->metadata()[i];
            QCOMPARE(QString::fromStdString(a.key), QString::fromStdString(b.key));
            QVERIFY2(a.value == b.value, a.key.c_str());
        }
        // Spot values, in the types llama.cpp uses.
        const auto* tokens = ours->find("tokenizer.ggml.tokens");
        QVERIFY(tokens && tokens->arrayStrings().size() == 1024);
        QCOMPARE(QString::fromStdString(tokens->arrayStrings()[1]), QString("<s>"));
        QCOMPARE(QString::fromStdString(tokens->arrayStrings()[3]), QString("<0x00>"));
        const auto* types = ours->find("tokenizer.ggml.token_type");
        QVERIFY(types && types->arrayType() == GgufValueType::Int32);
        QCOMPARE(types->arrayInt(0), int64_t(2));  // unknown
        QCOMPARE(types->arrayInt(1), int64_t(3));  // control
        QCOMPARE(types->arrayInt(3), int64_t(6));  // byte
        QCOMPARE(ours->find("tokenizer.ggml.scores")->arrayType(), GgufValueType::Float32);
        QCOMPARE(ours->getUInt("llama.attention.head_count_kv").value_or(0), uint64_t(4));
        QCOMPARE(ours->getUInt("llama.rope.dimension_count").value_or(0), uint64_t(32));
        QCOMPARE(ours->find("llama.attention.layer_norm_rms_epsilon")->type(), GgufValueType::Float32);
        QCOMPARE(float(ours->getDouble("llama.attention.layer_norm_rms_epsilon").value_or(0)), 1e-5f);
        QCOMPARE(ours->find("llama.context_length")->type(), GgufValueType::UInt32);
        QCOMPARE(ours->getString("general.name").value_or(""), std::string("Shakespeare Llama"));
        QCOMPARE(ours->getString("general.size_label").value_or(""), std::string("3.7M"));
    }

    // Progress reports every tensor and ends at the total; the job streams (no tensor reported twice).
    void progressCoversEveryTensor() {
        QTemporaryDir dir;
        uint64_t last = 0, total = 0;
        int calls = 0;
        bool monotonic = true;
        auto r = importModel(kModel.toStdString(), dir.filePath("p.gguf").toStdString(), {}, [&](const Progress& p) {
            monotonic = monotonic && p.done >= last;
            last = p.done;
            total = p.total;
            ++calls;
            return true;
        });
        QVERIFY(r.ok());
        QVERIFY(monotonic);
        QVERIFY(calls >= 39);
        QCOMPARE(last, total);
        // Progress counts tensor bytes: the F16 file's tensors (the default output type).
        auto ref = GgufFile::open((kFixtures + "/shakespeare-F16.gguf").toStdString());
        QVERIFY(ref.ok());
        uint64_t bytes = 0;
        for (const auto& t : ref->tensors()) bytes += t.nBytes;
        QCOMPARE(total, bytes);
    }

    // Cancelling halfway leaves no file behind, temporary or final.
    void cancelLeavesNothing() {
        QTemporaryDir dir;
        int calls = 0;
        auto r = importModel(kModel.toStdString(), dir.filePath("c.gguf").toStdString(), {},
                             [&](const Progress&) { return ++calls < 10; });
        QVERIFY(!r.ok());
        QVERIFY(QString::fromStdString(r.message()).contains("cancel"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestImportLlamacpp)
#include "test_import_llamacpp.moc"
