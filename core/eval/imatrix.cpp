#include "core/eval/imatrix.h"

#include <map>
#include <vector>

#include "core/engine/model.h"
#include "core/tokenizer/tokenizer.h"

namespace qd {

namespace {

// One matrix's running sums: of x^2 per input column, over how many token rows, in how many products.
struct Accumulator {
    size_t order = 0;  // the tensor's index in the file
    std::vector<float> sums;
    int64_t rows = 0;
    int32_t calls = 0;
};

}  // namespace

namespace {

// The file's entries from the sums so far, in the model's tensor order.
Imatrix toImatrix(const std::map<std::string, Accumulator>& acc, const GgufFile& file, int chunks, const std::string& dataset) {
    Imatrix m;
    for (const auto& info : file.tensors()) {
        auto it = acc.find(info.name);
        if (it == acc.end()) continue;
        const Accumulator& a = it->second;
        ImatrixEntry e;
        e.name = it->first;
        e.ncall = a.calls;
        e.values.resize(a.sums.size());
        for (size_t j = 0; j < a.sums.size(); ++j)
            e.values[j] = a.rows > 0 ? a.sums[j] / static_cast<float>(a.rows) * static_cast<float>(a.calls) : 0.0f;
        m.entries.push_back(std::move(e));
    }
    m.hasTrailer = true;
    m.lastChunk = chunks;
    m.dataset = dataset;
    return m;
}

}  // namespace

Result<Imatrix> computeImatrix(const std::filesystem::path& path, const std::string& text, const ImatrixSettings& settings,
                               const ProgressFn& progress, Imatrix* partial) {
    if (settings.context < 8) return fail("the context must be at least 8 tokens");
    std::map<std::string, Accumulator> acc;
    std::string observeError;
    EngineOptions options;
    options.contextLength = settings.context;
    options.batchSize = settings.context;  // one product per matrix per chunk, as llama-imatrix with -b = -c
    options.threads = settings.threads;
    options.matmulInputs = [&](const WeightView& w, const float* x, int rows) {
        if (!w.info) return;
        const std::string& name = w.info->name;
        if (name.rfind("blk.", 0) != 0 && !(settings.includeOutput && name == "output.weight")) return;
        Accumulator& a = acc[name];
        if (a.sums.empty()) a.sums.assign(static_cast<size_t>(w.cols), 0.0f);
        if (a.sums.size() != static_cast<size_t>(w.cols)) {
            observeError = name + " was multiplied with inputs of two widths";
            return;
        }
        for (int r = 0; r < rows; ++r) {
            const float* row = x + static_cast<size_t>(r) * a.sums.size();
            for (size_t j = 0; j < a.sums.size(); ++j) a.sums[j] += row[j] * row[j];
        }
        a.rows += rows;
        ++a.calls;
    };
    auto model = Model::load(path, options);
    if (!model) return model.error();
    auto tokenizer = Tokenizer::fromGguf((*model)->file());
    if (!tokenizer) return tokenizer.error();

    const int nCtx = (*model)->contextLength();
    if (nCtx != settings.context)
        return fail("the model's context is " + std::to_string(nCtx) + " tokens: chunks of " + std::to_string(settings.context) +
                    " do not fit");
    const bool addBos = tokenizer->addsBos() && tokenizer->bos() >= 0;
    std::vector<int32_t> tokens = tokenizer->encode(text, addBos, false);
    int chunks = static_cast<int>(tokens.size()) / nCtx;
    if (settings.maxChunks > 0) chunks = std::min(chunks, settings.maxChunks);
    if (chunks < 1)
        return fail("the calibration text has " + std::to_string(tokens.size()) + " tokens: at least one chunk of " +
                    std::to_string(nCtx) + " is needed");

    // Going on from a partial result: its sums back (values / ncall x rows), its chunks skipped.
    int first = 0;
    if (settings.resume) {
        const Imatrix& r = *settings.resume;
        if (r.lastChunk < 1 || r.lastChunk > chunks)
            return fail("the partial importance matrix covers " + std::to_string(r.lastChunk) + " chunks, and this text has " +
                        std::to_string(chunks) + ": it was made from another text or context");
        for (const ImatrixEntry& e : r.entries) {
            const GgufTensorInfo* t = (*model)->file().findTensor(e.name);
            if (!t || t->rowLength() != e.values.size() || e.ncall != r.lastChunk)
                return fail("the partial importance matrix does not fit this model (" + e.name + ")");
            Accumulator& a = acc[e.name];
            a.calls = e.ncall;
            a.rows = static_cast<int64_t>(e.ncall) * nCtx;
            a.sums.resize(e.values.size());
            for (size_t j = 0; j < e.values.size(); ++j)
                a.sums[j] = e.values[j] / static_cast<float>(e.ncall) * static_cast<float>(a.rows);
        }
        first = r.lastChunk;
    }

    std::vector<float> logits;
    for (int c = first; c < chunks; ++c) {
        std::vector<int32_t> chunk(tokens.begin() + static_cast<std::ptrdiff_t>(c) * nCtx,
                                   tokens.begin() + static_cast<std::ptrdiff_t>(c + 1) * nCtx);
        if (addBos) chunk[0] = tokenizer->bos();
        const ProgressFn layerCheck = progress ? ProgressFn([&](const Progress&) { return progress(Progress{uint64_t(c), uint64_t(chunks), "computing"}); })
                                               : ProgressFn();
        auto stopped = [&](const Error& e) -> Error {
            if (e.cancelled() && partial) *partial = toImatrix(acc, (*model)->file(), c, settings.datasetName);
            return e;
        };
        // The sums before this chunk, so a stop inside it leaves them as they were.
        const std::map<std::string, Accumulator> before = partial ? acc : std::map<std::string, Accumulator>();
        if (auto s = (*model)->eval(chunk, 0, logits, true, layerCheck); !s) {
            if (partial) acc = before;
            return stopped(s.error());
        }
        if (!observeError.empty()) return fail(observeError);
        if (progress && !progress(Progress{uint64_t(c + 1), uint64_t(chunks), "computing"})) {
            if (partial) *partial = toImatrix(acc, (*model)->file(), c + 1, settings.datasetName);
            return cancelledError();
        }
    }
    return toImatrix(acc, (*model)->file(), chunks, settings.datasetName);
}

}  // namespace qd
