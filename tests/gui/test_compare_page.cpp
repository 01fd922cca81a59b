// The Compare page on real widgets, a real results database and the real engine: what it plots is the
// database's rows, the front and the recommendation are what this test computes on its own, every export
// is a valid file, Evaluate… on the Models page measures two fixtures and the chart shows them, and a
// cancelled evaluation leaves a consistent database.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QXmlStreamReader>
#include <QtTest>

#include <qcustomplot.h>

#include <map>
#include <set>

#include "core/chat/conversation_store.h"
#include "core/eval/results_db.h"
#include "tests/gui/gui_test_env.h"
#include "ui/chat_engine.h"
#include "ui/compare_chart.h"
#include "ui/compare_page.h"
#include "ui/evaluate_dialog.h"
#include "ui/evaluations_model.h"
#include "ui/job_runner.h"
#include "ui/library.h"
#include "ui/machine_info.h"
#include "ui/main_window.h"
#include "ui/model_list_model.h"
#include "ui/models_page.h"
#include "ui/resources.h"
#include "ui/settings.h"

using namespace qd::ui;

namespace {

const QString kFixtures = QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/");

// Rows as runCompare writes them: a base and its variants, real fixture files so memory needs are real.
struct Seed {
    const char* method;
    double ppl, kld, kld99, sameTop;
    double tg;
};

qd::EvaluationRecord record(const QString& file, const Seed& s, const std::string& base, const std::string& core, bool isBase,
                            double basePpl) {
    qd::EvaluationRecord r;
    r.modelPath = QFileInfo(file).absoluteFilePath().toStdString();
    r.modelIdentity = "id-" + r.modelPath;
    r.method = s.method;
    r.settingsKey = core + ";base=" + (isBase ? std::string("self") : base);
    r.fileSize = quint64(QFileInfo(file).size());
    r.bitsPerWeight = double(r.fileSize) * 8.0 / 3.7e6;
    r.ppl = s.ppl;
    r.pplError = 0.8;
    r.hasKl = !isBase;
    r.kld = s.kld;
    r.kldError = s.kld / 50;
    r.kld99 = s.kld99;
    r.sameTopPercent = s.sameTop;
    r.deltaPpl = isBase ? 0 : s.ppl - basePpl;
    r.logPplRatio = isBase ? 0 : std::log(s.ppl / basePpl);
    r.promptTokensPerSecond = s.tg * 8;
    r.generationTokensPerSecond = s.tg;
    r.threads = 2;
    r.textName = "shakespeare-val.txt";
    r.basePath = (kFixtures + "shakespeare-F32.gguf").toStdString();
    return r;
}

void waitUntil(const std::function<bool()>& done, int ms = 120000) { QTRY_VERIFY_WITH_TIMEOUT(done(), ms); }

// Every row of the results database at `path`, newest first (empty when it cannot be read).
std::vector<qd::EvaluationRecord> databaseRows(const QString& path) {
    auto db = qd::ResultsDatabase::open(path.toStdString());
    if (!db) return {};
    auto rows = db->all();
    return rows ? *rows : std::vector<qd::EvaluationRecord>{};
}

// Ticks the Evaluate dialog's files whose type is in `tick`, sets context and chunks.
void tickFiles(EvaluateDialog& d, const QStringList& tick, int context, int chunks) {
    QListWidget* files = d.fileList();
    for (int i = 0; i < files->count(); ++i) {
        bool on = false;
        for (const QString& t : tick) on = on || files->item(i)->text().contains(QStringLiteral("· %1 ·").arg(t));
        files->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
    d.contextSpin()->setValue(context);
    d.chunksSpin()->setValue(chunks);
}

}  // namespace

class TestComparePage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        initResources();
        QVERIFY(qdtest::useScratchHome(m_dir));
    }

    // Two series (two evaluation settings), one variant measured twice: the page shows the newest row of
    // each file and settings, so its points per series are the database's rows of that series with a KL
    // divergence; the front is every point no other point dominates; the recommendation is the lowest KLD
    // that fits the memory and reaches the speed; the exports are valid files; the arena's rates show.
    void plotsTheDatabaseAndChoosesLikeThisTest() {
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QStringLiteral("results.sqlite"));
        {
            auto db = qd::ResultsDatabase::open(dbPath.toStdString());
            QVERIFY(db.ok());
            const std::string base = "id-" + QFileInfo(kFixtures + "shakespeare-F32.gguf").absoluteFilePath().toStdString();
            const std::vector<Seed> seeds = {{"Q2_K", 44.1, 0.210, 1.90, 72.0, 260}, {"Q3_K_S", 45.0, 0.260, 2.20, 70.0, 250},
                                             {"Q3_K_M", 40.2, 0.120, 1.10, 80.0, 240}, {"Q4_K_M", 37.3, 0.031, 0.32, 90.0, 220},
                                             {"Q4_0", 38.0, 0.052, 0.50, 88.0, 300}, {"Q6_K", 36.4, 0.006, 0.07, 96.0, 170},
                                             {"Q8_0", 36.2, 0.001, 0.01, 99.0, 140}};
            for (const std::string core : {"text=a;ctx=128;chunks=4;act=quantized", "text=a;ctx=256;chunks=0;act=quantized"}) {
                auto b = record(kFixtures + "shakespeare-F32.gguf", {"F32", 36.18, 0, 0, 0, 60}, base, core, true, 36.18);
                b.modelIdentity = base;
                QVERIFY(db->insert(b).ok());
                const bool second = core.find("ctx=256") != std::string::npos;
                for (Seed s : seeds) {
                    if (second) s.kld *= 1.6, s.kld99 *= 1.6;  // a shorter text's divergences, apart from the first's on the chart
                    auto r = record(kFixtures + QStringLiteral("shakespeare-%1.gguf").arg(s.method), s, base, core, false, 36.18);
                    QVERIFY(db->insert(r).ok());
                }
            }
            // Q4_0 in the first series measured again, later: its newer row replaces the older on screen.
            auto again = record(kFixtures + "shakespeare-Q4_0.gguf", {"Q4_0", 38.1, 0.050, 0.48, 88.5, 310}, base,
                                "text=a;ctx=128;chunks=4;act=quantized", false, 36.18);
            QVERIFY(db->insert(again).ok());
        }
        auto votes = qd::ConversationStore::open(":memory:");
        QVERIFY(votes.ok());
        const std::string q6 = QFileInfo(kFixtures + "shakespeare-Q6_K.gguf").absoluteFilePath().toStdString();
        const std::string q2 = QFileInfo(kFixtures + "shakespeare-Q2_K.gguf").absoluteFilePath().toStdString();
        for (int winner : {0, 0, 1, -1})
            QVERIFY(votes->addVote("prompt", {{q6, "Q6_K", 0}, {q2, "Q2_K", 0}}, winner, true).ok());

        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        JobRunner jobs;
        EvaluationsModel model(dbPath, &*votes);
        ComparePage page(settings, model, jobs);
        page.resize(1300, 850);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // The database's rows, deduplicated here by file identity and settings (newest first).
        auto db = qd::ResultsDatabase::open(dbPath.toStdString());
        QVERIFY(db.ok());
        auto all = db->all();
        QVERIFY(all.ok());
        std::set<std::pair<std::string, std::string>> seen;
        std::map<std::string, int> perSeries;  // measurement key -> rows with KLD
        int shown = 0;
        for (const auto& r : *all) {
            if (!seen.insert({r.modelIdentity, r.settingsKey}).second) continue;
            ++shown;
            if (r.hasKl) perSeries[r.settingsKey.substr(0, r.settingsKey.find(";base="))]++;
        }
        QCOMPARE(model.rowCount(), shown);
        QCOMPARE(int(model.series().size()), 2);
        QCOMPARE(page.table()->model()->rowCount(), shown);
        QualityChart* chart = page.chart();
        QCOMPARE(chart->currentMetric(), CompareMetric::Kld);
        for (int s = 0; s < 2; ++s) {
            const std::string key = model.series()[size_t(s)].key.toStdString();
            const std::string measurement = key.substr(key.find('|') + 1);
            QCOMPARE(chart->pointCount(s), perSeries[measurement]);
        }
        // The newer Q4_0 row is the one plotted.
        bool newerQ40 = false;
        for (const auto& p : chart->points())
            if (model.row(p.row)->record.method == "Q4_0" && std::abs(p.y - 0.050) < 1e-12) newerQ40 = true;
        QVERIFY(newerQ40);
        QVERIFY(chart->logScale());  // 0.001 .. 0.26 spans more than two decades

        // The front, pair by pair.
        for (const auto& p : chart->points()) {
            bool dominated = false;
            for (const auto& o : chart->points())
                if (&o != &p && model.row(o.row)->series == model.row(p.row)->series && o.x <= p.x && o.y <= p.y &&
                    (o.x < p.x || o.y < p.y))
                    dominated = true;
            QVERIFY2(p.front == !dominated, model.row(p.row)->record.method.c_str());
        }
        // Q3_K_S is bigger and worse than Q2_K: greyed.
        for (const auto& p : chart->points())
            if (model.row(p.row)->record.method == "Q3_K_S") QVERIFY(!p.front);

        // The recommendation: a memory budget between the needs of Q4_K_M and Q6_K, and at least 200 t/s.
        auto needOf = [&](const char* method, int series) {
            for (int i = 0; i < model.rowCount(); ++i)
                if (model.row(i)->record.method == method && model.row(i)->series == series) return chart->memoryNeed(i);
            return quint64(0);
        };
        const int s0 = chart->recommendSeries();
        QVERIFY(s0 >= 0);
        const quint64 q4kNeed = needOf("Q4_K_M", s0), q6Need = needOf("Q6_K", s0);
        QVERIFY(q4kNeed > 0 && q6Need > q4kNeed);
        const quint64 budget = (q4kNeed + q6Need) / 2;
        chart->setMachine(budget, 4096, 200);
        int expected = -1;
        for (const auto& p : chart->points()) {
            const auto& r = *model.row(p.row);
            if (r.series != s0 || chart->memoryNeed(p.row) > budget || r.record.generationTokensPerSecond < 200) continue;
            if (expected < 0 || r.record.kld < model.row(expected)->record.kld) expected = p.row;
        }
        QVERIFY(expected >= 0);
        QCOMPARE(chart->recommendedRow(), expected);
        QCOMPARE(model.row(expected)->record.method, std::string("Q4_K_M"));
        QVERIFY(page.recommendationLabel()->text().contains(QStringLiteral("Q4_K_M")));
        QVERIFY(!std::isnan(chart->fitLimit(s0)));
        // The memory line sits at the largest file that fits with this model's cache and buffers.
        QCOMPARE(chart->sizeUnitBytes(), 1024.0 * 1024.0);  // the fixtures are a few MiB
        QVERIFY(chart->fitLimit(s0) * chart->sizeUnitBytes() < double(budget));
        QVERIFY(chart->fitLimit(s0) * chart->sizeUnitBytes() > 0.9 * double(QFileInfo(kFixtures + "shakespeare-Q4_K_M.gguf").size()));
        // Nothing fits a tiny budget: said, nothing chosen.
        chart->setMachine(1000, 4096, 0);
        QCOMPARE(chart->recommendedRow(), -1);
        QCOMPARE(chart->choice().outcome, qd::ChoiceOutcome::NoneFits);
        QVERIFY(page.recommendationLabel()->text().contains(QStringLiteral("Q2_K")));
        // The page's own controls set the machine: no limit and any speed take the best of all.
        auto* memory = page.findChild<QDoubleSpinBox*>(QStringLiteral("compareMemory"));
        auto* minSpeed = page.findChild<QDoubleSpinBox*>(QStringLiteral("compareMinSpeed"));
        memory->setValue(1);
        memory->setValue(0);
        minSpeed->setValue(0);
        QCOMPARE(model.row(chart->recommendedRow())->record.method, std::string("Q8_0"));
        minSpeed->setValue(250);  // only Q2_K (260), Q3_K_S (250) and Q4_0 (310 in its newer row) are that fast
        QCOMPARE(model.row(chart->recommendedRow())->record.method, std::string("Q4_0"));
        minSpeed->setValue(0);

        // Other metrics plot the rows that have them; perplexity includes the base.
        auto* metric = page.findChild<QComboBox*>(QStringLiteral("compareMetric"));
        metric->setCurrentIndex(metric->findData(int(CompareMetric::Ppl)));
        QCOMPARE(int(chart->points().size()), shown);
        // The base is plotted but never recommended; Q8_0's perplexity is within the error of the base's.
        QCOMPARE(model.row(chart->recommendedRow())->record.method, std::string("Q8_0"));
        QVERIFY(page.recommendationLabel()->text().contains(QStringLiteral("within the error")));
        metric->setCurrentIndex(metric->findData(int(CompareMetric::SameTop)));
        QCOMPARE(model.row(chart->recommendedRow())->record.method, std::string("Q8_0"));  // the highest same-top rate
        metric->setCurrentIndex(metric->findData(int(CompareMetric::Kld)));
        auto* axis = page.findChild<QComboBox*>(QStringLiteral("compareAxis"));
        axis->setCurrentIndex(1);
        for (const auto& p : chart->points()) QCOMPARE(p.x, model.row(p.row)->record.bitsPerWeight);
        axis->setCurrentIndex(0);

        // The arena's rates: Q6_K won 2 of 4 rounds with a tie (62.5 %).
        const int q6row = model.rowOfFile(QString::fromStdString(q6));
        QVERIFY(q6row >= 0);
        QVERIFY(model.row(q6row)->arena.has_value());
        QCOMPARE(model.row(q6row)->arena->rounds, 4);
        QCOMPARE(model.row(q6row)->arena->wins, 2);
        QCOMPARE(model.row(q6row)->arena->ties, 1);
        QVERIFY2(model.index(q6row, EvaluationsModel::Arena).data().toString().startsWith(QStringLiteral("63 % of 4")),
                 qPrintable(model.index(q6row, EvaluationsModel::Arena).data().toString()));

        // Clicking a point selects its row; Show in Models names its file.
        const ChartPoint point = chart->points().front();
        QCustomPlot* plot = chart->plot();
        const QPoint at(int(plot->xAxis->coordToPixel(point.x)), int(plot->yAxis->coordToPixel(point.y)));
        QCOMPARE(chart->rowAt(at), point.row);
        QTest::mouseClick(plot, Qt::LeftButton, {}, at);
        QCOMPARE(page.selectedRow(), point.row);
        QSignalSpy show(&page, &ComparePage::showInModelsRequested);
        auto* showButton = page.findChild<QPushButton*>(QStringLiteral("compareShow"));
        QVERIFY(showButton->isEnabled());
        showButton->click();
        QCOMPARE(show.count(), 1);
        QCOMPARE(show.first().first().toString().toStdString(), model.row(point.row)->record.modelPath);

        // Exports.
        const QString png = dir.filePath(QStringLiteral("chart.png")), pdf = dir.filePath(QStringLiteral("chart.pdf")),
                      svg = dir.filePath(QStringLiteral("chart.svg")), csv = dir.filePath(QStringLiteral("table.csv"));
        QCOMPARE(page.exportChart(png), QString());
        QCOMPARE(page.exportChart(pdf), QString());
        QCOMPARE(page.exportChart(svg), QString());
        auto head = [](const QString& path, int n) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
        };
        QCOMPARE(head(png, 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
        QCOMPARE(head(pdf, 5), QByteArray("%PDF-"));
        QVERIFY(QImage(png).width() == 1200);
        {
            QFile f(svg);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QXmlStreamReader xml(&f);
            QString root;
            int texts = 0;
            while (!xml.atEnd()) {
                if (xml.readNext() == QXmlStreamReader::StartElement) {
                    if (root.isEmpty()) root = xml.name().toString();
                    if (xml.name() == QLatin1String("text")) ++texts;
                }
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QCOMPARE(root, QStringLiteral("svg"));
            QVERIFY(texts > 10);  // axis labels, tick labels and point labels are text
        }
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral(".chart.png.part"))));
        // The CSV is the table in its current order.
        page.table()->sortByColumn(EvaluationsModel::Size, Qt::AscendingOrder);
        QCOMPARE(page.exportTable(csv), QString());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), shown + 1);
        QVERIFY(lines.first().startsWith(QStringLiteral("file,base,mix,")));
        for (int i = 0; i < shown; ++i) {
            const QStringList cells = lines[i + 1].split(QLatin1Char(','));
            const int src = page.proxy()->mapToSource(page.proxy()->index(i, 0)).row();
            QCOMPARE(cells[0].toStdString(), model.row(src)->record.modelPath);
            QCOMPARE(cells[2].toStdString(), model.row(src)->record.method);
            QCOMPARE(cells[4].toULongLong(), model.row(src)->record.fileSize);
            if (i > 0) QVERIFY(cells[4].toULongLong() >= lines[i].split(QLatin1Char(','))[4].toULongLong());
        }
        // The report: every variant's row, ms/token against the F32 base, and the chart.
        const QString md = dir.filePath(QStringLiteral("report.md")), html = dir.filePath(QStringLiteral("report.html"));
        QCOMPARE(page.exportReport(md), QString());
        QCOMPARE(page.exportReport(html), QString());
        const QString mdText = QString::fromUtf8(head(md, 1 << 20));
        QVERIFY(mdText.contains(QStringLiteral("![")) && mdText.contains(QStringLiteral("report-chart.png")));
        QCOMPARE(head(dir.filePath(QStringLiteral("report-chart.png")), 4), QByteArray("\x89PNG", 4));
        QVERIFY(mdText.contains(QStringLiteral("| Q6_K |")));
        // Q8_0 at 140 t/s against the base at 60 t/s: 0.43x the base's ms per token.
        QVERIFY(mdText.contains(QStringLiteral("0.43×")));
        const QString htmlText = QString::fromUtf8(head(html, 1 << 24));
        QVERIFY(htmlText.contains(QStringLiteral("data:image/png;base64,iVBOR")));
        QVERIFY(htmlText.contains(QStringLiteral("<td>Q4_K_M</td>")));
        // A name without a known suffix is refused, nothing written.
        QVERIFY(!page.exportChart(dir.filePath(QStringLiteral("chart.bmp"))).isEmpty());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("chart.bmp"))));
    }

    // Evaluate… on the Models page with two llama.cpp fixtures against the F32 base: the job stores base
    // and variants in the database and the Compare page shows them while the page is open; a second
    // evaluation cancelled after its first variant leaves the database readable with that variant whole.
    void evaluateFromTheModelsPage() {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.setLibraryLocations({});
        JobRunner jobs;
        Library library(settings);
        auto history = qd::ConversationStore::open(":memory:");
        QVERIFY(history.ok());
        ChatController chat(jobs);
        const QString dbPath = dir.filePath(QStringLiteral("results.sqlite"));
        EvaluationsModel evaluations(dbPath, &*history);
        MainWindow window(settings, library, jobs, &chat, &*history, &evaluations);
        window.show();
        for (const char* m : {"F32", "Q4_0", "Q8_0", "Q2_K", "Q6_K"})
            library.addFile(kFixtures + QStringLiteral("shakespeare-%1.gguf").arg(m));
        waitUntil([&] { return !library.isScanning() && library.model()->rowCount() == 5; });
        // The dialog's GPU choice lists the Vulkan devices by a job the first time; list them now, so the
        // jobs that finish below are the evaluations.
        QSignalSpy listed(&window.machine(), &MachineInfo::gpusChanged);
        window.machine().refresh();
        QVERIFY(listed.wait(30000));

        auto runDialog = [&](const QStringList& tick, int chunks) {
            QTimer::singleShot(0, [&, tick, chunks] {
                auto* d = qobject_cast<EvaluateDialog*>(QApplication::activeModalWidget());
                QVERIFY(d);
                tickFiles(*d, tick, 128, chunks);
                QVERIFY(d->baseCombo()->currentText().contains(QStringLiteral("F32")));  // the unquantized one
                QVERIFY2(d->problem().isEmpty(), qPrintable(d->problem()));
                d->accept();
            });
            window.evaluate(kFixtures + QStringLiteral("shakespeare-Q4_0.gguf"));
        };
        QSignalSpy finished(&jobs, &JobRunner::jobFinished);
        runDialog({QStringLiteral("Q4_0"), QStringLiteral("Q8_0")}, 3);
        QCOMPARE(window.currentPage(), 2);  // the Compare page, following the job
        QVERIFY(finished.wait(300000));
        QCOMPARE(finished.first().at(1).value<JobState>(), JobState::Finished);
        {
            const auto rows = databaseRows(dbPath);
            QCOMPARE(rows.size(), size_t(3));  // the base and two variants
            double basePpl = 0;
            for (const auto& r : rows)
                if (r.isBase()) basePpl = r.ppl;
            QVERIFY(basePpl > 1);
            for (const auto& r : rows) {
                // Q4_0 and Q8_0 of a small model stay within a fifth of the base's perplexity.
                QVERIFY2(r.ppl > basePpl * 0.8 && r.ppl < basePpl * 1.2, qPrintable(QString::number(r.ppl)));
                if (!r.isBase()) QVERIFY(r.hasKl && r.kld > 0 && r.kld99 >= r.kld);
                QCOMPARE(r.context(), 128);
            }
        }
        QualityChart* chart = window.comparePage()->chart();
        QTRY_COMPARE(chart->pointCount(0), 2);
        QCOMPARE(evaluations.rowCount(), 3);

        // The same again, from the Compare page's own button: served from the database, nothing added.
        finished.clear();
        QTimer::singleShot(0, [&] {
            auto* d = qobject_cast<EvaluateDialog*>(QApplication::activeModalWidget());
            QVERIFY(d);
            tickFiles(*d, {QStringLiteral("Q4_0"), QStringLiteral("Q8_0")}, 128, 3);
            d->accept();
        });
        window.comparePage()->findChild<QPushButton*>(QStringLiteral("compareEvaluate"))->click();
        QVERIFY(finished.wait(300000));
        QCOMPARE(finished.first().at(1).value<JobState>(), JobState::Finished);
        QCOMPARE(databaseRows(dbPath).size(), size_t(3));

        // Q2_K and Q6_K, cancelled once Q2_K is measured and Q6_K's evaluation starts.
        jobs.setProgressHook([](int, const qd::Progress& p) { return p.stage.find("evaluating Q6_K") == std::string::npos; });
        finished.clear();
        runDialog({QStringLiteral("Q2_K"), QStringLiteral("Q6_K")}, 3);
        QVERIFY(finished.wait(300000));
        QCOMPARE(finished.first().at(1).value<JobState>(), JobState::Cancelled);
        QVERIFY(qd::ResultsDatabase::open(dbPath.toStdString()).ok());  // readable after the cancel
        const auto rows = databaseRows(dbPath);
        QCOMPARE(rows.size(), size_t(4));  // the base served from the database, Q2_K whole, no Q6_K
        QCOMPARE(rows.front().method, std::string("Q2_K"));
        QVERIFY(rows.front().hasKl && rows.front().ppl > 0);
        QTRY_COMPARE(chart->pointCount(0), 3);
        jobs.setProgressHook({});
    }
};

QTEST_MAIN(TestComparePage)
#include "test_compare_page.moc"
