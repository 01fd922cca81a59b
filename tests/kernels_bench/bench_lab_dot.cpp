// bench_lab_dot: Google Benchmark of the block-size lab's generic dot products (core/lab/lab_dot.h) for a
// few formats at every instruction-set level this CPU runs, reporting GB/s of weight bytes read. The lab
// report's timings come from the same kernels; this target shows how well they repeat:
//   taskset -c 1 bench_lab_dot --benchmark_repetitions=20 --benchmark_enable_random_interleaving=true
//       --benchmark_min_time=0.2   (one command line)
// (pinned, and the repetitions of every benchmark interleaved with the others', so a slow minute of a shared
// machine does not land on one kernel; compare the medians of two such runs).
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "core/common/aligned_array.h"
#include "core/lab/lab_dot.h"

using namespace qd;
using namespace qd::lab;

namespace {

void labDot(benchmark::State& state, BlockFormat format, IsaLevel level) {
    const LabDotFn fn = labDotFor(level);
    if (!fn) {
        state.SkipWithError("this CPU does not run that level");
        return;
    }
    const int64_t n = 4096;
    const int rows = 64;
    std::mt19937 rng(3);
    std::normal_distribution<float> nd(0.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(n));
    AlignedArray<float> a(static_cast<size_t>(n));  // cache-line aligned, as the lab's own timing (lab_dot.cpp)
    const size_t rowBytes = format.rowBytes(n);
    AlignedArray<uint8_t> q(rowBytes * rows);
    for (int r = 0; r < rows; ++r) {
        for (auto& v : x) v = nd(rng) * 0.02f;
        quantizeRow(format, x.data(), n, q.data() + size_t(r) * rowBytes, ScaleRule::Extremes);
    }
    for (auto& v : a) v = nd(rng);
    for (auto _ : state)
        for (int r = 0; r < rows; ++r) benchmark::DoNotOptimize(fn(format, q.data() + size_t(r) * rowBytes, a.data(), n));
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(q.size()));
}

const int kRegistered = [] {
    BlockFormat q4k{Family::KStyle, 32, 4, ScaleFormat::F16};  // Q4_K's shape: 8 x 32 in 256, 6-bit codes
    BlockFormat nl{Family::Codebook, 32, 4, ScaleFormat::F16};  // IQ4_NL's
    const BlockFormat formats[] = {{Family::Symmetric, 32, 4, ScaleFormat::F16},
                                   {Family::Asymmetric, 64, 4, ScaleFormat::F16},
                                   {Family::Symmetric, 128, 3, ScaleFormat::F16},
                                   {Family::Symmetric, 32, 8, ScaleFormat::F16},
                                   {Family::Symmetric, 32, 4, ScaleFormat::E8M0},
                                   q4k,
                                   nl};
    for (const BlockFormat& f : formats)
        for (IsaLevel level : {IsaLevel::Scalar, IsaLevel::Avx2, IsaLevel::Avx512}) {
            if (!labDotFor(level)) continue;
            const std::string name = "labDot/" + f.name() + "/" + std::string(isaLevelName(level));
            benchmark::RegisterBenchmark(name.c_str(), labDot, f, level);
        }
    return 0;
}();

}  // namespace

BENCHMARK_MAIN();
