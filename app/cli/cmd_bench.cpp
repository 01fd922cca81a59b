// quantdesk-cli bench: prompt-processing and generation speed, reported like llama-bench.
//
//   pp N: N prompt tokens evaluated as batches from an empty cache (tokens per second of the batch);
//   tg N: N tokens generated one at a time from an empty cache.
//   -d D: both after D tokens already in the cache ("tg128 @ d40"), as an answer after its prompt.
// Each test runs once to warm up, then -r times; the table shows the mean and standard deviation.
//
// --memory measures the machine's read bandwidth with the same thread count (memory_bandwidth.h);
// with a MODEL it also prints, for tg, the bandwidth the generation achieved (weight bytes read per
// token x tokens per second) and its ratio to the measured bandwidth: how close decode is to the bound.
// `bench --memory -t N` without a model prints the bandwidth alone.
//
// With --gpu-layers the same tests run twice, offloaded and then on the CPU backend alone, so the table
// has the GPU's rows beside the CPU's (--gpu-only skips the CPU rows).
#include <cmath>
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "model_options.h"
#include "core/common/json.h"
#include "core/engine/memory_bandwidth.h"
#include "core/eval/compare.h"
#include "core/gguf/model_summary.h"

namespace qd::cli {

namespace {

struct Measure {
    double mean = 0, sd = 0;
};

Measure summarize(const std::vector<double>& v) {
    Measure m;
    for (double x : v) m.mean += x;
    m.mean /= static_cast<double>(v.size());
    for (double x : v) m.sd += (x - m.mean) * (x - m.mean);
    m.sd = v.size() > 1 ? std::sqrt(m.sd / static_cast<double>(v.size() - 1)) : 0.0;
    return m;
}

}  // namespace

int cmdBench(int argc, char** argv) {
    std::vector<std::string> valueOptions = modelValueOptions();
    for (const char* o : {"-p", "--n-prompt", "-n", "--n-gen", "-r", "--repetitions", "-d", "--depth"}) valueOptions.push_back(o);
    Args args(argc - 1, argv + 1, valueOptions);
    if (!args.checkKnown({"--json", "--memory", "--gpu-allow-cpu", "--gpu-only"})) return fail(args.error());
    const bool memory = args.flag("--memory");
    if (args.positional().size() > 1 || (args.positional().empty() && !memory))
        return fail("bench needs exactly one MODEL (see quantdesk-cli bench --help)");

    auto intValue = [&](std::initializer_list<const char*> names, long long fallback) -> std::optional<long long> {
        std::optional<std::string> v;
        for (const char* n : names)
            if (auto x = args.value(n)) v = x;
        if (!v) return fallback;
        auto n = parseInt(*v);
        if (!n || *n < 0) return std::nullopt;
        return n;
    };
    auto nPrompt = intValue({"-p", "--n-prompt"}, 512);
    auto nGen = intValue({"-n", "--n-gen"}, 128);
    auto reps = intValue({"-r", "--repetitions"}, 5);
    // -d N: each test runs after N tokens already in the cache, as an answer after a prompt does.
    auto depth = intValue({"-d", "--depth"}, 0);
    if (!nPrompt || !nGen || !reps || !depth || *reps < 1) return fail("-p, -n, -d and -r need whole numbers (-r at least 1)");

    EngineOptions engine;
    if (auto e = readEngineOptions(args, engine)) return fail(*e);
    auto measureBandwidth = [&] {
        ThreadPool pool(engine.threads);
        return measureReadBandwidth(pool);
    };
    if (args.positional().empty()) {
        const BandwidthResult bw = measureBandwidth();
        if (bw.bytesPerSecond <= 0) return fail("the bandwidth measurement failed");
        std::printf("memory read bandwidth: %.2f GB/s best, %.2f GB/s median (%d threads, %.0f MiB buffer, %d passes)\n",
                    bw.bytesPerSecond / 1e9, bw.medianBytesPerSecond / 1e9, bw.threads,
                    static_cast<double>(bw.bufferBytes) / (1 << 20), bw.passes);
        return 0;
    }
    if (engine.contextLength == 0) engine.contextLength = static_cast<int>(*depth + std::max<long long>(*nPrompt, *nGen) + 1);
    if (*depth + std::max<long long>(*nPrompt, *nGen) >= engine.contextLength)
        return fail("-d plus -p or -n must stay below the context (-c)");
    engine.batchSize = std::max(engine.batchSize, static_cast<int>(*nPrompt));
    struct Row {
        std::string test;
        std::string backend;
        int threads = 0;
        double bytesPerToken = 0;  // weight bytes one decoded token reads
        Measure tps;
    };
    std::vector<Row> rows;
    ModelSummary summary;
    // Every test on one loaded model; its rows go to `rows`.
    auto measureModel = [&](Model& m) -> Result<void> {
        // One pp or tg measurement: the same timing loop the compare job uses (core/eval/compare.h).
        auto run = [&](bool prompt, int n) -> Result<double> {
            auto r = measureSpeed(m, prompt ? n : 0, prompt ? 0 : n, {}, static_cast<int>(*depth));
            if (!r) return r.error();
            return prompt ? r->promptTokensPerSecond : r->generationTokensPerSecond;
        };
        for (auto [label, count, fn] : {std::tuple{"pp", *nPrompt, 0}, std::tuple{"tg", *nGen, 1}}) {
            if (count == 0) continue;
            const int n = static_cast<int>(count);
            std::vector<double> tps;
            for (long long r = 0; r <= *reps; ++r) {  // run 0 warms up and is not counted
                auto t = run(fn == 0, n);
                if (!t) return t.error();
                if (r > 0) tps.push_back(*t);
            }
            rows.push_back({std::string(label) + std::to_string(n) + (*depth ? " @ d" + std::to_string(*depth) : std::string()),
                            m.backendNames(), m.threads(), static_cast<double>(m.weightBytesPerToken()), summarize(tps)});
        }
        return {};
    };
    bool offloaded = false;
    {  // the offloaded model is released before the CPU-only one loads: one KV cache at a time
        auto model = Model::load(args.positional()[0], engine);
        if (!model) return fail(model.message());
        reportOffload(**model, engine);
        summary = summarize((*model)->file());
        if (auto r = measureModel(**model); !r) return fail(r.message());
        offloaded = (*model)->gpuLayerCount() > 0;  // nothing went to the GPU: its rows are the CPU's already
    }
    if (offloaded && !args.flag("--gpu-only")) {
        EngineOptions cpuOnly = engine;
        cpuOnly.gpuLayers = 0;
        auto model = Model::load(args.positional()[0], cpuOnly);
        if (!model) return fail(model.message());
        if (auto r = measureModel(**model); !r) return fail(r.message());
    }

    const std::string name = summary.name + " " + summary.fileType;
    // Measured after the runs, so the model's pages stay warm for them.
    const BandwidthResult bw = memory ? measureBandwidth() : BandwidthResult{};
    if (args.flag("--json")) {
        Json out = Json::array();
        for (const auto& r : rows) {
            Json j = Json::object();
            j.set("model", name);
            j.set("file", args.positional()[0]);
            j.set("size", summary.tensorBytes);
            j.set("params", summary.parameterCount);
            j.set("backend", r.backend);
            j.set("threads", r.threads);
            j.set("test", r.test);
            j.set("tokens_per_second", r.tps.mean);
            j.set("stddev", r.tps.sd);
            if (r.test.rfind("tg", 0) == 0) {
                j.set("weight_bytes_per_token", r.bytesPerToken);
                if (memory) {
                    j.set("read_bandwidth", bw.bytesPerSecond);
                    j.set("bandwidth_ratio", r.bytesPerToken * r.tps.mean / bw.bytesPerSecond);
                }
            }
            out.push(j);
        }
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    std::printf("| %-28s | %10s | %8s | %-12s | %7s | %6s | %20s |\n", "model", "size", "params", "backend", "threads",
                "test", "t/s");
    std::printf("| %s | %s | %s | %s | %s | %s | %s |\n", std::string(28, '-').c_str(), std::string(10, '-').c_str(),
                std::string(8, '-').c_str(), std::string(12, '-').c_str(), std::string(7, '-').c_str(),
                std::string(6, '-').c_str(), std::string(20, '-').c_str());
    for (const auto& r : rows) {
        char tps[64];
        std::snprintf(tps, sizeof tps, "%.2f ± %.2f", r.tps.mean, r.tps.sd);
        std::printf("| %-28s | %10s | %8s | %-12s | %7d | %6s | %20s |\n", name.substr(0, 28).c_str(),
                    formatBytes(summary.tensorBytes).c_str(), parameterSizeLabel(summary.parameterCount).c_str(),
                    r.backend.c_str(), r.threads, r.test.c_str(), tps);
    }
    for (const auto& r : rows) {
        if (r.test.rfind("tg", 0) != 0) continue;
        std::printf("\n%s (%s): %.1f MB of weights read per token -> %.2f GB/s", r.test.c_str(), r.backend.c_str(),
                    r.bytesPerToken / 1e6, r.bytesPerToken * r.tps.mean / 1e9);
        if (memory)
            std::printf(" = %.0f%% of the measured read bandwidth (%.2f GB/s best of %d passes, %d threads)",
                        100.0 * r.bytesPerToken * r.tps.mean / bw.bytesPerSecond, bw.bytesPerSecond / 1e9, bw.passes,
                        bw.threads);
        std::printf("\n");
    }
    return 0;
}

}  // namespace qd::cli
