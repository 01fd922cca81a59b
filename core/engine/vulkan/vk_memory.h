// Device memory for the Vulkan backend: a sub-allocator over large blocks (one VkDeviceMemory and one
// storage buffer spanning it per block, so a tensor is a range of a block, bound by offset), and the
// copies between host and device.
//
// Where the device-local memory is also host-visible (integrated GPUs, resizable BAR, lavapipe) blocks
// are mapped and copies are memcpy; elsewhere (most discrete GPUs), or when DeviceChoice::forceStaging
// asks for it, copies go through a host-visible staging buffer and vkCmdCopyBuffer.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "core/engine/vulkan/vk_context.h"

namespace qd::vk {

// A range of a block's buffer.
struct Span {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceSize offset = 0;
    VkDeviceSize size = 0;
    uint8_t* mapped = nullptr;  // host address of offset, when the block is mapped
    uint32_t block = 0;
    bool valid() const { return buffer != VK_NULL_HANDLE; }
};

enum class MemoryUse {
    Device,  // weights, activations, KV cache: device-local (mapped when host-visible and not staging)
    Host,    // staging: host-visible and coherent
};

class Allocator {
public:
    // Blocks of `blockBytes` (larger requests get a block of their own), limited by the device's
    // largest allocation.
    Allocator(Device& device, MemoryUse use, VkDeviceSize blockBytes = 256ull << 20);
    ~Allocator();
    Allocator(const Allocator&) = delete;
    Allocator& operator=(const Allocator&) = delete;

    // `size` bytes aligned for a storage-buffer binding. OutOfMemory when the device has no room.
    Result<Span> allocate(VkDeviceSize size);
    void release(const Span& span);

    uint64_t reservedBytes() const;  // in blocks
    uint64_t usedBytes() const { return m_used; }
    VkDeviceSize alignment() const { return m_alignment; }
    bool mapped() const { return m_mapped; }

private:
    struct Block {
        VkDeviceMemory memory = VK_NULL_HANDLE;
        VkBuffer buffer = VK_NULL_HANDLE;
        VkDeviceSize size = 0;
        uint8_t* mapped = nullptr;
        bool reserved = false;  // counted in the device's memory budget
        std::map<VkDeviceSize, VkDeviceSize> free;  // offset -> size
    };
    Result<uint32_t> addBlock(VkDeviceSize size);
    void destroy(Block& block) const;  // whatever of the block exists; the block is empty afterwards

    Device& m_device;
    MemoryUse m_use;
    VkDeviceSize m_blockBytes;
    VkDeviceSize m_alignment = 256;
    bool m_mapped = false;
    uint64_t m_used = 0;
    std::vector<std::unique_ptr<Block>> m_blocks;
};

// Host <-> device copies of `bytes` bytes at `offset` within a span, with the barriers that make them
// visible to the compute shaders (upload) or to the host (download). A span that is not mapped is
// copied through a host-visible staging buffer, in chunks.
class Transfer {
public:
    explicit Transfer(Device& device);
    ~Transfer();
    Status upload(const Span& dst, VkDeviceSize offset, const void* src, VkDeviceSize bytes);
    Status download(const Span& src, VkDeviceSize offset, void* dst, VkDeviceSize bytes);
    Status fill(const Span& dst, uint32_t value);  // vkCmdFillBuffer over the whole span

private:
    Status stagingSpan(VkDeviceSize bytes);

    Device& m_device;
    std::unique_ptr<Allocator> m_stagingMemory;
    Span m_staging;
};

// Barrier between compute dispatches (and transfers) recorded into one command buffer.
void computeBarrier(const Device& device, VkCommandBuffer cb);

}  // namespace qd::vk
