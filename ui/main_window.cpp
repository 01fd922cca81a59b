#include "ui/main_window.h"

#include "ui/demo_model.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSpinBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>

#include "core/common/system_info.h"
#include "ui/format.h"
#include "ui/job_runner.h"
#include "ui/lab_page.h"
#include "ui/library.h"
#include "ui/machine_info.h"
#include "ui/jobs_panel.h"
#include "ui/quantize_jobs.h"
#include "ui/quantize_wizard.h"
#include "ui/chat_page.h"
#include "ui/chat_settings_panel.h"
#include "ui/compare_page.h"
#include "ui/evaluate_dialog.h"
#include "ui/evaluations_model.h"
#include "ui/models_page.h"
#include "ui/settings.h"
#include "ui/version.h"

namespace qd::ui {

MainWindow::MainWindow(Settings& settings, Library& library, JobRunner& jobs, ChatController* chat,
                       qd::ConversationStore* history, EvaluationsModel* evaluations, MachineInfo* machine, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_library(library), m_jobs(jobs),
      m_machine(machine ? machine : new MachineInfo(jobs, this)) {
    setWindowTitle(QStringLiteral("QuantDesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/quantdesk.svg")));
    setAcceptDrops(true);

    auto* central = new QWidget(this);
    auto* h = new QHBoxLayout(central);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(0);

    // The navigation: big icons with their names under them, one per page.
    m_nav = new QListWidget(central);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setViewMode(QListView::IconMode);
    m_nav->setFlow(QListView::TopToBottom);
    m_nav->setMovement(QListView::Static);
    m_nav->setWrapping(false);
    m_nav->setIconSize(QSize(30, 30));
    m_nav->setFixedWidth(90);
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setSpacing(0);
    m_nav->setUniformItemSizes(true);
    m_nav->setFocusPolicy(Qt::TabFocus);
    m_nav->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_nav->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A darker strip with the current page as a rounded tile, whatever the widget style.
    const QColor strip = m_nav->palette().color(QPalette::Window).darker(112);
    m_nav->setStyleSheet(QStringLiteral("QListWidget#navigation { background: %1; border: none; padding-top: 6px; }"
                                        "QListWidget#navigation::item { margin: 3px 6px; padding: 6px 0px; border-radius: 7px;"
                                        " color: palette(window-text); }"
                                        "QListWidget#navigation::item:selected { background: #3949ab; color: white; }"
                                        "QListWidget#navigation::item:hover:!selected { background: rgba(57, 73, 171, 40); }")
                             .arg(strip.name()));
    h->addWidget(m_nav);

    m_pages = new QStackedWidget(central);
    h->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_models = new ModelsPage(m_settings, m_library, m_pages);
    addPage(m_models, QStringLiteral(":/icons/models.svg"), tr("Models"),
            tr("Your GGUF model files: size, quantization, memory, metadata and tensors (Ctrl+1)"));
    if (chat && history) {
        m_chat = new ChatPage(m_settings, m_library, *chat, *history, m_pages);
        addPage(m_chat, QStringLiteral(":/icons/chat.svg"), tr("Chat"),
                tr("Talk to a model on QuantDesk's engine, or put variants side by side (Ctrl+2)"));
        m_models->setChatAvailable(true);
        connect(m_models, &ModelsPage::chatRequested, this, &MainWindow::chatWith);
        // The GPU choice of the chat settings: the devices are listed the first time the page shows.
        auto toPanel = [this] { m_chat->settingsPanel()->setGpuDevices(m_machine->gpus(), m_machine->gpuError()); };
        connect(m_machine, &MachineInfo::gpusChanged, m_chat, toPanel);
        if (m_machine->listed()) toPanel();
        connect(m_pages, &QStackedWidget::currentChanged, this, [this](int index) {
            if (m_pages->widget(index) == m_chat) m_machine->refresh();
        });
    }

    if (evaluations) {
        m_compare = new ComparePage(m_settings, *evaluations, m_jobs, m_pages);
        addPage(m_compare, QStringLiteral(":/icons/compare.svg"), tr("Compare"),
                tr("Size against quality and speed of every measured variant, and the best one for this machine (Ctrl+%1)")
                    .arg(m_pages->count() + 1));
        m_compare->setChatAvailable(m_chat != nullptr);
        connect(m_compare, &ComparePage::chatRequested, this, &MainWindow::chatWith);
        connect(m_compare, &ComparePage::evaluateRequested, this, [this] { evaluate(m_models->selectedPath()); });
        connect(m_compare, &ComparePage::showInModelsRequested, this, [this](const QString& path) {
            showPage(m_pages->indexOf(m_models));
            m_models->openFile(path);
        });
    }
    connect(m_models, &ModelsPage::evaluateRequested, this, [this](const QString& path) { evaluate(path); });

    m_lab = new LabPage(m_settings, m_library, m_jobs, m_pages);
    addPage(m_lab, QStringLiteral(":/icons/lab.svg"), tr("Lab"),
            tr("Which block size (QK) is best for a model on this machine, found by Bayesian optimisation (Ctrl+%1)").arg(m_pages->count() + 1));

    buildMenus();
    buildStatusBar();

    // Every finished output appears in the library, whether or not the wizard is still open.
    connect(&m_jobs, &JobRunner::jobFinished, this, [this](int id, JobState state) {
        const JobRecord* r = m_jobs.job(id);
        if (!r || state != JobState::Finished) return;
        QString file;
        if (r->kind == QLatin1String("quantize")) file = r->outcome.value.toMap().value(QStringLiteral("file")).toString();
        else if (r->kind == QLatin1String("import")) file = r->outcome.value.toString();
        if (!file.isEmpty()) m_models->openFile(file);
    });

    connect(m_models, &ModelsPage::quantizeRequested, this, [this](const QString& path) { quantize(path); });
    connect(m_models, &ModelsPage::importRequested, this, [this](const QString& folder) {
        const QFileInfo fi(folder);
        const QString suggested = fi.absolutePath() + QLatin1Char('/') + fi.fileName() + QStringLiteral("-F16.gguf");
        const QString out = QFileDialog::getSaveFileName(this, tr("Import to GGUF"), suggested, tr("GGUF models (*.gguf)"));
        if (out.isEmpty()) return;
        ImportRequest request;
        request.source = folder;
        request.outputPath = out;
        m_jobs.submit(importJob(request));
        showJobs();
    });
    connect(m_models, &ModelsPage::scanStarted, this, [this] { onScanProgress(0, 0, QString()); });
    connect(m_models, &ModelsPage::scanProgress, this, &MainWindow::onScanProgress);
    connect(m_models, &ModelsPage::scanFinished, this, &MainWindow::onScanFinished);

    resize(1280, 800);
    restoreGeometry(m_settings.bytes(Settings::Key::WindowGeometry));
    restoreState(m_settings.bytes(Settings::Key::WindowState));
    showPage(m_settings.currentPage());
}

MainWindow::~MainWindow() = default;

void MainWindow::chatWith(const QString& path) {
    if (!m_chat) return;
    showPage(m_pages->indexOf(m_chat));
    m_chat->setSideBySide(false);
    m_chat->chatWith(path);
}

void MainWindow::showMachine() {
    MachineDialog dialog(*m_machine, this);
    dialog.exec();
}

void MainWindow::evaluate(const QString& path) {
    EvaluateDialog dialog(*m_library.model(), path, this, m_machine);
    if (dialog.exec() != QDialog::Accepted || !dialog.problem().isEmpty()) return;
    EvaluateRequest request = dialog.request();
    if (m_compare) request.database = m_compare->databasePath();
    m_jobs.submit(evaluateJob(request));
    if (m_compare) showPage(m_pages->indexOf(m_compare));
    else showJobs();
}

void MainWindow::addPage(QWidget* page, const QString& icon, const QString& title, const QString& toolTip) {
    m_pages->addWidget(page);
    auto* item = new QListWidgetItem(QIcon(icon), title, m_nav);
    item->setToolTip(toolTip);
    item->setTextAlignment(Qt::AlignHCenter | Qt::AlignTop);
    item->setSizeHint(QSize(78, 64));
    auto* shortcut = new QAction(this);
    const int index = m_pages->count() - 1;
    shortcut->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
    connect(shortcut, &QAction::triggered, this, [this, index] { showPage(index); });
    addAction(shortcut);
}

int MainWindow::currentPage() const { return m_pages->currentIndex(); }

int MainWindow::pageCount() const { return m_pages->count(); }

void MainWindow::showPage(int index) {
    if (index < 0 || index >= m_pages->count()) index = 0;
    m_nav->setCurrentRow(index);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* addFolder = file->addAction(QIcon(QStringLiteral(":/icons/folder-add.svg")), tr("&Add Folder…"), m_models,
                                         &ModelsPage::chooseFolder);
    addFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    addFolder->setObjectName(QStringLiteral("actionAddFolder"));
    QAction* open = file->addAction(QIcon(QStringLiteral(":/icons/file-open.svg")), tr("&Open File…"), m_models,
                                    &ModelsPage::chooseFile);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("actionOpenFile"));
    file->addSeparator();
    QAction* quantize = file->addAction(QIcon(QStringLiteral(":/icons/quantize.svg")), tr("&Quantize…"), this,
                                        [this] { this->quantize(); });
    quantize->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    quantize->setObjectName(QStringLiteral("actionQuantize"));
    quantize->setToolTip(tr("Make smaller versions of a model: choose the methods, see their sizes, run"));
    QAction* evaluateAction = file->addAction(QIcon(QStringLiteral(":/icons/compare.svg")), tr("&Evaluate…"), this, [this] {
        evaluate(m_models->selectedPath());
    });
    evaluateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    evaluateAction->setObjectName(QStringLiteral("actionEvaluate"));
    evaluateAction->setToolTip(tr("Measure perplexity, KL divergence and speed of model files, for the Compare page"));
    file->addSeparator();
    QAction* rescan = file->addAction(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("&Rescan Library"), m_models,
                                      &ModelsPage::rescan);
    rescan->setShortcut(QKeySequence::Refresh);
    rescan->setObjectName(QStringLiteral("actionRescan"));
    QMenu* stores = file->addMenu(tr("Model &Stores"));
    stores->setObjectName(QStringLiteral("menuModelStores"));
    stores->setToolTipsVisible(true);
    // Rebuilt when opened: a store created since (Ollama installed) shows up.
    connect(stores, &QMenu::aboutToShow, this, [this, stores] {
        stores->clear();
        for (const ModelStore& store : m_library.modelStores()) {
            const bool found = store.exists();
            QAction* a = stores->addAction(found ? store.name : tr("%1 (not found)").arg(store.name));
            a->setCheckable(true);
            a->setChecked(found && m_library.isStoreEnabled(store.id));
            a->setEnabled(found);
            a->setToolTip(QDir::toNativeSeparators(store.path));
            const QString id = store.id;
            connect(a, &QAction::toggled, this, [this, id](bool on) { m_library.setStoreEnabled(id, on); });
        }
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    quit->setObjectName(QStringLiteral("actionQuit"));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* find = view->addAction(QIcon(QStringLiteral(":/icons/search.svg")), tr("&Filter Models"), this, [this] {
        showPage(m_pages->indexOf(m_models));
        m_models->focusFilter();
    });
    find->setShortcut(QKeySequence::Find);
    for (int i = 0; i < m_nav->count(); ++i) {
        QAction* page = view->addAction(m_nav->item(i)->icon(), m_nav->item(i)->text(), this, [this, i] { showPage(i); });
        page->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }

    view->addSeparator();
    QAction* jobsAction = view->addAction(tr("&Jobs"), this, &MainWindow::showJobs);
    jobsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    jobsAction->setObjectName(QStringLiteral("actionJobs"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(QIcon(QStringLiteral(":/icons/quantdesk.svg")), tr("&About QuantDesk"), this,
                                     &MainWindow::about);
    about->setMenuRole(QAction::AboutRole);
    about->setObjectName(QStringLiteral("actionAbout"));
    QAction* machineAction = help->addAction(tr("This &Machine…"), this, &MainWindow::showMachine);
    machineAction->setObjectName(QStringLiteral("actionMachine"));
    machineAction->setToolTip(tr("The CPU, memory and GPUs QuantDesk can use"));
    QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::buildStatusBar() {
    m_statusText = new QLabel(this);
    m_statusText->setObjectName(QStringLiteral("statusText"));
    statusBar()->addWidget(m_statusText, 1);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("scanProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(false);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelScan"));
    m_cancel->setIcon(QIcon(QStringLiteral(":/icons/cancel.svg")));
    m_cancel->setToolTip(tr("Stop the scan"));
    m_cancel->setAutoRaise(true);
    m_cancel->hide();
    connect(m_cancel, &QToolButton::clicked, m_models, &ModelsPage::cancelScan);
    statusBar()->addPermanentWidget(m_cancel);
    m_jobsButton = new JobsButton(m_jobs, this, this);
    statusBar()->addPermanentWidget(m_jobsButton);
    connect(m_jobsButton->panel()->concurrencySpin(), &QSpinBox::valueChanged, this,
            [this](int n) { m_settings.setValue(Settings::Key::MaxConcurrentJobs, n); });
    const quint64 ram = qd::physicalMemoryBytes();
    auto* ramLabel = new QLabel(ram ? tr("RAM %1").arg(formatSize(ram)) : QString(), this);
    ramLabel->setToolTip(tr("Physical memory of this computer, which the \"Fits in RAM\" column compares against"));
    statusBar()->addPermanentWidget(ramLabel);
}

void MainWindow::onScanProgress(int done, int total, const QString& file) {
    m_progress->show();
    m_cancel->show();
    m_progress->setRange(0, total);  // 0..0 makes the bar show activity while files are being found
    m_progress->setValue(done);
    if (total == 0) m_statusText->setText(tr("Looking for GGUF files…"));
    else if (file.isEmpty()) m_statusText->setText(tr("Reading %1 of %2…").arg(done).arg(total));
    else m_statusText->setText(tr("Reading %1 of %2: %3").arg(done + 1).arg(total).arg(file));
}

void MainWindow::onScanFinished(int models, int unreadable, bool cancelled) {
    m_progress->hide();
    m_cancel->hide();
    QString text = cancelled ? tr("Scan stopped.") : tr("Scan finished.");
    text += QLatin1Char(' ') + (models == 1 ? tr("1 model in the library") : tr("%1 models in the library").arg(models));
    if (unreadable == 1) text += tr(", 1 file could not be read");
    else if (unreadable > 1) text += tr(", %1 files could not be read").arg(unreadable);
    m_statusText->setText(text + QLatin1Char('.'));
}

bool MainWindow::openPath(const QString& path) {
    showPage(m_pages->indexOf(m_models));
    if (m_models->addPath(path)) return true;
    m_statusText->setText(tr("Not found: %1").arg(path));
    return false;
}

bool MainWindow::openDemoIfLibraryEmpty() {
    if (!m_models->locations().isEmpty()) return false;
    const QString demo = demoModelPath();
    return !demo.isEmpty() && openPath(demo);
}

void MainWindow::about() {
    QMessageBox box(this);
    box.setWindowTitle(tr("About QuantDesk"));
    box.setIconPixmap(QIcon(QStringLiteral(":/icons/quantdesk.svg")).pixmap(72, 72));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>QuantDesk %1</h3>"
                   "<p>Browse, quantize, chat with and compare local language models.</p>"
                   "<p>Reads and writes GGUF files the way llama.cpp does; runs models on its own CPU engine.</p>"
                   "<p><small>Built with Qt %2 (running on Qt %3).</small></p>")
                    .arg(QString::fromLatin1(kVersion), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    box.exec();
}

void MainWindow::showJobs() { m_jobsButton->showPanel(); }

void MainWindow::quantize(const QString& source) {
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return;
    }
    m_wizard = new QuantizeWizard(m_settings, m_jobs, this);
    m_wizard->setLibrary(&m_library);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &QObject::destroyed, this, [this] { m_wizard = nullptr; });
    connect(m_wizard, &QuantizeWizard::showInLibrary, this, [this](const QString& path) {
        showPage(m_pages->indexOf(m_models));
        m_models->openFile(path);
    });
    connect(m_wizard, &QuantizeWizard::showJobsRequested, this, &MainWindow::showJobs);
    m_wizard->setChatAvailable(m_chat != nullptr);
    if (m_chat) {
        connect(m_wizard, &QuantizeWizard::chatRequested, this, [this](const QString& path) {
            m_models->openFile(path);  // the library lists it before the picker looks
            chatWith(path);
            raise();
            activateWindow();
        });
        connect(m_wizard, &QuantizeWizard::sideBySideRequested, this, [this](const QStringList& paths) {
            for (const QString& p : paths) m_models->openFile(p);
            showPage(m_pages->indexOf(m_chat));
            m_chat->compareSideBySide(paths);
            raise();
            activateWindow();
        });
    }
    const QString chosen = source.isEmpty() ? m_models->selectedPath() : source;
    m_wizard->setSource(chosen);
    m_wizard->show();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // Jobs running: ask first. Quitting cancels them (each removes its unfinished output) and closes
    // once they have stopped, so nothing half-written is left.
    if (m_jobs.activeCount() > 0 && !m_quitWhenIdle) {
        const int n = m_jobs.activeCount();
        QMessageBox box(QMessageBox::Question, tr("Quit QuantDesk?"),
                        n == 1 ? tr("A job is still running.") : tr("%1 jobs are still queued or running.").arg(n),
                        QMessageBox::NoButton, this);
        box.setInformativeText(tr("Quitting cancels them and removes their unfinished files; files already "
                                  "finished are kept."));
        QPushButton* quitButton = box.addButton(tr("Cancel Jobs and Quit"), QMessageBox::DestructiveRole);
        box.addButton(tr("Keep Running"), QMessageBox::RejectRole);
        box.setDefaultButton(qobject_cast<QPushButton*>(box.buttons().last()));
        box.setObjectName(QStringLiteral("quitWhileJobsRun"));
        box.exec();
        if (box.clickedButton() != quitButton) {
            event->ignore();
            return;
        }
        m_quitWhenIdle = true;
        connect(&m_jobs, &JobRunner::idle, this, &QWidget::close, Qt::QueuedConnection);
        m_jobs.cancelAll();
        if (m_jobs.activeCount() > 0) {
            m_statusText->setText(tr("Stopping the jobs before quitting…"));
            event->ignore();
            return;
        }
    }
    if (m_wizard) m_wizard->close();
    m_models->cancelScan();
    m_models->saveState();
    m_settings.setBytes(Settings::Key::WindowGeometry, saveGeometry());
    m_settings.setBytes(Settings::Key::WindowState, saveState());
    m_settings.setCurrentPage(currentPage());
    m_settings.sync();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) openPath(url.toLocalFile());
    event->acceptProposedAction();
}

}  // namespace qd::ui
