// Filters and sorts the Models table: free text over name, file, architecture and type; one file type
// (or only the unreadable files); one library location. Sorting uses the model's SortRole, so numbers
// sort as numbers, and rows without a value (unreadable files) stay at the bottom either way.
#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace qd::ui {

class ModelFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ModelFilterProxy(QObject* parent = nullptr);

    // Every whitespace-separated word must occur (case-insensitive) in the row's name, file,
    // architecture or type.
    void setFilterText(const QString& text);
    QString filterText() const { return m_words.join(QLatin1Char(' ')); }

    // kAllTypes shows every row, kUnreadable only files that could not be read, anything else one type.
    static inline const QString kAllTypes = QString();
    static inline const QString kUnreadable = QStringLiteral("\x01unreadable");
    void setTypeFilter(const QString& type);
    QString typeFilter() const { return m_type; }

    // Shows only files inside this folder (or this file); empty = everything.
    void setLocationFilter(const QString& location);
    QString locationFilter() const { return m_location; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QStringList m_words;
    QString m_type;
    QString m_location;
};

}  // namespace qd::ui
