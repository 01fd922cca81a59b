#include "core/quant/fp16.h"

#include <cstring>

namespace qd {

namespace {

uint32_t bitsOf(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

float floatOf(uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

}  // namespace

float halfToFloat(uint16_t h) {
    const uint32_t sign = uint32_t(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1Fu;
    const uint32_t mant = h & 0x3FFu;
    if (exp == 0x1F) {
        if (mant == 0) return floatOf(sign | 0x7F800000u);          // infinity
        return floatOf(sign | 0x7FC00000u | (mant << 13));           // NaN, made quiet as F16C does
    }
    if (exp != 0) return floatOf(sign | ((exp + 112) << 23) | (mant << 13));  // normal: rebias 15 -> 127
    if (mant == 0) return floatOf(sign);                                     // signed zero
    // Subnormal half: mant * 2^-24, exactly representable as a normal float.
    float v = static_cast<float>(mant) * 5.9604644775390625e-8f;
    return sign ? -v : v;
}

uint16_t floatToHalf(float f) {
    const uint32_t u = bitsOf(f);
    const uint16_t sign = static_cast<uint16_t>((u >> 16) & 0x8000u);
    const uint32_t absBits = u & 0x7FFFFFFFu;
    if (absBits >= 0x7F800000u) {
        if (absBits == 0x7F800000u) return sign | 0x7C00u;                       // infinity
        return static_cast<uint16_t>(sign | 0x7E00u | ((absBits >> 13) & 0x3FFu));  // quiet NaN
    }
    if (absBits >= 0x477FF000u) return sign | 0x7C00u;  // rounds to above the largest half: infinity
    const int32_t exp = static_cast<int32_t>(absBits >> 23) - 127;
    if (exp >= -14) {
        // Normal half: keep 10 mantissa bits, round the 13 dropped bits to nearest even.
        uint32_t mant = absBits & 0x7FFFFFu;
        uint32_t half = (static_cast<uint32_t>(exp + 15) << 10) | (mant >> 13);
        uint32_t rest = mant & 0x1FFFu;
        if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) ++half;  // a carry into the exponent is correct
        return static_cast<uint16_t>(sign | half);
    }
    if (exp < -25) return sign;  // below half the smallest subnormal: zero
    // Subnormal half: value = m * 2^-24 with m = round(|f| * 2^24), computed on the integer significand.
    uint32_t mant = (absBits & 0x7FFFFFu) | 0x800000u;  // 24-bit significand, value = mant * 2^(exp-23)
    const int shift = -exp - 1;                         // dropping this many bits leaves units of 2^-24
    uint32_t m = mant >> shift;
    uint32_t rest = mant & ((1u << shift) - 1u);
    uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (m & 1u))) ++m;
    return static_cast<uint16_t>(sign | m);
}

float bf16ToFloat(uint16_t b) { return floatOf(static_cast<uint32_t>(b) << 16); }

uint16_t floatToBf16(float f) {
    uint32_t u = bitsOf(f);
    if ((u & 0x7FFFFFFFu) > 0x7F800000u) return static_cast<uint16_t>((u >> 16) | 0x40u);  // NaN: force quiet
    u += 0x7FFFu + ((u >> 16) & 1u);  // round to nearest even
    return static_cast<uint16_t>(u >> 16);
}

}  // namespace qd
