#version 450
#extension GL_GOOGLE_include_directive : require
// Q4_K: super-blocks of 256 weights, 144 bytes: F16 d and dmin, 12 bytes packing eight 6-bit scales and
// eight 6-bit minimums, then 128 bytes of 4-bit weights. Sub-block s (32 weights) is the low nibbles
// (s even) or high nibbles (s odd) of bytes 32 * (s / 2) ..; weight = d * scale_s * q - dmin * min_s.
#include "mul_mv.glsl"

float rowDot(uint rowBase, uint xBase, uint t) {
    float acc = 0.0;
    const uint blocks = p.cols / 256u;
    for (uint b = t; b < blocks; b += 64u) {
        const uint base = rowBase + 144u * b;
        const uint xb = xBase + 256u * b;
        const float d = f16at(base), dmin = f16at(base + 2u);
        const uint sc = base + 4u;  // the packed scales and minimums
        for (uint s = 0u; s < 8u; ++s) {
            uint scale, mn;
            if (s < 4u) {
                scale = u8at(sc + s) & 63u;
                mn = u8at(sc + s + 4u) & 63u;
            } else {
                scale = (u8at(sc + s + 4u) & 15u) | ((u8at(sc + s - 4u) >> 6u) << 4u);
                mn = (u8at(sc + s + 4u) >> 4u) | ((u8at(sc + s) >> 6u) << 4u);
            }
            const uint qs = base + 16u + 32u * (s >> 1u);
            const uint shift = (s & 1u) * 4u;
            const uint xs = xb + 32u * s;
            float sq = 0.0, sx = 0.0;
            for (uint l = 0u; l < 32u; ++l) {
                const float xv = x[xs + l];
                sq += float((u8at(qs + l) >> shift) & 15u) * xv;
                sx += xv;
            }
            acc += d * float(scale) * sq - dmin * float(mn) * sx;
        }
    }
    return acc;
}
