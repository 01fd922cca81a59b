// A small JSON value with a strict parser and a writer.
//
// Used for safetensors headers, Hugging Face config files, CLI --json output and reports. Objects keep
// their key order (config files are shown to people as written). The parser bounds nesting depth and
// never reads past the input, so it is safe on untrusted file headers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/result.h"

namespace qd {

class Json {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object };
    using Member = std::pair<std::string, Json>;

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool b) : m_kind(Kind::Bool), m_bool(b) {}
    Json(int v) : Json(static_cast<int64_t>(v)) {}
    Json(unsigned v) : Json(static_cast<int64_t>(v)) {}
    Json(int64_t v) : m_kind(Kind::Number), m_number(static_cast<double>(v)), m_int(v), m_isInt(true) {}
    Json(uint64_t v);
    Json(double v) : m_kind(Kind::Number), m_number(v) {}
    Json(const char* s) : m_kind(Kind::String), m_string(s) {}
    Json(std::string s) : m_kind(Kind::String), m_string(std::move(s)) {}
    Json(std::string_view s) : m_kind(Kind::String), m_string(s) {}

    static Json array() { Json j; j.m_kind = Kind::Array; return j; }
    static Json object() { Json j; j.m_kind = Kind::Object; return j; }

    // Parses a complete JSON text (RFC 8259); trailing non-space characters are an error.
    static Result<Json> parse(std::string_view text, int maxDepth = 256);

    Kind kind() const { return m_kind; }
    bool isNull() const { return m_kind == Kind::Null; }
    bool isBool() const { return m_kind == Kind::Bool; }
    bool isNumber() const { return m_kind == Kind::Number; }
    bool isInteger() const { return m_kind == Kind::Number && m_isInt; }
    bool isString() const { return m_kind == Kind::String; }
    bool isArray() const { return m_kind == Kind::Array; }
    bool isObject() const { return m_kind == Kind::Object; }

    bool toBool(bool fallback = false) const { return isBool() ? m_bool : fallback; }
    double toDouble(double fallback = 0.0) const { return isNumber() ? m_number : fallback; }
    int64_t toInt(int64_t fallback = 0) const;
    const std::string& toString() const;  // empty string when not a string

    // Arrays
    size_t size() const;  // elements of an array or members of an object, 0 otherwise
    const Json& operator[](size_t i) const;  // null Json when out of range
    const Json& operator[](int i) const { return i < 0 ? (*this)[size_t(-1)] : (*this)[static_cast<size_t>(i)]; }
    const std::vector<Json>& items() const { return m_items; }
    void push(Json v);

    // Objects
    const Json* find(std::string_view key) const;
    const Json& operator[](std::string_view key) const;  // null Json when absent
    const Json& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    const std::vector<Member>& members() const { return m_members; }
    void set(std::string key, Json v);  // replaces an existing key, else appends

    // indent < 0: compact on one line; otherwise pretty-printed with that many spaces per level.
    std::string dump(int indent = -1) const;

    static std::string quote(std::string_view s);  // a JSON string literal, with escapes

private:
    void dumpTo(std::string& out, int indent, int level) const;

    Kind m_kind = Kind::Null;
    bool m_bool = false;
    double m_number = 0.0;
    int64_t m_int = 0;
    bool m_isInt = false;
    std::string m_string;
    std::vector<Json> m_items;
    std::vector<Member> m_members;
};

}  // namespace qd
