// Scans the model library on a worker thread.
//
// ModelScanner owns the running job: start() launches findGgufFiles + readModelEntry on the global
// thread pool through QtConcurrent, and a QFutureWatcher living in the GUI thread turns the worker's
// results and progress into queued signals. Nothing here blocks the GUI thread; a new start() or
// cancel() abandons the running scan (the worker notices at its next file).
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <memory>

#include "ui/model_scan.h"

namespace qd::ui {

class ModelScanner : public QObject {
    Q_OBJECT
public:
    explicit ModelScanner(QObject* parent = nullptr);
    ~ModelScanner() override;

    // True from start() until its finished() signal.
    bool isRunning() const;
    // The locations of the running (or last) scan.
    QStringList locations() const { return m_locations; }

public slots:
    // Scans `locations`; a scan already running is cancelled first and its later results ignored.
    void start(const QStringList& locations);
    void cancel();

signals:
    void started(const QStringList& locations);
    // total is 0 while the worker is still looking for files.
    void progress(int done, int total, const QString& currentFile);
    void entriesReady(const QList<qd::ui::ModelEntry>& entries);
    // Emitted once per start(); `cancelled` when cancel() or a newer start() cut it short.
    void finished(const QStringList& locations, bool cancelled);

private:
    void onResultsReady(int begin, int end);
    void onFinished();

    std::unique_ptr<QFutureWatcher<ModelEntry>> m_watcher;
    QStringList m_locations;
    int m_done = 0;
    int m_total = 0;
    bool m_active = false;  // between start() and the finished signal of that start
};

}  // namespace qd::ui
