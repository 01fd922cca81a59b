#include "core/engine/run_check.h"

#include <algorithm>
#include <thread>

#include "core/common/checked_math.h"
#include "core/common/system_info.h"
#include "core/engine/cpu_backend.h"
#include "core/engine/kv_cache.h"
#include "core/model/model_limits.h"
#include "core/quant/quantize.h"

namespace qd {

namespace {

std::string typeError(const GgufTensorInfo& t) {
    return "tensor " + t.name + " has type " + std::string(ggmlTypeName(t.type)) + ", which QuantDesk cannot run yet";
}

// Every tensor needs a dequantizer (vectors become floats, the token embedding is read a row at a
// time); matrices also go through the dot kernels, except an untied token embedding.
Status checkTypes(const GgufFile& file, const ModelWeights* w) {
    for (const auto& t : file.tensors()) {
        if (!canDequantize(t.type)) return fail(ErrorKind::Unsupported, typeError(t));
        if (!w || t.dims.size() < 2 || (&t == w->tokenEmbd().info && !w->tiedOutput)) continue;
        if (!cpuCanRun(t.type)) return fail(ErrorKind::Unsupported, typeError(t));
    }
    return {};
}

}  // namespace

uint64_t RunMemory::allocated() const { return saturatingAdd(kvCache, buffers); }

Result<RunPlan> planRun(const GgufFile& file, const EngineOptions& options, uint64_t physicalMemory) {
    if (file.tensors().empty()) return fail(ErrorKind::Unsupported, "the file holds no tensors (a vocabulary-only file)");
    // Types first: a file with a type the engine lacks is "cannot run yet", whatever else is wrong with it.
    if (auto s = checkTypes(file, nullptr); !s) return s.error();
    auto config = loadModelConfig(file);
    if (!config) return config.error();
    RunPlan plan;
    plan.config = std::move(config.value());
    const ModelConfig& c = plan.config;
    auto weights = bindModelWeights(file, c);
    if (!weights) return weights.error();
    plan.weights = std::move(weights.value());
    if (auto s = checkTypes(file, &plan.weights); !s) return s.error();

    if (options.contextLength < 0) return fail("the context length must be positive");
    if (static_cast<uint64_t>(options.contextLength) > limits::kMaxContext)
        return fail("a context of " + std::to_string(options.contextLength) + " tokens is more than the " +
                    std::to_string(limits::kMaxContext) + " QuantDesk supports");
    plan.context = options.contextLength > 0 ? options.contextLength
                                             : std::min(c.contextLength, EngineOptions::kDefaultMaxContext);
    plan.batch = std::min(std::max(1, options.batchSize), plan.context);
    if (!options.layerSplit.empty()) {
        int64_t sum = 0;
        for (int n : options.layerSplit) {
            if (n < 1) return fail("every backend of the layer split needs at least one layer");
            sum += n;
        }
        if (sum != c.nLayers)
            return fail("the layer split covers " + std::to_string(sum) + " layers but the model has " + std::to_string(c.nLayers));
    }
    const uint64_t backends = std::max<uint64_t>(1, options.layerSplit.size());

    // Sizes in checked 64-bit arithmetic; every factor is bounded by the limits, so none of these can
    // overflow, but they are computed as if they could.
    const uint64_t L = static_cast<uint64_t>(c.nLayers), ctx = static_cast<uint64_t>(plan.context),
                   kv = static_cast<uint64_t>(c.nEmbdKv()), e = static_cast<uint64_t>(c.nEmbd),
                   hd = static_cast<uint64_t>(c.headDim), B = static_cast<uint64_t>(plan.batch);
    // Keys [L][ctx][kv] and values [L][kv][stride] (kv_cache.h), in F16.
    plan.memory.kvCache = saturatingAdd(checkedProduct({L, ctx, kv, sizeof(uint16_t)}).value_or(UINT64_MAX),
                                        checkedProduct({L, kv, static_cast<uint64_t>(KvCache::valueStride(plan.context)),
                                                        sizeof(uint16_t)})
                                            .value_or(UINT64_MAX));
    const uint64_t workers = std::max(1u, options.threads > 0 ? static_cast<unsigned>(options.threads)
                                                              : std::thread::hardware_concurrency());
    // The CPU backend's activation buffers (cpu_backend.h) and the model's stream between backends [B][e].
    const uint64_t activations = saturatingAdd(
        saturatingMul(backends, CpuBackend::activationSizes(c, plan.weights, plan.batch).floats()), saturatingMul(B, e));
    // Norms and biases (every vector tensor) as floats.
    uint64_t norms = 0;
    for (const auto& t : file.tensors())
        if (t.dims.size() == 1) norms = saturatingAdd(norms, t.dims[0]);
    // Per worker, the batched attention's keys, queries and scores: ctx x hd + B x hd + B x ctx floats.
    const uint64_t scratch =
        saturatingMul(saturatingMul(backends, workers), saturatingAdd(saturatingMul(ctx + B, hd), saturatingMul(B, ctx)));
    plan.memory.buffers = saturatingMul(saturatingAdd(saturatingAdd(activations, norms), scratch), sizeof(float));

    const uint64_t ram = physicalMemory ? physicalMemory : physicalMemoryBytes();
    if (ram && plan.memory.allocated() > ram)
        return fail(ErrorKind::OutOfMemory,
                    "running this model at a context of " + std::to_string(plan.context) + " tokens needs " +
                        formatBytes(plan.memory.allocated()) + " of memory (KV cache " + formatBytes(plan.memory.kvCache) +
                        ", buffers " + formatBytes(plan.memory.buffers) + ") besides the weights, but this machine has " +
                        formatBytes(ram) + "; choose a smaller context");
    return plan;
}

std::string runProblem(const GgufFile& file) {
    auto plan = planRun(file);
    return plan ? std::string() : plan.message();
}

ModelSummary summarizeModel(const GgufFile& file) {
    ModelSummary s = summarize(file);
    s.unsupported = runProblem(file);
    s.runChecked = true;
    return s;
}

}  // namespace qd
