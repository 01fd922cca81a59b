// Mix rules: the type llama-quantize picks for every tensor of every mix, checked against the files it
// wrote (manifest.json) and against hand-derived expectations for model shapes the fixture lacks
// (GQA, many layers, 8 experts, 70B, odd row lengths). No tensor data is touched.
#include <QtTest>

#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/quant/mix_rules.h"
#include "core/quant/quantizer.h"
#include "quantize_test_support.h"

using namespace qd;

namespace {

MixOptions optionsFor(const char* mix, bool pure = false) {
    MixOptions o;
    o.mix = *mixByName(mix);
    o.pure = pure;
    return o;
}

// A Llama-like model: token_embd, per layer q/k/v/o/gate/up/down and norms, output_norm, output.
std::vector<TensorDesc> llamaTensors(int layers, uint64_t embd, uint64_t kvDim, uint64_t ffn, uint64_t vocab,
                                     bool withOutput = true) {
    std::vector<TensorDesc> t;
    t.push_back({"token_embd.weight", {embd, vocab}, GgmlType::F16});
    for (int l = 0; l < layers; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        t.push_back({p + "attn_norm.weight", {embd}, GgmlType::F32});
        t.push_back({p + "attn_q.weight", {embd, embd}, GgmlType::F16});
        t.push_back({p + "attn_k.weight", {embd, kvDim}, GgmlType::F16});
        t.push_back({p + "attn_v.weight", {embd, kvDim}, GgmlType::F16});
        t.push_back({p + "attn_output.weight", {embd, embd}, GgmlType::F16});
        t.push_back({p + "ffn_norm.weight", {embd}, GgmlType::F32});
        t.push_back({p + "ffn_gate.weight", {embd, ffn}, GgmlType::F16});
        t.push_back({p + "ffn_up.weight", {embd, ffn}, GgmlType::F16});
        t.push_back({p + "ffn_down.weight", {ffn, embd}, GgmlType::F16});
    }
    t.push_back({"output_norm.weight", {embd}, GgmlType::F32});
    if (withOutput) t.push_back({"output.weight", {embd, vocab}, GgmlType::F16});
    return t;
}

MixModelInfo llamaInfo(int layers, int heads, int kvHeads, bool withOutput = true) {
    MixModelInfo m;
    m.architecture = "llama";
    m.layerCount = layers;
    m.headCount = heads;
    m.headCountKv = kvHeads;
    m.hasOutput = withOutput;
    m.attentionVCount = layers;
    return m;
}

GgmlType typeOf(const MixPlan& plan, const std::string& name) {
    for (const auto& t : plan.tensors)
        if (t.name == name) return t.targetType;
    return GgmlType::MXFP4;  // not found: a type no rule ever picks
}

std::string layerName(int l, const char* what) { return "blk." + std::to_string(l) + "." + what + ".weight"; }

// llama.cpp's use_more_bits, written out independently for the expectations.
bool moreBitsLayer(int i, int n) { return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2; }

}  // namespace

class TestMixRules : public QObject {
    Q_OBJECT

private slots:
    void fixtureMixes_data() {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(qdtest::kMixFixtures)); ++i)
            QTest::newRow(qdtest::kMixFixtures[i].file) << i;
    }

    // Every tensor's name, order, shape, type and size, the file size, and the metadata (keys, order,
    // values) as llama-quantize wrote them.
    void fixtureMixes() {
        QFETCH(int, index);
        const auto& fx = qdtest::kMixFixtures[index];
        auto source = GgufFile::open(qdtest::f32Fixture());
        QVERIFY2(source.ok(), source.ok() ? "" : source.message().c_str());
        auto plan = planMix(*source, optionsFor(fx.mix, fx.pure));
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.message().c_str());

        const QJsonObject expected = qdtest::manifest().value(QString::fromLatin1(fx.file)).toObject();
        const QJsonArray tensors = expected.value("tensors").toArray();
        QCOMPARE(qsizetype(plan->tensors.size()), tensors.size());
        GgufWriter writer(3);
        for (auto& kv : quantizedMetadata(*source, plan->tensors.empty() ? 0 : mixByName(fx.mix)->fileTypeId))
            writer.set(kv.key, kv.value);
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const QJsonObject t = tensors[i].toObject();
            const TensorPlan& p = plan->tensors[size_t(i)];
            QCOMPARE(QString::fromStdString(p.name), t.value("name").toString());
            QCOMPARE(QString::fromLatin1(ggmlTypeName(p.targetType).data(), qsizetype(ggmlTypeName(p.targetType).size())),
                     t.value("type").toString());
            const QJsonArray shape = t.value("shape_ggml_order").toArray();
            QCOMPARE(qsizetype(p.dims.size()), shape.size());
            for (qsizetype d = 0; d < shape.size(); ++d) QCOMPARE(qint64(p.dims[size_t(d)]), shape[d].toInteger());
            QVERIFY(writer.addTensor(p.name, p.dims, p.targetType).ok());
            QCOMPARE(qint64(writer.tensors().back().nBytes), t.value("n_bytes").toInteger());
        }
        QCOMPARE(qint64(writer.fileSize()), expected.value("file_size").toInteger());

        auto reference = GgufFile::open(qdtest::fixturePath(fx).toStdString());
        QVERIFY(reference.ok());
        const auto& want = reference->metadata();
        const auto& got = writer.metadata();
        QCOMPARE(got.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(QString::fromStdString(got[i].key), QString::fromStdString(want[i].key));
            QVERIFY2(got[i].value == want[i].value, want[i].key.c_str());
        }
        QCOMPARE(plan->fallbackCount, 0);  // every shakespeare row length is a multiple of 256
    }

    void mixNames() {
        QCOMPARE(int(supportedMixes().size()), 19);
        QVERIFY(mixByName("q4_k_m").has_value());
        QCOMPARE(mixByName("q4_k_m")->fileTypeId, 15u);
        QCOMPARE(mixByName("Q4_K")->fileTypeId, 15u);  // llama-quantize's alias
        QCOMPARE(mixByName("iq4_xs")->defaultType, GgmlType::IQ4_XS);
        QCOMPARE(mixByName("bf16")->fileTypeId, 32u);
        QVERIFY(!mixByName("Q4_K_X").has_value());
        QVERIFY(!mixByName("IQ2_XXS").has_value());  // needs an importance matrix: not offered
    }

    void neverQuantized() {
        QVERIFY(!isQuantizableTensor("blk.0.attn_norm.weight", 2));
        QVERIFY(!isQuantizableTensor("blk.0.attn_q.bias", 2));
        QVERIFY(!isQuantizableTensor("blk.0.attn_q.weight", 1));
        QVERIFY(!isQuantizableTensor("blk.0.ffn_gate_inp.weight", 2));
        QVERIFY(!isQuantizableTensor("position_embd.weight", 2));
        QVERIFY(!isQuantizableTensor("output.weight", 2, /*quantizeOutput=*/false));
        QVERIFY(isQuantizableTensor("output.weight", 2));
        QVERIFY(isQuantizableTensor("blk.0.ffn_down_exps.weight", 3));
    }

    void tensorOrder() {
        QVERIFY(quantizeOrderLess("output.weight", "blk.0.attn_q.weight"));
        QVERIFY(quantizeOrderLess("blk.2.ffn_up.weight", "blk.10.attn_k.weight"));  // by layer number, not text
        QVERIFY(quantizeOrderLess("blk.3.attn_k.weight", "blk.3.attn_q.weight"));
        QVERIFY(!quantizeOrderLess("blk.3.attn_q.weight", "blk.3.attn_q.weight"));
    }

    // The layer pattern of Q4_K_M / Q5_K_M on a 32-layer model: the first and last 4 layers and every
    // third one from layer 6 get Q6_K in attn_v and ffn_down.
    void moreBitsPattern() {
        const auto tensors = llamaTensors(32, 4096, 1024, 11008, 32000);
        const auto info = llamaInfo(32, 32, 8);
        for (const char* mix : {"Q4_K_M", "Q5_K_M"}) {
            auto plan = planMix(tensors, info, optionsFor(mix));
            QVERIFY(plan.ok());
            const GgmlType base = mixByName(mix)->defaultType;
            int bumped = 0;
            for (int l = 0; l < 32; ++l) {
                const GgmlType want = moreBitsLayer(l, 32) ? GgmlType::Q6_K : base;
                bumped += moreBitsLayer(l, 32);
                QCOMPARE(typeOf(*plan, layerName(l, "attn_v")), want);
                QCOMPARE(typeOf(*plan, layerName(l, "ffn_down")), want);
                QCOMPARE(typeOf(*plan, layerName(l, "attn_q")), base);
            }
            QCOMPARE(bumped, 16);  // 0-3, 6, 9, ..., 27, 28-31
            QCOMPARE(typeOf(*plan, "output.weight"), GgmlType::Q6_K);
            QCOMPARE(typeOf(*plan, "token_embd.weight"), base);
            QCOMPARE(typeOf(*plan, "blk.5.ffn_norm.weight"), GgmlType::F32);
        }
        // Q4_K_S: attn_v of the first 4 layers and ffn_down of the first eighth get Q5_K.
        auto s = planMix(tensors, info, optionsFor("Q4_K_S"));
        QVERIFY(s.ok());
        for (int l = 0; l < 32; ++l) {
            QCOMPARE(typeOf(*s, layerName(l, "attn_v")), l < 4 ? GgmlType::Q5_K : GgmlType::Q4_K);
            QCOMPARE(typeOf(*s, layerName(l, "ffn_down")), l < 4 ? GgmlType::Q5_K : GgmlType::Q4_K);
        }
        // Q3_K_M: attn_v Q5_K in the first 2 layers, then Q4_K; ffn_down Q5_K in the first 16th, then Q4_K.
        auto m = planMix(tensors, info, optionsFor("Q3_K_M"));
        QVERIFY(m.ok());
        for (int l = 0; l < 32; ++l) {
            QCOMPARE(typeOf(*m, layerName(l, "attn_v")), l < 2 ? GgmlType::Q5_K : GgmlType::Q4_K);
            QCOMPARE(typeOf(*m, layerName(l, "ffn_down")), l < 2 ? GgmlType::Q5_K : GgmlType::Q4_K);
            QCOMPARE(typeOf(*m, layerName(l, "attn_output")), GgmlType::Q4_K);
        }
    }

    void gqaRules() {
        const auto tensors = llamaTensors(8, 2048, 512, 5632, 32000);
        auto gqa = planMix(tensors, llamaInfo(8, 32, 8), optionsFor("Q2_K"));  // 4 query heads per KV head
        auto mha = planMix(tensors, llamaInfo(8, 32, 32), optionsFor("Q2_K"));
        QVERIFY(gqa.ok() && mha.ok());
        QCOMPARE(typeOf(*gqa, "blk.3.attn_v.weight"), GgmlType::Q4_K);
        QCOMPARE(typeOf(*mha, "blk.3.attn_v.weight"), GgmlType::Q3_K);
        QCOMPARE(typeOf(*gqa, "blk.3.ffn_down.weight"), GgmlType::Q3_K);
        QCOMPARE(typeOf(*gqa, "blk.3.attn_output.weight"), GgmlType::Q3_K);
        QCOMPARE(typeOf(*gqa, "blk.3.attn_q.weight"), GgmlType::Q2_K);
        auto nl = planMix(tensors, llamaInfo(8, 32, 8), optionsFor("IQ4_NL"));
        QVERIFY(nl.ok());
        QCOMPARE(typeOf(*nl, "blk.3.attn_v.weight"), GgmlType::Q5_K);
        QCOMPARE(typeOf(*nl, "blk.0.ffn_down.weight"), GgmlType::Q5_K);  // first eighth, no imatrix
        QCOMPARE(typeOf(*nl, "blk.1.ffn_down.weight"), GgmlType::IQ4_NL);
    }

    // The rules that depend on an importance matrix (llama.cpp's has_imatrix), on 16 layers: the first
    // eighth of ffn_down (layers 0 and 1) is Q5_K for IQ4_NL / IQ4_XS only without an imatrix, and Q4_1 /
    // Q5_1 for Q4_0 / Q5_0 only with one; the other layers keep the mix's type.
    void imatrixRules() {
        const auto tensors = llamaTensors(16, 2048, 512, 5632, 32000);
        const auto info = llamaInfo(16, 32, 8);
        auto plan = [&](const char* mix, bool imatrix) {
            MixOptions o = optionsFor(mix);
            o.imatrix = imatrix;
            return planMix(tensors, info, o);
        };
        for (const char* mix : {"IQ4_NL", "IQ4_XS"}) {
            auto without = plan(mix, false), with = plan(mix, true);
            QVERIFY(without.ok() && with.ok());
            const GgmlType own = mixByName(mix)->defaultType;
            for (const char* t : {"blk.0.ffn_down.weight", "blk.1.ffn_down.weight"}) {
                QCOMPARE(typeOf(*without, t), GgmlType::Q5_K);
                QCOMPARE(typeOf(*with, t), own);
            }
            QCOMPARE(typeOf(*without, "blk.2.ffn_down.weight"), own);
            QCOMPARE(typeOf(*with, "blk.2.ffn_down.weight"), own);
        }
        for (auto [mix, guard] : {std::pair{"Q4_0", GgmlType::Q4_1}, {"Q5_0", GgmlType::Q5_1}}) {
            auto without = plan(mix, false), with = plan(mix, true);
            QVERIFY(without.ok() && with.ok());
            const GgmlType own = mixByName(mix)->defaultType;
            for (const char* t : {"blk.0.ffn_down.weight", "blk.1.ffn_down.weight"}) {
                QCOMPARE(typeOf(*without, t), own);
                QCOMPARE(typeOf(*with, t), guard);
            }
            QCOMPARE(typeOf(*with, "blk.2.ffn_down.weight"), own);
            QCOMPARE(typeOf(*with, "blk.0.ffn_up.weight"), own);
        }
    }

    void expertsAndSeventyB() {
        auto tensors = llamaTensors(80, 8192, 1024, 28672, 32000);
        auto big = planMix(tensors, llamaInfo(80, 64, 8), optionsFor("Q3_K_S"));
        QVERIFY(big.ok());
        QCOMPARE(typeOf(*big, "blk.40.attn_v.weight"), GgmlType::Q5_K);  // 70B: attn_v bumped
        QCOMPARE(typeOf(*big, "blk.40.attn_k.weight"), GgmlType::Q3_K);
        auto old = planMix(tensors, llamaInfo(80, 64, 64), optionsFor("Q3_K_S"));  // 65B (no GQA): no bump
        QVERIFY(old.ok());
        QCOMPARE(typeOf(*old, "blk.40.attn_v.weight"), GgmlType::Q3_K);

        MixModelInfo moe = llamaInfo(4, 32, 8);
        moe.expertCount = 8;
        std::vector<TensorDesc> t = {{"blk.0.attn_v.weight", {4096, 1024}, GgmlType::F16},
                                     {"blk.0.attn_k.weight", {4096, 1024}, GgmlType::F16},
                                     {"blk.0.attn_output.weight", {4096, 4096}, GgmlType::F16},
                                     {"blk.0.ffn_gate_inp.weight", {4096, 8}, GgmlType::F32},
                                     {"blk.3.ffn_down_exps.weight", {14336, 4096, 8}, GgmlType::F16}};
        auto p = planMix(t, moe, optionsFor("Q4_K_M"));
        QVERIFY(p.ok());
        QCOMPARE(typeOf(*p, "blk.0.attn_v.weight"), GgmlType::Q8_0);
        QCOMPARE(typeOf(*p, "blk.0.attn_k.weight"), GgmlType::Q8_0);
        QCOMPARE(typeOf(*p, "blk.0.attn_output.weight"), GgmlType::Q5_K);
        QCOMPARE(typeOf(*p, "blk.0.ffn_gate_inp.weight"), GgmlType::F32);  // router never quantized
        QCOMPARE(typeOf(*p, "blk.3.ffn_down_exps.weight"), GgmlType::Q6_K);  // layer 3 of 4 from its name
        t.push_back({"ffn_down_exps.weight", {14336, 4096, 8}, GgmlType::F16});  // no layer in the name
        QVERIFY(!planMix(t, moe, optionsFor("Q4_K_M")).ok());
    }

    // Row lengths a type's block does not divide fall back as llama.cpp does, and are counted.
    void rowLengthFallbacks() {
        std::vector<TensorDesc> t = {
            {"token_embd.weight", {800, 1000}, GgmlType::F16},   // 800 = 25 x 32, not a multiple of 256
            {"blk.0.attn_q.weight", {800, 800}, GgmlType::F16},
            {"blk.0.attn_v.weight", {800, 800}, GgmlType::F16},
            {"blk.0.ffn_down.weight", {100, 800}, GgmlType::F16},  // 100: not even a multiple of 32
            {"output.weight", {800, 1000}, GgmlType::F16},
        };
        MixModelInfo info = llamaInfo(1, 8, 8);
        auto km = planMix(t, info, optionsFor("Q4_K_M"));
        QVERIFY(km.ok());
        QCOMPARE(typeOf(*km, "token_embd.weight"), GgmlType::Q5_0);    // Q4_K -> Q5_0
        QCOMPARE(typeOf(*km, "blk.0.attn_q.weight"), GgmlType::Q5_0);
        QCOMPARE(typeOf(*km, "blk.0.attn_v.weight"), GgmlType::Q8_0);  // Q6_K (more bits) -> Q8_0
        QCOMPARE(typeOf(*km, "blk.0.ffn_down.weight"), GgmlType::F16); // Q6_K -> Q8_0 does not fit -> F16
        QCOMPARE(typeOf(*km, "output.weight"), GgmlType::Q8_0);        // output rule: Q8_0 when K does not fit
        QCOMPARE(km->fallbackCount, 4);
        QCOMPARE(km->quantizedCount, 5);
        QVERIFY(!km->warnings.empty());
        auto s = planMix(t, info, optionsFor("Q3_K_S"));
        QVERIFY(s.ok());
        QCOMPARE(typeOf(*s, "blk.0.attn_q.weight"), GgmlType::IQ4_NL);  // Q3_K -> IQ4_NL
        auto q4 = planMix(t, info, optionsFor("Q4_0"));  // Q4_0 has no fallback for rows of 100
        QVERIFY(!q4.ok());
        QVERIFY(QString::fromStdString(q4.message()).contains("blk.0.ffn_down.weight"));
    }

    void tiedEmbeddings() {
        auto t = llamaTensors(2, 256, 256, 512, 1024, /*withOutput=*/false);
        auto p = planMix(t, llamaInfo(2, 4, 4, false), optionsFor("Q4_0"));
        QVERIFY(p.ok());
        QCOMPARE(typeOf(*p, "token_embd.weight"), GgmlType::Q6_K);  // it is also the output matrix
    }

    void userOverrides() {
        auto source = GgufFile::open(qdtest::f32Fixture());
        QVERIFY(source.ok());
        MixOptions o = optionsFor("Q4_K_M");
        o.tensorTypes = {{"blk\\.0\\.attn_v", GgmlType::Q8_0}, {"ATTN_V", GgmlType::Q5_K}, {"attn_v", GgmlType::Q2_K}};
        o.outputType = GgmlType::Q8_0;
        o.embeddingType = GgmlType::F16;
        auto p = planMix(*source, o);
        QVERIFY2(p.ok(), p.ok() ? "" : p.message().c_str());
        QCOMPARE(typeOf(*p, "blk.0.attn_v.weight"), GgmlType::Q8_0);  // first matching pattern wins
        QCOMPARE(typeOf(*p, "blk.1.attn_v.weight"), GgmlType::Q5_K);  // case-insensitive search
        QCOMPARE(typeOf(*p, "blk.3.ffn_down.weight"), GgmlType::Q6_K);  // the mix rules still run elsewhere
        QCOMPARE(typeOf(*p, "output.weight"), GgmlType::Q8_0);
        QCOMPARE(typeOf(*p, "token_embd.weight"), GgmlType::F16);

        o = optionsFor("Q4_K_M", /*pure=*/true);
        o.tensorTypes = {{"^blk\\.2\\.ffn_up\\.weight$", GgmlType::Q8_0}};
        p = planMix(*source, o);
        QVERIFY(p.ok());
        QCOMPARE(typeOf(*p, "blk.2.ffn_up.weight"), GgmlType::Q8_0);  // overrides apply with --pure too
        QCOMPARE(typeOf(*p, "blk.1.ffn_up.weight"), GgmlType::Q4_K);
        QCOMPARE(typeOf(*p, "output.weight"), GgmlType::Q4_K);

        o = optionsFor("Q4_0");
        o.quantizeOutput = false;
        p = planMix(*source, o);
        QVERIFY(p.ok());
        QCOMPARE(typeOf(*p, "output.weight"), GgmlType::F32);

        o = optionsFor("Q4_0");
        o.tensorTypes = {{"attn_(v", GgmlType::Q8_0}};
        p = planMix(*source, o);
        QVERIFY(!p.ok());
        QVERIFY(QString::fromStdString(p.message()).contains("attn_(v"));

        o = optionsFor("Q4_0");
        o.outputType = GgmlType::Q4_K;  // 256-element rows: fits
        QVERIFY(planMix(*source, o).ok());
        std::vector<TensorDesc> odd = {{"output.weight", {96, 10}, GgmlType::F32}};
        QVERIFY(!planMix(odd, llamaInfo(1, 1, 1), o).ok());  // 96 is not a multiple of 256
    }

    void trailingUnitDimensions() {
        std::vector<TensorDesc> t = {{"blk.0.attn_q.weight", {256, 1}, GgmlType::F32}};
        auto p = planMix(t, llamaInfo(1, 1, 1), optionsFor("Q8_0"));
        QVERIFY(p.ok());
        QCOMPARE(p->tensors[0].dims.size(), size_t(1));  // written as 1-D, like ggml_n_dims
        QCOMPARE(p->tensors[0].targetType, GgmlType::F32);
        QVERIFY(!p->tensors[0].convert);
    }
};

QTEST_GUILESS_MAIN(TestMixRules)
#include "test_mix_rules.moc"
