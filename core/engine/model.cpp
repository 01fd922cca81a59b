#include "core/engine/model.h"

#include <algorithm>

#include "core/engine/run_check.h"
#include "core/model/model_weights.h"
#include "core/quant/quantize.h"
#ifdef QD_HAVE_VULKAN
#include "core/engine/vulkan/vk_backend.h"
#endif

namespace qd {

struct Model::Impl {
    GgufFile file;
    ModelConfig c;
    ModelWeights w;
    EngineOptions options;
    int context = 0;
    std::unique_ptr<ThreadPool> pool;
    std::vector<std::unique_ptr<CpuBackend>> cpu;  // one per CPU entry of the layer map
    std::unique_ptr<Backend> gpu;                  // the last layers, when offloaded
    std::vector<LayerAssignment> map;
    std::vector<float> x;  // the residual stream between backends, [batch][nEmbd]
    std::string gpuNote;
    int gpuLayers = 0;
};

namespace {

// The GPU backend for the last `count` layers, prepared, with the output head too when its type has
// a kernel (`head`; when not, `headNote` says why). An error says why none could be made; its kind is
// OutOfMemory when the layers do not fit in the device's memory.
Result<std::unique_ptr<Backend>> offload(const ModelConfig& c, const ModelWeights& w, const EngineOptions& o, int context,
                                         int batch, int count, bool& head, std::string& headNote) {
#ifdef QD_HAVE_VULKAN
    const LayerRange range{c.nLayers - count, c.nLayers};
    if (std::string why = vk::VulkanBackend::unsupportedReason(c, w, range, false); !why.empty())
        return fail(ErrorKind::Unsupported, "Vulkan: " + why);
    const std::string headWhy = vk::VulkanBackend::unsupportedReason(c, w, LayerRange{c.nLayers, c.nLayers}, true);
    head = headWhy.empty();
    headNote = head ? std::string() : "the output head stays on the CPU (" + headWhy + ")";
    auto instance = vk::Instance::create(vk::InstanceOptions{o.gpuValidation});
    // No instance or device: fewer layers would not help, so these are never OutOfMemory here.
    if (!instance) return fail(ErrorKind::Unsupported, "Vulkan: " + instance.message());
    auto device = vk::Device::open(*instance, vk::DeviceChoice{o.gpuAllowCpuDevice, o.gpuDevice, o.gpuForceStaging, o.gpuMemoryLimit});
    if (!device) return fail(ErrorKind::Unsupported, "Vulkan: " + device.message());
    auto backend = std::make_unique<vk::VulkanBackend>(std::move(*device), o.gpuPipelineCache);
    if (auto s = backend->prepare(c, w, range, head, context, batch); !s) return fail(s.kind(), "Vulkan: " + s.message());
    return std::unique_ptr<Backend>(std::move(backend));
#else
    (void)c, (void)w, (void)o, (void)context, (void)batch, (void)count, (void)head, (void)headNote;
    return fail(ErrorKind::Unsupported, "this build of QuantDesk has no Vulkan backend");
#endif
}

}  // namespace

Model::Model() : m(std::make_unique<Impl>()) {}
Model::~Model() = default;

const ModelConfig& Model::config() const { return m->c; }
const GgufFile& Model::file() const { return m->file; }
int Model::contextLength() const { return m->context; }
int Model::threads() const { return m->pool->size(); }
const std::vector<LayerAssignment>& Model::layerMap() const { return m->map; }
const std::string& Model::gpuNote() const { return m->gpuNote; }
int Model::gpuLayerCount() const { return m->gpuLayers; }

std::string Model::backendNames() const {
    std::vector<std::string> names;
    for (const LayerAssignment& a : m->map)
        if (std::find(names.begin(), names.end(), a.backend->name()) == names.end()) names.push_back(a.backend->name());
    std::reverse(names.begin(), names.end());  // the GPU (holding the last layers) first
    std::string s;
    for (const std::string& n : names) s += (s.empty() ? "" : " + ") + n;
    return s;
}

std::string Model::backendSummary() const {
    std::string s;
    for (const LayerAssignment& a : m->map) {
        if (!s.empty()) s += ", ";
        if (a.layers.count() == 0) {
            s += a.backend->name() + ": the output head";
            continue;
        }
        s += a.backend->name() + ": layers " + std::to_string(a.layers.first);
        if (a.layers.count() > 1) s += "-" + std::to_string(a.layers.last - 1);
    }
    return s;
}

uint64_t Model::weightBytes() const {
    uint64_t n = 0;
    for (const auto& t : m->file.tensors()) n += t.nBytes;
    return n;
}
uint64_t Model::weightBytesPerToken() const {
    const WeightView& embd = m->w.tokenEmbd();
    uint64_t n = weightBytes();
    if (embd.info && m->w.output().data != embd.data)
        n = n - embd.info->nBytes + *ggmlRowBytes(embd.type, embd.cols);
    return n;
}
uint64_t Model::kvCacheBytes() const {
    uint64_t n = 0;
    for (const LayerAssignment& a : m->map) n += a.backend->kvCacheBytes();
    return n;
}
uint64_t Model::bufferBytes() const {
    uint64_t n = m->x.size() * sizeof(float);
    for (const LayerAssignment& a : m->map) n += a.backend->bufferBytes();
    return n;
}

Result<std::unique_ptr<Model>> Model::load(const std::filesystem::path& path, const EngineOptions& options) {
    auto file = GgufFile::open(path);
    if (!file) return file.error();
    return load(std::move(file.value()), options);
}

Result<std::unique_ptr<Model>> Model::load(GgufFile file, const EngineOptions& options) {
    std::unique_ptr<Model> model(new Model());
    Impl& M = *model->m;
    M.file = std::move(file);
    // Architecture, hyperparameters, shapes, types and memory, all checked before anything is allocated.
    auto plan = planRun(M.file, options);
    if (!plan) return plan.error();
    M.c = plan->config;
    M.w = std::move(plan->weights);
    M.options = options;
    M.options.batchSize = plan->batch;
    M.context = plan->context;

    M.pool = std::make_unique<ThreadPool>(options.threads);
    bool gpuHead = false;
    // The GPU takes the last layers first; when they do not fit in its memory, fewer (each try a
    // quarter fewer), and the note says how many went.
    if (options.gpuLayers != 0) {
        const int asked = options.gpuLayers < 0 ? M.c.nLayers : std::min(options.gpuLayers, M.c.nLayers);
        std::string failure, headNote;
        for (int count = asked; count > 0 && !M.gpu; count = count * 3 / 4) {
            auto gpu = offload(M.c, M.w, options, M.context, M.options.batchSize, count, gpuHead, headNote);
            if (!gpu) {
                failure = gpu.message();
                if (gpu.kind() != ErrorKind::OutOfMemory) break;
                continue;
            }
            M.gpu = std::move(*gpu);
            M.gpuLayers = count;
            if (count < asked)
                M.gpuNote = "only " + std::to_string(count) + " of the " + std::to_string(asked) +
                            " layers asked for fit in the GPU's memory";
            if (!gpuHead) M.gpuNote += (M.gpuNote.empty() ? "" : "; ") + headNote;
        }
        if (!M.gpu) M.gpuNote = failure + "; running on the CPU";
    }
    const int cpuLayers = M.c.nLayers - M.gpuLayers;
    std::vector<int> split = options.layerSplit;
    if (split.empty() || M.gpuLayers > 0) split = {cpuLayers};
    int first = 0;
    for (int count : split) {
        if (count == 0) continue;
        M.cpu.push_back(std::make_unique<CpuBackend>(*M.pool, options.gemm));
        M.cpu.back()->setInputObserver(options.matmulInputs);
        M.map.push_back(LayerAssignment{M.cpu.back().get(), LayerRange{first, first + count}});
        first += count;
    }
    if (M.gpu) M.map.push_back(LayerAssignment{M.gpu.get(), LayerRange{cpuLayers, M.c.nLayers}});
    if (M.gpu && !gpuHead) {  // a CPU backend holding no layers, only the head
        M.cpu.push_back(std::make_unique<CpuBackend>(*M.pool, options.gemm));
        M.cpu.back()->setInputObserver(options.matmulInputs);
        M.map.push_back(LayerAssignment{M.cpu.back().get(), LayerRange{M.c.nLayers, M.c.nLayers}});
    }
    for (size_t i = 0; i < M.map.size(); ++i) {
        const LayerAssignment& a = M.map[i];
        if (a.backend == M.gpu.get()) continue;  // prepared above
        if (auto s = a.backend->prepare(M.c, M.w, a.layers, i + 1 == M.map.size(), M.context, M.options.batchSize); !s) {
            if (s.kind() == ErrorKind::OutOfMemory)
                return fail(ErrorKind::OutOfMemory, s.message() + " (" + formatBytes(plan->memory.allocated()) + ")");
            return s.error();
        }
    }
    try {
        M.x.resize(static_cast<size_t>(M.options.batchSize) * static_cast<size_t>(M.c.nEmbd));
    } catch (const std::bad_alloc&) {
        return fail(ErrorKind::OutOfMemory, "not enough memory for the activations (" +
                                                formatBytes(plan->memory.allocated()) + ")");
    }
    return model;
}

Status Model::eval(std::span<const int32_t> tokens, int pos, std::vector<float>& logits, bool allLogits,
                   const ProgressFn& cancel) {
    const ModelConfig& c = m->c;
    if (tokens.empty()) return fail("nothing to evaluate");
    if (pos < 0 || pos + static_cast<int64_t>(tokens.size()) > m->context)
        return fail("the context is full: " + std::to_string(pos + tokens.size()) + " tokens do not fit in " +
                    std::to_string(m->context));
    for (int32_t t : tokens)
        if (t < 0 || t >= c.vocabSize) return fail("token id " + std::to_string(t) + " is outside the vocabulary");

    const size_t vocab = static_cast<size_t>(c.vocabSize);
    logits.resize(allLogits ? tokens.size() * vocab : vocab);
    const size_t B = static_cast<size_t>(m->options.batchSize);
    const uint64_t batches = (tokens.size() + B - 1) / B, layers = static_cast<uint64_t>(c.nLayers);
    for (size_t done = 0; done < tokens.size(); done += B) {
        const size_t n = std::min(B, tokens.size() - done);
        const bool last = done + n == tokens.size();
        float* out = allLogits ? logits.data() + done * vocab : (last ? logits.data() : nullptr);
        if (auto s = evalBatch(tokens.subspan(done, n), pos + static_cast<int>(done), out, allLogits, cancel,
                               done / B * layers, batches * layers);
            !s)
            return s;
    }
    return {};
}

Status Model::evalBatch(std::span<const int32_t> tokens, int pos0, float* logits, bool allLogits,
                        const ProgressFn& cancel, uint64_t layersBefore, uint64_t layersTotal) {
    Impl& M = *m;
    const int n = static_cast<int>(tokens.size());
    const int e = M.c.nEmbd;

    // The residual stream x [n][nEmbd] starts as the token embeddings.
    const WeightView& embd = M.w.tokenEmbd();
    for (int t = 0; t < n; ++t) {
        if (auto s = dequantizeRow(embd.type, embd.row(tokens[static_cast<size_t>(t)]), M.x.data() + static_cast<int64_t>(t) * e, e);
            !s)
            return s;
    }
    auto beforeLayer = [&](int l) { return report(cancel, layersBefore + static_cast<uint64_t>(l), layersTotal, "layer"); };
    for (size_t i = 0; i < M.map.size(); ++i) {
        Backend& be = *M.map[i].backend;
        if (auto s = be.upload(M.x.data(), n); !s) return s;
        if (auto s = be.forward(n, pos0, beforeLayer); !s) return s;
        if (i + 1 < M.map.size()) {
            if (auto s = be.download(M.x.data(), n); !s) return s;
            continue;
        }
        if (!logits) return {};
        return be.logits(allLogits ? 0 : n - 1, n, logits);
    }
    return {};
}

}  // namespace qd
