// GPU offload in the GUI, on lavapipe: the device list a job fills (This Machine and the chat settings),
// the chat settings' GPU choice (saved, restored, an unusable device refused), a chat answer from a model
// whose layers are on the GPU equal to the CPU's answer, a reload when the layer count changes, and an
// evaluation with every layer offloaded: its own series in the database, perplexity beside the CPU's.
#include <QtTest>

#include <QComboBox>
#include <QLabel>
#include <QProcess>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTemporaryDir>

#include <optional>

#include "core/chat/conversation_store.h"
#include "core/eval/results_db.h"
#include "gui/gui_test_env.h"
#include "ui/chat_engine.h"
#include "ui/chat_page.h"
#include "ui/chat_settings_panel.h"
#include "ui/demo_model.h"
#include "ui/evaluations_model.h"
#include "ui/format.h"
#include "ui/job_runner.h"
#include "ui/library.h"
#include "ui/model_list_model.h"
#include "ui/machine_info.h"
#include "ui/quantize_jobs.h"
#include "ui/resources.h"
#include "ui/settings.h"
#include "vulkan/lavapipe.h"

using namespace qd::ui;

namespace {

// The lavapipe row of a device list, or nullptr.
const qd::GpuDevice* lavapipeOf(const std::vector<qd::GpuDevice>& list) {
    for (const auto& d : list)
        if (d.name.find("llvmpipe") != std::string::npos) return &d;
    return nullptr;
}

ChatSettings greedyChat(int maxTokens) {
    ChatSettings s;
    s.templateName = QStringLiteral("chatml");  // the demo model has none of its own
    s.sampler.temperature = 0;
    s.maxTokens = maxTokens;
    s.seed = 5;
    s.load.context = 256;
    s.load.threads = 2;
    return s;
}

// A Chat page on the real engine and job runner, its library holding one file.
struct ChatEnv {
    Settings settings;
    JobRunner jobs;
    Library library{settings};
    ChatController chat{jobs};
    std::optional<qd::ConversationStore> store;
    std::unique_ptr<ChatPage> page;

    explicit ChatEnv(const QString& ini) : settings(ini) { settings.setLibraryLocations({}); }
    // Adds `file`, waits for the scan and chooses it; false when any of that fails.
    bool open(const QString& file) {
        auto s = qd::ConversationStore::open(":memory:");
        if (!s) return false;
        store.emplace(std::move(*s));
        page = std::make_unique<ChatPage>(settings, library, chat, *store);
        page->resize(1200, 800);
        page->show();
        library.addFile(file);
        return QTest::qWaitFor([&] { return !library.isScanning() && library.model()->rowCount() > 0; }, 20000) &&
               page->selectModel(file);
    }
};

}  // namespace

class TestGpuSettings : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_lavapipe = -1;

    // Lists the devices through the job runner, as the window does.
    static bool listed(MachineInfo& info) {
        QSignalSpy spy(&info, &MachineInfo::gpusChanged);
        info.refresh();
        return info.listed() || spy.wait(30000);
    }

private slots:
    void initTestCase() {
        initResources();
        QVERIFY(qdtest::useScratchHome(m_dir));
        m_lavapipe = testvk::lavapipeIndex();
        QVERIFY2(m_lavapipe >= 0, "no lavapipe (llvmpipe) device: is mesa-vulkan-drivers installed?");
    }

    // The job's list has lavapipe with its memory, as a CPU implementation; the dialog shows it and says
    // it is used only when chosen; the list is made once and again only when asked.
    void machineDialogListsLavapipe() {
        JobRunner jobs;
        MachineInfo info(jobs);
        QVERIFY(!info.listed());
        QSignalSpy added(&jobs, &JobRunner::jobAdded);
        QVERIFY(listed(info));
        QCOMPARE(added.size(), 1);
        QVERIFY2(info.gpuError().isEmpty(), qPrintable(info.gpuError()));
        const qd::GpuDevice* lp = lavapipeOf(info.gpus());
        QVERIFY(lp);
        QCOMPARE(lp->index, m_lavapipe);
        QVERIFY(isCpuImplementation(*lp));
        QVERIFY(lp->usable);
        QVERIFY(lp->memoryBytes > 0);
        QVERIFY(!lp->chosenByDefault);  // a CPU implementation is never the default
        info.refresh();
        QCOMPARE(added.size(), 1);        // listed already
        QVERIFY(jobs.jobs().empty());     // the listing left the jobs list when done

        MachineDialog dialog(info);
        QTableWidget* t = dialog.deviceTable();
        QCOMPARE(t->rowCount(), int(info.gpus().size()));
        int row = -1;
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, 1)->text().contains(QStringLiteral("llvmpipe"))) row = r;
        QVERIFY(row >= 0);
        QCOMPARE(t->item(row, 0)->text(), QString::number(m_lavapipe));
        QCOMPARE(t->item(row, 2)->text(), QStringLiteral("CPU implementation"));
        QCOMPARE(t->item(row, 3)->text(), formatSize(lp->memoryBytes));
        QVERIFY(t->item(row, 4)->text().startsWith(QStringLiteral("When chosen: a CPU implementation")));
        bool anyDefault = false;
        for (const auto& d : info.gpus()) anyDefault = anyDefault || d.chosenByDefault;
        if (!anyDefault) QVERIFY(dialog.gpuStatus()->text().startsWith(QStringLiteral("No GPU here is used unless chosen")));
        QVERIFY(dialog.text().contains(QStringLiteral("llvmpipe")));
        QVERIFY(dialog.text().contains(QStringLiteral("CPU: ")));
    }

    // The chat settings' GPU choice: lavapipe chosen gives its index and the CPU-implementation flag,
    // "All layers" is -1; the choice is saved and comes back before the list does; an unusable device
    // cannot be chosen and a saved choice of one falls back to the CPU.
    void chatSettingsGpuChoice() {
        Settings settings(m_dir.filePath(QStringLiteral("choice.ini")));
        JobRunner jobs;
        MachineInfo info(jobs);
        QVERIFY(listed(info));
        {
            ChatSettingsPanel panel(settings);
            GpuChoiceWidget* g = panel.gpuChoice();
            QCOMPARE(panel.chatSettings().load.gpuLayers, 0);  // default: CPU only
            QVERIFY(!g->layersBox()->isEnabled());
            panel.setGpuDevices(info.gpus(), info.gpuError());
            const int item = g->deviceBox()->findData(m_lavapipe);
            QVERIFY(item > 0);
            QVERIFY(g->deviceBox()->itemText(item).contains(QStringLiteral("llvmpipe")));
            QSignalSpy changed(&panel, &ChatSettingsPanel::changed);
            g->deviceBox()->setCurrentIndex(item);
            QVERIFY(changed.size() >= 1);
            QVERIFY(g->layersBox()->isEnabled());
            ChatSettings s = panel.chatSettings();
            QCOMPARE(s.load.gpuLayers, -1);
            QCOMPARE(s.load.gpuDevice, m_lavapipe);
            QVERIFY(s.load.gpuAllowCpuDevice);
            g->layersBox()->setValue(3);
            s = panel.chatSettings();
            QCOMPARE(s.load.gpuLayers, 3);
            QCOMPARE(s.load.gpuDevice, m_lavapipe);
            const qd::EngineOptions e = s.load.engineOptions();
            QCOMPARE(e.gpuLayers, 3);
            QCOMPARE(e.gpuDevice, m_lavapipe);
            QVERIFY(e.gpuAllowCpuDevice);
            QVERIFY(!e.gpuPipelineCache.empty());
            // The JSON round trip keeps it; without offload a saved device is dropped.
            QCOMPARE(ChatSettings::fromJson(s.toJson()), s);
            QJsonObject off = s.toJson();
            off["gpu_layers"] = 0;
            QCOMPARE(ChatSettings::fromJson(off).load.gpuDevice, -1);
            QVERIFY(!ChatSettings::fromJson(off).load.gpuAllowCpuDevice);
        }
        {
            // A new panel (a restart) shows the saved choice, also before the device list arrives.
            ChatSettingsPanel panel(settings);
            ChatSettings s = panel.chatSettings();
            QCOMPARE(s.load.gpuLayers, 3);
            QCOMPARE(s.load.gpuDevice, m_lavapipe);
            QVERIFY(s.load.gpuAllowCpuDevice);
            panel.setGpuDevices(info.gpus(), info.gpuError());
            QCOMPARE(panel.chatSettings(), s);
            // "None" turns offload off and forgets the device.
            panel.gpuChoice()->deviceBox()->setCurrentIndex(0);
            s = panel.chatSettings();
            QCOMPARE(s.load.gpuLayers, 0);
            QCOMPARE(s.load.gpuDevice, -1);
            QVERIFY(!s.load.gpuAllowCpuDevice);
        }
        {
            // A device that cannot run is listed disabled; a saved choice of it becomes CPU only.
            ChatSettingsPanel panel(settings);
            ChatSettings s = panel.chatSettings();
            s.load.gpuLayers = -1;
            s.load.gpuDevice = 7;
            panel.setChatSettings(s);
            QCOMPARE(panel.chatSettings().load.gpuDevice, 7);
            qd::GpuDevice broken;
            broken.index = 7;
            broken.name = "Old GPU";
            broken.kind = "integrated GPU";
            broken.usable = false;
            broken.note = "Vulkan 1.0 only";
            QSignalSpy changed(&panel, &ChatSettingsPanel::changed);
            panel.setGpuDevices({broken}, QString());
            QCOMPARE(changed.size(), 1);
            QCOMPARE(panel.chatSettings().load.gpuLayers, 0);
            auto* items = qobject_cast<QStandardItemModel*>(panel.gpuChoice()->deviceBox()->model());
            const int row = panel.gpuChoice()->deviceBox()->findData(7);
            QVERIFY(row > 0);
            QVERIFY(!items->item(row)->isEnabled());
            // No device at all: the box says why and offers only the CPU.
            panel.setGpuDevices({}, QStringLiteral("this build of QuantDesk has no Vulkan backend"));
            QCOMPARE(panel.gpuChoice()->deviceBox()->count(), 1);
            QVERIFY(!panel.gpuChoice()->deviceBox()->isEnabled());
            QVERIFY(panel.gpuChoice()->deviceBox()->toolTip().contains(QStringLiteral("no Vulkan backend")));
        }
    }

    // The Chat page with every layer on lavapipe answers as the CPU does (greedy), says where the layers
    // are, and reloads with one layer on the GPU when the setting changes.
    void chatAnswersOnTheGpu() {
        ChatEnv env(m_dir.filePath(QStringLiteral("chat.ini")));
        QVERIFY(env.open(demoModelPath()));
        ChatPage& page = *env.page;

        auto answer = [&](const ChatSettings& s, AnswerResult& out) {
            page.settingsPanel()->setChatSettings(s);
            QSignalSpy ready(&page, &ChatPage::modelReady);
            page.loadSelected();
            if (!(page.loadedModel() && page.loadedModel()->options == s.load) && !ready.wait(120000)) return false;
            page.newChat();
            QSignalSpy done(&page, &ChatPage::answerFinished);
            page.send(QStringLiteral("Speak, my lord"));
            if (!done.wait(120000)) return false;
            out = done.first().first().value<AnswerResult>();
            return out.ok;
        };

        AnswerResult cpu, gpu, one;
        ChatSettings s = greedyChat(24);
        QVERIFY(answer(s, cpu));
        QCOMPARE(page.loadedModel()->gpuLayers, 0);
        QVERIFY(!cpu.text.isEmpty());

        s.load.gpuLayers = -1;
        s.load.gpuDevice = m_lavapipe;
        s.load.gpuAllowCpuDevice = true;
        page.settingsPanel()->setChatSettings(s);
        QVERIFY(page.statusLabel()->text().contains(QStringLiteral("Reload to apply")));
        QVERIFY(answer(s, gpu));
        auto m = page.loadedModel();
        QVERIFY(m);
        QCOMPARE(m->gpuLayers, m->layers);
        QVERIFY2(m->backends.startsWith(QStringLiteral("Vulkan (llvmpipe")), qPrintable(m->backends));
        QVERIFY(m->gpuNote.isEmpty());
        QVERIFY2(page.statusLabel()->text().contains(QStringLiteral("%1 of %1 layers on the GPU").arg(m->layers)),
                 qPrintable(page.statusLabel()->text()));
        QVERIFY2(page.statusLabel()->toolTip().contains(QStringLiteral("\nRuns on Vulkan (llvmpipe")), qPrintable(page.statusLabel()->toolTip()));
        QCOMPARE(gpu.text, cpu.text);
        QCOMPARE(gpu.generatedTokens, cpu.generatedTokens);

        s.load.gpuLayers = 1;
        QVERIFY(answer(s, one));
        QCOMPARE(page.loadedModel()->gpuLayers, 1);
        QVERIFY(page.loadedModel()->backends.contains(QStringLiteral(" + CPU")));
        // One layer on the GPU and the rest on the CPU meets a near-tie the whole-GPU and CPU runs do not:
        // with the AVX2 and AVX-512 kernels the answer goes "LEONTES:\nIt is a city" where the CPU says
        // "There is a city" (the scalar kernels give the CPU's text). It must agree up to there.
        QVERIFY(cpu.text.contains(QStringLiteral("LEONTES:\n")));
        int same = 0;
        while (same < std::min(one.text.size(), cpu.text.size()) && one.text[same] == cpu.text[same]) ++same;
        QVERIFY2(same >= cpu.text.indexOf(QStringLiteral("LEONTES:\n")) + 9, qPrintable(one.text + QStringLiteral(" | ") + cpu.text));
        QVERIFY(page.statusLabel()->text().contains(QStringLiteral("1 of %1 layers on the GPU").arg(page.loadedModel()->layers)));
    }

    // A model the GPU cannot run (heads of 512 values): it loads on the CPU, the status line says "CPU only"
    // and the chat says why, in the engine's words.
    void chatSaysWhyLayersStayOnTheCpu() {
        QTemporaryDir dir;
        const QString wide = dir.filePath(QStringLiteral("wide-heads.gguf"));
        QProcess p;
        p.start(QStringLiteral(QD_CLI_PATH), {"synth", wide, "--layers", "2", "--embd", "512", "--ffn", "512", "--heads", "1",
                                               "--kv-heads", "1", "--vocab", "300", "--context", "64", "--type", "F16"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        ChatEnv env(m_dir.filePath(QStringLiteral("wide.ini")));
        QVERIFY(env.open(wide));
        ChatPage& page = *env.page;
        ChatSettings s = greedyChat(4);
        s.load.context = 64;
        s.load.gpuLayers = -1;
        s.load.gpuDevice = m_lavapipe;
        s.load.gpuAllowCpuDevice = true;
        page.settingsPanel()->setChatSettings(s);
        QSignalSpy ready(&page, &ChatPage::modelReady);
        page.loadSelected();
        QVERIFY(ready.wait(60000));
        QCOMPARE(page.loadedModel()->gpuLayers, 0);
        QVERIFY2(page.notice()->text().startsWith(QStringLiteral("No layer runs on the GPU: ")), qPrintable(page.notice()->text()));
        QVERIFY2(page.notice()->text().contains(QStringLiteral("attention heads of 512 values have no Vulkan kernel")),
                 qPrintable(page.notice()->text()));
        QVERIFY2(page.statusLabel()->text().contains(QStringLiteral("CPU only")), qPrintable(page.statusLabel()->text()));
        QVERIFY(!page.statusLabel()->text().contains(QStringLiteral("Reload")));
    }

    // An evaluation with every layer on lavapipe: the variant's record is keyed by the offload (a series
    // apart from the CPU's), and its perplexity is the CPU run's within 0.5 %.
    void evaluationOffloaded() {
        const QString base = QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F16.gguf");
        const QString variant = QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-Q4_0.gguf");
        const QString db = m_dir.filePath(QStringLiteral("results.sqlite"));
        JobRunner jobs;
        auto run = [&](int gpuLayers) {
            EvaluateRequest r;
            r.base = base;
            r.mixes = {QStringLiteral("Q4_0")};
            r.files = {variant};
            r.textFile = demoTextPath();
            r.database = db;
            r.context = 128;
            r.maxChunks = 3;
            r.threads = 2;
            r.speed = false;
            r.gpuLayers = gpuLayers;
            r.gpuDevice = gpuLayers ? m_lavapipe : -1;
            r.gpuAllowCpuDevice = gpuLayers != 0;
            QSignalSpy done(&jobs, &JobRunner::jobFinished);
            const int id = jobs.submit(evaluateJob(r));
            const bool ok = done.wait(300000) && jobs.job(id)->state == JobState::Finished;
            if (!ok && jobs.job(id)) qWarning() << jobs.job(id)->outcome.message << jobs.job(id)->outcome.detail;
            return ok;
        };
        QVERIFY(run(0));
        QVERIFY(run(-1));
        auto database = qd::ResultsDatabase::open(db.toStdString());
        QVERIFY(database);
        auto all = database->all();
        QVERIFY(all);
        const qd::EvaluationRecord *cpu = nullptr, *gpu = nullptr;
        for (const auto& rec : *all) {
            if (rec.isBase() || rec.method != "Q4_0") continue;
            (rec.gpu().empty() ? cpu : gpu) = &rec;
        }
        QVERIFY(cpu && gpu);
        QCOMPARE(QString::fromStdString(gpu->gpu()), QStringLiteral("-1@%1").arg(m_lavapipe));
        QVERIFY(gpu->seriesKey() != cpu->seriesKey());
        QCOMPARE(EvaluationsModel::gpuText(*gpu), QStringLiteral("every layer on GPU %1").arg(m_lavapipe));
        QVERIFY(gpu->ppl > 1);
        QVERIFY2(std::abs(gpu->ppl / cpu->ppl - 1) < 0.005, qPrintable(QStringLiteral("%1 vs %2").arg(gpu->ppl).arg(cpu->ppl)));
        QVERIFY(gpu->hasKl);
    }
};

QTEST_MAIN(TestGpuSettings)
#include "test_gpu_settings.moc"
