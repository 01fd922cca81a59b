#version 450
// Causal attention over the F16 cache for n query tokens at positions pos0 .. pos0 + n - 1: one work
// group per (query head, token). Token t sees keys 0 .. pos0 + t. The keys are taken 64 at a time: each
// thread scores one key, the chunk's maximum and sum update a running softmax (the weights so far are
// rescaled when the maximum grows), and each thread accumulates its share of the head's dimensions.
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) readonly buffer Query { float q[]; };
layout(std430, set = 0, binding = 1) readonly buffer KeyCache { uint kc[]; };
layout(std430, set = 0, binding = 2) readonly buffer ValueCache { uint vc[]; };
layout(std430, set = 0, binding = 3) writeonly buffer Output { float o[]; };
layout(std430, set = 0, binding = 4) readonly buffer Slopes { float slopes[]; };
layout(push_constant) uniform Params {
    uint nHead;
    uint nKv;
    uint headDim;  // at most 256, even
    uint pos0;
    uint qStride;  // floats from one token's queries to the next
    uint oStride;
    uint kvDim;    // nKv * headDim: halves per cache row
    uint alibi;    // 1: add slopes[head] * -(distance) to each score
    float scale;   // 1 / sqrt(headDim)
} p;

shared float qs[256];
shared float weight[64];
shared float reduce[64];

float cacheAt(uint word, uint odd, bool values) {
    const vec2 pair = unpackHalf2x16(values ? vc[word] : kc[word]);
    return odd != 0u ? pair.y : pair.x;
}

void main() {
    const uint head = gl_WorkGroupID.x, token = gl_WorkGroupID.y, t = gl_LocalInvocationID.x;
    const uint kvHead = head / (p.nHead / p.nKv);
    const uint qBase = token * p.qStride + head * p.headDim;
    for (uint d = t; d < p.headDim; d += 64u) qs[d] = q[qBase + d];
    barrier();

    const uint keys = p.pos0 + token + 1u;
    const float negInf = uintBitsToFloat(0xff800000u);
    float runMax = negInf, runSum = 0.0;
    float acc[4] = float[4](0.0, 0.0, 0.0, 0.0);
    for (uint c0 = 0u; c0 < keys; c0 += 64u) {
        const uint j = c0 + t;
        float s = negInf;
        if (j < keys) {
            const uint row = j * p.kvDim + kvHead * p.headDim;  // even
            float dotv = 0.0;
            for (uint d = 0u; d < p.headDim; d += 2u) {
                const vec2 kk = unpackHalf2x16(kc[(row + d) / 2u]);
                dotv += qs[d] * kk.x + qs[d + 1u] * kk.y;
            }
            s = dotv * p.scale;
            if (p.alibi != 0u) s += slopes[head] * -float(keys - 1u - j);
        }
        reduce[t] = s;
        barrier();
        for (uint k = 32u; k > 0u; k >>= 1u) {
            if (t < k) reduce[t] = max(reduce[t], reduce[t + k]);
            barrier();
        }
        const float newMax = max(runMax, reduce[0]);
        barrier();
        const float e = j < keys ? exp(s - newMax) : 0.0;
        weight[t] = e;
        reduce[t] = e;
        barrier();
        for (uint k = 32u; k > 0u; k >>= 1u) {
            if (t < k) reduce[t] += reduce[t + k];
            barrier();
        }
        const float rescale = exp(runMax - newMax);
        runSum = runSum * rescale + reduce[0];
        const uint inChunk = min(64u, keys - c0);
        for (uint a = 0u; a < 4u; ++a) {
            const uint d = t + 64u * a;
            if (d >= p.headDim) break;
            float sum = acc[a] * rescale;
            for (uint jj = 0u; jj < inChunk; ++jj) {
                const uint e2 = (c0 + jj) * p.kvDim + kvHead * p.headDim + d;
                sum += weight[jj] * cacheAt(e2 / 2u, e2 & 1u, true);
            }
            acc[a] = sum;
        }
        runMax = newMax;
        barrier();
    }
    for (uint a = 0u; a < 4u; ++a) {
        const uint d = t + 64u * a;
        if (d < p.headDim) o[token * p.oStride + head * p.headDim + d] = acc[a] / runSum;
    }
}
