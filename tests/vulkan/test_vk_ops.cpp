// The Vulkan backend's per-layer operations on lavapipe (validation layer on; any message fails), each
// against an independent computation on odd shapes: the CPU backend's own ops (norms, SwiGLU, GELU) or the
// formula in double (rotary, the F16 cache, attention with the softmax over every visible key).
#include <QtTest>

#include <cmath>

#include "core/engine/ops.h"
#include "core/engine/vulkan/vk_memory.h"
#include "core/engine/vulkan/vk_ops.h"
#include "core/engine/vulkan/vk_pipeline.h"
#include "core/quant/fp16.h"
#include "lavapipe.h"

using namespace qd;
using namespace qd::vk;
using testvk::randomFloats;

namespace {

// A device with the kernels, memory and copies, for one test.
struct Gpu {
    testvk::Lavapipe l = testvk::openLavapipe(false);
    std::unique_ptr<Ops> ops;
    std::unique_ptr<Allocator> mem;
    std::unique_ptr<Transfer> transfer;
    std::unique_ptr<DescriptorArena> sets;
    std::string error;

    Gpu() {
        if (!l.device) {
            error = l.error;
            return;
        }
        auto o = Ops::create(*l.device, VK_NULL_HANDLE);
        if (!o) {
            error = o.message();
            return;
        }
        ops = std::move(*o);
        mem = std::make_unique<Allocator>(*l.device, MemoryUse::Device);
        transfer = std::make_unique<Transfer>(*l.device);
        sets = std::make_unique<DescriptorArena>(*l.device);
    }
    bool ok() const { return ops != nullptr; }

    Span put(const std::vector<float>& v) {
        auto s = mem->allocate(v.size() * 4);
        if (!s || !transfer->upload(*s, 0, v.data(), v.size() * 4)) return {};
        return *s;
    }
    Span zeros(size_t floats) {
        auto s = mem->allocate(floats * 4);
        if (!s || !transfer->fill(*s, 0)) return {};
        return *s;
    }
    std::vector<float> get(const Span& s, size_t floats) {
        std::vector<float> v(floats);
        if (!transfer->download(s, 0, v.data(), floats * 4)) v.clear();
        return v;
    }
    // Records `f` (which returns the op's Status) into one submission.
    template <class F>
    bool run(F&& f, std::string* why) {
        Status recorded;
        Status submitted = l.device->submitAndWait([&](VkCommandBuffer cb) { recorded = f(cb); });
        if (!recorded) *why = recorded.message();
        else if (!submitted) *why = submitted.message();
        return recorded.ok() && submitted.ok();
    }
    uint32_t messages() const { return l.instance->validationMessages(); }
};

double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b) {
    double m = 0;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) m = std::max(m, std::fabs(double(a[i]) - double(b[i])));
    return a.size() == b.size() ? m : 1e30;
}

}  // namespace

class TestVkOps : public QObject {
    Q_OBJECT
private slots:
    void rmsNorm() {
        Gpu g;
        QVERIFY2(g.ok(), g.error.c_str());
        const int n = 4544, rows = 3, stride = n + 7;
        const auto x = randomFloats(size_t(rows) * stride, 1, 2.0f), w = randomFloats(n, 2);
        Span X = g.put(x), W = g.put(w), O = g.zeros(size_t(rows) * n);
        std::string why;
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->rmsNorm(cb, *g.sets, X, stride, W, O, n, n, rows, 1e-5f); }, &why), why.c_str());
        std::vector<float> ref(size_t(rows) * n);
        for (int r = 0; r < rows; ++r) ops::rmsNormRows(x.data() + size_t(r) * stride, w.data(), 1e-5f, n, 1, ref.data() + size_t(r) * n);
        QVERIFY2(maxAbsDiff(g.get(O, ref.size()), ref) < 1e-5, "rms norm differs");
        QCOMPARE(g.messages(), 0u);
    }

    // LayerNorm with and without a bias, from a strided input (Falcon's width 4544), and in place as
    // BLOOM's embedding norm runs; against the CPU backend's (double sums, two passes).
    void layerNorm() {
        Gpu g;
        QVERIFY2(g.ok(), g.error.c_str());
        const int n = 4544, rows = 3, stride = n + 7;
        auto x = randomFloats(size_t(rows) * stride, 21, 2.0f);
        for (float& v : x) v += 0.75f;  // a mean far from 0, so the centring matters
        const auto w = randomFloats(n, 22), b = randomFloats(n, 23);
        Span X = g.put(x), W = g.put(w), B = g.put(b), O = g.zeros(size_t(rows) * n);
        std::string why;
        for (bool bias : {true, false}) {
            QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->layerNorm(cb, *g.sets, X, stride, W, B, bias, O, n, n, rows, 1e-5f); }, &why),
                     why.c_str());
            std::vector<float> ref(size_t(rows) * n);
            for (int r = 0; r < rows; ++r)
                ops::layerNormRows(x.data() + size_t(r) * stride, w.data(), bias ? b.data() : nullptr, 1e-5f, n, 1, ref.data() + size_t(r) * n);
            QVERIFY2(maxAbsDiff(g.get(O, ref.size()), ref) < 2e-5, bias ? "layer norm with bias differs" : "layer norm differs");
        }
        // In place, rows packed.
        const int m = 333;
        auto y = randomFloats(size_t(rows) * m, 24, 3.0f);
        const auto wm = randomFloats(m, 25), bm = randomFloats(m, 26);
        Span Y = g.put(y), WM = g.put(wm), BM = g.put(bm);
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->layerNorm(cb, *g.sets, Y, m, WM, BM, true, Y, m, m, rows, 1e-5f); }, &why),
                 why.c_str());
        std::vector<float> ref(y.size());
        ops::layerNormRows(y.data(), wm.data(), bm.data(), 1e-5f, m, rows, ref.data());
        QVERIFY2(maxAbsDiff(g.get(Y, ref.size()), ref) < 2e-5, "layer norm in place differs");
        QCOMPARE(g.messages(), 0u);
    }

    // GELU over the whole range the table covers, its edges (-10, 10) and past them, against the CPU
    // backend's half-precision table: equal, or one half-precision step apart where tanh rounds the other
    // way, or (in the far negative tail, where 1 + tanh cancels and the device's tanh is coarser) within
    // 2^-20 of it.
    void gelu() {
        Gpu g;
        QVERIFY2(g.ok(), g.error.c_str());
        const int n = 997, rows = 7, stride = 1001;
        std::vector<float> a(size_t(rows) * stride);
        for (size_t i = 0; i < a.size(); ++i) a[i] = -12.0f + 24.0f * float(i) / float(a.size());
        a[5] = -10.0f;
        a[6] = 10.0f;
        a[7] = -9.999f;
        a[8] = 0.0f;
        Span A = g.put(a);
        std::string why;
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->gelu(cb, *g.sets, A, stride, n, rows); }, &why), why.c_str());
        const std::vector<float> got = g.get(A, a.size());
        std::vector<float> ref = a;
        for (int r = 0; r < rows; ++r) ops::gelu(ref.data() + size_t(r) * stride, n);
        int differ = 0;
        for (int r = 0; r < rows; ++r)
            for (int i = 0; i < stride; ++i) {
                const size_t at = size_t(r) * stride + size_t(i);
                if (i >= n) {
                    QCOMPARE(got[at], a[at]);  // the padding untouched
                    continue;
                }
                if (got[at] == ref[at]) continue;
                if (a[at] > -3.0f) ++differ;  // outside the cancelling tail, a difference is rare
                // One half step: 2^-10 of the value's binade (or the smallest normal's).
                const float step = std::ldexp(1.0f, std::max(std::ilogb(std::fabs(ref[at])), -14) - 10);
                QVERIFY2(std::fabs(got[at] - ref[at]) <= std::max(step, std::ldexp(1.0f, -20)), qPrintable(QStringLiteral("gelu(%1): %2 vs %3").arg(a[at]).arg(got[at]).arg(ref[at])));
            }
        QVERIFY2(differ <= n * rows / 100, qPrintable(QString::number(differ)));  // 2 of the ~3,800 above -3 here
        QCOMPARE(got[5], 0.0f);
        QCOMPARE(got[6], 10.0f);
        QCOMPARE(got[8], 0.0f);
        QCOMPARE(g.messages(), 0u);
    }

    void copyRowsIsExact() {
        Gpu g;
        QVERIFY2(g.ok(), g.error.c_str());
        const int q = 96, kv = 32, width = q + 2 * kv, rows = 5;
        const auto qkv = randomFloats(size_t(rows) * width, 27);
        Span A = g.put(qkv), K = g.zeros(size_t(rows) * kv);
        std::string why;
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->copyRows(cb, *g.sets, A, width, q, K, kv, kv, rows); }, &why), why.c_str());
        std::vector<float> ref;
        for (int r = 0; r < rows; ++r) ref.insert(ref.end(), qkv.begin() + r * width + q, qkv.begin() + r * width + q + kv);
        QVERIFY(g.get(K, ref.size()) == ref);
        QCOMPARE(g.messages(), 0u);
    }

    void addIsExact() {
        Gpu g;
        QVERIFY2(g.ok(), g.error.c_str());
        const size_t n = 3000017;  // more groups than one dimension of a dispatch holds
        auto a = randomFloats(n, 3), b = randomFloats(n, 4);
        Span A = g.put(a), B = g.put(b);
        std::string why;
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->add(cb, *g.sets, A, B, uint32_t(n)); }, &why), why.c_str());
        for (size_t i = 0; i < n; ++i) a[i] += b[i];
        QVERIFY(g.get(A, n) == a);
        QCOMPARE(g.messages(), 0u);
    }

    void addBiasIsExact() {
        Gpu g;
        QVERIFY2(g.ok(), g.error.c_str());
        const int n = 333, rows = 5, stride = 340;
        auto a = randomFloats(size_t(rows) * stride, 12);
        const auto bias = randomFloats(n, 13);
        Span A = g.put(a), B = g.put(bias);
        std::string why;
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->addBias(cb, *g.sets, A, stride, B, n, rows); }, &why), why.c_str());
        for (int r = 0; r < rows; ++r)
            for (int i = 0; i < n; ++i) a[size_t(r) * stride + size_t(i)] += bias[size_t(i)];  // the padding untouched
        QVERIFY(g.get(A, a.size()) == a);
        QCOMPARE(g.messages(), 0u);
    }

    void swiglu() {
        Gpu g;
        QVERIFY2(g.ok(), g.error.c_str());
        const int n = 1000, rows = 4;
        const auto gu = randomFloats(size_t(rows) * 2 * n, 5, 3.0f);
        Span GU = g.put(gu), O = g.zeros(size_t(rows) * n);
        std::string why;
        // Fused [gate | up] rows, the same buffer bound twice.
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->swiglu(cb, *g.sets, GU, 2 * n, GU, 2 * n, n, O, n, n, rows); }, &why),
                 why.c_str());
        std::vector<float> ref(size_t(rows) * n);
        ops::swigluFusedRows(gu.data(), n, rows, ref.data());
        QVERIFY2(maxAbsDiff(g.get(O, ref.size()), ref) < 1e-5, "fused SwiGLU differs");
        // Separate gate and up.
        const auto gate = randomFloats(size_t(rows) * n, 6, 3.0f), up = randomFloats(size_t(rows) * n, 7);
        Span G = g.put(gate), U = g.put(up);
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->swiglu(cb, *g.sets, G, n, U, n, 0, O, n, n, rows); }, &why), why.c_str());
        std::vector<float> sep = gate;
        ops::swigluRows(sep.data(), up.data(), n, rows);
        QVERIFY2(maxAbsDiff(g.get(O, sep.size()), sep) < 1e-5, "SwiGLU differs");
        QCOMPARE(g.messages(), 0u);
    }

    void rope_data() {
        QTest::addColumn<bool>("neox");
        QTest::addColumn<int>("ropeDim");
        QTest::addColumn<bool>("factors");
        QTest::newRow("pairs, whole head") << false << 64 << false;
        QTest::newRow("neox, whole head") << true << 64 << false;
        QTest::newRow("pairs, half the head (ChatGLM)") << false << 32 << false;
        QTest::newRow("neox, a quarter, frequency factors") << true << 16 << true;
    }
    void rope() {
        QFETCH(bool, neox);
        QFETCH(int, ropeDim);
        QFETCH(bool, factors);
        Gpu g;
        QVERIFY2(g.ok(), g.error.c_str());
        const int heads = 6, headDim = 64, tokens = 3, stride = heads * headDim + 4, pos0 = 37;
        const auto v = randomFloats(size_t(tokens) * stride, 8);
        std::vector<float> ff(size_t(ropeDim / 2), 1.0f);
        if (factors)
            for (size_t i = 0; i < ff.size(); ++i) ff[i] = 1.0f + 0.5f * float(i);
        Span V = g.put(v), F = g.put(ff);
        Ops::RopeParams rp;
        rp.nHeads = heads;
        rp.headDim = headDim;
        rp.ropeDim = uint32_t(ropeDim);
        rp.pos0 = pos0;
        rp.rowStride = stride;
        rp.neox = neox;
        rp.thetaScale = std::pow(10000.0f, -2.0f / float(ropeDim));
        rp.freqScale = 0.5f;
        std::string why;
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->rope(cb, *g.sets, V, F, factors, rp, tokens); }, &why), why.c_str());
        std::vector<float> ref = v;
        for (int t = 0; t < tokens; ++t)
            for (int h = 0; h < heads; ++h)
                for (int i = 0; i < ropeDim / 2; ++i) {
                    const double theta = double(pos0 + t) * 0.5 * std::pow(double(rp.thetaScale), i) / double(ff[size_t(i)]);
                    const size_t base = size_t(t) * stride + size_t(h) * headDim;
                    const size_t a = base + size_t(neox ? i : 2 * i), b = base + size_t(neox ? i + ropeDim / 2 : 2 * i + 1);
                    const double x0 = v[a], x1 = v[b];
                    ref[a] = float(x0 * std::cos(theta) - x1 * std::sin(theta));
                    ref[b] = float(x0 * std::sin(theta) + x1 * std::cos(theta));
                }
        const auto got = g.get(V, ref.size());
        QVERIFY2(maxAbsDiff(got, ref) < 3e-5, qPrintable(QString("rotary differs by %1").arg(maxAbsDiff(got, ref))));
        QCOMPARE(g.messages(), 0u);
    }

    void attention_data() {
        QTest::addColumn<int>("headDim");
        QTest::addColumn<int>("pos0");
        QTest::addColumn<int>("tokens");
        QTest::addColumn<bool>("alibi");
        QTest::newRow("prompt of 70 (two key chunks)") << 64 << 0 << 70 << false;
        QTest::newRow("decode at 130") << 128 << 130 << 1 << false;
        QTest::newRow("head of 80, batch after a prefix") << 80 << 40 << 5 << false;
        QTest::newRow("ALiBi") << 32 << 10 << 60 << true;
    }
    void attention() {
        QFETCH(int, headDim);
        QFETCH(int, pos0);
        QFETCH(int, tokens);
        QFETCH(bool, alibi);
        Gpu g;
        QVERIFY2(g.ok(), g.error.c_str());
        const int nHead = 8, nKv = 2, kvDim = nKv * headDim, context = 256, qStride = nHead * headDim + 2;
        const int total = pos0 + tokens;
        // Keys and values of every position, the first pos0 stored by an earlier call.
        const auto k = randomFloats(size_t(total) * kvDim, 9), v = randomFloats(size_t(total) * kvDim, 10);
        const auto q = randomFloats(size_t(tokens) * qStride, 11);
        std::vector<float> slopes = ops::alibiSlopes(nHead, 8.0f);
        auto KC = g.mem->allocate(size_t(context) * kvDim * 2), VC = g.mem->allocate(size_t(context) * kvDim * 2);
        QVERIFY(KC.ok() && VC.ok());
        Span Q = g.put(q), S = g.put(slopes), O = g.zeros(size_t(tokens) * nHead * headDim);
        std::string why;
        auto store = [&](int from, int count) {  // the rows of positions from .. from + count - 1
            std::vector<float> kk(k.begin() + ptrdiff_t(from) * kvDim, k.begin() + ptrdiff_t(from + count) * kvDim);
            std::vector<float> vv(v.begin() + ptrdiff_t(from) * kvDim, v.begin() + ptrdiff_t(from + count) * kvDim);
            const Span kpart = g.put(kk), vpart = g.put(vv);
            return g.run([&](VkCommandBuffer cb) {
                return g.ops->kvStore(cb, *g.sets, kpart, kvDim, vpart, kvDim, *KC, *VC, kvDim, uint32_t(from), uint32_t(count));
            }, &why);
        };
        if (pos0 > 0) QVERIFY2(store(0, pos0), why.c_str());
        QVERIFY2(store(pos0, tokens), why.c_str());
        Ops::AttentionParams ap;
        ap.nHead = nHead;
        ap.nKv = nKv;
        ap.headDim = uint32_t(headDim);
        ap.pos0 = uint32_t(pos0);
        ap.qStride = qStride;
        ap.oStride = nHead * headDim;
        ap.scale = 1.0f / std::sqrt(float(headDim));
        ap.alibi = alibi;
        QVERIFY2(g.run([&](VkCommandBuffer cb) { return g.ops->attention(cb, *g.sets, Q, *KC, *VC, O, S, ap, tokens); }, &why),
                 why.c_str());

        // The cache holds every key and value rounded to half.
        std::vector<uint16_t> cached(size_t(total) * kvDim);
        QVERIFY(g.transfer->download(*KC, 0, cached.data(), cached.size() * 2).ok());
        for (size_t i = 0; i < cached.size(); ++i) QCOMPARE(cached[i], floatToHalf(k[i]));

        std::vector<float> ref(size_t(tokens) * nHead * headDim);
        for (int t = 0; t < tokens; ++t)
            for (int h = 0; h < nHead; ++h) {
                const int kvh = h / (nHead / nKv), keys = pos0 + t + 1;
                std::vector<double> s(static_cast<size_t>(keys));
                double mx = -1e300;
                for (int j = 0; j < keys; ++j) {
                    double d = 0;
                    for (int e = 0; e < headDim; ++e)
                        d += double(q[size_t(t) * qStride + size_t(h) * headDim + e]) *
                             halfToFloat(floatToHalf(k[size_t(j) * kvDim + size_t(kvh) * headDim + e]));
                    s[size_t(j)] = d * ap.scale + (alibi ? double(slopes[size_t(h)]) * -double(keys - 1 - j) : 0.0);
                    mx = std::max(mx, s[size_t(j)]);
                }
                double sum = 0;
                for (double& x : s) sum += (x = std::exp(x - mx));
                for (int e = 0; e < headDim; ++e) {
                    double o = 0;
                    for (int j = 0; j < keys; ++j)
                        o += s[size_t(j)] * halfToFloat(floatToHalf(v[size_t(j) * kvDim + size_t(kvh) * headDim + e]));
                    ref[size_t(t) * nHead * headDim + size_t(h) * headDim + size_t(e)] = float(o / sum);
                }
            }
        const auto got = g.get(O, ref.size());
        QVERIFY2(maxAbsDiff(got, ref) < 2e-5, qPrintable(QString("attention differs by %1").arg(maxAbsDiff(got, ref))));
        QCOMPARE(g.messages(), 0u);
    }
};

QTEST_GUILESS_MAIN(TestVkOps)
#include "test_vk_ops.moc"
