// A block-size lab run: every point of the space gets its exact bits per weight and weight error; the
// search strategies choose, within a budget of model-quality evaluations, which points to run on the
// model ("the lowest KL divergence with at most B bits per weight"); a point is evaluated once however
// many strategies ask for it. The report says which format to take and shows how each strategy got there.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/lab/block_format.h"
#include "core/lab/evaluator.h"
#include "core/lab/lab_dot.h"
#include "core/lab/search.h"

namespace qd::lab {

struct LabSettings {
    EvaluatorSettings evaluation;
    std::vector<Family> families{Family::Symmetric, Family::Asymmetric, Family::KStyle, Family::Codebook};
    std::vector<int> qks{8, 16, 32, 64, 128, 256, 512, 0};  // 0: the whole row (not for K-style)
    std::vector<int> bits{2, 3, 4, 5, 6, 8};                 // codebooks are 4-bit whatever this says
    std::vector<ScaleFormat> scales{ScaleFormat::F16};       // type-0, type-1 and codebook
    std::vector<int> superBlocks{256};                       // K-style
    std::vector<int> subScaleBits{6};                        // K-style
    std::vector<Codebook> codebooks{Codebook::NonLinear};    // codebook
    double maxBitsPerWeight = 5.0;
    double minSpeedGBs = 0;  // optionally: at least this fast a dot product (the fastest instruction set; needs measureSpeed)
    int budget = 15;
    std::vector<Strategy> strategies{Strategy::Bayesian, Strategy::Random, Strategy::WeightErrorFront};
    uint64_t seed = 1;
    bool measureSpeed = true;  // the dot product's speed per instruction set for every point
};

struct LabPoint {
    BlockFormat format;
    WeightError weight;
    std::vector<DotSpeed> speed;     // per instruction set this CPU runs (when measured)
    std::optional<Quality> quality;  // when some strategy evaluated it
};

struct LabStrategyRun {
    Strategy strategy = Strategy::Bayesian;
    SearchTrace trace;  // indices into LabReport::points; values are ln(KL divergence)
};

struct LabReport {
    Quality base;
    std::string baseWeightType;         // a quantized base's weight type ("Q8_0"), else empty
    std::vector<LabPoint> points;
    std::vector<LabStrategyRun> runs;
    int recommended = -1;               // the lowest KL divergence evaluated within the size budget
    std::vector<int> withinOneError;    // other evaluated feasible points within one standard error of it
    std::vector<int> bestPerFamily;     // per family key (t0, t1, k, nl, fp4) present: its lowest KLD within budget
    int qualityEvaluations = 0;         // distinct points run on the model
    double rowWidth = 0;                // weight-weighted mean row width: where "whole row" sits on the QK axis
    bool cancelled = false;
};

// The formats of the space, in the order runLab measures them (combinations that cannot be built, such as
// a K-style QK that does not divide the super-block, left out).
std::vector<BlockFormat> labSpace(const LabSettings& settings);

// What runLab reports while it runs (from its thread; copies): after every point's cheap figures, and
// after every quality evaluation with the strategy that asked for it.
struct LabEvent {
    enum Kind { Measured, Evaluated } kind = Measured;
    int point = -1;
    LabPoint data;
    Strategy strategy = Strategy::Bayesian;
    int evaluation = 0;     // the strategy's evaluation number, from 1
    double bestSoFar = 0;   // its best ln(KLD) after it
};
using LabEventFn = std::function<void(const LabEvent&)>;

// Progress: the weight errors, then the quality evaluations; a cancel returns what was measured so far
// with cancelled set.
Result<LabReport> runLab(const LabSettings& settings, const ProgressFn& progress = {}, const LabEventFn& events = {});

// The CLI command that reproduces a run of these settings into reportDir, every setting spelled out.
std::string labCommand(const LabSettings& settings, const std::string& reportDir);
// Adds the family of a CLI key (t0, type-0, t1, type-1, k, nl, fp4) to the settings; false if unknown.
bool addLabFamily(LabSettings& settings, const std::string& key);

std::string strategyName(Strategy s);

// Whether a point answers the question's constraints: at most maxBitsPerWeight and, when minSpeedGBs is
// set, a dot product at least that fast on its fastest instruction set.
bool labFeasible(const LabPoint& point, const LabSettings& settings);
double fastestSpeedGBs(const LabPoint& point);

// The surrogate's features of a format: log2 QK (a whole row at log2 rowWidth), bits, family (one-hot),
// scale format, and for K-style log2 of the super-block and the code width.
std::vector<double> labFeatures(const BlockFormat& format, double rowWidth);

}  // namespace qd::lab
