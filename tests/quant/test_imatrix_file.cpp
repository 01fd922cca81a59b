// llama.cpp's importance-matrix file: the fixture llama-imatrix wrote for the shakespeare model is read
// (one entry per weight matrix the activations go through, checked against the model file's own tensors,
// and the chunk count its log reports), written back byte for byte, and every truncation or corruption of
// it is refused with a message instead of being read.
#include <QtTest>

#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <cstring>

#include "core/gguf/gguf_file.h"
#include "core/quant/imatrix_file.h"

using namespace qd;

namespace {

const QString kDir = QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/imatrix/");

std::vector<uint8_t> fileBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray b = f.readAll();
    return std::vector<uint8_t>(b.begin(), b.end());
}

void putI32(std::vector<uint8_t>& b, size_t at, int32_t v) { std::memcpy(b.data() + at, &v, 4); }

}  // namespace

class TestImatrixFile : public QObject {
    Q_OBJECT
    std::vector<uint8_t> m_bytes;

private slots:
    void initTestCase() {
        m_bytes = fileBytes(kDir + "shakespeare.imatrix.dat");
        QVERIFY(!m_bytes.empty());
    }

    void readsLlamaCppsFile() {
        auto m = Imatrix::read((kDir + "shakespeare.imatrix.dat").toStdString());
        QVERIFY2(m.ok(), m.ok() ? "" : m.message().c_str());
        // The log says how many chunks llama-imatrix computed over.
        QFile log(kDir + "imatrix.log");
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(log.readAll());
        const auto at = text.indexOf(QStringLiteral("computing over "));
        QVERIFY(at >= 0);
        const int chunks = text.mid(at + 15).section(QLatin1Char(' '), 0, 0).toInt();
        QCOMPARE(chunks, 205);
        QVERIFY(m->hasTrailer);
        QCOMPARE(m->lastChunk, chunks);
        QVERIFY(QString::fromStdString(m->dataset).endsWith(QStringLiteral("shakespeare-calib.txt")));

        // One entry per matrix that multiplies activations: every 2-D weight but the token embedding, with
        // one value per input column.
        auto gguf = GgufFile::open(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf");
        QVERIFY(gguf.ok());
        size_t matrices = 0;
        for (const auto& t : gguf->tensors()) {
            if (t.dims.size() != 2 || t.name == "token_embd.weight") continue;
            ++matrices;
            const ImatrixEntry* e = m->find(t.name);
            QVERIFY2(e, t.name.c_str());
            QCOMPARE(e->values.size(), size_t(t.dims[0]));
            QCOMPARE(e->ncall, chunks);
            const std::vector<float> w = m->importance(t.name);
            QCOMPARE(w.size(), e->values.size());
            for (size_t j = 0; j < w.size(); ++j) {
                QCOMPARE(w[j], e->values[j] / float(chunks));
                QVERIFY(w[j] >= 0.0f);
            }
        }
        QCOMPARE(m->entries.size(), matrices);
        QVERIFY(m->importance("token_embd.weight").empty());
    }

    void writesTheSameBytes() {
        auto m = Imatrix::parse(m_bytes);
        QVERIFY(m.ok());
        QVERIFY(m->serialize() == m_bytes);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("again.imatrix.dat"));
        QVERIFY(m->write(out.toStdString()).ok());
        QVERIFY(fileBytes(out) == m_bytes);
        // An older file without the chunk count and dataset name reads too, and writes back as it was.
        Imatrix old = *m;
        old.hasTrailer = false;
        const std::vector<uint8_t> oldBytes = old.serialize();
        QCOMPARE(oldBytes.size(), m_bytes.size() - 8 - m->dataset.size());
        auto again = Imatrix::parse(oldBytes);
        QVERIFY(again.ok());
        QVERIFY(!again->hasTrailer);
        QVERIFY(again->serialize() == oldBytes);
    }

    // Every prefix of the file but the whole one and the one ending after the entries (an older file) is
    // refused, with a message that says the file is cut off.
    void everyTruncationIsRefused() {
        auto whole = Imatrix::parse(m_bytes);
        QVERIFY(whole.ok());
        const size_t entriesEnd = m_bytes.size() - 8 - whole->dataset.size();
        int refused = 0;
        for (size_t n = 0; n < m_bytes.size(); ++n) {
            auto m = Imatrix::parse(std::span<const uint8_t>(m_bytes.data(), n));
            if (n == entriesEnd) {
                QVERIFY(m.ok());
                continue;
            }
            QVERIFY2(!m.ok(), qPrintable(QString::number(n)));
            QVERIFY2(QString::fromStdString(m.message()).startsWith(QStringLiteral("not a valid importance-matrix file: ")),
                     m.message().c_str());
            ++refused;
        }
        QCOMPARE(refused, int(m_bytes.size()) - 1);
    }

    void corruptionsAreRefused_data() {
        QTest::addColumn<int>("at");     // byte to overwrite with an int32
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("says");
        // Layout of the first entry: count @0, name length @4, name @8 (len L), ncall @8+L, nval @12+L, values @16+L.
        QTest::newRow("no entries") << 0 << 0 << "an entry count of 0";
        QTest::newRow("a billion entries") << 0 << 1000000000 << "an entry count of 1000000000";
        QTest::newRow("name of 0 bytes") << 4 << 0 << "has a name of 0 bytes";
        QTest::newRow("name of 2 GB") << 4 << 2000000000 << "has a name of 2000000000 bytes";
        QTest::newRow("negative calls") << -1 << -5 << "a negative call count";
        QTest::newRow("negative values") << -2 << -1 << "has -1 values";
        QTest::newRow("a NaN value") << -3 << 0x7fc00000 << "not a number";
        QTest::newRow("a negative value") << -3 << int(0xbf800000u) << "negative";
    }
    void corruptionsAreRefused() {
        QFETCH(int, at);
        QFETCH(int, value);
        QFETCH(QString, says);
        int32_t len = 0;
        std::memcpy(&len, m_bytes.data() + 4, 4);
        std::vector<uint8_t> b = m_bytes;
        const size_t where = at >= 0 ? size_t(at) : at == -1 ? 8 + size_t(len) : at == -2 ? 12 + size_t(len) : 16 + size_t(len);
        putI32(b, where, value);
        auto m = Imatrix::parse(b);
        QVERIFY(!m.ok());
        QVERIFY2(QString::fromStdString(m.message()).contains(says), m.message().c_str());
    }

    void duplicatesAndTrailingBytesAreRefused() {
        auto m = Imatrix::parse(m_bytes);
        QVERIFY(m.ok());
        Imatrix twice = *m;
        twice.entries[1].name = twice.entries[0].name;
        auto d = Imatrix::parse(twice.serialize());
        QVERIFY(!d.ok());
        QVERIFY2(QString::fromStdString(d.message()).contains(QStringLiteral("appears twice")), d.message().c_str());
        std::vector<uint8_t> longer = m_bytes;
        longer.push_back(0);
        auto t = Imatrix::parse(longer);
        QVERIFY(!t.ok());
        QVERIFY2(QString::fromStdString(t.message()).contains(QStringLiteral("bytes follow the dataset name")), t.message().c_str());
        auto missing = Imatrix::read("/nonexistent/x.imatrix.dat");
        QVERIFY(!missing.ok());
        QVERIFY(QString::fromStdString(missing.message()).contains(QStringLiteral("cannot open")));
    }
};

QTEST_MAIN(TestImatrixFile)
#include "test_imatrix_file.moc"
