// Internal: the vocabulary as the tokenizer algorithms see it (Tokenizer::Data), shared by
// tokenizer.cpp (loading, special tokens, decoding) and tokenizer_models.cpp (SPM / BPE / WPM).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/tokenizer/pre_tokenizer.h"
#include "core/tokenizer/tokenizer.h"

namespace qd {

struct StringViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TokenMap = std::unordered_map<std::string, int32_t, StringViewHash, std::equal_to<>>;

struct Tokenizer::Data {
    TokenizerModel model = TokenizerModel::SentencePiece;
    std::string modelName;
    std::string preName;
    PreTokenizerConfig pre;
    std::vector<std::string> warnings;  // metadata that was ignored (out-of-range special ids, ...)

    std::vector<std::string> texts;  // [n] vocabulary entries
    std::vector<float> scores;       // [n]
    std::vector<uint16_t> attrs;     // [n] TokenAttr bits
    std::vector<std::string> pieces; // [n] tokenToPiece(id, renderSpecial = true)
    TokenMap byText;
    // BPE merges: "left right" -> rank (lower merges first).
    std::unordered_map<std::string, int32_t, StringViewHash, std::equal_to<>> mergeRank;
    size_t maxTokenBytes = 0;
    std::array<int32_t, 256> byteTokens{};  // byteToken() for every byte, filled at load

    // Control, user-defined and unknown tokens, longest text first: matched in raw text before
    // anything else (user-defined always, the others when parsing special tokens).
    std::vector<int32_t> specialByLength;

    int32_t bos = kNoToken, eos = kNoToken, eot = kNoToken, eom = kNoToken, unk = kNoToken;
    int32_t sep = kNoToken, pad = kNoToken, mask = kNoToken, newline = kNoToken;
    int32_t fimPre = kNoToken, fimSuf = kNoToken, fimMid = kNoToken, fimPad = kNoToken;
    int32_t fimRep = kNoToken, fimSep = kNoToken;
    std::vector<int32_t> endOfGeneration;  // sorted

    bool addBos = false;
    bool addEos = false;
    bool addSpacePrefix = false;
    bool cleanSpaces = false;

    int32_t lookup(std::string_view text) const {
        auto it = byText.find(text);
        return it == byText.end() ? kNoToken : it->second;
    }
    bool valid(int32_t id) const { return id >= 0 && size_t(id) < texts.size(); }
};

// The per-model algorithms; each appends to `out`. `text` is one stretch of plain text (special tokens
// already cut out).
void encodeSentencePiece(const Tokenizer::Data& d, std::string_view text, std::vector<int32_t>& out);
void encodeBytePairs(const Tokenizer::Data& d, std::string_view text, std::vector<int32_t>& out);
void encodeWordPiece(const Tokenizer::Data& d, std::string_view text, std::vector<int32_t>& out);

// The token for one byte: SentencePiece "<0xXX>" (or the byte itself as a token), byte-level BPE's
// mapped character. kNoToken when the vocabulary has neither.
int32_t byteToken(const Tokenizer::Data& d, uint8_t byte);

}  // namespace qd
