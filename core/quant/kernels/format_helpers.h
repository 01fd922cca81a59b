// Small format facts shared by the scalar and SIMD kernels (no intrinsics; internal to core/quant).
#pragma once

#include <cstdint>

#include "core/quant/blocks.h"

namespace qd::fmt {

// IQ4_NL / IQ4_XS: the 16 non-linear levels a 4-bit index selects (ggml's kvalues_iq4nl).
inline constexpr int8_t kIq4Levels[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                                          1,    13,   25,  38,  53,  69,  89,  113};

// Q4_K / Q5_K: 8 six-bit scales and 8 six-bit mins packed in 12 bytes.
//   bytes 0-3: scale j (j<4) in bits 0-5, bits 6-7 = high bits of scale j+4
//   bytes 4-7: min j (j<4)   in bits 0-5, bits 6-7 = high bits of min j+4
//   bytes 8-11: low nibble = low 4 bits of scale j+4, high nibble = low 4 bits of min j+4
inline void unpackScalesMinsK4(const uint8_t* packed, uint8_t scales[8], uint8_t mins[8]) {
    for (int j = 0; j < 4; ++j) {
        scales[j] = packed[j] & 63;
        mins[j] = packed[j + 4] & 63;
        scales[j + 4] = static_cast<uint8_t>((packed[j + 8] & 0x0F) | ((packed[j] >> 6) << 4));
        mins[j + 4] = static_cast<uint8_t>((packed[j + 8] >> 4) | ((packed[j + 4] >> 6) << 4));
    }
}

// Q3_K: 16 six-bit scales (stored +32) in 12 bytes: low 4 bits of scale j in byte j (j<8, low
// nibble) or byte j-8 (high nibble); high 2 bits in byte 8 + j%4 at bit 2*(j/4). Returns scale - 32.
inline void unpackScalesQ3K(const uint8_t* packed, int8_t scales[16]) {
    for (int j = 0; j < 16; ++j) {
        const int low = j < 8 ? (packed[j] & 0x0F) : (packed[j - 8] >> 4);
        const int high = (packed[8 + j % 4] >> (2 * (j / 4))) & 3;
        scales[j] = static_cast<int8_t>((low | (high << 4)) - 32);
    }
}

// IQ4_XS: six-bit scale of sub-block ib (0..7): low 4 bits in nibble ib%2 of scalesL[ib/2], high 2
// bits at bit 2*ib of scalesH. Returns scale - 32.
inline int iq4xsScale(const BlockIQ4_XS& b, int ib) {
    const int low = (b.scalesL[ib / 2] >> (4 * (ib % 2))) & 0x0F;
    const int high = (b.scalesH >> (2 * ib)) & 3;
    return (low | (high << 4)) - 32;
}

}  // namespace qd::fmt
