// The quantizer's SIMD row conversions (KernelTable::quantizeRow, dequantizeRow)
// against the scalar references, byte for byte, at every instruction-set level this CPU runs:
//  - every one of the 65,536 half and bfloat16 bit patterns converts to the same float bits (NaNs: both
//    NaN, as F16C makes signalling NaNs quiet);
//  - Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, F16, BF16, Q4_K, Q5_K and Q6_K rows: random rows at magnitudes from 1e-30 to the
//    type's limit, and blocks built on the references' order-dependent cases: all zeros, zeros of both
//    signs as the minimum / maximum, +amax and -amax in both orders, ties at exactly half a level, float
//    subnormals, one outlier, constant blocks; quantizeRows() (which picks the fast path) gives the same
//    bytes as the reference called directly.
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/common/cpu_features.h"
#include "core/gguf/ggml_type.h"
#include "core/quant/dot.h"
#include "core/quant/fp16.h"
#include "core/quant/quantize.h"
#include "core/quant/ref/ref_rows.h"

using qd::GgmlType;
using qd::IsaLevel;
using qd::KernelTable;

namespace {

struct Case {
    GgmlType type;
    qd::ref::QuantizeRowFn reference;
};

const Case kCases[] = {
    {GgmlType::Q4_0, qd::ref::quantizeQ4_0}, {GgmlType::Q4_1, qd::ref::quantizeQ4_1},
    {GgmlType::Q5_0, qd::ref::quantizeQ5_0}, {GgmlType::Q5_1, qd::ref::quantizeQ5_1},
    {GgmlType::Q8_0, qd::ref::quantizeQ8_0}, {GgmlType::F16, qd::ref::quantizeF16},
    {GgmlType::BF16, qd::ref::quantizeBF16}, {GgmlType::Q4_K, qd::ref::quantizeQ4_K},
    {GgmlType::Q5_K, qd::ref::quantizeQ5_K}, {GgmlType::Q6_K, qd::ref::quantizeQ6_K},
};

std::vector<const KernelTable*> fastTables() {
    std::vector<const KernelTable*> out;
    for (IsaLevel level : {IsaLevel::Avx2, IsaLevel::Avx512})
        if (const KernelTable* t = qd::kernelsFor(level)) out.push_back(t);
    return out;
}

uint32_t bitsOf(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

// Blocks of 32 that make the references' scalar loops decide something by order or by rounding.
std::vector<float> adversarialRow() {
    std::vector<float> row;
    auto block = [&](auto fill) {
        float b[32];
        for (int j = 0; j < 32; ++j) b[j] = fill(j);
        for (float v : b) row.push_back(v);
    };
    block([](int) { return 0.0f; });
    block([](int) { return -0.0f; });
    block([](int j) { return j % 2 ? -0.0f : 0.0f; });
    block([](int j) { return j == 5 ? 3.0f : (j % 3 ? 0.0f : -0.0f); });     // min is a zero
    block([](int j) { return j == 7 ? -3.0f : (j % 2 ? -0.0f : 0.0f); });    // max is a zero
    block([](int j) { return j == 3 ? 2.0f : j == 9 ? -2.0f : 0.25f * j / 32; });   // +amax first
    block([](int j) { return j == 3 ? -2.0f : j == 9 ? 2.0f : 0.25f * j / 32; });   // -amax first
    block([](int j) { return j == 31 ? 8.0f : j == 0 ? -8.0f : 0.5f + (j - 16); }); // halves at Q4_0's step 1
    block([](int j) { return j == 0 ? 127.0f : (j - 16) + 0.5f; });                 // Q8_0 ties, id = 1
    block([](int j) { return j == 0 ? -127.0f : -((j - 16) + 0.5f); });
    block([](int j) { return j == 0 ? 15.0f : j == 1 ? 0.0f + 1e-7f : 0.5f * j / 2; });  // Q4_1 level ties
    block([](int j) { return std::ldexp(1.0f, -140) * (j - 13); });                     // float subnormals
    block([](int j) { return j == 17 ? 1000.0f : 1e-3f * std::sin(float(j)); });       // one outlier
    block([](int) { return 1.25f; });                                                  // constant
    block([](int) { return -7.5f; });
    block([](int j) { return j < 16 ? 1.0f : -1.0f; });
    return row;
}

}  // namespace

class TestQuantRowsSimd : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (fastTables().empty()) QSKIP("this CPU has no SIMD level beyond the scalar reference");
    }

    void halfAndBf16Rows() {
        std::vector<uint16_t> all(65536);
        for (uint32_t i = 0; i < 65536; ++i) all[i] = static_cast<uint16_t>(i);
        for (const KernelTable* t : fastTables()) {
            std::vector<float> fast(65536 + 3), slow(65536 + 3);
            // An odd length and offset exercise the tails.
            t->dequantizeRowFor(GgmlType::F16)(all.data() + 1, fast.data(), 65535);
            t->dequantizeRowFor(GgmlType::BF16)(all.data() + 1, slow.data(), 65535);
            int halfMismatch = 0, bfMismatch = 0;
            for (uint32_t i = 1; i < 65536; ++i) {
                const float h = qd::halfToFloat(static_cast<uint16_t>(i));
                const float b = qd::bf16ToFloat(static_cast<uint16_t>(i));
                const float hf = fast[i - 1], bf = slow[i - 1];
                if (std::isnan(h) ? !std::isnan(hf) : bitsOf(h) != bitsOf(hf)) ++halfMismatch;
                if (std::isnan(b) ? !std::isnan(bf) : bitsOf(b) != bitsOf(bf)) ++bfMismatch;
            }
            QCOMPARE(halfMismatch, 0);
            QCOMPARE(bfMismatch, 0);
        }
    }

    void quantizedRows_data() {
        QTest::addColumn<int>("caseIndex");
        for (int i = 0; i < int(std::size(kCases)); ++i)
            QTest::newRow(std::string(qd::ggmlTypeName(kCases[i].type)).c_str()) << i;
    }

    void quantizedRows() {
        QFETCH(int, caseIndex);
        const Case& c = kCases[caseIndex];
        const float limit = qd::maxQuantizableMagnitude(c.type) > 0 ? qd::maxQuantizableMagnitude(c.type) : 3e38f;
        std::vector<std::vector<float>> rows;
        rows.push_back(adversarialRow());
        QRandomGenerator rng(1234 + caseIndex);
        const float magnitudes[] = {1e-30f, 1e-8f, 1e-3f, 0.02f, 1.0f, 300.0f, 6e4f, limit / 2};
        for (float scale : magnitudes) {
            for (int rep = 0; rep < 8; ++rep) {
                std::vector<float> row(32 * 96);
                for (auto& v : row) v = static_cast<float>(rng.generateDouble() * 2 - 1) * scale;
                if (rep % 2) row[rng.bounded(int(row.size()))] = scale * 8;  // an outlier
                if (rep == 3)
                    for (auto& v : row) v = std::round(v / scale * 16) / 16 * scale;  // many exact ties
                for (auto& v : row) v = std::fmax(-limit, std::fmin(limit, v));
                rows.push_back(row);
            }
        }
        int compared = 0;
        for (const KernelTable* t : fastTables()) {
            const qd::FromFloatFn fast = t->quantizeRowFor(c.type);
            QVERIFY2(fast, "no SIMD quantizer for this type");
            for (const auto& row : rows) {
                const int64_t n = static_cast<int64_t>(row.size());
                const size_t bytes = static_cast<size_t>(*qd::ggmlRowBytes(c.type, uint64_t(n)));
                std::vector<uint8_t> a(bytes, 0xAA), b(bytes, 0x55), viaApi(bytes, 0x11);
                c.reference(row.data(), a.data(), n, nullptr);
                fast(row.data(), b.data(), n);
                for (size_t i = 0; i < bytes; ++i)
                    if (a[i] != b[i])
                        QFAIL(("byte " + std::to_string(i) + " (of " + std::to_string(bytes) + ")" +
                               " differs at level " + std::string(qd::isaLevelName(t->level)))
                                  .c_str());
                ++compared;
                // The public entry point takes the selected table's fast path: same bytes.
                QVERIFY(qd::quantizeRows(c.type, row.data(), viaApi.data(), 1, n));
                QVERIFY(viaApi == a);
            }
        }
        QVERIFY(compared >= int(rows.size()));
    }

    // The SIMD dequantizers (KernelTable::dequantizeRow): the reference's floats, bit for bit, on rows
    // quantized from random values at several magnitudes and from the adversarial blocks; dequantizeRow()
    // (quantize.h), which takes them, gives the same floats too.
    void dequantizers() {
        const struct {
            GgmlType type;
            qd::ref::DequantizeRowFn reference;
        } types[] = {{GgmlType::Q4_0, qd::ref::dequantizeQ4_0}, {GgmlType::Q4_1, qd::ref::dequantizeQ4_1},
                     {GgmlType::Q8_0, qd::ref::dequantizeQ8_0}, {GgmlType::Q4_K, qd::ref::dequantizeQ4_K},
                     {GgmlType::Q6_K, qd::ref::dequantizeQ6_K}, {GgmlType::F16, qd::ref::dequantizeF16},
                     {GgmlType::BF16, qd::ref::dequantizeBF16}};
        QRandomGenerator rng(99);
        int compared = 0;
        for (const auto& [type, reference] : types) {
            std::vector<std::vector<float>> rows{adversarialRow()};
            for (float scale : {1e-6f, 0.02f, 3.0f, 1000.0f}) {
                std::vector<float> row(256 * 6);
                for (auto& v : row) v = static_cast<float>(rng.generateDouble() * 2 - 1) * scale;
                rows.push_back(row);
            }
            for (const auto& row : rows) {
                const int64_t n = static_cast<int64_t>(row.size());
                if (n % 256) continue;
                std::vector<uint8_t> packed(static_cast<size_t>(*qd::ggmlRowBytes(type, uint64_t(n))));
                QVERIFY(qd::quantizeRows(type, row.data(), packed.data(), 1, n));
                std::vector<float> ref(row.size()), got(row.size(), -1.0f), viaApi(row.size(), -2.0f);
                reference(packed.data(), ref.data(), n);
                QVERIFY(qd::dequantizeRow(type, packed.data(), viaApi.data(), n));
                QVERIFY(std::memcmp(viaApi.data(), ref.data(), ref.size() * 4) == 0);
                for (const KernelTable* t : fastTables()) {
                    QVERIFY2(t->dequantizeRowFor(type), qd::ggmlTypeName(type).data());
                    t->dequantizeRowFor(type)(packed.data(), got.data(), n);
                    QVERIFY2(std::memcmp(got.data(), ref.data(), ref.size() * 4) == 0, qd::ggmlTypeName(type).data());
                    ++compared;
                }
            }
        }
        QVERIFY(compared > 0);
    }
};

QTEST_APPLESS_MAIN(TestQuantRowsSimd)
#include "test_quant_rows_simd.moc"
