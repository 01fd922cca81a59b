// The Vulkan backend's operations, recorded into a command buffer: each takes device buffers (spans)
// and adds its dispatches, with the barrier after them.
#pragma once

#include <array>
#include <memory>

#include "core/engine/vulkan/vk_pipeline.h"
#include "core/gguf/ggml_type.h"

namespace qd::vk {

class Ops {
public:
    // Compiles (or takes from the cache) every kernel.
    static Result<std::unique_ptr<Ops>> create(Device& device, VkPipelineCache cache);

    // Weight types the matrix-vector kernels read.
    static bool hasMatVec(GgmlType type);

    // y[t][0 .. rows) = W x[t] for tokens t < n: W is rows x cols of `type` (GGUF's row layout), x holds
    // n rows of xStride floats, y n rows of yStride floats. A weight larger than one storage-buffer
    // binding is bound in parts of whole rows.
    // xOffset: floats in x before the first token's row.
    Status mulMv(VkCommandBuffer cb, DescriptorArena& sets, GgmlType type, const Span& w, uint32_t rows, uint32_t cols,
                 const Span& x, uint32_t xStride, const Span& y, uint32_t yStride, uint32_t n, uint32_t xOffset = 0) const;

    // out[r] = x[r] / rms(x[r]) * w for `rows` rows of n floats.
    Status rmsNorm(VkCommandBuffer cb, DescriptorArena& sets, const Span& x, uint32_t xStride, const Span& w,
                   const Span& out, uint32_t oStride, uint32_t n, uint32_t rows, float eps) const;
    // LayerNorm: out[r] = (x[r] - mean) / sqrt(variance + eps) * w (+ bias when hasBias; else `bias` is
    // any valid span) for `rows` rows of n floats. x and out may be the same span.
    Status layerNorm(VkCommandBuffer cb, DescriptorArena& sets, const Span& x, uint32_t xStride, const Span& w,
                     const Span& bias, bool hasBias, const Span& out, uint32_t oStride, uint32_t n, uint32_t rows,
                     float eps) const;
    // GELU (tanh form, half-rounded as the CPU's table) in place on `rows` rows of `stride` floats, i < n.
    Status gelu(VkCommandBuffer cb, DescriptorArena& sets, const Span& a, uint32_t stride, uint32_t n, uint32_t rows) const;
    // out[r][i] = a[r][offset + i] for `rows` rows, i < n.
    Status copyRows(VkCommandBuffer cb, DescriptorArena& sets, const Span& a, uint32_t aStride, uint32_t offset,
                    const Span& out, uint32_t oStride, uint32_t n, uint32_t rows) const;
    // a[i] += b[i], i < count.
    Status add(VkCommandBuffer cb, DescriptorArena& sets, const Span& a, const Span& b, uint32_t count) const;
    // a[r][i] += bias[i] for `rows` rows of `stride` floats, i < n.
    Status addBias(VkCommandBuffer cb, DescriptorArena& sets, const Span& a, uint32_t stride, const Span& bias, uint32_t n,
                   uint32_t rows) const;
    // out[r][i] = silu(gate[r][i]) * up[r][upOffset + i] for `rows` rows, i < n.
    Status swiglu(VkCommandBuffer cb, DescriptorArena& sets, const Span& gate, uint32_t gateStride, const Span& up,
                  uint32_t upStride, uint32_t upOffset, const Span& out, uint32_t oStride, uint32_t n, uint32_t rows) const;

    struct RopeParams {
        uint32_t nHeads = 0, headDim = 0, ropeDim = 0, pos0 = 0, rowStride = 0;
        bool neox = false;
        float thetaScale = 1.0f, freqScale = 1.0f;
    };
    // Rotary embedding in place on `tokens` rows of v; `factors` holds ropeDim / 2 divisors, or is any
    // valid span with hasFactors false.
    Status rope(VkCommandBuffer cb, DescriptorArena& sets, const Span& v, const Span& factors, bool hasFactors,
                const RopeParams& rp, uint32_t tokens) const;
    // Keys and values of `tokens` rows into the F16 caches (one layer's [context][kvDim]) from pos0 on.
    Status kvStore(VkCommandBuffer cb, DescriptorArena& sets, const Span& k, uint32_t kStride, const Span& v,
                   uint32_t vStride, const Span& keyCache, const Span& valueCache, uint32_t kvDim, uint32_t pos0,
                   uint32_t tokens) const;

    struct AttentionParams {
        uint32_t nHead = 0, nKv = 0, headDim = 0, pos0 = 0, qStride = 0, oStride = 0;
        float scale = 1.0f;
        bool alibi = false;
    };
    // Causal attention of `tokens` query rows over the cache; `slopes` holds nHead ALiBi slopes, or is
    // any valid span without ALiBi.
    Status attention(VkCommandBuffer cb, DescriptorArena& sets, const Span& q, const Span& keyCache,
                     const Span& valueCache, const Span& out, const Span& slopes, const AttentionParams& ap,
                     uint32_t tokens) const;

private:
    explicit Ops(Device& device) : m_device(device) {}
    const Kernel* matVecKernel(GgmlType type) const;
    // Binds `buffers` to the kernel, dispatches gx x gy x gz groups with `push`, and (with `barrier`)
    // orders what it wrote before the commands after it.
    Status launch(VkCommandBuffer cb, DescriptorArena& sets, const Kernel& kernel, std::initializer_list<Span> buffers,
                  const void* push, uint32_t gx, uint32_t gy = 1, uint32_t gz = 1, bool barrier = true) const;

    Device& m_device;
    std::array<std::unique_ptr<Kernel>, static_cast<size_t>(GgmlType::MXFP4) + 1> m_matVec;  // by type; null where none
    std::unique_ptr<Kernel> m_rmsNorm, m_layerNorm, m_gelu, m_copyRows, m_add, m_addBias, m_swiglu, m_rope, m_kvStore, m_attention;
};

}  // namespace qd::vk
