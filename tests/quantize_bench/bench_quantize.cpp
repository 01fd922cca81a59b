// Quantization throughput: one full quantizeModel() run per mix and thread count (the first tensor to
// the last byte on disk, page cache warm after the first run), reported as MB of source tensor data per
// second. Output goes to QD_BENCH_OUT (default: beside the model as .bench-out.gguf) and is removed.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/quant/quantizer.h"

namespace {

std::string modelPath() {
    const char* env = std::getenv("QD_BENCH_MODEL");
    return env && *env ? env : "/tmp/qd-1b-f16.gguf";
}

std::string outputPath() {
    const char* env = std::getenv("QD_BENCH_OUT");
    return env && *env ? env : modelPath() + ".bench-out.gguf";
}

void quantizeMix(benchmark::State& state, qd::MixInfo mix) {
    qd::QuantizeOptions options;
    options.mix.mix = mix;
    options.threads = static_cast<int>(state.range(0));
    uint64_t sourceBytes = 0;
    double seconds = 0;
    for (auto _ : state) {
        auto r = qd::quantizeModel(modelPath(), outputPath(), options);
        if (!r) {
            state.SkipWithError(r.message().c_str());
            break;
        }
        sourceBytes += r->sourceTensorBytes;
        seconds += r->seconds;
        state.SetIterationTime(r->seconds);
        state.counters["bpw"] = r->bitsPerWeight();
    }
    std::filesystem::remove(outputPath());
    if (seconds > 0) state.counters["MB/s"] = double(sourceBytes) / 1e6 / seconds;
}

}  // namespace

int main(int argc, char** argv) {
    if (!std::filesystem::exists(modelPath())) {
        std::fprintf(stderr, "no model at %s: make one with `quantdesk-cli synth %s --shape 1b` or set QD_BENCH_MODEL\n",
                     modelPath().c_str(), modelPath().c_str());
        return 1;
    }
    for (const auto& mix : qd::supportedMixes()) {
        benchmark::RegisterBenchmark(("quantize/" + std::string(mix.name)).c_str(), quantizeMix, mix)
            ->Arg(1)
            ->Arg(2)
            ->ArgName("threads")
            ->Iterations(1)
            ->UseManualTime()
            ->Unit(benchmark::kSecond);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
