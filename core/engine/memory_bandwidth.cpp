#include "core/engine/memory_bandwidth.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <vector>

#include "core/common/cpu_features.h"

namespace qd {

#if defined(__x86_64__) || defined(_M_X64)
namespace avx2 {
uint64_t sumWordsWide(const uint64_t* p, size_t n);  // x86/avx2/read_stream_avx2.cpp
}
#endif

namespace {

// Sums 64-bit words of [p, p + n) with four independent accumulators, so the loop issues loads as
// fast as the core can (GCC vectorizes it at -O3); the sum keeps the loads from being optimized away.
uint64_t sumWords(const uint64_t* p, size_t n) {
    uint64_t a = 0, b = 0, c = 0, d = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        a += p[i];
        b += p[i + 1];
        c += p[i + 2];
        d += p[i + 3];
    }
    for (; i < n; ++i) a += p[i];
    return a + b + c + d;
}

// The widest read loop this CPU runs: a bound measured with narrower loads than the kernels use would be
// below what decode reaches.
uint64_t sumWordsFastest(const uint64_t* p, size_t n) {
#if defined(__x86_64__) || defined(_M_X64)
    static const bool wide = cpuFeatures().avx2;
    if (wide) return avx2::sumWordsWide(p, n);
#endif
    return sumWords(p, n);
}

}  // namespace

BandwidthResult measureReadBandwidth(ThreadPool& pool, uint64_t bytes, int passes) {
    const size_t words = static_cast<size_t>(std::max<uint64_t>(bytes, 1 << 20) / 4096 * 4096 / sizeof(uint64_t));
    std::vector<uint64_t> buffer(words);
    const int threads = pool.size();
    // Each worker touches (and later reads) its own slice, so on multi-socket machines the pages land
    // near the thread that reads them, as the model's pages do after the first token.
    auto slice = [&](int w, size_t& begin, size_t& end) {
        begin = words * static_cast<size_t>(w) / static_cast<size_t>(threads);
        end = words * static_cast<size_t>(w + 1) / static_cast<size_t>(threads);
    };
    pool.run([&](int w, int) {
        size_t b, e;
        slice(w, b, e);
        for (size_t i = b; i < e; ++i) buffer[i] = i;
    });

    std::vector<double> rates;
    std::atomic<uint64_t> sink{0};
    for (int p = 0; p < std::max(1, passes); ++p) {
        const auto t0 = std::chrono::steady_clock::now();
        pool.run([&](int w, int) {
            size_t b, e;
            slice(w, b, e);
            sink.fetch_add(sumWordsFastest(buffer.data() + b, e - b), std::memory_order_relaxed);
        });
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        rates.push_back(static_cast<double>(words * sizeof(uint64_t)) / s);
    }
    // The expected sum of 0 .. words-1 per pass: checking it keeps the reads observable.
    const uint64_t expected = static_cast<uint64_t>(words) * (words - 1) / 2 * rates.size();
    BandwidthResult r;
    std::sort(rates.begin(), rates.end());
    r.bytesPerSecond = sink.load() == expected ? rates.back() : 0.0;
    r.medianBytesPerSecond = sink.load() == expected ? rates[rates.size() / 2] : 0.0;
    r.bufferBytes = words * sizeof(uint64_t);
    r.threads = threads;
    r.passes = static_cast<int>(rates.size());
    return r;
}

}  // namespace qd
