// Writing an output file safely: into a temporary file beside the target, renamed over the target
// only when complete, then the folder is synced so the rename survives a power cut. A failure or a
// cancel leaves the target as it was (absent or old) and the temporary file is removed by the destructor
// of an uncommitted writer.
//
// A process killed mid-write cannot remove its temporary file, so the names carry the writer's process
// id: `.TARGET.PID-RANDOM.part`. The next writer into that folder removes such files whose process is
// gone, that belong to the same user and match the pattern exactly, and never touches any other file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <span>
#include <string_view>

#include "core/common/progress.h"
#include "core/common/result.h"

namespace qd {

class AtomicFileWriter {
public:
    AtomicFileWriter() = default;
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    // Creates the temporary file in the target's folder (after removing stale ones of ours there).
    Status open(const std::filesystem::path& target);

    Status write(const void* data, size_t size);
    Status write(std::span<const uint8_t> bytes) { return write(bytes.data(), bytes.size()); }
    Status writeZeros(uint64_t count);

    uint64_t bytesWritten() const { return m_written; }
    const std::filesystem::path& tempPath() const { return m_temp; }

    // Flushes to disk and renames the temporary file onto the target.
    Status commit();
    // Removes the temporary file (also done by the destructor when not committed).
    void abandon();

    // Removes the temporary files that writers killed mid-write left in `folder`; returns how many.
    static int removeStaleParts(const std::filesystem::path& folder);

private:
    Status ioError(const char* action, int errnum);

    std::FILE* m_file = nullptr;
    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    uint64_t m_written = 0;
    std::optional<uint64_t> m_fakeFree;  // QUANTDESK_TEST_DISK_FREE (tests only)
};

// Writes `bytes` to `target` through an AtomicFileWriter (small outputs: reports, exports).
Status writeFileAtomically(const std::filesystem::path& target, std::span<const uint8_t> bytes);
// The same for text (reports, CSV, JSON).
Status writeFileAtomically(const std::filesystem::path& target, std::string_view text);

}  // namespace qd
