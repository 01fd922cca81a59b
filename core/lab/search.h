// The block-size lab's search: which points of the space get a (costly) model-quality evaluation.
// Cheap figures (bits per weight, weight error) are known for every candidate beforehand; the question
// is "the lowest target (log KL divergence) with at most B bits per weight", answered within a budget of
// evaluations. Three strategies on the same budget: Bayesian optimisation (a Gaussian process with
// expected improvement over the feasible candidates, gaussian_process.h; it starts from the feasible point
// with the lowest weight error and sees ln(weight error) as a feature), random search, and the candidates
// on the (bits per weight, weight error) front first.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace qd::lab {

struct Candidate {
    std::vector<double> features;  // what the surrogate sees: log2 QK, bits, family, ...
    double bitsPerWeight = 0;
    double weightError = 0;        // e.g. RMSE over the model's tensors (lower is better)
    double speedGBs = 0;           // the dot product's speed on this CPU (the fastest instruction set); 0: not measured
};

struct Observation {
    int index = -1;          // into the candidates
    double value = 0;        // the target, lower is better
    double standardError = 0;
};

// Evaluates candidate `index`; nullopt stops the search (cancelled).
using EvaluateFn = std::function<std::optional<Observation>(int index)>;

enum class Strategy { Bayesian, Random, WeightErrorFront };

struct SearchSettings {
    Strategy strategy = Strategy::Bayesian;
    double maxBitsPerWeight = 1e9;  // the budget on size: feasible candidates only
    double minSpeedGBs = 0;         // and on speed (0: any)
    int budget = 20;                // evaluations at most
    int initialRandom = 3;          // Bayesian: random feasible points before the surrogate takes over
    int restarts = 3;               // Bayesian: hyperparameter fits per step
    uint64_t seed = 1;
};

struct SearchTrace {
    std::vector<Observation> evaluated;  // in order
    std::vector<double> bestSoFar;       // after each evaluation
    int bestIndex = -1;                  // candidate with the lowest value seen
    bool cancelled = false;
};

SearchTrace runSearch(const std::vector<Candidate>& candidates, const SearchSettings& settings, const EvaluateFn& evaluate);

// Candidates within the size budget (and at least minSpeedGBs fast, when it is positive), in index order.
std::vector<int> feasibleCandidates(const std::vector<Candidate>& candidates, double maxBitsPerWeight, double minSpeedGBs = 0);

}  // namespace qd::lab
