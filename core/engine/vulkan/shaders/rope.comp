#version 450
// Rotary embedding in place, for nHeads heads of headDim values per token, tokens at positions pos0,
// pos0 + 1, ...: pair i of each head (elements 2i and 2i + 1 interleaved, i and i + ropeDim / 2 in the
// NEOX layout) turns by pos * freqScale * thetaScale^i / factor_i. The power is the running float
// product the CPU backend and ggml use, so the angles agree with theirs.
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) buffer Vec { float v[]; };
layout(std430, set = 0, binding = 1) readonly buffer Factors { float ff[]; };
layout(push_constant) uniform Params {
    uint nHeads;
    uint headDim;
    uint ropeDim;
    uint pos0;
    uint rowStride;   // floats from one token's vectors to the next
    uint neox;        // 1: NEOX layout, 0: interleaved pairs
    uint hasFactors;  // 1: divide each pair's angle by ff[i] (Llama 3's frequency factors)
    float thetaScale;
    float freqScale;
} p;

void main() {
    const uint halfDim = p.ropeDim / 2u;
    const uint idx = gl_GlobalInvocationID.x, token = gl_WorkGroupID.y;
    if (idx >= halfDim * p.nHeads) return;
    const uint head = idx / halfDim, i = idx % halfDim;
    float running = float(p.pos0 + token);
    for (uint k = 0u; k < i; ++k) running *= p.thetaScale;
    const float theta = p.freqScale * (running / (p.hasFactors != 0u ? ff[i] : 1.0));
    const float cs = cos(theta), sn = sin(theta);
    const uint base = token * p.rowStride + head * p.headDim;
    const uint a = base + (p.neox != 0u ? i : 2u * i);
    const uint b = base + (p.neox != 0u ? i + halfDim : 2u * i + 1u);
    const float x0 = v[a], x1 = v[b];
    v[a] = x0 * cs - x1 * sn;
    v[b] = x0 * sn + x1 * cs;
}
