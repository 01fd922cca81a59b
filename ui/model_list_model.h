// The Models table: one row per GGUF file of the library.
//
// Display strings are formatted here; the raw numbers are served under SortRole so the proxy sorts
// parameters, sizes and contexts numerically. Rows are updated in place when a rescan reports a file
// again, which keeps the selection and the scroll position stable while a scan streams in.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

#include <functional>

#include "ui/model_scan.h"

namespace qd::ui {

class ModelListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        FileColumn,
        ArchitectureColumn,
        ParametersColumn,
        FileTypeColumn,
        BitsPerWeightColumn,
        SizeColumn,
        ContextColumn,
        LayersColumn,
        FitsColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // number or string to sort by
        PathRole,                     // absolute path of the row's file
        FileTypeRole,                 // "Q4_K_M", empty for unreadable files
        ReadableRole,                 // bool
        KindRole,                     // int(ModelKind)
        ImportableRole,               // bool: a Hugging Face checkpoint QuantDesk can import
        FilterTextRole,               // name, file, architecture and type joined, for the text filter
    };

    explicit ModelListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds entries, replacing rows of the same path.
    void upsert(const QList<ModelEntry>& entries);
    // Removes the rows for which `drop` returns true.
    void removeIf(const std::function<bool(const ModelEntry&)>& drop);
    void clear();

    const ModelEntry& entry(int row) const { return m_entries.at(row); }
    int rowForPath(const QString& path) const;
    // The file types present, sorted by bits per weight (F32 first), for the type filter.
    QStringList fileTypes() const;
    int unreadableCount() const;

    // RAM the "fits" column compares against; 0 = unknown. Defaults to this machine's.
    void setPhysicalMemory(quint64 bytes);
    quint64 physicalMemory() const { return m_physicalMemory; }

signals:
    void fileTypesChanged();

private:
    QVariant display(const ModelEntry& e, int column) const;
    QVariant sortValue(const ModelEntry& e, int column) const;
    QString toolTip(const ModelEntry& e, int column) const;
    QString fitsText(const ModelEntry& e) const;
    QString fitsToolTip(const ModelEntry& e) const;
    void rebuildIndex();
    void noteFileTypes();

    QList<ModelEntry> m_entries;
    QHash<QString, int> m_rowByPath;
    QStringList m_lastFileTypes;
    quint64 m_physicalMemory = 0;
};

}  // namespace qd::ui
