#version 450
#extension GL_GOOGLE_include_directive : require
// Q4_0: blocks of 32 weights, 18 bytes: an F16 scale d, then 16 bytes whose low nibbles are weights
// 0..15 and high nibbles weights 16..31, each stored as q + 8; weight = d * q.
#include "mul_mv.glsl"

float rowDot(uint rowBase, uint xBase, uint t) {
    float acc = 0.0;
    const uint blocks = p.cols / 32u;
    for (uint b = t; b < blocks; b += 64u) {
        const uint base = rowBase + 18u * b;
        const uint xb = xBase + 32u * b;
        float s = 0.0;
        for (uint j = 0u; j < 16u; ++j) {
            const uint q = u8at(base + 2u + j);
            s += float(int(q & 15u) - 8) * x[xb + j] + float(int(q >> 4u) - 8) * x[xb + 16u + j];
        }
        acc += f16at(base) * s;
    }
    return acc;
}
