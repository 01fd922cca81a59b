#include "core/lab/lab_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/common/cpu_features.h"
#include "core/common/json.h"
#include "core/gguf/gguf_file.h"

namespace qd::lab {

std::string strategyName(Strategy s) {
    switch (s) {
    case Strategy::Bayesian: return "Bayesian optimisation";
    case Strategy::Random: return "random search";
    case Strategy::WeightErrorFront: return "weight-error front";
    }
    return {};
}

Result<LabReport> runLab(const LabSettings& s, const ProgressFn& progress) {
    LabReport report;
    auto evaluator = Evaluator::open(s.evaluation, [&](const Progress&) { return qd::report(progress, 0, 1, "evaluating the base model"); });
    if (!evaluator) return evaluator.error();
    report.base = (*evaluator)->base();

    // The space, and every point's cheap figures.
    for (Family fam : s.families)
        for (int qk : s.qks)
            for (int bits : s.bits)
                for (ScaleFormat sf : s.scales) {
                    LabPoint p;
                    p.format = {fam, qk, bits, sf};
                    if (!p.format.problem().empty()) continue;
                    report.points.push_back(p);
                }
    if (report.points.empty()) return fail("the lab's space is empty: no valid combination of family, QK and bits");
    // Quality evaluations: at most the budget per strategy (fewer when strategies share points).
    const uint64_t total = report.points.size() + uint64_t(s.budget) * std::max<size_t>(1, s.strategies.size());
    for (size_t i = 0; i < report.points.size(); ++i) {
        if (!qd::report(progress, i, total, "weight error of " + report.points[i].format.name())) {
            report.cancelled = true;
            return report;
        }
        auto w = (*evaluator)->weightError(report.points[i].format, ScaleRule::Search);
        if (!w) return w.error();
        report.points[i].weight = *w;
        if (s.measureSpeed) report.points[i].speed = measureDotSpeed(report.points[i].format, 4096, 64, 5);
    }

    // The surrogate's features: log2 QK (a whole row as the widest row), bits, family, scale format.
    {
        auto file = GgufFile::open(s.evaluation.base);
        if (!file) return file.error();
        double weighted = 0, weights = 0;
        for (const auto& t : file->tensors())
            if (t.dims.size() >= 2) weighted += double(t.rowLength()) * double(t.nElements), weights += double(t.nElements);
        report.rowWidth = weights > 0 ? weighted / weights : 4096.0;
    }
    std::vector<Candidate> candidates;
    for (const auto& p : report.points) {
        Candidate c;
        c.features = labFeatures(p.format, report.rowWidth);
        c.bitsPerWeight = p.weight.bitsPerWeight;
        c.weightError = p.weight.rmse;
        candidates.push_back(c);
    }

    bool stop = false;
    auto evaluate = [&](int index) -> std::optional<Observation> {
        LabPoint& p = report.points[size_t(index)];
        if (!p.quality) {
            auto q = (*evaluator)->quality(p.format, ScaleRule::Search, [&](const Progress& pr) {
                return qd::report(progress, report.points.size() + uint64_t(report.qualityEvaluations), total, pr.stage);
            });
            if (!q) {
                stop = true;
                return std::nullopt;
            }
            p.quality = *q;
            ++report.qualityEvaluations;
        }
        Observation o;
        o.index = index;
        const double kld = std::max(p.quality->kld, 1e-12);
        o.value = std::log(kld);
        o.standardError = p.quality->kldError / kld;
        return o;
    };
    for (Strategy strategy : s.strategies) {
        SearchSettings ss;
        ss.strategy = strategy;
        ss.maxBitsPerWeight = s.maxBitsPerWeight;
        ss.budget = s.budget;
        ss.seed = s.seed;
        LabStrategyRun run;
        run.strategy = strategy;
        run.trace = runSearch(candidates, ss, evaluate);
        report.runs.push_back(run);
        if (stop || run.trace.cancelled) {
            report.cancelled = true;
            break;
        }
    }

    // The recommendation: the lowest KL divergence measured within the size budget.
    for (size_t i = 0; i < report.points.size(); ++i) {
        const auto& p = report.points[i];
        if (!p.quality || p.weight.bitsPerWeight > s.maxBitsPerWeight) continue;
        if (report.recommended < 0 || p.quality->kld < report.points[size_t(report.recommended)].quality->kld)
            report.recommended = int(i);
    }
    if (report.recommended >= 0) {
        const Quality& best = *report.points[size_t(report.recommended)].quality;
        for (size_t i = 0; i < report.points.size(); ++i) {
            const auto& p = report.points[i];
            if (int(i) == report.recommended || !p.quality || p.weight.bitsPerWeight > s.maxBitsPerWeight) continue;
            if (p.quality->kld - best.kld <= std::hypot(p.quality->kldError, best.kldError)) report.withinOneError.push_back(int(i));
        }
    }
    return report;
}

std::string labReportMarkdown(const LabReport& r, const LabSettings& s, const std::string& command) {
    std::string out;
    char line[512];
    auto add = [&](const char* fmt, auto... args) {
        std::snprintf(line, sizeof line, fmt, args...);
        out += line;
    };
    const std::string cpu = cpuFeatures().brand.empty() ? std::string("this machine") : cpuFeatures().brand;
    out += "# Block-size lab report\n\n";
    add("Model `%s`, text `%s`, context %d, %s; %s, %d threads.\n\n", s.evaluation.base.filename().string().c_str(),
        s.evaluation.textFile.filename().string().c_str(), s.evaluation.context,
        s.evaluation.maxChunks > 0 ? ("at most " + std::to_string(s.evaluation.maxChunks) + " chunks").c_str() : "every chunk",
        cpu.c_str(), s.evaluation.threads);
    add("Base perplexity %.4f ± %.4f. Question: the lowest KL divergence with at most %.3f bits per weight; "
        "%d quality evaluations in all (budget %d per strategy).\n\n",
        r.base.ppl, r.base.pplError, s.maxBitsPerWeight, r.qualityEvaluations, s.budget);
    if (r.recommended >= 0) {
        const auto& p = r.points[size_t(r.recommended)];
        add("**Recommendation: %s** — %.4f bits per weight, KL divergence %.6f ± %.6f, perplexity %.4f ± %.4f.\n\n",
            p.format.name().c_str(), p.weight.bitsPerWeight, p.quality->kld, p.quality->kldError, p.quality->ppl, p.quality->pplError);
        if (!r.withinOneError.empty()) {
            out += "Within one standard error of it:";
            for (int i : r.withinOneError) {
                const auto& q = r.points[size_t(i)];
                add(" %s (%.4f bpw, KLD %.6f);", q.format.name().c_str(), q.weight.bitsPerWeight, q.quality->kld);
            }
            out += "\n\n";
        }
    } else {
        out += r.cancelled ? "Cancelled before a point within the budget was evaluated.\n\n"
                           : "No evaluated point fits the bits-per-weight budget.\n\n";
    }
    out += "## Evaluated points\n\n| format | bits/weight | weight RMSE | KLD mean | KLD p99 | PPL | same top |\n"
           "|---|---:|---:|---:|---:|---:|---:|\n";
    std::vector<int> evaluated;
    for (size_t i = 0; i < r.points.size(); ++i)
        if (r.points[i].quality) evaluated.push_back(int(i));
    std::sort(evaluated.begin(), evaluated.end(), [&](int a, int b) { return r.points[size_t(a)].quality->kld < r.points[size_t(b)].quality->kld; });
    for (int i : evaluated) {
        const auto& p = r.points[size_t(i)];
        add("| %s%s | %.4f | %.3g | %.6f ± %.6f | %.4g | %.4f ± %.4f | %.2f %% |\n", p.format.name().c_str(),
            p.weight.bitsPerWeight > s.maxBitsPerWeight ? " (over budget)" : "", p.weight.bitsPerWeight, p.weight.rmse,
            p.quality->kld, p.quality->kldError, p.quality->kld99, p.quality->ppl, p.quality->pplError, p.quality->sameTopPercent);
    }
    // Speed columns for the levels measured (the same on every point).
    std::vector<IsaLevel> levels;
    for (const auto& p : r.points)
        if (p.speed.size() > levels.size()) {
            levels.clear();
            for (const auto& sp : p.speed) levels.push_back(sp.level);
        }
    out += "\n## Every point: size, weight error and dot-product speed\n\n| format | bits/weight | RMSE | p99 | max | padded tensors |";
    for (IsaLevel l : levels) out += " " + std::string(isaLevelName(l)) + " GB/s (spread) |";
    out += "\n|---|---:|---:|---:|---:|---:|";
    for (size_t i = 0; i < levels.size(); ++i) out += "---:|";
    out += "\n";
    for (const auto& p : r.points) {
        add("| %s | %.4f | %.4g | %.4g | %.4g | %d |", p.format.name().c_str(), p.weight.bitsPerWeight, p.weight.rmse, p.weight.p99,
            p.weight.maxAbs, p.weight.paddedTensors);
        for (size_t i = 0; i < levels.size(); ++i) {
            if (i < p.speed.size()) add(" %.2f (%.0f %%) |", p.speed[i].medianGBs, p.speed[i].spreadPercent);
            else out += " |";
        }
        out += "\n";
    }
    if (!levels.empty())
        add("\nSpeed: the lab's generic dot product of a 4096-wide row with float activations, weight bytes read per "
            "second, median of %d runs on %s (spread: slowest to fastest, in %% of the median).\n",
            r.points.empty() || r.points.front().speed.empty() ? 0 : r.points.front().speed.front().runs, cpu.c_str());
    out += "\n## The search\n\nBest ln(KL divergence) after each evaluation:\n\n| evaluation |";
    size_t longest = 0;
    for (const auto& run : r.runs) {
        out += " " + strategyName(run.strategy) + " |";
        longest = std::max(longest, run.trace.bestSoFar.size());
    }
    out += "\n|---:|";
    for (size_t i = 0; i < r.runs.size(); ++i) out += "---:|";
    out += "\n";
    for (size_t k = 0; k < longest; ++k) {
        add("| %zu |", k + 1);
        for (const auto& run : r.runs) {
            if (k < run.trace.bestSoFar.size()) add(" %.4f |", run.trace.bestSoFar[k]);
            else out += " |";
        }
        out += "\n";
    }
    out += "\nReproduce with:\n\n    " + command + "\n";
    return out;
}

}  // namespace qd::lab

namespace qd::lab {

std::vector<double> labFeatures(const BlockFormat& f, double rowWidth) {
    const double qk = f.qk == 0 ? std::max(2.0, rowWidth) : double(f.qk);
    return {std::log2(qk), double(f.bits), f.family == Family::Asymmetric ? 1.0 : 0.0, f.scale == ScaleFormat::E8M0 ? 1.0 : 0.0};
}

std::string labPointsJson(const LabReport& r) {
    Json points = Json::array();
    for (const auto& p : r.points) {
        Json j = Json::object();
        j.set("family", p.format.family == Family::Symmetric ? "t0" : "t1");
        j.set("qk", p.format.qk);
        j.set("bits", p.format.bits);
        j.set("scale", p.format.scale == ScaleFormat::F16 ? "f16" : "e8m0");
        j.set("bits_per_weight", p.weight.bitsPerWeight);
        j.set("weight_rmse", p.weight.rmse);
        j.set("weight_p99", p.weight.p99);
        j.set("padded_tensors", p.weight.paddedTensors);
        if (!p.speed.empty()) {
            Json speed = Json::object();
            for (const auto& sp : p.speed) speed.set(std::string(isaLevelName(sp.level)) + "_gb_per_s", sp.medianGBs);
            j.set("dot_speed", std::move(speed));
        }
        if (p.quality) {
            j.set("kld", p.quality->kld);
            j.set("kld_error", p.quality->kldError);
            j.set("kld_p99", p.quality->kld99);
            j.set("ppl", p.quality->ppl);
            j.set("ppl_error", p.quality->pplError);
            j.set("same_top_percent", p.quality->sameTopPercent);
        }
        points.push(std::move(j));
    }
    Json out = Json::object();
    out.set("base_ppl", r.base.ppl);
    out.set("base_ppl_error", r.base.pplError);
    out.set("row_width", r.rowWidth);
    out.set("points", std::move(points));
    return out.dump(1) + "\n";
}

}  // namespace qd::lab
