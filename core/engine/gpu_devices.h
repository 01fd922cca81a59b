// The GPUs the engine can offload to, for the hardware summaries (`quantdesk-cli devices`, the GUI),
// without Vulkan in the caller's headers. Empty, with the reason, in a build without the Vulkan backend
// or on a machine without a Vulkan loader or driver.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace qd {

struct GpuDevice {
    int index = 0;            // what --gpu-device takes
    std::string name;         // "NVIDIA H200", "llvmpipe (LLVM 15.0.6, 256 bits)"
    std::string kind;         // "discrete GPU", "integrated GPU", "CPU implementation", ...
    uint64_t memoryBytes = 0; // the largest device-local heap
    std::string apiVersion;   // "1.3.230"
    bool usable = false;      // the backend can run on it
    bool chosenByDefault = false;  // the one --gpu-layers uses without --gpu-device
    std::string note;         // why not usable, or why not chosen by default
};

// Whether this build has the Vulkan backend.
bool vulkanBuilt();

Result<std::vector<GpuDevice>> listGpuDevices();

}  // namespace qd
