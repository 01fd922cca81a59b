// The Models page driven through its real widgets on the offscreen platform: scanning the llama.cpp
// fixtures, the table's figures against manifest.json and the file system, sorting, filtering, the
// details panel, unreadable files, the settings wrapper and the translations.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>
#include <QTranslator>

#include <filesystem>

#include "core/gguf/file_type.h"
#include "core/gguf/model_summary.h"
#include "gui/gui_test_env.h"
#include "ui/job_runner.h"
#include "ui/library.h"
#include "ui/main_window.h"
#include "ui/metadata_table_model.h"
#include "ui/model_scan.h"
#include "ui/model_details_panel.h"
#include "ui/model_filter_proxy.h"
#include "ui/model_list_model.h"
#include "ui/model_scanner.h"
#include "ui/models_page.h"
#include "ui/resources.h"
#include "ui/settings.h"
#include "ui/tensor_table_model.h"
#include "ui/value_dialog.h"

using namespace qd::ui;

namespace {

const QString kShared = QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp");
// The llama.cpp Llama fixtures (the top folder and pure/) mirrored by hard links (copies where links are
// refused) into a folder of the test's own, so the table's expectations do not change when shared/ gains
// other families' fixtures in subfolders; those are checked by refusedFilesSayWhy().
QString kFixtures;

bool mirrorLlamaFixtures(const QString& to) {
    for (const QString& sub : {QString(), QStringLiteral("/pure")}) {
        QDir src(kShared + sub);
        if (!QDir().mkpath(to + sub)) return false;
        for (const QString& name : src.entryList({QStringLiteral("*.gguf"), QStringLiteral("manifest.json")}, QDir::Files)) {
            std::error_code ec;
            std::filesystem::create_hard_link(src.filePath(name).toStdString(), (to + sub + "/" + name).toStdString(), ec);
            if (ec && !QFile::copy(src.filePath(name), to + sub + "/" + name)) return false;
        }
    }
    return true;
}

// Every .gguf under the fixtures folder, absolute and clean, as the scan should find them.
QStringList fixtureFiles() {
    QStringList files;
    QDirIterator it(kFixtures, {QStringLiteral("*.gguf")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) files << QDir::cleanPath(QFileInfo(it.next()).absoluteFilePath());
    files.sort();
    return files;
}

// File name -> metadata object, from manifest.json (what llama.cpp's own reader saw).
QJsonObject manifest() {
    QFile f(kFixtures + QStringLiteral("/manifest.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString cell(const QAbstractItemModel* model, int row, int column, int role = Qt::DisplayRole) {
    return model->index(row, column).data(role).toString();
}

int rowOf(const QAbstractItemModel* model, const QString& fileName) {
    for (int r = 0; r < model->rowCount(); ++r)
        if (cell(model, r, ModelListModel::FileColumn) == fileName) return r;
    return -1;
}

// Adds `folder` through the page's slot (the one the folder dialog calls) and waits for the scan.
bool addAndWait(ModelsPage& page, const QString& folder) {
    QSignalSpy finished(&page, &ModelsPage::scanFinished);
    page.addFolder(folder);
    return finished.wait(60000) || !finished.isEmpty();
}

}  // namespace

class TestModelsPage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void settingsPersistLocations();
    void emptyStateUntilAFolderIsAdded();
    void scannerFindsFilesAndRestartsCleanly();
    void listsEveryFixtureWithTypeAndSize();
    void sortsBySizeNumerically();
    void filtersByTextAndType();
    void detailsShowMetadataAndTensors();
    void fitsInRamUsesTheMemoryFigure();
    void corruptFilesAreListedWithTheirError();
    void refusedFilesSayWhy();
    void removingAFolderDropsItsRows();
    void mainWindowOpensAPathAndSelectsIt();
    void germanAndFrenchTranslationsLoad();

private:
    QTemporaryDir m_home;
    QTemporaryDir m_library;
    QString settingsFile(const char* name) const { return m_home.filePath(QString::fromLatin1(name)); }
};

void TestModelsPage::initTestCase() {
    initResources();
    QVERIFY(m_home.isValid());
    qdtest::isolateModelStores(m_home.path());
    QVERIFY(m_library.isValid());
    QVERIFY(mirrorLlamaFixtures(m_library.path()));
    kFixtures = QDir::cleanPath(m_library.path());
    QVERIFY2(QFileInfo(kFixtures).isDir(), qPrintable(kFixtures));
    QVERIFY(fixtureFiles().size() >= 20);
}

void TestModelsPage::settingsPersistLocations() {
    const QString path = settingsFile("persist.ini");
    {
        Settings s(path);
        QCOMPARE(s.libraryLocations(), QStringList());  // the table's default
        QCOMPARE(s.currentPage(), 0);
        s.setLibraryLocations({QStringLiteral("/models/a"), QStringLiteral("/models/b c")});
        s.setCurrentPage(2);
        s.sync();
    }
    {
        Settings s(path);
        QCOMPARE(s.libraryLocations(), (QStringList{QStringLiteral("/models/a"), QStringLiteral("/models/b c")}));
        QCOMPARE(s.currentPage(), 2);
        s.reset(Settings::Key::CurrentPage);
        QCOMPARE(s.currentPage(), 0);
        // A one-element list survives the INI round trip as a list.
        s.setLibraryLocations({QStringLiteral("/only")});
        s.sync();
    }
    QCOMPARE(Settings(path).libraryLocations(), QStringList{QStringLiteral("/only")});

    // The page stores the folder it is given through the same wrapper.
    const QString pagePath = settingsFile("page.ini");
    {
        Settings s(pagePath);
        Library library(s);
        ModelsPage page(s, library);
        QVERIFY(addAndWait(page, kFixtures));
    }
    QCOMPARE(Settings(pagePath).libraryLocations(), QStringList{QDir::cleanPath(kFixtures)});
}

void TestModelsPage::emptyStateUntilAFolderIsAdded() {
    Settings s(settingsFile("empty.ini"));
    Library library(s);
    ModelsPage page(s, library);
    auto* stack = page.findChild<QStackedWidget*>();
    QVERIFY(stack);
    auto* empty = page.findChild<QWidget*>(QStringLiteral("emptyState"));
    QVERIFY(empty);
    QCOMPARE(stack->currentWidget(), empty);
    QVERIFY(page.findChild<QPushButton*>(QStringLiteral("emptyAddFolderButton")));
    QVERIFY(addAndWait(page, kFixtures));
    QVERIFY(stack->currentWidget() != empty);
}

void TestModelsPage::scannerFindsFilesAndRestartsCleanly() {
    QCOMPARE(findGgufFiles({kFixtures}), fixtureFiles());
    QCOMPARE(findGgufFiles({kFixtures}, [] { return true; }), QStringList());  // cancelled before the first entry
    // A file given as a location is taken as it is; a missing location is simply empty.
    const QString one = kFixtures + QStringLiteral("/shakespeare-Q8_0.gguf");
    QCOMPARE(findGgufFiles({one, QStringLiteral("/no/such/folder"), kFixtures + QStringLiteral("/pure")}).size(),
             1 + QDir(kFixtures + QStringLiteral("/pure")).entryList({QStringLiteral("*.gguf")}).size());

    ModelScanner scanner;
    QSignalSpy finished(&scanner, &ModelScanner::finished);
    QSignalSpy progress(&scanner, &ModelScanner::progress);
    QStringList received;
    connect(&scanner, &ModelScanner::entriesReady, this, [&received](const QList<ModelEntry>& entries) {
        for (const ModelEntry& e : entries) received << e.path;
    });
    const QStringList pure{kFixtures + QStringLiteral("/pure")};
    scanner.start(pure);
    QVERIFY(scanner.isRunning());
    scanner.start({kFixtures});
    // The first scan is reported cancelled at once, and none of its results arrive.
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toStringList(), pure);
    QCOMPARE(finished.at(0).at(1).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QCOMPARE(finished.at(1).at(1).toBool(), false);
    QVERIFY(!scanner.isRunning());
    received.sort();
    QCOMPARE(received, fixtureFiles());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(1).toInt(), static_cast<int>(fixtureFiles().size()));  // total
}

void TestModelsPage::listsEveryFixtureWithTypeAndSize() {
    Settings s(settingsFile("list.ini"));
    Library library(s);
    ModelsPage page(s, library);
    QVERIFY(addAndWait(page, kFixtures));
    const QAbstractItemModel* view = page.table()->model();
    const QStringList files = fixtureFiles();
    QCOMPARE(view->rowCount(), files.size());

    const QJsonObject man = manifest();
    QVERIFY(!man.isEmpty());
    int typed = 0;
    for (const QString& file : files) {
        const QString name = QFileInfo(file).fileName();
        const int row = rowOf(view, name);
        QVERIFY2(row >= 0, qPrintable(name));
        QCOMPARE(cell(view, row, ModelListModel::FileColumn, ModelListModel::PathRole), file);
        // Exact size: sorted by its byte count, shown the way the CLI shows it.
        const qint64 bytes = QFileInfo(file).size();
        QCOMPARE(view->index(row, ModelListModel::SizeColumn).data(ModelListModel::SortRole).toLongLong(), bytes);
        QCOMPARE(cell(view, row, ModelListModel::SizeColumn), QString::fromStdString(qd::formatBytes(bytes)));
        QCOMPARE(view->index(row, ModelListModel::SizeColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("%1 bytes").arg(QLocale().toString(bytes)));
        // The type is general.file_type from the manifest, by llama.cpp's name for it.
        const QJsonValue ft = man.value(name).toObject().value(QStringLiteral("metadata")).toObject().value(
            QStringLiteral("general.file_type"));
        if (ft.isDouble()) {
            const auto info = qd::fileTypeById(static_cast<uint32_t>(ft.toInt()));
            QVERIFY(info.has_value());
            QCOMPARE(cell(view, row, ModelListModel::FileTypeColumn), QString::fromLatin1(info->name.data(), info->name.size()));
            QCOMPARE(cell(view, row, ModelListModel::NameColumn), QStringLiteral("Shakespeare Llama"));
            QCOMPARE(cell(view, row, ModelListModel::ArchitectureColumn), QStringLiteral("llama"));
            QCOMPARE(cell(view, row, ModelListModel::ParametersColumn), QStringLiteral("3.7M"));
            QCOMPARE(cell(view, row, ModelListModel::ContextColumn), QStringLiteral("256"));
            QCOMPARE(cell(view, row, ModelListModel::LayersColumn), QStringLiteral("4"));
            QCOMPARE(cell(view, row, ModelListModel::StatusColumn), QStringLiteral("Runs"));
            ++typed;
        }
    }
    QCOMPARE(typed, files.size() - 1);  // all but dequant-reference.gguf, which names no type
    // Spot checks that do not go through the manifest at all.
    QCOMPARE(cell(view, rowOf(view, QStringLiteral("shakespeare-Q4_K_M.gguf")), ModelListModel::FileTypeColumn), QStringLiteral("Q4_K_M"));
    QCOMPARE(cell(view, rowOf(view, QStringLiteral("shakespeare-Q8_0.gguf")), ModelListModel::FileTypeColumn), QStringLiteral("Q8_0"));
    QCOMPARE(cell(view, rowOf(view, QStringLiteral("shakespeare-pure-Q6_K.gguf")), ModelListModel::FileTypeColumn), QStringLiteral("Q6_K"));
    // dequant-reference.gguf has no general.file_type: the type is guessed, shown in italics and said so.
    const int dq = rowOf(view, QStringLiteral("dequant-reference.gguf"));
    QCOMPARE(cell(view, dq, ModelListModel::FileTypeColumn), QStringLiteral("F32"));
    QVERIFY(view->index(dq, ModelListModel::FileTypeColumn).data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(cell(view, dq, ModelListModel::FileTypeColumn, Qt::ToolTipRole).contains(QStringLiteral("guessed")));
    QVERIFY(!view->index(rowOf(view, QStringLiteral("shakespeare-F32.gguf")), ModelListModel::FileTypeColumn).data(Qt::FontRole).isValid());
    // Q8_0 stores 34 bytes per 32 weights; the F32 token embedding and norms pull the average up a bit.
    const double q8bits = view->index(rowOf(view, QStringLiteral("shakespeare-pure-Q8_0.gguf")), ModelListModel::BitsPerWeightColumn)
                              .data(ModelListModel::SortRole).toDouble();
    QVERIFY2(q8bits > 8.5 && q8bits < 9.5, qPrintable(QString::number(q8bits)));
}

void TestModelsPage::sortsBySizeNumerically() {
    Settings s(settingsFile("sort.ini"));
    Library library(s);
    ModelsPage page(s, library);
    QVERIFY(addAndWait(page, kFixtures));
    QTableView* table = page.table();
    table->sortByColumn(ModelListModel::SizeColumn, Qt::AscendingOrder);
    const QAbstractItemModel* view = table->model();
    QVERIFY(view->rowCount() > 2);
    qint64 previous = -1;
    for (int r = 0; r < view->rowCount(); ++r) {
        const QString path = cell(view, r, 0, ModelListModel::PathRole);
        const qint64 size = QFileInfo(path).size();
        QVERIFY2(size >= previous, qPrintable(path));
        previous = size;
    }
    // Numeric, not text order: "1.42 MiB" (Q2_K pure) comes first, "19.3 MiB" (dequant-reference) last,
    // although as text "14.0 MiB" (F32) would sort before "2.00 MiB".
    QCOMPARE(cell(view, 0, ModelListModel::FileColumn), QStringLiteral("shakespeare-pure-Q2_K.gguf"));
    QCOMPARE(cell(view, view->rowCount() - 1, ModelListModel::FileColumn), QStringLiteral("dequant-reference.gguf"));
    table->sortByColumn(ModelListModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(cell(view, 0, ModelListModel::FileColumn), QStringLiteral("dequant-reference.gguf"));
    QCOMPARE(cell(view, 1, ModelListModel::FileColumn), QStringLiteral("shakespeare-F32.gguf"));
}

void TestModelsPage::filtersByTextAndType() {
    Settings s(settingsFile("filter.ini"));
    Library library(s);
    ModelsPage page(s, library);
    QVERIFY(addAndWait(page, kFixtures));
    auto* filter = page.findChild<QLineEdit*>(QStringLiteral("modelFilter"));
    auto* types = page.findChild<QComboBox*>(QStringLiteral("typeFilter"));
    auto* count = page.findChild<QLabel*>(QStringLiteral("modelCount"));
    QVERIFY(filter && types && count);
    const QAbstractItemModel* view = page.table()->model();
    const int all = view->rowCount();

    // Typed like a person would: "q4_k" matches the files named so and the types Q4_K_M / Q4_K_S
    // (shakespeare-Q4_K_M, -Q4_K_S and pure-Q4_K, whose type is Q4_K_M).
    QTest::keyClicks(filter, QStringLiteral("q4_k"));
    QCOMPARE(view->rowCount(), 3);
    for (int r = 0; r < view->rowCount(); ++r) QVERIFY(cell(view, r, ModelListModel::FileColumn).contains(QStringLiteral("Q4_K")));
    QCOMPARE(count->text(), QStringLiteral("3 of %1 models").arg(all));
    // Several words must all match.
    filter->setText(QStringLiteral("pure q5"));
    QCOMPARE(view->rowCount(), 3);  // pure-Q5_0, pure-Q5_1, pure-Q5_K
    filter->setText(QStringLiteral("llama"));
    QCOMPARE(view->rowCount(), all - 1);  // dequant-reference's architecture is "none"
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QCOMPARE(view->rowCount(), all);

    // The type combo lists the types present; Q8_0 is the mix file and the pure file.
    const int q8 = types->findData(QStringLiteral("Q8_0"));
    QVERIFY(q8 > 0);
    QCOMPARE(types->itemText(0), QStringLiteral("All types"));
    types->setCurrentIndex(q8);
    QCOMPARE(view->rowCount(), 2);
    QCOMPARE(QSet<QString>({cell(view, 0, ModelListModel::FileColumn), cell(view, 1, ModelListModel::FileColumn)}),
             QSet<QString>({QStringLiteral("shakespeare-Q8_0.gguf"), QStringLiteral("shakespeare-pure-Q8_0.gguf")}));
    // Text and type filters combine.
    filter->setText(QStringLiteral("pure"));
    QCOMPARE(view->rowCount(), 1);
    types->setCurrentIndex(0);
    filter->clear();
    QCOMPARE(view->rowCount(), all);
}

void TestModelsPage::detailsShowMetadataAndTensors() {
    Settings s(settingsFile("details.ini"));
    Library library(s);
    ModelsPage page(s, library);
    page.resize(1200, 800);
    QVERIFY(addAndWait(page, kFixtures));
    QTableView* table = page.table();
    const QAbstractItemModel* view = table->model();
    const int row = rowOf(view, QStringLiteral("shakespeare-Q4_K_M.gguf"));
    QVERIFY(row >= 0);
    ModelDetailsPanel* details = page.details();
    QSignalSpy loaded(details, &ModelDetailsPanel::loaded);
    table->setFocus();
    table->selectionModel()->setCurrentIndex(view->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY_WITH_TIMEOUT(!details->isLoading() && details->currentPath().endsWith(QStringLiteral("shakespeare-Q4_K_M.gguf")), 20000);
    QTRY_COMPARE(details->metadataModel()->rowCount() > 0, true);
    QCOMPARE(page.selectedPath(), QDir::cleanPath(kFixtures + QStringLiteral("/shakespeare-Q4_K_M.gguf")));

    MetadataTableModel* md = details->metadataModel();
    QCOMPARE(md->displayValue(QStringLiteral("general.name")), QStringLiteral("Shakespeare Llama"));
    QCOMPARE(md->displayValue(QStringLiteral("llama.block_count")), QStringLiteral("4"));
    QCOMPARE(md->displayValue(QStringLiteral("general.file_type")), QStringLiteral("15"));
    const QJsonObject meta = manifest().value(QStringLiteral("shakespeare-Q4_K_M.gguf")).toObject().value(QStringLiteral("metadata")).toObject();
    QCOMPARE(md->rowCount(), meta.size() - 1);  // the manifest adds GGUF.version, which is no key
    // A long array is abbreviated with its length and type, its full text has one line per token.
    const int tokens = md->rowForKey(QStringLiteral("tokenizer.ggml.tokens"));
    QVERIFY(tokens >= 0);
    QCOMPARE(md->index(tokens, MetadataTableModel::TypeColumn).data().toString(),
             QStringLiteral("array of string (%1)").arg(QLocale().toString(1024)));
    QVERIFY(md->index(tokens, MetadataTableModel::ValueColumn).data().toString().contains(QStringLiteral("(1024 string)")));
    const QStringList full = md->index(tokens, 0).data(MetadataTableModel::FullTextRole).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(full.size(), 1024);
    QVERIFY(full.first().endsWith(QStringLiteral("<unk>")));

    // Enter on a metadata row opens its whole value.
    QTableView* mdView = details->metadataView();
    const QModelIndex tokensInView = mdView->model()->index(tokens, MetadataTableModel::ValueColumn);  // file order
    QCOMPARE(tokensInView.siblingAtColumn(0).data().toString(), QStringLiteral("tokenizer.ggml.tokens"));
    mdView->setCurrentIndex(tokensInView);
    QTest::keyClick(mdView, Qt::Key_Return);
    ValueDialog* dialog = details->findChild<ValueDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("tokenizer.ggml.tokens"));
    QCOMPARE(dialog->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1024);
    dialog->close();
    QTRY_VERIFY(!details->findChild<ValueDialog*>());

    // The tensors table: 39 tensors, sortable by bytes.
    QTableView* tensors = details->tensorView();
    QCOMPARE(details->tensorModel()->rowCount(), 39);
    QCOMPARE(tensors->model()->rowCount(), 39);
    tensors->sortByColumn(TensorTableModel::BytesColumn, Qt::DescendingOrder);
    const QAbstractItemModel* tv = tensors->model();
    for (int r = 1; r < tv->rowCount(); ++r)
        QVERIFY(tv->index(r - 1, TensorTableModel::BytesColumn).data(TensorTableModel::SortRole).toULongLong() >=
                tv->index(r, TensorTableModel::BytesColumn).data(TensorTableModel::SortRole).toULongLong());
    // The largest tensors of the Q4_K_M mix: token embedding and output, 1024 x 256.
    QCOMPARE(tv->index(0, TensorTableModel::ShapeColumn).data().toString(), QStringLiteral("256 x 1024"));

    // The summary names the file and its type.
    auto* title = details->findChild<QLabel*>(QStringLiteral("detailsTitle"));
    QVERIFY(title);
    QCOMPARE(title->text(), QStringLiteral("Shakespeare Llama"));

    // Choosing another row (with the keyboard) loads that file instead.
    const int f32 = rowOf(view, QStringLiteral("shakespeare-F32.gguf"));
    table->selectionModel()->setCurrentIndex(view->index(f32, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY_WITH_TIMEOUT(!details->isLoading() && md->displayValue(QStringLiteral("general.file_type")) == QStringLiteral("0"), 20000);
    QCOMPARE(details->tensorModel()->index(0, TensorTableModel::TypeColumn).data().toString(), QStringLiteral("F32"));
}

void TestModelsPage::fitsInRamUsesTheMemoryFigure() {
    Settings s(settingsFile("fits.ini"));
    Library library(s);
    ModelsPage page(s, library);
    QVERIFY(addAndWait(page, kFixtures));
    const QAbstractItemModel* view = page.table()->model();
    // KV cache at 256 tokens: 4 layers x 4 KV heads x (32 + 32) per head x 2 bytes x 256 = 512 KiB.
    const int q8 = rowOf(view, QStringLiteral("shakespeare-Q8_0.gguf"));
    const int f16 = rowOf(view, QStringLiteral("shakespeare-F16.gguf"));
    const int f32 = rowOf(view, QStringLiteral("shakespeare-F32.gguf"));
    const quint64 f32Need = view->index(f32, ModelListModel::FitsColumn).data(ModelListModel::SortRole).toULongLong();
    const quint64 f32Tensors = page.model()->entry(page.proxy()->mapToSource(view->index(f32, 0)).row()).summary.tensorBytes;
    QCOMPARE(f32Need, f32Tensors + 524288u);

    page.setPhysicalMemory(10ull << 20);  // 10 MiB: Q8_0 (4.3 MiB) fits, F16 (7.5 MiB) is tight, F32 does not
    QVERIFY(cell(view, q8, ModelListModel::FitsColumn).startsWith(QStringLiteral("Yes · ")));
    QVERIFY(cell(view, f16, ModelListModel::FitsColumn).startsWith(QStringLiteral("Tight · ")));
    QCOMPARE(cell(view, f32, ModelListModel::FitsColumn), QStringLiteral("No · %1").arg(QString::fromStdString(qd::formatBytes(f32Need))));
    QVERIFY(cell(view, f32, ModelListModel::FitsColumn, Qt::ToolTipRole).contains(QStringLiteral("10.0 MiB of RAM")));
    page.setPhysicalMemory(1ull << 30);
    QVERIFY(cell(view, f32, ModelListModel::FitsColumn).startsWith(QStringLiteral("Yes · ")));
}

void TestModelsPage::corruptFilesAreListedWithTheirError() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        QFile garbage(dir.filePath(QStringLiteral("garbage.gguf")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray("this is not a model, just some text pretending to be one.").repeated(20));
    }
    {
        // A real file cut inside its header: the magic is right, the rest is missing.
        QFile src(kFixtures + QStringLiteral("/shakespeare-Q4_0.gguf"));
        QVERIFY(src.open(QIODevice::ReadOnly));
        QFile cut(dir.filePath(QStringLiteral("sub/truncated.GGUF")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("sub")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(src.read(700));
    }
    QFile(dir.filePath(QStringLiteral("notes.txt"))).open(QIODevice::WriteOnly);  // not a .gguf: ignored

    Settings s(settingsFile("corrupt.ini"));
    Library library(s);
    ModelsPage page(s, library);
    QSignalSpy finished(&page, &ModelsPage::scanFinished);
    page.addFolder(dir.path());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().at(0).toInt(), 0);  // models
    QCOMPARE(finished.first().at(1).toInt(), 2);  // unreadable
    const QAbstractItemModel* view = page.table()->model();
    QCOMPARE(view->rowCount(), 2);
    for (const QString& name : {QStringLiteral("garbage.gguf"), QStringLiteral("truncated.GGUF")}) {
        const int row = rowOf(view, name);
        QVERIFY2(row >= 0, qPrintable(name));
        const QString status = cell(view, row, ModelListModel::StatusColumn);
        QVERIFY2(status.startsWith(QStringLiteral("Unreadable: ")) && status.size() > 20, qPrintable(status));
        QCOMPARE(view->index(row, ModelListModel::StatusColumn).data(Qt::ForegroundRole).value<QColor>(), QColor(0xc6, 0x28, 0x28));
        QCOMPARE(view->index(row, ModelListModel::SizeColumn).data(ModelListModel::SortRole).toLongLong(),
                 QFileInfo(dir.filePath(name == QStringLiteral("garbage.gguf") ? name : QStringLiteral("sub/") + name)).size());
        QCOMPARE(cell(view, row, ModelListModel::FileTypeColumn), QString());
    }
    // The magic check names what it found.
    QVERIFY(cell(view, rowOf(view, QStringLiteral("garbage.gguf")), ModelListModel::StatusColumn).contains(QStringLiteral("GGUF"), Qt::CaseInsensitive));
    // The type combo offers the unreadable files, and the details panel shows the error.
    auto* types = page.findChild<QComboBox*>(QStringLiteral("typeFilter"));
    QVERIFY(types->findData(ModelFilterProxy::kUnreadable) > 0);
    page.selectPath(dir.filePath(QStringLiteral("garbage.gguf")));
    auto* error = page.details()->findChild<QLabel*>(QStringLiteral("detailsError"));
    QVERIFY(error);
    QVERIFY(error->text().contains(QStringLiteral("could not read")));
}

// The table says "Runs" only where the engine runs the file: llama.cpp's BLOOM, Falcon and ChatGLM
// conversions, its IQ1/IQ2/TQ files and a Llama file with hostile hyperparameters all say why they cannot.
void TestModelsPage::refusedFilesSayWhy() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    struct Want {
        QString source, name, reason;
    };
    const QList<Want> wants = {
        // The families beside Llama run (they did not before the engine took descriptions).
        {kShared + "/bloom/shakespeare-bloom-Q8_0.gguf", "shakespeare-bloom-Q8_0.gguf", QString()},
        {kShared + "/falcon/shakespeare-falcon-Q4_0.gguf", "shakespeare-falcon-Q4_0.gguf", QString()},
        {kShared + "/chatglm/shakespeare-chatglm-Q4_K_M.gguf", "shakespeare-chatglm-Q4_K_M.gguf", QString()},
        {kShared + "/imatrix/pure/shakespeare-pure-IQ1_S.gguf", "shakespeare-pure-IQ1_S.gguf", "has type IQ1_S, which QuantDesk cannot run yet"},
        {kShared + "/shakespeare-Q8_0.gguf", "shakespeare-Q8_0.gguf", QString()},
    };
    for (const Want& w : wants) QVERIFY2(QFile::copy(w.source, dir.filePath(w.name)), qPrintable(w.source));
    {
        // A well-formed Llama file whose head count x head size wraps in 32 bits.
        QProcess cli;
        cli.start(QStringLiteral(QD_CLI_PATH),
                  {"info", kShared + "/shakespeare-Q8_0.gguf", "--set", "llama.attention.head_count=65536", "--set",
                   "llama.attention.head_count_kv=65536", "--set", "llama.attention.key_length:uint32=65536", "-o",
                   dir.filePath("hostile.gguf")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        // A family the engine does not run.
        cli.start(QStringLiteral(QD_CLI_PATH), {"info", kShared + "/shakespeare-Q8_0.gguf", "--set", "general.architecture=gptneox",
                                               "-o", dir.filePath("gptneox.gguf")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
    }
    Settings s(settingsFile("refused.ini"));
    Library library(s);
    ModelsPage page(s, library);
    QVERIFY(addAndWait(page, dir.path()));
    const QAbstractItemModel* view = page.table()->model();
    QCOMPARE(view->rowCount(), wants.size() + 2);
    for (const Want& w : wants) {
        const int row = rowOf(view, w.name);
        QVERIFY2(row >= 0, qPrintable(w.name));
        const QString status = cell(view, row, ModelListModel::StatusColumn);
        if (w.reason.isEmpty()) {
            QCOMPARE(status, QStringLiteral("Runs"));
            continue;
        }
        QVERIFY2(status.startsWith(QStringLiteral("Cannot run: ")) && status.contains(w.reason), qPrintable(status));
    }
    const int hostile = rowOf(view, QStringLiteral("hostile.gguf"));
    QVERIFY(hostile >= 0);
    QVERIFY2(cell(view, hostile, ModelListModel::StatusColumn).contains(QStringLiteral("llama.attention.head_count is 65536")),
             qPrintable(cell(view, hostile, ModelListModel::StatusColumn)));
    const int neox = rowOf(view, QStringLiteral("gptneox.gguf"));
    QVERIFY(neox >= 0);
    QVERIFY2(cell(view, neox, ModelListModel::StatusColumn).contains(QStringLiteral("architecture 'gptneox' is not supported yet")),
             qPrintable(cell(view, neox, ModelListModel::StatusColumn)));
    // The details panel gives the same answer.
    page.selectPath(dir.filePath(QStringLiteral("gptneox.gguf")));
    bool said = false;
    for (const QLabel* label : page.details()->findChildren<QLabel*>())
        said |= label->text().startsWith(QStringLiteral("No: ")) && label->text().contains(QStringLiteral("gptneox"));
    QVERIFY(said);
}

void TestModelsPage::removingAFolderDropsItsRows() {
    QTemporaryDir dir;
    QVERIFY(QFile::copy(kFixtures + QStringLiteral("/shakespeare-Q2_K.gguf"), dir.filePath(QStringLiteral("copy.gguf"))));
    Settings s(settingsFile("remove.ini"));
    Library library(s);
    ModelsPage page(s, library);
    QVERIFY(addAndWait(page, kFixtures + QStringLiteral("/pure")));
    QVERIFY(addAndWait(page, dir.path()));
    const int pure = static_cast<int>(QDir(kFixtures + QStringLiteral("/pure")).entryList({QStringLiteral("*.gguf")}).size());
    QCOMPARE(page.model()->rowCount(), pure + 1);
    QCOMPARE(page.locations().size(), 2);
    // Choosing a folder in the folder filter shows its models only.
    auto* chooser = page.findChild<QComboBox*>(QStringLiteral("locationFilter"));
    QCOMPARE(chooser->count(), 3);  // "All folders" and the two folders
    chooser->setCurrentIndex(2);
    QCOMPARE(page.table()->model()->rowCount(), 1);
    page.removeLocation(page.locations().at(1));
    QCOMPARE(page.model()->rowCount(), pure);
    QCOMPARE(page.table()->model()->rowCount(), pure);
    QCOMPARE(s.libraryLocations(), QStringList{QDir::cleanPath(kFixtures + QStringLiteral("/pure"))});
    // A file deleted from disk disappears on rescan.
    QVERIFY(addAndWait(page, dir.path()));
    QCOMPARE(page.model()->rowCount(), pure + 1);
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("copy.gguf"))));
    QSignalSpy finished(&page, &ModelsPage::scanFinished);
    page.rescan();
    QVERIFY(finished.wait(20000));
    QCOMPARE(page.model()->rowCount(), pure);
}

void TestModelsPage::mainWindowOpensAPathAndSelectsIt() {
    Settings s(settingsFile("window.ini"));
    JobRunner jobs;
    Library library(s);
    MainWindow window(s, library, jobs);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.pageCount(), 2);  // only pages that work are there: Models and the Lab (neither needs a chat engine or a results database)
    QVERIFY(window.labPage() != nullptr);
    const QString file = QDir::cleanPath(kFixtures + QStringLiteral("/pure/shakespeare-pure-Q5_K.gguf"));
    QSignalSpy finished(window.modelsPage(), &ModelsPage::scanFinished);
    QVERIFY(window.openPath(file));
    QVERIFY(finished.wait(20000));
    QCOMPARE(window.modelsPage()->selectedPath(), file);
    QCOMPARE(s.libraryLocations(), QStringList{file});
    QTRY_COMPARE_WITH_TIMEOUT(window.modelsPage()->details()->metadataModel()->displayValue(QStringLiteral("general.file_type")),
                              QStringLiteral("17"), 20000);
    // A folder that holds it joins the library; the file stays selected.
    QVERIFY(window.openPath(kFixtures));
    QVERIFY(finished.wait(20000));
    QCOMPARE(window.modelsPage()->selectedPath(), file);
    QCOMPARE(window.modelsPage()->model()->rowCount(), fixtureFiles().size());
    auto* status = window.findChild<QLabel*>(QStringLiteral("statusText"));
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("Scan finished. %1 models in the library.").arg(fixtureFiles().size()));
    QVERIFY(!window.openPath(QStringLiteral("/no/such/model.gguf")));
    // Help > About names the version.
    QString aboutText;
    QTimer::singleShot(0, &window, [&aboutText] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            aboutText = box->text();
            box->accept();
        }
    });
    window.findChild<QAction*>(QStringLiteral("actionAbout"))->trigger();
    QVERIFY2(aboutText.contains(QStringLiteral("QuantDesk " QD_TEST_VERSION)), qPrintable(aboutText));
    QVERIFY(status && status->text().contains(QStringLiteral("/no/such/model.gguf")));
}

void TestModelsPage::germanAndFrenchTranslationsLoad() {
    for (const auto& [lang, expected] : {std::pair{QStringLiteral("de"), QStringLiteral("Ordner hinzufügen…")},
                                         std::pair{QStringLiteral("fr"), QStringLiteral("Ajouter un dossier…")}}) {
        QTranslator t;
        QVERIFY2(t.load(QStringLiteral(":/i18n/quantdesk_%1.qm").arg(lang)), qPrintable(lang));
        QCOMPARE(t.translate("qd::ui::ModelsPage", "Add folder…"), expected);
        QVERIFY(!t.translate("qd::ui::ModelListModel", "Fits in RAM").isEmpty());
    }
}

QTEST_MAIN(TestModelsPage)
#include "test_models_page.moc"
