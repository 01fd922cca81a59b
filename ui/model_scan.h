// Finding and reading the GGUF files of the model library. Plain functions, safe to call on any
// thread: ModelScanner runs them on a worker, tests call them directly.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <functional>

#include "core/gguf/model_summary.h"

namespace qd::ui {

enum class ModelKind { Gguf, HuggingFace };

// One file of the library as the Models table shows it.
struct ModelEntry {
    QString path;           // absolute, with '/' separators (a Hugging Face checkpoint: its folder)
    ModelKind kind = ModelKind::Gguf;
    QString alias;          // the name the model has in its store ("llama3.2:3b", "org/name"), or empty
    QString importProblem;  // Hugging Face: why QuantDesk cannot import it (empty: it can)
    qint64 fileSize = 0;    // from the file system, so unreadable files have one too
    QDateTime modified;
    QString error;          // why the file could not be read; empty when it could
    qd::ModelSummary summary;  // valid when error is empty

    bool readable() const { return error.isEmpty(); }
    QString fileName() const;
};

// Every *.gguf file (case-insensitive) in `locations`: a folder is searched with its subfolders, a
// file is taken as it is. Sorted, without duplicates (a file reached from two nested folders is listed
// once). `cancelled` is polled between directory entries; when it returns true the search stops and
// returns what it found so far.
QStringList findGgufFiles(const QStringList& locations, const std::function<bool()>& cancelled = {});

// Opens `path` and summarizes it; failures become the entry's error instead of being dropped.
ModelEntry readModelEntry(const QString& path);

// Something the library lists: a GGUF file (possibly an Ollama blob with the name from its manifest) or
// a Hugging Face checkpoint folder (config.json + *.safetensors).
struct ModelTarget {
    QString path;
    ModelKind kind = ModelKind::Gguf;
    QString alias;
    bool operator==(const ModelTarget&) const = default;
};

// Everything findGgufFiles finds, plus Hugging Face checkpoint folders (the hub cache's
// models--ORG--NAME/snapshots/REV folders are named ORG/NAME) and, in an Ollama models folder
// (manifests/ and blobs/), the GGUF blob of every manifest, named NAME:TAG. Sorted by path.
QList<ModelTarget> findModels(const QStringList& locations, const std::function<bool()>& cancelled = {});

// Reads a target: a GGUF file as readModelEntry does; a checkpoint folder from config.json and the
// safetensors headers (architecture, parameters, dtype, size, and whether QuantDesk can import it).
ModelEntry readModelEntry(const ModelTarget& target);

// Whether `path` is `location` itself or lies inside the folder `location`.
bool isUnderLocation(const QString& path, const QString& location);

// The form in which locations are stored and compared: absolute, clean, '/' separators.
QString normalizeLocation(const QString& path);

}  // namespace qd::ui

Q_DECLARE_METATYPE(qd::ui::ModelEntry)
