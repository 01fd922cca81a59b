#include "ui/model_scan.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

#include <filesystem>

#include "core/engine/run_check.h"
#include "core/gguf/gguf_file.h"

namespace qd::ui {

QString ModelEntry::fileName() const { return QFileInfo(path).fileName(); }

QString normalizeLocation(const QString& path) {
    if (path.isEmpty()) return {};
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

bool isUnderLocation(const QString& path, const QString& location) {
    if (location.isEmpty()) return false;
    if (path == location) return true;
    const QString prefix = location.endsWith(QLatin1Char('/')) ? location : location + QLatin1Char('/');
    return path.startsWith(prefix);
}

namespace {

bool hasGgufSuffix(const QString& name) { return name.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive); }

}  // namespace

QStringList findGgufFiles(const QStringList& locations, const std::function<bool()>& cancelled) {
    QStringList found;
    QSet<QString> seen;  // canonical paths, so a symlinked duplicate is listed once
    auto add = [&](const QFileInfo& info) {
        const QString canonical = info.canonicalFilePath();
        const QString key = canonical.isEmpty() ? info.absoluteFilePath() : canonical;
        if (seen.contains(key)) return;
        seen.insert(key);
        found.append(QDir::cleanPath(info.absoluteFilePath()));
    };
    for (const QString& location : locations) {
        if (cancelled && cancelled()) break;
        const QFileInfo info(location);
        if (info.isFile()) {
            add(info);
            continue;
        }
        if (!info.isDir()) continue;  // a folder that went away is simply empty now
        // Symlinked folders are not followed: a link back up the tree would never end.
        // Unreadable files are kept: the table lists them with the reason rather than hiding them.
        QDirIterator it(location, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            if (cancelled && cancelled()) break;
            it.next();
            const QFileInfo fi = it.fileInfo();
            if (hasGgufSuffix(fi.fileName())) add(fi);
        }
    }
    found.sort();
    return found;
}

ModelEntry readModelEntry(const QString& path) {
    ModelEntry entry;
    entry.path = path;
    const QFileInfo info(path);
    entry.fileSize = info.size();
    entry.modified = info.lastModified();
    auto file = qd::GgufFile::open(std::filesystem::path(path.toStdWString()));
    if (!file) {
        entry.error = QString::fromStdString(file.message());
        // The core starts its messages with the file name, which the table already shows.
        const QString prefix = info.fileName() + QStringLiteral(": ");
        if (entry.error.startsWith(prefix)) entry.error.remove(0, prefix.size());
        if (entry.error.isEmpty()) entry.error = QStringLiteral("unreadable file");
        return entry;
    }
    entry.summary = qd::summarizeModel(*file);  // with the engine's verdict on running it
    return entry;
}

}  // namespace qd::ui
