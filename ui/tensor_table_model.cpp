#include "ui/tensor_table_model.h"

#include <QLocale>

#include "ui/format.h"

namespace qd::ui {

TensorTableModel::TensorTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TensorTableModel::setFile(std::shared_ptr<const qd::GgufFile> file) {
    beginResetModel();
    m_file = std::move(file);
    endResetModel();
}

int TensorTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_file ? 0 : static_cast<int>(m_file->tensors().size());
}

int TensorTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TensorTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case NameColumn: return tr("Name");
            case TypeColumn: return tr("Type");
            case ShapeColumn: return tr("Shape");
            case ElementsColumn: return tr("Elements");
            case BytesColumn: return tr("Bytes");
        }
    } else if (role == Qt::ToolTipRole && section == ShapeColumn) {
        return tr("Dimensions in ggml order: the row length comes first");
    } else if (role == Qt::TextAlignmentRole && (section == ElementsColumn || section == BytesColumn)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant TensorTableModel::data(const QModelIndex& index, int role) const {
    if (!m_file || !index.isValid() || index.row() >= rowCount()) return {};
    const qd::GgufTensorInfo& t = m_file->tensors()[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case NameColumn: return QString::fromStdString(t.name);
                case TypeColumn: return QString::fromStdString(std::string(qd::ggmlTypeName(t.type)));
                case ShapeColumn: return QString::fromStdString(t.shapeString());
                case ElementsColumn: return QLocale().toString(static_cast<qulonglong>(t.nElements));
                case BytesColumn: return QLocale().toString(static_cast<qulonglong>(t.nBytes));
            }
            return {};
        case SortRole:
            switch (index.column()) {
                case NameColumn: return QString::fromStdString(t.name);
                case TypeColumn: return QString::fromStdString(std::string(qd::ggmlTypeName(t.type)));
                // Shapes sort by size, then by name order of their text.
                case ShapeColumn:
                case ElementsColumn: return QVariant::fromValue<qulonglong>(t.nElements);
                case BytesColumn: return QVariant::fromValue<qulonglong>(t.nBytes);
            }
            return {};
        case Qt::ToolTipRole:
            if (index.column() == BytesColumn) return formatSize(t.nBytes);
            if (index.column() == NameColumn)
                return tr("%1\nat byte %2 of the file").arg(QString::fromStdString(t.name),
                                                           QLocale().toString(static_cast<qulonglong>(m_file->dataOffset() + t.offset)));
            return {};
        case Qt::TextAlignmentRole: return headerData(index.column(), Qt::Horizontal, role);
    }
    return {};
}

}  // namespace qd::ui
