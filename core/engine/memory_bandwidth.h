// Main-memory read bandwidth, the ceiling of token generation.
//
// Generating one token reads every weight matrix once (plus one embedding row and the KV cache), and
// at batch size 1 the dot kernels do far less arithmetic than the bytes they stream need, so decode
// speed is bounded by bytes-per-token / read bandwidth. measureReadBandwidth() measures that
// bandwidth the way the forward pass reads: each thread of a ThreadPool streams its own contiguous
// slice of a buffer much larger than the caches, and the best of a few passes is kept.
#pragma once

#include <cstdint>

#include "core/common/thread_pool.h"

namespace qd {

struct BandwidthResult {
    double bytesPerSecond = 0;  // best pass
    double medianBytesPerSecond = 0;
    uint64_t bufferBytes = 0;
    int threads = 0;
    int passes = 0;
};

// Reads a buffer of `bytes` (rounded to whole 4 KiB pages) `passes` times with every thread of `pool`.
// The buffer is written once first so every page is really backed by memory.
BandwidthResult measureReadBandwidth(ThreadPool& pool, uint64_t bytes = uint64_t(1) << 30, int passes = 7);

}  // namespace qd
