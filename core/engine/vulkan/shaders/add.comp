#version 450
// a[i] += b[i] for i < count (the residual stream and a block's output).
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) buffer A { float a[]; };
layout(std430, set = 0, binding = 1) readonly buffer B { float b[]; };
layout(push_constant) uniform Params { uint count; } p;

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
    if (i < p.count) a[i] += b[i];
}
