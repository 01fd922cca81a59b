// The block-size lab's formats: a block of QK weights with a scale (and for type-1 a minimum), for any
// QK and bit width, so that block sizes no GGUF type has can be measured. Four families:
//   type-0     x = d * level, one scale per block (Q4_0, Q5_0, Q8_0 at QK 32);
//   type-1     x = d * level + m, a scale and a minimum per block (Q4_1, Q5_1);
//   K-style    super-blocks of `superBlock` weights holding sub-blocks of QK: each sub-block's scale and
//              minimum are `subScaleBits`-bit codes times the super-block's two F16 scales (Q2_K, Q4_K, Q5_K);
//   codebook   4-bit indices into 16 fixed non-uniform values times one scale per block (IQ4_NL with
//              F16 scales at QK 32; MXFP4 is the E2M1 codebook with E8M0 scales).
//
// Layout of one type-0 / type-1 block, in this order: the scale (F16: 2 bytes, or E8M0: 1 byte, a power of two 2^(e-127)
// as in the MX formats), the minimum for type-1 (F16), then the levels:
//   4 bits: byte j holds level j in its low nibble and level j + QK/2 in its high nibble;
//   5 bits: first QK bits of the fifth bits (bit j of a little-endian bit field is level j's bit 4), then
//           the nibbles as for 4 bits;
//   8 bits: one byte per level (signed for type-0, which stores -127..127, unsigned for type-1);
//   others: a little-endian bit stream of QK x bits bits, padded to whole bytes.
// At QK = 32 with F16 scales this is exactly Q4_0, Q4_1, Q5_0, Q5_1 and Q8_0's block, and with the
// extremes rule (ggml's reference rounding) the bytes are theirs.
//
// A K-style super-block: d (F16), dmin (F16), then per sub-block its scale code and its minimum code in a
// little-endian bit stream (subScaleBits each, padded to whole bytes: one byte per sub-block at 4 bits, as
// Q2_K), then each sub-block's levels packed as a type-1 block's. Weights are d * sc * level - dmin * mc.
// Q4_K is superBlock 256, QK 32, 4 bits, 6-bit codes (its own bytes order the codes differently; the values
// are the same, tested against llama.cpp's files).
// A codebook block: the scale (F16 or E8M0), then the indices as 4-bit levels (byte j: index j low,
// index j + QK/2 high), exactly IQ4_NL's block at QK 32.
//
// A row whose width QK (the super-block for K-style) does not divide is padded with zeros to a whole block; the padding is counted in
// the bits per weight (rowBytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace qd::lab {

enum class Family {
    Symmetric,   // type-0: x = d * (q - bias)
    Asymmetric,  // type-1: x = d * q + m
    KStyle,      // two-level: sub-block scales and minimums quantized against super-block scales
    Codebook,    // 4-bit indices into a fixed non-uniform table
};

enum class Codebook {
    NonLinear,  // IQ4_NL's 16 values, denser near zero
    E2M1,       // the FP4 values of MXFP4 (0, 0.5, 1, 1.5, 2, 3, 4, 6 and their negatives)
};

enum class ScaleFormat { F16, E8M0 };

// How a block's scale is chosen.
enum class ScaleRule {
    Extremes,   // from the block's largest magnitude (type-0, codebook) or its range (type-1, K-style)
    Search,     // the scale (and minimum) minimising the block's (importance-weighted) squared error
    Reference,  // what ggml's reference quantizer of the format's GGUF namesake does, over any QK: Extremes
                // for type-0 / type-1 (Q4_0 .. Q8_0), Q4_K's weighted search for K-style (Q5_K's from 5
                // bits), IQ4_NL's search for a codebook
};

struct BlockFormat {
    Family family = Family::Symmetric;
    int qk = 32;  // 0: the whole row is one block (its width, rounded up to even for 4 and 5 bits)
    int bits = 4;
    ScaleFormat scale = ScaleFormat::F16;  // type-0, type-1, codebook (K-style scales are F16)
    int superBlock = 256;                  // K-style: weights per super-block, a multiple of QK
    int subScaleBits = 6;                  // K-style: bits of each sub-block's scale and minimum code
    Codebook codebook = Codebook::NonLinear;

    // Empty when the format can be built; otherwise why not (QK below 2 or above 65,536, odd QK for 4 or
    // 5 bits, bits outside 2..8, a K-style super-block QK does not divide or sub-scale bits outside 2..8,
    // a codebook other than 4 bits).
    std::string problem() const;
    size_t blockBytes() const;  // 0 for whole-row blocks (see rowBytes); a K-style super-block's bytes
    // The block size used for a row of n weights (qk, or n for whole rows).
    int qkFor(int64_t n) const;
    // The unit a row is padded to: the super-block for K-style, else qkFor(n).
    int unitFor(int64_t n) const;
    // K-style layout: bytes of a super-block's scale and minimum codes, and of one sub-block's levels.
    size_t subScaleCodeBytes() const;
    size_t subBlockLevelBytes() const;
    // Bytes of a row of n weights, its last block padded.
    size_t rowBytes(int64_t n) const;
    // Exact bits per weight of a row of n weights: rowBytes(n) * 8 / n.
    double bitsPerWeight(int64_t n) const;
    // "type-0 4-bit QK 32 F16", "K-style 4-bit QK 32/256 6-bit scales", "codebook NL QK 32 F16"
    std::string name() const;
    // The short form the CLI and the points file use: t0, t1, k, nl (NonLinear codebook), fp4 (E2M1).
    std::string familyKey() const;
};

// The codebook's 16 values in index order.
const float* codebookValues(Codebook c);

// Quantizes a row of n weights into `out` (rowBytes(n) bytes). `importance` (n values, may be null)
// weights the squared error of the Search rule (and Reference's, as ggml weights with an imatrix); Extremes
// ignores it. Extremes for K-style takes each
// sub-block's range, for a codebook the scale that maps the largest magnitude to the table's end.
void quantizeRow(const BlockFormat& format, const float* x, int64_t n, uint8_t* out, ScaleRule rule,
                 const float* importance = nullptr);
// The row's n weights back from rowBytes(n) bytes.
void dequantizeRow(const BlockFormat& format, const uint8_t* in, int64_t n, float* y);

}  // namespace qd::lab
