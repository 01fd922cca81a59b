// The demo model shipped in resources/demo/ is what the importer makes from the shakespeare checkpoint
// today (so it can never silently drift from the importer), with the held-out text beside it.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/convert/import_model.h"

using namespace qd;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestImportDemo : public QObject {
    Q_OBJECT

private slots:
    void demoModelMatchesImporter() {
        const QString demo = QString(QD_SOURCE_DIR) + "/resources/demo/shakespeare-Q8_0.gguf";
        const QByteArray committed = readAll(demo);
        QVERIFY2(!committed.isEmpty(), qPrintable(demo));
        QTemporaryDir dir;
        ImportOptions o;
        o.type = ImportType::Q8_0;
        auto r = importModel((QString(QD_SHARED_DIR) + "/models/shakespeare-llama").toStdString(),
                             dir.filePath("demo.gguf").toStdString(), o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QCOMPARE(readAll(dir.filePath("demo.gguf")), committed);
    }

    void demoTextIsTheHeldOutText() {
        const QByteArray text = readAll(QString(QD_SOURCE_DIR) + "/resources/demo/shakespeare-val.txt");
        QVERIFY(text.size() > 60000);
        QCOMPARE(text, readAll(QString(QD_SHARED_DIR) + "/text/shakespeare-val.txt"));
    }
};

QTEST_GUILESS_MAIN(TestImportDemo)
#include "test_import_demo.moc"
