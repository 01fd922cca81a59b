// Quantization mixes ("file types"): which ggml type each tensor of a model gets.
//
// A mix such as Q4_K_M is not one type: llama.cpp's llama-quantize gives most matrices the mix's main
// type and gives chosen tensors more bits (attn_v and ffn_down in a pattern of layers, the output
// matrix), keeps 1-D tensors (norms, biases) and a few special matrices as they are, and falls back to
// another type when a row length does not fit the type's block. planMix() reproduces those choices for
// the mixes QuantDesk writes, so a file we write has the same tensor types as llama.cpp's (build c392e50)
// and can be compared tensor for tensor.
//
// The rules are data (tables in mix_rules.cpp); only the bookkeeping llama.cpp does while walking the
// tensors (counters of attn_v and ffn_down seen so far) is code.
//
// Deliberate choices where llama.cpp differs between versions or does not define a result:
//  - Tensor order: llama-quantize writes tensors sorted by layer number (tensors outside "blk.N." first),
//    then by name; we do the same, so files compare byte for byte.
//  - --tensor-type PATTERN=TYPE (as in llama.cpp from mid-2025): PATTERN is an ECMAScript regular
//    expression searched anywhere in the tensor name, case-insensitively ("attn_v=q8_0" matches
//    "blk.3.attn_v.weight"; anchor with ^ and $ for an exact name). The first pattern that matches wins
//    and replaces the mix's rule for that tensor; it also applies with --pure. The row-length fallback
//    still applies afterwards. The attn_v / ffn_down counters advance for overridden tensors too, so an
//    override of one layer does not shift which other layers get more bits.
//  - --output-type / --embedding-type win over everything (also over --tensor-type), as in llama.cpp.
//  - A row length that the chosen type cannot hold falls back (Q4_K -> Q5_0, ...) in every mode; llama.cpp
//    does so only outside --pure and would stop on such a tensor with --pure.
//  - With an importance matrix (MixOptions::imatrix) the rules that depend on one take llama.cpp's
//    imatrix branch (IQ4_NL / IQ4_XS keep their ffn_down type; Q4_0 / Q5_0 give the first eighth of
//    ffn_down Q4_1 / Q5_1).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/gguf/ggml_type.h"
#include "core/gguf/gguf_file.h"

namespace qd {

// A mix QuantDesk can write. `fileTypeId` is llama.cpp's llama_ftype (stored on disk as
// general.file_type: never renumber).
struct MixInfo {
    uint32_t fileTypeId;
    std::string_view name;  // "Q4_K_M"
    GgmlType defaultType;   // the type most matrices get
};

std::span<const MixInfo> supportedMixes();
std::optional<MixInfo> mixByName(std::string_view name);  // case-insensitive
std::optional<MixInfo> mixById(uint32_t fileTypeId);

struct TensorTypeOverride {
    std::string pattern;  // ECMAScript regex, searched in the tensor name, case-insensitive
    GgmlType type;
};

struct MixOptions {
    MixInfo mix{};
    bool pure = false;                        // every quantizable tensor in the mix's default type
    bool quantizeOutput = true;               // false: keep output.weight as it is (--leave-output-tensor)
    std::optional<GgmlType> outputType;       // --output-type
    std::optional<GgmlType> embeddingType;    // --embedding-type
    std::vector<TensorTypeOverride> tensorTypes;  // --tensor-type, in command-line order
    bool imatrix = false;                     // an importance matrix is given (llama.cpp's has_imatrix)
};

// What the plan decided for one tensor of the source.
struct TensorPlan {
    size_t sourceIndex = 0;            // index in GgufFile::tensors()
    std::string name;
    std::vector<uint64_t> dims;        // as written: trailing dimensions of 1 dropped (ggml_n_dims)
    GgmlType sourceType = GgmlType::F32;
    GgmlType targetType = GgmlType::F32;
    bool convert = false;              // false: bytes copied unchanged
    bool fallback = false;             // the row length forced another type than the rule's
    bool overridden = false;           // --tensor-type / --output-type / --embedding-type decided it
};

struct MixPlan {
    std::vector<TensorPlan> tensors;   // in output order
    int fallbackCount = 0;             // tensors that needed a fallback type
    int quantizedCount = 0;            // tensors that went through the quantized-type rules
    std::vector<std::string> warnings;
};

// The facts about a model that the rules read, from its metadata and tensor names.
struct MixModelInfo {
    std::string architecture;
    uint32_t layerCount = 0;
    uint32_t headCount = 0;
    uint32_t headCountKv = 0;
    uint32_t expertCount = 0;
    bool hasOutput = false;        // a separate output.weight (else token_embd doubles as the output)
    int attentionVCount = 0;       // attn_v / attn_qkv / attn_kv_b tensors: llama.cpp's n_attention_wv

    uint32_t gqaFactor() const { return headCountKv ? headCount / headCountKv : 0; }
};


// Whether llama.cpp would ever change this tensor's type (a 2+-D "*weight" that is not a norm, a
// position embedding, an expert router, ...). `nDims` counts dimensions after trailing 1s are dropped.
bool isQuantizableTensor(std::string_view name, size_t nDims, bool quantizeOutput = true);

// llama-quantize's tensor order: tensors outside "blk.N." first, then by layer number, then by name.
bool quantizeOrderLess(const std::string& a, const std::string& b);

// Decides every tensor's type. Fails on an invalid --tensor-type pattern or a row length no fallback
// can hold. Does not look at tensor data.
Result<MixPlan> planMix(const GgufFile& source, const MixOptions& options);

// The same for a tensor list and model facts given directly (tests, previews).
struct TensorDesc {
    std::string name;
    std::vector<uint64_t> dims;
    GgmlType type = GgmlType::F32;
};
Result<MixPlan> planMix(const std::vector<TensorDesc>& tensors, const MixModelInfo& model, const MixOptions& options);

// The rules' model facts from metadata and tensors (a file's, or one not written yet, such as an import's).
MixModelInfo mixModelInfo(const std::vector<GgufKeyValue>& metadata, const std::vector<TensorDesc>& tensors);
MixModelInfo mixModelInfo(const GgufFile& source);
// A file's tensors in file order.
std::vector<TensorDesc> tensorDescs(const GgufFile& source);

}  // namespace qd
