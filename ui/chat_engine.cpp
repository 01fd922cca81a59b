#include "ui/chat_engine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QPointer>

#include <chrono>
#include <cmath>
#include <random>

#include "core/chat/builtin_templates.h"
#include "core/common/system_info.h"
#include "core/engine/run_check.h"
#include "core/gguf/model_summary.h"
#include "ui/format.h"

namespace qd::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("qd::ui", text); }

QString qs(const std::string& s) { return QString::fromStdString(s); }

constexpr qint64 kPieceIntervalMs = 50;

}  // namespace

// ----------------------------------------------------------------------------------------------------
// Settings

namespace {
// Sampling values are floats; stored with the decimals a person set (0.8, not 0.800000011920929).
double decimal(float v) { return std::round(double(v) * 1e4) / 1e4; }
}  // namespace

qd::EngineOptions LoadOptions::engineOptions() const {
    qd::EngineOptions o;
    o.contextLength = context;
    o.threads = threads;
    o.gpuLayers = gpuLayers;
    o.gpuDevice = gpuDevice;
    o.gpuAllowCpuDevice = gpuAllowCpuDevice;
    if (gpuLayers != 0) o.gpuPipelineCache = qd::userDataFile("vulkan-pipeline-cache.bin");
    return o;
}

QJsonObject ChatSettings::toJson() const {
    QJsonObject o;
    o["system_prompt"] = systemPrompt;
    o["template"] = templateName;
    o["temperature"] = decimal(sampler.temperature);
    o["top_k"] = sampler.topK;
    o["top_p"] = decimal(sampler.topP);
    o["min_p"] = decimal(sampler.minP);
    o["repeat_penalty"] = decimal(sampler.repeatPenalty);
    o["repeat_window"] = sampler.penaltyWindow;
    o["max_tokens"] = maxTokens;
    o["seed"] = seed;
    o["context"] = load.context;
    o["threads"] = load.threads;
    o["gpu_layers"] = load.gpuLayers;
    o["gpu_device"] = load.gpuDevice;
    o["gpu_allow_cpu"] = load.gpuAllowCpuDevice;
    return o;
}

ChatSettings ChatSettings::fromJson(const QJsonObject& o) {
    ChatSettings s;
    s.systemPrompt = o.value("system_prompt").toString();
    s.templateName = o.value("template").toString();
    s.sampler.temperature = float(o.value("temperature").toDouble(s.sampler.temperature));
    s.sampler.topK = o.value("top_k").toInt(s.sampler.topK);
    s.sampler.topP = float(o.value("top_p").toDouble(s.sampler.topP));
    s.sampler.minP = float(o.value("min_p").toDouble(s.sampler.minP));
    s.sampler.repeatPenalty = float(o.value("repeat_penalty").toDouble(s.sampler.repeatPenalty));
    s.sampler.penaltyWindow = o.value("repeat_window").toInt(s.sampler.penaltyWindow);
    s.maxTokens = o.value("max_tokens").toInt(s.maxTokens);
    s.seed = o.value("seed").toInt(s.seed);
    LoadOptions& l = s.load;
    l.context = std::max(64, o.value("context").toInt(l.context));
    l.threads = std::max(0, o.value("threads").toInt(l.threads));
    l.gpuLayers = std::max(-1, o.value("gpu_layers").toInt(l.gpuLayers));
    // Without offload there is no device: the same settings compare equal however they were saved.
    l.gpuDevice = l.gpuLayers != 0 ? std::max(-1, o.value("gpu_device").toInt(l.gpuDevice)) : -1;
    l.gpuAllowCpuDevice = l.gpuLayers != 0 && o.value("gpu_allow_cpu").toBool(l.gpuAllowCpuDevice);
    return s;
}

bool ChatSettings::operator==(const ChatSettings& o) const { return toJson() == o.toJson(); }

// ----------------------------------------------------------------------------------------------------
// The loaded model

Result<qd::ChatTemplate> ChatModel::chatTemplate(const QString& templateName, QString* note) const {
    std::string n;
    auto t = qd::chatTemplateForModel(model->file(), templateName.toStdString(), &n);
    if (note) *note = qs(n);
    return t;
}

Result<ChatModel::Prompt> ChatModel::prompt(const ChatSettings& settings, const std::vector<qd::ChatMessage>& history,
                                            const std::string& nextUser) const {
    QString note;
    auto tpl = chatTemplate(settings.templateName, &note);
    if (!tpl) return tpl.error();
    qd::ChatSession session(*generator, std::move(*tpl), bosText, eosText);
    session.setSystemPrompt(settings.systemPrompt.toStdString());
    std::vector<qd::ChatMessage> messages = history;
    if (!nextUser.empty()) messages.push_back({"user", nextUser});
    session.setMessages(std::move(messages));
    const int reserve = std::min(settings.maxTokens > 0 ? settings.maxTokens : context / 4, context / 2);
    Prompt p;
    p.templateNote = note;
    auto tokens = session.promptTokens(reserve);
    if (!tokens) {
        // Too long even alone: show the whole text anyway, with its count.
        auto text = session.promptText();
        if (!text) return text.error();
        p.text = qs(*text);
        p.tokens = int(tokenizer->encode(*text, false, true).size());
        p.firstKept = int(session.firstKeptMessage());
        return p;
    }
    auto text = session.promptText();
    if (!text) return text.error();
    p.text = qs(*text);
    p.tokens = int(tokens->size());
    p.firstKept = int(session.firstKeptMessage());
    return p;
}

Result<quint64> chatMemoryNeed(const QString& path, const LoadOptions& load) {
    auto file = qd::GgufFile::open(path.toStdString());
    if (!file) return file.error();
    const qd::EngineOptions options = load.engineOptions();
    // A huge physical-memory figure: the free-memory check is the caller's, with its own numbers.
    auto plan = qd::planRun(*file, options, ~uint64_t(0) / 4);
    if (!plan) return plan.error();
    return quint64(file->fileSize() + plan->memory.allocated());
}

JobSpec loadChatModelJob(const QString& path, const LoadOptions& load) {
    JobSpec spec;
    spec.title = tr("Load %1 for chat").arg(QFileInfo(path).fileName());
    spec.kind = QStringLiteral("chat-load");
    spec.ownSlot = true;
    spec.work = [path, load](JobContext& job) -> JobOutcome {
        job.progress(0, 1, tr("Checking memory"));
        auto file = qd::GgufFile::open(path.toStdString());
        if (!file) return JobOutcome::failed(tr("%1 cannot be read: %2").arg(QFileInfo(path).fileName(), qs(file.message())), qs(file.message()));
        const qd::EngineOptions options = load.engineOptions();
        auto plan = qd::planRun(*file, options, ~uint64_t(0) / 4);
        if (!plan) return JobOutcome::failed(tr("QuantDesk cannot run %1: %2").arg(QFileInfo(path).fileName(), qs(plan.message())), qs(plan.message()));
        const quint64 need = file->fileSize() + plan->memory.allocated();
        const quint64 free = qd::availableMemoryBytes();
        if (free && need > free)
            return JobOutcome::failed(
                tr("Not enough memory: %1 needs %2 at a context of %3 tokens (file %4, KV cache and buffers %5), and %6 is free. "
                   "Choose a smaller context or a smaller file, or close other programs.")
                    .arg(QFileInfo(path).fileName(), formatSize(need), QLocale().toString(plan->context),
                         formatSize(file->fileSize()), formatSize(plan->memory.allocated()), formatSize(free)));

        job.progress(0, 1, load.gpuLayers != 0 ? tr("Loading, with layers on the GPU") : tr("Loading"));
        auto loaded = qd::Model::load(std::move(*file), options);
        if (!loaded) return JobOutcome::fromError(loaded.error(), tr("%1 failed to load: %2").arg(QFileInfo(path).fileName(), qs(loaded.message())));
        auto tokenizer = qd::Tokenizer::fromGguf((*loaded)->file());
        if (!tokenizer) return JobOutcome::failed(tr("The tokenizer of %1 cannot be used: %2").arg(QFileInfo(path).fileName(), qs(tokenizer.message())));

        // Read the weights through once, so the first answer does not wait for the disk.
        const qd::GgufFile& f = (*loaded)->file();
        uint64_t total = 0, done = 0;
        for (const auto& t : f.tensors()) total += f.tensorData(t).size();
        volatile uint8_t sink = 0;
        for (const auto& t : f.tensors()) {
            const auto data = f.tensorData(t);
            uint8_t acc = 0;
            for (size_t i = 0; i < data.size(); i += 4096) acc ^= data[i];
            sink = sink ^ acc;
            done += data.size();
            if (!job.progress(done, total, tr("Reading the weights"))) return JobOutcome::cancelled();
        }
        (void)sink;

        auto m = std::make_shared<ChatModel>();
        m->path = path;
        const qd::ModelSummary summary = qd::summarize(f);
        m->name = summary.name.empty() ? QFileInfo(path).completeBaseName() : qs(summary.name);
        m->fileType = qs(summary.fileType);
        m->context = (*loaded)->contextLength();
        m->threads = (*loaded)->threads();
        m->options = load;
        m->layers = (*loaded)->config().nLayers;
        m->gpuLayers = (*loaded)->gpuLayerCount();
        m->backends = qs((*loaded)->backendNames());
        m->gpuNote = qs((*loaded)->gpuNote());
        m->memoryBytes = need;
        m->model = std::move(*loaded);
        m->tokenizer = std::make_unique<qd::Tokenizer>(std::move(*tokenizer));
        m->generator = std::make_unique<qd::Generator>(*m->model, *m->tokenizer);
        auto text = [&](int32_t id) { return id >= 0 ? m->tokenizer->tokenToPiece(id, true) : std::string(); };
        m->bosText = text(m->tokenizer->bos());
        m->eosText = text(m->tokenizer->eos());
        return JobOutcome::finished(tr("%1 is loaded (%2, context %3, %4 threads).")
                                        .arg(m->name, formatSize(need), QLocale().toString(m->context))
                                        .arg(m->threads),
                                    QVariant::fromValue(ChatModelPtr(m)));
    };
    return spec;
}

// ----------------------------------------------------------------------------------------------------
// The answer job

namespace {

// What the worker and the stream share: text not yet delivered, and whether an event is on its way.
struct StreamBuffer {
    std::mutex mutex;
    QString pending;
    int generated = 0;
    bool posted = false;
};

QString stopReasonText(qd::StopReason r) {
    switch (r) {
        case qd::StopReason::EndOfGeneration: return tr("end of the answer");
        case qd::StopReason::StopString: return tr("stop text");
        case qd::StopReason::TokenLimit: return tr("token limit");
        case qd::StopReason::ContextFull: return tr("context full");
        case qd::StopReason::Cancelled: return tr("stopped");
    }
    return {};
}

QJsonObject detailsFor(const ChatModel& m, const ChatSettings& s, const QString& templateNote, const AnswerResult& r) {
    QJsonObject d;
    d["model_path"] = m.path;
    d["model"] = m.name;
    d["file_type"] = m.fileType;
    d["context"] = m.context;
    d["threads"] = m.threads;
    if (m.gpuLayers > 0) {
        d["gpu_layers"] = m.gpuLayers;
        d["backends"] = m.backends;
    }
    d["template"] = templateNote;
    QJsonObject sampling;
    sampling["temperature"] = decimal(s.sampler.temperature);
    sampling["top_k"] = s.sampler.topK;
    sampling["top_p"] = decimal(s.sampler.topP);
    sampling["min_p"] = decimal(s.sampler.minP);
    sampling["repeat_penalty"] = decimal(s.sampler.repeatPenalty);
    sampling["repeat_window"] = s.sampler.penaltyWindow;
    sampling["max_tokens"] = s.maxTokens;
    sampling["seed"] = QString::number(r.seed);
    d["sampling"] = sampling;
    QJsonObject t;
    t["first_token_s"] = r.secondsToFirstToken;
    t["prompt_tokens"] = r.promptTokens;
    t["prompt_evaluated"] = r.promptEvaluated;
    t["prompt_tokens_per_s"] = r.promptTokensPerSecond;
    t["generated_tokens"] = r.generatedTokens;
    t["generation_tokens_per_s"] = r.generationTokensPerSecond;
    t["generation_s"] = r.generationSeconds;
    d["timings"] = t;
    d["stop_reason"] = r.stopReason;
    return d;
}

}  // namespace

ChatController::ChatController(JobRunner& jobs, QObject* parent) : QObject(parent), m_jobs(jobs) {
    qRegisterMetaType<qd::ui::AnswerResult>("qd::ui::AnswerResult");
    connect(&m_jobs, &JobRunner::jobFinished, this, &ChatController::onJobFinished);
}

ChatController::~ChatController() = default;

int ChatController::load(const QString& path, const LoadOptions& options) {
    if (auto it = m_models.find(path); it != m_models.end()) {
        const ChatModel& m = *it->second;
        if (m.options == options) {
            emit loaded(path);
            return 0;
        }
    }
    for (const auto& [id, p] : m_loading)
        if (p == path) m_jobs.cancel(id);
    const int id = m_jobs.submit(loadChatModelJob(path, options));
    m_loading[id] = path;
    return id;
}

bool ChatController::isLoading(const QString& path) const {
    for (const auto& [id, p] : m_loading)
        if (p == path) return true;
    return false;
}

void ChatController::cancelLoad(const QString& path) {
    for (const auto& [id, p] : m_loading)
        if (p == path) m_jobs.cancel(id);
}

void ChatController::unload(const QString& path) {
    // An answer still running holds its own reference; the memory goes when it ends.
    if (m_models.erase(path)) emit unloaded(path);
}

ChatModelPtr ChatController::model(const QString& path) const {
    auto it = m_models.find(path);
    return it == m_models.end() ? nullptr : it->second;
}

QStringList ChatController::loadedPaths() const {
    QStringList out;
    for (const auto& [p, m] : m_models) out << p;
    return out;
}

void ChatController::onJobFinished(int id, JobState state) {
    auto it = m_loading.find(id);
    if (it == m_loading.end()) return;
    const QString path = it->second;
    m_loading.erase(it);
    const JobRecord* r = m_jobs.job(id);
    if (state == JobState::Finished && r) {
        if (auto m = r->outcome.value.value<ChatModelPtr>()) {
            m_models[path] = m;
            emit loaded(path);
            return;
        }
    }
    emit loadFailed(path, r ? r->outcome.message : tr("The model was not loaded."), r ? r->outcome.detail : QString());
}

std::shared_ptr<AnswerStream> ChatController::answer(AnswerRequest request) {
    // Deleted in the GUI thread whichever thread lets go of it last.
    std::shared_ptr<AnswerStream> stream(new AnswerStream, [](AnswerStream* s) { s->deleteLater(); });
    auto buffer = std::make_shared<StreamBuffer>();
    JobSpec spec;
    spec.title = request.title.isEmpty() ? tr("Answer with %1").arg(request.model->name) : request.title;
    spec.kind = QStringLiteral("chat-answer");
    spec.bytes = false;
    spec.ownSlot = true;
    spec.removeWhenDone = true;
    spec.work = [request = std::move(request), stream, buffer](JobContext& job) -> JobOutcome {
        ChatModel& m = *request.model;
        AnswerResult result;
        result.contextLength = m.context;
        auto finish = [&](const JobOutcome& outcome) {
            // What the throttle held back arrives before the end.
            QMetaObject::invokeMethod(
                stream.get(),
                [stream, buffer, result] {
                    QString text;
                    int n;
                    {
                        std::lock_guard l(buffer->mutex);
                        text.swap(buffer->pending);
                        n = buffer->generated;
                    }
                    if (!text.isEmpty()) emit stream->piece(text, n);
                    emit stream->finished(result);
                },
                Qt::QueuedConnection);
            return outcome;
        };
        std::unique_lock lock(m.busy);
        QElapsedTimer clock;
        clock.start();

        QString note;
        auto tpl = m.chatTemplate(request.settings.templateName, &note);
        if (!tpl) {
            result.templateFailed = true;
            result.error = tr("The chat template cannot be used: %1").arg(qs(tpl.message()));
            result.errorDetail = qs(tpl.message());
            return finish(JobOutcome::failed(result.error));
        }
        qd::ChatSession session(*m.generator, std::move(*tpl), m.bosText, m.eosText);
        session.setSystemPrompt(request.settings.systemPrompt.toStdString());
        session.setMessages(request.history);
        std::vector<qd::ChatMessage> withUser = request.history;
        withUser.push_back({"user", request.user});
        {
            // The template renders before anything else, so its failures are told apart from others.
            qd::ChatSession probe(*m.generator, session.chatTemplate(), m.bosText, m.eosText);
            probe.setSystemPrompt(request.settings.systemPrompt.toStdString());
            probe.setMessages(withUser);
            if (auto text = probe.promptText(); !text) {
                result.templateFailed = true;
                result.error = tr("The chat template failed to render this conversation: %1").arg(qs(text.message()));
                result.errorDetail = qs(text.message());
                return finish(JobOutcome::failed(result.error));
            }
            auto tokens = probe.promptTokens(qd::ChatSession::answerReserve(request.settings.maxTokens, m.context));
            if (!tokens) {
                result.error = tr("The message does not fit: %1. Raise the context size in the settings, or shorten the message.")
                                   .arg(qs(tokens.message()));
                result.errorDetail = qs(tokens.message());
                return finish(JobOutcome::failed(result.error));
            }
            result.promptTokens = int(tokens->size());
            result.firstKept = int(probe.firstKeptMessage());
            const int promptTokens = result.promptTokens, firstKept = result.firstKept, context = m.context;
            QMetaObject::invokeMethod(
                stream.get(), [stream, promptTokens, firstKept, context] { emit stream->started(promptTokens, firstKept, context); },
                Qt::QueuedConnection);
        }

        qd::GenerationSettings gen;
        gen.sampler = request.settings.sampler;
        gen.maxTokens = request.settings.maxTokens;
        result.seed = request.settings.seed >= 0 ? quint64(request.settings.seed) : quint64(std::random_device{}() & 0x7fffffff);
        gen.sampler.seed = result.seed;
        double firstPiece = -1;
        int generated = 0;
        // Pieces reach the GUI thread at most every kPieceIntervalMs: each wake-up of the GUI thread costs
        // the engine's threads a context switch on a busy machine, so a fast model delivers a few tokens
        // per update (still smoother than a screen refresh needs) instead of one wake-up per token.
        auto deliver = [stream, buffer] {
            QString text;
            int n;
            {
                std::lock_guard l2(buffer->mutex);
                text.swap(buffer->pending);
                n = buffer->generated;
                buffer->posted = false;
            }
            if (!text.isEmpty()) emit stream->piece(text, n);
        };
        QElapsedTimer sincePost;
        sincePost.start();
        bool firstPost = true;
        auto onPiece = [&](std::string_view piece) {
            if (firstPiece < 0) firstPiece = double(clock.nsecsElapsed()) / 1e9;
            std::lock_guard l(buffer->mutex);
            buffer->pending += QString::fromUtf8(piece.data(), qsizetype(piece.size()));
            buffer->generated = generated;
            if (!buffer->posted && (firstPost || sincePost.elapsed() >= kPieceIntervalMs)) {
                buffer->posted = true;
                firstPost = false;
                sincePost.restart();
                QMetaObject::invokeMethod(stream.get(), deliver, Qt::QueuedConnection);
            }
            return !job.cancelled();
        };
        auto progress = job.progressFn(tr("Answering"));
        auto counting = [&](const qd::Progress& p) {
            if (p.stage == "generating") ++generated;  // one report before every token
            return progress(p);
        };
        auto stats = session.reply(request.user, gen, onPiece, counting);
        if (!stats) {
            result.error = tr("The answer failed: %1").arg(qs(stats.message()));
            result.errorDetail = qs(stats.message());
            return finish(JobOutcome::failed(result.error, result.errorDetail));
        }
        result.ok = true;
        result.text = qs(stats->text);
        result.stopped = stats->stopReason == qd::StopReason::Cancelled;
        result.stopReason = stopReasonText(stats->stopReason);
        result.promptTokens = stats->promptTokens;
        result.promptEvaluated = stats->promptEvaluated;
        result.generatedTokens = stats->generatedTokens;
        result.firstKept = int(session.firstKeptMessage());
        result.secondsToFirstToken = firstPiece >= 0 ? firstPiece : double(clock.nsecsElapsed()) / 1e9;
        result.promptTokensPerSecond = stats->promptTokensPerSecond();
        result.generationTokensPerSecond = stats->generationTokensPerSecond();
        result.generationSeconds = stats->generationSeconds;
        result.details = detailsFor(m, request.settings, note, result);
        return finish(JobOutcome::finished(tr("%1 tokens, %2 tokens/s").arg(result.generatedTokens).arg(result.generationTokensPerSecond, 0, 'f', 1)));
    };
    stream->m_jobId = m_jobs.submit(std::move(spec));
    return stream;
}

void ChatController::stop(const AnswerStream& stream) {
    if (stream.jobId()) m_jobs.cancel(stream.jobId());
}

QString answerFigures(const QJsonObject& d) {
    if (d.isEmpty()) return {};
    const QJsonObject t = d.value("timings").toObject();
    const QJsonObject s = d.value("sampling").toObject();
    QLocale l;
    QStringList parts;
    parts << QStringLiteral("%1 · %2").arg(d.value("model").toString(), d.value("file_type").toString());
    parts << tr("%1 s to first token").arg(l.toString(t.value("first_token_s").toDouble(), 'f', 2));
    if (t.value("prompt_evaluated").toInt() > 0)
        parts << tr("prompt %1 tokens/s").arg(l.toString(t.value("prompt_tokens_per_s").toDouble(), 'f', 0));
    parts << tr("%1 tokens/s").arg(l.toString(t.value("generation_tokens_per_s").toDouble(), 'f', 1));
    const int generated = t.value("generated_tokens").toInt();
    parts << QCoreApplication::translate("qd::ui", "%n tokens", nullptr, generated);
    if (const int gpu = d.value("gpu_layers").toInt(); gpu > 0)
        parts << QCoreApplication::translate("qd::ui", "%n layer(s) on the GPU", nullptr, gpu);
    const double temp = s.value("temperature").toDouble();
    if (temp <= 0)
        parts << tr("greedy");
    else
        parts << tr("temperature %1, top-k %2, top-p %3, min-p %4, seed %5")
                     .arg(l.toString(temp, 'g', 3))
                     .arg(s.value("top_k").toInt())
                     .arg(l.toString(s.value("top_p").toDouble(), 'g', 3), l.toString(s.value("min_p").toDouble(), 'g', 3),
                          s.value("seed").toString());
    return parts.join(QStringLiteral(" · "));
}

}  // namespace qd::ui
