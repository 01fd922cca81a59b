// Options shared by the commands that load and run a model (run, chat, bench, perplexity).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "args.h"
#include "core/engine/generator.h"
#include "core/engine/model.h"

namespace qd::cli {

// Value options every model command accepts.
std::vector<std::string> modelValueOptions();
std::vector<std::string> samplingValueOptions();

// Fills engine options from -c/--ctx-size, -t/--threads, -b/--batch-size, --gemm; an error text when
// a value is malformed.
std::optional<std::string> readEngineOptions(const Args& args, EngineOptions& out);
// Fills sampling from --temp, --top-k, --top-p, --min-p, --repeat-penalty, --frequency-penalty,
// --presence-penalty, --repeat-last-n, --seed, -n/--n-predict.
std::optional<std::string> readGenerationSettings(const Args& args, GenerationSettings& out);

// The model file's tokenizer; what it ignored in the file is printed as warnings on standard error.
Result<Tokenizer> loadTokenizer(const GgufFile& file);

// Parses an integer / float option value; nullopt when malformed.
std::optional<long long> parseInt(const std::string& s);
std::optional<double> parseFloat(const std::string& s);

// With --gpu-layers: which backend holds which layers, and why fewer went to the GPU than asked, on stderr.
void reportOffload(const Model& model, const EngineOptions& options);

}  // namespace qd::cli
