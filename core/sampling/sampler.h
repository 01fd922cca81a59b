// Choosing the next token from the logits.
//
// The chain runs in a fixed order: penalties on recently generated tokens, then top-k, top-p and
// min-p truncation, then temperature, then a draw. A temperature of 0 (or below) is greedy. The random
// source is our own (SplitMix64 seeding a xoshiro256**), so a given seed gives the same text on every
// platform and standard library.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

namespace qd {

struct SamplerSettings {
    float temperature = 0.8f;     // <= 0: greedy
    int topK = 40;                // <= 0: off
    float topP = 0.95f;           // >= 1: off
    float minP = 0.05f;           // <= 0: off; drops tokens below minP * p(best)
    float repeatPenalty = 1.0f;   // 1: off; divides positive logits (multiplies negative) of recent tokens
    float frequencyPenalty = 0.0f;  // subtracts count * f from a recent token's logit
    float presencePenalty = 0.0f;   // subtracts p once from any recent token's logit
    int penaltyWindow = 64;       // how many recent tokens the penalties look at
    uint64_t seed = 0;            // 0 and every other value is a fixed seed
};

class Sampler {
public:
    explicit Sampler(SamplerSettings settings = {});

    // Picks a token from `logits` (vocabulary-sized). Does not record it: call accept().
    int sample(std::span<const float> logits);
    // Records a token as generated (or as part of the prompt) for the penalties.
    void accept(int token);
    void reset();

    const SamplerSettings& settings() const { return m_settings; }

    // A uniform double in [0, 1) from the sampler's generator (exposed for tests).
    double nextUniform();

private:
    struct Candidate {
        int id;
        float logit;
        float p;
    };

    void applyPenalties(std::vector<Candidate>& c) const;

    SamplerSettings m_settings;
    uint64_t m_state[4];
    std::deque<int> m_recent;
    std::vector<Candidate> m_candidates;
};

}  // namespace qd
