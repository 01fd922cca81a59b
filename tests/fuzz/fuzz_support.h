// Shared pieces of the libFuzzer targets that read several files or a file from disk.
//
// Multi-file inputs (a Hugging Face folder, a llama2.c checkpoint and its tokenizer) are one byte string
// of parts, each introduced by a line "\n@@QDFILE NAME\n" and running to the next such line, so the
// fuzzer can mutate every file and their boundaries. Names are restricted to one plain file name of
// [A-Za-z0-9._-] (no "..", no separators), so what a part names is always inside the scratch folder.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>

namespace qdfuzz {

inline constexpr std::string_view kPartMark = "\n@@QDFILE ";

inline bool plainName(std::string_view name) {
    if (name.empty() || name.size() > 64 || name == "." || name == "..") return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    return true;
}

// Name -> bytes; a part with an unusable name is dropped, a repeated name keeps the last part.
inline std::map<std::string, std::string_view> splitParts(std::span<const uint8_t> data) {
    const std::string_view s(reinterpret_cast<const char*>(data.data()), data.size());
    std::map<std::string, std::string_view> parts;
    size_t at = s.find(kPartMark);
    while (at != std::string_view::npos) {
        const size_t nameStart = at + kPartMark.size();
        const size_t nameEnd = s.find('\n', nameStart);
        if (nameEnd == std::string_view::npos) break;
        const size_t next = s.find(kPartMark, nameEnd + 1);
        const std::string name(s.substr(nameStart, nameEnd - nameStart));
        const std::string_view body = s.substr(nameEnd + 1, next == std::string_view::npos ? std::string_view::npos : next - nameEnd - 1);
        if (plainName(name)) parts[name] = body;
        at = next;
    }
    return parts;
}

inline std::string joinParts(const std::map<std::string, std::string>& parts) {
    std::string out;
    for (const auto& [name, body] : parts) out += std::string(kPartMark) + name + "\n" + body;
    return out;
}

// A scratch folder of this process, emptied on every call.
inline std::filesystem::path freshScratch(const char* what) {
    static const std::filesystem::path base =
        std::filesystem::temp_directory_path() / ("qdfuzz-" + std::string(what) + "-" + std::to_string(getpid()));
    std::error_code ec;
    std::filesystem::remove_all(base, ec);
    std::filesystem::create_directories(base, ec);
    return base;
}

inline bool writeBytes(const std::filesystem::path& path, std::string_view bytes) {
    std::FILE* f = std::fopen(path.string().c_str(), "wb");
    if (!f) return false;
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    return std::fclose(f) == 0 && ok;
}

}  // namespace qdfuzz
