// The library beyond the person's own folders: other tools' model stores laid out as those tools lay
// them out (Hugging Face hub cache with a real checkpoint, LM Studio, GPT4All, Ollama manifests and
// blobs, llama.cpp's cache) in a temporary home; switching a store off; watched folders picking up new
// and deleted files without Rescan; Hugging Face checkpoint rows.
#include <QtTest>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "gui/gui_test_env.h"
#include "ui/library.h"
#include "ui/model_list_model.h"
#include "ui/model_scan.h"
#include "ui/model_stores.h"
#include "ui/models_page.h"
#include "ui/resources.h"
#include "ui/settings.h"

using namespace qd::ui;

namespace {

QString sharedDir() { return qEnvironmentVariable("QD_SHARED_DIR", QStringLiteral(QD_SHARED_DIR)); }
QString fixture(const QString& name) { return sharedDir() + QStringLiteral("/fixtures/llamacpp/") + name; }

bool copyFolder(const QString& from, const QString& to) {
    if (!QDir().mkpath(to)) return false;
    for (const QFileInfo& f : QDir(from).entryInfoList(QDir::Files))
        if (!QFile::copy(f.absoluteFilePath(), to + QLatin1Char('/') + f.fileName())) return false;
    return true;
}

bool copyFile(const QString& from, const QString& to) {
    QDir().mkpath(QFileInfo(to).absolutePath());
    return QFile::copy(from, to);
}

QString sha256Of(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

// The row of `path`, or -1.
int rowOf(const ModelListModel* m, const QString& path) { return m->rowForPath(QDir::cleanPath(path)); }

QString cell(const ModelListModel* m, int row, int column) { return m->index(row, column).data().toString(); }

}  // namespace

class TestModelStores : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_home;
    QProcessEnvironment m_env;

    QString home(const QString& rel) const { return m_home + QLatin1Char('/') + rel; }

private slots:
    void initTestCase() {
        initResources();
        QVERIFY(m_dir.isValid());
        m_home = m_dir.filePath(QStringLiteral("home"));
        qdtest::isolateModelStores(m_dir.filePath(QStringLiteral("empty-home")));
        m_env = QProcessEnvironment();  // no variables: every tool's default folder under m_home

        // Hugging Face hub cache: a real checkpoint and one QuantDesk cannot import (the BLOOM one relabelled
        // as GPT-NeoX, a family the importer does not convert).
        QVERIFY(copyFolder(sharedDir() + QStringLiteral("/models/shakespeare-llama"),
                           home(QStringLiteral(".cache/huggingface/hub/models--shakespeare--tiny-llama/snapshots/0123abcd"))));
        const QString neox = home(QStringLiteral(".cache/huggingface/hub/models--shakespeare--tiny-neox/snapshots/4567ef01"));
        QVERIFY(copyFolder(sharedDir() + QStringLiteral("/models/shakespeare-bloom"), neox));
        {
            QFile config(neox + QStringLiteral("/config.json"));
            QVERIFY(config.open(QIODevice::ReadOnly));
            QByteArray text = config.readAll().replace("BloomForCausalLM", "GPTNeoXForCausalLM");
            config.close();
            QVERIFY(config.remove());
            QVERIFY(config.open(QIODevice::WriteOnly));
            config.write(text);
        }
        QVERIFY(copyFile(fixture(QStringLiteral("shakespeare-Q4_0.gguf")),
                         home(QStringLiteral(".lmstudio/models/someone/shakespeare-GGUF/shakespeare-Q4_0.gguf"))));
        QVERIFY(copyFile(fixture(QStringLiteral("shakespeare-Q5_0.gguf")),
                         home(QStringLiteral(".local/share/nomic.ai/GPT4All/shakespeare-Q5_0.gguf"))));
        QVERIFY(copyFile(fixture(QStringLiteral("shakespeare-Q6_K.gguf")),
                         home(QStringLiteral(".cache/llama.cpp/someone_shakespeare-GGUF_shakespeare-Q6_K.gguf"))));
        // Ollama: the blob is named by its digest; the manifest names it.
        const QString blobSource = fixture(QStringLiteral("shakespeare-Q8_0.gguf"));
        const QString digest = sha256Of(blobSource);
        QVERIFY(copyFile(blobSource, home(QStringLiteral(".ollama/models/blobs/sha256-") + digest)));
        QJsonObject layer{{QStringLiteral("mediaType"), QStringLiteral("application/vnd.ollama.image.model")},
                          {QStringLiteral("digest"), QStringLiteral("sha256:") + digest},
                          {QStringLiteral("size"), QFileInfo(blobSource).size()}};
        QJsonObject manifest{{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("layers"), QJsonArray{layer}}};
        const QString manifestPath = home(QStringLiteral(".ollama/models/manifests/registry.ollama.ai/library/shakespeare/q8"));
        QDir().mkpath(QFileInfo(manifestPath).absolutePath());
        QFile mf(manifestPath);
        QVERIFY(mf.open(QIODevice::WriteOnly));
        mf.write(QJsonDocument(manifest).toJson());
    }

    void storePathsFollowEachToolsRules() {
        const QList<ModelStore> defaults = knownModelStores(m_env, m_home);
        QStringList ids;
        for (const auto& s : defaults) ids << s.id;
        QCOMPARE(ids, (QStringList{QStringLiteral("huggingface"), QStringLiteral("lmstudio"), QStringLiteral("gpt4all"),
                                   QStringLiteral("ollama"), QStringLiteral("llamacpp")}));
        QCOMPARE(defaults[0].path, home(QStringLiteral(".cache/huggingface/hub")));
        QCOMPARE(defaults[1].path, home(QStringLiteral(".lmstudio/models")));
        QCOMPARE(defaults[3].path, home(QStringLiteral(".ollama/models")));
        for (const auto& s : defaults) QVERIFY2(s.exists(), qPrintable(s.path));
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_HOME"), QStringLiteral("/data/hf"));
        env.insert(QStringLiteral("OLLAMA_MODELS"), QStringLiteral("/data/ollama"));
        env.insert(QStringLiteral("LLAMA_CACHE"), QStringLiteral("/data/llama"));
        const QList<ModelStore> custom = knownModelStores(env, m_home);
        QCOMPARE(custom[0].path, QStringLiteral("/data/hf/hub"));
        QCOMPARE(custom[3].path, QStringLiteral("/data/ollama"));
        QCOMPARE(custom[4].path, QStringLiteral("/data/llama"));
        env.insert(QStringLiteral("HF_HUB_CACHE"), QStringLiteral("/data/hub-only"));
        QCOMPARE(knownModelStores(env, m_home)[0].path, QStringLiteral("/data/hub-only"));
    }

    void storesAreListedWithTheirNames() {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        Library library(settings);
        ModelsPage page(settings, library);
        library.setModelStores(knownModelStores(m_env, m_home));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isScanning(), 30000);
        const ModelListModel* m = page.model();
        QCOMPARE(m->rowCount(), 6);
        // Ollama's blob is named from its manifest.
        const int ollama = rowOf(m, home(QStringLiteral(".ollama/models/blobs/sha256-")) + sha256Of(fixture(QStringLiteral("shakespeare-Q8_0.gguf"))));
        QVERIFY(ollama >= 0);
        QCOMPARE(cell(m, ollama, ModelListModel::NameColumn), QStringLiteral("shakespeare:q8"));
        QCOMPARE(cell(m, ollama, ModelListModel::FileTypeColumn), QStringLiteral("Q8_0"));
        for (const char* rel : {".lmstudio/models/someone/shakespeare-GGUF/shakespeare-Q4_0.gguf",
                                ".local/share/nomic.ai/GPT4All/shakespeare-Q5_0.gguf",
                                ".cache/llama.cpp/someone_shakespeare-GGUF_shakespeare-Q6_K.gguf"})
            QVERIFY2(rowOf(m, home(QString::fromLatin1(rel))) >= 0, rel);
        // The Hugging Face checkpoint: named from the cache, read from its headers, importable.
        const int hf = rowOf(m, home(QStringLiteral(".cache/huggingface/hub/models--shakespeare--tiny-llama/snapshots/0123abcd")));
        QVERIFY(hf >= 0);
        const QModelIndex hfIndex = m->index(hf, 0);
        QCOMPARE(hfIndex.data(ModelListModel::KindRole).toInt(), int(ModelKind::HuggingFace));
        QCOMPARE(cell(m, hf, ModelListModel::NameColumn), QStringLiteral("shakespeare/tiny-llama"));
        QCOMPARE(cell(m, hf, ModelListModel::ArchitectureColumn), QStringLiteral("LlamaForCausalLM"));
        QCOMPARE(cell(m, hf, ModelListModel::ParametersColumn), QStringLiteral("3.7M"));
        QCOMPARE(cell(m, hf, ModelListModel::FileTypeColumn), QStringLiteral("F32"));
        QVERIFY(hfIndex.data(ModelListModel::ImportableRole).toBool());
        QVERIFY(cell(m, hf, ModelListModel::StatusColumn).contains(QStringLiteral("import")));
        // Same parameters as llama.cpp's own conversion of it.
        const int lm = rowOf(m, home(QStringLiteral(".lmstudio/models/someone/shakespeare-GGUF/shakespeare-Q4_0.gguf")));
        QCOMPARE(m->index(hf, ModelListModel::ParametersColumn).data(ModelListModel::SortRole),
                 m->index(lm, ModelListModel::ParametersColumn).data(ModelListModel::SortRole));
        // A checkpoint QuantDesk cannot import says why.
        const int neox = rowOf(m, home(QStringLiteral(".cache/huggingface/hub/models--shakespeare--tiny-neox/snapshots/4567ef01")));
        QVERIFY(neox >= 0);
        QVERIFY(!m->index(neox, 0).data(ModelListModel::ImportableRole).toBool());
        QVERIFY2(cell(m, neox, ModelListModel::StatusColumn).startsWith(QStringLiteral("Cannot import")),
                 qPrintable(cell(m, neox, ModelListModel::StatusColumn)));
        // No folder of the person's, yet the page is not in its "add a folder" state.
        QVERIFY(page.locations().isEmpty());
    }

    void aStoreCanBeSwitchedOff() {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            Settings settings(ini);
            Library library(settings);
            ModelsPage page(settings, library);
            library.setModelStores(knownModelStores(m_env, m_home));
            QTRY_VERIFY_WITH_TIMEOUT(!page.isScanning(), 30000);
            QCOMPARE(page.model()->rowCount(), 6);
            library.setStoreEnabled(QStringLiteral("ollama"), false);
            QCOMPARE(page.model()->rowCount(), 5);
            QVERIFY(!library.isStoreEnabled(QStringLiteral("ollama")));
            settings.sync();
        }
        Settings settings(ini);
        Library library(settings);
        ModelsPage page(settings, library);
        library.setModelStores(knownModelStores(m_env, m_home));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isScanning(), 30000);
        QCOMPARE(page.model()->rowCount(), 5);
        library.setStoreEnabled(QStringLiteral("ollama"), true);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isScanning() && page.model()->rowCount() == 6, 30000);
    }

    // New and deleted files appear and disappear by themselves.
    void watchedFoldersNeedNoRescan() {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        const QString folder = dir.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/sub")));
        Library library(settings);
        ModelsPage page(settings, library);
        library.setModelStores({});
        page.addFolder(folder);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isScanning(), 30000);
        QCOMPARE(page.model()->rowCount(), 0);
        QTRY_VERIFY(library.watchedFolders().contains(QDir::cleanPath(folder + QStringLiteral("/sub"))));
        const QString added = folder + QStringLiteral("/sub/new-Q4_0.gguf");
        QVERIFY(QFile::copy(fixture(QStringLiteral("shakespeare-Q4_0.gguf")), added));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(page.model(), added) >= 0, 15000);
        // A Hugging Face folder dropped in shows up too.
        QVERIFY(copyFolder(sharedDir() + QStringLiteral("/models/shakespeare-llama"), folder + QStringLiteral("/hf")));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(page.model(), folder + QStringLiteral("/hf")) >= 0, 15000);
        QVERIFY(QFile::remove(added));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(page.model(), added) < 0, 15000);
    }
};

QTEST_MAIN(TestModelStores)
#include "test_model_stores.moc"
