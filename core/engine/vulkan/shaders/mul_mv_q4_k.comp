#version 450
#extension GL_GOOGLE_include_directive : require
// Q4_K: super-blocks of 256 weights, 144 bytes: F16 d and dmin, 12 bytes packing eight 6-bit scales and
// eight 6-bit minimums, then 128 bytes of 4-bit weights. Sub-block s (32 weights) is the low nibbles
// (s even) or high nibbles (s odd) of bytes 32 * (s / 2) ..; weight = d * scale_s * q - dmin * min_s.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 144u * (c >> 3u), s = c & 7u;
    float scale, mn;
    scaleMinK4(base + 4u, s, scale, mn);
    const float dl = f16at(base) * scale, ml = f16at(base + 2u) * mn;
    const uint qs = base + 16u + 32u * (s >> 1u), shift = (s & 1u) * 4u;
    for (uint l = 0u; l < 32u; ++l) v[l] = dl * float((u8at(qs + l) >> shift) & 15u) - ml;
}
