// Reading a GGUF file and writing it back gives the same bytes, and `quantdesk-cli info --set/--remove`
// changes exactly the keys it names, never the source file.
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "gguf/gguf_test_support.h"

using namespace qdtest;

namespace {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(QD_CLI_PATH), args);
    CliRun r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("quantdesk-cli did not finish");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString fixture(const QString& name) { return fixturesDir() + "/" + name; }

}  // namespace

class TestGgufRoundTrip : public QObject {
    Q_OBJECT

private slots:
    // Every llama.cpp fixture, copied through GgufWriter::copyOf + copyGgufWithMetadata, is byte-identical:
    // metadata order and types, tensor order, offsets, alignment padding and data all reproduced.
    void fixtureCopyIsByteIdentical_data() {
        QTest::addColumn<QString>("path");
        for (const auto& f : fixtureFiles()) QTest::newRow(qPrintable(f.key)) << f.path;
    }

    void fixtureCopyIsByteIdentical() {
        QFETCH(QString, path);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto file = qd::GgufFile::open(path.toStdString());
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());
        const qd::GgufWriter writer = qd::GgufWriter::copyOf(*file);
        QCOMPARE(writer.fileSize(), file->fileSize());
        QCOMPARE(uint64_t(writer.header().size()), file->dataOffset());

        const QString out = dir.filePath("copy.gguf");
        uint64_t lastDone = 0, total = 0;
        int reports = 0;
        auto status = qd::copyGgufWithMetadata(*file, writer, out.toStdString(), [&](const qd::Progress& p) {
            lastDone = p.done;
            total = p.total;
            ++reports;
            return true;
        });
        QVERIFY2(status.ok(), status.ok() ? "" : status.message().c_str());
        QVERIFY(reports >= 1);
        QCOMPARE(lastDone, total);

        const QByteArray original = readFile(path);
        const QByteArray copy = readFile(out);
        QCOMPARE(copy.size(), original.size());
        QVERIFY2(copy == original, "the copy differs from the source");
        QCOMPARE(folderEntries(dir.path()), QStringList{"copy.gguf"});  // no temporary file left
    }

    // A small file written by GgufWriter in each GGUF version reads back and copies byte-identically.
    void writerFileCopyIsByteIdentical_data() {
        QTest::addColumn<uint32_t>("version");
        QTest::newRow("v1") << 1u;
        QTest::newRow("v2") << 2u;
        QTest::newRow("v3") << 3u;
    }

    void writerFileCopyIsByteIdentical() {
        QFETCH(uint32_t, version);
        QTemporaryDir dir;
        const QByteArray original = writePatternFile(smallModelWriter(version), dir.filePath("a.gguf"));
        QVERIFY(!original.isEmpty());
        auto file = qd::GgufFile::open(dir.filePath("a.gguf").toStdString());
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());
        QCOMPARE(file->version(), version);
        auto status = qd::copyGgufWithMetadata(*file, qd::GgufWriter::copyOf(*file), dir.filePath("b.gguf").toStdString());
        QVERIFY2(status.ok(), status.ok() ? "" : status.message().c_str());
        QVERIFY(readFile(dir.filePath("b.gguf")) == original);
    }

    // `info FILE --set general.name=X -o OUT`: OUT differs from the source in that key only (same key
    // order, same types, same tensors and data), and the source keeps its bytes.
    void cliSetChangesOnlyThatKey() {
        QTemporaryDir dir;
        const QString src = fixture("shakespeare-Q4_K_M.gguf");
        const QByteArray before = readFile(src);
        const QString out = dir.filePath("renamed.gguf");
        const CliRun r = runCli({"info", src, "--set", "general.name=Renamed Model", "-o", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.isEmpty());
        QVERIFY(r.out.contains("general.name"));
        QVERIFY(readFile(src) == before);

        auto a = qd::GgufFile::parse(asSpan(before));
        auto b = qd::GgufFile::open(out.toStdString());
        QVERIFY(a.ok());
        QVERIFY2(b.ok(), b.ok() ? "" : b.message().c_str());
        QCOMPARE(b->version(), a->version());
        QCOMPARE(b->metadata().size(), a->metadata().size());
        int differing = 0;
        for (size_t i = 0; i < a->metadata().size(); ++i) {
            const auto& ka = a->metadata()[i];
            const auto& kb = b->metadata()[i];
            QCOMPARE(QString::fromStdString(kb.key), QString::fromStdString(ka.key));
            if (ka.key == "general.name") {
                QCOMPARE(kb.value.type(), qd::GgufValueType::String);
                QCOMPARE(QString::fromStdString(*kb.value.toString()), QStringLiteral("Renamed Model"));
                QVERIFY(!(kb.value == ka.value));
                ++differing;
            } else {
                QVERIFY2(kb.value == ka.value, ka.key.c_str());
            }
        }
        QCOMPARE(differing, 1);
        QCOMPARE(b->tensors().size(), a->tensors().size());
        for (size_t i = 0; i < a->tensors().size(); ++i) {
            const auto& ta = a->tensors()[i];
            const auto& tb = b->tensors()[i];
            QCOMPARE(QString::fromStdString(tb.name), QString::fromStdString(ta.name));
            QCOMPARE(tb.type, ta.type);
            QVERIFY(tb.dims == ta.dims);
            QVERIFY(tb.offset == ta.offset);  // relative offsets keep their layout
            const auto da = a->tensorData(ta);
            const auto db = b->tensorData(tb);
            QVERIFY(std::equal(da.begin(), da.end(), db.begin(), db.end()));
        }
        // Only the header moved: the data section is the same bytes.
        const QByteArray after = readFile(out);
        QCOMPARE(after.size() - qsizetype(b->dataOffset()), before.size() - qsizetype(a->dataOffset()));
        QVERIFY(after.mid(qsizetype(b->dataOffset())) == before.mid(qsizetype(a->dataOffset())));
        QCOMPARE(folderEntries(dir.path()), QStringList{"renamed.gguf"});
    }

    // A typed new key is appended, --remove drops one, an existing key keeps its type.
    void cliTypedSetAndRemove() {
        QTemporaryDir dir;
        const QString src = fixture("shakespeare-Q8_0.gguf");
        const QString out = dir.filePath("edited.gguf");
        const CliRun r = runCli({"info", src, "--set", "test.count:uint16=513", "--set", "llama.context_length=128",
                                 "--remove", "tokenizer.ggml.add_eos_token", "-o", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto a = qd::GgufFile::open(src.toStdString());
        auto b = qd::GgufFile::open(out.toStdString());
        QVERIFY(a.ok());
        QVERIFY2(b.ok(), b.ok() ? "" : b.message().c_str());
        QCOMPARE(b->metadata().size(), a->metadata().size());  // one added, one removed
        QVERIFY(a->find("tokenizer.ggml.add_eos_token"));
        QVERIFY(!b->find("tokenizer.ggml.add_eos_token"));
        QCOMPARE(b->metadata().back().key, std::string("test.count"));
        QCOMPARE(b->metadata().back().value.type(), qd::GgufValueType::UInt16);
        QCOMPARE(*b->getUInt("test.count"), uint64_t(513));
        QCOMPARE(b->find("llama.context_length")->type(), a->find("llama.context_length")->type());
        QCOMPARE(*b->getUInt("llama.context_length"), uint64_t(128));
        QCOMPARE(*a->getUInt("llama.context_length"), uint64_t(256));
    }

    // Failures exit non-zero, say what is wrong on stderr and write nothing.
    void cliErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString src = fixture("shakespeare-Q4_0.gguf");
        QTest::newRow("missing file") << QStringList{"info", "/nonexistent/dir/model.gguf"} << "no such file";
        QTest::newRow("missing file with edit")
            << QStringList{"info", "/nonexistent/model.gguf", "--set", "a=b", "-o", "@OUT@"} << "no such file";
        QTest::newRow("no '='") << QStringList{"info", src, "--set", "general.name", "-o", "@OUT@"} << "is not KEY=VALUE";
        QTest::newRow("empty key") << QStringList{"info", src, "--set", "=value", "-o", "@OUT@"} << "is not KEY=VALUE";
        QTest::newRow("bad type name")
            << QStringList{"info", src, "--set", "a:float16=1", "-o", "@OUT@"} << "unknown value type 'float16'";
        QTest::newRow("value not of the key's type")
            << QStringList{"info", src, "--set", "llama.block_count=many", "-o", "@OUT@"} << "is not a non-negative integer";
        QTest::newRow("array key") << QStringList{"info", src, "--set", "tokenizer.ggml.tokens=x", "-o", "@OUT@"}
                                   << "holds an array";
        QTest::newRow("bad alignment")
            << QStringList{"info", src, "--set", "general.alignment:uint32=48", "-o", "@OUT@"} << "power of two";
        QTest::newRow("remove missing key")
            << QStringList{"info", src, "--remove", "no.such.key", "-o", "@OUT@"} << "is not in the file";
        QTest::newRow("no -o") << QStringList{"info", src, "--set", "general.name=X"} << "need an output file";
        QTest::newRow("-o is the source") << QStringList{"info", "@COPY@", "--set", "general.name=X", "-o", "@COPY@"}
                                          << "would replace the source";
        QTest::newRow("-o is the source by another path")
            << QStringList{"info", "@COPY@", "--set", "general.name=X", "-o", "@COPYALIAS@"} << "would replace the source";
        QTest::newRow("output folder missing")
            << QStringList{"info", src, "--set", "general.name=X", "-o", "@DIR@/missing/out.gguf"} << "does not exist";
        QTest::newRow("-o without edits") << QStringList{"info", src, "-o", "@OUT@"} << "only used with --set";
        QTest::newRow("unknown option") << QStringList{"info", src, "--bogus"} << "--bogus";
        QTest::newRow("two files") << QStringList{"info", src, src} << "exactly one FILE";
        QTest::newRow("not a gguf") << QStringList{"info", fixturesDir() + "/manifest.json"} << "not a GGUF file";
    }

    void cliErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString copy = dir.filePath("model.gguf");
        QVERIFY(QFile::copy(fixture("shakespeare-Q4_0.gguf"), copy));
        const QByteArray copyBefore = readFile(copy);
        for (QString& a : args) {
            a.replace("@OUT@", dir.filePath("out.gguf"));
            a.replace("@COPYALIAS@", dir.path() + "/./model.gguf");
            a.replace("@COPY@", copy);
            a.replace("@DIR@", dir.path());
        }
        const CliRun r = runCli(args);
        QVERIFY2(r.exitCode != 0 && r.exitCode != -1, qPrintable("exit code " + QString::number(r.exitCode)));
        QVERIFY2(r.err.startsWith("error: "), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(folderEntries(dir.path()), QStringList{"model.gguf"});  // nothing written, no temp file
        QVERIFY(readFile(copy) == copyBefore);
    }
};

QTEST_GUILESS_MAIN(TestGgufRoundTrip)
#include "test_gguf_roundtrip.moc"
