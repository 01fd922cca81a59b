#include "core/eval/compare.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "core/common/system_info.h"
#include "core/eval/model_identity.h"
#include "core/eval/perplexity.h"
#include "core/gguf/model_summary.h"
#include "core/quant/quantizer.h"

namespace qd {

namespace {

namespace fs = std::filesystem;

Result<std::string> readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot read the evaluation text " + path.string());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Whether `file` is a finished variant of `mix` made from a model with the same tensors.
bool reusable(const fs::path& file, const MixInfo& mix, const GgufFile& source) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return false;
    auto f = GgufFile::open(file);
    if (!f) return false;
    auto ft = f->getUInt("general.file_type");
    if (!ft || *ft != mix.fileTypeId || f->tensors().size() != source.tensors().size()) return false;
    for (const auto& t : source.tensors())
        if (!f->findTensor(t.name)) return false;
    return true;
}

}  // namespace

Result<SpeedResult> measureSpeed(Model& model, int promptTokens, int generateTokens, const ProgressFn& progress,
                                int depth) {
    SpeedResult r;
    std::mt19937 rng(7);
    std::uniform_int_distribution<int32_t> pick(0, model.config().vocabSize - 1);
    std::vector<float> logits;
    depth = std::clamp(depth, 0, model.contextLength() - 2);
    promptTokens = std::min(promptTokens, model.contextLength() - 1 - depth);
    generateTokens = std::min(generateTokens, model.contextLength() - 1 - depth);
    // The cache before the timed part, evaluated once for both (the prompt test overwrites only the rows
    // after it).
    if (depth > 0) {
        std::vector<int32_t> tokens(static_cast<size_t>(depth));
        for (auto& t : tokens) t = pick(rng);
        if (auto s = model.eval(tokens, 0, logits, false); !s) return s.error();
    }
    const uint64_t total = static_cast<uint64_t>(std::max(0, promptTokens) + std::max(0, generateTokens));
    if (promptTokens > 0) {
        std::vector<int32_t> tokens(static_cast<size_t>(promptTokens));
        for (auto& t : tokens) t = pick(rng);
        const ProgressFn layerCheck = progress ? ProgressFn([&](const Progress&) { return report(progress, 0, total, "prompt"); })
                                               : ProgressFn();
        auto t0 = std::chrono::steady_clock::now();
        if (auto s = model.eval(tokens, depth, logits, false, layerCheck); !s) return s.error();
        r.promptTokensPerSecond = promptTokens / std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    if (generateTokens > 0) {
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < generateTokens; ++i) {
            if (!report(progress, static_cast<uint64_t>(std::max(0, promptTokens) + i), total, "generating"))
                return cancelledError();
            int32_t t = pick(rng);
            if (auto s = model.eval(std::span(&t, 1), depth + i, logits); !s) return s.error();
        }
        r.generationTokensPerSecond = generateTokens / std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    return r;
}

Result<CompareReport> runCompare(const CompareSettings& settings, const ProgressFn& progress) {
    CompareReport report;
    // Check everything the person gave before any long work starts.
    // Files measured as they are need only a label (a llama.cpp file's type may be no mix of ours, F16);
    // variants to be made need a mix.
    const bool given = !settings.files.empty();
    std::vector<MixInfo> mixes;
    for (const auto& m : settings.methods) {
        if (given) continue;
        auto mix = mixByName(m);
        if (!mix) return fail("unknown quantization method '" + m + "'");
        mixes.push_back(*mix);
    }
    if (settings.methods.empty()) return fail("no methods to compare");
    if (given && settings.files.size() != settings.methods.size()) return fail("internal error: one file per method is needed");
    const size_t variantCount = settings.methods.size();
    auto source = GgufFile::open(settings.source);
    if (!source) return source.error();
    for (const auto& t : source->tensors()) {
        if (given) break;  // measured as they are: the source is only the base
        if (t.dims.size() >= 2 && t.type != GgmlType::F32 && t.type != GgmlType::F16 && t.type != GgmlType::BF16)
            return fail("the source must be an F32, F16 or BF16 model (tensor " + t.name + " is " +
                        std::string(ggmlTypeName(t.type)) + "): quantize from the unquantized model");
    }
    auto text = readText(settings.textFile);
    if (!text) return text.error();
    std::error_code ec;
    fs::create_directories(settings.outputDir, ec);
    if (ec) return fail("cannot create " + settings.outputDir.string() + ": " + ec.message());
    auto db = ResultsDatabase::open(settings.database.empty() ? ResultsDatabase::defaultPath() : settings.database);
    if (!db) return db.error();
    auto sourceId = identifyModelFile(settings.source);
    if (!sourceId) return sourceId.error();

    const std::string core = "text=" + hex64(fnv1a64(text->data(), text->size())) + ";ctx=" + std::to_string(settings.context) +
                             ";chunks=" + std::to_string(settings.maxChunks) +
                             ";act=" + (settings.gemm == GemmMode::DotKernels ? "quantized" : "float") +
                             (settings.gpuLayers != 0 ? ";gpu=" + std::to_string(settings.gpuLayers) + "@" +
                                                            std::to_string(settings.gpuDevice)
                                                      : std::string());
    const fs::path baseLogProbs = settings.outputDir / (".base-" + hex64(fnv1a64(core.data(), core.size(), fnv1a64(
                                                                       sourceId->key().data(), sourceId->key().size()))) +
                                                        ".qdlp");
    const uint64_t steps = 1 + 2 * variantCount;
    uint64_t step = 0;
    auto reportAt = [&](double within, const std::string& stage) {
        return qd::report(progress, step * 1000 + static_cast<uint64_t>(std::min(1.0, within) * 1000), steps * 1000, stage);
    };

    EngineOptions engine;
    engine.contextLength = settings.context;
    engine.threads = settings.threads;
    engine.gemm = settings.gemm;
    engine.batchSize = settings.context;
    engine.gpuLayers = settings.gpuLayers;
    engine.gpuDevice = settings.gpuDevice;
    engine.gpuAllowCpuDevice = settings.gpuAllowCpuDevice;
    if (settings.gpuLayers != 0) engine.gpuPipelineCache = userDataFile("vulkan-pipeline-cache.bin");

    // Evaluates one model file; `compare` is empty for the base run (which writes the log-probs).
    auto evaluate = [&](const fs::path& file, const std::string& method, bool isBase,
                        EvaluationRecord& rec) -> Result<bool> {  // false: cancelled
        auto model = Model::load(file, engine);
        if (!model) return model.error();
        auto tok = Tokenizer::fromGguf((*model)->file());
        if (!tok) return tok.error();
        PerplexitySettings ps;
        ps.context = settings.context;
        ps.maxChunks = settings.maxChunks;
        if (isBase) ps.saveBaseLogProbs = baseLogProbs;
        else ps.compareTo = baseLogProbs;
        auto r = measurePerplexity(**model, *tok, *text, ps, [&](int done, int total, double ppl) {
            char buf[96];
            std::snprintf(buf, sizeof buf, ": chunk %d/%d, PPL %.3f", done, total, ppl);
            return reportAt(static_cast<double>(done) / total, "evaluating " + method + buf);
        });
        if (!r) {
            if (r.cancelled()) return false;
            return r.error();
        }
        const ModelSummary summary = summarize((*model)->file());
        rec.modelPath = fs::absolute(file).string();
        rec.method = method;
        rec.fileSize = summary.fileSize;
        rec.bitsPerWeight = summary.bitsPerWeight;
        rec.ppl = r->ppl;
        rec.pplError = r->pplError;
        rec.textName = settings.textFile.filename().string();
        rec.basePath = fs::absolute(settings.source).string();
        if (r->kl) {
            rec.hasKl = true;
            rec.kld = r->kl->kld.mean;
            rec.kldError = r->kl->kld.error;
            rec.kld99 = r->kl->kld99;
            rec.logPplRatio = r->kl->logPplRatio;
            rec.logPplRatioError = r->kl->logPplRatioError;
            rec.sameTopPercent = r->kl->sameTopPercent.mean;
            // Against the base run's own perplexity: the stored log-probabilities are clamped 16 nats
            // below the top token, which biases a perplexity recomputed from them.
            rec.deltaPpl = r->ppl - report.base.ppl;
        }
        rec.threads = (*model)->threads();
        if (settings.measureSpeed) {
            if (!reportAt(1.0, "measuring the speed of " + method)) return false;
            auto speed = measureSpeed(**model, 128, 32, [&](const Progress&) {
                return reportAt(1.0, "measuring the speed of " + method);
            });
            if (!speed) {
                if (speed.cancelled()) return false;
                return speed.error();
            }
            rec.promptTokensPerSecond = speed->promptTokensPerSecond;
            rec.generationTokensPerSecond = speed->generationTokensPerSecond;
        }
        return true;
    };

    // 1. The base model, once per text and settings.
    const std::string baseKey = core + ";base=self";
    auto cachedBase = db->latest(sourceId->key(), baseKey);
    if (!cachedBase) return cachedBase.error();
    if (*cachedBase && fs::exists(baseLogProbs, ec)) {
        report.base = **cachedBase;
        report.baseFromDatabase = true;
    } else {
        if (!reportAt(0, "evaluating the source model")) return report.cancelled = true, report;
        report.base.modelIdentity = sourceId->key();
        report.base.settingsKey = baseKey;
        auto ok = evaluate(settings.source, summarize(*source).fileType, true, report.base);
        if (!ok) return ok.error();
        if (!*ok) return report.cancelled = true, report;
        if (auto s = db->insert(report.base); !s) return s.error();
    }
    ++step;

    // 2. Each variant: make it unless a finished file is there, then measure it unless the database knows it.
    const std::string variantKey = core + ";base=" + sourceId->key();
    for (size_t m = 0; m < variantCount; ++m) {
        CompareVariant v;
        v.method = given ? settings.methods[m] : std::string(mixes[m].name);
        v.file = given ? settings.files[m] : settings.outputDir / (settings.source.stem().string() + "-" + v.method + ".gguf");
        if (given && !fs::exists(v.file, ec)) return fail(v.file.string() + " does not exist");
        if (!given && !reusable(v.file, mixes[m], *source)) {
            if (!reportAt(0, "quantizing " + v.method)) return report.cancelled = true, report;
            QuantizeOptions qo;
            qo.mix.mix = mixes[m];
            qo.threads = settings.threads;
            auto q = quantizeModel(settings.source, v.file, qo, [&](const Progress& p) {
                return reportAt(p.total ? static_cast<double>(p.done) / p.total : 0.0, "quantizing " + v.method + ": " + p.stage);
            });
            if (!q) {
                if (q.cancelled()) return report.cancelled = true, report;
                return Error{"quantizing " + v.method + ": " + q.message(), q.kind()};
            }
            v.quantized = true;
        }
        ++step;
        auto id = identifyModelFile(v.file);
        if (!id) return id.error();
        auto cached = db->latest(id->key(), variantKey);
        if (!cached) return cached.error();
        if (*cached) {
            v.record = **cached;
            v.fromDatabase = true;
        } else {
            v.record.modelIdentity = id->key();
            v.record.settingsKey = variantKey;
            auto ok = evaluate(v.file, v.method, false, v.record);
            if (!ok) return ok.error();
            if (!*ok) return report.cancelled = true, report;
            if (auto s = db->insert(v.record); !s) return s.error();
        }
        ++step;
        report.variants.push_back(std::move(v));
    }
    qd::report(progress, steps * 1000, steps * 1000, "done");
    return report;
}

std::string formatCompareTable(const CompareReport& r) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "| %-8s | %10s | %6s | %18s | %9s | %20s | %8s | %9s |\n", "method", "size", "bpw",
                  "PPL", "ΔPPL", "KLD", "same top", "ms/token");
    out += line;
    out += "|----------|------------|--------|--------------------|-----------|----------------------|----------|-----------|\n";
    auto row = [&](const EvaluationRecord& e, bool base) {
        char ppl[32], dppl[32], kld[40], top[16], ms[16];
        std::snprintf(ppl, sizeof ppl, "%.4f ± %.4f", e.ppl, e.pplError);
        std::snprintf(dppl, sizeof dppl, base ? "-" : "%+.4f", e.deltaPpl);
        std::snprintf(kld, sizeof kld, base ? "-" : "%.6f ± %.6f", e.kld, e.kldError);
        std::snprintf(top, sizeof top, base ? "-" : "%.2f%%", e.sameTopPercent);
        std::snprintf(ms, sizeof ms, e.msPerToken() > 0 ? "%.2f" : "-", e.msPerToken());
        std::snprintf(line, sizeof line, "| %-8s | %10s | %6.2f | %18s | %9s | %20s | %8s | %9s |\n", e.method.c_str(),
                      formatBytes(e.fileSize).c_str(), e.bitsPerWeight, ppl, dppl, kld, top, ms);
        out += line;
    };
    row(r.base, true);
    for (const auto& v : r.variants) row(v.record, false);
    return out;
}

}  // namespace qd
