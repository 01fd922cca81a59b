#include "ui/model_filter_proxy.h"

#include <QRegularExpression>

#include "ui/model_list_model.h"
#include "ui/model_scan.h"

namespace qd::ui {

ModelFilterProxy::ModelFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(ModelListModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ModelFilterProxy::setFilterText(const QString& text) {
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QStringList words = text.split(space, Qt::SkipEmptyParts);
    if (words == m_words) return;
    m_words = words;
    invalidateRowsFilter();
}

void ModelFilterProxy::setTypeFilter(const QString& type) {
    if (type == m_type) return;
    m_type = type;
    invalidateRowsFilter();
}

void ModelFilterProxy::setLocationFilter(const QString& location) {
    if (location == m_location) return;
    m_location = location;
    invalidateRowsFilter();
}

bool ModelFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_location.isEmpty() && !isUnderLocation(index.data(ModelListModel::PathRole).toString(), m_location))
        return false;
    if (m_type == kUnreadable) {
        if (index.data(ModelListModel::ReadableRole).toBool()) return false;
    } else if (!m_type.isEmpty() && index.data(ModelListModel::FileTypeRole).toString() != m_type) {
        return false;
    }
    if (m_words.isEmpty()) return true;
    const QString text = index.data(ModelListModel::FilterTextRole).toString();
    for (const QString& word : m_words)
        if (!text.contains(word, Qt::CaseInsensitive)) return false;
    return true;
}

bool ModelFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    // Missing values go last in ascending order (and first in descending, which is rarely wanted,
    // but keeps the order a strict weak ordering).
    if (!a.isValid() || !b.isValid()) return a.isValid() && !b.isValid();
    const QPartialOrdering order = QVariant::compare(a, b);
    if (order == QPartialOrdering::Less) return true;
    if (order == QPartialOrdering::Greater) return false;
    // Ties (same size, same type) fall back to the file name, so the order is stable and predictable.
    const QString fa = left.sibling(left.row(), ModelListModel::FileColumn).data(sortRole()).toString();
    const QString fb = right.sibling(right.row(), ModelListModel::FileColumn).data(sortRole()).toString();
    return fa < fb;
}

}  // namespace qd::ui
