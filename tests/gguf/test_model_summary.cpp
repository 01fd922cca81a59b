// summarize(): what QuantDesk tells a person about a model file, checked against llama.cpp's files (with
// expectations from manifest.json and the checkpoint's known shape) and files written here.
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

#include "core/gguf/file_type.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/engine/run_check.h"
#include "core/gguf/model_summary.h"
#include "gguf/gguf_test_support.h"

using namespace qdtest;

class TestModelSummary : public QObject {
    Q_OBJECT

private:
    QJsonObject m_manifest;

private slots:
    // The one check of "unquantized" every page uses: F32, F16 and BF16 by type and by name, nothing else.
    void unquantizedTypesAndNames() {
        int unquantized = 0;
        for (const auto& t : qd::ggmlTypeTable()) unquantized += qd::isUnquantized(t.type) ? 1 : 0;
        QCOMPARE(unquantized, 3);
        QVERIFY(qd::isUnquantized(qd::GgmlType::BF16) && !qd::isUnquantized(qd::GgmlType::Q8_0));
        for (const char* n : {"F32", "F16", "BF16"}) QVERIFY(qd::isUnquantizedName(n));
        for (const char* n : {"Q8_0", "f16", "Q4_K_M", ""}) QVERIFY(!qd::isUnquantizedName(n));
    }

    void initTestCase() {
        m_manifest = loadManifest();
        QVERIFY(!m_manifest.isEmpty());
    }

    // The shakespeare checkpoint: 4 layers, width 256, 8 heads, 4 KV heads, context 256, vocabulary 1024.
    void shakespeareQ4KM() {
        auto f = qd::GgufFile::open((fixturesDir() + "/shakespeare-Q4_K_M.gguf").toStdString());
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        const qd::ModelSummary s = qd::summarize(*f);
        QCOMPARE(s.architecture, std::string("llama"));
        QCOMPARE(s.blockCount, uint64_t(4));
        QCOMPARE(s.headCount, uint64_t(8));
        QCOMPARE(s.headCountKv, uint64_t(4));
        QCOMPARE(s.contextLength, uint64_t(256));
        QCOMPARE(s.embeddingLength, uint64_t(256));
        QCOMPARE(s.feedForwardLength, uint64_t(768));
        QCOMPARE(s.vocabSize, uint64_t(1024));
        QCOMPARE(s.tokenizerModel, std::string("llama"));
        QCOMPARE(s.tokenizerPre, std::string("default"));
        QCOMPARE(s.fileType, std::string("Q4_K_M"));
        QVERIFY(!s.fileTypeGuessed);
        QCOMPARE(s.ggufVersion, 3u);
        QVERIFY(!s.hasChatTemplate);

        // Counts and sizes from the manifest's tensor list.
        const QJsonObject m = m_manifest.value("shakespeare-Q4_K_M.gguf").toObject();
        uint64_t params = 0, bytes = 0;
        std::map<std::string, uint64_t> byType;
        for (const QJsonValue tv : m.value("tensors").toArray()) {
            const QJsonObject t = tv.toObject();
            uint64_t n = 1;
            for (const QJsonValue d : t.value("shape_ggml_order").toArray()) n *= uint64_t(d.toInteger());
            params += n;
            bytes += uint64_t(t.value("n_bytes").toInteger());
            ++byType[t.value("type").toString().toStdString()];
        }
        QCOMPARE(s.parameterCount, params);
        QCOMPARE(s.tensorBytes, bytes);
        QCOMPARE(s.tensorCount, uint64_t(m.value("tensors").toArray().size()));
        QCOMPARE(s.fileSize, uint64_t(m.value("file_size").toInteger()));
        QVERIFY(s.tensorsByType == byType);
        QCOMPARE(s.bitsPerWeight, double(bytes) * 8.0 / double(params));
        QCOMPARE(QString::fromStdString(s.name), m.value("metadata").toObject().value("general.name").toString());
        QCOMPARE(QString::fromStdString(s.sizeLabel), m.value("metadata").toObject().value("general.size_label").toString());

        // The shape as the checkpoint has it (token_embd 256 x 1024, 4 blocks of attention + FFN, norms,
        // output 256 x 1024): the manifest's sum must agree with it.
        const uint64_t perBlock = 256 * 256 * 2 + 256 * 128 * 2 + 256 * 768 * 3 + 256 * 2;
        QCOMPARE(params, uint64_t(256 * 1024 * 2 + 4 * perBlock + 256));

        // K and V for 256 tokens in F16: layers x KV heads x (head dim 32 for K + 32 for V) x 2 bytes.
        QCOMPARE(s.kvCacheBytes(256), uint64_t(4 * 4 * (32 + 32) * 2 * 256));
        QCOMPARE(s.kvCacheBytes(256, 4.0), uint64_t(4 * 4 * (32 + 32) * 4 * 256));
        QCOMPARE(s.memoryForContext(256), bytes + uint64_t(4 * 4 * 64 * 2 * 256));

        // Every fixture mix runs: the engine's verdict is empty, and summarize() alone gives none.
        QVERIFY(!s.runChecked);
        QVERIFY(s.unsupported.empty());
        const qd::ModelSummary checked = qd::summarizeModel(*f);
        QVERIFY(checked.runChecked);
        QVERIFY2(checked.unsupported.empty(), checked.unsupported.c_str());

        const qd::Json j = s.toJson();
        QCOMPARE(j.dump().find("\"file_type\":\"Q4_K_M\"") != std::string::npos ||
                     j.dump().find("\"file_type\": \"Q4_K_M\"") != std::string::npos,
                 true);
    }

    // Each mix's file type is named as llama-quantize named the file.
    void fileTypeOfEveryMix_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("mix");
        for (const auto& f : fixtureFiles()) {
            if (!f.key.startsWith("shakespeare-") || f.key.startsWith("shakespeare-pure-")) continue;
            QString mix = f.key.mid(12);
            mix.chop(5);
            QTest::newRow(qPrintable(mix)) << f.path << mix;
        }
    }

    void fileTypeOfEveryMix() {
        QFETCH(QString, path);
        QFETCH(QString, mix);
        auto f = qd::GgufFile::open(path.toStdString());
        QVERIFY(f.ok());
        const qd::ModelSummary s = qd::summarize(*f);
        QCOMPARE(QString::fromStdString(s.fileType), mix);
        QCOMPARE(s.parameterCount, uint64_t(3672320));  // the same model in every mix
        QCOMPARE(s.vocabSize, uint64_t(1024));
    }

    // A tensor QuantDesk cannot run is named, with its type, in the summary.
    void unrunnableTensorIsNamed() {
        QTemporaryDir dir;
        qd::GgufWriter w;
        w.set("general.architecture", qd::GgufValue::string("llama"));
        QVERIFY(w.addTensor("token_embd.weight", {256, 4}, qd::GgmlType::F32).ok());
        QVERIFY(w.addTensor("blk.0.attn_q.weight", {256, 256}, qd::GgmlType::IQ2_XXS).ok());
        QVERIFY(w.addTensor("blk.0.attn_k.weight", {256, 256}, qd::GgmlType::IQ2_XXS).ok());
        QVERIFY(!writePatternFile(w, dir.filePath("iq2.gguf")).isEmpty());
        auto f = qd::GgufFile::open(dir.filePath("iq2.gguf").toStdString());
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QCOMPARE(f->tensors()[1].nBytes, uint64_t(256 * 66));  // 256 rows of one 66-byte block
        const std::string expected = "tensor blk.0.attn_q.weight has type IQ2_XXS, which QuantDesk cannot run yet";
        const qd::ModelSummary s = qd::summarizeModel(*f);
        QCOMPARE(s.unsupported, expected);
        QCOMPARE(qd::runProblem(*f), expected);
        QCOMPARE(s.fileType, std::string("IQ2_XXS"));  // guessed: most 2-D tensors are IQ2_XXS
        QVERIFY(s.fileTypeGuessed);
        const std::string json = s.toJson().dump();
        QVERIFY(json.find("\"runnable\":false") != std::string::npos || json.find("\"runnable\": false") != std::string::npos);
        QVERIFY(json.find("which QuantDesk cannot run yet") != std::string::npos);
    }

    void runnableFileHasNoReason() {
        auto f = qd::GgufFile::open((fixturesDir() + "/shakespeare-F32.gguf").toStdString());
        QVERIFY(f.ok());
        const qd::ModelSummary s = qd::summarizeModel(*f);
        QVERIFY2(s.unsupported.empty(), s.unsupported.c_str());
        QCOMPARE(s.fileType, std::string("F32"));
        QCOMPARE(s.bitsPerWeight, 32.0);
    }

    void vocabOnlyFile() {
        auto f = qd::GgufFile::open((sharedDir() + "/vocab/ggml-vocab-gpt-2.gguf").toStdString());
        QVERIFY(f.ok());
        const qd::ModelSummary s = qd::summarizeModel(*f);
        QCOMPARE(s.tensorCount, uint64_t(0));
        QCOMPARE(s.parameterCount, uint64_t(0));
        QCOMPARE(s.unsupported, std::string("the file holds no tensors (a vocabulary-only file)"));
        QCOMPARE(s.vocabSize, f->find("tokenizer.ggml.tokens")->arraySize());
        QCOMPARE(s.tokenizerModel, std::string("gpt2"));
    }

    // A file without general.name is named after its file; without general.file_type the type is guessed.
    void fallbacks() {
        QTemporaryDir dir;
        qd::GgufWriter w;
        QVERIFY(w.addTensor("a", {256, 2}, qd::GgmlType::Q4_K).ok());
        QVERIFY(w.addTensor("b", {256, 2}, qd::GgmlType::Q4_K).ok());
        QVERIFY(w.addTensor("c", {256, 2}, qd::GgmlType::Q6_K).ok());
        QVERIFY(w.addTensor("n", {256}, qd::GgmlType::F32).ok());
        QVERIFY(!writePatternFile(w, dir.filePath("my-model.gguf")).isEmpty());
        auto f = qd::GgufFile::open(dir.filePath("my-model.gguf").toStdString());
        QVERIFY(f.ok());
        const qd::ModelSummary s = qd::summarize(*f);
        QCOMPARE(s.name, std::string("my-model"));
        QVERIFY(s.fileTypeGuessed);
        auto ft = qd::fileTypeByName(s.fileType);
        QVERIFY(ft.has_value());
        QCOMPARE(ft->mainType, qd::GgmlType::Q4_K);
        QCOMPARE(s.parameterCount, uint64_t(256 * 7));
        QCOMPARE(s.sizeLabel, std::string("1.8K"));
        QCOMPARE(s.architecture, std::string());
        QCOMPARE(s.kvCacheBytes(1000), uint64_t(0));
    }

    // Shape values from a file can be absurd; sizes saturate instead of wrapping or overflowing.
    void absurdShapeSaturates() {
        qd::ModelSummary s;
        s.blockCount = std::numeric_limits<uint64_t>::max();
        s.headCount = 1;
        s.headCountKv = std::numeric_limits<uint64_t>::max();
        s.embeddingLength = std::numeric_limits<uint64_t>::max();
        s.tensorBytes = 1000;
        QCOMPARE(s.kvCacheBytes(std::numeric_limits<uint64_t>::max()), std::numeric_limits<uint64_t>::max());
        QCOMPARE(s.memoryForContext(1u << 20), std::numeric_limits<uint64_t>::max());
        s.blockCount = 0;
        QCOMPARE(s.memoryForContext(1u << 20), uint64_t(1000));
    }

    void labels() {
        QCOMPARE(qd::parameterSizeLabel(3672320), std::string("3.7M"));
        QCOMPARE(qd::parameterSizeLabel(7000000000ull), std::string("7B"));
        QCOMPARE(qd::parameterSizeLabel(1100048384ull), std::string("1.1B"));
        QCOMPARE(qd::parameterSizeLabel(125000000ull), std::string("125M"));
        QCOMPARE(qd::parameterSizeLabel(999), std::string("999"));
        QCOMPARE(qd::formatBytes(512), std::string("512 B"));
        QCOMPARE(qd::formatBytes(1024), std::string("1.00 KiB"));
        QCOMPARE(qd::formatBytes(2284128), std::string("2.18 MiB"));
        QCOMPARE(qd::formatBytes(uint64_t(4) << 30), std::string("4.00 GiB"));
    }
};

QTEST_GUILESS_MAIN(TestModelSummary)
#include "test_model_summary.moc"
