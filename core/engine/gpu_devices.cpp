#include "core/engine/gpu_devices.h"

#ifdef QD_HAVE_VULKAN
#include "core/engine/vulkan/vk_context.h"
#endif

namespace qd {

bool vulkanBuilt() {
#ifdef QD_HAVE_VULKAN
    return true;
#else
    return false;
#endif
}

Result<std::vector<GpuDevice>> listGpuDevices() {
#ifdef QD_HAVE_VULKAN
    auto instance = vk::Instance::create();
    if (!instance) return instance.error();
    const auto& infos = (*instance)->devices();
    auto chosen = vk::chooseDevice(infos, vk::DeviceChoice{});
    std::vector<GpuDevice> out;
    for (const vk::DeviceInfo& d : infos) {
        GpuDevice g;
        g.index = static_cast<int>(d.index);
        g.name = d.name;
        g.kind = vk::deviceKindName(d.kind);
        g.memoryBytes = d.deviceLocalBytes;
        g.apiVersion = std::to_string(VK_API_VERSION_MAJOR(d.apiVersion)) + "." + std::to_string(VK_API_VERSION_MINOR(d.apiVersion)) +
                       "." + std::to_string(VK_API_VERSION_PATCH(d.apiVersion));
        g.usable = d.unusableReason.empty();
        g.chosenByDefault = chosen.ok() && *chosen == d.index;
        if (!g.usable) g.note = d.unusableReason;
        else if (d.kind == vk::DeviceKind::Cpu) g.note = "a CPU implementation: used only with --gpu-allow-cpu";
        out.push_back(std::move(g));
    }
    return out;
#else
    return fail(ErrorKind::Unsupported, "this build of QuantDesk has no Vulkan backend");
#endif
}

}  // namespace qd
