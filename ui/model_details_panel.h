// The lower half of the Models page: everything about the selected file.
//
// The summary comes straight from the scan's ModelEntry. Metadata and tensors need the file's whole
// header, which for a large vocabulary takes a moment to parse, so the file is opened again on a
// worker (QtConcurrent) and the tables fill in when it is done; a newer selection makes an older
// load's result be dropped.
#pragma once

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

#include <memory>

#include "ui/model_scan.h"

class QFormLayout;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace qd {
class GgufFile;
}

namespace qd::ui {

class MetadataTableModel;
class TensorTableModel;

class ModelDetailsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelDetailsPanel(QWidget* parent = nullptr);
    ~ModelDetailsPanel() override;

    // Shows `entry` (its summary at once, its metadata and tensors when loaded).
    void showEntry(const ModelEntry& entry);
    void clear();

    QString currentPath() const { return m_entry.path; }
    bool isLoading() const { return m_loading; }
    void setPhysicalMemory(quint64 bytes);

    MetadataTableModel* metadataModel() const { return m_metadata; }
    TensorTableModel* tensorModel() const { return m_tensors; }
    QTableView* metadataView() const { return m_metadataView; }
    QTableView* tensorView() const { return m_tensorView; }
    QSplitter* splitter() const { return m_splitter; }

public slots:
    // Opens the dialog with the full value of a row of the metadata table (view index).
    void showMetadataValue(const QModelIndex& index);
    void showChatTemplate();

signals:
    // The metadata and tensor tables now show `path`.
    void loaded(const QString& path);
    void loadFailed(const QString& path, const QString& error);

private:
    struct Loaded {
        QString path;
        std::shared_ptr<const qd::GgufFile> file;
        QString error;
    };

    QWidget* buildSummary();
    QWidget* buildTables();
    void fillSummary();
    void addRow(const QString& label, QLabel** value);
    void startLoad(const QString& path);
    void onLoaded(const Loaded& result);

    ModelEntry m_entry;
    quint64 m_physicalMemory = 0;
    bool m_loading = false;

    QStackedWidget* m_stack = nullptr;
    QSplitter* m_splitter = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_path = nullptr;
    QLabel* m_error = nullptr;
    QFormLayout* m_form = nullptr;
    QLabel* m_architecture = nullptr;
    QLabel* m_parameters = nullptr;
    QLabel* m_fileType = nullptr;
    QLabel* m_tensorTypes = nullptr;
    QLabel* m_fileSize = nullptr;
    QLabel* m_context = nullptr;
    QLabel* m_shape = nullptr;
    QLabel* m_heads = nullptr;
    QLabel* m_vocabulary = nullptr;
    QLabel* m_chatTemplate = nullptr;
    QLabel* m_memory = nullptr;
    QLabel* m_runs = nullptr;

    QTabWidget* m_tabs = nullptr;
    MetadataTableModel* m_metadata = nullptr;
    TensorTableModel* m_tensors = nullptr;
    QSortFilterProxyModel* m_metadataProxy = nullptr;
    QSortFilterProxyModel* m_tensorProxy = nullptr;
    QTableView* m_metadataView = nullptr;
    QTableView* m_tensorView = nullptr;
    QLineEdit* m_metadataFilter = nullptr;
    QLineEdit* m_tensorFilter = nullptr;
    QLabel* m_tablesMessage = nullptr;
    QStackedWidget* m_tablesStack = nullptr;

    QPointer<QFutureWatcher<Loaded>> m_watcher;
};

}  // namespace qd::ui
