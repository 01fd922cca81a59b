// The Lab page on real widgets, the real job runner and the real engine, on the bundled demo model (a
// Q8_0 file, expanded to F32 by the lab): a small space streams into the table and the charts while it
// runs; the recommendation is the lowest KL divergence evaluated within the budget (checked here from the
// table's own figures); the saved report folder holds Markdown, HTML and points.json with the command that
// reproduces it; Save report writes a PDF with the charts, HTML and Markdown; a cancel halfway ends the
// job cancelled with the page ready to run again.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>
#include <set>

#include "tests/gui/gui_test_env.h"
#include "ui/demo_model.h"
#include "ui/job_runner.h"
#include "ui/lab_charts.h"
#include "ui/lab_page.h"
#include "ui/lab_points_model.h"
#include "ui/library.h"
#include "ui/log_ticker.h"
#include "ui/main_window.h"
#include "ui/resources.h"
#include "ui/save_file.h"
#include "ui/settings.h"

using namespace qd::ui;

namespace {

template <typename T>
T* child(QWidget* w, const char* name) {
    T* c = w->findChild<T*>(QString::fromLatin1(name));
    if (!c) qWarning("no child %s", name);
    return c;
}

// Two families x QK 32, 64 x 4 bits: four formats, small enough for a test on two cores.
void chooseSmallSpace(LabPage* page) {
    for (const char* off : {"labFamily_t1", "labFamily_nl", "labFamily_fp4", "labQk_8", "labQk_16", "labQk_128", "labQk_256", "labQk_512",
                            "labQk_0", "labBits_2", "labBits_3", "labBits_5", "labBits_6", "labBits_7", "labBits_8"})
        child<QCheckBox>(page, off)->setChecked(false);
    child<QCheckBox>(page, "labFamily_t0")->setChecked(true);
    child<QCheckBox>(page, "labFamily_k")->setChecked(true);
    child<QCheckBox>(page, "labBits_4")->setChecked(true);
    child<QSpinBox>(page, "labContext")->setValue(64);
    child<QSpinBox>(page, "labChunks")->setValue(2);
    child<QSpinBox>(page, "labBudget")->setValue(2);
    child<QDoubleSpinBox>(page, "labMaxBpw")->setValue(5.0);
}

}  // namespace

class TestLabPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        initResources();
        QVERIFY(qdtest::useScratchHome(m_dir));
        QVERIFY2(!demoModelPath().isEmpty(), "the demo model is not found");
    }

    void runsOnTheDemoModelAndReports() {
        Settings settings(m_dir.filePath(QStringLiteral("run.ini")));
        Library library(settings);
        JobRunner jobs;
        MainWindow window(settings, library, jobs);
        LabPage* page = window.labPage();
        QVERIFY(page);
        window.resize(1300, 900);
        window.show();
        window.showPage(window.pageCount() - 1);
        page->setBase(demoModelPath());
        page->setText(demoTextPath());
        chooseSmallSpace(page);
        QVERIFY2(page->problem().isEmpty(), qPrintable(page->problem()));
        QVERIFY(child<QLabel>(page, "labSummary")->text().contains(QLatin1String("4")));
        auto* run = child<QPushButton>(page, "labRun");
        QVERIFY(run->isEnabled());

        QSignalSpy finished(page, &LabPage::runFinished);
        QSignalSpy rows(page->pointsModel(), &QAbstractItemModel::rowsInserted);
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(page->runningJob() != 0);
        QVERIFY(!run->isEnabled());
        QVERIFY(child<QPushButton>(page, "labCancel")->isEnabled());
        QVERIFY(finished.wait(240000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(rows.count() >= 4);  // streamed in point by point, not at the end alone

        const qd::lab::LabReport* report = page->report();
        QVERIFY(report);
        QCOMPARE(report->baseWeightType, std::string("Q8_0"));
        LabPointsModel* model = page->pointsModel();
        QCOMPARE(model->rowCount(), 4);
        // The recommendation, from the table's figures: the lowest KLD evaluated within 5 bits per weight.
        int best = -1, evaluated = 0;
        std::set<std::string> families;
        for (int r = 0; r < model->rowCount(); ++r) {
            const qd::lab::LabPoint* p = model->point(r);
            QVERIFY(p->weight.bitsPerWeight > 4.0 && p->weight.rmse > 0);
            QVERIFY(!p->speed.empty());
            families.insert(p->format.familyKey());
            if (!p->quality) continue;
            ++evaluated;
            QVERIFY(p->quality->kld > 0 && std::isfinite(p->quality->kld));
            if (p->weight.bitsPerWeight <= 5.0 && (best < 0 || p->quality->kld < model->point(best)->quality->kld)) best = r;
        }
        QCOMPARE(families, (std::set<std::string>{"t0", "k"}));
        QVERIFY(evaluated >= 2);
        QVERIFY(best >= 0);
        const std::string bestName = model->point(best)->format.name();
        QVERIFY(report->recommended >= 0);
        QCOMPARE(report->points[size_t(report->recommended)].format.name(), bestName);
        const QString words = child<QLabel>(page, "labRecommendation")->text();
        QVERIFY2(words.contains(QString::fromStdString(bestName)), qPrintable(words));
        QVERIFY(words.contains(QLatin1String("Q8_0")));  // says what the base was

        // The charts hold what the table holds.
        LabCharts* charts = page->charts();
        QCOMPARE(charts->evaluatedCount(), evaluated);
        QCOMPARE(charts->traceLength(qd::lab::Strategy::Bayesian), 2);
        QCOMPARE(charts->traceLength(qd::lab::Strategy::Random), 2);
        QVERIFY(charts->qualityPlot()->graphCount() >= evaluated + 1);  // the points and the ring
        QVERIFY(charts->errorPlot()->graphCount() == 2);                // one line per family at 4 bits
        QVERIFY(charts->speedPlot()->graphCount() >= 2);

        // The report folder beside the results database.
        const QString folder = page->reportFolder();
        QVERIFY(folder.startsWith(m_dir.filePath(QStringLiteral("data"))));
        QFile md(folder + QStringLiteral("/report.md"));
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(md.readAll());
        QVERIFY(text.contains(QStringLiteral("**Recommendation: %1**").arg(QString::fromStdString(bestName))));
        QVERIFY(text.contains(QLatin1String("quantdesk-cli lab ")));
        QVERIFY(text.contains(QLatin1String("--families t0,k --qk 32,64 --bits 4")));
        QVERIFY(QFileInfo(folder + QStringLiteral("/report.html")).size() > 1000);
        QVERIFY(QFileInfo(folder + QStringLiteral("/points.json")).size() > 100);

        // Save report: PDF with the charts (much larger than the text alone), HTML with SVG, Markdown.
        QVERIFY(child<QPushButton>(page, "labSave")->isEnabled());
        const QString pdf = m_dir.filePath(QStringLiteral("lab.pdf"));
        QCOMPARE(page->saveReport(pdf), QString());
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        const QByteArray bytes = p.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY2(bytes.size() > 40000, qPrintable(QString::number(bytes.size())));
        QVERIFY(bytes.count("/Subtype /Image") >= 4 || bytes.count("/Subtype/Image") >= 4);
        QCOMPARE(page->saveReport(m_dir.filePath(QStringLiteral("lab.html"))), QString());
        QFile h(m_dir.filePath(QStringLiteral("lab.html")));
        QVERIFY(h.open(QIODevice::ReadOnly));
        QVERIFY(h.readAll().contains("<svg"));
        QVERIFY(!page->saveReport(m_dir.filePath(QStringLiteral("lab.docx"))).isEmpty());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("lab.docx"))));
    }

    // Log-axis labels are powers of ten with superscripts in every locale (QCustomPlot's own wrote "1E-03"
    // where the locale's exponent is a capital E).
    void logAxisLabels() {
        const QLocale de(QLocale::German), c = QLocale::c();
        QCOMPARE(PowerOfTenTicker::label(0.001, de), QStringLiteral("10\u207B\u00B3"));
        QCOMPARE(PowerOfTenTicker::label(0.002, de), QStringLiteral("2\u00B710\u207B\u00B3"));
        QCOMPARE(PowerOfTenTicker::label(0.0025, de), QStringLiteral("2,5\u00B710\u207B\u00B3"));
        QCOMPARE(PowerOfTenTicker::label(0.0025, c), QStringLiteral("2.5\u00B710\u207B\u00B3"));
        QCOMPARE(PowerOfTenTicker::label(1.0, c), QStringLiteral("1"));
        QCOMPARE(PowerOfTenTicker::label(10.0, c), QStringLiteral("10"));
        QCOMPARE(PowerOfTenTicker::label(300.0, c), QStringLiteral("3\u00B710\u00B2"));
        QCOMPARE(PowerOfTenTicker::label(1e-12, c), QStringLiteral("10\u207B\u00B9\u00B2"));
    }

    // What the Compare and Lab pages' save dialogs make of a name without a suffix, and where they write first.
    void saveDialogSuffixAndTemporary() {
        QCOMPARE(withFilterSuffix(QStringLiteral("/r/report"), QStringLiteral("HTML page (*.html)"), QStringLiteral("pdf")), QStringLiteral("/r/report.html"));
        QCOMPARE(withFilterSuffix(QStringLiteral("/r/report"), QString(), QStringLiteral("pdf")), QStringLiteral("/r/report.pdf"));
        QCOMPARE(withFilterSuffix(QStringLiteral("/r/report.md"), QStringLiteral("PDF (*.pdf)"), QStringLiteral("pdf")), QStringLiteral("/r/report.md"));
        QCOMPARE(temporaryBeside(QStringLiteral("/r/report.pdf")), QStringLiteral("/r/.report.pdf.part"));
        // A failed rename names the target and leaves no temporary behind.
        const QString tmp = m_dir.filePath(QStringLiteral(".x.part"));
        QFile f(tmp);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString err = renameInto(tmp, m_dir.filePath(QStringLiteral("no-such-folder/x.pdf")));
        QVERIFY2(err.contains(QStringLiteral("x.pdf")), qPrintable(err));
        QVERIFY(!QFileInfo::exists(tmp));
    }

    // The page must not make the window taller than a 768-pixel laptop screen allows (its settings scroll).
    void fitsASmallScreen() {
        Settings settings(m_dir.filePath(QStringLiteral("size.ini")));
        Library library(settings);
        JobRunner jobs;
        MainWindow window(settings, library, jobs);
        window.show();
        window.showPage(window.pageCount() - 1);
        QCOMPARE(window.currentPage(), window.pageCount() - 1);
        const QSize min = window.minimumSizeHint();
        QVERIFY2(min.height() <= 700 && min.width() <= 1280, qPrintable(QStringLiteral("%1 x %2").arg(min.width()).arg(min.height())));
    }

    void cancelHalfwayLeavesThePageReady() {
        Settings settings(m_dir.filePath(QStringLiteral("cancel.ini")));
        Library library(settings);
        JobRunner jobs;
        MainWindow window(settings, library, jobs);
        LabPage* page = window.labPage();
        page->setBase(demoModelPath());
        page->setText(demoTextPath());
        chooseSmallSpace(page);
        child<QSpinBox>(page, "labBudget")->setValue(4);
        QSignalSpy finished(page, &LabPage::runFinished);
        QSignalSpy rows(page->pointsModel(), &QAbstractItemModel::rowsInserted);
        QSignalSpy jobEnded(&jobs, &JobRunner::jobFinished);
        page->run();
        const int id = page->runningJob();
        QVERIFY(id != 0);
        QVERIFY(rows.wait(120000));  // the first format measured
        page->cancel();
        QVERIFY(finished.count() > 0 || finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!jobEnded.isEmpty());
        QCOMPARE(jobEnded.last().at(1).value<JobState>(), JobState::Cancelled);
        QCOMPARE(page->runningJob(), 0);
        QVERIFY(page->report() == nullptr);
        QVERIFY(child<QPushButton>(page, "labRun")->isEnabled());
        QVERIFY(!child<QPushButton>(page, "labCancel")->isEnabled());
        QVERIFY(!child<QPushButton>(page, "labSave")->isEnabled());
        QVERIFY(child<QLabel>(page, "labRecommendation")->text().contains(QLatin1String("Cancelled")));
    }
};

QTEST_MAIN(TestLabPage)
#include "test_lab_page.moc"
