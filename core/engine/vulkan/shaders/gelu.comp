#version 450
// GELU (tanh approximation) in place on a[r][i], i < n, for rows r (the dispatch's y) of `stride` floats.
// Like the CPU backend's table: the input rounded to half, the result rounded to half, 0 at or below -10
// and x itself from 10 on.
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) buffer A { float a[]; };
layout(push_constant) uniform Params { uint n; uint stride; } p;

float toHalf(float v) { return unpackHalf2x16(packHalf2x16(vec2(v, 0.0))).x; }

void main() {
    const uint i = gl_GlobalInvocationID.x;
    if (i >= p.n) return;
    const uint at = gl_WorkGroupID.y * p.stride + i;
    const float x = a[at];
    if (x <= -10.0) {
        a[at] = 0.0;
    } else if (x < 10.0) {
        const float h = toHalf(x);
        const float inner = fma(0.044715 * h, h, 1.0);
        a[at] = toHalf(0.5 * h * (1.0 + tanh(0.79788456080286535587989211986876 * h * inner)));
    }
}
