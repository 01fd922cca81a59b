#include "core/lab/lab_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/common/cpu_features.h"
#include "core/common/json.h"

namespace qd::lab {

std::string strategyName(Strategy s) {
    switch (s) {
    case Strategy::Bayesian: return "Bayesian optimisation";
    case Strategy::Random: return "random search";
    case Strategy::WeightErrorFront: return "weight-error front";
    }
    return {};
}

std::vector<BlockFormat> labSpace(const LabSettings& s) {
    std::vector<BlockFormat> out;
    auto add = [&](const BlockFormat& f) {
        if (f.problem().empty()) out.push_back(f);
    };
    for (Family fam : s.families) {
        if (fam == Family::KStyle) {
            for (int qk : s.qks)
                for (int bits : s.bits)
                    for (int sb : s.superBlocks)
                        for (int cb : s.subScaleBits) {
                            BlockFormat f{fam, qk, bits, ScaleFormat::F16};
                            f.superBlock = sb;
                            f.subScaleBits = cb;
                            add(f);
                        }
        } else if (fam == Family::Codebook) {
            for (Codebook book : s.codebooks)
                for (int qk : s.qks)
                    for (ScaleFormat sf : s.scales) {
                        BlockFormat f{fam, qk, 4, sf};
                        f.codebook = book;
                        add(f);
                    }
        } else {
            for (int qk : s.qks)
                for (int bits : s.bits)
                    for (ScaleFormat sf : s.scales) add(BlockFormat{fam, qk, bits, sf});
        }
    }
    return out;
}

bool addLabFamily(LabSettings& s, const std::string& key) {
    auto addFamily = [&](Family f) {
        if (std::find(s.families.begin(), s.families.end(), f) == s.families.end()) s.families.push_back(f);
    };
    auto addBook = [&](Codebook c) {
        addFamily(Family::Codebook);
        if (std::find(s.codebooks.begin(), s.codebooks.end(), c) == s.codebooks.end()) s.codebooks.push_back(c);
    };
    if (key == "t0" || key == "type-0") addFamily(Family::Symmetric);
    else if (key == "t1" || key == "type-1") addFamily(Family::Asymmetric);
    else if (key == "k" || key == "k-style") addFamily(Family::KStyle);
    else if (key == "nl") addBook(Codebook::NonLinear);
    else if (key == "fp4") addBook(Codebook::E2M1);
    else return false;
    return true;
}

std::string labCommand(const LabSettings& s, const std::string& reportDir) {
    std::string command = "quantdesk-cli lab " + s.evaluation.base.string() + " -f " + s.evaluation.textFile.string() + " --report " +
                          reportDir + " -c " + std::to_string(s.evaluation.context) + " --chunks " + std::to_string(s.evaluation.maxChunks) +
                          " --budget " + std::to_string(s.budget) + " --seed " + std::to_string(s.seed);
    char bpw[32];
    std::snprintf(bpw, sizeof bpw, "%g", s.maxBitsPerWeight);
    command += std::string(" --max-bpw ") + bpw;
    if (s.minSpeedGBs > 0) {
        std::snprintf(bpw, sizeof bpw, "%g", s.minSpeedGBs);
        command += std::string(" --min-gbs ") + bpw;
    }
    auto join = [](const std::vector<std::string>& v) {
        std::string o;
        for (const auto& x : v) o += (o.empty() ? "" : ",") + x;
        return o;
    };
    std::vector<std::string> fams, qks, bits, scales, strategies, sbs, codes;
    for (auto f : s.families) {
        if (f == Family::Codebook) {
            for (auto c : s.codebooks) fams.push_back(c == Codebook::NonLinear ? "nl" : "fp4");
            continue;
        }
        BlockFormat b;
        b.family = f;
        fams.push_back(b.familyKey());
    }
    for (int q : s.qks) qks.push_back(q == 0 ? "row" : std::to_string(q));
    for (int b : s.bits) bits.push_back(std::to_string(b));
    for (auto f : s.scales) scales.push_back(f == ScaleFormat::F16 ? "f16" : "e8m0");
    for (int b : s.superBlocks) sbs.push_back(std::to_string(b));
    for (int b : s.subScaleBits) codes.push_back(std::to_string(b));
    for (auto t : s.strategies) strategies.push_back(t == Strategy::Bayesian ? "bayes" : t == Strategy::Random ? "random" : "front");
    command += " --families " + join(fams) + " --qk " + join(qks) + " --bits " + join(bits) + " --scales " + join(scales);
    if (std::find(s.families.begin(), s.families.end(), Family::KStyle) != s.families.end())
        command += " --super " + join(sbs) + " --sub-scale-bits " + join(codes);
    command += " --strategies " + join(strategies);
    if (s.evaluation.threads > 0) command += " -t " + std::to_string(s.evaluation.threads);
    if (!s.measureSpeed) command += " --no-speed";
    return command;
}

double fastestSpeedGBs(const LabPoint& p) {
    double best = 0;
    for (const auto& sp : p.speed) best = std::max(best, sp.medianGBs);
    return best;
}

bool labFeasible(const LabPoint& p, const LabSettings& s) {
    return p.weight.bitsPerWeight <= s.maxBitsPerWeight && (s.minSpeedGBs <= 0 || fastestSpeedGBs(p) >= s.minSpeedGBs);
}

Result<LabReport> runLab(const LabSettings& s, const ProgressFn& progress, const LabEventFn& events) {
    if (s.minSpeedGBs > 0 && !s.measureSpeed) return fail("a minimum speed needs the dot products timed (leave speed measurement on)");
    LabReport report;
    auto evaluator = Evaluator::open(s.evaluation, [&](const Progress&) { return qd::report(progress, 0, 1, "evaluating the base model"); });
    if (!evaluator) return evaluator.error();
    report.base = (*evaluator)->base();
    report.baseWeightType = (*evaluator)->baseWeightType();

    // The space, and every point's cheap figures.
    for (const BlockFormat& f : labSpace(s)) {
        LabPoint p;
        p.format = f;
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
        if (events) {
            LabEvent e;
            e.kind = LabEvent::Measured;
            e.point = int(i);
            e.data = report.points[i];
            events(e);
        }
    }

    // The surrogate's features: log2 QK (a whole row as the widest row), bits, family, scale format.
    report.rowWidth = (*evaluator)->meanRowWidth();
    std::vector<Candidate> candidates;
    for (const auto& p : report.points) {
        Candidate c;
        c.features = labFeatures(p.format, report.rowWidth);
        c.bitsPerWeight = p.weight.bitsPerWeight;
        c.weightError = p.weight.rmse;
        c.speedGBs = fastestSpeedGBs(p);
        candidates.push_back(c);
    }

    bool stop = false;
    Strategy current = Strategy::Bayesian;
    int evaluationNumber = 0;
    double bestOfRun = 0;
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
        if (events) {
            LabEvent e;
            e.kind = LabEvent::Evaluated;
            e.point = index;
            e.data = p;
            e.strategy = current;
            e.evaluation = ++evaluationNumber;
            bestOfRun = evaluationNumber == 1 ? o.value : std::min(bestOfRun, o.value);
            e.bestSoFar = bestOfRun;
            events(e);
        }
        return o;
    };
    for (Strategy strategy : s.strategies) {
        current = strategy;
        evaluationNumber = 0;
        SearchSettings ss;
        ss.strategy = strategy;
        ss.maxBitsPerWeight = s.maxBitsPerWeight;
        ss.minSpeedGBs = s.minSpeedGBs;
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
        if (!p.quality || !labFeasible(p, s)) continue;
        if (report.recommended < 0 || p.quality->kld < report.points[size_t(report.recommended)].quality->kld)
            report.recommended = int(i);
    }
    if (report.recommended >= 0) {
        const Quality& best = *report.points[size_t(report.recommended)].quality;
        for (size_t i = 0; i < report.points.size(); ++i) {
            const auto& p = report.points[i];
            if (int(i) == report.recommended || !p.quality || !labFeasible(p, s)) continue;
            if (p.quality->kld - best.kld <= std::hypot(p.quality->kldError, best.kldError)) report.withinOneError.push_back(int(i));
        }
    }
    std::map<std::string, int> perFamily;
    std::vector<std::string> order;
    for (size_t i = 0; i < report.points.size(); ++i) {
        const auto& p = report.points[i];
        const std::string key = p.format.familyKey();
        if (std::find(order.begin(), order.end(), key) == order.end()) order.push_back(key);
        if (!p.quality || !labFeasible(p, s)) continue;
        auto it = perFamily.find(key);
        if (it == perFamily.end() || p.quality->kld < report.points[size_t(it->second)].quality->kld) perFamily[key] = int(i);
    }
    for (const auto& key : order)
        if (auto it = perFamily.find(key); it != perFamily.end()) report.bestPerFamily.push_back(it->second);
    return report;
}

}  // namespace qd::lab

namespace qd::lab {

std::vector<double> labFeatures(const BlockFormat& f, double rowWidth) {
    const double qk = f.qk == 0 ? std::max(2.0, rowWidth) : double(f.qk);
    const bool k = f.family == Family::KStyle, book = f.family == Family::Codebook;
    return {std::log2(qk),
            double(f.bits),
            f.family == Family::Asymmetric ? 1.0 : 0.0,
            !k && f.scale == ScaleFormat::E8M0 ? 1.0 : 0.0,
            k ? 1.0 : 0.0,
            book ? 1.0 : 0.0,
            k ? std::log2(double(f.superBlock)) : 0.0,
            k ? double(f.subScaleBits) : 0.0,
            book && f.codebook == Codebook::E2M1 ? 1.0 : 0.0};
}

}  // namespace qd::lab
