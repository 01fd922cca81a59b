#include "core/tokenizer/pre_tokenizer.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/tokenizer/unicode.h"

namespace qd {
namespace {

struct Range {
    uint32_t lo;
    uint32_t hi;  // inclusive
};

bool inRanges(std::span<const Range> ranges, uint32_t c) {
    for (const Range& r : ranges)
        if (c >= r.lo && c <= r.hi) return true;
    return false;
}

// DeepSeek-LLM's letter class: the cased letters (upper/lower/title case) of Latin, Greek, Cyrillic,
// Armenian, Georgian, Cherokee, Glagolitic, Coptic, Deseret, Osage, Old Hungarian, Warang Citi, Adlam,
// plus the letter-like symbols and full-width Latin its tokenizer.json lists.
constexpr Range kDeepseekCasedLetters[] = {
    {0x41, 0x5A}, {0x61, 0x7A}, {0xB5, 0xB5}, {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x1BA}, {0x1BC, 0x1BF},
    {0x1C4, 0x293}, {0x295, 0x2AF}, {0x370, 0x373}, {0x376, 0x377}, {0x37B, 0x37D}, {0x37F, 0x37F},
    {0x386, 0x386}, {0x388, 0x38A}, {0x38C, 0x38C}, {0x38E, 0x3A1}, {0x3A3, 0x3F5}, {0x3F7, 0x481},
    {0x48A, 0x52F}, {0x531, 0x556}, {0x10A0, 0x10C5}, {0x13A0, 0x13F5}, {0x13F8, 0x13FD},
    {0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF}, {0x1D00, 0x1D2B}, {0x1D6B, 0x1D77}, {0x1D79, 0x1D9A},
    {0x1E00, 0x1F15}, {0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57},
    {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B}, {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4},
    {0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4}, {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3},
    {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC}, {0x2102, 0x2102},
    {0x2107, 0x2107}, {0x210A, 0x2113}, {0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124},
    {0x2126, 0x2126}, {0x2128, 0x2128}, {0x212A, 0x212D}, {0x212F, 0x2134}, {0x2139, 0x2139},
    {0x213C, 0x213F}, {0x2145, 0x2149}, {0x214E, 0x214E}, {0x2183, 0x2184}, {0x2C00, 0x2C7B},
    {0x2C7E, 0x2CE4}, {0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3}, {0xA640, 0xA66D}, {0xA680, 0xA69B},
    {0xA722, 0xA76F}, {0xA771, 0xA787}, {0xA78B, 0xA78E}, {0xAB70, 0xABBF}, {0xFB00, 0xFB06},
    {0xFB13, 0xFB17}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0x10400, 0x1044F}, {0x104B0, 0x104D3},
    {0x104D8, 0x104FB}, {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x118A0, 0x118DF}, {0x1E900, 0x1E943},
};

// DeepSeek-LLM's punctuation class: ASCII punctuation and symbols, their full-width forms, curly
// quotes, and the ideographic space/comma/full stop.
constexpr Range kDeepseekPunct[] = {
    {0x21, 0x2F}, {0x3A, 0x7E}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF5E}, {0x2018, 0x201F}, {0x3000, 0x3002},
};

// DeepSeek's "CJK" class (as written in its tokenizer: it also spans U+0800..U+4E00 and Hangul).
constexpr Range kDeepseekCjk[] = {{0x4E00, 0x9FA5}, {0x800, 0x4E00}, {0xAC00, 0xD7FF}};

// Characters Bloom's expression stops at (besides white space).
constexpr uint32_t kBloomStops[] = {'(', ')', '|', '.', ',', '!', '?', 0x2026, 0x3002, 0xFF0C, 0x3001, 0x0964, 0x06D4, 0x060C};

bool asciiSpace(uint32_t c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }
bool asciiDigit(uint32_t c) { return c >= '0' && c <= '9'; }
bool asciiAlpha(uint32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// ---- views used by the regex-derived scanners (see the header comment) ----

// \s, in both views.
bool reSpace(uint32_t c) { return c < 0x80 ? asciiSpace(c) : isUnicodeWhitespace(c); }

// A non-ASCII code point as the collapsed view sees it: white space wins over the class.
bool collapsedIs(uint32_t c, UnicodeClass cls) {
    return c >= 0x80 && !isUnicodeWhitespace(c) && unicodeClass(c) == cls;
}
bool reLetter(uint32_t c) { return c < 0x80 ? asciiAlpha(c) : collapsedIs(c, UnicodeClass::Letter); }
bool reNumber(uint32_t c) { return c < 0x80 ? asciiDigit(c) : collapsedIs(c, UnicodeClass::Number); }
bool rePunct(uint32_t c) {
    if (c >= 0x80) return collapsedIs(c, UnicodeClass::Punctuation);
    return (c >= 0x21 && c <= 0x23) || (c >= 0x25 && c <= 0x2A) || (c >= 0x2C && c <= 0x2F) ||
           c == 0x3A || c == 0x3B || c == 0x3F || c == 0x40 || (c >= 0x5B && c <= 0x5D) || c == 0x5F ||
           c == 0x7B || c == 0x7D;
}

// The code-point view: non-ASCII white space becomes U+000B.
uint32_t wide(uint32_t c) { return (c >= 0x80 && isUnicodeWhitespace(c)) ? 0x0B : c; }

// ---- the GPT-2 and Llama 3 expressions, scanned with the Unicode properties directly ----

struct Props {
    bool valid = false;  // false past the end of the piece
    bool space = false;
    bool letter = false;
    bool number = false;
};

class Scanner {
public:
    Scanner(std::span<const uint32_t> cps, size_t begin, size_t end, std::vector<size_t>& ends)
        : m_cps(cps), m_begin(begin), m_end(end), m_ends(ends), m_last(begin) {}

    uint32_t at(size_t p) const { return p < m_end ? m_cps[p] : 0xFFFFFFFFu; }
    Props props(size_t p) const {
        Props r;
        if (p >= m_end) return r;
        const uint32_t c = m_cps[p];
        r.valid = true;
        r.space = isUnicodeWhitespace(c);
        const UnicodeClass k = unicodeClass(c);
        r.letter = k == UnicodeClass::Letter;
        r.number = k == UnicodeClass::Number;
        return r;
    }
    static bool otherThanSpaceLetterNumber(const Props& p) { return p.valid && !p.space && !p.letter && !p.number; }
    void cut(size_t end) {
        if (end > m_last) {
            m_ends.push_back(end);
            m_last = end;
        }
    }
    size_t begin() const { return m_begin; }
    size_t end() const { return m_end; }

    // 's 't 're 've 'm 'll 'd (optionally case-insensitive); returns the match length or 0.
    size_t contraction(size_t p, bool anyCase) const {
        if (at(p) != '\'' || p + 1 >= m_end) return 0;
        auto low = [&](uint32_t c) { return anyCase ? unicodeToLower(c) : c; };
        const uint32_t a = low(at(p + 1));
        if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
        if (p + 2 >= m_end) return 0;
        const uint32_t b = low(at(p + 2));
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
        return 0;
    }

    // \s+(?!\S) then \s+ : a run of white space gives back its last character to a following word.
    size_t spaceRun(size_t p) const {
        size_t n = 0;
        while (props(p + n).space) ++n;
        if (n > 1 && p + n < m_end) return n - 1;
        return n;
    }

private:
    std::span<const uint32_t> m_cps;
    size_t m_begin;
    size_t m_end;
    std::vector<size_t>& m_ends;
    size_t m_last;
};

// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
void splitGpt2(std::span<const uint32_t> cps, size_t begin, size_t end, std::vector<size_t>& ends) {
    Scanner s(cps, begin, end, ends);
    size_t p = begin;
    while (p < end) {
        if (size_t n = s.contraction(p, false)) {
            p += n;
            s.cut(p);
            continue;
        }
        const bool lead = s.at(p) == ' ';
        const Props first = s.props(p + (lead ? 1 : 0));
        if (first.letter || first.number || Scanner::otherThanSpaceLetterNumber(first)) {
            size_t q = p + (lead ? 1 : 0);
            if (first.letter) {
                while (s.props(q).letter) ++q;
            } else if (first.number) {
                while (s.props(q).number) ++q;
            } else {
                while (Scanner::otherThanSpaceLetterNumber(s.props(q))) ++q;
            }
            p = q;
            s.cut(p);
            continue;
        }
        const size_t n = s.spaceRun(p);
        p += n > 0 ? n : 1;
        s.cut(p);
    }
}

// (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,D}| ?[^\s\p{L}\p{N}]+[\r\n]*|
// \s*[\r\n]+|\s+(?!\S)|\s+          with D = maxDigits
void splitLlama3(std::span<const uint32_t> cps, size_t begin, size_t end, size_t maxDigits, std::vector<size_t>& ends) {
    Scanner s(cps, begin, end, ends);
    auto isNewline = [](uint32_t c) { return c == '\r' || c == '\n'; };
    size_t p = begin;
    while (p < end) {
        if (size_t n = s.contraction(p, true)) {
            p += n;
            s.cut(p);
            continue;
        }
        const uint32_t c = s.at(p);
        const Props here = s.props(p);
        // one optional non-letter, non-digit, non-newline character, then letters
        if (!isNewline(c) && !here.number && (here.letter || s.props(p + 1).letter)) {
            ++p;
            while (s.props(p).letter) ++p;
            s.cut(p);
            continue;
        }
        if (here.number) {
            size_t group = 0;
            while (s.props(p).number) {
                ++p;
                if (++group == maxDigits) {
                    s.cut(p);
                    group = 0;
                }
            }
            s.cut(p);
            continue;
        }
        // an optional space, then punctuation/symbols, then any newlines
        const Props first = c == ' ' ? s.props(p + 1) : here;
        if (!first.space && !first.letter && !first.number) {
            if (c == ' ') ++p;
            while (Scanner::otherThanSpaceLetterNumber(s.props(p))) ++p;
            while (isNewline(s.at(p))) ++p;
            s.cut(p);
            continue;
        }
        // white space up to and including its last newline
        size_t n = 0;
        size_t afterNewline = 0;
        while (s.props(p + n).space) {
            if (isNewline(s.at(p + n))) afterNewline = p + n + 1;
            ++n;
        }
        if (afterNewline > 0) {
            p = afterNewline;
            s.cut(p);
            continue;
        }
        n = s.spaceRun(p);
        p += n > 0 ? n : 1;
        s.cut(p);
    }
}

// Tekken (Mistral Nemo) on the collapsed view, in llama.cpp's std::regex-friendly form:
//   [^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))*((?=[\p{L}])([^A-Z]))+
//   |[^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))+((?=[\p{L}])([^A-Z]))*
//   |\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
// "Upper" letters are letters other than a-z, "lower" letters are letters other than A-Z, so a
// non-ASCII letter is both: a word is capitals followed by small letters, or a run of capitals.
size_t tekkenMatchAt(std::span<const uint32_t> c, size_t p, size_t e) {
    auto upper = [&](size_t i) { return i < e && reLetter(c[i]) && !(c[i] >= 'a' && c[i] <= 'z'); };
    auto lower = [&](size_t i) { return i < e && reLetter(c[i]) && !(c[i] >= 'A' && c[i] <= 'Z'); };
    auto newline = [&](size_t i) { return i < e && (c[i] == '\r' || c[i] == '\n'); };
    auto lowerRunEnd = [&](size_t i) {
        while (lower(i)) ++i;
        return i;
    };
    const bool lead = !newline(p) && !reLetter(c[p]) && !reNumber(c[p]);
    const size_t q = p + (lead ? 1 : 0);
    size_t j = q;
    while (upper(j)) ++j;
    // Upper* Lower+: the capitals give back characters until a small letter can start.
    for (size_t k = j + 1; k-- > q;) {
        if (lower(k)) return lowerRunEnd(k) - p;
    }
    if (j > q) return lowerRunEnd(j) - p;  // Upper+ Lower*
    if (reNumber(c[p])) return 1;
    const size_t s = p + (c[p] == ' ' ? 1 : 0);
    auto other = [&](size_t i) { return i < e && !reSpace(c[i]) && !reLetter(c[i]) && !reNumber(c[i]); };
    if (other(s)) {
        size_t end = s;
        while (other(end)) ++end;
        while (newline(end) || (end < e && c[end] == '/')) ++end;
        return end - p;
    }
    size_t n = 0;
    size_t afterNewline = 0;
    while (p + n < e && reSpace(c[p + n])) {
        if (newline(p + n)) afterNewline = p + n + 1;
        ++n;
    }
    if (afterNewline > 0) return afterNewline - p;
    if (n > 1 && p + n < e) return n - 1;
    return n > 0 ? n : 1;
}

void splitTekken(std::span<const uint32_t> cps, size_t begin, size_t end, std::vector<size_t>& ends) {
    for (size_t p = begin; p < end;) {
        p += tekkenMatchAt(cps, p, end);
        ends.push_back(p);
    }
}

// ---- expressions scanned as "find the leftmost match, keep it and the gap before it" ----

struct Match {
    size_t begin;
    size_t end;
};

// Leftmost match at or after `from` within [from, end); begin == end means none.
template <class Find>
void splitByMatches(size_t begin, size_t end, Find find, std::vector<size_t>& ends) {
    size_t pos = begin;
    while (pos < end) {
        const Match m = find(pos, end);
        if (m.begin >= m.end) break;
        if (m.begin > pos) ends.push_back(m.begin);
        ends.push_back(m.end);
        pos = m.end;
    }
    if (pos < end) ends.push_back(end);
}

template <class Pred>
auto runOf(std::span<const uint32_t> cps, Pred pred) {
    return [cps, pred](size_t from, size_t end) -> Match {
        size_t p = from;
        while (p < end && !pred(cps[p])) ++p;
        size_t q = p;
        while (q < end && pred(cps[q])) ++q;
        return {p, q};
    };
}

template <class Pred>
auto singleOf(std::span<const uint32_t> cps, Pred pred) {
    return [cps, pred](size_t from, size_t end) -> Match {
        for (size_t p = from; p < end; ++p)
            if (pred(cps[p])) return {p, p + 1};
        return {end, end};
    };
}

// \s?X+ where X never contains white space
template <class Space, class Pred>
auto optionalSpaceThenRun(std::span<const uint32_t> cps, Space space, Pred pred) {
    return [cps, space, pred](size_t from, size_t end) -> Match {
        for (size_t p = from; p < end; ++p) {
            size_t start = end;
            if (space(cps[p]) && p + 1 < end && pred(cps[p + 1])) start = p;
            else if (pred(cps[p])) start = p;
            if (start == end) continue;
            size_t q = start == p && space(cps[p]) ? p + 1 : p;
            while (q < end && pred(cps[q])) ++q;
            return {start, q};
        }
        return {end, end};
    };
}

auto digitTriples(std::span<const uint32_t> cps) {
    return [cps](size_t from, size_t end) -> Match {
        for (size_t p = from; p + 3 <= end; ++p)
            if (asciiDigit(cps[p]) && asciiDigit(cps[p + 1]) && asciiDigit(cps[p + 2])) return {p, p + 3};
        return {end, end};
    };
}

// \s+$ : the white space that ends the piece.
auto trailingSpace(std::span<const uint32_t> cps) {
    return [cps](size_t from, size_t end) -> Match {
        size_t p = end;
        while (p > from && asciiSpace(wide(cps[p - 1]))) --p;
        return {p, end};
    };
}

using Stage = void (*)(std::span<const uint32_t>, size_t, size_t, std::vector<size_t>&);

// Runs one stage over every current piece.
template <class F>
void refine(std::span<const uint32_t> cps, std::vector<size_t>& ends, F stage) {
    std::vector<size_t> next;
    next.reserve(ends.size() * 2);
    size_t begin = 0;
    for (size_t end : ends) {
        stage(cps, begin, end, next);
        begin = end;
    }
    ends.swap(next);
}

void stageGpt2(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) { splitGpt2(cps, b, e, out); }
void stageLlama3(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) { splitLlama3(cps, b, e, 3, out); }
void stageQwen2(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) { splitLlama3(cps, b, e, 1, out); }
void stageTekken(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) { splitTekken(cps, b, e, out); }

void stageSingleDigit(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    splitByMatches(b, e, singleOf(cps, reNumber), out);
}
void stageDigitRuns(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    splitByMatches(b, e, runOf(cps, reNumber), out);
}
void stageDigitTriples(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    splitByMatches(b, e, digitTriples(cps), out);
}
void stageNewline(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    splitByMatches(b, e, singleOf(cps, [](uint32_t c) { return c == '\r' || c == '\n'; }), out);
}
// [\p{P}\$\+<=>\^~\|]+
void stageDefaultPunct(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    auto pred = [](uint32_t c) {
        return rePunct(c) || c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '~' || c == '|';
    };
    splitByMatches(b, e, runOf(cps, pred), out);
}
// [\p{P}\$\+<=>\^~\|`]+
void stageFalconPunct(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    auto pred = [](uint32_t c) {
        return rePunct(c) || c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '~' ||
               c == '|' || c == '`';
    };
    splitByMatches(b, e, runOf(cps, pred), out);
}
void stageDeepseekCjk(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    splitByMatches(b, e, runOf(cps, [](uint32_t c) { return inRanges(kDeepseekCjk, wide(c)); }), out);
}
void stageDeepseekLetters(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    auto space = [](uint32_t c) { return asciiSpace(wide(c)); };
    auto pred = [](uint32_t c) { return inRanges(kDeepseekCasedLetters, wide(c)); };
    splitByMatches(b, e, optionalSpaceThenRun(cps, space, pred), out);
}
void stageDeepseekPunct(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    auto space = [](uint32_t c) { return asciiSpace(wide(c)); };
    auto pred = [](uint32_t c) { return inRanges(kDeepseekPunct, wide(c)); };
    splitByMatches(b, e, optionalSpaceThenRun(cps, space, pred), out);
}
void stageTrailingSpace(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    splitByMatches(b, e, trailingSpace(cps), out);
}
void stageCoderLetters(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    splitByMatches(b, e, optionalSpaceThenRun(cps, reSpace, reLetter), out);
}
void stageCoderPunct(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    splitByMatches(b, e, optionalSpaceThenRun(cps, reSpace, rePunct), out);
}
// " ?[^(\s|.,!?…。，、।۔،)]+" : an optional plain space, then anything up to white space or a stop.
void stageBloom(std::span<const uint32_t> cps, size_t b, size_t e, std::vector<size_t>& out) {
    auto pred = [](uint32_t c) {
        const uint32_t w = wide(c);
        if (asciiSpace(w)) return false;
        return std::find(std::begin(kBloomStops), std::end(kBloomStops), w) == std::end(kBloomStops);
    };
    splitByMatches(b, e, optionalSpaceThenRun(cps, [](uint32_t c) { return c == ' '; }, pred), out);
}

struct NamedPre {
    std::string_view name;
    PreTokenizerConfig config;
};

constexpr PreTokenizerConfig cfg(PreTokenizerKind k, bool ignoreMerges = false, bool addBos = false,
                                 bool noClean = false, bool noBos = false) {
    return PreTokenizerConfig{k, ignoreMerges, addBos, noClean, noBos};
}

// `tokenizer.ggml.pre` names as llama.cpp's converter writes them.
constexpr NamedPre kNames[] = {
    {"default", cfg(PreTokenizerKind::Default)},
    {"llama3", cfg(PreTokenizerKind::Llama3, true, true)},
    {"llama-v3", cfg(PreTokenizerKind::Llama3, true, true)},
    {"llama-bpe", cfg(PreTokenizerKind::Llama3, true, true)},
    {"falcon3", cfg(PreTokenizerKind::Llama3, true, true)},
    {"dbrx", cfg(PreTokenizerKind::Llama3)},
    {"smaug-bpe", cfg(PreTokenizerKind::Llama3)},
    {"chatglm-bpe", cfg(PreTokenizerKind::Llama3, false, false, false, true)},
    {"deepseek-llm", cfg(PreTokenizerKind::DeepseekLlm, false, false, true)},
    {"deepseek-coder", cfg(PreTokenizerKind::DeepseekCoder, false, false, true)},
    {"falcon", cfg(PreTokenizerKind::Falcon)},
    {"mpt", cfg(PreTokenizerKind::Gpt2)},
    {"gpt-2", cfg(PreTokenizerKind::Gpt2)},
    {"phi-2", cfg(PreTokenizerKind::Gpt2)},
    {"jina-es", cfg(PreTokenizerKind::Gpt2)},
    {"jina-de", cfg(PreTokenizerKind::Gpt2)},
    {"gigachat", cfg(PreTokenizerKind::Gpt2)},
    {"jina-v1-en", cfg(PreTokenizerKind::Gpt2)},
    {"jina-v2-es", cfg(PreTokenizerKind::Gpt2)},
    {"jina-v2-de", cfg(PreTokenizerKind::Gpt2)},
    {"jina-v2-code", cfg(PreTokenizerKind::Gpt2)},
    {"roberta-bpe", cfg(PreTokenizerKind::Gpt2)},
    {"olmo", cfg(PreTokenizerKind::Gpt2)},
    {"jais", cfg(PreTokenizerKind::Gpt2)},
    {"starcoder", cfg(PreTokenizerKind::Starcoder)},
    {"refact", cfg(PreTokenizerKind::Starcoder)},
    {"command-r", cfg(PreTokenizerKind::Starcoder, false, false, true)},
    {"smollm", cfg(PreTokenizerKind::Starcoder, false, false, true)},
    {"codeshell", cfg(PreTokenizerKind::Starcoder)},
    {"exaone", cfg(PreTokenizerKind::Starcoder)},
    {"minerva-7b", cfg(PreTokenizerKind::Starcoder)},
    {"qwen2", cfg(PreTokenizerKind::Qwen2, false, false, true)},
    {"deepseek-r1-qwen", cfg(PreTokenizerKind::Qwen2, false, false, true)},
    {"megrez", cfg(PreTokenizerKind::Qwen2)},
    {"stablelm2", cfg(PreTokenizerKind::Qwen2)},
    {"poro-chat", cfg(PreTokenizerKind::Bloom, false, false, true)},
    {"bloom", cfg(PreTokenizerKind::Bloom)},
    {"gpt3-finnish", cfg(PreTokenizerKind::Bloom)},
    {"viking", cfg(PreTokenizerKind::Viking, false, false, true)},
    {"tekken", cfg(PreTokenizerKind::Tekken, true, true, true)},
};

}  // namespace

std::optional<PreTokenizerConfig> preTokenizerForName(std::string_view name) {
    for (const NamedPre& n : kNames)
        if (n.name == name) return n.config;
    return std::nullopt;
}

void preTokenize(PreTokenizerKind kind, std::span<const uint32_t> cps, std::vector<size_t>& out) {
    if (cps.empty()) return;
    std::vector<size_t> ends{cps.size()};
    auto run = [&](Stage stage) { refine(cps, ends, stage); };
    switch (kind) {
        case PreTokenizerKind::Default:
            run(stageDefaultPunct);
            run(stageGpt2);
            run(stageDigitRuns);
            run(stageDigitTriples);
            break;
        case PreTokenizerKind::Gpt2:
            run(stageGpt2);
            break;
        case PreTokenizerKind::Llama3:
            run(stageLlama3);
            break;
        case PreTokenizerKind::Qwen2:
            run(stageQwen2);
            break;
        case PreTokenizerKind::DeepseekLlm:
            run(stageNewline);
            run(stageDeepseekLetters);
            run(stageDeepseekPunct);
            run(stageTrailingSpace);
            run(stageDeepseekCjk);
            run(stageDigitRuns);
            break;
        case PreTokenizerKind::DeepseekCoder:
            run(stageNewline);
            run(stageCoderLetters);
            run(stageCoderPunct);
            run(stageDeepseekCjk);
            run(stageSingleDigit);
            break;
        case PreTokenizerKind::Falcon:
            run(stageFalconPunct);
            run(stageGpt2);
            run(stageDigitTriples);
            break;
        case PreTokenizerKind::Starcoder:
            run(stageSingleDigit);
            run(stageGpt2);
            break;
        case PreTokenizerKind::Tekken:
            run(stageTekken);
            break;
        case PreTokenizerKind::Bloom:
            run(stageBloom);
            break;
        case PreTokenizerKind::Viking:
            run(stageBloom);
            run(stageSingleDigit);
            break;
    }
    out.insert(out.end(), ends.begin(), ends.end());
}

}  // namespace qd
