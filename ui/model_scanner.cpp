#include "ui/model_scanner.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace qd::ui {

namespace {

// The worker: runs on a pool thread and talks to the GUI only through the promise.
void scanJob(QPromise<ModelEntry>& promise, const QStringList& locations) {
    promise.setProgressRange(0, 0);
    const QList<ModelTarget> files = findModels(locations, [&promise] { return promise.isCanceled(); });
    promise.setProgressRange(0, static_cast<int>(files.size()));
    for (int i = 0; i < files.size(); ++i) {
        if (promise.isCanceled()) return;
        promise.setProgressValueAndText(i, QFileInfo(files[i].path).fileName());
        promise.addResult(readModelEntry(files[i]));
    }
    promise.setProgressValue(static_cast<int>(files.size()));
}

}  // namespace

ModelScanner::ModelScanner(QObject* parent) : QObject(parent) { qRegisterMetaType<QList<ModelEntry>>(); }

ModelScanner::~ModelScanner() {
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->cancel();
        // At most the one file being parsed is left; waiting keeps the job from outliving its data.
        m_watcher->waitForFinished();
    }
}

bool ModelScanner::isRunning() const { return m_active; }

void ModelScanner::start(const QStringList& locations) {
    if (m_watcher) {
        // The old job finishes on its own; its watcher is dropped so nothing of it reaches us.
        // m_active rather than isRunning(): the job may have ended with its finished signal still queued.
        const bool wasActive = m_active;
        m_watcher->disconnect(this);
        m_watcher->cancel();
        if (wasActive) emit finished(m_locations, true);
        QFutureWatcher<ModelEntry>* old = m_watcher.release();
        if (old->isFinished()) old->deleteLater();
        else connect(old, &QFutureWatcherBase::finished, old, &QObject::deleteLater);
    }
    m_locations = locations;
    m_active = true;
    m_done = 0;
    m_total = 0;
    m_watcher = std::make_unique<QFutureWatcher<ModelEntry>>();
    auto* w = m_watcher.get();
    connect(w, &QFutureWatcherBase::resultsReadyAt, this, &ModelScanner::onResultsReady);
    connect(w, &QFutureWatcherBase::progressRangeChanged, this, [this](int, int maximum) {
        m_total = maximum;
        emit progress(m_done, m_total, QString());
    });
    connect(w, &QFutureWatcherBase::progressValueChanged, this, [this, w](int value) {
        m_done = value;
        emit progress(m_done, m_total, w->progressText());
    });
    connect(w, &QFutureWatcherBase::finished, this, &ModelScanner::onFinished);
    emit started(m_locations);
    emit progress(0, 0, QString());
    w->setFuture(QtConcurrent::run(scanJob, locations));
}

void ModelScanner::cancel() {
    if (m_active) m_watcher->cancel();
}

void ModelScanner::onResultsReady(int begin, int end) {
    QList<ModelEntry> entries;
    entries.reserve(end - begin);
    for (int i = begin; i < end; ++i) entries.append(m_watcher->resultAt(i));
    emit entriesReady(entries);
}

void ModelScanner::onFinished() {
    m_active = false;
    emit finished(m_locations, m_watcher->isCanceled());
}

}  // namespace qd::ui
