// The Vulkan tests' device: Mesa's lavapipe, picked by name among the devices of an instance with the
// Khronos validation layer on (so every test can check that no validation message was sent).
#pragma once

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/engine/vulkan/vk_context.h"

namespace testvk {

using namespace qd::vk;

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
    int index = -1;
    for (const DeviceInfo& d : l.instance->devices())
        if (d.kind == DeviceKind::Cpu && d.name.find("llvmpipe") != std::string::npos) index = int(d.index);
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
