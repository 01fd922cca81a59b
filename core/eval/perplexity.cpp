#include "core/eval/perplexity.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/eval/log_prob_store.h"

namespace qd {

namespace {

// Running sums for a mean and its standard error, as llama.cpp reports them.
struct Moments {
    double sum = 0.0, sum2 = 0.0;
    uint64_t n = 0;
    void add(double v) {
        sum += v;
        sum2 += v * v;
        ++n;
    }
    MeanWithError get() const {
        MeanWithError m;
        if (n == 0) return m;
        m.mean = sum / static_cast<double>(n);
        const double var = sum2 / static_cast<double>(n) - m.mean * m.mean;
        m.error = var > 0 && n > 10 ? std::sqrt(var / static_cast<double>(n - 1)) : 0.0;
        return m;
    }
};

double percentile(std::vector<float> v, double fraction) {
    if (v.empty()) return 0.0;
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(fraction * static_cast<double>(v.size() - 1) + 0.5));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
    return v[i];
}

}  // namespace

Result<PerplexityResult> measurePerplexity(Model& model, const Tokenizer& tokenizer, std::string_view text,
                                           const PerplexitySettings& settings, const PerplexityProgress& progress) {
    const int nCtx = settings.context;
    if (nCtx < 8) return fail("the perplexity context must be at least 8 tokens");
    if (nCtx > model.contextLength())
        return fail("the perplexity context (" + std::to_string(nCtx) + ") is larger than the model's context (" +
                    std::to_string(model.contextLength()) + ")");
    const int vocab = model.config().vocabSize;
    const bool addBos = tokenizer.addsBos() && tokenizer.bos() >= 0;
    std::vector<int32_t> tokens = tokenizer.encode(text, addBos, false);
    if (static_cast<int>(tokens.size()) < 2 * nCtx)
        return fail("the text gives " + std::to_string(tokens.size()) + " tokens; at least " + std::to_string(2 * nCtx) +
                    " (two chunks of " + std::to_string(nCtx) + ") are needed");
    int chunks = static_cast<int>(tokens.size()) / nCtx;
    if (settings.maxChunks > 0) chunks = std::min(chunks, settings.maxChunks);
    const int first = nCtx / 2;
    const int scoredPerChunk = nCtx - 1 - first;

    // The evaluated tokens of every chunk, with BOS in front.
    std::vector<int32_t> evaluated(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(chunks) * nCtx);
    if (addBos)
        for (int c = 0; c < chunks; ++c) evaluated[static_cast<size_t>(c) * nCtx] = tokenizer.bos();

    std::optional<LogProbReader> base;
    if (!settings.compareTo.empty()) {
        auto r = LogProbReader::open(settings.compareTo);
        if (!r) return r.error();
        const LogProbHeader& h = r->header();
        if (h.vocab != static_cast<uint32_t>(vocab) || h.context != static_cast<uint32_t>(nCtx) ||
            h.chunks < static_cast<uint32_t>(chunks) || h.scoredPerChunk != static_cast<uint32_t>(scoredPerChunk) ||
            !std::equal(evaluated.begin(), evaluated.end(), r->tokens().begin()))
            return fail("the base log-probabilities were measured on other text, settings or vocabulary");
        base = std::move(r.value());
    }
    LogProbWriter writer;
    if (!settings.saveBaseLogProbs.empty()) {
        LogProbHeader h{static_cast<uint32_t>(vocab), static_cast<uint32_t>(nCtx), static_cast<uint32_t>(chunks),
                        static_cast<uint32_t>(scoredPerChunk)};
        if (auto s = writer.open(settings.saveBaseLogProbs, h, evaluated); !s) return s.error();
    }

    PerplexityResult result;
    result.tokens = static_cast<int>(tokens.size());
    result.chunks = chunks;
    Moments nll, nllBase, kld, sameTop, pDiff, pDiff2;
    double nllCross = 0.0;
    std::vector<float> klValues;
    std::vector<float> logits, logProbs(static_cast<size_t>(vocab)), baseLogProbs(static_cast<size_t>(vocab));
    const auto t0 = std::chrono::steady_clock::now();

    for (int c = 0; c < chunks; ++c) {
        std::span<const int32_t> chunk(evaluated.data() + static_cast<size_t>(c) * nCtx, static_cast<size_t>(nCtx));
        // A chunk is a whole prompt batch: the cancel is checked before each of its layers too.
        const double sofar = nll.n ? std::exp(nll.sum / static_cast<double>(nll.n)) : 0.0;
        const ProgressFn layerCheck = progress ? ProgressFn([&](const Progress&) { return progress(c, chunks, sofar); })
                                               : ProgressFn();
        if (auto s = model.eval(chunk, 0, logits, true, layerCheck); !s) return s.error();
        for (int j = first; j < nCtx - 1; ++j) {
            const float* row = logits.data() + static_cast<size_t>(j) * vocab;
            // The scored token is the original text's, not the BOS substitute (j+1 > 0 anyway).
            const int32_t next = tokens[static_cast<size_t>(c) * nCtx + j + 1];
            const int top = logSoftmax(row, vocab, logProbs.data());
            const double tokenNll = -static_cast<double>(logProbs[static_cast<size_t>(next)]);
            nll.add(tokenNll);
            if (!settings.saveBaseLogProbs.empty())
                if (auto s = writer.add(row); !s) return s.error();
            if (base) {
                if (!base->logProbs(static_cast<uint64_t>(c) * scoredPerChunk + static_cast<uint64_t>(j - first),
                                    baseLogProbs.data()))
                    return fail("the base log-probability file ends before position " + std::to_string(j) + " of chunk " +
                                std::to_string(c));
                double kl = 0.0;
                int baseTop = 0;
                for (int v = 0; v < vocab; ++v) {
                    const float lb = baseLogProbs[static_cast<size_t>(v)];
                    if (lb > baseLogProbs[static_cast<size_t>(baseTop)]) baseTop = v;
                    if (lb > -16.0f) kl += std::exp(static_cast<double>(lb)) * (lb - logProbs[static_cast<size_t>(v)]);
                }
                const double baseNll = -static_cast<double>(baseLogProbs[static_cast<size_t>(next)]);
                nllBase.add(baseNll);
                nllCross += tokenNll * baseNll;
                kld.add(kl);
                klValues.push_back(static_cast<float>(kl));
                sameTop.add(top == baseTop ? 100.0 : 0.0);
                const double dp = std::exp(-tokenNll) - std::exp(-baseNll);
                pDiff.add(dp);
                pDiff2.add(dp * dp);
            }
        }
        result.runningPpl.push_back(std::exp(nll.sum / static_cast<double>(nll.n)));
        if (progress && !progress(c + 1, chunks, result.runningPpl.back())) return cancelledError();
    }
    if (!settings.saveBaseLogProbs.empty())
        if (auto s = writer.commit(); !s) return s.error();

    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result.tokensPerSecond = result.seconds > 0 ? chunks * static_cast<double>(nCtx) / result.seconds : 0.0;
    result.scored = static_cast<int>(nll.n);
    const MeanWithError logPpl = nll.get();
    result.ppl = std::exp(logPpl.mean);
    result.pplError = result.ppl * logPpl.error;
    if (base) {
        KlDivergenceStats k;
        k.kld = kld.get();
        k.sameTopPercent = sameTop.get();
        k.deltaP = pDiff.get();
        k.rmsDeltaP = std::sqrt(pDiff2.get().mean);
        const MeanWithError logBase = nllBase.get();
        k.basePpl = std::exp(logBase.mean);
        k.logPplRatio = logPpl.mean - logBase.mean;
        const double n = static_cast<double>(nll.n);
        const double cov = n > 1 ? (nllCross / n - logPpl.mean * logBase.mean) / (n - 1) : 0.0;
        const double var = logPpl.error * logPpl.error + logBase.error * logBase.error - 2.0 * cov;
        k.logPplRatioError = var > 0 ? std::sqrt(var) : 0.0;
        k.kldMedian = percentile(klValues, 0.5);
        k.kld90 = percentile(klValues, 0.9);
        k.kld99 = percentile(klValues, 0.99);
        k.kld999 = percentile(klValues, 0.999);
        k.kldMax = klValues.empty() ? 0.0 : *std::max_element(klValues.begin(), klValues.end());
        result.kl = k;
    }
    return result;
}

}  // namespace qd
