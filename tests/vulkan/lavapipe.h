// The Vulkan tests' device: Mesa's lavapipe, picked by name among the devices of an instance with the
// Khronos validation layer on (so every test can check that no validation message was sent).
#pragma once

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/engine/model.h"
#include "core/engine/vulkan/vk_context.h"

namespace testvk {

using namespace qd::vk;

// lavapipe's index among `instance`'s devices, or -1.
inline int lavapipeIndex(const Instance& instance) {
    for (const DeviceInfo& d : instance.devices())
        if (d.kind == DeviceKind::Cpu && d.name.find("llvmpipe") != std::string::npos) return int(d.index);
    return -1;
}
// The same from an instance of its own (for EngineOptions::gpuDevice), or -1.
inline int lavapipeIndex() {
    auto inst = Instance::create();
    return inst ? lavapipeIndex(**inst) : -1;
}

// Engine options that put `gpuLayers` layers (-1 = all) on lavapipe, validation layer on, with a
// context and batch of 64 on two threads.
inline qd::EngineOptions lavapipeOffload(int gpuLayers, bool forceStaging = false) {
    qd::EngineOptions o;
    o.contextLength = 64;
    o.threads = 2;
    o.batchSize = 64;
    o.gpuLayers = gpuLayers;
    o.gpuDevice = lavapipeIndex();
    o.gpuAllowCpuDevice = true;
    o.gpuForceStaging = forceStaging;
    o.gpuValidation = true;
    return o;
}

// The lavapipe device of a validated instance, with or without forced staging.
struct Lavapipe {
    std::shared_ptr<Instance> instance;
    std::unique_ptr<Device> device;
    std::string error;
};

inline Lavapipe openLavapipe(bool forceStaging) {
    Lavapipe l;
    auto inst = Instance::create(InstanceOptions{true});
    if (!inst) {
        l.error = inst.message();
        return l;
    }
    l.instance = *inst;
    const int index = lavapipeIndex(*l.instance);
    if (index < 0) {
        l.error = "no lavapipe (llvmpipe) device: is mesa-vulkan-drivers installed?";
        return l;
    }
    auto dev = Device::open(l.instance, DeviceChoice{true, index, forceStaging});
    if (!dev) {
        l.error = dev.message();
        return l;
    }
    l.device = std::move(*dev);
    return l;
}

inline std::vector<float> randomFloats(size_t n, uint32_t seed, float scale = 1.0f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, scale);
    std::vector<float> v(n);
    for (float& x : v) x = dist(rng);
    return v;
}

}  // namespace testvk
