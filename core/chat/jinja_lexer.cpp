#include "core/chat/jinja_lexer.h"

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "core/chat/jinja_value.h"

namespace qd::jinja {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Python's str.rstrip() without arguments: strips Unicode whitespace too.
std::string rstripPython(const std::string& s) {
    std::u32string cps = decodeUtf8(s);
    size_t end = cps.size();
    while (end > 0 && isPythonSpace(cps[end - 1])) --end;
    if (end == cps.size()) return s;
    return encodeUtf8(std::u32string_view(cps).substr(0, end));
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes the escapes Python's "unicode-escape" codec knows; unknown escapes keep their backslash.
std::string decodeStringLiteral(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c != '\\' || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        char e = body[++i];
        switch (e) {
        case '\n': break;  // line continuation
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x':
        case 'u':
        case 'U': {
            size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            char32_t cp = 0;
            bool ok = true;
            for (size_t k = 1; ok && k <= digits; ++k) {
                if (i + k >= body.size()) {
                    ok = false;
                    break;
                }
                int h = hexValue(body[i + k]);
                if (h < 0) ok = false;
                else cp = cp * 16 + static_cast<char32_t>(h);
            }
            if (!ok || cp > 0x10FFFF) {
                out += '\\';
                out += e;
            } else {
                appendUtf8(out, cp);
                i += digits;
            }
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                char32_t cp = static_cast<char32_t>(e - '0');
                for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
                    cp = cp * 8 + static_cast<char32_t>(body[++i] - '0');
                appendUtf8(out, cp);
            } else {
                out += '\\';
                out += e;
            }
        }
    }
    return out;
}

class Lexer {
public:
    Lexer(std::string source, const LexOptions& options) : m_src(std::move(source)), m_opt(options) {}

    Result<std::vector<Token>> run() {
        try {
            lexAll();
        } catch (const TemplateError& e) {
            return fail(e.message());
        }
        Token eof;
        eof.type = Token::Type::Eof;
        eof.line = m_line;
        m_tokens.push_back(eof);
        return std::move(m_tokens);
    }

private:
    [[noreturn]] void error(const std::string& message) {
        throw TemplateError("template syntax error at line " + std::to_string(m_line) + ": " + message);
    }

    void advance(size_t n) {
        for (size_t k = 0; k < n && m_pos < m_src.size(); ++k, ++m_pos)
            if (m_src[m_pos] == '\n') ++m_line;
    }

    void push(Token::Type type, std::string text = {}) {
        Token t;
        t.type = type;
        t.text = std::move(text);
        t.line = m_line;
        m_tokens.push_back(std::move(t));
    }

    bool startsWith(size_t at, std::string_view s) const { return m_src.compare(at, s.size(), s) == 0; }

    // Consumes what follows a closing delimiter: all whitespace after '-', one newline for trim_blocks.
    void afterTagEnd(bool stripAll, bool trimNewline) {
        size_t start = m_pos;
        if (stripAll) {
            while (m_pos < m_src.size() && isSpace(m_src[m_pos])) advance(1);
        } else if (trimNewline && m_pos < m_src.size() && m_src[m_pos] == '\n') {
            advance(1);
        }
        m_lineStarting = m_pos > start && m_src[m_pos - 1] == '\n';
    }

    void lexAll() {
        while (m_pos < m_src.size()) {
            // The next tag start: "{{", "{%" or "{#".
            size_t tag = m_pos;
            while (true) {
                tag = m_src.find('{', tag);
                if (tag == std::string::npos || tag + 1 >= m_src.size()) {
                    tag = std::string::npos;
                    break;
                }
                char k = m_src[tag + 1];
                if (k == '{' || k == '%' || k == '#') break;
                ++tag;
            }
            std::string text = m_src.substr(m_pos, tag == std::string::npos ? std::string::npos : tag - m_pos);
            if (tag == std::string::npos) {
                if (!text.empty()) push(Token::Type::Text, text);
                advance(text.size());
                return;
            }
            char kind = m_src[tag + 1];
            char modifier = tag + 2 < m_src.size() ? m_src[tag + 2] : '\0';
            if (modifier != '-' && modifier != '+') modifier = '\0';
            std::string kept = text;
            if (modifier == '-') {
                kept = rstripPython(text);
            } else if (modifier != '+' && m_opt.lstripBlocks && kind != '{') {
                size_t lineStart = text.rfind('\n');
                lineStart = lineStart == std::string::npos ? 0 : lineStart + 1;
                if (lineStart > 0 || m_lineStarting) {
                    bool blank = text.find_first_not_of(" \t", lineStart) == std::string::npos;
                    if (blank) kept = text.substr(0, lineStart);
                }
            }
            if (!kept.empty()) push(Token::Type::Text, kept);
            advance(tag - m_pos);
            advance(modifier ? 3 : 2);
            if (kind == '#') {
                lexComment();
            } else if (kind == '{') {
                push(Token::Type::VarBegin);
                lexTag(false);
            } else {
                push(Token::Type::BlockBegin);
                if (!tryRaw()) lexTag(true);
            }
        }
    }

    void lexComment() {
        int startLine = m_line;
        for (size_t i = m_pos; i + 1 < m_src.size(); ++i) {
            if ((m_src[i] == '-' || m_src[i] == '+') && startsWith(i + 1, "#}")) {
                advance(i + 3 - m_pos);
                afterTagEnd(m_src[i] == '-', false);
                return;
            }
            if (startsWith(i, "#}")) {
                advance(i + 2 - m_pos);
                afterTagEnd(false, m_opt.trimBlocks);
                return;
            }
        }
        m_line = startLine;
        error("missing end of comment tag");
    }

    // {% raw %}...{% endraw %}: the body is text, untouched by the tokenizer.
    bool tryRaw() {
        size_t p = m_pos;
        while (p < m_src.size() && isSpace(m_src[p])) ++p;
        if (!startsWith(p, "raw")) return false;
        p += 3;
        while (p < m_src.size() && isSpace(m_src[p])) ++p;
        bool stripAfter = false;
        if (startsWith(p, "-%}")) {
            stripAfter = true;
            p += 3;
        } else if (startsWith(p, "+%}")) {
            p += 3;
        } else if (startsWith(p, "%}")) {
            p += 2;
        } else {
            return false;
        }
        m_tokens.pop_back();  // the BlockBegin
        advance(p - m_pos);
        if (stripAfter) afterTagEnd(true, false);
        // Find "{%[-+]? endraw [-+]?%}".
        size_t search = m_pos;
        while (true) {
            size_t at = m_src.find("{%", search);
            if (at == std::string::npos) error("missing {% endraw %}");
            size_t q = at + 2;
            bool stripBefore = q < m_src.size() && m_src[q] == '-';
            if (q < m_src.size() && (m_src[q] == '-' || m_src[q] == '+')) ++q;
            while (q < m_src.size() && isSpace(m_src[q])) ++q;
            if (!startsWith(q, "endraw")) {
                search = at + 2;
                continue;
            }
            q += 6;
            while (q < m_src.size() && isSpace(m_src[q])) ++q;
            char endMod = '\0';
            if (q < m_src.size() && (m_src[q] == '-' || m_src[q] == '+')) endMod = m_src[q++];
            if (!startsWith(q, "%}")) {
                search = at + 2;
                continue;
            }
            std::string body = m_src.substr(m_pos, at - m_pos);
            if (stripBefore) body = rstripPython(body);
            if (!body.empty()) push(Token::Type::RawText, body);
            advance(q + 2 - m_pos);
            afterTagEnd(endMod == '-', endMod != '+' && m_opt.trimBlocks);
            return true;
        }
    }

    void lexTag(bool block) {
        int depth = 0;  // open brackets: a closing delimiter inside them is not the end of the tag
        while (true) {
            while (m_pos < m_src.size() && isSpace(m_src[m_pos])) advance(1);
            if (m_pos >= m_src.size()) error(block ? "unexpected end of template, expected '%}'"
                                                   : "unexpected end of template, expected '}}'");
            if (depth == 0) {
                if (block) {
                    if (startsWith(m_pos, "-%}")) {
                        push(Token::Type::BlockEnd);
                        advance(3);
                        afterTagEnd(true, false);
                        return;
                    }
                    if (startsWith(m_pos, "+%}")) {
                        push(Token::Type::BlockEnd);
                        advance(3);
                        afterTagEnd(false, false);
                        return;
                    }
                    if (startsWith(m_pos, "%}")) {
                        push(Token::Type::BlockEnd);
                        advance(2);
                        afterTagEnd(false, m_opt.trimBlocks);
                        return;
                    }
                } else {
                    if (startsWith(m_pos, "-}}")) {
                        push(Token::Type::VarEnd);
                        advance(3);
                        afterTagEnd(true, false);
                        return;
                    }
                    if (startsWith(m_pos, "}}")) {
                        push(Token::Type::VarEnd);
                        advance(2);
                        afterTagEnd(false, false);
                        return;
                    }
                }
            }
            char c = m_src[m_pos];
            if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                size_t end = m_pos;
                while (end < m_src.size() &&
                       (std::isalnum(static_cast<unsigned char>(m_src[end])) || m_src[end] == '_'))
                    ++end;
                push(Token::Type::Name, m_src.substr(m_pos, end - m_pos));
                advance(end - m_pos);
            } else if (c == '\'' || c == '"') {
                lexString(c);
            } else if (std::isdigit(static_cast<unsigned char>(c))) {
                lexNumber();
            } else {
                static const char* const kOps[] = {"//", "**", "==", "!=", "<=", ">=", "+", "-", "/", "*", "%",
                                                   "~",  "[",  "]",  "(",  ")",  "{",  "}", "<", ">", "=", ".",
                                                   ":",  "|",  ",",  ";"};
                bool matched = false;
                for (const char* op : kOps) {
                    std::string_view o(op);
                    if (startsWith(m_pos, o)) {
                        if (o == "(" || o == "[" || o == "{") ++depth;
                        if (o == ")" || o == "]" || o == "}") {
                            if (depth == 0) error("unexpected '" + std::string(o) + "'");
                            --depth;
                        }
                        push(Token::Type::Op, std::string(o));
                        advance(o.size());
                        matched = true;
                        break;
                    }
                }
                if (!matched) error(std::string("unexpected character '") + c + "'");
            }
        }
    }

    void lexString(char quote) {
        size_t i = m_pos + 1;
        while (i < m_src.size() && m_src[i] != quote) {
            if (m_src[i] == '\\') ++i;
            ++i;
        }
        if (i >= m_src.size()) error("unterminated string literal");
        std::string body = m_src.substr(m_pos + 1, i - m_pos - 1);
        push(Token::Type::String, decodeStringLiteral(body));
        advance(i + 1 - m_pos);
    }

    void lexNumber() {
        size_t i = m_pos;
        std::string digits;
        auto takeDigits = [&](auto isDigit) {
            while (i < m_src.size() && (isDigit(m_src[i]) || (m_src[i] == '_' && i + 1 < m_src.size() &&
                                                               isDigit(m_src[i + 1])))) {
                if (m_src[i] != '_') digits += m_src[i];
                ++i;
            }
        };
        auto dec = [](char ch) { return ch >= '0' && ch <= '9'; };
        if (m_src[i] == '0' && i + 1 < m_src.size() && std::strchr("xXoObB", m_src[i + 1])) {
            char base = static_cast<char>(std::tolower(static_cast<unsigned char>(m_src[i + 1])));
            i += 2;
            auto hex = [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; };
            auto oct = [](char ch) { return ch >= '0' && ch <= '7'; };
            auto bin = [](char ch) { return ch == '0' || ch == '1'; };
            if (base == 'x') takeDigits(hex);
            else if (base == 'o') takeDigits(oct);
            else takeDigits(bin);
            if (digits.empty()) error("invalid number literal");
            errno = 0;
            unsigned long long v = std::strtoull(digits.c_str(), nullptr, base == 'x' ? 16 : base == 'o' ? 8 : 2);
            if (errno || v > static_cast<unsigned long long>(INT64_MAX)) error("integer literal too large");
            Token t;
            t.type = Token::Type::Integer;
            t.intValue = static_cast<int64_t>(v);
            t.line = m_line;
            m_tokens.push_back(t);
            advance(i - m_pos);
            return;
        }
        takeDigits(dec);
        bool isFloat = false;
        if (i + 1 < m_src.size() && m_src[i] == '.' && dec(m_src[i + 1])) {
            isFloat = true;
            digits += '.';
            ++i;
            takeDigits(dec);
        }
        if (i < m_src.size() && (m_src[i] == 'e' || m_src[i] == 'E')) {
            size_t j = i + 1;
            if (j < m_src.size() && (m_src[j] == '+' || m_src[j] == '-')) ++j;
            if (j < m_src.size() && dec(m_src[j])) {
                isFloat = true;
                digits += 'e';
                digits.append(m_src, i + 1, j - i - 1);
                i = j;
                takeDigits(dec);
            }
        }
        Token t;
        t.line = m_line;
        if (isFloat) {
            t.type = Token::Type::Float;
            t.floatValue = std::strtod(digits.c_str(), nullptr);
        } else {
            errno = 0;
            unsigned long long v = std::strtoull(digits.c_str(), nullptr, 10);
            if (errno || v > static_cast<unsigned long long>(INT64_MAX)) error("integer literal too large");
            t.type = Token::Type::Integer;
            t.intValue = static_cast<int64_t>(v);
        }
        m_tokens.push_back(t);
        advance(i - m_pos);
    }

    std::string m_src;
    LexOptions m_opt;
    size_t m_pos = 0;
    int m_line = 1;
    bool m_lineStarting = true;
    std::vector<Token> m_tokens;
};

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view source, const LexOptions& options) {
    // Jinja2 normalises \r\n and \r to \n and drops a single trailing newline.
    std::string text;
    text.reserve(source.size());
    for (size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\r') {
            text += '\n';
            if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
        } else {
            text += source[i];
        }
    }
    if (!options.keepTrailingNewline && !text.empty() && text.back() == '\n') text.pop_back();
    return Lexer(std::move(text), options).run();
}

}  // namespace qd::jinja
