// A read-only memory map of a whole file, POSIX and Windows.
//
// Model files are mapped, never read into memory: the kernel pages in what is touched, so reading a
// GGUF header of a 40 GB model touches a few pages, and inference runs weights in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

#include "core/common/result.h"

namespace qd {

class MappedFile {
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    // Maps the file read-only. An empty file gives an empty span (nothing is mapped).
    static Result<MappedFile> open(const std::filesystem::path& path);

    std::span<const uint8_t> bytes() const { return {m_data, m_size}; }
    const uint8_t* data() const { return m_data; }
    size_t size() const { return m_size; }
    const std::filesystem::path& path() const { return m_path; }

    // Hint that the whole range will be read soon / sequentially (no-op where unsupported).
    void adviseSequential() const;

private:
    void release();

    const uint8_t* m_data = nullptr;
    size_t m_size = 0;
    std::filesystem::path m_path;
#ifdef _WIN32
    void* m_fileHandle = nullptr;
    void* m_mapHandle = nullptr;
#endif
};

// "No such file", "Permission denied", ... for errno values, portable.
std::string systemErrorText(int errnum);

}  // namespace qd
