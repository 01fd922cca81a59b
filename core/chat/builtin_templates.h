// Fallback chat templates for models whose GGUF has no `tokenizer.chat_template`.
//
// Each is written as Jinja text for our interpreter, so a fallback renders through exactly the same
// path as a model's own template. Conversations use the usual {role, content} messages; a leading
// system message is folded in the way each format documents it. Formats:
//   chatml   <|im_start|>role\ncontent<|im_end|>\n ...            (Qwen, Hermes, many fine-tunes)
//   llama2   <s>[INST] <<SYS>>\nsys\n<</SYS>>\n\nuser [/INST] answer </s>   (Llama 2 chat)
//   llama3   <|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>   (Llama 3.x instruct)
//   mistral  <s>[INST] user [/INST]answer</s>                     (Mistral 7B instruct v0.1/v0.2)
//   zephyr   <|role|>\ncontent</s>\n                              (Zephyr, TinyLlama chat)
//   alpaca   ### Instruction:\n...\n\n### Response:\n...           (Alpaca-style fine-tunes)
//   chatglm4 [gMASK]<sop><|user|>\nquestion<|assistant|>\nanswer     (GLM-4, ChatGLM2 in GLM-4's vocabulary)
//   chatglm3 [gMASK]sop<|user|>\n question<|assistant|>              (ChatGLM3-6B)
//   phoenix  system\n\nHuman: <s>question</s>Assistant: <s>answer</s>  (LLMZoo's Phoenix and Chimera)
#pragma once

#include <string_view>
#include <vector>

namespace qd {

struct BuiltinChatTemplate {
    std::string_view name;         // lower-case key: "chatml", "llama2", ...
    std::string_view displayName;  // for menus: "ChatML", "Llama 2", ...
    std::string_view source;       // Jinja text
};

const std::vector<BuiltinChatTemplate>& builtinChatTemplates();

// Case-insensitive; '-', '_', ' ' and '.' are ignored ("Llama-3" finds "llama3"). nullptr when unknown.
const BuiltinChatTemplate* findBuiltinChatTemplate(std::string_view name);

}  // namespace qd
