// The wizard's methods table: one checkable row per mix QuantDesk writes, with this model's exact
// output size, bits per weight, the RAM it needs at the chosen context against this machine's, and
// the expected quality (this model's measurement, or llama.cpp's reference figure, labelled as such).
#pragma once

#include <QAbstractTableModel>
#include <QSet>

#include <vector>

#include "ui/quantize_plan.h"

namespace qd::ui {

class MethodsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Method, Size, Bits, Ram, Quality, Notes, ColumnCount };
    enum Role { MixRole = Qt::UserRole + 1, BytesRole };

    explicit MethodsModel(QObject* parent = nullptr);

    // Recomputes every row for the source and options (no tensor data is read: milliseconds).
    void setSource(const SourceInfo& source, const qd::QuantizeOptions& options, int context, quint64 physicalMemory);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const std::vector<MethodEstimate>& estimates() const { return m_estimates; }
    const MethodEstimate* estimate(const QString& mix) const;
    QStringList checkedMixes() const;  // in table order, only those that can be made
    void setChecked(const QStringList& mixes);  // exactly these
    bool isChecked(const QString& mix) const { return m_checked.contains(mix); }
    quint64 checkedBytes() const;
    int rowOf(const QString& mix) const;

signals:
    void checkedChanged();

private:
    SourceInfo m_source;
    std::vector<MethodEstimate> m_estimates;  // one per wizardMixes() entry
    QSet<QString> m_checked;
    quint64 m_memory = 0;
    int m_context = 0;
};

}  // namespace qd::ui
