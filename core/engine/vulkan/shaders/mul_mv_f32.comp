#version 450
#extension GL_GOOGLE_include_directive : require
// F32 weights.
#include "mul_mv.glsl"

float rowDot(uint rowBase, uint xBase, uint t) {
    float acc = 0.0;
    for (uint c = t; c < p.cols; c += 64u) acc += uintBitsToFloat(w[(rowBase >> 2) + c]) * x[xBase + c];
    return acc;
}
