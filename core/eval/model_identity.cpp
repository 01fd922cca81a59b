#include "core/eval/model_identity.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/common/mapped_file.h"

namespace qd {

uint64_t fnv1a64(const void* data, size_t size, uint64_t h) {
    const auto* p = static_cast<const uint8_t*>(data);
    for (size_t i = 0; i < size; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

std::string hex64(uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string ModelIdentity::key() const { return std::to_string(size) + ":" + std::to_string(modified) + ":" + contentHash; }

Result<ModelIdentity> identifyModelFile(const std::filesystem::path& path) {
    std::error_code ec;
    ModelIdentity id;
    auto time = std::filesystem::last_write_time(path, ec);
    if (ec) return fail("cannot read " + path.string() + ": " + ec.message());
    id.modified = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::file_clock::to_sys(time).time_since_epoch()).count();
    auto map = MappedFile::open(path);
    if (!map) return map.error();
    const auto bytes = map->bytes();
    id.size = bytes.size();
    // The first MiB (the GGUF header and more), then 32 samples of 64 KiB spread evenly.
    constexpr size_t kHead = 1 << 20, kSample = 1 << 16, kSamples = 32;
    uint64_t h = fnv1a64(&id.size, sizeof id.size);
    h = fnv1a64(bytes.data(), std::min(bytes.size(), kHead), h);
    if (bytes.size() > kHead) {
        const size_t span = bytes.size() - kHead;
        for (size_t i = 0; i < kSamples; ++i) {
            const size_t at = kHead + span / kSamples * i;
            h = fnv1a64(bytes.data() + at, std::min(kSample, bytes.size() - at), h);
        }
    }
    id.contentHash = hex64(h);
    return id;
}

}  // namespace qd
