#version 450
// out[r][i] = x[r][i] / sqrt(mean over i of x[r][i]^2 + eps) * w[i]; one work group per row.
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) readonly buffer Input { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer Weight { float w[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Output { float o[]; };
layout(push_constant) uniform Params {
    uint n;        // values per row
    uint xStride;  // floats from one row of x to the next
    uint oStride;
    float eps;
} p;
shared float partial[64];

void main() {
    const uint t = gl_LocalInvocationID.x, xr = gl_WorkGroupID.x * p.xStride, orow = gl_WorkGroupID.x * p.oStride;
    float s = 0.0;
    for (uint i = t; i < p.n; i += 64u) s += x[xr + i] * x[xr + i];
    partial[t] = s;
    barrier();
    for (uint k = 32u; k > 0u; k >>= 1u) {
        if (t < k) partial[t] += partial[t + k];
        barrier();
    }
    const float scale = 1.0 / sqrt(partial[0] / float(p.n) + p.eps);
    for (uint i = t; i < p.n; i += 64u) o[orow + i] = x[xr + i] * scale * w[i];
}
