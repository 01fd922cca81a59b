// The conversation as a person reads it: one QTextBrowser document, messages rendered as Markdown by Qt
// (QTextDocument::setMarkdown), code blocks in a monospace font with a Copy link, and under each message
// its actions (Edit, Regenerate, Copy, ‹ 2/3 › between versions) and the answer's figures.
//
// Streaming appends to the end of the document with a QTextCursor: the text since the last complete
// paragraph stays plain, and each paragraph is rendered as Markdown once it is complete, so a token
// costs the same at the end of a long answer as at the start. When the answer ends it is rendered once
// as a whole. The view follows the end while the person has not scrolled up.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextBrowser>
#include <QTextCharFormat>

namespace qd::ui {

struct ChatViewMessage {
    qint64 id = 0;
    QString role;          // "user", "assistant"
    QString author;        // shown above the message ("You", a model's name, "A")
    QString content;
    bool stopped = false;
    int sibling = 1;       // 1-based position among its versions
    int siblings = 1;
    QString figures;       // one line under an answer
    QString error;         // an answer that failed: shown instead of figures
};

// What a key press in a chat's message box asks for: Enter sends (Shift+Enter stays a new line), Esc
// stops or cancels. Both the chat and the side-by-side input use it.
enum class ChatInputKey { None, Send, Escape };
ChatInputKey chatInputKey(const QEvent* event);

class ChatView : public QTextBrowser {
    Q_OBJECT
public:
    explicit ChatView(QWidget* parent = nullptr);

    // Replaces everything. Messages before `firstInContext` are marked as no longer seen by the model.
    void setMessages(const QList<ChatViewMessage>& messages, int firstInContext = 0);
    // Actions need an idle model: while an answer streams they are not offered.
    void setActionsEnabled(bool enabled);
    // Shown while there are no messages (rich text).
    void setPlaceholder(const QString& html) {
        m_placeholder = html;
        if (m_messages.isEmpty() && !m_streaming) rebuild();
    }
    // A notice at the end (an error, "Loading…"); empty removes it.
    void setNotice(const QString& html);

    // Streaming an answer at the end.
    void beginAnswer(const QString& author);
    void appendAnswer(const QString& text);
    // Renders the whole answer once more, with its actions and figures.
    void endAnswer(const ChatViewMessage& message);
    bool isStreaming() const { return m_streaming; }
    // The answer streaming now (empty when none is).
    QString streamedText() const { return m_raw; }

    const QList<ChatViewMessage>& messages() const { return m_messages; }
    QStringList codeBlocks() const { return m_code; }
    bool isFollowing() const { return m_follow; }

    // Handles one of the view's own links ("qd:copy/3"): what clicking it does. Public for tests.
    void activate(const QUrl& link);

signals:
    void editRequested(qint64 message);
    void regenerateRequested(qint64 message);
    void siblingRequested(qint64 message, int delta);  // -1 previous version, +1 next
    void codeCopied(const QString& code);

private:
    void rebuild();
    void insertMessage(QTextCursor& c, const ChatViewMessage& m, int index);
    void insertHeader(QTextCursor& c, const ChatViewMessage& m);
    void insertMarkdown(QTextCursor& c, const QString& markdown, bool withCopyLinks);
    void insertActions(QTextCursor& c, const ChatViewMessage& m);
    void insertContextMark(QTextCursor& c);
    void removeNotice();
    void renderCompleteParagraphs();
    void scrollIfFollowing();

    QList<ChatViewMessage> m_messages;
    QString m_placeholder;
    int m_firstInContext = 0;
    bool m_actions = true;
    QStringList m_code;
    QString m_notice;
    int m_noticeStart = -1;  // document position of the notice, -1 when none

    bool m_streaming = false;
    QString m_author;
    QString m_raw;          // the answer so far
    int m_rawRendered = 0;  // m_raw before this index is rendered as Markdown
    int m_answerStart = 0;  // document position where the answer's text begins
    int m_plainStart = 0;   // document position where its plain (not yet rendered) tail begins
    QTextCharFormat m_plain;
    bool m_follow = true;
    bool m_autoScrolling = false;
};

}  // namespace qd::ui
