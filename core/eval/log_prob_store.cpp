#include "core/eval/log_prob_store.h"

#include <cmath>
#include <cstring>

#include "core/common/checked_math.h"
#include "core/model/model_limits.h"

namespace qd {

namespace {

constexpr char kMagic[4] = {'Q', 'D', 'L', 'P'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 4 + 4 * 5;
constexpr float kRange = 16.0f;  // nats kept below the most likely token

}  // namespace

int logSoftmax(const float* logits, int n, float* out) {
    int best = 0;
    for (int i = 1; i < n; ++i)
        if (logits[i] > logits[best]) best = i;
    const float maxLogit = logits[best];
    double sum = 0.0;
    for (int i = 0; i < n; ++i) sum += std::exp(static_cast<double>(logits[i] - maxLogit));
    const float logSum = static_cast<float>(std::log(sum));
    for (int i = 0; i < n; ++i) out[i] = logits[i] - maxLogit - logSum;
    return best;
}

Status LogProbWriter::open(const std::filesystem::path& path, const LogProbHeader& header, std::span<const int32_t> tokens) {
    m_header = header;
    m_rows = 0;
    m_row.resize(header.vocab);
    if (auto s = m_out.open(path); !s) return s;
    uint32_t fields[5] = {kVersion, header.vocab, header.context, header.chunks, header.scoredPerChunk};
    if (auto s = m_out.write(kMagic, 4); !s) return s;
    if (auto s = m_out.write(fields, sizeof fields); !s) return s;
    if (tokens.size() != static_cast<size_t>(header.chunks) * header.context)
        return fail("internal error: token count does not match the log-probability header");
    return m_out.write(tokens.data(), tokens.size_bytes());
}

Status LogProbWriter::add(const float* logits) {
    const int n = static_cast<int>(m_header.vocab);
    float maxLogit = logits[0], minLogit = logits[0];
    for (int i = 1; i < n; ++i) {
        maxLogit = std::max(maxLogit, logits[i]);
        minLogit = std::min(minLogit, logits[i]);
    }
    minLogit = std::max(minLogit, maxLogit - kRange);
    double sum = 0.0;
    for (int i = 0; i < n; ++i) sum += std::exp(static_cast<double>(logits[i] - maxLogit));
    const float logSum = static_cast<float>(std::log(sum));
    const float minLogProb = minLogit - maxLogit - logSum;
    const float scale = (maxLogit - minLogit) / 65535.0f;
    const float inv = scale > 0 ? 1.0f / scale : 0.0f;
    for (int i = 0; i < n; ++i) {
        const float q = logits[i] > minLogit ? std::nearbyint(inv * (logits[i] - minLogit)) : 0.0f;
        m_row[static_cast<size_t>(i)] = static_cast<uint16_t>(std::min(65535.0f, std::max(0.0f, q)));
    }
    if (auto s = m_out.write(&scale, 4); !s) return s;
    if (auto s = m_out.write(&minLogProb, 4); !s) return s;
    ++m_rows;
    return m_out.write(m_row.data(), m_row.size() * sizeof(uint16_t));
}

Status LogProbWriter::commit() {
    if (m_rows != static_cast<uint64_t>(m_header.chunks) * m_header.scoredPerChunk)
        return fail("internal error: " + std::to_string(m_rows) + " positions written, header promises " +
                    std::to_string(static_cast<uint64_t>(m_header.chunks) * m_header.scoredPerChunk));
    return m_out.commit();
}

Result<LogProbReader> LogProbReader::open(const std::filesystem::path& path) {
    auto map = MappedFile::open(path);
    if (!map) return map.error();
    LogProbReader r;
    r.m_map = std::move(map.value());
    const auto bytes = r.m_map.bytes();
    const std::string name = path.filename().string();
    if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), kMagic, 4) != 0)
        return fail(name + " is not a QuantDesk log-probability file");
    uint32_t f[5];
    std::memcpy(f, bytes.data() + 4, sizeof f);
    if (f[0] != kVersion) return fail(name + " has unsupported version " + std::to_string(f[0]));
    r.m_header = {f[1], f[2], f[3], f[4]};
    const LogProbHeader& h = r.m_header;
    if (h.vocab == 0 || h.vocab > limits::kMaxVocabulary || h.context == 0 || h.scoredPerChunk >= h.context)
        return fail(name + " has an implausible header");
    // Every count is checked against the file's size in 64-bit arithmetic that cannot wrap.
    r.m_rowBytes = 8 + size_t(h.vocab) * 2;
    const auto tokenBytes = checkedProduct({h.chunks, h.context, 4});
    const auto positions = checkedMul(h.chunks, h.scoredPerChunk);
    const auto rowBytes = positions ? checkedMul(*positions, r.m_rowBytes) : std::nullopt;
    const auto expected = tokenBytes && rowBytes ? checkedAdd(kHeaderBytes + *tokenBytes, *rowBytes) : std::nullopt;
    if (!expected || bytes.size() != *expected)
        return fail(name + " is truncated or corrupt: " + std::to_string(bytes.size()) + " bytes, its header needs " +
                    (expected ? std::to_string(*expected) : std::string("more than 2^64")));
    r.m_positions = *positions;
    r.m_tokens = {reinterpret_cast<const int32_t*>(bytes.data() + kHeaderBytes), size_t(h.chunks) * h.context};
    r.m_rows = bytes.data() + kHeaderBytes + *tokenBytes;
    return r;
}

bool LogProbReader::logProbs(uint64_t i, float* out) const {
    if (i >= m_positions) return false;
    const uint8_t* row = m_rows + i * m_rowBytes;
    float scale, minLogProb;
    std::memcpy(&scale, row, 4);
    std::memcpy(&minLogProb, row + 4, 4);
    const uint8_t* q = row + 8;
    for (uint32_t v = 0; v < m_header.vocab; ++v) {
        uint16_t x;
        std::memcpy(&x, q + 2 * v, 2);
        out[v] = minLogProb + scale * x;
    }
    return true;
}

}  // namespace qd
