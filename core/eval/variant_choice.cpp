#include "core/eval/variant_choice.h"

#include <algorithm>
#include <numeric>

namespace qd {

std::vector<bool> paretoFront(const std::vector<VariantCandidate>& c) {
    const size_t n = c.size();
    std::vector<bool> front(n, false);
    // Sorted by size, then loss: a candidate is on the front when its loss is below every loss of the
    // strictly smaller ones, and no candidate of the same size has a lower loss.
    std::vector<size_t> order;
    for (size_t i = 0; i < n; ++i)
        if (c[i].hasLoss) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return c[a].size != c[b].size ? c[a].size < c[b].size : c[a].loss < c[b].loss;
    });
    bool any = false;
    double best = 0;  // lowest loss among the smaller sizes seen so far
    for (size_t k = 0; k < order.size();) {
        size_t end = k;
        while (end < order.size() && c[order[end]].size == c[order[k]].size) ++end;
        const double groupBest = c[order[k]].loss;  // sorted by loss within a size
        for (size_t j = k; j < end; ++j) {
            const double l = c[order[j]].loss;
            front[order[j]] = l == groupBest && (!any || l < best);
        }
        if (!any || groupBest < best) best = groupBest;
        any = true;
        k = end;
    }
    return front;
}

VariantChoice chooseVariant(const std::vector<VariantCandidate>& c, uint64_t budget, double minSpeed) {
    VariantChoice r;
    int smallest = -1, fastest = -1;
    bool anyMeasured = false;
    for (size_t i = 0; i < c.size(); ++i) {
        if (!c[i].hasLoss) continue;
        anyMeasured = true;
        const int idx = static_cast<int>(i);
        const bool fits = budget == 0 || c[i].memoryBytes == 0 || c[i].memoryBytes <= budget;
        if (smallest < 0 || c[i].memoryBytes < c[size_t(smallest)].memoryBytes ||
            (c[i].memoryBytes == c[size_t(smallest)].memoryBytes && c[i].size < c[size_t(smallest)].size))
            smallest = idx;
        if (!fits) continue;
        ++r.fitting;
        if (fastest < 0 || c[i].generationTokensPerSecond > c[size_t(fastest)].generationTokensPerSecond) fastest = idx;
        const bool fast = minSpeed <= 0 || (c[i].generationTokensPerSecond > 0 && c[i].generationTokensPerSecond >= minSpeed);
        if (!fast) continue;
        ++r.fastEnough;
        if (r.index < 0 || c[i].loss < c[size_t(r.index)].loss ||
            (c[i].loss == c[size_t(r.index)].loss && c[i].size < c[size_t(r.index)].size))
            r.index = idx;
    }
    if (!anyMeasured) return r;
    if (r.index >= 0) {
        r.outcome = ChoiceOutcome::Chosen;
    } else if (r.fitting == 0) {
        r.outcome = ChoiceOutcome::NoneFits;
        r.index = smallest;
    } else {
        r.outcome = ChoiceOutcome::NoneFastEnough;
        r.index = fastest;
    }
    return r;
}

}  // namespace qd
