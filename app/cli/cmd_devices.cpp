// quantdesk-cli devices: the GPUs Vulkan offload (--gpu-layers) can use, with their memory, and which
// one it picks by default.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "core/engine/gpu_devices.h"
#include "core/gguf/model_summary.h"

namespace qd::cli {

int cmdDevices(int argc, char** argv) {
    Args args(argc, argv, {});
    if (!args.checkKnown({}) || !args.error().empty()) return fail(args.error());
    if (args.positional().size() != 1) return fail("usage: quantdesk-cli devices");
    auto devices = listGpuDevices();
    if (!devices) {
        std::printf("No GPU offload: %s. Models run on the CPU.\n", devices.message().c_str());
        return 0;
    }
    if (devices->empty()) {
        std::printf("No Vulkan device (no driver reports one). Models run on the CPU.\n");
        return 0;
    }
    for (const GpuDevice& d : *devices)
        std::printf("%d: %s (%s, %s, Vulkan %s)%s%s%s\n", d.index, d.name.c_str(), d.kind.c_str(), formatBytes(d.memoryBytes).c_str(),
                    d.apiVersion.c_str(), d.chosenByDefault ? " - used by --gpu-layers" : "", d.note.empty() ? "" : " - ",
                    d.note.c_str());
    return 0;
}

}  // namespace qd::cli
