// The conversation view on its own: Markdown from Qt's importer with code blocks in a monospace font and
// a working Copy link, streaming that renders each finished paragraph and ends with the same document
// as rendering the whole answer at once, and auto-scroll that stops while the person reads further up.
#include <QtTest>

#include <QClipboard>
#include <QGuiApplication>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>

#include "ui/chat_view.h"

using namespace qd::ui;

namespace {

const QString kAnswer = QStringLiteral(
    "Here is a function:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\nIt returns the **sum**.\n\n- one\n- two\n");

ChatViewMessage answer(const QString& text) {
    ChatViewMessage m;
    m.id = 2;
    m.role = QStringLiteral("assistant");
    m.author = QStringLiteral("Model");
    m.content = text;
    m.figures = QStringLiteral("1.0 tokens/s");
    return m;
}

}  // namespace

class TestChatView : public QObject {
    Q_OBJECT

private slots:
    void codeBlocksAreMonospaceWithCopy() {
        ChatView view;
        view.resize(600, 400);
        view.setMessages({answer(kAnswer)});
        QCOMPARE(view.codeBlocks(), QStringList{QStringLiteral("def add(a, b):\n    return a + b")});
        bool sawCode = false, sawBold = false;
        for (QTextBlock b = view.document()->begin(); b.isValid(); b = b.next()) {
            if (b.text() == QStringLiteral("def add(a, b):")) {
                sawCode = true;
                QVERIFY(b.blockFormat().hasProperty(QTextFormat::BlockCodeFence));  // the first code line keeps its block
                QVERIFY(QTextCursor(b).charFormat().fontFixedPitch());
                QVERIFY(b.blockFormat().background().style() != Qt::NoBrush);
            }
            for (auto it = b.begin(); !it.atEnd(); ++it)
                if (it.fragment().text() == QStringLiteral("sum")) sawBold = it.fragment().charFormat().fontWeight() == QFont::Bold;
        }
        QVERIFY(sawCode);
        QVERIFY(sawBold);
        QSignalSpy copied(&view, &ChatView::codeCopied);
        view.activate(QUrl(QStringLiteral("qd:copy/0")));
        QCOMPARE(copied.size(), 1);
        QCOMPARE(QGuiApplication::clipboard()->text(), view.codeBlocks().first());
        // An answer that opens with code: its first block (merged on insertion) keeps the code format.
        view.setMessages({answer(QStringLiteral("```sh\nls -l\n```\n\nDone."))});
        bool first = false;
        for (QTextBlock b = view.document()->begin(); b.isValid(); b = b.next())
            if (b.text() == QStringLiteral("ls -l")) first = b.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
        QVERIFY(first);
        QSignalSpy regen(&view, &ChatView::regenerateRequested);
        view.activate(QUrl(QStringLiteral("qd:regen/2")));
        QCOMPARE(regen.size(), 1);
        QCOMPARE(regen.first().first().toLongLong(), qint64(2));
    }

    // Streamed piece by piece (cut at every few characters, across the fence and the bold), the final
    // document is the one a whole rendering gives; during streaming, finished paragraphs are rendered.
    void streamingEndsAsWholeRendering() {
        ChatView whole;
        whole.setMessages({answer(kAnswer)});
        ChatView streamed;
        streamed.beginAnswer(QStringLiteral("Model"));
        bool renderedEarly = false;
        for (int i = 0; i < kAnswer.size(); i += 3) {
            streamed.appendAnswer(kAnswer.mid(i, 3));
            for (QTextBlock b = streamed.document()->begin(); b.isValid(); b = b.next())
                if (b.blockFormat().hasProperty(QTextFormat::BlockCodeFence)) renderedEarly = true;
        }
        QVERIFY2(renderedEarly, "the code block should render once its fence closed and a paragraph followed");
        QCOMPARE(streamed.streamedText(), kAnswer);
        streamed.endAnswer(answer(kAnswer));
        QCOMPARE(streamed.document()->toPlainText(), whole.document()->toPlainText());
        QCOMPARE(streamed.codeBlocks(), whole.codeBlocks());
    }

    // Following the end while streaming; scrolled up, the view stays where the person is reading.
    void autoScrollPausesWhenScrolledUp() {
        ChatView view;
        view.resize(400, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.beginAnswer(QStringLiteral("Model"));
        for (int i = 0; i < 200; ++i) view.appendAnswer(QStringLiteral("line %1\n\n").arg(i));
        QScrollBar* bar = view.verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());
        QVERIFY(view.isFollowing());
        bar->setValue(bar->maximum() / 3);  // the person scrolls up
        QVERIFY(!view.isFollowing());
        const int at = bar->value();
        for (int i = 0; i < 50; ++i) view.appendAnswer(QStringLiteral("more %1\n\n").arg(i));
        QCOMPARE(bar->value(), at);
        bar->setValue(bar->maximum());  // back to the end: following again
        QVERIFY(view.isFollowing());
        view.appendAnswer(QStringLiteral("last\n\n"));
        QCOMPARE(bar->value(), bar->maximum());
    }
};

QTEST_MAIN(TestChatView)
#include "test_chat_view.moc"
