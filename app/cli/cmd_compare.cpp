// quantdesk-cli compare: quantize a model into several methods and measure each on a text
// (perplexity, KL divergence from the source, speed); quantdesk-cli results: the measurements kept
// in the results database, as a table, CSV or JSON.
#include <atomic>
#include <csignal>
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "model_options.h"
#include "core/common/atomic_file.h"
#include "core/eval/compare.h"

namespace qd::cli {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void onCompareInterrupt(int) { g_stop.store(true); }

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        if (comma > start) out.push_back(s.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

}  // namespace

int cmdCompare(int argc, char** argv) {
    Args args(argc - 1, argv + 1,
              {"--methods", "-f", "--file", "--out", "-c", "--ctx-size", "--chunks", "-t", "--threads", "--db", "--gemm",
               "--gpu-layers", "-ngl", "--gpu-device"});
    if (!args.checkKnown({"--no-speed", "--json", "--gpu-allow-cpu"})) return fail(args.error());
    if (args.positional().size() != 1) return fail("compare needs exactly one SOURCE model (see quantdesk-cli compare --help)");
    CompareSettings s;
    s.source = args.positional()[0];
    s.methods = splitList(args.value("--methods").value_or("Q2_K,Q3_K_M,Q4_K_M,Q5_K_M,Q6_K,Q8_0"));
    auto text = args.value("-f");
    if (auto f = args.value("--file")) text = f;
    if (!text) return fail("give the evaluation text with -f FILE");
    s.textFile = *text;
    auto out = args.value("--out");
    if (!out) return fail("give the folder for the variants with --out DIR");
    s.outputDir = *out;
    if (auto db = args.value("--db")) s.database = *db;
    EngineOptions engine;
    if (auto e = readEngineOptions(args, engine)) return fail(*e);
    s.context = engine.contextLength > 0 ? engine.contextLength : 512;
    s.threads = engine.threads;
    s.gemm = args.value("--gemm") ? engine.gemm : GemmMode::DotKernels;
    s.gpuLayers = engine.gpuLayers;
    s.gpuDevice = engine.gpuDevice;
    s.gpuAllowCpuDevice = engine.gpuAllowCpuDevice;
    if (auto c = args.value("--chunks")) {
        auto n = parseInt(*c);
        if (!n || *n < 1) return fail("--chunks needs a positive number");
        s.maxChunks = static_cast<int>(*n);
    }
    s.measureSpeed = !args.flag("--no-speed");
    std::signal(SIGINT, onCompareInterrupt);

    std::string lastStage;
    auto report = runCompare(s, [&](const Progress& p) {
        // One line per step ("quantizing Q4_K_M", "evaluating Q4_K_M"), not per tensor or chunk.
        const std::string step = p.stage.substr(0, p.stage.find(':'));
        if (step != lastStage) {
            std::fprintf(stderr, "%s\n", step.c_str());
            lastStage = step;
        }
        return !g_stop.load();
    });
    if (!report) return fail(report.message());
    for (const auto& v : report->variants)
        std::fprintf(stderr, "%s: %s%s\n", v.method.c_str(), v.quantized ? "quantized" : "existing file reused",
                     v.fromDatabase ? ", results from the database" : "");
    if (args.flag("--json")) {
        Json j = Json::object();
        j.set("base", report->base.toJson());
        Json vs = Json::array();
        for (const auto& v : report->variants) {
            Json r = v.record.toJson();
            r.set("quantized", v.quantized);
            r.set("from_database", v.fromDatabase);
            vs.push(r);
        }
        j.set("variants", vs);
        j.set("cancelled", report->cancelled);
        std::printf("%s\n", j.dump(2).c_str());
    } else {
        std::printf("%s", formatCompareTable(*report).c_str());
    }
    if (report->cancelled) {
        std::fprintf(stderr, "stopped: the results above were measured and kept; run again to finish\n");
        return 130;
    }
    return 0;
}

int cmdResults(int argc, char** argv) {
    Args args(argc - 1, argv + 1, {"--db", "--model", "-o"});
    if (!args.checkKnown({"--csv", "--json"})) return fail(args.error());
    if (!args.positional().empty()) return fail("results takes no positional arguments (see quantdesk-cli results --help)");
    auto db = ResultsDatabase::open(args.value("--db") ? std::filesystem::path(*args.value("--db")) : ResultsDatabase::defaultPath());
    if (!db) return fail(db.message());
    std::string model;
    if (auto m = args.value("--model")) model = std::filesystem::absolute(*m).string();
    auto rows = db->all(model);
    if (!rows) return fail(rows.message());
    std::string text;
    if (args.flag("--csv")) {
        text = ResultsDatabase::toCsv(*rows);
    } else if (args.flag("--json")) {
        text = ResultsDatabase::toJson(*rows).dump(2) + "\n";
    } else {
        char line[512];
        std::snprintf(line, sizeof line, "%-20s  %-8s  %7s  %10s  %10s  %9s  %s\n", "measured", "method", "bpw", "PPL", "KLD",
                      "ms/token", "model");
        text = line;
        for (const auto& r : *rows) {
            std::snprintf(line, sizeof line, "%-20s  %-8s  %7.3f  %10.4f  %10s  %9.2f  %s\n", r.measuredAt.c_str(),
                          r.method.c_str(), r.bitsPerWeight, r.ppl, r.hasKl ? std::to_string(r.kld).c_str() : "-",
                          r.msPerToken(), r.modelPath.c_str());
            text += line;
        }
    }
    if (auto o = args.value("-o")) {
        if (auto s = writeFileAtomically(*o, std::string_view(text)); !s) return fail(s.message());
        std::fprintf(stderr, "wrote %zu results to %s\n", rows->size(), o->c_str());
    } else {
        std::printf("%s", text.c_str());
    }
    return 0;
}

}  // namespace qd::cli
