// The lab's parameterised block formats (core/lab/block_format.h): at QK = 32 with F16 scales and the
// extremes rule they are Q4_0, Q4_1, Q5_0, Q5_1 and Q8_0 byte for byte — checked against the tensors of
// llama.cpp's own quantizations of the shakespeare model (an oracle this code shares nothing with) and
// against QuantDesk's reference quantizers on random rows; bits per weight are the known values; the
// search rule fits better than the extremes; padding and every width round-trip.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/gguf/gguf_file.h"
#include "core/lab/block_format.h"
#include "core/quant/quantize.h"

using namespace qd;
using namespace qd::lab;

namespace {

const QString kFixtures = QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/");

struct Known {
    const char* file;
    GgmlType type;
    Family family;
    int bits;
};

const Known kKnown[] = {{"shakespeare-Q4_0.gguf", GgmlType::Q4_0, Family::Symmetric, 4},
                        {"shakespeare-Q4_1.gguf", GgmlType::Q4_1, Family::Asymmetric, 4},
                        {"shakespeare-Q5_0.gguf", GgmlType::Q5_0, Family::Symmetric, 5},
                        {"shakespeare-Q5_1.gguf", GgmlType::Q5_1, Family::Asymmetric, 5},
                        {"shakespeare-Q8_0.gguf", GgmlType::Q8_0, Family::Symmetric, 8}};

std::vector<float> floats(const GgufFile& f, const GgufTensorInfo& t) {
    std::vector<float> out(t.nElements);
    const auto bytes = f.tensorData(t);
    std::memcpy(out.data(), bytes.data(), out.size() * sizeof(float));
    return out;
}

double sse(const std::vector<float>& a, const std::vector<float>& b) {
    double e = 0;
    for (size_t i = 0; i < a.size(); ++i) e += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    return e;
}

}  // namespace

class TestBlockFormat : public QObject {
    Q_OBJECT

private slots:
    void llamaCppTensorsByteForByte() {
        auto source = GgufFile::open((kFixtures + "shakespeare-F32.gguf").toStdString());
        QVERIFY(source.ok());
        for (const Known& k : kKnown) {
            auto file = GgufFile::open((kFixtures + k.file).toStdString());
            QVERIFY(file.ok());
            int compared = 0;
            for (const auto& t : file->tensors()) {
                if (t.type != k.type) continue;
                const GgufTensorInfo* src = source->findTensor(t.name);
                QVERIFY(src && src->type == GgmlType::F32);
                const std::vector<float> x = floats(*source, *src);
                const BlockFormat f{k.family, 32, k.bits, ScaleFormat::F16};
                const int64_t n = int64_t(t.rowLength());
                std::vector<uint8_t> ours(f.rowBytes(n) * t.rowCount());
                for (uint64_t r = 0; r < t.rowCount(); ++r)
                    quantizeRow(f, x.data() + r * n, n, ours.data() + r * f.rowBytes(n), ScaleRule::Extremes);
                const auto theirs = file->tensorData(t);
                QCOMPARE(ours.size(), theirs.size());
                QVERIFY2(std::memcmp(ours.data(), theirs.data(), ours.size()) == 0, (std::string(k.file) + " " + t.name).c_str());
                ++compared;
            }
            QVERIFY2(compared > 0, k.file);
        }
    }

    void randomRowsEqualTheReferenceQuantizers() {
        std::mt19937 rng(3);
        std::normal_distribution<float> nd(0.0f, 1.0f);
        for (const Known& k : kKnown) {
            const BlockFormat f{k.family, 32, k.bits, ScaleFormat::F16};
            for (int round = 0; round < 20; ++round) {
                std::vector<float> x(256);
                for (auto& v : x) v = nd(rng) * (round % 3 == 0 ? 0.01f : 1.0f) + (round % 4 == 1 ? 0.5f : 0.0f);
                if (round == 5) std::fill(x.begin(), x.begin() + 32, 0.0f);  // an all-zero block
                std::vector<uint8_t> ours(f.rowBytes(256)), ref(ours.size());
                quantizeRow(f, x.data(), 256, ours.data(), ScaleRule::Extremes);
                QVERIFY(quantizeRows(k.type, x.data(), ref.data(), 1, 256).ok());
                QCOMPARE(ours, ref);
                std::vector<float> a(256), b(256);
                dequantizeRow(f, ours.data(), 256, a.data());
                QVERIFY(qd::dequantizeRow(k.type, ref.data(), b.data(), 256).ok());
                QCOMPARE(a, b);
            }
        }
    }

    void bitsPerWeight() {
        QCOMPARE(BlockFormat({Family::Symmetric, 32, 4, ScaleFormat::F16}).bitsPerWeight(4096), 4.5);
        QCOMPARE(BlockFormat({Family::Asymmetric, 32, 4, ScaleFormat::F16}).bitsPerWeight(4096), 5.0);
        QCOMPARE(BlockFormat({Family::Symmetric, 32, 5, ScaleFormat::F16}).bitsPerWeight(4096), 5.5);
        QCOMPARE(BlockFormat({Family::Asymmetric, 32, 5, ScaleFormat::F16}).bitsPerWeight(4096), 6.0);
        QCOMPARE(BlockFormat({Family::Symmetric, 32, 8, ScaleFormat::F16}).bitsPerWeight(4096), 8.5);
        // MXFP4's size: 4-bit levels with a power-of-two scale per 32.
        QCOMPARE(BlockFormat({Family::Symmetric, 32, 4, ScaleFormat::E8M0}).bitsPerWeight(4096), 4.25);
        QCOMPARE(BlockFormat({Family::Symmetric, 256, 3, ScaleFormat::F16}).bitsPerWeight(4096), 3.0 + 16.0 / 256.0);
        // Falcon's 4544-wide rows with QK 128: 36 blocks, the last padded.
        const BlockFormat f{Family::Symmetric, 128, 4, ScaleFormat::F16};
        QCOMPARE(f.rowBytes(4544), size_t(36 * 66));
        QCOMPARE(f.bitsPerWeight(4544), 36.0 * 66 * 8 / 4544);
        QVERIFY(!BlockFormat({Family::Symmetric, 33, 4, ScaleFormat::F16}).problem().empty());
        QVERIFY(!BlockFormat({Family::Symmetric, 32, 9, ScaleFormat::F16}).problem().empty());
        QVERIFY(BlockFormat({Family::Symmetric, 33, 3, ScaleFormat::F16}).problem().empty());
        // The whole row as one block: one scale per row.
        const BlockFormat row{Family::Symmetric, 0, 4, ScaleFormat::F16};
        QVERIFY(row.problem().empty());
        QCOMPARE(row.rowBytes(4096), size_t(2 + 2048));
        QCOMPARE(row.rowBytes(255), size_t(2 + 128));  // an odd width pairs its levels with one padding level
        QCOMPARE(row.qkFor(4544), 4544);
    }

    // Every family, width, QK and scale format: the round trip stays within one step of the scale per
    // weight, padding included, and the search's squared error is below the extremes rule's.
    void everyFormatRoundTripsAndSearchFitsBetter() {
        std::mt19937 rng(17);
        std::student_t_distribution<float> heavy(4.0f);  // weights have heavier tails than a normal
        const int64_t n = 1000;                          // no QK below divides it evenly except 8
        std::vector<float> x(static_cast<size_t>(n));
        for (auto& v : x) v = heavy(rng) * 0.02f;
        for (Family fam : {Family::Symmetric, Family::Asymmetric})
            for (int bits = 2; bits <= 8; ++bits)
                for (int qk : {8, 16, 32, 64, 128, 256, 512, 1000, 0})
                    for (ScaleFormat sf : {ScaleFormat::F16, ScaleFormat::E8M0}) {
                        const BlockFormat f{fam, qk, bits, sf};
                        QVERIFY2(f.problem().empty(), f.name().c_str());
                        std::vector<uint8_t> q(f.rowBytes(n));
                        std::vector<float> extremes(x.size()), searched(x.size());
                        quantizeRow(f, x.data(), n, q.data(), ScaleRule::Extremes);
                        dequantizeRow(f, q.data(), n, extremes.data());
                        quantizeRow(f, x.data(), n, q.data(), ScaleRule::Search);
                        dequantizeRow(f, q.data(), n, searched.data());
                        // The extremes rule's worst case per weight: type-0 with an F16 scale maps the signed
                        // largest magnitude to -bias, so a weight of the other sign may clip by one step (amax /
                        // bias); with a power-of-two scale nothing clips and the error is half a step of at most
                        // twice amax / (bias - 1). Type-1: half a step of range / (levels - 1), a power of two up
                        // to twice that, plus the minimum's rounding to half precision.
                        const int64_t step = f.qkFor(n);
                        for (int64_t b = 0; b < n; b += step) {
                            float lo = 1e30f, hi = -1e30f, amax = 0.0f;
                            const int64_t end = std::min(n, b + step);
                            for (int64_t j = b; j < end; ++j) {
                                lo = std::min(lo, x[size_t(j)]), hi = std::max(hi, x[size_t(j)]);
                                amax = std::max(amax, std::fabs(x[size_t(j)]));
                            }
                            if (end - b < step) lo = std::min(lo, 0.0f), hi = std::max(hi, 0.0f);  // the zero padding
                            const double bias = double(1 << (bits - 1));
                            double bound;
                            if (fam == Family::Symmetric)
                                bound = sf == ScaleFormat::F16 ? amax / (bits == 8 ? 127.0 : bias) : amax / (bits == 8 ? 127.0 : bias - 1);
                            else
                                bound = (double(hi) - lo) / ((1 << bits) - 1) * (sf == ScaleFormat::F16 ? 0.5 : 1.0) + 1e-3 * std::fabs(lo);
                            for (int64_t j = b; j < end; ++j)
                                QVERIFY2(std::fabs(double(extremes[size_t(j)]) - x[size_t(j)]) <= bound * 1.002 + 1e-9, f.name().c_str());
                        }
                        QVERIFY2(sse(searched, x) <= sse(extremes, x) * 1.0001, f.name().c_str());
                    }
    }
};

QTEST_APPLESS_MAIN(TestBlockFormat)
#include "test_block_format.moc"
