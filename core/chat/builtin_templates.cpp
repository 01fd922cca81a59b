#include "core/chat/builtin_templates.h"

#include <string>

namespace qd {
namespace {

// A message whose content is not a string (e.g. null beside tool calls) contributes an empty text.
constexpr std::string_view kChatMl = R"JINJA(
{%- for message in messages -%}
    {%- set content = message['content'] if message['content'] is string else '' -%}
    {{- '<|im_start|>' + message['role'] + '\n' + content + '<|im_end|>\n' -}}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{- '<|im_start|>assistant\n' -}}
{%- endif -%}
)JINJA";

// Llama 2 chat: the system prompt sits inside the first [INST] between <<SYS>> markers; every
// exchange is wrapped in BOS ... EOS; the prompt for a new answer ends with "[/INST]".
constexpr std::string_view kLlama2 = R"JINJA(
{%- if messages and messages[0]['role'] == 'system' -%}
    {%- set system = messages[0]['content'] -%}
    {%- set loop_messages = messages[1:] -%}
{%- else -%}
    {%- set system = none -%}
    {%- set loop_messages = messages -%}
{%- endif -%}
{%- for message in loop_messages -%}
    {%- set content = message['content'] if message['content'] is string else '' -%}
    {%- if message['role'] == 'user' -%}
        {%- if loop.first and system is string -%}
            {%- set content = '<<SYS>>\n' + system | trim + '\n<</SYS>>\n\n' + content | trim -%}
        {%- else -%}
            {%- set content = content | trim -%}
        {%- endif -%}
        {{- bos_token + '[INST] ' + content + ' [/INST]' -}}
    {%- elif message['role'] == 'assistant' -%}
        {{- ' ' + content | trim + ' ' + eos_token -}}
    {%- endif -%}
{%- endfor -%}
)JINJA";

constexpr std::string_view kLlama3 = R"JINJA(
{{- bos_token -}}
{%- for message in messages -%}
    {%- set content = message['content'] if message['content'] is string else '' -%}
    {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + content | trim + '<|eot_id|>' -}}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' -}}
{%- endif -%}
)JINJA";

// Mistral instruct has no system role: a system message is put before the first user turn.
constexpr std::string_view kMistral = R"JINJA(
{%- if messages and messages[0]['role'] == 'system' -%}
    {%- set system = messages[0]['content'] -%}
    {%- set loop_messages = messages[1:] -%}
{%- else -%}
    {%- set system = '' -%}
    {%- set loop_messages = messages -%}
{%- endif -%}
{{- bos_token -}}
{%- for message in loop_messages -%}
    {%- set content = message['content'] if message['content'] is string else '' -%}
    {%- if message['role'] == 'user' -%}
        {%- if loop.first and system -%}
            {%- set content = system + '\n\n' + content -%}
        {%- endif -%}
        {{- '[INST] ' + content + ' [/INST]' -}}
    {%- elif message['role'] == 'assistant' -%}
        {{- content + eos_token -}}
    {%- endif -%}
{%- endfor -%}
)JINJA";

constexpr std::string_view kZephyr = R"JINJA(
{%- for message in messages -%}
    {%- set content = message['content'] if message['content'] is string else '' -%}
    {{- '<|' + message['role'] + '|>\n' + content + eos_token + '\n' -}}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{- '<|assistant|>\n' -}}
{%- endif -%}
)JINJA";

constexpr std::string_view kAlpaca = R"JINJA(
{%- if messages and messages[0]['role'] == 'system' -%}
    {{- messages[0]['content'] + '\n\n' -}}
    {%- set loop_messages = messages[1:] -%}
{%- else -%}
    {{- 'Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n' -}}
    {%- set loop_messages = messages -%}
{%- endif -%}
{%- for message in loop_messages -%}
    {%- set content = message['content'] if message['content'] is string else '' -%}
    {%- if message['role'] == 'user' -%}
        {{- '### Instruction:\n' + content + '\n\n' -}}
    {%- elif message['role'] == 'assistant' -%}
        {{- '### Response:\n' + content + eos_token + '\n\n' -}}
    {%- endif -%}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{- '### Response:\n' -}}
{%- endif -%}
)JINJA";

// GLM-4 (and ChatGLM2 checkpoints in its vocabulary): "[gMASK]<sop>" once, then "<|role|>\n" and the
// content per message; the answer is prompted with "<|assistant|>" (llama.cpp's chatglm4).
constexpr std::string_view kChatGlm4 = R"JINJA(
{{- '[gMASK]<sop>' -}}
{%- for message in messages -%}
    {%- set content = message['content'] if message['content'] is string else '' -%}
    {{- '<|' + message['role'] + '|>\n' + content -}}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{- '<|assistant|>' -}}
{%- endif -%}
)JINJA";

// ChatGLM3-6B: "[gMASK]sop" once, "<|role|>\n " and the content per message (llama.cpp's chatglm3).
constexpr std::string_view kChatGlm3 = R"JINJA(
{{- '[gMASK]sop' -}}
{%- for message in messages -%}
    {%- set content = message['content'] if message['content'] is string else '' -%}
    {{- '<|' + message['role'] + '|>\n ' + content -}}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{- '<|assistant|>' -}}
{%- endif -%}
)JINJA";

// Phoenix (BLOOM) and Chimera (LLaMA) from LLMZoo: a system sentence, then "Human: <s>question</s>"
// and "Assistant: <s>answer</s>"; the answer is prompted with "Assistant: <s>".
constexpr std::string_view kPhoenix = R"JINJA(
{%- if messages and messages[0]['role'] == 'system' -%}
    {{- messages[0]['content'] + '\n\n' -}}
    {%- set loop_messages = messages[1:] -%}
{%- else -%}
    {{- "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.\n\n" -}}
    {%- set loop_messages = messages -%}
{%- endif -%}
{%- for message in loop_messages -%}
    {%- set content = message['content'] if message['content'] is string else '' -%}
    {%- if message['role'] == 'user' -%}
        {{- 'Human: <s>' + content + '</s>' -}}
    {%- elif message['role'] == 'assistant' -%}
        {{- 'Assistant: <s>' + content + '</s>' -}}
    {%- endif -%}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{- 'Assistant: <s>' -}}
{%- endif -%}
)JINJA";

std::string normalise(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '-' || c == '_' || c == ' ' || c == '.') continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return out;
}

}  // namespace

const std::vector<BuiltinChatTemplate>& builtinChatTemplates() {
    static const std::vector<BuiltinChatTemplate> kTemplates = {
        {"chatml", "ChatML", kChatMl},   {"llama2", "Llama 2", kLlama2}, {"llama3", "Llama 3", kLlama3},
        {"mistral", "Mistral", kMistral}, {"zephyr", "Zephyr", kZephyr}, {"alpaca", "Alpaca", kAlpaca},
        {"chatglm4", "GLM-4 / ChatGLM", kChatGlm4}, {"chatglm3", "ChatGLM3", kChatGlm3},
        {"phoenix", "Phoenix / Chimera", kPhoenix},
    };
    return kTemplates;
}

const BuiltinChatTemplate* findBuiltinChatTemplate(std::string_view name) {
    std::string key = normalise(name);
    for (const auto& t : builtinChatTemplates())
        if (normalise(t.name) == key) return &t;
    return nullptr;
}

}  // namespace qd
