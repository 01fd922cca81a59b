// The three tokenization algorithms. Each works on one stretch of plain text.
//
// SentencePiece ("llama"): start from single UTF-8 characters and repeatedly merge the adjacent pair
// whose concatenation is the vocabulary entry with the highest score (ties: leftmost). Pieces that
// never became a token fall back to <0xXX> byte tokens.
//
// Byte-level BPE ("gpt2"): pre-tokenize into words, write each word's bytes as GPT-2's printable
// characters, then repeatedly merge the adjacent pair with the lowest merge rank (ties: leftmost).
//
// WordPiece ("bert"): lowercase, strip accents (first code point of NFD), split at white space and
// around punctuation and CJK ideographs, then cut each word greedily into the longest vocabulary
// entries, the first one prefixed with "▁"; a word that cannot be cut becomes [UNK].
#include <algorithm>
#include <cstddef>
#include <queue>
#include <unordered_map>

#include "core/tokenizer/tokenizer_data.h"
#include "core/tokenizer/unicode.h"

namespace qd {
namespace {

// A symbol is a byte range of the text, linked to its neighbours; merged-away symbols have len 0.
struct Symbol {
    ptrdiff_t prev;
    ptrdiff_t next;
    size_t start;
    size_t len;
};

std::vector<Symbol> splitCharacters(std::string_view text) {
    std::vector<Symbol> symbols;
    symbols.reserve(text.size());
    size_t offset = 0;
    ptrdiff_t index = 0;
    while (offset < text.size()) {
        const size_t len = std::min<size_t>(utf8LengthFromLead(static_cast<uint8_t>(text[offset])), text.size() - offset);
        symbols.push_back(Symbol{index - 1, offset + len == text.size() ? -1 : index + 1, offset, len});
        offset += len;
        ++index;
    }
    return symbols;
}

// Merges `right` into `left` and unlinks it.
void mergeSymbols(std::vector<Symbol>& symbols, ptrdiff_t left, ptrdiff_t right) {
    Symbol& l = symbols[left];
    Symbol& r = symbols[right];
    l.len += r.len;
    r.len = 0;
    l.next = r.next;
    if (r.next >= 0) symbols[r.next].prev = left;
}

struct ScoredPair {
    float score;
    ptrdiff_t left;
    ptrdiff_t right;
    size_t bytes;  // left.len + right.len when proposed; a mismatch later means the pair is stale
};

struct ScoredPairOrder {
    bool operator()(const ScoredPair& a, const ScoredPair& b) const {
        return a.score < b.score || (a.score == b.score && a.left > b.left);
    }
};

struct RankedPair {
    int32_t rank;
    ptrdiff_t left;
    ptrdiff_t right;
    size_t bytes;
};

struct RankedPairOrder {
    bool operator()(const RankedPair& a, const RankedPair& b) const {
        return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
    }
};

void pushBytes(const Tokenizer::Data& d, std::string_view bytes, std::vector<int32_t>& out) {
    for (char c : bytes) {
        const int32_t id = d.byteTokens[static_cast<uint8_t>(c)];
        if (id != kNoToken) out.push_back(id);
        else if (d.unk != kNoToken) out.push_back(d.unk);
    }
}

void bytePairWord(const Tokenizer::Data& d, std::string_view word, std::string& key, std::vector<int32_t>& out) {
    if (d.pre.ignoreMerges) {
        const int32_t id = d.lookup(word);
        if (id != kNoToken) {
            out.push_back(id);
            return;
        }
    }
    std::vector<Symbol> symbols = splitCharacters(word);
    std::priority_queue<RankedPair, std::vector<RankedPair>, RankedPairOrder> queue;
    auto propose = [&](ptrdiff_t left, ptrdiff_t right) {
        if (left < 0 || right < 0) return;
        const Symbol& l = symbols[left];
        const Symbol& r = symbols[right];
        key.assign(word.substr(l.start, l.len));
        key.push_back(' ');
        key.append(word.substr(r.start, r.len));
        auto it = d.mergeRank.find(key);
        if (it == d.mergeRank.end()) return;
        queue.push(RankedPair{it->second, left, right, l.len + r.len});
    };
    for (ptrdiff_t i = 1; i < static_cast<ptrdiff_t>(symbols.size()); ++i) propose(i - 1, i);
    while (!queue.empty()) {
        const RankedPair p = queue.top();
        queue.pop();
        const Symbol& l = symbols[p.left];
        const Symbol& r = symbols[p.right];
        if (l.len == 0 || r.len == 0 || l.len + r.len != p.bytes) continue;
        mergeSymbols(symbols, p.left, p.right);
        propose(symbols[p.left].prev, p.left);
        propose(p.left, symbols[p.left].next);
    }
    for (ptrdiff_t i = symbols.empty() ? -1 : 0; i != -1; i = symbols[i].next) {
        const std::string_view piece = word.substr(symbols[i].start, symbols[i].len);
        const int32_t id = d.lookup(piece);
        if (id != kNoToken) {
            out.push_back(id);
            continue;
        }
        // A piece that is not in the vocabulary: keep whichever of its single bytes are.
        for (char c : piece) {
            const int32_t b = d.lookup(std::string_view(&c, 1));
            if (b != kNoToken) out.push_back(b);
        }
    }
}

bool isCjkIdeograph(uint32_t c) {
    // The CJK blocks BERT's basic tokenizer isolates (including its 0x2B920 quirk for Extension D/E).
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

std::vector<std::string> wordPieceWords(std::string_view text) {
    std::vector<std::string> words(1);
    for (size_t pos = 0; pos < text.size();) {
        const uint32_t c = unicodeNfdFirst(decodeUtf8At(text, pos));
        if (isUnicodeWhitespace(c)) {
            if (!words.back().empty()) words.emplace_back();
            continue;
        }
        const UnicodeClass cls = unicodeClass(c);
        if (c == 0 || c == kReplacementChar || cls == UnicodeClass::Control) continue;
        std::string lowered;
        appendUtf8(lowered, unicodeToLower(c));
        if (cls == UnicodeClass::Punctuation || (c < 0x7F && cls == UnicodeClass::Symbol) || isCjkIdeograph(c)) {
            if (!words.back().empty()) words.emplace_back();
            words.back() = std::move(lowered);
            words.emplace_back();
        } else {
            words.back() += lowered;
        }
    }
    if (words.back().empty()) words.pop_back();
    return words;
}

}  // namespace

int32_t byteToken(const Tokenizer::Data& d, uint8_t byte) {
    if (d.model == TokenizerModel::SentencePiece) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        const char name[6] = {'<', '0', 'x', kHex[byte >> 4], kHex[byte & 15], '>'};
        const int32_t id = d.lookup(std::string_view(name, 6));
        if (id != kNoToken) return id;
        const char raw = static_cast<char>(byte);
        return d.lookup(std::string_view(&raw, 1));
    }
    std::string mapped;
    appendUtf8(mapped, byteToBpeChar(byte));
    return d.lookup(mapped);
}

void encodeSentencePiece(const Tokenizer::Data& d, std::string_view text, std::vector<int32_t>& out) {
    std::vector<Symbol> symbols = splitCharacters(text);
    if (symbols.empty()) return;
    std::priority_queue<ScoredPair, std::vector<ScoredPair>, ScoredPairOrder> queue;
    auto propose = [&](ptrdiff_t left, ptrdiff_t right) {
        if (left < 0 || right < 0) return;
        const Symbol& l = symbols[left];
        const Symbol& r = symbols[right];
        const int32_t id = d.lookup(text.substr(l.start, l.len + r.len));
        if (id == kNoToken) return;
        queue.push(ScoredPair{d.scores[id], left, right, l.len + r.len});
    };
    for (ptrdiff_t i = 1; i < static_cast<ptrdiff_t>(symbols.size()); ++i) propose(i - 1, i);
    while (!queue.empty()) {
        const ScoredPair p = queue.top();
        queue.pop();
        const Symbol& l = symbols[p.left];
        const Symbol& r = symbols[p.right];
        if (l.len == 0 || r.len == 0 || l.len + r.len != p.bytes) continue;
        mergeSymbols(symbols, p.left, p.right);
        propose(symbols[p.left].prev, p.left);
        propose(p.left, symbols[p.left].next);
    }
    for (ptrdiff_t i = 0; i != -1; i = symbols[i].next) {
        const std::string_view piece = text.substr(symbols[i].start, symbols[i].len);
        const int32_t id = d.lookup(piece);
        if (id != kNoToken) out.push_back(id);
        else pushBytes(d, piece, out);
    }
}

void encodeBytePairs(const Tokenizer::Data& d, std::string_view text, std::vector<int32_t>& out) {
    const std::vector<uint32_t> cps = decodeUtf8(text);
    std::vector<size_t> ends;
    preTokenize(d.pre.kind, cps, ends);
    // Natural text repeats its words a lot; BPE of a word depends on the word alone, so short words
    // are merged once per call and then copied. Bounded: at most kCacheWords entries of short words.
    constexpr size_t kCacheWords = 1 << 14;
    constexpr size_t kCacheWordBytes = 48;
    std::unordered_map<std::string, std::pair<uint32_t, uint32_t>, StringViewHash, std::equal_to<>> cache;
    std::string word;
    std::string utf8;
    std::string key;
    size_t begin = 0;
    for (size_t end : ends) {
        word.clear();
        for (size_t i = begin; i < end; ++i) {
            utf8.clear();
            appendUtf8(utf8, cps[i]);
            for (char c : utf8) appendUtf8(word, byteToBpeChar(static_cast<uint8_t>(c)));
        }
        begin = end;
        const bool cacheable = word.size() <= kCacheWordBytes;
        if (cacheable) {
            if (auto it = cache.find(word); it != cache.end()) {
                // The cached ids are an earlier stretch of `out` itself; copy by index, since the
                // insertion may reallocate.
                const auto [first, count] = it->second;
                for (uint32_t k = 0; k < count; ++k) out.push_back(out[first + k]);
                continue;
            }
        }
        const size_t first = out.size();
        bytePairWord(d, word, key, out);
        if (cacheable && cache.size() < kCacheWords)
            cache.emplace(word, std::make_pair(static_cast<uint32_t>(first), static_cast<uint32_t>(out.size() - first)));
    }
}

void encodeWordPiece(const Tokenizer::Data& d, std::string_view text, std::vector<int32_t>& out) {
    static constexpr std::string_view kWordStart = "\xE2\x96\x81";  // U+2581, marks the start of a word
    std::string word;
    for (const std::string& w : wordPieceWords(text)) {
        word.assign(kWordStart);
        word += w;
        const size_t n = word.size();
        const size_t before = out.size();
        for (size_t i = 0; i < n; ++i) {
            bool found = false;
            for (size_t j = std::min(n, i + d.maxTokenBytes + 1); j > i; --j) {
                const int32_t id = d.lookup(std::string_view(word).substr(i, j - i));
                if (id != kNoToken) {
                    out.push_back(id);
                    i = j - 1;
                    found = true;
                    break;
                }
            }
            if (!found) {
                out.resize(before);  // the word cannot be cut into vocabulary entries
                break;
            }
        }
        if (out.size() == before && d.unk != kNoToken) out.push_back(d.unk);
    }
}

}  // namespace qd
