#version 450
#extension GL_GOOGLE_include_directive : require
// Q6_K: super-blocks of 256 weights, 210 bytes: 128 bytes of low 4 bits (ql), 64 bytes of high 2 bits
// (qh), sixteen signed 8-bit scales, then the F16 d. Chunk s of a super-block is quarter j = s % 4 of
// half h = s / 4: weight l < 32 of it is the low (j < 2) or high nibble of ql[64 h + 32 (j % 2) + l]
// with bit pair j of qh[32 h + l] on top, stored as q + 32; its scale is sc[8 h + 2 j + l / 16];
// weight = d * scale * q.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 210u * (c >> 3u), s = c & 7u, h = s >> 2u, j = s & 3u;
    const float d = f16at(base + 208u);
    const uint ql = base + 64u * h + 32u * (j & 1u), qh = base + 128u + 32u * h, shift = (j >> 1u) * 4u;
    for (uint l = 0u; l < 32u; ++l) {
        const int q = int(((u8at(ql + l) >> shift) & 15u) | (((u8at(qh + l) >> (2u * j)) & 3u) << 4u)) - 32;
        v[l] = d * float(i8at(base + 192u + 8u * h + 2u * j + (l >> 4u))) * float(q);
    }
}
