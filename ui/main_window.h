// QuantDesk's main window: a navigation bar on the left, one page per task on the right, the menus
// and a status bar that reports background work (scans now; quantization and chat later).
//
// Pages join the navigation through addPage(); only pages that work are added.
#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QProgressBar;
class QStackedWidget;
class QToolButton;

namespace qd {
class ConversationStore;
}

namespace qd::ui {

class ChatController;
class ChatPage;
class ComparePage;
class EvaluationsModel;
class JobRunner;
class JobsButton;
class LabPage;
class Library;
class MachineInfo;
class ModelsPage;
class QuantizeWizard;
class Settings;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // The window shows the application objects main() created; it owns none of them.
    // The Chat page is added when `chat` and `history` are given, the Compare page when `evaluations` is.
    // Without `machine` the window keeps a MachineInfo of its own.
    MainWindow(Settings& settings, Library& library, JobRunner& jobs, ChatController* chat = nullptr,
               qd::ConversationStore* history = nullptr, EvaluationsModel* evaluations = nullptr,
               MachineInfo* machine = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    ModelsPage* modelsPage() const { return m_models; }
    ChatPage* chatPage() const { return m_chat; }
    ComparePage* comparePage() const { return m_compare; }
    LabPage* labPage() const { return m_lab; }
    JobsButton* jobsButton() const { return m_jobsButton; }
    MachineInfo& machine() const { return *m_machine; }
    // The quantization wizard while it is open (nullptr otherwise).
    QuantizeWizard* quantizeWizard() const { return m_wizard; }
    // Index of the page shown now.
    int currentPage() const;
    int pageCount() const;

public slots:
    // Adds a folder or a .gguf file to the library and shows it (command line, drag and drop, and the
    // demo model the first start will open). Returns false when the path does not exist.
    bool openPath(const QString& path);
    // First start: when the library has no folders or files yet, opens the bundled demo model so a new
    // person can look around without downloading anything. Returns whether it did.
    bool openDemoIfLibraryEmpty();
    void showPage(int index);
    void about();
    // Help ▸ This Machine: the CPU, memory and the Vulkan devices (modal).
    void showMachine();
    // Opens the quantization wizard on `source` (a GGUF file, a Hugging Face folder or a llama2.c
    // checkpoint), or on the Models page's selection when empty.
    void quantize(const QString& source = {});
    void showJobs();
    // The Chat page with `path` chosen (from the Models and Compare pages); nothing without a Chat page.
    void chatWith(const QString& path);
    // The Evaluate dialog on `path` (ticked first), then the evaluation job; shows the Compare page.
    void evaluate(const QString& path = {});

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void addPage(QWidget* page, const QString& icon, const QString& title, const QString& toolTip);
    void buildMenus();
    void buildStatusBar();
    void onScanProgress(int done, int total, const QString& file);
    void onScanFinished(int models, int unreadable, bool cancelled);

    Settings& m_settings;
    Library& m_library;
    JobRunner& m_jobs;
    MachineInfo* m_machine = nullptr;
    JobsButton* m_jobsButton = nullptr;
    QuantizeWizard* m_wizard = nullptr;
    bool m_quitWhenIdle = false;
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_pages = nullptr;
    ModelsPage* m_models = nullptr;
    ChatPage* m_chat = nullptr;
    ComparePage* m_compare = nullptr;
    LabPage* m_lab = nullptr;
    QLabel* m_statusText = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
};

}  // namespace qd::ui
