#include "ui/chat_view.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPalette>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QUrl>

namespace qd::ui {

namespace {

bool isCodeBlock(const QTextBlock& b) {
    const QTextBlockFormat f = b.blockFormat();
    return f.hasProperty(QTextFormat::BlockCodeFence) || f.hasProperty(QTextFormat::BlockCodeLanguage) || f.nonBreakableLines();
}

// Lines that open or close a fenced code block ("```", "~~~", indented by at most three spaces).
int fenceLines(const QString& text) {
    int n = 0;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        int i = 0;
        while (i < line.size() && i < 3 && line[i] == QLatin1Char(' ')) ++i;
        const QStringView rest = QStringView(line).mid(i);
        if (rest.startsWith(QLatin1String("```")) || rest.startsWith(QLatin1String("~~~"))) ++n;
    }
    return n;
}

QString escaped(const QString& s) { return s.toHtmlEscaped(); }

}  // namespace

ChatInputKey chatInputKey(const QEvent* event) {
    if (event->type() != QEvent::KeyPress) return ChatInputKey::None;
    const auto* key = static_cast<const QKeyEvent*>(event);
    if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !(key->modifiers() & Qt::ShiftModifier))
        return ChatInputKey::Send;
    if (key->key() == Qt::Key_Escape) return ChatInputKey::Escape;
    return ChatInputKey::None;
}

ChatView::ChatView(QWidget* parent) : QTextBrowser(parent) {
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setUndoRedoEnabled(false);
    document()->setUndoRedoEnabled(false);
    document()->setDocumentMargin(12);
    connect(this, &QTextBrowser::anchorClicked, this, &ChatView::activate);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_autoScrolling) m_follow = value >= verticalScrollBar()->maximum() - 8;
    });
}

void ChatView::setMessages(const QList<ChatViewMessage>& messages, int firstInContext) {
    m_messages = messages;
    m_firstInContext = firstInContext;
    m_streaming = false;
    m_raw.clear();
    rebuild();
}

void ChatView::setActionsEnabled(bool enabled) {
    if (m_actions == enabled) return;
    m_actions = enabled;
    if (!m_streaming) rebuild();
}

void ChatView::setNotice(const QString& html) {
    removeNotice();
    m_notice = html;
    if (html.isEmpty() || m_streaming) return;
    QTextCursor c(document());
    c.movePosition(QTextCursor::End);
    m_noticeStart = c.position();
    c.insertBlock(QTextBlockFormat(), m_plain);
    c.insertHtml(QStringLiteral("<div style='color:#a33'>%1</div>").arg(html));
    scrollIfFollowing();
}

void ChatView::removeNotice() {
    if (m_noticeStart < 0) return;
    QTextCursor c(document());
    c.setPosition(std::min(m_noticeStart, document()->characterCount() - 1));
    c.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    c.removeSelectedText();
    m_noticeStart = -1;
}

void ChatView::rebuild() {
    const int scroll = verticalScrollBar()->value();
    const bool follow = m_follow;
    document()->clear();
    m_code.clear();
    m_noticeStart = -1;
    m_plain = QTextCharFormat();
    m_plain.setForeground(palette().color(QPalette::Text));
    QTextCursor c(document());
    if (m_messages.isEmpty() && !m_placeholder.isEmpty())
        c.insertHtml(QStringLiteral("<div style='color:#888; margin-top:40px' align='center'>%1</div>").arg(m_placeholder));
    for (int i = 0; i < m_messages.size(); ++i) {
        if (i == m_firstInContext && i > 0) insertContextMark(c);
        insertMessage(c, m_messages[i], i);
    }
    const QString notice = m_notice;
    m_notice.clear();
    if (!notice.isEmpty()) setNotice(notice);
    m_autoScrolling = true;
    verticalScrollBar()->setValue(follow ? verticalScrollBar()->maximum() : scroll);
    m_autoScrolling = false;
    m_follow = follow;
}

void ChatView::insertContextMark(QTextCursor& c) {
    if (!c.atStart()) c.insertBlock(QTextBlockFormat(), m_plain);
    c.insertHtml(QStringLiteral("<p style='color:#888'>⋯ %1 ⋯</p>")
                     .arg(tr("The messages above no longer fit in the context window: the model does not see them. "
                             "The system prompt stays.")
                              .toHtmlEscaped()));
}

void ChatView::insertHeader(QTextCursor& c, const ChatViewMessage& m) {
    if (!c.atStart()) c.insertBlock(QTextBlockFormat(), m_plain);
    QTextBlockFormat bf;
    bf.setTopMargin(14);
    c.setBlockFormat(bf);
    QTextCharFormat hf = m_plain;
    hf.setFontWeight(QFont::Bold);
    hf.setForeground(m.role == QLatin1String("user") ? QColor(0x2b, 0x5f, 0x9e) : QColor(0x2e, 0x7d, 0x32));
    c.insertText(m.author, hf);
    if (m.stopped) {
        QTextCharFormat sf = m_plain;
        sf.setForeground(QColor(0xa0, 0x60, 0x00));
        c.insertText(QStringLiteral("  ") + tr("(stopped)"), sf);
    }
    c.setCharFormat(m_plain);
}

void ChatView::insertMarkdown(QTextCursor& c, const QString& markdown, bool withCopyLinks) {
    QTextDocument tmp;
    tmp.setDefaultFont(document()->defaultFont());
    tmp.setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    // Code blocks: monospace on a light background; a Copy link after each run of code lines.
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QList<QPair<int, QString>> copyAfter;  // position after the block, code text
    QString code;
    for (QTextBlock b = tmp.begin(); b.isValid(); b = b.next()) {
        if (!isCodeBlock(b)) continue;
        QTextCursor bc(b);
        bc.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        QTextCharFormat cf;
        cf.setFontFamilies(QStringList{mono.family()});
        cf.setFontFixedPitch(true);
        cf.setFontStyleHint(QFont::Monospace);
        bc.mergeCharFormat(cf);
        QTextBlockFormat bf = b.blockFormat();
        bf.setBackground(QColor(0xf3, 0xf4, 0xf6));
        bf.setLeftMargin(8);
        bc.setBlockFormat(bf);
        code += (code.isEmpty() ? QString() : QStringLiteral("\n")) + b.text();
        if (!b.next().isValid() || !isCodeBlock(b.next())) {
            copyAfter.append({b.position() + b.length() - 1, code});
            code.clear();
        }
    }
    if (withCopyLinks) {
        for (int i = int(copyAfter.size()) - 1; i >= 0; --i) {
            QTextCursor lc(&tmp);
            lc.setPosition(copyAfter[i].first);
            lc.insertBlock(QTextBlockFormat(), QTextCharFormat());
            const int index = int(m_code.size()) + i;
            lc.insertHtml(QStringLiteral("<a href='qd:copy/%1' style='font-size:small'>%2</a>").arg(index).arg(tr("Copy code")));
        }
        for (const auto& p : copyAfter) m_code.append(p.second);
    }
    c.insertBlock(QTextBlockFormat(), m_plain);
    // The fragment's first block merges into the block it is inserted in and loses its block format
    // (a code block's background and fence): give it back.
    const int first = c.position();
    c.insertFragment(QTextDocumentFragment(&tmp));
    QTextCursor fc(document());
    fc.setPosition(first);
    fc.setBlockFormat(tmp.begin().blockFormat());
    c.setCharFormat(m_plain);
}

void ChatView::insertActions(QTextCursor& c, const ChatViewMessage& m) {
    QStringList links;
    const QString style = QStringLiteral("text-decoration:none");
    auto link = [&](const QString& what, const QString& text) {
        links << QStringLiteral("<a style='%1' href='qd:%2/%3'>%4</a>").arg(style, what).arg(m.id).arg(escaped(text));
    };
    if (m_actions && m.id > 0) {
        if (m.siblings > 1) {
            links << QStringLiteral("<a style='%1; font-size:large' href='qd:prev/%2'>&nbsp;‹&nbsp;</a> %3/%4 "
                                    "<a style='%1; font-size:large' href='qd:next/%2'>&nbsp;›&nbsp;</a>")
                         .arg(style)
                         .arg(m.id)
                         .arg(m.sibling)
                         .arg(m.siblings);
        }
        if (m.role == QLatin1String("user")) link(QStringLiteral("edit"), tr("Edit"));
        else {
            link(QStringLiteral("copymsg"), tr("Copy"));
            link(QStringLiteral("regen"), tr("Regenerate"));
        }
    } else if (m.siblings > 1) {
        links << QStringLiteral("%1/%2").arg(m.sibling).arg(m.siblings);
    }
    QString line = links.join(QStringLiteral(" &nbsp;·&nbsp; "));
    const QString info = m.error.isEmpty() ? escaped(m.figures) : QStringLiteral("<span style='color:#a33'>%1</span>").arg(escaped(m.error));
    if (!info.isEmpty()) line += (line.isEmpty() ? QString() : QStringLiteral(" &nbsp;&nbsp; ")) + QStringLiteral("<span style='color:#888'>%1</span>").arg(info);
    if (line.isEmpty()) return;
    c.insertBlock(QTextBlockFormat(), m_plain);
    c.insertHtml(QStringLiteral("<span style='font-size:small'>%1</span>").arg(line));
    c.setCharFormat(m_plain);
}

void ChatView::insertMessage(QTextCursor& c, const ChatViewMessage& m, int) {
    insertHeader(c, m);
    if (m.role == QLatin1String("user")) {
        c.insertBlock(QTextBlockFormat(), m_plain);
        c.insertText(m.content, m_plain);
    } else if (!m.content.isEmpty()) {
        insertMarkdown(c, m.content, true);
    }
    insertActions(c, m);
}

void ChatView::beginAnswer(const QString& author) {
    removeNotice();
    if (m_messages.isEmpty() && !m_placeholder.isEmpty()) document()->clear();
    QTextCursor c(document());
    c.movePosition(QTextCursor::End);
    m_answerStart = c.position();
    ChatViewMessage header;
    header.role = QStringLiteral("assistant");
    header.author = author;
    insertHeader(c, header);
    m_plainStart = c.position();
    c.insertBlock(QTextBlockFormat(), m_plain);
    m_author = author;
    m_raw.clear();
    m_rawRendered = 0;
    m_streaming = true;
    scrollIfFollowing();
}

void ChatView::appendAnswer(const QString& text) {
    if (!m_streaming || text.isEmpty()) return;
    m_raw += text;
    QTextCursor c(document());
    c.movePosition(QTextCursor::End);
    c.insertText(text, m_plain);
    renderCompleteParagraphs();
    scrollIfFollowing();
}

void ChatView::renderCompleteParagraphs() {
    // The last paragraph boundary outside a code block: everything before it is final Markdown.
    const QString tail = m_raw.mid(m_rawRendered);
    int at = tail.lastIndexOf(QLatin1String("\n\n"));
    for (int tries = 0; at > 0 && tries < 8; ++tries) {
        if (fenceLines(tail.left(at)) % 2 == 0) break;
        at = tail.lastIndexOf(QLatin1String("\n\n"), at - 1);
    }
    if (at <= 0 || fenceLines(tail.left(at)) % 2 != 0) return;
    QTextCursor c(document());
    c.setPosition(m_plainStart);
    c.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    c.removeSelectedText();
    insertMarkdown(c, tail.left(at), false);
    m_plainStart = c.position();
    c.insertBlock(QTextBlockFormat(), m_plain);
    c.insertText(tail.mid(at + 2), m_plain);
    m_rawRendered += at + 2;
}

void ChatView::endAnswer(const ChatViewMessage& message) {
    QTextCursor c(document());
    if (m_streaming) {
        c.setPosition(m_answerStart);
        c.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        c.removeSelectedText();
    } else {
        c.movePosition(QTextCursor::End);
    }
    m_streaming = false;
    m_raw.clear();
    m_messages.append(message);
    insertMessage(c, message, int(m_messages.size()) - 1);
    if (!m_notice.isEmpty()) {
        const QString notice = m_notice;
        m_notice.clear();
        setNotice(notice);
    }
    scrollIfFollowing();
}

void ChatView::scrollIfFollowing() {
    if (!m_follow) return;
    m_autoScrolling = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_autoScrolling = false;
}

void ChatView::activate(const QUrl& link) {
    if (link.scheme() != QLatin1String("qd")) {
        if (link.scheme() == QLatin1String("http") || link.scheme() == QLatin1String("https")) QDesktopServices::openUrl(link);
        return;
    }
    const QStringList parts = link.path().split(QLatin1Char('/'));
    if (parts.size() != 2) return;
    const QString what = parts[0];
    const qint64 n = parts[1].toLongLong();
    if (what == QLatin1String("copy")) {
        if (n >= 0 && n < m_code.size()) {
            QApplication::clipboard()->setText(m_code[int(n)]);
            emit codeCopied(m_code[int(n)]);
        }
    } else if (what == QLatin1String("copymsg")) {
        for (const auto& m : m_messages)
            if (m.id == n) QApplication::clipboard()->setText(m.content);
    } else if (what == QLatin1String("edit")) {
        emit editRequested(n);
    } else if (what == QLatin1String("regen")) {
        emit regenerateRequested(n);
    } else if (what == QLatin1String("prev")) {
        emit siblingRequested(n, -1);
    } else if (what == QLatin1String("next")) {
        emit siblingRequested(n, +1);
    }
}

}  // namespace qd::ui
