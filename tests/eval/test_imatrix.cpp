// Our importance matrix against llama-imatrix's: the shakespeare F32 model on the calibration text the
// fixture was computed on (-c 128), every entry's values within 1e-4 relative of llama.cpp's, the same
// matrices, call counts and chunk count; then the CLI writes a file llama.cpp's format reads, a cancel
// writes nothing, and a text too short for one chunk is refused with the numbers.
#include <QtTest>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>

#include "core/eval/imatrix.h"

using namespace qd;

namespace {

const QString kShared = QStringLiteral(QD_SHARED_DIR);
const std::string kModel = QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf";

std::string readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

}  // namespace

class TestImatrix : public QObject {
    Q_OBJECT
private slots:
    void equalsLlamaImatrix() {
        auto ref = Imatrix::read((kShared + "/fixtures/llamacpp/imatrix/shakespeare.imatrix.dat").toStdString());
        QVERIFY(ref.ok());
        const std::string text = readAll(kShared + "/text/shakespeare-calib.txt");
        QVERIFY(!text.empty());
        ImatrixSettings s;
        s.context = 128;
        s.threads = 2;
        auto ours = computeImatrix(kModel, text, s);
        QVERIFY2(ours.ok(), ours.ok() ? "" : ours.message().c_str());
        QCOMPARE(ours->lastChunk, ref->lastChunk);
        QCOMPARE(ours->entries.size(), ref->entries.size());
        double worst = 0;
        for (const ImatrixEntry& r : ref->entries) {
            const ImatrixEntry* e = ours->find(r.name);
            QVERIFY2(e, r.name.c_str());
            QCOMPARE(e->ncall, r.ncall);
            QCOMPARE(e->values.size(), r.values.size());
            for (size_t j = 0; j < r.values.size(); ++j)
                worst = std::max(worst, std::fabs(double(e->values[j]) - r.values[j]) / std::max(1e-6, double(std::fabs(r.values[j]))));
        }
        qInfo("largest relative difference from llama-imatrix's values: %.3g", worst);
        QVERIFY2(worst < 1e-4, qPrintable(QString("largest relative difference %1").arg(worst)));
        // Without output.weight, as llama-imatrix without --process-output.
        s.includeOutput = false;
        s.maxChunks = 3;
        auto noOutput = computeImatrix(kModel, text, s);
        QVERIFY(noOutput.ok());
        QCOMPARE(noOutput->lastChunk, 3);
        QVERIFY(!noOutput->find("output.weight"));
        QCOMPARE(noOutput->entries.size(), ref->entries.size() - 1);
        QCOMPARE(noOutput->find("blk.0.attn_q.weight")->ncall, 3);
    }

    void cancelAndShortText() {
        const std::string text = readAll(kShared + "/text/shakespeare-calib.txt");
        ImatrixSettings s;
        s.context = 128;
        int reports = 0;
        auto stopped = computeImatrix(kModel, text, s, [&](const Progress& p) { return ++reports < 5 && p.done < 3; });
        QVERIFY(!stopped.ok());
        QVERIFY(stopped.cancelled());
        auto shortText = computeImatrix(kModel, "To be, or not to be.", s);
        QVERIFY(!shortText.ok());
        QVERIFY2(QString::fromStdString(shortText.message()).contains("at least one chunk of 128"), shortText.message().c_str());
    }

    // A run stopped after 50 chunks keeps them as a partial imatrix; going on from it gives the
    // uninterrupted run's values (to float rounding: the sums are carried through the stored means).
    void stopAndResume() {
        const std::string text = readAll(kShared + "/text/shakespeare-calib.txt");
        ImatrixSettings s;
        s.context = 128;
        s.threads = 2;
        s.maxChunks = 80;
        auto whole = computeImatrix(kModel, text, s);
        QVERIFY(whole.ok());
        Imatrix partial;
        auto stopped = computeImatrix(kModel, text, s, [](const Progress& p) { return p.done < 50; }, &partial);
        QVERIFY(stopped.cancelled());
        QCOMPARE(partial.lastChunk, 50);
        QCOMPARE(partial.entries.size(), whole->entries.size());
        QCOMPARE(partial.find("blk.2.ffn_up.weight")->ncall, 50);
        // Through a file, as the CLI keeps it.
        QTemporaryDir dir;
        QVERIFY(partial.write(dir.filePath("partial.dat").toStdString()).ok());
        auto saved = Imatrix::read(dir.filePath("partial.dat").toStdString());
        QVERIFY(saved.ok());
        s.resume = &*saved;
        auto resumed = computeImatrix(kModel, text, s);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.message().c_str());
        QCOMPARE(resumed->lastChunk, 80);
        double worst = 0;
        for (const ImatrixEntry& e : whole->entries) {
            const ImatrixEntry* r = resumed->find(e.name);
            QVERIFY(r);
            QCOMPARE(r->ncall, e.ncall);
            for (size_t j = 0; j < e.values.size(); ++j)
                worst = std::max(worst, std::fabs(double(r->values[j]) - e.values[j]) / std::max(1e-6, double(e.values[j])));
        }
        QVERIFY2(worst < 1e-5, qPrintable(QString("largest relative difference %1").arg(worst)));
        // A partial result of more chunks than the text has is refused.
        s.maxChunks = 20;
        auto tooMany = computeImatrix(kModel, text, s);
        QVERIFY(!tooMany.ok());
        QVERIFY2(QString::fromStdString(tooMany.message()).contains("another text or context"), tooMany.message().c_str());
    }

    // The CLI writes the file (read back by our reader and shown by --show); a bad output folder is an
    // error and leaves nothing.
    void cli() {
        QTemporaryDir dir;
        const QString out = dir.filePath("x.imatrix.dat");
        QProcess p;
        p.start(QD_CLI_PATH, {"imatrix", QString::fromStdString(kModel), "-f", kShared + "/text/shakespeare-calib.txt", "-o", out, "-c",
                              "128", "--chunks", "4"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        auto m = Imatrix::read(out.toStdString());
        QVERIFY(m.ok());
        QCOMPARE(m->lastChunk, 4);
        QCOMPARE(m->entries.size(), size_t(29));
        QVERIFY(QString::fromStdString(m->dataset).endsWith("shakespeare-calib.txt"));
        p.start(QD_CLI_PATH, {"imatrix", "--show", out});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QString shown = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(shown.startsWith("29 entries, computed on 4 chunks"), qPrintable(shown));
        QVERIFY(shown.contains("blk.3.ffn_down.weight"));
        // --resume goes on from the 4 chunks to 6.
        const QString more = dir.filePath("more.imatrix.dat");
        p.start(QD_CLI_PATH, {"imatrix", QString::fromStdString(kModel), "-f", kShared + "/text/shakespeare-calib.txt", "-o", more, "-c",
                              "128", "--chunks", "6", "--resume", out});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        auto resumed = Imatrix::read(more.toStdString());
        QVERIFY(resumed.ok());
        QCOMPARE(resumed->lastChunk, 6);
        QCOMPARE(resumed->find("output.weight")->ncall, 6);
        p.start(QD_CLI_PATH, {"imatrix", QString::fromStdString(kModel), "-f", kShared + "/text/shakespeare-calib.txt", "-o",
                              dir.filePath("missing/folder/x.dat"), "-c", "128", "--chunks", "1"});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY(!QFile::exists(dir.filePath("missing/folder/x.dat")));
    }
};

QTEST_MAIN(TestImatrix)
#include "test_imatrix.moc"
