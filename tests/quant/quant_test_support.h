// Helpers shared by the quantization tests: typed views of tensor data, error measures (fixture paths:
// gguf/gguf_test_support.h).
#pragma once

#include <QByteArray>
#include <QString>

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "core/gguf/gguf_file.h"
#include "gguf/gguf_test_support.h"  // fixturesDir()

namespace qdtest {

// GGUF tensor data is aligned to at least 32 bytes inside the mapping, so F32 data can be read in place.
inline std::span<const float> floatsOf(const qd::GgufFile& file, const qd::GgufTensorInfo& t) {
    const auto bytes = file.tensorData(t);
    return {reinterpret_cast<const float*>(bytes.data()), bytes.size() / sizeof(float)};
}

// Root mean square of a - b, and of a alone.
inline double rmsDiff(std::span<const float> a, std::span<const float> b) {
    double s = 0.0;
    for (size_t i = 0; i < a.size(); ++i) {
        const double d = double(a[i]) - double(b[i]);
        s += d * d;
    }
    return a.empty() ? 0.0 : std::sqrt(s / double(a.size()));
}

inline double rms(std::span<const float> a) {
    double s = 0.0;
    for (float v : a) s += double(v) * double(v);
    return a.empty() ? 0.0 : std::sqrt(s / double(a.size()));
}

inline bool allFinite(std::span<const float> a) {
    for (float v : a)
        if (!std::isfinite(v)) return false;
    return true;
}

}  // namespace qdtest
