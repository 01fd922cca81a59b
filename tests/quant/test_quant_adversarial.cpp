// The reference quantizers on rows built to break them, for every type QuantDesk writes:
//  - zeros, constants, alternating signs, one outlier among small weights, float subnormals, random
//    rows at many magnitudes: no NaN or infinity comes out, and every weight comes back within a
//    documented per-type bound relative to the largest magnitude of its block (kRoundTrip below);
//  - NaN / infinity are rejected with an error naming the row and column; values too large for a
//    format's half-precision scales are rejected naming the row; bad sizes and unknown types are errors;
//  - the importance-matrix path: is taken (bytes change), deterministic, and lowers the importance-
//    weighted error of real weights compared with the plain path; Q8_0 ignores importance as ggml does.
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/gguf/ggml_type.h"
#include "core/gguf/gguf_file.h"
#include "core/quant/blocks.h"
#include "core/quant/fp16.h"
#include "core/quant/quantize.h"
#include "quant/quant_test_support.h"

using namespace qdtest;
using qd::GgmlType;

namespace {

struct RoundTrip {
    GgmlType type;
    double bound;      // max |x - x'| / (largest |x| of the block the weight sits in)
    double maxCode;    // largest |code| a half-precision scale is multiplied by (0: no half scale)
    bool usesImportance;
};

// A half scale below 2^-14 is subnormal and only exact to 2^-25 in absolute terms: each weight may be
// off by that times the code it is decoded with, whatever the block's size.
constexpr double kHalfSubnormalHalfStep = 2.98023223876953125e-08;  // 2^-25

// Per-type round-trip bounds, derived from each format and verified on the rows below:
//  Q8_0: half a step of amax/127 plus the half rounding of d (2^-11 relative, times 127 levels).
//  Q4_0 / Q5_0: the largest weight maps to level -8 (-16); the other side's top level is 7/8 (15/16) of
//    it, so a weight of opposite sign near amax is off by up to amax/8 (amax/16), plus d's rounding.
//  Q4_1 / Q5_1: half a step of range/15 (range/31), the range at most 2 amax, plus the rounding of m.
//  K-quants / IQ4_XS: the sub-block scales are themselves quantized against the super-block (256)
//    maximum, so the bound is relative to the super-block maximum; about one step of each format's grid.
//  IQ4_NL / IQ4_XS: the table's end steps are 23-24 of 127, and the least-squares scale may leave the
//    largest weight outside the table: up to ~1.2 end steps.
//  F16 / BF16: relative rounding of each value (2^-11, 2^-8).
const RoundTrip kRoundTrip[] = {
    {GgmlType::F32, 0.0, 0, false},
    {GgmlType::F16, 0.0005, 1, false},
    {GgmlType::BF16, 0.004, 0, false},
    {GgmlType::Q8_0, 0.0045, 127, false},
    {GgmlType::Q8_1, 0.0045, 127, false},
    {GgmlType::Q4_0, 0.126, 8, true},
    {GgmlType::Q5_0, 0.063, 16, true},
    {GgmlType::Q4_1, 0.07, 15 + 1, true},
    {GgmlType::Q5_1, 0.035, 31 + 1, true},
    {GgmlType::Q2_K, 0.5, 15 * 3 + 15, true},
    {GgmlType::Q3_K, 0.3, 32 * 4, true},
    {GgmlType::Q4_K, 0.1, 63 * 15 + 63, true},
    {GgmlType::Q5_K, 0.05, 63 * 31 + 63, true},
    {GgmlType::Q6_K, 0.025, 128 * 32, true},
    {GgmlType::Q8_K, 0.005, 0, false},
    {GgmlType::IQ4_NL, 0.15, 127, true},
    {GgmlType::IQ4_XS, 0.15, 32 * 127, true},
};

uint32_t boundBlock(GgmlType type) {
    const auto& t = qd::ggmlTypeTraits(type);
    return t.blockSize == 1 ? 1 : t.blockSize;
}

// Quantizes and dequantizes rows; returns an error message or the worst relative error.
struct Trip {
    QString error;
    double worst = 0.0;
    std::vector<float> back;
};

const RoundTrip& roundTripOf(GgmlType type) {
    for (const auto& r : kRoundTrip)
        if (r.type == type) return r;
    return kRoundTrip[0];
}

Trip roundTrip(GgmlType type, const std::vector<float>& x, int64_t rowLength, const float* importance = nullptr) {
    Trip r;
    const int64_t rows = int64_t(x.size()) / rowLength;
    std::vector<uint8_t> q(*qd::ggmlRowBytes(type, uint64_t(rowLength)) * uint64_t(rows));
    if (auto st = qd::quantizeRows(type, x.data(), q.data(), rows, rowLength, importance); !st) {
        r.error = QString::fromStdString(st.message());
        return r;
    }
    r.back.resize(x.size());
    if (auto st = qd::dequantizeRow(type, q.data(), r.back.data(), int64_t(x.size())); !st) {
        r.error = QString::fromStdString(st.message());
        return r;
    }
    const size_t block = boundBlock(type);
    const double floor = roundTripOf(type).maxCode * kHalfSubnormalHalfStep;
    for (size_t b = 0; b < x.size(); b += block) {
        double amax = 0.0;
        for (size_t i = b; i < b + block; ++i) amax = std::max(amax, std::fabs(double(x[i])));
        for (size_t i = b; i < b + block; ++i) {
            if (!std::isfinite(r.back[i])) {
                r.error = QString("non-finite output at %1").arg(i);
                return r;
            }
            // Errors within the subnormal-scale floor are the format's, not the quantizer's.
            const double err = std::max(0.0, std::fabs(double(r.back[i]) - double(x[i])) - floor);
            // F16/BF16 round each value on its own: relative to the value (plus the subnormal floor).
            const double ref = block == 1 ? std::fabs(double(x[i])) : amax;
            if (err == 0.0) continue;
            r.worst = std::max(r.worst, ref > 0.0 ? err / ref : std::numeric_limits<double>::infinity());
        }
    }
    return r;
}

std::vector<float> gaussianRow(QRandomGenerator& rng, int n, double sigma) {
    std::vector<float> v(static_cast<size_t>(n));
    for (auto& x : v) {
        // Box-Muller: the test needs no particular generator, just many shapes.
        const double u1 = std::max(rng.generateDouble(), 1e-300), u2 = rng.generateDouble();
        x = float(sigma * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2));
    }
    return v;
}

}  // namespace

class TestQuantAdversarial : public QObject {
    Q_OBJECT

private slots:
    void everyTypeIsListed() {
        for (const auto& rt : kRoundTrip) {
            QVERIFY(qd::canQuantize(rt.type));
            QVERIFY(qd::canDequantize(rt.type));
        }
        QCOMPARE(int(std::size(kRoundTrip)), 17);
        QVERIFY(!qd::canQuantize(GgmlType::IQ2_XXS));
        QVERIFY(!qd::canDequantize(GgmlType::IQ2_XXS));
    }

    void roundTripBounds_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("shape");
        const QStringList shapes = {"zeros", "constant", "negative-constant", "alternating", "outlier",
                                    "subnormal", "tiny", "ramp", "gaussian-1e-3", "gaussian-1", "gaussian-1e3",
                                    "one-hot-per-block", "sparse"};
        for (const auto& rt : kRoundTrip)
            for (const QString& s : shapes)
                QTest::newRow(qPrintable(QString::fromLatin1(qd::ggmlTypeName(rt.type).data()) + "/" + s))
                    << int(rt.type) << s;
    }

    void roundTripBounds() {
        QFETCH(int, type);
        QFETCH(QString, shape);
        const auto t = GgmlType(type);
        const RoundTrip* rt = &roundTripOf(t);
        constexpr int kRow = 512;  // two super-blocks, 16 legacy blocks
        constexpr int kRows = 3;
        QRandomGenerator rng(uint32_t(type * 131 + qHash(shape)));
        std::vector<float> x;
        for (int r = 0; r < kRows; ++r) {
            std::vector<float> row(kRow, 0.0f);
            if (shape == "constant") std::fill(row.begin(), row.end(), 0.37f * float(r + 1));
            if (shape == "negative-constant") std::fill(row.begin(), row.end(), -2.5f * float(r + 1));
            if (shape == "alternating")
                for (int i = 0; i < kRow; ++i) row[size_t(i)] = (i % 2 ? -1.0f : 1.0f) * (1.0f + 0.01f * float(i % 7));
            if (shape == "outlier") {
                row = gaussianRow(rng, kRow, 0.01);
                row[size_t(37 + r * 100)] = r % 2 ? -3.0e4f : 3.0e4f;  // within every format's range
            }
            if (shape == "subnormal")
                for (int i = 0; i < kRow; ++i) row[size_t(i)] = float(i % 5 - 2) * 1e-40f;
            if (shape == "tiny") row = gaussianRow(rng, kRow, 1e-9);
            if (shape == "ramp")
                for (int i = 0; i < kRow; ++i) row[size_t(i)] = float(i - kRow / 2) / float(kRow);
            if (shape == "gaussian-1e-3") row = gaussianRow(rng, kRow, 1e-3);
            if (shape == "gaussian-1") row = gaussianRow(rng, kRow, 1.0);
            if (shape == "gaussian-1e3") row = gaussianRow(rng, kRow, 1e3);
            if (shape == "one-hot-per-block")
                for (int i = 0; i < kRow; i += 32) row[size_t(i + (i / 32) % 32)] = (i / 32) % 2 ? 1.5f : -0.75f;
            if (shape == "sparse")
                for (int i = 0; i < kRow; ++i) row[size_t(i)] = rng.bounded(10) == 0 ? float(rng.generateDouble() - 0.5) : 0.0f;
            x.insert(x.end(), row.begin(), row.end());
        }
        const Trip trip = roundTrip(t, x, kRow);
        QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));

        if (shape == "zeros") {
            for (float v : trip.back) QCOMPARE(v, 0.0f);
            return;
        }
        if (shape == "subnormal" || shape == "tiny") {
            // Below every half-precision scale's range: the blocks flush to zero (or keep the value, for
            // F32 / BF16 / Q8_K), but nothing grows.
            for (size_t i = 0; i < x.size(); ++i)
                QVERIFY2(std::fabs(trip.back[i]) <= 2.0f * std::fabs(x[i]) + 1e-30f || std::fabs(trip.back[i]) <= 1e-8f,
                         qPrintable(QString("%1: %2 -> %3").arg(i).arg(x[i]).arg(trip.back[i])));
            return;
        }
        QVERIFY2(trip.worst <= rt->bound,
                 qPrintable(QString("worst relative error %1 above %2").arg(trip.worst).arg(rt->bound)));
    }

    // NaN and infinity: the error names the row and the column; no type accepts them.
    void nonFiniteRowsAreRejected_data() {
        QTest::addColumn<int>("type");
        for (const auto& rt : kRoundTrip) QTest::newRow(qd::ggmlTypeName(rt.type).data()) << int(rt.type);
    }

    void nonFiniteRowsAreRejected() {
        QFETCH(int, type);
        const auto t = GgmlType(type);
        constexpr int kRow = 256;
        std::vector<float> x(5 * kRow, 0.25f);
        std::vector<uint8_t> q(*qd::ggmlRowBytes(t, kRow) * 5);
        x[3 * kRow + 7] = std::numeric_limits<float>::quiet_NaN();
        auto st = qd::quantizeRows(t, x.data(), q.data(), 5, kRow);
        QVERIFY(!st.ok());
        QVERIFY2(st.message().find("row 3") != std::string::npos, st.message().c_str());
        QVERIFY2(st.message().find("NaN") != std::string::npos, st.message().c_str());
        QVERIFY2(st.message().find("column 7") != std::string::npos, st.message().c_str());

        x[3 * kRow + 7] = 0.25f;
        x[1 * kRow + 200] = -std::numeric_limits<float>::infinity();
        st = qd::quantizeRows(t, x.data(), q.data(), 5, kRow);
        QVERIFY(!st.ok());
        QVERIFY2(st.message().find("row 1") != std::string::npos, st.message().c_str());
        QVERIFY2(st.message().find("infinite") != std::string::npos, st.message().c_str());

        x[1 * kRow + 200] = 0.25f;
        QVERIFY(qd::quantizeRows(t, x.data(), q.data(), 5, kRow).ok());
    }

    // Finite values too large for a format's half-precision scale (ggml would store infinity there).
    void overflowingRowsAreRejected_data() {
        QTest::addColumn<int>("type");
        for (const auto& rt : kRoundTrip) QTest::newRow(qd::ggmlTypeName(rt.type).data()) << int(rt.type);
    }

    void overflowingRowsAreRejected() {
        QFETCH(int, type);
        const auto t = GgmlType(type);
        const RoundTrip* rt = &roundTripOf(t);
        constexpr int kRow = 256;
        std::vector<float> x(2 * kRow, 1.0f);
        x[kRow + 5] = 1e30f;
        std::vector<uint8_t> q(*qd::ggmlRowBytes(t, kRow) * 2);
        const auto st = qd::quantizeRows(t, x.data(), q.data(), 2, kRow);
        QCOMPARE(qd::maxQuantizableMagnitude(t) > 0.0f, rt->maxCode > 0);
        if (rt->maxCode > 0) {
            QVERIFY(!st.ok());
            QVERIFY2(st.message().find("row 1") != std::string::npos, st.message().c_str());
            QVERIFY2(st.message().find("too large") != std::string::npos, st.message().c_str());
        } else {
            // F32, BF16 and Q8_K (float scale) hold 1e30; the row still round-trips within its bound.
            QVERIFY2(st.ok(), st.ok() ? "" : st.message().c_str());
            const Trip trip = roundTrip(t, x, kRow);
            QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
        }
    }

    // Rows right at the largest accepted magnitude are accepted and round-trip within bounds; just
    // above it they are refused.
    void rowsNearTheLimit_data() {
        QTest::addColumn<int>("type");
        for (const auto& rt : kRoundTrip)
            if (rt.maxCode > 0) QTest::newRow(qd::ggmlTypeName(rt.type).data()) << int(rt.type);
    }

    void rowsNearTheLimit() {
        QFETCH(int, type);
        const auto t = GgmlType(type);
        const float limit = qd::maxQuantizableMagnitude(t);
        QVERIFY(limit >= 65504.0f);
        constexpr int kRow = 512;
        QRandomGenerator rng{uint32_t(type)};
        std::vector<float> x;
        for (int r = 0; r < 8; ++r) {  // gaussian rows scaled so their largest weight is at the limit
            std::vector<float> row = gaussianRow(rng, kRow, 1.0);
            float amax = 0.0f;
            for (float v : row) amax = std::max(amax, std::fabs(v));
            for (auto& v : row) v = std::clamp(v / amax * limit, -limit, limit);
            x.insert(x.end(), row.begin(), row.end());
        }
        std::vector<float> spike(kRow, 0.001f * limit);
        spike[100] = limit;
        x.insert(x.end(), spike.begin(), spike.end());
        for (int i = 0; i < kRow; ++i) x.push_back(i % 2 ? -limit : limit);
        for (int i = 0; i < kRow; ++i) x.push_back(-limit);
        for (int i = 0; i < kRow; ++i) x.push_back(i % 3 ? limit : 0.5f * limit);
        const int rows = int(x.size()) / kRow;
        int accepted = 0;
        for (int r = 0; r < rows; ++r) {
            const std::vector<float> row(x.begin() + r * kRow, x.begin() + (r + 1) * kRow);
            const Trip trip = roundTrip(t, row, kRow);
            QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
            ++accepted;
            QVERIFY2(trip.worst <= roundTripOf(t).bound, qPrintable(QString("row %1: worst %2").arg(r).arg(trip.worst)));
        }
        QCOMPARE(accepted, rows);
        std::vector<float> over(kRow, 1.0f);
        over[3] = std::nextafter(limit, 1e38f);
        std::vector<uint8_t> q(*qd::ggmlRowBytes(t, kRow));
        QVERIFY(!qd::quantizeRows(t, over.data(), q.data(), 1, kRow).ok());
    }

    // The activation types' extra fields: Q8_1's s = d * sum(q) (d before its rounding to half, so only
    // within half precision of the decoded product), Q8_K's bsums = sums of 16 codes,
    // and Q8_K's largest weight lands exactly on -127 or 127.
    void activationTypeFields() {
        QRandomGenerator rng{7u};
        const std::vector<float> x = gaussianRow(rng, 512, 0.8);
        std::vector<qd::BlockQ8_1> q81(512 / 32);
        QVERIFY(qd::quantizeRows(GgmlType::Q8_1, x.data(), q81.data(), 1, 512).ok());
        for (const auto& b : q81) {
            int sum = 0;
            for (int8_t v : b.qs) sum += v;
            QVERIFY(std::abs(qd::halfToFloat(b.s) - float(sum) * qd::halfToFloat(b.d)) <=
                    std::abs(float(sum) * qd::halfToFloat(b.d)) * 1e-3f + 1e-6f);
        }
        std::vector<qd::BlockQ8_K> q8k(2);
        QVERIFY(qd::quantizeRows(GgmlType::Q8_K, x.data(), q8k.data(), 1, 512).ok());
        for (int blk = 0; blk < 2; ++blk) {
            const auto& b = q8k[size_t(blk)];
            int top = 0;
            for (int s = 0; s < 16; ++s) {
                int sum = 0;
                for (int l = 0; l < 16; ++l) sum += b.qs[16 * s + l];
                QCOMPARE(int(b.bsums[s]), sum);
            }
            for (int8_t v : b.qs) top = std::max(top, std::abs(int(v)));
            QCOMPARE(top, 127);
            float amax = 0.0f;
            for (int i = 0; i < 256; ++i) amax = std::max(amax, std::fabs(x[size_t(256 * blk + i)]));
            QCOMPARE(std::fabs(b.d) * 127.0f, amax);
        }
    }

    void badArgumentsAreErrors() {
        std::vector<float> x(100, 1.0f);
        std::vector<uint8_t> q(1024);
        float y[64];
        QVERIFY(!qd::quantizeRows(GgmlType::Q4_0, x.data(), q.data(), 1, 48).ok());   // not whole blocks
        QVERIFY(!qd::quantizeRows(GgmlType::Q4_K, x.data(), q.data(), 1, 64).ok());   // < one super-block
        QVERIFY(!qd::quantizeRows(GgmlType::Q4_0, x.data(), q.data(), -1, 32).ok());
        QVERIFY(!qd::quantizeRows(GgmlType::IQ2_XXS, x.data(), q.data(), 1, 256).ok());
        QVERIFY(qd::quantizeRows(GgmlType::Q4_0, x.data(), q.data(), 0, 32).ok());    // nothing to do
        std::vector<float> imp(32, 1.0f);
        imp[9] = std::numeric_limits<float>::quiet_NaN();
        const auto st = qd::quantizeRows(GgmlType::Q4_0, x.data(), q.data(), 1, 32, imp.data());
        QVERIFY(!st.ok());
        QVERIFY2(st.message().find("column 9") != std::string::npos, st.message().c_str());
        imp[9] = -1.0f;
        QVERIFY(!qd::quantizeRows(GgmlType::Q4_0, x.data(), q.data(), 1, 32, imp.data()).ok());
        QVERIFY(!qd::dequantizeRow(GgmlType::Q4_0, q.data(), y, 33).ok());
        QVERIFY(!qd::dequantizeRow(GgmlType::IQ2_XXS, q.data(), y, 256).ok());
        QVERIFY(qd::dequantizeRow(GgmlType::Q4_0, q.data(), y, 0).ok());
    }

    // The importance-matrix path on real weights (blk.0.ffn_down.weight of the fixture model, 256 rows of
    // 768) with a synthetic importance: a smooth profile plus a few columns 50x more important.
    void importancePath_data() {
        QTest::addColumn<int>("type");
        for (const auto& rt : kRoundTrip)
            if (rt.usesImportance || rt.type == GgmlType::Q8_0)
                QTest::newRow(qd::ggmlTypeName(rt.type).data()) << int(rt.type);
    }

    void importancePath() {
        QFETCH(int, type);
        const auto t = GgmlType(type);
        auto f = qd::GgufFile::open((fixturesDir() + "/shakespeare-F32.gguf").toStdString());
        QVERIFY(f.ok());
        const auto* info = f->findTensor("blk.0.ffn_down.weight");
        QVERIFY(info);
        const auto src = floatsOf(*f, *info);
        const int64_t rowLength = int64_t(info->rowLength()), rows = int64_t(info->rowCount());
        QCOMPARE(rowLength, int64_t(768));
        std::vector<float> importance(static_cast<size_t>(rowLength));
        for (int64_t c = 0; c < rowLength; ++c)
            importance[size_t(c)] = 0.2f + float(c % 97) / 97.0f + (c % 61 == 0 ? 50.0f : 0.0f);
        const std::vector<float> x(src.begin(), src.end());

        const Trip plain = roundTrip(t, x, rowLength);
        const Trip weighted = roundTrip(t, x, rowLength, importance.data());
        const Trip again = roundTrip(t, x, rowLength, importance.data());
        QVERIFY2(plain.error.isEmpty(), qPrintable(plain.error));
        QVERIFY2(weighted.error.isEmpty(), qPrintable(weighted.error));
        QVERIFY(weighted.back == again.back);  // deterministic

        const RoundTrip* rt = &roundTripOf(t);
        if (!rt->usesImportance) {
            QVERIFY(weighted.back == plain.back);  // Q8_0 has no weighted variant in ggml
            return;
        }
        QVERIFY(weighted.back != plain.back);
        // The weighted search gives up accuracy on unimportant columns: three times the plain bound.
        QVERIFY2(weighted.worst <= 3 * rt->bound, qPrintable(QString("worst %1").arg(weighted.worst)));
        // The weighted search targets sum importance * (x - x')^2; over the tensor it must do better there.
        double ePlain = 0.0, eWeighted = 0.0;
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t c = 0; c < rowLength; ++c) {
                const size_t i = size_t(r * rowLength + c);
                const double w = importance[size_t(c)];
                ePlain += w * std::pow(double(plain.back[i]) - double(x[i]), 2);
                eWeighted += w * std::pow(double(weighted.back[i]) - double(x[i]), 2);
            }
        qInfo("%s: importance-weighted squared error %.6g with the imatrix path vs %.6g without",
              qd::ggmlTypeName(t).data(), eWeighted, ePlain);
        QVERIFY(eWeighted < ePlain);
    }
};

QTEST_GUILESS_MAIN(TestQuantAdversarial)
#include "test_quant_adversarial.moc"
