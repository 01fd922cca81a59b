// A conversation with a model: messages rendered through the model's chat template, answers streamed
// by the Generator, and the oldest turns dropped (the system prompt kept) when the conversation no
// longer fits the context.
#pragma once

#include <string>
#include <vector>

#include "core/chat/chat_template.h"
#include "core/engine/generator.h"

namespace qd {

struct ChatMessage {
    std::string role;     // "system", "user", "assistant"
    std::string content;
};

// The template to chat with a model: `overrideName` (a built-in template such as "chatml") when
// given, else the model's own tokenizer.chat_template, else its family's (fallbackChatTemplate).
// `note` says which was chosen.
Result<ChatTemplate> chatTemplateForModel(const GgufFile& file, std::string_view overrideName, std::string* note = nullptr);

// The built-in template (builtin_templates.h) for a model of this architecture that has none of its
// own: GLM-4's for ChatGLM (ChatGLM3's when its SentencePiece vocabulary, tokenizer.ggml.pre
// "chatglm-spm", says it is ChatGLM3-6B), LLMZoo's Phoenix format for BLOOM, ChatML otherwise.
std::string_view fallbackChatTemplate(std::string_view architecture, std::string_view tokenizerPre = {});

class ChatSession {
public:
    // `bosText` / `eosText` are what the template sees as bos_token / eos_token.
    ChatSession(Generator& generator, ChatTemplate chatTemplate, std::string bosText, std::string eosText);

    void setSystemPrompt(std::string text);
    const std::string& systemPrompt() const { return m_system; }
    const std::vector<ChatMessage>& messages() const { return m_messages; }  // without the system prompt
    void clear();
    // Replaces the conversation (a branch the GUI shows, without the system prompt); nothing is
    // dropped until promptTokens() needs room.
    void setMessages(std::vector<ChatMessage> messages);
    void setTemplate(ChatTemplate chatTemplate) { m_template = std::move(chatTemplate); }
    const ChatTemplate& chatTemplate() const { return m_template; }

    // The exact text the model is given: the conversation (from the first message still in the
    // context), plus `nextUser` when not empty, with an open assistant turn.
    Result<std::string> promptText(const std::string& nextUser = {}) const;

    // Adds the user's message, generates the answer (streamed through onPiece) and records it. A
    // cancelled answer is kept as far as it got, as the person saw it.
    Result<GenerationStats> reply(const std::string& userText, const GenerationSettings& settings,
                                  const PieceCallback& onPiece, const ProgressFn& progress = {});

    // Tokens left free for an answer of at most `maxTokens` (<= 0: no limit) in a context of `context`:
    // the answer's limit, but never more than half the context (a quarter when unlimited).
    static int answerReserve(int maxTokens, int context);

    // The prompt tokens for the conversation so far plus an open assistant turn; drops the oldest
    // turns until `reserve` tokens are left for the answer. Exposed for tests and the GUI's counter.
    Result<std::vector<int32_t>> promptTokens(int reserve);

    int droppedMessages() const { return m_dropped; }
    // Index into messages() of the oldest message still in the context.
    size_t firstKeptMessage() const { return m_firstKept; }

private:
    Result<std::string> render(size_t firstMessage, const std::string* nextUser = nullptr) const;

    Generator& m_generator;
    ChatTemplate m_template;
    std::string m_bos, m_eos;
    std::string m_system;
    std::vector<ChatMessage> m_messages;
    size_t m_firstKept = 0;  // messages before this index no longer fit the context
    int m_dropped = 0;
};

}  // namespace qd
