#version 450
#extension GL_GOOGLE_include_directive : require
// Q5_K: super-blocks of 256 weights, 176 bytes: F16 d and dmin, 12 bytes of scales and minimums as in
// Q4_K, 32 bytes of fifth bits (bit s of byte l for weight l of sub-block s), then 128 bytes of low
// nibbles laid out as Q4_K's; weight = d * scale_s * q - dmin * min_s with q in 0..31.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 176u * (c >> 3u), s = c & 7u;
    float scale, mn;
    scaleMinK4(base + 4u, s, scale, mn);
    const float dl = f16at(base) * scale, ml = f16at(base + 2u) * mn;
    const uint qs = base + 48u + 32u * (s >> 1u), shift = (s & 1u) * 4u;
    for (uint l = 0u; l < 32u; ++l) {
        const uint q = ((u8at(qs + l) >> shift) & 15u) | (((u8at(base + 16u + l) >> s) & 1u) << 4u);
        v[l] = dl * float(q) - ml;
    }
}
