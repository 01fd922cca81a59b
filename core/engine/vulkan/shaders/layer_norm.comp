#version 450
// LayerNorm: out[r][i] = (x[r][i] - mean) / sqrt(variance + eps) * w[i] (+ b[i]), the mean first and then
// the variance of the centred values, as the CPU backend computes them; one work group per row. x and out
// may be the same buffer (BLOOM's embedding norm runs in place).
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) readonly buffer Input { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer Weight { float w[]; };
layout(std430, set = 0, binding = 2) readonly buffer Bias { float b[]; };
layout(std430, set = 0, binding = 3) writeonly buffer Output { float o[]; };
layout(push_constant) uniform Params {
    uint n;        // values per row
    uint xStride;  // floats from one row of x to the next
    uint oStride;
    uint hasBias;
    float eps;
} p;
shared float partial[64];

float rowSum(uint t) {
    barrier();
    for (uint k = 32u; k > 0u; k >>= 1u) {
        if (t < k) partial[t] += partial[t + k];
        barrier();
    }
    const float total = partial[0];
    barrier();  // every thread has read the total before partial is written again
    return total;
}

void main() {
    const uint t = gl_LocalInvocationID.x, xr = gl_WorkGroupID.x * p.xStride, orow = gl_WorkGroupID.x * p.oStride;
    float s = 0.0;
    for (uint i = t; i < p.n; i += 64u) s += x[xr + i];
    partial[t] = s;
    const float mean = rowSum(t) / float(p.n);
    float s2 = 0.0;
    for (uint i = t; i < p.n; i += 64u) {
        const float v = x[xr + i] - mean;
        s2 += v * v;
    }
    partial[t] = s2;
    const float scale = 1.0 / sqrt(rowSum(t) / float(p.n) + p.eps);
    for (uint i = t; i < p.n; i += 64u) {
        const float v = (x[xr + i] - mean) * scale * w[i];
        o[orow + i] = p.hasBias != 0u ? v + b[i] : v;
    }
}
