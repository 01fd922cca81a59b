#version 450
#extension GL_GOOGLE_include_directive : require
// IQ4_XS: super-blocks of 256 weights, 136 bytes: an F16 d, 16 bits holding the top 2 bits of eight
// 6-bit sub-block scales, 4 bytes holding their low nibbles (sub-block s: nibble s % 2 of byte s / 2),
// then 128 bytes: sub-block s's 16 bytes of IQ4_NL nibbles; weight = d * (scale - 32) * level.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 136u * (c >> 3u), s = c & 7u;
    const uint ls = ((u8at(base + 4u + (s >> 1u)) >> (4u * (s & 1u))) & 15u) | (((u16at(base + 2u) >> (2u * s)) & 3u) << 4u);
    const float dl = f16at(base) * float(int(ls) - 32);
    const uint qs = base + 8u + 16u * s;
    for (uint j = 0u; j < 16u; ++j) {
        const uint q = u8at(qs + j);
        v[j] = dl * kIq4Levels[q & 15u];
        v[j + 16u] = dl * kIq4Levels[q >> 4u];
    }
}
