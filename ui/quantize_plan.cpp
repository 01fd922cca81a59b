#include "ui/quantize_plan.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <regex>

#include "core/common/checked_math.h"
#include "core/convert/import_model.h"
#include "core/engine/run_check.h"
#include "core/eval/model_identity.h"
#include "core/eval/results_db.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/model_summary.h"

namespace qd::ui {

namespace {

// lupdate files a free tr() in namespace qd::ui under the context "qd::ui"; look it up there.
QString tr(const char* text) { return QCoreApplication::translate("qd::ui", text); }

// The F16 key/value cache of one position, over all layers, of a model known only by its metadata (an
// import not written yet), by the same formula the Models page uses for files.
uint64_t kvBytesPerToken(const std::vector<GgufKeyValue>& metadata) {
    const GgufValue* archValue = findMetadata(metadata, "general.architecture");
    const std::string arch = archValue && archValue->toString() ? *archValue->toString() : std::string();
    auto count = [&](const char* key) { return metadataCount(findMetadata(metadata, arch + key)).value_or(0); };
    ModelSummary s;
    s.blockCount = count(".block_count");
    s.headCount = count(".attention.head_count");
    s.headCountKv = count(".attention.head_count_kv");
    s.embeddingLength = count(".embedding_length");
    s.keyLength = count(".attention.key_length");
    s.valueLength = count(".attention.value_length");
    return s.kvCacheBytes(1);
}

// The latest measurements of variants made from this model, as the results database holds them.
void lookUpMeasured(SourceInfo& info, const QString& database) {
    if (info.modelIdentity.isEmpty()) return;
    const std::filesystem::path dbPath =
        database.isEmpty() ? ResultsDatabase::defaultPath() : std::filesystem::path(database.toStdString());
    std::error_code ec;
    if (!std::filesystem::exists(dbPath, ec)) return;
    auto db = ResultsDatabase::open(dbPath);
    if (!db) return;
    auto records = db->all();
    if (!records) return;
    const std::string base = ";base=" + info.modelIdentity.toStdString();
    for (const auto& r : *records) {  // newest first: keep the first per mix
        if (!r.hasKl || r.settingsKey.find(base) == std::string::npos) continue;
        const QString mix = QString::fromStdString(r.method);
        if (info.measured.contains(mix)) continue;
        MethodQuality q;
        q.measured = true;
        q.kld = r.kld;
        q.deltaPpl = r.deltaPpl;
        q.hasDeltaPpl = true;
        q.source = tr("measured on this model (%1)").arg(QString::fromStdString(r.measuredAt).left(10));
        info.measured.insert(mix, q);
    }
}

}  // namespace

SourceInfo analyzeSource(const QString& path, const QString& database, const QString& delta) {
    SourceInfo info;
    info.path = path;
    info.delta = delta;
    if (path.trimmed().isEmpty()) {
        info.error = tr("Choose a model: a GGUF file, a Hugging Face model folder or a llama2.c checkpoint.");
        return info;
    }
    const QFileInfo fi(path);
    if (!fi.exists()) {
        info.error = tr("%1 does not exist.").arg(QDir::toNativeSeparators(path));
        return info;
    }
    if (!fi.isDir() && !fi.isReadable()) {
        info.error = tr("%1 cannot be read: check its permissions.").arg(QDir::toNativeSeparators(path));
        return info;
    }
    info.name = fi.isDir() ? fi.fileName() : fi.completeBaseName();

    if (fi.isDir() || !GgufFile::hasMagic(path.toStdString())) {
        info.kind = fi.isDir() ? SourceKind::HuggingFace : SourceKind::Llama2c;
        ImportOptions importOptions;
        importOptions.delta = delta.toStdString();
        auto loaded = planImport(path.toStdString(), importOptions);
        if (!loaded) {
            info.error = !delta.isEmpty() ? tr("The delta weights cannot be applied to this base model: %1")
                                                .arg(QString::fromStdString(loaded.message()))
                         : fi.isDir() ? tr("This folder cannot be imported: %1").arg(QString::fromStdString(loaded.message()))
                                    : tr("This is neither a GGUF file nor a llama2.c checkpoint QuantDesk can read: %1")
                                          .arg(QString::fromStdString(loaded.message()));
            return info;
        }
        auto described = describeImportOutput(*loaded, ImportType::F16);
        if (!described) {
            info.error = QString::fromStdString(described.message());
            return info;
        }
        info.description = std::move(*described);
        info.architecture = QString::fromStdString(loaded->architecture);
        info.parameters = planParameterCount(loaded->plan.tensors);
        info.fileType = QStringLiteral("F16");
        if (const GgufValue* n = findMetadata(info.description.metadata, "general.name"); n && n->toString())
            info.name = QString::fromStdString(*n->toString());
        if (fi.isDir()) {
            for (const QString& folder : {path, delta})
                if (!folder.isEmpty())
                    for (const QFileInfo& f : QDir(folder).entryInfoList({QStringLiteral("*.safetensors"), QStringLiteral("*.bin")}, QDir::Files))
                        info.sourceBytes += quint64(f.size());
        } else {
            info.sourceBytes = quint64(fi.size());
        }
        info.kvBytesPerToken = kvBytesPerToken(info.description.metadata);
        return info;
    }

    if (!delta.isEmpty()) {
        info.error = tr("Delta weights apply to a Hugging Face model folder (the base model), not to this file.");
        return info;
    }
    info.kind = SourceKind::Gguf;
    auto file = GgufFile::open(path.toStdString());
    if (!file) {
        info.error = tr("This GGUF file cannot be read: %1").arg(QString::fromStdString(file.message()));
        return info;
    }
    const ModelSummary summary = summarizeModel(*file);
    info.description = describeQuantizeSource(*file);
    info.architecture = QString::fromStdString(summary.architecture);
    info.name = QString::fromStdString(summary.name);
    info.fileType = QString::fromStdString(summary.fileType);
    info.parameters = summary.parameterCount;
    info.sourceBytes = summary.fileSize;
    info.runNote = QString::fromStdString(summary.unsupported);
    info.kvBytesPerToken = summary.kvCacheBytes(1);
    bool anyMatrix = false;
    for (const auto& t : file->tensors()) {
        if (t.dims.size() >= 2 && !isUnquantized(t.type)) info.quantized = true;
        if (isQuantizableTensor(t.name, t.dims.size())) anyMatrix = true;
    }
    if (!anyMatrix) {
        info.error = tr("This file has no weight matrices to quantize (is it a vocabulary-only file?).");
        return info;
    }
    if (auto id = identifyModelFile(path.toStdString())) info.modelIdentity = QString::fromStdString(id->key());
    lookUpMeasured(info, database);
    return info;
}

std::optional<double> referenceDeltaPpl(const QString& mix) {
    // llama-quantize --help (llama.cpp build c392e50, Feb 2025): perplexity increase over F16 on Llama-3-8B.
    static const QHash<QString, double> kTable = {
        {QStringLiteral("Q8_0"), 0.0026},   {QStringLiteral("Q6_K"), 0.0217},   {QStringLiteral("Q5_K_M"), 0.0569},
        {QStringLiteral("Q5_K_S"), 0.1049}, {QStringLiteral("Q5_1"), 0.1062},   {QStringLiteral("Q5_0"), 0.1316},
        {QStringLiteral("Q4_K_M"), 0.1754}, {QStringLiteral("Q4_K_S"), 0.2689}, {QStringLiteral("Q4_1"), 0.4511},
        {QStringLiteral("Q4_0"), 0.4685},   {QStringLiteral("Q3_K_L"), 0.5562}, {QStringLiteral("Q3_K_M"), 0.6569},
        {QStringLiteral("Q3_K_S"), 1.6321}, {QStringLiteral("Q2_K"), 3.5199},
    };
    auto it = kTable.find(mix);
    if (it == kTable.end()) return std::nullopt;
    return *it;
}

QStringList wizardMixes() {
    return {QStringLiteral("F32"),    QStringLiteral("F16"),    QStringLiteral("BF16"),   QStringLiteral("Q8_0"),
            QStringLiteral("Q6_K"),   QStringLiteral("Q5_K_M"), QStringLiteral("Q5_K_S"), QStringLiteral("Q5_1"),
            QStringLiteral("Q5_0"),   QStringLiteral("Q4_K_M"), QStringLiteral("Q4_K_S"), QStringLiteral("Q4_1"),
            QStringLiteral("Q4_0"),   QStringLiteral("IQ4_NL"), QStringLiteral("IQ4_XS"), QStringLiteral("Q3_K_L"),
            QStringLiteral("Q3_K_M"), QStringLiteral("Q3_K_S"), QStringLiteral("Q2_K")};
}

bool isRecommendedMix(const QString& mix) { return mix == QLatin1String("Q4_K_M") || mix == QLatin1String("Q5_K_M"); }
bool isLowQualityMix(const QString& mix) { return mix == QLatin1String("Q2_K") || mix == QLatin1String("Q3_K_S"); }
bool isKQuantMix(const QString& mix) { return mix.contains(QLatin1String("_K")); }

MethodEstimate estimateMethod(const SourceInfo& source, const QString& mix, const QuantizeOptions& base, int context) {
    MethodEstimate m;
    m.mix = mix;
    auto info = mixByName(mix.toStdString());
    if (!info) {
        m.error = tr("unknown method");
        return m;
    }
    QuantizeOptions options = base;
    options.mix.mix = *info;
    auto e = estimateQuantize(source.description, options);
    if (!e) {
        m.error = QString::fromStdString(e.message());
        return m;
    }
    m.ok = true;
    m.fileBytes = e->fileBytes;
    m.bitsPerWeight = e->bitsPerWeight();
    m.fallbacks = e->plan.fallbackCount;
    // Weights are mapped from the file; add the F16 KV cache at the context and about 5% for the
    // activations and scratch buffers (the engine's own planRun gives the exact figure once the file exists).
    const quint64 kv = saturatingMul(source.kvBytesPerToken, quint64(std::max(1, context)));
    m.ramNeeded = saturatingAdd(saturatingAdd(m.fileBytes, kv), m.fileBytes / 20);
    return m;
}

QString bestMixWithin(const std::vector<MethodEstimate>& estimates, quint64 budget, bool byRam) {
    const MethodEstimate* best = nullptr;
    for (const auto& e : estimates) {
        if (!e.ok || e.mix == QLatin1String("F32")) continue;
        const quint64 need = byRam ? e.ramNeeded : e.fileBytes;
        if (need > budget) continue;
        if (!best || e.fileBytes > best->fileBytes) best = &e;
    }
    return best ? best->mix : QString();
}

std::optional<quint64> parseSize(const QString& text) {
    static const QRegularExpression re(QStringLiteral("^\\s*([0-9]+(?:[.,][0-9]+)?)\\s*([kmgt]?i?b?)?\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(text);
    if (!match.hasMatch()) return std::nullopt;
    QString number = match.captured(1);
    number.replace(QLatin1Char(','), QLatin1Char('.'));
    bool ok = false;
    const double value = number.toDouble(&ok);
    if (!ok) return std::nullopt;
    const QString unit = match.captured(2).toLower();
    double scale = 1;
    if (!unit.isEmpty() && unit != QLatin1String("b")) {
        const bool binary = unit.contains(QLatin1Char('i'));
        const double k = binary ? 1024.0 : 1000.0;
        const int power = QStringLiteral("kmgt").indexOf(unit[0]) + 1;
        scale = std::pow(k, power);
    }
    const double bytes = value * scale;
    if (!(bytes >= 0) || bytes > 1e18) return std::nullopt;
    return quint64(bytes);
}

QString expandFileName(const QString& pattern, const SourceInfo& source, const QString& mix) {
    QString name = pattern;
    // {name} is the file's (or folder's) name, as people name their downloads; a name that ends in
    // the source's type ("shakespeare-Q8_0") loses it, so the output is "shakespeare-Q4_K_M.gguf".
    const QFileInfo fi(source.path);
    QString base = fi.isDir() ? fi.fileName() : fi.completeBaseName();
    if (base.isEmpty()) base = source.name;
    for (const QChar sep : {QLatin1Char('-'), QLatin1Char('_'), QLatin1Char('.')})
        if (!source.fileType.isEmpty() && base.endsWith(sep + source.fileType, Qt::CaseInsensitive)) {
            base.chop(source.fileType.size() + 1);
            break;
        }
    name.replace(QLatin1String("{name}"), base);
    name.replace(QLatin1String("{mix}"), mix);
    name.replace(QLatin1String("{arch}"), source.architecture);
    name.replace(QLatin1String("{params}"), QString::fromStdString(parameterSizeLabel(source.parameters)));
    static const QRegularExpression bad(QStringLiteral("[/\\\\:*?\"<>|\\x00-\\x1f]"));
    name.replace(bad, QStringLiteral("_"));
    return name.trimmed();
}

std::vector<TensorTypeOverride> parseOverrides(const QString& text, QString* error) {
    std::vector<TensorTypeOverride> out;
    int lineNo = 0;
    for (const QString& raw : text.split(QLatin1Char('\n'))) {
        ++lineNo;
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
        const int eq = line.lastIndexOf(QLatin1Char('='));
        if (eq <= 0) {
            if (error) *error = tr("line %1: write PATTERN=TYPE, for example attn_v=q8_0").arg(lineNo);
            return {};
        }
        const std::string pattern = line.left(eq).trimmed().toStdString();
        const std::string typeName = line.mid(eq + 1).trimmed().toStdString();
        auto type = ggmlTypeFromName(typeName);
        if (!type) {
            if (error) *error = tr("line %1: unknown tensor type '%2'").arg(lineNo).arg(QString::fromStdString(typeName));
            return {};
        }
        try {
            std::regex check(pattern, std::regex::ECMAScript | std::regex::icase);
        } catch (const std::regex_error&) {
            if (error) *error = tr("line %1: '%2' is not a valid regular expression").arg(lineNo).arg(QString::fromStdString(pattern));
            return {};
        }
        out.push_back({pattern, *type});
    }
    if (error) error->clear();
    return out;
}

}  // namespace qd::ui
