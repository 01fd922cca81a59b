// What llama.cpp's llama-simple prints for a greedy continuation, computed with our engine: the prompt's
// token pieces (special tokens shown, BOS as "<s>"), the generated pieces, and a final newline. The
// fixtures' reference.json files record that text per file.
#pragma once

#include <string>
#include <vector>

#include "core/engine/generator.h"
#include "core/engine/model.h"
#include "core/tokenizer/tokenizer.h"

// Empty when the engine fails or stops before `nPredict` tokens (the references never stop early).
inline std::string llamaSimpleText(qd::Model& model, const qd::Tokenizer& tokenizer, const std::string& prompt,
                                   int nPredict) {
    const std::vector<int32_t> ids = tokenizer.encode(prompt, true, true);
    qd::Generator generator(model, tokenizer);
    qd::GenerationSettings settings;
    settings.sampler.temperature = 0.0f;
    settings.maxTokens = nPredict;
    settings.renderSpecial = true;
    std::string text;
    for (int32_t id : ids) text += tokenizer.tokenToPiece(id, true);
    auto stats = generator.generate(ids, settings, [&](std::string_view piece) {
        text += piece;
        return true;
    });
    if (!stats || stats->generatedTokens != nPredict) return {};
    return text + "\n";
}
