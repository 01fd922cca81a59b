// quantdesk-cli lab: which block size (QK) is best for this model on this machine (core/lab/lab_run.h).
//
//   lab MODEL -f TEXT --report DIR [--families t0,t1,k,nl,fp4] [--qk 8,16,32,64,128,256,512,row] [--bits 2,3,4,5,6,8]
//       [--scales f16,e8m0] [--super 256] [--sub-scale-bits 6] [--max-bpw 5] [--min-gbs 0] [--budget 15]
//       [--strategies bayes,random,front] [-c 256] [--chunks N] [-t THREADS] [--seed 1]
//
// Writes DIR/report.md, DIR/report.html (with the charts as SVG) and DIR/points.json (every point's figures) and prints the command that reproduces
// them. `--strategies front --budget 1000 --max-bpw 99` evaluates every point (an exhaustive run).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "args.h"
#include "commands.h"
#include "core/common/atomic_file.h"
#include "core/lab/lab_report.h"
#include "model_options.h"

namespace qd::cli {

namespace {

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

}  // namespace

int cmdLab(int argc, char** argv) {
    Args args(argc - 1, argv + 1,
              {"-f", "--file", "--report", "--families", "--qk", "--bits", "--scales", "--super", "--sub-scale-bits", "--max-bpw", "--min-gbs", "--budget",
               "--strategies", "-c",
               "--ctx-size", "--chunks", "-t", "--threads", "--seed"});
    if (!args.checkKnown({"--no-speed"})) return fail(args.error());
    if (args.positional().size() != 1) return fail("lab needs exactly one MODEL: an F32, F16 or BF16 GGUF (see quantdesk-cli lab --help)");
    lab::LabSettings s;
    s.evaluation.base = args.positional()[0];
    auto text = args.value("-f") ? args.value("-f") : args.value("--file");
    if (!text) return fail("lab needs -f TEXT: the evaluation text");
    s.evaluation.textFile = *text;
    auto report = args.value("--report");
    if (!report) return fail("lab needs --report DIR: where the report goes");
    s.evaluation.workDir = std::filesystem::path(*report) / ".lab-cache";

    auto intOf = [&](std::initializer_list<const char*> names, long long& out) -> bool {
        for (const char* n : names)
            if (auto v = args.value(n)) {
                auto x = parseInt(*v);
                if (!x || *x < 0) return false;
                out = *x;
            }
        return true;
    };
    long long ctx = 256, chunks = 0, threads = 0, budget = s.budget, seed = 1;
    if (!intOf({"-c", "--ctx-size"}, ctx) || !intOf({"--chunks"}, chunks) || !intOf({"-t", "--threads"}, threads) ||
        !intOf({"--budget"}, budget) || !intOf({"--seed"}, seed) || ctx < 16 || budget < 1)
        return fail("-c (at least 16), --chunks, -t, --budget (at least 1) and --seed need whole numbers");
    s.evaluation.context = int(ctx);
    s.evaluation.maxChunks = int(chunks);
    s.evaluation.threads = int(threads);
    s.budget = int(budget);
    s.seed = uint64_t(seed);
    s.measureSpeed = !args.flag("--no-speed");
    if (auto v = args.value("--max-bpw")) {
        auto b = parseFloat(*v);
        if (!b || *b <= 0) return fail("--max-bpw needs a positive number of bits per weight");
        s.maxBitsPerWeight = *b;
    }
    if (auto v = args.value("--min-gbs")) {
        auto b = parseFloat(*v);
        if (!b || *b < 0) return fail("--min-gbs needs a speed in GB/s (0: any)");
        s.minSpeedGBs = *b;
    }
    if (auto v = args.value("--families")) {
        s.families.clear();
        s.codebooks.clear();
        for (const auto& f : splitList(*v))
            if (!lab::addLabFamily(s, f)) return fail("unknown family '" + f + "' (t0, t1, k, nl, fp4)");
    }
    auto intList = [&](const char* name, int lo, int hi, std::vector<int>& out) -> bool {
        auto v = args.value(name);
        if (!v) return true;
        out.clear();
        for (const auto& b : splitList(*v)) {
            auto n = parseInt(b);
            if (!n || *n < lo || *n > hi) return false;
            out.push_back(int(*n));
        }
        return !out.empty();
    };
    if (!intList("--super", 2, 65536, s.superBlocks)) return fail("--super takes super-block sizes from 2 to 65536");
    if (!intList("--sub-scale-bits", 2, 8, s.subScaleBits)) return fail("--sub-scale-bits takes code widths from 2 to 8");
    if (auto v = args.value("--qk")) {
        s.qks.clear();
        for (const auto& q : splitList(*v)) {
            if (q == "row") {
                s.qks.push_back(0);
                continue;
            }
            auto n = parseInt(q);
            if (!n || *n < 2 || *n > 65536) return fail("--qk takes block sizes from 2 to 65536, or row");
            s.qks.push_back(int(*n));
        }
    }
    if (!intList("--bits", 2, 8, s.bits)) return fail("--bits takes widths from 2 to 8");
    if (auto v = args.value("--scales")) {
        s.scales.clear();
        for (const auto& f : splitList(*v)) {
            if (f == "f16") s.scales.push_back(lab::ScaleFormat::F16);
            else if (f == "e8m0") s.scales.push_back(lab::ScaleFormat::E8M0);
            else return fail("unknown scale format '" + f + "' (f16, e8m0)");
        }
    }
    if (auto v = args.value("--strategies")) {
        s.strategies.clear();
        for (const auto& f : splitList(*v)) {
            if (f == "bayes") s.strategies.push_back(lab::Strategy::Bayesian);
            else if (f == "random") s.strategies.push_back(lab::Strategy::Random);
            else if (f == "front") s.strategies.push_back(lab::Strategy::WeightErrorFront);
            else return fail("unknown strategy '" + f + "' (bayes, random, front)");
        }
    }
    if (s.families.empty() || s.qks.empty() || s.bits.empty() || s.scales.empty() || s.strategies.empty())
        return fail("--families, --qk, --bits, --scales and --strategies need at least one value");

    std::string lastStage;
    auto r = lab::runLab(s, [&](const Progress& p) {
        if (p.stage != lastStage) {
            std::fprintf(stderr, "[%llu/%llu] %s\n", static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.total),
                         p.stage.c_str());
            lastStage = p.stage;
        }
        return true;
    });
    if (!r) return fail(r.message());

    const std::string command = lab::labCommand(s, *report);

    const std::filesystem::path out = std::filesystem::path(*report) / "report.md";
    std::error_code ec;
    std::filesystem::create_directories(*report, ec);
    for (const auto& [name, text] : {std::pair{"report.md", lab::labReportMarkdown(*r, s, command)},
                                     std::pair{"report.html", lab::labReportHtml(*r, s, command)},
                                     std::pair{"points.json", lab::labPointsJson(*r)}})
        if (auto w = writeFileAtomically(std::filesystem::path(*report) / name, std::string_view(text)); !w) return fail(w.message());
    std::printf("%s\nreport: %s\nreproduce: %s\n", r->recommended >= 0 ? ("recommended: " + r->points[size_t(r->recommended)].format.name()).c_str()
                                                                        : "no recommendation",
                out.string().c_str(), command.c_str());
    return r->cancelled ? 1 : 0;
}

}  // namespace qd::cli
