// Facts about the machine QuantDesk runs on that decide what a person can run: physical memory, and
// whether a model of a given size fits in it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace qd {

// Installed physical memory in bytes, 0 when the system does not say.
uint64_t physicalMemoryBytes();

// Memory a new program could take now without the system paging out (Linux: MemAvailable; Windows:
// available physical memory; elsewhere the installed memory), 0 when unknown. QUANTDESK_TEST_MEM_AVAILABLE=N
// makes it N: the test of a model too large for this machine's free memory.
uint64_t availableMemoryBytes();

// How comfortably `neededBytes` fits in `physicalBytes` of RAM. The operating system, the desktop and
// the browser a person keeps open take their share, so a model is only called a clear fit below
// kMemoryFitComfortable of RAM; up to kMemoryFitTight it may run while the system starts to page out.
enum class MemoryFit { Yes, Tight, No, Unknown };

constexpr double kMemoryFitComfortable = 0.70;
constexpr double kMemoryFitTight = 0.90;

MemoryFit memoryFit(uint64_t neededBytes, uint64_t physicalBytes);

// Where QuantDesk keeps `fileName` (its databases): $QUANTDESK_DATA_DIR, else the platform's user data
// folder (%APPDATA%, XDG_DATA_HOME, ~/.local/share) + QuantDesk, else the current folder.
std::filesystem::path userDataFile(const std::string& fileName);

}  // namespace qd
