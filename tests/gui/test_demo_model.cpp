// The first start: with an empty library the main window opens the bundled demo model, which our own
// importer made (tests/convert checks it equals a fresh import).
#include <QFileInfo>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "core/gguf/gguf_file.h"
#include "ui/demo_model.h"
#include "gui/gui_test_env.h"
#include "ui/job_runner.h"
#include "ui/library.h"
#include "ui/main_window.h"
#include "ui/model_details_panel.h"
#include "ui/model_list_model.h"
#include "ui/models_page.h"
#include "ui/settings.h"

using namespace qd::ui;

class TestDemoModel : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void initTestCase() {
        QVERIFY(m_home.isValid());
        qdtest::isolateModelStores(m_home.path());  // "the library is empty" must not depend on this machine
    }

    void demoFilesAreThere() {
        const QString model = demoModelPath();
        QVERIFY2(!model.isEmpty(), "resources/demo/shakespeare-Q8_0.gguf not found");
        QVERIFY(QFileInfo(demoTextPath()).size() > 10000);
        auto file = qd::GgufFile::open(model.toStdString());
        QVERIFY(file.ok());
        QCOMPARE(*file->getUInt("general.file_type"), uint64_t(7));  // Q8_0
    }

    void emptyLibraryOpensTheDemo() {
        QTemporaryDir dir;
        Settings settings(dir.filePath("settings.ini"));
        JobRunner jobs;
        Library library(settings);
        MainWindow window(settings, library, jobs);
        window.show();
        QVERIFY(window.openDemoIfLibraryEmpty());
        ModelsPage* page = window.modelsPage();
        QCOMPARE(page->locations(), QStringList{demoModelPath()});
        QTRY_VERIFY_WITH_TIMEOUT(!page->isScanning() && page->table()->model()->rowCount() == 1, 20000);
        const QAbstractItemModel* view = page->table()->model();
        QCOMPARE(view->index(0, ModelListModel::FileColumn).data().toString(), QStringLiteral("shakespeare-Q8_0.gguf"));
        QCOMPARE(view->index(0, ModelListModel::FileTypeColumn).data().toString(), QStringLiteral("Q8_0"));
        QTRY_VERIFY_WITH_TIMEOUT(page->selectedPath() == demoModelPath(), 20000);
        // Once the library holds something, the demo is not forced on the person again.
        QVERIFY(!window.openDemoIfLibraryEmpty());
    }

    void nonEmptyLibraryIsLeftAlone() {
        QTemporaryDir dir;
        Settings settings(dir.filePath("settings.ini"));
        settings.setLibraryLocations({QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/pure")});
        JobRunner jobs;
        Library library(settings);
        MainWindow window(settings, library, jobs);
        QVERIFY(!window.openDemoIfLibraryEmpty());
        QVERIFY(!window.modelsPage()->locations().contains(demoModelPath()));
    }
};

QTEST_MAIN(TestDemoModel)
#include "test_demo_model.moc"
