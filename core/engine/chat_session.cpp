#include "core/engine/chat_session.h"

#include <algorithm>

#include "core/chat/builtin_templates.h"

namespace qd {

Result<ChatTemplate> chatTemplateForModel(const GgufFile& file, std::string_view overrideName, std::string* note) {
    auto builtin = [&](std::string_view name, const std::string& why) -> Result<ChatTemplate> {
        const BuiltinChatTemplate* t = findBuiltinChatTemplate(name);
        if (!t) {
            std::string names;
            for (const auto& b : builtinChatTemplates()) names += (names.empty() ? "" : ", ") + std::string(b.name);
            return fail("unknown chat template '" + std::string(name) + "' (built in: " + names + ")");
        }
        if (note) *note = "built-in " + std::string(t->displayName) + " template" + why;
        return ChatTemplate::compile(t->source);
    };
    if (!overrideName.empty()) return builtin(overrideName, "");
    if (auto own = file.getString("tokenizer.chat_template")) {
        auto compiled = ChatTemplate::compile(*own);
        if (compiled) {
            if (note) *note = "the model's own template";
            return compiled;
        }
        return builtin("chatml", " (the model's template does not parse: " + compiled.message() + ")");
    }
    const std::string_view fallback = fallbackChatTemplate(file.getString("general.architecture").value_or(""),
                                                           file.getString("tokenizer.ggml.pre").value_or(""));
    return builtin(fallback, fallback == "chatml" ? " (the model has no template)" : " (the model has no template; its family's)");
}

std::string_view fallbackChatTemplate(std::string_view architecture, std::string_view tokenizerPre) {
    if (architecture == "chatglm") return tokenizerPre == "chatglm-spm" ? "chatglm3" : "chatglm4";
    if (architecture == "bloom") return "phoenix";  // bloomz takes plain prompts; its chat fine-tunes (Phoenix) this
    return "chatml";
}

ChatSession::ChatSession(Generator& generator, ChatTemplate chatTemplate, std::string bosText, std::string eosText)
    : m_generator(generator), m_template(std::move(chatTemplate)), m_bos(std::move(bosText)), m_eos(std::move(eosText)) {}

void ChatSession::setSystemPrompt(std::string text) { m_system = std::move(text); }

void ChatSession::clear() {
    m_messages.clear();
    m_firstKept = 0;
    m_dropped = 0;
}

void ChatSession::setMessages(std::vector<ChatMessage> messages) {
    m_messages = std::move(messages);
    m_firstKept = 0;
    m_dropped = 0;
}

Result<std::string> ChatSession::promptText(const std::string& nextUser) const {
    return render(std::min(m_firstKept, m_messages.size()), nextUser.empty() ? nullptr : &nextUser);
}

Result<std::string> ChatSession::render(size_t firstMessage, const std::string* nextUser) const {
    Json messages = Json::array();
    if (!m_system.empty()) {
        Json m = Json::object();
        m.set("role", "system");
        m.set("content", m_system);
        messages.push(m);
    }
    for (size_t i = firstMessage; i < m_messages.size(); ++i) {
        Json m = Json::object();
        m.set("role", m_messages[i].role);
        m.set("content", m_messages[i].content);
        messages.push(m);
    }
    if (nextUser) {
        Json m = Json::object();
        m.set("role", "user");
        m.set("content", *nextUser);
        messages.push(m);
    }
    return renderChat(m_template, messages, true, m_bos, m_eos);
}

int ChatSession::answerReserve(int maxTokens, int context) {
    return std::min(maxTokens > 0 ? maxTokens : context / 4, context / 2);
}

Result<std::vector<int32_t>> ChatSession::promptTokens(int reserve) {
    const Tokenizer& tok = m_generator.tokenizer();
    const int context = m_generator.model().contextLength();
    while (true) {
        auto text = render(m_firstKept);
        if (!text) return text.error();
        // Special tokens in the rendered template (<|im_start|>, [INST], ...) are parsed as such; BOS is
        // added unless the template already wrote it.
        std::vector<int32_t> tokens = tok.encode(*text, false, true);
        if (tok.addsBos() && tok.bos() >= 0 && (tokens.empty() || tokens.front() != tok.bos()))
            tokens.insert(tokens.begin(), tok.bos());
        if (static_cast<int>(tokens.size()) + reserve <= context) return tokens;
        // Drop the oldest turn: a user message and the answer after it, never the newest message.
        if (m_firstKept + 1 >= m_messages.size())
            return fail("the message is too long: it needs " + std::to_string(tokens.size()) +
                        " tokens with room for the answer, and the context holds " + std::to_string(context));
        size_t drop = 1;
        if (m_firstKept + 1 < m_messages.size() - 1 && m_messages[m_firstKept].role == "user" &&
            m_messages[m_firstKept + 1].role == "assistant")
            drop = 2;
        m_firstKept += drop;
        m_dropped += static_cast<int>(drop);
    }
}

Result<GenerationStats> ChatSession::reply(const std::string& userText, const GenerationSettings& settings,
                                           const PieceCallback& onPiece, const ProgressFn& progress) {
    // A refused message leaves the conversation as it was: it is not kept, and the older turns that
    // promptTokens() dropped trying to make room for it come back.
    const size_t firstKept = m_firstKept;
    const int dropped = m_dropped;
    auto undo = [&] {
        m_messages.pop_back();
        m_firstKept = firstKept;
        m_dropped = dropped;
    };
    m_messages.push_back({"user", userText});
    const int context = m_generator.model().contextLength();
    auto prompt = promptTokens(answerReserve(settings.maxTokens, context));
    if (!prompt) {
        undo();
        return prompt.error();
    }
    auto stats = m_generator.generate(*prompt, settings, onPiece, progress);
    if (!stats) {
        undo();
        return stats.error();
    }
    m_messages.push_back({"assistant", stats->text});
    return stats;
}

}  // namespace qd
