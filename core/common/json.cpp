#include "core/common/json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace qd {

namespace {

const Json& nullJson() {
    static const Json n;
    return n;
}

const std::string& emptyString() {
    static const std::string s;
    return s;
}

class Parser {
public:
    Parser(std::string_view text, int maxDepth) : m_text(text), m_maxDepth(maxDepth) {}

    Result<Json> parseDocument() {
        Json value;
        if (!parseValue(value, 0)) return fail(m_error);
        skipSpace();
        if (m_pos != m_text.size()) return fail(errorAt("unexpected text after the JSON value"));
        return value;
    }

private:
    std::string errorAt(const std::string& what) const {
        return "JSON error at byte " + std::to_string(m_pos) + ": " + what;
    }
    bool setError(const std::string& what) {
        if (m_error.empty()) m_error = errorAt(what);
        return false;
    }

    void skipSpace() {
        while (m_pos < m_text.size()) {
            char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            ++m_pos;
        }
    }

    bool consumeWord(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) != word) return setError("invalid literal");
        m_pos += word.size();
        return true;
    }

    bool parseValue(Json& out, int depth) {
        if (depth > m_maxDepth) return setError("nesting too deep");
        skipSpace();
        if (m_pos >= m_text.size()) return setError("unexpected end of input");
        char c = m_text[m_pos];
        switch (c) {
            case '{': return parseObject(out, depth);
            case '[': return parseArray(out, depth);
            case '"': {
                std::string s;
                if (!parseString(s)) return false;
                out = Json(std::move(s));
                return true;
            }
            case 't': if (!consumeWord("true")) return false; out = Json(true); return true;
            case 'f': if (!consumeWord("false")) return false; out = Json(false); return true;
            case 'n': if (!consumeWord("null")) return false; out = Json(); return true;
            default: return parseNumber(out);
        }
    }

    bool parseObject(Json& out, int depth) {
        ++m_pos;  // '{'
        out = Json::object();
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') { ++m_pos; return true; }
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"') return setError("expected a string key");
            std::string key;
            if (!parseString(key)) return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':') return setError("expected ':'");
            ++m_pos;
            Json value;
            if (!parseValue(value, depth + 1)) return false;
            out.set(std::move(key), std::move(value));
            skipSpace();
            if (m_pos >= m_text.size()) return setError("unterminated object");
            if (m_text[m_pos] == ',') { ++m_pos; continue; }
            if (m_text[m_pos] == '}') { ++m_pos; return true; }
            return setError("expected ',' or '}'");
        }
    }

    bool parseArray(Json& out, int depth) {
        ++m_pos;  // '['
        out = Json::array();
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') { ++m_pos; return true; }
        while (true) {
            Json value;
            if (!parseValue(value, depth + 1)) return false;
            out.push(std::move(value));
            skipSpace();
            if (m_pos >= m_text.size()) return setError("unterminated array");
            if (m_text[m_pos] == ',') { ++m_pos; continue; }
            if (m_text[m_pos] == ']') { ++m_pos; return true; }
            return setError("expected ',' or ']'");
        }
    }

    bool parseHex4(uint32_t& v) {
        if (m_pos + 4 > m_text.size()) return setError("truncated \\u escape");
        v = 0;
        for (int i = 0; i < 4; ++i) {
            char c = m_text[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f') v |= uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= uint32_t(c - 'A' + 10);
            else return setError("bad \\u escape");
        }
        return true;
    }

    static void appendUtf8(std::string& s, uint32_t cp) {
        if (cp < 0x80) {
            s += char(cp);
        } else if (cp < 0x800) {
            s += char(0xC0 | (cp >> 6));
            s += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s += char(0xE0 | (cp >> 12));
            s += char(0x80 | ((cp >> 6) & 0x3F));
            s += char(0x80 | (cp & 0x3F));
        } else {
            s += char(0xF0 | (cp >> 18));
            s += char(0x80 | ((cp >> 12) & 0x3F));
            s += char(0x80 | ((cp >> 6) & 0x3F));
            s += char(0x80 | (cp & 0x3F));
        }
    }

    bool parseString(std::string& out) {
        ++m_pos;  // opening quote
        while (true) {
            if (m_pos >= m_text.size()) return setError("unterminated string");
            char c = m_text[m_pos++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return setError("control character in string");
            if (c != '\\') { out += c; continue; }
            if (m_pos >= m_text.size()) return setError("unterminated escape");
            char e = m_text[m_pos++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    uint32_t cp = 0;
                    if (!parseHex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        // a surrogate pair must follow
                        uint32_t lo = 0;
                        if (m_text.substr(m_pos, 2) != "\\u") return setError("lone high surrogate");
                        m_pos += 2;
                        if (!parseHex4(lo)) return false;
                        if (lo < 0xDC00 || lo > 0xDFFF) return setError("bad low surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return setError("lone low surrogate");
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default: return setError("bad escape");
            }
        }
    }

    bool parseNumber(Json& out) {
        size_t start = m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '-') ++m_pos;
        auto digits = [&] {
            size_t s = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') ++m_pos;
            return m_pos - s;
        };
        if (digits() == 0) return setError("invalid value");
        bool integral = true;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            integral = false;
            if (digits() == 0) return setError("invalid number");
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            integral = false;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) ++m_pos;
            if (digits() == 0) return setError("invalid number");
        }
        std::string_view token = m_text.substr(start, m_pos - start);
        if (integral) {
            int64_t iv = 0;
            auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), iv);
            if (ec == std::errc() && p == token.data() + token.size()) {
                out = Json(iv);
                return true;
            }
            uint64_t uv = 0;
            auto [p2, ec2] = std::from_chars(token.data(), token.data() + token.size(), uv);
            if (ec2 == std::errc() && p2 == token.data() + token.size()) {
                out = Json(uv);
                return true;
            }
        }
        // from_chars for double is available in GCC 11+.
        double dv = 0.0;
        auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), dv);
        if (ec == std::errc::result_out_of_range) {
            dv = token[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        } else if (ec != std::errc() || p != token.data() + token.size()) {
            return setError("invalid number");
        }
        out = Json(dv);
        return true;
    }

    std::string_view m_text;
    size_t m_pos = 0;
    int m_maxDepth;
    std::string m_error;
};

}  // namespace

Json::Json(uint64_t v) : m_kind(Kind::Number), m_number(static_cast<double>(v)) {
    if (v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        m_int = static_cast<int64_t>(v);
        m_isInt = true;
    }
}

Result<Json> Json::parse(std::string_view text, int maxDepth) { return Parser(text, maxDepth).parseDocument(); }

int64_t Json::toInt(int64_t fallback) const {
    if (!isNumber()) return fallback;
    if (m_isInt) return m_int;
    if (std::isfinite(m_number) && m_number >= -9.2e18 && m_number <= 9.2e18) return static_cast<int64_t>(m_number);
    return fallback;
}

const std::string& Json::toString() const { return isString() ? m_string : emptyString(); }

size_t Json::size() const {
    if (isArray()) return m_items.size();
    if (isObject()) return m_members.size();
    return 0;
}

const Json& Json::operator[](size_t i) const { return (isArray() && i < m_items.size()) ? m_items[i] : nullJson(); }

void Json::push(Json v) {
    if (m_kind != Kind::Array) *this = array();
    m_items.push_back(std::move(v));
}

const Json* Json::find(std::string_view key) const {
    if (!isObject()) return nullptr;
    for (const auto& [k, v] : m_members)
        if (k == key) return &v;
    return nullptr;
}

const Json& Json::operator[](std::string_view key) const {
    const Json* j = find(key);
    return j ? *j : nullJson();
}

void Json::set(std::string key, Json v) {
    if (m_kind != Kind::Object) *this = object();
    for (auto& [k, existing] : m_members) {
        if (k == key) {
            existing = std::move(v);
            return;
        }
    }
    m_members.emplace_back(std::move(key), std::move(v));
}

std::string Json::quote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
    return out;
}

std::string Json::dump(int indent) const {
    std::string out;
    dumpTo(out, indent, 0);
    return out;
}

void Json::dumpTo(std::string& out, int indent, int level) const {
    auto newline = [&](int lvl) {
        if (indent < 0) return;
        out += '\n';
        out.append(static_cast<size_t>(indent * lvl), ' ');
    };
    switch (m_kind) {
        case Kind::Null: out += "null"; break;
        case Kind::Bool: out += m_bool ? "true" : "false"; break;
        case Kind::Number: {
            if (m_isInt) {
                out += std::to_string(m_int);
            } else if (!std::isfinite(m_number)) {
                out += "null";  // JSON has no inf/nan
            } else {
                char buf[32];
                auto [p, ec] = std::to_chars(buf, buf + sizeof buf, m_number);
                out.append(buf, ec == std::errc() ? p : buf);
            }
            break;
        }
        case Kind::String: out += quote(m_string); break;
        case Kind::Array: {
            out += '[';
            for (size_t i = 0; i < m_items.size(); ++i) {
                if (i) out += indent < 0 ? ", " : ",";
                newline(level + 1);
                m_items[i].dumpTo(out, indent, level + 1);
            }
            if (!m_items.empty()) newline(level);
            out += ']';
            break;
        }
        case Kind::Object: {
            out += '{';
            for (size_t i = 0; i < m_members.size(); ++i) {
                if (i) out += indent < 0 ? ", " : ",";
                newline(level + 1);
                out += quote(m_members[i].first);
                out += ": ";
                m_members[i].second.dumpTo(out, indent, level + 1);
            }
            if (!m_members.empty()) newline(level);
            out += '}';
            break;
        }
    }
}

}  // namespace qd
