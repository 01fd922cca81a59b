// The chat page against `quantdesk-cli bench`: generation speed through the GUI's whole path (ChatPage,
// JobRunner worker, AnswerStream, ChatView streaming on the real Qt event loop) for the same file and
// threads, and the GUI-thread cost of appending one piece to an answer as it grows to 4,000 tokens.
//
//   bench_chat_gui MODEL [THREADS=2] [TOKENS=128] [ROUNDS=5]
//
// Prints, per round, the CLI's tg figure (at the answer's depth: `bench -d PROMPT_TOKENS -c 2048`) and the GUI's (the engine's figure for the answer, and the rate
// at which pieces reached the view), then the medians and their ratio; then the median microseconds of
// ChatView::appendAnswer at answer lengths 0-100, 1,000, 2,000 and 3,900-4,000 tokens. The README's
// figures come from this program (see README "Chat").
#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <thread>
#include <vector>

#include "core/eval/compare.h"
#include "ui/chat_engine.h"
#include "ui/chat_page.h"
#include "ui/chat_settings_panel.h"
#include "ui/chat_view.h"
#include "ui/job_runner.h"
#include "ui/library.h"
#include "ui/model_list_model.h"
#include "ui/settings.h"

using namespace qd::ui;

namespace {

const char* const kQuestion = "Write a long essay about computers.";

// CPU time of the calling thread (the GUI thread here): what streaming costs it.
double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// bench's tg at the answer's depth (its prompt already in the cache) and the chat's context: the same
// work per token as the answer, without the GUI.
double cliTokensPerSecond(const QString& model, int threads, int tokens, int depth, int context) {
    QProcess p;
    p.start(QStringLiteral(QD_CLI_PATH), {QStringLiteral("bench"), model, QStringLiteral("-p"), QStringLiteral("0"), QStringLiteral("-n"),
                                          QString::number(tokens), QStringLiteral("-d"), QString::number(depth), QStringLiteral("-c"),
                                          QString::number(context), QStringLiteral("-r"), QStringLiteral("1"), QStringLiteral("-t"),
                                          QString::number(threads), QStringLiteral("--json")});
    if (!p.waitForFinished(600000)) return 0;
    const QJsonArray rows = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
    for (const auto& r : rows)
        if (r.toObject().value("test").toString().startsWith(QLatin1String("tg"))) return r.toObject().value("tokens_per_second").toDouble();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_chat_gui MODEL [THREADS=2] [TOKENS=128] [ROUNDS=5]\n");
        return 2;
    }
    const QString model = QFileInfo(args[1]).absoluteFilePath();
    const int threads = args.size() > 2 ? args[2].toInt() : 2;
    const int tokens = args.size() > 3 ? args[3].toInt() : 128;
    const int rounds = args.size() > 4 ? args[4].toInt() : 5;

    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    settings.setLibraryLocations({});
    JobRunner jobs;
    Library library(settings);
    ChatController chat(jobs);
    auto store = qd::ConversationStore::open(dir.filePath(QStringLiteral("h.sqlite")).toStdString());
    if (!store) return 1;
    ChatPage page(settings, library, chat, *store);
    page.resize(1200, 800);
    if (qEnvironmentVariableIsEmpty("QD_BENCH_HIDDEN")) page.show();
    library.addFile(model);
    // Waiting as the application does: in the event loop (a processEvents() loop would spin a core).
    auto waitUntil = [](const std::function<bool()>& done) {
        QEventLoop loop;
        QTimer timer;
        QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
            if (done()) loop.quit();
        });
        timer.start(20);
        if (!done()) loop.exec();
    };
    waitUntil([&] { return !library.isScanning() && library.model()->rowCount() > 0; });

    ChatSettings s;
    s.sampler.temperature = 0;
    s.maxTokens = tokens;
    s.load.threads = threads;
    s.load.context = 2048;
    // A short prompt the model answers at length, so the answer reaches the token limit and the cache
    // holds about what bench's does (bench generates from an empty one).
    page.settingsPanel()->setChatSettings(s);
    page.selectModel(model);
    bool ready = false;
    QObject::connect(&page, &ChatPage::modelReady, [&] { ready = true; });
    page.loadSelected();
    waitUntil([&] { return ready; });

    // The same conversation on the same loaded model, generated on a plain thread with no job, stream or
    // view: what the engine does in this process without the GUI's path around it.
    const bool onMain = !qEnvironmentVariableIsEmpty("QD_BENCH_MAIN_THREAD");  // diagnostic: the caller is the main thread
    int depth = 0;  // the answer's prompt tokens, from its first run
    auto direct = [&] {
        auto m = page.loadedModel();
        double tps = 0;
        auto work = [&] {
            auto tpl = m->chatTemplate({});
            qd::ChatSession session(*m->generator, std::move(*tpl), m->bosText, m->eosText);
            session.setSystemPrompt(s.systemPrompt.toStdString());
            qd::GenerationSettings g;
            g.sampler = s.sampler;
            g.maxTokens = tokens;
            auto st = session.reply(kQuestion, g, {});
            tps = st ? st->generationTokensPerSecond() : 0;
            if (st) depth = st->promptTokens;
        };
        if (onMain) {
            work();
        } else {
            std::thread t(work);
            t.join();
        }
        return tps;
    };
    // bench's own timing loop (random tokens from an empty cache) on the model loaded here: separates
    // what this process does to the engine from what an answer does beyond bench's synthetic decode.
    auto benchHere = [&] {
        auto m = page.loadedModel();
        double tps = 0;
        std::thread t([&] {
            auto r = qd::measureSpeed(*m->model, 0, tokens, {}, depth);
            tps = r ? r->generationTokensPerSecond : 0;
            m->generator->reset();  // the cache no longer holds the conversation
        });
        t.join();
        return tps;
    };
    // The same through the job runner and an AnswerStream, with nothing on screen: the job's own cost.
    auto viaJob = [&] {
        AnswerRequest request;
        request.model = page.loadedModel();
        request.user = kQuestion;
        request.settings = s;
        auto stream = chat.answer(std::move(request));
        QEventLoop loop;
        double tps = 0;
        QObject::connect(stream.get(), &AnswerStream::finished, &loop, [&](const AnswerResult& r) {
            tps = r.generationTokensPerSecond;
            loop.quit();
        });
        loop.exec();
        return tps;
    };
    // One answer through the page, as a person gets it.
    auto viaPage = [&](AnswerResult& result, double& pieceRate, double& guiCpuMs, int& pieces) {
        page.newChat();
        QElapsedTimer clock;
        qint64 firstPiece = -1, lastPiece = -1;
        pieces = 0;
        auto a = QObject::connect(&page, &ChatPage::answerPiece, [&] {
            const qint64 t = clock.nsecsElapsed();
            if (firstPiece < 0) firstPiece = t;
            lastPiece = t;
            ++pieces;
        });
        QEventLoop loop;
        auto b = QObject::connect(&page, &ChatPage::answerFinished, &loop, [&](const AnswerResult& res) {
            result = res;
            loop.quit();
        });
        const double gui0 = threadCpuSeconds();
        clock.start();
        page.send(QString::fromUtf8(kQuestion));
        loop.exec();
        guiCpuMs = (threadCpuSeconds() - gui0) * 1000.0;
        QObject::disconnect(a);
        QObject::disconnect(b);
        // Pieces after the first, over the time from the first to the last.
        pieceRate = lastPiece > firstPiece ? (result.generatedTokens - 1) / (double(lastPiece - firstPiece) / 1e9) : 0;
    };

    std::vector<double> cli, here, alone, job, engine, seen, guiMs, updates;
    std::printf("round  cli bench  bench here  engine alone  job alone  gui answer  gui pieces  tokens  gui thread ms  updates\n");
    for (int r = 0; r < rounds; ++r) {
        // The three in turn, so the machine's drifting load hits each alike; each warmed up once, as
        // bench warms up before the run it counts.
        direct();
        const double d = direct();
        const double c = cliTokensPerSecond(model, threads, tokens, depth, s.load.context);
        benchHere();
        const double h = benchHere();
        viaJob();
        const double j = viaJob();
        AnswerResult result;
        double pieceRate = 0, guiCpu = 0;
        int pieces = 0;
        viaPage(result, pieceRate, guiCpu, pieces);
        viaPage(result, pieceRate, guiCpu, pieces);
        cli.push_back(c);
        here.push_back(h);
        alone.push_back(d);
        job.push_back(j);
        engine.push_back(result.generationTokensPerSecond);
        seen.push_back(pieceRate);
        guiMs.push_back(guiCpu);
        updates.push_back(pieces);
        std::printf("%5d  %9.1f  %10.1f  %12.1f  %9.1f  %10.1f  %10.1f  %6d  %13.1f  %7d\n", r + 1, c, h, d, j, result.generationTokensPerSecond,
                    pieceRate, result.generatedTokens, guiCpu, pieces);
        std::fflush(stdout);
    }
    std::printf("the answer's prompt: %d tokens (bench ran with -d %d -c %d)\n", depth, depth, s.load.context);
    const double mc = median(cli), mh = median(here), md = median(alone), mj = median(job), me = median(engine), ms = median(seen);
    std::printf("median %9.1f  %10.1f  %12.1f  %9.1f  %10.1f  %10.1f          %13.1f  %7.0f\n", mc, mh, md, mj, me, ms, median(guiMs), median(updates));
    std::printf("gui answer / cli bench %.3f, gui answer / engine alone %.3f, job alone / engine alone %.3f, engine alone / cli bench %.3f, bench here / cli bench %.3f\n",
                me / mc, me / md, mj / md, md / mc, mh / mc);

    // Ratios taken within each round (the machine's load drifts between rounds far more than within
    // one): their median and quartiles.
    auto ratios = [&](const std::vector<double>& a, const std::vector<double>& b) {
        std::vector<double> v;
        for (size_t i = 0; i < a.size(); ++i)
            if (b[i] > 0) v.push_back(a[i] / b[i]);
        std::sort(v.begin(), v.end());
        if (v.empty()) return std::string("-");
        auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5))]; };
        char buf[96];
        std::snprintf(buf, sizeof buf, "%.3f (quartiles %.3f-%.3f)", at(0.5), at(0.25), at(0.75));
        return std::string(buf);
    };
    std::printf("per round: gui answer / cli bench %s, gui answer / bench here %s, bench here / cli bench %s\n",
                ratios(engine, cli).c_str(), ratios(engine, here).c_str(), ratios(here, cli).c_str());

    // Appending to a growing answer: one piece (a token's text) at a time, 4,000 of them, with Markdown
    // paragraphs and a code block every so often, as real answers have.
    if (!qEnvironmentVariableIsEmpty("QD_BENCH_NOAPPEND")) return 0;
    ChatView view;
    view.resize(700, 600);
    view.show();
    app.processEvents();
    view.beginAnswer(QStringLiteral("Model"));
    const QStringList words = {QStringLiteral(" the"), QStringLiteral(" model"), QStringLiteral(" writes"), QStringLiteral(" **bold**"),
                               QStringLiteral(" text"), QStringLiteral(","), QStringLiteral(" and"), QStringLiteral(" more"),
                               QStringLiteral("."), QStringLiteral("\n\n")};
    std::vector<double> cost(4000);
    QElapsedTimer t;
    for (int i = 0; i < 4000; ++i) {
        QString piece = words[i % words.size()];
        if (i % 400 == 399) piece = QStringLiteral("\n\n```\nint x = 1;\n```\n\n");
        t.start();
        view.appendAnswer(piece);
        app.processEvents();  // layout and paint, as the event loop does between pieces
        cost[size_t(i)] = double(t.nsecsElapsed()) / 1000.0;
    }
    auto window = [&](int from, int to) { return median(std::vector<double>(cost.begin() + from, cost.begin() + to)); };
    std::printf("\nappend one piece (median microseconds, incl. layout and paint):\n");
    std::printf("  tokens    0-100: %8.1f\n", window(0, 100));
    std::printf("  tokens 950-1050: %8.1f\n", window(950, 1050));
    std::printf("  tokens 1950-2050: %7.1f\n", window(1950, 2050));
    std::printf("  tokens 3900-4000: %7.1f\n", window(3900, 4000));
    return 0;
}
