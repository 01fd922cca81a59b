#version 450
// a[r][i] += bias[i] for rows r (the dispatch's y) of `stride` floats, i < n.
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) buffer A { float a[]; };
layout(std430, set = 0, binding = 1) readonly buffer Bias { float b[]; };
layout(push_constant) uniform Params { uint n; uint stride; } p;

void main() {
    const uint i = gl_GlobalInvocationID.x;
    if (i < p.n) a[gl_WorkGroupID.y * p.stride + i] += b[i];
}
