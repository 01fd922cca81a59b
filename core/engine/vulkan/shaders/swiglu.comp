#version 450
// out[r][i] = silu(gate[r][i]) * up[r][i] for rows r and i < n. For a fused projection [gate | up]
// the same buffer is bound as gate and up, with up starting n values into each row.
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) readonly buffer Gate { float g[]; };
layout(std430, set = 0, binding = 1) readonly buffer Up { float u[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Output { float o[]; };
layout(push_constant) uniform Params {
    uint n;
    uint gateStride;
    uint upStride;
    uint upOffset;  // where up starts in its row (n for a fused projection, else 0)
    uint oStride;
} p;

void main() {
    const uint i = gl_GlobalInvocationID.x, r = gl_WorkGroupID.y;
    if (i >= p.n) return;
    const float gv = g[r * p.gateStride + i];
    o[r * p.oStride + i] = gv / (1.0 + exp(-gv)) * u[r * p.upStride + p.upOffset + i];
}
