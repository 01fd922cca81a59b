// The Compare page's choice among variants (core/eval/variant_choice.h) against brute force: the
// Pareto front by its definition, pair by pair, and the recommendation by scanning every candidate.
#include <QtTest>

#include <random>

#include "core/eval/variant_choice.h"

using namespace qd;

namespace {

// By definition: dominated when another candidate is no larger and no worse, and better in one.
std::vector<bool> frontByPairs(const std::vector<VariantCandidate>& c) {
    std::vector<bool> out(c.size(), false);
    for (size_t i = 0; i < c.size(); ++i) {
        if (!c[i].hasLoss) continue;
        bool dominated = false;
        for (size_t j = 0; j < c.size() && !dominated; ++j) {
            if (j == i || !c[j].hasLoss) continue;
            dominated = c[j].size <= c[i].size && c[j].loss <= c[i].loss && (c[j].size < c[i].size || c[j].loss < c[i].loss);
        }
        out[i] = !dominated;
    }
    return out;
}

}  // namespace

class TestVariantChoice : public QObject {
    Q_OBJECT

private slots:
    void frontOfAKnownSet() {
        // Sizes and losses like Q2_K .. Q8_0, with Q3_K_S worse than the smaller Q2_K (dominated) and two
        // files of one size where only the better one is on the front.
        std::vector<VariantCandidate> c = {
            {1.49, 0.40, true, 0, 0}, {1.71, 0.45, true, 0, 0}, {1.88, 0.20, true, 0, 0}, {2.28, 0.08, true, 0, 0},
            {2.28, 0.09, true, 0, 0}, {3.93, 0.002, true, 0, 0}, {7.37, 0, false, 0, 0}};
        const std::vector<bool> front = paretoFront(c);
        const std::vector<bool> expected = {true, false, true, true, false, true, false};
        QCOMPARE(front, expected);
    }

    void frontEqualsBruteForce() {
        std::mt19937 rng(11);
        for (int round = 0; round < 400; ++round) {
            const int n = 1 + int(rng() % 14);
            std::vector<VariantCandidate> c(static_cast<size_t>(n));
            for (auto& v : c) {
                // Few distinct values, so equal sizes and equal losses happen often.
                v.size = double(rng() % 6);
                v.loss = double(rng() % 5) * 0.25;
                v.hasLoss = rng() % 7 != 0;
            }
            QCOMPARE(paretoFront(c), frontByPairs(c));
        }
    }

    void choiceEqualsBruteForce() {
        std::mt19937 rng(5);
        for (int round = 0; round < 400; ++round) {
            const int n = 1 + int(rng() % 10);
            std::vector<VariantCandidate> c(static_cast<size_t>(n));
            for (auto& v : c) {
                v.size = double(1 + rng() % 8);
                v.loss = double(rng() % 6) * 0.1;
                v.hasLoss = rng() % 6 != 0;
                v.memoryBytes = rng() % 5 == 0 ? 0 : 1000 * (1 + rng() % 8);
                v.generationTokensPerSecond = rng() % 4 == 0 ? 0 : double(rng() % 50);
            }
            const uint64_t budget = rng() % 3 == 0 ? 0 : 1000 * (1 + rng() % 8);
            const double minSpeed = rng() % 2 ? 0 : double(rng() % 40);
            // Scan: the best loss among those that fit and are fast enough, ties to the smaller size.
            int best = -1, fitting = 0, fast = 0;
            bool measured = false;
            for (int i = 0; i < n; ++i) {
                const auto& v = c[size_t(i)];
                if (!v.hasLoss) continue;
                measured = true;
                if (budget && v.memoryBytes && v.memoryBytes > budget) continue;
                ++fitting;
                if (minSpeed > 0 && !(v.generationTokensPerSecond >= minSpeed && v.generationTokensPerSecond > 0)) continue;
                ++fast;
                if (best < 0 || v.loss < c[size_t(best)].loss || (v.loss == c[size_t(best)].loss && v.size < c[size_t(best)].size))
                    best = i;
            }
            const VariantChoice got = chooseVariant(c, budget, minSpeed);
            QCOMPARE(got.fitting, fitting);
            QCOMPARE(got.fastEnough, fast);
            if (!measured) {
                QCOMPARE(got.outcome, ChoiceOutcome::NothingMeasured);
                QCOMPARE(got.index, -1);
            } else if (best >= 0) {
                QCOMPARE(got.outcome, ChoiceOutcome::Chosen);
                // Equal loss and size: either index is the same variant to a person; compare the values.
                QCOMPARE(c[size_t(got.index)].loss, c[size_t(best)].loss);
                QCOMPARE(c[size_t(got.index)].size, c[size_t(best)].size);
            } else if (fitting == 0) {
                QCOMPARE(got.outcome, ChoiceOutcome::NoneFits);
                QVERIFY(got.index >= 0 && c[size_t(got.index)].hasLoss);
            } else {
                QCOMPARE(got.outcome, ChoiceOutcome::NoneFastEnough);
                QVERIFY(got.index >= 0);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestVariantChoice)
#include "test_variant_choice.moc"
