#include "ui/model_stores.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace qd::ui {

namespace {

// lupdate files a free tr() in namespace qd::ui under the context "qd::ui"; look it up there.
QString tr(const char* text) { return QCoreApplication::translate("qd::ui", text); }

QString firstExisting(const QStringList& candidates) {
    for (const QString& c : candidates)
        if (QFileInfo(c).isDir()) return QDir::cleanPath(c);
    return candidates.isEmpty() ? QString() : QDir::cleanPath(candidates.first());
}

}  // namespace

bool ModelStore::exists() const { return !path.isEmpty() && QFileInfo(path).isDir(); }

QList<ModelStore> knownModelStores(const QProcessEnvironment& env, const QString& home) {
    const QString cache = env.value(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
    const QString data = env.value(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    QList<ModelStore> stores;

    // Hugging Face: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub.
    QString hub = env.value(QStringLiteral("HF_HUB_CACHE"));
    if (hub.isEmpty() && env.contains(QStringLiteral("HF_HOME"))) hub = env.value(QStringLiteral("HF_HOME")) + QStringLiteral("/hub");
    if (hub.isEmpty()) hub = cache + QStringLiteral("/huggingface/hub");
    stores.append({QStringLiteral("huggingface"), tr("Hugging Face cache"), QDir::cleanPath(hub)});

    // LM Studio: ~/.lmstudio/models (0.3 and later), ~/.cache/lm-studio/models before.
    stores.append({QStringLiteral("lmstudio"), tr("LM Studio"),
                   firstExisting({home + QStringLiteral("/.lmstudio/models"), cache + QStringLiteral("/lm-studio/models")})});

    // GPT4All's default download folder.
    stores.append({QStringLiteral("gpt4all"), tr("GPT4All"),
                   firstExisting({data + QStringLiteral("/nomic.ai/GPT4All"), home + QStringLiteral("/Library/Application Support/nomic.ai/GPT4All")})});

    // Ollama: OLLAMA_MODELS, else ~/.ollama/models (the Linux service keeps /usr/share/ollama/.ollama/models).
    QString ollama = env.value(QStringLiteral("OLLAMA_MODELS"));
    if (ollama.isEmpty())
        ollama = firstExisting({home + QStringLiteral("/.ollama/models"), QStringLiteral("/usr/share/ollama/.ollama/models")});
    stores.append({QStringLiteral("ollama"), tr("Ollama"), QDir::cleanPath(ollama)});

    // llama.cpp's -hf downloads: LLAMA_CACHE, else ~/.cache/llama.cpp.
    stores.append({QStringLiteral("llamacpp"), tr("llama.cpp cache"),
                   QDir::cleanPath(env.value(QStringLiteral("LLAMA_CACHE"), cache + QStringLiteral("/llama.cpp")))});
    return stores;
}

QList<ModelStore> knownModelStores() { return knownModelStores(QProcessEnvironment::systemEnvironment(), QDir::homePath()); }

}  // namespace qd::ui
