#version 450
// Keys and values of n tokens into the layer's F16 cache at positions pos0 .. pos0 + n - 1. Both caches
// are [context][kvDim] halves, two to a 32-bit word; one invocation writes one word of each.
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) readonly buffer Keys { float k[]; };
layout(std430, set = 0, binding = 1) readonly buffer Values { float v[]; };
layout(std430, set = 0, binding = 2) buffer KeyCache { uint kc[]; };
layout(std430, set = 0, binding = 3) buffer ValueCache { uint vc[]; };
layout(push_constant) uniform Params {
    uint kvDim;  // even
    uint pos0;
    uint kStride;
    uint vStride;
} p;

void main() {
    const uint pair = gl_GlobalInvocationID.x, token = gl_WorkGroupID.y;
    if (2u * pair >= p.kvDim) return;
    const uint src = 2u * pair;
    const uint dst = ((p.pos0 + token) * p.kvDim) / 2u + pair;
    kc[dst] = packHalf2x16(vec2(k[token * p.kStride + src], k[token * p.kStride + src + 1u]));
    vc[dst] = packHalf2x16(vec2(v[token * p.vStride + src], v[token * p.vStride + src + 1u]));
}
