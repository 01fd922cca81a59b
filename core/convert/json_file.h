// Reading the small JSON files of a checkpoint folder (config.json, tokenizer.json, ...).
#pragma once

#include <filesystem>
#include <string>

#include "core/common/json.h"
#include "core/common/result.h"

namespace qd {

// The whole file as text; refuses files over `limit` bytes (tokenizer.json of a 256k vocabulary is
// about 20 MB).
Result<std::string> readTextFile(const std::filesystem::path& path, uint64_t limit = 256ull << 20);
// Parses a JSON file; errors name the file.
Result<Json> readJsonFile(const std::filesystem::path& path);

}  // namespace qd
