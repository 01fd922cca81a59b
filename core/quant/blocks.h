// Block layouts of ggml's quantized types, byte for byte as they are stored in GGUF files.
//
// A quantized row is a sequence of blocks; each block covers `kBlock*` consecutive weights and stores
// one or two scales plus packed integers. All multi-byte fields are little-endian; `uint16_t d` fields
// hold IEEE half-precision floats (see fp16.h). The static_asserts pin the sizes to ggml's, which the
// type registry (core/gguf/ggml_type.cpp) also lists.
#pragma once

#include <cstdint>

namespace qd {

constexpr int kBlock32 = 32;   // legacy types and IQ4_NL
constexpr int kBlockK = 256;   // K-quants, Q8_K and IQ4_XS ("super-blocks")
constexpr int kScaleBytesK = 12;  // packed 6-bit scales and mins of Q4_K / Q5_K

using Half = uint16_t;  // IEEE 754 binary16 bits

// Q4_0: x = d * (q - 8), q in 0..15.
// | d (2) | qs[16]: byte j holds weight j (low nibble) and weight j+16 (high nibble) |
struct BlockQ4_0 {
    Half d;
    uint8_t qs[kBlock32 / 2];
};
static_assert(sizeof(BlockQ4_0) == 18);

// Q4_1: x = d * q + m, q in 0..15.  | d (2) | m (2) | qs[16] (as Q4_0) |
struct BlockQ4_1 {
    Half d;
    Half m;
    uint8_t qs[kBlock32 / 2];
};
static_assert(sizeof(BlockQ4_1) == 20);

// Q5_0: x = d * (q - 16), q in 0..31; low 4 bits as Q4_0, bit 4 of weight j in bit j of qh.
// | d (2) | qh[4] (u32, little-endian) | qs[16] |
struct BlockQ5_0 {
    Half d;
    uint8_t qh[4];
    uint8_t qs[kBlock32 / 2];
};
static_assert(sizeof(BlockQ5_0) == 22);

// Q5_1: x = d * q + m, q in 0..31.  | d (2) | m (2) | qh[4] | qs[16] |
struct BlockQ5_1 {
    Half d;
    Half m;
    uint8_t qh[4];
    uint8_t qs[kBlock32 / 2];
};
static_assert(sizeof(BlockQ5_1) == 24);

// Q8_0: x = d * q, q in -127..127.  | d (2) | qs[32] |
struct BlockQ8_0 {
    Half d;
    int8_t qs[kBlock32];
};
static_assert(sizeof(BlockQ8_0) == 34);

// Q8_1: Q8_0 plus s = d * sum(q), used as the activation type of Q4_1 / Q5_1 dot products.
struct BlockQ8_1 {
    Half d;
    Half s;
    int8_t qs[kBlock32];
};
static_assert(sizeof(BlockQ8_1) == 36);

// Q2_K: 16 sub-blocks of 16 weights; x = d * sc * q - dmin * m, q in 0..3, sc/m 4-bit each
// (scales[i] = sc | m << 4). qs packs four 2-bit weights per byte in 128-weight halves:
// byte j of half h holds weights h*128 + j + 32*s for shift s = 0..3 in bits 2s..2s+1.
// | scales[16] | qs[64] | d (2) | dmin (2) |
struct BlockQ2_K {
    uint8_t scales[kBlockK / 16];
    uint8_t qs[kBlockK / 4];
    Half d;
    Half dmin;
};
static_assert(sizeof(BlockQ2_K) == 84);

// Q3_K: 16 sub-blocks of 16; x = d * (sc - 32) * (q - 4*!hbit), q low 2 bits in qs (as Q2_K), high
// bit in hmask; 16 six-bit scales packed in 12 bytes.
// | hmask[32] | qs[64] | scales[12] | d (2) |
struct BlockQ3_K {
    uint8_t hmask[kBlockK / 8];
    uint8_t qs[kBlockK / 4];
    uint8_t scales[12];
    Half d;
};
static_assert(sizeof(BlockQ3_K) == 110);

// Q4_K: 8 sub-blocks of 32; x = d * sc * q - dmin * m, q in 0..15, sc/m 6-bit packed in 12 bytes.
// qs: 64-weight groups of 32 bytes, low nibbles = first 32 weights, high nibbles = next 32.
// | d (2) | dmin (2) | scales[12] | qs[128] |
struct BlockQ4_K {
    Half d;
    Half dmin;
    uint8_t scales[kScaleBytesK];
    uint8_t qs[kBlockK / 2];
};
static_assert(sizeof(BlockQ4_K) == 144);

// Q5_K: Q4_K plus a fifth bit per weight in qh (bit i of qh[j] for weight 32*i + j).
// | d (2) | dmin (2) | scales[12] | qh[32] | qs[128] |
struct BlockQ5_K {
    Half d;
    Half dmin;
    uint8_t scales[kScaleBytesK];
    uint8_t qh[kBlockK / 8];
    uint8_t qs[kBlockK / 2];
};
static_assert(sizeof(BlockQ5_K) == 176);

// Q6_K: 16 sub-blocks of 16; x = d * sc * (q - 32), q 6-bit: low 4 bits in ql, high 2 in qh;
// sc is a signed 8-bit scale.  | ql[128] | qh[64] | scales[16] (int8) | d (2) |
struct BlockQ6_K {
    uint8_t ql[kBlockK / 2];
    uint8_t qh[kBlockK / 4];
    int8_t scales[kBlockK / 16];
    Half d;
};
static_assert(sizeof(BlockQ6_K) == 210);

// Q8_K: activation type of K-quant dot products. x = d * q; bsums[i] = sum of q over weights
// 16i..16i+15 (lets kernels fold the mins in without touching every weight).
// | d (float, 4) | qs[256] | bsums[16] (int16) |
struct BlockQ8_K {
    float d;
    int8_t qs[kBlockK];
    int16_t bsums[kBlockK / 16];
};
static_assert(sizeof(BlockQ8_K) == 292);

// IQ4_NL: 4-bit indices into a fixed non-linear table of 16 values; x = d * table[q].
// | d (2) | qs[16] (as Q4_0) |
struct BlockIQ4_NL {
    Half d;
    uint8_t qs[kBlock32 / 2];
};
static_assert(sizeof(BlockIQ4_NL) == 18);

// IQ4_XS: super-block of 256 with 8 sub-blocks of 32, each with a 6-bit scale (low 4 bits in
// scales_l nibbles, high 2 bits in scales_h), x = d * (ls - 32) * table[q].
// | d (2) | scales_h (2) | scales_l[4] | qs[128] |
struct BlockIQ4_XS {
    Half d;
    uint16_t scalesH;
    uint8_t scalesL[kBlockK / 64];
    uint8_t qs[kBlockK / 2];
};
static_assert(sizeof(BlockIQ4_XS) == 136);

}  // namespace qd
