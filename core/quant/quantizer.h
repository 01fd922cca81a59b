// The streaming quantizer: a GGUF model in, the same model in another mix out.
//
// The source is memory-mapped and never written. Each tensor's type comes from planMix() (mix_rules.h);
// tensors are then produced one after another through GgufWriter: a tensor that keeps its type is
// copied, one that changes type is converted in batches of rows — source rows to floats (F32, F16, BF16,
// or a dequantized quantized type when requantizing is allowed), quantized in parallel on a ThreadPool,
// written as soon as the batch is done. Peak memory is a few batches (tens of MB) whatever the model's
// size, and pages of the source already consumed are released from the mapping.
//
// Rows are quantized independently, so the output is the same byte for byte for any thread count.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/quant/imatrix_file.h"
#include "core/quant/mix_rules.h"

namespace qd {

class GgufWriter;
class ThreadPool;

struct QuantizeOptions {
    MixOptions mix;  // mix.imatrix is set from `imatrix` below
    // An importance matrix (llama-quantize --imatrix): every tensor with an entry of its row length is
    // quantized with those weights, the mix takes its imatrix rules, and the output's metadata names the
    // file (`imatrixFile`, as given) as llama-quantize does.
    std::shared_ptr<const Imatrix> imatrix;
    std::string imatrixFile;
    bool allowRequantize = false;  // convert tensors that are already quantized (dequantized first)
    int threads = 0;               // 0: one per hardware thread (ignored when a pool is given)
    ThreadPool* pool = nullptr;    // optional: reuse the caller's pool
    uint64_t taskFloats = 0;       // floats per parallel task (0: about 1 MiB); tests make it small
};

struct QuantizedTensorReport {
    std::string name;
    std::string shape;  // "256 x 1024"
    GgmlType sourceType = GgmlType::F32;
    GgmlType targetType = GgmlType::F32;
    uint64_t sourceBytes = 0;
    uint64_t targetBytes = 0;
    bool fallback = false;
};

struct QuantizeReport {
    std::vector<QuantizedTensorReport> tensors;  // in output order
    std::vector<std::string> warnings;            // fallbacks, requantizing
    uint64_t sourceFileBytes = 0;
    uint64_t outputFileBytes = 0;
    uint64_t sourceTensorBytes = 0;
    uint64_t outputTensorBytes = 0;
    uint64_t elements = 0;  // weights in all tensors
    double seconds = 0;
    int threads = 1;

    double bitsPerWeight() const { return elements ? 8.0 * double(outputTensorBytes) / double(elements) : 0.0; }
};

// What a quantization reads of its source before any tensor data: metadata and tensors in file order.
// A GGUF file has one; so has a file not written yet (an import's layout), which lets the wizard size a
// Hugging Face model's quantizations before importing it.
struct QuantizeSource {
    std::vector<GgufKeyValue> metadata;
    std::vector<TensorDesc> tensors;
};
QuantizeSource describeQuantizeSource(const GgufFile& file);
QuantizeSource describeQuantizeSource(const GgufWriter& layout);

// The file quantizeModel would write, without writing it: the same plan, metadata and layout, so
// fileBytes is the output's exact size. Fails exactly where quantizeModel would fail before writing
// (an invalid pattern, a quantized source without allowRequantize, a type QuantDesk cannot write).
struct QuantizeEstimate {
    MixPlan plan;
    std::vector<std::string> warnings;
    uint64_t fileBytes = 0;
    uint64_t tensorBytes = 0;        // tensor data without header and padding
    uint64_t sourceTensorBytes = 0;  // the source's tensor data: the work the run will do
    uint64_t elements = 0;

    double bitsPerWeight() const { return elements ? 8.0 * double(tensorBytes) / double(elements) : 0.0; }
};
Result<QuantizeEstimate> estimateQuantize(const QuantizeSource& source, const QuantizeOptions& options);
Result<QuantizeEstimate> estimateQuantize(const GgufFile& source, const QuantizeOptions& options);

// Writes `output` from `source`. Progress: done/total are bytes of source tensor data, stage the tensor
// being worked on. A cancel (callback returns false) stops within one batch of rows and returns
// cancelledError() (kind Cancelled); like any failure it leaves no output file and no temporary file behind.
Result<QuantizeReport> quantizeModel(const std::filesystem::path& source, const std::filesystem::path& output,
                                     const QuantizeOptions& options, const ProgressFn& progress = {});

// The metadata a quantized file gets: the source's keys in order, split keys removed, then
// general.quantization_version = 2 and general.file_type moved to the end (as llama-quantize's
// gguf_set_val does: remove, then append).
std::vector<GgufKeyValue> quantizedMetadata(const GgufFile& source, uint32_t fileTypeId);
std::vector<GgufKeyValue> quantizedMetadata(const std::vector<GgufKeyValue>& source, uint32_t fileTypeId);

}  // namespace qd
