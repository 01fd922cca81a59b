#version 450
#extension GL_GOOGLE_include_directive : require
// Q4_0: blocks of 32 weights, 18 bytes: an F16 scale d, then 16 bytes whose low nibbles are weights
// 0..15 and high nibbles weights 16..31, each stored as q + 8; weight = d * q.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 18u * c;
    const float d = f16at(base);
    for (uint j = 0u; j < 16u; ++j) {
        const uint q = u8at(base + 2u + j);
        v[j] = d * float(int(q & 15u) - 8);
        v[j + 16u] = d * float(int(q >> 4u) - 8);
    }
}
