// The lab's Gaussian process and search (core/lab/gaussian_process.h, search.h): the kernel and the
// expected improvement against values computed independently, the posterior against a direct Gaussian
// computation, and the search on a synthetic objective over the lab's own space (two families, QK 8 ..
// whole row, 2 .. 8 bits, a bits-per-weight budget), where the optimum is known by enumeration.
#include <QtTest>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/lab/block_format.h"
#include "core/lab/gaussian_process.h"
#include "core/lab/search.h"
#include "tests/lab/search_stats.h"

using namespace qd::lab;
using qdtest::median;
using qdtest::percentile;

namespace {

// The lab's space: type-0 and type-1, QK 8 .. 512 and the whole 4096-wide row, 2 .. 8 bits, F16 scales.
struct Space {
    std::vector<Candidate> candidates;
    std::vector<double> truth;  // the synthetic log KLD, without noise
};

Space labSpace() {
    Space s;
    for (int family = 0; family < 2; ++family)
        for (int qk : {8, 16, 32, 64, 128, 256, 512, 4096})
            for (int bits = 2; bits <= 8; ++bits) {
                const BlockFormat f{family ? Family::Asymmetric : Family::Symmetric, qk, bits, ScaleFormat::F16};
                Candidate c;
                const double lq = std::log2(double(qk));
                c.features = {lq, double(bits), double(family)};
                c.bitsPerWeight = f.bitsPerWeight(4096);
                // More bits help, larger blocks hurt (more at few bits), a minimum helps.
                const double t = 2.0 - 1.15 * bits + 0.22 * lq + 0.03 * (lq - 5) * (lq - 5) * (9 - bits) / 4.0 - 0.35 * family;
                // A proxy that knows bits and block size but not what the minimum buys.
                c.weightError = std::exp(2.0 - 1.15 * bits + 0.25 * lq);
                s.candidates.push_back(c);
                s.truth.push_back(t);
            }
    return s;
}

}  // namespace

class TestSearch : public QObject {
    Q_OBJECT

private slots:
    void maternAndExpectedImprovement() {
        QCOMPARE(maternFiveHalves(0.0), 1.0);
        QVERIFY(std::fabs(maternFiveHalves(1.0) - 0.5239941088318203) < 1e-12);
        QVERIFY(std::fabs(maternFiveHalves(-0.3) - 0.930965342775005) < 1e-12);
        // EI by integrating max(best - y, 0) against the normal density on a fine grid.
        for (auto [m, sd, best] : {std::tuple{0.0, 1.0, 0.0}, std::tuple{1.0, 0.5, 0.2}, std::tuple{-2.0, 0.3, -1.0}, std::tuple{0.5, 2.0, 1.5}}) {
            double sum = 0.0;
            const double h = sd / 2000.0;
            for (double y = m - 12 * sd; y < m + 12 * sd; y += h) {
                const double pdf = std::exp(-0.5 * (y - m) * (y - m) / (sd * sd)) / (sd * std::sqrt(2 * M_PI));
                sum += std::max(best - y, 0.0) * pdf * h;
            }
            QVERIFY2(std::fabs(expectedImprovement(m, sd, best) - sum) < 1e-5, qPrintable(QString::number(sum)));
        }
        QCOMPARE(expectedImprovement(1.0, 0.0, 3.0), 2.0);
        QCOMPARE(expectedImprovement(4.0, 0.0, 3.0), 0.0);
    }

    // The posterior mean and variance against the textbook formulas with a full inverse.
    void posteriorMatchesTheFormulas() {
        std::mt19937 rng(2);
        std::uniform_real_distribution<double> u(0, 4);
        std::vector<std::vector<double>> x;
        std::vector<double> y, noise;
        for (int i = 0; i < 12; ++i) {
            x.push_back({u(rng), u(rng)});
            y.push_back(std::sin(x.back()[0]) + 0.3 * x.back()[1]);
            noise.push_back(0.01 * (i % 3));
        }
        GpHyperparameters h;
        h.lengthScales = {1.3, 2.1};
        h.signalVariance = 0.8;
        h.noiseFloor = 1e-4;
        GaussianProcess gp;
        QVERIFY(gp.fitWith(x, y, noise, h));
        // The GP standardises y; so does this check.
        double mean = 0, var = 0;
        for (double v : y) mean += v / y.size();
        for (double v : y) var += (v - mean) * (v - mean) / y.size();
        const double scale = std::sqrt(var);
        const int n = int(x.size());
        auto k = [&](const std::vector<double>& a, const std::vector<double>& b) {
            const double r = std::hypot((a[0] - b[0]) / 1.3, (a[1] - b[1]) / 2.1);
            const double s5 = std::sqrt(5.0) * r;
            return 0.8 * (1 + s5 + s5 * s5 / 3) * std::exp(-s5);
        };
        Eigen::MatrixXd K(n, n);
        Eigen::VectorXd ys(n);
        for (int i = 0; i < n; ++i) {
            ys(i) = (y[i] - mean) / scale;
            for (int j = 0; j < n; ++j) K(i, j) = k(x[i], x[j]) + (i == j ? 1e-4 + noise[i] / (scale * scale) : 0.0);
        }
        const Eigen::MatrixXd Kinv = K.inverse();
        for (std::vector<double> p : {std::vector<double>{1.0, 1.0}, std::vector<double>{3.5, 0.2}, std::vector<double>{9.0, 9.0}}) {
            Eigen::VectorXd ks(n);
            for (int i = 0; i < n; ++i) ks(i) = k(p, x[i]);
            const double m = mean + scale * ks.dot(Kinv * ys);
            const double v = (0.8 - ks.dot(Kinv * ks)) * scale * scale;
            double gm = 0, gv = 0;
            gp.predict(p, gm, gv);
            QVERIFY(std::fabs(gm - m) < 1e-8);
            QVERIFY(std::fabs(gv - v) < 1e-8);
        }
        // The log marginal likelihood of the standardised data: -1/2 y'K^-1 y - 1/2 log|K| - n/2 log 2pi.
        const double lml = -0.5 * ys.dot(Kinv * ys) - 0.5 * std::log(K.determinant()) - 0.5 * n * std::log(2 * M_PI);
        QVERIFY(std::fabs(gp.logMarginalLikelihood() - lml) < 1e-8);
        // Fitting the hyperparameters does at least as well as the spread-based start.
        GaussianProcess fitted;
        QVERIFY(fitted.fit(x, y, noise, 4, 7));
        GpHyperparameters start;
        start.lengthScales = {1, 1};
        for (int d = 0; d < 2; ++d) {
            double lo = 1e9, hi = -1e9;
            for (const auto& p : x) lo = std::min(lo, p[d]), hi = std::max(hi, p[d]);
            start.lengthScales[size_t(d)] = hi - lo;
        }
        start.noiseFloor = 1e-4;
        QVERIFY(fitted.logMarginalLikelihood() >= fitted.logMarginalLikelihoodOf(start) - 1e-9);
        // Far from the data the variance returns to the prior's.
        double fm = 0, fv = 0;
        fitted.predict({1e3, 1e3}, fm, fv);
        QVERIFY(std::fabs(fv - fitted.hyperparameters().signalVariance * var) < 1e-6 * std::max(1.0, fv));
    }

    // Over 20 seeds on the synthetic lab space with at most 4.6 bits per weight: Bayesian optimisation
    // reaches the optimum (within the noise) in a median of at most 15 evaluations and a 90th percentile
    // of at most 30, fewer than random search needs.
    void findsTheKnownOptimum() {
        const Space space = labSpace();
        const double maxBpw = 4.6, noiseSd = 0.02;
        int optimum = -1;
        for (int i : feasibleCandidates(space.candidates, maxBpw))
            if (optimum < 0 || space.truth[size_t(i)] < space.truth[size_t(optimum)]) optimum = i;
        QVERIFY(optimum >= 0);
        QVERIFY(feasibleCandidates(space.candidates, maxBpw).size() > 30);
        auto stepsToOptimum = [&](Strategy strategy, uint64_t seed) {
            std::mt19937_64 noise(seed * 31 + 5);
            std::normal_distribution<double> nd(0.0, noiseSd);
            SearchSettings s;
            s.strategy = strategy;
            s.maxBitsPerWeight = maxBpw;
            s.budget = 35;
            s.seed = seed;
            const SearchTrace t = runSearch(space.candidates, s, [&](int index) -> std::optional<Observation> {
                Observation o;
                o.value = space.truth[size_t(index)] + nd(noise);
                o.standardError = noiseSd;
                return o;
            });
            for (size_t k = 0; k < t.evaluated.size(); ++k)
                if (space.truth[size_t(t.evaluated[k].index)] <= space.truth[size_t(optimum)] + noiseSd) return double(k + 1);
            return 1e9;
        };
        std::vector<double> bayes, random, front;
        for (uint64_t seed = 1; seed <= 20; ++seed) {
            bayes.push_back(stepsToOptimum(Strategy::Bayesian, seed));
            random.push_back(stepsToOptimum(Strategy::Random, seed));
            front.push_back(stepsToOptimum(Strategy::WeightErrorFront, seed));
        }
        qInfo("evaluations to the optimum, median / 90th percentile: Bayesian %.1f / %.0f, random %.1f / %.0f, weight-error front %.1f",
              median(bayes), percentile(bayes, 0.9), median(random), percentile(random, 0.9), median(front));
        QVERIFY(median(bayes) <= 15);
        QVERIFY(percentile(bayes, 0.9) <= 30);
        QVERIFY(median(bayes) < median(random));
    }

    // A speed limit: only candidates at least that fast are feasible, and no strategy evaluates another.
    void speedLimitIsAConstraint() {
        const double maxBpw = 6.0;
        Space space = labSpace();
        for (size_t i = 0; i < space.candidates.size(); ++i) space.candidates[i].speedGBs = double(i % 5);  // 0 .. 4 GB/s
        const auto all = feasibleCandidates(space.candidates, maxBpw);
        const auto fast = feasibleCandidates(space.candidates, maxBpw, 3.0);
        QVERIFY(!fast.empty() && fast.size() < all.size());
        for (int i : fast) QVERIFY(space.candidates[size_t(i)].speedGBs >= 3.0 && space.candidates[size_t(i)].bitsPerWeight <= maxBpw);
        for (Strategy strategy : {Strategy::Bayesian, Strategy::Random, Strategy::WeightErrorFront}) {
            SearchSettings s;
            s.strategy = strategy;
            s.maxBitsPerWeight = maxBpw;
            s.minSpeedGBs = 3.0;
            s.budget = 12;
            const SearchTrace t = runSearch(space.candidates, s, [&](int i) -> std::optional<Observation> {
                return Observation{i, space.truth[size_t(i)], 0.01};
            });
            QCOMPARE(int(t.evaluated.size()), std::min<int>(12, int(fast.size())));
            for (const auto& o : t.evaluated) QVERIFY(space.candidates[size_t(o.index)].speedGBs >= 3.0);
        }
    }

    void cancelStopsTheSearch() {
        const Space space = labSpace();
        int calls = 0;
        SearchSettings s;
        s.budget = 30;
        const SearchTrace t = runSearch(space.candidates, s, [&](int) -> std::optional<Observation> {
            if (++calls > 5) return std::nullopt;
            return Observation{-1, double(calls), 0.01};
        });
        QVERIFY(t.cancelled);
        QCOMPARE(int(t.evaluated.size()), 5);
        QCOMPARE(t.bestSoFar.back(), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestSearch)
#include "test_search.moc"
