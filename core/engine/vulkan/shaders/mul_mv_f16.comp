#version 450
#extension GL_GOOGLE_include_directive : require
// F16 weights.
#define CHUNK 1u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) { v[0] = f16at(rowBase + 2u * c); }
