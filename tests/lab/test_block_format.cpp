// The lab's parameterised block formats (core/lab/block_format.h): at QK = 32 with F16 scales and the
// extremes rule they are Q4_0, Q4_1, Q5_0, Q5_1 and Q8_0 byte for byte — checked against the tensors of
// llama.cpp's own quantizations of the shakespeare model (an oracle this code shares nothing with) and
// against QuantDesk's reference quantizers on random rows; the K-style format with Q4_K's parameters gives
// the weights of llama.cpp's Q4_K file exactly, the IQ4_NL-table codebook its IQ4_NL file's bytes; bits per weight are the known values; the
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

// Every row of tensor t (weights x, as floats) in format f.
std::vector<uint8_t> quantizeTensor(const BlockFormat& f, const std::vector<float>& x, const GgufTensorInfo& t, ScaleRule rule) {
    const int64_t n = int64_t(t.rowLength());
    const size_t rb = f.rowBytes(n);
    std::vector<uint8_t> out(rb * t.rowCount());
    for (uint64_t r = 0; r < t.rowCount(); ++r) quantizeRow(f, x.data() + r * n, n, out.data() + r * rb, rule);
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
                const std::vector<uint8_t> ours = quantizeTensor({k.family, 32, k.bits, ScaleFormat::F16}, x, t, ScaleRule::Extremes);
                const auto theirs = file->tensorData(t);
                QCOMPARE(ours.size(), theirs.size());
                QVERIFY2(std::memcmp(ours.data(), theirs.data(), ours.size()) == 0, (std::string(k.file) + " " + t.name).c_str());
                ++compared;
            }
            QVERIFY2(compared > 0, k.file);
        }
    }

    // The K-style quantizer with Q4_K's parameters (super-blocks of 256, sub-blocks of 32, 4 bits, 6-bit
    // codes) gives exactly the weights of llama.cpp's pure Q4_K file (its bytes order the codes differently),
    // and the codebook family with IQ4_NL's table at QK 32 gives the IQ4_NL file's bytes.
    void kStyleAndCodebookMatchLlamaCppFiles() {
        auto source = GgufFile::open((kFixtures + "shakespeare-F32.gguf").toStdString());
        QVERIFY(source.ok());
        BlockFormat q4k{Family::KStyle, 32, 4, ScaleFormat::F16};
        q4k.superBlock = 256;
        q4k.subScaleBits = 6;
        QCOMPARE(q4k.blockBytes(), size_t(144));
        const BlockFormat nl{Family::Codebook, 32, 4, ScaleFormat::F16};
        struct Case {
            const char* file;
            GgmlType type;
            BlockFormat format;
            bool bytes;
        };
        for (const Case& c : {Case{"pure/shakespeare-pure-Q4_K.gguf", GgmlType::Q4_K, q4k, false},
                              Case{"pure/shakespeare-pure-IQ4_NL.gguf", GgmlType::IQ4_NL, nl, true}}) {
            auto file = GgufFile::open((kFixtures + c.file).toStdString());
            QVERIFY(file.ok());
            int compared = 0;
            for (const auto& t : file->tensors()) {
                if (t.type != c.type) continue;
                const GgufTensorInfo* src = source->findTensor(t.name);
                QVERIFY(src && src->type == GgmlType::F32);
                const std::vector<float> x = floats(*source, *src);
                const int64_t n = int64_t(t.rowLength());
                const size_t rb = c.format.rowBytes(n);
                const std::vector<uint8_t> ours = quantizeTensor(c.format, x, t, ScaleRule::Reference);
                const auto theirs = file->tensorData(t);
                QCOMPARE(ours.size(), theirs.size());
                if (c.bytes) QVERIFY2(std::memcmp(ours.data(), theirs.data(), ours.size()) == 0, (std::string(c.file) + " " + t.name).c_str());
                std::vector<float> a(static_cast<size_t>(n)), b(static_cast<size_t>(n));
                double errOurs = 0, errTheirs = 0;
                for (uint64_t r = 0; r < t.rowCount(); ++r) {
                    dequantizeRow(c.format, ours.data() + r * rb, n, a.data());
                    QVERIFY(qd::dequantizeRow(c.type, theirs.data() + r * rb, b.data(), n).ok());
                    QVERIFY2(a == b, (std::string(c.file) + " " + t.name + " row " + std::to_string(r)).c_str());
                    for (int64_t j = 0; j < n; ++j) {
                        const double xv = x[size_t(r * n + j)];
                        errOurs += (a[size_t(j)] - xv) * (a[size_t(j)] - xv);
                        errTheirs += (b[size_t(j)] - xv) * (b[size_t(j)] - xv);
                    }
                }
                QCOMPARE(errOurs, errTheirs);
                ++compared;
            }
            QVERIFY2(compared > 0, c.file);
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
        // Two-level formats: Q4_K (8 x 32 in 256, 6-bit codes), Q2_K (16 x 16, 4-bit codes), Q5_K, and Q4_K with
        // 64-weight super-blocks (4-bit codes in one byte per sub-block, as llama.cpp's QK_K = 64 build).
        auto kStyle = [](int qk, int bits, int sb, int codeBits) {
            BlockFormat f{Family::KStyle, qk, bits, ScaleFormat::F16};
            f.superBlock = sb;
            f.subScaleBits = codeBits;
            return f;
        };
        QCOMPARE(kStyle(32, 4, 256, 6).bitsPerWeight(4096), 4.5);
        QCOMPARE(kStyle(16, 2, 256, 4).bitsPerWeight(4096), 2.625);
        QCOMPARE(kStyle(32, 5, 256, 6).bitsPerWeight(4096), 5.5);
        QCOMPARE(kStyle(32, 4, 64, 4).bitsPerWeight(4096), 4.75);
        QVERIFY(!kStyle(48, 4, 256, 6).problem().empty());  // 48 does not divide 256
        QVERIFY(!kStyle(0, 4, 256, 6).problem().empty());
        // 640-wide rows (a real width) in super-blocks of 256: three, the last half padding.
        QCOMPARE(kStyle(32, 4, 256, 6).rowBytes(640), size_t(3 * 144));
        // Codebooks: IQ4_NL 4.5, MXFP4 (E2M1 values, power-of-two scale per 32) 4.25.
        QCOMPARE(BlockFormat({Family::Codebook, 32, 4, ScaleFormat::F16}).bitsPerWeight(4096), 4.5);
        BlockFormat mxfp4{Family::Codebook, 32, 4, ScaleFormat::E8M0};
        mxfp4.codebook = Codebook::E2M1;
        QCOMPARE(mxfp4.bitsPerWeight(4096), 4.25);
        QVERIFY(!BlockFormat({Family::Codebook, 32, 3, ScaleFormat::F16}).problem().empty());
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

    // K-style and codebook formats: the extremes rule's round trip is within a step of each weight (the
    // sub-block's decoded scale, or the table's widest gap times the scale), and the search fits at least
    // as well as the extremes and ggml's reference rules.
    void twoLevelAndCodebookRoundTrip() {
        std::mt19937 rng(23);
        std::student_t_distribution<float> heavy(4.0f);
        const int64_t n = 1000;
        std::vector<float> x(static_cast<size_t>(n));
        for (auto& v : x) v = heavy(rng) * 0.02f;
        std::vector<BlockFormat> formats;
        for (int bits = 2; bits <= 8; ++bits)
            for (int qk : {16, 32, 64})
                for (int codeBits : {4, 6, 8}) {
                    BlockFormat f{Family::KStyle, qk, bits, ScaleFormat::F16};
                    f.superBlock = 256;
                    f.subScaleBits = codeBits;
                    formats.push_back(f);
                }
        for (Codebook cb : {Codebook::NonLinear, Codebook::E2M1})
            for (int qk : {16, 32, 64, 128, 0})
                for (ScaleFormat sf : {ScaleFormat::F16, ScaleFormat::E8M0}) {
                    BlockFormat f{Family::Codebook, qk, 4, sf};
                    f.codebook = cb;
                    formats.push_back(f);
                }
        for (const BlockFormat& f : formats) {
            QVERIFY2(f.problem().empty(), f.name().c_str());
            std::vector<uint8_t> q(f.rowBytes(n));
            std::vector<float> extremes(x.size()), searched(x.size());
            quantizeRow(f, x.data(), n, q.data(), ScaleRule::Extremes);
            dequantizeRow(f, q.data(), n, extremes.data());
            quantizeRow(f, x.data(), n, q.data(), ScaleRule::Search);
            dequantizeRow(f, q.data(), n, searched.data());
            // Per block (a sub-block for K-style): no weight further than a bound from its value (the search
            // may clip outliers, as a least-squares fit does, so the bound is the extremes rule's). K-style:
            // the block's range over its levels, plus the rounding of the scale and minimum codes (a code
            // step of the largest one in the super-block). Codebook: the largest magnitude times the table's
            // widest gap over its largest value (twice that for a power-of-two scale).
            double amaxRow = 0;
            for (float v : x) amaxRow = std::max(amaxRow, double(std::fabs(v)));
            const int64_t step = f.family == Family::KStyle ? f.qk : f.qkFor(n);
            for (int64_t b = 0; b < n; b += step) {
                const int64_t end = std::min(n, b + step);
                double lo = 0, hi = 0, amax = 0;
                for (int64_t j = b; j < end; ++j) lo = std::min(lo, double(x[size_t(j)])), hi = std::max(hi, double(x[size_t(j)])), amax = std::max(amax, std::fabs(double(x[size_t(j)])));
                double bound;
                if (f.family == Family::KStyle) bound = (hi - lo) / ((1 << f.bits) - 1) + 4.0 * amaxRow / ((1 << f.subScaleBits) - 1);
                else bound = amax * (f.codebook == Codebook::NonLinear ? 24.0 / 127.0 : 2.0 / 6.0) * (f.scale == ScaleFormat::F16 ? 1.0 : 2.0);
                for (int64_t j = b; j < end; ++j)
                    QVERIFY2(std::fabs(double(extremes[size_t(j)]) - x[size_t(j)]) <= bound + 1e-6,
                             qPrintable(QString::fromStdString(f.name()) + QStringLiteral(" weight %1: %2 vs %3").arg(j).arg(extremes[size_t(j)]).arg(x[size_t(j)])));
            }
            std::vector<float> reference(x.size());
            quantizeRow(f, x.data(), n, q.data(), ScaleRule::Reference);
            dequantizeRow(f, q.data(), n, reference.data());
            QVERIFY2(sse(searched, x) <= sse(extremes, x) * 1.000001, f.name().c_str());
            QVERIFY2(sse(searched, x) <= sse(reference, x) * 1.000001, f.name().c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestBlockFormat)
#include "test_block_format.moc"
