// Values of the chat-template interpreter (a sandboxed subset of Jinja2).
//
// A Value models the Python objects a Jinja2 template sees when Hugging Face renders a chat template:
// None, bool, int, float, str (optionally "Markup", i.e. marked safe), list, dict, a namespace/loop
// object and callables. Lists, dicts and objects are shared by reference, as in Python, so that
// `{% set ns.x = ... %}` is seen through every name bound to the namespace. Undefined follows
// Jinja2's default Undefined: it prints as "", iterates as empty and is falsy, but taking an
// attribute or item of it, calling it or doing arithmetic with it is an error.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/json.h"

namespace qd::jinja {

// Every failure while rendering is thrown as this and caught at the ChatTemplate boundary, where it
// becomes a qd::Error. `raised` marks a template's own raise_exception(msg): its message is kept as is.
class TemplateError : public std::runtime_error {
public:
    explicit TemplateError(const std::string& message, bool raised = false)
        : std::runtime_error(message), m_message(message), m_raised(raised) {}
    bool raised() const { return m_raised; }
    // The whole message (what() stops at a NUL byte, which a template's raise_exception() may hold),
    // never empty.
    std::string message() const {
        return m_message.empty() ? std::string(m_raised ? "the template raised an error without a message" : "template error")
                                 : m_message;
    }

private:
    std::string m_message;
    bool m_raised;
};

class Value;
class Interpreter;

struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keyword;

    const Value* kw(std::string_view name) const;
    // The argument at `index` or named `name`, else nullptr.
    const Value* get(size_t index, std::string_view name) const;
};

using NativeFunction = std::function<Value(Interpreter&, CallArgs&)>;

struct FunctionData {
    std::string name;
    NativeFunction call;
};

struct DictData;
using ListData = std::vector<Value>;

class Value {
public:
    enum class Type { Undefined, None, Bool, Int, Float, String, List, Dict, Object, Function };

    Value() = default;  // Undefined
    static Value undefined(std::string hint = {});
    static Value none();
    Value(bool b) : m_type(Type::Bool), m_int(b ? 1 : 0) {}
    Value(int v) : m_type(Type::Int), m_int(v) {}
    Value(int64_t v) : m_type(Type::Int), m_int(v) {}
    Value(double v) : m_type(Type::Float), m_float(v) {}
    Value(const char* s) : m_type(Type::String), m_str(s) {}
    Value(std::string s, bool safe = false) : m_type(Type::String), m_safe(safe), m_str(std::move(s)) {}
    Value(std::string_view s) : m_type(Type::String), m_str(s) {}
    static Value list(ListData items = {});
    static Value tuple(ListData items);  // a list that prints as a Python tuple
    static Value dict();
    static Value object();  // a namespace() or loop object: attributes are its keys
    static Value function(std::string name, NativeFunction fn);
    static Value fromJson(const qd::Json& json);

    Type type() const { return m_type; }
    bool isUndefined() const { return m_type == Type::Undefined; }
    bool isNone() const { return m_type == Type::None; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isInt() const { return m_type == Type::Int; }
    bool isFloat() const { return m_type == Type::Float; }
    bool isNumber() const { return m_type == Type::Int || m_type == Type::Float || m_type == Type::Bool; }
    bool isString() const { return m_type == Type::String; }
    bool isList() const { return m_type == Type::List; }
    bool isDict() const { return m_type == Type::Dict; }
    bool isObject() const { return m_type == Type::Object; }
    bool isMapping() const { return m_type == Type::Dict || m_type == Type::Object; }
    bool isFunction() const { return m_type == Type::Function; }
    bool isSafe() const { return m_type == Type::String && m_safe; }
    bool isTuple() const { return m_type == Type::List && m_safe; }  // m_safe doubles as the tuple flag

    bool boolValue() const { return m_int != 0; }
    int64_t intValue() const { return m_int; }  // Int and Bool
    double numberValue() const { return m_type == Type::Float ? m_float : static_cast<double>(m_int); }
    const std::string& str() const { return m_str; }  // String; the hint of an Undefined
    ListData& items() const { return *m_list; }
    DictData& entries() const { return *m_dict; }
    const FunctionData& fn() const { return *m_fn; }
    const void* identity() const;  // for `is sameas` on shared values

    bool truthy() const;
    size_t length() const;  // len(): code points of a string, items, entries; throws for others
    std::string typeName() const;  // Python's type name, for messages
    // What the name refers to in "X is undefined" style messages.
    std::string undefinedMessage() const;

    // Python's str() and repr() of the value. str() of Undefined is "". Self-referencing namespaces and
    // huge shared structures are errors rather than endless output.
    std::string toStr() const;
    std::string repr() const;

    Value withSafe(bool safe) const;

private:
    void reprTo(std::string& out, int depth) const;

    Type m_type = Type::Undefined;
    bool m_safe = false;
    int64_t m_int = 0;
    double m_float = 0.0;
    std::string m_str;
    std::shared_ptr<ListData> m_list;
    std::shared_ptr<DictData> m_dict;
    std::shared_ptr<FunctionData> m_fn;
};

// Insertion-ordered mapping with Python key equality (1, 1.0 and True are one key).
struct DictData {
    std::vector<std::pair<Value, Value>> entries;

    const Value* find(const Value& key) const;
    const Value* find(std::string_view key) const;
    void set(const Value& key, Value value);
};

// Python semantics of ==, <, and str() of a float.
bool valuesEqual(const Value& a, const Value& b);
// -1, 0, 1; throws TemplateError when Python would raise TypeError.
int compareValues(const Value& a, const Value& b);
std::string pythonFloatRepr(double v);

// json.dumps(obj, indent=, separators=, sort_keys=, ensure_ascii=) as Python writes it.
struct JsonDumpOptions {
    int indent = -1;  // < 0: no newlines
    std::string itemSeparator;  // empty: Python's default (", " without indent, "," with it)
    std::string keySeparator = ": ";
    bool sortKeys = false;
    bool ensureAscii = false;
    bool htmlSafe = false;  // Jinja2's built-in tojson: <, >, &, ' written as \u003c, \u003e, \u0026, \u0027
    size_t maxBytes = 16u << 20;  // longer output is an error (a shared sub-list can repeat exponentially)
};
std::string dumpJson(const Value& value, const JsonDumpOptions& options);

// UTF-8 helpers: code points of a string and back (invalid bytes map to U+FFFD).
std::u32string decodeUtf8(std::string_view s);
std::string encodeUtf8(std::u32string_view s);
void appendUtf8(std::string& out, char32_t c);
bool isPythonSpace(char32_t c);

}  // namespace qd::jinja
