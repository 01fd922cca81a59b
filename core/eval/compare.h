// Comparing quantization variants of one model on the person's own machine and text: quantize what is
// missing (reusing files already made), measure each variant's perplexity, KL divergence from the
// source model and speed, and keep every result in the results database so a repeated comparison is
// served from it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/engine/model.h"
#include "core/eval/results_db.h"

namespace qd {

struct CompareSettings {
    std::filesystem::path source;        // F32, F16 or BF16 GGUF: the base of the KL divergence
    std::vector<std::string> methods;    // mixes: "Q4_K_M", "Q8_0", ...
    // Optional, one per method: files already made (by the wizard) to measure as they are. Nothing is
    // quantized then, and the source may be of any type QuantDesk runs (KL divergence is against it).
    std::vector<std::filesystem::path> files;
    std::filesystem::path textFile;      // evaluation text
    std::filesystem::path outputDir;     // where variants (and the base log-probabilities) go
    std::filesystem::path database;      // empty: ResultsDatabase::defaultPath()
    int context = 512;
    int maxChunks = 0;                   // 0: the whole text
    int threads = 0;
    // Dot kernels quantize activations as llama.cpp's CPU backend does, so KL divergence compares with
    // llama.cpp's; Blas keeps them in float for prompt batches.
    GemmMode gemm = GemmMode::DotKernels;
    bool measureSpeed = true;            // pp128 / tg32 per variant
    // Vulkan offload of every model measured, as EngineOptions' fields (0 layers: the CPU only). Offloaded
    // results are a series of their own: the settings key names the layers and the device.
    int gpuLayers = 0;
    int gpuDevice = -1;
    bool gpuAllowCpuDevice = false;
};

struct CompareVariant {
    std::string method;
    std::filesystem::path file;
    bool quantized = false;   // made by this run (else an existing file was reused)
    bool fromDatabase = false;  // measurements served from the results database
    EvaluationRecord record;
};

struct CompareReport {
    EvaluationRecord base;
    bool baseFromDatabase = false;
    std::vector<CompareVariant> variants;  // in the order asked
    bool cancelled = false;                // stopped early; variants holds what was finished
};

// Progress: done/total in thousandths of the whole job, stage says what runs ("quantizing Q4_K_M",
// "evaluating Q4_K_M: chunk 12/250"). A cancel finishes nothing more: the report keeps the variants
// already measured (which are in the database too) and says cancelled.
Result<CompareReport> runCompare(const CompareSettings& settings, const ProgressFn& progress = {});

// A table like llama.cpp's k-quant table: method, size, bits per weight, PPL, ΔPPL, KLD, same top, ms/token.
std::string formatCompareTable(const CompareReport& report);

// Speed of a loaded model: prompt tokens per second over `promptTokens` and generation tokens per
// second over `generateTokens`, both from an empty cache (or after `depth` tokens evaluated first, untimed),
// on random token ids.
struct SpeedResult {
    double promptTokensPerSecond = 0.0;
    double generationTokensPerSecond = 0.0;
};
// `progress` (done = tokens evaluated of promptTokens + generateTokens) is checked per layer of the
// prompt and per generated token; false stops with cancelledError().
Result<SpeedResult> measureSpeed(Model& model, int promptTokens, int generateTokens, const ProgressFn& progress = {},
                                int depth = 0);

}  // namespace qd
