// Greedy decoding through the engine, one token at a time after the prompt, for the tests that compare
// continuations token by token; and the logits of a batch followed by single-token steps.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "core/engine/model.h"

// `tokens` (the prompt) extended by argmax one token at a time until it holds `length` tokens; empty
// when the engine fails. `afterPrompt` receives the logits that follow the prompt.
inline std::vector<int32_t> greedyTokens(qd::Model& model, std::vector<int32_t> tokens, size_t length,
                                         std::vector<float>* afterPrompt = nullptr) {
    std::vector<float> logits;
    if (!model.eval(tokens, 0, logits).ok()) return {};
    if (afterPrompt) *afterPrompt = logits;
    const int vocab = model.config().vocabSize;
    while (tokens.size() < length) {
        tokens.push_back(static_cast<int32_t>(std::max_element(logits.data(), logits.data() + vocab) - logits.data()));
        if (!model.eval(std::span(&tokens.back(), 1), static_cast<int>(tokens.size() - 1), logits).ok()) return {};
    }
    return tokens;
}

// Every position's logits ([ids.size()][vocab]) of the first `batch` ids evaluated as one batch and the
// rest one token at a time; empty when the engine fails.
inline std::vector<float> batchThenStepLogits(qd::Model& model, std::span<const int32_t> ids, size_t batch) {
    std::vector<float> all, step;
    if (!model.eval(ids.first(batch), 0, all, true).ok()) return {};
    for (size_t pos = batch; pos < ids.size(); ++pos) {
        if (!model.eval(ids.subspan(pos, 1), static_cast<int>(pos), step).ok()) return {};
        all.insert(all.end(), step.begin(), step.end());
    }
    return all;
}
