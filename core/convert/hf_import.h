// Hugging Face checkpoint folder -> import plan (GGUF metadata + tensor sources), as llama.cpp's
// convert_hf_to_gguf.py converts the architectures listed in hf_architectures.h.
//
// The folder holds config.json, model.safetensors (or shards with model.safetensors.index.json) with
// F32/F16/BF16 tensors, and a tokenizer (tokenizer.model or tokenizer.json, see hf_vocab.h). Everything
// is validated before anything is written: the architecture, every tensor's name and shape against
// config.json, every byte range against its file.
#pragma once

#include <filesystem>
#include <memory>

#include "core/common/result.h"
#include "core/convert/import_plan.h"

namespace qd {

// A plan plus what keeps its tensor sources alive (the mapped checkpoint files).
struct LoadedImport {
    ImportPlan plan;
    std::shared_ptr<const void> keepAlive;
    std::string architecture;  // GGUF architecture name
};

// With `deltaBase`, `folder` holds delta weights (a fine-tune published as its difference from a base
// model, Chimera's way): its config.json and tokenizer describe the result, and every tensor is the
// delta's plus the base checkpoint's tensor of the same name, added row chunk by row chunk as the file
// is written. A tensor the base lacks, or of another shape, is refused by name; vocabulary rows the
// delta adds (embeddings and output) are taken from the delta as they are, as the publishers' scripts do.
Result<LoadedImport> planHfImport(const std::filesystem::path& folder, const std::filesystem::path& deltaBase = {});

}  // namespace qd
