#include "core/common/atomic_file.h"

#include <cerrno>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/common/mapped_file.h"

#ifdef _WIN32
#include <io.h>
#include <process.h>
#else
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace qd {

namespace {

long currentPid() {
#ifdef _WIN32
    return static_cast<long>(_getpid());
#else
    return static_cast<long>(getpid());
#endif
}

// The process id in ".NAME.PID-RANDOM.part", or -1 when `name` is not exactly such a name.
long partFilePid(const std::string& name) {
    constexpr std::string_view suffix = ".part";
    if (name.size() < 1 + suffix.size() + 4 || name[0] != '.' || !name.ends_with(suffix)) return -1;
    const std::string stem = name.substr(0, name.size() - suffix.size());
    const size_t dot = stem.rfind('.');
    if (dot == std::string::npos || dot < 2) return -1;
    const std::string tag = stem.substr(dot + 1);
    const size_t dash = tag.find('-');
    if (dash == std::string::npos || dash == 0 || dash + 1 == tag.size() || dash > 10 || tag.size() - dash - 1 > 10) return -1;
    for (size_t i = 0; i < tag.size(); ++i)
        if (i != dash && (tag[i] < '0' || tag[i] > '9')) return -1;
    return std::stol(tag.substr(0, dash));
}

void syncFolder(const std::filesystem::path& folder) {
#ifndef _WIN32
    const int fd = ::open(folder.empty() ? "." : folder.string().c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    (void)fsync(fd);  // best effort: some file systems refuse to sync a folder
    ::close(fd);
#else
    (void)folder;
#endif
}

}  // namespace

int AtomicFileWriter::removeStaleParts(const std::filesystem::path& folder) {
    int removed = 0;
#ifndef _WIN32
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder.empty() ? "." : folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const long pid = partFilePid(name);
        if (pid <= 0 || pid == currentPid()) continue;
        struct stat st;
        if (::lstat(it->path().string().c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != getuid()) continue;
        // Alive (or not ours to signal): leave it. ESRCH means no such process: the writer died.
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        std::error_code rec;
        if (std::filesystem::remove(it->path(), rec)) ++removed;
    }
#else
    (void)folder;
#endif
    return removed;
}

AtomicFileWriter::~AtomicFileWriter() { abandon(); }

Status AtomicFileWriter::open(const std::filesystem::path& target) {
    abandon();
    m_target = target;
    m_written = 0;
    m_fakeFree.reset();
    if (const char* fake = std::getenv("QUANTDESK_TEST_DISK_FREE"); fake && *fake) {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(fake, &end, 10);
        if (end && *end == '\0') m_fakeFree = n;
    }
    std::filesystem::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return fail(ErrorKind::Io, "cannot write " + target.string() + ": the folder " + dir.string() + " does not exist");
    if (std::filesystem::is_directory(target, ec))
        return fail("cannot write " + target.string() + ": it is a folder");

    removeStaleParts(dir);
    std::random_device rd;
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::string name = "." + target.filename().string() + "." + std::to_string(currentPid()) + "-" +
                           std::to_string(rd() % 1000000000u) + ".part";
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
    const bool full = errnum == ENOSPC
#ifdef EDQUOT
                      || errnum == EDQUOT
#endif
        ;
    if (full) why = "the disk is full";
    std::string where = std::string(action) == "create a file in" ? m_target.parent_path().string() : m_target.string();
    if (where.empty()) where = ".";
    abandon();
    return fail(full ? ErrorKind::DiskFull : ErrorKind::Io, "cannot " + std::string(action) + " " + where + ": " + why);
}

Status AtomicFileWriter::write(const void* data, size_t size) {
    if (!m_file) return fail("internal error: write to a closed output file");
    if (size == 0) return {};
    // QUANTDESK_TEST_DISK_FREE=N makes every writer behave as if the disk had N bytes free: the test of
    // a full disk on machines where a small file system cannot be mounted.
    if (m_fakeFree && m_written + size > *m_fakeFree) return ioError("write", ENOSPC);
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
        return fail(ErrorKind::Io, "cannot rename the finished file to " + m_target.string() + ": " + ec.message());
    }
    m_temp.clear();
    syncFolder(m_target.parent_path());  // the rename itself is only durable once the folder is
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

Status writeFileAtomically(const std::filesystem::path& target, std::span<const uint8_t> bytes) {
    AtomicFileWriter w;
    if (auto s = w.open(target); !s) return s;
    if (auto s = w.write(bytes); !s) return s;
    return w.commit();
}

Status writeFileAtomically(const std::filesystem::path& target, std::string_view text) {
    return writeFileAtomically(target, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

}  // namespace qd
