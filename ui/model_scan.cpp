#include "ui/model_scan.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/engine/run_check.h"
#include "core/convert/import_model.h"
#include "core/convert/safetensors.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/model_summary.h"

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

namespace {

bool isCheckpointFolder(const QString& folder) {
    const QDir dir(folder);
    return dir.exists(QStringLiteral("config.json")) &&
           !dir.entryList({QStringLiteral("*.safetensors")}, QDir::Files | QDir::System).isEmpty();
}

// models--ORG--NAME/snapshots/REV -> ORG/NAME (the Hugging Face hub cache's layout).
QString hubAlias(const QString& folder) {
    const QStringList parts = folder.split(QLatin1Char('/'));
    for (int i = 0; i + 2 < parts.size(); ++i)
        if (parts[i].startsWith(QLatin1String("models--")) && parts[i + 1] == QLatin1String("snapshots"))
            return parts[i].mid(8).replace(QLatin1String("--"), QLatin1String("/"));
    return {};
}

// An Ollama models folder: manifests/HOST/NAMESPACE/MODEL/TAG (JSON) name layers by digest, stored
// as blobs/sha256-HEX; the layer of media type "application/vnd.ollama.image.model" is the GGUF file.
void addOllamaModels(const QString& root, QList<ModelTarget>& out, const std::function<bool()>& cancelled) {
    const QString manifests = root + QStringLiteral("/manifests");
    QDirIterator it(manifests, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (cancelled && cancelled()) return;
        it.next();
        QFile f(it.filePath());
        if (f.size() > (1 << 20) || !f.open(QIODevice::ReadOnly)) continue;
        const QJsonObject manifest = QJsonDocument::fromJson(f.readAll()).object();
        for (const QJsonValue& layer : manifest.value(QStringLiteral("layers")).toArray()) {
            const QJsonObject l = layer.toObject();
            if (l.value(QStringLiteral("mediaType")).toString() != QLatin1String("application/vnd.ollama.image.model")) continue;
            const QString digest = l.value(QStringLiteral("digest")).toString();
            static const QRegularExpression valid(QStringLiteral("^sha256:[0-9a-f]{64}$"));
            if (!valid.match(digest).hasMatch()) continue;
            const QString blob = root + QStringLiteral("/blobs/") + QString(digest).replace(QLatin1Char(':'), QLatin1Char('-'));
            if (!QFileInfo(blob).isFile()) continue;
            // HOST/NAMESPACE/MODEL/TAG -> MODEL:TAG, NAMESPACE/MODEL:TAG when it is not "library".
            QStringList parts = QDir(manifests).relativeFilePath(it.filePath()).split(QLatin1Char('/'));
            QString alias;
            if (parts.size() >= 4) {
                const QString tag = parts.takeLast();
                const QString model = parts.takeLast();
                const QString ns = parts.takeLast();
                alias = (ns == QLatin1String("library") ? QString() : ns + QLatin1Char('/')) + model + QLatin1Char(':') + tag;
            } else {
                alias = parts.join(QLatin1Char(':'));
            }
            out.append({QDir::cleanPath(blob), ModelKind::Gguf, alias});
        }
    }
}

}  // namespace

QList<ModelTarget> findModels(const QStringList& locations, const std::function<bool()>& cancelled) {
    QList<ModelTarget> out;
    for (const QString& file : findGgufFiles(locations, cancelled)) out.append({file, ModelKind::Gguf, {}});
    QSet<QString> folders;
    for (const QString& location : locations) {
        if (cancelled && cancelled()) break;
        const QFileInfo info(location);
        if (!info.isDir()) continue;
        const QString root = QDir::cleanPath(info.absoluteFilePath());
        if (QDir(root).exists(QStringLiteral("manifests")) && QDir(root).exists(QStringLiteral("blobs")))
            addOllamaModels(root, out, cancelled);
        if (isCheckpointFolder(root)) folders.insert(root);
        QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            if (cancelled && cancelled()) break;
            const QString dir = QDir::cleanPath(it.next());
            if (isCheckpointFolder(dir)) folders.insert(dir);
        }
    }
    for (const QString& f : folders) out.append({f, ModelKind::HuggingFace, hubAlias(f)});
    // One entry per path (a blob can be listed by two tags: the first name wins).
    std::sort(out.begin(), out.end(), [](const ModelTarget& a, const ModelTarget& b) { return a.path < b.path; });
    out.erase(std::unique(out.begin(), out.end(), [](const ModelTarget& a, const ModelTarget& b) { return a.path == b.path; }),
              out.end());
    return out;
}

ModelEntry readModelEntry(const ModelTarget& target) {
    if (target.kind == ModelKind::Gguf) {
        ModelEntry e = readModelEntry(target.path);
        e.alias = target.alias;
        return e;
    }
    ModelEntry entry;
    entry.path = target.path;
    entry.kind = ModelKind::HuggingFace;
    entry.alias = target.alias;
    const QFileInfo info(target.path);
    entry.modified = info.lastModified();
    qd::ModelSummary& s = entry.summary;
    s.name = (target.alias.isEmpty() ? info.fileName() : target.alias).toStdString();
    QFile config(target.path + QStringLiteral("/config.json"));
    if (config.size() < (4 << 20) && config.open(QIODevice::ReadOnly)) {
        const QJsonObject c = QJsonDocument::fromJson(config.readAll()).object();
        const QJsonArray archs = c.value(QStringLiteral("architectures")).toArray();
        s.architecture = (archs.isEmpty() ? c.value(QStringLiteral("model_type")).toString() : archs.first().toString()).toStdString();
        s.contextLength = quint64(std::max(0.0, c.value(QStringLiteral("max_position_embeddings")).toDouble()));
        s.blockCount = quint64(std::max(0.0, c.value(QStringLiteral("num_hidden_layers")).toDouble()));
    }
    auto set = qd::SafetensorsSet::openFolder(std::filesystem::path(target.path.toStdWString()));
    if (!set) {
        entry.error = QString::fromStdString(set.message());
        return entry;
    }
    std::map<std::string, uint64_t> byDtype;       // elements per dtype: the checkpoint's type is the commonest
    for (const auto& t : set->tensors()) {
        s.parameterCount += t.elementCount();
        byDtype[qd::stDtypeName(t.dtype)] += t.elementCount();
        ++s.tensorsByType[qd::stDtypeName(t.dtype)];
        ++s.tensorCount;
    }
    s.tensorBytes = set->totalBytes();
    entry.fileSize = qint64(set->totalBytes());
    s.fileSize = set->totalBytes();
    s.bitsPerWeight = s.parameterCount ? 8.0 * double(s.tensorBytes) / double(s.parameterCount) : 0.0;
    for (const auto& [dtype, count] : byDtype)
        if (s.fileType.empty() || count > byDtype[s.fileType]) s.fileType = dtype;
    s.sizeLabel = qd::parameterSizeLabel(s.parameterCount);
    auto plan = qd::planImport(std::filesystem::path(target.path.toStdWString()));
    if (!plan) entry.importProblem = QString::fromStdString(plan.message());
    s.unsupported = "a Hugging Face checkpoint: import it to GGUF to run it";
    s.runChecked = true;
    return entry;
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
