#include "core/lab/lab_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/common/cpu_features.h"
#include "core/common/json.h"

namespace qd::lab {

namespace {

std::string num(double v, int decimals) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

// The evaluated points, lowest KL divergence first.
std::vector<int> evaluatedByKld(const LabReport& r) {
    std::vector<int> out;
    for (size_t i = 0; i < r.points.size(); ++i)
        if (r.points[i].quality) out.push_back(int(i));
    std::sort(out.begin(), out.end(), [&](int a, int b) { return r.points[size_t(a)].quality->kld < r.points[size_t(b)].quality->kld; });
    return out;
}

// The instruction sets the speeds were measured on (every point has the same ones, or none).
std::vector<IsaLevel> speedLevels(const LabReport& r) {
    std::vector<IsaLevel> levels;
    for (const auto& p : r.points)
        if (p.speed.size() > levels.size()) {
            levels.clear();
            for (const auto& sp : p.speed) levels.push_back(sp.level);
        }
    return levels;
}

}  // namespace

std::string labReportMarkdown(const LabReport& r, const LabSettings& s, const std::string& command) {
    std::string out;
    char line[512];
    auto add = [&](const char* fmt, auto... args) {
        std::snprintf(line, sizeof line, fmt, args...);
        out += line;
    };
    const std::string cpu = cpuFeatures().brand.empty() ? std::string("this machine") : cpuFeatures().brand;
    out += "# Block-size lab report\n\n";
    add("Model `%s`, text `%s`, context %d, %s; %s, %s.\n\n", s.evaluation.base.filename().string().c_str(),
        s.evaluation.textFile.filename().string().c_str(), s.evaluation.context,
        s.evaluation.maxChunks > 0 ? ("at most " + std::to_string(s.evaluation.maxChunks) + " chunks").c_str() : "every chunk",
        cpu.c_str(), s.evaluation.threads > 0 ? (std::to_string(s.evaluation.threads) + " threads").c_str() : "every core");
    if (!r.baseWeightType.empty())
        add("The base is quantized (%s): every format is measured against the weights it holds, expanded to F32; an "
            "unquantized base (F32, F16 or BF16) gives the answer for the original weights.\n\n",
            r.baseWeightType.c_str());
    add("Base perplexity %.4f ± %.4f. Question: the lowest KL divergence with at most %.3f bits per weight%s; "
        "%d quality evaluations in all (budget %d per strategy).\n\n",
        r.base.ppl, r.base.pplError, s.maxBitsPerWeight,
        s.minSpeedGBs > 0 ? (" and a dot product of at least " + num(s.minSpeedGBs, 2) + " GB/s").c_str() : "", r.qualityEvaluations, s.budget);
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
    if (!r.bestPerFamily.empty()) {
        add("## Best block size per family (at most %.3f bits per weight)\n\n| family | format | QK | bits/weight | KLD mean |\n"
            "|---|---|---:|---:|---:|\n",
            s.maxBitsPerWeight);
        for (int i : r.bestPerFamily) {
            const auto& p = r.points[size_t(i)];
            add("| %s | %s | %s | %.4f | %.6f ± %.6f |\n", familyLabel(p.format).c_str(), p.format.name().c_str(),
                p.format.qk == 0 ? "row" : std::to_string(p.format.qk).c_str(), p.weight.bitsPerWeight, p.quality->kld, p.quality->kldError);
        }
        out += "\nOnly evaluated points count: a family the search spent few evaluations on may have a better QK it did not try.\n\n";
        // Where each of them loses precision: the weight error per tensor kind.
        out += "### Weight RMSE per tensor kind\n\n| tensor kind |";
        for (int i : r.bestPerFamily) out += " " + r.points[size_t(i)].format.name() + " |";
        out += "\n|---|";
        for (size_t k = 0; k < r.bestPerFamily.size(); ++k) out += "---:|";
        out += "\n";
        for (const auto& [kind, unused] : r.points[size_t(r.bestPerFamily.front())].weight.rmseByKind) {
            (void)unused;
            out += "| " + kind + " |";
            for (int i : r.bestPerFamily) {
                const auto& byKind = r.points[size_t(i)].weight.rmseByKind;
                auto it = byKind.find(kind);
                if (it != byKind.end()) add(" %.4g |", it->second);
                else out += " |";
            }
            out += "\n";
        }
        out += "\n";
    }
    out += "## Evaluated points\n\n| format | bits/weight | weight RMSE | KLD mean | KLD p99 | PPL | same top |\n"
           "|---|---:|---:|---:|---:|---:|---:|\n";
    for (int i : evaluatedByKld(r)) {
        const auto& p = r.points[size_t(i)];
        add("| %s%s | %.4f | %.3g | %.6f ± %.6f | %.4g | %.4f ± %.4f | %.2f %% |\n", p.format.name().c_str(),
            labFeasible(p, s) ? "" : " (outside the question)", p.weight.bitsPerWeight, p.weight.rmse,
            p.quality->kld, p.quality->kldError, p.quality->kld99, p.quality->ppl, p.quality->pplError, p.quality->sameTopPercent);
    }
    // Speed columns for the levels measured (the same on every point).
    const std::vector<IsaLevel> levels = speedLevels(r);
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


std::string familyLabel(const BlockFormat& f) {
    switch (f.family) {
    case Family::Symmetric: return "type-0";
    case Family::Asymmetric: return "type-1";
    case Family::KStyle: return "K-style";
    case Family::Codebook: return f.codebook == Codebook::NonLinear ? "codebook (IQ4_NL values)" : "codebook (FP4 E2M1 values)";
    }
    return {};
}

std::string labPointsJson(const LabReport& r) {
    Json points = Json::array();
    for (const auto& p : r.points) {
        Json j = Json::object();
        j.set("family", p.format.familyKey());
        j.set("qk", p.format.qk);
        j.set("bits", p.format.bits);
        j.set("scale", p.format.scale == ScaleFormat::F16 ? "f16" : "e8m0");
        if (p.format.family == Family::KStyle) {
            j.set("super_block", p.format.superBlock);
            j.set("sub_scale_bits", p.format.subScaleBits);
        }
        j.set("bits_per_weight", p.weight.bitsPerWeight);
        j.set("weight_rmse", p.weight.rmse);
        j.set("weight_p99", p.weight.p99);
        j.set("padded_tensors", p.weight.paddedTensors);
        Json kinds = Json::object();
        for (const auto& [kind, rmse] : p.weight.rmseByKind) kinds.set(kind, rmse);
        j.set("weight_rmse_by_kind", std::move(kinds));
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


namespace {

std::string escapeHtml(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '<') o += "&lt;";
        else if (c == '>') o += "&gt;";
        else if (c == '&') o += "&amp;";
        else if (c == '"') o += "&quot;";
        else o += c;
    }
    return o;
}


// A minimal scatter/line chart in SVG: x linear, y log10 or linear, axes with ticks and labels.
struct SvgChart {
    SvgChart(double ax0, double ax1, double ay0, double ay1, bool log) : x0(ax0), x1(ax1), y0(ay0), y1(ay1), logY(log) {}
    double x0, x1, y0, y1;  // data ranges (y in log10 when logY)
    bool logY = false;
    int xDecimals = 2;
    int width = 720, height = 420, left = 70, right = 20, top = 20, bottom = 50;
    std::string body;

    double px(double x) const { return left + (x - x0) / (x1 - x0) * (width - left - right); }
    double py(double y) const {
        const double v = logY ? std::log10(std::max(y, 1e-300)) : y;
        return top + (1.0 - (v - y0) / (y1 - y0)) * (height - top - bottom);
    }
    std::string axes(const std::string& xLabel, const std::string& yLabel) const {
        std::string o;
        o += "<rect x='" + num(left, 0) + "' y='" + num(top, 0) + "' width='" + num(width - left - right, 0) + "' height='" +
             num(height - top - bottom, 0) + "' fill='none' stroke='#999'/>";
        for (int i = 0; i <= 5 && xDecimals >= 0; ++i) {
            const double x = x0 + (x1 - x0) * i / 5.0;
            o += "<text x='" + num(px(x), 1) + "' y='" + num(height - bottom + 16, 0) + "' font-size='11' text-anchor='middle'>" +
                 num(x, xDecimals) + "</text>";
        }
        if (logY) {
            for (int e = int(std::floor(y0)); e <= int(std::ceil(y1)); ++e) {
                if (e < y0 - 1e-9 || e > y1 + 1e-9) continue;
                const double y = py(std::pow(10.0, e));
                o += "<line x1='" + num(left, 0) + "' x2='" + num(width - right, 0) + "' y1='" + num(y, 1) + "' y2='" + num(y, 1) +
                     "' stroke='#eee'/><text x='" + num(left - 6, 0) + "' y='" + num(y + 4, 1) +
                     "' font-size='11' text-anchor='end'>1e" + std::to_string(e) + "</text>";
            }
        } else {
            for (int i = 0; i <= 5; ++i) {
                const double v = y0 + (y1 - y0) * i / 5.0;
                o += "<text x='" + num(left - 6, 0) + "' y='" + num(py(v) + 4, 1) + "' font-size='11' text-anchor='end'>" + num(v, 2) +
                     "</text>";
            }
        }
        o += "<text x='" + num((left + width - right) / 2.0, 0) + "' y='" + num(height - 10, 0) +
             "' font-size='12' text-anchor='middle'>" + escapeHtml(xLabel) + "</text>";
        o += "<text transform='translate(16," + num((top + height - bottom) / 2.0, 0) +
             ") rotate(-90)' font-size='12' text-anchor='middle'>" + escapeHtml(yLabel) + "</text>";
        return o;
    }
    std::string svg(const std::string& xLabel, const std::string& yLabel) const {
        return "<svg xmlns='http://www.w3.org/2000/svg' width='" + std::to_string(width) + "' height='" + std::to_string(height) +
               "' font-family='sans-serif'>" + axes(xLabel, yLabel) + body + "</svg>";
    }
};

std::string shortName(const BlockFormat& f) {
    const std::string q = f.qk == 0 ? std::string("row") : std::to_string(f.qk);
    if (f.family == Family::KStyle)
        return "k " + std::to_string(f.bits) + "b " + q + "/" + std::to_string(f.superBlock) + " s" + std::to_string(f.subScaleBits);
    if (f.family == Family::Codebook) return f.familyKey() + " " + q + (f.scale == ScaleFormat::E8M0 ? " e8m0" : "");
    return f.familyKey() + " " + std::to_string(f.bits) + "b " + q + (f.scale == ScaleFormat::E8M0 ? " e8m0" : "");
}

}  // namespace

std::string familyColor(const BlockFormat& f) {
    switch (f.family) {
    case Family::Symmetric: return "#3949ab";
    case Family::Asymmetric: return "#d81b60";
    case Family::KStyle: return "#00897b";
    case Family::Codebook: return f.codebook == Codebook::NonLinear ? "#f57c00" : "#6d4c41";
    }
    return "#000000";
}

std::string labReportHtml(const LabReport& r, const LabSettings& s, const std::string& command) {
    std::string out = "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Block-size lab report</title>"
                      "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;} table{border-collapse:collapse;}"
                      "td,th{border:1px solid #ccc;padding:3px 7px;text-align:right;} td:first-child{text-align:left;}"
                      "code{background:#f4f4f4;padding:2px 4px;}</style></head><body>\n<h1>Block-size lab report</h1>\n";
    const std::string cpu = cpuFeatures().brand.empty() ? std::string("this machine") : cpuFeatures().brand;
    out += "<p>Model <code>" + escapeHtml(s.evaluation.base.filename().string()) + "</code>, text <code>" +
           escapeHtml(s.evaluation.textFile.filename().string()) + "</code>, context " + std::to_string(s.evaluation.context) + "; " +
           escapeHtml(cpu) + ". Base perplexity " + num(r.base.ppl, 4) + " ± " + num(r.base.pplError, 4) +
           ". Question: the lowest KL divergence with at most " + num(s.maxBitsPerWeight, 3) + " bits per weight" +
           (s.minSpeedGBs > 0 ? " and a dot product of at least " + num(s.minSpeedGBs, 2) + " GB/s" : std::string()) + "; " +
           std::to_string(r.qualityEvaluations) + " quality evaluations.</p>\n";
    if (!r.baseWeightType.empty())
        out += "<p>The base is quantized (" + escapeHtml(r.baseWeightType) +
               "): every format is measured against the weights it holds, expanded to F32.</p>\n";
    if (r.recommended >= 0) {
        const auto& p = r.points[size_t(r.recommended)];
        out += "<p><b>Recommendation: " + escapeHtml(p.format.name()) + "</b> — " + num(p.weight.bitsPerWeight, 4) +
               " bits per weight, KL divergence " + num(p.quality->kld, 6) + " ± " + num(p.quality->kldError, 6) + ".</p>\n";
    }
    // Chart 1: bits per weight against KL divergence, the evaluated points.
    double xMin = 1e9, xMax = 0, yMin = 1e300, yMax = 0;
    for (const auto& p : r.points)
        if (p.quality) {
            xMin = std::min(xMin, p.weight.bitsPerWeight), xMax = std::max(xMax, p.weight.bitsPerWeight);
            yMin = std::min(yMin, std::max(p.quality->kld, 1e-12)), yMax = std::max(yMax, p.quality->kld);
        }
    if (xMax > 0) {
        SvgChart c(std::floor(xMin) - 0.25, std::max(std::ceil(xMax), s.maxBitsPerWeight < 20 ? s.maxBitsPerWeight + 0.25 : xMax) + 0.25,
                   std::floor(std::log10(yMin)), std::ceil(std::log10(yMax)), true);
        if (c.y1 <= c.y0) c.y1 = c.y0 + 1;
        if (s.maxBitsPerWeight < c.x1)
            c.body += "<line x1='" + num(c.px(s.maxBitsPerWeight), 1) + "' x2='" + num(c.px(s.maxBitsPerWeight), 1) + "' y1='" +
                      num(c.top, 0) + "' y2='" + num(c.height - c.bottom, 0) + "' stroke='#c62828' stroke-dasharray='4 3'/>";
        for (size_t i = 0; i < r.points.size(); ++i) {
            const auto& p = r.points[i];
            if (!p.quality) continue;
            const double x = c.px(p.weight.bitsPerWeight), y = c.py(std::max(p.quality->kld, 1e-12));
            const std::string color = familyColor(p.format);
            c.body += "<circle cx='" + num(x, 1) + "' cy='" + num(y, 1) + "' r='4' fill='" + color + "'/>";
            c.body += "<text x='" + num(x + 6, 1) + "' y='" + num(y - 4, 1) + "' font-size='10' fill='#444'>" + escapeHtml(shortName(p.format)) +
                      "</text>";
            if (int(i) == r.recommended)
                c.body += "<circle cx='" + num(x, 1) + "' cy='" + num(y, 1) + "' r='10' fill='none' stroke='#f9a825' stroke-width='3'/>";
        }
        out += "<h2>Bits per weight against KL divergence</h2>\n<p>Blue: type-0, pink: type-1, teal: K-style, orange: IQ4_NL "
               "codebook, brown: FP4 codebook; the dashed line is the budget; the ring is the recommendation.</p>\n" +
               c.svg("bits per weight", "mean KL divergence") + "\n";
    }
    // Chart 2: each strategy's best so far.
    size_t longest = 0;
    double bMin = 1e300, bMax = -1e300;
    for (const auto& run : r.runs) {
        longest = std::max(longest, run.trace.bestSoFar.size());
        for (double v : run.trace.bestSoFar) bMin = std::min(bMin, v), bMax = std::max(bMax, v);
    }
    if (longest > 0) {
        SvgChart c(1, double(std::max<size_t>(2, longest)), bMin - 0.1, bMax + 0.1, false);
        c.xDecimals = 0;
        const char* colors[] = {"#3949ab", "#9e9e9e", "#00897b"};
        int k = 0;
        for (const auto& run : r.runs) {
            std::string pts;
            for (size_t i = 0; i < run.trace.bestSoFar.size(); ++i)
                pts += num(c.px(double(i + 1)), 1) + "," + num(c.py(run.trace.bestSoFar[i]), 1) + " ";
            c.body += "<polyline fill='none' stroke='" + std::string(colors[k % 3]) + "' stroke-width='2' points='" + pts + "'/>";
            c.body += "<text x='" + num(c.width - c.right - 150, 0) + "' y='" + num(c.top + 16 + 14 * k, 0) + "' font-size='11' fill='" +
                      colors[k % 3] + "'>" + escapeHtml(strategyName(run.strategy)) + "</text>";
            ++k;
        }
        out += "<h2>The search</h2>\n" + c.svg("quality evaluations", "best ln(KL divergence) so far") + "\n";
    }
    // Chart 3 and 4: QK against weight error and against dot-product speed, at the recommendation's bit
    // width (4 without one), one line per family (and instruction set), F16 scales.
    const int bitsShown = r.recommended >= 0 ? r.points[size_t(r.recommended)].format.bits : 4;
    auto shown = [&](const BlockFormat& f) {
        return (f.family == Family::Codebook ? bitsShown == 4 : f.bits == bitsShown) && (f.family == Family::KStyle || f.scale == ScaleFormat::F16);
    };
    auto qkX = [&](int qk) { return qk == 0 ? 10.0 : std::log2(double(qk)); };
    auto lineName = [&](const BlockFormat& f) {
        return f.family == Family::KStyle ? familyLabel(f) + " in " + std::to_string(f.superBlock) + ", " + std::to_string(f.subScaleBits) + "-bit codes"
                                          : familyLabel(f);
    };
    auto qkAxis = [&](SvgChart& c) {
        for (int e = 3; e <= 10; ++e)
            c.body += "<text x='" + num(c.px(e), 1) + "' y='" + num(c.height - c.bottom + 16, 0) + "' font-size='11' text-anchor='middle'>" +
                      (e == 10 ? std::string("row") : std::to_string(1 << e)) + "</text>";
    };
    // Lines over the QK axis, each labelled in its colour at the top left; no dash: a solid line.
    struct QkLine {
        std::string color, dash;
        std::vector<std::pair<double, double>> points;
    };
    auto drawQkLines = [&](SvgChart& c, std::map<std::string, QkLine>& lines) {
        c.xDecimals = -1;
        int k = 0;
        for (auto& [name, line] : lines) {
            std::sort(line.points.begin(), line.points.end());
            std::string poly;
            for (const auto& [x, y] : line.points) poly += num(c.px(x), 1) + "," + num(c.py(y), 1) + " ";
            c.body += "<polyline fill='none' stroke='" + line.color + "' stroke-width='2'" +
                      (line.dash.empty() ? std::string() : " stroke-dasharray='" + line.dash + "'") + " points='" + poly + "'/>";
            c.body += "<text x='" + num(c.left + 10, 0) + "' y='" + num(c.top + 16 + 14 * k++, 0) + "' font-size='11' fill='" + line.color + "'>" +
                      escapeHtml(name) + "</text>";
        }
        qkAxis(c);
    };
    {
        std::map<std::string, QkLine> lines;
        double lo = 1e300, hi = 0;
        for (const auto& p : r.points) {
            if (!shown(p.format) || p.weight.rmse <= 0) continue;
            QkLine& line = lines[lineName(p.format)];
            line.points.push_back({qkX(p.format.qk), p.weight.rmse});
            line.color = familyColor(p.format);
            lo = std::min(lo, p.weight.rmse), hi = std::max(hi, p.weight.rmse);
        }
        if (!lines.empty()) {
            SvgChart c(2.5, 10.5, std::floor(std::log10(lo)), std::ceil(std::log10(hi)), true);
            if (c.y1 <= c.y0) c.y1 = c.y0 + 1;
            drawQkLines(c, lines);
            out += "<h2>Block size against weight error (" + std::to_string(bitsShown) + "-bit)</h2>\n" + c.svg("QK", "weight RMSE") + "\n";
        }
    }
    const std::vector<IsaLevel> levels = speedLevels(r);
    if (!levels.empty()) {
        std::map<std::string, QkLine> lines;
        double hi = 0;
        for (const auto& p : r.points) {
            if (!shown(p.format)) continue;
            for (const auto& sp : p.speed) {
                QkLine& line = lines[lineName(p.format) + ", " + std::string(isaLevelName(sp.level))];
                line.points.push_back({qkX(p.format.qk), sp.medianGBs});
                line.color = familyColor(p.format);
                line.dash = sp.level == IsaLevel::Scalar ? "2 3" : sp.level == IsaLevel::Avx2 ? "6 3" : "";
                hi = std::max(hi, sp.medianGBs);
            }
        }
        if (!lines.empty() && hi > 0) {
            SvgChart c(2.5, 10.5, 0, hi * 1.15, false);
            drawQkLines(c, lines);
            out += "<h2>Block size against dot-product speed (" + std::to_string(bitsShown) +
                   "-bit)</h2>\n<p>Dotted: scalar, dashed: AVX2, solid: AVX-512.</p>\n" + c.svg("QK", "GB/s of weights read") + "\n";
        }
    }
    if (!r.bestPerFamily.empty()) {
        out += "<h2>Best block size per family (at most " + num(s.maxBitsPerWeight, 3) +
               " bits per weight)</h2>\n<table><tr><th>family</th><th>format</th><th>QK</th><th>bits/weight</th><th>KLD</th></tr>\n";
        for (int i : r.bestPerFamily) {
            const auto& p = r.points[size_t(i)];
            out += "<tr><td>" + escapeHtml(familyLabel(p.format)) + "</td><td>" + escapeHtml(p.format.name()) + "</td><td>" +
                   (p.format.qk == 0 ? std::string("row") : std::to_string(p.format.qk)) + "</td><td>" + num(p.weight.bitsPerWeight, 4) +
                   "</td><td>" + num(p.quality->kld, 6) + " ± " + num(p.quality->kldError, 6) + "</td></tr>\n";
        }
        out += "</table>\n";
    }
    if (!r.withinOneError.empty()) {
        out += "<p>Within one standard error of the recommendation:";
        for (int i : r.withinOneError) out += " " + escapeHtml(r.points[size_t(i)].format.name()) + ";";
        out += "</p>\n";
    }
    out += "<h2>Evaluated points</h2>\n<table><tr><th>format</th><th>bits/weight</th><th>weight RMSE</th><th>KLD</th><th>PPL</th></tr>\n";
    for (int i : evaluatedByKld(r)) {
        const auto& p = r.points[size_t(i)];
        out += "<tr><td>" + escapeHtml(p.format.name()) + "</td><td>" + num(p.weight.bitsPerWeight, 4) + "</td><td>" + num(p.weight.rmse, 5) +
               "</td><td>" + num(p.quality->kld, 6) + " ± " + num(p.quality->kldError, 6) + "</td><td>" + num(p.quality->ppl, 4) + " ± " +
               num(p.quality->pplError, 4) + "</td></tr>\n";
    }
    out += "</table>\n";
    // Every point, with the dot product's speed per instruction set.
    out += "<h2>Every point: size, weight error and speed per instruction set</h2>\n<table><tr><th>format</th><th>bits/weight</th>"
           "<th>RMSE</th><th>p99</th><th>padded tensors</th>";
    for (IsaLevel l : levels) out += "<th>" + std::string(isaLevelName(l)) + " GB/s (spread)</th>";
    out += "</tr>\n";
    for (const auto& p : r.points) {
        out += "<tr><td>" + escapeHtml(p.format.name()) + "</td><td>" + num(p.weight.bitsPerWeight, 4) + "</td><td>" + num(p.weight.rmse, 6) +
               "</td><td>" + num(p.weight.p99, 6) + "</td><td>" + std::to_string(p.weight.paddedTensors) + "</td>";
        for (size_t i = 0; i < levels.size(); ++i)
            out += i < p.speed.size() ? "<td>" + num(p.speed[i].medianGBs, 2) + " (" + num(p.speed[i].spreadPercent, 0) + " %)</td>" : "<td></td>";
        out += "</tr>\n";
    }
    out += "</table>\n<p>Machine: " + escapeHtml(cpu) + "; instruction sets measured:";
    for (IsaLevel l : levels) out += " " + std::string(isaLevelName(l));
    out += ". Settings: context " + std::to_string(s.evaluation.context) + ", " +
           (s.evaluation.maxChunks > 0 ? "at most " + std::to_string(s.evaluation.maxChunks) + " chunks" : std::string("every chunk")) +
           ", budget " + std::to_string(s.budget) + " evaluations per strategy, seed " + std::to_string(s.seed) + ".</p>\n<p>Reproduce with: <code>" +
           escapeHtml(command) + "</code></p>\n</body></html>\n";
    return out;
}

}  // namespace qd::lab
