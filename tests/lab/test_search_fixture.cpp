// Search quality on real measurements: an exhaustive lab run on the shakespeare model (all 140 points of
// type-0, type-1 and K-style x QK 8 .. whole row x 2 .. 8 bits and the IQ4_NL codebook evaluated; tests/lab/fixtures/shakespeare-exhaustive.json,
// made with the command in its README entry) is the ground truth. Over 20 seeds, Bayesian optimisation
// must reach the optimum within the size budget — or a point within one standard error of it — in a
// median of at most 15 and a 90th percentile of at most 30 quality evaluations, fewer than random search
// and no more than the weight-error front; and, over every budget from 2.25 to 9 bits per weight, fewer on
// average than both baselines.
#include <QFile>
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "core/common/json.h"
#include "core/gguf/gguf_file.h"
#include "core/lab/lab_run.h"
#include "core/lab/search.h"
#include "tests/lab/search_stats.h"

using namespace qd;
using namespace qd::lab;
using qdtest::median;
using qdtest::percentile;

namespace {

struct Measured {
    Candidate candidate;
    double kld = 0, kldError = 0;
};

// The exhaustive run's points with the surrogate's features, as runLab builds them.
std::vector<Measured> loadFixture() {
    std::vector<Measured> points;
    QFile f(QStringLiteral(QD_SOURCE_DIR "/tests/lab/fixtures/shakespeare-exhaustive.json"));
    if (!f.open(QIODevice::ReadOnly)) return points;
    auto json = Json::parse(f.readAll().toStdString());
    if (!json.ok()) return points;
    const double rowWidth = (*json)["row_width"].toDouble();
    for (const Json& p : (*json)["points"].items()) {
        if (!p.contains("kld")) continue;
        Measured m;
        BlockFormat fmt;
        LabSettings one;
        one.families.clear();
        one.codebooks.clear();
        if (!addLabFamily(one, p["family"].toString())) return {};
        fmt.family = one.families.front();
        if (!one.codebooks.empty()) fmt.codebook = one.codebooks.front();
        if (p.contains("super_block")) fmt.superBlock = int(p["super_block"].toInt()), fmt.subScaleBits = int(p["sub_scale_bits"].toInt());
        fmt.qk = int(p["qk"].toInt());
        fmt.bits = int(p["bits"].toInt());
        fmt.scale = p["scale"].toString() == "f16" ? ScaleFormat::F16 : ScaleFormat::E8M0;
        m.candidate.features = labFeatures(fmt, rowWidth);
        m.candidate.bitsPerWeight = p["bits_per_weight"].toDouble();
        m.candidate.weightError = p["weight_rmse"].toDouble();
        m.kld = p["kld"].toDouble();
        m.kldError = p["kld_error"].toDouble();
        points.push_back(m);
    }
    return points;
}

// Evaluations a strategy needs, with at most 30, to evaluate the exhaustive optimum within the budget or a
// point within one standard error of it (1e9: not within 30). The search stops there.
struct Race {
    const std::vector<Measured>& points;
    std::vector<Candidate> candidates;
    double maxBpw;
    int optimum = -1;

    Race(const std::vector<Measured>& p, double bpw) : points(p), maxBpw(bpw) {
        for (const auto& m : points) candidates.push_back(m.candidate);
        for (int i : feasibleCandidates(candidates, maxBpw))
            if (optimum < 0 || points[size_t(i)].kld < points[size_t(optimum)].kld) optimum = i;
    }
    bool reached(int i) const {
        const Measured& p = points[size_t(i)];
        const Measured& best = points[size_t(optimum)];
        return p.kld - best.kld <= std::hypot(p.kldError, best.kldError);
    }
    double steps(Strategy strategy, uint64_t seed) const {
        SearchSettings s;
        s.strategy = strategy;
        s.maxBitsPerWeight = maxBpw;
        s.budget = 30;
        s.seed = seed;
        int n = 0;
        bool done = false;
        runSearch(candidates, s, [&](int i) -> std::optional<Observation> {
            if (done) return std::nullopt;
            ++n;
            done = reached(i);
            const Measured& p = points[size_t(i)];
            return Observation{i, std::log(p.kld), p.kldError / p.kld};
        });
        return done ? double(n) : 1e9;
    }
};

}  // namespace

class TestSearchFixture : public QObject {
    Q_OBJECT

private slots:
    void bayesianReachesTheExhaustiveOptimum_data() {
        QTest::addColumn<double>("maxBpw");
        QTest::newRow("4.6 bits") << 4.6;
        QTest::newRow("5.6 bits") << 5.6;
        QTest::newRow("3.6 bits") << 3.6;
    }

    void bayesianReachesTheExhaustiveOptimum() {
        QFETCH(double, maxBpw);
        const std::vector<Measured> points = loadFixture();
        QVERIFY(points.size() >= 140);
        const Race race(points, maxBpw);
        QVERIFY(race.optimum >= 0);
        std::vector<double> bayes, random, front;
        for (uint64_t seed = 1; seed <= 20; ++seed) {
            bayes.push_back(race.steps(Strategy::Bayesian, seed));
            random.push_back(race.steps(Strategy::Random, seed));
            front.push_back(race.steps(Strategy::WeightErrorFront, seed));
        }
        qInfo("%zu feasible of %zu; evaluations to the optimum (median / 90th percentile): Bayesian %.1f / %.0f, random %.1f / %.0f, "
              "weight-error front %.0f",
              feasibleCandidates(race.candidates, maxBpw).size(), points.size(), median(bayes), percentile(bayes, 0.9), median(random),
              percentile(random, 0.9), median(front));
        QVERIFY(median(bayes) <= 15);
        QVERIFY(percentile(bayes, 0.9) <= 30);
        QVERIFY(median(bayes) < median(random));
        // The weight-error front's first point is often the optimum on a model this small; Bayesian
        // optimisation starts there too, so it is never behind it.
        QVERIFY(median(bayes) <= median(front));
    }

    // Every budget from 2.25 to 9 bits per weight in steps of 0.25: where the cheap figure points straight
    // at the optimum every strategy that starts from it needs one evaluation; the sweep shows where it does
    // not, and what each strategy then costs.
    void everyBudget() {
        const std::vector<Measured> points = loadFixture();
        QVERIFY(points.size() >= 140);
        std::vector<double> bayesAll, randomAll, frontAll;
        for (double bpw = 2.25; bpw <= 9.0 + 1e-9; bpw += 0.25) {
            const Race race(points, bpw);
            if (race.optimum < 0) continue;
            std::vector<double> bayes, random;
            for (uint64_t seed = 1; seed <= 20; ++seed) {
                bayes.push_back(race.steps(Strategy::Bayesian, seed));
                random.push_back(race.steps(Strategy::Random, seed));
            }
            const double front = race.steps(Strategy::WeightErrorFront, 1);
            auto shown = [](double v) { return v > 30 ? QStringLiteral(">30") : QString::number(v); };
            qInfo("%.2f bits: Bayesian %s / %s, random %s / %s, weight-error front %s", bpw, qPrintable(shown(median(bayes))),
                  qPrintable(shown(percentile(bayes, 0.9))), qPrintable(shown(median(random))), qPrintable(shown(percentile(random, 0.9))),
                  qPrintable(shown(front)));
            QVERIFY2(median(bayes) <= 15 && percentile(bayes, 0.9) <= 30, qPrintable(QString::number(bpw)));
            bayesAll.push_back(median(bayes));
            randomAll.push_back(median(random));
            frontAll.push_back(front);
        }
        auto mean = [](const std::vector<double>& v) {
            double s = 0;
            for (double x : v) s += std::min(x, 31.0);  // not within 30 counts as 31
            return s / double(v.size());
        };
        // Over all budgets Bayesian optimisation beats both; the front is ahead at 6.25 bits (2 against 6) and
        // does not get there within 30 at 8.25 (Bayesian: 6).
        qInfo("mean over %zu budgets of the median evaluations: Bayesian %.2f, random %.2f, weight-error front %.2f", bayesAll.size(),
              mean(bayesAll), mean(randomAll), mean(frontAll));
        QVERIFY(mean(bayesAll) < mean(randomAll));
        QVERIFY(mean(bayesAll) <= mean(frontAll));
    }
};

QTEST_APPLESS_MAIN(TestSearchFixture)
#include "test_search_fixture.moc"
