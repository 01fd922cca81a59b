// The Chat page: talk to a model from the library on QuantDesk's engine, or put several side by side.
//
//   [model ▾] [Load] status                                   [Side by side] [Settings]
//   history (search, list) | conversation (ChatView), notice, input, context meter | settings panel
//
// Loading and answering are jobs of the one JobRunner (through the ChatController); the page only
// reacts to their signals. Every message, version, setting and figure goes to the conversation
// history (SQLite) the moment it exists, so a crash, a restart, a failed answer or switching model
// loses nothing that was on screen.
#pragma once

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <vector>

#include "core/chat/conversation_store.h"
#include "ui/chat_engine.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace qd::ui {

class ArenaView;
class ChatSettingsPanel;
class ChatView;
class Library;
class ModelListModel;
class Settings;

// A file the chat can offer: runnable, or with the reason it is not.
struct ChatModelChoice {
    QString path;
    QString label;    // "SmolLM2 135M · Q4_1 · 92 MiB"
    QString fileType;
    QString reason;   // empty when it runs
};
QList<ChatModelChoice> chatModelChoices(const ModelListModel& models);

// The conversations of the history, newest first, filtered by a search text.
class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit ConversationListModel(qd::ConversationStore& store, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    void refresh(const QString& search = {});
    qint64 idAt(int row) const;
    int rowOf(qint64 id) const;
    QString error() const { return m_error; }

private:
    qd::ConversationStore& m_store;
    std::vector<qd::StoredConversation> m_rows;
    QString m_search;
    QString m_error;
};

// A line above the input for what went wrong or needs a decision, with an optional action button.
class NoticeBar : public QWidget {
    Q_OBJECT
public:
    explicit NoticeBar(QWidget* parent = nullptr);
    void show(const QString& text, const QString& action = {}, std::function<void()> onAction = {});
    QString text() const;
    QPushButton* actionButton() const { return m_action; }

private:
    QLabel* m_text = nullptr;
    QPushButton* m_action = nullptr;
    std::function<void()> m_onAction;
};

class ChatPage : public QWidget {
    Q_OBJECT
public:
    ChatPage(Settings& settings, Library& library, ChatController& chat, qd::ConversationStore& history,
             QWidget* parent = nullptr);
    ~ChatPage() override;

    // The model chosen in the picker, loaded or not.
    QString selectedModel() const;
    bool selectModel(const QString& path);
    // Loads the chosen model with the settings' context and threads.
    void loadSelected();
    // Chooses `path` and loads it; a file the library is still reading is chosen once it is listed.
    void chatWith(const QString& path);
    // Side by side on these files.
    void compareSideBySide(const QStringList& paths);
    void unload();
    ChatModelPtr loadedModel() const;

    // The conversation on screen (0: a new one not stored yet).
    qint64 conversationId() const { return m_conversation; }
    void openConversation(qint64 id);
    void newChat();
    // Sends `text` (or the input's text) as the next message, or as the edited version when editing.
    void send(const QString& text = {});
    void stop();
    void regenerate(qint64 answer);
    void startEdit(qint64 question);
    void cancelEdit();
    void showSibling(qint64 message, int delta);
    bool renameConversation(qint64 id, const QString& title);
    bool deleteConversation(qint64 id);  // no question asked: the menu asks first
    bool exportConversation(qint64 id, const QString& file);  // .json: JSON, otherwise Markdown
    // The exact prompt the model would see for the conversation plus the input's text.
    Result<ChatModel::Prompt> previewPrompt() const;
    void setSideBySide(bool on);
    bool isSideBySide() const;

    bool isAnswering() const { return m_stream != nullptr; }
    ChatView* view() const { return m_view; }
    QPlainTextEdit* input() const { return m_input; }
    QPushButton* sendButton() const { return m_send; }
    QPushButton* stopButton() const { return m_stop; }
    QPushButton* loadButton() const { return m_load; }
    QComboBox* modelBox() const { return m_modelBox; }
    QLabel* statusLabel() const { return m_status; }
    QProgressBar* contextMeter() const { return m_meter; }
    NoticeBar* notice() const { return m_notice; }
    ChatSettingsPanel* settingsPanel() const { return m_settingsPanel; }
    ConversationListModel* conversations() const { return m_conversations; }
    QLineEdit* searchBox() const { return m_search; }
    ArenaView* arena() const { return m_arena; }
    const std::vector<qd::StoredMessage>& branch() const { return m_branch; }

signals:
    void answerStarted();
    // A streamed piece arrived (the view has it).
    void answerPiece(const QString& text);
    void answerFinished(const qd::ui::AnswerResult& result);
    void modelReady(const QString& path);
    void modelFailed(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refreshModels();
    void updateStatus();
    void updateButtons();
    void updateMeter(int tokens, int context);
    // Updates the context meter for the branch on screen; returns the first message still in the context.
    int recountContext();
    void reloadBranch(int firstInContext = -1);
    void startAnswer(qint64 question, const std::vector<qd::ChatMessage>& history, const QString& text);
    void onFinished(const AnswerResult& result);
    void keepPartialAnswer();
    // The branch as the model is given it, up to (without) `message`; 0: the whole branch.
    std::vector<qd::ChatMessage> historyBefore(qint64 message) const;
    bool ensureConversation(const QString& firstMessage);
    void showHistoryMenu(const QPoint& at);
    void showPreview();
    void warnStore(const qd::Error& e);

    Settings& m_settings;
    Library& m_library;
    ChatController& m_chat;
    qd::ConversationStore& m_store;

    QLabel* m_modelLabel = nullptr;
    QComboBox* m_modelBox = nullptr;
    QPushButton* m_load = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_loadBar = nullptr;
    QToolButton* m_sideBySide = nullptr;
    QToolButton* m_showSettings = nullptr;
    QSplitter* m_splitter = nullptr;
    QLineEdit* m_search = nullptr;
    QListView* m_list = nullptr;
    ConversationListModel* m_conversations = nullptr;
    QStackedWidget* m_center = nullptr;
    ChatView* m_view = nullptr;
    NoticeBar* m_notice = nullptr;
    QLabel* m_editBanner = nullptr;
    QPlainTextEdit* m_input = nullptr;
    QPushButton* m_send = nullptr;
    QPushButton* m_stop = nullptr;
    QProgressBar* m_meter = nullptr;
    ChatSettingsPanel* m_settingsPanel = nullptr;
    ArenaView* m_arena = nullptr;

    QString m_modelPath;      // the model this page chats with (loaded or loading)
    QString m_pendingModel;   // chatWith() a file the library has not listed yet
    int m_loadJob = 0;
    bool m_sendAfterLoad = false;
    qint64 m_conversation = 0;
    std::vector<qd::StoredMessage> m_branch;
    qint64 m_editing = 0;
    std::shared_ptr<AnswerStream> m_stream;
    qint64 m_answerParent = 0;  // the question the streaming answer belongs to
    int m_promptTokens = 0;
    QElapsedTimer m_meterClock;  // the meter's last update while streaming
};

}  // namespace qd::ui
