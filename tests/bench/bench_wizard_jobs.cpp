// The wizard's quantization against the CLI's, and the GUI thread's responsiveness while it runs.
//
//   bench_wizard_jobs MODEL.gguf [MIX] [REPETITIONS]
//
// Runs `quantdesk-cli quantize MODEL OUT MIX` and the same quantization as a JobRunner job (the code
// path of the wizard's Start button) REPETITIONS times each, alternating, and reports the best wall time
// of each. While the job runs, a 5 ms QTimer in the GUI thread records how late each tick comes: the
// largest lateness is the longest the GUI thread was unable to react. Not a CTest test: the figures
// depend on the machine (the README quotes them with this command).
#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/quant/mix_rules.h"
#include "ui/job_runner.h"
#include "ui/quantize_jobs.h"

using namespace qd::ui;

namespace {

double runCli(const QString& model, const QString& out, const QString& mix) {
    QElapsedTimer clock;
    clock.start();
    QProcess p;
    p.start(QStringLiteral(QD_CLI_PATH), {QStringLiteral("quantize"), model, out, mix, QStringLiteral("--quiet")});
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "quantdesk-cli failed: %s\n", p.readAllStandardError().constData());
        return -1;
    }
    return double(clock.nsecsElapsed()) / 1e9;
}

struct JobRun {
    double seconds = -1;
    double worstLateMs = 0;
    double p99LateMs = 0;
};

JobRun runJob(JobRunner& runner, const QString& model, const QString& out, const QString& mix) {
    VariantRequest v;
    v.mix = mix;
    v.source = model;
    v.output = out;
    v.options.mix.mix = *qd::mixByName(mix.toStdString());
    std::vector<double> late;
    QElapsedTimer tick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        late.push_back(std::max(0.0, double(tick.nsecsElapsed()) / 1e6 - 5.0));
        tick.restart();
    });
    QElapsedTimer clock;
    JobRun result;
    QEventLoop loop;
    QObject::connect(&runner, &JobRunner::jobFinished, &loop, [&](int, JobState state) {
        if (state == JobState::Finished) result.seconds = double(clock.nsecsElapsed()) / 1e9;
        else std::fprintf(stderr, "the job did not finish: %s\n", qPrintable(runner.jobs().back().outcome.detail));
        loop.quit();
    });
    clock.start();
    tick.start();
    probe.start();
    runner.submit(quantizeJob(v));
    loop.exec();
    probe.stop();
    std::sort(late.begin(), late.end());
    if (!late.empty()) {
        result.worstLateMs = late.back();
        result.p99LateMs = late[size_t(double(late.size() - 1) * 0.99)];
    }
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_wizard_jobs MODEL.gguf [MIX] [REPETITIONS]\n");
        return 2;
    }
    const QString model = args[1];
    const QString mix = args.value(2, QStringLiteral("Q4_K_M"));
    const int reps = std::max(1, args.value(3, QStringLiteral("3")).toInt());
    if (!QFileInfo(model).isFile() || !qd::mixByName(mix.toStdString())) {
        std::fprintf(stderr, "no such model or mix\n");
        return 2;
    }
    QTemporaryDir dir(QFileInfo(model).absolutePath() + QStringLiteral("/.bench-XXXXXX"));
    JobRunner runner;
    double cliBest = 1e30, jobBest = 1e30, worst = 0, p99 = 0;
    for (int r = 0; r < reps; ++r) {
        const double cli = runCli(model, dir.filePath(QStringLiteral("cli.gguf")), mix);
        const JobRun job = runJob(runner, model, dir.filePath(QStringLiteral("job.gguf")), mix);
        if (cli < 0 || job.seconds < 0) return 1;
        std::printf("run %d: cli %.2f s, job %.2f s, GUI thread late at most %.1f ms (p99 %.1f ms)\n", r + 1, cli,
                    job.seconds, job.worstLateMs, job.p99LateMs);
        std::fflush(stdout);
        cliBest = std::min(cliBest, cli);
        jobBest = std::min(jobBest, job.seconds);
        worst = std::max(worst, job.worstLateMs);
        p99 = std::max(p99, job.p99LateMs);
        QFile::remove(dir.filePath(QStringLiteral("cli.gguf")));
        QFile::remove(dir.filePath(QStringLiteral("job.gguf")));
    }
    const double mb = double(QFileInfo(model).size()) / 1e6;
    std::printf("%s, %s: CLI best %.2f s (%.0f MB/s), wizard job best %.2f s (%.0f MB/s), job/CLI %.3f; "
                "GUI thread late at most %.1f ms (p99 %.1f ms)\n",
                qPrintable(QFileInfo(model).fileName()), qPrintable(mix), cliBest, mb / cliBest, jobBest, mb / jobBest,
                jobBest / cliBest, worst, p99);
    return 0;
}
