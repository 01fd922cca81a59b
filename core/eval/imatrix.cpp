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

Result<Imatrix> computeImatrix(const std::filesystem::path& path, const std::string& text, const ImatrixSettings& settings,
                               const ProgressFn& progress) {
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

    std::vector<float> logits;
    for (int c = 0; c < chunks; ++c) {
        std::vector<int32_t> chunk(tokens.begin() + static_cast<std::ptrdiff_t>(c) * nCtx,
                                   tokens.begin() + static_cast<std::ptrdiff_t>(c + 1) * nCtx);
        if (addBos) chunk[0] = tokenizer->bos();
        const ProgressFn layerCheck = progress ? ProgressFn([&](const Progress&) { return progress(Progress{uint64_t(c), uint64_t(chunks), "computing"}); })
                                               : ProgressFn();
        if (auto s = (*model)->eval(chunk, 0, logits, true, layerCheck); !s) return s.error();
        if (!observeError.empty()) return fail(observeError);
        if (progress && !progress(Progress{uint64_t(c + 1), uint64_t(chunks), "computing"})) return cancelledError();
    }

    // Entries in the file's tensor order.
    const auto& infos = (*model)->file().tensors();
    Imatrix m;
    for (size_t i = 0; i < infos.size(); ++i) {
        auto it = acc.find(infos[i].name);
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
    m.dataset = settings.datasetName;
    return m;
}

}  // namespace qd
