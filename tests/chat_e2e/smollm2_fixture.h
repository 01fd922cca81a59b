// Shared set-up for the end-to-end chat tests: where SmolLM2-135M-Instruct is, and loading it with its
// tokenizer and chat template. The file comes from the chat_e2e_fetch_smollm2 CTest fixture.
#pragma once

#include <QtTest/QtTest>

#include <cstdlib>
#include <memory>
#include <string>

#include "core/engine/chat_session.h"
#include "core/engine/model.h"
#include "core/tokenizer/tokenizer.h"

namespace qd::e2e {

// QD_SMOLLM2 (set by CTest) wins over the path compiled in, so the tests can run from anywhere.
inline std::string smollm2Path() {
    if (const char* env = std::getenv("QD_SMOLLM2"); env && *env) return env;
    return QD_SMOLLM2_PATH;
}

// True when every byte sequence in `s` is complete, well-formed UTF-8 (no cut character).
inline bool isCompleteUtf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

inline bool hasNonAscii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

// A loaded SmolLM2 with what chatting needs. The template is the model's own (asserted by the tests).
struct SmolLM2 {
    std::unique_ptr<Model> model;
    Tokenizer tokenizer;
    std::unique_ptr<ChatTemplate> chatTemplate;
    std::string templateNote;

    std::string bosText() const { return tokenizer.bos() >= 0 ? std::string(tokenizer.tokenText(tokenizer.bos())) : ""; }
    std::string eosText() const { return tokenizer.eos() >= 0 ? std::string(tokenizer.tokenText(tokenizer.eos())) : ""; }

    // Loads the model with the given context; returns an error text (empty on success). GemmMode::Auto
    // (what the CLI uses) multiplies prompts of 32 tokens or more with float activations through
    // OpenBLAS; DotKernels quantizes activations for every token, as llama.cpp's CPU backend does.
    std::string load(int contextLength, GemmMode gemm = GemmMode::Auto) {
        const std::string path = smollm2Path();
        if (!std::filesystem::exists(path))
            return "SmolLM2 is missing at " + path + " (the chat_e2e_fetch_smollm2 test fetches it)";
        EngineOptions options;
        options.contextLength = contextLength;
        options.threads = 2;  // CI has two cores
        options.gemm = gemm;
        auto m = Model::load(path, options);
        if (!m) return "loading SmolLM2: " + m.message();
        model = std::move(*m);
        auto t = Tokenizer::fromGguf(model->file());
        if (!t) return "tokenizer: " + t.message();
        tokenizer = *t;
        auto tpl = chatTemplateForModel(model->file(), "", &templateNote);
        if (!tpl) return "chat template: " + tpl.message();
        chatTemplate = std::make_unique<ChatTemplate>(std::move(*tpl));
        return {};
    }
};

// A conversation as the template sees it.
inline Json messagesJson(std::initializer_list<std::pair<std::string, std::string>> roleAndContent) {
    Json messages = Json::array();
    for (const auto& [role, content] : roleAndContent) {
        Json m = Json::object();
        m.set("role", role);
        m.set("content", content);
        messages.push(m);
    }
    return messages;
}

}  // namespace qd::e2e
