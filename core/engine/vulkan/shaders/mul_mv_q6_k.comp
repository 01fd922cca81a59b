#version 450
#extension GL_GOOGLE_include_directive : require
// Q6_K: super-blocks of 256 weights, 210 bytes: 128 bytes of low 4 bits (ql), 64 bytes of high 2 bits
// (qh), sixteen signed 8-bit scales, then the F16 d. In each half (128 weights) of the block, position l
// < 32 carries four weights: l, l + 32, l + 64, l + 96 (low nibble of ql[l], of ql[l + 32], high nibble
// of ql[l], of ql[l + 32], with bit pairs 0, 2, 4, 6 of qh[l] on top); weight = d * scale * (q - 32).
#include "mul_mv.glsl"

float rowDot(uint rowBase, uint xBase, uint t) {
    float acc = 0.0;
    const uint blocks = p.cols / 256u;
    for (uint b = t; b < blocks; b += 64u) {
        const uint base = rowBase + 210u * b;
        const float d = f16at(base + 208u);
        for (uint h = 0u; h < 2u; ++h) {
            const uint ql = base + 64u * h, qh = base + 128u + 32u * h, sc = base + 192u + 8u * h;
            const uint xh = xBase + 256u * b + 128u * h;
            float sum = 0.0;
            for (uint l = 0u; l < 32u; ++l) {
                const uint lo0 = u8at(ql + l), lo1 = u8at(ql + l + 32u), hi = u8at(qh + l);
                const uint is = l / 16u;
                const int q1 = int((lo0 & 15u) | ((hi & 3u) << 4u)) - 32;
                const int q2 = int((lo1 & 15u) | (((hi >> 2u) & 3u) << 4u)) - 32;
                const int q3 = int((lo0 >> 4u) | (((hi >> 4u) & 3u) << 4u)) - 32;
                const int q4 = int((lo1 >> 4u) | (((hi >> 6u) & 3u) << 4u)) - 32;
                sum += float(i8at(sc + is)) * float(q1) * x[xh + l] + float(i8at(sc + is + 2u)) * float(q2) * x[xh + l + 32u] +
                       float(i8at(sc + is + 4u)) * float(q3) * x[xh + l + 64u] + float(i8at(sc + is + 6u)) * float(q4) * x[xh + l + 96u];
            }
            acc += d * sum;
        }
    }
    return acc;
}
