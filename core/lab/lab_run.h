// A block-size lab run: every point of the space gets its exact bits per weight and weight error; the
// search strategies choose, within a budget of model-quality evaluations, which points to run on the
// model ("the lowest KL divergence with at most B bits per weight"); a point is evaluated once however
// many strategies ask for it. The report says which format to take and shows how each strategy got there.
#pragma once

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
    std::vector<Family> families{Family::Symmetric, Family::Asymmetric};
    std::vector<int> qks{8, 16, 32, 64, 128, 256, 512, 0};  // 0: the whole row
    std::vector<int> bits{2, 3, 4, 5, 6, 8};
    std::vector<ScaleFormat> scales{ScaleFormat::F16};
    double maxBitsPerWeight = 5.0;
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
    std::vector<LabPoint> points;
    std::vector<LabStrategyRun> runs;
    int recommended = -1;               // the lowest KL divergence evaluated within the size budget
    std::vector<int> withinOneError;    // other evaluated feasible points within one standard error of it
    int qualityEvaluations = 0;         // distinct points run on the model
    double rowWidth = 0;                // weight-weighted mean row width: where "whole row" sits on the QK axis
    bool cancelled = false;
};

// Progress: the weight errors, then the quality evaluations; a cancel returns what was measured so far
// with cancelled set.
Result<LabReport> runLab(const LabSettings& settings, const ProgressFn& progress = {});

std::string strategyName(Strategy s);
// The report as Markdown: the recommendation, the evaluated points, every point's size and weight
// error, each strategy's trace, the machine, the settings and `command` (the one that reproduces it).
std::string labReportMarkdown(const LabReport& report, const LabSettings& settings, const std::string& command);
// The same as one HTML page with the charts drawn in it as SVG: bits per weight against KL divergence
// (the evaluated points, the budget line, the recommendation ringed) and each strategy's best-so-far.
std::string labReportHtml(const LabReport& report, const LabSettings& settings, const std::string& command);
// Every point as JSON: format, bits per weight, weight error and, where evaluated, the quality figures.
std::string labPointsJson(const LabReport& report);

// The surrogate's features of a format: log2 QK (a whole row at log2 rowWidth), bits, family, scale.
std::vector<double> labFeatures(const BlockFormat& format, double rowWidth);

}  // namespace qd::lab
