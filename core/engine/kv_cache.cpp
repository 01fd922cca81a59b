#include "core/engine/kv_cache.h"

namespace qd {

void KvCache::allocate(int layers, int context, int kvDim) {
    m_context = context;
    m_kvDim = kvDim;
    m_valueStride = valueStride(context);
    const size_t n = static_cast<size_t>(layers) * context * kvDim;
    m_keys.assign(n, 0);
    m_values.assign(static_cast<size_t>(layers) * kvDim * m_valueStride, 0);
}

}  // namespace qd
