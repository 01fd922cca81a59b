#version 450
#extension GL_GOOGLE_include_directive : require
// Q2_K: super-blocks of 256 weights, 84 bytes: sixteen bytes of 4-bit scale (low) and minimum (high),
// one per 16 weights, then 64 bytes of 2-bit weights, then F16 d and dmin. Chunk s (32 weights) of a
// super-block is half h = s / 4 and bit pair j = s % 4 of bytes 32 h .. 32 h + 31; its two halves use
// scales 8 h + 2 j and 8 h + 2 j + 1; weight = d * scale * q - dmin * min.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 84u * (c >> 3u), s = c & 7u, h = s >> 2u, j = s & 3u;
    const float d = f16at(base + 80u), dmin = f16at(base + 82u);
    for (uint half16 = 0u; half16 < 2u; ++half16) {
        const uint sc = u8at(base + 8u * h + 2u * j + half16);
        const float dl = d * float(sc & 15u), ml = dmin * float(sc >> 4u);
        for (uint l = 16u * half16; l < 16u * half16 + 16u; ++l)
            v[l] = dl * float((u8at(base + 16u + 32u * h + l) >> (2u * j)) & 3u) - ml;
    }
}
