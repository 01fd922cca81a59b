// Perplexity and KL divergence of a model on a text, measured the way llama.cpp's llama-perplexity
// does, so the numbers compare with llama.cpp's:
//   - the whole text is tokenized once (BOS first when the vocabulary adds one);
//   - it is cut into chunks of `context` tokens; each chunk is evaluated from an empty cache with its
//     first token replaced by BOS;
//   - only the second half of each chunk is scored (every scored token has at least context/2 tokens
//     of history): positions context/2 .. context-2 predict the token after them.
// PPL = exp(mean negative log-likelihood); its uncertainty is PPL times the standard error of the mean.
//
// With a base log-probability file (log_prob_store.h) written by the base model on the same text and
// settings, the same pass also measures the KL divergence of this model from the base at every scored
// position, the rate at which both pick the same top token, and the change in the correct token's
// probability.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/engine/model.h"
#include "core/tokenizer/tokenizer.h"

namespace qd {

struct PerplexitySettings {
    int context = 512;   // tokens per chunk
    int maxChunks = 0;   // 0: every whole chunk of the text
    std::filesystem::path saveBaseLogProbs;  // when set, write this model's log-probs there (base run)
    std::filesystem::path compareTo;         // when set, measure KL divergence against that file
};

struct MeanWithError {
    double mean = 0.0;
    double error = 0.0;  // standard error of the mean
};

struct KlDivergenceStats {
    MeanWithError kld;             // nats per token
    MeanWithError sameTopPercent;  // % of positions where base and model agree on the top token
    MeanWithError deltaP;          // mean change of the correct token's probability (model - base)
    double rmsDeltaP = 0.0;
    double basePpl = 0.0;
    double logPplRatio = 0.0;      // ln(PPL / PPL(base))
    double logPplRatioError = 0.0;
    // Percentiles of the per-position KL divergence.
    double kldMedian = 0.0, kld90 = 0.0, kld99 = 0.0, kld999 = 0.0, kldMax = 0.0;
};

struct PerplexityResult {
    double ppl = 0.0;
    double pplError = 0.0;
    int chunks = 0;
    int tokens = 0;          // tokens in the text
    int scored = 0;          // positions scored
    double seconds = 0.0;
    double tokensPerSecond = 0.0;  // evaluated tokens per second
    std::vector<double> runningPpl;  // after each chunk
    std::optional<KlDivergenceStats> kl;
};

// Called after each chunk with (chunks done, chunks in all, running perplexity), and before each layer of
// a chunk with the chunks done so far; false cancels (progress.h's convention), and the result is then
// cancelledError().
using PerplexityProgress = std::function<bool(int done, int total, double ppl)>;

Result<PerplexityResult> measurePerplexity(Model& model, const Tokenizer& tokenizer, std::string_view text,
                                           const PerplexitySettings& settings, const PerplexityProgress& progress = {});

}  // namespace qd
