// The jobs of the JobRunner as a table: title, state, progress, stage, elapsed, time left. The jobs
// panel shows it; the progress column's value is a percentage for the bar delegate.
#pragma once

#include <QAbstractTableModel>

namespace qd::ui {

class JobRunner;

class JobsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Title, State, ProgressColumn, Stage, Elapsed, Remaining, ColumnCount };
    enum Role { JobIdRole = Qt::UserRole + 1, StateRole, FractionRole };

    explicit JobsModel(JobRunner* runner);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    int rowOf(int jobId) const;

private:
    friend class JobRunner;
    void beginInsert(int row) { beginInsertRows({}, row, row); }
    void endInsert() { endInsertRows(); }
    void beginRemove(int row) { beginRemoveRows({}, row, row); }
    void endRemove() { endRemoveRows(); }
    void rowChanged(int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); }

    JobRunner* m_runner;
};

// "1:05", "12 s", "1 h 02 min"
QString formatDuration(double seconds);

}  // namespace qd::ui
