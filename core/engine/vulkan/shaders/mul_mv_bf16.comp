#version 450
#extension GL_GOOGLE_include_directive : require
// BF16 weights: the top 16 bits of an F32.
#define CHUNK 1u
#include "mul_mv.glsl"

void decode(uint rowBase, uint c, out float v[CHUNK]) { v[0] = uintBitsToFloat(u16at(rowBase + 2u * c) << 16u); }
