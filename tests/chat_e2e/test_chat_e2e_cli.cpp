// quantdesk-cli chat and run on SmolLM2-135M-Instruct, driven as a person would: stdin, stdout, Ctrl-C.
#include <QtTest/QtTest>

#include <QProcess>

#include <csignal>

#include "smollm2_fixture.h"

using namespace qd;
using namespace qd::e2e;

namespace {

constexpr int kWaitMs = 120000;

QStringList chatArgs(int maxTokens) {
    return {"chat", QString::fromStdString(smollm2Path()), "--temp", "0", "-n", QString::number(maxTokens), "-t", "2",
            "-c", "1024"};
}

// Reads stdout until it holds `needle` at or after `from`; false on timeout or exit.
bool waitForOutput(QProcess& p, QByteArray& out, const QByteArray& needle, qsizetype from = 0) {
    QElapsedTimer timer;
    timer.start();
    while (out.indexOf(needle, from) < 0) {
        if (timer.elapsed() > kWaitMs || p.state() != QProcess::Running) return false;
        p.waitForReadyRead(200);
        out += p.readAllStandardOutput();
    }
    return true;
}

}  // namespace

class TestChatE2eCli : public QObject {
    Q_OBJECT

    SmolLM2 m_lm;

    // The engine's own greedy answer, for the CLI's output to be compared with.
    std::string inProcessAnswer(const std::string& question, int maxTokens) {
        Generator generator(*m_lm.model, m_lm.tokenizer);
        ChatSession session(generator, *m_lm.chatTemplate, m_lm.bosText(), m_lm.eosText());
        GenerationSettings s;
        s.sampler.temperature = 0.0f;
        s.maxTokens = maxTokens;
        auto r = session.reply(question, s, {});
        return r ? r->text : "error: " + r.message();
    }

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo::exists(QD_CLI_PATH), QD_CLI_PATH);
        const std::string error = m_lm.load(1024);
        QVERIFY2(error.empty(), error.c_str());
    }

    // One question through stdin, then /exit (stdin stays open: the program must leave on the command).
    void chatAnswersAndExits() {
        const std::string question = "What is the capital of France?";
        const std::string expected = inProcessAnswer(question, 20);
        QVERIFY(!expected.empty() && expected.rfind("error:", 0) != 0);

        QProcess p;
        p.start(QD_CLI_PATH, chatArgs(20));
        QVERIFY(p.waitForStarted());
        p.write((question + "\n/exit\n").c_str());
        QVERIFY(p.waitForFinished(kWaitMs));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        // The prompt "> ", the streamed answer, then the next prompt and the farewell newline.
        const QByteArray out = p.readAllStandardOutput();
        QCOMPARE(QString::fromUtf8(out), QString::fromStdString("\n> " + expected + "\n\n> \n"));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("the model's own template"), err.constData());
        QVERIFY2(err.contains("[") && err.contains("tokens"), err.constData());
    }

    // run prints the prompt, then the greedy continuation.
    void runPrintsPromptThenContinuation() {
        const std::string prompt = "The three primary colors are";
        Generator generator(*m_lm.model, m_lm.tokenizer);
        GenerationSettings s;
        s.sampler.temperature = 0.0f;
        s.maxTokens = 12;
        auto expected = generator.generate(m_lm.tokenizer.encode(prompt, true, true), s, {});
        QVERIFY(expected);
        QVERIFY(!expected->text.empty());

        QProcess p;
        p.start(QD_CLI_PATH, {"run", QString::fromStdString(smollm2Path()), "-p", QString::fromStdString(prompt), "--temp",
                              "0", "-n", "12", "-t", "2", "-c", "256"});
        QVERIFY(p.waitForFinished(kWaitMs));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()), QString::fromStdString(prompt + expected->text + "\n"));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("generated: 12 tokens"), err.constData());
    }

    // Ctrl-C while an answer streams stops that answer only; the next message is answered.
    void interruptStopsTheAnswerNotTheProgram() {
#ifdef Q_OS_WIN
        QSKIP("SIGINT delivery to a child is POSIX-only");
#else
        QProcess p;
        // One stream for both channels: the "[N tokens, ...]" lines on stderr then come in order with the text.
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QD_CLI_PATH, chatArgs(400));
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QVERIFY(waitForOutput(p, out, "\n> "));
        const qsizetype answerStart = out.size();
        p.write("Write a very long story about a dragon who learns to bake bread.\n");
        // Wait for the first bytes of the answer, then press Ctrl-C.
        QElapsedTimer timer;
        timer.start();
        while (out.size() <= answerStart && timer.elapsed() < kWaitMs && p.state() == QProcess::Running) {
            p.waitForReadyRead(100);
            out += p.readAllStandardOutput();
        }
        QVERIFY2(out.size() > answerStart, "no answer started");
        QCOMPARE(::kill(static_cast<pid_t>(p.processId()), SIGINT), 0);

        // The answer ends early ("stopped" in its report) and the prompt comes back.
        QVERIFY2(waitForOutput(p, out, "\n> ", answerStart), out.constData());
        QCOMPARE(p.state(), QProcess::Running);
        QVERIFY2(out.indexOf("stopped]", answerStart) > 0, out.constData());
        QVERIFY2(out.indexOf("stopped]", answerStart) < out.indexOf("\n> ", answerStart), out.constData());
        const qsizetype secondStart = out.indexOf("\n> ", answerStart) + 3;

        p.write("What is the capital of France?\n");
        QVERIFY2(waitForOutput(p, out, "\n> ", secondStart), out.constData());
        const QByteArray second = out.mid(secondStart, out.indexOf("\n> ", secondStart) - secondStart);
        // The answer text, then its "[N tokens, ...]" report.
        QVERIFY2(second.contains(" tokens, "), second.constData());
        QVERIFY2(!second.left(second.lastIndexOf('[')).trimmed().isEmpty(), second.constData());
        QVERIFY2(!second.contains("stopped]"), second.constData());
        p.write("/exit\n");
        QVERIFY(p.waitForFinished(kWaitMs));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
#endif
    }
};

QTEST_GUILESS_MAIN(TestChatE2eCli)
#include "test_chat_e2e_cli.moc"
