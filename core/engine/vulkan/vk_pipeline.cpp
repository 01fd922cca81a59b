#include "core/engine/vulkan/vk_pipeline.h"

#include <fstream>
#include <iterator>

#include "core/common/atomic_file.h"

namespace qd::vk {

namespace {

constexpr uint32_t kSetsPerPool = 256;
constexpr uint32_t kMaxBindings = 8;
constexpr uint64_t kMaxCacheFile = 256ull << 20;

}  // namespace

PipelineCache::PipelineCache(Device& device, std::filesystem::path file) : m_device(device), m_file(std::move(file)) {
    std::vector<char> data;
    std::error_code ec;
    if (!m_file.empty() && std::filesystem::is_regular_file(m_file, ec) && std::filesystem::file_size(m_file, ec) < kMaxCacheFile) {
        std::ifstream in(m_file, std::ios::binary);
        data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    VkPipelineCacheCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO;
    info.initialDataSize = data.size();
    info.pInitialData = data.empty() ? nullptr : data.data();
    // A cache the driver rejects (another driver's, or damaged) is dropped: pipelines are then compiled
    // afresh and the file rewritten.
    if (device.vk().vkCreatePipelineCache(device.handle(), &info, nullptr, &m_cache) != VK_SUCCESS) {
        info.initialDataSize = 0;
        info.pInitialData = nullptr;
        if (device.vk().vkCreatePipelineCache(device.handle(), &info, nullptr, &m_cache) != VK_SUCCESS) m_cache = VK_NULL_HANDLE;
    }
}

PipelineCache::~PipelineCache() {
    if (m_cache) m_device.vk().vkDestroyPipelineCache(m_device.handle(), m_cache, nullptr);
}

Status PipelineCache::save() const {
    if (m_file.empty() || !m_cache) return {};
    size_t size = 0;
    if (VkResult r = m_device.vk().vkGetPipelineCacheData(m_device.handle(), m_cache, &size, nullptr); r != VK_SUCCESS)
        return vkError("vkGetPipelineCacheData", r);
    std::vector<uint8_t> data(size);
    if (VkResult r = m_device.vk().vkGetPipelineCacheData(m_device.handle(), m_cache, &size, data.data());
        r != VK_SUCCESS && r != VK_INCOMPLETE)
        return vkError("vkGetPipelineCacheData", r);
    data.resize(size);
    std::error_code ec;
    std::filesystem::create_directories(m_file.parent_path(), ec);
    return writeFileAtomically(m_file, std::span<const uint8_t>(data));
}

Kernel::~Kernel() {
    const VolkDeviceTable& vk = m_device.vk();
    VkDevice d = m_device.handle();
    if (m_pipeline) vk.vkDestroyPipeline(d, m_pipeline, nullptr);
    if (m_layout) vk.vkDestroyPipelineLayout(d, m_layout, nullptr);
    if (m_setLayout) vk.vkDestroyDescriptorSetLayout(d, m_setLayout, nullptr);
    if (m_module) vk.vkDestroyShaderModule(d, m_module, nullptr);
}

Result<std::unique_ptr<Kernel>> Kernel::create(Device& device, VkPipelineCache cache, std::string_view shader,
                                               uint32_t bindings, uint32_t pushBytes) {
    const std::span<const uint32_t> code = shaderCode(shader);
    if (code.empty()) return fail(ErrorKind::Internal, "no built-in shader " + std::string(shader));
    if (bindings == 0 || bindings > kMaxBindings) return fail(ErrorKind::Internal, "a kernel takes 1 to 8 buffers");
    std::unique_ptr<Kernel> k(new Kernel(device));
    k->m_name = shader;
    k->m_bindings = bindings;
    k->m_pushBytes = pushBytes;
    const VolkDeviceTable& vk = device.vk();
    VkDevice d = device.handle();

    VkShaderModuleCreateInfo mi{};
    mi.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
    mi.codeSize = code.size_bytes();
    mi.pCode = code.data();
    if (VkResult r = vk.vkCreateShaderModule(d, &mi, nullptr, &k->m_module); r != VK_SUCCESS)
        return vkError("vkCreateShaderModule", r);

    VkDescriptorSetLayoutBinding b[kMaxBindings]{};
    for (uint32_t i = 0; i < bindings; ++i) {
        b[i].binding = i;
        b[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        b[i].descriptorCount = 1;
        b[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    }
    VkDescriptorSetLayoutCreateInfo li{};
    li.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    li.bindingCount = bindings;
    li.pBindings = b;
    if (VkResult r = vk.vkCreateDescriptorSetLayout(d, &li, nullptr, &k->m_setLayout); r != VK_SUCCESS)
        return vkError("vkCreateDescriptorSetLayout", r);

    VkPushConstantRange push{};
    push.stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    push.size = pushBytes;
    VkPipelineLayoutCreateInfo pl{};
    pl.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    pl.setLayoutCount = 1;
    pl.pSetLayouts = &k->m_setLayout;
    pl.pushConstantRangeCount = pushBytes ? 1 : 0;
    pl.pPushConstantRanges = pushBytes ? &push : nullptr;
    if (VkResult r = vk.vkCreatePipelineLayout(d, &pl, nullptr, &k->m_layout); r != VK_SUCCESS)
        return vkError("vkCreatePipelineLayout", r);

    VkComputePipelineCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
    ci.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    ci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    ci.stage.module = k->m_module;
    ci.stage.pName = "main";
    ci.layout = k->m_layout;
    if (VkResult r = vk.vkCreateComputePipelines(d, cache, 1, &ci, nullptr, &k->m_pipeline); r != VK_SUCCESS)
        return vkError("vkCreateComputePipelines", r);
    return k;
}

DescriptorArena::~DescriptorArena() {
    for (VkDescriptorPool p : m_pools) m_device.vk().vkDestroyDescriptorPool(m_device.handle(), p, nullptr);
}

Status DescriptorArena::grow() {
    if (m_current + 1 < m_pools.size()) {  // a pool emptied by reset()
        ++m_current;
        m_leftInPool = kSetsPerPool;
        return {};
    }
    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kSetsPerPool * kMaxBindings};
    VkDescriptorPoolCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    info.maxSets = kSetsPerPool;
    info.poolSizeCount = 1;
    info.pPoolSizes = &size;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    if (VkResult r = m_device.vk().vkCreateDescriptorPool(m_device.handle(), &info, nullptr, &pool); r != VK_SUCCESS)
        return vkError("vkCreateDescriptorPool", r);
    m_pools.push_back(pool);
    m_current = m_pools.size() - 1;
    m_leftInPool = kSetsPerPool;
    return {};
}

Result<VkDescriptorSet> DescriptorArena::bind(const Kernel& kernel, std::initializer_list<Span> buffers) {
    if (buffers.size() != kernel.bindings())
        return fail(ErrorKind::Internal, kernel.name() + " takes " + std::to_string(kernel.bindings()) + " buffers");
    for (const Span& s : buffers)
        if (!s.valid() || s.size > m_device.info().maxStorageBufferRange)
            return fail(ErrorKind::Internal, kernel.name() + ": a buffer of " + std::to_string(s.size) +
                                                 " bytes is past the device's storage-buffer range");
    if (m_leftInPool == 0)
        if (auto s = grow(); !s) return s.error();
    VkDescriptorSetLayout layout = kernel.setLayout();
    VkDescriptorSetAllocateInfo ai{};
    ai.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    ai.descriptorPool = m_pools[m_current];
    ai.descriptorSetCount = 1;
    ai.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    if (VkResult r = m_device.vk().vkAllocateDescriptorSets(m_device.handle(), &ai, &set); r != VK_SUCCESS)
        return vkError("vkAllocateDescriptorSets", r);
    --m_leftInPool;
    VkDescriptorBufferInfo infos[kMaxBindings]{};
    VkWriteDescriptorSet writes[kMaxBindings]{};
    uint32_t i = 0;
    for (const Span& s : buffers) {
        infos[i] = VkDescriptorBufferInfo{s.buffer, s.offset, s.size};
        writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        writes[i].dstSet = set;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
        ++i;
    }
    m_device.vk().vkUpdateDescriptorSets(m_device.handle(), i, writes, 0, nullptr);
    return set;
}

void DescriptorArena::reset() {
    for (VkDescriptorPool p : m_pools) m_device.vk().vkResetDescriptorPool(m_device.handle(), p, 0);
    m_current = 0;
    m_leftInPool = m_pools.empty() ? 0 : kSetsPerPool;
}

void dispatch(const Device& device, VkCommandBuffer cb, const Kernel& kernel, VkDescriptorSet set, const void* push,
              uint32_t gx, uint32_t gy, uint32_t gz) {
    const VolkDeviceTable& vk = device.vk();
    vk.vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline());
    vk.vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.layout(), 0, 1, &set, 0, nullptr);
    if (kernel.pushBytes()) vk.vkCmdPushConstants(cb, kernel.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, kernel.pushBytes(), push);
    vk.vkCmdDispatch(cb, gx, gy, gz);
}

}  // namespace qd::vk
