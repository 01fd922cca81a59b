#include "core/tokenizer/tokenizer.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/gguf/gguf_file.h"
#include "core/tokenizer/tokenizer_data.h"
#include "core/tokenizer/unicode.h"

namespace qd {
namespace {

constexpr std::string_view kSpaceMark = "\xE2\x96\x81";  // U+2581 "▁", SentencePiece's space

// tokenizer.ggml.token_type values (stored on disk; never renumber).
uint16_t attrFromTokenType(int64_t type) {
    switch (type) {
        case 1: return kTokenNormal;
        case 2: return kTokenUnknown;
        case 3: return kTokenControl;
        case 4: return kTokenUserDefined;
        case 5: return kTokenUnused;
        case 6: return kTokenByte;
        default: return kTokenUndefined;
    }
}

std::string replaceAll(std::string_view text, std::string_view from, std::string_view to) {
    std::string out;
    out.reserve(text.size());
    size_t pos = 0;
    while (true) {
        const size_t hit = text.find(from, pos);
        if (hit == std::string_view::npos) break;
        out.append(text.substr(pos, hit - pos));
        out.append(to);
        pos = hit + from.size();
    }
    out.append(text.substr(pos));
    return out;
}

// Token texts that mark the end of a turn or of generation, by the names chat models use.
constexpr std::string_view kEotNames[] = {"<|eot_id|>",    "<|im_end|>", "<|end|>", "<end_of_turn>",
                                          "<|endoftext|>", "<EOT>",      "<\xEF\xBD\x9C" "end\xE2\x96\x81" "of\xE2\x96\x81" "sentence\xEF\xBD\x9C>"};
constexpr std::string_view kEogNames[] = {"<|eot_id|>",    "<|im_end|>", "<|end|>", "<end_of_turn>",
                                          "<|endoftext|>", "<|eom_id|>", "<EOT>"};

// A stretch of the input: plain text [begin, end) or one special token.
struct Fragment {
    int32_t token = kNoToken;
    size_t begin = 0;
    size_t end = 0;
};

// Cuts `text` at every occurrence of a special token, longest tokens first, so that a token that
// contains another wins. White space next to a token with the lstrip/rstrip attribute is dropped.
std::vector<Fragment> cutAtSpecialTokens(const Tokenizer::Data& d, std::string_view text, bool parseSpecial) {
    std::vector<Fragment> frags;
    if (!text.empty()) frags.push_back(Fragment{kNoToken, 0, text.size()});
    auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    for (int32_t id : d.specialByLength) {
        const uint16_t attr = d.attrs[id];
        if (!parseSpecial && (attr & (kTokenControl | kTokenUnknown))) continue;
        const std::string& tok = d.texts[id];
        std::vector<Fragment> next;
        next.reserve(frags.size());
        for (const Fragment& f : frags) {
            if (f.token != kNoToken) {
                next.push_back(f);
                continue;
            }
            size_t begin = f.begin;
            while (begin < f.end) {
                const size_t hit = text.substr(0, f.end).find(tok, begin);
                if (hit == std::string_view::npos) break;
                size_t leftEnd = hit;
                if (attr & kTokenLstrip)
                    while (leftEnd > begin && isSpace(text[leftEnd - 1])) --leftEnd;
                if (leftEnd > begin) next.push_back(Fragment{kNoToken, begin, leftEnd});
                next.push_back(Fragment{id, 0, 0});
                begin = hit + tok.size();
                if (attr & kTokenRstrip)
                    while (begin < f.end && isSpace(text[begin])) ++begin;
            }
            if (begin < f.end) next.push_back(Fragment{kNoToken, begin, f.end});
        }
        frags.swap(next);
    }
    return frags;
}

// llama.cpp's clean-up of BPE/WordPiece output: " ?" " !" " ." " ," lose their space, a lone " ' "
// loses both, and " 's" " 'm" " 're" " 've" lose the space before the apostrophe.
std::string cleanSpaces(std::string s) {
    auto pass = [](std::string& t, auto&& body) {
        if (t.empty()) return;
        size_t total = 1;
        for (size_t i = 1; i < t.size(); ++i) body(t, i, total);
        t.resize(total);
    };
    pass(s, [](std::string& t, size_t i, size_t& total) {
        const char x = t[i];
        if (t[i - 1] == ' ' && (x == '?' || x == '!' || x == '.' || x == ',')) --total;
        t[total++] = x;
    });
    {
        // " ' " -> "'": in place, blanking the space after the apostrophe as llama.cpp does (a later
        // look-behind then sees that NUL, not a space).
        const size_t n = s.size();
        size_t total = n ? 1 : 0;
        for (size_t i = 1; i < n; ++i) {
            const char x = s[i];
            if (x == '\'' && i + 1 < n && s[i - 1] == ' ' && s[i + 1] == ' ') {
                --total;
                s[++i] = '\0';
            }
            s[total++] = x;
        }
        s.resize(total);
    }
    pass(s, [](std::string& t, size_t i, size_t& total) {
        const char x = t[i];
        if (t[i - 1] == ' ' && x == '\'' && i + 1 < t.size()) {
            const char x1 = t[i + 1];
            if (x1 == 's' || x1 == 'm') --total;
            else if (i + 2 < t.size()) {
                const char x2 = t[i + 2];
                if ((x1 == 'r' && x2 == 'e') || (x1 == 'v' && x2 == 'e')) --total;
            }
        }
        t[total++] = x;
    });
    return s;
}

std::string pieceForCache(const Tokenizer::Data& d, int32_t id) {
    const uint16_t attr = d.attrs[id];
    const std::string& text = d.texts[id];
    if (attr & (kTokenUnknown | kTokenControl | kTokenUserDefined)) return text;
    if (d.model == TokenizerModel::BytePairs) {
        if (!(attr & kTokenNormal)) return {};
        std::string bytes;
        for (size_t pos = 0; pos < text.size();) {
            const uint32_t cp = decodeUtf8At(text, pos);
            const int b = bpeCharToByte(cp);
            if (b >= 0) bytes.push_back(static_cast<char>(b));
            else appendUtf8(bytes, cp);  // not a byte character: keep it as text
        }
        return bytes;
    }
    if (attr & kTokenNormal) return replaceAll(text, kSpaceMark, " ");
    if ((attr & kTokenByte) && text.size() == 6 && text.compare(0, 3, "<0x") == 0) {
        const auto hex = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        };
        const int hi = hex(text[3]);
        const int lo = hex(text[4]);
        if (hi >= 0 && lo >= 0) return std::string(1, static_cast<char>(hi * 16 + lo));
    }
    return {};
}

void readSpecialId(const GgufFile& f, std::string_view key, size_t n, int32_t& id, std::vector<std::string>& warnings) {
    // Not a usable id (wrong type, negative, out of range): keep the default, as llama.cpp does, and say so.
    const GgufValue* v = f.find(key);
    if (!v) return;
    const auto u = v->toUInt();
    if (u && *u < n) {
        id = static_cast<int32_t>(*u);
        return;
    }
    warnings.push_back(u ? std::string(key) + " " + std::to_string(*u) + " is outside the vocabulary of " +
                               std::to_string(n) + " tokens; ignored"
                         : std::string(key) + " is not a token id; ignored");
}

}  // namespace

Tokenizer::Tokenizer() = default;
Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(const Tokenizer&) = default;
Tokenizer& Tokenizer::operator=(const Tokenizer&) = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::Tokenizer(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}

Result<Tokenizer> Tokenizer::fromGguf(const GgufFile& f) {
    auto d = std::make_shared<Data>();

    const auto modelName = f.getString("tokenizer.ggml.model");
    if (!modelName) return fail("the file has no tokenizer (tokenizer.ggml.model is missing)");
    d->modelName = *modelName;
    if (*modelName == "llama") {
        d->model = TokenizerModel::SentencePiece;
        d->bos = 1;
        d->eos = 2;
        d->unk = 0;
        d->addSpacePrefix = true;
        d->addBos = true;
    } else if (*modelName == "gpt2") {
        d->model = TokenizerModel::BytePairs;
        d->bos = 11;
        d->eos = 11;
        d->cleanSpaces = true;
    } else if (*modelName == "bert") {
        d->model = TokenizerModel::WordPiece;
        d->bos = 101;
        d->unk = 100;
        d->sep = 102;
        d->pad = 0;
        d->mask = 103;
        d->cleanSpaces = true;
        d->addBos = true;
    } else {
        return fail("tokenizer model '" + *modelName + "' is not supported (supported: llama, gpt2, bert)");
    }

    d->preName = f.getString("tokenizer.ggml.pre").value_or("");
    if (d->model == TokenizerModel::BytePairs) {
        const auto pre = preTokenizerForName(d->preName.empty() ? "default" : d->preName);
        if (!pre) return fail("pre-tokenizer '" + d->preName + "' is not supported");
        d->pre = *pre;
        if (pre->forceAddBos) d->addBos = true;
        if (pre->noCleanSpaces) d->cleanSpaces = false;
        if (pre->noBos) d->bos = kNoToken;
    }
    if (auto v = f.getBool("tokenizer.ggml.add_space_prefix")) d->addSpacePrefix = *v;

    // Vocabulary
    const GgufValue* tokens = f.find("tokenizer.ggml.tokens");
    if (!tokens || !tokens->isArray() || tokens->arrayType() != GgufValueType::String)
        return fail("tokenizer.ggml.tokens is missing or not an array of strings");
    const size_t n = tokens->arrayStrings().size();
    if (n == 0) return fail("tokenizer.ggml.tokens is empty");
    if (n > static_cast<size_t>(INT32_MAX)) return fail("tokenizer.ggml.tokens is too long");
    d->texts = tokens->arrayStrings();
    d->scores.assign(n, 0.0f);
    d->attrs.assign(n, kTokenNormal);

    if (const GgufValue* scores = f.find("tokenizer.ggml.scores")) {
        if (!scores->isArray() || scores->arraySize() != n)
            return fail("tokenizer.ggml.scores does not have one entry per token");
        if (scores->arrayType() == GgufValueType::Float32) {
            std::memcpy(d->scores.data(), scores->arrayRaw().data(), n * sizeof(float));
        } else {
            for (size_t i = 0; i < n; ++i) d->scores[i] = static_cast<float>(scores->arrayNumber(i));
        }
    }
    if (const GgufValue* types = f.find("tokenizer.ggml.token_type")) {
        if (!types->isArray() || types->arraySize() != n)
            return fail("tokenizer.ggml.token_type does not have one entry per token");
        for (size_t i = 0; i < n; ++i) d->attrs[i] = attrFromTokenType(types->arrayInt(i));
    }
    d->byText.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        std::string& text = d->texts[i];
        if (text.empty()) text = "[EMPTY_" + std::to_string(i) + "]";
        d->byText[text] = static_cast<int32_t>(i);  // a repeated text maps to its last id
        d->maxTokenBytes = std::max(d->maxTokenBytes, text.size());
    }

    if (d->model == TokenizerModel::BytePairs) {
        const GgufValue* merges = f.find("tokenizer.ggml.merges");
        if (!merges || !merges->isArray() || merges->arrayType() != GgufValueType::String)
            return fail("tokenizer.ggml.merges is missing or not an array of strings");
        const auto& list = merges->arrayStrings();
        d->mergeRank.reserve(list.size());
        for (size_t i = 0; i < list.size(); ++i) {
            // "left right", split at the first space after the first byte
            const size_t space = list[i].find(' ', 1);
            const std::string key = space == std::string::npos ? std::string(" ") : list[i];
            d->mergeRank.emplace(key, static_cast<int32_t>(i));
        }
    }

    // Special ids (the file overrides the per-model defaults)
    struct IdKey {
        std::string_view key;
        int32_t Data::*field;
    };
    static constexpr IdKey kIdKeys[] = {
        {"tokenizer.ggml.bos_token_id", &Data::bos},      {"tokenizer.ggml.eos_token_id", &Data::eos},
        {"tokenizer.ggml.eot_token_id", &Data::eot},      {"tokenizer.ggml.eom_token_id", &Data::eom},
        {"tokenizer.ggml.unknown_token_id", &Data::unk},  {"tokenizer.ggml.seperator_token_id", &Data::sep},
        {"tokenizer.ggml.padding_token_id", &Data::pad},  {"tokenizer.ggml.mask_token_id", &Data::mask},
        {"tokenizer.ggml.fim_pre_token_id", &Data::fimPre}, {"tokenizer.ggml.fim_suf_token_id", &Data::fimSuf},
        {"tokenizer.ggml.fim_mid_token_id", &Data::fimMid}, {"tokenizer.ggml.fim_pad_token_id", &Data::fimPad},
        {"tokenizer.ggml.fim_rep_token_id", &Data::fimRep}, {"tokenizer.ggml.fim_sep_token_id", &Data::fimSep},
        {"tokenizer.ggml.prefix_token_id", &Data::fimPre}, {"tokenizer.ggml.suffix_token_id", &Data::fimSuf},
        {"tokenizer.ggml.middle_token_id", &Data::fimMid},
    };
    for (const IdKey& k : kIdKeys) {
        readSpecialId(f, k.key, n, (*d).*(k.field), d->warnings);
    }
    for (int32_t* id : {&d->bos, &d->eos, &d->unk, &d->sep, &d->pad, &d->mask})
        if (*id != kNoToken && size_t(*id) >= n) *id = kNoToken;  // a default that this vocabulary lacks
    if (auto v = f.getBool("tokenizer.ggml.add_bos_token")) d->addBos = *v;
    if (auto v = f.getBool("tokenizer.ggml.add_eos_token")) d->addEos = *v;
    if (d->addBos && d->bos == kNoToken) d->addBos = false;
    if (d->addEos && d->eos == kNoToken) d->addEos = false;

    // Chat-model conventions recognised by token text; such tokens are control tokens whatever the
    // file says (otherwise they would be matched as user text).
    auto markControl = [&](int32_t id) {
        d->attrs[id] = static_cast<uint16_t>((d->attrs[id] & ~kTokenNormal) | kTokenControl);
    };
    auto findFirst = [&](std::initializer_list<std::string_view> names) {
        for (std::string_view name : names)
            if (int32_t id = d->lookup(name); id != kNoToken) return id;
        return kNoToken;
    };
    if (d->eot == kNoToken) {
        for (std::string_view name : kEotNames) {
            if (int32_t id = d->lookup(name); id != kNoToken) {
                d->eot = id;
                markControl(id);
                break;
            }
        }
    }
    struct AutoId {
        int32_t Data::*field;
        std::initializer_list<std::string_view> names;
    };
    const AutoId autoIds[] = {
        {&Data::eom, {"<|eom_id|>"}},
        {&Data::fimPre, {"<|fim_prefix|>", "<fim-prefix>", "<\xEF\xBD\x9C" "fim\xE2\x96\x81" "begin\xEF\xBD\x9C>", "<PRE>"}},
        {&Data::fimSuf, {"<|fim_suffix|>", "<fim-suffix>", "<\xEF\xBD\x9C" "fim\xE2\x96\x81" "hole\xEF\xBD\x9C>", "<SUF>"}},
        {&Data::fimMid, {"<|fim_middle|>", "<fim-middle>", "<\xEF\xBD\x9C" "fim\xE2\x96\x81" "end\xEF\xBD\x9C>", "<MID>"}},
        {&Data::fimPad, {"<|fim_pad|>", "<fim-pad>", "<PAD>"}},
        {&Data::fimRep, {"<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>"}},
        {&Data::fimSep, {"<|file_sep|>"}},
    };
    for (const AutoId& a : autoIds) {
        int32_t& field = (*d).*(a.field);
        if (field != kNoToken) continue;
        field = findFirst(a.names);
        if (field != kNoToken) markControl(field);
    }
    std::vector<int32_t> eog;
    for (int32_t id : {d->fimPad, d->fimRep, d->fimSep, d->eos, d->eot, d->eom})
        if (id != kNoToken) eog.push_back(id);
    for (std::string_view name : kEogNames) {
        if (int32_t id = d->lookup(name); id != kNoToken) {
            eog.push_back(id);
            markControl(id);
        }
    }
    std::sort(eog.begin(), eog.end());
    eog.erase(std::unique(eog.begin(), eog.end()), eog.end());
    d->endOfGeneration = std::move(eog);

    for (size_t i = 0; i < n; ++i)
        if (d->attrs[i] & (kTokenControl | kTokenUserDefined | kTokenUnknown))
            d->specialByLength.push_back(static_cast<int32_t>(i));
    std::stable_sort(d->specialByLength.begin(), d->specialByLength.end(),
                     [&](int32_t a, int32_t b) { return d->texts[a].size() > d->texts[b].size(); });

    // Per-model strip rules llama.cpp applies by name (the attributes are not in GGUF files).
    std::string lowerName = f.getString("general.name").value_or("");
    for (char& c : lowerName) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto setAttr = [&](int32_t id, uint16_t bit, bool on) {
        if (id == kNoToken) return;
        d->attrs[id] = static_cast<uint16_t>(on ? (d->attrs[id] | bit) : (d->attrs[id] & ~bit));
    };
    if (d->preName.find("jina-v2-de") != std::string::npos || d->preName.find("jina-v2-es") != std::string::npos ||
        d->preName.find("jina-v2-code") != std::string::npos) {
        setAttr(d->lookup("<mask>"), kTokenLstrip, true);
    } else if (lowerName.find("phi-3") != std::string::npos || lowerName.find("phi3") != std::string::npos) {
        for (int32_t id : d->specialByLength) setAttr(id, kTokenRstrip, true);
        setAttr(d->lookup("</s>"), kTokenRstrip, true);
        for (std::string_view t : {"<unk>", "<s>", "<|endoftext|>"}) setAttr(d->lookup(t), kTokenRstrip, false);
    }

    for (int b = 0; b < 256; ++b) d->byteTokens[b] = byteToken(*d, static_cast<uint8_t>(b));
    d->pieces.resize(n);
    for (size_t i = 0; i < n; ++i) d->pieces[i] = pieceForCache(*d, static_cast<int32_t>(i));

    if (d->model == TokenizerModel::SentencePiece) {
        d->newline = d->byteTokens['\n'];
    } else if (d->model == TokenizerModel::WordPiece) {
        d->newline = d->pad;
    } else {
        std::vector<int32_t> ids;
        encodeBytePairs(*d, "\n", ids);
        d->newline = ids.empty() ? d->pad : ids.front();
    }
    return Tokenizer(std::move(d));
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool addSpecial, bool parseSpecial) const {
    std::vector<int32_t> out;
    if (!m_data) return out;
    const Data& d = *m_data;
    const std::vector<Fragment> frags = cutAtSpecialTokens(d, text, parseSpecial);
    switch (d.model) {
        case TokenizerModel::SentencePiece: {
            if (addSpecial && d.addBos) out.push_back(d.bos);
            bool afterSpecial = true;  // the text start counts as "after a special token"
            std::string buffer;
            for (const Fragment& f : frags) {
                if (f.token != kNoToken) {
                    out.push_back(f.token);
                    afterSpecial = true;
                    continue;
                }
                buffer.clear();
                if (d.addSpacePrefix && afterSpecial) buffer.push_back(' ');
                buffer.append(text.substr(f.begin, f.end - f.begin));
                encodeSentencePiece(d, replaceAll(buffer, " ", kSpaceMark), out);
                afterSpecial = false;
            }
            if (addSpecial && d.addEos) out.push_back(d.eos);
            break;
        }
        case TokenizerModel::BytePairs: {
            if (addSpecial && d.addBos) out.push_back(d.bos);
            for (const Fragment& f : frags) {
                if (f.token != kNoToken) out.push_back(f.token);
                else encodeBytePairs(d, text.substr(f.begin, f.end - f.begin), out);
            }
            if (addSpecial && d.addEos) out.push_back(d.eos);
            break;
        }
        case TokenizerModel::WordPiece: {
            if (addSpecial && d.bos != kNoToken) out.push_back(d.bos);
            for (const Fragment& f : frags) {
                if (f.token != kNoToken) out.push_back(f.token);
                else encodeWordPiece(d, text.substr(f.begin, f.end - f.begin), out);
            }
            if (addSpecial && d.sep != kNoToken) out.push_back(d.sep);
            break;
        }
    }
    return out;
}

std::string Tokenizer::tokenToPiece(int32_t id, bool renderSpecial) const {
    if (!m_data || !m_data->valid(id)) return {};
    if (!renderSpecial && (m_data->attrs[id] & (kTokenControl | kTokenUnknown))) return {};
    return m_data->pieces[id];
}

std::string Tokenizer::decode(std::span<const int32_t> ids, DecodeOptions options) const {
    std::string out;
    if (!m_data) return out;
    const Data& d = *m_data;
    bool dropSpace = d.addSpacePrefix;
    if (options.removeSpecial && d.addBos && !ids.empty() && ids.front() == d.bos) {
        dropSpace = false;
        ids = ids.subspan(1);
    }
    if (options.removeSpecial && d.addEos && !ids.empty() && ids.back() == d.eos) ids = ids.first(ids.size() - 1);
    for (int32_t id : ids) {
        std::string piece = tokenToPiece(id, options.renderSpecial);
        if (dropSpace && !piece.empty() && piece.front() == ' ') piece.erase(0, 1);
        dropSpace = false;
        out += piece;
    }
    if (d.cleanSpaces) out = cleanSpaces(std::move(out));
    return out;
}

TokenizerModel Tokenizer::model() const { return m_data ? m_data->model : TokenizerModel::SentencePiece; }
const std::string& Tokenizer::modelName() const {
    static const std::string kEmpty;
    return m_data ? m_data->modelName : kEmpty;
}
const std::string& Tokenizer::preTokenizerName() const {
    static const std::string kEmpty;
    return m_data ? m_data->preName : kEmpty;
}
size_t Tokenizer::vocabSize() const { return m_data ? m_data->texts.size() : 0; }
const std::vector<std::string>& Tokenizer::warnings() const {
    static const std::vector<std::string> kNone;
    return m_data ? m_data->warnings : kNone;
}
std::string_view Tokenizer::tokenText(int32_t id) const {
    return (m_data && m_data->valid(id)) ? std::string_view(m_data->texts[id]) : std::string_view();
}
float Tokenizer::tokenScore(int32_t id) const { return (m_data && m_data->valid(id)) ? m_data->scores[id] : 0.0f; }
uint16_t Tokenizer::tokenAttrs(int32_t id) const { return (m_data && m_data->valid(id)) ? m_data->attrs[id] : 0; }
int32_t Tokenizer::findToken(std::string_view text) const { return m_data ? m_data->lookup(text) : kNoToken; }
bool Tokenizer::isControl(int32_t id) const { return (tokenAttrs(id) & kTokenControl) != 0; }
int32_t Tokenizer::bos() const { return m_data ? m_data->bos : kNoToken; }
int32_t Tokenizer::eos() const { return m_data ? m_data->eos : kNoToken; }
int32_t Tokenizer::eot() const { return m_data ? m_data->eot : kNoToken; }
int32_t Tokenizer::unk() const { return m_data ? m_data->unk : kNoToken; }
int32_t Tokenizer::sep() const { return m_data ? m_data->sep : kNoToken; }
int32_t Tokenizer::pad() const { return m_data ? m_data->pad : kNoToken; }
int32_t Tokenizer::newline() const { return m_data ? m_data->newline : kNoToken; }
bool Tokenizer::addsBos() const { return m_data && m_data->addBos; }
bool Tokenizer::addsEos() const { return m_data && m_data->addEos; }
bool Tokenizer::addsSpacePrefix() const { return m_data && m_data->addSpacePrefix; }
bool Tokenizer::isEndOfGeneration(int32_t id) const {
    return m_data && std::binary_search(m_data->endOfGeneration.begin(), m_data->endOfGeneration.end(), id);
}
const std::vector<int32_t>& Tokenizer::endOfGenerationIds() const {
    static const std::vector<int32_t> kEmpty;
    return m_data ? m_data->endOfGeneration : kEmpty;
}

}  // namespace qd
