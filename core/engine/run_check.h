// The one answer to "can QuantDesk run this file?", used by the engine when it loads a model, by the
// Models page and `info`, and by every page that offers a model to run.
//
// A file runs when its architecture is one the engine implements, its hyperparameters are inside the
// limits of core/model/model_limits.h, every tensor the forward pass needs is present with the shape
// those hyperparameters imply and a type the CPU kernels handle, and what the engine must allocate
// (KV cache, activations, scratch) at the chosen context fits in the machine's memory.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/result.h"
#include "core/engine/model.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/model_summary.h"
#include "core/model/model_config.h"
#include "core/model/model_weights.h"

namespace qd {

// What running a model allocates besides the mapped file (bytes).
struct RunMemory {
    uint64_t kvCache = 0;        // F16 keys and values for every layer at the context
    uint64_t buffers = 0;        // activations of one batch, norms converted to float, attention scratch
    uint64_t allocated() const;  // kvCache + buffers (saturating)
};

struct RunPlan {
    ModelConfig config;
    ModelWeights weights;  // views into the file the plan was made from
    int context = 0;       // tokens the KV cache holds
    int batch = 0;         // tokens per forward pass
    RunMemory memory;
};

// Checks everything above. `physicalMemory` 0 means this machine's. Errors carry their kind:
// Unsupported (architecture, tensor type), BadInput (hyperparameters, shapes), OutOfMemory.
Result<RunPlan> planRun(const GgufFile& file, const EngineOptions& options = {}, uint64_t physicalMemory = 0);

// Why the file cannot run at its default settings, or empty when it can.
std::string runProblem(const GgufFile& file);

// summarize() plus the engine's verdict in `unsupported`.
ModelSummary summarizeModel(const GgufFile& file);

}  // namespace qd
