// The Vulkan backend: a range of a model's layers (and the output head when it holds the last one) on a
// GPU. Weights, norms and biases live in device memory from prepare() on; the residual stream, every
// activation and the layers' F16 KV cache stay on the device, so a batch costs one upload of the stream,
// one command buffer with every layer's dispatches, one submission, and one download (of the stream, or
// of the logits).
//
// What it runs: every family the CPU engine runs (Llama, BLOOM, Falcon, ChatGLM): RMSNorm or LayerNorm
// with bias (and BLOOM's embedding norm), separate or fused Q/K/V with optional biases, rotary in both
// layouts with optional frequency factors or ALiBi, grouped-query attention, SwiGLU (separate or fused
// gate/up) or GELU with biases, sequential or parallel (Falcon) residuals, with every weight type that
// has a matrix-vector kernel. unsupportedReason() says why a model or layer cannot go
// to the device (the engine then keeps it on the CPU and says so).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/backend.h"
#include "core/engine/vulkan/vk_ops.h"

namespace qd::vk {

class VulkanBackend : public Backend {
public:
    // The device, and the file compiled pipelines are kept in between runs ("" = none).
    VulkanBackend(std::unique_ptr<Device> device, std::filesystem::path pipelineCacheFile);
    ~VulkanBackend() override;

    // "" when `range` (and the head, when `head`) can run on this backend; else a sentence naming the
    // first thing that has no kernel ("blk.0.ffn_down.weight is Q4_K").
    static std::string unsupportedReason(const ModelConfig& config, const ModelWeights& weights, LayerRange range, bool head);

    std::string name() const override;
    Status prepare(const ModelConfig& config, const ModelWeights& weights, LayerRange range, bool holdsHead, int context,
                   int batch) override;
    Status upload(const float* x, int n) override;
    Status download(float* x, int n) override;
    Status forward(int n, int pos0, const std::function<bool(int layer)>& beforeLayer) override;
    Status logits(int firstRow, int n, float* out) override;
    uint64_t kvCacheBytes() const override;
    uint64_t bufferBytes() const override;

    const Device& device() const { return *m_device; }
    uint64_t weightBytes() const { return m_weightBytes; }

private:
    struct Tensor {
        Span span;
        GgmlType type = GgmlType::F32;
        uint32_t rows = 0, cols = 0;
        bool present() const { return span.valid(); }
    };
    struct Layer {
        Tensor attnNorm, attnNormB, attnNorm2, attnNorm2B, ffnNorm, ffnNormB;
        Tensor wqkv, wq, wk, wv, wo, gate, up, down, bqkv, bq, bk, bv, bo, bUp, bDown;
        Span keys, values;  // F16 [context][kvDim]
    };
    Status put(const WeightView& w, Tensor& out, bool asFloat);
    Status recordLayer(VkCommandBuffer cb, int layer, int n, int pos0);
    // The family's norm (RMS, or LayerNorm with its optional bias) of `rows` rows of x into out.
    Status norm(VkCommandBuffer cb, const Tensor& w, const Tensor& b, const Span& x, const Span& out, uint32_t rows);
    Status matVec(VkCommandBuffer cb, const Tensor& w, const Span& x, uint32_t xStride, const Span& y, uint32_t yStride,
                  int n, uint32_t xOffset = 0);

    std::unique_ptr<Device> m_device;
    std::unique_ptr<PipelineCache> m_cache;
    std::unique_ptr<Ops> m_ops;
    std::unique_ptr<Allocator> m_memory;
    std::unique_ptr<Transfer> m_transfer;
    std::unique_ptr<DescriptorArena> m_sets;

    const ModelConfig* m_c = nullptr;
    LayerRange m_range;
    bool m_head = false;
    int m_batch = 0, m_context = 0;
    std::vector<Layer> m_layers;
    Tensor m_outputNorm, m_outputNormB, m_output, m_ropeFactors, m_embdNorm, m_embdNormB;
    Span m_x, m_xb, m_xb2, m_q, m_k, m_v, m_qkv, m_att, m_attnOut, m_tmp, m_gate, m_up, m_logits, m_alibi, m_dummy;
    uint32_t m_logitRows = 0;  // rows of logits the buffer holds (within one storage-buffer binding)
    uint64_t m_weightBytes = 0, m_kvBytes = 0, m_bufferBytes = 0;
};

}  // namespace qd::vk
