#include "ui/lab_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPdfWriter>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <filesystem>

#include <qcustomplot.h>

#include "core/common/atomic_file.h"
#include "core/common/cpu_features.h"
#include "core/eval/results_db.h"
#include "core/gguf/file_type.h"
#include "ui/demo_model.h"
#include "ui/job_runner.h"
#include "ui/lab_charts.h"
#include "ui/lab_points_model.h"
#include "ui/library.h"
#include "ui/model_list_model.h"
#include "ui/save_file.h"
#include "ui/settings.h"

Q_DECLARE_METATYPE(std::shared_ptr<qd::lab::LabReport>)

namespace qd::ui {

using namespace qd::lab;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// Carries the run's events from the worker to the GUI thread; deleted in the GUI thread whichever thread
// lets go of it last, so a page closed mid-run leaves nothing dangling.
class LabStream : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
signals:
    void arrived(const qd::lab::LabEvent& e);
};

// Sorts by LabPointsModel::SortRole.
class PointsProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex& a, const QModelIndex& b) const override {
        const QVariant x = a.data(LabPointsModel::SortRole), y = b.data(LabPointsModel::SortRole);
        if (x.typeId() == QMetaType::QString || y.typeId() == QMetaType::QString) return x.toString() < y.toString();
        return x.toDouble() < y.toDouble();
    }
};

}  // namespace

LabPage::LabPage(Settings& settings, Library& library, JobRunner& jobs, QWidget* parent)
    : QWidget(parent), m_settings(settings), m_library(library), m_jobs(jobs) {
    setObjectName(QStringLiteral("labPage"));
    buildControls();
    restoreControls();
    refillBases();
    updateSummary();
    connect(m_library.model(), &QAbstractItemModel::modelReset, this, &LabPage::refillBases);
    connect(m_library.model(), &QAbstractItemModel::rowsInserted, this, &LabPage::refillBases);
    connect(&m_jobs, &JobRunner::jobChanged, this, [this](int id) {
        if (id != m_job) return;
        if (const JobRecord* r = m_jobs.job(id)) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(r->fraction() * 1000));
            m_status->setText(r->stage);
        }
    });
    connect(&m_jobs, &JobRunner::jobFinished, this, [this](int id, JobState) { onJobFinished(id); });
}

LabPage::~LabPage() { saveControls(); }

void LabPage::buildControls() {
    // The settings above, the results below, in a splitter: a person looking at the charts drags the
    // settings out of the way.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* splitter = m_splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("labSplitter"));
    splitter->setChildrenCollapsible(false);
    outer->addWidget(splitter);
    // The settings scroll, so the page (and the window) fits small screens.
    auto* settingsScroll = new QScrollArea(splitter);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    auto* settingsPane = new QWidget(settingsScroll);
    m_settingsPane = settingsPane;
    auto* v = new QVBoxLayout(settingsPane);
    v->setContentsMargins(10, 10, 10, 0);

    // What is measured: model, text, context.
    auto* top = new QHBoxLayout;
    auto* source = new QFormLayout;
    source->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_base = new QComboBox(this);
    m_base->setObjectName(QStringLiteral("labBase"));
    m_base->setEditable(true);
    m_base->setInsertPolicy(QComboBox::NoInsert);
    m_base->setMinimumWidth(260);
    m_base->setToolTip(tr("The model whose weights the formats are measured on: an unquantized GGUF (F32, F16 or BF16) gives the "
                          "answer for the original weights; a quantized one (the demo model) is expanded and measured as it is"));
    m_base->setAccessibleName(tr("Base model"));
    auto* browseBase = new QPushButton(tr("Browse…"), this);
    connect(browseBase, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Base model"), QFileInfo(m_base->currentText()).absolutePath(),
                                                       tr("GGUF models (*.gguf)"));
        if (!f.isEmpty()) setBase(f);
    });
    auto* baseRow = new QHBoxLayout;
    baseRow->addWidget(m_base, 1);
    baseRow->addWidget(browseBase);
    source->addRow(tr("Base model:"), baseRow);
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("labText"));
    m_text->setToolTip(tr("Plain text the KL divergence and perplexity are measured on (held-out text the model was not trained on)"));
    m_text->setAccessibleName(tr("Evaluation text"));
    auto* browseText = new QPushButton(tr("Browse…"), this);
    connect(browseText, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Evaluation text"), QFileInfo(m_text->text()).absolutePath(),
                                                       tr("Text files (*.txt *.raw);;All files (*)"));
        if (!f.isEmpty()) setText(f);
    });
    auto* textRow = new QHBoxLayout;
    textRow->addWidget(m_text, 1);
    textRow->addWidget(browseText);
    source->addRow(tr("Evaluation text:"), textRow);
    auto* ctxRow = new QHBoxLayout;
    m_context = new QSpinBox(this);
    m_context->setObjectName(QStringLiteral("labContext"));
    m_context->setRange(16, 8192);
    m_context->setSingleStep(64);
    m_context->setValue(128);
    m_context->setAccessibleName(tr("Context"));
    m_context->setToolTip(tr("Tokens per evaluation chunk"));
    m_chunks = new QSpinBox(this);
    m_chunks->setObjectName(QStringLiteral("labChunks"));
    m_chunks->setRange(0, 10000);
    m_chunks->setValue(8);
    m_chunks->setSpecialValueText(tr("all"));
    m_chunks->setAccessibleName(tr("Chunks"));
    m_chunks->setToolTip(tr("At most this many chunks of the text per evaluation (all: the whole text)"));
    ctxRow->addWidget(m_context);
    ctxRow->addWidget(new QLabel(tr("chunks:"), this));
    ctxRow->addWidget(m_chunks);
    ctxRow->addStretch(1);
    source->addRow(tr("Context:"), ctxRow);
    top->addLayout(source, 3);

    // The question and the search.
    auto* question = new QFormLayout;
    m_maxBpw = new QDoubleSpinBox(this);
    m_maxBpw->setObjectName(QStringLiteral("labMaxBpw"));
    m_maxBpw->setRange(1.5, 16.0);
    m_maxBpw->setDecimals(3);
    m_maxBpw->setSingleStep(0.25);
    m_maxBpw->setValue(4.6);
    m_maxBpw->setAccessibleName(tr("Bits per weight at most"));
    m_maxBpw->setToolTip(tr("The question: the lowest KL divergence with at most this many bits per weight"));
    question->addRow(tr("At most bits/weight:"), m_maxBpw);
    m_minSpeed = new QDoubleSpinBox(this);
    m_minSpeed->setObjectName(QStringLiteral("labMinSpeed"));
    m_minSpeed->setRange(0.0, 1000.0);
    m_minSpeed->setDecimals(2);
    m_minSpeed->setSingleStep(0.25);
    m_minSpeed->setSpecialValueText(tr("any"));
    m_minSpeed->setSuffix(tr(" GB/s"));
    m_minSpeed->setAccessibleName(tr("Dot-product speed at least"));
    m_minSpeed->setToolTip(tr("Optionally also: a dot product at least this fast on this CPU's fastest instruction set (any: no limit)"));
    question->addRow(tr("At least speed:"), m_minSpeed);
    m_budget = new QSpinBox(this);
    m_budget->setObjectName(QStringLiteral("labBudget"));
    m_budget->setRange(1, 1000);
    m_budget->setValue(10);
    m_budget->setAccessibleName(tr("Evaluations per strategy"));
    m_budget->setToolTip(tr("Quality evaluations each strategy may spend (a point is evaluated once however many strategies ask for it)"));
    question->addRow(tr("Evaluations:"), m_budget);
    auto* strategies = new QHBoxLayout;
    m_bayes = new QCheckBox(tr("Bayesian"), this);
    m_bayes->setObjectName(QStringLiteral("labBayes"));
    m_bayes->setToolTip(tr("A Gaussian process over QK, bits and family with expected improvement picks the next point"));
    m_random = new QCheckBox(tr("random"), this);
    m_random->setToolTip(tr("Baseline: feasible points in random order"));
    m_front = new QCheckBox(tr("weight-error front"), this);
    m_front->setToolTip(tr("Baseline: the points on the (bits per weight, weight error) front first"));
    for (auto* b : {m_bayes, m_random, m_front}) {
        b->setChecked(true);
        strategies->addWidget(b);
    }
    strategies->addStretch(1);
    question->addRow(tr("Strategies:"), strategies);
    m_speed = new QCheckBox(tr("measure dot-product speed per instruction set"), this);
    m_speed->setObjectName(QStringLiteral("labSpeed"));
    m_speed->setChecked(true);
    question->addRow(QString(), m_speed);
    top->addLayout(question, 2);
    v->addLayout(top);

    // The space.
    auto* space = new QGroupBox(tr("Formats to measure"), this);
    auto* sf = new QFormLayout(space);
    sf->setContentsMargins(8, 4, 8, 4);
    auto* famRow = new QHBoxLayout;
    const std::pair<QString, QString> fams[] = {{QStringLiteral("t0"), tr("type-0 (Q4_0-like)")},
                                                {QStringLiteral("t1"), tr("type-1 (Q4_1-like)")},
                                                {QStringLiteral("k"), tr("K-style (Q4_K-like)")},
                                                {QStringLiteral("nl"), tr("IQ4_NL codebook")},
                                                {QStringLiteral("fp4"), tr("FP4 codebook (MXFP4)")}};
    for (const auto& [key, label] : fams) {
        auto* b = new QCheckBox(label, space);
        b->setObjectName(QStringLiteral("labFamily_") + key);
        b->setChecked(key != QLatin1String("fp4"));
        famRow->addWidget(b);
        m_families.push_back({key, b});
    }
    famRow->addStretch(1);
    sf->addRow(tr("Families:"), famRow);
    auto* qkRow = new QHBoxLayout;
    for (int qk : {8, 16, 32, 64, 128, 256, 512, 0}) {
        auto* b = new QCheckBox(qk == 0 ? tr("whole row") : QString::number(qk), space);
        b->setObjectName(QStringLiteral("labQk_%1").arg(qk));
        b->setChecked(true);
        qkRow->addWidget(b);
        m_qks.push_back({qk, b});
    }
    qkRow->addSpacing(16);
    qkRow->addWidget(new QLabel(tr("Bits:"), space));
    for (int bits : {2, 3, 4, 5, 6, 7, 8}) {
        auto* b = new QCheckBox(QString::number(bits), space);
        b->setObjectName(QStringLiteral("labBits_%1").arg(bits));
        b->setChecked(bits != 7);
        qkRow->addWidget(b);
        m_bits.push_back({bits, b});
    }
    qkRow->addStretch(1);
    sf->addRow(tr("QK:"), qkRow);
    auto* scaleRow = new QHBoxLayout;
    m_f16 = new QCheckBox(tr("F16 scales"), space);
    m_f16->setChecked(true);
    m_e8m0 = new QCheckBox(tr("E8M0 power-of-two scales"), space);
    m_e8m0->setObjectName(QStringLiteral("labE8m0"));
    scaleRow->addWidget(m_f16);
    scaleRow->addWidget(m_e8m0);
    scaleRow->addSpacing(16);
    scaleRow->addWidget(new QLabel(tr("K-style super-block:"), space));
    m_superBlock = new QComboBox(space);
    for (int sb : {64, 128, 256, 512}) m_superBlock->addItem(QString::number(sb), sb);
    m_superBlock->setCurrentIndex(2);
    m_superBlock->setAccessibleName(tr("K-style super-block"));
    scaleRow->addWidget(m_superBlock);
    scaleRow->addWidget(new QLabel(tr("sub-block scale codes:"), space));
    m_codeBits = new QComboBox(space);
    for (int b : {4, 6, 8}) m_codeBits->addItem(tr("%1-bit").arg(b), b);
    m_codeBits->setCurrentIndex(1);
    m_codeBits->setAccessibleName(tr("Sub-block scale code bits"));
    scaleRow->addWidget(m_codeBits);
    scaleRow->addStretch(1);
    sf->addRow(tr("Scales:"), scaleRow);
    v->addWidget(space);

    // Run bar.
    auto* bar = new QHBoxLayout;
    m_run = new QPushButton(tr("Run the lab"), this);
    m_run->setObjectName(QStringLiteral("labRun"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("labCancel"));
    m_cancel->setEnabled(false);
    m_save = new QPushButton(tr("Save report…"), this);
    m_save->setObjectName(QStringLiteral("labSave"));
    m_save->setEnabled(false);
    m_save->setToolTip(tr("The report as PDF (with the charts), HTML or Markdown"));
    m_openFolder = new QPushButton(tr("Open report folder"), this);
    m_openFolder->setEnabled(false);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("labSummary"));
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(200);
    m_progress->setTextVisible(false);
    m_progress->hide();
    bar->addWidget(m_run);
    bar->addWidget(m_cancel);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_progress);
    bar->addWidget(m_save);
    bar->addWidget(m_openFolder);
    v->addLayout(bar);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("labStatus"));
    m_status->setWordWrap(true);
    v->addWidget(m_status);
    m_recommendation = new QLabel(this);
    m_recommendation->setObjectName(QStringLiteral("labRecommendation"));
    m_recommendation->setWordWrap(true);
    m_recommendation->setTextFormat(Qt::RichText);
    m_recommendation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recommendation->setText(tr("Run the lab to find the block size with the lowest KL divergence within the size budget."));
    v->addWidget(m_recommendation);
    settingsScroll->setWidget(settingsPane);
    splitter->addWidget(settingsScroll);

    // Results: charts and table.
    auto* resultsPane = new QWidget(splitter);
    auto* rv = new QVBoxLayout(resultsPane);
    rv->setContentsMargins(10, 0, 10, 6);
    m_tabs = new QTabWidget(resultsPane);
    auto* chartsTab = new QWidget(m_tabs);
    auto* cv = new QVBoxLayout(chartsTab);
    cv->setContentsMargins(4, 4, 4, 4);
    auto* shownRow = new QHBoxLayout;
    shownRow->addWidget(new QLabel(tr("QK charts at:"), chartsTab));
    m_bitsShown = new QComboBox(chartsTab);
    m_bitsShown->setObjectName(QStringLiteral("labBitsShown"));
    for (int b = 2; b <= 8; ++b) m_bitsShown->addItem(tr("%1 bits").arg(b), b);
    m_bitsShown->setCurrentIndex(2);
    m_bitsShown->setAccessibleName(tr("Bits the QK charts show"));
    shownRow->addWidget(m_bitsShown);
    shownRow->addStretch(1);
    cv->addLayout(shownRow);
    m_charts = new LabCharts(chartsTab);
    cv->addWidget(m_charts, 1);
    m_tabs->addTab(chartsTab, tr("Charts"));
    m_points = new LabPointsModel(this);
    m_proxy = new PointsProxy(this);
    m_proxy->setSourceModel(m_points);
    m_table = new QTableView(m_tabs);
    m_table->setObjectName(QStringLiteral("labTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LabPointsModel::KldColumn, Qt::AscendingOrder);  // the evaluated points first, the best on top
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setAlternatingRowColors(true);
    m_tabs->addTab(m_table, tr("Every point"));
    rv->addWidget(m_tabs, 1);
    splitter->addWidget(resultsPane);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);

    m_redraw = new QTimer(this);
    m_redraw->setSingleShot(true);
    m_redraw->setInterval(250);
    connect(m_redraw, &QTimer::timeout, m_charts, &LabCharts::refresh);

    connect(m_run, &QPushButton::clicked, this, &LabPage::run);
    connect(m_cancel, &QPushButton::clicked, this, &LabPage::cancel);
    connect(m_save, &QPushButton::clicked, this, &LabPage::chooseSaveReport);
    connect(m_openFolder, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_reportFolder)); });
    connect(m_bitsShown, &QComboBox::currentIndexChanged, this, [this] { m_charts->setBitsShown(m_bitsShown->currentData().toInt()); });
    auto changed = [this] { updateSummary(); };
    for (auto& [k, b] : m_families) connect(b, &QCheckBox::toggled, this, changed);
    for (auto& [k, b] : m_qks) connect(b, &QCheckBox::toggled, this, changed);
    for (auto& [k, b] : m_bits) connect(b, &QCheckBox::toggled, this, changed);
    for (auto* b : {m_f16, m_e8m0, m_bayes, m_random, m_front}) connect(b, &QCheckBox::toggled, this, changed);
    connect(m_superBlock, &QComboBox::currentIndexChanged, this, changed);
    connect(m_codeBits, &QComboBox::currentIndexChanged, this, changed);
    connect(m_budget, &QSpinBox::valueChanged, this, changed);
    connect(m_maxBpw, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_minSpeed, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_speed, &QCheckBox::toggled, m_minSpeed, &QWidget::setEnabled);
    connect(m_speed, &QCheckBox::toggled, this, changed);
    connect(m_base, &QComboBox::currentTextChanged, this, changed);
    connect(m_text, &QLineEdit::textChanged, this, changed);
}

void LabPage::refillBases() {
    const QString current = m_base->currentText();
    QStringList unquantized, others;
    const ModelListModel* list = m_library.model();
    for (int r = 0; r < list->rowCount(); ++r) {
        const ModelEntry& e = list->entry(r);
        if (!e.readable() || e.kind != ModelKind::Gguf) continue;
        (qd::isUnquantizedName(e.summary.fileType) ? unquantized : others) << e.path;
    }
    const QString demo = demoModelPath();
    if (!demo.isEmpty() && !others.contains(demo) && !unquantized.contains(demo)) others << demo;
    QSignalBlocker block(m_base);
    m_base->clear();
    for (const QString& p : unquantized) m_base->addItem(QDir::toNativeSeparators(p), p);
    for (const QString& p : others) m_base->addItem(QDir::toNativeSeparators(p), p);
    m_base->setEditText(current.isEmpty() && m_base->count() > 0 ? m_base->itemText(0) : current);
    updateSummary();
}

void LabPage::setBase(const QString& path) {
    m_base->setEditText(QDir::toNativeSeparators(path));
    updateSummary();
}

void LabPage::setText(const QString& path) { m_text->setText(QDir::toNativeSeparators(path)); }

LabSettings LabPage::labSettings() const {
    LabSettings s;
    s.evaluation.base = QDir::fromNativeSeparators(m_base->currentText().trimmed()).toStdString();
    s.evaluation.textFile = QDir::fromNativeSeparators(m_text->text().trimmed()).toStdString();
    s.evaluation.context = m_context->value();
    s.evaluation.maxChunks = m_chunks->value();
    s.families.clear();
    s.codebooks.clear();
    for (const auto& [key, b] : m_families)
        if (b->isChecked()) addLabFamily(s, key.toStdString());
    s.qks.clear();
    for (const auto& [qk, b] : m_qks)
        if (b->isChecked()) s.qks.push_back(qk);
    s.bits.clear();
    for (const auto& [bits, b] : m_bits)
        if (b->isChecked()) s.bits.push_back(bits);
    s.scales.clear();
    if (m_f16->isChecked()) s.scales.push_back(ScaleFormat::F16);
    if (m_e8m0->isChecked()) s.scales.push_back(ScaleFormat::E8M0);
    s.superBlocks = {m_superBlock->currentData().toInt()};
    s.subScaleBits = {m_codeBits->currentData().toInt()};
    s.maxBitsPerWeight = m_maxBpw->value();
    s.minSpeedGBs = m_speed->isChecked() ? m_minSpeed->value() : 0.0;
    s.budget = m_budget->value();
    s.strategies.clear();
    if (m_bayes->isChecked()) s.strategies.push_back(Strategy::Bayesian);
    if (m_random->isChecked()) s.strategies.push_back(Strategy::Random);
    if (m_front->isChecked()) s.strategies.push_back(Strategy::WeightErrorFront);
    s.measureSpeed = m_speed->isChecked();
    return s;
}

QString LabPage::problem() const {
    const LabSettings s = labSettings();
    if (s.evaluation.base.empty()) return tr("Choose a base model.");
    if (!QFileInfo(qs(s.evaluation.base.string())).isFile()) return tr("The base model %1 does not exist.").arg(m_base->currentText());
    if (s.evaluation.textFile.empty() || !QFileInfo(qs(s.evaluation.textFile.string())).isFile())
        return tr("Choose an evaluation text that exists.");
    if (s.strategies.empty()) return tr("Tick at least one strategy.");
    if (labSpace(s).empty()) return tr("No format to measure: tick a family, a QK and a bit width (K-style needs a QK that divides its super-block).");
    return {};
}

void LabPage::updateSummary() {
    const LabSettings s = labSettings();
    const size_t n = labSpace(s).size();
    const QString why = problem();
    const bool running = m_job != 0;
    m_run->setEnabled(why.isEmpty() && !running);
    m_run->setToolTip(why.isEmpty() ? tr("Measure every format's size and weight error, then evaluate the points the strategies choose") : why);
    if (!why.isEmpty() && !running) {
        m_summary->setText(why);
        return;
    }
    m_summary->setText(tr("Formats: %1 · quality evaluations: at most %2")
                           .arg(n)
                           .arg(std::min<size_t>(n, size_t(s.budget) * std::max<size_t>(1, s.strategies.size()))));
}

void LabPage::run() {
    if (m_job || !problem().isEmpty()) return;
    m_runSettings = labSettings();
    const QString baseName = QFileInfo(qs(m_runSettings.evaluation.base.string())).completeBaseName();
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/lab/") +
                          QString::number(qHash(QFileInfo(qs(m_runSettings.evaluation.base.string())).absoluteFilePath()), 16);
    m_runSettings.evaluation.workDir = cache.toStdString();
    m_reportFolder = qs((qd::ResultsDatabase::defaultPath().parent_path() / "lab").string()) + QLatin1Char('/') + baseName +
                     QLatin1Char('-') + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    m_command = qs(labCommand(m_runSettings, m_reportFolder.toStdString()));
    m_report.reset();
    m_points->clear();
    m_charts->clear();
    m_charts->setBudget(m_runSettings.maxBitsPerWeight);
    m_recommendation->setText(tr("Measuring every format's size and weight error…"));
    m_save->setEnabled(false);
    m_openFolder->setEnabled(false);
    saveControls();

    std::shared_ptr<LabStream> stream(new LabStream, [](LabStream* s) { s->deleteLater(); });
    connect(stream.get(), &LabStream::arrived, this, &LabPage::onEvent);
    JobSpec spec;
    spec.title = tr("Block-size lab on %1").arg(baseName);
    spec.kind = QStringLiteral("lab");
    spec.bytes = false;
    const LabSettings settings = m_runSettings;
    const QString folder = m_reportFolder, command = m_command;
    spec.work = [settings, folder, command, stream](JobContext& job) -> JobOutcome {
        auto r = runLab(settings, job.progressFn(), [stream](const LabEvent& e) {
            QMetaObject::invokeMethod(stream.get(), [stream, e] { emit stream->arrived(e); }, Qt::QueuedConnection);
        });
        if (!r) return JobOutcome::fromError(r.error(), tr("The lab stopped: %1").arg(qs(r.message())));
        auto report = std::make_shared<LabReport>(std::move(*r));
        if (report->cancelled) return JobOutcome::cancelled(tr("Cancelled; the points measured so far stay on the page."));
        const std::filesystem::path dir = folder.toStdString();
        for (const auto& [name, text] : {std::pair{"report.md", labReportMarkdown(*report, settings, command.toStdString())},
                                         std::pair{"report.html", labReportHtml(*report, settings, command.toStdString())},
                                         std::pair{"points.json", labPointsJson(*report)}}) {
            std::error_code ec;
            std::filesystem::create_directories(dir, ec);
            if (auto w = writeFileAtomically(dir / name, std::string_view(text)); !w)
                return JobOutcome::failed(tr("The lab finished, but its report could not be saved: %1").arg(qs(w.message())), qs(w.message()));
        }
        const QString message = report->recommended >= 0
                                    ? tr("Recommended: %1").arg(qs(report->points[size_t(report->recommended)].format.name()))
                                    : tr("No evaluated format fits the size budget");
        return JobOutcome::finished(message, QVariant::fromValue(report));
    };
    m_job = m_jobs.submit(std::move(spec));
    m_cancel->setEnabled(true);
    m_run->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_status->setText(tr("Evaluating the base model…"));
    updateSummary();
}

void LabPage::cancel() {
    if (m_job) m_jobs.cancel(m_job);
}

void LabPage::onEvent(const LabEvent& e) {
    if (e.kind == LabEvent::Evaluated && e.evaluation == 1 && e.strategy == m_runSettings.strategies.front())
        m_recommendation->setText(tr("Every format measured; now evaluating the points the strategies choose on the model…"));
    m_points->setPoint(e.point, e.data);
    m_charts->setPoint(e.point, e.data);
    if (e.kind == LabEvent::Evaluated) m_charts->addTrace(e.strategy, e.evaluation, e.bestSoFar);
    if (!m_redraw->isActive()) m_redraw->start();
}

QString LabPage::recommendationText() const {
    if (!m_report) return {};
    const LabReport& r = *m_report;
    const QLocale l;
    if (r.recommended < 0)
        return m_runSettings.minSpeedGBs > 0
                   ? tr("No evaluated format has at most %1 bits per weight and a dot product of at least %2 GB/s. Relax a limit or "
                        "allow more evaluations.")
                         .arg(l.toString(m_runSettings.maxBitsPerWeight, 'g', 4), l.toString(m_runSettings.minSpeedGBs, 'g', 4))
                   : tr("No evaluated format has at most %1 bits per weight. Raise the budget or the number of evaluations.")
                         .arg(l.toString(m_runSettings.maxBitsPerWeight, 'g', 4));
    const LabPoint& p = r.points[size_t(r.recommended)];
    QString text = tr("<b>Recommended: %1</b> — %2 bits per weight, KL divergence %3 ± %4, perplexity %5 (the base: %6): the lowest "
                      "divergence evaluated within %7 bits per weight (formats evaluated: %8).")
                       .arg(qs(p.format.name()).toHtmlEscaped(), l.toString(p.weight.bitsPerWeight, 'f', 3), l.toString(p.quality->kld, 'f', 6),
                            l.toString(p.quality->kldError, 'f', 6), l.toString(p.quality->ppl, 'f', 3), l.toString(r.base.ppl, 'f', 3),
                            l.toString(m_runSettings.maxBitsPerWeight, 'g', 4), QString::number(r.qualityEvaluations));
    if (m_runSettings.minSpeedGBs > 0)
        text += QLatin1Char(' ') + tr("Its dot product runs at %1 GB/s here (asked: at least %2).")
                                       .arg(l.toString(fastestSpeedGBs(p), 'f', 2), l.toString(m_runSettings.minSpeedGBs, 'g', 4));
    if (!r.withinOneError.empty()) {
        QStringList names;
        for (int i : r.withinOneError) names << qs(r.points[size_t(i)].format.name()).toHtmlEscaped();
        text += QLatin1Char(' ') + tr("Within one standard error of it, so as good as far as this text can tell: %1.").arg(names.join(QStringLiteral(", ")));
    }
    if (r.bestPerFamily.size() > 1) {
        QStringList best;
        for (int i : r.bestPerFamily) {
            const LabPoint& q = r.points[size_t(i)];
            best << tr("%1: QK %2").arg(labFamilyName(q.format), q.format.qk == 0 ? tr("whole row") : QString::number(q.format.qk));
        }
        text += QStringLiteral("<br>") + tr("Best block size per family within the budget: %1.").arg(best.join(QStringLiteral("; ")));
    }
    if (!r.baseWeightType.empty())
        text += QStringLiteral("<br>") + tr("The base is %1: the formats were measured against the weights it holds.").arg(qs(r.baseWeightType));
    return text;
}

void LabPage::onJobFinished(int id) {
    if (id != m_job) return;
    const JobRecord* rec = m_jobs.job(id);
    m_job = 0;
    m_cancel->setEnabled(false);
    m_progress->hide();
    bool ok = false;
    if (rec && rec->state == JobState::Finished) {
        m_report = rec->outcome.value.value<std::shared_ptr<LabReport>>();
        ok = m_report != nullptr;
    }
    if (ok) {
        // The run's own figures, in case an event was still queued.
        for (size_t i = 0; i < m_report->points.size(); ++i) {
            m_points->setPoint(int(i), m_report->points[i]);
            m_charts->setPoint(int(i), m_report->points[i]);
        }
        m_charts->setRecommended(m_report->recommended);
        m_points->setRecommendation(m_report->recommended, m_report->withinOneError);
        m_charts->refresh();
        m_recommendation->setText(recommendationText());
        m_status->setText(tr("Report saved in %1").arg(QDir::toNativeSeparators(m_reportFolder)));
        m_save->setEnabled(true);
        m_openFolder->setEnabled(true);
        if (m_report->recommended >= 0) m_bitsShown->setCurrentIndex(m_bitsShown->findData(m_report->points[size_t(m_report->recommended)].format.bits));
    } else {
        m_charts->refresh();
        m_status->setText(rec ? rec->outcome.message : tr("The lab stopped."));
        m_recommendation->setText(rec && rec->state == JobState::Cancelled ? tr("Cancelled before the end: no recommendation.")
                                                                           : tr("The lab did not finish: no recommendation."));
    }
    updateSummary();
    emit runFinished(ok);
}

QString LabPage::saveReport(const QString& path) {
    if (!m_report) return tr("Run the lab first.");
    const QString suffix = QFileInfo(path).suffix().toLower();
    const std::string command = m_command.toStdString();
    if (suffix == QLatin1String("md") || suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        const std::string text = suffix == QLatin1String("md") ? labReportMarkdown(*m_report, m_runSettings, command)
                                                               : labReportHtml(*m_report, m_runSettings, command);
        if (auto w = writeFileAtomically(path.toStdString(), std::string_view(text)); !w) return tr("Cannot write %1: %2").arg(path, qs(w.message()));
        return {};
    }
    if (suffix != QLatin1String("pdf")) return tr("Choose a file name ending in .pdf, .html or .md.");
    // The Markdown report laid out by Qt, then the page's four charts, one per half page.
    QTextDocument doc;
    doc.setMarkdown(qs(labReportMarkdown(*m_report, m_runSettings, command)));
    QTextCursor cursor(&doc);
    cursor.movePosition(QTextCursor::End);
    cursor.insertBlock();
    cursor.insertHtml(QStringLiteral("<h2>%1</h2>").arg(tr("Charts").toHtmlEscaped()));
    int k = 0;
    for (QCustomPlot* plot : m_charts->plots()) {
        const QPixmap pix = plot->toPixmap(900, 560, 2.0);
        const QUrl name(QStringLiteral("chart%1.png").arg(k++));
        doc.addResource(QTextDocument::ImageResource, name, pix.toImage());
        QTextImageFormat img;
        img.setName(name.toString());
        img.setWidth(620);
        img.setHeight(620.0 * 560 / 900);
        cursor.insertBlock();
        cursor.insertImage(img);
    }
    const QString tmp = temporaryBeside(path);
    {
        QPdfWriter pdf(tmp);
        pdf.setTitle(tr("Block-size lab report"));
        pdf.setCreator(QStringLiteral("QuantDesk"));
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setResolution(120);
        doc.print(&pdf);
    }
    QFile check(tmp);
    if (!check.open(QIODevice::ReadOnly) || !check.read(5).startsWith("%PDF")) {
        QFile::remove(tmp);
        return tr("Cannot write %1.").arg(QDir::toNativeSeparators(path));
    }
    check.close();
    return renameInto(tmp, path);
}

void LabPage::chooseSaveReport() {
    QString selected;
    QString path = QFileDialog::getSaveFileName(this, tr("Save the lab report"), m_reportFolder + QStringLiteral("/report.pdf"),
                                                tr("PDF (*.pdf);;HTML page (*.html);;Markdown (*.md)"), &selected);
    if (path.isEmpty()) return;
    path = withFilterSuffix(path, selected, QStringLiteral("pdf"));
    const QString err = saveReport(path);
    m_status->setText(err.isEmpty() ? tr("Saved %1").arg(QDir::toNativeSeparators(path)) : err);
}

void LabPage::saveControls() const {
    QJsonObject o;
    o[QStringLiteral("base")] = m_base->currentText();
    o[QStringLiteral("text")] = m_text->text();
    o[QStringLiteral("context")] = m_context->value();
    o[QStringLiteral("chunks")] = m_chunks->value();
    o[QStringLiteral("maxBpw")] = m_maxBpw->value();
    o[QStringLiteral("minSpeed")] = m_minSpeed->value();
    o[QStringLiteral("budget")] = m_budget->value();
    QJsonArray off;
    for (const auto& [key, b] : m_families)
        if (!b->isChecked()) off << QStringLiteral("family:") + key;
    for (const auto& [qk, b] : m_qks)
        if (!b->isChecked()) off << QStringLiteral("qk:%1").arg(qk);
    for (const auto& [bits, b] : m_bits)
        if (!b->isChecked()) off << QStringLiteral("bits:%1").arg(bits);
    o[QStringLiteral("unticked")] = off;
    o[QStringLiteral("e8m0")] = m_e8m0->isChecked();
    o[QStringLiteral("f16")] = m_f16->isChecked();
    o[QStringLiteral("superBlock")] = m_superBlock->currentData().toInt();
    o[QStringLiteral("codeBits")] = m_codeBits->currentData().toInt();
    o[QStringLiteral("speed")] = m_speed->isChecked();
    o[QStringLiteral("splitter")] = QString::fromLatin1(m_splitter->saveState().toBase64());
    m_settings.setBytes(Settings::Key::LabSettings, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void LabPage::restoreControls() {
    const QJsonObject o = QJsonDocument::fromJson(m_settings.bytes(Settings::Key::LabSettings)).object();
    m_text->setText(QDir::toNativeSeparators(demoTextPath()));
    if (o.isEmpty()) return;
    if (!o.value(QStringLiteral("base")).toString().isEmpty()) m_base->setEditText(o.value(QStringLiteral("base")).toString());
    if (!o.value(QStringLiteral("text")).toString().isEmpty()) m_text->setText(o.value(QStringLiteral("text")).toString());
    m_context->setValue(o.value(QStringLiteral("context")).toInt(m_context->value()));
    m_chunks->setValue(o.value(QStringLiteral("chunks")).toInt(m_chunks->value()));
    m_maxBpw->setValue(o.value(QStringLiteral("maxBpw")).toDouble(m_maxBpw->value()));
    m_minSpeed->setValue(o.value(QStringLiteral("minSpeed")).toDouble(0.0));
    m_budget->setValue(o.value(QStringLiteral("budget")).toInt(m_budget->value()));
    QSet<QString> off;
    for (const auto& v : o.value(QStringLiteral("unticked")).toArray()) off.insert(v.toString());
    if (o.contains(QStringLiteral("unticked"))) {
        for (auto& [key, b] : m_families) b->setChecked(!off.contains(QStringLiteral("family:") + key));
        for (auto& [qk, b] : m_qks) b->setChecked(!off.contains(QStringLiteral("qk:%1").arg(qk)));
        for (auto& [bits, b] : m_bits) b->setChecked(!off.contains(QStringLiteral("bits:%1").arg(bits)));
    }
    m_e8m0->setChecked(o.value(QStringLiteral("e8m0")).toBool(false));
    m_f16->setChecked(o.value(QStringLiteral("f16")).toBool(true));
    m_superBlock->setCurrentIndex(std::max(0, m_superBlock->findData(o.value(QStringLiteral("superBlock")).toInt(256))));
    m_codeBits->setCurrentIndex(std::max(0, m_codeBits->findData(o.value(QStringLiteral("codeBits")).toInt(6))));
    m_speed->setChecked(o.value(QStringLiteral("speed")).toBool(true));
    m_splitter->restoreState(QByteArray::fromBase64(o.value(QStringLiteral("splitter")).toString().toLatin1()));
    m_splitterRestored = o.contains(QStringLiteral("splitter"));
}

void LabPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // First time shown: the settings get the height they ask for, the charts the rest.
    if (m_splitterRestored) return;
    m_splitterRestored = true;
    const int want = m_settingsPane->sizeHint().height();
    const int total = m_splitter->height();
    if (total > want + 300) m_splitter->setSizes({want, total - want});
}

}  // namespace qd::ui

#include "lab_page.moc"
