// The tensors of one GGUF file: name, type, shape (ggml order, row length first), elements, bytes.
#pragma once

#include <QAbstractTableModel>

#include <memory>

#include "core/gguf/gguf_file.h"

namespace qd::ui {

class TensorTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, ShapeColumn, ElementsColumn, BytesColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit TensorTableModel(QObject* parent = nullptr);

    void setFile(std::shared_ptr<const qd::GgufFile> file);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const qd::GgufFile> m_file;
};

}  // namespace qd::ui
