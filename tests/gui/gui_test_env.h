// GUI tests must not list the models of whoever runs them: the library also reads other tools' model
// stores (Hugging Face cache, Ollama, ...) from the home folder and environment, so each test points
// them at an empty temporary home first.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QTemporaryDir>
#include <QString>
#include <QtGlobal>

namespace qdtest {

inline void isolateModelStores(const QString& emptyHome) {
    qputenv("HOME", emptyHome.toUtf8());
    for (const char* v : {"XDG_CACHE_HOME", "XDG_DATA_HOME", "HF_HOME", "HF_HUB_CACHE", "OLLAMA_MODELS", "LLAMA_CACHE"})
        qunsetenv(v);
}

// A test program's own home (other tools' model stores, found empty) and QuantDesk data folder (the results
// database, lab reports) below `dir`.
inline bool useScratchHome(const QTemporaryDir& dir) {
    if (!dir.isValid() || !QDir().mkpath(dir.filePath(QStringLiteral("home")))) return false;
    isolateModelStores(dir.filePath(QStringLiteral("home")));
    qputenv("QUANTDESK_DATA_DIR", dir.filePath(QStringLiteral("data")).toUtf8());
    return true;
}

}  // namespace qdtest
