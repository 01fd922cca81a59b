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

// `bits` bits at bit position `bit` of a little-endian bit stream (block_format.h), advancing it.
uint32_t readBits(const uint8_t* in, size_t& bit, int bits) {
    uint32_t v = 0;
    for (int b = 0; b < bits; ++b, ++bit) v |= uint32_t((in[bit / 8] >> (bit % 8)) & 1u) << b;
    return v;
}

// Codes of one block from the generic bit stream (widths other than 4, 5 and 8), as floats.
void streamCodes(int bits, int qk, const uint8_t* in, float* out) {
    size_t bit = 0;
    for (int j = 0; j < qk; ++j) out[j] = float(readBits(in, bit, bits));
}

// Levels of one type-1 style block of qk codes at `bits` (the layout of block_format.h), as floats.
template <typename Tier>
void levelsOf(int bits, int qk, bool isSigned, const uint8_t* levels, float* codes) {
    if (bits == 4) {
        Tier::codes4(levels, qk, codes);
    } else if (bits == 5) {
        Tier::codes4(levels + (size_t(qk) + 7) / 8, qk, codes);
        for (int j = 0; j < qk; ++j) codes[size_t(j)] += float(((levels[j / 8] >> (j % 8)) & 1u) << 4);
    } else if (bits == 8) {
        Tier::codes8(levels, qk, isSigned, codes);
    } else {
        streamCodes(bits, qk, levels, codes);
    }
}

// K-style: per super-block d and dmin, the sub-blocks' codes, then d * sc * sum(level * a) - dmin * m * sum(a)
// per sub-block.
template <typename Tier>
float kStyleDot(const BlockFormat& f, const uint8_t* row, const float* a, int64_t n) {
    const int qk = f.qk, sb = f.superBlock, subs = sb / qk;
    const size_t codeBytes = f.subScaleCodeBytes();
    const size_t subBytes = f.subBlockLevelBytes();
    const size_t bb = f.blockBytes();
    thread_local std::vector<float> codes, padded;
    codes.resize(size_t(qk));
    double total = 0.0;
    for (int64_t at = 0; at < n; at += sb, row += bb) {
        const float* act = a + at;
        const int64_t count = std::min<int64_t>(sb, n - at);
        if (count < sb) {  // the padded last super-block
            padded.assign(size_t(sb), 0.0f);
            std::memcpy(padded.data(), act, size_t(count) * sizeof(float));
            act = padded.data();
        }
        uint16_t dh, mh;
        std::memcpy(&dh, row, 2);
        std::memcpy(&mh, row + 2, 2);
        const float d = halfToFloat(dh), dmin = halfToFloat(mh);
        const uint8_t* sub = row + 4;
        const uint8_t* levels = sub + codeBytes;
        size_t bit = 0;
        float scaled = 0.0f, offset = 0.0f;
        for (int s = 0; s < subs; ++s) {
            const uint32_t sc = readBits(sub, bit, f.subScaleBits);
            const uint32_t m = readBits(sub, bit, f.subScaleBits);
            levelsOf<Tier>(f.bits, qk, false, levels + size_t(s) * subBytes, codes.data());
            const float* as = act + size_t(s) * size_t(qk);
            scaled += float(sc) * Tier::dot(codes.data(), as, qk);
            offset += float(m) * Tier::sum(as, qk);
        }
        total += double(d) * double(scaled) - double(dmin) * double(offset);
    }
    return float(total);
}

// Tier: struct with static void codes4(const uint8_t* qs, int qk, float* out) (nibble pairs j, j + qk/2),
// static void codebook4(const uint8_t* qs, int qk, const float* table, float* out) (the same pairs looked up
// in a 16-value table), static void codes8(const uint8_t* in, int qk, bool isSigned, float* out), static
// float dot(const float* a, const float* b, int n) and static float sum(const float* a, int n).
template <typename Tier>
float labDotGeneric(const BlockFormat& format, const uint8_t* row, const float* a, int64_t n) {
    const int qk = format.qkFor(n);
    BlockFormat f = format;
    f.qk = qk;
    if (f.family == Family::KStyle) return kStyleDot<Tier>(f, row, a, n);
    const bool codebook = f.family == Family::Codebook;
    const float* table = codebook ? codebookValues(f.codebook) : nullptr;
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
        if (codebook) Tier::codebook4(levels, qk, table, codes.data());
        else levelsOf<Tier>(f.bits, qk, symmetric, levels, codes.data());
        const float* act = a + at;
        if (count < qk) {  // the padded last block: activations past the row are zero
            padded.assign(size_t(qk), 0.0f);
            std::memcpy(padded.data(), act, size_t(count) * sizeof(float));
            act = padded.data();
        }
        const float dot = Tier::dot(codes.data(), act, qk);
        if (codebook) total += double(d) * double(dot);
        else if (symmetric) total += double(d) * (double(dot) - double(bias) * double(Tier::sum(act, qk)));
        else total += double(d) * double(dot) + double(m) * double(Tier::sum(act, qk));
    }
    return float(total);
}

}  // namespace
}  // namespace qd::lab::detail
