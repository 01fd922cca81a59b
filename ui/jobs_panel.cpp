#include "ui/jobs_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/job_runner.h"
#include "ui/jobs_model.h"

namespace qd::ui {

void ProgressBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(3, 4, -3, -4);
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = index.data(Qt::DisplayRole).toInt();
    bar.text = QStringLiteral("%1%").arg(bar.progress);
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

JobsPanel::JobsPanel(JobRunner& runner, QWidget* parent) : QWidget(parent), m_runner(runner) {
    setWindowTitle(tr("Jobs"));
    auto* v = new QVBoxLayout(this);

    m_table = new QTableView(this);
    m_table->setModel(runner.model());
    m_table->setItemDelegateForColumn(JobsModel::ProgressColumn, new ProgressBarDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(JobsModel::Title, QHeaderView::Interactive);
    header->setSectionResizeMode(JobsModel::Stage, QHeaderView::Stretch);
    m_table->setColumnWidth(JobsModel::Title, 340);
    m_table->setColumnWidth(JobsModel::State, 100);
    m_table->setColumnWidth(JobsModel::ProgressColumn, 130);
    m_table->setColumnWidth(JobsModel::Elapsed, 80);
    m_table->setColumnWidth(JobsModel::Remaining, 80);
    v->addWidget(m_table, 3);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("jobMessage"));
    v->addWidget(m_message);

    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->hide();
    v->addWidget(m_log, 2);

    auto* buttons = new QHBoxLayout;
    m_details = new QPushButton(tr("Details"), this);
    m_details->setCheckable(true);
    m_details->setToolTip(tr("Show the job's log and the full text of any error"));
    m_copy = new QPushButton(tr("Copy log"), this);
    m_copy->setToolTip(tr("Copy the job's title, state, message and log to the clipboard"));
    m_cancel = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the selected job; its unfinished output is removed"));
    m_cancelAll = new QPushButton(tr("Cancel all"), this);
    m_clear = new QPushButton(tr("Clear finished"), this);
    m_clear->setToolTip(tr("Remove finished, failed and cancelled jobs from the list"));
    buttons->addWidget(m_details);
    buttons->addWidget(m_copy);
    buttons->addStretch(1);
    buttons->addWidget(new QLabel(tr("Run at once:"), this));
    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("concurrentJobs"));
    m_concurrency->setRange(1, 8);
    m_concurrency->setValue(runner.maxConcurrent());
    m_concurrency->setToolTip(tr("How many jobs run at the same time. Each uses every core, so 1 is usually fastest in all."));
    connect(m_concurrency, &QSpinBox::valueChanged, this, [this](int n) { m_runner.setMaxConcurrent(n); });
    buttons->addWidget(m_concurrency);
    buttons->addSpacing(12);
    buttons->addWidget(m_clear);
    buttons->addWidget(m_cancelAll);
    buttons->addWidget(m_cancel);
    v->addLayout(buttons);

    connect(m_details, &QPushButton::toggled, m_log, &QWidget::setVisible);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_current) m_runner.cancel(m_current);
    });
    connect(m_cancelAll, &QPushButton::clicked, this, [this] { m_runner.cancelAll(); });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_runner.clearFinished();
        refreshSelection();
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        const JobRecord* r = m_runner.job(m_current);
        if (!r) return;
        QString text = QStringLiteral("%1\n%2: %3\n").arg(r->title, jobStateText(r->state), r->stage);
        if (!r->log.isEmpty()) text += QLatin1Char('\n') + r->log.join(QLatin1Char('\n')) + QLatin1Char('\n');
        QApplication::clipboard()->setText(text);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
        m_current = i.isValid() ? i.siblingAtColumn(0).data(JobsModel::JobIdRole).toInt() : 0;
        m_logLines = -1;
        refreshSelection();
    });
    connect(&runner, &JobRunner::jobChanged, this, &JobsPanel::onJobChanged);
    connect(&runner, &JobRunner::jobFinished, this, [this](int id) { onJobChanged(id); });
    connect(&runner, &JobRunner::jobAdded, this, [this](int id) {
        if (!m_current) selectJob(id);
    });
    resize(1060, 440);
    refreshSelection();
}

void JobsPanel::selectJob(int id) {
    const int row = m_runner.indexOf(id);
    if (row < 0) return;
    m_table->selectRow(row);
    m_current = id;
    m_logLines = -1;
    refreshSelection();
}

void JobsPanel::onJobChanged(int id) {
    if (id == m_current) refreshSelection();
}

void JobsPanel::refreshSelection() {
    const JobRecord* r = m_runner.job(m_current);
    if (!r) m_current = 0;
    m_cancel->setEnabled(r && !isFinalState(r->state));
    m_copy->setEnabled(r != nullptr);
    m_cancelAll->setEnabled(m_runner.activeCount() > 0);
    if (!r) {
        m_message->setText(m_runner.jobs().empty() ? tr("No jobs yet. Quantizing, importing and evaluating run here.")
                                                   : tr("Select a job to see its message and log."));
        m_log->clear();
        m_logLines = -1;
        return;
    }
    QString text;
    switch (r->state) {
        case JobState::Failed: text = tr("<b>Failed:</b> %1").arg(r->outcome.message.toHtmlEscaped()); break;
        case JobState::Finished: text = tr("<b>Done:</b> %1").arg(r->outcome.message.toHtmlEscaped()); break;
        case JobState::Cancelled: text = tr("<b>Cancelled:</b> %1").arg(r->outcome.message.toHtmlEscaped()); break;
        default: text = QStringLiteral("<b>%1</b> %2").arg(r->title.toHtmlEscaped(), r->stage.toHtmlEscaped());
    }
    m_message->setText(text);
    if (m_logLines != int(r->log.size())) {
        // Appends what is new instead of rebuilding the text, so a long log stays cheap.
        if (m_logLines < 0 || m_logLines > int(r->log.size())) {
            m_log->setPlainText(r->log.join(QLatin1Char('\n')));
        } else {
            for (int i = m_logLines; i < int(r->log.size()); ++i) m_log->appendPlainText(r->log[i]);
        }
        m_logLines = int(r->log.size());
        m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
    }
}

JobsButton::JobsButton(JobRunner& runner, QWidget* window, QWidget* parent) : QToolButton(parent), m_runner(runner) {
    setObjectName(QStringLiteral("jobsButton"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setToolTip(tr("Show the jobs: progress, messages and logs (Ctrl+J)"));
    m_panel = new JobsPanel(runner, window);
    m_panel->setWindowFlag(Qt::Tool, true);
    connect(this, &QToolButton::clicked, this, &JobsButton::showPanel);
    connect(&runner, &JobRunner::activeCountChanged, this, &JobsButton::refresh);
    connect(&runner, &JobRunner::jobAdded, this, &JobsButton::refresh);
    connect(&runner, &JobRunner::jobFinished, this, [this](int, JobState state) {
        if (state == JobState::Failed && !m_panel->isVisible()) m_unseenFailure = true;
        refresh();
    });
    refresh();
}

void JobsButton::showPanel() {
    m_unseenFailure = false;
    m_panel->show();
    m_panel->raise();
    m_panel->activateWindow();
    refresh();
}

void JobsButton::refresh() {
    const int active = m_runner.activeCount();
    const int total = int(m_runner.jobs().size());
    QString text = active > 0 ? tr("Jobs: %1 running").arg(active) : total > 0 ? tr("Jobs: all done") : tr("Jobs");
    if (m_unseenFailure) text = tr("Jobs: a job failed");
    setText(text);
    setStyleSheet(m_unseenFailure ? QStringLiteral("color: #c62828; font-weight: bold;") : QString());
}

}  // namespace qd::ui
