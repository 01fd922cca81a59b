// The Lab page's table: every point of a lab run with its size, weight error, dot-product speed per
// instruction set and, once evaluated, its quality. Filled while the run streams in.
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "core/lab/lab_run.h"

namespace qd::ui {

class LabPointsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { FormatColumn, FamilyColumn, QkColumn, BitsColumn, BpwColumn, RmseColumn, P99Column, PaddedColumn, KldColumn, PplColumn,
                  SameTopColumn, FirstSpeedColumn };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit LabPointsModel(QObject* parent = nullptr);

    void clear();
    void setPoint(int index, const qd::lab::LabPoint& point);
    // The run's recommendation (bold) and the points within one standard error of it (marked).
    void setRecommendation(int recommended, const std::vector<int>& withinOneError);
    const qd::lab::LabPoint* point(int row) const;
    int rowOfPoint(int index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<int> m_index;                  // row -> point index
    std::vector<qd::lab::LabPoint> m_points;  // row -> figures
    std::vector<IsaLevel> m_levels;           // the speed columns
    int m_recommended = -1;
    std::vector<int> m_within;
};

}  // namespace qd::ui
