// The GGUF reader against files llama.cpp wrote: every fixture must read back exactly what llama.cpp's own
// Python reader (gguf-py) recorded in fixtures/llamacpp/manifest.json — tensor names, types, shapes,
// absolute offsets, sizes and data hashes, and every metadata value. The expectations come from the
// manifest only, never from our reader.
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QTest>
#include <QTextStream>

#include "core/gguf/ggml_type.h"
#include "core/gguf/gguf_file.h"
#include "gguf/gguf_test_support.h"

using namespace qdtest;

namespace {

// gguf-py's name for a value type: "STRING", "FLOAT32", ...
QString upperTypeName(qd::GgufValueType t) { return QString::fromLatin1(qd::ggufValueTypeName(t).data()).toUpper(); }

// SHA-256 of an array as the manifest defines it: strings joined with a NUL byte, numbers as their
// little-endian bytes.
QString arraySha256(const qd::GgufValue& v) {
    if (v.arrayType() == qd::GgufValueType::String) {
        QByteArray joined;
        const auto& items = v.arrayStrings();
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) joined.append('\0');
            joined.append(items[i].data(), qsizetype(items[i].size()));
        }
        return sha256Hex(joined.constData(), size_t(joined.size()));
    }
    return sha256Hex(v.arrayRaw().data(), v.arrayRaw().size());
}

bool isJsonInteger(const QJsonValue& j) { return j.toVariant().typeId() == QMetaType::LongLong; }

}  // namespace

class TestGgufFixtures : public QObject {
    Q_OBJECT

private:
    QJsonObject m_manifest;

    // Compares one metadata value with its manifest entry; returns an empty string when they match.
    static QString compareValue(const QString& key, const qd::GgufValue& v, const QJsonValue& expected) {
        if (expected.isString()) {
            if (!v.isString()) return key + ": expected a string";
            const QString got = QString::fromStdString(*v.toString());
            return got == expected.toString() ? QString() : key + ": '" + got + "' != '" + expected.toString() + "'";
        }
        if (expected.isBool()) {
            if (v.type() != qd::GgufValueType::Bool) return key + ": expected a bool";
            return *v.toBool() == expected.toBool() ? QString() : key + ": bool differs";
        }
        if (expected.isDouble()) {
            // Qt's JSON parser keeps 10000.0 as an integer, so the manifest's int / float distinction is
            // lost here; the value itself is compared exactly. gguf-py widens float32 to a Python float,
            // so a float's JSON number is the exact double of the stored float.
            if (v.isFloat())
                return *v.toDouble() == expected.toDouble()
                           ? QString()
                           : key + ": " + QString::number(*v.toDouble(), 'g', 17) + " != " +
                                 QString::number(expected.toDouble(), 'g', 17);
            if (!v.isInteger()) return key + ": expected a number, got " + qd::ggufValueTypeName(v.type()).data();
            if (!isJsonInteger(expected)) return key + ": integer in the file, fraction in the manifest";
            return v.toInt() && *v.toInt() == expected.toInteger()
                       ? QString()
                       : key + ": " + QString::fromStdString(v.display()) + " != " + QString::number(expected.toInteger());
        }
        if (expected.isObject()) {
            const QJsonObject a = expected.toObject();
            if (!v.isArray()) return key + ": expected an array";
            if (upperTypeName(v.arrayType()) != a.value("array_of").toString())
                return key + ": array of " + upperTypeName(v.arrayType()) + ", manifest says " + a.value("array_of").toString();
            if (qint64(v.arraySize()) != a.value("length").toInteger())
                return key + ": length " + QString::number(v.arraySize()) + " != " + QString::number(a.value("length").toInteger());
            const QJsonArray first = a.value("first").toArray();
            if (first.size() != qsizetype(std::min<uint64_t>(v.arraySize(), 5))) return key + ": wrong number of first items";
            for (qsizetype i = 0; i < first.size(); ++i) {
                const QJsonValue e = first[i];
                bool same = false;
                if (v.arrayType() == qd::GgufValueType::String)
                    same = QString::fromStdString(v.arrayStrings()[size_t(i)]) == e.toString();
                else if (v.arrayType() == qd::GgufValueType::Float32 || v.arrayType() == qd::GgufValueType::Float64)
                    same = v.arrayNumber(uint64_t(i)) == e.toDouble();
                else
                    same = v.arrayInt(uint64_t(i)) == e.toInteger();
                if (!same) return key + ": item " + QString::number(i) + " differs";
            }
            const QString sha = arraySha256(v);
            return sha == a.value("sha256").toString() ? QString() : key + ": array SHA-256 " + sha + " differs";
        }
        return key + ": manifest value of an unexpected kind";
    }

private slots:
    void initTestCase() {
        m_manifest = loadManifest();
        QVERIFY2(!m_manifest.isEmpty(), qPrintable("cannot read " + fixturesDir() + "/manifest.json"));
    }

    // The manifest and the folder list the same files, so no fixture goes untested.
    void manifestCoversEveryFixture() {
        QSet<QString> onDisk;
        for (const auto& f : fixtureFiles()) onDisk.insert(f.key);
        QSet<QString> inManifest;
        for (auto it = m_manifest.begin(); it != m_manifest.end(); ++it) inManifest.insert(it.key());
        QCOMPARE(onDisk, inManifest);
        QVERIFY(onDisk.contains("dequant-reference.gguf"));
        QVERIFY(onDisk.contains("shakespeare-pure-Q4_K.gguf"));
        QCOMPARE(onDisk.size(), 31);
    }

    void fixtureMatchesManifest_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("path");
        for (const auto& f : fixtureFiles()) QTest::newRow(qPrintable(f.key)) << f.key << f.path;
    }

    void fixtureMatchesManifest() {
        QFETCH(QString, key);
        QFETCH(QString, path);
        const QJsonObject expected = m_manifest.value(key).toObject();
        QVERIFY2(!expected.isEmpty(), qPrintable(key + " is not in manifest.json"));

        auto file = qd::GgufFile::open(path.toStdString());
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());
        QCOMPARE(qint64(file->fileSize()), expected.value("file_size").toInteger());
        QCOMPARE(QFileInfo(path).size(), expected.value("file_size").toInteger());

        // Tensors, in file order.
        const QJsonArray tensors = expected.value("tensors").toArray();
        QCOMPARE(qsizetype(file->tensors().size()), tensors.size());
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const QJsonObject e = tensors[i].toObject();
            const qd::GgufTensorInfo& t = file->tensors()[size_t(i)];
            const QString where = key + " tensor " + QString::number(i) + " ";
            QCOMPARE(QString::fromStdString(t.name), e.value("name").toString());
            QCOMPARE(QString::fromLatin1(qd::ggmlTypeName(t.type).data()), e.value("type").toString());
            const QJsonArray shape = e.value("shape_ggml_order").toArray();
            QCOMPARE(qsizetype(t.dims.size()), shape.size());
            uint64_t elements = 1;
            for (qsizetype d = 0; d < shape.size(); ++d) {
                QCOMPARE(qint64(t.dims[size_t(d)]), shape[d].toInteger());
                elements *= uint64_t(shape[d].toInteger());
            }
            QCOMPARE(t.nElements, elements);
            QCOMPARE(qint64(file->dataOffset() + t.offset), e.value("data_offset").toInteger());
            QCOMPARE(qint64(t.nBytes), e.value("n_bytes").toInteger());
            const auto data = file->tensorData(t);
            QCOMPARE(qint64(data.size()), e.value("n_bytes").toInteger());
            QVERIFY2(sha256Hex(data.data(), data.size()) == e.value("sha256").toString(),
                     qPrintable(where + "data SHA-256 differs"));
            QVERIFY(file->findTensor(t.name) == &t);
        }

        // Metadata: every manifest key (GGUF.* are gguf-py's pseudo-keys for header fields).
        const QJsonObject metadata = expected.value("metadata").toObject();
        qsizetype realKeys = 0;
        for (auto it = metadata.begin(); it != metadata.end(); ++it) {
            if (it.key() == "GGUF.version") {
                QCOMPARE(qint64(file->version()), it.value().toInteger());
                continue;
            }
            QVERIFY2(!it.key().startsWith("GGUF."), qPrintable("unexpected pseudo-key " + it.key()));
            ++realKeys;
            const qd::GgufValue* v = file->find(it.key().toStdString());
            QVERIFY2(v, qPrintable(key + ": key " + it.key() + " is missing"));
            const QString mismatch = compareValue(it.key(), *v, it.value());
            QVERIFY2(mismatch.isEmpty(), qPrintable(key + ": " + mismatch));
        }
        QCOMPARE(qsizetype(file->metadata().size()), realKeys);
        QVERIFY(metadata.contains("GGUF.version"));
        // No tensor data before the end of the header, and the data section starts aligned.
        QCOMPARE(file->dataOffset() % file->alignment(), uint64_t(0));
        QVERIFY(file->headerBytesParsed() <= file->dataOffset());
    }

    // llama.cpp's vocabulary-only files (no tensors) open; each test vector's expected token ids are
    // within the vocabulary the file declares.
    void vocabFilesOpen_data() {
        QTest::addColumn<QString>("path");
        QDir dir(sharedDir() + "/vocab");
        const QStringList names = dir.entryList({"*.gguf"}, QDir::Files, QDir::Name);
        QVERIFY(names.size() >= 10);
        for (const QString& n : names) QTest::newRow(qPrintable(n)) << dir.absoluteFilePath(n);
    }

    void vocabFilesOpen() {
        QFETCH(QString, path);
        auto file = qd::GgufFile::open(path.toStdString());
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());
        QCOMPARE(qint64(file->fileSize()), QFileInfo(path).size());
        QVERIFY(file->tensors().empty());
        QVERIFY(file->getString("tokenizer.ggml.model").has_value());
        const qd::GgufValue* tokens = file->find("tokenizer.ggml.tokens");
        QVERIFY(tokens && tokens->isArray());
        QCOMPARE(tokens->arrayType(), qd::GgufValueType::String);
        QVERIFY(tokens->arraySize() > 0);

        QFile out(path + ".out");
        if (!out.open(QIODevice::ReadOnly)) return;  // a few vocab files come without test vectors
        QTextStream in(&out);
        int ids = 0;
        while (!in.atEnd()) {
            const QStringList parts = in.readLine().split(' ', Qt::SkipEmptyParts);
            for (const QString& p : parts) {
                bool ok = false;
                const qulonglong id = p.toULongLong(&ok);
                QVERIFY2(ok, qPrintable("bad id '" + p + "' in " + out.fileName()));
                QVERIFY2(id < tokens->arraySize(), qPrintable("id " + p + " outside the vocabulary"));
                ++ids;
            }
        }
        QVERIFY(ids > 0);
    }
};

QTEST_GUILESS_MAIN(TestGgufFixtures)
#include "test_gguf_fixtures.moc"
