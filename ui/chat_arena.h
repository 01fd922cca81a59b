// Side by side: one prompt to two or more variants (say Q3_K_M and Q6_K of one model), with the same
// system prompt, sampling and seed; the answers stream in columns, each with its figures. The
// variants answer at the same time (the threads split between them) or one after another. In blind
// mode the columns are shuffled and named A, B, … until the person votes; votes go to the history
// database, and the Compare page reads each file's win rate from there.
//
// Each variant keeps its own conversation (stored like any other, titled "Side by side: …"), so a
// follow-up question continues every column's own thread.
#pragma once

#include <QJsonObject>
#include <QWidget>

#include <memory>
#include <vector>

#include "core/chat/conversation_store.h"
#include "ui/chat_engine.h"
#include "ui/chat_view.h"

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QListWidget;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QToolButton;

namespace qd::ui {

class ChatView;
class Library;
class NoticeBar;
class Settings;

class ArenaView : public QWidget {
    Q_OBJECT
public:
    ArenaView(Settings& settings, Library& library, ChatController& chat, qd::ConversationStore& history,
              QWidget* parent = nullptr);
    ~ArenaView() override;

    void refreshModels();
    void setChatSettings(const ChatSettings& settings) { m_chatSettings = settings; }

    // The files side by side (at least two to send).
    void setVariants(const QStringList& paths);
    QStringList variants() const { return m_paths; }
    void setConcurrent(bool on);
    bool concurrent() const;
    void setBlind(bool on);
    bool blind() const;

    // Sends `text` (or the input's) to every variant: loads what is not loaded with the right thread
    // count first.
    void send(const QString& text = {});
    void stop();
    // After a round: the better column (-1: a tie). Stores the vote and reveals the names.
    bool vote(int column);
    bool canVote() const { return m_canVote; }
    void newRound();  // forgets the columns' conversations

    bool isBusy() const;
    int columnCount() const { return int(m_columns.size()); }
    ChatView* columnView(int column) const;
    QString columnHeader(int column) const;
    // The file shown in a column (hidden from the person in blind mode until the vote).
    QString columnModel(int column) const;
    QString columnText(int column) const;  // the column's last answer
    QList<QPushButton*> voteButtons() const { return m_voteButtons; }
    QPlainTextEdit* input() const { return m_input; }
    QListWidget* variantList() const { return m_list; }
    NoticeBar* notice() const { return m_notice; }

signals:
    void roundFinished();
    void voted(int column);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Variant {
        QString path;
        ChatModelPtr model;
        std::vector<qd::ChatMessage> history;
        qint64 conversation = 0;
        qint64 lastMessage = 0;
        QString lastAnswer;
        bool failed = false;
    };
    struct Column {
        QWidget* frame = nullptr;
        QLabel* header = nullptr;
        ChatView* view = nullptr;
        size_t variant = 0;
        std::shared_ptr<AnswerStream> stream;
        bool done = true;
        bool answered = false;  // this round, fully
        ChatViewMessage revealed;  // the last answer with its figures and model name
    };

    void rebuildColumns();
    void updateHeaders(bool reveal);
    void updateButtons();
    void chooseVariants();
    int threadsPerModel() const;
    LoadOptions roundLoadOptions() const;  // this round's settings, the threads shared between the columns
    void startWhenLoaded();
    void startColumn(int column);
    void onColumnFinished(int column, const AnswerResult& result);
    QString variantLabel(const Variant& v) const;
    // The question of the round and `answer` into the variant's own conversation (created when needed).
    void storeAnswer(Variant& v, const QString& answer, const QJsonObject& details, bool stopped);

    Settings& m_settings;
    Library& m_library;
    ChatController& m_chat;
    qd::ConversationStore& m_store;
    ChatSettings m_chatSettings;

    QListWidget* m_list = nullptr;
    QComboBox* m_mode = nullptr;
    QCheckBox* m_blind = nullptr;
    QLabel* m_status = nullptr;
    QSplitter* m_split = nullptr;
    QLabel* m_hint = nullptr;  // while fewer than two variants are chosen
    NoticeBar* m_notice = nullptr;
    QWidget* m_voteBar = nullptr;
    QHBoxLayout* m_voteLayout = nullptr;
    QList<QPushButton*> m_voteButtons;
    QPlainTextEdit* m_input = nullptr;
    QPushButton* m_send = nullptr;
    QPushButton* m_stop = nullptr;

    QStringList m_paths;
    std::vector<Variant> m_variants;
    std::vector<Column> m_columns;
    QString m_prompt;           // of the round on screen
    QString m_pendingPrompt;    // waiting for models to load
    ChatSettings m_roundSettings;
    bool m_canVote = false;
    bool m_revealed = true;
};

}  // namespace qd::ui
