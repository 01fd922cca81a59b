#version 450
#extension GL_GOOGLE_include_directive : require
// IQ4_NL: blocks of 32 weights, 18 bytes: an F16 scale d, then 16 bytes of nibbles laid out as Q4_0's,
// each an index into sixteen non-uniform levels; weight = d * level.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 18u * c;
    const float d = f16at(base);
    for (uint j = 0u; j < 16u; ++j) {
        const uint q = u8at(base + 2u + j);
        v[j] = d * kIq4Levels[q & 15u];
        v[j + 16u] = d * kIq4Levels[q >> 4u];
    }
}
