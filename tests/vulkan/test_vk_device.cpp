// The Vulkan foundation on a real device: Mesa's lavapipe (the CPU implementation from
// mesa-vulkan-drivers), selected explicitly, under the Khronos validation layer; any validation message
// fails the test. A machine without that device fails too: CI installs it, so a missing device is a
// broken setup, not a reason to skip.
//
// - device choice: the ranking (discrete > integrated > virtual; CPU implementations only when asked);
// - the sub-allocator: alignment, reuse and coalescing of freed ranges, one block per oversized request;
// - copies host <-> device, mapped and through the staging buffer (forced, as on discrete GPUs), across
//   the staging chunk size;
// - matrix times vectors for F32, F16, Q8_0, Q4_0, Q4_K and Q6_K on odd shapes and token counts, against the
//   dequantized weights summed in double (a normalized error bound), in both memory modes;
// - a broken driver file gives an error that says so, not a crash.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>

#include "core/engine/vulkan/vk_context.h"
#include "core/engine/vulkan/vk_memory.h"
#include "core/engine/vulkan/vk_ops.h"
#include "core/engine/vulkan/vk_pipeline.h"
#include "core/gguf/ggml_type.h"
#include "core/quant/quantize.h"
#include "lavapipe.h"

using namespace qd;
using namespace qd::vk;
using testvk::Lavapipe;
using testvk::openLavapipe;
using testvk::randomFloats;

namespace {

DeviceInfo fakeDevice(uint32_t index, DeviceKind kind, uint64_t memory, std::string reason = {}) {
    DeviceInfo d;
    d.index = index;
    d.name = "device " + std::to_string(index);
    d.kind = kind;
    d.deviceLocalBytes = memory;
    d.unusableReason = std::move(reason);
    return d;
}

}  // namespace

class TestVkDevice : public QObject {
    Q_OBJECT
private slots:
    void deviceRanking() {
        const std::vector<DeviceInfo> all = {fakeDevice(0, DeviceKind::Cpu, 1ull << 30), fakeDevice(1, DeviceKind::Integrated, 2ull << 30),
                                             fakeDevice(2, DeviceKind::Discrete, 4ull << 30), fakeDevice(3, DeviceKind::Discrete, 8ull << 30),
                                             fakeDevice(4, DeviceKind::Virtual, 16ull << 30)};
        QCOMPARE(*chooseDevice(all, {}), 3u);  // the discrete GPU with more memory
        std::vector<DeviceInfo> noDiscrete = {all[0], all[1], all[4]};
        QCOMPARE(*chooseDevice(noDiscrete, {}), 1u);  // integrated before virtual
        std::vector<DeviceInfo> cpuOnly = {all[0]};
        auto refused = chooseDevice(cpuOnly, {});
        QVERIFY(!refused.ok());
        QVERIFY2(QString::fromStdString(refused.message()).contains("CPU implementation"), refused.message().c_str());
        QCOMPARE(*chooseDevice(cpuOnly, DeviceChoice{true}), 0u);
        std::vector<DeviceInfo> broken = {fakeDevice(0, DeviceKind::Discrete, 8ull << 30, "it has no compute queue"), all[1]};
        QCOMPARE(*chooseDevice(broken, {}), 1u);
        auto named = chooseDevice(broken, DeviceChoice{false, 0});
        QVERIFY(!named.ok() && QString::fromStdString(named.message()).contains("no compute queue"));
        QVERIFY(!chooseDevice(all, DeviceChoice{false, 9}).ok());
        QVERIFY(!chooseDevice({}, {}).ok());
    }

    void lavapipeIsListed() {
        Lavapipe l = openLavapipe(false);
        QVERIFY2(l.device, l.error.c_str());
        const DeviceInfo& d = l.device->info();
        QCOMPARE(d.kind, DeviceKind::Cpu);
        QVERIFY(d.deviceLocalHostVisible);
        QVERIFY(!l.device->staging());
        QVERIFY(d.maxStorageBufferRange >= (1u << 27));
        QVERIFY(d.unusableReason.empty());
        Lavapipe staged = openLavapipe(true);
        QVERIFY2(staged.device, staged.error.c_str());
        QVERIFY(staged.device->staging());
        QCOMPARE(l.instance->validationMessages(), 0u);
    }

    void allocatorReusesAndCoalesces() {
        Lavapipe l = openLavapipe(false);
        QVERIFY2(l.device, l.error.c_str());
        Allocator a(*l.device, MemoryUse::Device, 1 << 20);
        auto s1 = a.allocate(1000), s2 = a.allocate(3000), s3 = a.allocate(10);
        QVERIFY(s1.ok() && s2.ok() && s3.ok());
        for (const Span* s : {&*s1, &*s2, &*s3}) {
            QCOMPARE(s->offset % a.alignment(), VkDeviceSize(0));
            QVERIFY(s->mapped);
        }
        QCOMPARE(s1->buffer, s2->buffer);
        QVERIFY(s2->offset >= s1->offset + 1000);
        a.release(*s1);
        a.release(*s2);
        auto s4 = a.allocate(3500);  // fits only in the coalesced range s1 + s2 left
        QVERIFY(s4.ok());
        QCOMPARE(s4->offset, s1->offset);
        auto big = a.allocate(3 << 20);  // larger than a block: a block of its own
        QVERIFY(big.ok());
        QVERIFY(big->buffer != s1->buffer);
        QCOMPARE(a.reservedBytes(), uint64_t(1 << 20) + uint64_t(3 << 20));
        a.release(*s3);
        a.release(*s4);
        a.release(*big);
        QCOMPARE(a.usedBytes(), uint64_t(0));
        QCOMPARE(l.instance->validationMessages(), 0u);
    }

    void transfers_data() {
        QTest::addColumn<bool>("staging");
        QTest::newRow("mapped") << false;
        QTest::newRow("staging") << true;
    }
    void transfers() {
        QFETCH(bool, staging);
        Lavapipe l = openLavapipe(staging);
        QVERIFY2(l.device, l.error.c_str());
        Allocator a(*l.device, MemoryUse::Device);
        Transfer t(*l.device);
        const size_t n = (65u << 20) + 12345;  // past one 64 MiB staging chunk, not a multiple of 4 KiB
        std::vector<uint8_t> data(n), back(n, 0);
        std::mt19937 rng(7);
        for (uint8_t& b : data) b = uint8_t(rng());
        auto span = a.allocate(n);
        QVERIFY(span.ok());
        QCOMPARE(span->mapped == nullptr, staging);
        QVERIFY(t.upload(*span, 0, data.data(), n).ok());
        QVERIFY(t.download(*span, 0, back.data(), n).ok());
        QVERIFY(data == back);
        // A piece in the middle.
        std::vector<uint8_t> piece(777, 0x5a), out(777);
        QVERIFY(t.upload(*span, 4097, piece.data(), piece.size()).ok());
        QVERIFY(t.download(*span, 4097, out.data(), out.size()).ok());
        QVERIFY(piece == out);
        QVERIFY(t.fill(*span, 0).ok());
        QVERIFY(t.download(*span, 0, back.data(), 4096).ok());
        QVERIFY(std::all_of(back.begin(), back.begin() + 4096, [](uint8_t b) { return b == 0; }));
        QVERIFY(!t.upload(*span, span->size - 10, data.data(), 11).ok());  // past the end: refused
        a.release(*span);
        QCOMPARE(l.instance->validationMessages(), 0u);
    }

    void matVec_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("tokens");
        QTest::addColumn<bool>("staging");
        // Every weight type the CPU engine multiplies (Ops::hasMatVec must agree), with token counts of
        // one, part of a tile, and more than one tile (the kernels take 8 tokens per work group).
        for (GgmlType t : {GgmlType::F32, GgmlType::F16, GgmlType::BF16, GgmlType::Q4_0, GgmlType::Q4_1, GgmlType::Q5_0,
                           GgmlType::Q5_1, GgmlType::Q8_0, GgmlType::IQ4_NL, GgmlType::Q2_K, GgmlType::Q3_K, GgmlType::Q4_K,
                           GgmlType::Q5_K, GgmlType::Q6_K, GgmlType::IQ4_XS}) {
            const bool k = ggmlTypeTraits(t).blockSize == 256;  // rows of whole 256-weight super-blocks
            const auto shapes = k ? std::vector<std::tuple<int, int, int>>{{1, 256, 1}, {7, 512, 3}, {67, 2816, 2}, {300, 256, 5}, {5, 768, 19}}
                                  : std::vector<std::tuple<int, int, int>>{{1, 32, 1}, {7, 96, 3}, {67, 4544, 2}, {300, 256, 5}, {5, 576, 19}};
            for (auto [rows, cols, tokens] : shapes)
                for (bool staging : {false, true})
                    QTest::newRow(QString("%1 %2x%3 n%4%5").arg(QString::fromUtf8(ggmlTypeName(t).data(), int(ggmlTypeName(t).size())))
                                      .arg(rows).arg(cols).arg(tokens).arg(staging ? " staged" : "").toUtf8())
                        << int(t) << rows << cols << tokens << staging;
        }
    }
    void matVec() {
        QFETCH(int, type);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, tokens);
        QFETCH(bool, staging);
        const GgmlType t = GgmlType(type);
        QVERIFY(Ops::hasMatVec(t));
        Lavapipe l = openLavapipe(staging);
        QVERIFY2(l.device, l.error.c_str());
        auto ops = Ops::create(*l.device, VK_NULL_HANDLE);
        QVERIFY2(ops.ok(), ops.ok() ? "" : ops.message().c_str());

        const std::vector<float> wf = randomFloats(size_t(rows) * cols, uint32_t(rows * 31 + cols), 0.5f);
        const uint64_t rowBytes = *ggmlRowBytes(t, uint64_t(cols));
        std::vector<uint8_t> wq(rowBytes * rows);
        QVERIFY(quantizeRows(t, wf.data(), wq.data(), rows, cols).ok());
        std::vector<float> wd(wf.size());
        for (int r = 0; r < rows; ++r) QVERIFY(dequantizeRow(t, wq.data() + r * rowBytes, wd.data() + size_t(r) * cols, cols).ok());
        const int xStride = cols + 3, yStride = rows + 5;  // strides wider than the rows, as the backend's buffers are
        std::vector<float> x = randomFloats(size_t(tokens) * xStride, 99);

        Allocator mem(*l.device, MemoryUse::Device);
        Transfer tr(*l.device);
        auto W = mem.allocate(wq.size()), X = mem.allocate(x.size() * 4), Y = mem.allocate(size_t(tokens) * yStride * 4);
        QVERIFY(W.ok() && X.ok() && Y.ok());
        QVERIFY(tr.upload(*W, 0, wq.data(), wq.size()).ok());
        QVERIFY(tr.upload(*X, 0, x.data(), x.size() * 4).ok());
        QVERIFY(tr.fill(*Y, 0x7fc00000u).ok());  // NaN: every output must be written
        DescriptorArena sets(*l.device);
        Status recorded;
        QVERIFY(l.device->submitAndWait([&](VkCommandBuffer cb) {
            recorded = (*ops)->mulMv(cb, sets, t, *W, uint32_t(rows), uint32_t(cols), *X, uint32_t(xStride), *Y, uint32_t(yStride), uint32_t(tokens));
        }).ok());
        QVERIFY2(recorded.ok(), recorded.ok() ? "" : recorded.message().c_str());
        std::vector<float> y(size_t(tokens) * yStride);
        QVERIFY(tr.download(*Y, 0, y.data(), y.size() * 4).ok());

        double worst = 0;
        for (int tok = 0; tok < tokens; ++tok)
            for (int r = 0; r < rows; ++r) {
                double ref = 0, mag = 0;
                for (int c = 0; c < cols; ++c) {
                    const double p = double(wd[size_t(r) * cols + c]) * double(x[size_t(tok) * xStride + c]);
                    ref += p;
                    mag += std::fabs(p);
                }
                const double got = y[size_t(tok) * yStride + r];
                QVERIFY2(std::isfinite(got), qPrintable(QString("row %1 token %2 not written").arg(r).arg(tok)));
                worst = std::max(worst, std::fabs(got - ref) / (mag + 1e-30));
            }
        // Float sums of `cols` products in a different order than the double reference: a few float
        // epsilons of the magnitude.
        QVERIFY2(worst < 2e-6, qPrintable(QString("normalized error %1").arg(worst)));
        // The padding between tokens' outputs is left alone (still NaN).
        if (yStride > rows) QVERIFY(std::isnan(y[size_t(rows)]));
        QCOMPARE(l.instance->validationMessages(), 0u);
    }

    // A driver manifest that points nowhere: the instance or the device choice fails with a sentence.
    // Instances overlap (the GUI lists devices while a model holds one): a validated instance that
    // outlives a plain one made after it still ends cleanly (it once called the messenger's destroy
    // function through volk's globals, which the plain instance had reloaded without the extension).
    void overlappingInstancesEndCleanly() {
        auto validated = Instance::create(InstanceOptions{true});
        QVERIFY2(validated.ok(), validated.ok() ? "" : validated.message().c_str());
        {
            auto plain = Instance::create(InstanceOptions{false});
            QVERIFY(plain.ok());
            QVERIFY(!(*plain)->devices().empty());
        }
        QCOMPARE((*validated)->validationMessages(), 0u);
        validated = Instance::create(InstanceOptions{false});  // ends the validated instance here
        QVERIFY(validated.ok());
    }

    void brokenDriverFileFailsCleanly() {
        QTemporaryDir dir;
        const QString icd = dir.filePath("broken_icd.json");
        QFile f(icd);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"file_format_version": "1.0.0", "ICD": {"library_path": "/nonexistent/libvulkan_broken.so", "api_version": "1.3.0"}})");
        f.close();
        const QByteArray saved = qgetenv("VK_ICD_FILENAMES");
        const QByteArray savedDrivers = qgetenv("VK_DRIVER_FILES");
        qputenv("VK_ICD_FILENAMES", icd.toUtf8());
        qputenv("VK_DRIVER_FILES", icd.toUtf8());
        auto inst = Instance::create();
        std::string message;
        if (!inst) message = inst.message();
        else if (auto choice = chooseDevice((*inst)->devices(), DeviceChoice{true}); !choice) message = choice.message();
        if (saved.isNull()) qunsetenv("VK_ICD_FILENAMES"); else qputenv("VK_ICD_FILENAMES", saved);
        if (savedDrivers.isNull()) qunsetenv("VK_DRIVER_FILES"); else qputenv("VK_DRIVER_FILES", savedDrivers);
        QVERIFY2(!message.empty(), "a broken driver file gave a usable device");
        QVERIFY2(QString::fromStdString(message).contains("Vulkan") || QString::fromStdString(message).contains("vkCreateInstance"),
                 message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestVkDevice)
#include "test_vk_device.moc"
