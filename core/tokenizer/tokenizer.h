// Text <-> token ids for the vocabularies GGUF files carry, matching llama.cpp's tokenizer.
//
// A GGUF file describes its tokenizer in metadata:
//   tokenizer.ggml.model       "llama" (SentencePiece-style, scores + byte fallback), "gpt2" (byte-level
//                              BPE with merges) or "bert" (WordPiece)
//   tokenizer.ggml.pre         which pre-tokenizer splits text into words before BPE (see pre_tokenizer.h)
//   tokenizer.ggml.tokens      [n] token texts;  .scores [n] f32;  .token_type [n] i32 (1 normal,
//                              2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte);  .merges [m] "a b"
//   tokenizer.ggml.{bos,eos,eot,eom,unknown,seperator,padding,mask,...}_token_id, add_bos_token,
//   add_eos_token, add_space_prefix
//
// encode() first cuts the text at special tokens (user-defined ones always; control ones only when
// parseSpecial is set), then runs the model's algorithm on each piece of plain text. Decoding goes
// through tokenToPiece(): "▁" becomes a space, <0xXX> byte tokens become that byte, byte-level BPE
// characters become the bytes they stand for. A single token may carry only part of a UTF-8
// character, so a UI that prints tokens as they come must use StreamingDecoder.
//
// A Tokenizer is immutable after fromGguf() and cheap to copy (shared data); encode/decode are const
// and safe to call from several threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace qd {

class GgufFile;

constexpr int32_t kNoToken = -1;

enum class TokenizerModel {
    SentencePiece,  // "llama"
    BytePairs,      // "gpt2"
    WordPiece,      // "bert"
};

// Bit flags describing a token (derived from tokenizer.ggml.token_type and a few name rules).
enum TokenAttr : uint16_t {
    kTokenUndefined = 0,
    kTokenUnknown = 1 << 0,
    kTokenUnused = 1 << 1,
    kTokenNormal = 1 << 2,
    kTokenControl = 1 << 3,
    kTokenUserDefined = 1 << 4,
    kTokenByte = 1 << 5,
    kTokenLstrip = 1 << 6,  // eat white space before the token when it is matched in text
    kTokenRstrip = 1 << 7,  // eat white space after it
};

struct DecodeOptions {
    bool removeSpecial = false;  // drop a leading BOS / trailing EOS the tokenizer would add itself
    bool renderSpecial = false;  // show control/unknown tokens as their text ("<s>") instead of nothing
};

class Tokenizer {
public:
    struct Data;

    Tokenizer();
    ~Tokenizer();
    Tokenizer(const Tokenizer&);
    Tokenizer& operator=(const Tokenizer&);
    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;

    // Builds the tokenizer from a GGUF file's metadata. Errors name the key that is missing or bad.
    static Result<Tokenizer> fromGguf(const GgufFile& file);

    // addSpecial: add BOS/EOS as the vocabulary asks (add_bos_token / add_eos_token; CLS/SEP for BERT).
    // parseSpecial: also recognise control tokens such as "<s>" or "<|im_end|>" written in the text.
    std::vector<int32_t> encode(std::string_view text, bool addSpecial, bool parseSpecial) const;

    // The bytes a token stands for (possibly part of a UTF-8 character). Control and unknown tokens
    // give "" unless renderSpecial. An id out of range gives "".
    std::string tokenToPiece(int32_t id, bool renderSpecial = false) const;
    // Whole-sequence decoding like llama.cpp's detokenize: drops the space SentencePiece put in front
    // of the text, and for BPE/WordPiece vocabularies tidies " ," " ." " 's" and the like.
    std::string decode(std::span<const int32_t> ids, DecodeOptions options = {}) const;

    TokenizerModel model() const;
    const std::string& modelName() const;         // "llama", "gpt2", "bert"
    const std::string& preTokenizerName() const;  // "" when the file has none
    size_t vocabSize() const;
    // What fromGguf() ignored in the file and why ("tokenizer.ggml.bos_token_id 70000 is outside the
    // vocabulary of 1024 tokens; ignored"), for the app to show as warnings.
    const std::vector<std::string>& warnings() const;
    std::string_view tokenText(int32_t id) const;  // the raw vocabulary entry; "" when out of range
    float tokenScore(int32_t id) const;
    uint16_t tokenAttrs(int32_t id) const;
    int32_t findToken(std::string_view text) const;  // exact vocabulary entry, or kNoToken
    bool isControl(int32_t id) const;

    int32_t bos() const;
    int32_t eos() const;
    int32_t eot() const;  // end of turn (chat models), kNoToken when the vocabulary has none
    int32_t unk() const;
    int32_t sep() const;
    int32_t pad() const;
    int32_t newline() const;
    bool addsBos() const;
    bool addsEos() const;
    bool addsSpacePrefix() const;
    // EOS, EOT, EOM and tokens such as <|im_end|>, <|eot_id|>, <|endoftext|>: stop generating here.
    bool isEndOfGeneration(int32_t id) const;
    const std::vector<int32_t>& endOfGenerationIds() const;

private:
    explicit Tokenizer(std::shared_ptr<const Data> data);
    std::shared_ptr<const Data> m_data;
};

// Turns a stream of token ids into text that never ends inside a UTF-8 character: bytes of an
// unfinished character are held back until the token that completes them arrives. Malformed bytes
// come out as U+FFFD, so the output is always valid UTF-8.
class StreamingDecoder {
public:
    // stripLeadingSpace: drop one leading space from the first piece (what decode() does for
    // SentencePiece vocabularies when the prompt is not part of the stream).
    explicit StreamingDecoder(const Tokenizer& tokenizer, bool renderSpecial = false, bool stripLeadingSpace = false);

    // Text that became complete with this token (may be empty).
    std::string push(int32_t id);
    // Whatever is still held back, with U+FFFD for an unfinished character; then the decoder is empty.
    std::string flush();
    void reset();
    size_t pendingBytes() const { return m_pending.size(); }

private:
    std::string takeComplete(bool final);

    Tokenizer m_tokenizer;
    bool m_renderSpecial;
    bool m_stripLeadingSpace;
    bool m_first = true;
    std::string m_pending;
};

}  // namespace qd
