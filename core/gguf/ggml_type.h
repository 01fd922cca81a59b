// The registry of ggml tensor types as they appear in GGUF files.
//
// Every type id ggml has ever assigned is listed, with its block size (elements per block) and the
// bytes of one block, including types QuantDesk cannot run yet: a file using one of those can still be
// browsed, and the error names the tensor and the type instead of failing obscurely.
// The ids are ggml's and are stored on disk: never renumber, never reuse a removed id.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace qd {

enum class GgmlType : uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    // 4 (Q4_2) and 5 (Q4_3) were removed from ggml; files using them are rejected.
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    IQ2_XXS = 16,
    IQ2_XS = 17,
    IQ3_XXS = 18,
    IQ1_S = 19,
    IQ4_NL = 20,
    IQ3_S = 21,
    IQ2_S = 22,
    IQ4_XS = 23,
    I8 = 24,
    I16 = 25,
    I32 = 26,
    I64 = 27,
    F64 = 28,
    IQ1_M = 29,
    BF16 = 30,
    // 31..33 (Q4_0_4_4, Q4_0_4_8, Q4_0_8_8) were removed from GGUF files.
    TQ1_0 = 34,
    TQ2_0 = 35,
    // 36..38 (IQ4_NL_4_4, _4_8, _8_8) were removed from GGUF files.
    MXFP4 = 39,
};

struct GgmlTypeTraits {
    GgmlType type;
    std::string_view name;
    uint32_t blockSize;   // elements per block
    uint32_t blockBytes;  // bytes per block
    bool quantized;
};

// Traits of a known type id, or nullopt for an id ggml never assigned (or removed).
std::optional<GgmlTypeTraits> ggmlTypeTraits(uint32_t id);
const GgmlTypeTraits& ggmlTypeTraits(GgmlType type);

std::string_view ggmlTypeName(GgmlType type);
// "Q4_K", case-insensitive; nullopt when unknown.
std::optional<GgmlType> ggmlTypeFromName(std::string_view name);

// F32, F16 and BF16: the weight types that are not quantized.
bool isUnquantized(GgmlType type);

// Bytes of a row of `n` elements; nullopt when n is not a multiple of the block size.
std::optional<uint64_t> ggmlRowBytes(GgmlType type, uint64_t n);

// Whether QuantDesk can run a tensor of a type is the engine's question: see core/engine/run_check.h.

// Every type in the registry, in id order (for tables and tests).
std::span<const GgmlTypeTraits> ggmlTypeTable();

}  // namespace qd
