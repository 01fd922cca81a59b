#include "core/model/model_weights.h"

#include <unordered_set>

#include "core/quant/quantize.h"

namespace qd {

namespace {

class Binder {
public:
    Binder(const GgufFile& f) : m_file(f) {}

    // Binds `name`, which must have exactly `dims` (ggml order). Optional tensors may be absent.
    Status bind(WeightView& out, const std::string& name, const std::vector<int64_t>& dims, bool optional) {
        const GgufTensorInfo* t = m_file.findTensor(name);
        if (!t) {
            if (optional) return {};
            return fail("the model lacks tensor " + name);
        }
        bool same = t->dims.size() == dims.size() || (dims.size() == 2 && dims[1] == 1 && t->dims.size() == 1);
        for (size_t i = 0; same && i < t->dims.size(); ++i) same = static_cast<int64_t>(t->dims[i]) == dims[i];
        if (!same) {
            std::string want;
            for (size_t i = 0; i < dims.size(); ++i) want += (i ? " x " : "") + std::to_string(dims[i]);
            return fail("tensor " + name + " has shape " + t->shapeString() + ", expected " + want);
        }
        if (!canDequantize(t->type))
            return fail("tensor " + name + " has type " + std::string(ggmlTypeName(t->type)) +
                        ", which QuantDesk cannot run yet");
        out.info = t;
        out.type = t->type;
        out.data = m_file.tensorData(*t).data();
        out.cols = static_cast<int64_t>(t->dims[0]);
        out.rows = t->dims.size() > 1 ? static_cast<int64_t>(t->dims[1]) : 1;
        out.rowBytes = static_cast<size_t>(*ggmlRowBytes(t->type, t->dims[0]));
        return {};
    }

    // One role of one layer (or of the model when layer < 0): its weight and bias as the family needs.
    Status bindRole(TensorSet& set, const ArchTensor& t, const ModelConfig& c, int layer, bool forceOptional = false) {
        const std::vector<int64_t> dims = roleDims(t.role, c);
        if (t.weight != Need::No)
            if (auto s = bind(set.w(t.role), ggufTensorName(t.role, layer), dims,
                              forceOptional || t.weight == Need::Optional);
                !s)
                return s;
        if (t.bias != Need::No && set.has(t.role))
            if (auto s = bind(set.b(t.role), ggufTensorName(t.role, layer, true), {dims.size() > 1 ? dims[1] : dims[0]},
                              t.bias == Need::Optional);
                !s)
                return s;
        return {};
    }

private:
    const GgufFile& m_file;
};

}  // namespace

std::vector<int64_t> roleDims(TensorRole role, const ModelConfig& c) {
    const int64_t e = c.nEmbd, q = c.nEmbdQ(), kv = c.nEmbdKv(), ff = c.nFf, vocab = c.vocabSize;
    switch (role) {
    case TensorRole::TokenEmbd:
    case TensorRole::Output: return {e, vocab};
    case TensorRole::RopeFreqs: return {c.ropeDim / 2};
    case TensorRole::TokenEmbdNorm:
    case TensorRole::OutputNorm:
    case TensorRole::AttnNorm:
    case TensorRole::AttnNorm2:
    case TensorRole::FfnNorm: return {e};
    case TensorRole::AttnQkv: return {e, q + 2 * kv};
    case TensorRole::AttnQ: return {e, q};
    case TensorRole::AttnK:
    case TensorRole::AttnV: return {e, kv};
    case TensorRole::AttnOutput: return {q, e};
    case TensorRole::FfnGate: return {e, ff};
    case TensorRole::FfnUp: return {e, c.arch && c.arch->ffn == FfnKind::SwiGluFused ? 2 * ff : ff};
    case TensorRole::FfnDown: return {ff, e};
    }
    return {};
}

Status dequantizeWeight(const WeightView& w, std::vector<float>& out) {
    out.clear();
    if (!w.present()) return {};
    out.resize(static_cast<size_t>(w.cols * w.rows));
    return dequantizeRow(w.type, w.data, out.data(), w.cols * w.rows);
}

Result<ModelWeights> bindModelWeights(const GgufFile& file, const ModelConfig& c) {
    if (!c.arch) return fail("the model's architecture is unknown");
    const ArchDescription& arch = *c.arch;
    ModelWeights w;
    Binder b(file);
    for (const ArchTensor& t : arch.tensors)
        if (!isBlockRole(t.role))
            if (auto s = b.bindRole(w.model, t, c, -1); !s) return s.error();
    if (!w.model.has(TensorRole::Output)) {
        w.model.w(TensorRole::Output) = w.model.w(TensorRole::TokenEmbd);
        w.tiedOutput = true;
    }
    const WeightView& freqs = w.model.w(TensorRole::RopeFreqs);
    if (freqs.present() && freqs.type != GgmlType::F32) return fail("tensor rope_freqs.weight must be F32");

    w.layers.resize(static_cast<size_t>(c.nLayers));
    for (int l = 0; l < c.nLayers; ++l) {
        TensorSet& L = w.layers[static_cast<size_t>(l)];
        for (const ArchTensor& t : arch.tensors)
            if (isBlockRole(t.role))
                if (auto s = b.bindRole(L, t, c, l); !s) return s.error();
        if (arch.qkv == QkvLayout::Either && !L.has(TensorRole::AttnQkv)) {
            // No fused projection: the three separate ones are then required.
            for (TensorRole r : {TensorRole::AttnQ, TensorRole::AttnK, TensorRole::AttnV})
                if (!L.has(r)) return fail("the model lacks tensor " + ggufTensorName(TensorRole::AttnQkv, l) + " (or " +
                                           ggufTensorName(r, l) + " with its two siblings)");
        }
        if (L.has(TensorRole::AttnQkv) && L.has(TensorRole::AttnQ))
            return fail("layer " + std::to_string(l) + " has both a fused attn_qkv and a separate attn_q");
    }

    // A block tensor the description does not list would be ignored by the forward pass: refuse the
    // file rather than run something else than the model.
    std::unordered_set<const GgufTensorInfo*> bound;
    for (const TensorSet& L : w.layers)
        for (size_t r = 0; r < kTensorRoleCount; ++r) bound.insert({L.weights[r].info, L.biases[r].info});
    for (const GgufTensorInfo& t : file.tensors()) {
        if (t.name.rfind("blk.", 0) == 0 && !bound.contains(&t))
            return fail(ErrorKind::Unsupported, "tensor " + t.name + " is not part of the " + std::string(arch.name) +
                                                    " layout QuantDesk runs");
    }
    return w;
}

}  // namespace qd
