// BLOOM, Falcon and ChatGLM against llama.cpp itself: our import of each trained checkpoint must be the
// file llama.cpp's convert_hf_to_gguf.py wrote (F32) and llama-quantize made of it (F16, BF16, Q8_0),
// and our quantizations of that F32 file the files llama-quantize wrote for all 18 mixes. The fixtures
// give each file's SHA-256 (fixtures/llamacpp/<family>/manifest.json), so every byte is compared:
// header, metadata keys, order, types and values, tensor infos, data and padding.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "test_files.h"
#include "core/convert/import_model.h"
#include "core/gguf/gguf_file.h"
#include "core/quant/quantizer.h"

using namespace qd;
using testfiles::fileSha256;

namespace {

const QString kShared = QString::fromUtf8(QD_SHARED_DIR);
const char* const kFamilies[] = {"bloom", "falcon", "chatglm"};

QJsonObject manifest(const QString& family) {
    QFile f(kShared + "/fixtures/llamacpp/" + family + "/manifest.json");
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// When the whole-file hash differs, the first tensor whose type or data differs names the problem.
QString firstTensorDifference(const QString& path, const QJsonObject& expected) {
    auto file = GgufFile::open(path.toStdString());
    if (!file) return "unreadable: " + QString::fromStdString(file.message());
    const QJsonArray tensors = expected["tensors"].toArray();
    if (static_cast<qsizetype>(file->tensors().size()) != tensors.size())
        return QString("%1 tensors, expected %2").arg(file->tensors().size()).arg(tensors.size());
    for (qsizetype i = 0; i < tensors.size(); ++i) {
        const QJsonObject t = tensors[i].toObject();
        const GgufTensorInfo& ours = file->tensors()[static_cast<size_t>(i)];
        const auto data = file->tensorData(ours);
        const QString sha = QString::fromLatin1(
            QCryptographicHash::hash(QByteArrayView(reinterpret_cast<const char*>(data.data()), qsizetype(data.size())),
                                     QCryptographicHash::Sha256)
                .toHex());
        if (QString::fromStdString(ours.name) != t["name"].toString() ||
            QString::fromUtf8(ggmlTypeName(ours.type)) != t["type"].toString() || sha != t["sha256"].toString())
            return QString("tensor %1: ours %2 %3, expected %4 %5")
                .arg(i)
                .arg(QString::fromStdString(ours.name), QString::fromUtf8(ggmlTypeName(ours.type)), t["name"].toString(),
                     t["type"].toString());
    }
    return "the tensors agree; the metadata or layout differs";
}

}  // namespace

class TestImportFamilies : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString importPath(const QString& family, const QString& type) const {
        return m_dir.filePath(family + "-" + type + ".gguf");
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void importIsLlamaCppsConversion_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("type");
        for (const char* family : kFamilies)
            for (const char* type : {"F32", "F16", "BF16", "Q8_0"})
                QTest::newRow(qPrintable(QString("%1 %2").arg(family, type))) << family << type;
    }
    void importIsLlamaCppsConversion() {
        QFETCH(QString, family);
        QFETCH(QString, type);
        ImportOptions options;
        options.type = *importTypeFromName(type.toStdString());
        const QString out = importPath(family, type);
        auto r = importModel((kShared + "/models/shakespeare-" + family).toStdString(), out.toStdString(), options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QCOMPARE(QString::fromStdString(r->architecture), family);
        const QJsonObject expected = manifest(family)["shakespeare-" + family + "-" + type + ".gguf"].toObject();
        QVERIFY(!expected.isEmpty());
        QCOMPARE(QFile(out).size(), qint64(expected["file_size"].toInteger()));
        QVERIFY2(fileSha256(out) == expected["file_sha256"].toString(), qPrintable(firstTensorDifference(out, expected)));
    }

    // Every mix llama.cpp quantized, from our F32 conversion (checked equal to llama.cpp's above).
    void mixesAreLlamaQuantizes_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("mix");
        for (const char* family : kFamilies)
            for (const QString& file : manifest(family).keys()) {
                const QString mix = file.section('-', 2).chopped(5);  // shakespeare-<family>-<MIX>.gguf
                if (mix != "F32") QTest::newRow(qPrintable(QString("%1 %2").arg(family, mix))) << QString(family) << mix;
            }
    }
    void mixesAreLlamaQuantizes() {
        QFETCH(QString, family);
        QFETCH(QString, mix);
        const QString source = importPath(family, "F32");
        QVERIFY2(QFile::exists(source), "the F32 import ran first");
        auto info = mixByName(mix.toStdString());
        QVERIFY2(info.has_value(), qPrintable(mix));
        QuantizeOptions options;
        options.mix.mix = *info;
        options.threads = 2;
        const QString out = m_dir.filePath(family + "-q-" + mix + ".gguf");
        auto r = quantizeModel(source.toStdString(), out.toStdString(), options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        const QJsonObject expected = manifest(family)["shakespeare-" + family + "-" + mix + ".gguf"].toObject();
        QCOMPARE(QFile(out).size(), qint64(expected["file_size"].toInteger()));
        QVERIFY2(fileSha256(out) == expected["file_sha256"].toString(), qPrintable(firstTensorDifference(out, expected)));
        QFile::remove(out);
    }

    // GLM-4's tokenizer.json splits with Llama 3's expression; llama.cpp's converter records that as
    // chatglm-bpe for this family (no BOS), not llama-bpe.
    void glm4TokenizerIsChatglmBpe() {
        const QString folder = m_dir.filePath("glm4-tokenizer");
        QVERIFY(QDir().mkpath(folder));
        const QString source = kShared + "/models/shakespeare-chatglm/";
        for (const char* f : {"config.json", "model.safetensors", "tokenizer_config.json", "special_tokens_map.json"})
            QVERIFY(QFile::copy(source + f, folder + "/" + f));
        QFile in(source + "tokenizer.json");
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject tok = QJsonDocument::fromJson(in.readAll()).object();
        const QString llama3 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
        tok["pre_tokenizer"] = QJsonObject{
            {"type", "Sequence"},
            {"pretokenizers", QJsonArray{QJsonObject{{"type", "Split"}, {"pattern", QJsonObject{{"Regex", llama3}}}, {"behavior", "Isolated"}, {"invert", false}},
                                         QJsonObject{{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}}}}};
        QFile out(folder + "/tokenizer.json");
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(tok).toJson());
        out.close();
        ImportOptions options;
        options.type = ImportType::F32;
        const QString gguf = m_dir.filePath("glm4-tokenizer.gguf");
        auto r = importModel(folder.toStdString(), gguf.toStdString(), options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        auto file = GgufFile::open(gguf.toStdString());
        QVERIFY(file.ok());
        QCOMPARE(QString::fromStdString(file->getString("tokenizer.ggml.pre").value_or("")), QString("chatglm-bpe"));
    }

    // The llama.cpp files shipped in the fixtures (F16, Q8_0, Q4_K_M, Q4_0) are the manifest's files.
    void shippedFilesMatchTheirManifest() {
        for (const char* family : kFamilies)
            for (const char* mix : {"F16", "Q8_0", "Q4_K_M", "Q4_0"}) {
                const QString name = QString("shakespeare-%1-%2.gguf").arg(family, mix);
                QCOMPARE(fileSha256(kShared + "/fixtures/llamacpp/" + family + "/" + name),
                         manifest(family)[name].toObject()["file_sha256"].toString());
            }
    }
};

QTEST_GUILESS_MAIN(TestImportFamilies)
#include "test_import_families.moc"
