#include "core/convert/hf_vocab.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>

#include "core/common/mapped_file.h"
#include "core/convert/json_file.h"
#include "core/convert/sentencepiece_model.h"
#include "core/model/model_limits.h"

namespace qd {

namespace {

const char* kLlama3Split =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const char* kQwen2Split =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

// BLOOM's split as its tokenizer.json writes it (Oniguruma syntax: the inner [...] is a nested class, so
// the set is the same as llama.cpp's " ?[^(\\s|.,!?…。，、।۔،)]+" for its "bloom" pre-tokenizer).
const char* kBloomSplit = " ?[^(\\s|[.,!?…。，、।۔،])]+";

// A regex split followed by a byte-level step that does not split again, recognised by its pattern.
struct KnownSplit {
    const char* pattern;
    const char* preName;
};
const KnownSplit kKnownSplits[] = {
    {kLlama3Split, "llama-bpe"},
    {kQwen2Split, "qwen2"},
    {kBloomSplit, "bloom"},
};

bool isByteLevel(const Json& step, bool useRegex) {
    return step["type"].toString() == "ByteLevel" && !step["add_prefix_space"].toBool(false) &&
           step["use_regex"].toBool(true) == useRegex;
}

bool isIsolatedSplit(const Json& step, std::string_view regex) {
    return step["type"].toString() == "Split" && step["behavior"].toString() == "Isolated" &&
           !step["invert"].toBool(false) && step["pattern"]["Regex"].toString() == regex;
}

// Falcon's four steps: runs of punctuation, GPT-2's byte-level regex, digit runs, then digits in threes
// (llama.cpp's "falcon" expressions, in the same order).
bool isFalconSequence(const Json& steps) {
    return steps.size() == 4 && steps[0]["type"].toString() == "Punctuation" &&
           steps[0]["behavior"].toString() == "Contiguous" && isByteLevel(steps[1], true) &&
           steps[2]["type"].toString() == "Digits" && !steps[2]["individual_digits"].toBool(false) &&
           isIsolatedSplit(steps[3], "[0-9][0-9][0-9]");
}

// Special-token kinds in gguf-py's SpecialVocab order, with the GGUF key each one is written to (cls
// has none in llama.cpp, so it is read but never written).
struct SpecialKind {
    const char* kind;
    const char* idKey;
    const char* addKey;
};
const SpecialKind kSpecialKinds[] = {
    {"bos", "tokenizer.ggml.bos_token_id", "tokenizer.ggml.add_bos_token"},
    {"eos", "tokenizer.ggml.eos_token_id", "tokenizer.ggml.add_eos_token"},
    {"unk", "tokenizer.ggml.unknown_token_id", nullptr},
    {"sep", "tokenizer.ggml.seperator_token_id", nullptr},  // sic: llama.cpp's key
    {"pad", "tokenizer.ggml.padding_token_id", nullptr},
    {"cls", nullptr, nullptr},
    {"mask", "tokenizer.ggml.mask_token_id", nullptr},
};
// Kinds only a converter sets by name (gguf-py reads no file for them).
const SpecialKind kConverterKinds[] = {
    {"eot", "tokenizer.ggml.eot_token_id", nullptr},
};

const SpecialKind* specialKind(std::string_view name) {
    for (std::span<const SpecialKind> table : {std::span<const SpecialKind>(kSpecialKinds), std::span<const SpecialKind>(kConverterKinds)})
        for (const SpecialKind& k : table)
            if (name == k.kind) return &k;
    return nullptr;
}

struct TokenTable {
    std::vector<std::string> tokens;
    std::vector<float> scores;
    std::vector<int32_t> types;
};

bool looksSpecial(const std::string& t) {
    if (t == "<pad>" || t == "<mask>" || t == "<2mass>" || t == "[@BOS@]") return true;
    auto wrapped = [&](const char* open, const char* close) {
        const std::string o(open), c(close);
        return t.size() >= o.size() + c.size() && t.compare(0, o.size(), o) == 0 &&
               t.compare(t.size() - c.size(), c.size(), c) == 0;
    };
    return wrapped("<|", "|>") || wrapped("<｜", "｜>") || wrapped("<start_of_", ">") || wrapped("<end_of_", ">");
}

// Replaces SentencePiece's word marker U+2581 with a space (user-defined tokens are stored
// pre-normalised, as llama.cpp expects).
std::string unmarkSpaces(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "\xE2\x96\x81") == 0) {
            out += ' ';
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::optional<Json> optionalJson(const std::filesystem::path& path, Status& status) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    auto j = readJsonFile(path);
    if (!j) {
        status = j.error();
        return std::nullopt;
    }
    return std::move(j.value());
}

// Special token ids, add-flags, chat template and (for BPE) merges, written in gguf-py's order.
struct SpecialVocab {
    std::vector<std::string> merges;
    std::vector<std::pair<const SpecialKind*, uint32_t>> ids;
    std::vector<std::pair<const SpecialKind*, bool>> addFlags;
    std::optional<std::string> chatTemplate;
    std::vector<std::pair<std::string, std::string>> namedTemplates;

    void setId(const SpecialKind& kind, const Json& value, uint64_t nVocab) {
        if (!value.isInteger() || value.toInt() < 0 || static_cast<uint64_t>(value.toInt()) >= nVocab) return;
        for (const auto& [k, id] : ids)
            if (k == &kind) return;  // the first source wins
        ids.emplace_back(&kind, static_cast<uint32_t>(value.toInt()));
    }

    void append(std::vector<GgufKeyValue>& out) const {
        if (!merges.empty()) out.push_back({"tokenizer.ggml.merges", GgufValue::stringArray(merges)});
        for (const auto& [kind, id] : ids)
            if (kind->idKey) out.push_back({kind->idKey, GgufValue::uint32(id)});
        for (const auto& [kind, flag] : addFlags)
            if (kind->addKey) out.push_back({kind->addKey, GgufValue::boolean(flag)});
        if (!namedTemplates.empty()) {
            std::vector<std::string> names;
            for (const auto& [name, text] : namedTemplates) {
                out.push_back({"tokenizer.chat_template." + name, GgufValue::string(text)});
                names.push_back(name);
            }
            out.push_back({"tokenizer.chat_templates", GgufValue::stringArray(names)});
        }
        if (chatTemplate) out.push_back({"tokenizer.chat_template", GgufValue::string(*chatTemplate)});
    }
};

Result<SpecialVocab> loadSpecialVocab(const std::filesystem::path& folder, const Json& config, uint64_t nVocab,
                                      const std::optional<Json>& tokenizerJson, bool loadMerges) {
    SpecialVocab sv;
    if (loadMerges && tokenizerJson) {
        const Json& merges = (*tokenizerJson)["model"]["merges"];
        for (const auto& m : merges.items()) {
            if (m.isString()) {
                sv.merges.push_back(m.toString());
            } else if (m.isArray() && m.size() == 2 && m[0].isString() && m[1].isString()) {
                // The newer pair form may hold spaces; the one-string form marks them as U+0120 ('Ġ').
                std::string joined;
                for (int part = 0; part < 2; ++part) {
                    for (char c : m[part].toString()) joined += c == ' ' ? std::string("\xC4\xA0") : std::string(1, c);
                    if (part == 0) joined += ' ';
                }
                sv.merges.push_back(std::move(joined));
            } else {
                return fail("tokenizer.json has merges in an unknown format");
            }
        }
    }
    Status st;
    auto tokConfig = optionalJson(folder / "tokenizer_config.json", st);
    if (!st) return st.error();
    if (tokConfig) {
        const Json& tpl = (*tokConfig)["chat_template"];
        if (tpl.isString()) {
            sv.chatTemplate = tpl.toString();
        } else if (tpl.isArray()) {
            // A list of named templates: "default" becomes tokenizer.chat_template, others get their own key.
            for (const auto& choice : tpl.items()) {
                std::string name = choice["name"].toString();
                for (char& c : name)
                    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                if (name.empty() || !choice["template"].isString()) continue;
                if (name == "default") sv.chatTemplate = choice["template"].toString();
                else sv.namedTemplates.emplace_back(name, choice["template"].toString());
            }
        }
        const Json empty = Json::array();
        const Json& added = tokenizerJson ? (*tokenizerJson)["added_tokens"] : empty;
        for (const auto& kind : kSpecialKinds) {
            const Json& flag = (*tokConfig)[std::string("add_") + kind.kind + "_token"];
            if (flag.isBool()) sv.addFlags.emplace_back(&kind, flag.toBool());
            const Json& entry = (*tokConfig)[std::string(kind.kind) + "_token"];
            std::string content;
            if (entry.isString()) content = entry.toString();
            else if (entry.isObject() && entry["content"].isString()) content = entry["content"].toString();
            else continue;
            for (const auto& a : added.items()) {
                if (a["content"].isString() && a["content"].toString() == content) {
                    sv.setId(kind, a["id"], nVocab);
                    break;
                }
            }
        }
    }
    for (const auto& kind : kSpecialKinds) sv.setId(kind, config[std::string(kind.kind) + "_token_id"], nVocab);
    return sv;
}

Result<TokenTable> sentencePieceTokens(const std::filesystem::path& folder, const Json& config) {
    auto file = MappedFile::open(folder / "tokenizer.model");
    if (!file) return file.error();
    auto model = parseSentencePieceModel(file->bytes());
    if (!model) return model.error();
    const uint64_t nPieces = model->pieces.size();
    const Json& vs = config["vocab_size"];
    const uint64_t nVocab = vs.isInteger() && vs.toInt() > 0 ? static_cast<uint64_t>(vs.toInt()) : nPieces;
    if (nVocab > limits::kMaxVocabulary) return fail("config.json's vocab_size is implausibly large");

    // Ids the model does not fill stay padding tokens.
    TokenTable t;
    t.tokens.resize(nVocab);
    t.scores.assign(nVocab, -10000.0f);
    t.types.assign(nVocab, int32_t(GgufTokenType::Unused));
    for (uint64_t i = 0; i < nVocab; ++i) t.tokens[i] = "[PAD" + std::to_string(i) + "]";
    for (uint64_t i = 0; i < nPieces && i < nVocab; ++i) {
        const auto& p = model->pieces[i];
        GgufTokenType type = GgufTokenType::Normal;  // user-defined pieces count as normal here, as in llama.cpp
        if (p.type == SpmPieceType::Unknown) type = GgufTokenType::Unknown;
        else if (p.type == SpmPieceType::Control) type = GgufTokenType::Control;
        else if (p.type == SpmPieceType::Unused) type = GgufTokenType::Unused;
        else if (p.type == SpmPieceType::Byte) type = GgufTokenType::Byte;
        t.tokens[i] = p.piece;
        t.scores[i] = p.score;
        t.types[i] = int32_t(type);
    }
    if (nPieces > nVocab)
        return fail("tokenizer.model has " + std::to_string(nPieces) + " pieces but config.json's vocab_size is " +
                    std::to_string(nVocab));

    Status st;
    if (auto added = optionalJson(folder / "added_tokens.json", st)) {
        for (const auto& [text, id] : added->members()) {
            if (!id.isInteger() || id.toInt() < 0 || static_cast<uint64_t>(id.toInt()) >= nVocab) continue;
            const auto i = static_cast<size_t>(id.toInt());
            t.tokens[i] = text;
            t.scores[i] = -1000.0f;
            t.types[i] = int32_t(GgufTokenType::UserDefined);
        }
    }
    if (!st) return st.error();
    if (auto tc = optionalJson(folder / "tokenizer_config.json", st)) {
        for (const auto& [key, data] : (*tc)["added_tokens_decoder"].members()) {
            char* end = nullptr;
            const unsigned long long id = std::strtoull(key.c_str(), &end, 10);
            if (key.empty() || *end != '\0' || id >= nVocab || !data["content"].isString()) continue;
            std::string token = data["content"].toString();
            if (data["special"].toBool() || looksSpecial(token)) {
                t.types[id] = int32_t(GgufTokenType::Control);
            } else {
                token = unmarkSpaces(token);
                t.types[id] = int32_t(GgufTokenType::UserDefined);
            }
            t.scores[id] = -1000.0f;
            t.tokens[id] = std::move(token);
        }
    }
    if (!st) return st.error();
    return t;
}

// ChatGLM3-6B's vocabulary, as its tokenizer code presents it and llama.cpp's converter writes it: the
// SentencePiece pieces, then nine special tokens numbered after them, then padding up to
// padded_vocab_size. The tokenizer hands out "" for its BOS, EOS and pad (= unknown) ids and for ids
// past the pieces, and the converter writes ids 0, 1 and 2 as <unk>, <bos>, <eos> and an empty id past
// the specials as [PADn]. Scores come from the model's pieces; types from their piece types, with
// SentencePiece's user-defined pieces counted as normal.
Result<TokenTable> chatGlm3Tokens(const std::filesystem::path& folder, const Json& config) {
    auto file = MappedFile::open(folder / "tokenizer.model");
    if (!file) return file.error();
    auto model = parseSentencePieceModel(file->bytes());
    if (!model) return model.error();
    static const char* const kSpecials[] = {"[MASK]", "[gMASK]", "[sMASK]", "sop", "eop",
                                            "<|system|>", "<|user|>", "<|assistant|>", "<|observation|>"};
    const uint64_t nPieces = model->pieces.size();
    const uint64_t nWords = nPieces + std::size(kSpecials);
    const Json& padded = config["padded_vocab_size"];
    if (!padded.isInteger() || padded.toInt() <= 0)
        return fail("config.json has no padded_vocab_size, which ChatGLM3's vocabulary needs");
    const uint64_t nVocab = static_cast<uint64_t>(padded.toInt());
    if (nVocab > limits::kMaxVocabulary) return fail("config.json's padded_vocab_size is implausibly large");
    if (nVocab < nWords)
        return fail("config.json's padded_vocab_size (" + std::to_string(nVocab) + ") is smaller than the " +
                    std::to_string(nWords) + " tokens of tokenizer.model and ChatGLM3's special tokens");
    const auto isOneOf = [](int64_t id, std::initializer_list<int64_t> ids) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    TokenTable t;
    for (uint64_t id = 0; id < nVocab; ++id) {
        std::string piece;
        if (id >= nPieces && id < nWords) piece = kSpecials[id - nPieces];
        else if (id < nPieces && !isOneOf(int64_t(id), {model->eosId, model->bosId, model->unkId})) piece = model->pieces[id].piece;
        if (id == 0) piece = "<unk>";
        else if (id == 1) piece = "<bos>";
        else if (id == 2) piece = "<eos>";
        const float score = !piece.empty() && id < nPieces ? model->pieces[id].score : 0.0f;
        GgufTokenType type = GgufTokenType::Normal;
        if (id >= nPieces) {
            if (id < nWords) {
                type = GgufTokenType::Control;
            } else {
                piece = "[PAD" + std::to_string(id) + "]";
                type = GgufTokenType::Unused;
            }
        } else {
            switch (model->pieces[id].type) {
            case SpmPieceType::Unknown: type = GgufTokenType::Unknown; break;
            case SpmPieceType::Control: type = GgufTokenType::Control; break;
            case SpmPieceType::Unused: type = GgufTokenType::Unused; break;
            case SpmPieceType::Byte: type = GgufTokenType::Byte; break;
            default: break;
            }
        }
        t.tokens.push_back(std::move(piece));
        t.scores.push_back(score);
        t.types.push_back(int32_t(type));
    }
    return t;
}

Result<TokenTable> byteLevelBpeTokens(const Json& tok, const Json& config) {
    const Json& vocab = tok["model"]["vocab"];
    if (!vocab.isObject()) return fail("tokenizer.json has no model.vocab");
    std::map<int64_t, std::string> byId;
    for (const auto& [text, id] : vocab.members()) {
        if (!id.isInteger() || id.toInt() < 0) return fail("tokenizer.json gives token '" + text + "' an invalid id");
        byId[id.toInt()] = text;
    }
    std::map<int64_t, const Json*> added;  // id -> added-token entry
    for (const auto& a : tok["added_tokens"].items()) {
        if (!a["id"].isInteger() || a["id"].toInt() < 0 || !a["content"].isString())
            return fail("tokenizer.json has an added token without an id or content");
        added[a["id"].toInt()] = &a;
        byId[a["id"].toInt()] = a["content"].toString();
    }
    const Json& vs = config["vocab_size"];
    const uint64_t nVocab = vs.isInteger() && vs.toInt() > 0 ? static_cast<uint64_t>(vs.toInt()) : byId.size();
    if (nVocab > limits::kMaxVocabulary) return fail("the vocabulary is implausibly large");
    if (!byId.empty() && static_cast<uint64_t>(byId.rbegin()->first) >= nVocab)
        return fail("tokenizer.json has token id " + std::to_string(byId.rbegin()->first) +
                    ", past config.json's vocab_size " + std::to_string(nVocab));

    TokenTable t;
    for (uint64_t i = 0; i < nVocab; ++i) {
        auto it = byId.find(static_cast<int64_t>(i));
        if (it == byId.end()) {
            t.tokens.push_back("[PAD" + std::to_string(i) + "]");
            t.types.push_back(int32_t(GgufTokenType::Unused));
            continue;
        }
        auto a = added.find(static_cast<int64_t>(i));
        std::string text = it->second;
        GgufTokenType type = GgufTokenType::Normal;
        if (a != added.end()) {
            if ((*a->second)["special"].toBool() || looksSpecial(text)) {
                type = GgufTokenType::Control;
            } else {
                text = unmarkSpaces(text);
                type = GgufTokenType::UserDefined;
            }
        }
        t.tokens.push_back(std::move(text));
        t.types.push_back(int32_t(type));
    }
    return t;
}

}  // namespace

Result<std::string> identifyPreTokenizer(const Json& tok) {
    const Json& pre = tok["pre_tokenizer"];
    const std::string& type = pre["type"].toString();
    if (type == "ByteLevel") {
        if (pre["use_regex"].toBool(true) && !pre["add_prefix_space"].toBool(false)) return std::string("gpt-2");
    } else if (type == "Sequence" && pre["pretokenizers"].size() == 2) {
        const Json& first = pre["pretokenizers"][0];
        const Json& second = pre["pretokenizers"][1];
        if (isByteLevel(second, false))
            for (const auto& k : kKnownSplits)
                if (isIsolatedSplit(first, k.pattern)) return std::string(k.preName);
        if (first["type"].toString() == "Digits" && first["individual_digits"].toBool() && isByteLevel(second, true))
            return std::string("smollm");
    } else if (type == "Sequence" && isFalconSequence(pre["pretokenizers"])) {
        return std::string("falcon");
    }
    return fail("tokenizer.json's pre-tokenizer is not one the importer recognises (" + pre.dump().substr(0, 300) +
                "); llama.cpp would need its own entry for it too");
}

// Sets the extra tokens by their added-token text (tokenizer.json), after what the files gave.
static Status addExtraSpecials(SpecialVocab& sv, std::span<const ExtraSpecialToken> extra, const std::optional<Json>& tokenizerJson,
                        uint64_t nVocab) {
    for (const ExtraSpecialToken& x : extra) {
        const SpecialKind* kind = specialKind(x.kind);
        if (!kind) return fail("internal error: unknown special token kind " + std::string(x.kind));
        const Json* id = nullptr;
        if (tokenizerJson)
            for (const auto& a : (*tokenizerJson)["added_tokens"].items())
                if (a["content"].isString() && a["content"].toString() == x.content) id = &a["id"];
        if (!id) return fail("tokenizer.json has no added token " + std::string(x.content) + ", which this model family needs");
        sv.setId(*kind, *id, nVocab);
    }
    return {};
}

// A SentencePiece ("llama") vocabulary's keys, in the converter's order.
static void appendSentencePieceTable(HfVocab& out, TokenTable table, const char* pre) {
    out.tokenCount = table.tokens.size();
    out.metadata.push_back({"tokenizer.ggml.model", GgufValue::string("llama")});
    out.metadata.push_back({"tokenizer.ggml.pre", GgufValue::string(pre)});
    out.metadata.push_back({"tokenizer.ggml.tokens", GgufValue::stringArray(std::move(table.tokens))});
    out.metadata.push_back({"tokenizer.ggml.scores", GgufValue::arrayOf(GgufValueType::Float32, table.scores)});
    out.metadata.push_back({"tokenizer.ggml.token_type", GgufValue::arrayOf(GgufValueType::Int32, table.types)});
}

Result<HfVocab> importChatGlm3Vocab(const std::filesystem::path& folder, const Json& config) {
    auto table = chatGlm3Tokens(folder, config);
    if (!table) return table.error();
    HfVocab out;
    appendSentencePieceTable(out, std::move(*table), "chatglm-spm");
    Status st;
    auto tokenizerJson = optionalJson(folder / "tokenizer.json", st);
    if (!st) return st.error();
    auto sv = loadSpecialVocab(folder, config, out.tokenCount, tokenizerJson, false);
    if (!sv) return sv.error();
    sv->append(out.metadata);
    return out;
}

Result<HfVocab> importHfVocab(const std::filesystem::path& folder, const Json& config,
                              std::span<const ExtraSpecialToken> extra) {
    HfVocab out;
    std::error_code ec;
    Status st;
    auto tokenizerJson = optionalJson(folder / "tokenizer.json", st);
    if (!st) return st.error();

    if (std::filesystem::is_regular_file(folder / "tokenizer.model", ec)) {
        auto table = sentencePieceTokens(folder, config);
        if (!table) return table.error();
        appendSentencePieceTable(out, std::move(*table), "default");
        auto sv = loadSpecialVocab(folder, config, out.tokenCount, tokenizerJson, false);
        if (!sv) return sv.error();
        if (auto s = addExtraSpecials(*sv, extra, tokenizerJson, out.tokenCount); !s) return s.error();
        sv->append(out.metadata);
        return out;
    }
    if (!tokenizerJson) return fail("no tokenizer.model or tokenizer.json in " + folder.string());
    const Json& model = (*tokenizerJson)["model"];
    if (model["type"].toString() != "BPE" || model["byte_fallback"].toBool() ||
        (*tokenizerJson)["decoder"]["type"].toString() != "ByteLevel")
        return fail("tokenizer.json is not a byte-level BPE tokenizer (model " + model["type"].toString() +
                    (model["byte_fallback"].toBool() ? " with byte fallback" : "") +
                    "); SentencePiece-style vocabularies need their tokenizer.model");
    auto pre = identifyPreTokenizer(*tokenizerJson);
    if (!pre) return pre.error();
    auto table = byteLevelBpeTokens(*tokenizerJson, config);
    if (!table) return table.error();
    out.tokenCount = table->tokens.size();
    out.metadata.push_back({"tokenizer.ggml.model", GgufValue::string("gpt2")});
    out.metadata.push_back({"tokenizer.ggml.pre", GgufValue::string(*pre)});
    out.metadata.push_back({"tokenizer.ggml.tokens", GgufValue::stringArray(std::move(table->tokens))});
    out.metadata.push_back({"tokenizer.ggml.token_type", GgufValue::arrayOf(GgufValueType::Int32, table->types)});
    auto sv = loadSpecialVocab(folder, config, out.tokenCount, tokenizerJson, true);
    if (!sv) return sv.error();
    if (auto s = addExtraSpecials(*sv, extra, tokenizerJson, out.tokenCount); !s) return s.error();
    sv->append(out.metadata);
    return out;
}

}  // namespace qd
