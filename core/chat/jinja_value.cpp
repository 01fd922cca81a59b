#include "core/chat/jinja_value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace qd::jinja {

// ---- CallArgs -------------------------------------------------------------------------------------

const Value* CallArgs::kw(std::string_view name) const {
    for (const auto& [k, v] : keyword)
        if (k == name) return &v;
    return nullptr;
}

const Value* CallArgs::get(size_t index, std::string_view name) const {
    if (index < positional.size()) return &positional[index];
    return kw(name);
}

// ---- construction -----------------------------------------------------------------------------------

Value Value::undefined(std::string hint) {
    Value v;
    v.m_str = std::move(hint);
    return v;
}

Value Value::none() {
    Value v;
    v.m_type = Type::None;
    return v;
}

Value Value::list(ListData items) {
    Value v;
    v.m_type = Type::List;
    v.m_list = std::make_shared<ListData>(std::move(items));
    return v;
}

Value Value::tuple(ListData items) {
    Value v = list(std::move(items));
    v.m_safe = true;
    return v;
}

Value Value::dict() {
    Value v;
    v.m_type = Type::Dict;
    v.m_dict = std::make_shared<DictData>();
    return v;
}

Value Value::object() {
    Value v = dict();
    v.m_type = Type::Object;
    return v;
}

Value Value::function(std::string name, NativeFunction fn) {
    Value v;
    v.m_type = Type::Function;
    v.m_fn = std::make_shared<FunctionData>(FunctionData{std::move(name), std::move(fn)});
    return v;
}

Value Value::fromJson(const qd::Json& json) {
    switch (json.kind()) {
    case qd::Json::Kind::Null: return none();
    case qd::Json::Kind::Bool: return Value(json.toBool());
    case qd::Json::Kind::Number:
        if (json.isInteger()) return Value(json.toInt());
        return Value(json.toDouble());
    case qd::Json::Kind::String: return Value(json.toString());
    case qd::Json::Kind::Array: {
        ListData items;
        items.reserve(json.size());
        for (const auto& item : json.items()) items.push_back(fromJson(item));
        return list(std::move(items));
    }
    case qd::Json::Kind::Object: {
        Value d = dict();
        for (const auto& [k, v] : json.members()) d.entries().set(Value(k), fromJson(v));
        return d;
    }
    }
    return none();
}

Value Value::withSafe(bool safe) const {
    Value v = *this;
    if (v.m_type == Type::String) v.m_safe = safe;
    return v;
}

const void* Value::identity() const {
    if (m_list) return m_list.get();
    if (m_dict) return m_dict.get();
    if (m_fn) return m_fn.get();
    return nullptr;
}

// ---- Python protocol --------------------------------------------------------------------------------

bool Value::truthy() const {
    switch (m_type) {
    case Type::Undefined:
    case Type::None: return false;
    case Type::Bool:
    case Type::Int: return m_int != 0;
    case Type::Float: return m_float != 0.0;
    case Type::String: return !m_str.empty();
    case Type::List: return !m_list->empty();
    case Type::Dict: return !m_dict->entries.empty();
    case Type::Object:
    case Type::Function: return true;
    }
    return false;
}

static size_t codePointCount(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

size_t Value::length() const {
    switch (m_type) {
    case Type::Undefined: return 0;
    case Type::String: return codePointCount(m_str);
    case Type::List: return m_list->size();
    case Type::Dict:
    case Type::Object: return m_dict->entries.size();
    default: throw TemplateError("object of type '" + typeName() + "' has no len()");
    }
}

std::string Value::typeName() const {
    switch (m_type) {
    case Type::Undefined: return "Undefined";
    case Type::None: return "NoneType";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::String: return m_safe ? "Markup" : "str";
    case Type::List: return m_safe ? "tuple" : "list";
    case Type::Dict: return "dict";
    case Type::Object: return "Namespace";
    case Type::Function: return "function";
    }
    return "object";
}

std::string Value::undefinedMessage() const {
    if (m_str.empty()) return "value is undefined";
    return m_str;
}

std::string pythonFloatRepr(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    if (v == 0.0) return std::signbit(v) ? "-0.0" : "0.0";
    // Shortest digit string that reads back to the same double, as Python's repr picks.
    char buf[64];
    int precision = 1;
    for (; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision - 1, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    // buf = [-]d.ddde[+-]XX
    std::string s(buf);
    bool negative = s[0] == '-';
    if (negative) s.erase(0, 1);
    size_t ePos = s.find('e');
    int exponent = std::atoi(s.c_str() + ePos + 1);
    std::string digits;
    for (size_t i = 0; i < ePos; ++i)
        if (s[i] != '.') digits += s[i];
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out;
    if (exponent < -4 || exponent >= 16) {
        out = digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char e[16];
        std::snprintf(e, sizeof e, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        out += e;
    } else if (exponent < 0) {
        out = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    } else {
        size_t intDigits = static_cast<size_t>(exponent) + 1;
        if (digits.size() <= intDigits) {
            out = digits + std::string(intDigits - digits.size(), '0') + ".0";
        } else {
            out = digits.substr(0, intDigits) + "." + digits.substr(intDigits);
        }
    }
    return negative ? "-" + out : out;
}

static std::string reprString(const std::string& s) {
    char quote = (s.find('\'') != std::string::npos && s.find('"') == std::string::npos) ? '"' : '\'';
    std::string out(1, quote);
    for (unsigned char c : s) {
        if (c == quote || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += quote;
    return out;
}

std::string Value::toStr() const {
    switch (m_type) {
    case Type::Undefined: return "";
    case Type::None: return "None";
    case Type::Bool: return m_int ? "True" : "False";
    case Type::Int: return std::to_string(m_int);
    case Type::Float: return pythonFloatRepr(m_float);
    case Type::String: return m_str;
    default: return repr();
    }
}

// Bounds for repr: nesting (a namespace can contain itself) and length (shared sub-lists repeat).
constexpr int kMaxReprDepth = 256;
constexpr size_t kMaxReprBytes = 16u << 20;

void Value::reprTo(std::string& out, int depth) const {
    if (depth > kMaxReprDepth) throw TemplateError("value nested too deeply to print");
    if (out.size() > kMaxReprBytes) throw TemplateError("value too large to print");
    switch (m_type) {
    case Type::String: out += reprString(m_str); return;
    case Type::List: {
        out += m_safe ? "(" : "[";
        for (size_t i = 0; i < m_list->size(); ++i) {
            if (i) out += ", ";
            (*m_list)[i].reprTo(out, depth + 1);
        }
        if (m_safe && m_list->size() == 1) out += ",";
        out += m_safe ? ")" : "]";
        return;
    }
    case Type::Dict:
    case Type::Object: {
        out += m_type == Type::Object ? "<Namespace {" : "{";
        bool first = true;
        for (const auto& [k, v] : m_dict->entries) {
            if (!first) out += ", ";
            first = false;
            k.reprTo(out, depth + 1);
            out += ": ";
            v.reprTo(out, depth + 1);
        }
        out += m_type == Type::Object ? "}>" : "}";
        return;
    }
    case Type::Function: out += "<function " + m_fn->name + ">"; return;
    case Type::Undefined: out += "Undefined"; return;
    default: out += toStr(); return;
    }
}

std::string Value::repr() const {
    std::string out;
    reprTo(out, 0);
    return out;
}

// ---- DictData ---------------------------------------------------------------------------------------

const Value* DictData::find(const Value& key) const {
    for (const auto& [k, v] : entries)
        if (valuesEqual(k, key)) return &v;
    return nullptr;
}

const Value* DictData::find(std::string_view key) const {
    for (const auto& [k, v] : entries)
        if (k.isString() && k.str() == key) return &v;
    return nullptr;
}

void DictData::set(const Value& key, Value value) {
    for (auto& [k, v] : entries) {
        if (valuesEqual(k, key)) {
            v = std::move(value);
            return;
        }
    }
    entries.emplace_back(key, std::move(value));
}

// ---- comparison -------------------------------------------------------------------------------------

bool valuesEqual(const Value& a, const Value& b) {
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat()) return a.numberValue() == b.numberValue();
        return a.intValue() == b.intValue();
    }
    if (a.type() != b.type()) return false;
    switch (a.type()) {
    case Value::Type::Undefined:
    case Value::Type::None: return true;
    case Value::Type::String: return a.str() == b.str();
    case Value::Type::List: {
        if (a.isTuple() != b.isTuple()) return false;
        const auto& x = a.items();
        const auto& y = b.items();
        if (x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); ++i)
            if (!valuesEqual(x[i], y[i])) return false;
        return true;
    }
    case Value::Type::Dict: {
        const auto& x = a.entries().entries;
        if (x.size() != b.entries().entries.size()) return false;
        for (const auto& [k, v] : x) {
            const Value* other = b.entries().find(k);
            if (!other || !valuesEqual(v, *other)) return false;
        }
        return true;
    }
    default: return a.identity() == b.identity();
    }
}

int compareValues(const Value& a, const Value& b) {
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat()) {
            double x = a.numberValue(), y = b.numberValue();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        return a.intValue() < b.intValue() ? -1 : (a.intValue() > b.intValue() ? 1 : 0);
    }
    if (a.isString() && b.isString()) {
        int c = a.str().compare(b.str());  // UTF-8 byte order is code point order
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.isList() && b.isList()) {
        const auto& x = a.items();
        const auto& y = b.items();
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (valuesEqual(x[i], y[i])) continue;
            return compareValues(x[i], y[i]);
        }
        return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    throw TemplateError("'<' not supported between instances of '" + a.typeName() + "' and '" + b.typeName() + "'");
}

// ---- JSON dump --------------------------------------------------------------------------------------

static void dumpJsonString(std::string& out, const std::string& s, bool ensureAscii) {
    out += '"';
    std::u32string cps;
    if (ensureAscii) cps = decodeUtf8(s);
    auto escapeUnit = [&](unsigned v) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "\\u%04x", v);
        out += buf;
    };
    auto one = [&](char32_t c) {
        switch (c) {
        case '"': out += "\\\""; return;
        case '\\': out += "\\\\"; return;
        case '\n': out += "\\n"; return;
        case '\r': out += "\\r"; return;
        case '\t': out += "\\t"; return;
        case '\b': out += "\\b"; return;
        case '\f': out += "\\f"; return;
        default: break;
        }
        if (c < 0x20 || (ensureAscii && c > 0x7e)) {
            if (c >= 0x10000) {
                char32_t v = c - 0x10000;
                escapeUnit(0xD800 + static_cast<unsigned>(v >> 10));
                escapeUnit(0xDC00 + static_cast<unsigned>(v & 0x3FF));
            } else {
                escapeUnit(static_cast<unsigned>(c));
            }
            return;
        }
        if (ensureAscii) {
            out += static_cast<char>(c);
        }
    };
    if (ensureAscii) {
        for (char32_t c : cps) one(c);
    } else {
        for (unsigned char c : s) {
            if (c < 0x20 || c == '"' || c == '\\') {
                one(c);
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

static std::string jsonKey(const Value& k) {
    switch (k.type()) {
    case Value::Type::String: return k.str();
    case Value::Type::Bool: return k.boolValue() ? "true" : "false";
    case Value::Type::None: return "null";
    case Value::Type::Int: return std::to_string(k.intValue());
    case Value::Type::Float: return pythonFloatRepr(k.numberValue());
    default: throw TemplateError("keys must be str, int, float, bool or None, not " + k.typeName());
    }
}

static void dumpJsonTo(std::string& out, const Value& v, const JsonDumpOptions& o, int level, int depth) {
    if (depth > 256) throw TemplateError("tojson: value nested too deeply");
    if (out.size() > o.maxBytes) throw TemplateError("tojson: output too large");
    const std::string itemSep = !o.itemSeparator.empty() ? o.itemSeparator : (o.indent >= 0 ? "," : ", ");
    auto newline = [&](int lvl) {
        if (o.indent < 0) return;
        out += '\n';
        out.append(static_cast<size_t>(o.indent) * static_cast<size_t>(lvl), ' ');
    };
    switch (v.type()) {
    case Value::Type::None: out += "null"; return;
    case Value::Type::Bool: out += v.boolValue() ? "true" : "false"; return;
    case Value::Type::Int: out += std::to_string(v.intValue()); return;
    case Value::Type::Float: {
        double d = v.numberValue();
        if (std::isnan(d)) out += "NaN";
        else if (std::isinf(d)) out += d < 0 ? "-Infinity" : "Infinity";
        else out += pythonFloatRepr(d);
        return;
    }
    case Value::Type::String: dumpJsonString(out, v.str(), o.ensureAscii); return;
    case Value::Type::List: {
        const auto& items = v.items();
        if (items.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) out += itemSep;
            newline(level + 1);
            dumpJsonTo(out, items[i], o, level + 1, depth + 1);
        }
        newline(level);
        out += ']';
        return;
    }
    case Value::Type::Dict:
    case Value::Type::Object: {
        std::vector<std::pair<std::string, const Value*>> members;
        for (const auto& [k, val] : v.entries().entries) members.emplace_back(jsonKey(k), &val);
        if (o.sortKeys)
            std::stable_sort(members.begin(), members.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
        if (members.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        for (size_t i = 0; i < members.size(); ++i) {
            if (i) out += itemSep;
            newline(level + 1);
            dumpJsonString(out, members[i].first, o.ensureAscii);
            out += o.keySeparator;
            dumpJsonTo(out, *members[i].second, o, level + 1, depth + 1);
        }
        newline(level);
        out += '}';
        return;
    }
    default: throw TemplateError("Object of type " + v.typeName() + " is not JSON serializable");
    }
}

std::string dumpJson(const Value& value, const JsonDumpOptions& options) {
    std::string out;
    dumpJsonTo(out, value, options, 0, 0);
    if (!options.htmlSafe) return out;
    std::string safe;
    safe.reserve(out.size());
    for (char c : out) {
        switch (c) {
        case '<': safe += "\\u003c"; break;
        case '>': safe += "\\u003e"; break;
        case '&': safe += "\\u0026"; break;
        case '\'': safe += "\\u0027"; break;
        default: safe += c;
        }
    }
    return safe;
}

// ---- UTF-8 ------------------------------------------------------------------------------------------

std::u32string decodeUtf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0 || i + static_cast<size_t>(extra) >= s.size()) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
        bool ok = true;
        for (int k = 1; k <= extra; ++k) {
            unsigned char d = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            if ((d & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (d & 0x3F);
        }
        if (!ok) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        out += cp;
        i += static_cast<size_t>(extra) + 1;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string encodeUtf8(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) appendUtf8(out, c);
    return out;
}

bool isPythonSpace(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

}  // namespace qd::jinja
