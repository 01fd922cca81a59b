// GgufWriter: layout (alignment, versions), and what happens when writing fails or is cancelled — the
// target is never left half-written and no temporary file stays behind.
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstring>

#include <sys/resource.h>

#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "gguf/gguf_test_support.h"

using namespace qdtest;

namespace {

uint32_t u32At(const QByteArray& b, qsizetype at) {
    uint32_t v = 0;
    std::memcpy(&v, b.constData() + at, 4);
    return v;
}

uint64_t u64At(const QByteArray& b, qsizetype at) {
    uint64_t v = 0;
    std::memcpy(&v, b.constData() + at, 8);
    return v;
}

// `count` F32 tensors of 256 x 1024 (1 MiB each).
qd::GgufWriter megabyteTensors(int count) {
    qd::GgufWriter w;
    w.set("general.architecture", qd::GgufValue::string("llama"));
    for (int i = 0; i < count; ++i) (void)w.addTensor("t" + std::to_string(i), {256, 1024}, qd::GgmlType::F32);
    return w;
}

// Sets RLIMIT_FSIZE for the lifetime of the object, with SIGXFSZ ignored so an oversized write fails with
// EFBIG instead of killing the process: the closest thing to a full disk a test can make.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lim = m_old;
        lim.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &lim) == 0;
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    bool ok() const { return m_ok; }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};

}  // namespace

class TestGgufWriter : public QObject {
    Q_OBJECT

private slots:
    // The small model reads back with every value and tensor as written, at the offsets the layout rules
    // give (each tensor at the next multiple of 32 after the previous one).
    void writesWhatWasSet() {
        QTemporaryDir dir;
        const qd::GgufWriter w = smallModelWriter();
        std::string error;
        const QByteArray bytes = writePatternFile(w, dir.filePath("m.gguf"), &error);
        QVERIFY2(!bytes.isEmpty(), error.c_str());
        QCOMPARE(uint64_t(bytes.size()), w.fileSize());
        QVERIFY(bytes.startsWith(QByteArray(reinterpret_cast<const char*>(w.header().data()), qsizetype(w.header().size()))));

        auto f = qd::GgufFile::parse(asSpan(bytes));
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QCOMPARE(f->version(), 3u);
        QCOMPARE(f->alignment(), uint64_t(32));
        QCOMPARE(f->dataOffset(), uint64_t(w.header().size()));
        QCOMPARE(f->metadata().size(), w.metadata().size());
        for (size_t i = 0; i < w.metadata().size(); ++i) {
            QCOMPARE(f->metadata()[i].key, w.metadata()[i].key);
            QVERIFY2(f->metadata()[i].value == w.metadata()[i].value, w.metadata()[i].key.c_str());
        }
        QCOMPARE(*f->getUInt("test.u64"), 0xFEDCBA9876543210ull);
        QCOMPARE(f->find("test.i64")->toInt().value(), int64_t(-0x123456789ABCll));
        QCOMPARE(*f->getDouble("test.f64"), -2.5e-300);
        QCOMPARE(f->find("test.nested")->arrayNested()[2].arrayNested()[0].arrayInt(0), int64_t(-1));

        const uint64_t expectedOffsets[] = {0, 2048, 3104, 3296, 3424};  // 2048, 1054+2, 192, 128, 12+20
        const uint64_t expectedBytes[] = {2048, 1054, 192, 128, 12};
        QCOMPARE(f->tensors().size(), size_t(5));
        for (size_t i = 0; i < 5; ++i) {
            const auto& t = f->tensors()[i];
            QCOMPARE(t.offset, expectedOffsets[i]);
            QCOMPARE(t.nBytes, expectedBytes[i]);
            QCOMPARE(t.name, w.tensors()[i].name);
            QVERIFY(t.dims == w.tensors()[i].dims);
            QVERIFY2(hasPattern(f->tensorData(t), i), t.name.c_str());
        }
        QCOMPARE(uint64_t(bytes.size()), f->dataOffset() + 3424 + 32);
        // Padding is zeros.
        for (qsizetype i = qsizetype(f->headerBytesParsed()); i < qsizetype(f->dataOffset()); ++i) QCOMPARE(bytes[i], '\0');
        QCOMPARE(bytes.right(20), QByteArray(20, '\0'));
    }

    // general.alignment = 64: the header is padded to 64, every tensor starts at a multiple of 64, and a
    // copy is byte-identical.
    void alignment64() {
        QTemporaryDir dir;
        qd::GgufWriter w = smallModelWriter();
        w.set("general.alignment", qd::GgufValue::uint32(64));
        QCOMPARE(w.alignment(), uint64_t(64));
        const QByteArray bytes = writePatternFile(w, dir.filePath("a64.gguf"));
        QVERIFY(!bytes.isEmpty());
        auto f = qd::GgufFile::open(dir.filePath("a64.gguf").toStdString());
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QCOMPARE(f->alignment(), uint64_t(64));
        QCOMPARE(f->dataOffset() % 64, uint64_t(0));
        const uint64_t expectedOffsets[] = {0, 2048, 3136, 3328, 3456};
        for (size_t i = 0; i < f->tensors().size(); ++i) {
            const auto& t = f->tensors()[i];
            QCOMPARE(t.offset % 64, uint64_t(0));
            QCOMPARE((f->dataOffset() + t.offset) % 64, uint64_t(0));
            QCOMPARE(t.offset, expectedOffsets[i]);
            QVERIFY(hasPattern(f->tensorData(t), i));
        }
        QCOMPARE(uint64_t(bytes.size()), f->dataOffset() + 3456 + 64);
        auto s = qd::copyGgufWithMetadata(*f, qd::GgufWriter::copyOf(*f), dir.filePath("copy.gguf").toStdString());
        QVERIFY2(s.ok(), s.ok() ? "" : s.message().c_str());
        QVERIFY(readFile(dir.filePath("copy.gguf")) == bytes);
    }

    // Versions 1 and 2 differ from 3 only in the width of counts (v1: u32 counts, lengths and dims).
    void olderVersions_data() {
        QTest::addColumn<uint32_t>("version");
        QTest::newRow("v1") << 1u;
        QTest::newRow("v2") << 2u;
    }

    void olderVersions() {
        QFETCH(uint32_t, version);
        QTemporaryDir dir;
        const qd::GgufWriter w = smallModelWriter(version);
        const QByteArray bytes = writePatternFile(w, dir.filePath("old.gguf"));
        QVERIFY(!bytes.isEmpty());
        QCOMPARE(u32At(bytes, 0), qd::kGgufMagic);
        QCOMPARE(u32At(bytes, 4), version);
        if (version == 1) {
            QCOMPARE(u32At(bytes, 8), 5u);                                      // tensor count, u32
            QCOMPARE(u32At(bytes, 12), uint32_t(w.metadata().size()));          // kv count, u32
            QCOMPARE(u32At(bytes, 16), uint32_t(strlen("general.architecture")));  // first key length, u32
        } else {
            QCOMPARE(u64At(bytes, 8), uint64_t(5));
            QCOMPARE(u64At(bytes, 16), uint64_t(w.metadata().size()));
            QCOMPARE(u64At(bytes, 24), uint64_t(strlen("general.architecture")));
        }
        auto f = qd::GgufFile::open(dir.filePath("old.gguf").toStdString());
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QCOMPARE(f->version(), version);
        QCOMPARE(f->metadata().size(), w.metadata().size());
        for (size_t i = 0; i < w.metadata().size(); ++i)
            QVERIFY2(f->metadata()[i].value == w.metadata()[i].value, w.metadata()[i].key.c_str());
        QCOMPARE(f->tensors().size(), w.tensors().size());
        for (size_t i = 0; i < f->tensors().size(); ++i) {
            QVERIFY(f->tensors()[i].dims == w.tensors()[i].dims);
            QVERIFY(hasPattern(f->tensorData(f->tensors()[i]), i));
        }
        // The v3 file has the same data section; only the header is wider.
        const QByteArray v3 = writePatternFile(smallModelWriter(3), dir.filePath("v3.gguf"));
        auto f3 = qd::GgufFile::parse(asSpan(v3));
        QVERIFY(f3.ok());
        QVERIFY(bytes.mid(qsizetype(f->dataOffset())) == v3.mid(qsizetype(f3->dataOffset())));
        if (version == 1) QVERIFY(f->dataOffset() < f3->dataOffset());
    }

    // GGUF v1 has u32 dimensions: a wider one is an error before anything is written, not a truncation.
    void v1RejectsWideDimensions() {
        QTemporaryDir dir;
        qd::GgufWriter w(1);
        QVERIFY(w.addTensor("wide", {1ull << 32, 1}, qd::GgmlType::I8).ok());
        int produced = 0;
        auto s = w.write(dir.filePath("v1.gguf").toStdString(), [&](size_t, const qd::GgufTensorInfo&, qd::TensorSink&) {
            ++produced;
            return qd::Status();
        });
        QVERIFY(!s.ok());
        QVERIFY2(QString::fromStdString(s.message()).contains("more than GGUF v1 can store"), s.message().c_str());
        QCOMPARE(produced, 0);
        QVERIFY(folderEntries(dir.path()).isEmpty());
    }

    void outputFolderMissing() {
        QTemporaryDir dir;
        const QString path = dir.filePath("no/such/folder/x.gguf");
        auto s = smallModelWriter().write(path.toStdString(), patternProducer);
        QVERIFY(!s.ok());
        QVERIFY2(QString::fromStdString(s.message()).contains("does not exist"), s.message().c_str());
        QVERIFY(folderEntries(dir.path()).isEmpty());
    }

    void outputIsAFolder() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("target.gguf"));
        auto s = smallModelWriter().write(dir.filePath("target.gguf").toStdString(), patternProducer);
        QVERIFY(!s.ok());
        QVERIFY2(QString::fromStdString(s.message()).contains("it is a folder"), s.message().c_str());
        QVERIFY(QFileInfo(dir.filePath("target.gguf")).isDir());
        QCOMPARE(folderEntries(dir.path()), QStringList{"target.gguf"});
    }

    // Cancelling from the progress callback halfway: "cancelled", no target, no temporary file, and the
    // producer is not asked for tensors after the cancel.
    void cancelHalfway() {
        QTemporaryDir dir;
        const qd::GgufWriter w = megabyteTensors(6);
        const QString target = dir.filePath("cancelled.gguf");
        int produced = 0;
        uint64_t lastDone = 0;
        bool sawTempFile = false;
        auto s = w.write(
            target.toStdString(),
            [&](size_t i, const qd::GgufTensorInfo& t, qd::TensorSink& sink) {
                ++produced;
                return patternProducer(i, t, sink);
            },
            [&](const qd::Progress& p) {
                if (!folderEntries(dir.path()).isEmpty()) sawTempFile = true;
                lastDone = p.done;
                return p.done < p.total / 2;
            });
        QVERIFY(!s.ok());
        QCOMPARE(QString::fromStdString(s.message()), QStringLiteral("cancelled"));
        QVERIFY(sawTempFile);  // the writer was really writing when it was stopped
        QCOMPARE(lastDone, uint64_t(3) << 20);
        QCOMPARE(produced, 3);
        QVERIFY(!QFile::exists(target));
        QVERIFY2(folderEntries(dir.path()).isEmpty(), qPrintable(folderEntries(dir.path()).join(", ")));
    }

    // Cancel at the very first report: nothing is created at all.
    void cancelBeforeStart() {
        QTemporaryDir dir;
        int produced = 0;
        auto s = megabyteTensors(2).write(
            dir.filePath("x.gguf").toStdString(),
            [&](size_t i, const qd::GgufTensorInfo& t, qd::TensorSink& sink) {
                ++produced;
                return patternProducer(i, t, sink);
            },
            [](const qd::Progress&) { return false; });
        QVERIFY(!s.ok());
        QCOMPARE(produced, 0);
        QVERIFY(folderEntries(dir.path()).isEmpty());
    }

    // A cancel inside a large tensor stops within it (reports come every few MiB of data).
    void cancelInsideLargeTensor() {
        QTemporaryDir dir;
        qd::GgufWriter w;
        QVERIFY(w.addTensor("big", {4096, 1024 * 6}, qd::GgmlType::F32).ok());  // 96 MiB
        uint64_t bytesProduced = 0;
        auto s = w.write(
            dir.filePath("big.gguf").toStdString(),
            [&](size_t, const qd::GgufTensorInfo& t, qd::TensorSink& sink) -> qd::Status {
                std::vector<uint8_t> zeros(1 << 20);
                for (uint64_t at = 0; at < t.nBytes; at += zeros.size()) {
                    if (auto st = sink.write(zeros.data(), zeros.size()); !st) return st;
                    bytesProduced += zeros.size();
                }
                return {};
            },
            [](const qd::Progress& p) { return p.done < (16u << 20); });
        QVERIFY(!s.ok());
        QCOMPARE(QString::fromStdString(s.message()), QStringLiteral("cancelled"));
        QVERIFY(bytesProduced < (32u << 20));
        QVERIFY(folderEntries(dir.path()).isEmpty());
    }

    // An existing target survives a failed write, and is replaced by a successful one.
    void failedWriteKeepsOldTarget() {
        QTemporaryDir dir;
        const QString target = dir.filePath("model.gguf");
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old contents");
        }
        auto s = smallModelWriter().write(target.toStdString(), [](size_t, const qd::GgufTensorInfo&, qd::TensorSink&) {
            return qd::Status(qd::fail("the producer failed"));
        });
        QVERIFY(!s.ok());
        QCOMPARE(QString::fromStdString(s.message()), QStringLiteral("the producer failed"));
        QCOMPARE(readFile(target), QByteArray("old contents"));
        QCOMPARE(folderEntries(dir.path()), QStringList{"model.gguf"});

        const QByteArray written = writePatternFile(smallModelWriter(), target);
        QVERIFY(written.size() > 1000);
        QCOMPARE(folderEntries(dir.path()), QStringList{"model.gguf"});
    }

    // A producer writing too much or too little is an error, not a corrupt file.
    void producerWritesWrongAmount_data() {
        QTest::addColumn<int>("delta");
        QTest::newRow("too little") << -1;
        QTest::newRow("too much") << 1;
    }

    void producerWritesWrongAmount() {
        QFETCH(int, delta);
        QTemporaryDir dir;
        auto s = smallModelWriter().write(dir.filePath("x.gguf").toStdString(),
                                          [&](size_t, const qd::GgufTensorInfo& t, qd::TensorSink& sink) {
                                              std::vector<uint8_t> b(size_t(int64_t(t.nBytes) + delta));
                                              return sink.write(b.data(), b.size());
                                          });
        QVERIFY(!s.ok());
        QVERIFY2(QString::fromStdString(s.message()).contains("token_embd.weight"), s.message().c_str());
        QVERIFY(folderEntries(dir.path()).isEmpty());
    }

    // "Disk full": the file size limit makes a write fail part-way. The error names the file, and the
    // temporary file is removed.
    void diskFull() {
        QTemporaryDir dir;
        const QString target = dir.filePath("full.gguf");
        qd::Status s;
        {
            FileSizeLimit limit(256 * 1024);
            QVERIFY(limit.ok());
            s = megabyteTensors(3).write(target.toStdString(), patternProducer);
        }
        QVERIFY(!s.ok());
        const QString msg = QString::fromStdString(s.message());
        QVERIFY2(msg.startsWith("cannot write " + target), qPrintable(msg));
        QVERIFY2(msg.contains(QString::fromLocal8Bit(strerror(EFBIG))), qPrintable(msg));
        QVERIFY(!QFile::exists(target));
        QVERIFY2(folderEntries(dir.path()).isEmpty(), qPrintable(folderEntries(dir.path()).join(", ")));
        // With the limit lifted the same write succeeds.
        QVERIFY(megabyteTensors(3).write(target.toStdString(), patternProducer).ok());
        QCOMPARE(QFileInfo(target).size(), qint64(megabyteTensors(3).fileSize()));
    }

    // Shapes the writer refuses.
    void addTensorErrors() {
        qd::GgufWriter w;
        QVERIFY(w.addTensor("ok", {64}, qd::GgmlType::Q4_0).ok());
        auto check = [&](const std::string& name, std::vector<uint64_t> dims, qd::GgmlType type, const char* words) {
            auto s = w.addTensor(name, std::move(dims), type);
            return !s.ok() && s.message().find(words) != std::string::npos;
        };
        QVERIFY(check("ok", {64}, qd::GgmlType::Q4_0, "added twice"));
        QVERIFY(check("none", {}, qd::GgmlType::F32, "1 to 4 dimensions"));
        QVERIFY(check("five", {1, 1, 1, 1, 1}, qd::GgmlType::F32, "1 to 4 dimensions"));
        QVERIFY(check("zero", {32, 0}, qd::GgmlType::F32, "size 0"));
        QVERIFY(check("odd", {100}, qd::GgmlType::Q4_K, "not a multiple of 256"));
        QVERIFY(check("huge", {1ull << 40, 1ull << 40}, qd::GgmlType::F32, "too large"));
        QCOMPARE(w.tensors().size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestGgufWriter)
#include "test_gguf_writer.moc"
