// Choosing among measured variants of a model: which are on the Pareto front of size against quality,
// and which one to take on this machine. Plain data in, indices out; the Compare page draws and words it.
#pragma once

#include <cstdint>
#include <vector>

namespace qd {

// One variant as the choice sees it. `loss` is the chosen quality metric oriented so that lower is
// better (KL divergence, perplexity, ΔPPL; the negated same-top rate).
struct VariantCandidate {
    double size = 0;             // the x axis: bytes or bits per weight
    double loss = 0;
    bool hasLoss = false;        // measured with this metric (a base has no KL divergence)
    uint64_t memoryBytes = 0;    // what running it needs at the chosen context; 0: unknown
    double generationTokensPerSecond = 0;  // 0: not measured
};

// For each candidate, whether it is on the Pareto front: no other candidate with a loss is at most as
// large and at most as lossy, and strictly better in one of the two. Candidates without a loss are not.
std::vector<bool> paretoFront(const std::vector<VariantCandidate>& candidates);

enum class ChoiceOutcome {
    Chosen,          // index is the best that fits and is fast enough
    NothingMeasured, // no candidate has the metric
    NoneFits,        // every measured one needs more memory than the budget (index: the smallest)
    NoneFastEnough,  // some fit, none reaches the minimum speed (index: the fastest that fits)
};

struct VariantChoice {
    ChoiceOutcome outcome = ChoiceOutcome::NothingMeasured;
    int index = -1;
    int fitting = 0;     // candidates with the metric that fit in the budget
    int fastEnough = 0;  // of those, the ones that reach the minimum speed
};

// The lowest loss among the candidates that fit in `memoryBudget` (0: no limit; an unknown need counts
// as fitting) and generate at least `minTokensPerSecond` (0: any speed; an unmeasured speed fails a set
// minimum). Equal losses go to the smaller one.
VariantChoice chooseVariant(const std::vector<VariantCandidate>& candidates, uint64_t memoryBudget, double minTokensPerSecond);

}  // namespace qd
