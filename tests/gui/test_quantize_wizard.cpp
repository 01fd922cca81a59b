// The quantization wizard and the job runner on real widgets, the real engine and real files: the
// pages are driven through their buttons, jobs run on the runner's worker threads, outputs are compared
// with the CLI's byte for byte, and every failure case ends in a message with nothing left behind.
#include <QtTest>

#include <QApplication>
#include <QClipboard>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>

#include <atomic>
#include <cstring>

#include "checkpoint_writer.h"
#include "core/eval/results_db.h"
#include "gui/gui_test_env.h"
#include "test_files.h"
#include "core/gguf/gguf_file.h"
#include "core/quant/imatrix_file.h"
#include "core/quant/mix_rules.h"
#include "core/quant/quantizer.h"
#include "ui/demo_model.h"
#include "ui/job_runner.h"
#include "ui/jobs_model.h"
#include "ui/jobs_panel.h"
#include "core/chat/conversation_store.h"
#include "ui/chat_arena.h"
#include "ui/chat_engine.h"
#include "ui/chat_page.h"
#include "ui/library.h"
#include "ui/main_window.h"
#include "ui/methods_model.h"
#include "ui/model_list_model.h"
#include "ui/models_page.h"
#include "ui/quantize_jobs.h"
#include "ui/quantize_wizard.h"
#include "ui/resources.h"
#include "ui/settings.h"

using namespace qd;
using namespace qd::ui;

namespace {

QString sharedDir() { return qEnvironmentVariable("QD_SHARED_DIR", QStringLiteral(QD_SHARED_DIR)); }
QString fixture(const QString& name) { return sharedDir() + QStringLiteral("/fixtures/llamacpp/") + name; }

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

int runCli(const QStringList& args, QString* err = nullptr) {
    QProcess p;
    p.start(QStringLiteral(QD_CLI_PATH), args);
    if (!p.waitForFinished(240000)) return -1;
    if (err) *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// One wizard with its own settings file, job runner and results database.
struct Harness {
    QTemporaryDir dir;
    Settings settings{dir.filePath(QStringLiteral("settings.ini"))};
    JobRunner jobs;
    QuantizeWizard wizard{settings, jobs};

    Harness() {
        wizard.setDatabase(dir.filePath(QStringLiteral("results.sqlite")));
        wizard.setPhysicalMemory(quint64(16) << 30);
        wizard.show();
    }
    QString path(const QString& name) const { return dir.filePath(name); }
    QPushButton* next() const { return qobject_cast<QPushButton*>(wizard.button(QWizard::NextButton)); }
    QPushButton* commit() const { return qobject_cast<QPushButton*>(wizard.button(QWizard::CommitButton)); }

    // Source page: sets the path and waits for the worker's verdict.
    bool chooseSource(const QString& source) {
        wizard.setSource(source);
        return QTest::qWaitFor([&] { return !wizard.sourcePage()->isAnalyzing() && wizard.source().path == source; }, 20000);
    }
    // Goes to the methods page and ticks exactly `mixes`.
    bool toMethods(const QStringList& mixes) {
        if (!next()->isEnabled()) return false;
        next()->click();
        if (wizard.currentId() != QuantizeWizard::MethodsId) return false;
        wizard.methodsPage()->model()->setChecked(mixes);
        return wizard.methodsPage()->model()->checkedMixes() == mixes;
    }
    // Options page: output folder, a short evaluation (or none).
    bool toOptions(const QString& folder, bool evaluate) {
        if (!next()->isEnabled()) return false;
        next()->click();
        if (wizard.currentId() != QuantizeWizard::OptionsId) return false;
        OptionsPage* o = wizard.optionsPage();
        QDir().mkpath(folder);
        o->folderEdit()->setText(folder);
        o->threadsSpin()->setValue(2);
        o->evaluateBox()->setChecked(evaluate);
        o->evalContextSpin()->setValue(128);
        o->chunksSpin()->setValue(2);
        o->speedBox()->setChecked(false);
        o->textEdit()->setText(demoTextPath());
        return true;
    }
    bool start() {
        if (!commit()->isVisible() || !commit()->isEnabled()) return false;
        commit()->click();
        return wizard.currentId() == QuantizeWizard::RunId;
    }
    bool waitForRun(int ms = 180000) { return QTest::qWaitFor([&] { return wizard.runFinished(); }, ms); }
    const JobRecord* variant(int i) const { return jobs.job(wizard.variantJobs().value(i).job); }
};

}  // namespace

class TestQuantizeWizard : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        initResources();
        QVERIFY(qdtest::useScratchHome(m_home));
        QVERIFY2(!demoModelPath().isEmpty(), "the bundled demo model is missing");
    }

    // The whole path a new user takes: the demo model, two methods, run, evaluate, summary; the files are
    // the CLI's byte for byte, the results are in the database, and the outputs appear in the Models page.
    void twoMethodsOnTheDemoModel() {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("settings.ini")));
        settings.setLibraryLocations({});
        JobRunner jobs;
        Library library(settings);
        ChatController chat(jobs);
        auto history = qd::ConversationStore::open(":memory:");
        QVERIFY(history);
        MainWindow window(settings, library, jobs, &chat, &*history);
        window.show();
        const QString source = dir.filePath(QStringLiteral("shakespeare-Q8_0.gguf"));
        QVERIFY(QFile::copy(demoModelPath(), source));
        const QByteArray sourceBytes = readAll(source);
        window.modelsPage()->openFile(source);
        QTRY_VERIFY(!window.modelsPage()->isScanning());
        window.quantize(source);
        QuantizeWizard* wizard = window.quantizeWizard();
        QVERIFY(wizard);
        const QString db = dir.filePath(QStringLiteral("results.sqlite"));
        wizard->setDatabase(db);
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->sourcePage()->isAnalyzing() && wizard->source().path == source, 20000);
        QVERIFY(wizard->source().usable());
        QVERIFY(wizard->source().quantized);
        // The library's models are offered on the first page, the chosen one current.
        QComboBox* fromLibrary = wizard->sourcePage()->libraryCombo();
        QVERIFY(fromLibrary->findData(source) > 0);
        QCOMPARE(fromLibrary->currentData().toString(), source);
        auto* next = qobject_cast<QPushButton*>(wizard->button(QWizard::NextButton));
        // Already quantized: Next waits for the explicit tick.
        QVERIFY(!next->isEnabled());
        QVERIFY(wizard->sourcePage()->requantizeBox()->isVisibleTo(wizard));
        QVERIFY(wizard->sourcePage()->infoLabel()->text().contains(QStringLiteral("already quantized")));
        wizard->sourcePage()->requantizeBox()->setChecked(true);
        QVERIFY(next->isEnabled());
        next->click();
        QCOMPARE(wizard->currentId(), int(QuantizeWizard::MethodsId));
        // The defaults are the recommended pair.
        QCOMPARE(wizard->methodsPage()->model()->checkedMixes(), (QStringList{QStringLiteral("Q5_K_M"), QStringLiteral("Q4_K_M")}));
        wizard->methodsPage()->model()->setChecked({QStringLiteral("Q6_K"), QStringLiteral("Q4_K_M")});
        next->click();
        QCOMPARE(wizard->currentId(), int(QuantizeWizard::OptionsId));
        const QString out = dir.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(out));
        OptionsPage* o = wizard->optionsPage();
        o->folderEdit()->setText(out);
        QVERIFY(o->namesPreview()->text().contains(QStringLiteral("shakespeare-Q6_K.gguf")));
        QVERIFY(o->namesPreview()->text().contains(QStringLiteral("shakespeare-Q4_K_M.gguf")));
        o->threadsSpin()->setValue(2);
        o->evaluateBox()->setChecked(true);
        o->evalContextSpin()->setValue(128);
        o->chunksSpin()->setValue(2);
        o->speedBox()->setChecked(true);
        auto* commit = qobject_cast<QPushButton*>(wizard->button(QWizard::CommitButton));
        QVERIFY(commit->isEnabled());
        commit->click();
        QCOMPARE(wizard->currentId(), int(QuantizeWizard::RunId));
        QCOMPARE(wizard->variantJobs().size(), 2);
        QVERIFY(wizard->evaluateJob() != 0);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->runFinished(), 240000);
        for (const auto& v : wizard->variantJobs()) {
            const JobRecord* r = jobs.job(v.job);
            QVERIFY2(r->state == JobState::Finished, qPrintable(r->outcome.detail));
            QCOMPARE(quint64(QFileInfo(v.output).size()), v.predicted);
            // The CLI's file for the same mix, byte for byte.
            const QString cliOut = dir.filePath(QStringLiteral("cli-%1.gguf").arg(v.mix));
            QString err;
            QCOMPARE(runCli({QStringLiteral("quantize"), source, cliOut, v.mix, QStringLiteral("--allow-requantize"),
                             QStringLiteral("--quiet")},
                            &err),
                     0);
            QVERIFY2(readAll(cliOut) == readAll(v.output), qPrintable(v.mix));
        }
        const JobRecord* eval = jobs.job(wizard->evaluateJob());
        QVERIFY2(eval->state == JobState::Finished, qPrintable(eval->outcome.detail));
        // No temporary files beside the outputs; the source untouched.
        QCOMPARE(filesIn(out), (QStringList{QStringLiteral("shakespeare-Q4_K_M.gguf"), QStringLiteral("shakespeare-Q6_K.gguf")}));
        QCOMPARE(readAll(source), sourceBytes);
        // The database holds the base and both variants.
        auto opened = ResultsDatabase::open(db.toStdString());
        QVERIFY(opened.ok());
        auto records = opened->all();
        QVERIFY(records.ok());
        QStringList methods;
        for (const auto& r : *records) {
            methods << QString::fromStdString(r.method);
            QVERIFY(r.ppl > 1.0);
        }
        QVERIFY(methods.contains(QStringLiteral("Q6_K")));
        QVERIFY(methods.contains(QStringLiteral("Q4_K_M")));
        // The summary shows sizes and measurements.
        QVERIFY(next->isEnabled());
        next->click();
        QCOMPARE(wizard->currentId(), int(QuantizeWizard::SummaryId));
        QStandardItemModel* summary = wizard->summaryPage()->table();
        QCOMPARE(summary->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(summary->item(row, 2)->text(), summary->item(row, 3)->text());  // predicted == actual
            QVERIFY(!summary->item(row, 5)->text().isEmpty());                     // perplexity
            QVERIFY(!summary->item(row, 6)->text().isEmpty());                     // KLD
            QVERIFY(!summary->item(row, 7)->text().isEmpty());                     // tokens/s
        }
        // Both outputs are rows of the Models page.
        ModelListModel* models = window.modelsPage()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!window.modelsPage()->isScanning(), 20000);
        QStringList paths;
        for (int r = 0; r < models->rowCount(); ++r)
            paths << models->index(r, 0).data(ModelListModel::PathRole).toString();
        for (const auto& v : wizard->variantJobs()) QVERIFY2(paths.contains(v.output), qPrintable(v.output));
        // Chat with the first output, then both side by side, on the Chat page.
        QPushButton* chatWith = wizard->summaryPage()->chatButton();
        QVERIFY(chatWith->isVisibleTo(wizard) && chatWith->isEnabled());
        chatWith->click();
        QCOMPARE(window.currentPage(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.chatPage()->loadedModel() &&
                                     window.chatPage()->loadedModel()->path == wizard->variantJobs().front().output,
                                 30000);
        QVERIFY(wizard->summaryPage()->sideBySideButton()->isEnabled());
        wizard->summaryPage()->sideBySideButton()->click();
        QVERIFY(window.chatPage()->isSideBySide());
        QCOMPARE(window.chatPage()->arena()->columnCount(), 2);
        wizard->close();
    }

    // An imatrix file from llama-imatrix: every tensor of the wizard's Q4_K_M and Q3_K_M is
    // llama-quantize --imatrix's (the fixtures' per-tensor SHA-256; the metadata names the file as given).
    void imatrixFileGivesLlamaQuantizesTensors() {
        Harness h;
        const QString out = h.path(QStringLiteral("out"));
        QVERIFY(h.chooseSource(fixture(QStringLiteral("shakespeare-F32.gguf"))));
        QVERIFY(h.toMethods({QStringLiteral("Q4_K_M"), QStringLiteral("Q3_K_M")}));
        QVERIFY(h.toOptions(out, false));
        OptionsPage* o = h.wizard.optionsPage();
        o->imatrixModeBox()->setCurrentIndex(o->imatrixModeBox()->findData(int(OptionsPage::ImatrixFromFile)));
        QVERIFY(o->imatrixFileEdit()->isVisibleTo(o));
        QVERIFY(!o->imatrixTextEdit()->isVisibleTo(o));
        QVERIFY(!h.commit()->isEnabled());  // no file yet
        const QString imatrix = fixture(QStringLiteral("imatrix/shakespeare.imatrix.dat"));
        o->imatrixFileEdit()->setText(imatrix);
        QVERIFY(h.start());
        QVERIFY(h.waitForRun());
        QCOMPARE(h.wizard.imatrixJob(), 0);
        const QJsonObject manifest = testfiles::readJson(fixture(QStringLiteral("imatrix/manifest.json")));
        for (int i = 0; i < 2; ++i) {
            const JobRecord* r = h.variant(i);
            QVERIFY2(r->state == JobState::Finished, qPrintable(r->outcome.message + r->outcome.detail));
            const auto& v = h.wizard.variantJobs()[i];
            auto file = GgufFile::open(v.output.toStdString());
            QVERIFY(file.ok());
            QCOMPARE(QString::fromStdString(*file->find("quantize.imatrix.file")->toString()), imatrix);
            const QJsonArray tensors = manifest["shakespeare-imatrix-" + v.mix + ".gguf"].toObject()["tensors"].toArray();
            QVERIFY(!tensors.isEmpty());
            const QStringList differ = testfiles::tensorsDifferingFromManifest(*file, tensors);
            QVERIFY2(differ.isEmpty(), qPrintable(v.mix + ": " + differ.join(", ")));
        }
    }

    // An imatrix of another model is refused on the options page, with the reason, and nothing starts.
    void imatrixOfAnotherModelIsRefused() {
        Harness h;
        auto m = Imatrix::read(fixture(QStringLiteral("imatrix/shakespeare.imatrix.dat")).toStdString());
        QVERIFY(m.ok());
        m->entries[0].values.resize(m->entries[0].values.size() / 2);
        const QString wrong = h.path(QStringLiteral("other.imatrix.dat"));
        QVERIFY(m->write(wrong.toStdString()).ok());
        QVERIFY(h.chooseSource(fixture(QStringLiteral("shakespeare-F32.gguf"))));
        QVERIFY(h.toMethods({QStringLiteral("Q4_K_M")}));
        QVERIFY(h.toOptions(h.path(QStringLiteral("out")), false));
        OptionsPage* o = h.wizard.optionsPage();
        o->imatrixModeBox()->setCurrentIndex(o->imatrixModeBox()->findData(int(OptionsPage::ImatrixFromFile)));
        o->imatrixFileEdit()->setText(wrong);
        QString shown;
        // The warning the next click raises: its text kept, the box closed.
        auto answerNextWarning = [this, &shown] {
            QTimer::singleShot(0, this, [&shown] {
                for (QWidget* w : QApplication::topLevelWidgets())
                    if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible()) {
                        shown = box->text();
                        box->accept();
                    }
            });
        };
        answerNextWarning();
        QVERIFY(h.commit()->isEnabled());
        h.commit()->click();
        QCOMPARE(h.wizard.currentId(), int(QuantizeWizard::OptionsId));
        QVERIFY2(shown.contains(QStringLiteral("was computed for another model")), qPrintable(shown));
        QVERIFY(o->imatrixNote()->text().contains(QStringLiteral("was computed for another model")));
        // A file that is no imatrix at all (a model) says so.
        o->imatrixFileEdit()->setText(fixture(QStringLiteral("shakespeare-Q8_0.gguf")));
        answerNextWarning();
        h.commit()->click();
        QCOMPARE(h.wizard.currentId(), int(QuantizeWizard::OptionsId));
        QVERIFY2(shown.contains(QStringLiteral("not a valid importance-matrix file")), qPrintable(shown));
        QVERIFY(h.wizard.allJobs().isEmpty());
    }

    // Computed from a calibration text: one job before the variants, whose file every variant uses (the
    // CLI's `quantize --imatrix` of that file gives the same bytes); a second run of the same source and
    // text reuses it instead of computing again.
    void imatrixComputedOnceAndReused() {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("shakespeare-F32.gguf"));
        QVERIFY(QFile::copy(fixture(QStringLiteral("shakespeare-F32.gguf")), source));
        QString cached;
        for (int run = 0; run < 2; ++run) {
            Harness h;
            const QString out = h.path(QStringLiteral("out"));
            QVERIFY(h.chooseSource(source));
            QVERIFY(h.toMethods({QStringLiteral("Q4_K_M"), QStringLiteral("Q3_K_M")}));
            QVERIFY(h.toOptions(out, false));
            OptionsPage* o = h.wizard.optionsPage();
            o->imatrixModeBox()->setCurrentIndex(o->imatrixModeBox()->findData(int(OptionsPage::ComputeImatrix)));
            QVERIFY(o->imatrixTextEdit()->isVisibleTo(o));
            QCOMPARE(o->imatrixTextEdit()->text(), demoCalibrationPath());
            QCOMPARE(o->imatrixContextSpin()->value(), 256);  // 512, cut to the context the model was trained for
            o->imatrixContextSpin()->setValue(128);
            o->imatrixChunksSpin()->setValue(8);
            QVERIFY(h.start());
            QVERIFY(h.wizard.imatrixJob() != 0);
            QVERIFY(h.waitForRun());
            const JobRecord* im = h.jobs.job(h.wizard.imatrixJob());
            QVERIFY2(im->state == JobState::Finished, qPrintable(im->outcome.message + im->outcome.detail));
            const QVariantMap value = im->outcome.value.toMap();
            QCOMPARE(value.value(QStringLiteral("reused")).toBool(), run == 1);
            QCOMPARE(value.value(QStringLiteral("chunks")).toInt(), 8);
            if (run == 0) cached = value.value(QStringLiteral("file")).toString();
            QCOMPARE(value.value(QStringLiteral("file")).toString(), cached);
            auto m = Imatrix::read(cached.toStdString());
            QVERIFY(m.ok());
            QCOMPARE(m->lastChunk, 8);
            for (int i = 0; i < 2; ++i) {
                const auto& v = h.wizard.variantJobs()[i];
                QVERIFY2(h.variant(i)->state == JobState::Finished, qPrintable(h.variant(i)->outcome.message));
                const QString cli = h.path(QStringLiteral("cli-%1.gguf").arg(v.mix));
                QString err;
                QCOMPARE(runCli({QStringLiteral("quantize"), source, cli, v.mix, QStringLiteral("--imatrix"), cached,
                                 QStringLiteral("--quiet")},
                                &err),
                         0);
                QVERIFY2(readAll(cli) == readAll(v.output), qPrintable(v.mix + err));
            }
        }
    }

    // Every row's size is the core estimate, and the estimate is the file (checked against llama.cpp's
    // own files for the F32 source, which are the oracle here).
    void methodSizesAreLlamaCppFileSizes() {
        Harness h;
        QVERIFY(h.chooseSource(fixture(QStringLiteral("shakespeare-F32.gguf"))));
        QVERIFY(h.toMethods({QStringLiteral("Q4_K_M")}));
        const MethodsModel* m = h.wizard.methodsPage()->model();
        int compared = 0;
        for (const auto& e : m->estimates()) {
            QVERIFY2(e.ok, qPrintable(e.error));
            const QString f = fixture(QStringLiteral("shakespeare-%1.gguf").arg(e.mix));
            QVERIFY2(QFileInfo::exists(f), qPrintable(f));  // F32: the source itself, which F32 reproduces
            QCOMPARE(qint64(e.fileBytes), QFileInfo(f).size());
            ++compared;
        }
        QCOMPARE(compared, int(m->estimates().size()));
    }

    // Target mode picks the largest file within the budget; the expected answer comes from llama.cpp's
    // files' sizes, not from our estimates.
    void targetModePicksTheLargestThatFits() {
        Harness h;
        QVERIFY(h.chooseSource(fixture(QStringLiteral("shakespeare-F32.gguf"))));
        QVERIFY(h.toMethods({}));
        MethodsPage* page = h.wizard.methodsPage();
        for (const qint64 budget : {qint64(2300000), qint64(2600000), qint64(1500000), qint64(3000000)}) {
            QString expected;
            qint64 best = -1;
            for (const QString& mix : wizardMixes()) {
                const qint64 size = QFileInfo(fixture(QStringLiteral("shakespeare-%1.gguf").arg(mix))).size();
                if (mix == QLatin1String("F32") || size <= 0 || size > budget) continue;
                if (size > best) best = size, expected = mix;
            }
            page->budgetKind()->setCurrentIndex(0);
            page->budgetEdit()->setText(QString::number(budget));
            const QString picked = page->selectBest();
            // Several mixes can have the same size (Q5_0 and Q5_K_S here); any of them is right.
            QVERIFY2(!picked.isEmpty(), qPrintable(page->targetLabel()->text()));
            QCOMPARE(QFileInfo(fixture(QStringLiteral("shakespeare-%1.gguf").arg(picked))).size(), best);
            QCOMPARE(page->model()->checkedMixes(), QStringList{picked});
        }
        page->budgetEdit()->setText(QStringLiteral("1 MB"));
        QVERIFY(page->selectBest().isEmpty());
        QVERIFY(page->targetLabel()->text().contains(QStringLiteral("Nothing fits")));
        page->budgetEdit()->setText(QStringLiteral("lots"));
        QVERIFY(page->selectBest().isEmpty());
        // By RAM: the context's KV cache counts, so a budget just above the file size is not enough.
        page->budgetKind()->setCurrentIndex(1);
        page->contextSpin()->setValue(1 << 16);
        page->budgetEdit()->setText(QStringLiteral("2300000"));
        const QString byRam = page->selectBest();
        QVERIFY(byRam.isEmpty() || page->model()->estimate(byRam)->ramNeeded <= 2300000);
        QVERIFY(byRam != QLatin1String("Q4_K_M"));
        QCOMPARE(parseSize(QStringLiteral("4.5 GB")).value_or(0), quint64(4500000000ull));
        QCOMPARE(parseSize(QStringLiteral("2GiB")).value_or(0), quint64(2) << 30);
    }

    // The overrides preview is what the quantizer then writes, tensor by tensor; a bad pattern blocks Start.
    void overridesPreviewIsWhatIsWritten() {
        Harness h;
        QVERIFY(h.chooseSource(fixture(QStringLiteral("shakespeare-F32.gguf"))));
        QVERIFY(h.toMethods({QStringLiteral("Q4_K_M")}));
        QVERIFY(h.toOptions(h.path(QStringLiteral("out")), false));
        OptionsPage* o = h.wizard.optionsPage();
        o->overridesEdit()->setPlainText(QStringLiteral("attn_(q=q8_0"));
        QVERIFY(!o->overridesMessage()->text().isEmpty());
        QVERIFY(o->overridesMessage()->text().contains(QStringLiteral("attn_(q")));
        QVERIFY(!h.commit()->isEnabled());
        o->overridesEdit()->setPlainText(QStringLiteral("ffn_down=q8_0\nfoo"));
        QVERIFY(o->overridesMessage()->text().contains(QStringLiteral("line 2")));
        QVERIFY(!h.commit()->isEnabled());
        o->overridesEdit()->setPlainText(QStringLiteral("ffn_down=q8_0\n^blk\\.0\\.attn_q=f16"));
        o->outputTypeCombo()->setCurrentIndex(o->outputTypeCombo()->findData(QStringLiteral("Q8_0")));
        QVERIFY(o->overridesMessage()->text().isEmpty());
        QVERIFY(h.commit()->isEnabled());
        QStandardItemModel* preview = o->tensorPreview();
        QVERIFY(preview->rowCount() > 0);
        QHash<QString, QString> shown;
        for (int r = 0; r < preview->rowCount(); ++r) shown.insert(preview->item(r, 0)->text(), preview->item(r, 2)->text());
        QCOMPARE(shown.value(QStringLiteral("blk.0.attn_q.weight")), QStringLiteral("F16"));
        QCOMPARE(shown.value(QStringLiteral("blk.1.ffn_down.weight")), QStringLiteral("Q8_0"));
        QCOMPARE(shown.value(QStringLiteral("output.weight")), QStringLiteral("Q8_0"));
        const quint64 predicted = h.wizard.methodsPage()->model()->estimate(QStringLiteral("Q4_K_M"))->fileBytes;
        QVERIFY(o->previewSize()->text().contains(QLocale().toString(qulonglong(predicted))));
        QVERIFY(h.start());
        QVERIFY(h.waitForRun());
        const JobRecord* r = h.variant(0);
        QVERIFY2(r->state == JobState::Finished, qPrintable(r->outcome.detail));
        const QString file = h.wizard.variantJobs()[0].output;
        QCOMPARE(quint64(QFileInfo(file).size()), predicted);
        auto written = GgufFile::open(file.toStdString());
        QVERIFY(written.ok());
        QCOMPARE(int(written->tensors().size()), preview->rowCount());
        for (const auto& t : written->tensors())
            QCOMPARE(QString::fromLatin1(ggmlTypeName(t.type).data(), int(ggmlTypeName(t.type).size())),
                     shown.value(QString::fromStdString(t.name)));
    }

    // Cancel midway through the second variant: no partial file, the first kept, the job cancelled,
    // and the evaluation after them still measures the one that was made.
    void cancelMidwayKeepsTheFinishedVariant() {
        Harness h;
        std::atomic<int> cancelAt{0};
        h.jobs.setProgressHook([&](int id, const Progress& p) {
            return !(id == cancelAt.load() && p.total && p.done * 2 >= p.total);
        });
        QVERIFY(h.chooseSource(fixture(QStringLiteral("shakespeare-F32.gguf"))));
        QVERIFY(h.toMethods({QStringLiteral("Q8_0"), QStringLiteral("Q2_K")}));
        const QString out = h.path(QStringLiteral("out"));
        QVERIFY(h.toOptions(out, true));
        // The job ids are known once they are submitted; the second variant's is the first's + 1.
        connect(&h.jobs, &JobRunner::jobAdded, this, [&](int id) {
            if (h.jobs.job(id)->kind == QLatin1String("quantize") && cancelAt.load() == 0) cancelAt = id + 1;
        });
        QVERIFY(h.start());
        QVERIFY(h.waitForRun());
        QCOMPARE(h.variant(0)->state, JobState::Finished);
        QCOMPARE(h.variant(1)->state, JobState::Cancelled);
        QCOMPARE(filesIn(out), QStringList{QStringLiteral("shakespeare-Q8_0.gguf")});
        const JobRecord* eval = h.jobs.job(h.wizard.evaluateJob());
        QVERIFY2(eval->state == JobState::Finished, qPrintable(eval->outcome.detail));
        QCOMPARE(eval->outcome.value.toMap().value(QStringLiteral("results")).toList().size(), 1);
        // The jobs panel shows it as cancelled.
        JobsPanel panel(h.jobs);
        panel.selectJob(h.wizard.variantJobs()[1].job);
        QVERIFY(panel.messageLabel()->text().contains(QStringLiteral("Cancelled")));
        QVERIFY(!panel.cancelButton()->isEnabled());
        const QModelIndex state = h.jobs.model()->index(h.jobs.indexOf(h.wizard.variantJobs()[1].job), JobsModel::State);
        QCOMPARE(state.data().toString(), jobStateText(JobState::Cancelled));
    }

    // A full disk: the job fails saying how much is free and needed; nothing is left in the folder, the
    // other variant is unaffected. A real small file system where the machine lets us mount one,
    // otherwise the writer's injected limit.
    void fullDiskSaysSoAndLeavesNothing() {
        Harness h;
        QString out = h.path(QStringLiteral("small"));
        QVERIFY(QDir().mkpath(out));
        bool mounted = false;
#ifdef __linux__
        if (geteuid() == 0 && !qEnvironmentVariableIsSet("QD_TEST_NO_MOUNT")) mounted = QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"),
                                                                             QStringLiteral("-o"), QStringLiteral("size=2m"),
                                                                             QStringLiteral("tmpfs"), out}) == 0;
#endif
        if (!mounted) qputenv("QUANTDESK_TEST_DISK_FREE", "1500000");
        auto cleanup = qScopeGuard([&] {
            qunsetenv("QUANTDESK_TEST_DISK_FREE");
            if (mounted) QProcess::execute(QStringLiteral("umount"), {out});
        });
        QVERIFY(h.chooseSource(fixture(QStringLiteral("shakespeare-F32.gguf"))));
        // Q2_K (1.4 MiB) fits in either limit; Q8_0 (3.8 MiB) does not.
        QVERIFY(h.toMethods({QStringLiteral("Q8_0"), QStringLiteral("Q2_K")}));
        QVERIFY(h.toOptions(out, false));
        // With a real small disk the wizard warns first; go on anyway.
        QTimer::singleShot(0, this, [] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w)) box->button(QMessageBox::Yes)->click();
        });
        QVERIFY(h.start());
        QVERIFY(h.waitForRun());
        const JobRecord* failed = h.variant(0);
        QCOMPARE(failed->state, JobState::Failed);
        QVERIFY2(failed->outcome.message.startsWith(QStringLiteral("Disk full:")), qPrintable(failed->outcome.message));
        QVERIFY(failed->outcome.message.contains(QStringLiteral("needed")));
        QVERIFY(failed->outcome.message.contains(QStringLiteral("free")));
        QVERIFY(failed->outcome.detail.contains(QStringLiteral("the disk is full")));
        QCOMPARE(h.variant(1)->state, JobState::Finished);
        QCOMPARE(filesIn(out), QStringList{QStringLiteral("shakespeare-Q2_K.gguf")});
        // The panel shows the plain message, the detail behind Details, and copies both.
        JobsPanel panel(h.jobs);
        panel.selectJob(h.wizard.variantJobs()[0].job);
        QVERIFY(panel.messageLabel()->text().contains(QStringLiteral("Disk full")));
        QVERIFY(!panel.logView()->isVisibleTo(&panel));
        panel.detailsButton()->click();
        QVERIFY(panel.logView()->isVisibleTo(&panel));
        QVERIFY(panel.logView()->toPlainText().contains(QStringLiteral("the disk is full")));
        panel.copyButton()->click();
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("Disk full")));
    }

    // The source deleted, changed or truncated while it is read: the output is removed and the message
    // says why (a truncated file is read with explicit reads, so it is an error, not a crash).
    void sourceChangedOrDeletedDuringTheRun() {
        enum Change { Delete, Append, Truncate };
        for (const Change change : {Delete, Append, Truncate}) {
            Harness h;
            const QString source = h.path(QStringLiteral("model.gguf"));
            QVERIFY(QFile::copy(fixture(QStringLiteral("shakespeare-F32.gguf")), source));
            QFile::setPermissions(source, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            std::atomic<bool> done{false};
            h.jobs.setProgressHook([&](int, const Progress& p) {
                if (!done.load() && p.total && p.done * 2 >= p.total) {
                    done = true;
                    if (change == Delete) QFile::remove(source);
                    else if (change == Truncate) QFile::resize(source, QFileInfo(source).size() / 3);
                    else {
                        QFile f(source);
                        if (f.open(QIODevice::Append)) f.write("x");  // a change the size shows
                    }
                }
                return true;
            });
            QVERIFY(h.chooseSource(source));
            QVERIFY(h.toMethods({QStringLiteral("Q4_0")}));
            const QString out = h.path(QStringLiteral("out"));
            QVERIFY(h.toOptions(out, false));
            QVERIFY(h.start());
            QVERIFY(h.waitForRun());
            const JobRecord* r = h.variant(0);
            QCOMPARE(r->state, JobState::Failed);
            QVERIFY2(r->outcome.message.contains(change == Delete ? QStringLiteral("deleted") : QStringLiteral("changed")),
                     qPrintable(r->outcome.message));
            QVERIFY(filesIn(out).isEmpty());
        }
    }

    // Sources that cannot be used are explained on the page and keep Next disabled.
    void unusableSourcesAreExplained() {
        Harness h;
        struct Case {
            QString path;
            QString says;
        };
        const QString truncated = h.path(QStringLiteral("truncated.gguf"));
        {
            QFile f(truncated);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(readAll(fixture(QStringLiteral("shakespeare-Q8_0.gguf"))).left(5000));
        }
        const QList<Case> cases = {
            {h.path(QStringLiteral("nothing-here.gguf")), QStringLiteral("does not exist")},
            {truncated, QStringLiteral("cannot be read")},
            {sharedDir() + QStringLiteral("/text"), QStringLiteral("cannot be imported")},
            {demoTextPath(), QStringLiteral("neither a GGUF file nor a llama2.c checkpoint")},
        };
        for (const Case& c : cases) {
            QVERIFY(h.chooseSource(c.path));
            QVERIFY2(!h.wizard.source().usable(), qPrintable(c.path));
            QVERIFY2(h.wizard.sourcePage()->infoLabel()->text().contains(c.says),
                     qPrintable(c.path + QStringLiteral(": ") + h.wizard.sourcePage()->infoLabel()->text()));
            QVERIFY(!h.next()->isEnabled());
        }
        // A Hugging Face folder is usable and sized as its import.
        QVERIFY(h.chooseSource(sharedDir() + QStringLiteral("/models/shakespeare-llama")));
        QVERIFY2(h.wizard.source().usable(), qPrintable(h.wizard.source().error));
        QCOMPARE(h.wizard.source().kind, SourceKind::HuggingFace);
        QVERIFY(h.next()->isEnabled());
    }

    // An unwritable output folder keeps Start disabled and says so.
    void unwritableFolderBlocksStart() {
        Harness h;
        QVERIFY(h.chooseSource(fixture(QStringLiteral("shakespeare-F32.gguf"))));
        QVERIFY(h.toMethods({QStringLiteral("Q4_0")}));
        QVERIFY(h.toOptions(h.path(QStringLiteral("out")), false));
        h.wizard.optionsPage()->folderEdit()->setText(h.path(QStringLiteral("missing/folder")));
        QVERIFY(!h.commit()->isEnabled());
        const QString locked = h.path(QStringLiteral("locked"));
        QVERIFY(QDir().mkpath(locked));
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        h.wizard.optionsPage()->folderEdit()->setText(locked);
        if (!QFileInfo(locked).isWritable()) QVERIFY(!h.commit()->isEnabled());  // root may write anywhere
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        h.wizard.optionsPage()->folderEdit()->setText(h.path(QStringLiteral("out")));
        QVERIFY(h.commit()->isEnabled());
        // A folder that does not exist yet but can be made is made on Start.
        h.wizard.optionsPage()->folderEdit()->setText(h.path(QStringLiteral("fresh")));
        QVERIFY(h.commit()->isEnabled());
        QVERIFY(h.start());
        QVERIFY(QFileInfo(h.path(QStringLiteral("fresh"))).isDir());
        QVERIFY(h.waitForRun());
        QCOMPARE(h.variant(0)->state, JobState::Finished);
    }

    // A model in another tool's store is not written beside: outputs go to ~/Models instead.
    void storeSourcesAreNotWrittenInto() {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        Library library(settings);
        const QString store = dir.filePath(QStringLiteral("lmstudio/models"));
        QVERIFY(QDir().mkpath(store + QStringLiteral("/someone")));
        const QString source = store + QStringLiteral("/someone/shakespeare-F32.gguf");
        QVERIFY(QFile::copy(fixture(QStringLiteral("shakespeare-F32.gguf")), source));
        library.setModelStores({{QStringLiteral("lmstudio"), QStringLiteral("LM Studio"), store}});
        QTRY_VERIFY_WITH_TIMEOUT(!library.isScanning() && library.model()->rowCount() == 1, 20000);
        JobRunner jobs;
        QuantizeWizard wizard(settings, jobs);
        wizard.setLibrary(&library);
        wizard.show();
        QCOMPARE(wizard.sourcePage()->libraryCombo()->count(), 2);
        wizard.sourcePage()->libraryCombo()->setCurrentIndex(1);
        emit wizard.sourcePage()->libraryCombo()->activated(1);
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.sourcePage()->isAnalyzing() && wizard.source().path == source, 20000);
        auto* next = qobject_cast<QPushButton*>(wizard.button(QWizard::NextButton));
        next->click();
        next->click();
        QCOMPARE(wizard.currentId(), int(QuantizeWizard::OptionsId));
        QCOMPARE(QDir::fromNativeSeparators(wizard.optionsPage()->folderEdit()->text()), QDir::homePath() + QStringLiteral("/Models"));
        QVERIFY(wizard.button(QWizard::CommitButton)->isEnabled());
    }

    // A Hugging Face folder: imported first, then quantized; the import's F16 file does not stay behind,
    // and the size was predicted before the import existed.
    void huggingFaceFolderIsImportedFirst() {
        Harness h;
        QVERIFY(h.chooseSource(sharedDir() + QStringLiteral("/models/shakespeare-llama")));
        QVERIFY(h.toMethods({QStringLiteral("Q4_K_M")}));
        const QString out = h.path(QStringLiteral("out"));
        QVERIFY(h.toOptions(out, false));
        QVERIFY(h.start());
        QVERIFY(h.wizard.importJob() != 0);
        QVERIFY(h.waitForRun());
        QCOMPARE(h.jobs.job(h.wizard.importJob())->state, JobState::Finished);
        const JobRecord* r = h.variant(0);
        QVERIFY2(r->state == JobState::Finished, qPrintable(r->outcome.detail));
        const auto& v = h.wizard.variantJobs()[0];
        QCOMPARE(quint64(QFileInfo(v.output).size()), v.predicted);
        QTRY_COMPARE(filesIn(out), QStringList{QFileInfo(v.output).fileName()});
    }

    // Delta weights in the import step: the base model's folder as the source and the delta's folder
    // ticked; the run imports base + delta, and its quantization is the fine-tune's (written directly
    // as a checkpoint, imported and quantized by the CLI). A delta for another base is explained on the
    // first page and keeps Next disabled.
    void deltaWeightsAreAppliedOnImport() {
        Harness h;
        testutil::TinyModel base;
        testutil::TinyModel tuned = base;
        tuned.vocab = base.vocab + 1;
        const auto baseTensors = testutil::tinyTensors(base);
        const auto shapes = testutil::tinyTensors(tuned);
        std::vector<testutil::StTensorSpec> delta, target;
        for (size_t i = 0; i < shapes.size(); ++i) {
            std::vector<float> b(size_t(baseTensors[i].data.size()) / 4);
            std::memcpy(b.data(), baseTensors[i].data.constData(), b.size() * 4);
            const std::vector<float> d = testutil::pattern(size_t(shapes[i].data.size()) / 4, 900 + int(i));
            std::vector<float> t = d;
            for (size_t k = 0; k < b.size(); ++k) t[k] += b[k];
            delta.push_back({shapes[i].name, "F32", shapes[i].shape, testutil::floatsToBytes(d)});
            target.push_back({shapes[i].name, "F32", shapes[i].shape, testutil::floatsToBytes(t)});
        }
        auto write = [](const QString& folder, const testutil::TinyModel& m, const std::vector<testutil::StTensorSpec>& tensors) {
            QDir().mkpath(folder);
            testutil::writeJson(folder + "/config.json", testutil::tinyConfig(m));
            testutil::writeByteLevelTokenizer(folder, m.vocab);
            return testutil::writeSafetensors(folder + "/model.safetensors", tensors);
        };
        const QString baseDir = h.path(QStringLiteral("llama-tiny")), deltaDir = h.path(QStringLiteral("delta/tiny-chat")),
                      targetDir = h.path(QStringLiteral("target/tiny-chat"));
        QVERIFY(write(baseDir, base, baseTensors) && write(deltaDir, tuned, delta) && write(targetDir, tuned, target));

        // The delta row is offered for folders only.
        QVERIFY(h.chooseSource(demoModelPath()));
        SourcePage* page = h.wizard.sourcePage();
        QVERIFY(!page->useDeltaBox()->isVisibleTo(&h.wizard));
        QVERIFY(h.chooseSource(baseDir));
        QVERIFY(page->useDeltaBox()->isVisibleTo(&h.wizard));
        QVERIFY(!page->deltaPathEdit()->isEnabled());
        page->useDeltaBox()->setChecked(true);
        QVERIFY(page->deltaPathEdit()->isEnabled());
        page->deltaPathEdit()->setText(deltaDir);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isAnalyzing() && h.wizard.source().delta == deltaDir && h.next()->isEnabled(), 20000);
        QVERIFY(page->infoLabel()->text().contains(QStringLiteral("delta weights")));
        QCOMPARE(h.wizard.source().name, QStringLiteral("Tiny Chat"));  // the fine-tune's name, from the delta folder

        QVERIFY(h.toMethods({QStringLiteral("Q8_0")}));
        const QString out = h.path(QStringLiteral("out"));
        QVERIFY(h.toOptions(out, false));
        QVERIFY(h.start());
        QVERIFY(h.wizard.importJob() != 0);
        QVERIFY(h.jobs.job(h.wizard.importJob())->title.contains(QStringLiteral("+ delta")));
        QVERIFY(h.waitForRun());
        const JobRecord* r = h.variant(0);
        QVERIFY2(r->state == JobState::Finished, qPrintable(r->outcome.detail));

        const QString f16 = h.path(QStringLiteral("target-F16.gguf")), q8 = h.path(QStringLiteral("target-Q8_0.gguf"));
        QCOMPARE(runCli({QStringLiteral("import"), targetDir, QStringLiteral("-o"), f16, QStringLiteral("--type"), QStringLiteral("f16")}), 0);
        QCOMPARE(runCli({QStringLiteral("quantize"), f16, q8, QStringLiteral("Q8_0")}), 0);
        QVERIFY(readAll(q8) == readAll(h.wizard.variantJobs()[0].output));

        // The same delta on another base: refused on the first page, by tensor.
        Harness other;
        testutil::TinyModel wider;
        wider.ffn += 32;
        const QString widerDir = other.path(QStringLiteral("other-base"));
        QVERIFY(testutil::writeTinyCheckpoint(widerDir, wider));
        QVERIFY(other.chooseSource(widerDir));
        other.wizard.sourcePage()->useDeltaBox()->setChecked(true);
        other.wizard.sourcePage()->deltaPathEdit()->setText(deltaDir);
        QTRY_VERIFY_WITH_TIMEOUT(!other.wizard.sourcePage()->isAnalyzing() && other.wizard.source().delta == deltaDir, 20000);
        QVERIFY(!other.next()->isEnabled());
        const QString message = other.wizard.sourcePage()->infoLabel()->text();
        QVERIFY2(message.contains(QStringLiteral("cannot be applied")) && message.contains(QStringLiteral("down_proj")), qPrintable(message));
    }

    // Quitting while a job runs asks; "Cancel Jobs and Quit" stops them, removes their partial output
    // and closes the window once they have ended.
    void quittingMidRunAsksAndCleansUp() {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("settings.ini")));
        JobRunner jobs;
        Library library(settings);
        MainWindow window(settings, library, jobs);
        window.show();
        std::atomic<bool> hold{true};
        // Holds the job at its first report until the window has asked, so the quit lands mid-run.
        jobs.setProgressHook([&](int, const Progress& p) {
            while (hold.load() && p.done > 0) QThread::msleep(5);
            return true;
        });
        VariantRequest v;
        v.mix = QStringLiteral("Q4_0");
        v.source = fixture(QStringLiteral("shakespeare-F32.gguf"));
        v.output = dir.filePath(QStringLiteral("out.gguf"));
        v.options.mix.mix = *mixByName("Q4_0");
        v.options.threads = 1;
        v.options.taskFloats = 4096;
        const int id = jobs.submit(quantizeJob(v));
        QTRY_VERIFY(jobs.job(id)->state == JobState::Running);
        bool asked = false;
        QTimer::singleShot(50, this, [&] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w); box && box->objectName() == QLatin1String("quitWhileJobsRun")) {
                    asked = true;
                    for (QAbstractButton* b : box->buttons())
                        if (box->buttonRole(b) == QMessageBox::DestructiveRole) b->click();
                }
            // Released on the next turn of the event loop, after closeEvent has cancelled the job.
            QTimer::singleShot(0, [&hold] { hold = false; });
        });
        window.close();
        QVERIFY(asked);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 20000);
        QCOMPARE(jobs.job(id)->state, JobState::Cancelled);
        QVERIFY(!QFileInfo::exists(v.output));
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("settings.ini")});
    }

    // "Import to GGUF…" on a checkpoint's row: the job keeps the file it was asked for (byte-identical to
    // `quantdesk-cli import --type f16`) and the window lists it.
    void importJobKeepsItsOutput() {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        Library library(settings);
        JobRunner jobs;
        MainWindow window(settings, library, jobs);
        const QString folder = sharedDir() + QStringLiteral("/models/shakespeare-llama");
        ImportRequest request;
        request.source = folder;
        request.outputPath = dir.filePath(QStringLiteral("imported-F16.gguf"));
        const int id = jobs.submit(importJob(request));
        QCOMPARE(jobs.job(id)->kind, QStringLiteral("import"));
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(jobs.job(id)->state), 60000);
        QVERIFY2(jobs.job(id)->state == JobState::Finished, qPrintable(jobs.job(id)->outcome.detail));
        const QString cliOut = dir.filePath(QStringLiteral("cli-F16.gguf"));
        QCOMPARE(runCli({QStringLiteral("import"), folder, QStringLiteral("-o"), cliOut, QStringLiteral("--type"), QStringLiteral("f16")}), 0);
        QVERIFY(readAll(cliOut) == readAll(request.outputPath));
        QTRY_VERIFY_WITH_TIMEOUT(library.model()->rowForPath(QDir::cleanPath(request.outputPath)) >= 0, 20000);
    }

    // The runner on its own: queue order with one slot, dependencies, cancel before start.
    void runnerQueuesAndChains() {
        JobRunner jobs;
        QStringList order;
        auto step = [](const QString& name, bool ok) {
            JobSpec s;
            s.title = name;
            s.work = [name, ok](JobContext& c) {
                c.progress(1, 2, name);
                c.log(name + QStringLiteral(" ran"));
                return ok ? JobOutcome::finished(name) : JobOutcome::failed(name + QStringLiteral(" failed"));
            };
            return s;
        };
        connect(&jobs, &JobRunner::jobStarted, this, [&](int id) { order << jobs.job(id)->title; });
        const int a = jobs.submit(step(QStringLiteral("a"), false));
        JobSpec bSpec = step(QStringLiteral("b"), true);
        bSpec.after = {a};
        const int b = jobs.submit(bSpec);
        JobSpec cSpec = step(QStringLiteral("c"), true);
        cSpec.after = {a};
        cSpec.evenIfAfterFails = true;
        const int c = jobs.submit(cSpec);
        const int d = jobs.submit(step(QStringLiteral("d"), true));
        jobs.cancel(d);
        QCOMPARE(jobs.job(d)->state, JobState::Cancelled);
        QCOMPARE(jobs.runningCount(), 1);  // one slot by default
        QTRY_COMPARE(jobs.activeCount(), 0);
        QCOMPARE(jobs.job(a)->state, JobState::Failed);
        QCOMPARE(jobs.job(b)->state, JobState::Cancelled);
        QVERIFY(jobs.job(b)->outcome.message.contains(QStringLiteral("\"a\"")));
        QCOMPARE(jobs.job(c)->state, JobState::Finished);
        QCOMPARE(order, (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
        QVERIFY(jobs.job(c)->log.contains(QStringLiteral("c ran")));
        jobs.clearFinished();
        QCOMPARE(jobs.model()->rowCount(), 0);

        // The panel's "run at once" setting lets two jobs run side by side.
        JobsPanel panel(jobs);
        panel.concurrencySpin()->setValue(2);
        QCOMPARE(jobs.maxConcurrent(), 2);
        std::atomic<bool> release{false};
        auto blocking = [&release](const QString& name) {
            JobSpec s;
            s.title = name;
            s.work = [&release](JobContext&) {
                while (!release.load()) QThread::msleep(2);
                return JobOutcome::finished(QStringLiteral("ok"));
            };
            return s;
        };
        jobs.submit(blocking(QStringLiteral("x")));
        jobs.submit(blocking(QStringLiteral("y")));
        jobs.submit(blocking(QStringLiteral("z")));
        QCOMPARE(jobs.runningCount(), 2);
        release = true;
        QTRY_COMPARE(jobs.activeCount(), 0);
    }
};

QTEST_MAIN(TestQuantizeWizard)
#include "test_quantize_wizard.moc"
