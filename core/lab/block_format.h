// The block-size lab's formats: a block of QK weights with a scale (and for type-1 a minimum), for any
// QK and bit width, so that block sizes no GGUF type has can be measured.
//
// Layout of one block, in this order: the scale (F16: 2 bytes, or E8M0: 1 byte, a power of two 2^(e-127)
// as in the MX formats), the minimum for type-1 (F16), then the levels:
//   4 bits: byte j holds level j in its low nibble and level j + QK/2 in its high nibble;
//   5 bits: first QK bits of the fifth bits (bit j of a little-endian bit field is level j's bit 4), then
//           the nibbles as for 4 bits;
//   8 bits: one byte per level (signed for type-0, which stores -127..127, unsigned for type-1);
//   others: a little-endian bit stream of QK x bits bits, padded to whole bytes.
// At QK = 32 with F16 scales this is exactly Q4_0, Q4_1, Q5_0, Q5_1 and Q8_0's block, and with the
// extremes rule (ggml's reference rounding) the bytes are theirs.
//
// A row whose width QK does not divide is padded with zeros to a whole block; the padding is counted in
// the bits per weight (rowBytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace qd::lab {

enum class Family {
    Symmetric,   // type-0: x = d * (q - bias)
    Asymmetric,  // type-1: x = d * q + m
};

enum class ScaleFormat { F16, E8M0 };

// How a block's scale is chosen.
enum class ScaleRule {
    Extremes,  // from the block's largest magnitude (type-0) or its range (type-1), as ggml's reference
    Search,    // the scale (and minimum) minimising the block's (importance-weighted) squared error
};

struct BlockFormat {
    Family family = Family::Symmetric;
    int qk = 32;  // 0: the whole row is one block (its width, rounded up to even for 4 and 5 bits)
    int bits = 4;
    ScaleFormat scale = ScaleFormat::F16;

    // Empty when the format can be built; otherwise why not (QK below 2 or above 65,536, odd QK for 4 or
    // 5 bits, bits outside 2..8).
    std::string problem() const;
    size_t blockBytes() const;  // 0 for whole-row blocks (see rowBytes)
    // The block size used for a row of n weights (qk, or n for whole rows).
    int qkFor(int64_t n) const;
    // Bytes of a row of n weights, its last block padded.
    size_t rowBytes(int64_t n) const;
    // Exact bits per weight of a row of n weights: rowBytes(n) * 8 / n.
    double bitsPerWeight(int64_t n) const;
    // "type-0 4-bit QK 32 F16"
    std::string name() const;
};

// Quantizes a row of n weights into `out` (rowBytes(n) bytes). `importance` (n values, may be null)
// weights the squared error of the Search rule; Extremes ignores it.
void quantizeRow(const BlockFormat& format, const float* x, int64_t n, uint8_t* out, ScaleRule rule,
                 const float* importance = nullptr);
// The row's n weights back from rowBytes(n) bytes.
void dequantizeRow(const BlockFormat& format, const uint8_t* in, int64_t n, float* y);

}  // namespace qd::lab
