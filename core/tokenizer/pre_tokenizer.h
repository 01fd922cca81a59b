// Pre-tokenizers for byte-level BPE vocabularies: split text into the words BPE merges inside of.
//
// Each model's tokenizer.json describes its split as one or more regular expressions applied in turn:
// the first splits the text, the second splits every piece the first produced, and so on, where a
// piece is cut into its matches *and* the gaps between them (nothing is dropped). We follow the chains
// llama.cpp uses for each `tokenizer.ggml.pre` name, but implement every expression by hand as a scan
// over code points instead of running a regex engine: std::regex has no \p{..} classes and is slow.
//
// Two details of llama.cpp's behaviour are reproduced on purpose, because the reference token ids
// depend on them:
//   * expressions that contain \p{..} are matched on a "collapsed" view where an ASCII character is
//     itself and any other is reduced to its class (so \p{P} matches ASCII punctuation by an explicit
//     list that leaves out '~', and non-ASCII white space is plain white space);
//   * expressions without \p{..} see the code points, with non-ASCII white space turned into U+000B.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace qd {

enum class PreTokenizerKind {
    Default,        // no or unknown `pre`: punctuation runs, GPT-2 expression, digit runs, triples
    Gpt2,           // GPT-2's expression ('s|'t|... | ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)
    Llama3,         // Llama 3's expression, digits in groups of up to three
    Qwen2,          // Llama 3's expression with single digits
    DeepseekLlm,    // newline, cased-letter words, ASCII/full-width punctuation, trailing space, CJK, digits
    DeepseekCoder,  // newline, letter words, punctuation runs, CJK, single digits
    Falcon,         // punctuation/symbol runs, GPT-2 expression, digit triples
    Starcoder,      // single digits, then the GPT-2 expression
    Tekken,         // Mistral's Tekken: capitalised words, single digits, Llama 3-like rest
    Bloom,          // " ?[^(\s|.,!?…。，、।۔،)]+"
    Viking,         // Bloom's expression, then single digits
};

// What a `tokenizer.ggml.pre` name selects, with the per-name switches llama.cpp ties to it.
struct PreTokenizerConfig {
    PreTokenizerKind kind = PreTokenizerKind::Default;
    bool ignoreMerges = false;     // a word that is itself a token skips BPE (Llama 3)
    bool forceAddBos = false;      // add BOS even if the file says nothing (Llama 3)
    bool noCleanSpaces = false;    // keep " ," etc. when decoding
    bool noBos = false;            // the model has no BOS (ChatGLM4)
};

// nullopt for a name we do not know or cannot reproduce (e.g. "chameleon", "deepseek-v3").
std::optional<PreTokenizerConfig> preTokenizerForName(std::string_view name);

// Splits `cps` into words; appends the end offset (in code points) of each word to `ends`.
void preTokenize(PreTokenizerKind kind, std::span<const uint32_t> cps, std::vector<size_t>& ends);

}  // namespace qd
