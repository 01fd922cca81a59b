#include "ui/jobs_model.h"

#include <QColor>
#include <QIcon>
#include <QLocale>

#include <cmath>

#include "ui/job_runner.h"

namespace qd::ui {

QString formatDuration(double seconds) {
    if (seconds < 0) return QString();
    if (seconds < 10) return JobsModel::tr("%1 s").arg(QLocale().toString(seconds, 'f', 1));
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60) return JobsModel::tr("%1 s").arg(s);
    if (s < 3600) return JobsModel::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return JobsModel::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

JobsModel::JobsModel(JobRunner* runner) : QAbstractTableModel(runner), m_runner(runner) {}

int JobsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_runner->jobs().size()); }

int JobsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

int JobsModel::rowOf(int jobId) const { return m_runner->indexOf(jobId); }

QVariant JobsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const JobRecord& r = m_runner->jobs()[size_t(index.row())];
    if (role == JobIdRole) return r.id;
    if (role == StateRole) return int(r.state);
    if (role == FractionRole) return r.state == JobState::Finished ? 1.0 : r.fraction();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Title: return r.title;
            case State: return jobStateText(r.state);
            case ProgressColumn: return int(std::lround(100.0 * (r.state == JobState::Finished ? 1.0 : r.fraction())));
            case Stage: {
                if (r.state != JobState::Running || !r.bytes || r.bytesPerSecond <= 0) return r.stage;
                return tr("%1 · %2 MB/s").arg(r.stage, QLocale().toString(r.bytesPerSecond / 1e6, 'f', 0));
            }
            case Elapsed: return r.state == JobState::Queued ? QString() : formatDuration(double(r.elapsedMs) / 1000.0);
            case Remaining: return formatDuration(r.etaSeconds());
            default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Stage) return r.stage;
    if (role == Qt::DecorationRole && index.column() == State) {
        if (r.state == JobState::Failed) return QIcon(QStringLiteral(":/icons/warning.svg"));
    }
    if (role == Qt::ForegroundRole && index.column() == State) {
        if (r.state == JobState::Failed) return QColor(0xc6, 0x28, 0x28);
        if (r.state == JobState::Finished) return QColor(0x2e, 0x7d, 0x32);
    }
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Title: return tr("Job");
        case State: return tr("State");
        case ProgressColumn: return tr("Progress");
        case Stage: return tr("Now");
        case Elapsed: return tr("Elapsed");
        case Remaining: return tr("Left");
        default: return {};
    }
}

}  // namespace qd::ui
