#version 450
#extension GL_GOOGLE_include_directive : require
// Q8_0: blocks of 32 weights, 34 bytes: an F16 scale d, then 32 signed bytes q; weight = d * q.
#define CHUNK 32u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) {
    const uint base = rowBase + 34u * c;
    const float d = f16at(base);
    for (uint j = 0u; j < 32u; ++j) v[j] = d * float(i8at(base + 2u + j));
}
