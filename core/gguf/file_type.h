// llama.cpp's file types ("mixes"): the value of general.file_type and its name.
// Ids are stored on disk (llama_ftype): never renumber, never reuse a removed id.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/gguf/ggml_type.h"

namespace qd {

struct FileTypeInfo {
    uint32_t id;
    std::string_view name;   // "Q4_K_M"
    GgmlType mainType;       // the type most large tensors get
};

std::span<const FileTypeInfo> fileTypeTable();
std::optional<FileTypeInfo> fileTypeById(uint32_t id);
std::optional<FileTypeInfo> fileTypeByName(std::string_view name);  // case-insensitive

// Whether a file type, mix or tensor type name as QuantDesk writes it ("F32", "F16", "BF16"; exact case) names
// unquantized weights.
bool isUnquantizedName(std::string_view name);

}  // namespace qd
