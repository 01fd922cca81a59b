// The largest hyperparameters QuantDesk accepts from a model file, a config.json or a llama2.c header.
//
// One table for every reader (the engine's GGUF loader, the Hugging Face and llama2.c importers), so a
// value that one of them accepts is one the others accept too. Each limit is far above what released
// models use (noted beside it), yet small enough that every product the engine forms from these values
// (heads x head size, rows x width, layers x context x KV width) fits in 64 bits and every per-token
// product in a 32-bit int.
#pragma once

#include <cstdint>

namespace qd::limits {

constexpr uint64_t kMaxLayers = 1024;             // Llama 3.1 405B: 126
constexpr uint64_t kMaxEmbedding = 1u << 17;      // 131,072; the widest released models: 16,384-25,600
constexpr uint64_t kMaxFeedForward = 1u << 20;    // 1,048,576; Llama 3.1 405B: 53,248
constexpr uint64_t kMaxHeads = 1024;              // 128 in the largest models
constexpr uint64_t kMaxHeadDim = 4096;            // 64-256 usual, 512 at most so far
constexpr uint64_t kMaxVocabulary = 1u << 22;     // 4,194,304; the largest vocabularies: ~256,000
constexpr uint64_t kMaxContext = 1u << 24;        // 16,777,216 tokens; the longest claimed: 10M
constexpr uint64_t kMaxExperts = 1024;            // mixture-of-experts: 8-256 so far
constexpr uint64_t kMaxHeadsTimesDim = 1u << 20;  // the attention width, heads x head size

}  // namespace qd::limits
