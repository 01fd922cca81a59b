#version 450
#extension GL_GOOGLE_include_directive : require
// Q5_1: blocks of 32 weights, 24 bytes: F16 scale d and minimum m, 32 fifth bits, 16 bytes of low
// nibbles; weight = d * q + m with q in 0..31.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 24u * c;
    const float d = f16at(base), m = f16at(base + 2u);
    const uint qh = u32at(base + 4u);
    for (uint j = 0u; j < 16u; ++j) {
        const uint q = u8at(base + 8u + j);
        v[j] = float((q & 15u) | (((qh >> j) & 1u) << 4u)) * d + m;
        v[j + 16u] = float((q >> 4u) | (((qh >> (j + 16u)) & 1u) << 4u)) * d + m;
    }
}
