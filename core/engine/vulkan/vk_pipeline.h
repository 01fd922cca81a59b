// Compute pipelines of the Vulkan backend: SPIR-V compiled from core/engine/vulkan/shaders/*.comp by
// glslc at build time and linked into the binary, a pipeline cache kept on disk, and descriptor sets
// for the storage buffers each dispatch reads and writes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/vulkan/vk_memory.h"

namespace qd::vk {

// The SPIR-V of a built-in shader ("mul_mv_q4_0"); empty when there is none of that name.
std::span<const uint32_t> shaderCode(std::string_view name);

// vkCreatePipelineCache seeded from `file` (when it exists and the driver accepts it) and written back
// by save(), so pipelines are compiled once per driver version, not on every start.
class PipelineCache {
public:
    PipelineCache(Device& device, std::filesystem::path file);
    ~PipelineCache();
    PipelineCache(const PipelineCache&) = delete;
    PipelineCache& operator=(const PipelineCache&) = delete;
    VkPipelineCache handle() const { return m_cache; }
    Status save() const;  // atomically (a temporary file renamed); nothing to do without a file

private:
    Device& m_device;
    std::filesystem::path m_file;
    VkPipelineCache m_cache = VK_NULL_HANDLE;
};

// A compute pipeline over `bindings` storage buffers (binding 0 .. bindings-1) and `pushBytes` of push
// constants.
class Kernel {
public:
    ~Kernel();
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;
    static Result<std::unique_ptr<Kernel>> create(Device& device, VkPipelineCache cache, std::string_view shader,
                                                  uint32_t bindings, uint32_t pushBytes);

    const std::string& name() const { return m_name; }
    uint32_t bindings() const { return m_bindings; }
    uint32_t pushBytes() const { return m_pushBytes; }
    VkPipeline pipeline() const { return m_pipeline; }
    VkPipelineLayout layout() const { return m_layout; }
    VkDescriptorSetLayout setLayout() const { return m_setLayout; }

private:
    Kernel(Device& device) : m_device(device) {}
    Device& m_device;
    std::string m_name;
    uint32_t m_bindings = 0, m_pushBytes = 0;
    VkShaderModule m_module = VK_NULL_HANDLE;
    VkDescriptorSetLayout m_setLayout = VK_NULL_HANDLE;
    VkPipelineLayout m_layout = VK_NULL_HANDLE;
    VkPipeline m_pipeline = VK_NULL_HANDLE;
};

// Descriptor sets, allocated from pools that grow as needed and are freed together.
class DescriptorArena {
public:
    explicit DescriptorArena(Device& device) : m_device(device) {}
    ~DescriptorArena();
    DescriptorArena(const DescriptorArena&) = delete;
    DescriptorArena& operator=(const DescriptorArena&) = delete;

    // A set for `kernel` with the spans bound in order; each must fit the device's storage-buffer range.
    Result<VkDescriptorSet> bind(const Kernel& kernel, std::initializer_list<Span> buffers);
    void reset();  // frees every set (none may be in use by the device); the pools are kept

private:
    Status grow();
    Device& m_device;
    std::vector<VkDescriptorPool> m_pools;
    size_t m_current = 0;
    uint32_t m_leftInPool = 0;
};

// Binds kernel and set, pushes `push` (kernel.pushBytes() bytes) and dispatches gx x gy x gz groups.
void dispatch(const Device& device, VkCommandBuffer cb, const Kernel& kernel, VkDescriptorSet set, const void* push,
              uint32_t gx, uint32_t gy = 1, uint32_t gz = 1);

}  // namespace qd::vk
