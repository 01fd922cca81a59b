// Chat templates: turning a conversation into the prompt text a model was trained on.
//
// Models ship a Jinja2 template in `tokenizer.chat_template`; Hugging Face renders it with a sandboxed
// Jinja2 environment (trim_blocks, lstrip_blocks, loop controls, its own tojson, raise_exception and
// strftime_now). ChatTemplate reproduces that rendering byte for byte for the constructs real
// templates use, with hard limits so a hostile template can neither hang nor exhaust memory.
//
//   auto tpl = qd::ChatTemplate::compile(source);          // parse errors come back as Result
//   auto text = qd::renderChat(*tpl, messages, true, "<s>", "</s>");
//
// An exception the template raises itself (`raise_exception("...")`) becomes an Error whose message is
// exactly the raised text; other failures carry "template error at line N: ..." messages.
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/chat/jinja_interpreter.h"
#include "core/common/json.h"
#include "core/common/result.h"

namespace qd {

struct ChatTemplateOptions {
    jinja::RenderLimits limits;
    jinja::TojsonStyle tojson = jinja::TojsonStyle::HuggingFace;
    std::optional<std::tm> now;  // what strftime_now() sees; the current local time when unset
};

class ChatTemplate {
public:
    static Result<ChatTemplate> compile(std::string_view source);

    // Renders with `context` (a JSON object) as the template's variables.
    Result<std::string> render(const Json& context, const ChatTemplateOptions& options = {}) const;

    const std::string& source() const { return m_source; }

private:
    ChatTemplate() = default;

    std::string m_source;
    std::shared_ptr<const jinja::Body> m_body;  // shared: templates are cheap to copy
};

// Renders a conversation the way transformers' apply_chat_template passes it: `messages`,
// `add_generation_prompt`, `bos_token`, `eos_token`, plus every member of `extra` (an object, e.g.
// tools, date_string, enable_thinking). Members of `extra` override the named arguments.
Result<std::string> renderChat(const ChatTemplate& tpl, const Json& messages, bool addGenerationPrompt,
                               std::string_view bosToken, std::string_view eosToken,
                               const Json& extra = Json::object(), const ChatTemplateOptions& options = {});

}  // namespace qd
