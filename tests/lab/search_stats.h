// Order statistics of the evaluations a search needed, shared by the lab's search tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace qdtest {

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

// The q-quantile by the nearest-rank method.
inline double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(std::ceil(q * double(v.size())) - 1))];
}

}  // namespace qdtest
