// Matrix times vectors: y[t][r] = sum over c of W[r][c] * x[t][c], with W in a GGUF weight type.
// One work group per weight row (rows spread over x and y of the dispatch, so counts past 65,535 fit)
// and token (z); its threads each sum a share of the row's blocks, then add their sums in shared memory.
// The variant file defines ROW_DOT(rowBase, xBase, thread) for its type before including this.

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
} p;

#include "common.glsl"

shared float partial[64];

float rowDot(uint rowBase, uint xBase, uint t);

void main() {
    const uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (row >= p.rows) return;  // the whole group leaves together
    const uint t = gl_LocalInvocationID.x;
    const uint token = gl_WorkGroupID.z;
    partial[t] = rowDot(row * p.rowBytes, p.xOffset + token * p.xStride, t);
    barrier();
    for (uint s = 32u; s > 0u; s >>= 1u) {
        if (t < s) partial[t] += partial[t + s];
        barrier();
    }
    if (t == 0u) y[token * p.yStride + p.rowOffset + row] = partial[0];
}
