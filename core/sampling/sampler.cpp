#include "core/sampling/sampler.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace qd {

namespace {

uint64_t splitMix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Sampler::Sampler(SamplerSettings settings) : m_settings(settings) { reset(); }

void Sampler::reset() {
    uint64_t s = m_settings.seed;
    for (auto& w : m_state) w = splitMix64(s);
    m_recent.clear();
}

double Sampler::nextUniform() {
    // xoshiro256**
    const uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return static_cast<double>(result >> 11) * (1.0 / 9007199254740992.0);  // 53 bits
}

void Sampler::accept(int token) {
    m_recent.push_back(token);
    while (static_cast<int>(m_recent.size()) > std::max(0, m_settings.penaltyWindow)) m_recent.pop_front();
}

void Sampler::applyPenalties(std::vector<Candidate>& c) const {
    const auto& s = m_settings;
    if (m_recent.empty() || (s.repeatPenalty == 1.0f && s.frequencyPenalty == 0.0f && s.presencePenalty == 0.0f)) return;
    std::unordered_map<int, int> counts;
    for (int t : m_recent) ++counts[t];
    for (auto [id, n] : counts) {
        if (id < 0 || id >= static_cast<int>(c.size())) continue;
        float& l = c[static_cast<size_t>(id)].logit;  // candidates are still in id order here
        if (s.repeatPenalty != 1.0f) l = l > 0 ? l / s.repeatPenalty : l * s.repeatPenalty;
        l -= static_cast<float>(n) * s.frequencyPenalty + s.presencePenalty;
    }
}

int Sampler::sample(std::span<const float> logits) {
    if (logits.empty()) return -1;
    const auto& s = m_settings;
    const bool noPenalties = m_recent.empty() || (s.repeatPenalty == 1.0f && s.frequencyPenalty == 0.0f && s.presencePenalty == 0.0f);
    if (s.temperature <= 0.0f && noPenalties) {
        // Greedy without penalties: the first of the largest logits (the lowest id among equals, as the
        // candidate order below gives), without copying the vocabulary into candidates for every token.
        size_t best = 0;
        for (size_t i = 1; i < logits.size(); ++i)
            if (logits[i] > logits[best]) best = i;
        return static_cast<int>(best);
    }
    auto& c = m_candidates;
    c.resize(logits.size());
    for (size_t i = 0; i < logits.size(); ++i) c[i] = {static_cast<int>(i), logits[i], 0.0f};
    applyPenalties(c);

    auto byLogit = [](const Candidate& a, const Candidate& b) { return a.logit > b.logit || (a.logit == b.logit && a.id < b.id); };
    if (s.temperature <= 0.0f) return std::min_element(c.begin(), c.end(), byLogit)->id;

    // Top-k: keep the k best (sorted, best first).
    size_t keep = c.size();
    if (s.topK > 0) keep = std::min(keep, static_cast<size_t>(s.topK));
    std::partial_sort(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(keep), c.end(), byLogit);
    c.resize(keep);

    // Probabilities at temperature 1 for the truncations (as llama.cpp orders them), then top-p, min-p.
    auto softmax = [&](float temperature) {
        const float maxLogit = c.front().logit;
        double sum = 0.0;
        for (auto& x : c) {
            x.p = static_cast<float>(std::exp((x.logit - maxLogit) / temperature));
            sum += x.p;
        }
        for (auto& x : c) x.p = static_cast<float>(x.p / sum);
    };
    softmax(1.0f);
    if (s.topP < 1.0f) {
        double cumulative = 0.0;
        size_t n = 0;
        while (n < c.size()) {
            cumulative += c[n].p;
            ++n;
            if (cumulative >= s.topP) break;
        }
        c.resize(std::max<size_t>(n, 1));
    }
    if (s.minP > 0.0f) {
        const float threshold = c.front().p * s.minP;
        size_t n = 1;
        while (n < c.size() && c[n].p >= threshold) ++n;
        c.resize(n);
    }

    softmax(s.temperature);
    double r = nextUniform();
    for (const auto& x : c) {
        r -= x.p;
        if (r < 0.0) return x.id;
    }
    return c.back().id;  // rounding left a sliver: the least likely kept token
}

}  // namespace qd
