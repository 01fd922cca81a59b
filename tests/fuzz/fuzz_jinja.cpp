// libFuzzer target: the Jinja engine on hostile chat templates, as a GGUF file's tokenizer.chat_template
// would bring them. Any bytes are a template; one that compiles renders a conversation the way the chat
// does, under tighter limits than the app's so each input stays fast. Errors must carry a message.
#include <cstdlib>
#include <ctime>
#include <string_view>

#include "core/chat/chat_template.h"
#include "core/common/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    auto tpl = qd::ChatTemplate::compile(source);
    if (!tpl) {
        if (tpl.message().empty()) std::abort();
        return 0;
    }
    static const qd::Json messages = *qd::Json::parse(
        R"([{"role":"system","content":"Be brief."},{"role":"user","content":"Hi <s> there"},)"
        R"({"role":"assistant","content":"Hello!"},{"role":"user","content":"Name a flower."}])");
    qd::ChatTemplateOptions o;
    o.limits.maxSteps = 100'000;
    o.limits.maxOutputBytes = 1u << 20;
    o.limits.maxListItems = 20'000;
    std::tm fixed{};
    fixed.tm_year = 126;
    o.now = fixed;
    auto text = qd::renderChat(*tpl, messages, true, "<s>", "</s>", qd::Json::object(), o);
    if (!text && text.message().empty()) std::abort();
    return 0;
}
