#version 450
#extension GL_GOOGLE_include_directive : require
// Q3_K: super-blocks of 256 weights, 110 bytes: 32 bytes of high bits (hmask), 64 bytes of low 2-bit
// pairs, 12 bytes packing sixteen 6-bit scales (stored + 32), then an F16 d. Chunk s of a super-block is
// half h = s / 4 and pair j = s % 4 of bytes 32 h ..; its high bit is bit 4 h + j of hmask[l]; a clear
// high bit means q - 4. Scale i: low nibble of byte i (i < 8) or high nibble of byte i - 8, with bits
// 2 (i / 4) .. of byte 8 + i % 4 on top; weight = d * (scale - 32) * q.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 110u * (c >> 3u), s = c & 7u, h = s >> 2u, j = s & 3u;
    const uint scb = base + 96u;
    const float d = f16at(base + 108u);
    for (uint half16 = 0u; half16 < 2u; ++half16) {
        const uint i = 8u * h + 2u * j + half16;
        const uint low = i < 8u ? (u8at(scb + i) & 15u) : (u8at(scb + i - 8u) >> 4u);
        const uint high = (u8at(scb + 8u + (i & 3u)) >> (2u * (i >> 2u))) & 3u;
        const float dl = d * float(int(low | (high << 4u)) - 32);
        for (uint l = 16u * half16; l < 16u * half16 + 16u; ++l) {
            const int q = int((u8at(base + 32u + 32u * h + l) >> (2u * j)) & 3u);
            const bool hi = ((u8at(base + l) >> (4u * h + j)) & 1u) != 0u;
            v[l] = dl * float(q - (hi ? 0 : 4));
        }
    }
}
