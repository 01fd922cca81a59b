#include "core/common/atomic_file.h"

#include <cerrno>
#include <random>
#include <string>
#include <vector>

#include "core/common/mapped_file.h"

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

namespace qd {

AtomicFileWriter::~AtomicFileWriter() { abandon(); }

Status AtomicFileWriter::open(const std::filesystem::path& target) {
    abandon();
    m_target = target;
    m_written = 0;
    std::filesystem::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return fail("cannot write " + target.string() + ": the folder " + dir.string() + " does not exist");
    if (std::filesystem::is_directory(target, ec))
        return fail("cannot write " + target.string() + ": it is a folder");

    std::random_device rd;
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::string name = "." + target.filename().string() + "." + std::to_string(rd() % 1000000000u) + ".part";
        std::filesystem::path candidate = dir / name;
        // "x": fail if it exists, so two writers never share a temporary file.
        m_file = std::fopen(candidate.string().c_str(), "wbx");
        if (m_file) {
            m_temp = candidate;
            std::setvbuf(m_file, nullptr, _IOFBF, 1 << 20);
            return {};
        }
        if (errno != EEXIST) return ioError("create a file in", errno);
    }
    return fail("cannot create a temporary file in " + dir.string());
}

Status AtomicFileWriter::ioError(const char* action, int errnum) {
    std::string why = systemErrorText(errnum);
    if (errnum == ENOSPC) why = "the disk is full";
    std::string where = std::string(action) == "create a file in" ? m_target.parent_path().string() : m_target.string();
    if (where.empty()) where = ".";
    abandon();
    return fail("cannot " + std::string(action) + " " + where + ": " + why);
}

Status AtomicFileWriter::write(const void* data, size_t size) {
    if (!m_file) return fail("internal error: write to a closed output file");
    if (size == 0) return {};
    if (std::fwrite(data, 1, size, m_file) != size) return ioError("write", errno);
    m_written += size;
    return {};
}

Status AtomicFileWriter::writeZeros(uint64_t count) {
    static const std::vector<uint8_t> zeros(1 << 16, 0);
    while (count > 0) {
        size_t n = static_cast<size_t>(std::min<uint64_t>(count, zeros.size()));
        if (auto s = write(zeros.data(), n); !s) return s;
        count -= n;
    }
    return {};
}

Status AtomicFileWriter::commit() {
    if (!m_file) return fail("internal error: commit of a closed output file");
    if (std::fflush(m_file) != 0) return ioError("write", errno);
#ifdef _WIN32
    if (_commit(_fileno(m_file)) != 0) return ioError("write", errno);
#else
    if (fsync(fileno(m_file)) != 0 && errno != EINVAL) return ioError("write", errno);
#endif
    if (std::fclose(m_file) != 0) {
        m_file = nullptr;
        return ioError("write", errno);
    }
    m_file = nullptr;
    std::error_code ec;
    std::filesystem::rename(m_temp, m_target, ec);
    if (ec) {
        std::filesystem::remove(m_temp, ec);
        m_temp.clear();
        return fail("cannot rename the finished file to " + m_target.string() + ": " + ec.message());
    }
    m_temp.clear();
    return {};
}

void AtomicFileWriter::abandon() {
    if (m_file) {
        std::fclose(m_file);
        m_file = nullptr;
    }
    if (!m_temp.empty()) {
        std::error_code ec;
        std::filesystem::remove(m_temp, ec);
        m_temp.clear();
    }
}

}  // namespace qd
