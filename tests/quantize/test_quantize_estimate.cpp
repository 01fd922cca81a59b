// The size prediction the wizard and `quantize --estimate` show: for every mix, the predicted bytes
// must equal the size of the file llama-quantize wrote (the fixtures) and of the file our quantizer
// writes, for a GGUF source and for a Hugging Face folder not imported yet.
#include <QtTest>

#include "core/convert/import_model.h"
#include "core/gguf/gguf_file.h"
#include "core/quant/quantizer.h"
#include "quantize_test_support.h"

using namespace qd;

namespace {

QuantizeOptions optionsFor(const char* mixName, bool pure = false) {
    QuantizeOptions o;
    o.mix.mix = *mixByName(mixName);
    o.mix.pure = pure;
    o.threads = 2;
    return o;
}

qint64 sizeOnDisk(const QString& path) { return QFileInfo(path).size(); }

}  // namespace

class TestQuantizeEstimate : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // llama-quantize's own files are the oracle: same mixes, same source, sizes taken from the disk.
    void predictsLlamaCppFileSizes() {
        auto source = GgufFile::open(qdtest::f32Fixture());
        QVERIFY(source.ok());
        int checked = 0;
        for (const auto& f : qdtest::kMixFixtures) {
            auto e = estimateQuantize(*source, optionsFor(f.mix, f.pure));
            QVERIFY2(e.ok(), e.ok() ? "" : e.message().c_str());
            const qint64 actual = sizeOnDisk(qdtest::fixturePath(f));
            QVERIFY2(actual > 0, f.file);
            QVERIFY2(qint64(e->fileBytes) == actual,
                     qPrintable(QStringLiteral("%1: predicted %2, llama.cpp wrote %3").arg(f.file).arg(e->fileBytes).arg(actual)));
            ++checked;
        }
        QCOMPARE(checked, int(std::size(qdtest::kMixFixtures)));
    }

    // Our own output for every mix QuantDesk writes (including F32), byte for byte in size.
    void predictsOurFileSizes() {
        auto source = GgufFile::open(qdtest::f32Fixture());
        QVERIFY(source.ok());
        for (const auto& mix : supportedMixes()) {
            const std::string name(mix.name);
            auto e = estimateQuantize(*source, optionsFor(name.c_str()));
            QVERIFY2(e.ok(), e.ok() ? "" : e.message().c_str());
            const QString out = m_dir.filePath(QString::fromStdString("own-" + name + ".gguf"));
            auto r = quantizeModel(qdtest::f32Fixture(), out.toStdString(), optionsFor(name.c_str()));
            QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
            QCOMPARE(qint64(e->fileBytes), sizeOnDisk(out));
            QCOMPARE(e->fileBytes, r->outputFileBytes);
            QCOMPARE(e->tensorBytes, r->outputTensorBytes);
            QCOMPARE(e->sourceTensorBytes, r->sourceTensorBytes);
            QCOMPARE(e->elements, r->elements);
            QFile::remove(out);
        }
    }

    // Overrides and output types change the plan; the estimate follows them.
    void followsOverrides() {
        auto source = GgufFile::open(qdtest::f32Fixture());
        QVERIFY(source.ok());
        QuantizeOptions o = optionsFor("Q4_K_M");
        o.mix.tensorTypes.push_back({"ffn_down", GgmlType::Q8_0});
        o.mix.outputType = GgmlType::Q6_K;
        auto e = estimateQuantize(*source, o);
        QVERIFY(e.ok());
        auto plain = estimateQuantize(*source, optionsFor("Q4_K_M"));
        QVERIFY(plain.ok());
        QVERIFY(e->fileBytes != plain->fileBytes);
        int overridden = 0;
        for (const auto& t : e->plan.tensors)
            if (t.name.find("ffn_down") != std::string::npos) {
                QCOMPARE(t.targetType, GgmlType::Q8_0);
                ++overridden;
            }
        QVERIFY(overridden > 0);
        const QString out = m_dir.filePath(QStringLiteral("override.gguf"));
        auto r = quantizeModel(qdtest::f32Fixture(), out.toStdString(), o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QCOMPARE(qint64(e->fileBytes), sizeOnDisk(out));
        auto written = GgufFile::open(out.toStdString());
        QVERIFY(written.ok());
        QCOMPARE(written->tensors().size(), e->plan.tensors.size());
        for (size_t i = 0; i < e->plan.tensors.size(); ++i) {
            QCOMPARE(written->tensors()[i].name, e->plan.tensors[i].name);
            QCOMPARE(written->tensors()[i].type, e->plan.tensors[i].targetType);
        }
    }

    void failsWhereTheQuantizerWould() {
        auto q8 = GgufFile::open((qdtest::fixturesDir() + QStringLiteral("/shakespeare-Q8_0.gguf")).toStdString());
        QVERIFY(q8.ok());
        auto refused = estimateQuantize(*q8, optionsFor("Q4_K_M"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().find("already quantized") != std::string::npos, refused.message().c_str());
        QuantizeOptions allowed = optionsFor("Q4_K_M");
        allowed.allowRequantize = true;
        auto e = estimateQuantize(*q8, allowed);
        QVERIFY(e.ok());
        QVERIFY(!e->warnings.empty());

        auto f32 = GgufFile::open(qdtest::f32Fixture());
        QVERIFY(f32.ok());
        QuantizeOptions bad = optionsFor("Q4_0");
        bad.mix.tensorTypes.push_back({"attn_(q", GgmlType::Q8_0});
        auto invalid = estimateQuantize(*f32, bad);
        QVERIFY(!invalid.ok());
        QVERIFY2(invalid.message().find("attn_(q") != std::string::npos, invalid.message().c_str());
    }

    // A Hugging Face folder is sized as its F16 import, then quantized: equal to importing and quantizing.
    void predictsFromAHuggingFaceFolder() {
        const QString folder = qdtest::sharedDir() + QStringLiteral("/models/shakespeare-llama");
        auto loaded = planImport(folder.toStdString());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.message().c_str());
        auto source = describeImportOutput(*loaded, ImportType::F16);
        QVERIFY(source.ok());
        const QString f16 = m_dir.filePath(QStringLiteral("hf-F16.gguf"));
        ImportOptions io;
        io.type = ImportType::F16;
        auto imported = importModel(folder.toStdString(), f16.toStdString(), io);
        QVERIFY2(imported.ok(), imported.ok() ? "" : imported.message().c_str());
        for (const char* mix : {"F16", "Q8_0", "Q4_K_M", "Q3_K_S"}) {
            auto e = estimateQuantize(*source, optionsFor(mix));
            QVERIFY2(e.ok(), e.ok() ? "" : e.message().c_str());
            const QString out = m_dir.filePath(QStringLiteral("hf-out-%1.gguf").arg(QLatin1String(mix)));
            auto r = quantizeModel(f16.toStdString(), out.toStdString(), optionsFor(mix));
            QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
            QVERIFY2(qint64(e->fileBytes) == sizeOnDisk(out), mix);
        }
    }
};

QTEST_GUILESS_MAIN(TestQuantizeEstimate)
#include "test_quantize_estimate.moc"
