// Quantizing with an importance matrix, against llama-quantize --imatrix: with llama.cpp's imatrix of the
// shakespeare model, every mix of ../shared/fixtures/llamacpp/imatrix that uses only types QuantDesk writes
// comes out as the same file, byte for byte (its SHA-256 in the fixtures' manifest). The metadata records
// the imatrix path as given, so the test gives the path llama-quantize was given (the manifest has it).
// Then an imatrix of another model is refused and leaves no file. (The imatrix-only mix rules need 8 or
// more layers: test_mix_rules checks them.)
#include <QtTest>

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>

#include "core/gguf/gguf_file.h"
#include "core/quant/quantizer.h"
#include "test_files.h"

using namespace qd;

namespace {

const QString kDir = QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/imatrix/");
const std::string kF32 = QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf";

std::shared_ptr<const Imatrix> fixtureImatrix() {
    auto m = Imatrix::read((kDir + "shakespeare.imatrix.dat").toStdString());
    return m ? std::make_shared<const Imatrix>(std::move(*m)) : nullptr;
}

}  // namespace

class TestQuantizeImatrix : public QObject {
    Q_OBJECT
    QJsonObject m_manifest;
    std::shared_ptr<const Imatrix> m_imatrix;

private slots:
    void initTestCase() {
        m_manifest = testfiles::readJson(kDir + "manifest.json");
        QVERIFY(!m_manifest.isEmpty());
        m_imatrix = fixtureImatrix();
        QVERIFY(m_imatrix);
    }

    void byteIdenticalToLlamaQuantize_data() {
        QTest::addColumn<QString>("mix");
        for (const char* m : {"Q2_K", "Q3_K_S", "Q3_K_M", "Q4_0", "Q4_K_S", "Q4_K_M", "Q5_K_M", "Q6_K", "IQ4_NL", "IQ4_XS"})
            QTest::newRow(m) << m;
    }
    void byteIdenticalToLlamaQuantize() {
        QFETCH(QString, mix);
        const QJsonObject entry = m_manifest.value("shakespeare-imatrix-" + mix + ".gguf").toObject();
        QVERIFY2(!entry.isEmpty(), qPrintable(mix));
        const QJsonObject meta = entry["metadata"].toObject();
        auto info = mixByName(mix.toStdString());
        QVERIFY(info);
        QuantizeOptions o;
        o.mix.mix = *info;
        o.imatrix = m_imatrix;
        o.imatrixFile = meta["quantize.imatrix.file"].toString().toStdString();
        o.threads = 2;
        QTemporaryDir dir;
        const QString out = dir.filePath(mix + ".gguf");
        auto r = quantizeModel(kF32, out.toStdString(), o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        if (testfiles::fileSha256(out) == entry["file_sha256"].toString()) return;
        // Not the same file: say which tensors differ, and how.
        auto ours = GgufFile::open(out.toStdString());
        QVERIFY(ours.ok());
        const QStringList differ = testfiles::tensorsDifferingFromManifest(*ours, entry["tensors"].toArray());
        QFAIL(qPrintable("the file differs from llama-quantize's; tensors: " + (differ.isEmpty() ? QString("none (metadata)") : differ.join(", "))));
    }

    // The CLI: --imatrix FILE gives the tensors the same bytes as the library call above and records the
    // path as given; a file that is not an imatrix is refused before anything is written.
    void cli() {
        QTemporaryDir dir;
        const QString imatrix = kDir + "shakespeare.imatrix.dat", out = dir.filePath("q4km.gguf");
        QProcess p;
        p.start(QD_CLI_PATH, {"quantize", QString::fromStdString(kF32), out, "Q4_K_M", "--imatrix", imatrix, "--quiet"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        auto file = GgufFile::open(out.toStdString());
        QVERIFY(file.ok());
        const GgufValue* recorded = file->find("quantize.imatrix.file");
        QVERIFY(recorded);
        QVERIFY(recorded->toString());
        QCOMPARE(QString::fromStdString(*recorded->toString()), imatrix);
        const QJsonArray tensors = m_manifest["shakespeare-imatrix-Q4_K_M.gguf"].toObject()["tensors"].toArray();
        QVERIFY(!tensors.isEmpty());
        const QStringList differ = testfiles::tensorsDifferingFromManifest(*file, tensors);
        QVERIFY2(differ.isEmpty(), qPrintable(differ.join(", ")));
        // llama.cpp's Q4_K_M without the imatrix is not that: the imatrix changes the bytes.
        auto plain = GgufFile::open(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-Q4_K_M.gguf");
        QVERIFY(plain.ok());
        QVERIFY(testfiles::tensorsDifferingFromManifest(*plain, tensors).size() > 20);
        p.start(QD_CLI_PATH, {"quantize", QString::fromStdString(kF32), dir.filePath("bad.gguf"), "Q4_K_M", "--imatrix",
                              QString::fromStdString(kF32), "--quiet"});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY2(p.readAllStandardError().contains("not a valid importance-matrix file"), "no reason given");
        QVERIFY(!QFile::exists(dir.filePath("bad.gguf")));
    }

    void imatrixOfAnotherModelIsRefused() {
        Imatrix wrong = *m_imatrix;
        for (ImatrixEntry& e : wrong.entries)
            if (e.name == "blk.0.ffn_down.weight") e.values.resize(100);
        QuantizeOptions o;
        o.mix.mix = *mixByName("Q4_K_M");
        o.imatrix = std::make_shared<const Imatrix>(wrong);
        o.imatrixFile = "wrong.imatrix.dat";
        QTemporaryDir dir;
        const QString out = dir.filePath("out.gguf");
        auto r = quantizeModel(kF32, out.toStdString(), o);
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.message()).contains("computed for another model"), r.message().c_str());
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestQuantizeImatrix)
#include "test_quantize_imatrix.moc"
