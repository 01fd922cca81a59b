// The model library: the folders and files the person added, the other tools' stores QuantDesk found
// (model_stores.h), the scan that reads them and the list model of what it found. One application
// object, created by main() and shared by the pages (the Models page shows it, the wizard picks its
// sources from it); it owns no widget.
//
// Scans run in ModelScanner's worker; the folders are watched, so files that appear or go away are
// picked up without Rescan.
#pragma once

#include <QObject>
#include <QSet>
#include <QStringList>

#include "ui/model_scan.h"
#include "ui/model_stores.h"

class QFileSystemWatcher;
class QTimer;

namespace qd::ui {

class ModelListModel;
class ModelScanner;
class Settings;

class Library : public QObject {
    Q_OBJECT
public:
    // Reads the locations from the settings and the stores of this machine; the first scan starts when
    // the event loop runs.
    explicit Library(Settings& settings, QObject* parent = nullptr);
    ~Library() override;

    // Folders and single files the person added, as stored in the settings.
    QStringList locations() const { return m_locations; }
    // locations() plus the enabled stores that exist: what a scan reads.
    QStringList scanLocations() const;
    bool isEmpty() const { return scanLocations().isEmpty(); }

    const QList<ModelStore>& modelStores() const { return m_stores; }
    void setModelStores(const QList<ModelStore>& stores);  // tests point them at a temporary home
    bool isStoreEnabled(const QString& id) const;
    void setStoreEnabled(const QString& id, bool enabled);

    ModelListModel* model() const { return m_model; }
    ModelScanner* scanner() const { return m_scanner; }
    bool isScanning() const;
    QStringList watchedFolders() const;

    // Whether `path` lies in a location or an enabled store.
    bool covers(const QString& path) const;

public slots:
    // Adds a folder (scanned at once); returns its normalized form.
    QString addFolder(const QString& folder);
    // Adds a single file unless a location already holds it; scans it when it is not listed yet.
    QString addFile(const QString& file);
    void removeLocation(const QString& location);
    void rescan();
    void cancelScan();

signals:
    void locationsChanged(const QStringList& locations);
    void storesChanged();
    void scanStarted();
    // total is 0 while the scan is still looking for files.
    void scanProgress(int done, int total, const QString& currentFile);
    void entriesArrived();
    // After the list model was updated (gone files removed).
    void scanFinished(int models, int unreadable, bool cancelled);

private:
    void setLocations(const QStringList& locations);
    QStringList enabledStorePaths() const;
    void dropUncovered();
    void onEntries(const QList<ModelEntry>& entries);
    void onScanFinished(const QStringList& scanned, bool cancelled);
    void watchFolders();

    Settings& m_settings;
    QStringList m_locations;
    QList<ModelStore> m_stores;
    QSet<QString> m_seenInScan;
    ModelScanner* m_scanner = nullptr;
    ModelListModel* m_model = nullptr;
    QFileSystemWatcher* m_fsWatcher = nullptr;
    QTimer* m_watchTimer = nullptr;
};

}  // namespace qd::ui
