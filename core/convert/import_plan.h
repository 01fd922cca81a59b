// What an importer produces before anything is written: the GGUF metadata and, per tensor, where its
// rows come from. writeImportPlan() then picks each tensor's stored type, lays the file out and streams
// the tensors through GgufWriter one row chunk at a time, so memory stays at a few MB whatever the
// model size.
//
// Layout (so that our files can be compared byte for byte with llama.cpp's):
//  - F32 output is laid out as llama.cpp's convert_hf_to_gguf.py writes it: tensors in the order the
//    importer lists them, general.file_type where the importer put it among the hyperparameters.
//  - F16, BF16 and Q8_0 output is laid out as llama-quantize writes it from that F32 file (the way
//    llama.cpp's own F16/BF16/Q8_0 files are usually made, and how the fixtures were made): tensors
//    ordered by block number then name (non-block tensors first), general.quantization_version and
//    general.file_type moved to the end.
// Type rule (the same in convert_hf_to_gguf.py and llama-quantize): 1-D tensors, biases and norms stay
// F32; every other tensor gets the output type (Q8_0 falls back to F16 for rows that are not a
// multiple of 32 elements).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/convert/model_naming.h"
#include "core/gguf/ggml_type.h"
#include "core/gguf/gguf_value.h"
#include "core/gguf/gguf_writer.h"

namespace qd {

// Output types the importer writes, with their general.file_type (llama_ftype) values.
enum class ImportType { F32, F16, BF16, Q8_0 };

std::optional<ImportType> importTypeFromName(std::string_view name);  // "f16", "BF16", ...
std::string_view importTypeName(ImportType type);
uint32_t importFileType(ImportType type);  // 0, 1, 32, 7
// Whether this build can write the type (Q8_0 needs the reference quantizer).
bool importTypeAvailable(ImportType type);

struct ImportTensor {
    std::string name;             // GGUF name, e.g. blk.0.attn_q.weight
    std::vector<uint64_t> dims;   // ggml order: dims[0] is the row length
    // Fills rows [first, first + count) as floats (count * dims[0] values), in the output's row order.
    std::function<void(uint64_t first, uint64_t count, float* dst)> readRows;
    // Called once the tensor is written, to let the source drop its pages (optional).
    std::function<void()> release;

    uint64_t rowLength() const { return dims.empty() ? 1 : dims[0]; }
    uint64_t rowCount() const;
    uint64_t elementCount() const;
};

struct ImportPlan {
    // Metadata as the F32 conversion writes it. Must hold general.file_type (any value: it is set to
    // the output type's) and general.quantization_version.
    std::vector<GgufKeyValue> metadata;
    std::vector<ImportTensor> tensors;
};

// The GGML type a tensor gets for the output type (see the rule above).
GgmlType importTensorType(const ImportTensor& tensor, ImportType type);

// The file writeImportPlan writes, laid out but not written: metadata and tensor infos (writer), and for
// each output tensor the index of its plan tensor (order).
struct ImportLayout {
    GgufWriter writer;
    std::vector<size_t> order;
};
Result<ImportLayout> importLayout(const ImportPlan& plan, ImportType type);

// Lays out and writes the plan. Progress: bytes of tensor data written, stage the tensor name; a false
// return cancels. On any error no output file is left behind.
Status writeImportPlan(const ImportPlan& plan, ImportType type, const std::filesystem::path& out,
                       const ProgressFn& progress = {});

// Appends general.name, version, organization, finetune, basename and size_label (those not empty), in
// gguf-py's order.
void appendGeneralNaming(std::vector<GgufKeyValue>& metadata, const GeneralNaming& naming);

// The number of parameters (elements of every tensor), for general.size_label.
uint64_t planParameterCount(const std::vector<ImportTensor>& tensors);

}  // namespace qd
