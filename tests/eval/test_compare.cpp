// The compare job: quantize, evaluate and remember variants of the shakespeare model.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/eval/compare.h"
#include "core/gguf/gguf_file.h"

using namespace qd;

namespace {

const QString kFixtures = QD_SHARED_DIR "/fixtures/llamacpp/";

QJsonObject reference() {
    QFile f(kFixtures + "reference.json");
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

CompareSettings settingsIn(const QTemporaryDir& dir, std::vector<std::string> methods, int chunks) {
    CompareSettings s;
    s.source = (kFixtures + "shakespeare-F32.gguf").toStdString();
    s.methods = std::move(methods);
    s.textFile = QD_SHARED_DIR "/text/shakespeare-val.txt";
    s.outputDir = dir.filePath("variants").toStdString();
    s.database = dir.filePath("results.sqlite").toStdString();
    s.context = 128;
    s.maxChunks = chunks;
    s.threads = 2;
    return s;
}

}  // namespace

class TestCompare : public QObject {
    Q_OBJECT

private slots:
    // The method list on the whole held-out text: every variant made, each perplexity within
    // 0.5% of llama.cpp's and each KL divergence within its uncertainty or 5%; then the same run again
    // is served from the database without quantizing or evaluating anything.
    void compareAndRemember() {
        QTemporaryDir dir;
        const std::vector<std::string> methods = {"Q2_K", "Q3_K_M", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0"};
        const CompareSettings s = settingsIn(dir, methods, 0);
        auto first = runCompare(s);
        QVERIFY2(first.ok(), first.ok() ? "" : first.message().c_str());
        QVERIFY(!first->cancelled);
        QVERIFY(!first->baseFromDatabase);
        QCOMPARE(first->variants.size(), methods.size());
        const QJsonObject mixes = reference()["mixes"].toObject();
        QVERIFY(std::fabs(first->base.ppl - mixes["F32"].toObject()["ppl"].toDouble()) < 5e-4);
        for (const auto& v : first->variants) {
            QVERIFY(v.quantized && !v.fromDatabase);
            const QJsonObject ref = mixes[QString::fromStdString(v.method)].toObject();
            // The variant file has llama.cpp's size for the mix.
            QCOMPARE(QFileInfo(QString::fromStdString(v.file.string())).size(), qint64(ref["file_size"].toInteger()));
            QVERIFY2(std::fabs(v.record.ppl / ref["ppl"].toDouble() - 1) < 0.005, v.method.c_str());
            const double kld = ref["kld_mean_vs_F32"].toDouble();
            QVERIFY2(std::fabs(v.record.kld - kld) <= std::max(v.record.kldError, 0.05 * kld) + 2e-6, v.method.c_str());
            QVERIFY(std::fabs(v.record.deltaPpl - (v.record.ppl - first->base.ppl)) < 1e-9);
            QVERIFY(v.record.generationTokensPerSecond > 0 && v.record.promptTokensPerSecond > 0);
        }
        const std::string table = formatCompareTable(*first);
        for (const auto& m : methods) QVERIFY(table.find("| " + m) != std::string::npos);

        auto second = runCompare(s);
        QVERIFY(second.ok());
        QVERIFY(second->baseFromDatabase);
        for (size_t i = 0; i < second->variants.size(); ++i) {
            const auto& v = second->variants[i];
            QVERIFY(!v.quantized && v.fromDatabase);
            QCOMPARE(v.record.id, first->variants[i].record.id);
            QCOMPARE(v.record.ppl, first->variants[i].record.ppl);
        }
        auto db = ResultsDatabase::open(s.database);
        QVERIFY(db.ok());
        auto rows = db->all();
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), methods.size() + 1);  // the second run added nothing
        // Exports carry every row.
        const std::string csv = ResultsDatabase::toCsv(*rows);
        QCOMPARE(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')), rows->size() + 1);
        QCOMPARE(ResultsDatabase::toJson(*rows).size(), rows->size());
    }

    // A cancel during the second variant keeps the base and the first variant in the database; the
    // next run measures only what is missing. Files already made are reused; a stale file of another
    // mix under a variant's name is remade.
    void cancelKeepsWhatWasMeasured() {
        QTemporaryDir dir;
        const CompareSettings s = settingsIn(dir, {"Q4_0", "Q5_0", "Q8_0"}, 20);
        bool inSecond = false;
        auto cancelled = runCompare(s, [&](const Progress& p) {
            if (p.stage.rfind("evaluating Q5_0", 0) == 0) inSecond = true;
            return !inSecond;
        });
        QVERIFY(cancelled.ok());
        QVERIFY(cancelled->cancelled);
        QCOMPARE(cancelled->variants.size(), size_t(1));
        auto db = ResultsDatabase::open(s.database);
        QVERIFY(db.ok());
        QCOMPARE(db->all()->size(), size_t(2));

        // Put a Q4_0 file where the Q8_0 variant goes: it must not be taken for Q8_0.
        const QString q8 = QString::fromStdString((s.outputDir / "shakespeare-F32-Q8_0.gguf").string());
        QVERIFY(QFile::copy(kFixtures + "shakespeare-Q4_0.gguf", q8));
        auto resumed = runCompare(s);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.message().c_str());
        QVERIFY(!resumed->cancelled);
        QVERIFY(resumed->baseFromDatabase);
        QCOMPARE(resumed->variants.size(), size_t(3));
        QVERIFY(resumed->variants[0].fromDatabase && !resumed->variants[0].quantized);
        QVERIFY(!resumed->variants[1].fromDatabase && !resumed->variants[1].quantized);  // file made before the cancel
        QVERIFY(resumed->variants[2].quantized);
        auto q8file = GgufFile::open(q8.toStdString());
        QVERIFY(q8file.ok());
        QCOMPARE(*q8file->getUInt("general.file_type"), uint64_t(7));
        QCOMPARE(db->all()->size(), size_t(4));
    }

    void badInput() {
        QTemporaryDir dir;
        CompareSettings s = settingsIn(dir, {"Q4_K_M", "Q9_Z"}, 2);
        auto unknown = runCompare(s);
        QVERIFY(!unknown.ok());
        QVERIFY(QString::fromStdString(unknown.message()).contains("Q9_Z"));
        s = settingsIn(dir, {"Q4_0"}, 2);
        s.source = (kFixtures + "shakespeare-Q8_0.gguf").toStdString();
        auto quantizedSource = runCompare(s);
        QVERIFY(!quantizedSource.ok());
        QVERIFY(QString::fromStdString(quantizedSource.message()).contains("F32, F16 or BF16"));
        s = settingsIn(dir, {"Q4_0"}, 2);
        s.textFile = "/nonexistent/text.txt";
        QVERIFY(!runCompare(s).ok());
        QVERIFY(!QFile::exists(dir.filePath("variants/shakespeare-F32-Q4_0.gguf")));
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "test_compare.moc"
