#include "ui/job_runner.h"

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "ui/jobs_model.h"

namespace qd::ui {

// The record a worker writes and the GUI thread's timer reads; the only state they share.
struct JobShared {
    std::mutex mutex;
    uint64_t done = 0;
    uint64_t total = 0;
    uint64_t processedBytes = 0;  // for the rate: bytes the job worked through so far
    QString stage;
    QStringList newLog;
    bool changed = false;
    qd::CancelFlag cancel;
    int id = 0;
    std::function<bool(int, const qd::Progress&)> hook;

    // The hook runs outside the lock; a false answer is a cancel.
    bool afterReport(const qd::Progress& p) {
        if (hook && !hook(id, p)) cancel.cancel();
        return !cancel.cancelled();
    }
};

struct JobRunner::Running {
    int id = 0;
    std::shared_ptr<JobShared> shared;
    QThread* thread = nullptr;
    QElapsedTimer clock;
};

QString jobStateText(JobState state) {
    switch (state) {
        case JobState::Queued: return QCoreApplication::translate("qd::ui::JobRunner", "Queued");
        case JobState::Running: return QCoreApplication::translate("qd::ui::JobRunner", "Running");
        case JobState::Finished: return QCoreApplication::translate("qd::ui::JobRunner", "Done");
        case JobState::Failed: return QCoreApplication::translate("qd::ui::JobRunner", "Failed");
        case JobState::Cancelled: return QCoreApplication::translate("qd::ui::JobRunner", "Cancelled");
    }
    return {};
}

JobOutcome JobOutcome::finished(const QString& message, const QVariant& value) {
    return {JobState::Finished, message, {}, value};
}
JobOutcome JobOutcome::failed(const QString& message, const QString& detail) {
    return {JobState::Failed, message, detail.isEmpty() ? message : detail, {}};
}
JobOutcome JobOutcome::cancelled(const QString& message) {
    return {JobState::Cancelled,
            message.isEmpty() ? QCoreApplication::translate("qd::ui::JobRunner", "Cancelled; nothing was left behind.") : message,
            {},
            {}};
}
JobOutcome JobOutcome::fromError(const qd::Error& error, const QString& plain) {
    if (error.kind == qd::ErrorKind::Cancelled) return cancelled();
    const QString detail = QString::fromStdString(error.message);
    return failed(plain.isEmpty() ? detail : plain, detail);
}

double JobRecord::etaSeconds() const {
    if (state != JobState::Running || done == 0 || total == 0 || done >= total || elapsedMs < 500) return -1;
    const double seconds = double(elapsedMs) / 1000.0;
    return seconds * double(total - done) / double(done);
}

bool JobContext::progress(uint64_t done, uint64_t total, const QString& stage) {
    std::lock_guard lock(m_shared->mutex);
    m_shared->done = done;
    m_shared->total = total;
    if (!stage.isNull()) m_shared->stage = stage;
    m_shared->changed = true;
    return !m_shared->cancel.cancelled();
}

qd::ProgressFn JobContext::progressFn(const QString& stagePrefix) {
    auto shared = m_shared;
    auto last = std::make_shared<uint64_t>(0);
    return [shared, last, stagePrefix](const qd::Progress& p) {
        {
            std::lock_guard lock(shared->mutex);
            if (p.done > *last) shared->processedBytes += p.done - *last;
            *last = p.done;
            shared->done = p.done;
            shared->total = p.total;
            const QString stage = QString::fromStdString(p.stage);
            shared->stage = stagePrefix.isEmpty() ? stage : stage.isEmpty() ? stagePrefix : stagePrefix + QStringLiteral(": ") + stage;
            shared->changed = true;
        }
        return shared->afterReport(p);
    };
}

void JobContext::log(const QString& line) {
    std::lock_guard lock(m_shared->mutex);
    m_shared->newLog.append(line);
    m_shared->changed = true;
}

bool JobContext::cancelled() const { return m_shared->cancel.cancelled(); }

JobRunner::JobRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<qd::ui::JobState>("qd::ui::JobState");
    m_model = new JobsModel(this);
    m_timer = new QTimer(this);
    m_timer->setInterval(200);  // five updates a second: enough for a bar, nothing for the GUI thread
    connect(m_timer, &QTimer::timeout, this, &JobRunner::poll);
}

JobRunner::~JobRunner() {
    for (auto& r : m_running) r->shared->cancel.cancel();
    for (auto& r : m_running) {
        r->thread->wait();
        delete r->thread;
    }
}

int JobRunner::submit(JobSpec spec) {
    JobRecord r;
    r.id = m_nextId++;
    r.title = spec.title;
    r.kind = spec.kind;
    r.bytes = spec.bytes;
    r.ownSlot = spec.ownSlot;
    r.removeWhenDone = spec.removeWhenDone;
    r.queuedAt = QDateTime::currentDateTime();
    m_model->beginInsert(int(m_records.size()));
    m_records.push_back(r);
    m_specs.push_back(std::move(spec));
    m_model->endInsert();
    emit jobAdded(r.id);
    emit activeCountChanged(activeCount());
    startQueued();
    return r.id;
}

int JobRunner::indexOf(int id) const {
    for (size_t i = 0; i < m_records.size(); ++i)
        if (m_records[i].id == id) return int(i);
    return -1;
}

const JobRecord* JobRunner::job(int id) const {
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_records[size_t(i)];
}

int JobRunner::activeCount() const {
    return int(std::count_if(m_records.begin(), m_records.end(), [](const JobRecord& r) { return !isFinalState(r.state); }));
}

int JobRunner::runningCount() const { return int(m_running.size()); }

void JobRunner::setMaxConcurrent(int n) {
    m_maxConcurrent = std::max(1, n);
    startQueued();
}

void JobRunner::cancel(int id) {
    const int i = indexOf(id);
    if (i < 0) return;
    JobRecord& r = m_records[size_t(i)];
    if (r.state == JobState::Queued) {
        r.state = JobState::Cancelled;
        r.outcome = JobOutcome::cancelled(tr("Cancelled before it started."));
        m_specs[size_t(i)].work = {};
        m_model->rowChanged(i);
        emit jobFinished(id, JobState::Cancelled);
        emit activeCountChanged(activeCount());
        startQueued();  // jobs waiting on this one are cancelled now
        if (activeCount() == 0) emit idle();
        return;
    }
    for (auto& run : m_running)
        if (run->id == id) {
            run->shared->cancel.cancel();
            r.stage = tr("Cancelling…");
            m_model->rowChanged(i);
        }
}

void JobRunner::cancelAll() {
    std::vector<int> ids;
    for (const auto& r : m_records)
        if (!isFinalState(r.state)) ids.push_back(r.id);
    // Queued ones first, so a cancelled running job does not let the next queued one start.
    for (int id : ids)
        if (job(id)->state == JobState::Queued) cancel(id);
    for (int id : ids) cancel(id);
}

void JobRunner::clearFinished() {
    for (int i = int(m_records.size()) - 1; i >= 0; --i) {
        if (!isFinalState(m_records[size_t(i)].state)) continue;
        m_model->beginRemove(i);
        m_records.erase(m_records.begin() + i);
        m_specs.erase(m_specs.begin() + i);
        m_model->endRemove();
    }
}

void JobRunner::startQueued() {
    auto sharedSlotsUsed = [&] {
        int n = 0;
        for (const auto& run : m_running)
            if (const JobRecord* r = job(run->id); r && !r->ownSlot) ++n;
        return n;
    };
    for (size_t i = 0; i < m_records.size(); ++i) {
        JobRecord& r = m_records[i];
        if (r.state != JobState::Queued) continue;
        if (!r.ownSlot && sharedSlotsUsed() >= m_maxConcurrent) continue;
        bool waiting = false;
        QString blockedBy;
        for (int dep : m_specs[i].after) {
            const JobRecord* d = job(dep);
            if (!d || d->state == JobState::Finished) continue;
            if (isFinalState(d->state)) {
                if (!m_specs[i].evenIfAfterFails) blockedBy = d->title;
            }
            else waiting = true;
        }
        if (!blockedBy.isEmpty()) {
            r.state = JobState::Cancelled;
            r.outcome = JobOutcome::cancelled(tr("Not started: \"%1\" did not finish.").arg(blockedBy));
            r.stage = r.outcome.message;
            m_specs[i].work = {};
            m_model->rowChanged(int(i));
            const int id = r.id;
            emit jobFinished(id, JobState::Cancelled);
            emit activeCountChanged(activeCount());
            if (activeCount() == 0) emit idle();
            i = size_t(-1);  // a cancel can unblock or block others: look again from the start
            continue;
        }
        if (waiting) continue;
        auto run = std::make_unique<Running>();
        run->id = r.id;
        run->shared = std::make_shared<JobShared>();
        run->shared->id = r.id;
        run->shared->hook = m_hook;
        run->clock.start();
        JobWork work = std::move(m_specs[i].work);
        m_specs[i].work = {};
        const int id = r.id;
        std::shared_ptr<JobShared> shared = run->shared;
        run->thread = QThread::create([this, id, work = std::move(work), shared] {
            JobContext context(shared);
            JobOutcome outcome;
            try {
                outcome = work ? work(context) : JobOutcome::failed(tr("Internal error: the job has no work."));
            } catch (const std::bad_alloc&) {
                outcome = JobOutcome::failed(tr("Out of memory: close other programs or choose a smaller model."),
                                             QStringLiteral("std::bad_alloc"));
            } catch (const std::exception& e) {
                outcome = JobOutcome::failed(tr("Internal error (a bug in QuantDesk); the detail says where."),
                                             QString::fromLocal8Bit(e.what()));
            }
            // Queued to the runner's thread; the runner outlives its threads (its destructor joins them).
            QMetaObject::invokeMethod(this, [this, id, outcome] { onWorkerDone(id, outcome); }, Qt::QueuedConnection);
        });
        run->thread->setObjectName(QStringLiteral("job-%1").arg(id));
        r.state = JobState::Running;
        r.stage = tr("Starting…");
        m_running.push_back(std::move(run));
        m_running.back()->thread->start();
        m_model->rowChanged(int(i));
        emit jobStarted(id);
        if (!m_timer->isActive()) m_timer->start();
    }
}

void JobRunner::copyShared(JobRecord& r, JobShared& s) {
    std::lock_guard lock(s.mutex);
    r.done = s.done;
    r.total = s.total;
    if (!s.stage.isEmpty()) r.stage = s.stage;
    r.log.append(s.newLog);
    s.newLog.clear();
    s.changed = false;
}

void JobRunner::poll() {
    for (auto& run : m_running) {
        const int i = indexOf(run->id);
        if (i < 0) continue;
        JobRecord& r = m_records[size_t(i)];
        bool changed;
        uint64_t processed;
        {
            std::lock_guard lock(run->shared->mutex);
            changed = run->shared->changed;
            processed = run->shared->processedBytes;
        }
        r.elapsedMs = run->clock.elapsed();
        if (r.bytes && r.elapsedMs > 0) r.bytesPerSecond = double(processed) * 1000.0 / double(r.elapsedMs);
        if (changed && !run->shared->cancel.cancelled()) copyShared(r, *run->shared);
        m_model->rowChanged(i);
        emit jobChanged(r.id);
    }
    if (m_running.empty()) m_timer->stop();
}

void JobRunner::onWorkerDone(int id, JobOutcome outcome) {
    auto it = std::find_if(m_running.begin(), m_running.end(), [id](const auto& r) { return r->id == id; });
    if (it == m_running.end()) return;
    std::unique_ptr<Running> run = std::move(*it);
    m_running.erase(it);
    run->thread->wait();
    delete run->thread;
    const int i = indexOf(id);
    if (i >= 0) {
        JobRecord& r = m_records[size_t(i)];
        const bool wasCancelled = run->shared->cancel.cancelled();
        copyShared(r, *run->shared);
        r.elapsedMs = run->clock.elapsed();
        // A cancel that came too late to stop anything still leaves a finished job finished.
        if (wasCancelled && outcome.state == JobState::Failed) outcome = JobOutcome::cancelled();
        r.state = outcome.state;
        if (r.state == JobState::Finished && r.total) r.done = r.total;
        r.stage = outcome.message;
        r.outcome = outcome;
        if (!outcome.detail.isEmpty() && outcome.detail != outcome.message) r.log.append(outcome.detail);
        m_model->rowChanged(i);
        emit jobFinished(id, r.state);
        const int j = indexOf(id);  // a listener may have cleared the list
        if (j >= 0 && m_records[size_t(j)].removeWhenDone) {
            m_model->beginRemove(j);
            m_records.erase(m_records.begin() + j);
            m_specs.erase(m_specs.begin() + j);
            m_model->endRemove();
        }
    }
    emit activeCountChanged(activeCount());
    startQueued();
    if (activeCount() == 0) emit idle();
}

}  // namespace qd::ui
