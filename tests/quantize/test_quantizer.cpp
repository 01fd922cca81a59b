// The streaming quantizer end to end: llama.cpp's fixtures reproduced byte for byte, K / IQ tensors no
// worse than llama.cpp's, cancel halfway, unwritable targets, requantizing, thread-count independence.
#include <QtTest>

#include <cmath>
#include <filesystem>

#include "core/common/thread_pool.h"
#include "core/gguf/gguf_file.h"
#include "core/quant/fp16.h"
#include "core/quant/quantize.h"
#include "core/quant/quantizer.h"
#include "quantize_test_support.h"

using namespace qd;
namespace fs = std::filesystem;

namespace {

QuantizeOptions optionsFor(const char* mix, bool pure = false, int threads = 2) {
    QuantizeOptions o;
    o.mix.mix = *mixByName(mix);
    o.mix.pure = pure;
    o.threads = threads;
    return o;
}

std::vector<float> toFloats(const GgufFile& f, const GgufTensorInfo& t) {
    std::vector<float> out(t.nElements);
    auto data = f.tensorData(t);
    if (t.type == GgmlType::F32) std::memcpy(out.data(), data.data(), out.size() * 4);
    else if (!dequantizeRow(t.type, data.data(), out.data(), int64_t(t.nElements)).ok()) out.clear();
    return out;
}

double rmse(const std::vector<float>& a, const std::vector<float>& b) {
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) s += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    return std::sqrt(s / double(a.size()));
}

QStringList filesIn(const QString& dir) { return QDir(dir).entryList(QDir::Files | QDir::Hidden); }

}  // namespace

class TestQuantizer : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void fixtureFiles_data() {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(qdtest::kMixFixtures)); ++i) QTest::newRow(qdtest::kMixFixtures[i].file) << i;
    }

    // Whole file byte-identical to llama-quantize's (header, metadata, layout and every tensor's data).
    void fixtureFiles() {
        QFETCH(int, index);
        const auto& fx = qdtest::kMixFixtures[index];
        const QString out = path("fixture.gguf");
        auto r = quantizeModel(qdtest::f32Fixture(), out.toStdString(), optionsFor(fx.mix, fx.pure));
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        const QString ref = qdtest::fixturePath(fx);
        QCOMPARE(QFileInfo(out).size(), QFileInfo(ref).size());
        QCOMPARE(qint64(r->outputFileBytes), QFileInfo(ref).size());
        QCOMPARE(qdtest::fileSha256(out), qdtest::fileSha256(ref));
        QFile::remove(out);
    }

    // K and IQ mixes: every tensor's RMSE against the F32 source is no worse than llama.cpp's tensor
    // (0.1% slack for summation order), whether or not the bytes match.
    void kQuantError_data() {
        QTest::addColumn<QString>("mix");
        for (const char* m : {"Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K",
                              "IQ4_NL", "IQ4_XS"})
            QTest::newRow(m) << QString::fromLatin1(m);
    }
    void kQuantError() {
        QFETCH(QString, mix);
        const QString out = path("k.gguf");
        auto r = quantizeModel(qdtest::f32Fixture(), out.toStdString(), optionsFor(mix.toLatin1().constData()));
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        auto src = GgufFile::open(qdtest::f32Fixture());
        auto ours = GgufFile::open(out.toStdString());
        auto theirs = GgufFile::open((qdtest::fixturesDir() + "/shakespeare-" + mix + ".gguf").toStdString());
        QVERIFY(src.ok() && ours.ok() && theirs.ok());
        int compared = 0;
        for (const auto& t : ours->tensors()) {
            if (!ggmlTypeTraits(t.type).quantized) continue;
            const auto* s = src->findTensor(t.name);
            const auto* l = theirs->findTensor(t.name);
            QVERIFY(s && l);
            QCOMPARE(t.type, l->type);
            const auto x = toFloats(*src, *s), a = toFloats(*ours, t), b = toFloats(*theirs, *l);
            QVERIFY(!a.empty() && !b.empty());
            const double ea = rmse(x, a), eb = rmse(x, b);
            QVERIFY2(ea <= eb * 1.001, qPrintable(QString("%1: %2 vs llama.cpp %3").arg(t.name.c_str()).arg(ea).arg(eb)));
            ++compared;
        }
        QCOMPARE(compared, 30);  // every matrix: 4 layers x 7, token_embd, output
        QFile::remove(out);
    }

    // Small tasks force many batches per tensor and real parallel work: 1 and 2 threads must agree.
    void threadCountIndependent() {
        for (const char* mix : {"Q4_K_M", "Q5_0", "F16"}) {
            QuantizeOptions one = optionsFor(mix, false, 1), two = optionsFor(mix, false, 2);
            one.taskFloats = two.taskFloats = 256 * 3;
            QVERIFY(quantizeModel(qdtest::f32Fixture(), path("t1.gguf").toStdString(), one).ok());
            QVERIFY(quantizeModel(qdtest::f32Fixture(), path("t2.gguf").toStdString(), two).ok());
            QCOMPARE(qdtest::fileSha256(path("t1.gguf")), qdtest::fileSha256(path("t2.gguf")));
        }
        // And a pool shared with the caller gives the same bytes.
        ThreadPool pool(2);
        QuantizeOptions shared = optionsFor("Q4_K_M");
        shared.pool = &pool;
        QVERIFY(quantizeModel(qdtest::f32Fixture(), path("t3.gguf").toStdString(), shared).ok());
        QCOMPARE(qdtest::fileSha256(path("t3.gguf")), qdtest::fileSha256(qdtest::fixturesDir() + "/shakespeare-Q4_K_M.gguf"));
    }

    void progressReportsSourceBytes() {
        uint64_t last = 0, total = 0, calls = 0;
        bool monotonic = true;
        QuantizeOptions o = optionsFor("Q8_0");
        o.taskFloats = 4096;
        auto r = quantizeModel(qdtest::f32Fixture(), path("p.gguf").toStdString(), o, [&](const Progress& p) {
            monotonic = monotonic && p.done >= last;
            last = p.done;
            total = p.total;
            ++calls;
            return true;
        });
        QVERIFY(r.ok());
        QVERIFY(monotonic);
        QCOMPARE(total, r->sourceTensorBytes);
        QCOMPARE(last, total);
        QVERIFY(calls > 39);  // at least once per tensor
    }

    // A cancel halfway: "cancelled", no output, no temporary file, the source untouched.
    void cancelHalfway() {
        QTemporaryDir dir;
        const QString out = dir.filePath("cancel.gguf");
        const QByteArray before = qdtest::fileSha256(QString::fromStdString(qdtest::f32Fixture()));
        QuantizeOptions o = optionsFor("Q4_K_M");
        o.taskFloats = 4096;
        uint64_t stoppedAt = 0, reportsAfterStop = 0;
        auto r = quantizeModel(qdtest::f32Fixture(), out.toStdString(), o, [&](const Progress& p) {
            if (stoppedAt) ++reportsAfterStop;
            if (p.done * 2 >= p.total && !stoppedAt) stoppedAt = p.done;
            return !stoppedAt;
        });
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.message()), QStringLiteral("cancelled"));
        QVERIFY(stoppedAt > 0);
        QCOMPARE(reportsAfterStop, uint64_t(0));  // stops at the first report after the request
        QVERIFY(!QFile::exists(out));
        QCOMPARE(filesIn(dir.path()), QStringList());
        QCOMPARE(qdtest::fileSha256(QString::fromStdString(qdtest::f32Fixture())), before);

        // Cancel before anything is written.
        r = quantizeModel(qdtest::f32Fixture(), out.toStdString(), o, [](const Progress&) { return false; });
        QVERIFY(!r.ok());
        QCOMPARE(filesIn(dir.path()), QStringList());
    }

    void unwritableTarget() {
        QTemporaryDir dir;
        // A folder that does not exist, and a "folder" that is a file.
        auto r = quantizeModel(qdtest::f32Fixture(), dir.filePath("missing/out.gguf").toStdString(), optionsFor("Q8_0"));
        QVERIFY(!r.ok());
        QVERIFY(!r.message().empty());
        QFile plain(dir.filePath("plain"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        r = quantizeModel(qdtest::f32Fixture(), dir.filePath("plain/out.gguf").toStdString(), optionsFor("Q8_0"));
        QVERIFY(!r.ok());
        QCOMPARE(filesIn(dir.path()), QStringList({"plain"}));
        // The source itself as the target.
        r = quantizeModel(qdtest::f32Fixture(), qdtest::f32Fixture(), optionsFor("Q8_0"));
        QVERIFY(!r.ok());
        QVERIFY(QString::fromStdString(r.message()).contains("source"));
    }

    void unreadableSource() {
        auto r = quantizeModel(path("nope.gguf").toStdString(), path("x.gguf").toStdString(), optionsFor("Q8_0"));
        QVERIFY(!r.ok());
        QVERIFY(QString::fromStdString(r.message()).contains("nope.gguf"));
        QFile junk(path("junk.gguf"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(100, 'x'));
        junk.close();
        r = quantizeModel(path("junk.gguf").toStdString(), path("x.gguf").toStdString(), optionsFor("Q8_0"));
        QVERIFY(!r.ok());
        QVERIFY(!QFile::exists(path("x.gguf")));
    }

    // An already-quantized source: refused without allowRequantize, converted (with a warning) with it.
    void requantize() {
        const std::string q8 = (qdtest::fixturesDir() + "/shakespeare-Q8_0.gguf").toStdString();
        auto r = quantizeModel(q8, path("rq.gguf").toStdString(), optionsFor("Q4_0"));
        QVERIFY(!r.ok());
        QVERIFY(QString::fromStdString(r.message()).contains("--allow-requantize"));
        QVERIFY(!QFile::exists(path("rq.gguf")));

        QuantizeOptions o = optionsFor("Q4_0");
        o.allowRequantize = true;
        r = quantizeModel(q8, path("rq.gguf").toStdString(), o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QVERIFY(!r->warnings.empty());
        auto f = GgufFile::open(path("rq.gguf").toStdString());
        QVERIFY(f.ok());
        QCOMPARE(f->findTensor("blk.0.attn_q.weight")->type, GgmlType::Q4_0);
        QCOMPARE(f->findTensor("output.weight")->type, GgmlType::Q6_K);  // the output rule, from Q8_0
        QCOMPARE(f->findTensor("blk.0.attn_norm.weight")->type, GgmlType::F32);
        QCOMPARE(f->getUInt("general.file_type").value_or(0), uint64_t(2));
    }

    // Same-type tensors are copied, not requantized: Q8_0 -> Q8_0 needs no flag and keeps the bytes.
    void sameTypeIsCopied() {
        const QString q8 = qdtest::fixturesDir() + "/shakespeare-Q8_0.gguf";
        auto r = quantizeModel(q8.toStdString(), path("same.gguf").toStdString(), optionsFor("Q8_0"));
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QCOMPARE(qdtest::fileSha256(path("same.gguf")), qdtest::fileSha256(q8));
    }

    // An F16 source converts through the same path (F16 -> float -> Q8_0) as llama.cpp.
    void halfSource() {
        const std::string f16 = (qdtest::fixturesDir() + "/shakespeare-F16.gguf").toStdString();
        auto r = quantizeModel(f16, path("h.gguf").toStdString(), optionsFor("F32"));
        QVERIFY(r.ok());
        auto a = GgufFile::open(path("h.gguf").toStdString());
        auto b = GgufFile::open(f16);
        QVERIFY(a.ok() && b.ok());
        const auto* ta = a->findTensor("blk.1.ffn_up.weight");
        QCOMPARE(ta->type, GgmlType::F32);
        const auto fa = toFloats(*a, *ta);
        auto hb = b->tensorData(*b->findTensor("blk.1.ffn_up.weight"));
        for (size_t i = 0; i < fa.size(); i += 97) {
            uint16_t h;
            std::memcpy(&h, hb.data() + 2 * i, 2);
            QCOMPARE(fa[i], halfToFloat(h));
        }
    }
};

QTEST_GUILESS_MAIN(TestQuantizer)
#include "test_quantizer.moc"
