// Arithmetic on sizes that come from files: products and sums that report overflow instead of
// wrapping. Every size computed from outside data goes through these before it is used to allocate,
// index or compare against a file's length.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>

namespace qd {

// a * b, or nullopt when the product does not fit in 64 bits.
inline std::optional<uint64_t> checkedMul(uint64_t a, uint64_t b) {
    uint64_t r;
    if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
    return r;
}

// The product of all factors, or nullopt on overflow.
inline std::optional<uint64_t> checkedProduct(std::initializer_list<uint64_t> factors) {
    uint64_t r = 1;
    for (uint64_t f : factors)
        if (__builtin_mul_overflow(r, f, &r)) return std::nullopt;
    return r;
}

inline std::optional<uint64_t> checkedAdd(uint64_t a, uint64_t b) {
    uint64_t r;
    if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
    return r;
}

// a + b, saturating at the largest value (for estimates shown to people, such as memory needs).
inline uint64_t saturatingAdd(uint64_t a, uint64_t b) {
    uint64_t r;
    return __builtin_add_overflow(a, b, &r) ? UINT64_MAX : r;
}
inline uint64_t saturatingMul(uint64_t a, uint64_t b) {
    uint64_t r;
    return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}

}  // namespace qd
