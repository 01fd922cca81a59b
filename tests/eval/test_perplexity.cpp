// Perplexity and KL divergence of every llama.cpp mix of the shakespeare model on the held-out text,
// against the values llama.cpp measured (fixtures/llamacpp/reference.json), same context and method.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

#include "test_files.h"
#include "core/eval/log_prob_store.h"
#include "core/eval/perplexity.h"
#include "core/gguf/model_summary.h"

using namespace qd;
using testfiles::readJson;
using testfiles::readText;

namespace {

const QString kFixtures = QD_SHARED_DIR "/fixtures/llamacpp/";

}  // namespace

class TestPerplexity : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QJsonObject m_reference;
    std::string m_text;
    int m_context = 0;
    QString m_basePath;
    struct Measured {
        double ppl, kld, kldError, bpw;
    };
    std::map<QString, Measured> m_measured;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_reference = readJson(kFixtures + "reference.json");
        m_context = m_reference["perplexity"].toObject()["context"].toInt();
        QCOMPARE(m_context, 128);
        m_text = readText(QD_SHARED_DIR "/" + m_reference["perplexity"].toObject()["text"].toString());
        QVERIFY(m_text.size() > 10000);
        m_basePath = m_dir.filePath("base.qdlp");
    }

    // The F32 model: llama.cpp's perplexity to the printed precision; its log-probabilities become the
    // base of the KL divergence measurements below.
    void baseModel() {
        EngineOptions opt;
        opt.contextLength = m_context;
        opt.threads = 2;
        auto model = Model::load((kFixtures + "shakespeare-F32.gguf").toStdString(), opt);
        QVERIFY(model.ok());
        auto tok = Tokenizer::fromGguf((*model)->file());
        QVERIFY(tok.ok());
        PerplexitySettings s;
        s.context = m_context;
        s.saveBaseLogProbs = m_basePath.toStdString();
        int progressCalls = 0, chunkReports = 0, lastDone = 0;
        auto r = measurePerplexity(**model, *tok, m_text, s, [&](int done, int total, double) {
            ++progressCalls;
            if (done == lastDone + 1) ++chunkReports;  // a chunk finished (the others are per-layer checks)
            else if (done != lastDone) return false;
            lastDone = done;
            return done <= total;
        });
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        const QJsonObject f32 = m_reference["mixes"].toObject()["F32"].toObject();
        QCOMPARE(r->chunks, 250);
        QCOMPARE(chunkReports, r->chunks);
        QCOMPARE(progressCalls, r->chunks * (4 + 1));  // before each of the 4 layers, and after the chunk
        QCOMPARE(r->scored, 250 * 63);
        QVERIFY2(std::fabs(r->ppl - f32["ppl"].toDouble()) < 5e-4, qPrintable(QString::number(r->ppl, 'f', 5)));
        QVERIFY(std::fabs(r->pplError - f32["ppl_err"].toDouble()) < 5e-5);
        auto stored = LogProbReader::open(m_basePath.toStdString());
        QVERIFY(stored.ok());
        QCOMPARE(stored->header().chunks, 250u);
    }

    // Every mix, with the activations quantized for the dot products as llama.cpp's CPU backend does:
    // perplexity within 0.5% and mean KL divergence within its uncertainty or 5% of llama.cpp's.
    void mixes_data() {
        QTest::addColumn<QString>("mix");
        for (const QString& mix : readJson(kFixtures + "reference.json")["mixes"].toObject().keys())
            if (mix != "F32") QTest::newRow(qPrintable(mix)) << mix;
    }
    void mixes() {
        QFETCH(QString, mix);
        const QJsonObject ref = m_reference["mixes"].toObject()[mix].toObject();
        EngineOptions opt;
        opt.contextLength = m_context;
        opt.threads = 2;
        opt.gemm = GemmMode::DotKernels;
        auto model = Model::load((kFixtures + ref["file"].toString()).toStdString(), opt);
        QVERIFY2(model.ok(), model.ok() ? "" : model.message().c_str());
        auto tok = Tokenizer::fromGguf((*model)->file());
        QVERIFY(tok.ok());
        PerplexitySettings s;
        s.context = m_context;
        s.compareTo = m_basePath.toStdString();
        auto r = measurePerplexity(**model, *tok, m_text, s);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QVERIFY(r->kl.has_value());
        const double ppl = ref["ppl"].toDouble(), kld = ref["kld_mean_vs_F32"].toDouble();
        qInfo("%s: PPL %.4f (llama.cpp %.4f), KLD %.6f ± %.6f (llama.cpp %.6f), same top %.2f%% (llama.cpp %.2f%%)",
              qPrintable(mix), r->ppl, ppl, r->kl->kld.mean, r->kl->kld.error, kld, r->kl->sameTopPercent.mean,
              ref["same_top_token_pct"].toDouble());
        QVERIFY2(std::fabs(r->ppl - ppl) / ppl < 0.005, qPrintable(QString("PPL %1 vs %2").arg(r->ppl).arg(ppl)));
        const double allowed = std::max(r->kl->kld.error, 0.05 * kld) + 2e-6;  // 2e-6: the printed precision
        QVERIFY2(std::fabs(r->kl->kld.mean - kld) <= allowed,
                 qPrintable(QString("KLD %1 vs %2 (allowed %3)").arg(r->kl->kld.mean).arg(kld).arg(allowed)));
        m_measured[mix] = {r->ppl, r->kl->kld.mean, r->kl->kld.error, summarize((*model)->file()).bitsPerWeight};
    }

    // The mixes come out in llama.cpp's order of KL divergence wherever llama.cpp's values are clearly
    // apart (more than 10%): fewer bits, more divergence.
    void orderMatches() {
        const QJsonObject mixes = m_reference["mixes"].toObject();
        QVERIFY(m_measured.size() + 1 == static_cast<size_t>(mixes.size()));
        for (const auto& [a, ma] : m_measured) {
            for (const auto& [b, mb] : m_measured) {
                const double ka = mixes[a].toObject()["kld_mean_vs_F32"].toDouble();
                const double kb = mixes[b].toObject()["kld_mean_vs_F32"].toDouble();
                if (ka < kb * 0.9) QVERIFY2(ma.kld < mb.kld, qPrintable(a + " vs " + b));
            }
        }
    }

    void errors() {
        EngineOptions opt;
        opt.contextLength = 64;
        opt.threads = 1;
        auto model = Model::load((kFixtures + "shakespeare-Q8_0.gguf").toStdString(), opt);
        QVERIFY(model.ok());
        auto tok = Tokenizer::fromGguf((*model)->file());
        QVERIFY(tok.ok());
        PerplexitySettings s;
        s.context = 64;
        auto shortText = measurePerplexity(**model, *tok, "To be or not to be", s);
        QVERIFY(!shortText.ok());
        QVERIFY(QString::fromStdString(shortText.message()).contains("at least 128"));
        s.context = 128;
        QVERIFY(!measurePerplexity(**model, *tok, m_text, s).ok());  // larger than the model's context
        s.context = 64;
        s.compareTo = m_basePath.toStdString();  // made at context 128
        auto mismatch = measurePerplexity(**model, *tok, m_text, s);
        QVERIFY(!mismatch.ok());
        QVERIFY(QString::fromStdString(mismatch.message()).contains("other text, settings"));
        s.compareTo.clear();
        int calls = 0;
        auto cancelled = measurePerplexity(**model, *tok, m_text, s, [&](int, int, double) { return ++calls < 3; });
        QVERIFY(!cancelled.ok());
        QCOMPARE(calls, 3);  // the third call is the check before the first chunk's third layer
        QCOMPARE(QString::fromStdString(cancelled.message()), QString("cancelled"));
        QVERIFY(cancelled.cancelled());
        // a corrupt base file is refused with a clear message
        QFile bad(m_dir.filePath("bad.qdlp"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("QDLP garbage");
        bad.close();
        auto corrupt = LogProbReader::open(bad.fileName().toStdString());
        QVERIFY(!corrupt.ok());
    }
};

QTEST_GUILESS_MAIN(TestPerplexity)
#include "test_perplexity.moc"
