// The tokenizer of a Hugging Face checkpoint folder as GGUF tokenizer.* metadata.
//
// Two sources, tried in the order llama.cpp's converter tries them:
//  - tokenizer.model (SentencePiece): tokenizer.ggml.model "llama", pre "default", the pieces with
//    their scores and types, tokens from added_tokens.json and tokenizer_config.json's
//    added_tokens_decoder laid over them;
//  - tokenizer.json with a byte-level BPE model: tokenizer.ggml.model "gpt2", the vocabulary, the merges,
//    and tokenizer.ggml.pre naming the pre-tokenizer (see identifyPreTokenizer).
// Then, as gguf-py's SpecialVocab does: special token ids (tokenizer_config.json's *_token matched
// against tokenizer.json's added tokens, then config.json's *_token_id), add_bos/add_eos flags and the
// chat template from tokenizer_config.json.
#pragma once

#include <filesystem>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "core/common/json.h"
#include "core/common/result.h"
#include "core/gguf/gguf_value.h"

namespace qd {

// GGUF token types (llama_token_type; stored in files: never renumber).
enum class GgufTokenType : int32_t { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };

struct HfVocab {
    std::vector<GgufKeyValue> metadata;  // in the order llama.cpp writes them
    uint64_t tokenCount = 0;
};

// A special token a converter sets by its text after the files' own are read (ChatGLM's end of turn,
// "<|user|>"): kind is "eos", "eot", "unk", ...; the first value set for a kind wins, as in gguf-py.
struct ExtraSpecialToken {
    std::string_view kind;
    std::string_view content;  // an added token of tokenizer.json
};

// `config` is config.json; its vocab_size (when present) sets the number of tokens written.
Result<HfVocab> importHfVocab(const std::filesystem::path& folder, const Json& config,
                              std::span<const ExtraSpecialToken> extra = {});

// ChatGLM3-6B's SentencePiece vocabulary (tokenizer.model plus the special tokens its tokenizer code
// numbers after the pieces, padded to config.json's padded_vocab_size), written as llama.cpp's converter
// writes it for that model: tokenizer model "llama", pre-tokenizer "chatglm-spm".
Result<HfVocab> importChatGlm3Vocab(const std::filesystem::path& folder, const Json& config);

// tokenizer.ggml.pre for a tokenizer.json. llama.cpp's converter tokenizes a fixed test text with the
// Hugging Face tokenizer and looks the hash of the ids up in a table; we do not run the tokenizer, so we
// recognise the pre_tokenizer section itself: the split regex (Llama 3's digits-in-threes pattern ->
// "llama-bpe", the same pattern with single digits -> "qwen2", BLOOM's split at white space and
// sentence punctuation -> "bloom"), GPT-2's plain byte-level split ("gpt-2"), single-digit splitting
// before a byte-level split ("smollm"), and Falcon's punctuation / byte-level / digit-run / digits-in-
// threes sequence ("falcon"). These are the pre-tokenizers llama.cpp implements for these names;
// anything else is an error rather than a guess.
Result<std::string> identifyPreTokenizer(const Json& tokenizerJson);

}  // namespace qd
