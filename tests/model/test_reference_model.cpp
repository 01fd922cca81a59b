// The reference forward pass against the PyTorch model's own greedy continuation.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>

#include "core/gguf/gguf_file.h"
#include "core/model/reference_model.h"

using namespace qd;

class TestReferenceModel : public QObject {
    Q_OBJECT

private:
    static QJsonObject readJson(const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    static int argmax(const std::vector<float>& v) {
        return static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
    }

private slots:
    void configFromFile() {
        auto file = GgufFile::open(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf");
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());
        auto c = loadModelConfig(*file);
        QVERIFY(c.ok());
        QCOMPARE(c->nLayers, 4);
        QCOMPARE(c->nEmbd, 256);
        QCOMPARE(c->nFf, 768);
        QCOMPARE(c->nHead, 8);
        QCOMPARE(c->nHeadKv, 4);
        QCOMPARE(c->headDim, 32);
        QCOMPARE(c->ropeDim, 32);
        QCOMPARE(c->vocabSize, 1024);
        QCOMPARE(c->contextLength, 256);
        QCOMPARE(c->ropeBase, 10000.0f);
    }

    // Greedy decoding of the recorded prompt reproduces the PyTorch model's continuation token for token.
    void greedyMatchesPyTorch() {
        const QJsonObject ref = readJson(QD_SHARED_DIR "/models/shakespeare-llama/reference.json");
        const QJsonArray prompt = ref["prompt_ids"].toArray();
        const QJsonArray expected = ref["greedy_ids"].toArray();
        QVERIFY(prompt.size() > 0 && expected.size() > prompt.size());

        auto file = GgufFile::open(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf");
        QVERIFY(file.ok());
        auto model = ReferenceModel::load(*file, 256);
        QVERIFY2(model.ok(), model.ok() ? "" : model.message().c_str());

        std::vector<int> tokens;
        for (const auto& t : prompt) tokens.push_back(t.toInt());
        std::vector<float> logits;
        for (size_t pos = 0; pos < tokens.size(); ++pos) {
            auto r = model->forward(tokens[pos], static_cast<int>(pos));
            QVERIFY(r.ok());
            logits = std::move(r.value());
        }
        while (tokens.size() < static_cast<size_t>(expected.size())) {
            const int next = argmax(logits);
            tokens.push_back(next);
            auto r = model->forward(next, static_cast<int>(tokens.size() - 1));
            QVERIFY(r.ok());
            logits = std::move(r.value());
        }
        for (int i = 0; i < expected.size(); ++i) QCOMPARE(tokens[static_cast<size_t>(i)], expected[i].toInt());
    }

    void rejectsBadInput() {
        auto file = GgufFile::open(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf");
        QVERIFY(file.ok());
        auto model = ReferenceModel::load(*file, 16);
        QVERIFY(model.ok());
        QVERIFY(!model->forward(5000, 0).ok());
        QVERIFY(!model->forward(1, 16).ok());
        auto vocabOnly = GgufFile::open(QD_SHARED_DIR "/vocab/ggml-vocab-gpt-2.gguf");
        QVERIFY(vocabOnly.ok());
        auto bad = ReferenceModel::load(*vocabOnly, 16);
        QVERIFY(!bad.ok());
        QVERIFY2(QString::fromStdString(bad.message()).contains("gpt2"), bad.message().c_str());
    }
};

QTEST_GUILESS_MAIN(TestReferenceModel)
#include "test_reference_model.moc"
