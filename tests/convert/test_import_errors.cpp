// Bad input gives a clear error and leaves no output: missing files, unsupported architectures, corrupt
// or truncated safetensors, shapes that contradict config.json, bad tokenizers, bad llama2.c files.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <functional>

#include "checkpoint_writer.h"
#include "core/convert/import_model.h"

using namespace qd;
using namespace testutil;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestImportErrors : public QObject {
    Q_OBJECT

private:
    // Writes a good tiny checkpoint into dir/m, lets `spoil` damage it, imports into dir/out/x.gguf and
    // checks the error mentions `expected` and the output folder stays empty.
    void expectFailure(const std::function<void(const QString& folder)>& spoil, const QString& expected,
                       ImportType type = ImportType::F16) {
        QTemporaryDir dir;
        const QString folder = dir.filePath("m");
        QVERIFY(writeTinyCheckpoint(folder, TinyModel{}));
        spoil(folder);
        QDir().mkpath(dir.filePath("out"));
        ImportOptions o;
        o.type = type;
        auto r = importModel(folder.toStdString(), dir.filePath("out/x.gguf").toStdString(), o);
        QVERIFY(!r.ok());
        const QString message = QString::fromStdString(r.message());
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(QDir(dir.filePath("out")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }

    static void rewriteConfig(const QString& folder, const std::function<void(QJsonObject&)>& edit) {
        QJsonObject c = tinyConfig(TinyModel{});
        edit(c);
        writeJson(folder + "/config.json", c);
    }

private slots:
    void goodCheckpointImports() {
        // The baseline the other cases spoil.
        QTemporaryDir dir;
        QVERIFY(writeTinyCheckpoint(dir.filePath("m"), TinyModel{}));
        auto r = importModel(dir.filePath("m").toStdString(), dir.filePath("x.gguf").toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
    }

    void missingConfig() {
        expectFailure([](const QString& f) { QFile::remove(f + "/config.json"); }, "config.json is missing");
    }

    void missingWeights() {
        expectFailure([](const QString& f) { QFile::remove(f + "/model.safetensors"); }, "no model.safetensors");
    }

    void unsupportedArchitecture() {
        expectFailure([](const QString& f) { rewriteConfig(f, [](QJsonObject& c) { c["architectures"] = QJsonArray{"GPT2LMHeadModel"}; }); },
                      "unsupported architecture 'GPT2LMHeadModel'");
    }

    void truncatedSafetensors() {
        expectFailure([](const QString& f) {
            QFile file(f + "/model.safetensors");
            QVERIFY(file.resize(file.size() - 100));
        }, "past the end of the file");
    }

    void headerSizePastEnd() {
        expectFailure([](const QString& f) {
            QByteArray bytes = readAll(f + "/model.safetensors");
            const uint64_t huge = uint64_t(bytes.size());  // header "as long as the whole file"
            std::memcpy(bytes.data(), &huge, 8);
            writeFile(f + "/model.safetensors", bytes);
        }, "runs past the end");
    }

    void offsetPastEnd() {
        expectFailure([](const QString& f) {
            // A header whose only tensor claims bytes 0..16000 of a 16-byte data section.
            QByteArray header = "{\"lm_head.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16000]}}";
            QByteArray bytes(8, '\0');
            const uint64_t n = uint64_t(header.size());
            std::memcpy(bytes.data(), &n, 8);
            writeFile(f + "/model.safetensors", bytes + header + QByteArray(16, '\0'));
        }, "ends at data offset 16000, past the end of the file");
    }

    void corruptHeaderJson() {
        expectFailure([](const QString& f) {
            QByteArray bytes = readAll(f + "/model.safetensors");
            bytes[8] = 'x';
            writeFile(f + "/model.safetensors", bytes);
        }, "not valid JSON");
    }

    void shapeMismatch() {
        expectFailure([](const QString& f) { rewriteConfig(f, [](QJsonObject& c) { c["intermediate_size"] = 128; }); },
                      "but config.json implies");
    }

    void unsupportedDtype() {
        expectFailure([](const QString& f) {
            auto specs = tinyTensors(TinyModel{});
            specs[0].dtype = "I32";
            writeSafetensors(f + "/model.safetensors", specs);
        }, "dtype 'I32'");
    }

    void missingTensor() {
        expectFailure([](const QString& f) {
            auto specs = tinyTensors(TinyModel{});
            std::erase_if(specs, [](const StTensorSpec& s) { return s.name == "model.layers.1.mlp.up_proj.weight"; });
            writeSafetensors(f + "/model.safetensors", specs);
        }, "no model.layers.1.mlp.up_proj.weight");
    }

    void unknownTensor() {
        expectFailure([](const QString& f) {
            auto specs = tinyTensors(TinyModel{});
            specs.push_back({"model.layers.0.mlp.extra.weight", "F32", {4}, floatsToBytes({1, 2, 3, 4})});
            writeSafetensors(f + "/model.safetensors", specs);
        }, "cannot map tensor model.layers.0.mlp.extra.weight");
    }

    void qwen2WithoutBiases() {
        expectFailure([](const QString& f) { rewriteConfig(f, [](QJsonObject& c) { c["architectures"] = QJsonArray{"Qwen2ForCausalLM"}; }); },
                      "needs attention biases");
    }

    void missingShard() {
        expectFailure([](const QString& f) {
            QFile::remove(f + "/model.safetensors");
            writeJson(f + "/model.safetensors.index.json",
                      QJsonObject{{"weight_map", QJsonObject{{"lm_head.weight", "model-00001-of-00002.safetensors"}}}});
        }, "is missing");
    }

    void corruptSentencePieceModel() {
        expectFailure([](const QString& f) { writeFile(f + "/tokenizer.model", QByteArray("\x0a\xff\xff\xff\x0f garbage", 14)); },
                      "not a valid SentencePiece model");
    }

    void unknownPreTokenizer() {
        expectFailure([](const QString& f) {
            QByteArray t = readAll(f + "/tokenizer.json");
            t.replace("\\\\p{N}|", "\\\\p{N}{1,2}|");  // a split regex llama.cpp has no name for
            writeFile(f + "/tokenizer.json", t);
        }, "pre-tokenizer is not one the importer recognises");
    }

    void failedImportKeepsExistingOutput() {
        QTemporaryDir dir;
        QVERIFY(writeTinyCheckpoint(dir.filePath("m"), TinyModel{}));
        QFile::remove(dir.filePath("m/config.json"));
        QVERIFY(writeFile(dir.filePath("x.gguf"), "old contents"));
        QVERIFY(!importModel(dir.filePath("m").toStdString(), dir.filePath("x.gguf").toStdString()).ok());
        QCOMPARE(readAll(dir.filePath("x.gguf")), QByteArray("old contents"));
    }

    void badLlama2cFiles() {
        QTemporaryDir dir;
        const int32_t config[7] = {32, 48, 1, 4, 4, 8, 16};
        const size_t floats = 8 * 32 + 32 + 3 * 32 * 32 + 32 * 32 + 32 + 3 * 48 * 32 + 32 + 16 * 8;
        QByteArray bin(reinterpret_cast<const char*>(config), sizeof config);
        bin += QByteArray(qsizetype(floats * 4), '\0');
        QVERIFY(writeFile(dir.filePath("m.bin"), bin));
        auto run = [&](const QString& expected) {
            auto r = importModel(dir.filePath("m.bin").toStdString(), dir.filePath("o.gguf").toStdString());
            QVERIFY(!r.ok());
            QVERIFY2(QString::fromStdString(r.message()).contains(expected), r.message().c_str());
            QVERIFY(!QFile::exists(dir.filePath("o.gguf")));
        };
        run("tokenizer");  // no tokenizer.bin beside it
        QByteArray tok;
        const int32_t maxLen = 4;
        tok.append(reinterpret_cast<const char*>(&maxLen), 4);
        for (int i = 0; i < 5; ++i) {  // 5 of 8 tokens
            const float score = 0;
            const int32_t len = 1;
            tok.append(reinterpret_cast<const char*>(&score), 4);
            tok.append(reinterpret_cast<const char*>(&len), 4);
            tok.append("a", 1);
        }
        QVERIFY(writeFile(dir.filePath("tokenizer.bin"), tok));
        run("ends after 5 of 8 tokens");
        QVERIFY(writeFile(dir.filePath("m.bin"), bin.left(bin.size() - 4)));
        run("truncated");
        QByteArray bad = bin;
        const int32_t zeroLayers = 0;
        std::memcpy(bad.data() + 8, &zeroLayers, 4);
        QVERIFY(writeFile(dir.filePath("m.bin"), bad));
        run("valid llama2.c Config");
        // Fields inside int32 whose products of three overflow 64 bits (layers x dim x dim): refused by the
        // engine's limits before any size is computed.
        const int32_t hostile[7] = {1 << 30, 1 << 30, 1 << 20, 1 << 10, 1 << 10, 8, 16};
        QVERIFY(writeFile(dir.filePath("m.bin"), QByteArray(reinterpret_cast<const char*>(hostile), sizeof hostile) + QByteArray(64, '\0')));
        run("dim is 1073741824 (1..131072 accepted)");
    }

    // config.json values outside the engine's limits, non-finite floats and overlapping safetensors
    // ranges are refused before anything is allocated from them.
    void hostileConfigValues_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("layers") << "num_hidden_layers" << QJsonValue(double(1ll << 40)) << "more than the 1024 QuantDesk accepts";
        QTest::newRow("width") << "hidden_size" << QJsonValue(double(1 << 30)) << "hidden_size is 1073741824, more than";
        QTest::newRow("head_dim") << "head_dim" << QJsonValue(1 << 20) << "head_dim is 1048576, more than";
        QTest::newRow("vocabulary") << "vocab_size" << QJsonValue(double(1ll << 33)) << "vocab_size is 8589934592";
        QTest::newRow("rope_theta") << "rope_theta" << QJsonValue(-1.0) << "rope_theta must be a positive finite number";
        QTest::newRow("rms_norm_eps") << "rms_norm_eps" << QJsonValue(0.0) << "rms_norm_eps must be a positive finite number";
        QTest::newRow("context") << "max_position_embeddings" << QJsonValue(double(1ll << 40)) << "max_position_embeddings is";
        QTest::newRow("llama3 scaling")
            << "rope_scaling"
            << QJsonValue(QJsonObject{{"rope_type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 4.0}, {"high_freq_factor", 1.0}})
            << "high_freq_factor must be larger";
        QTest::newRow("linear scaling") << "rope_scaling" << QJsonValue(QJsonObject{{"type", "linear"}, {"factor", -2.0}})
                                        << "rope_scaling's factor must be a positive finite number";
    }

    void hostileConfigValues() {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        expectFailure([&](const QString& f) { rewriteConfig(f, [&](QJsonObject& c) { c[key] = value; }); }, expected);
    }

    void overlappingSafetensorsRanges() {
        expectFailure([](const QString& f) {
            // Two tensors over the same 16 bytes.
            QByteArray header = "{\"a.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                                "\"b.weight\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}";
            QByteArray bytes(8, '\0');
            const uint64_t n = uint64_t(header.size());
            std::memcpy(bytes.data(), &n, 8);
            writeFile(f + "/model.safetensors", bytes + header + QByteArray(24, '\0'));
        }, "tensors a.weight and b.weight overlap");
    }

    void cliReportsErrorsAndWrites() {
        QTemporaryDir dir;
        QProcess p;
        p.start(QD_CLI_PATH, {"import", dir.filePath("nothing-here"), "-o", dir.filePath("x.gguf")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("error: "));
        QVERIFY(!QFile::exists(dir.filePath("x.gguf")));

        p.start(QD_CLI_PATH, {"import", QString(QD_SHARED_DIR) + "/models/shakespeare-llama", "-o", dir.filePath("x.gguf"), "--type", "q8_0", "--quiet"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("39 tensors"));
        QCOMPARE(readAll(dir.filePath("x.gguf")), readAll(QString(QD_SHARED_DIR) + "/fixtures/llamacpp/shakespeare-Q8_0.gguf"));

        p.start(QD_CLI_PATH, {"import", dir.filePath("x"), "-o", dir.filePath("y.gguf"), "--type", "Q4_K"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("unknown --type"));
    }
};

QTEST_GUILESS_MAIN(TestImportErrors)
#include "test_import_errors.moc"
