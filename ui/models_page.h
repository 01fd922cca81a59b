// The Models page: the library of GGUF files in the folders the user chose.
//
//   [Add folder…] [Open file…] [Rescan]  [folder ▾][−]     [filter………] [type ▾]  30 models
//   ┌ table: name, file, architecture, parameters, type, bits, size, context, … ─────────┐
//   ├ details: summary | metadata / tensors ──────────────────────────────────────────────┤
//   └─────────────────────────────────────────────────────────────────────────────────────┘
//
// With no folders yet the page shows how to add one instead. Scans run in ModelScanner's worker; the
// page only reacts to its signals.
#pragma once

#include <QSet>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace qd::ui {

class ModelDetailsPanel;
class ModelFilterProxy;
class ModelListModel;
class Library;
class Settings;
struct ModelEntry;

class ModelsPage : public QWidget {
    Q_OBJECT
public:
    // The page shows `library` (an application object it does not own) and keeps its own layout in `settings`.
    ModelsPage(Settings& settings, Library& library, QWidget* parent = nullptr);
    ~ModelsPage() override;
    // Whether the window has a Chat page, so rows offer "Chat with this model".
    void setChatAvailable(bool on) { m_chatAvailable = on; }

    // Folders and single files of the library, as stored in the settings.
    QStringList locations() const;
    Library& library() const { return m_library; }
    bool isScanning() const;
    QString selectedPath() const;

    ModelListModel* model() const { return m_model; }
    ModelFilterProxy* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    ModelDetailsPanel* details() const { return m_details; }

    // RAM the "fits" figures compare against (defaults to this machine's).
    void setPhysicalMemory(quint64 bytes);
    // Stores splitter and column layout in the settings.
    void saveState();

public slots:
    // Adds a folder to the library and scans it. The folder dialog ends here too.
    void addFolder(const QString& folder);
    // Adds a single .gguf file to the library (unless a library folder already holds it) and selects it.
    void openFile(const QString& file);
    // A folder or a file, whichever `path` is. Returns false when it does not exist.
    bool addPath(const QString& path);
    void removeLocation(const QString& location);
    void rescan();
    void cancelScan();
    // Selects the row of `path`; when the file has not been scanned yet, selects it when it arrives.
    void selectPath(const QString& path);
    // Shows only the models under `location` (a library folder), or all of them for an empty string.
    void showLocation(const QString& location);

    // Moves a model file to the trash (after asking when `confirm`), then updates the library.
    bool moveToTrash(const QString& path, bool confirm = true);

    void chooseFolder();
    void chooseFile();
    void focusFilter();

signals:
    void scanStarted();
    // total is 0 while the scan is still looking for files.
    void scanProgress(int done, int total, const QString& currentFile);
    void scanFinished(int models, int unreadable, bool cancelled);
    void locationsChanged(const QStringList& locations);
    void selectionChanged(const QString& path);
    // "Quantize…" from the toolbar or a row's menu; empty path when nothing is selected.
    void quantizeRequested(const QString& path);
    // "Chat with this model" from a row's menu (offered once setChatAvailable(true)).
    void chatRequested(const QString& path);
    // "Evaluate…" from the toolbar or a row's menu: the file to tick first (empty when none is selected).
    void evaluateRequested(const QString& path);
    // "Import to GGUF…" on a Hugging Face checkpoint's row.
    void importRequested(const QString& folder);

private:
    bool m_chatAvailable = false;
    QWidget* buildEmptyState();
    QWidget* buildLocationChooser(QWidget* parent);
    QWidget* buildToolbar();
    void buildTable();
    void setLocations(const QStringList& locations);
    void refreshLibraryList();
    void refreshTypeCombo();
    void updateCount();
    void updateEmptyState();
    void onEntries();
    void onScanFinished(int models, int unreadable, bool cancelled);
    void onCurrentRowChanged();
    void showContextMenu(const QPoint& pos);
    bool trySelect(const QString& path);

    Settings& m_settings;
    Library& m_library;
    QString m_pendingSelection;
    bool m_centerSelection = false;  // a selection asked for by path is centred once the scan is done

    ModelListModel* m_model = nullptr;
    ModelFilterProxy* m_proxy = nullptr;

    QStackedWidget* m_stack = nullptr;
    QSplitter* m_tableSplitter = nullptr;
    QComboBox* m_locationCombo = nullptr;
    QToolButton* m_removeButton = nullptr;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_typeCombo = nullptr;
    QLabel* m_count = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_tableMessage = nullptr;
    ModelDetailsPanel* m_details = nullptr;
};

}  // namespace qd::ui
