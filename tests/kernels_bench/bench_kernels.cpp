// Throughput of the dot kernels in GB/s of weights (SetBytesProcessed = weight bytes read), for every
// weight type at every level this CPU runs:
//   row/<type>/<level>       one row of 4096 against one activation row (both stay in L1/L2)
//   matvec/<type>/<level>/R  R rows x 4096 times a vector, one thread: R = 4096 (cache-resident for
//                            the smaller types on CPUs with a large L3) and R = 16384 (4x more,
//                            beyond the L3 of ordinary desktop CPUs: reads from DRAM)
//   matvec8/<type>/<level>/R the same through the eight-row kernel (dot.h kDotRows), where one exists
// The activation row is quantized once outside the timed loop (inference does the same per token).
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "core/common/cpu_features.h"
#include "core/quant/dot.h"
#include "kernel_test_data.h"

namespace {

using namespace qd;

constexpr int64_t kWidth = 4096;

struct Setup {
    std::vector<uint8_t> weights;   // rows x kWidth
    std::vector<uint8_t> activations;
    size_t rowBytes = 0;
};

Setup makeSetup(GgmlType type, int64_t rows, const KernelTable& table) {
    std::mt19937 rng(42);
    Setup s;
    s.rowBytes = test::rowBytes(type, kWidth);
    // Random rows, generated 16 at a time and tiled (the contents do not change the memory traffic).
    s.weights.resize(s.rowBytes * static_cast<size_t>(rows));
    const std::vector<uint8_t> pattern = test::makeWeightRow(type, kWidth * 16, test::WeightPattern::Random, rng);
    for (size_t off = 0; off < s.weights.size(); off += pattern.size()) {
        const size_t len = std::min(pattern.size(), s.weights.size() - off);
        std::copy(pattern.begin(), pattern.begin() + static_cast<std::ptrdiff_t>(len), s.weights.begin() + static_cast<std::ptrdiff_t>(off));
    }
    const GgmlType act = *activationType(type);
    const std::vector<float> x = test::makeActivationRow(kWidth, test::ActivationPattern::Random, rng);
    s.activations.resize(test::rowBytes(act, kWidth));
    table.fromFloatFor(act)(x.data(), s.activations.data(), kWidth);
    return s;
}

void benchRow(benchmark::State& state, GgmlType type, IsaLevel level) {
    const KernelTable& table = *kernelsFor(level);
    const Setup s = makeSetup(type, 1, table);
    const DotFn dot = table.dotFor(type);
    for (auto _ : state) {
        float r = dot(kWidth, s.weights.data(), s.activations.data());
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(s.rowBytes));
}

void benchMatVec(benchmark::State& state, GgmlType type, IsaLevel level) {
    const int64_t rows = state.range(0);
    const KernelTable& table = *kernelsFor(level);
    const Setup s = makeSetup(type, rows, table);
    const DotFn dot = table.dotFor(type);
    std::vector<float> y(static_cast<size_t>(rows));
    for (auto _ : state) {
        const uint8_t* w = s.weights.data();
        for (int64_t r = 0; r < rows; ++r, w += s.rowBytes) y[static_cast<size_t>(r)] = dot(kWidth, w, s.activations.data());
        benchmark::DoNotOptimize(y.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * rows * static_cast<int64_t>(s.rowBytes));
}

// The same product through the eight-row kernel (dot.h, kDotRows), for the types that have one.
void benchMatVecRows(benchmark::State& state, GgmlType type, IsaLevel level) {
    const int64_t rows = state.range(0);
    const KernelTable& table = *kernelsFor(level);
    const Setup s = makeSetup(type, rows, table);
    const DotRowsFn dotRows = table.dotRowsFor(type);
    std::vector<float> y(static_cast<size_t>(rows));
    for (auto _ : state) {
        const uint8_t* w = s.weights.data();
        for (int64_t r = 0; r < rows; r += kDotRows, w += kDotRows * s.rowBytes)
            dotRows(kWidth, w, s.rowBytes, s.activations.data(), y.data() + r);
        benchmark::DoNotOptimize(y.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * rows * static_cast<int64_t>(s.rowBytes));
}

void benchQuantizeActivations(benchmark::State& state, GgmlType act, IsaLevel level) {
    const KernelTable& table = *kernelsFor(level);
    std::mt19937 rng(7);
    const std::vector<float> x = test::makeActivationRow(kWidth, test::ActivationPattern::Random, rng);
    std::vector<uint8_t> out(test::rowBytes(act, kWidth));
    for (auto _ : state) {
        table.fromFloatFor(act)(x.data(), out.data(), kWidth);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * kWidth * 4);
}

int registerAll() {
    const IsaLevel best = maxIsaLevel(cpuFeatures());
    for (IsaLevel level : {IsaLevel::Scalar, IsaLevel::Avx2, IsaLevel::Avx512}) {
        if (level > best) continue;
        const std::string lv(isaLevelName(level));
        for (GgmlType t : test::dotWeightTypes()) {
            const std::string tn(ggmlTypeName(t));
            benchmark::RegisterBenchmark(("row/" + tn + "/" + lv).c_str(), benchRow, t, level);
            benchmark::RegisterBenchmark(("matvec/" + tn + "/" + lv).c_str(), benchMatVec, t, level)
                ->Arg(4096)
                ->Arg(16384)
                ->Unit(benchmark::kMillisecond);
            if (kernelsFor(level)->dotRowsFor(t))
                benchmark::RegisterBenchmark(("matvec8/" + tn + "/" + lv).c_str(), benchMatVecRows, t, level)
                    ->Arg(4096)
                    ->Arg(16384)
                    ->Unit(benchmark::kMillisecond);
        }
        for (GgmlType a : {GgmlType::Q8_0, GgmlType::Q8_1, GgmlType::Q8_K}) {
            benchmark::RegisterBenchmark(("quantize/" + std::string(ggmlTypeName(a)) + "/" + lv).c_str(),
                                         benchQuantizeActivations, a, level);
        }
    }
    return 0;
}

const int kRegistered = registerAll();

}  // namespace

int main(int argc, char** argv) {
    (void)kRegistered;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::AddCustomContext("cpu", describeCpu(cpuFeatures(), maxIsaLevel(cpuFeatures())));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
