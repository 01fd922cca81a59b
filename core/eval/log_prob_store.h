// Base-model log-probabilities kept on disk, so KL divergence of many variants needs the base model
// to run only once.
//
// File layout (little-endian), written through AtomicFileWriter:
//   magic "QDLP" | version u32 = 1 | vocab u32 | context u32 | chunks u32 | scored per chunk u32
//   tokens: chunks * context i32 (the evaluated tokens, BOS already substituted)
//   per scored position: scale f32 | minLogProb f32 | vocab x u16
// A position's log-probabilities are minLogProb + scale * q, with q over [0, 65535] spanning the
// 16 nats below the most likely token (lower values clamp to the bottom). That is 2 bytes per
// vocabulary entry instead of 4, and more precision than KL divergence needs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "core/common/atomic_file.h"
#include "core/common/mapped_file.h"
#include "core/common/result.h"

namespace qd {

struct LogProbHeader {
    uint32_t vocab = 0;
    uint32_t context = 0;
    uint32_t chunks = 0;
    uint32_t scoredPerChunk = 0;
};

class LogProbWriter {
public:
    Status open(const std::filesystem::path& path, const LogProbHeader& header, std::span<const int32_t> tokens);
    // Appends one position from its raw logits (vocab floats).
    Status add(const float* logits);
    Status commit();

private:
    AtomicFileWriter m_out;
    LogProbHeader m_header;
    std::vector<uint16_t> m_row;
    uint64_t m_rows = 0;
};

class LogProbReader {
public:
    static Result<LogProbReader> open(const std::filesystem::path& path);
    const LogProbHeader& header() const { return m_header; }
    std::span<const int32_t> tokens() const { return m_tokens; }
    uint64_t positions() const { return m_positions; }
    // Log-probabilities of scored position `i` (chunk-major) into `out` (vocab floats); false when i is
    // not a position of the file.
    bool logProbs(uint64_t i, float* out) const;

private:
    MappedFile m_map;
    LogProbHeader m_header;
    std::span<const int32_t> m_tokens;
    const uint8_t* m_rows = nullptr;
    size_t m_rowBytes = 0;
    uint64_t m_positions = 0;
};

// Fills `logProbs` with log-softmax of `logits`; returns the index of the largest.
int logSoftmax(const float* logits, int n, float* logProbs);

}  // namespace qd
