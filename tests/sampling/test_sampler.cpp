// Sampling: greedy, truncations, penalties, determinism and the distribution it draws from.
#include <QtTest>

#include <cmath>
#include <map>

#include "core/sampling/sampler.h"

using namespace qd;

class TestSampler : public QObject {
    Q_OBJECT

private:
    static std::vector<float> logitsFor(const std::vector<double>& probs) {
        std::vector<float> l;
        for (double p : probs) l.push_back(static_cast<float>(std::log(p)));
        return l;
    }

    static std::map<int, int> histogram(Sampler& s, const std::vector<float>& logits, int draws) {
        std::map<int, int> h;
        for (int i = 0; i < draws; ++i) ++h[s.sample(logits)];
        return h;
    }

private slots:
    void greedyPicksTheLargestLogit() {
        Sampler s({.temperature = 0.0f});
        std::vector<float> logits = {0.1f, 2.5f, -1.0f, 2.4f};
        QCOMPARE(s.sample(logits), 1);
        // ties go to the lowest id, so the result never depends on sort stability
        std::vector<float> tie = {1.0f, 3.0f, 3.0f};
        QCOMPARE(s.sample(tie), 1);
    }

    void topKOfOneIsGreedy() {
        Sampler s({.temperature = 1.5f, .topK = 1, .topP = 1.0f, .minP = 0.0f, .seed = 7});
        std::vector<float> logits = {0.0f, 0.5f, 0.4f, -3.0f};
        for (int i = 0; i < 50; ++i) QCOMPARE(s.sample(logits), 1);
    }

    void sameSeedSameDraws() {
        SamplerSettings settings{.temperature = 1.0f, .topK = 0, .topP = 1.0f, .minP = 0.0f, .seed = 1234};
        Sampler a(settings), b(settings);
        std::vector<float> logits = logitsFor({0.2, 0.2, 0.2, 0.2, 0.2});
        std::vector<int> da, db;
        for (int i = 0; i < 100; ++i) {
            da.push_back(a.sample(logits));
            db.push_back(b.sample(logits));
        }
        QCOMPARE(da, db);
        settings.seed = 1235;
        Sampler c(settings);
        std::vector<int> dc;
        for (int i = 0; i < 100; ++i) dc.push_back(c.sample(logits));
        QVERIFY(dc != da);
        // reset() restarts the same sequence
        a.reset();
        std::vector<int> again;
        for (int i = 0; i < 100; ++i) again.push_back(a.sample(logits));
        QCOMPARE(again, da);
    }

    // At temperature 1 with no truncation the draws follow the softmax: 20000 draws, each frequency
    // within 4 standard deviations of its probability.
    void drawsFollowTheDistribution() {
        const std::vector<double> probs = {0.5, 0.25, 0.15, 0.1};
        Sampler s({.temperature = 1.0f, .topK = 0, .topP = 1.0f, .minP = 0.0f, .seed = 99});
        const int n = 20000;
        auto h = histogram(s, logitsFor(probs), n);
        for (size_t i = 0; i < probs.size(); ++i) {
            const double expected = probs[i] * n;
            const double sd = std::sqrt(n * probs[i] * (1 - probs[i]));
            QVERIFY2(std::fabs(h[static_cast<int>(i)] - expected) < 4 * sd,
                     qPrintable(QString("token %1: %2 draws, expected %3").arg(i).arg(h[static_cast<int>(i)]).arg(expected)));
        }
    }

    void temperatureSharpens() {
        const auto logits = logitsFor({0.4, 0.3, 0.2, 0.1});
        Sampler cold({.temperature = 0.25f, .topK = 0, .topP = 1.0f, .minP = 0.0f, .seed = 3});
        Sampler hot({.temperature = 1.0f, .topK = 0, .topP = 1.0f, .minP = 0.0f, .seed = 3});
        auto hc = histogram(cold, logits, 5000), hh = histogram(hot, logits, 5000);
        // p(best) at T=0.25 is 0.4^4 / sum(p^4) = 0.716
        QVERIFY(std::fabs(hc[0] / 5000.0 - 0.716) < 0.03);
        QVERIFY(std::fabs(hh[0] / 5000.0 - 0.4) < 0.03);
    }

    void topPDropsTheTail() {
        // cumulative 0.5, 0.8 >= 0.6: only tokens 0 and 1 survive
        Sampler s({.temperature = 1.0f, .topK = 0, .topP = 0.6f, .minP = 0.0f, .seed = 5});
        auto h = histogram(s, logitsFor({0.5, 0.3, 0.15, 0.05}), 3000);
        QCOMPARE(h.count(2) + h.count(3), size_t(0));
        QVERIFY(h[0] > 0 && h[1] > 0);
        // renormalised 0.5/0.8 = 0.625
        QVERIFY(std::fabs(h[0] / 3000.0 - 0.625) < 0.04);
    }

    void minPDropsUnlikelyTokens() {
        // min-p 0.25 of p(best)=0.5 is 0.125: token 3 (0.05) goes, token 2 (0.15) stays
        Sampler s({.temperature = 1.0f, .topK = 0, .topP = 1.0f, .minP = 0.25f, .seed = 11});
        auto h = histogram(s, logitsFor({0.5, 0.3, 0.15, 0.05}), 3000);
        QCOMPARE(h.count(3), size_t(0));
        QVERIFY(h[2] > 0);
    }

    void repetitionPenaltyChangesTheChoice() {
        std::vector<float> logits = {2.0f, 1.8f, 0.5f};
        Sampler s({.temperature = 0.0f, .repeatPenalty = 1.2f});
        QCOMPARE(s.sample(logits), 0);
        s.accept(0);  // 2.0 / 1.2 = 1.67 < 1.8
        QCOMPARE(s.sample(logits), 1);
        s.reset();
        QCOMPARE(s.sample(logits), 0);
    }

    void frequencyAndPresencePenalties() {
        std::vector<float> logits = {2.0f, 1.5f, 0.0f};
        Sampler f({.temperature = 0.0f, .frequencyPenalty = 0.2f});
        f.accept(0);
        f.accept(0);
        QCOMPARE(f.sample(logits), 0);  // 2.0 - 0.4 = 1.6 > 1.5
        f.accept(0);
        QCOMPARE(f.sample(logits), 1);  // 2.0 - 0.6 = 1.4 < 1.5
        Sampler p({.temperature = 0.0f, .presencePenalty = 0.6f});
        p.accept(0);
        QCOMPARE(p.sample(logits), 1);  // 1.4 < 1.5, once however often it appeared
        // the window forgets old tokens
        Sampler w({.temperature = 0.0f, .presencePenalty = 0.6f, .penaltyWindow = 2});
        w.accept(0);
        w.accept(2);
        w.accept(2);
        QCOMPARE(w.sample(logits), 0);
    }

    void uniformIsInRange() {
        Sampler s({.seed = 42});
        double lo = 1, hi = 0, sum = 0;
        for (int i = 0; i < 10000; ++i) {
            double u = s.nextUniform();
            QVERIFY(u >= 0.0 && u < 1.0);
            lo = std::min(lo, u);
            hi = std::max(hi, u);
            sum += u;
        }
        QVERIFY(lo < 0.01 && hi > 0.99);
        QVERIFY(std::fabs(sum / 10000 - 0.5) < 0.01);
    }
};

QTEST_GUILESS_MAIN(TestSampler)
#include "test_sampler.moc"
