#include "core/lab/evaluator.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

#include "core/convert/json_file.h"
#include "core/engine/model.h"
#include "core/eval/perplexity.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/quant/fp16.h"
#include "core/quant/quantize.h"
#include "core/tokenizer/tokenizer.h"

namespace qd::lab {

namespace fs = std::filesystem;

struct Evaluator::Data {
    EvaluatorSettings settings;
    std::vector<uint8_t> bytes;  // the base file, as read
    std::unique_ptr<GgufFile> file;  // parsed from `bytes`
    std::string text;
    fs::path baseLogProbs;
};

namespace {

Result<std::vector<uint8_t>> readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot read " + path.string());
    std::vector<uint8_t> out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return out;
}

// The weights the lab quantizes: every tensor with two or more dimensions (norms and biases stay).
bool quantized(const GgufTensorInfo& t) { return t.dims.size() >= 2 && isUnquantized(t.type); }

void rowToFloat(GgmlType type, const uint8_t* src, float* dst, int64_t n) {
    if (type == GgmlType::F32) {
        std::memcpy(dst, src, size_t(n) * 4);
        return;
    }
    for (int64_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, src + 2 * i, 2);
        dst[i] = type == GgmlType::F16 ? halfToFloat(h) : bf16ToFloat(h);
    }
}

void floatToRow(GgmlType type, const float* src, uint8_t* dst, int64_t n) {
    if (type == GgmlType::F32) {
        std::memcpy(dst, src, size_t(n) * 4);
        return;
    }
    for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = type == GgmlType::F16 ? floatToHalf(src[i]) : floatToBf16(src[i]);
        std::memcpy(dst + 2 * i, &h, 2);
    }
}

// The engine as every evaluation here runs it (the base's and each point's alike).
EngineOptions engineFor(const EvaluatorSettings& s) {
    EngineOptions engine;
    engine.contextLength = s.context;
    engine.threads = s.threads;
    engine.batchSize = s.context;
    engine.gemm = GemmMode::DotKernels;
    return engine;
}

// A row through the format and back: `back` gets the weights a model with this format would use.
void roundTrip(const BlockFormat& format, ScaleRule rule, const std::vector<float>& row, int64_t n, std::vector<uint8_t>& q,
               std::vector<float>& back) {
    q.resize(format.rowBytes(n));
    back.resize(size_t(n));
    quantizeRow(format, row.data(), n, q.data(), rule);
    dequantizeRow(format, q.data(), n, back.data());
}

// Calls fn(tensor, row index, row floats, row length) for every row of every quantized tensor.
template <typename Fn>
void forEachRow(const GgufFile& file, const std::vector<uint8_t>& bytes, Fn&& fn) {
    std::vector<float> row;
    for (const auto& t : file.tensors()) {
        if (!quantized(t)) continue;
        const int64_t n = int64_t(t.rowLength());
        const size_t rowBytes = size_t(n) * (t.type == GgmlType::F32 ? 4 : 2);
        row.resize(size_t(n));
        const uint8_t* base = bytes.data() + file.dataOffset() + t.offset;
        for (uint64_t r = 0; r < t.rowCount(); ++r) {
            rowToFloat(t.type, base + r * rowBytes, row.data(), n);
            fn(t, r, row, n);
        }
    }
}

// A quantized base (the demo's Q8_0, say) as an F32 file in the work folder: every 2-D tensor dequantized,
// the rest as it is, so the lab measures its formats against the weights that file holds.
Result<fs::path> expandToF32(const GgufFile& src, const fs::path& out) {
    GgufWriter w(src.version());
    for (const auto& kv : src.metadata()) w.set(kv.key, kv.value);
    w.set("general.file_type", GgufValue::uint32(0));  // all F32
    for (const auto& t : src.tensors())
        if (auto st = w.addTensor(t.name, t.dims, t.dims.size() >= 2 ? GgmlType::F32 : t.type); !st) return st.error();
    auto st = w.write(out, [&](size_t, const GgufTensorInfo& info, TensorSink& sink) -> Status {
        const GgufTensorInfo* t = src.findTensor(info.name);
        if (!t) return fail("tensor " + info.name + " went missing");
        const auto data = src.tensorData(*t);
        if (info.type == t->type) return sink.write(data);
        const int64_t n = int64_t(t->rowLength());
        const size_t inRow = data.size() / std::max<uint64_t>(1, t->rowCount());
        std::vector<float> row(static_cast<size_t>(n));
        for (uint64_t r = 0; r < t->rowCount(); ++r) {
            if (auto d = dequantizeRow(t->type, data.data() + r * inRow, row.data(), n); !d) return d.error();
            if (auto ws = sink.write(row.data(), row.size() * sizeof(float)); !ws) return ws.error();
        }
        return {};
    });
    if (!st) return st.error();
    return out;
}

}  // namespace

std::string tensorKind(const std::string& name) {
    if (name.rfind("blk.", 0) == 0) {
        const size_t dot = name.find('.', 4);
        if (dot != std::string::npos) return name.substr(dot + 1);
    }
    return name;
}

Evaluator::~Evaluator() = default;

Result<std::unique_ptr<Evaluator>> Evaluator::open(const EvaluatorSettings& settings, const ProgressFn& progress) {
    std::unique_ptr<Evaluator> e(new Evaluator);
    e->m = std::make_unique<Data>();
    Data& d = *e->m;
    d.settings = settings;
    auto text = readTextFile(settings.textFile);
    if (!text) return fail("cannot read the evaluation text: " + text.message());
    d.text = std::move(*text);
    std::error_code ec;
    fs::create_directories(settings.workDir, ec);
    if (ec) return fail("cannot create " + settings.workDir.string() + ": " + ec.message());
    d.baseLogProbs = settings.workDir / "lab-base.qdlp";

    fs::path basePath = settings.base;
    auto bytes = readAll(basePath);
    if (!bytes) return bytes.error();
    {
        auto parsed = GgufFile::parse(*bytes);
        if (!parsed) return parsed.error();
        for (const auto& t : parsed->tensors())
            if (t.dims.size() >= 2 && !isUnquantized(t.type)) {
                e->m_baseType = std::string(ggmlTypeName(t.type));
                auto expanded = expandToF32(*parsed, settings.workDir / "lab-base-f32.gguf");
                if (!expanded) return expanded.error();
                basePath = *expanded;
                break;
            }
    }
    if (basePath != settings.base) {
        bytes = readAll(basePath);
        if (!bytes) return bytes.error();
    }
    d.bytes = std::move(*bytes);
    auto parsed = GgufFile::parse(d.bytes);
    if (!parsed) return parsed.error();
    d.file = std::make_unique<GgufFile>(std::move(*parsed));
    int weights = 0;
    for (const auto& t : d.file->tensors())
        if (quantized(t)) ++weights;
    if (weights == 0) return fail(settings.base.string() + " has no weight matrices");

    auto model = Model::load(basePath, engineFor(settings));
    if (!model) return model.error();
    auto tok = Tokenizer::fromGguf((*model)->file());
    if (!tok) return tok.error();
    PerplexitySettings ps;
    ps.context = settings.context;
    ps.maxChunks = settings.maxChunks;
    ps.saveBaseLogProbs = d.baseLogProbs;
    auto r = measurePerplexity(**model, *tok, d.text, ps, [&](int done, int total, double) {
        return report(progress, uint64_t(done), uint64_t(std::max(1, total)), "evaluating the base model");
    });
    if (!r) return r.error();
    e->m_base.ppl = r->ppl;
    e->m_base.pplError = r->pplError;
    e->m_base.chunks = r->chunks;
    return e;
}

double Evaluator::meanRowWidth() const {
    double weighted = 0, weights = 0;
    for (const auto& t : m->file->tensors())
        if (quantized(t)) weighted += double(t.rowLength()) * double(t.nElements), weights += double(t.nElements);
    return weights > 0 ? weighted / weights : 0.0;
}

Result<WeightError> Evaluator::weightError(const BlockFormat& format, ScaleRule rule) const {
    if (auto p = format.problem(); !p.empty()) return fail(format.name() + ": " + p);
    WeightError w;
    double sum = 0.0;
    uint64_t bytes = 0;
    std::map<std::string, std::pair<double, uint64_t>> kinds;
    // |error| samples for the percentile: every weight of small models, an even subsample of large ones.
    std::vector<float> sample;
    const uint64_t total = [&] {
        uint64_t n = 0;
        for (const auto& t : m->file->tensors())
            if (quantized(t)) n += t.nElements;
        return n;
    }();
    const uint64_t stride = std::max<uint64_t>(1, total / 2000000);
    uint64_t seen = 0;
    std::vector<uint8_t> q;
    std::vector<float> back;
    std::string lastTensor;
    forEachRow(*m->file, m->bytes, [&](const GgufTensorInfo& t, uint64_t r, const std::vector<float>& row, int64_t n) {
        if (r == 0) {
            if (n % format.unitFor(n) != 0) ++w.paddedTensors;
            bytes += format.rowBytes(n) * t.rowCount();
        }
        roundTrip(format, rule, row, n, q, back);
        auto& kind = kinds[tensorKind(t.name)];
        for (int64_t j = 0; j < n; ++j) {
            const double e = double(back[size_t(j)]) - double(row[size_t(j)]);
            sum += e * e;
            kind.first += e * e;
            w.maxAbs = std::max(w.maxAbs, std::fabs(e));
            if (seen++ % stride == 0) sample.push_back(float(std::fabs(e)));
        }
        kind.second += uint64_t(n);
    });
    w.weights = total;
    w.rmse = total ? std::sqrt(sum / double(total)) : 0.0;
    w.bitsPerWeight = total ? double(bytes) * 8.0 / double(total) : 0.0;
    for (const auto& [k, v] : kinds) w.rmseByKind[k] = v.second ? std::sqrt(v.first / double(v.second)) : 0.0;
    if (!sample.empty()) {
        const size_t at = std::min(sample.size() - 1, size_t(0.99 * double(sample.size())));
        std::nth_element(sample.begin(), sample.begin() + std::ptrdiff_t(at), sample.end());
        w.p99 = sample[at];
    }
    return w;
}

Result<Quality> Evaluator::quality(const BlockFormat& format, ScaleRule rule, const ProgressFn& progress) {
    if (auto p = format.problem(); !p.empty()) return fail(format.name() + ": " + p);
    // The base's bytes with every weight matrix replaced by its quantized-and-dequantized values, in the
    // base's own float type (F16 and BF16 bases round the values once more).
    std::vector<uint8_t> bytes = m->bytes;
    std::vector<uint8_t> q;
    std::vector<float> back;
    forEachRow(*m->file, m->bytes, [&](const GgufTensorInfo& t, uint64_t r, const std::vector<float>& row, int64_t n) {
        roundTrip(format, rule, row, n, q, back);
        const size_t rowBytes = size_t(n) * (t.type == GgmlType::F32 ? 4 : 2);
        floatToRow(t.type, back.data(), bytes.data() + m->file->dataOffset() + t.offset + r * rowBytes, n);
    });
    if (!report(progress, 0, 1, "evaluating " + format.name())) return cancelledError();
    auto parsed = GgufFile::parse(bytes);
    if (!parsed) return parsed.error();
    auto model = Model::load(std::move(*parsed), engineFor(m->settings));
    if (!model) return model.error();
    auto tok = Tokenizer::fromGguf((*model)->file());
    if (!tok) return tok.error();
    PerplexitySettings ps;
    ps.context = m->settings.context;
    ps.maxChunks = m->settings.maxChunks;
    ps.compareTo = m->baseLogProbs;
    auto r = measurePerplexity(**model, *tok, m->text, ps, [&](int done, int total, double) {
        return report(progress, uint64_t(done), uint64_t(std::max(1, total)), "evaluating " + format.name());
    });
    if (!r) return r.error();
    Quality out;
    out.ppl = r->ppl;
    out.pplError = r->pplError;
    out.chunks = r->chunks;
    if (r->kl) {
        out.kld = r->kl->kld.mean;
        out.kldError = r->kl->kld.error;
        out.kld99 = r->kl->kld99;
        out.sameTopPercent = r->kl->sameTopPercent.mean;
        out.sameTopError = r->kl->sameTopPercent.error;
    }
    return out;
}

}  // namespace qd::lab
