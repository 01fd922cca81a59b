// What the quantization wizard knows about a source and its outputs before anything runs. Plain
// functions and values, safe on any thread: the wizard runs analyzeSource() on a worker and the rest
// (cheap: no tensor data is read) in the GUI thread as the person changes options.
#pragma once

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

#include "core/quant/quantizer.h"

namespace qd::ui {

enum class SourceKind { None, Gguf, HuggingFace, Llama2c };

// Quality figures for one mix.
struct MethodQuality {
    bool measured = false;   // this model's own figures from the results database
    double kld = -1;         // mean KL divergence, -1 when unknown
    double deltaPpl = 0;     // perplexity change
    bool hasDeltaPpl = false;
    QString source;          // where a reference figure comes from
};


// A source as the wizard's first page explains it.
struct SourceInfo {
    QString path;
    SourceKind kind = SourceKind::None;
    QString error;            // why it cannot be used (empty: usable)
    QString name;             // general.name or the file/folder name
    QString architecture;
    QString fileType;         // "Q8_0", "F16"; for an import, the type of the F16 file it becomes
    quint64 parameters = 0;
    quint64 sourceBytes = 0;  // the file, or the checkpoint's tensor files
    bool quantized = false;   // matrices already quantized: converting needs an explicit tick
    qd::QuantizeSource description;  // the GGUF the quantizer reads (for an import: its F16 output)
    quint64 kvBytesPerToken = 0;     // F16 keys and values of one position, all layers
    QString modelIdentity;    // ModelIdentity::key() of a GGUF source (results database lookups)
    QHash<QString, MethodQuality> measured;  // mix -> this model's latest measured figures
    QString runNote;          // why QuantDesk cannot run it (evaluation is then off); empty when it can
    QString delta;            // delta weights applied to this (base) folder on import, or empty

    bool usable() const { return kind != SourceKind::None && error.isEmpty(); }
    bool needsImport() const { return kind == SourceKind::HuggingFace || kind == SourceKind::Llama2c; }
};

// Opens and checks `path` (reads headers only).
// Opens and checks `path` (reads headers only). `database`: the results database to look for this
// model's measured variants in (empty: the default one; a missing database is no error).
// `delta`: a folder of delta weights to apply to the Hugging Face folder `path` (its base) on import.
SourceInfo analyzeSource(const QString& path, const QString& database = {}, const QString& delta = {});

// llama.cpp's published perplexity change for the mix (llama-quantize's help, Llama-3-8B), if any.
std::optional<double> referenceDeltaPpl(const QString& mix);

// One row of the methods table.
struct MethodEstimate {
    QString mix;
    bool ok = false;
    QString error;           // why the mix cannot be made from this source
    quint64 fileBytes = 0;
    double bitsPerWeight = 0;
    int fallbacks = 0;
    quint64 ramNeeded = 0;   // file + KV cache at the chosen context + working buffers
};

// The mixes the wizard offers, in its table order (best quality first).
QStringList wizardMixes();
bool isRecommendedMix(const QString& mix);   // Q4_K_M, Q5_K_M
bool isLowQualityMix(const QString& mix);    // Q2_K, Q3_K_S
bool isKQuantMix(const QString& mix);

MethodEstimate estimateMethod(const SourceInfo& source, const QString& mix, const qd::QuantizeOptions& options,
                              int context);

// Target mode: the largest output (so the most bits per weight) among `estimates` whose file size
// (byRam false) or RAM need (byRam true) is at most `budget`; F32 is never chosen. Empty when none fits.
QString bestMixWithin(const std::vector<MethodEstimate>& estimates, quint64 budget, bool byRam);

// Parses "12 GB", "7.5GiB", "800 MB", "3000000" (bytes); nullopt when it is not a size.
std::optional<quint64> parseSize(const QString& text);

// "{name}-{mix}.gguf" with {name}, {mix}, {arch}, {params} replaced; characters that cannot be in a
// file name become '_'.
QString expandFileName(const QString& pattern, const SourceInfo& source, const QString& mix);

// "attn_v=q8_0" lines into overrides; `error` names the first bad line (unknown type, bad pattern).
std::vector<qd::TensorTypeOverride> parseOverrides(const QString& text, QString* error);

}  // namespace qd::ui

Q_DECLARE_METATYPE(qd::ui::SourceInfo)
