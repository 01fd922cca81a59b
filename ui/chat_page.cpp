#include "ui/chat_page.h"

#include <QApplication>
#include <QCoreApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/common/atomic_file.h"
#include "ui/chat_arena.h"
#include "ui/chat_settings_panel.h"
#include "ui/chat_view.h"
#include "ui/format.h"
#include "ui/library.h"
#include "ui/model_list_model.h"
#include "ui/settings.h"

namespace qd::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QJsonObject parseObject(const std::string& text) { return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object(); }

QString titleFrom(const QString& text) {
    QString t = text.simplified();
    if (t.size() > 60) t = t.left(57) + QStringLiteral("…");
    return t.isEmpty() ? QCoreApplication::translate("qd::ui", "New chat") : t;
}

}  // namespace

QList<ChatModelChoice> chatModelChoices(const ModelListModel& models) {
    QList<ChatModelChoice> out;
    for (int r = 0; r < models.rowCount(); ++r) {
        const ModelEntry& e = models.entry(r);
        if (e.kind != ModelKind::Gguf) continue;
        ChatModelChoice c;
        c.path = e.path;
        const QString name = e.alias.isEmpty() ? e.fileName() : e.alias;
        if (!e.readable()) {
            c.label = name;
            c.reason = e.error;
        } else {
            c.fileType = qs(e.summary.fileType);
            c.label = QStringLiteral("%1 · %2 · %3").arg(name, c.fileType, formatSize(quint64(e.fileSize)));
            c.reason = qs(e.summary.unsupported);
        }
        out.append(c);
    }
    std::stable_sort(out.begin(), out.end(), [](const ChatModelChoice& a, const ChatModelChoice& b) {
        if (a.reason.isEmpty() != b.reason.isEmpty()) return a.reason.isEmpty();
        return a.label.localeAwareCompare(b.label) < 0;
    });
    return out;
}

// ----------------------------------------------------------------------------------------------------

ConversationListModel::ConversationListModel(qd::ConversationStore& store, QObject* parent)
    : QAbstractListModel(parent), m_store(store) {}

int ConversationListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(m_rows.size())) return {};
    const auto& c = m_rows[size_t(index.row())];
    if (role == Qt::DisplayRole) return qs(c.title);
    if (role == Qt::ToolTipRole) {
        const QString when = QLocale().toString(QDateTime::fromString(qs(c.updatedAt), Qt::ISODate).toLocalTime(), QLocale::ShortFormat);
        return tr("%1\n%2\nLast message: %3").arg(qs(c.title), QFileInfo(qs(c.modelPath)).fileName(), when);
    }
    if (role == Qt::UserRole) return qint64(c.id);
    return {};
}

void ConversationListModel::refresh(const QString& search) {
    m_search = search;
    beginResetModel();
    auto list = m_store.conversations(search.toStdString());
    if (list) {
        m_rows = std::move(*list);
        m_error.clear();
    } else {
        m_rows.clear();
        m_error = qs(list.message());
    }
    endResetModel();
}

qint64 ConversationListModel::idAt(int row) const { return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].id : 0; }

int ConversationListModel::rowOf(qint64 id) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id) return int(i);
    return -1;
}

// ----------------------------------------------------------------------------------------------------

NoticeBar::NoticeBar(QWidget* parent) : QWidget(parent) {
    auto* h = new QHBoxLayout(this);
    h->setContentsMargins(8, 4, 4, 4);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action = new QPushButton(this);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Dismiss"));
    close->setAutoRaise(true);
    h->addWidget(m_text, 1);
    h->addWidget(m_action);
    h->addWidget(close);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xfd, 0xf0, 0xd5));
    p.setColor(QPalette::WindowText, QColor(0x5a, 0x3b, 0x00));
    setPalette(p);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_action, &QPushButton::clicked, this, [this] {
        auto f = m_onAction;
        hide();
        if (f) f();
    });
    hide();
}

void NoticeBar::show(const QString& text, const QString& action, std::function<void()> onAction) {
    if (text.isEmpty()) {
        hide();
        return;
    }
    m_text->setText(text);
    m_action->setText(action);
    m_action->setVisible(!action.isEmpty());
    m_onAction = std::move(onAction);
    QWidget::show();
}

QString NoticeBar::text() const { return isVisibleTo(parentWidget()) ? m_text->text() : QString(); }

// ----------------------------------------------------------------------------------------------------

ChatPage::ChatPage(Settings& settings, Library& library, ChatController& chat, qd::ConversationStore& history, QWidget* parent)
    : QWidget(parent), m_settings(settings), m_library(library), m_chat(chat), m_store(history) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(8, 8, 8, 8);

    // Model bar
    auto* bar = new QHBoxLayout;
    m_modelBox = new QComboBox(this);
    m_modelBox->setMinimumContentsLength(30);
    m_modelBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_modelBox->setToolTip(tr("The model to chat with: the runnable GGUF files of the library"));
    m_modelBox->setModel(new QStandardItemModel(m_modelBox));
    m_load = new QPushButton(tr("Load"), this);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long line (a GPU's full name) is cut by the window, never widens it; the tooltip has it whole.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setMinimumWidth(120);
    m_loadBar = new QProgressBar(this);
    m_loadBar->setMaximumWidth(160);
    m_loadBar->setTextVisible(false);
    m_loadBar->hide();
    m_sideBySide = new QToolButton(this);
    m_sideBySide->setText(tr("Side by side"));
    m_sideBySide->setCheckable(true);
    m_sideBySide->setToolTip(tr("Send one prompt to several variants and compare the answers"));
    m_showSettings = new QToolButton(this);
    m_showSettings->setText(tr("Settings"));
    m_showSettings->setCheckable(true);
    m_showSettings->setChecked(true);
    m_modelLabel = new QLabel(tr("Model:"), this);
    bar->addWidget(m_modelLabel);
    bar->addWidget(m_modelBox, 2);
    bar->addWidget(m_load);
    bar->addWidget(m_loadBar);
    bar->addWidget(m_status, 3);
    bar->addStretch(1);
    bar->addWidget(m_sideBySide);
    bar->addWidget(m_showSettings);
    v->addLayout(bar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    v->addWidget(m_splitter, 1);

    // History
    auto* left = new QWidget(m_splitter);
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 6, 0);
    auto* newChat = new QPushButton(tr("New chat"), left);
    newChat->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    newChat->setToolTip(tr("Start a new conversation (Ctrl+N)"));
    m_search = new QLineEdit(left);
    m_search->setPlaceholderText(tr("Search conversations"));
    m_search->setClearButtonEnabled(true);
    m_list = new QListView(left);
    m_conversations = new ConversationListModel(m_store, this);
    m_list->setModel(m_conversations);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setToolTip(tr("Right-click a conversation to rename, export or delete it"));
    lv->addWidget(newChat);
    lv->addWidget(m_search);
    lv->addWidget(m_list, 1);

    // Conversation
    m_center = new QStackedWidget(m_splitter);
    auto* chatPane = new QWidget(m_center);
    auto* cv = new QVBoxLayout(chatPane);
    cv->setContentsMargins(0, 0, 0, 0);
    m_view = new ChatView(chatPane);
    m_view->setPlaceholder(tr("Choose a model above, type a message below and press Enter.").toHtmlEscaped() +
                           QStringLiteral("<br><br>") +
                           tr("Answers appear as they are written; Stop keeps what was written so far. Regenerate and Edit "
                              "keep the earlier versions (‹ › switches between them). The settings on the right apply to the "
                              "next answer.")
                               .toHtmlEscaped());
    m_notice = new NoticeBar(chatPane);
    m_editBanner = new QLabel(chatPane);
    m_editBanner->setWordWrap(true);
    m_editBanner->setStyleSheet(QStringLiteral("background:#e3eefc; padding:4px"));
    m_editBanner->hide();
    m_input = new QPlainTextEdit(chatPane);
    m_input->setPlaceholderText(tr("Message (Enter sends, Shift+Enter starts a new line)"));
    m_input->setMaximumHeight(110);
    m_input->installEventFilter(this);
    m_send = new QPushButton(tr("Send"), chatPane);
    m_send->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), chatPane);
    m_stop->setToolTip(tr("Stop the answer; what it wrote so far stays (Esc)"));
    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    inputRow->addLayout(buttons);
    m_meter = new QProgressBar(chatPane);
    m_meter->setRange(0, 1);
    m_meter->setValue(0);
    m_meter->setMaximumHeight(16);
    m_meter->setTextVisible(true);
    m_meter->setFormat(tr("Context: no model loaded"));
    m_meter->setToolTip(tr("Everything the model sees at once: system prompt, history and the answer so far. When it fills, "
                           "the oldest turns leave the context (the system prompt stays) and the conversation marks where."));
    cv->addWidget(m_view, 1);
    cv->addWidget(m_notice);
    cv->addWidget(m_editBanner);
    cv->addLayout(inputRow);
    cv->addWidget(m_meter);
    m_center->addWidget(chatPane);
    m_arena = new ArenaView(settings, library, chat, history, m_center);
    m_center->addWidget(m_arena);

    m_settingsPanel = new ChatSettingsPanel(settings, m_splitter);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_center);
    m_splitter->addWidget(m_settingsPanel);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({220, 700, 300});
    if (!m_settings.bytes(Settings::Key::ChatSplitter).isEmpty()) m_splitter->restoreState(m_settings.bytes(Settings::Key::ChatSplitter));
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this] { m_settings.setBytes(Settings::Key::ChatSplitter, m_splitter->saveState()); });

    // Wiring
    connect(m_load, &QPushButton::clicked, this, [this] {
        if (loadedModel() && loadedModel()->path == selectedModel() && m_load->text() == tr("Unload")) unload();
        else loadSelected();
    });
    connect(m_modelBox, &QComboBox::currentIndexChanged, this, [this] { updateStatus(); updateButtons(); });
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    connect(m_stop, &QPushButton::clicked, this, &ChatPage::stop);
    connect(newChat, &QPushButton::clicked, this, &ChatPage::newChat);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_conversations->refresh(t);
        const int row = m_conversations->rowOf(m_conversation);
        if (row >= 0) m_list->setCurrentIndex(m_conversations->index(row));
    });
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex& i) { openConversation(m_conversations->idAt(i.row())); });
    connect(m_list, &QListView::customContextMenuRequested, this, &ChatPage::showHistoryMenu);
    connect(m_view, &ChatView::regenerateRequested, this, &ChatPage::regenerate);
    connect(m_view, &ChatView::editRequested, this, &ChatPage::startEdit);
    connect(m_view, &ChatView::siblingRequested, this, &ChatPage::showSibling);
    connect(m_settingsPanel, &ChatSettingsPanel::changed, this, [this] { updateStatus(); recountContext(); });
    connect(m_settingsPanel, &ChatSettingsPanel::previewRequested, this, &ChatPage::showPreview);
    connect(m_showSettings, &QToolButton::toggled, m_settingsPanel, &QWidget::setVisible);
    connect(m_sideBySide, &QToolButton::toggled, this, &ChatPage::setSideBySide);
    connect(m_input, &QPlainTextEdit::textChanged, this, &ChatPage::updateButtons);
    connect(&m_library, &Library::scanFinished, this, &ChatPage::refreshModels);
    connect(&m_library, &Library::entriesArrived, this, &ChatPage::refreshModels);
    connect(&m_chat, &ChatController::loaded, this, [this](const QString& path) {
        if (path != m_modelPath) return;
        m_loadJob = 0;
        m_loadBar->hide();
        m_notice->hide();
        if (auto m = loadedModel()) {
            m_settingsPanel->setModelContext(int(m->model->config().contextLength));
            // Asked for GPU layers and got fewer: say why, once, where the person looks.
            if (!m->gpuNote.isEmpty())
                m_notice->show(m->gpuLayers == 0 ? tr("No layer runs on the GPU: %1").arg(m->gpuNote)
                                                 : tr("%1 of %2 layers run on the GPU: %3").arg(m->gpuLayers).arg(m->layers).arg(m->gpuNote));
        }
        updateStatus();
        updateButtons();
        recountContext();
        emit modelReady(path);
        if (m_sendAfterLoad) {
            m_sendAfterLoad = false;
            send();
        }
    });
    connect(&m_chat, &ChatController::loadFailed, this, [this](const QString& path, const QString& message, const QString&) {
        if (path != m_modelPath) return;
        m_loadJob = 0;
        m_sendAfterLoad = false;
        m_loadBar->hide();
        m_modelPath.clear();
        m_notice->show(message);
        updateStatus();
        updateButtons();
        emit modelFailed(message);
    });
    connect(&m_chat.jobs(), &JobRunner::jobChanged, this, [this](int id) {
        if (id != m_loadJob) return;
        if (const JobRecord* r = m_chat.jobs().job(id)) {
            m_loadBar->setRange(0, 1000);
            m_loadBar->setValue(int(r->fraction() * 1000));
            m_loadBar->setToolTip(r->stage);
        }
    });

    refreshModels();
    m_conversations->refresh();
    if (!m_conversations->error().isEmpty()) m_notice->show(tr("The conversation history cannot be read: %1").arg(m_conversations->error()));
    selectModel(m_settings.value(Settings::Key::ChatModel).toString());
    updateStatus();
    updateButtons();
}

ChatPage::~ChatPage() {
    // An answer still streaming: keep what it wrote, and stop it.
    if (m_stream) {
        keepPartialAnswer();
        m_chat.stop(*m_stream);
        disconnect(m_stream.get(), nullptr, this, nullptr);
        m_stream.reset();
    }
}

// ---- models -----------------------------------------------------------------------------------------

void ChatPage::refreshModels() {
    const QString keep = selectedModel().isEmpty() ? m_settings.value(Settings::Key::ChatModel).toString() : selectedModel();
    auto* model = static_cast<QStandardItemModel*>(m_modelBox->model());
    const QSignalBlocker block(m_modelBox);
    model->clear();
    const auto choices = chatModelChoices(*m_library.model());
    for (const auto& c : choices) {
        auto* item = new QStandardItem(c.reason.isEmpty() ? c.label : tr("%1 — cannot run: %2").arg(c.label, c.reason));
        item->setData(c.path, Qt::UserRole);
        item->setToolTip(c.reason.isEmpty() ? c.path : tr("%1\nQuantDesk cannot run it: %2").arg(c.path, c.reason));
        if (!c.reason.isEmpty()) item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        model->appendRow(item);
    }
    if (choices.isEmpty()) {
        auto* item = new QStandardItem(tr("No models in the library yet: add a folder on the Models page"));
        item->setFlags(Qt::NoItemFlags);
        model->appendRow(item);
    }
    if (!selectModel(keep)) {
        for (int i = 0; i < model->rowCount(); ++i)
            if (model->item(i)->isEnabled()) {
                m_modelBox->setCurrentIndex(i);
                break;
            }
    }
    m_arena->refreshModels();
    if (!m_pendingModel.isEmpty() && selectModel(m_pendingModel)) {
        m_pendingModel.clear();
        loadSelected();
    }
    updateStatus();
    updateButtons();
}

void ChatPage::chatWith(const QString& path) {
    if (selectModel(path)) {
        m_pendingModel.clear();
        loadSelected();
        return;
    }
    m_pendingModel = path;
}

void ChatPage::compareSideBySide(const QStringList& paths) {
    setSideBySide(true);
    m_arena->setVariants(paths);
}

QString ChatPage::selectedModel() const { return m_modelBox->currentData(Qt::UserRole).toString(); }

bool ChatPage::selectModel(const QString& path) {
    if (path.isEmpty()) return false;
    const int i = m_modelBox->findData(path, Qt::UserRole);
    if (i < 0) return false;
    auto* model = static_cast<QStandardItemModel*>(m_modelBox->model());
    if (!model->item(i)->isEnabled()) return false;
    m_modelBox->setCurrentIndex(i);
    return true;
}

ChatModelPtr ChatPage::loadedModel() const { return m_modelPath.isEmpty() ? nullptr : m_chat.model(m_modelPath); }

void ChatPage::loadSelected() {
    const QString path = selectedModel();
    if (path.isEmpty()) {
        m_notice->show(tr("Choose a model first. The Models page adds folders to the library."));
        return;
    }
    if (m_stream && path != m_modelPath) stop();  // the partial answer stays, marked stopped
    if (!m_modelPath.isEmpty() && m_modelPath != path && m_chat.isLoading(m_modelPath)) m_chat.cancelLoad(m_modelPath);
    m_modelPath = path;
    m_settings.setValue(Settings::Key::ChatModel, path);
    const ChatSettings s = m_settingsPanel->chatSettings();
    m_notice->hide();
    m_loadJob = m_chat.load(path, s.load);
    if (m_loadJob) {
        m_loadBar->setRange(0, 0);
        m_loadBar->show();
    }
    updateStatus();
    updateButtons();
}

void ChatPage::unload() {
    if (m_stream) stop();
    if (!m_modelPath.isEmpty()) m_chat.unload(m_modelPath);
    m_modelPath.clear();
    updateStatus();
    updateButtons();
}

void ChatPage::updateStatus() {
    const auto m = loadedModel();
    const ChatSettings s = m_settingsPanel->chatSettings();
    if (!m_modelPath.isEmpty() && m_chat.isLoading(m_modelPath)) {
        m_status->setText(tr("Loading %1…").arg(QFileInfo(m_modelPath).fileName()));
        m_status->setToolTip(QString());
        m_load->setText(tr("Load"));
    } else if (m) {
        const bool stale = m->options != s.load;
        // Where the layers run comes right after the file: it is what a person checks after choosing a GPU.
        QString where;
        if (m->gpuLayers > 0) where = tr("%1 of %2 layers on the GPU").arg(m->gpuLayers).arg(m->layers);
        else if (m->options.gpuLayers != 0) where = tr("CPU only");
        const QString context = QLocale().toString(m->context), memory = formatSize(m->memoryBytes);
        QString text = where.isEmpty()
                           ? tr("%1 · %2 · context %3 · %4 threads · %5").arg(m->name, m->fileType, context).arg(m->threads).arg(memory)
                           : tr("%1 · %2 · %3 · context %4 · %5 threads · %6").arg(m->name, m->fileType, where, context).arg(m->threads).arg(memory);
        // First, so a narrow window does not cut it off.
        if (stale) text = tr("Settings changed: Reload to apply — %1").arg(text);
        m_status->setText(text);
        m_status->setToolTip(m->backends.isEmpty() ? text : tr("%1\nRuns on %2").arg(text, m->backends));
        m_load->setText(m->path == selectedModel() && !stale ? tr("Unload") : (m->path == selectedModel() ? tr("Reload") : tr("Load")));
    } else {
        m_status->setText(tr("No model loaded"));
        m_status->setToolTip(QString());
        m_load->setText(tr("Load"));
    }
}

void ChatPage::updateButtons() {
    const bool busy = m_stream != nullptr;
    m_send->setEnabled(!busy && !m_input->toPlainText().trimmed().isEmpty() && (loadedModel() || !selectedModel().isEmpty()));
    m_stop->setEnabled(busy);
    m_load->setEnabled(!selectedModel().isEmpty());
    m_view->setActionsEnabled(!busy && loadedModel() != nullptr);
}

void ChatPage::updateMeter(int tokens, int context) {
    m_meter->setRange(0, std::max(1, context));
    m_meter->setValue(std::min(tokens, std::max(1, context)));
    m_meter->setFormat(tr("%1 of %2 tokens in the context").arg(QLocale().toString(tokens), QLocale().toString(context)));
    m_meter->setTextVisible(true);
}

int ChatPage::recountContext() {
    const auto m = loadedModel();
    if (!m || m_stream) return 0;
    // The tokenizer and template are only read: an answer in another page may use the model meanwhile.
    auto p = m->prompt(m_settingsPanel->chatSettings(), historyBefore(0), {});
    if (!p) return 0;
    updateMeter(m_branch.empty() ? 0 : p->tokens, m->context);
    return p->firstKept;
}

// ---- conversation -----------------------------------------------------------------------------------

void ChatPage::warnStore(const qd::Error& e) {
    m_notice->show(tr("The conversation history could not be written: %1").arg(qs(e.message)));
}

void ChatPage::reloadBranch(int firstInContext) {
    m_branch.clear();
    if (m_conversation) {
        auto b = m_store.branch(m_conversation);
        if (!b) warnStore(b.error());
        else m_branch = std::move(*b);
    }
    QList<ChatViewMessage> shown;
    for (const auto& msg : m_branch) {
        ChatViewMessage v;
        v.id = msg.id;
        v.role = qs(msg.role);
        v.content = qs(msg.content);
        v.stopped = msg.stopped;
        const QJsonObject details = parseObject(msg.details);
        if (msg.role == "user") v.author = tr("You");
        else v.author = details.value("model").toString().isEmpty() ? tr("Assistant") : details.value("model").toString();
        v.figures = answerFigures(details);
        v.error = details.value("error").toString();
        if (auto sib = m_store.siblings(msg.id); sib && sib->size() > 1) {
            v.siblings = int(sib->size());
            for (size_t i = 0; i < sib->size(); ++i)
                if ((*sib)[i].id == msg.id) v.sibling = int(i) + 1;
        }
        shown.append(v);
    }
    // One rendering of the prompt gives both the meter and where the model's view begins.
    const int firstKept = recountContext();
    m_view->setMessages(shown, firstInContext < 0 ? firstKept : firstInContext);
}

void ChatPage::newChat() {
    if (m_stream) stop();
    cancelEdit();
    m_conversation = 0;
    m_branch.clear();
    m_view->setMessages({});
    m_list->clearSelection();
    updateMeter(0, loadedModel() ? loadedModel()->context : 1);
    m_input->setFocus();
}

void ChatPage::openConversation(qint64 id) {
    if (id == m_conversation && id) return;
    if (m_stream) stop();
    cancelEdit();
    auto c = m_store.conversation(id);
    if (!c || !*c) return;
    m_conversation = id;
    const QJsonObject settings = parseObject((*c)->settings);
    if (!settings.isEmpty()) m_settingsPanel->setChatSettings(ChatSettings::fromJson(settings));
    const QString model = qs((*c)->modelPath);
    reloadBranch();
    const int row = m_conversations->rowOf(id);
    if (row >= 0) m_list->setCurrentIndex(m_conversations->index(row));
    if (!model.isEmpty() && model != m_modelPath) {
        if (selectModel(model))
            m_notice->show(tr("This conversation was with %1.").arg(QFileInfo(model).fileName()), tr("Load it"),
                           [this] { loadSelected(); });
        else
            m_notice->show(tr("This conversation was with %1, which is not in the library now.").arg(QFileInfo(model).fileName()));
    }
}

bool ChatPage::ensureConversation(const QString& firstMessage) {
    const QString settings = QString::fromUtf8(QJsonDocument(m_settingsPanel->chatSettings().toJson()).toJson(QJsonDocument::Compact));
    if (m_conversation) {
        if (auto s = m_store.setSettings(m_conversation, m_modelPath.toStdString(), settings.toStdString()); !s) warnStore(s.error());
        return true;
    }
    auto id = m_store.createConversation(titleFrom(firstMessage).toStdString(), m_modelPath.toStdString(), settings.toStdString());
    if (!id) {
        warnStore(id.error());
        return false;
    }
    m_conversation = *id;
    m_conversations->refresh(m_search->text());
    const int row = m_conversations->rowOf(m_conversation);
    if (row >= 0) m_list->setCurrentIndex(m_conversations->index(row));
    return true;
}

std::vector<qd::ChatMessage> ChatPage::historyBefore(qint64 message) const {
    std::vector<qd::ChatMessage> out;
    for (const auto& m : m_branch) {
        if (m.id == message) break;
        out.push_back({m.role, m.content});
    }
    return out;
}

void ChatPage::send(const QString& given) {
    if (m_stream) return;
    const QString text = given.isEmpty() ? m_input->toPlainText().trimmed() : given;
    if (text.isEmpty()) return;
    if (!loadedModel()) {
        // Load the chosen model first, then send.
        if (selectedModel().isEmpty()) {
            m_notice->show(tr("Choose a model first. The Models page adds folders to the library."));
            return;
        }
        if (!given.isEmpty()) m_input->setPlainText(given);
        m_sendAfterLoad = true;
        if (m_modelPath != selectedModel() || !m_chat.isLoading(m_modelPath)) loadSelected();
        return;
    }
    qint64 parent = m_branch.empty() ? 0 : m_branch.back().id;
    std::vector<qd::ChatMessage> history = historyBefore(0);
    if (m_editing) {
        // The edited question becomes a sibling of the old one: both stay, with their answers.
        for (const auto& m : m_branch)
            if (m.id == m_editing) parent = m.parentId;
        history = historyBefore(m_editing);
    } else if (!m_branch.empty() && m_branch.back().role == "user") {
        // The last question never got an answer (it failed): answer a fresh copy of it after it.
        parent = m_branch.back().id;
    }
    if (!ensureConversation(text)) return;
    auto id = m_store.addMessage(m_conversation, parent, "user", text.toStdString());
    if (!id) {
        warnStore(id.error());
        return;
    }
    m_input->clear();
    cancelEdit();
    reloadBranch(0);
    startAnswer(*id, history, text);
}

void ChatPage::startAnswer(qint64 question, const std::vector<qd::ChatMessage>& history, const QString& text) {
    const auto m = loadedModel();
    if (!m) return;
    AnswerRequest request;
    request.model = m;
    request.history = history;
    request.user = text.toStdString();
    request.settings = m_settingsPanel->chatSettings();
    m_answerParent = question;
    m_notice->hide();
    m_stream = m_chat.answer(std::move(request));
    connect(m_stream.get(), &AnswerStream::started, this, [this](int promptTokens, int firstKept, int context) {
        m_promptTokens = promptTokens;
        updateMeter(promptTokens, context);
        if (firstKept > 0) {
            // Show where the model's view now begins.
            QList<ChatViewMessage> shown = m_view->messages();
            m_view->setMessages(shown, firstKept);
            m_view->beginAnswer(loadedModel() ? loadedModel()->name : tr("Assistant"));
        }
    });
    connect(m_stream.get(), &AnswerStream::piece, this, [this](const QString& text, int generated) {
        m_view->appendAnswer(text);
        // QProgressBar repaints at once on every change: twice a second is enough for a meter, and the
        // GUI thread then takes less time from the engine's threads while it streams.
        if (!m_meterClock.isValid() || m_meterClock.elapsed() >= 500) {
            m_meterClock.start();
            updateMeter(m_promptTokens + generated, m_meter->maximum());
        }
        emit answerPiece(text);
    });
    connect(m_stream.get(), &AnswerStream::finished, this, &ChatPage::onFinished);
    m_view->beginAnswer(m->name);
    updateButtons();
    emit answerStarted();
}

void ChatPage::keepPartialAnswer() {
    if (!m_stream || !m_conversation || !m_answerParent) return;
    const QString partial = m_view->streamedText();
    if (partial.isEmpty()) return;
    QJsonObject details;
    if (auto m = loadedModel()) {
        details["model"] = m->name;
        details["file_type"] = m->fileType;
        details["model_path"] = m->path;
    }
    if (auto id = m_store.addMessage(m_conversation, m_answerParent, "assistant", partial.toStdString(),
                                     QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString(), true);
        !id)
        warnStore(id.error());
}

void ChatPage::onFinished(const AnswerResult& result) {
    const QString streamed = m_view->streamedText();
    m_stream.reset();
    const qint64 parent = m_answerParent;
    m_answerParent = 0;
    if (result.ok) {
        QJsonObject details = result.details;
        auto id = m_store.addMessage(m_conversation, parent, "assistant", result.text.toStdString(),
                                     QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString(), result.stopped);
        if (!id) warnStore(id.error());
        reloadBranch(result.firstKept);
        updateMeter(result.promptTokens + result.generatedTokens, result.contextLength);
    } else {
        // Whatever was written before the failure stays, marked stopped, with the error beside it.
        if (!streamed.isEmpty()) {
            QJsonObject details;
            details["error"] = result.error;
            if (auto m = loadedModel()) {
                details["model"] = m->name;
                details["file_type"] = m->fileType;
            }
            if (auto id = m_store.addMessage(m_conversation, parent, "assistant", streamed.toStdString(),
                                             QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString(), true);
                !id)
                warnStore(id.error());
        }
        reloadBranch();
        if (result.templateFailed) {
            m_notice->show(result.error, tr("Use the built-in ChatML template"), [this, parent] {
                ChatSettings s = m_settingsPanel->chatSettings();
                s.templateName = QStringLiteral("chatml");
                m_settingsPanel->setChatSettings(s);
                for (const auto& m : m_branch)
                    if (m.id == parent) startAnswer(parent, historyBefore(parent), qs(m.content));
            });
        } else {
            m_notice->show(result.error, tr("Try again"), [this, parent] {
                for (const auto& m : m_branch)
                    if (m.id == parent && loadedModel()) startAnswer(parent, historyBefore(parent), qs(m.content));
            });
        }
    }
    m_conversations->refresh(m_search->text());
    const int row = m_conversations->rowOf(m_conversation);
    if (row >= 0) m_list->setCurrentIndex(m_conversations->index(row));
    updateButtons();
    emit answerFinished(result);
}

void ChatPage::stop() {
    if (m_stream) m_chat.stop(*m_stream);
}

void ChatPage::regenerate(qint64 answer) {
    if (m_stream || !loadedModel()) return;
    for (const auto& m : m_branch) {
        if (m.id != answer || m.role != "assistant") continue;
        const qint64 question = m.parentId;
        for (const auto& q : m_branch) {
            if (q.id != question) continue;
            // Show the branch up to the question while the new version is written; the old one stays.
            QList<ChatViewMessage> shown;
            for (const auto& v : m_view->messages()) {
                shown.append(v);
                if (v.id == question) break;
            }
            m_view->setMessages(shown);
            startAnswer(question, historyBefore(question), qs(q.content));
            return;
        }
    }
}

void ChatPage::startEdit(qint64 question) {
    if (m_stream) return;
    for (const auto& m : m_branch) {
        if (m.id != question || m.role != "user") continue;
        m_editing = question;
        m_input->setPlainText(qs(m.content));
        m_editBanner->setText(tr("Editing a message: Send makes a new version of it and answers that; the old version and "
                                 "its answers stay (‹ › switches between them). Esc cancels."));
        m_editBanner->show();
        m_input->setFocus();
        m_input->moveCursor(QTextCursor::End);
        return;
    }
}

void ChatPage::cancelEdit() {
    if (!m_editing) return;
    m_editing = 0;
    m_editBanner->hide();
}

void ChatPage::showSibling(qint64 message, int delta) {
    if (m_stream) return;
    auto sib = m_store.siblings(message);
    if (!sib) return;
    for (size_t i = 0; i < sib->size(); ++i) {
        if ((*sib)[i].id != message) continue;
        const long target = long(i) + delta;
        if (target < 0 || target >= long(sib->size())) return;
        if (auto s = m_store.selectBranch((*sib)[size_t(target)].id); !s) warnStore(s.error());
        reloadBranch();
        return;
    }
}

bool ChatPage::renameConversation(qint64 id, const QString& title) {
    if (title.trimmed().isEmpty()) return false;
    if (auto s = m_store.rename(id, title.trimmed().toStdString()); !s) {
        warnStore(s.error());
        return false;
    }
    m_conversations->refresh(m_search->text());
    return true;
}

bool ChatPage::deleteConversation(qint64 id) {
    if (id == m_conversation && m_stream) stop();
    if (auto s = m_store.remove(id); !s) {
        warnStore(s.error());
        return false;
    }
    if (id == m_conversation) {
        m_conversation = 0;
        newChat();
    }
    m_conversations->refresh(m_search->text());
    return true;
}

bool ChatPage::exportConversation(qint64 id, const QString& file) {
    std::string text;
    if (file.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        auto j = m_store.exportJson(id);
        if (!j) {
            warnStore(j.error());
            return false;
        }
        text = j->dump(2) + "\n";
    } else {
        auto md = m_store.exportMarkdown(id);
        if (!md) {
            warnStore(md.error());
            return false;
        }
        text = *md;
    }
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    if (auto s = qd::writeFileAtomically(file.toStdString(), std::span(bytes, text.size())); !s) {
        m_notice->show(tr("The conversation could not be exported: %1").arg(qs(s.message())));
        return false;
    }
    return true;
}

void ChatPage::showHistoryMenu(const QPoint& at) {
    const QModelIndex index = m_list->indexAt(at);
    if (!index.isValid()) return;
    const qint64 id = m_conversations->idAt(index.row());
    const QString title = index.data().toString();
    QMenu menu(this);
    menu.addAction(tr("Rename…"), this, [this, id, title] {
        bool ok = false;
        const QString t = QInputDialog::getText(this, tr("Rename conversation"), tr("Title:"), QLineEdit::Normal, title, &ok);
        if (ok) renameConversation(id, t);
    });
    auto exportAs = [this, id, title](const QString& filter, const QString& suffix) {
        QString name = title;
        name.replace(QRegularExpression(QStringLiteral("[^\\w\\- ]")), QStringLiteral("_"));
        const QString file = QFileDialog::getSaveFileName(this, tr("Export conversation"), QDir::home().filePath(name + suffix), filter);
        if (!file.isEmpty()) exportConversation(id, file);
    };
    menu.addAction(tr("Export as Markdown…"), this, [exportAs] { exportAs(tr("Markdown (*.md)"), QStringLiteral(".md")); });
    menu.addAction(tr("Export as JSON…"), this, [exportAs] { exportAs(tr("JSON (*.json)"), QStringLiteral(".json")); });
    menu.addSeparator();
    menu.addAction(tr("Delete…"), this, [this, id, title] {
        if (QMessageBox::question(this, tr("Delete conversation"),
                                  tr("Delete \"%1\" with all its messages and versions? This cannot be undone.").arg(title)) ==
            QMessageBox::Yes)
            deleteConversation(id);
    });
    menu.exec(m_list->viewport()->mapToGlobal(at));
}

Result<ChatModel::Prompt> ChatPage::previewPrompt() const {
    const auto m = loadedModel();
    if (!m) return qd::fail("load a model to see the prompt it is given");
    const std::vector<qd::ChatMessage> history = historyBefore(m_editing);
    QString next = m_input->toPlainText().trimmed();
    if (next.isEmpty()) next = tr("(your next message)");
    return m->prompt(m_settingsPanel->chatSettings(), history, next.toStdString());
}

void ChatPage::showPreview() {
    auto p = previewPrompt();
    if (!p) {
        m_notice->show(tr("No preview: %1").arg(qs(p.message())));
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("The prompt the model sees"));
    auto* v = new QVBoxLayout(&dialog);
    auto* info = new QLabel(tr("%1 tokens, with %2. Special tokens are shown as text.")
                                .arg(QLocale().toString(p->tokens), p->templateNote),
                            &dialog);
    info->setWordWrap(true);
    auto* text = new QPlainTextEdit(&dialog);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setPlainText(p->text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    v->addWidget(info);
    v->addWidget(text, 1);
    v->addWidget(buttons);
    dialog.resize(720, 480);
    dialog.exec();
}

void ChatPage::setSideBySide(bool on) {
    if (m_sideBySide->isChecked() != on) m_sideBySide->setChecked(on);
    m_center->setCurrentIndex(on ? 1 : 0);
    m_arena->setChatSettings(m_settingsPanel->chatSettings());
    m_list->parentWidget()->setVisible(!on);
    // The arena chooses its own files; the single model's bar would only mislead.
    for (QWidget* w : {static_cast<QWidget*>(m_modelLabel), static_cast<QWidget*>(m_modelBox), static_cast<QWidget*>(m_load),
                       static_cast<QWidget*>(m_status)})
        w->setVisible(!on);
    if (on) m_loadBar->hide();
}

bool ChatPage::isSideBySide() const { return m_center->currentIndex() == 1; }

bool ChatPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_input) {
        switch (chatInputKey(event)) {
            case ChatInputKey::Send: send(); return true;
            case ChatInputKey::Escape:
                if (m_stream) stop();
                else cancelEdit();
                return true;
            case ChatInputKey::None: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace qd::ui
