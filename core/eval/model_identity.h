// A model file's identity for the results database: its size, modification time and a hash of its
// header and of samples spread through its data. Cheap on a 40 GB file (a few MB read), and a
// re-quantized or edited file gets a new identity even when its name stays.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/common/result.h"

namespace qd {

struct ModelIdentity {
    uint64_t size = 0;
    int64_t modified = 0;    // seconds since the epoch
    std::string contentHash;  // 16 hex digits
    std::string key() const;  // "size:modified:hash"
};

Result<ModelIdentity> identifyModelFile(const std::filesystem::path& path);

// 64-bit FNV-1a over bytes, continuing from `seed` (stable across platforms; not cryptographic).
uint64_t fnv1a64(const void* data, size_t size, uint64_t seed = 0xcbf29ce484222325ull);
std::string hex64(uint64_t v);

}  // namespace qd
