#include "core/chat/chat_template.h"

#include <new>

#include "core/chat/jinja_parser.h"

namespace qd {

Result<ChatTemplate> ChatTemplate::compile(std::string_view source) {
    auto body = jinja::parseTemplate(source);
    if (!body) return body.error();
    ChatTemplate tpl;
    tpl.m_source = std::string(source);
    tpl.m_body = std::make_shared<const jinja::Body>(std::move(body.value()));
    return tpl;
}

Result<std::string> ChatTemplate::render(const Json& context, const ChatTemplateOptions& options) const {
    if (!context.isObject()) return fail("chat template context must be a JSON object");
    jinja::RenderOptions ro;
    ro.limits = options.limits;
    ro.tojson = options.tojson;
    if (options.now) {
        ro.now = *options.now;
    } else {
        std::time_t t = std::time(nullptr);
#ifdef _WIN32
        localtime_s(&ro.now, &t);
#else
        localtime_r(&t, &ro.now);
#endif
    }
    try {
        jinja::Interpreter interp(ro);
        return interp.render(*m_body, jinja::Value::fromJson(context));
    } catch (const jinja::TemplateError& e) {
        return fail(e.message());
    } catch (const std::bad_alloc&) {
        return fail("template error: out of memory");
    }
}

Result<std::string> renderChat(const ChatTemplate& tpl, const Json& messages, bool addGenerationPrompt,
                               std::string_view bosToken, std::string_view eosToken, const Json& extra,
                               const ChatTemplateOptions& options) {
    Json context = Json::object();
    context.set("messages", messages);
    context.set("add_generation_prompt", addGenerationPrompt);
    context.set("bos_token", std::string(bosToken));
    context.set("eos_token", std::string(eosToken));
    if (extra.isObject())
        for (const auto& [k, v] : extra.members()) context.set(k, v);
    return tpl.render(context, options);
}

}  // namespace qd
