// The lab's generic dot products (core/lab/lab_dot.h) against the definition: the dequantized row
// (dequantizeRow) times the activations, for every family, width 2 .. 8, QK (including one that does not
// divide the row, and the whole row) and scale format, at every level this CPU runs.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/lab/lab_dot.h"

using namespace qd;
using namespace qd::lab;

namespace {

// The format's dot product at every level this CPU runs against the dot of its dequantized row (relative
// bound: the tiers sum in other orders); `checked` counts the levels compared.
void checkEveryLevel(const BlockFormat& f, const std::vector<float>& x, const std::vector<float>& a, int& checked) {
    const int64_t n = int64_t(x.size());
    std::vector<float> back(x.size());
    std::vector<uint8_t> q(f.rowBytes(n));
    quantizeRow(f, x.data(), n, q.data(), ScaleRule::Search);
    dequantizeRow(f, q.data(), n, back.data());
    double expected = 0, magnitude = 0;
    for (int64_t i = 0; i < n; ++i) {
        expected += double(back[size_t(i)]) * a[size_t(i)];
        magnitude += std::fabs(double(back[size_t(i)]) * a[size_t(i)]);
    }
    QVERIFY(magnitude > 0);
    for (IsaLevel level : {IsaLevel::Scalar, IsaLevel::Avx2, IsaLevel::Avx512}) {
        const LabDotFn fn = labDotFor(level);
        if (!fn) continue;
        const double got = fn(f, q.data(), a.data(), n);
        QVERIFY2(std::fabs(got - expected) <= 2e-5 * magnitude + 1e-7,
                 qPrintable(QString::fromStdString(f.name()) + QStringLiteral(" at level %1: %2 vs %3").arg(int(level)).arg(got).arg(expected)));
        ++checked;
    }
}

}  // namespace

class TestLabDot : public QObject {
    Q_OBJECT

private slots:
    void everyLevelEqualsTheDequantizedDot() {
        std::mt19937 rng(8);
        std::normal_distribution<float> nd(0.0f, 1.0f);
        const int64_t n = 1000;
        std::vector<float> x(static_cast<size_t>(n)), a(x.size());
        for (auto& v : x) v = nd(rng) * 0.05f + 0.01f;
        for (auto& v : a) v = nd(rng);
        int checked = 0, levels = 0;
        for (IsaLevel level : {IsaLevel::Scalar, IsaLevel::Avx2, IsaLevel::Avx512})
            if (labDotFor(level)) ++levels;
        QVERIFY(labDotFor(IsaLevel::Scalar) != nullptr);
        for (Family fam : {Family::Symmetric, Family::Asymmetric})
            for (int bits = 2; bits <= 8; ++bits)
                for (int qk : {8, 16, 32, 64, 96, 128, 0})
                    for (ScaleFormat sf : {ScaleFormat::F16, ScaleFormat::E8M0}) {
                        checkEveryLevel({fam, qk, bits, sf}, x, a, checked);
                        if (QTest::currentTestFailed()) return;
                    }
        QCOMPARE(checked, 2 * 7 * 7 * 2 * levels);
        if (levels < 2) QSKIP("only the scalar level runs on this CPU");
    }

    // K-style (sub-blocks of 8 .. 128 in super-blocks of 64 .. 512, 2 .. 8 bits, 4- and 6-bit codes; 1000
    // weights pad the last super-block) and both codebooks with both scale formats, QK 8 .. 128 and the row.
    void twoLevelAndCodebookFormatsEqualTheDequantizedDot() {
        std::mt19937 rng(9);
        std::normal_distribution<float> nd(0.0f, 1.0f);
        const int64_t n = 1000;
        std::vector<float> x(static_cast<size_t>(n)), a(x.size());
        for (auto& v : x) v = nd(rng) * 0.05f - 0.005f;
        for (auto& v : a) v = nd(rng);
        std::vector<BlockFormat> formats;
        for (int bits = 2; bits <= 8; ++bits)
            for (int qk : {8, 16, 32, 64, 128})
                for (int sb : {64, 256, 512})
                    for (int codeBits : {4, 6}) {
                        if (sb < qk || (qk == 8 && sb == 512)) continue;
                        BlockFormat f{Family::KStyle, qk, bits, ScaleFormat::F16};
                        f.superBlock = sb;
                        f.subScaleBits = codeBits;
                        formats.push_back(f);
                    }
        for (Codebook cb : {Codebook::NonLinear, Codebook::E2M1})
            for (int qk : {8, 16, 32, 64, 96, 128, 0})
                for (ScaleFormat sf : {ScaleFormat::F16, ScaleFormat::E8M0}) {
                    BlockFormat f{Family::Codebook, qk, 4, sf};
                    f.codebook = cb;
                    formats.push_back(f);
                }
        int checked = 0;
        for (const BlockFormat& f : formats) {
            QVERIFY2(f.problem().empty(), f.name().c_str());
            checkEveryLevel(f, x, a, checked);
            if (QTest::currentTestFailed()) return;
        }
        QVERIFY(checked >= int(formats.size()));
    }

    // The benchmark's shape (the figures themselves are for the report, not asserted): one entry per level
    // this CPU runs, each with its runs and a positive speed.
    void speedIsMeasuredPerLevel() {
        const auto speeds = measureDotSpeed({Family::Symmetric, 32, 4, ScaleFormat::F16}, 1024, 16, 3);
        QVERIFY(!speeds.empty());
        QCOMPARE(speeds.front().level, IsaLevel::Scalar);
        for (const auto& s : speeds) {
            QVERIFY(labDotFor(s.level) != nullptr);
            QCOMPARE(s.runs, 3);
            QVERIFY(s.medianGBs > 0);
        }
    }
};

QTEST_APPLESS_MAIN(TestLabDot)
#include "test_lab_dot.moc"
