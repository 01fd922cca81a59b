#include "core/lab/search.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/lab/gaussian_process.h"

namespace qd::lab {

std::vector<int> feasibleCandidates(const std::vector<Candidate>& c, double maxBpw, double minSpeed) {
    std::vector<int> out;
    for (size_t i = 0; i < c.size(); ++i)
        if (c[i].bitsPerWeight <= maxBpw && (minSpeed <= 0 || c[i].speedGBs >= minSpeed)) out.push_back(static_cast<int>(i));
    return out;
}

namespace {

// The order the weight-error baseline evaluates in: the (bits per weight, weight error) front first,
// smallest error first, then the rest by error.
std::vector<int> frontOrder(const std::vector<Candidate>& c, const std::vector<int>& feasible) {
    std::vector<int> front, rest;
    for (int i : feasible) {
        bool dominated = false;
        for (int j : feasible) {
            if (j == i) continue;
            const auto& a = c[size_t(j)];
            const auto& b = c[size_t(i)];
            if (a.bitsPerWeight <= b.bitsPerWeight && a.weightError <= b.weightError &&
                (a.bitsPerWeight < b.bitsPerWeight || a.weightError < b.weightError))
                dominated = true;
        }
        (dominated ? rest : front).push_back(i);
    }
    auto byError = [&](int a, int b) { return c[size_t(a)].weightError < c[size_t(b)].weightError; };
    std::stable_sort(front.begin(), front.end(), byError);
    std::stable_sort(rest.begin(), rest.end(), byError);
    front.insert(front.end(), rest.begin(), rest.end());
    return front;
}

}  // namespace

SearchTrace runSearch(const std::vector<Candidate>& c, const SearchSettings& s, const EvaluateFn& evaluate) {
    SearchTrace trace;
    const std::vector<int> feasible = feasibleCandidates(c, s.maxBitsPerWeight, s.minSpeedGBs);
    const int budget = std::min<int>(s.budget, static_cast<int>(feasible.size()));
    std::mt19937_64 rng(s.seed);
    std::vector<bool> done(c.size(), false);
    double best = 0;

    auto record = [&](int index) {
        auto o = evaluate(index);
        if (!o) {
            trace.cancelled = true;
            return false;
        }
        o->index = index;
        done[size_t(index)] = true;
        if (trace.bestIndex < 0 || o->value < best) best = o->value, trace.bestIndex = index;
        trace.evaluated.push_back(*o);
        trace.bestSoFar.push_back(best);
        return true;
    };

    std::vector<int> order;
    if (s.strategy == Strategy::Random || s.strategy == Strategy::Bayesian) {
        order = feasible;
        std::shuffle(order.begin(), order.end(), rng);
    } else {
        order = frontOrder(c, feasible);
    }
    if (s.strategy != Strategy::Bayesian) {
        for (int k = 0; k < budget; ++k)
            if (!record(order[size_t(k)])) break;
        return trace;
    }

    // The initial design: the feasible point with the lowest weight error (the cheap figure's best
    // guess), then random ones.
    int cheapest = -1;
    for (int i : feasible)
        if (c[size_t(i)].weightError > 0 && (cheapest < 0 || c[size_t(i)].weightError < c[size_t(cheapest)].weightError)) cheapest = i;
    if (cheapest >= 0) {
        order.erase(std::find(order.begin(), order.end(), cheapest));
        order.insert(order.begin(), cheapest);
    }
    const int initial = std::min(budget, std::max(1, s.initialRandom));
    for (int k = 0; k < initial; ++k)
        if (!record(order[size_t(k)])) return trace;
    // The surrogate also sees ln(weight error): the cheap figure is measured everywhere and tracks the
    // target closely, so the process only has to learn what it misses.
    // Features that take one value over the feasible candidates (a family or scale format not in the
    // space) carry nothing and would only add length scales to fit: left out.
    std::vector<size_t> varying;
    if (!feasible.empty())
        for (size_t k = 0; k < c[size_t(feasible.front())].features.size(); ++k)
            for (int i : feasible)
                if (c[size_t(i)].features[k] != c[size_t(feasible.front())].features[k]) {
                    varying.push_back(k);
                    break;
                }
    auto features = [&](int i) {
        std::vector<double> f;
        for (size_t k : varying) f.push_back(c[size_t(i)].features[k]);
        if (c[size_t(i)].weightError > 0) f.push_back(std::log(c[size_t(i)].weightError));
        else f.push_back(0.0);
        return f;
    };
    while (static_cast<int>(trace.evaluated.size()) < budget) {
        std::vector<std::vector<double>> x;
        std::vector<double> y, noise;
        for (const auto& o : trace.evaluated) {
            x.push_back(features(o.index));
            y.push_back(o.value);
            noise.push_back(o.standardError * o.standardError);
        }
        GaussianProcess gp;
        int next = -1;
        if (gp.fit(x, y, noise, s.restarts, rng())) {
            double bestEi = -1.0;
            for (int i : feasible) {
                if (done[size_t(i)]) continue;
                double m = 0, v = 0;
                gp.predict(features(i), m, v);
                const double ei = expectedImprovement(m, std::sqrt(v), best);
                // Ties (EI 0 far from the data) go to the smaller file.
                if (ei > bestEi || (ei == bestEi && next >= 0 && c[size_t(i)].bitsPerWeight < c[size_t(next)].bitsPerWeight))
                    bestEi = ei, next = i;
            }
        }
        if (next < 0)  // the fit failed: the next random point
            for (int i : order)
                if (!done[size_t(i)]) {
                    next = i;
                    break;
                }
        if (next < 0 || !record(next)) break;
    }
    return trace;
}

}  // namespace qd::lab
