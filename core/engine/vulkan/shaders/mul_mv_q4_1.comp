#version 450
#extension GL_GOOGLE_include_directive : require
// Q4_1: blocks of 32 weights, 20 bytes: F16 scale d and minimum m, then 16 bytes of nibbles laid out as
// Q4_0's (low: weights 0..15, high: 16..31); weight = d * q + m.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 20u * c;
    const float d = f16at(base), m = f16at(base + 2u);
    for (uint j = 0u; j < 16u; ++j) {
        const uint q = u8at(base + 4u + j);
        v[j] = float(q & 15u) * d + m;
        v[j + 16u] = float(q >> 4u) * d + m;
    }
}
