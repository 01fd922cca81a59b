#include "ui/quantize_jobs.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStorageInfo>

#include <chrono>
#include <optional>

#include "core/convert/import_model.h"
#include "core/convert/json_file.h"
#include "core/eval/compare.h"
#include "core/eval/imatrix.h"
#include "ui/format.h"

namespace qd::ui {

namespace {

// lupdate files a free tr() in namespace qd::ui under the context "qd::ui"; look it up there.
QString tr(const char* text) { return QCoreApplication::translate("qd::ui", text); }
QString tr(const char* text, const char* disambiguation, int n) { return QCoreApplication::translate("qd::ui", text, disambiguation, n); }

QString native(const QString& path) { return QDir::toNativeSeparators(path); }

// What identifies the source's contents cheaply: a change while a job reads it makes the output suspect.
struct FileStamp {
    bool exists = false;
    qint64 size = 0;
    QDateTime modified;
    bool operator==(const FileStamp&) const = default;
};
FileStamp stampOf(const QString& path) {
    const QFileInfo fi(path);
    return {fi.exists(), fi.size(), fi.lastModified()};
}

}  // namespace

TemporaryFile::~TemporaryFile() {
    if (!m_path.isEmpty()) QFile::remove(m_path);
}

quint64 freeSpace(const QString& folder) {
    QStorageInfo info(folder);
    return info.isValid() && info.bytesAvailable() > 0 ? quint64(info.bytesAvailable()) : 0;
}

QString explainFailure(const qd::Error& error, const QString& folder, quint64 needed) {
    const QString detail = QString::fromStdString(error.message);
    switch (error.kind) {
        case qd::ErrorKind::DiskFull: {
            if (!folder.isEmpty() && needed > 0)
                return tr("Disk full: %1 free in %2, %3 needed. Free some space or choose another output folder.")
                    .arg(formatSize(freeSpace(folder)), native(folder), formatSize(needed));
            return tr("Disk full. Free some space or choose another output folder.");
        }
        case qd::ErrorKind::Io:
            return tr("Could not read or write a file: %1. Check that the folder exists and that you may write there.").arg(detail);
        case qd::ErrorKind::OutOfMemory:
            return tr("Not enough memory: %1. Close other programs, or choose a smaller context.").arg(detail);
        case qd::ErrorKind::Unsupported:
            return tr("QuantDesk cannot do this yet: %1").arg(detail);
        case qd::ErrorKind::Internal:
            return tr("Internal error (a bug in QuantDesk; please report it with the log): %1").arg(detail);
        case qd::ErrorKind::Cancelled:
            return tr("Cancelled.");
        case qd::ErrorKind::BadInput:
            break;
    }
    return detail;
}

JobSpec importJob(const ImportRequest& request) {
    JobSpec spec;
    spec.title = request.delta.isEmpty()
                     ? tr("Import %1 to F16").arg(QFileInfo(request.source).fileName())
                     : tr("Import %1 + delta %2 to F16").arg(QFileInfo(request.source).fileName(), QFileInfo(request.delta).fileName());
    spec.kind = request.output ? QStringLiteral("import-step") : QStringLiteral("import");
    spec.work = [request](JobContext& job) -> JobOutcome {
        const QString out = request.output ? request.output->path() : request.outputPath;
        job.log(tr("Importing %1 into %2").arg(native(request.source), native(out)));
        ImportOptions options;
        options.type = ImportType::F16;
        if (!request.delta.isEmpty()) {
            job.log(tr("Applying the delta weights of %1").arg(native(request.delta)));
            options.delta = request.delta.toStdString();
        }
        auto r = importModel(request.source.toStdString(), out.toStdString(), options, job.progressFn(tr("importing")));
        if (!r) {
            if (request.output) QFile::remove(out);  // a wizard's step file; a chosen output is never written on failure
            return JobOutcome::fromError(r.error(), explainFailure(r.error(), QFileInfo(out).absolutePath()));
        }
        job.log(tr("%1 tensors, %2 parameters").arg(r->tensorCount).arg(r->parameterCount));
        return JobOutcome::finished(tr("Imported %1 (%2)").arg(QFileInfo(request.source).fileName(),
                                                              formatSize(quint64(QFileInfo(out).size()))),
                                    out);
    };
    return spec;
}

QString imatrixCachePath(const QString& source, const QString& textFile, int context, int maxChunks) {
    const QFileInfo s(source), t(textFile);
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(s.absoluteFilePath().toUtf8());
    h.addData(QByteArray::number(s.size()) + ':' + QByteArray::number(s.lastModified().toMSecsSinceEpoch()));
    QFile text(textFile);
    if (text.open(QIODevice::ReadOnly)) h.addData(&text);  // the text's content, wherever it lies
    h.addData(QByteArray::number(context) + ':' + QByteArray::number(maxChunks));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/imatrix");
    return dir + QLatin1Char('/') + s.completeBaseName() + QLatin1Char('-') + QString::fromLatin1(h.result().toHex().left(16)) +
           QStringLiteral(".imatrix.dat");
}

QString checkImatrixForModel(const QString& imatrixFile, const qd::QuantizeSource& model, const QString& modelName) {
    auto m = qd::Imatrix::read(imatrixFile.toStdString());
    if (!m) return QString::fromStdString(m.message());
    for (const qd::ImatrixEntry& e : m->entries) {
        const qd::TensorDesc* t = nullptr;
        for (const auto& d : model.tensors)
            if (d.name == e.name) t = &d;
        const uint64_t width = t && !t->dims.empty() ? t->dims[0] * (t->dims.size() > 2 ? t->dims[2] : 1) : 0;
        if (!t)
            return tr("%1 was computed for another model: it has an entry for %2, which %3 does not have.")
                .arg(QFileInfo(imatrixFile).fileName(), QString::fromStdString(e.name), modelName);
        if (width != e.values.size())
            return tr("%1 was computed for another model: its %2 has %3 values, and the tensor's rows here hold %4.")
                .arg(QFileInfo(imatrixFile).fileName(), QString::fromStdString(e.name))
                .arg(e.values.size())
                .arg(width);
    }
    return {};
}

JobSpec imatrixJob(const ImatrixRequest& request) {
    JobSpec spec;
    spec.title = tr("Importance matrix of %1").arg(QFileInfo(request.model).fileName());
    spec.kind = QStringLiteral("imatrix");
    spec.bytes = false;
    spec.work = [request](JobContext& job) -> JobOutcome {
        QVariantMap value;
        value.insert(QStringLiteral("file"), request.output);
        if (auto done = qd::Imatrix::read(request.output.toStdString()); done && done->lastChunk > 0) {
            value.insert(QStringLiteral("chunks"), done->lastChunk);
            value.insert(QStringLiteral("reused"), true);
            return JobOutcome::finished(tr("Reused the importance matrix computed before (%n chunk(s))", nullptr, done->lastChunk), value);
        }
        auto content = qd::readTextFile(request.textFile.toStdString());
        if (!content)
            return JobOutcome::failed(tr("The calibration text %1 cannot be read.").arg(native(request.textFile)),
                                      QString::fromStdString(content.message()));
        QDir().mkpath(QFileInfo(request.output).absolutePath());
        const QString partialPath = request.output + QStringLiteral(".partial");
        qd::ImatrixSettings s;
        s.context = request.context;
        s.maxChunks = request.maxChunks;
        s.threads = request.threads;
        s.datasetName = request.textFile.toStdString();
        std::optional<qd::Imatrix> resume;
        if (auto p = qd::Imatrix::read(partialPath.toStdString()); p && p->lastChunk > 0) {
            resume = std::move(*p);
            s.resume = &*resume;
            job.log(tr("Going on after chunk %1 of the run stopped before").arg(resume->lastChunk));
        }
        job.log(tr("Text: %1, chunks of %2 tokens").arg(native(request.textFile)).arg(request.context));
        qd::Imatrix partial;
        auto m = qd::computeImatrix(request.model.toStdString(), *content, s, job.progressFn(tr("Chunk")), &partial);
        if (!m && m.cancelled()) {
            if (partial.lastChunk > 0 && partial.write(partialPath.toStdString()))
                return JobOutcome::cancelled(tr("Stopped; the %n chunk(s) done are kept for the next run.", nullptr, partial.lastChunk));
            return JobOutcome::cancelled();
        }
        if (!m) {
            // A partial result that does not fit (another text or model) is dropped, so the next run starts clean.
            if (resume) QFile::remove(partialPath);
            return JobOutcome::fromError(m.error(), tr("The importance matrix could not be computed: %1").arg(QString::fromStdString(m.message())));
        }
        if (auto w = m->write(request.output.toStdString()); !w)
            return JobOutcome::fromError(w.error(), explainFailure(w.error(), QFileInfo(request.output).absolutePath()));
        QFile::remove(partialPath);
        value.insert(QStringLiteral("chunks"), m->lastChunk);
        value.insert(QStringLiteral("reused"), false);
        return JobOutcome::finished(tr("Importance matrix computed on %n chunk(s)", nullptr, m->lastChunk), value);
    };
    return spec;
}

JobSpec quantizeJob(const VariantRequest& request) {
    JobSpec spec;
    spec.title = tr("Quantize to %1 → %2").arg(request.mix, QFileInfo(request.output).fileName());
    spec.kind = QStringLiteral("quantize");
    spec.work = [request](JobContext& job) -> JobOutcome {
        const QString folder = QFileInfo(request.output).absolutePath();
        job.log(tr("Source: %1").arg(native(request.source)));
        job.log(tr("Output: %1 (predicted %2 bytes)").arg(native(request.output)).arg(request.predictedBytes));
        const FileStamp before = stampOf(request.source);
        if (!before.exists)
            return JobOutcome::failed(tr("The source %1 is gone; nothing was written.").arg(native(request.source)));
        qd::QuantizeOptions options = request.options;
        if (!request.imatrixFile.isEmpty()) {
            auto m = qd::Imatrix::read(request.imatrixFile.toStdString());
            if (!m)
                return JobOutcome::failed(tr("The importance matrix %1 cannot be used: %2").arg(native(request.imatrixFile), QString::fromStdString(m.message())));
            options.imatrix = std::make_shared<const qd::Imatrix>(std::move(*m));
            options.imatrixFile = request.imatrixFile.toStdString();
            job.log(tr("Importance matrix: %1").arg(native(request.imatrixFile)));
        }
        const auto start = std::chrono::steady_clock::now();
        auto r = quantizeModel(request.source.toStdString(), request.output.toStdString(), options, job.progressFn());
        // A source changed or deleted meanwhile makes the output suspect (or the read fail): say so,
        // whatever else went wrong.
        const FileStamp after = stampOf(request.source);
        if (!(after == before) && !(!r && r.cancelled())) {
            QFile::remove(request.output);
            return JobOutcome::failed(after.exists ? tr("The source file changed while it was being read, so the output was "
                                                        "removed. Run again once nothing else writes to it.")
                                                   : tr("The source file was deleted while it was being read, so the output "
                                                        "was removed."),
                                      r ? QString() : QString::fromStdString(r.message()));
        }
        if (!r) return JobOutcome::fromError(r.error(), explainFailure(r.error(), folder, request.predictedBytes));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (const auto& w : r->warnings) job.log(tr("warning: %1").arg(QString::fromStdString(w)));
        job.log(tr("Wrote %1 bytes in %2 s (%3 MB/s of source)")
                    .arg(r->outputFileBytes)
                    .arg(seconds, 0, 'f', 2)
                    .arg(seconds > 0 ? double(r->sourceTensorBytes) / 1e6 / seconds : 0.0, 0, 'f', 1));
        QVariantMap value;
        value.insert(QStringLiteral("file"), request.output);
        value.insert(QStringLiteral("mix"), request.mix);
        value.insert(QStringLiteral("bytes"), QVariant::fromValue<qulonglong>(QFileInfo(request.output).size()));
        value.insert(QStringLiteral("predicted"), QVariant::fromValue<qulonglong>(request.predictedBytes));
        value.insert(QStringLiteral("seconds"), seconds);
        return JobOutcome::finished(tr("%1 written: %2 in %3 s")
                                        .arg(QFileInfo(request.output).fileName(), formatSize(r->outputFileBytes))
                                        .arg(seconds, 0, 'f', 1),
                                    value);
    };
    return spec;
}

JobSpec evaluateJob(const EvaluateRequest& request) {
    JobSpec spec;
    spec.title = tr("Evaluate %1").arg(request.mixes.join(QStringLiteral(", ")));
    spec.kind = QStringLiteral("evaluate");
    spec.bytes = false;
    spec.work = [request](JobContext& job) -> JobOutcome {
        CompareSettings s;
        s.source = request.base.toStdString();
        // Only the variants that were made (a failed or cancelled one has no file).
        for (int i = 0; i < request.mixes.size() && i < request.files.size(); ++i) {
            if (!QFileInfo(request.files[i]).isFile()) {
                job.log(tr("%1: not made, not evaluated").arg(request.mixes[i]));
                continue;
            }
            s.methods.push_back(request.mixes[i].toStdString());
            s.files.push_back(request.files[i].toStdString());
        }
        if (s.methods.empty()) return JobOutcome::cancelled(tr("Nothing to evaluate: no variant was made."));
        if (!QFileInfo(request.base).isFile())
            return JobOutcome::failed(tr("The source %1 is gone, so nothing can be compared with it.").arg(native(request.base)));
        s.textFile = request.textFile.toStdString();
        // The source's log-probabilities are kept in the cache, not beside the person's models.
        const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/evaluations");
        QDir().mkpath(cache);
        s.outputDir = cache.toStdString();
        if (!request.database.isEmpty()) s.database = request.database.toStdString();
        s.context = request.context;
        s.maxChunks = request.maxChunks;
        s.threads = request.threads;
        s.measureSpeed = request.speed;
        s.gpuLayers = request.gpuLayers;
        s.gpuDevice = request.gpuDevice;
        s.gpuAllowCpuDevice = request.gpuAllowCpuDevice;
        if (s.gpuLayers != 0)
            job.log(s.gpuLayers < 0 ? tr("Every layer on the GPU") : tr("%n layer(s) on the GPU", nullptr, s.gpuLayers));
        job.log(tr("Text: %1, context %2, %3").arg(native(request.textFile)).arg(request.context)
                    .arg(request.maxChunks > 0 ? tr("at most %1 chunks").arg(request.maxChunks) : tr("every chunk")));
        auto r = runCompare(s, job.progressFn());
        if (!r) return JobOutcome::fromError(r.error(), explainFailure(r.error()));
        if (r->cancelled) return JobOutcome::cancelled(tr("Cancelled; the variants measured before are in the results database."));
        job.log(QString::fromStdString(formatCompareTable(*r)));
        QVariantList results;
        for (const auto& v : r->variants) {
            QVariantMap m;
            m.insert(QStringLiteral("mix"), QString::fromStdString(v.method));
            m.insert(QStringLiteral("file"), QString::fromStdString(v.file.string()));
            m.insert(QStringLiteral("ppl"), v.record.ppl);
            m.insert(QStringLiteral("kld"), v.record.kld);
            m.insert(QStringLiteral("sameTop"), v.record.sameTopPercent);
            m.insert(QStringLiteral("deltaPpl"), v.record.deltaPpl);
            m.insert(QStringLiteral("tokensPerSecond"), v.record.generationTokensPerSecond);
            results.append(m);
        }
        QVariantMap value;
        value.insert(QStringLiteral("results"), results);
        value.insert(QStringLiteral("basePpl"), r->base.ppl);
        return JobOutcome::finished(QCoreApplication::translate("qd::ui::QuantizeJobs",
                                                                "Measured %n variant(s); the results are in the results database.",
                                                                nullptr, int(results.size())),
                                    value);
    };
    return spec;
}

}  // namespace qd::ui
