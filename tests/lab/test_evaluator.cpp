// The lab's evaluator on the shakespeare model: the in-memory quality of the QK 32 type-0 4-bit point
// equals what the engine measures on llama.cpp's own all-Q4_0 file (within the standard error), weight
// errors order as they must, and bits per weight and padding are counted from the serialized bytes.
// A quantized base (the demo's Q8_0) is expanded to F32 and measured against the weights it holds.
#include <QTemporaryDir>
#include <QFileInfo>
#include <QtTest>

#include <cmath>

#include "core/engine/model.h"
#include "core/eval/perplexity.h"
#include "core/gguf/gguf_file.h"
#include "core/lab/evaluator.h"
#include "core/tokenizer/tokenizer.h"

#include <fstream>
#include <sstream>

using namespace qd;
using namespace qd::lab;

namespace {
const std::string kFixtures = QD_SHARED_DIR "/fixtures/llamacpp/";
}

class TestEvaluator : public QObject {
    Q_OBJECT

private slots:
    void inMemoryEqualsTheRealFile() {
        QTemporaryDir dir;
        EvaluatorSettings s;
        s.base = kFixtures + "shakespeare-F32.gguf";
        s.textFile = QD_SHARED_DIR "/text/shakespeare-val.txt";
        s.workDir = dir.filePath("lab").toStdString();
        s.context = 128;
        s.maxChunks = 12;
        s.threads = 2;
        auto e = Evaluator::open(s);
        QVERIFY2(e.ok(), e.ok() ? "" : e.message().c_str());
        QVERIFY((*e)->base().ppl > 10);
        const BlockFormat q40{Family::Symmetric, 32, 4, ScaleFormat::F16};
        auto mine = (*e)->quality(q40, ScaleRule::Extremes);
        QVERIFY2(mine.ok(), mine.ok() ? "" : mine.message().c_str());

        // The same point as a file: llama.cpp's --pure Q4_0 (every matrix Q4_0), measured by the engine
        // against the same base log-probabilities.
        EngineOptions engine;
        engine.contextLength = 128;
        engine.threads = 2;
        engine.batchSize = 128;
        engine.gemm = GemmMode::DotKernels;
        auto model = Model::load(kFixtures + "pure/shakespeare-pure-Q4_0.gguf", engine);
        QVERIFY(model.ok());
        auto tok = Tokenizer::fromGguf((*model)->file());
        QVERIFY(tok.ok());
        std::ifstream in(s.textFile);
        std::stringstream text;
        text << in.rdbuf();
        PerplexitySettings ps;
        ps.context = 128;
        ps.maxChunks = 12;
        ps.compareTo = s.workDir / "lab-base.qdlp";
        auto file = measurePerplexity(**model, *tok, text.str(), ps);
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());
        QVERIFY(file->kl.has_value());
        const double diff = std::fabs(mine->kld - file->kl->kld.mean);
        qInfo("KLD in memory %.6f ± %.6f, file %.6f ± %.6f; PPL %.4f vs %.4f", mine->kld, mine->kldError, file->kl->kld.mean,
              file->kl->kld.error, mine->ppl, file->ppl);
        QVERIFY(mine->kld > 0);
        QVERIFY2(diff <= std::max(mine->kldError, file->kl->kld.error), "in-memory and file KL divergence differ by more than an error");
        QVERIFY(std::fabs(mine->ppl - file->ppl) <= std::max(mine->pplError, file->pplError));

        // Weight error: eight bits beat four; the searched scale beats the extremes; QK 96 pads the
        // 256-wide rows (768 is a multiple).
        auto w4 = (*e)->weightError(q40, ScaleRule::Extremes);
        auto w4s = (*e)->weightError(q40, ScaleRule::Search);
        auto w8 = (*e)->weightError({Family::Symmetric, 32, 8, ScaleFormat::F16}, ScaleRule::Extremes);
        QVERIFY(w4.ok() && w4s.ok() && w8.ok());
        QVERIFY(w8->rmse < w4->rmse / 8);
        QVERIFY(w4s->rmse < w4->rmse);
        QVERIFY(w4->p99 <= w4->maxAbs && w4->p99 > w4->rmse);
        QCOMPARE(w4->bitsPerWeight, 4.5);
        QCOMPARE(w4->paddedTensors, 0);
        QVERIFY(w4->rmseByKind.count("attn_q.weight") == 1 && w4->rmseByKind.count("token_embd.weight") == 1);
        auto f = GgufFile::open(s.base);
        QVERIFY(f.ok());
        int expectPadded = 0;
        for (const auto& t : f->tensors())
            if (t.dims.size() >= 2 && t.rowLength() % 96 != 0) ++expectPadded;
        QVERIFY(expectPadded > 0);
        auto w96 = (*e)->weightError({Family::Symmetric, 96, 4, ScaleFormat::F16}, ScaleRule::Search);
        QVERIFY(w96.ok());
        QCOMPARE(w96->paddedTensors, expectPadded);
        QVERIFY(w96->bitsPerWeight > 4.0 + 16.0 / 96.0);  // the padding costs bits
    }

    // A quantized base is expanded to F32 and measured as it is: its own format (Q8_0 by ggml's rule, the
    // extremes rule at QK 32 and 8 bits) gives back exactly the weights it holds, a coarser one does not.
    void expandsAQuantizedBase() {
        QTemporaryDir dir;
        EvaluatorSettings s;
        s.base = kFixtures + "shakespeare-Q8_0.gguf";
        s.textFile = QD_SHARED_DIR "/text/shakespeare-val.txt";
        s.workDir = dir.filePath("lab").toStdString();
        s.context = 64;
        s.maxChunks = 2;
        auto e = Evaluator::open(s);
        QVERIFY2(e.ok(), e.ok() ? "" : e.message().c_str());
        QCOMPARE((*e)->baseWeightType(), std::string("Q8_0"));
        QVERIFY(QFileInfo(dir.filePath("lab/lab-base-f32.gguf")).size() > 3 * 3700000);
        auto same = (*e)->weightError({Family::Symmetric, 32, 8, ScaleFormat::F16}, ScaleRule::Extremes);
        QVERIFY(same.ok());
        QCOMPARE(same->rmse, 0.0);
        auto coarse = (*e)->weightError({Family::Symmetric, 32, 4, ScaleFormat::F16}, ScaleRule::Extremes);
        QVERIFY(coarse.ok());
        QVERIFY(coarse->rmse > 1e-4);
        QVERIFY((*e)->base().ppl > 1.0);
        // K-style pads to whole super-blocks: 512 divides none of the model's row widths (256 and 768), 256
        // divides both.
        BlockFormat k{Family::KStyle, 32, 4, ScaleFormat::F16};
        k.superBlock = 256;
        auto whole = (*e)->weightError(k, ScaleRule::Search);
        QVERIFY(whole.ok());
        QCOMPARE(whole->paddedTensors, 0);
        QCOMPARE(whole->bitsPerWeight, 4.5);
        k.superBlock = 512;
        auto padded = (*e)->weightError(k, ScaleRule::Search);
        QVERIFY(padded.ok());
        QCOMPARE(padded->paddedTensors, 30);  // every weight matrix of the 4 layers, embeddings and output
        QVERIFY(padded->bitsPerWeight > 4.5);
    }
};

QTEST_APPLESS_MAIN(TestEvaluator)
#include "test_evaluator.moc"
