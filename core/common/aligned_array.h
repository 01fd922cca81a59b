// A fixed-size array of trivially copyable values on a 64-byte boundary (a cache line, an AVX-512
// register): kernel timings then measure the kernel, not where the heap happened to put its inputs (a
// 16-byte-aligned buffer makes every 64-byte load straddle two cache lines, and whether it does changes
// from one process to the next).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

namespace qd {

template <class T>
class AlignedArray {
    static_assert(std::is_trivially_copyable_v<T>, "for plain values (floats, bytes)");

public:
    static constexpr size_t kAlignment = 64;

    explicit AlignedArray(size_t n) : m_size(n) {
        const size_t bytes = (n * sizeof(T) + kAlignment - 1) / kAlignment * kAlignment;
        m_data = static_cast<T*>(std::aligned_alloc(kAlignment, bytes ? bytes : kAlignment));
        if (!m_data) throw std::bad_alloc();
        std::memset(static_cast<void*>(m_data), 0, bytes ? bytes : kAlignment);
    }
    ~AlignedArray() { std::free(m_data); }
    AlignedArray(const AlignedArray&) = delete;
    AlignedArray& operator=(const AlignedArray&) = delete;

    T* data() { return m_data; }
    const T* data() const { return m_data; }
    size_t size() const { return m_size; }
    T& operator[](size_t i) { return m_data[i]; }
    const T& operator[](size_t i) const { return m_data[i]; }
    T* begin() { return m_data; }
    T* end() { return m_data + m_size; }

private:
    size_t m_size = 0;
    T* m_data = nullptr;
};

}  // namespace qd
