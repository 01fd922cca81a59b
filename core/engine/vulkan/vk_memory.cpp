#include "core/engine/vulkan/vk_memory.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace qd::vk {

namespace {

constexpr VkDeviceSize kStagingChunk = 64ull << 20;

VkDeviceSize alignUp(VkDeviceSize v, VkDeviceSize a) { return (v + a - 1) / a * a; }

}  // namespace

Allocator::Allocator(Device& device, MemoryUse use, VkDeviceSize blockBytes)
    : m_device(device), m_use(use), m_blockBytes(blockBytes) {
    const DeviceInfo& info = device.info();
    m_alignment = std::max<VkDeviceSize>(256, info.minStorageBufferOffsetAlignment);
    if (info.maxAllocation) m_blockBytes = std::min<VkDeviceSize>(m_blockBytes, info.maxAllocation);
    m_mapped = use == MemoryUse::Host || !device.staging();
}

Allocator::~Allocator() {
    for (auto& b : m_blocks) destroy(*b);
}

void Allocator::destroy(Block& b) const {
    const VolkDeviceTable& vk = m_device.vk();
    if (b.reserved) m_device.unreserve(b.size);
    if (b.buffer) vk.vkDestroyBuffer(m_device.handle(), b.buffer, nullptr);
    if (b.mapped) vk.vkUnmapMemory(m_device.handle(), b.memory);
    if (b.memory) vk.vkFreeMemory(m_device.handle(), b.memory, nullptr);
    b = Block{};
}

uint64_t Allocator::reservedBytes() const {
    uint64_t total = 0;
    for (const auto& b : m_blocks) total += b->size;
    return total;
}

Result<uint32_t> Allocator::addBlock(VkDeviceSize size) {
    const VolkDeviceTable& vk = m_device.vk();
    auto block = std::make_unique<Block>();
    block->size = size;
    if (m_use == MemoryUse::Device) {  // tensors count against the device's budget; staging does not
        if (auto s = m_device.reserve(size); !s) return s.error();
        block->reserved = true;
    }
    VkBufferCreateInfo bi{};
    bi.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    bi.size = size;
    bi.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    if (VkResult r = vk.vkCreateBuffer(m_device.handle(), &bi, nullptr, &block->buffer); r != VK_SUCCESS) {
        block->buffer = VK_NULL_HANDLE;
        return vkError("vkCreateBuffer", r);
    }
    VkMemoryRequirements req{};
    vk.vkGetBufferMemoryRequirements(m_device.handle(), block->buffer, &req);
    int type = -1;
    const VkMemoryPropertyFlags hostVisible = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    if (m_use == MemoryUse::Host)
        type = m_device.memoryType(req.memoryTypeBits, hostVisible, VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
    else if (m_mapped)
        type = m_device.memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | hostVisible);
    else
        type = m_device.memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (type < 0) {
        destroy(*block);
        return fail(ErrorKind::Unsupported, "the device has no suitable memory type for " +
                                                std::string(m_use == MemoryUse::Host ? "staging" : "tensors"));
    }
    VkMemoryAllocateInfo ai{};
    ai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = static_cast<uint32_t>(type);
    VkResult r = vk.vkAllocateMemory(m_device.handle(), &ai, nullptr, &block->memory);
    if (r != VK_SUCCESS) {
        block->memory = VK_NULL_HANDLE;
        destroy(*block);
        return vkError("vkAllocateMemory", r);
    }
    if ((r = vk.vkBindBufferMemory(m_device.handle(), block->buffer, block->memory, 0)) != VK_SUCCESS) {
        destroy(*block);
        return vkError("vkBindBufferMemory", r);
    }
    if (m_mapped) {
        void* p = nullptr;
        if ((r = vk.vkMapMemory(m_device.handle(), block->memory, 0, VK_WHOLE_SIZE, 0, &p)) != VK_SUCCESS) {
            destroy(*block);
            return vkError("vkMapMemory", r);
        }
        block->mapped = static_cast<uint8_t*>(p);
    }
    block->free.emplace(0, size);
    m_blocks.push_back(std::move(block));
    return static_cast<uint32_t>(m_blocks.size() - 1);
}

Result<Span> Allocator::allocate(VkDeviceSize size) {
    const VkDeviceSize want = alignUp(std::max<VkDeviceSize>(size, 1), m_alignment);
    auto take = [&](uint32_t index) -> std::optional<Span> {
        Block& b = *m_blocks[index];
        for (auto it = b.free.begin(); it != b.free.end(); ++it) {
            if (it->second < want) continue;
            const VkDeviceSize offset = it->first, rest = it->second - want;
            b.free.erase(it);
            if (rest) b.free.emplace(offset + want, rest);
            m_used += want;
            return Span{b.buffer, offset, want, b.mapped ? b.mapped + offset : nullptr, index};
        }
        return std::nullopt;
    };
    for (uint32_t i = 0; i < m_blocks.size(); ++i)
        if (auto s = take(i)) return *s;
    const VkDeviceSize blockSize = std::max(want, m_blockBytes);
    if (m_device.info().maxAllocation && want > m_device.info().maxAllocation)
        return fail(ErrorKind::OutOfMemory, "a tensor of " + std::to_string(want) + " bytes is larger than the device's largest allocation");
    auto index = addBlock(blockSize);
    if (!index && blockSize > want) index = addBlock(want);  // no room for a whole block: just this
    if (!index) return index.error();
    return *take(*index);
}

void Allocator::release(const Span& span) {
    if (!span.valid() || span.block >= m_blocks.size()) return;
    Block& b = *m_blocks[span.block];
    auto [it, inserted] = b.free.emplace(span.offset, span.size);
    if (!inserted) return;
    m_used -= span.size;
    // Coalesce with the neighbours.
    if (auto next = std::next(it); next != b.free.end() && it->first + it->second == next->first) {
        it->second += next->second;
        b.free.erase(next);
    }
    if (it != b.free.begin()) {
        auto prev = std::prev(it);
        if (prev->first + prev->second == it->first) {
            prev->second += it->second;
            b.free.erase(it);
        }
    }
}

void computeBarrier(const Device& device, VkCommandBuffer cb) {
    VkMemoryBarrier barrier{};
    barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT |
                            VK_ACCESS_TRANSFER_WRITE_BIT;
    device.vk().vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                                     VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &barrier,
                                     0, nullptr, 0, nullptr);
}

namespace {

void hostBarrier(const Device& device, VkCommandBuffer cb) {
    VkMemoryBarrier barrier{};
    barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    device.vk().vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                                     VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &barrier, 0, nullptr, 0, nullptr);
}

}  // namespace

Transfer::Transfer(Device& device) : m_device(device) {}

Transfer::~Transfer() {
    if (m_stagingMemory && m_staging.valid()) m_stagingMemory->release(m_staging);
}

Status Transfer::stagingSpan(VkDeviceSize bytes) {
    if (m_staging.valid() && m_staging.size >= bytes) return {};
    if (!m_stagingMemory) m_stagingMemory = std::make_unique<Allocator>(m_device, MemoryUse::Host, kStagingChunk);
    if (m_staging.valid()) m_stagingMemory->release(m_staging);
    auto s = m_stagingMemory->allocate(std::max(bytes, kStagingChunk));
    if (!s) return s.error();
    m_staging = *s;
    return {};
}

Status Transfer::upload(const Span& dst, VkDeviceSize offset, const void* src, VkDeviceSize bytes) {
    if (offset + bytes > dst.size) return fail(ErrorKind::Internal, "upload past the end of a device buffer");
    if (bytes == 0) return {};
    const VolkDeviceTable& vk = m_device.vk();
    if (dst.mapped) {
        // Host-coherent memory: a queue submission makes the host's earlier writes visible to every
        // command in it, so nothing needs to be submitted for the copy itself.
        std::memcpy(dst.mapped + offset, src, bytes);
        return {};
    }
    const auto* from = static_cast<const uint8_t*>(src);
    for (VkDeviceSize done = 0; done < bytes;) {
        const VkDeviceSize n = std::min(bytes - done, kStagingChunk);
        if (auto s = stagingSpan(n); !s) return s;
        std::memcpy(m_staging.mapped, from + done, n);
        Status st = m_device.submitAndWait([&](VkCommandBuffer cb) {
            VkBufferCopy copy{m_staging.offset, dst.offset + offset + done, n};
            vk.vkCmdCopyBuffer(cb, m_staging.buffer, dst.buffer, 1, &copy);
            computeBarrier(m_device, cb);
        });
        if (!st) return st;
        done += n;
    }
    return {};
}

Status Transfer::download(const Span& src, VkDeviceSize offset, void* dst, VkDeviceSize bytes) {
    if (offset + bytes > src.size) return fail(ErrorKind::Internal, "download past the end of a device buffer");
    if (bytes == 0) return {};
    const VolkDeviceTable& vk = m_device.vk();
    if (src.mapped) {
        if (auto s = m_device.submitAndWait([&](VkCommandBuffer cb) { hostBarrier(m_device, cb); }); !s) return s;
        std::memcpy(dst, src.mapped + offset, bytes);
        return {};
    }
    auto* to = static_cast<uint8_t*>(dst);
    for (VkDeviceSize done = 0; done < bytes;) {
        const VkDeviceSize n = std::min(bytes - done, kStagingChunk);
        if (auto s = stagingSpan(n); !s) return s;
        Status st = m_device.submitAndWait([&](VkCommandBuffer cb) {
            computeBarrier(m_device, cb);
            VkBufferCopy copy{src.offset + offset + done, m_staging.offset, n};
            vk.vkCmdCopyBuffer(cb, src.buffer, m_staging.buffer, 1, &copy);
            hostBarrier(m_device, cb);
        });
        if (!st) return st;
        std::memcpy(to + done, m_staging.mapped, n);
        done += n;
    }
    return {};
}

Status Transfer::fill(const Span& dst, uint32_t value) {
    return m_device.submitAndWait([&](VkCommandBuffer cb) {
        m_device.vk().vkCmdFillBuffer(cb, dst.buffer, dst.offset, dst.size, value);
        computeBarrier(m_device, cb);
    });
}

}  // namespace qd::vk
