// The places other tools keep models, which the library offers besides the person's own folders: the
// Hugging Face hub cache, LM Studio's and GPT4All's model folders, Ollama's models (GGUF blobs named
// from their manifests) and llama.cpp's download cache. Each can be switched off in the File menu.
//
// Paths follow each tool's own rules (environment variables first, then its default folder), read
// from an environment given as a value so tests can point them at a temporary home.
#pragma once

#include <QList>
#include <QProcessEnvironment>
#include <QString>

namespace qd::ui {

struct ModelStore {
    QString id;       // stable key for the settings: "huggingface", "lmstudio", "gpt4all", "ollama", "llamacpp"
    QString name;     // shown to the person
    QString path;     // where it is on this machine (may not exist)
    bool exists() const;
};

// Every known store, in menu order, for `env` and the home folder `home`.
QList<ModelStore> knownModelStores(const QProcessEnvironment& env, const QString& home);
// The same for this process.
QList<ModelStore> knownModelStores();

}  // namespace qd::ui
