// Vulkan: the loader, an instance, the compute devices it sees, and one opened device with a compute
// queue. Raw C API through volk (the loader is opened at run time, so the binary starts on machines
// without one); no exceptions: every failure is an Error the engine turns into a CPU fallback with the
// reason shown.
//
// Device choice: a discrete GPU before an integrated one before a virtual one; the CPU device (Mesa's
// lavapipe) only when asked for (tests, or a person who wants it), since it is slower than our own CPU
// kernels. DeviceChoice::index (the CLI's --gpu-device) picks an entry of devices() explicitly.
#pragma once

#include <atomic>
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <volk.h>

#include "core/common/result.h"

namespace qd::vk {

enum class DeviceKind { Discrete, Integrated, Virtual, Cpu, Other };
const char* deviceKindName(DeviceKind kind);

struct DeviceInfo {
    uint32_t index = 0;  // in the instance's enumeration order
    std::string name;
    DeviceKind kind = DeviceKind::Other;
    uint32_t apiVersion = 0;
    uint64_t deviceLocalBytes = 0;  // the largest device-local heap
    bool deviceLocalHostVisible = false;  // a memory type both (integrated GPUs, ReBAR, lavapipe)
    uint64_t maxStorageBufferRange = 0;
    uint32_t minStorageBufferOffsetAlignment = 0;
    uint32_t maxComputeWorkGroupInvocations = 0;
    uint32_t maxComputeSharedMemory = 0;
    uint64_t maxAllocation = 0;
    bool hasComputeQueue = false;
    std::string unusableReason;  // empty when the backend can use it
};

struct InstanceOptions {
    // Enables VK_LAYER_KHRONOS_validation and counts every message it sends (tests fail on any).
    bool validation = false;
};

class Instance {
public:
    ~Instance();
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    // Errors: no Vulkan loader on the machine, no driver, the validation layer asked for but missing.
    static Result<std::shared_ptr<Instance>> create(const InstanceOptions& options = {});

    VkInstance handle() const { return m_instance; }
    const std::vector<DeviceInfo>& devices() const { return m_devices; }
    VkPhysicalDevice physical(uint32_t index) const { return m_physical.at(index); }

    // Validation messages of severity warning or error seen so far, and the first of them.
    uint32_t validationMessages() const { return m_messages.load(); }
    std::string firstValidationMessage() const;

private:
    Instance() = default;
    static VKAPI_ATTR VkBool32 VKAPI_CALL onMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                     VkDebugUtilsMessageTypeFlagsEXT types,
                                                     const VkDebugUtilsMessengerCallbackDataEXT* data, void* self);

    VkInstance m_instance = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT m_messenger = VK_NULL_HANDLE;
    PFN_vkDestroyDebugUtilsMessengerEXT m_destroyMessenger = nullptr;
    std::vector<VkPhysicalDevice> m_physical;
    std::vector<DeviceInfo> m_devices;
    std::atomic<uint32_t> m_messages{0};
    mutable std::atomic<bool> m_firstSet{false};
    std::string m_first;
};

struct DeviceChoice {
    bool allowCpu = false;   // lavapipe and other CPU implementations
    int index = -1;          // a specific entry of Instance::devices(); -1 = the best usable one
    bool forceStaging = false;  // copy through a staging buffer even where device memory is host-visible
    // Bytes of device memory the backend may take; 0 = the device's largest device-local heap.
    uint64_t memoryLimit = 0;
};

// The index of the device DeviceChoice picks among `devices`, or an Error saying why none fits.
Result<uint32_t> chooseDevice(const std::vector<DeviceInfo>& devices, const DeviceChoice& choice);

class Device {
public:
    ~Device();
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    static Result<std::unique_ptr<Device>> open(std::shared_ptr<Instance> instance, const DeviceChoice& choice);

    const DeviceInfo& info() const { return m_info; }
    VkDevice handle() const { return m_device; }
    const VolkDeviceTable& vk() const { return m_vk; }
    VkPhysicalDevice physical() const { return m_physical; }
    const VkPhysicalDeviceMemoryProperties& memory() const { return m_memory; }
    bool staging() const { return m_staging; }  // uploads and downloads go through a staging buffer
    Instance& instance() const { return *m_instance; }

    // Device-local memory for tensors is taken against a budget (DeviceChoice::memoryLimit, or the
    // largest device-local heap): reserve() is OutOfMemory, saying how much the budget is, when `bytes`
    // more would pass it.
    uint64_t memoryBudget() const { return m_budget; }
    uint64_t memoryReserved() const { return m_reserved; }
    Status reserve(uint64_t bytes);
    void unreserve(uint64_t bytes) { m_reserved -= std::min(bytes, m_reserved); }

    // A memory type with all of `required` among `typeBits`, preferring one that also has `preferred`;
    // -1 when there is none.
    int memoryType(uint32_t typeBits, VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred = 0) const;

    // Records with `record` into a one-time command buffer, submits it and waits for it.
    template <class F>
    Status submitAndWait(F&& record) {
        VkCommandBuffer cb = VK_NULL_HANDLE;
        if (auto s = begin(cb); !s) return s;
        record(cb);
        return endSubmitWait(cb);
    }
    Status begin(VkCommandBuffer& cb);
    Status endSubmitWait(VkCommandBuffer cb);

private:
    Device() = default;

    std::shared_ptr<Instance> m_instance;
    DeviceInfo m_info;
    VkPhysicalDevice m_physical = VK_NULL_HANDLE;
    VkDevice m_device = VK_NULL_HANDLE;
    VolkDeviceTable m_vk{};
    VkQueue m_queue = VK_NULL_HANDLE;
    uint32_t m_queueFamily = 0;
    VkCommandPool m_pool = VK_NULL_HANDLE;
    VkCommandBuffer m_cb = VK_NULL_HANDLE;
    VkFence m_fence = VK_NULL_HANDLE;
    VkPhysicalDeviceMemoryProperties m_memory{};
    bool m_staging = false;
    uint64_t m_budget = 0, m_reserved = 0;
};

// A sentence for a failed Vulkan call ("vkCreateDevice failed: VK_ERROR_OUT_OF_DEVICE_MEMORY").
Error vkError(const char* call, VkResult r);
const char* vkResultName(VkResult r);

}  // namespace qd::vk
