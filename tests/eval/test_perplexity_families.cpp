// Perplexity and KL divergence of BLOOM, Falcon and ChatGLM variants on the held-out text against what
// llama.cpp measured (fixtures/llamacpp/<family>/reference.json: llama-perplexity at context 128,
// KL divergence against its F32 conversion): perplexity within 0.1%, mean KL divergence within its
// standard error (plus the printed precision). The F32 base is our conversion of the checkpoint and
// the variants llama.cpp did not ship are our quantizations of it, both byte-identical to llama.cpp's
// (test_import_families).
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "test_files.h"
#include "core/convert/import_model.h"
#include "core/eval/perplexity.h"
#include "core/quant/quantizer.h"

using namespace qd;
using testfiles::readJson;
using testfiles::readText;

namespace {

const QString kShared = QString::fromUtf8(QD_SHARED_DIR);
const char* const kFamilies[] = {"bloom", "falcon", "chatglm"};
// The shipped files (F16, Q8_0, Q4_0, Q4_K and Q6_K kernels) and Q2_K (Q2_K, Q3_K, Q4_K): what CI can
// afford. Nine mixes per family (these and Q6_K, Q5_K_M, Q3_K_M, IQ4_XS) passed the same bounds when
// this test was written (6.5 minutes on 2 cores beside a build).
const char* const kShipped[] = {"F16", "Q8_0", "Q4_K_M", "Q4_0"};
const char* const kQuantized[] = {"Q2_K"};

}  // namespace

class TestPerplexityFamilies : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_text;

    QString base(const QString& family) const { return m_dir.filePath(family + ".qdlp"); }

    Result<PerplexityResult> measure(const QString& path, const QString& family, bool saveBase) {
        EngineOptions opt;
        opt.contextLength = 128;
        opt.threads = 2;
        opt.gemm = GemmMode::DotKernels;  // quantized activations, as llama.cpp's CPU backend
        auto model = Model::load(path.toStdString(), opt);
        if (!model) return model.error();
        auto tok = Tokenizer::fromGguf((*model)->file());
        if (!tok) return tok.error();
        PerplexitySettings s;
        s.context = 128;
        (saveBase ? s.saveBaseLogProbs : s.compareTo) = base(family).toStdString();
        return measurePerplexity(**model, *tok, m_text, s);
    }

private slots:
    void initTestCase() {
        if (!qEnvironmentVariableIsSet("QUANTDESK_ISA")) qputenv("QUANTDESK_ISA", "avx2");
        QVERIFY(m_dir.isValid());
        m_text = readText(kShared + "/text/shakespeare-val.txt");
        QVERIFY(m_text.size() > 10000);
    }

    // The F32 conversion: llama.cpp's perplexity, and the base of the KL divergences below.
    void baseModels_data() {
        QTest::addColumn<QString>("family");
        for (const char* family : kFamilies) QTest::newRow(family) << family;
    }
    void baseModels() {
        QFETCH(QString, family);
        const QJsonObject ref = readJson(kShared + "/fixtures/llamacpp/" + family + "/reference.json");
        QCOMPARE(ref["perplexity"].toObject()["context"].toInt(), 128);
        ImportOptions io;
        io.type = ImportType::F32;
        const QString f32 = m_dir.filePath(family + "-F32.gguf");
        QVERIFY(importModel((kShared + "/models/shakespeare-" + family).toStdString(), f32.toStdString(), io).ok());
        auto r = measure(f32, family, true);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        const double ppl = ref["mixes"].toObject()["F32"].toObject()["ppl"].toDouble();
        qInfo("%s F32: PPL %.5f (llama.cpp %.5f)", qPrintable(family), r->ppl, ppl);
        QVERIFY2(std::fabs(r->ppl - ppl) / ppl < 1e-3, qPrintable(QString("PPL %1 vs %2").arg(r->ppl).arg(ppl)));
    }

    void mixes_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("mix");
        for (const char* family : kFamilies) {
            for (const char* mix : kShipped) QTest::newRow(qPrintable(QString("%1 %2").arg(family, mix))) << family << mix;
            for (const char* mix : kQuantized) QTest::newRow(qPrintable(QString("%1 %2").arg(family, mix))) << family << mix;
        }
    }
    void mixes() {
        QFETCH(QString, family);
        QFETCH(QString, mix);
        QVERIFY2(QFile::exists(base(family)), "the base model ran first");
        QString path = kShared + "/fixtures/llamacpp/" + family + "/shakespeare-" + family + "-" + mix + ".gguf";
        if (!QFile::exists(path)) {
            path = m_dir.filePath(family + "-" + mix + ".gguf");
            QuantizeOptions q;
            q.mix.mix = *mixByName(mix.toStdString());
            q.threads = 2;
            auto made = quantizeModel(m_dir.filePath(family + "-F32.gguf").toStdString(), path.toStdString(), q);
            QVERIFY2(made.ok(), made.ok() ? "" : made.message().c_str());
        }
        auto r = measure(path, family, false);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QVERIFY(r->kl.has_value());
        const QJsonObject ref =
            readJson(kShared + "/fixtures/llamacpp/" + family + "/reference.json")["mixes"].toObject()[mix].toObject();
        const double ppl = ref["ppl"].toDouble(), kld = ref["kld_mean_vs_F32"].toDouble();
        qInfo("%s %s: PPL %.5f (llama.cpp %.5f), KLD %.6f ± %.6f (llama.cpp %.6f ± %.6f)", qPrintable(family),
              qPrintable(mix), r->ppl, ppl, r->kl->kld.mean, r->kl->kld.error, kld, ref["kld_err"].toDouble());
        QVERIFY2(std::fabs(r->ppl - ppl) / ppl < 1e-3, qPrintable(QString("PPL %1 vs %2").arg(r->ppl).arg(ppl)));
        const double allowed = r->kl->kld.error + 2e-6;  // 2e-6: the printed precision
        QVERIFY2(std::fabs(r->kl->kld.mean - kld) <= allowed,
                 qPrintable(QString("KLD %1 vs %2 (allowed %3)").arg(r->kl->kld.mean).arg(kld).arg(allowed)));
    }
};

QTEST_GUILESS_MAIN(TestPerplexityFamilies)
#include "test_perplexity_families.moc"
