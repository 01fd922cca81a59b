#include "core/common/mapped_file.h"

#include <cerrno>
#include <cstring>
#include <system_error>

#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace qd {

std::string systemErrorText(int errnum) { return std::generic_category().message(errnum); }

MappedFile::~MappedFile() { release(); }

MappedFile::MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        release();
        m_data = other.m_data;
        m_size = other.m_size;
        m_path = std::move(other.m_path);
        other.m_data = nullptr;
        other.m_size = 0;
#ifdef _WIN32
        m_fileHandle = other.m_fileHandle;
        m_mapHandle = other.m_mapHandle;
        other.m_fileHandle = nullptr;
        other.m_mapHandle = nullptr;
#endif
    }
    return *this;
}

#ifdef _WIN32

Result<MappedFile> MappedFile::open(const std::filesystem::path& path) {
    MappedFile mf;
    mf.m_path = path;
    HANDLE file = CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, nullptr,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE)
        return fail(ErrorKind::Io, "cannot open " + path.string() + ": error " + std::to_string(GetLastError()));
    mf.m_fileHandle = file;
    LARGE_INTEGER size;
    if (!GetFileSizeEx(file, &size)) return fail(ErrorKind::Io, "cannot read the size of " + path.string());
    mf.m_size = static_cast<size_t>(size.QuadPart);
    if (mf.m_size == 0) return mf;
    HANDLE map = CreateFileMappingW(file, nullptr, PAGE_READONLY, 0, 0, nullptr);
    if (!map) return fail(ErrorKind::Io, "cannot map " + path.string() + ": error " + std::to_string(GetLastError()));
    mf.m_mapHandle = map;
    void* view = MapViewOfFile(map, FILE_MAP_READ, 0, 0, 0);
    if (!view) return fail(ErrorKind::Io, "cannot map " + path.string() + ": error " + std::to_string(GetLastError()));
    mf.m_data = static_cast<const uint8_t*>(view);
    return mf;
}

void MappedFile::release() {
    if (m_data) UnmapViewOfFile(m_data);
    if (m_mapHandle) CloseHandle(m_mapHandle);
    if (m_fileHandle) CloseHandle(m_fileHandle);
    m_data = nullptr;
    m_mapHandle = nullptr;
    m_fileHandle = nullptr;
    m_size = 0;
}

void MappedFile::adviseSequential() const {}

#else

Result<MappedFile> MappedFile::open(const std::filesystem::path& path) {
    MappedFile mf;
    mf.m_path = path;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(ErrorKind::Io, "cannot open " + path.string() + ": " + systemErrorText(errno));
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        int e = errno;
        ::close(fd);
        return fail(ErrorKind::Io, "cannot read the size of " + path.string() + ": " + systemErrorText(e));
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return fail(path.string() + " is a folder, not a file");
    }
    mf.m_size = static_cast<size_t>(st.st_size);
    if (mf.m_size == 0) {
        ::close(fd);
        return mf;
    }
    void* p = mmap(nullptr, mf.m_size, PROT_READ, MAP_SHARED, fd, 0);
    int e = errno;
    ::close(fd);  // the mapping keeps its own reference to the file
    if (p == MAP_FAILED) {
        mf.m_size = 0;
        return fail(ErrorKind::Io, "cannot map " + path.string() + ": " + systemErrorText(e));
    }
    mf.m_data = static_cast<const uint8_t*>(p);
    return mf;
}

void MappedFile::release() {
    if (m_data) munmap(const_cast<uint8_t*>(m_data), m_size);
    m_data = nullptr;
    m_size = 0;
}

void MappedFile::adviseSequential() const {
    if (m_data) madvise(const_cast<uint8_t*>(m_data), m_size, MADV_SEQUENTIAL);
}

#endif

}  // namespace qd
