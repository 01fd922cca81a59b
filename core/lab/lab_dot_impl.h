// The lab's dot product, written once over the tier's "levels to floats" and "float dot" steps
// (included by lab_dot.cpp for the scalar tier and by x86/avx2, x86/avx512 with their own steps).
// Not a public header.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "core/lab/block_format.h"
#include "core/quant/fp16.h"

// Everything here has internal linkage: each tier's translation unit is built with its own instruction
// set, and a shared inline function could be linked from the wrong one.
namespace qd::lab::detail {
namespace {

float scaleOf(const BlockFormat& f, const uint8_t* block) {
    if (f.scale == ScaleFormat::F16) {
        uint16_t h;
        std::memcpy(&h, block, 2);
        return halfToFloat(h);
    }
    return std::ldexp(1.0f, int(block[0]) - 127);
}

// Codes of one block from the generic bit stream (widths other than 4, 5 and 8), as floats.
void streamCodes(int bits, int qk, const uint8_t* in, float* out) {
    size_t bit = 0;
    for (int j = 0; j < qk; ++j) {
        uint32_t c = 0;
        for (int b = 0; b < bits; ++b, ++bit) c |= uint32_t((in[bit / 8] >> (bit % 8)) & 1u) << b;
        out[j] = float(c);
    }
}

// Tier: struct with static void codes4(const uint8_t* qs, int qk, float* out) (nibble pairs j, j + qk/2),
// static void codes8(const uint8_t* in, int qk, bool isSigned, float* out), static float dot(const float* a,
// const float* b, int n) and static float sum(const float* a, int n).
template <typename Tier>
float labDotGeneric(const BlockFormat& format, const uint8_t* row, const float* a, int64_t n) {
    const int qk = format.qkFor(n);
    BlockFormat f = format;
    f.qk = qk;
    const size_t bb = f.blockBytes();
    const size_t scaleBytes = f.scale == ScaleFormat::F16 ? 2 : 1;
    const size_t header = scaleBytes + (f.family == Family::Asymmetric ? 2 : 0);
    const bool symmetric = f.family == Family::Symmetric;
    const float bias = f.bits == 8 ? 0.0f : float(1 << (f.bits - 1));
    thread_local std::vector<float> codes, padded;
    codes.resize(size_t(qk));
    double total = 0.0;
    for (int64_t at = 0; at < n; at += qk, row += bb) {
        const int count = int(std::min<int64_t>(qk, n - at));
        const float d = scaleOf(f, row);
        float m = 0.0f;
        if (!symmetric) {
            uint16_t h;
            std::memcpy(&h, row + scaleBytes, 2);
            m = halfToFloat(h);
        }
        const uint8_t* levels = row + header;
        if (f.bits == 4) {
            Tier::codes4(levels, qk, codes.data());
        } else if (f.bits == 5) {
            Tier::codes4(levels + (size_t(qk) + 7) / 8, qk, codes.data());
            for (int j = 0; j < qk; ++j) codes[size_t(j)] += float(((levels[j / 8] >> (j % 8)) & 1u) << 4);
        } else if (f.bits == 8) {
            Tier::codes8(levels, qk, symmetric, codes.data());
        } else {
            streamCodes(f.bits, qk, levels, codes.data());
        }
        const float* act = a + at;
        if (count < qk) {  // the padded last block: activations past the row are zero
            padded.assign(size_t(qk), 0.0f);
            std::memcpy(padded.data(), act, size_t(count) * sizeof(float));
            act = padded.data();
        }
        const float dot = Tier::dot(codes.data(), act, qk);
        if (symmetric) total += double(d) * (double(dot) - double(bias) * double(Tier::sum(act, qk)));
        else total += double(d) * double(dot) + double(m) * double(Tier::sum(act, qk));
    }
    return float(total);
}

}  // namespace
}  // namespace qd::lab::detail
