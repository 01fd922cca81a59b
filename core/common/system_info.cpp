#include "core/common/system_info.h"

#include <cstdio>
#include <cstdlib>

#if defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
#define NOMINMAX
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace qd {

uint64_t physicalMemoryBytes() {
#if defined(_WIN32)
    MEMORYSTATUSEX status{};
    status.dwLength = sizeof status;
    if (!GlobalMemoryStatusEx(&status)) return 0;
    return static_cast<uint64_t>(status.ullTotalPhys);
#else
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0) return 0;
    return static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize);
#endif
}

uint64_t availableMemoryBytes() {
    if (const char* fake = std::getenv("QUANTDESK_TEST_MEM_AVAILABLE"); fake && *fake) {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(fake, &end, 10);
        if (end && *end == '\0') return n;
    }
#if defined(_WIN32)
    MEMORYSTATUSEX status{};
    status.dwLength = sizeof status;
    if (!GlobalMemoryStatusEx(&status)) return 0;
    return static_cast<uint64_t>(status.ullAvailPhys);
#elif defined(__linux__)
    if (std::FILE* f = std::fopen("/proc/meminfo", "r")) {
        char line[256];
        unsigned long long kib = 0;
        bool found = false;
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "MemAvailable: %llu kB", &kib) == 1) {
                found = true;
                break;
            }
        std::fclose(f);
        if (found) return static_cast<uint64_t>(kib) * 1024;
    }
    return physicalMemoryBytes();
#else
    return physicalMemoryBytes();
#endif
}

MemoryFit memoryFit(uint64_t neededBytes, uint64_t physicalBytes) {
    if (physicalBytes == 0) return MemoryFit::Unknown;
    const double share = static_cast<double>(neededBytes) / static_cast<double>(physicalBytes);
    if (share <= kMemoryFitComfortable) return MemoryFit::Yes;
    if (share <= kMemoryFitTight) return MemoryFit::Tight;
    return MemoryFit::No;
}

std::filesystem::path userDataFile(const std::string& fileName) {
    namespace fs = std::filesystem;
    if (const char* d = std::getenv("QUANTDESK_DATA_DIR"); d && *d) return fs::path(d) / fileName;
#ifdef _WIN32
    if (const char* a = std::getenv("APPDATA"); a && *a) return fs::path(a) / "QuantDesk" / fileName;
#endif
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return fs::path(x) / "QuantDesk" / fileName;
    if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".local" / "share" / "QuantDesk" / fileName;
    return fs::path("quantdesk-" + fileName);
}

}  // namespace qd
