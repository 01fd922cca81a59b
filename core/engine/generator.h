// Text generation: feeds a prompt to the model, then samples tokens one at a time and streams their
// text, stopping at an end-of-generation token, a stop string, the token limit, the context limit or
// when the caller asks.
//
// The generator remembers which tokens its model's KV cache holds, so a new prompt that starts with
// the previous conversation only evaluates what is new.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/engine/model.h"
#include "core/sampling/sampler.h"
#include "core/tokenizer/tokenizer.h"

namespace qd {

struct GenerationSettings {
    SamplerSettings sampler;
    int maxTokens = 512;                  // generated tokens at most; <= 0: until the context is full
    std::vector<std::string> stopStrings;  // generation ends before any of these texts
    bool renderSpecial = false;            // stream control tokens as text ("<s>") instead of nothing
};

enum class StopReason { EndOfGeneration, StopString, TokenLimit, ContextFull, Cancelled };
const char* stopReasonName(StopReason reason);

struct GenerationStats {
    int promptTokens = 0;       // tokens of the prompt
    int promptEvaluated = 0;    // of those, how many had to be evaluated (the rest were cached)
    int generatedTokens = 0;
    double promptSeconds = 0.0;
    double generationSeconds = 0.0;
    StopReason stopReason = StopReason::TokenLimit;
    std::string text;           // everything streamed

    double promptTokensPerSecond() const { return promptSeconds > 0 ? promptEvaluated / promptSeconds : 0.0; }
    double generationTokensPerSecond() const { return generationSeconds > 0 ? generatedTokens / generationSeconds : 0.0; }
};

// Receives each new piece of text; returns false to stop generating.
using PieceCallback = std::function<bool(std::string_view piece)>;

class Generator {
public:
    Generator(Model& model, const Tokenizer& tokenizer);

    // Generates a continuation of `prompt`. `progress`, when given, is the core's one cancel convention
    // (progress.h): it is called inside every prompt batch (per layer) and before every token with
    // done = prompt tokens evaluated + tokens generated, and returning false ends generation with
    // StopReason::Cancelled, keeping what was produced.
    Result<GenerationStats> generate(std::span<const int32_t> prompt, const GenerationSettings& settings,
                                     const PieceCallback& onPiece, const ProgressFn& progress = {});

    // Tokens the KV cache holds, in order (prompt and generated).
    const std::vector<int32_t>& history() const { return m_history; }
    void reset() { m_history.clear(); }

    Model& model() { return m_model; }
    const Tokenizer& tokenizer() const { return m_tokenizer; }

private:
    Model& m_model;
    const Tokenizer& m_tokenizer;
    std::vector<int32_t> m_history;
    std::vector<float> m_logits;
};

// Splits streamed text so that nothing which could still become a stop string is released early.
class StopStringFilter {
public:
    explicit StopStringFilter(std::vector<std::string> stops) : m_stops(std::move(stops)) {}
    // Adds text; returns what can be shown now. Sets stopped() when a stop string completed.
    std::string push(std::string_view text);
    // What is held back (at the end, when no stop string came).
    std::string flush();
    bool stopped() const { return m_stopped; }

private:
    std::vector<std::string> m_stops;
    std::string m_held;
    bool m_stopped = false;
};

}  // namespace qd
