// The chat page's engine side: models loaded for chatting, the settings an answer is made with, and
// the two jobs the page submits to the JobRunner — loading a model and writing one answer.
//
// An answer streams: the worker hands each piece of text to an AnswerStream, a QObject in the GUI
// thread, which re-emits it there. The worker only appends to a locked buffer and posts one event
// when none is pending, so a slow GUI thread receives bigger pieces instead of a growing queue.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/engine/chat_session.h"
#include "core/engine/generator.h"
#include "core/engine/model.h"
#include "core/tokenizer/tokenizer.h"
#include "ui/job_runner.h"

namespace qd::ui {

// What a chat model is loaded with; a change to any of these loads it again.
struct LoadOptions {
    int context = 2048;
    int threads = 0;          // 0: one per core
    int gpuLayers = 0;        // layers offloaded to a Vulkan GPU: 0 none, -1 every one
    int gpuDevice = -1;       // an index of qd::listGpuDevices(); -1: the best usable one
    bool gpuAllowCpuDevice = false;  // the chosen device is a CPU implementation (lavapipe)

    // The engine's options for these, with the pipeline cache in the user data folder when offloading.
    qd::EngineOptions engineOptions() const;
    bool operator==(const LoadOptions&) const = default;
};

// Everything an answer is made with besides the model and the conversation.
struct ChatSettings {
    QString systemPrompt;
    QString templateName;   // empty: the model's own template; else a built-in one ("chatml")
    qd::SamplerSettings sampler;
    int maxTokens = 512;
    int seed = -1;          // -1: a new seed for every answer (the one used is in the answer's figures)
    LoadOptions load;       // context, threads and GPU offload

    QJsonObject toJson() const;
    static ChatSettings fromJson(const QJsonObject& json);
    bool operator==(const ChatSettings&) const;
};

// A model loaded for chatting. One answer at a time uses its generator (`busy`).
struct ChatModel {
    QString path;
    QString name;        // general.name or the file name
    QString fileType;    // "Q4_K_M"
    int context = 0;
    int threads = 0;
    LoadOptions options;      // as asked (threads 0 stays 0): what a reload compares with
    int layers = 0;           // the model's layers
    int gpuLayers = 0;        // of them on the GPU
    QString backends;         // "Vulkan (NVIDIA H200) + CPU (AVX2)"
    QString gpuNote;          // why fewer layers than asked for are on the GPU
    quint64 memoryBytes = 0;  // mapped file + KV cache + buffers
    std::unique_ptr<qd::Model> model;
    std::unique_ptr<qd::Tokenizer> tokenizer;
    std::unique_ptr<qd::Generator> generator;
    std::string bosText, eosText;
    std::mutex busy;

    // The template an answer with `templateName` uses; `note` says which one it is.
    Result<qd::ChatTemplate> chatTemplate(const QString& templateName, QString* note = nullptr) const;
    // The exact prompt text and its token count for `history` plus `nextUser` (may be empty), and the
    // index of the first message still in the context once room for `settings.maxTokens` is left.
    struct Prompt {
        QString text;
        int tokens = 0;
        int firstKept = 0;
        QString templateNote;
    };
    Result<Prompt> prompt(const ChatSettings& settings, const std::vector<qd::ChatMessage>& history,
                          const std::string& nextUser) const;
};

// Bytes a model needs to chat at `context`: the mapped file, the KV cache and the buffers (planRun's
// figures), or an error saying why the file cannot run.
Result<quint64> chatMemoryNeed(const QString& path, const LoadOptions& options);

// Loads a model: refuses one larger than the free memory at `context` with both numbers, reads the
// weights through once (so the first answer does not wait on the disk) with progress, and returns
// the ChatModel in the outcome's value (a ChatModelPtr).
using ChatModelPtr = std::shared_ptr<ChatModel>;
JobSpec loadChatModelJob(const QString& path, const LoadOptions& options);

// What one answer produced, delivered with AnswerStream::finished.
struct AnswerResult {
    bool ok = false;
    QString text;
    bool stopped = false;        // the person stopped it
    QString stopReason;          // "end of generation", "token limit", ...
    QString error;               // when !ok: what went wrong, in plain words
    QString errorDetail;
    bool templateFailed = false;  // the error came from the chat template (offer a built-in one)
    int promptTokens = 0;
    int promptEvaluated = 0;
    int generatedTokens = 0;
    int firstKept = 0;           // index into the history of the first message the model still saw
    int contextLength = 0;
    double secondsToFirstToken = 0;
    double promptTokensPerSecond = 0;
    double generationTokensPerSecond = 0;
    double generationSeconds = 0;
    quint64 seed = 0;
    QJsonObject details;         // model, file type, settings and figures: what the history stores
};

class AnswerStream : public QObject {
    Q_OBJECT
public:
    explicit AnswerStream(QObject* parent = nullptr) : QObject(parent) {}
    int jobId() const { return m_jobId; }

signals:
    // The prompt is ready: its tokens, the first history message still in the context.
    void started(int promptTokens, int firstKept, int contextLength);
    // New text; `generated` counts the tokens so far.
    void piece(const QString& text, int generated);
    void finished(const qd::ui::AnswerResult& result);

private:
    friend class ChatController;
    int m_jobId = 0;
};

struct AnswerRequest {
    ChatModelPtr model;
    std::vector<qd::ChatMessage> history;  // the conversation before the new user message
    std::string user;                      // the message to answer
    ChatSettings settings;
    QString title;                         // for the jobs panel
};

// Owns the loaded models and submits the load and answer jobs. Pages share one.
class ChatController : public QObject {
    Q_OBJECT
public:
    explicit ChatController(JobRunner& jobs, QObject* parent = nullptr);
    ~ChatController() override;

    JobRunner& jobs() { return m_jobs; }

    // Starts loading (a job). When the file is loaded already with these options, emits loaded() at
    // once and returns 0; a copy with other options is replaced.
    int load(const QString& path, const LoadOptions& options);
    bool isLoading(const QString& path) const;
    void cancelLoad(const QString& path);
    // Drops the model once no answer uses it.
    void unload(const QString& path);
    ChatModelPtr model(const QString& path) const;
    QStringList loadedPaths() const;

    // Starts an answer; the stream reports it. Stop with stop(stream).
    std::shared_ptr<AnswerStream> answer(AnswerRequest request);
    void stop(const AnswerStream& stream);

signals:
    void loaded(const QString& path);
    void loadFailed(const QString& path, const QString& message, const QString& detail);
    void unloaded(const QString& path);

private:
    void onJobFinished(int id, JobState state);

    JobRunner& m_jobs;
    std::map<QString, ChatModelPtr> m_models;
    std::map<int, QString> m_loading;  // job id -> path
};

// "0.21 s to first token · 98.1 tokens/s · 123 tokens" and the model / settings line.
QString answerFigures(const QJsonObject& details);

}  // namespace qd::ui

Q_DECLARE_METATYPE(qd::ui::AnswerResult)
Q_DECLARE_METATYPE(qd::ui::ChatModelPtr)
