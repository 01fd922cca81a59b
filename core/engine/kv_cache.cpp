#include "core/engine/kv_cache.h"

namespace qd {

void KvCache::allocate(int layers, int context, int kvDim) {
    m_context = context;
    m_kvDim = kvDim;
    const size_t n = static_cast<size_t>(layers) * context * kvDim;
    m_keys.assign(n, 0);
    m_values.assign(n, 0);
}

}  // namespace qd
