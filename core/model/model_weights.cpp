#include "core/model/model_weights.h"

#include "core/quant/quantize.h"

namespace qd {

namespace {

class Binder {
public:
    Binder(const GgufFile& f) : m_file(f) {}

    // Binds `name`, which must have exactly `dims` (ggml order). Optional tensors may be absent.
    Status bind(WeightView& out, const std::string& name, std::vector<int64_t> dims, bool optional = false) {
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

private:
    const GgufFile& m_file;
};

}  // namespace

Result<ModelWeights> bindModelWeights(const GgufFile& file, const ModelConfig& c) {
    ModelWeights w;
    Binder b(file);
    const int64_t e = c.nEmbd, q = c.nEmbdQ(), kv = c.nEmbdKv(), ff = c.nFf, vocab = c.vocabSize;
    if (auto s = b.bind(w.tokenEmbd, "token_embd.weight", {e, vocab}); !s) return s.error();
    if (auto s = b.bind(w.outputNorm, "output_norm.weight", {e}); !s) return s.error();
    if (auto s = b.bind(w.output, "output.weight", {e, vocab}, true); !s) return s.error();
    if (!w.output.present()) {
        w.output = w.tokenEmbd;
        w.tiedOutput = true;
    }
    if (auto s = b.bind(w.ropeFreqs, "rope_freqs.weight", {c.ropeDim / 2}, true); !s) return s.error();
    if (w.ropeFreqs.present() && w.ropeFreqs.type != GgmlType::F32)
        return fail("tensor rope_freqs.weight must be F32");

    w.layers.resize(static_cast<size_t>(c.nLayers));
    for (int l = 0; l < c.nLayers; ++l) {
        LayerWeights& L = w.layers[static_cast<size_t>(l)];
        const std::string p = "blk." + std::to_string(l) + ".";
        const struct {
            WeightView* view;
            const char* name;
            std::vector<int64_t> dims;
            bool optional;
        } rows[] = {
            {&L.attnNorm, "attn_norm.weight", {e}, false},
            {&L.wq, "attn_q.weight", {e, q}, false},
            {&L.wk, "attn_k.weight", {e, kv}, false},
            {&L.wv, "attn_v.weight", {e, kv}, false},
            {&L.bq, "attn_q.bias", {q}, !c.attnBias},
            {&L.bk, "attn_k.bias", {kv}, !c.attnBias},
            {&L.bv, "attn_v.bias", {kv}, !c.attnBias},
            {&L.wo, "attn_output.weight", {q, e}, false},
            {&L.ffnNorm, "ffn_norm.weight", {e}, false},
            {&L.wGate, "ffn_gate.weight", {e, ff}, false},
            {&L.wUp, "ffn_up.weight", {e, ff}, false},
            {&L.wDown, "ffn_down.weight", {ff, e}, false},
        };
        for (const auto& r : rows)
            if (auto s = b.bind(*r.view, p + r.name, r.dims, r.optional); !s) return s.error();
    }
    return w;
}

}  // namespace qd
