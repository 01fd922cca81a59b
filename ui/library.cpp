#include "ui/library.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

#include <algorithm>

#include "ui/model_list_model.h"
#include "ui/model_scanner.h"
#include "ui/settings.h"

namespace qd::ui {

Library::Library(Settings& settings, QObject* parent) : QObject(parent), m_settings(settings) {
    m_scanner = new ModelScanner(this);
    m_model = new ModelListModel(this);
    connect(m_scanner, &ModelScanner::started, this, &Library::scanStarted);
    connect(m_scanner, &ModelScanner::progress, this, &Library::scanProgress);
    connect(m_scanner, &ModelScanner::entriesReady, this, &Library::onEntries);
    connect(m_scanner, &ModelScanner::finished, this, &Library::onScanFinished);

    m_fsWatcher = new QFileSystemWatcher(this);
    m_watchTimer = new QTimer(this);
    m_watchTimer->setSingleShot(true);
    m_watchTimer->setInterval(700);  // a download or a copy changes a folder many times
    connect(m_fsWatcher, &QFileSystemWatcher::directoryChanged, m_watchTimer, qOverload<>(&QTimer::start));
    connect(m_watchTimer, &QTimer::timeout, this, [this] {
        if (m_scanner->isRunning()) m_watchTimer->start();
        else rescan();
    });

    m_stores = knownModelStores();
    m_locations = m_settings.libraryLocations();
    // After the window has shown itself, so the first paint does not wait for anything.
    if (!scanLocations().isEmpty()) QTimer::singleShot(0, this, &Library::rescan);
}

Library::~Library() = default;

bool Library::isScanning() const { return m_scanner->isRunning(); }

QStringList Library::watchedFolders() const { return m_fsWatcher->directories(); }

QStringList Library::enabledStorePaths() const {
    const QStringList disabled = m_settings.value(Settings::Key::DisabledModelStores).toStringList();
    QStringList paths;
    for (const ModelStore& store : m_stores)
        if (store.exists() && !disabled.contains(store.id)) paths << normalizeLocation(store.path);
    return paths;
}

QStringList Library::scanLocations() const {
    QStringList all = m_locations;
    for (const QString& p : enabledStorePaths())
        if (std::none_of(all.cbegin(), all.cend(), [&p](const QString& loc) { return isUnderLocation(p, loc); })) all << p;
    return all;
}

bool Library::covers(const QString& path) const {
    const QStringList all = scanLocations();
    return std::any_of(all.cbegin(), all.cend(), [&](const QString& loc) { return isUnderLocation(path, loc); });
}

bool Library::isStoreEnabled(const QString& id) const {
    return !m_settings.value(Settings::Key::DisabledModelStores).toStringList().contains(id);
}

void Library::setModelStores(const QList<ModelStore>& stores) {
    m_stores = stores;
    dropUncovered();
    emit storesChanged();
    rescan();
}

void Library::setStoreEnabled(const QString& id, bool enabled) {
    QStringList disabled = m_settings.value(Settings::Key::DisabledModelStores).toStringList();
    disabled.removeAll(id);
    if (!enabled) disabled << id;
    m_settings.setValue(Settings::Key::DisabledModelStores, disabled);
    dropUncovered();
    emit storesChanged();
    if (enabled) rescan();
}

void Library::dropUncovered() {
    const QStringList rest = scanLocations();
    m_model->removeIf([&rest](const ModelEntry& e) {
        return std::none_of(rest.cbegin(), rest.cend(), [&e](const QString& loc) { return isUnderLocation(e.path, loc); });
    });
}

void Library::setLocations(const QStringList& locations) {
    m_locations = locations;
    m_settings.setLibraryLocations(locations);
    emit locationsChanged(locations);
}

QString Library::addFolder(const QString& folder) {
    const QString location = normalizeLocation(folder);
    if (location.isEmpty()) return {};
    if (!m_locations.contains(location)) {
        setLocations(m_locations + QStringList{location});
        // A running scan is restarted over everything; otherwise only the new folder is read.
        m_scanner->start(m_scanner->isRunning() ? scanLocations() : QStringList{location});
    }
    return location;
}

QString Library::addFile(const QString& file) {
    const QString path = normalizeLocation(file);
    if (path.isEmpty()) return {};
    if (!covers(path)) {
        setLocations(m_locations + QStringList{path});
        m_scanner->start(m_scanner->isRunning() ? scanLocations() : QStringList{path});
    } else if (m_model->rowForPath(path) < 0 && !m_scanner->isRunning()) {
        m_scanner->start({path});  // in a library folder but new since the last scan
    }
    return path;
}

void Library::removeLocation(const QString& location) {
    if (!m_locations.contains(location)) return;
    QStringList remaining = m_locations;
    remaining.removeAll(location);
    const bool wasScanning = m_scanner->isRunning();
    setLocations(remaining);
    dropUncovered();
    if (wasScanning) {
        const QStringList rest = scanLocations();
        if (rest.isEmpty()) m_scanner->cancel();
        else m_scanner->start(rest);
    }
}

void Library::rescan() {
    const QStringList all = scanLocations();
    if (all.isEmpty()) {
        m_model->clear();
        return;
    }
    m_scanner->start(all);
}

void Library::cancelScan() { m_scanner->cancel(); }

void Library::onEntries(const QList<ModelEntry>& entries) {
    for (const ModelEntry& e : entries) m_seenInScan.insert(e.path);
    m_model->upsert(entries);
    emit entriesArrived();
}

void Library::onScanFinished(const QStringList& scanned, bool cancelled) {
    if (!cancelled) {
        // Files that were under the scanned locations but are gone now.
        const QSet<QString> seen = m_seenInScan;
        m_model->removeIf([&](const ModelEntry& e) {
            if (seen.contains(e.path)) return false;
            return std::any_of(scanned.cbegin(), scanned.cend(), [&e](const QString& loc) { return isUnderLocation(e.path, loc); });
        });
        watchFolders();
    }
    m_seenInScan.clear();
    emit scanFinished(m_model->rowCount() - m_model->unreadableCount(), m_model->unreadableCount(), cancelled);
}

void Library::watchFolders() {
    const QStringList watched = m_fsWatcher->directories();
    if (!watched.isEmpty()) m_fsWatcher->removePaths(watched);
    // Each folder of the library and its subfolders, up to a limit that keeps inotify within bounds.
    constexpr int kMaxWatched = 4000;
    QStringList dirs;
    for (const QString& location : scanLocations()) {
        if (!QFileInfo(location).isDir()) continue;
        dirs << location;
        QDirIterator it(location, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext() && dirs.size() < kMaxWatched) dirs << it.next();
        if (dirs.size() >= kMaxWatched) break;
    }
    if (!dirs.isEmpty()) m_fsWatcher->addPaths(dirs);
}

}  // namespace qd::ui
