#version 450
#extension GL_GOOGLE_include_directive : require
// Q5_0: blocks of 32 weights, 22 bytes: an F16 scale d, 32 bits of fifth bits (bit j for weight j),
// then 16 bytes of low nibbles as in Q4_0; each weight stored as q + 16; weight = d * q.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 22u * c;
    const float d = f16at(base);
    const uint qh = u32at(base + 2u);
    for (uint j = 0u; j < 16u; ++j) {
        const uint q = u8at(base + 6u + j);
        v[j] = d * float(int((q & 15u) | (((qh >> j) & 1u) << 4u)) - 16);
        v[j + 16u] = d * float(int((q >> 4u) | (((qh >> (j + 16u)) & 1u) << 4u)) - 16);
    }
}
