// What the lab measures per point of its space, on a real model:
//  - weight error: every 2-D weight tensor quantized and dequantized with the point's format, RMSE, the
//    largest error and its 99th percentile over all weights, RMSE per tensor kind, and how many tensors
//    needed padding (QK does not divide their row width);
//  - model quality: the same weights put back in memory as floats (any QK can be evaluated, even where no
//    GGUF type has it) and run through the engine: perplexity and KL divergence from the unquantized model
//    on an evaluation text, with their standard errors, measured as `perplexity` / `compare` measure them.
// The base (an F32, F16 or BF16 GGUF) is evaluated once and its log-probabilities kept for every point. A
// quantized base (the demo model's Q8_0) is first expanded to F32 in the work folder; the lab's formats are
// then measured against the weights it holds, which the report says.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/lab/block_format.h"

namespace qd::lab {

struct WeightError {
    double rmse = 0;
    double maxAbs = 0;
    double p99 = 0;             // of |error|
    uint64_t weights = 0;
    int paddedTensors = 0;      // 2-D tensors whose row width QK does not divide
    double bitsPerWeight = 0;   // serialized bytes of the quantized tensors x 8 / their weights
    std::map<std::string, double> rmseByKind;  // "attn_q.weight" -> RMSE over every layer's
};

struct Quality {
    double ppl = 0, pplError = 0;
    double kld = 0, kldError = 0, kld99 = 0;
    double sameTopPercent = 0, sameTopError = 0;
    int chunks = 0;
};

struct EvaluatorSettings {
    std::filesystem::path base;       // F32, F16 or BF16 GGUF (or a quantized one, expanded)
    std::filesystem::path textFile;
    std::filesystem::path workDir;    // the base's log-probabilities go here
    int context = 256;
    int maxChunks = 0;                // 0: every chunk
    int threads = 0;
};

class Evaluator {
public:
    // Reads the base and the text, and measures the base (once: progress and cancel as usual).
    static Result<std::unique_ptr<Evaluator>> open(const EvaluatorSettings& settings, const ProgressFn& progress = {});
    ~Evaluator();

    const Quality& base() const { return m_base; }
    // The weight type of a quantized base ("Q8_0"); empty for F32, F16 and BF16.
    const std::string& baseWeightType() const { return m_baseType; }
    // The base's mean row width over its weight matrices, weighted by their sizes: where a whole-row
    // block sits on the QK axis.
    double meanRowWidth() const;
    Result<WeightError> weightError(const BlockFormat& format, ScaleRule rule) const;
    Result<Quality> quality(const BlockFormat& format, ScaleRule rule, const ProgressFn& progress = {});

private:
    Evaluator() = default;
    struct Data;
    std::unique_ptr<Data> m;
    Quality m_base;
    std::string m_baseType;
};

// "blk.3.attn_q.weight" -> "attn_q.weight"
std::string tensorKind(const std::string& name);

}  // namespace qd::lab
