// The per-element operations of the forward passes (core/engine/ops.h) against formulas written here in
// double precision: LayerNorm with bias, RMSNorm, GELU through the F16 table, fused SwiGLU, ALiBi slopes.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/engine/ops.h"
#include "core/quant/fp16.h"

using namespace qd;

namespace {

std::vector<float> randomRow(size_t n, unsigned seed, float scale = 1.0f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> d(0.0f, scale);
    std::vector<float> v(n);
    for (float& x : v) x = d(rng);
    return v;
}

}  // namespace

class TestOps : public QObject {
    Q_OBJECT

private slots:
    void layerNormWithBias() {
        const int n = 257, rows = 3;
        const std::vector<float> x = randomRow(size_t(n * rows), 1, 3.0f), w = randomRow(size_t(n), 2), b = randomRow(size_t(n), 3);
        std::vector<float> out(x.size());
        ops::layerNormRows(x.data(), w.data(), b.data(), 1e-5f, n, rows, out.data());
        for (int r = 0; r < rows; ++r) {
            double mean = 0.0, var = 0.0;
            for (int i = 0; i < n; ++i) mean += x[size_t(r * n + i)];
            mean /= n;
            for (int i = 0; i < n; ++i) var += (x[size_t(r * n + i)] - mean) * (x[size_t(r * n + i)] - mean);
            var /= n;
            for (int i = 0; i < n; ++i) {
                const double want = (x[size_t(r * n + i)] - mean) / std::sqrt(var + 1e-5) * w[size_t(i)] + b[size_t(i)];
                QVERIFY2(std::fabs(out[size_t(r * n + i)] - want) < 1e-5 * (1.0 + std::fabs(want)), qPrintable(QString::number(i)));
            }
        }
        // Without a bias: the same minus b.
        std::vector<float> noBias(x.size());
        ops::layerNormRows(x.data(), w.data(), nullptr, 1e-5f, n, rows, noBias.data());
        for (int i = 0; i < n; ++i) QVERIFY(std::fabs(noBias[size_t(i)] + b[size_t(i)] - out[size_t(i)]) < 1e-5f);
        // In place, as the engine normalizes BLOOM's embeddings.
        std::vector<float> inPlace = x;
        ops::layerNormRows(inPlace.data(), w.data(), b.data(), 1e-5f, n, rows, inPlace.data());
        QVERIFY(inPlace == out);
    }

    void rmsNorm() {
        const int n = 100;
        const std::vector<float> x = randomRow(size_t(n), 4, 2.0f), w = randomRow(size_t(n), 5);
        std::vector<float> out(static_cast<size_t>(n));
        ops::rmsNormRows(x.data(), w.data(), 1e-6f, n, 1, out.data());
        double ss = 0.0;
        for (float v : x) ss += double(v) * v;
        for (int i = 0; i < n; ++i) {
            const double want = x[size_t(i)] / std::sqrt(ss / n + 1e-6) * w[size_t(i)];
            QVERIFY(std::fabs(out[size_t(i)] - want) < 1e-5 * (1.0 + std::fabs(want)));
        }
    }

    // Every input rounds to half first and the result is a half value near the tanh GELU of that half:
    // within a half-ulp, plus what float arithmetic loses in 1 + tanh(x) for negative x (the table is
    // computed in float, as ggml's is); for x >= 0 the nearest half almost always. The ends as ggml clamps.
    void geluThroughTheHalfTable() {
        std::vector<float> x = randomRow(20000, 6, 4.0f);
        x.insert(x.end(), {-10.0f, -10.5f, 10.0f, 12.5f, 0.0f, -0.0f, 9.99f, -9.99f});
        std::vector<float> y = x;
        ops::gelu(y.data(), int64_t(y.size()));
        int offByOne = 0, positive = 0;
        for (size_t i = 0; i < x.size(); ++i) {
            if (x[i] <= -10.0f) {
                QCOMPARE(y[i], 0.0f);
                continue;
            }
            if (x[i] >= 10.0f) {
                QCOMPARE(y[i], x[i]);
                continue;
            }
            const double h = halfToFloat(floatToHalf(x[i]));
            const double exact = 0.5 * h * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (h + 0.044715 * h * h * h)));
            const int got = floatToHalf(y[i]), want = floatToHalf(static_cast<float>(exact));
            QVERIFY2(std::fabs(y[i] - exact) <= std::fabs(exact) / 2048.0 + 3e-7,
                     qPrintable(QString("x %1: %2, exact %3").arg(x[i]).arg(y[i]).arg(exact)));
            QCOMPARE(float(halfToFloat(uint16_t(got))), y[i]);  // y is a half value
            if (h >= 0.0) {  // no cancellation: the nearest half but for rounding ties of float
                ++positive;
                offByOne += got != want;
            }
        }
        QVERIFY2(offByOne * 100 < positive, qPrintable(QString("%1 of %2 not the nearest half").arg(offByOne).arg(positive)));
    }

    void swigluFused() {
        const int n = 37, rows = 2;
        const std::vector<float> gu = randomRow(size_t(2 * n * rows), 7, 2.0f);
        std::vector<float> out(size_t(n * rows));
        ops::swigluFusedRows(gu.data(), n, rows, out.data());
        for (int r = 0; r < rows; ++r)
            for (int i = 0; i < n; ++i) {
                const double g = gu[size_t(r * 2 * n + i)], u = gu[size_t(r * 2 * n + n + i)];
                const double want = g / (1.0 + std::exp(-g)) * u;
                QVERIFY(std::fabs(out[size_t(r * n + i)] - want) < 1e-5 * (1.0 + std::fabs(want)));
            }
    }

    // Press et al.'s slopes: for 8 heads 1/2, 1/4, ... 1/256; for a head count that is not a power of
    // two (12) the first 8 follow that series and the rest 2^(-8 (2k + 1) / 16) for k = 0 ... 3.
    void alibiSlopes() {
        const std::vector<float> eight = ops::alibiSlopes(8, 8.0f);
        for (int h = 0; h < 8; ++h) QCOMPARE(eight[size_t(h)], std::ldexp(1.0f, -(h + 1)));
        const std::vector<float> twelve = ops::alibiSlopes(12, 8.0f);
        for (int h = 0; h < 8; ++h) QCOMPARE(twelve[size_t(h)], std::ldexp(1.0f, -(h + 1)));
        for (int k = 0; k < 4; ++k)
            QVERIFY(std::fabs(twelve[size_t(8 + k)] - std::pow(2.0, -8.0 * (2 * k + 1) / 16.0)) < 1e-7);
        // Without ALiBi every slope is 1 and unused.
        QCOMPARE(ops::alibiSlopes(4, 0.0f), std::vector<float>(4, 1.0f));
    }
};

QTEST_GUILESS_MAIN(TestOps)
#include "test_ops.moc"
