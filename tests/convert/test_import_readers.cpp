// The importer's own file readers: SentencePiece's protocol buffer and safetensors headers, on the real
// shakespeare files and on every truncation of them (an error each time, never a crash).
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

#include "checkpoint_writer.h"
#include "core/convert/model_naming.h"
#include "core/convert/safetensors.h"
#include "core/convert/sentencepiece_model.h"

using namespace qd;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::span<const uint8_t> bytesOf(const QByteArray& b, qsizetype n) {
    return {reinterpret_cast<const uint8_t*>(b.constData()), static_cast<size_t>(n)};
}

const QString kModel = QString(QD_SHARED_DIR) + "/models/shakespeare-llama";

}  // namespace

class TestImportReaders : public QObject {
    Q_OBJECT

private slots:
    void sentencePieceModelFields() {
        const QByteArray file = readAll(kModel + "/tokenizer.model");
        QVERIFY(!file.isEmpty());
        auto m = parseSentencePieceModel(bytesOf(file, file.size()));
        QVERIFY2(m.ok(), m.ok() ? "" : m.message().c_str());
        QCOMPARE(m->pieces.size(), size_t(1024));
        QCOMPARE(m->modelType, 2);  // BPE
        QCOMPARE(m->vocabSize, 1024);
        QVERIFY(m->byteFallback);
        QCOMPARE(m->unkId, 0);
        QCOMPARE(m->bosId, 1);
        QCOMPARE(m->eosId, 2);
        QCOMPARE(m->padId, -1);  // a negative int32 as a 10-byte varint (or the default)
        QCOMPARE(QString::fromStdString(m->pieces[0].piece), QString("<unk>"));
        QCOMPARE(int(m->pieces[0].type), int(SpmPieceType::Unknown));
        QCOMPARE(int(m->pieces[2].type), int(SpmPieceType::Control));
        QCOMPARE(QString::fromStdString(m->pieces[3 + 0x41].piece), QString("<0x41>"));
        QCOMPARE(int(m->pieces[3 + 0x41].type), int(SpmPieceType::Byte));
        QCOMPARE(int(m->pieces[300].type), int(SpmPieceType::Normal));
        QVERIFY(m->pieces[300].score < 0.0f);
    }

    // Cutting the protocol buffer anywhere inside a field must be reported, not read past.
    void sentencePieceTruncations() {
        const QByteArray file = readAll(kModel + "/tokenizer.model");
        int accepted = 0;
        // Every length through the first pieces, then a stride that still lands inside every kind of field.
        for (qsizetype n = 0; n < file.size(); n += (n < 400 ? 1 : 7)) {
            auto m = parseSentencePieceModel(bytesOf(file, n));
            if (m.ok()) ++accepted;  // a cut exactly between two top-level fields is a shorter valid model
            else QVERIFY(!m.message().empty());
        }
        QVERIFY(accepted < 400);  // about one per piece boundary, not everything
    }

    void safetensorsTruncations() {
        QTemporaryDir dir;
        testutil::TinyModel m;
        m.layers = 1;
        m.vocab = 40;
        m.embd = 16;
        m.heads = 2;
        m.kvHeads = 1;
        m.ffn = 24;
        QVERIFY(testutil::writeSafetensors(dir.filePath("full.safetensors"), testutil::tinyTensors(m)));
        const QByteArray full = readAll(dir.filePath("full.safetensors"));
        auto ok = SafetensorsSet::openFile(dir.filePath("full.safetensors").toStdString());
        QVERIFY(ok.ok());
        QCOMPARE(ok->tensors().size(), size_t(12));
        QCOMPARE(ok->tensors()[0].name, std::string("lm_head.weight"));  // sorted by name
        uint64_t headerSize = 0;
        std::memcpy(&headerSize, full.constData(), 8);
        // Each byte of the size field, a stride through the JSON header, then a coarser one through the data.
        for (qsizetype n = 0; n < full.size(); n += (n < 16 ? 1 : n < qsizetype(headerSize) + 8 ? 11 : 331)) {
            QVERIFY(testutil::writeFile(dir.filePath("cut.safetensors"), full.left(n)));
            auto r = SafetensorsSet::openFile(dir.filePath("cut.safetensors").toStdString());
            QVERIFY2(!r.ok(), qPrintable(QString("accepted a file cut at %1 bytes").arg(n)));
        }
    }

    void namingLikeGgufPy() {
        QCOMPARE(modelIdToTitle("shakespeare-llama"), std::string("Shakespeare Llama"));
        QCOMPARE(modelIdToTitle("TinyLlama-1.1B-Chat-v1.0"), std::string("TinyLlama 1.1B Chat v1.0"));
        QCOMPARE(modelIdToTitle("smollm-135m-instruct"), std::string("Smollm 135m Instruct"));
        QCOMPARE(modelIdToTitle("qwen2.5-coder"), std::string("Qwen2.5 Coder"));
        QCOMPARE(ggufSizeLabel(3672320), std::string("3.7M"));
        // Hub-style ids split into gguf-py's fields.
        auto n = generalNaming("TinyLlama/TinyLlama-1.1B-Chat-v1.0", "ignored-folder", 1100048384);
        QCOMPARE(n.name, std::string("TinyLlama 1.1B Chat v1.0"));
        QCOMPARE(n.organization, std::string("TinyLlama"));
        QCOMPARE(n.basename, std::string("TinyLlama"));
        QCOMPARE(n.finetune, std::string("Chat"));
        QCOMPARE(n.version, std::string("v1.0"));
        QCOMPARE(n.sizeLabel, std::string("1.1B"));
        n = generalNaming("/home/me/checkpoints/run3", "Qwen2.5-0.5B-Instruct", 494032768);  // a path: use the folder
        QCOMPARE(n.name, std::string("Qwen2.5 0.5B Instruct"));
        QCOMPARE(n.basename, std::string("Qwen2.5"));
        QCOMPARE(n.sizeLabel, std::string("0.5B"));
        QCOMPARE(n.finetune, std::string("Instruct"));
        QVERIFY(n.organization.empty() && n.version.empty());
        n = generalNaming("", "mistral-7b-32k", 7241732096);  // "32k" is far from the size: a finetune tag
        QCOMPARE(n.sizeLabel, std::string("7B"));
        QCOMPARE(n.finetune, std::string("32k"));
        n = generalNaming("", "shakespeare-llama", 3672320);  // nothing recognised: no basename, computed size
        QCOMPARE(n.name, std::string("Shakespeare Llama"));
        QVERIFY(n.basename.empty());
        QCOMPARE(n.sizeLabel, std::string("3.7M"));
        QCOMPARE(ggufSizeLabel(134515008), std::string("135M"));
        QCOMPARE(ggufSizeLabel(1100048384), std::string("1.1B"));
        QCOMPARE(ggufSizeLabel(6738415616), std::string("6.7B"));
        QCOMPARE(ggufSizeLabel(494032768), std::string("494M"));
        QCOMPARE(ggufSizeLabel(45000), std::string("45K"));
    }
};

QTEST_GUILESS_MAIN(TestImportReaders)
#include "test_import_readers.moc"
