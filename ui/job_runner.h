// The GUI's one job runner: every long task (import, quantize, evaluate; later chat load and the lab)
// runs through it.
//
// A page describes a job (a title and a work function) and submits it; the runner queues it, starts it
// on its own worker thread when a slot is free (Settings::MaxConcurrentJobs, default 1, since each job
// uses every core), and reports back through queued signals. The work function runs the core function
// with the JobContext's progress callback, which carries the cancel in; it never touches widgets. The
// worker only writes progress into a small locked record; a timer in the GUI thread reads it a few
// times a second, so the GUI thread is never flooded and never waits on the engine.
//
// Every job ends in exactly one of Finished, Failed or Cancelled. JobsModel (jobs_model.h) shows them.
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"

class QThread;
class QTimer;

namespace qd::ui {

class JobsModel;

enum class JobState { Queued, Running, Finished, Failed, Cancelled };

QString jobStateText(JobState state);
inline bool isFinalState(JobState s) { return s == JobState::Finished || s == JobState::Failed || s == JobState::Cancelled; }

// What a job's work function returns.
struct JobOutcome {
    JobState state = JobState::Finished;  // Finished, Failed or Cancelled
    QString message;   // one line in plain words: what was done, or what went wrong and what to do
    QString detail;    // the full technical text (the core's message), one click away
    QVariant value;    // a result for the page that submitted the job

    static JobOutcome finished(const QString& message, const QVariant& value = {});
    static JobOutcome failed(const QString& message, const QString& detail = {});
    static JobOutcome cancelled(const QString& message = {});
    // A core error: Cancelled becomes cancelled(), anything else failed() with the text as the detail.
    static JobOutcome fromError(const qd::Error& error, const QString& plain = {});
};

struct JobShared;

// Handed to the work function, on the worker thread.
class JobContext {
public:
    explicit JobContext(std::shared_ptr<JobShared> shared) : m_shared(std::move(shared)) {}

    // Records progress (done/total in the job's units, stage: what is worked on); false once cancelled.
    bool progress(uint64_t done, uint64_t total, const QString& stage = {});
    // The same as a core ProgressFn; `stagePrefix` is put before the core's stage text.
    qd::ProgressFn progressFn(const QString& stagePrefix = {});
    void log(const QString& line);
    bool cancelled() const;

private:
    std::shared_ptr<JobShared> m_shared;
};

using JobWork = std::function<JobOutcome(JobContext&)>;

struct JobSpec {
    QString title;     // "Quantize shakespeare to Q4_K_M"
    QString kind;      // "quantize", "import", "evaluate": lets pages find their jobs
    JobWork work;
    // Progress units are bytes (the panel then shows MB/s); otherwise steps without a rate.
    bool bytes = true;
    // Jobs that must finish first (an import before the quantizations of its output). When one of
    // them fails or is cancelled, this job is cancelled without running.
    std::vector<int> after;
    // Runs once `after` have ended, however they ended (an evaluation of the variants that were made).
    bool evenIfAfterFails = false;
    // Starts at once, beside the MaxConcurrentJobs others: the interactive work a person waits for
    // (loading a model to chat with, an answer) must not queue behind a long quantization.
    bool ownSlot = false;
    // Leaves the list when it ends (answers: the chat shows them; the panel would fill up).
    bool removeWhenDone = false;
};

// A job as the GUI thread sees it: updated from the worker's record by the runner's timer.
struct JobRecord {
    int id = 0;
    QString title;
    QString kind;
    bool bytes = true;
    bool ownSlot = false;
    bool removeWhenDone = false;
    JobState state = JobState::Queued;
    uint64_t done = 0;
    uint64_t total = 0;
    QString stage;
    QStringList log;
    JobOutcome outcome;   // valid once final
    QDateTime queuedAt;
    qint64 elapsedMs = 0;     // running time so far / in all
    double bytesPerSecond = 0;

    double fraction() const { return total ? double(done) / double(total) : 0.0; }
    // Seconds left at the rate so far; negative while unknown.
    double etaSeconds() const;
};

class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    // Cancels every job and waits for the workers to stop (each stops within one batch of work).
    ~JobRunner() override;

    int submit(JobSpec spec);
    void cancel(int id);
    void cancelAll();

    // How many jobs run at once (at least 1). Raising it starts queued jobs at once.
    void setMaxConcurrent(int n);
    int maxConcurrent() const { return m_maxConcurrent; }

    // Queued or running.
    int activeCount() const;
    int runningCount() const;
    const JobRecord* job(int id) const;
    const std::vector<JobRecord>& jobs() const { return m_records; }
    int indexOf(int id) const;
    // Drops the finished, failed and cancelled jobs from the list.
    void clearFinished();

    JobsModel* model() const { return m_model; }

    // Called on the worker thread with every core progress report of the jobs started from now on;
    // returning false cancels that job as the Cancel button would. Tests use it to cancel, delete or
    // change a source at an exact point of a run; benchmarks to time the reports.
    using ProgressHook = std::function<bool(int jobId, const qd::Progress& progress)>;
    void setProgressHook(ProgressHook hook) { m_hook = std::move(hook); }

signals:
    void jobAdded(int id);
    void jobStarted(int id);
    // Progress, stage or log changed (at most a few times a second per job).
    void jobChanged(int id);
    void jobFinished(int id, qd::ui::JobState state);
    void activeCountChanged(int active);
    void idle();  // the last queued or running job ended

private:
    struct Running;
    void startQueued();
    void poll();
    void onWorkerDone(int id, JobOutcome outcome);
    void copyShared(JobRecord& r, JobShared& s);

    std::vector<JobRecord> m_records;
    std::vector<JobSpec> m_specs;  // parallel to m_records until started
    std::vector<std::unique_ptr<Running>> m_running;
    JobsModel* m_model = nullptr;
    QTimer* m_timer = nullptr;
    ProgressHook m_hook;
    int m_nextId = 1;
    int m_maxConcurrent = 1;
};

}  // namespace qd::ui

Q_DECLARE_METATYPE(qd::ui::JobState)
