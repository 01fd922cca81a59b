// What a person wants to know about a model file before using it: architecture, size, quantization,
// shape, tokenizer, and how much memory it needs at a given context length.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/common/json.h"
#include "core/gguf/gguf_file.h"

namespace qd {

struct ModelSummary {
    std::string architecture;      // general.architecture, e.g. "llama"
    std::string name;              // general.name, or the file name without extension
    std::string sizeLabel;         // general.size_label, or derived from the parameter count ("3.7M")
    uint32_t ggufVersion = 0;
    uint64_t fileSize = 0;
    uint64_t tensorCount = 0;
    uint64_t parameterCount = 0;   // sum of tensor element counts
    uint64_t tensorBytes = 0;      // sum of tensor data sizes
    double bitsPerWeight = 0.0;    // tensorBytes * 8 / parameterCount
    std::string fileType;          // "Q4_K_M"; from general.file_type, else guessed from the tensors
    bool fileTypeGuessed = false;
    std::map<std::string, uint64_t> tensorsByType;  // "Q4_K" -> count

    uint64_t contextLength = 0;
    uint64_t embeddingLength = 0;
    uint64_t feedForwardLength = 0;
    uint64_t blockCount = 0;
    uint64_t headCount = 0;
    uint64_t headCountKv = 0;
    uint64_t keyLength = 0;        // per head
    uint64_t valueLength = 0;      // per head
    uint64_t vocabSize = 0;
    std::string tokenizerModel;    // "llama" (SentencePiece), "gpt2" (byte-level BPE), ...
    std::string tokenizerPre;
    bool hasChatTemplate = false;
    // Why QuantDesk cannot run it, empty when it can; only set by summarizeModel() (core/engine/run_check.h),
    // which asks the engine, so runChecked says whether it was asked.
    std::string unsupported;
    bool runChecked = false;

    // Bytes of the KV cache for `context` tokens with `bytesPerElement` per K/V element (2 for F16).
    uint64_t kvCacheBytes(uint64_t context, double bytesPerElement = 2.0) const;
    // Weights plus KV cache: what running the model at `context` needs.
    uint64_t memoryForContext(uint64_t context, double bytesPerElement = 2.0) const;

    Json toJson() const;
};

// What the header says. Whether the engine can run the file is summarizeModel()'s question.
ModelSummary summarize(const GgufFile& file);

// "3.7M", "1.1B", "7B" from a parameter count, the way model cards name sizes.
std::string parameterSizeLabel(uint64_t params);
// "1.4 MiB", "3.62 GiB".
std::string formatBytes(uint64_t bytes);

}  // namespace qd
