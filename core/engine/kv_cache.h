// The attention KV cache, in F16: what each layer's keys and values were at every past position.
//
// Keys are stored by position ([layer][pos][nEmbdKv]) so a query's scores are dot products of
// contiguous rows; values are stored transposed ([layer][nEmbdKv][context]) so each output element
// of the attention is one dot product of the softmax weights with a contiguous row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qd {

class KvCache {
public:
    void allocate(int layers, int context, int kvDim);

    int context() const { return m_context; }
    // Cells from one value row to the next for a context (see m_valueStride).
    static size_t valueStride(int context) {
        size_t s = (static_cast<size_t>(context) + 31) / 32 * 32;
        return s % 1024 == 0 ? s + 32 : s;
    }
    int kvDim() const { return m_kvDim; }
    size_t bytes() const { return (m_keys.size() + m_values.size()) * sizeof(uint16_t); }

    uint16_t* keyRow(int layer, int pos) { return m_keys.data() + (static_cast<size_t>(layer) * m_context + pos) * m_kvDim; }
    const uint16_t* keyRow(int layer, int pos) const {
        return m_keys.data() + (static_cast<size_t>(layer) * m_context + pos) * m_kvDim;
    }
    // Row `i` of the transposed values: element i of the value vector at every position.
    // Rows are m_valueStride apart: the context rounded up to 32 cells, plus 32 when that is a multiple
    // of 1,024 cells, so that rows do not all start 4 KiB apart and fall into the same cache sets (the
    // 3 query heads of a KV head read the same value rows; with aligned rows they evicted each other).
    uint16_t* valueColumn(int layer, int i) { return m_values.data() + (static_cast<size_t>(layer) * m_kvDim + i) * m_valueStride; }
    const uint16_t* valueColumn(int layer, int i) const {
        return m_values.data() + (static_cast<size_t>(layer) * m_kvDim + i) * m_valueStride;
    }

private:
    int m_context = 0;
    int m_kvDim = 0;
    size_t m_valueStride = 0;
    std::vector<uint16_t> m_keys;
    std::vector<uint16_t> m_values;
};

}  // namespace qd
