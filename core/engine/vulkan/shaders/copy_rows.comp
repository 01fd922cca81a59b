#version 450
// o[r][i] = a[r][offset + i], i < n, for rows r (the dispatch's y): splits a fused Q/K/V projection's
// rows [q | k | v] into the separate buffers the rotary and attention kernels read.
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) readonly buffer A { float a[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Output { float o[]; };
layout(push_constant) uniform Params { uint n; uint aStride; uint offset; uint oStride; } p;

void main() {
    const uint i = gl_GlobalInvocationID.x, r = gl_WorkGroupID.y;
    if (i < p.n) o[r * p.oStride + i] = a[r * p.aStride + p.offset + i];
}
