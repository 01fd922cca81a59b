// The fast forward pass against the reference forward pass and against recorded greedy continuations.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "engine/greedy_tokens.h"
#include "engine/llama_simple_text.h"
#include "reference_logits.h"
#include "test_files.h"
#include "core/engine/model.h"
#include "core/engine/generator.h"
#include "core/eval/compare.h"
#include "core/model/reference_model.h"
#include "core/tokenizer/tokenizer.h"

using namespace qd;
using testfiles::readJson;

namespace {

const char* kFixtures = QD_SHARED_DIR "/fixtures/llamacpp/";

std::vector<int32_t> promptIds() {
    std::vector<int32_t> ids;
    for (const auto& t : readJson(QD_SHARED_DIR "/models/shakespeare-llama/reference.json")["prompt_ids"].toArray())
        ids.push_back(t.toInt());
    return ids;
}

// A fixed 40-token input taken from the held-out text's ids.
std::vector<int32_t> heldoutIds(int n) {
    std::vector<int32_t> ids;
    const QJsonArray all = readJson(QString(kFixtures) + "reference.json")["tokens"].toObject()["heldout_text_ids"].toArray();
    for (int i = 0; i < n && i < all.size(); ++i) ids.push_back(all[i].toInt());
    return ids;
}

}  // namespace

class TestLlamaModel : public QObject {
    Q_OBJECT

private slots:
    // Every position's logits agree with the scalar double-accumulating oracle, in both GEMM modes
    // (prompt batches through OpenBLAS, and the dot kernels used for decoding).
    void logitsMatchReference_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("mode");
        QTest::addColumn<double>("tolerance");
        // F32 weights: only the F16 KV cache and quantized activations separate the two paths.
        QTest::newRow("F32 dot") << "shakespeare-F32.gguf" << int(GemmMode::DotKernels) << 0.05;
        QTest::newRow("F32 blas") << "shakespeare-F32.gguf" << int(GemmMode::Blas) << 0.05;
        // Quantized weights: the dot kernels also quantize the activations (Q8_0 / Q8_K, as llama.cpp
        // does), which the float oracle does not; OpenBLAS tiles keep float activations.
        QTest::newRow("Q8_0 dot") << "shakespeare-Q8_0.gguf" << int(GemmMode::DotKernels) << 0.15;
        QTest::newRow("Q8_0 blas") << "shakespeare-Q8_0.gguf" << int(GemmMode::Blas) << 0.05;
        QTest::newRow("Q4_K_M dot") << "shakespeare-Q4_K_M.gguf" << int(GemmMode::DotKernels) << 0.3;
        QTest::newRow("Q4_K_M blas") << "shakespeare-Q4_K_M.gguf" << int(GemmMode::Blas) << 0.05;
        // Q4_0 decodes through the eight-row kernel (dot.h kDotRows).
        QTest::newRow("Q4_0 dot") << "shakespeare-Q4_0.gguf" << int(GemmMode::DotKernels) << 0.3;
        QTest::newRow("Q4_0 blas") << "shakespeare-Q4_0.gguf" << int(GemmMode::Blas) << 0.05;
    }
    void logitsMatchReference() {
        QFETCH(QString, file);
        QFETCH(int, mode);
        QFETCH(double, tolerance);
        const QString path = QString(kFixtures) + file;
        auto gguf = GgufFile::open(path.toStdString());
        QVERIFY(gguf.ok());
        auto ref = ReferenceModel::load(*gguf, 64);
        QVERIFY2(ref.ok(), ref.ok() ? "" : ref.message().c_str());
        EngineOptions opt;
        opt.contextLength = 64;
        opt.threads = 2;
        opt.gemm = static_cast<GemmMode>(mode);
        auto model = Model::load(path.toStdString(), opt);
        QVERIFY2(model.ok(), model.ok() ? "" : model.message().c_str());

        const std::vector<int32_t> ids = heldoutIds(40);
        std::vector<float> fast;
        QVERIFY((*model)->eval(ids, 0, fast, true).ok());
        const auto d = testref::compareWithReference(*ref, ids, fast, (*model)->config().vocabSize);
        QVERIFY(d.ok);
        const double worst = d.maxDiff;
        const int sameTop = d.sameTop;
        QVERIFY2(worst < tolerance, qPrintable(QString("max logit difference %1").arg(worst)));
        QVERIFY2(sameTop >= 39, qPrintable(QString("same top token at %1 of 40 positions").arg(sameTop)));
    }

    // Feeding a prompt as one batch or token by token gives the same logits (the cache is consistent).
    void batchEqualsIncremental() {
        EngineOptions opt;
        opt.contextLength = 64;
        opt.threads = 2;
        auto a = Model::load(std::string(kFixtures) + "shakespeare-Q8_0.gguf", opt);
        auto b = Model::load(std::string(kFixtures) + "shakespeare-Q8_0.gguf", opt);
        QVERIFY(a.ok() && b.ok());
        const std::vector<int32_t> ids = heldoutIds(20);
        std::vector<float> la, lb;
        QVERIFY((*a)->eval(ids, 0, la).ok());
        for (size_t i = 0; i < ids.size(); ++i) QVERIFY((*b)->eval(std::span(&ids[i], 1), static_cast<int>(i), lb).ok());
        double worst = 0.0;
        for (size_t i = 0; i < la.size(); ++i) worst = std::max(worst, std::fabs(double(la[i]) - lb[i]));
        QVERIFY2(worst < 1e-3, qPrintable(QString("max difference %1").arg(worst)));
    }

    // The F32 model's greedy continuation equals the PyTorch model's own, token for token.
    void greedyMatchesPyTorch() {
        const QJsonArray expected = readJson(QD_SHARED_DIR "/models/shakespeare-llama/reference.json")["greedy_ids"].toArray();
        EngineOptions opt;
        opt.threads = 2;
        auto model = Model::load(std::string(kFixtures) + "shakespeare-F32.gguf", opt);
        QVERIFY(model.ok());
        const std::vector<int32_t> tokens = greedyTokens(**model, promptIds(), static_cast<size_t>(expected.size()));
        QCOMPARE(tokens.size(), static_cast<size_t>(expected.size()));  // empty when the engine failed
        for (int i = 0; i < expected.size(); ++i) QCOMPARE(tokens[static_cast<size_t>(i)], expected[i].toInt());
    }

    // Greedy continuations equal llama.cpp's (llama-simple, recorded in reference.json) for the files
    // the issue names. The text is every token's piece with BOS shown as "<s>", as llama-simple prints.
    void initTestCase() {
        // The llama.cpp greedy references come from an x86 build with AVX2; our AVX2 kernels carry its
        // arithmetic. Chosen before the kernel table is first built (other levels: test_kernels).
        if (!qEnvironmentVariableIsSet("QUANTDESK_ISA")) qputenv("QUANTDESK_ISA", "avx2");
    }

    void greedyMatchesLlamaCpp_data() {
        QTest::addColumn<QString>("mix");
        for (const char* mix : {"F32", "F16", "Q8_0", "Q4_0"}) QTest::newRow(mix) << mix;
    }
    void greedyMatchesLlamaCpp() {
        QFETCH(QString, mix);
        const QJsonObject ref = readJson(QString(kFixtures) + "reference.json");
        const QString expected = ref["mixes"].toObject()[mix].toObject()["greedy_text"].toString();
        const QJsonObject how = ref["greedy"].toObject();
        QVERIFY(!expected.isEmpty());
        EngineOptions opt;
        opt.threads = 2;
        auto model = Model::load((QString(kFixtures) + "shakespeare-" + mix + ".gguf").toStdString(), opt);
        QVERIFY2(model.ok(), model.ok() ? "" : model.message().c_str());
        auto tokenizer = Tokenizer::fromGguf((*model)->file());
        QVERIFY(tokenizer.ok());
        const std::string text = llamaSimpleText(**model, *tokenizer, how["prompt"].toString().toStdString(), how["n_predict"].toInt());
        QCOMPARE(QString::fromStdString(text), expected);
    }

    void errors() {
        auto missing = Model::load("/nonexistent/model.gguf");
        QVERIFY(!missing.ok());
        QVERIFY(QString::fromStdString(missing.message()).contains("no such file"));
        EngineOptions opt;
        opt.contextLength = 8;
        opt.threads = 1;
        auto model = Model::load(std::string(kFixtures) + "shakespeare-Q8_0.gguf", opt);
        QVERIFY(model.ok());
        std::vector<float> logits;
        std::vector<int32_t> nine(9, 5);
        auto full = (*model)->eval(nine, 0, logits);
        QVERIFY(!full.ok());
        QVERIFY(QString::fromStdString(full.message()).contains("context is full"));
        std::vector<int32_t> bad = {1, 4096};
        QVERIFY(!(*model)->eval(bad, 0, logits).ok());
        QCOMPARE(int(missing.kind()), int(ErrorKind::Io));
    }

    // One cancel convention: a ProgressFn returning false stops a prompt batch before its next layer, a
    // generation before its next token and a speed run inside its prompt, each ending in cancelledError().
    void cancelStopsWithinALayer() {
        EngineOptions opt;
        opt.threads = 1;
        auto model = Model::load(std::string(kFixtures) + "shakespeare-Q8_0.gguf", opt);
        QVERIFY(model.ok());
        const std::vector<int32_t> ids = heldoutIds(40);
        std::vector<float> logits;
        int calls = 0;
        std::vector<uint64_t> seen, totals;
        auto stopAtThird = [&](const Progress& p) {
            seen.push_back(p.done);
            totals.push_back(p.total);
            return ++calls < 3;
        };
        auto s = (*model)->eval(ids, 0, logits, true, stopAtThird);
        QVERIFY(!s.ok());
        QVERIFY(s.cancelled());
        QCOMPARE(int(s.kind()), int(ErrorKind::Cancelled));
        QCOMPARE(calls, 3);  // stopped before layer 2 ran
        QCOMPARE(seen, (std::vector<uint64_t>{0, 1, 2}));
        QCOMPARE(totals, (std::vector<uint64_t>{4, 4, 4}));  // 4 layers x 1 batch
        // The model is still usable: the same tokens evaluate as before.
        QVERIFY((*model)->eval(ids, 0, logits, true, [](const Progress&) { return true; }).ok());

        auto tok = Tokenizer::fromGguf((*model)->file());
        QVERIFY(tok.ok());
        Generator gen(**model, *tok);
        GenerationSettings settings;
        settings.sampler.temperature = 0.0f;
        settings.maxTokens = 16;
        int pieces = 0;
        int progressCalls = 0;
        auto stopAfterPrompt = [&](const Progress& p) {
            ++progressCalls;
            return p.stage != "generating" || p.done < ids.size() + 3;  // three tokens, then stop
        };
        auto stats = gen.generate(ids, settings, [&](std::string_view) { return ++pieces, true; }, stopAfterPrompt);
        QVERIFY2(stats.ok(), stats.ok() ? "" : stats.message().c_str());
        QCOMPARE(int(stats->stopReason), int(StopReason::Cancelled));
        QCOMPARE(stats->generatedTokens, 3);
        QVERIFY(progressCalls > 4);  // per layer of the prompt, then per token
        auto early = gen.generate(heldoutIds(30), settings, {}, [](const Progress&) { return false; });
        QVERIFY(early.ok());
        QCOMPARE(int(early->stopReason), int(StopReason::Cancelled));
        QCOMPARE(early->generatedTokens, 0);

        int speedCalls = 0;
        auto speed = measureSpeed(**model, 16, 4, [&](const Progress& p) { return p.done < 16 || ++speedCalls < 2; });
        QVERIFY(!speed.ok());
        QVERIFY(speed.cancelled());
        QCOMPARE(speedCalls, 2);  // the prompt ran, then one generated token, then the stop
    }
};

QTEST_GUILESS_MAIN(TestLlamaModel)
#include "test_llama_model.moc"
