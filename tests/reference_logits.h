// How far an engine's logits are from the readable reference forward pass (core/model/reference_model.h),
// shared by the tests that use it as their oracle.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>

#include "core/model/reference_model.h"

namespace testref {

struct ReferenceDistance {
    bool ok = false;     // the reference ran every position and `logits` held a row for each
    double maxDiff = 0;  // the largest absolute difference of any logit at any position
    int sameTop = 0;     // positions whose most likely token is the same
};

// Feeds `ids` to `ref` from position 0 and compares each position's logits with the matching row of
// `logits` ([ids.size()][vocab], as Model::eval(..., allLogits) writes them).
inline ReferenceDistance compareWithReference(qd::ReferenceModel& ref, std::span<const int32_t> ids,
                                              std::span<const float> logits, int vocab) {
    ReferenceDistance d;
    const size_t v = static_cast<size_t>(vocab);
    if (logits.size() < ids.size() * v) return d;
    for (size_t pos = 0; pos < ids.size(); ++pos) {
        auto r = ref.forward(ids[pos], static_cast<int>(pos));
        if (!r) return d;
        const float* f = logits.data() + pos * v;
        for (size_t i = 0; i < v; ++i) d.maxDiff = std::max(d.maxDiff, std::fabs(double(f[i]) - double((*r)[i])));
        d.sameTop += std::max_element(f, f + v) - f == std::max_element(r->begin(), r->end()) - r->begin();
    }
    d.ok = true;
    return d;
}

}  // namespace testref
