// The jobs the quantization wizard submits to the JobRunner: import a Hugging Face / llama2.c source,
// quantize one variant, evaluate the finished variants. Each runs the core function on the runner's
// worker with the job's progress and cancel, writes through a temporary file renamed when complete,
// and turns a failure into a message in plain words (what went wrong, what to do) with the core's text
// as the detail.
#pragma once

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <memory>

#include "core/quant/quantizer.h"
#include "ui/job_runner.h"

namespace qd::ui {

// Removes a file when the last job holding it is gone (run or cancelled before it ran): the F16 file
// an import writes for the quantizations after it.
class TemporaryFile {
public:
    explicit TemporaryFile(QString path) : m_path(std::move(path)) {}
    ~TemporaryFile();
    const QString& path() const { return m_path; }

private:
    QString m_path;
};

struct ImportRequest {
    QString source;      // Hugging Face folder or llama2.c checkpoint
    std::shared_ptr<TemporaryFile> output;  // the F16 GGUF a wizard run writes for its quantizations, or
    QString outputPath;                     // a file the person asked for (kept; kind "import")
    QString delta;                          // delta weights to apply to the source folder, or empty
};
JobSpec importJob(const ImportRequest& request);

// An importance matrix of `model` on a calibration text, written to `output` (a file of the cache, so
// every variant of one source and text reuses it): a file already there is used as it is; a cancelled
// run keeps the chunks done in `output`.partial and the next run goes on from them.
struct ImatrixRequest {
    QString model;       // the GGUF (the source, or the import's output)
    QString textFile;
    QString output;
    int context = 512;
    int maxChunks = 0;
    int threads = 0;
    std::shared_ptr<TemporaryFile> keepAlive;
};
// value: {"file", "chunks", "reused"}
JobSpec imatrixJob(const ImatrixRequest& request);
// Where the wizard keeps the importance matrix of `source` (a file or folder, as the person chose it) on
// `textFile` at `context` and `maxChunks`: the cache folder, named by what it depends on.
QString imatrixCachePath(const QString& source, const QString& textFile, int context, int maxChunks);
// "" when the imatrix file fits the model `model` describes (every entry a tensor of its row length);
// else why not, in plain words. `modelName` names the model in the message.
QString checkImatrixForModel(const QString& imatrixFile, const qd::QuantizeSource& model, const QString& modelName);

struct VariantRequest {
    QString mix;
    QString source;      // the GGUF to read (the source, or the import's output)
    QString output;      // final path
    qd::QuantizeOptions options;
    QString imatrixFile;  // read when the job starts (it may be the output of an imatrix job before it)
    quint64 predictedBytes = 0;
    std::shared_ptr<TemporaryFile> keepAlive;  // the import's output while this job needs it
};
// value: {"file", "mix", "bytes", "seconds", "predicted"}
JobSpec quantizeJob(const VariantRequest& request);

struct EvaluateRequest {
    QString base;            // the model the KL divergence is measured against (the source)
    QStringList mixes;
    QStringList files;       // one per mix
    QString textFile;
    QString database;        // empty: the default results database
    int context = 512;
    int maxChunks = 0;
    int threads = 0;
    bool speed = true;
    int gpuLayers = 0;       // Vulkan offload (CompareSettings' fields): 0 the CPU only, -1 every layer
    int gpuDevice = -1;
    bool gpuAllowCpuDevice = false;
    std::shared_ptr<TemporaryFile> keepAlive;
};
// value: {"results": list of {"mix", "file", "ppl", "kld", "sameTop", "deltaPpl", "tokensPerSecond"}}
JobSpec evaluateJob(const EvaluateRequest& request);

// A failure in plain words. `folder` and `needed` make a full disk concrete ("disk full: 1.2 GiB free
// in /models, 2.1 GiB needed").
QString explainFailure(const qd::Error& error, const QString& folder = {}, quint64 needed = 0);

// Free bytes of the file system holding `folder` (0 when unknown).
quint64 freeSpace(const QString& folder);

}  // namespace qd::ui
