#include "core/engine/vulkan/vk_context.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace qd::vk {

namespace {

// volk opens the loader once per process; instances load their own functions after that.
VkResult loaderStatus() {
    static std::once_flag once;
    static VkResult status = VK_ERROR_INITIALIZATION_FAILED;
    std::call_once(once, [] { status = volkInitialize(); });
    return status;
}

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";
constexpr uint64_t kSubmitTimeoutNs = 120ull * 1000 * 1000 * 1000;  // a hung device ends in an error

bool hasLayer(const char* name) {
    uint32_t n = 0;
    if (vkEnumerateInstanceLayerProperties(&n, nullptr) != VK_SUCCESS) return false;
    std::vector<VkLayerProperties> layers(n);
    if (vkEnumerateInstanceLayerProperties(&n, layers.data()) != VK_SUCCESS) return false;
    return std::any_of(layers.begin(), layers.end(), [&](const VkLayerProperties& l) { return std::strcmp(l.layerName, name) == 0; });
}

bool hasInstanceExtension(const char* name) {
    uint32_t n = 0;
    if (vkEnumerateInstanceExtensionProperties(nullptr, &n, nullptr) != VK_SUCCESS) return false;
    std::vector<VkExtensionProperties> ext(n);
    if (vkEnumerateInstanceExtensionProperties(nullptr, &n, ext.data()) != VK_SUCCESS) return false;
    return std::any_of(ext.begin(), ext.end(), [&](const VkExtensionProperties& e) { return std::strcmp(e.extensionName, name) == 0; });
}

DeviceKind kindOf(VkPhysicalDeviceType t) {
    switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return DeviceKind::Discrete;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return DeviceKind::Integrated;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return DeviceKind::Virtual;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return DeviceKind::Cpu;
    default: return DeviceKind::Other;
    }
}

int kindRank(DeviceKind k) {
    switch (k) {
    case DeviceKind::Discrete: return 0;
    case DeviceKind::Integrated: return 1;
    case DeviceKind::Virtual: return 2;
    case DeviceKind::Other: return 3;
    case DeviceKind::Cpu: return 4;
    }
    return 5;
}

int computeFamily(VkPhysicalDevice pd) {
    uint32_t n = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, nullptr);
    std::vector<VkQueueFamilyProperties> families(n);
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, families.data());
    for (uint32_t i = 0; i < n; ++i)
        if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) return static_cast<int>(i);
    return -1;
}

DeviceInfo describe(VkPhysicalDevice pd, uint32_t index) {
    VkPhysicalDeviceProperties2 props{};
    props.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
    vkGetPhysicalDeviceProperties(pd, &props.properties);
    VkPhysicalDeviceMaintenance3Properties m3{};
    m3.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES;
    if (props.properties.apiVersion >= VK_API_VERSION_1_1) {  // the query is core from 1.1 on
        props.pNext = &m3;
        vkGetPhysicalDeviceProperties2(pd, &props);
    }
    const VkPhysicalDeviceProperties& p = props.properties;
    VkPhysicalDeviceMemoryProperties mem{};
    vkGetPhysicalDeviceMemoryProperties(pd, &mem);

    DeviceInfo d;
    d.index = index;
    d.name = p.deviceName;
    d.kind = kindOf(p.deviceType);
    d.apiVersion = p.apiVersion;
    for (uint32_t h = 0; h < mem.memoryHeapCount; ++h)
        if (mem.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT)
            d.deviceLocalBytes = std::max<uint64_t>(d.deviceLocalBytes, mem.memoryHeaps[h].size);
    for (uint32_t t = 0; t < mem.memoryTypeCount; ++t) {
        const VkMemoryPropertyFlags f = mem.memoryTypes[t].propertyFlags;
        const VkMemoryPropertyFlags both = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                           VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
        if ((f & both) == both) d.deviceLocalHostVisible = true;
    }
    d.maxStorageBufferRange = p.limits.maxStorageBufferRange;
    d.minStorageBufferOffsetAlignment = static_cast<uint32_t>(p.limits.minStorageBufferOffsetAlignment);
    d.maxComputeWorkGroupInvocations = p.limits.maxComputeWorkGroupInvocations;
    d.maxComputeSharedMemory = p.limits.maxComputeSharedMemorySize;
    d.maxAllocation = m3.maxMemoryAllocationSize;
    d.hasComputeQueue = computeFamily(pd) >= 0;
    if (VK_API_VERSION_MAJOR(d.apiVersion) == 1 && VK_API_VERSION_MINOR(d.apiVersion) < 2)
        d.unusableReason = "it supports Vulkan " + std::to_string(VK_API_VERSION_MAJOR(d.apiVersion)) + "." +
                           std::to_string(VK_API_VERSION_MINOR(d.apiVersion)) + "; QuantDesk needs 1.2";
    else if (!d.hasComputeQueue)
        d.unusableReason = "it has no compute queue";
    else if (d.maxComputeWorkGroupInvocations < 256 || d.maxComputeSharedMemory < 16384)
        d.unusableReason = "its compute work groups are too small";
    return d;
}

}  // namespace

const char* deviceKindName(DeviceKind kind) {
    switch (kind) {
    case DeviceKind::Discrete: return "discrete GPU";
    case DeviceKind::Integrated: return "integrated GPU";
    case DeviceKind::Virtual: return "virtual GPU";
    case DeviceKind::Cpu: return "CPU implementation";
    case DeviceKind::Other: return "other device";
    }
    return "device";
}

const char* vkResultName(VkResult r) {
    switch (r) {
    case VK_SUCCESS: return "VK_SUCCESS";
    case VK_NOT_READY: return "VK_NOT_READY";
    case VK_TIMEOUT: return "VK_TIMEOUT";
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_MEMORY_MAP_FAILED: return "VK_ERROR_MEMORY_MAP_FAILED";
    case VK_ERROR_LAYER_NOT_PRESENT: return "VK_ERROR_LAYER_NOT_PRESENT";
    case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_TOO_MANY_OBJECTS: return "VK_ERROR_TOO_MANY_OBJECTS";
    default: return "a Vulkan error";
    }
}

Status Device::reserve(uint64_t bytes) {
    if (m_budget && bytes > m_budget - std::min(m_reserved, m_budget)) {
        const auto mib = [](uint64_t b) {
            char text[32];
            std::snprintf(text, sizeof text, "%.1f MiB", double(b) / double(1u << 20));
            return std::string(text);
        };
        return fail(ErrorKind::OutOfMemory, "the GPU's memory budget (" + mib(m_budget) + ") has no room for " + mib(bytes) +
                                                " more (" + mib(m_reserved) + " in use)");
    }
    m_reserved += bytes;
    return {};
}

Error vkError(const char* call, VkResult r) {
    const ErrorKind kind = r == VK_ERROR_OUT_OF_DEVICE_MEMORY || r == VK_ERROR_OUT_OF_HOST_MEMORY ? ErrorKind::OutOfMemory
                                                                                                 : ErrorKind::Unsupported;
    return fail(kind, std::string(call) + " failed: " + vkResultName(r) + " (" + std::to_string(int(r)) + ")");
}

Result<std::shared_ptr<Instance>> Instance::create(const InstanceOptions& options) {
    if (loaderStatus() != VK_SUCCESS) return fail(ErrorKind::Unsupported, "no Vulkan loader (libvulkan) on this machine");
    if (volkGetInstanceVersion() < VK_API_VERSION_1_1)
        return fail(ErrorKind::Unsupported, "the Vulkan loader is older than 1.1");
    std::shared_ptr<Instance> self(new Instance());
    std::vector<const char*> layers, extensions;
    if (options.validation) {
        if (!hasLayer(kValidationLayer))
            return fail(ErrorKind::Unsupported, "the Khronos validation layer is not installed (vulkan-validationlayers)");
        if (!hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME))
            return fail(ErrorKind::Unsupported, "VK_EXT_debug_utils is missing, so validation messages cannot be read");
        layers.push_back(kValidationLayer);
        extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    }
    VkApplicationInfo app{};
    app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
    app.pApplicationName = "QuantDesk";
    app.pEngineName = "QuantDesk";
    app.apiVersion = VK_API_VERSION_1_2;
    VkDebugUtilsMessengerCreateInfoEXT messenger{};
    messenger.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
    messenger.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    messenger.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                            VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    messenger.pfnUserCallback = &Instance::onMessage;
    messenger.pUserData = self.get();
    VkInstanceCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
    info.pNext = options.validation ? &messenger : nullptr;  // also catches messages of vkCreateInstance itself
    info.pApplicationInfo = &app;
    info.enabledLayerCount = static_cast<uint32_t>(layers.size());
    info.ppEnabledLayerNames = layers.data();
    info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    if (VkResult r = vkCreateInstance(&info, nullptr, &self->m_instance); r != VK_SUCCESS) {
        self->m_instance = VK_NULL_HANDLE;
        return vkError("vkCreateInstance", r);
    }
    volkLoadInstanceOnly(self->m_instance);
    if (options.validation) {
        // Extension functions from this instance itself, not volk's globals: those follow the latest
        // instance loaded (another one, without the extension, may come and go before this one ends).
        auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(self->m_instance, "vkCreateDebugUtilsMessengerEXT"));
        self->m_destroyMessenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(self->m_instance, "vkDestroyDebugUtilsMessengerEXT"));
        if (!create || !self->m_destroyMessenger)
            return fail(ErrorKind::Unsupported, "the validation layer's messenger functions are missing");
        if (VkResult r = create(self->m_instance, &messenger, nullptr, &self->m_messenger); r != VK_SUCCESS)
            return vkError("vkCreateDebugUtilsMessengerEXT", r);
    }

    uint32_t n = 0;
    if (VkResult r = vkEnumeratePhysicalDevices(self->m_instance, &n, nullptr); r != VK_SUCCESS)
        return vkError("vkEnumeratePhysicalDevices", r);
    self->m_physical.resize(n);
    if (VkResult r = vkEnumeratePhysicalDevices(self->m_instance, &n, self->m_physical.data()); r != VK_SUCCESS && r != VK_INCOMPLETE)
        return vkError("vkEnumeratePhysicalDevices", r);
    self->m_physical.resize(n);
    for (uint32_t i = 0; i < n; ++i) self->m_devices.push_back(describe(self->m_physical[i], i));
    return self;
}

Instance::~Instance() {
    if (m_messenger) m_destroyMessenger(m_instance, m_messenger, nullptr);
    if (m_instance) vkDestroyInstance(m_instance, nullptr);
}

VKAPI_ATTR VkBool32 VKAPI_CALL Instance::onMessage(VkDebugUtilsMessageSeverityFlagBitsEXT, VkDebugUtilsMessageTypeFlagsEXT,
                                                   const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    auto* self = static_cast<Instance*>(user);
    if (!self->m_firstSet.exchange(true)) self->m_first = data && data->pMessage ? data->pMessage : "(no text)";
    self->m_messages.fetch_add(1);
    return VK_FALSE;
}

std::string Instance::firstValidationMessage() const { return m_firstSet.load() ? m_first : std::string(); }

Result<uint32_t> chooseDevice(const std::vector<DeviceInfo>& devices, const DeviceChoice& choice) {
    if (devices.empty()) return fail(ErrorKind::Unsupported, "no Vulkan device (no driver reports one)");
    if (choice.index >= 0) {
        if (static_cast<size_t>(choice.index) >= devices.size())
            return fail(ErrorKind::BadInput, "there is no Vulkan device " + std::to_string(choice.index) + " (there are " +
                                                 std::to_string(devices.size()) + ")");
        const DeviceInfo& d = devices[static_cast<size_t>(choice.index)];
        if (!d.unusableReason.empty()) return fail(ErrorKind::Unsupported, d.name + " cannot be used: " + d.unusableReason);
        return d.index;
    }
    const DeviceInfo* best = nullptr;
    std::string skipped;
    for (const DeviceInfo& d : devices) {
        if (!d.unusableReason.empty()) {
            skipped += (skipped.empty() ? "" : "; ") + d.name + ": " + d.unusableReason;
            continue;
        }
        if (d.kind == DeviceKind::Cpu && !choice.allowCpu) {
            skipped += (skipped.empty() ? "" : "; ") + d.name + ": a CPU implementation (slower than the CPU backend)";
            continue;
        }
        if (!best || kindRank(d.kind) < kindRank(best->kind) ||
            (kindRank(d.kind) == kindRank(best->kind) && d.deviceLocalBytes > best->deviceLocalBytes))
            best = &d;
    }
    if (!best) return fail(ErrorKind::Unsupported, "no usable Vulkan device (" + skipped + ")");
    return best->index;
}

Result<std::unique_ptr<Device>> Device::open(std::shared_ptr<Instance> instance, const DeviceChoice& choice) {
    auto index = chooseDevice(instance->devices(), choice);
    if (!index) return index.error();
    std::unique_ptr<Device> self(new Device());
    self->m_instance = std::move(instance);
    self->m_info = self->m_instance->devices()[*index];
    self->m_physical = self->m_instance->physical(*index);
    vkGetPhysicalDeviceMemoryProperties(self->m_physical, &self->m_memory);
    self->m_queueFamily = static_cast<uint32_t>(computeFamily(self->m_physical));
    self->m_staging = choice.forceStaging || !self->m_info.deviceLocalHostVisible;
    self->m_budget = self->m_info.deviceLocalBytes;
    if (choice.memoryLimit && (!self->m_budget || choice.memoryLimit < self->m_budget)) self->m_budget = choice.memoryLimit;

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue{};
    queue.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
    queue.queueFamilyIndex = self->m_queueFamily;
    queue.queueCount = 1;
    queue.pQueuePriorities = &priority;
    VkDeviceCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    info.queueCreateInfoCount = 1;
    info.pQueueCreateInfos = &queue;
    if (VkResult r = vkCreateDevice(self->m_physical, &info, nullptr, &self->m_device); r != VK_SUCCESS) {
        self->m_device = VK_NULL_HANDLE;
        return vkError("vkCreateDevice", r);
    }
    volkLoadDeviceTable(&self->m_vk, self->m_device);
    const VolkDeviceTable& vk = self->m_vk;
    vk.vkGetDeviceQueue(self->m_device, self->m_queueFamily, 0, &self->m_queue);

    VkCommandPoolCreateInfo pool{};
    pool.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pool.queueFamilyIndex = self->m_queueFamily;
    if (VkResult r = vk.vkCreateCommandPool(self->m_device, &pool, nullptr, &self->m_pool); r != VK_SUCCESS)
        return vkError("vkCreateCommandPool", r);
    VkCommandBufferAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    alloc.commandPool = self->m_pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    if (VkResult r = vk.vkAllocateCommandBuffers(self->m_device, &alloc, &self->m_cb); r != VK_SUCCESS)
        return vkError("vkAllocateCommandBuffers", r);
    VkFenceCreateInfo fence{};
    fence.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    if (VkResult r = vk.vkCreateFence(self->m_device, &fence, nullptr, &self->m_fence); r != VK_SUCCESS)
        return vkError("vkCreateFence", r);
    return self;
}

Device::~Device() {
    if (!m_device) return;
    m_vk.vkDeviceWaitIdle(m_device);
    if (m_fence) m_vk.vkDestroyFence(m_device, m_fence, nullptr);
    if (m_pool) m_vk.vkDestroyCommandPool(m_device, m_pool, nullptr);
    m_vk.vkDestroyDevice(m_device, nullptr);
}

int Device::memoryType(uint32_t typeBits, VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred) const {
    int fallback = -1;
    for (uint32_t t = 0; t < m_memory.memoryTypeCount; ++t) {
        if (!(typeBits & (1u << t))) continue;
        const VkMemoryPropertyFlags f = m_memory.memoryTypes[t].propertyFlags;
        if ((f & required) != required) continue;
        if ((f & preferred) == preferred) return static_cast<int>(t);
        if (fallback < 0) fallback = static_cast<int>(t);
    }
    return fallback;
}

Status Device::begin(VkCommandBuffer& cb) {
    if (VkResult r = m_vk.vkResetCommandBuffer(m_cb, 0); r != VK_SUCCESS) return vkError("vkResetCommandBuffer", r);
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    if (VkResult r = m_vk.vkBeginCommandBuffer(m_cb, &begin); r != VK_SUCCESS) return vkError("vkBeginCommandBuffer", r);
    cb = m_cb;
    return {};
}

Status Device::endSubmitWait(VkCommandBuffer cb) {
    if (VkResult r = m_vk.vkEndCommandBuffer(cb); r != VK_SUCCESS) return vkError("vkEndCommandBuffer", r);
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cb;
    if (VkResult r = m_vk.vkQueueSubmit(m_queue, 1, &submit, m_fence); r != VK_SUCCESS) return vkError("vkQueueSubmit", r);
    VkResult r = m_vk.vkWaitForFences(m_device, 1, &m_fence, VK_TRUE, kSubmitTimeoutNs);
    m_vk.vkResetFences(m_device, 1, &m_fence);
    if (r != VK_SUCCESS) return vkError("vkWaitForFences", r);
    return {};
}

}  // namespace qd::vk
