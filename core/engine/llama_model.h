// The fast forward pass of Llama-family models (Llama 1/2/3, Mistral, TinyLlama, SmolLM, CodeLlama,
// Qwen2), running the weights in place from the memory-mapped GGUF file.
//
// Memory: the mapped file, the F16 KV cache, and activation buffers for one batch. No weight is
// dequantized into a copy; the expensive products go through a ComputeBackend (backend.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
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

    static constexpr int kDefaultMaxContext = 4096;
};

class LlamaModel {
public:
    static Result<std::unique_ptr<LlamaModel>> load(const std::filesystem::path& path, const EngineOptions& options = {});
    // The same from a file already opened or parsed (GgufFile::parse keeps the caller's bytes: they must
    // outlive the model).
    static Result<std::unique_ptr<LlamaModel>> load(GgufFile file, const EngineOptions& options = {});
    ~LlamaModel();

    const ModelConfig& config() const;
    const GgufFile& file() const;
    int contextLength() const;
    int threads() const;
    CpuBackend& cpuBackend();

    // Evaluates `tokens` at positions pos, pos+1, ...; the cache keeps positions below pos as they are
    // (so pos rewinds a conversation). Writes the logits of the last token to `logits` (vocabSize
    // floats), or of every token ([n][vocabSize]) when allLogits. Splits long inputs into batches.
    // `cancel` (progress.h's convention: false stops) is called before every layer of every batch with
    // done = layers finished of total = layers x batches; a stop returns cancelledError() and leaves the
    // cache rows at and past `pos` undefined.
    Status eval(std::span<const int32_t> tokens, int pos, std::vector<float>& logits, bool allLogits = false,
                const ProgressFn& cancel = {});

    // Bytes held: the mapped weights, the KV cache and the buffers.
    uint64_t weightBytes() const;
    // Weight bytes one generated token reads: every tensor once, except the token embedding, of
    // which only one row is read (unless the output matrix is the embedding itself).
    uint64_t weightBytesPerToken() const;
    uint64_t kvCacheBytes() const;
    uint64_t bufferBytes() const;

private:
    struct Impl;
    LlamaModel();
    Status evalBatch(std::span<const int32_t> tokens, int pos, float* logits, bool allLogits, const ProgressFn& cancel,
                     uint64_t layersBefore, uint64_t layersTotal);
    std::unique_ptr<Impl> m;
};

}  // namespace qd
