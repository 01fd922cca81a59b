// The metadata of one GGUF file as a table: key, type, value.
//
// Values are shown abbreviated (long arrays by their first items and their length, long strings cut);
// FullTextRole gives the whole value for the "show value" dialog.
#pragma once

#include <QAbstractTableModel>

#include <memory>

#include "core/gguf/gguf_file.h"

namespace qd::ui {

class MetadataTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, TypeColumn, ValueColumn, ColumnCount };
    enum Role {
        FullTextRole = Qt::UserRole + 1,  // the whole value as text
        SortRole,
    };

    explicit MetadataTableModel(QObject* parent = nullptr);

    void setFile(std::shared_ptr<const qd::GgufFile> file);
    const qd::GgufFile* file() const { return m_file.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Row of `key`, or -1.
    int rowForKey(const QString& key) const;
    // The value of `key` as the Value column shows it (tests, the summary panel).
    QString displayValue(const QString& key) const;

private:
    std::shared_ptr<const qd::GgufFile> m_file;
};

// "uint32", "string", "array of string (1,024)".
QString metadataTypeText(const qd::GgufValue& value);
// One line: strings with line breaks shown as ⏎, arrays abbreviated with their length.
QString metadataShortText(const qd::GgufValue& value);
// Everything: strings verbatim, arrays one element per line with its index.
QString metadataFullText(const qd::GgufValue& value);

}  // namespace qd::ui
