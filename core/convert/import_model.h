// Importing a model into GGUF: the one entry point the CLI and the GUI call.
//
// A folder is read as a Hugging Face checkpoint (hf_import.h); a file as a llama2.c checkpoint
// (llama2c_import.h). The plan is fully validated before the output is opened; the output is written
// to a temporary file and renamed at the end, so an error or a cancel leaves nothing behind.
#pragma once

#include <filesystem>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/convert/hf_import.h"
#include "core/convert/import_plan.h"
#include "core/quant/quantizer.h"

namespace qd {

struct ImportOptions {
    ImportType type = ImportType::F16;
    std::filesystem::path llama2cTokenizer;  // empty: tokenizer.bin beside a llama2.c checkpoint
    // Delta weights: the source is the base checkpoint folder and this the delta's (hf_import.h).
    std::filesystem::path delta;
};

struct ImportSummary {
    std::string architecture;
    uint64_t tensorCount = 0;
    uint64_t parameterCount = 0;
};

// The plan importModel would write, read and validated but not written (the wizard sizes the outputs
// of a model it has not imported yet from it). Holds the source files open while it lives.
Result<LoadedImport> planImport(const std::filesystem::path& source, const ImportOptions& options = {});

// The GGUF file an import of `loaded` to `type` will be, as a quantization source: what the wizard and
// `quantize --estimate` size a Hugging Face or llama2.c model's outputs from before importing it.
Result<QuantizeSource> describeImportOutput(const LoadedImport& loaded, ImportType type);

Result<ImportSummary> importModel(const std::filesystem::path& source, const std::filesystem::path& out,
                                  const ImportOptions& options = {}, const ProgressFn& progress = {});

}  // namespace qd
