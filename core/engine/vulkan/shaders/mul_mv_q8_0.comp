#version 450
#extension GL_GOOGLE_include_directive : require
// Q8_0: blocks of 32 weights, 34 bytes: an F16 scale d, then 32 signed bytes q; weight = d * q.
#include "mul_mv.glsl"

float rowDot(uint rowBase, uint xBase, uint t) {
    float acc = 0.0;
    const uint blocks = p.cols / 32u;
    for (uint b = t; b < blocks; b += 64u) {
        const uint base = rowBase + 34u * b;
        const uint xb = xBase + 32u * b;
        float s = 0.0;
        for (uint j = 0u; j < 32u; ++j) s += float(i8at(base + 2u + j)) * x[xb + j];
        acc += f16at(base) * s;
    }
    return acc;
}
