// A model running in the engine: the families of core/model/architecture.h (Llama 1/2/3, Mistral,
// TinyLlama, SmolLM, CodeLlama, Qwen2, BLOOM, Falcon, ChatGLM / GLM-4), the weights used in place from
// the memory-mapped GGUF file.
//
// The model owns a layer -> backend map (backend.h). It looks up token embeddings, passes the residual
// stream through the backends in layer order and takes the logits from the one holding the last layer.
// The CPU backend holds every layer today.
//
// Memory: the mapped file, and per backend its KV cache and activation buffers for one batch. No
// weight is dequantized into a copy.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/engine/cpu_backend.h"
#include "core/gguf/gguf_file.h"
#include "core/model/model_config.h"

namespace qd {

struct EngineOptions {
    int contextLength = 0;   // 0: the model's own, capped at kDefaultMaxContext
    int threads = 0;         // 0: one per hardware thread
    int batchSize = 512;     // tokens evaluated per forward pass when feeding a prompt
    GemmMode gemm = GemmMode::Auto;
    // Layers per backend, in order (they must add up to the model's layer count); empty: one CPU backend
    // holds every layer. Each entry gets a CPU backend of its own today, with its own KV cache and
    // buffers, sharing the thread pool: the path a GPU backend holding some of the layers takes.
    std::vector<int> layerSplit;

    // Vulkan offload: the last `gpuLayers` layers (and the output head) on a GPU; -1 = every layer,
    // 0 = none. What cannot go (no device, a type or operation without a kernel, too little device
    // memory) stays on the CPU, and gpuNote() says why.
    int gpuLayers = 0;
    int gpuDevice = -1;           // an entry of the device list; -1 = the best usable one
    uint64_t gpuMemoryLimit = 0;     // bytes of device memory the GPU layers may take; 0 = its largest heap
    bool gpuAllowCpuDevice = false;  // Vulkan's CPU implementations (lavapipe): tests, or on request
    bool gpuForceStaging = false;    // copy through a staging buffer even where device memory is mapped
    bool gpuValidation = false;      // the Khronos validation layer (tests)
    std::filesystem::path gpuPipelineCache;  // where compiled pipelines are kept between runs ("" = nowhere)

    // Called with every weight matrix's input before the CPU backend multiplies it: x holds `rows` token
    // rows of `cols` floats (what llama-imatrix collects). Layers on a GPU are not observed.
    MatmulInputObserver matmulInputs;

    static constexpr int kDefaultMaxContext = 4096;
};

// Which backend runs which layers.
struct LayerAssignment {
    Backend* backend = nullptr;
    LayerRange layers;
};

class Model {
public:
    static Result<std::unique_ptr<Model>> load(const std::filesystem::path& path, const EngineOptions& options = {});
    // The same from a file already opened or parsed (GgufFile::parse keeps the caller's bytes: they must
    // outlive the model).
    static Result<std::unique_ptr<Model>> load(GgufFile file, const EngineOptions& options = {});
    ~Model();

    const ModelConfig& config() const;
    const GgufFile& file() const;
    int contextLength() const;
    int threads() const;
    // The layer -> backend map, in layer order, and a one-line description ("CPU (AVX2): layers 0-3").
    const std::vector<LayerAssignment>& layerMap() const;
    std::string backendSummary() const;
    // The backends' names, "CPU (AVX2)" or "Vulkan (NVIDIA H200) + CPU (AVX2)".
    std::string backendNames() const;
    // Why fewer layers than asked for run on the GPU ("" when all asked for do, or none were asked for).
    const std::string& gpuNote() const;
    int gpuLayerCount() const;  // layers the GPU holds

    // Evaluates `tokens` at positions pos, pos+1, ...; the cache keeps positions below pos as they are
    // (so pos rewinds a conversation). Writes the logits of the last token to `logits` (vocabSize
    // floats), or of every token ([n][vocabSize]) when allLogits. Splits long inputs into batches.
    // `cancel` (progress.h's convention: false stops) is called before every layer of every batch with
    // done = layers finished of total = layers x batches; a stop returns cancelledError() and leaves the
    // cache rows at and past `pos` undefined.
    Status eval(std::span<const int32_t> tokens, int pos, std::vector<float>& logits, bool allLogits = false,
                const ProgressFn& cancel = {});

    // Bytes held: the mapped weights, the KV caches and the buffers.
    uint64_t weightBytes() const;
    // Weight bytes one generated token reads: every tensor once, except the token embedding, of
    // which only one row is read (unless the output matrix is the embedding itself).
    uint64_t weightBytesPerToken() const;
    uint64_t kvCacheBytes() const;
    uint64_t bufferBytes() const;

private:
    struct Impl;
    Model();
    Status evalBatch(std::span<const int32_t> tokens, int pos, float* logits, bool allLogits, const ProgressFn& cancel,
                     uint64_t layersBefore, uint64_t layersTotal);
    std::unique_ptr<Impl> m;
};

}  // namespace qd
