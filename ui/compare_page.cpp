#include "ui/compare_page.h"

#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>
#include <map>

#include "core/common/cpu_features.h"
#include "core/common/system_info.h"
#include "core/gguf/file_type.h"
#include "ui/compare_chart.h"
#include "ui/evaluations_model.h"
#include "ui/format.h"
#include "ui/job_runner.h"
#include "ui/save_file.h"
#include "ui/settings.h"
#include "ui/version.h"

namespace qd::ui {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

QString num(double v, int decimals) { return QLocale::c().toString(v, 'f', decimals); }

// Sorts by EvaluationsModel::SortRole, numbers as numbers.
class EvaluationsProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex& a, const QModelIndex& b) const override {
        const QVariant x = a.data(EvaluationsModel::SortRole), y = b.data(EvaluationsModel::SortRole);
        if (x.typeId() == QMetaType::Double && y.typeId() == QMetaType::Double) return x.toDouble() < y.toDouble();
        return QString::localeAwareCompare(x.toString(), y.toString()) < 0;
    }
};

}  // namespace

ComparePage::ComparePage(Settings& settings, EvaluationsModel& model, JobRunner& jobs, QWidget* parent)
    : QWidget(parent), m_settings(settings), m_model(model) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(10, 8, 10, 8);

    // What to plot, and the machine the recommendation is for.
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Quality:"), this));
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("compareMetric"));
    m_metric->addItem(tr("KL divergence (mean, p99)"), int(CompareMetric::Kld));
    m_metric->addItem(tr("Perplexity ± error"), int(CompareMetric::Ppl));
    m_metric->addItem(tr("ΔPerplexity %"), int(CompareMetric::DeltaPplPercent));
    m_metric->addItem(tr("ln(PPL ratio)"), int(CompareMetric::LogPplRatio));
    m_metric->addItem(tr("Same top token %"), int(CompareMetric::SameTop));
    m_metric->setToolTip(tr("The quality measure on the vertical axis; the recommendation chooses by it too"));
    bar->addWidget(m_metric);
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Against:"), this));
    m_axis = new QComboBox(this);
    m_axis->setObjectName(QStringLiteral("compareAxis"));
    m_axis->addItem(tr("File size"), int(CompareAxis::FileSize));
    m_axis->addItem(tr("Bits per weight"), int(CompareAxis::BitsPerWeight));
    bar->addWidget(m_axis);
    m_unquantized = new QCheckBox(tr("16-bit files"), this);
    m_unquantized->setObjectName(QStringLiteral("compareUnquantized"));
    m_unquantized->setToolTip(tr("Plot F16 and BF16 variants too (their divergence is thousands of times below any "
                                 "quantized file's); the table lists them either way"));
    bar->addWidget(m_unquantized);
    bar->addStretch(1);
    v->addLayout(bar);
    // The machine the recommendation is for, on a row of its own (long labels in other languages).
    auto* machine = new QHBoxLayout;
    bar = machine;
    bar->addWidget(new QLabel(tr("Memory:"), this));
    m_memory = new QDoubleSpinBox(this);
    m_memory->setObjectName(QStringLiteral("compareMemory"));
    m_memory->setRange(0, 4096);
    m_memory->setDecimals(2);
    m_memory->setSuffix(tr(" GiB"));
    m_memory->setSpecialValueText(tr("no limit"));
    m_memory->setToolTip(tr("What the model may use: free memory now, unless you set another figure"));
    m_memory->setSingleStep(0.5);
    m_memory->setValue(std::floor(double(qd::availableMemoryBytes()) / kGiB * 10) / 10);
    bar->addWidget(m_memory);
    bar->addWidget(new QLabel(tr("at context"), this));
    m_context = new QSpinBox(this);
    m_context->setObjectName(QStringLiteral("compareContext"));
    m_context->setRange(128, 1 << 20);
    m_context->setSingleStep(1024);
    m_context->setSuffix(tr(" tokens"));
    m_context->setValue(m_settings.value(Settings::Key::CompareContext).toInt());
    bar->addWidget(m_context);
    bar->addSpacing(16);
    bar->addWidget(new QLabel(tr("Generate at least:"), this));
    m_minSpeed = new QDoubleSpinBox(this);
    m_minSpeed->setObjectName(QStringLiteral("compareMinSpeed"));
    m_minSpeed->setRange(0, 100000);
    m_minSpeed->setDecimals(1);
    m_minSpeed->setSuffix(tr(" tokens/s"));
    m_minSpeed->setSpecialValueText(tr("any speed"));
    m_minSpeed->setValue(m_settings.value(Settings::Key::CompareMinSpeed).toDouble());
    bar->addWidget(m_minSpeed);
    bar->addSpacing(16);
    m_seriesLabel = new QLabel(tr("Choose in:"), this);
    bar->addWidget(m_seriesLabel);
    m_series = new QComboBox(this);
    m_series->setObjectName(QStringLiteral("compareSeries"));
    m_series->setToolTip(tr("The base model whose variants the recommendation chooses among"));
    m_series->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_series->setMaximumWidth(420);  // labels name the base and the text; the list shows them whole
    bar->addWidget(m_series);
    bar->addStretch(1);
    v->addLayout(machine);

    m_recommendation = new QLabel(this);
    m_recommendation->setObjectName(QStringLiteral("recommendation"));
    m_recommendation->setWordWrap(true);
    m_recommendation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recommendation->setStyleSheet(QStringLiteral(
        "QLabel#recommendation { background: #fff8e1; border: 1px solid #f9a825; border-radius: 5px; padding: 6px 10px; }"));
    v->addWidget(m_recommendation);

    m_chart = new QualityChart(m_model, this);
    m_speed = new SpeedChart(m_model, this);
    auto* charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_chart);
    charts->addWidget(m_speed);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    charts->setSizes({3000, 2000});  // the scatter is what a person reads first

    auto* lower = new QWidget(this);
    auto* lv = new QVBoxLayout(lower);
    lv->setContentsMargins(0, 4, 0, 0);
    auto* tools = new QHBoxLayout;
    auto* evaluate = new QPushButton(QIcon(QStringLiteral(":/icons/compare.svg")), tr("Evaluate…"), lower);
    evaluate->setObjectName(QStringLiteral("compareEvaluate"));
    evaluate->setToolTip(tr("Measure perplexity, KL divergence and speed of model files, for the Compare page"));
    connect(evaluate, &QPushButton::clicked, this, &ComparePage::evaluateRequested);
    tools->addWidget(evaluate);
    tools->addSpacing(12);
    m_chat = new QPushButton(QIcon(QStringLiteral(":/icons/chat.svg")), tr("Chat with…"), lower);
    m_chat->setObjectName(QStringLiteral("compareChat"));
    m_chat->setToolTip(tr("Open the selected variant on the Chat page"));
    m_chat->setVisible(false);
    tools->addWidget(m_chat);
    m_show = new QPushButton(QIcon(QStringLiteral(":/icons/models.svg")), tr("Show in Models"), lower);
    m_show->setObjectName(QStringLiteral("compareShow"));
    tools->addWidget(m_show);
    m_status = new QLabel(lower);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    tools->addWidget(m_status, 1);
    auto* exportChartButton = new QPushButton(tr("Export chart…"), lower);
    exportChartButton->setObjectName(QStringLiteral("exportChart"));
    exportChartButton->setToolTip(tr("Save the size-against-quality chart as PNG, PDF or SVG"));
    tools->addWidget(exportChartButton);
    auto* exportTableButton = new QPushButton(tr("Export table…"), lower);
    exportTableButton->setObjectName(QStringLiteral("exportTable"));
    exportTableButton->setToolTip(tr("Save the table as CSV, in its current order"));
    tools->addWidget(exportTableButton);
    auto* exportReportButton = new QPushButton(tr("Export report…"), lower);
    exportReportButton->setObjectName(QStringLiteral("exportReport"));
    exportReportButton->setToolTip(tr("A report to publish with the model: perplexity, size and speed of every variant "
                                      "against the unquantized one, with the chart (Markdown or HTML)"));
    tools->addWidget(exportReportButton);
    lv->addLayout(tools);

    m_proxy = new EvaluationsProxy(this);
    m_proxy->setSourceModel(&m_model);
    m_table = new QTableView(lower);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    lv->addWidget(m_table, 1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("compareSplitter"));
    split->addWidget(charts);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->restoreState(m_settings.bytes(Settings::Key::CompareSplitter));
    connect(split, &QSplitter::splitterMoved, this, [this, split] { m_settings.setBytes(Settings::Key::CompareSplitter, split->saveState()); });
    v->addWidget(split, 1);

    const int axis = m_settings.value(Settings::Key::CompareAxis).toInt();
    m_axis->setCurrentIndex(std::clamp(axis, 0, m_axis->count() - 1));
    const int metric = m_settings.value(Settings::Key::CompareMetric).toInt();
    m_metric->setCurrentIndex(std::max(0, m_metric->findData(metric)));
    m_chart->setAxis(CompareAxis(m_axis->currentData().toInt()));
    m_chart->setMetric(CompareMetric(m_metric->currentData().toInt()));

    connect(m_axis, &QComboBox::currentIndexChanged, this, [this] {
        m_settings.setValue(Settings::Key::CompareAxis, m_axis->currentIndex());
        m_chart->setAxis(CompareAxis(m_axis->currentData().toInt()));
    });
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] {
        m_settings.setValue(Settings::Key::CompareMetric, m_metric->currentData().toInt());
        m_chart->setMetric(CompareMetric(m_metric->currentData().toInt()));
    });
    connect(m_unquantized, &QCheckBox::toggled, m_chart, &QualityChart::setShowUnquantized);
    connect(m_memory, &QDoubleSpinBox::valueChanged, this, &ComparePage::updateMachine);
    connect(m_context, &QSpinBox::valueChanged, this, [this] {
        m_settings.setValue(Settings::Key::CompareContext, m_context->value());
        updateMachine();
    });
    connect(m_minSpeed, &QDoubleSpinBox::valueChanged, this, [this] {
        m_settings.setValue(Settings::Key::CompareMinSpeed, m_minSpeed->value());
        updateMachine();
    });
    connect(m_series, &QComboBox::activated, this, [this] { m_chart->setRecommendSeries(m_series->currentData().toInt()); });
    connect(m_chart, &QualityChart::recommendationChanged, this, &ComparePage::updateRecommendation);
    connect(m_chart, &QualityChart::rowClicked, this, [this](int row) { selectRow(row); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_chart->selectRow(selectedRow());
        updateButtons();
    });
    connect(&m_model, &EvaluationsModel::reloaded, this, [this] {
        updateSeriesChoice();
        updateButtons();
        m_table->resizeColumnsToContents();
    });
    connect(m_chat, &QPushButton::clicked, this, [this] {
        if (const EvaluationRow* r = m_model.row(selectedRow())) emit chatRequested(QString::fromStdString(r->record.modelPath));
    });
    connect(m_show, &QPushButton::clicked, this, [this] {
        if (const EvaluationRow* r = m_model.row(selectedRow())) emit showInModelsRequested(QString::fromStdString(r->record.modelPath));
    });
    connect(exportChartButton, &QPushButton::clicked, this, [this] {
        const QString path = chooseExportPath(tr("Export chart"), tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)"),
                                              QStringLiteral("png"));
        if (path.isEmpty()) return;
        const QString error = exportChart(path);
        if (!error.isEmpty()) QMessageBox::warning(this, tr("Export chart"), error);
        else m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    });
    connect(exportTableButton, &QPushButton::clicked, this, [this] {
        const QString path = chooseExportPath(tr("Export table"), tr("CSV table (*.csv)"), QStringLiteral("csv"));
        if (path.isEmpty()) return;
        const QString error = exportTable(path);
        if (!error.isEmpty()) QMessageBox::warning(this, tr("Export table"), error);
        else m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    });
    connect(exportReportButton, &QPushButton::clicked, this, [this] {
        const QString path = chooseExportPath(tr("Export report"), tr("Markdown (*.md);;HTML page (*.html)"), QStringLiteral("md"));
        if (path.isEmpty()) return;
        const QString error = exportReport(path);
        if (!error.isEmpty()) QMessageBox::warning(this, tr("Export report"), error);
        else m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    });

    // Results arrive while evaluations run: the database is looked at once a second while one does.
    m_follow = new QTimer(this);
    m_follow->setInterval(1000);
    connect(m_follow, &QTimer::timeout, this, [this, &jobs] {
        m_model.reloadIfChanged();
        bool running = false;
        for (const auto& j : jobs.jobs())
            if (j.kind == QLatin1String("evaluate") && !isFinalState(j.state)) running = true;
        if (!running) m_follow->stop();
    });
    auto follow = [this, &jobs](int id) {
        const JobRecord* j = jobs.job(id);
        if (j && j->kind == QLatin1String("evaluate") && !m_follow->isActive()) m_follow->start();
    };
    connect(&jobs, &JobRunner::jobStarted, this, follow);
    connect(&jobs, &JobRunner::jobFinished, this, [this, &jobs](int id) {
        const JobRecord* j = jobs.job(id);
        if (j && j->kind == QLatin1String("evaluate")) m_model.reloadIfChanged();
    });

    updateMachine();
    m_model.reload();
}

void ComparePage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // Votes on the Chat page and evaluations by the CLI change what is shown.
    m_model.reload();
}

void ComparePage::reload() { m_model.reload(); }

QString ComparePage::databasePath() const { return m_model.databasePath(); }

void ComparePage::setChatAvailable(bool on) {
    m_chatAvailable = on;
    m_chat->setVisible(on);
    updateButtons();
}

void ComparePage::updateMachine() {
    m_chart->setMachine(quint64(m_memory->value() * kGiB), m_context->value(), m_minSpeed->value());
}

void ComparePage::updateSeriesChoice() {
    m_series->clear();
    for (size_t i = 0; i < m_model.series().size(); ++i) m_series->addItem(m_model.series()[i].label, int(i));
    m_series->setCurrentIndex(std::max(0, m_series->findData(m_chart->recommendSeries())));
    const bool several = m_model.series().size() > 1;
    m_series->setVisible(several);
    m_seriesLabel->setVisible(several);
}

void ComparePage::updateRecommendation() {
    m_recommendation->setText(QStringLiteral("★ ") + m_chart->recommendation());
    if (m_series->count() && m_series->currentData().toInt() != m_chart->recommendSeries())
        m_series->setCurrentIndex(std::max(0, m_series->findData(m_chart->recommendSeries())));
}

int ComparePage::selectedRow() const {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) return -1;
    return m_proxy->mapToSource(rows.first()).row();
}

void ComparePage::selectRow(int modelRow) {
    const QModelIndex source = m_model.index(modelRow, 0);
    if (!source.isValid()) {
        m_table->clearSelection();
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(source);
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void ComparePage::updateButtons() {
    const EvaluationRow* r = m_model.row(selectedRow());
    const bool exists = r && QFileInfo(QString::fromStdString(r->record.modelPath)).isFile();
    m_chat->setEnabled(exists && m_chatAvailable);
    m_show->setEnabled(exists);
    const QString why = r && !exists ? tr("The file is gone: %1").arg(QDir::toNativeSeparators(QString::fromStdString(r->record.modelPath)))
                                     : QString();
    m_chat->setToolTip(why.isEmpty() ? tr("Open the selected variant on the Chat page") : why);
    m_show->setToolTip(why.isEmpty() ? tr("Select the file on the Models page") : why);
    if (!m_model.lastError().isEmpty()) m_status->setText(m_model.lastError());
    else m_status->setText(tr("%n variant(s) measured", nullptr, m_model.rowCount()));
}

QString ComparePage::chooseExportPath(const QString& title, const QString& filters, const QString& suffix) {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = m_model.series().empty() ? QStringLiteral("comparison")
                                                  : QFileInfo(m_model.series().front().baseName).completeBaseName() + QStringLiteral("-comparison");
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, title, dir + QLatin1Char('/') + name + QLatin1Char('.') + suffix, filters, &selected);
    if (path.isEmpty()) return {};
    return withFilterSuffix(path, selected, suffix);
}

QString ComparePage::exportChart(const QString& path, int width, int height) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString tmp = temporaryBeside(path);
    QCustomPlot* plot = m_chart->plot();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = plot->savePng(tmp, width, height, 1.0, -1, 96);
        if (ok) {
            // savePng picks the format from the name; the temporary one has none, so check what it wrote.
            QFile f(tmp);
            ok = f.open(QIODevice::ReadOnly) && f.read(8).startsWith("\x89PNG");
        }
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot->savePdf(tmp, width, height, QCP::epNoCosmetic, QStringLiteral("QuantDesk"), tr("Size against quality"));
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(tmp);
        svg.setSize(QSize(width, height));
        svg.setViewBox(QRect(0, 0, width, height));
        svg.setTitle(tr("Size against quality"));
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            plot->toPainter(&painter, width, height);
            ok = painter.end();
        }
    } else {
        return tr("Choose a file name ending in .png, .pdf or .svg.");
    }
    if (!ok) {
        QFile::remove(tmp);
        return tr("Cannot write %1.").arg(QDir::toNativeSeparators(path));
    }
    return renameInto(tmp, path);
}

QString ComparePage::exportTable(const QString& path) {
    std::vector<int> order;
    for (int i = 0; i < m_proxy->rowCount(); ++i) order.push_back(m_proxy->mapToSource(m_proxy->index(i, 0)).row());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
    f.write(m_model.toCsv(order).toUtf8());
    if (!f.commit()) return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
    return {};
}

QString ComparePage::reportText(bool html, const QString& chartRef) const {
    auto esc = [html](const QString& s) { return html ? s.toHtmlEscaped() : QString(s).replace(QLatin1Char('|'), QStringLiteral("\\|")); };
    QString out;
    const qd::CpuFeatures& cpu = qd::cpuFeatures();
    const QString machine = cpu.brand.empty() ? tr("this machine") : QString::fromStdString(cpu.brand).trimmed();
    if (html)
        out += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n"
                              "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;} table{border-collapse:collapse;} "
                              "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;} td:first-child,th:first-child{text-align:left;}"
                              "</style></head><body>\n")
                   .arg(tr("Quantization report"));
    out += html ? QStringLiteral("<h1>%1</h1>\n").arg(tr("Quantization report")) : QStringLiteral("# %1\n\n").arg(tr("Quantization report"));
    const QString intro = tr("Measured with QuantDesk %1 on %2. Perplexity on the text named below; KL divergence of each "
                             "variant's next-token distribution from the unquantized model's; ms/token is generation on this "
                             "machine.")
                              .arg(QString::fromLatin1(kVersion), machine);
    out += html ? QStringLiteral("<p>%1</p>\n").arg(esc(intro)) : intro + QStringLiteral("\n\n");
    if (!chartRef.isEmpty())
        out += html ? QStringLiteral("<p><img alt=\"%1\" src=\"%2\" style=\"max-width:100%\"></p>\n").arg(tr("Size against quality"), chartRef)
                    : QStringLiteral("![%1](%2)\n\n").arg(tr("Size against quality"), chartRef);
    const QStringList head = {tr("Variant"), tr("File size"), tr("Bits/weight"), tr("Perplexity"), tr("ΔPPL"), tr("KLD mean"),
                              tr("KLD p99"), tr("Same top"), tr("ms/token"), tr("vs. base")};
    for (size_t s = 0; s < m_model.series().size(); ++s) {
        const EvaluationSeries& series = m_model.series()[s];
        out += html ? QStringLiteral("<h2>%1</h2>\n").arg(esc(series.label)) : QStringLiteral("## %1\n\n").arg(esc(series.label));
        // The base's speed, for the "against F16" column.
        double baseMs = 0;
        QString baseType;
        for (const auto& row : m_model.rows())
            if (row.series == int(s) && row.isBase) baseMs = row.record.msPerToken(), baseType = QString::fromStdString(row.record.method);
        QStringList cells;
        if (html) {
            out += QStringLiteral("<table>\n<tr>");
            for (const QString& h : head) out += QStringLiteral("<th>%1</th>").arg(esc(h));
            out += QStringLiteral("</tr>\n");
        } else {
            out += QStringLiteral("| ") + head.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|");
            for (int i = 0; i < head.size(); ++i) out += i == 0 ? QStringLiteral("---|") : QStringLiteral("---:|");
            out += QLatin1Char('\n');
        }
        for (const auto& row : m_model.rows()) {
            if (row.series != int(s)) continue;
            const auto& r = row.record;
            const bool kl = r.hasKl && !row.isBase;
            const QString dash = QStringLiteral("–");
            QStringList c;
            c << (row.isBase ? tr("%1 (base)").arg(QString::fromStdString(r.method)) : QString::fromStdString(r.method))
              << formatSize(r.fileSize) << num(r.bitsPerWeight, 2) << QStringLiteral("%1 ± %2").arg(num(r.ppl, 4), num(r.pplError, 4))
              << (kl ? QStringLiteral("%1%2 %").arg(r.deltaPpl >= 0 ? QStringLiteral("+") : QString(), num(row.deltaPplPercent(), 2)) : dash)
              << (kl ? QLocale::c().toString(r.kld, 'g', 3) : dash) << (kl && r.kld99 > 0 ? QLocale::c().toString(r.kld99, 'g', 3) : dash)
              << (kl ? QStringLiteral("%1 %").arg(num(r.sameTopPercent, 2)) : dash)
              << (r.msPerToken() > 0 ? num(r.msPerToken(), 2) : dash)
              << (r.msPerToken() > 0 && baseMs > 0 ? QStringLiteral("%1×").arg(num(r.msPerToken() / baseMs, 2)) : dash);
            if (html) {
                out += QStringLiteral("<tr>");
                for (const QString& cell : c) out += QStringLiteral("<td>%1</td>").arg(esc(cell));
                out += QStringLiteral("</tr>\n");
            } else {
                for (QString& cell : c) cell = esc(cell);
                out += QStringLiteral("| ") + c.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
            }
        }
        if (html) out += QStringLiteral("</table>\n");
        int threads = 0;
        QString how;
        for (const auto& row : m_model.rows())
            if (row.series == int(s)) threads = std::max(threads, row.record.threads), how = EvaluationsModel::howMeasured(row.record);
        const QString note = qd::isUnquantizedName(baseType.toStdString())
                                 ? tr("Base: %1 (%2). ms/token against the %2 base. Last measured: %3.").arg(series.baseName, baseType, how)
                                 : tr("Base: %1 (%2, not an unquantized model). Last measured: %3.").arg(series.baseName, baseType, how);
        out += html ? QStringLiteral("<p>%1</p>\n").arg(esc(note)) : QStringLiteral("\n%1\n\n").arg(note);
    }
    if (m_chart->recommendedRow() >= 0 || !m_chart->recommendation().isEmpty())
        out += html ? QStringLiteral("<p><b>%1</b></p>\n").arg(esc(m_chart->recommendation())) : QStringLiteral("**%1**\n").arg(m_chart->recommendation());
    if (html) out += QStringLiteral("</body></html>\n");
    return out;
}

QString ComparePage::exportReport(const QString& path) {
    const QFileInfo fi(path);
    const bool html = fi.suffix().compare(QLatin1String("html"), Qt::CaseInsensitive) == 0 ||
                      fi.suffix().compare(QLatin1String("htm"), Qt::CaseInsensitive) == 0;
    if (!html && fi.suffix().compare(QLatin1String("md"), Qt::CaseInsensitive) != 0)
        return tr("Choose a file name ending in .md or .html.");
    QString chartRef;
    if (html) {
        // The chart inside the page, as a PNG data URL: one file to send.
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        m_chart->plot()->toPixmap(1100, 620).save(&buffer, "PNG");
        chartRef = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
    } else {
        // Beside the Markdown file, referenced by its name.
        const QString image = fi.absolutePath() + QLatin1Char('/') + fi.completeBaseName() + QStringLiteral("-chart.png");
        if (QString e = exportChart(image, 1100, 620); !e.isEmpty()) return e;
        chartRef = QFileInfo(image).fileName();
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
    f.write(reportText(html, chartRef).toUtf8());
    if (!f.commit()) return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
    return {};
}

}  // namespace qd::ui
