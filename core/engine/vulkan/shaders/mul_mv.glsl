// Matrix times vectors: y[t][r] = sum over c of W[r][c] * x[t][c], with W in a GGUF weight type.
// One work group per weight row (rows spread over x and y of the dispatch, so counts past 65,535 fit)
// and per tile of up to TILE tokens (z). Its threads each decode a share of the row's chunks, once per
// tile, and multiply each decoded chunk by every token of the tile; then they add their sums in shared
// memory. A prompt batch so reads and decodes each weight once per TILE tokens, not once per token.
//
// The variant file defines CHUNK (weights decoded at a time: every row width its type allows is a
// multiple of it) and then, after including this file,
//   void decode(uint rowBase, uint c, out float v[CHUNK])
// which writes the weights of chunk c of the row whose first byte is at rowBase.

#define TILE 8u

layout(local_size_x = 64) in;

layout(std430, set = 0, binding = 0) readonly buffer Weights { uint w[]; };
layout(std430, set = 0, binding = 1) readonly buffer Input { float x[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Output { float y[]; };

layout(push_constant) uniform Params {
    uint rows;      // weight rows: outputs per token
    uint cols;      // weight columns: inputs per token
    uint rowBytes;  // bytes of one weight row
    uint xStride;   // floats from one token's input to the next
    uint yStride;   // floats from one token's output to the next
    uint rowOffset; // the first row's index in y (a weight bound in parts: rows past the device's range)
    uint xOffset;   // floats before the first token's input
    uint tokens;    // tokens in the batch
} p;

#include "common.glsl"

shared float partial[TILE][64];

void decode(uint rowBase, uint c, out float v[CHUNK]);

void main() {
    const uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (row >= p.rows) return;  // the whole group leaves together
    const uint t = gl_LocalInvocationID.x;
    const uint tok0 = gl_WorkGroupID.z * TILE;
    const uint nt = min(TILE, p.tokens - tok0);
    float acc[TILE];
    for (uint k = 0u; k < TILE; ++k) acc[k] = 0.0;
    float v[CHUNK];
    const uint chunks = p.cols / CHUNK;
    for (uint c = t; c < chunks; c += 64u) {
        decode(row * p.rowBytes, c, v);
        for (uint k = 0u; k < TILE; ++k) {
            if (k >= nt) break;
            const uint xb = p.xOffset + (tok0 + k) * p.xStride + c * CHUNK;
            float s = 0.0;
            for (uint j = 0u; j < CHUNK; ++j) s += v[j] * x[xb + j];
            acc[k] += s;
        }
    }
    for (uint k = 0u; k < TILE; ++k) partial[k][t] = acc[k];
    barrier();
    for (uint s = 32u; s > 0u; s >>= 1u) {
        if (t < s)
            for (uint k = 0u; k < TILE; ++k) partial[k][t] += partial[k][t + s];
        barrier();
    }
    if (t < nt) y[(tok0 + t) * p.yStride + p.rowOffset + row] = partial[t][0];
}
