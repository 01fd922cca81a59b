#include "core/engine/vulkan/vk_backend.h"

#include "core/engine/ops.h"

#include <algorithm>
#include <cmath>


namespace qd::vk {

namespace {

std::string tensorName(const WeightView& w) { return w.info ? w.info->name : std::string("a tensor"); }

}  // namespace

VulkanBackend::VulkanBackend(std::unique_ptr<Device> device, std::filesystem::path pipelineCacheFile)
    : m_device(std::move(device)), m_cache(std::make_unique<PipelineCache>(*m_device, std::move(pipelineCacheFile))) {}

VulkanBackend::~VulkanBackend() {
    // Spans go with the allocator; the kernels and sets before the device they belong to.
    m_sets.reset();
    m_transfer.reset();
    m_memory.reset();
    m_ops.reset();
    m_cache.reset();
}

std::string VulkanBackend::name() const { return "Vulkan (" + m_device->info().name + ")"; }

std::string VulkanBackend::unsupportedReason(const ModelConfig& c, const ModelWeights& w, LayerRange range, bool head) {
    using R = TensorRole;
    const ArchDescription& a = *c.arch;
    if (c.headDim > 256 || c.headDim % 2 || c.ropeDim % 2) return "attention heads of " + std::to_string(c.headDim) + " values have no Vulkan kernel";
    if (c.nHeadKv <= 0 || c.nHead % c.nHeadKv) return "this grouping of attention heads has no Vulkan kernel";
    auto typeOk = [](const WeightView& v, std::string& why) {
        if (!v.present() || Ops::hasMatVec(v.type)) return true;
        why = tensorName(v) + " is " + std::string(ggmlTypeName(v.type)) + ", which has no Vulkan kernel yet";
        return false;
    };
    std::string why;
    for (int l = range.first; l < range.last; ++l) {
        const TensorSet& L = w.layers[static_cast<size_t>(l)];
        for (R role : {R::AttnQkv, R::AttnQ, R::AttnK, R::AttnV, R::AttnOutput, R::FfnGate, R::FfnUp, R::FfnDown})
            if (!typeOk(L.w(role), why)) return why;
        // The CPU backend adds an up bias only before GELU, and no gate bias: the GPU does the same.
        if (L.b(R::FfnGate).present()) return tensorName(L.b(R::FfnGate)) + ": this bias has no Vulkan kernel yet";
        if (a.ffn != FfnKind::Gelu && L.b(R::FfnUp).present()) return tensorName(L.b(R::FfnUp)) + ": this bias has no Vulkan kernel yet";
        if (a.norm == NormKind::Rms)
            for (R role : {R::AttnNorm, R::AttnNorm2, R::FfnNorm})
                if (L.b(role).present()) return tensorName(L.b(role)) + ": an RMS norm with a bias has no Vulkan kernel";
    }
    if (head && !typeOk(w.output(), why)) return why;
    return {};
}

Status VulkanBackend::put(const WeightView& w, Tensor& out, bool asFloat) {
    out = Tensor{};
    if (!w.present()) return {};
    std::vector<float> floats;
    if (asFloat)
        if (auto s = dequantizeWeight(w, floats); !s) return s;
    const void* data = asFloat ? static_cast<const void*>(floats.data()) : w.data;
    const uint64_t bytes = asFloat ? floats.size() * sizeof(float) : static_cast<uint64_t>(w.rows) * w.rowBytes;
    auto span = m_memory->allocate(bytes);
    if (!span) return fail(ErrorKind::OutOfMemory, "the GPU has no room for " + tensorName(w) + ": " + span.message());
    if (auto s = m_transfer->upload(*span, 0, data, bytes); !s) return s;
    out.span = *span;
    out.type = asFloat ? GgmlType::F32 : w.type;
    out.rows = static_cast<uint32_t>(w.rows);
    out.cols = static_cast<uint32_t>(w.cols);
    (asFloat ? m_bufferBytes : m_weightBytes) += span->size;
    return {};
}

Status VulkanBackend::prepare(const ModelConfig& c, const ModelWeights& w, LayerRange range, bool holdsHead, int context,
                              int batch) {
    using R = TensorRole;
    if (std::string why = unsupportedReason(c, w, range, holdsHead); !why.empty()) return fail(ErrorKind::Unsupported, why);
    m_c = &c;
    m_range = range;
    m_head = holdsHead;
    m_batch = batch;
    m_context = context;
    m_weightBytes = m_kvBytes = m_bufferBytes = 0;
    if (!m_ops) {
        auto ops = Ops::create(*m_device, m_cache->handle());
        if (!ops) return ops.error();
        m_ops = std::move(*ops);
        (void)m_cache->save();  // a cache that cannot be written only costs compile time next run
    }
    m_sets = std::make_unique<DescriptorArena>(*m_device);
    m_transfer = std::make_unique<Transfer>(*m_device);
    m_memory = std::make_unique<Allocator>(*m_device, MemoryUse::Device);

    const uint64_t kvDim = static_cast<uint64_t>(c.nEmbdKv());
    m_layers.assign(static_cast<size_t>(range.count()), {});
    for (int l = range.first; l < range.last; ++l) {
        const TensorSet& L = w.layers[static_cast<size_t>(l)];
        Layer& D = m_layers[static_cast<size_t>(l - range.first)];
        const std::pair<Tensor*, const WeightView*> raw[] = {{&D.wqkv, &L.w(R::AttnQkv)}, {&D.wq, &L.w(R::AttnQ)}, {&D.wk, &L.w(R::AttnK)}, {&D.wv, &L.w(R::AttnV)},
                                                             {&D.wo, &L.w(R::AttnOutput)}, {&D.gate, &L.w(R::FfnGate)},
                                                             {&D.up, &L.w(R::FfnUp)}, {&D.down, &L.w(R::FfnDown)}};
        for (auto [dst, src] : raw)
            if (auto s = put(*src, *dst, false); !s) return s;
        const std::pair<Tensor*, const WeightView*> floats[] = {
            {&D.attnNorm, &L.w(R::AttnNorm)},   {&D.attnNormB, &L.b(R::AttnNorm)}, {&D.attnNorm2, &L.w(R::AttnNorm2)},
            {&D.attnNorm2B, &L.b(R::AttnNorm2)}, {&D.ffnNorm, &L.w(R::FfnNorm)},    {&D.ffnNormB, &L.b(R::FfnNorm)},
            {&D.bqkv, &L.b(R::AttnQkv)},         {&D.bq, &L.b(R::AttnQ)},          {&D.bk, &L.b(R::AttnK)},
            {&D.bv, &L.b(R::AttnV)},             {&D.bo, &L.b(R::AttnOutput)},     {&D.bUp, &L.b(R::FfnUp)},
            {&D.bDown, &L.b(R::FfnDown)}};
        for (auto [dst, src] : floats)
            if (auto s = put(*src, *dst, true); !s) return s;
        for (Span* cache : {&D.keys, &D.values}) {
            auto span = m_memory->allocate(static_cast<uint64_t>(context) * kvDim * 2);
            if (!span) return fail(ErrorKind::OutOfMemory, "the GPU has no room for the KV cache: " + span.message());
            *cache = *span;
            m_kvBytes += span->size;
        }
    }
    if (auto s = put(w.model.w(R::RopeFreqs), m_ropeFactors, true); !s) return s;
    if (range.first == 0) {  // BLOOM's embedding norm runs before the first layer
        if (auto s = put(w.model.w(R::TokenEmbdNorm), m_embdNorm, true); !s) return s;
        if (auto s = put(w.model.b(R::TokenEmbdNorm), m_embdNormB, true); !s) return s;
    }
    if (c.arch->positions == PositionKind::Alibi) {
        const std::vector<float> slopes = ops::alibiSlopes(c.nHead, c.arch->maxAlibiBias);
        auto span = m_memory->allocate(slopes.size() * sizeof(float));
        if (!span) return fail(ErrorKind::OutOfMemory, "the GPU has no room for the ALiBi slopes: " + span.message());
        if (auto s = m_transfer->upload(*span, 0, slopes.data(), slopes.size() * sizeof(float)); !s) return s;
        m_alibi = *span;
        m_bufferBytes += span->size;
    }
    if (holdsHead) {
        if (auto s = put(w.model.w(R::OutputNorm), m_outputNorm, true); !s) return s;
        if (auto s = put(w.model.b(R::OutputNorm), m_outputNormB, true); !s) return s;
        if (auto s = put(w.output(), m_output, false); !s) return s;
    }

    const uint64_t B = static_cast<uint64_t>(batch), e = static_cast<uint64_t>(c.nEmbd), q = static_cast<uint64_t>(c.nEmbdQ()),
                   ff = static_cast<uint64_t>(c.nFf);
    const bool fused = c.arch->ffn == FfnKind::SwiGluFused;
    auto buffer = [&](Span& span, uint64_t floats) -> Status {
        auto s = m_memory->allocate(std::max<uint64_t>(floats, 64) * sizeof(float));
        if (!s) return fail(ErrorKind::OutOfMemory, "the GPU has no room for the activations: " + s.message());
        span = *s;
        m_bufferBytes += s->size;
        return {};
    };
    // Only what the family's layer uses gets memory (a 64-float stand-in otherwise).
    bool qkv = false, norm2 = false;
    for (const Layer& D : m_layers) {
        qkv = qkv || D.wqkv.present();
        norm2 = norm2 || D.attnNorm2.present();
    }
    const bool parallel = c.arch->residual == ResidualLayout::Parallel, gelu = c.arch->ffn == FfnKind::Gelu;
    for (auto [span, floats] : {std::pair{&m_x, B * e}, {&m_xb, B * std::max(e, q)}, {&m_q, B * q}, {&m_k, B * kvDim}, {&m_v, B * kvDim},
                                {&m_att, B * q}, {&m_tmp, B * e}, {&m_gate, gelu ? 0 : B * ff}, {&m_up, B * (fused ? 2 * ff : ff)},
                                {&m_qkv, qkv ? B * (q + 2 * kvDim) : 0}, {&m_xb2, norm2 ? B * e : 0}, {&m_attnOut, parallel ? B * e : 0},
                                {&m_dummy, uint64_t(64)}})
        if (auto s = buffer(*span, floats); !s) return s;
    if (holdsHead) {
        const uint64_t vocab = static_cast<uint64_t>(c.vocabSize);
        m_logitRows = static_cast<uint32_t>(std::clamp<uint64_t>(m_device->info().maxStorageBufferRange / (vocab * 4), 1, B));
        if (auto s = buffer(m_logits, m_logitRows * vocab); !s) return s;
    }
    return {};
}

Status VulkanBackend::upload(const float* x, int n) {
    return m_transfer->upload(m_x, 0, x, static_cast<uint64_t>(n) * m_c->nEmbd * sizeof(float));
}

Status VulkanBackend::download(float* x, int n) {
    return m_transfer->download(m_x, 0, x, static_cast<uint64_t>(n) * m_c->nEmbd * sizeof(float));
}

Status VulkanBackend::matVec(VkCommandBuffer cb, const Tensor& w, const Span& x, uint32_t xStride, const Span& y,
                             uint32_t yStride, int n, uint32_t xOffset) {
    return m_ops->mulMv(cb, *m_sets, w.type, w.span, w.rows, w.cols, x, xStride, y, yStride, static_cast<uint32_t>(n), xOffset);
}

Status VulkanBackend::norm(VkCommandBuffer cb, const Tensor& w, const Tensor& b, const Span& x, const Span& out, uint32_t rows) {
    const ModelConfig& c = *m_c;
    const uint32_t e = static_cast<uint32_t>(c.nEmbd);
    if (c.arch->norm == NormKind::Rms) return m_ops->rmsNorm(cb, *m_sets, x, e, w.span, out, e, e, rows, c.normEps);
    return m_ops->layerNorm(cb, *m_sets, x, e, w.span, b.present() ? b.span : m_dummy, b.present(), out, e, e, rows, c.normEps);
}

// One block on n tokens, as the CPU backend computes it (cpu_backend.cpp), every step a dispatch.
Status VulkanBackend::recordLayer(VkCommandBuffer cb, int l, int n, int pos0) {
    const ModelConfig& c = *m_c;
    const Layer& L = m_layers[static_cast<size_t>(l - m_range.first)];
    const uint32_t e = static_cast<uint32_t>(c.nEmbd), qDim = static_cast<uint32_t>(c.nEmbdQ()),
                   kvDim = static_cast<uint32_t>(c.nEmbdKv()), ff = static_cast<uint32_t>(c.nFf), N = static_cast<uint32_t>(n);
    const Ops& ops = *m_ops;
    DescriptorArena& sets = *m_sets;
    Status s;
    auto step = [&](Status r) {
        if (s.ok() && !r.ok()) s = r;
    };
    step(norm(cb, L.attnNorm, L.attnNormB, m_x, m_xb, N));
    const Span* attnIn = &m_xb;
    if (L.attnNorm2.present()) {  // Falcon 40B: the attention reads norm_2(x), the feed-forward norm(x)
        step(norm(cb, L.attnNorm2, L.attnNorm2B, m_x, m_xb2, N));
        attnIn = &m_xb2;
    }
    if (L.wqkv.present()) {
        const uint32_t width = qDim + 2 * kvDim;
        step(matVec(cb, L.wqkv, *attnIn, e, m_qkv, width, n));
        if (L.bqkv.present()) step(ops.addBias(cb, sets, m_qkv, width, L.bqkv.span, width, N));
        step(ops.copyRows(cb, sets, m_qkv, width, 0, m_q, qDim, qDim, N));
        step(ops.copyRows(cb, sets, m_qkv, width, qDim, m_k, kvDim, kvDim, N));
        step(ops.copyRows(cb, sets, m_qkv, width, qDim + kvDim, m_v, kvDim, kvDim, N));
    } else {
        step(matVec(cb, L.wq, *attnIn, e, m_q, qDim, n));
        step(matVec(cb, L.wk, *attnIn, e, m_k, kvDim, n));
        step(matVec(cb, L.wv, *attnIn, e, m_v, kvDim, n));
        if (L.bq.present()) step(ops.addBias(cb, sets, m_q, qDim, L.bq.span, qDim, N));
        if (L.bk.present()) step(ops.addBias(cb, sets, m_k, kvDim, L.bk.span, kvDim, N));
        if (L.bv.present()) step(ops.addBias(cb, sets, m_v, kvDim, L.bv.span, kvDim, N));
    }
    const bool alibi = c.arch->positions == PositionKind::Alibi;
    if (!alibi) {
        Ops::RopeParams rp;
        rp.headDim = static_cast<uint32_t>(c.headDim);
        rp.ropeDim = static_cast<uint32_t>(c.ropeDim);
        rp.pos0 = static_cast<uint32_t>(pos0);
        rp.neox = c.ropeLayout == RopeLayout::Neox;
        rp.thetaScale = std::pow(c.ropeBase, -2.0f / static_cast<float>(c.ropeDim));
        rp.freqScale = 1.0f / c.ropeScale;
        const Span& factors = m_ropeFactors.present() ? m_ropeFactors.span : m_dummy;
        rp.nHeads = static_cast<uint32_t>(c.nHead);
        rp.rowStride = qDim;
        step(ops.rope(cb, sets, m_q, factors, m_ropeFactors.present(), rp, N));
        rp.nHeads = static_cast<uint32_t>(c.nHeadKv);
        rp.rowStride = kvDim;
        step(ops.rope(cb, sets, m_k, factors, m_ropeFactors.present(), rp, N));
    }
    step(ops.kvStore(cb, sets, m_k, kvDim, m_v, kvDim, L.keys, L.values, kvDim, static_cast<uint32_t>(pos0), N));
    Ops::AttentionParams ap;
    ap.nHead = static_cast<uint32_t>(c.nHead);
    ap.nKv = static_cast<uint32_t>(c.nHeadKv);
    ap.headDim = static_cast<uint32_t>(c.headDim);
    ap.pos0 = static_cast<uint32_t>(pos0);
    ap.qStride = qDim;
    ap.oStride = qDim;
    ap.scale = 1.0f / std::sqrt(static_cast<float>(c.headDim));
    ap.alibi = alibi;
    step(ops.attention(cb, sets, m_q, L.keys, L.values, m_att, alibi ? m_alibi : m_dummy, ap, N));
    const bool parallel = c.arch->residual == ResidualLayout::Parallel;
    const Span& attnOut = parallel ? m_attnOut : m_tmp;
    step(matVec(cb, L.wo, m_att, qDim, attnOut, e, n));
    if (L.bo.present()) step(ops.addBias(cb, sets, attnOut, e, L.bo.span, e, N));
    if (!parallel) {
        step(ops.add(cb, sets, m_x, m_tmp, N * e));
        step(norm(cb, L.ffnNorm, L.ffnNormB, m_x, m_xb, N));
    }
    // The feed-forward block of m_xb into m_tmp (parallel: the attention norm's output, not norm_2's).
    switch (c.arch->ffn) {
    case FfnKind::SwiGluFused:
        step(matVec(cb, L.up, m_xb, e, m_up, 2 * ff, n));  // [gate | up] per token
        step(ops.swiglu(cb, sets, m_up, 2 * ff, m_up, 2 * ff, ff, m_gate, ff, ff, N));
        step(matVec(cb, L.down, m_gate, ff, m_tmp, e, n));
        break;
    case FfnKind::SwiGlu:
        step(matVec(cb, L.gate, m_xb, e, m_gate, ff, n));
        step(matVec(cb, L.up, m_xb, e, m_up, ff, n));
        step(ops.swiglu(cb, sets, m_gate, ff, m_up, ff, 0, m_gate, ff, ff, N));
        step(matVec(cb, L.down, m_gate, ff, m_tmp, e, n));
        break;
    case FfnKind::Gelu:
        step(matVec(cb, L.up, m_xb, e, m_up, ff, n));
        if (L.bUp.present()) step(ops.addBias(cb, sets, m_up, ff, L.bUp.span, ff, N));
        step(ops.gelu(cb, sets, m_up, ff, ff, N));
        step(matVec(cb, L.down, m_up, ff, m_tmp, e, n));
        break;
    }
    if (L.bDown.present()) step(ops.addBias(cb, sets, m_tmp, e, L.bDown.span, e, N));
    // Parallel: x = (ffn + attention) + x, in the CPU's (and ggml's) order.
    if (parallel) step(ops.add(cb, sets, m_tmp, m_attnOut, N * e));
    step(ops.add(cb, sets, m_x, m_tmp, N * e));
    return s;
}

Status VulkanBackend::forward(int n, int pos0, const std::function<bool(int)>& beforeLayer) {
    if (n < 1 || n > m_batch)
        return fail("a batch of " + std::to_string(n) + " tokens does not fit the backend's " + std::to_string(m_batch));
    if (pos0 < 0 || pos0 + n > m_context) return fail("positions past the context");
    m_sets->reset();
    Status recorded;
    bool cancelled = false;
    Status submitted = m_device->submitAndWait([&](VkCommandBuffer cb) {
        if (m_embdNorm.present()) recorded = norm(cb, m_embdNorm, m_embdNormB, m_x, m_x, static_cast<uint32_t>(n));
        for (int l = m_range.first; l < m_range.last && recorded.ok(); ++l) {
            if (beforeLayer && !beforeLayer(l)) {
                cancelled = true;  // what was recorded still runs; the cache past pos0 is undefined, as on the CPU
                return;
            }
            recorded = recordLayer(cb, l, n, pos0);
        }
    });
    if (!recorded) return recorded;
    if (!submitted) return submitted;
    return cancelled ? Status(cancelledError()) : Status();
}

Status VulkanBackend::logits(int firstRow, int n, float* out) {
    if (!m_head) return fail("this backend does not hold the output head");
    const ModelConfig& c = *m_c;
    const uint32_t e = static_cast<uint32_t>(c.nEmbd), vocab = static_cast<uint32_t>(c.vocabSize);
    const uint32_t rows = static_cast<uint32_t>(n - firstRow);
    m_sets->reset();
    for (uint32_t r0 = 0; r0 < rows; r0 += m_logitRows) {
        const uint32_t count = std::min(m_logitRows, rows - r0);
        Status recorded;
        Status submitted = m_device->submitAndWait([&](VkCommandBuffer cb) {
            if (r0 == 0) recorded = norm(cb, m_outputNorm, m_outputNormB, m_x, m_xb, static_cast<uint32_t>(n));
            if (recorded.ok())
                recorded = matVec(cb, m_output, m_xb, e, m_logits, vocab, static_cast<int>(count),
                                  (static_cast<uint32_t>(firstRow) + r0) * e);
        });
        if (!recorded) return recorded;
        if (!submitted) return submitted;
        if (auto s = m_transfer->download(m_logits, 0, out + static_cast<size_t>(r0) * vocab,
                                          static_cast<uint64_t>(count) * vocab * sizeof(float));
            !s)
            return s;
    }
    return {};
}

uint64_t VulkanBackend::kvCacheBytes() const { return m_kvBytes; }
uint64_t VulkanBackend::bufferBytes() const { return m_bufferBytes; }

}  // namespace qd::vk
