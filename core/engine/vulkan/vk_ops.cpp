#include "core/engine/vulkan/vk_ops.h"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <tuple>

namespace qd::vk {

namespace {

struct MatVecPush {
    uint32_t rows, cols, rowBytes, xStride, yStride, rowOffset, xOffset, tokens;
};

// Tokens per work group of the matrix-vector kernels (TILE in mul_mv.glsl).
constexpr uint32_t kMatVecTile = 8;

// The weight types with a matrix-vector kernel, and its shader.
constexpr std::pair<GgmlType, const char*> kMatVecShaders[] = {
    {GgmlType::F32, "mul_mv_f32"},       {GgmlType::F16, "mul_mv_f16"},       {GgmlType::BF16, "mul_mv_bf16"},
    {GgmlType::Q4_0, "mul_mv_q4_0"},     {GgmlType::Q4_1, "mul_mv_q4_1"},     {GgmlType::Q5_0, "mul_mv_q5_0"},
    {GgmlType::Q5_1, "mul_mv_q5_1"},     {GgmlType::Q8_0, "mul_mv_q8_0"},     {GgmlType::IQ4_NL, "mul_mv_iq4_nl"},
    {GgmlType::Q2_K, "mul_mv_q2_k"},     {GgmlType::Q3_K, "mul_mv_q3_k"},     {GgmlType::Q4_K, "mul_mv_q4_k"},
    {GgmlType::Q5_K, "mul_mv_q5_k"},     {GgmlType::Q6_K, "mul_mv_q6_k"},     {GgmlType::IQ4_XS, "mul_mv_iq4_xs"},
};

// Work groups spread over x and y so that row counts past the 65,535 every device allows in one
// dimension fit.
constexpr uint32_t kMaxGroupsX = 32768;

struct RmsNormPush {
    uint32_t n, xStride, oStride;
    float eps;
};
struct LayerNormPush {
    uint32_t n, xStride, oStride, hasBias;
    float eps;
};
struct GeluPush {
    uint32_t n, stride;
};
struct CopyRowsPush {
    uint32_t n, aStride, offset, oStride;
};
struct AddPush {
    uint32_t count;
};
struct AddBiasPush {
    uint32_t n, stride;
};
struct SwigluPush {
    uint32_t n, gateStride, upStride, upOffset, oStride;
};
struct RopePush {
    uint32_t nHeads, headDim, ropeDim, pos0, rowStride, neox, hasFactors;
    float thetaScale, freqScale;
};
struct KvStorePush {
    uint32_t kvDim, pos0, kStride, vStride;
};
struct AttentionPush {
    uint32_t nHead, nKv, headDim, pos0, qStride, oStride, kvDim, alibi;
    float scale;
};

uint32_t groups(uint64_t items, uint32_t perGroup = 64) { return static_cast<uint32_t>((items + perGroup - 1) / perGroup); }

}  // namespace

bool Ops::hasMatVec(GgmlType type) {
    return std::any_of(std::begin(kMatVecShaders), std::end(kMatVecShaders), [&](const auto& e) { return e.first == type; });
}

Result<std::unique_ptr<Ops>> Ops::create(Device& device, VkPipelineCache cache) {
    std::unique_ptr<Ops> ops(new Ops(device));
    for (const auto& [type, name] : kMatVecShaders) {
        auto k = Kernel::create(device, cache, name, 3, sizeof(MatVecPush));
        if (!k) return k.error();
        ops->m_matVec[static_cast<uint32_t>(type)] = std::move(*k);
    }
    const std::tuple<std::unique_ptr<Kernel>*, const char*, uint32_t, uint32_t> others[] = {
        {&ops->m_rmsNorm, "rms_norm", 3, sizeof(RmsNormPush)},   {&ops->m_add, "add", 2, sizeof(AddPush)},
        {&ops->m_addBias, "add_bias", 2, sizeof(AddBiasPush)},
        {&ops->m_layerNorm, "layer_norm", 4, sizeof(LayerNormPush)}, {&ops->m_gelu, "gelu", 1, sizeof(GeluPush)},
        {&ops->m_copyRows, "copy_rows", 2, sizeof(CopyRowsPush)},
        {&ops->m_swiglu, "swiglu", 3, sizeof(SwigluPush)},       {&ops->m_rope, "rope", 2, sizeof(RopePush)},
        {&ops->m_kvStore, "kv_store", 4, sizeof(KvStorePush)}, {&ops->m_attention, "attention", 5, sizeof(AttentionPush)}};
    for (const auto& [slot, name, bindings, push] : others) {
        auto k = Kernel::create(device, cache, name, bindings, push);
        if (!k) return k.error();
        *slot = std::move(*k);
    }
    return ops;
}

const Kernel* Ops::matVecKernel(GgmlType type) const {
    const auto slot = static_cast<uint32_t>(type);
    return slot < m_matVec.size() ? m_matVec[slot].get() : nullptr;
}

Status Ops::mulMv(VkCommandBuffer cb, DescriptorArena& sets, GgmlType type, const Span& w, uint32_t rows, uint32_t cols,
                  const Span& x, uint32_t xStride, const Span& y, uint32_t yStride, uint32_t n, uint32_t xOffset) const {
    const Kernel* k = matVecKernel(type);
    if (!k) return fail(ErrorKind::Unsupported, "no Vulkan matrix-vector kernel for " + std::string(ggmlTypeName(type)));
    auto rowBytes = ggmlRowBytes(type, cols);
    if (!rowBytes || *rowBytes == 0) return fail(ErrorKind::Internal, "a weight row width its type cannot hold");
    if (uint64_t(*rowBytes) * rows > w.size) return fail(ErrorKind::Internal, "a weight span smaller than its rows");
    // Rows per binding: as many as the storage-buffer range takes, in steps that keep each part's
    // offset a multiple of the device's binding alignment.
    const uint64_t align = std::max<uint64_t>(m_device.info().minStorageBufferOffsetAlignment, 4);
    const uint64_t step = align / std::gcd<uint64_t>(align, *rowBytes);
    uint64_t perPart = m_device.info().maxStorageBufferRange / *rowBytes / step * step;
    if (perPart == 0) return fail(ErrorKind::Unsupported, "a weight row is larger than the device's storage-buffer range");
    for (uint64_t r0 = 0; r0 < rows; r0 += perPart) {
        const uint32_t partRows = static_cast<uint32_t>(std::min<uint64_t>(perPart, rows - r0));
        Span part = w;
        part.offset = w.offset + r0 * *rowBytes;
        // Whole 32-bit words: the shader reads the last row's final bytes from the word they start.
        part.size = std::min<uint64_t>((uint64_t(partRows) * *rowBytes + 3) / 4 * 4, w.size - r0 * *rowBytes);
        const MatVecPush push{partRows, cols, static_cast<uint32_t>(*rowBytes), xStride, yStride, static_cast<uint32_t>(r0), xOffset, n};
        const uint32_t gx = std::min(partRows, kMaxGroupsX), gy = (partRows + gx - 1) / gx;
        const bool lastPart = r0 + perPart >= rows;  // the parts write disjoint rows: one barrier after all
        if (auto s = launch(cb, sets, *k, {part, x, y}, &push, gx, gy, (n + kMatVecTile - 1) / kMatVecTile, lastPart); !s)
            return s;
    }
    return {};
}

Status Ops::launch(VkCommandBuffer cb, DescriptorArena& sets, const Kernel& kernel, std::initializer_list<Span> buffers,
                   const void* push, uint32_t gx, uint32_t gy, uint32_t gz, bool barrier) const {
    auto set = sets.bind(kernel, buffers);
    if (!set) return set.error();
    dispatch(m_device, cb, kernel, *set, push, gx, gy, gz);
    if (barrier) computeBarrier(m_device, cb);
    return {};
}

Status Ops::rmsNorm(VkCommandBuffer cb, DescriptorArena& sets, const Span& x, uint32_t xStride, const Span& w,
                    const Span& out, uint32_t oStride, uint32_t n, uint32_t rows, float eps) const {
    const RmsNormPush push{n, xStride, oStride, eps};
    return launch(cb, sets, *m_rmsNorm, {x, w, out}, &push, rows);
}

Status Ops::layerNorm(VkCommandBuffer cb, DescriptorArena& sets, const Span& x, uint32_t xStride, const Span& w,
                      const Span& bias, bool hasBias, const Span& out, uint32_t oStride, uint32_t n, uint32_t rows,
                      float eps) const {
    const LayerNormPush push{n, xStride, oStride, hasBias ? 1u : 0u, eps};
    return launch(cb, sets, *m_layerNorm, {x, w, bias, out}, &push, rows);
}

Status Ops::gelu(VkCommandBuffer cb, DescriptorArena& sets, const Span& a, uint32_t stride, uint32_t n, uint32_t rows) const {
    const GeluPush push{n, stride};
    return launch(cb, sets, *m_gelu, {a}, &push, groups(n), rows);
}

Status Ops::copyRows(VkCommandBuffer cb, DescriptorArena& sets, const Span& a, uint32_t aStride, uint32_t offset,
                     const Span& out, uint32_t oStride, uint32_t n, uint32_t rows) const {
    const CopyRowsPush push{n, aStride, offset, oStride};
    return launch(cb, sets, *m_copyRows, {a, out}, &push, groups(n), rows);
}

Status Ops::add(VkCommandBuffer cb, DescriptorArena& sets, const Span& a, const Span& b, uint32_t count) const {
    const AddPush push{count};
    const uint32_t g = groups(count), gx = std::min(g, kMaxGroupsX);
    return launch(cb, sets, *m_add, {a, b}, &push, gx, (g + gx - 1) / gx);
}

Status Ops::addBias(VkCommandBuffer cb, DescriptorArena& sets, const Span& a, uint32_t stride, const Span& bias, uint32_t n,
                    uint32_t rows) const {
    const AddBiasPush push{n, stride};
    return launch(cb, sets, *m_addBias, {a, bias}, &push, groups(n), rows);
}

Status Ops::swiglu(VkCommandBuffer cb, DescriptorArena& sets, const Span& gate, uint32_t gateStride, const Span& up,
                   uint32_t upStride, uint32_t upOffset, const Span& out, uint32_t oStride, uint32_t n, uint32_t rows) const {
    const SwigluPush push{n, gateStride, upStride, upOffset, oStride};
    return launch(cb, sets, *m_swiglu, {gate, up, out}, &push, groups(n), rows);
}

Status Ops::rope(VkCommandBuffer cb, DescriptorArena& sets, const Span& v, const Span& factors, bool hasFactors,
                 const RopeParams& rp, uint32_t tokens) const {
    if (rp.ropeDim % 2 || rp.ropeDim > rp.headDim) return fail(ErrorKind::Internal, "a rotary width the head cannot hold");
    const RopePush push{rp.nHeads, rp.headDim, rp.ropeDim, rp.pos0, rp.rowStride, rp.neox ? 1u : 0u, hasFactors ? 1u : 0u,
                        rp.thetaScale, rp.freqScale};
    return launch(cb, sets, *m_rope, {v, factors}, &push, groups(uint64_t(rp.ropeDim / 2) * rp.nHeads), tokens);
}

Status Ops::kvStore(VkCommandBuffer cb, DescriptorArena& sets, const Span& k, uint32_t kStride, const Span& v,
                    uint32_t vStride, const Span& keyCache, const Span& valueCache, uint32_t kvDim, uint32_t pos0,
                    uint32_t tokens) const {
    if (kvDim % 2) return fail(ErrorKind::Unsupported, "an odd key/value width");
    if (uint64_t(pos0 + tokens) * kvDim * 2 > keyCache.size) return fail(ErrorKind::Internal, "positions past the cache");
    const KvStorePush push{kvDim, pos0, kStride, vStride};
    return launch(cb, sets, *m_kvStore, {k, v, keyCache, valueCache}, &push, groups(kvDim / 2), tokens);
}

Status Ops::attention(VkCommandBuffer cb, DescriptorArena& sets, const Span& q, const Span& keyCache,
                      const Span& valueCache, const Span& out, const Span& slopes, const AttentionParams& ap,
                      uint32_t tokens) const {
    if (ap.headDim > 256 || ap.headDim % 2 || ap.nKv == 0 || ap.nHead % ap.nKv)
        return fail(ErrorKind::Unsupported, "attention heads of " + std::to_string(ap.headDim) + " values (" +
                                                std::to_string(ap.nHead) + " heads, " + std::to_string(ap.nKv) +
                                                " key/value heads) have no Vulkan kernel");
    const AttentionPush push{ap.nHead, ap.nKv, ap.headDim, ap.pos0, ap.qStride, ap.oStride, ap.nKv * ap.headDim,
                             ap.alibi ? 1u : 0u, ap.scale};
    return launch(cb, sets, *m_attention, {q, keyCache, valueCache, out, slopes}, &push, ap.nHead, tokens);
}

}  // namespace qd::vk
