// Attribute and item access, slicing, iteration and the Python methods of str, dict and list.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "core/chat/jinja_builtins.h"
#include "core/chat/jinja_interpreter.h"

namespace qd::jinja {
namespace {

std::string missingAttr(const Value& obj, const std::string& name) {
    return "'" + obj.typeName() + " object' has no attribute '" + name + "'";
}

const std::string& strArg(const Value& v, const char* what) {
    if (!v.isString()) throw TemplateError(std::string(what) + " must be str, not " + v.typeName());
    return v.str();
}

std::u32string cps(const std::string& s) { return decodeUtf8(s); }

char32_t lowerCp(char32_t c) { return toLowerCodePoint(c); }
char32_t upperCp(char32_t c) { return toUpperCodePoint(c); }
bool isAlphaCp(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool isCased(char32_t c) { return toLowerCodePoint(c) != c || toUpperCodePoint(c) != c; }

// Python str.split / rsplit.
ListData splitString(const std::string& s, const Value* sepArg, int64_t maxSplit, bool fromRight) {
    ListData out;
    if (!sepArg || sepArg->isNone()) {
        std::u32string t = cps(s);
        std::vector<std::u32string> words;
        if (!fromRight) {
            size_t i = 0;
            while (i < t.size()) {
                while (i < t.size() && isPythonSpace(t[i])) ++i;
                if (i >= t.size()) break;
                if (maxSplit >= 0 && static_cast<int64_t>(words.size()) == maxSplit) {
                    words.push_back(t.substr(i));  // the remainder keeps its trailing whitespace
                    break;
                }
                size_t j = i;
                while (j < t.size() && !isPythonSpace(t[j])) ++j;
                words.push_back(t.substr(i, j - i));
                i = j;
            }
        } else {
            size_t i = t.size();
            while (i > 0) {
                while (i > 0 && isPythonSpace(t[i - 1])) --i;
                if (i == 0) break;
                if (maxSplit >= 0 && static_cast<int64_t>(words.size()) == maxSplit) {
                    words.push_back(t.substr(0, i));  // the remainder keeps its leading whitespace
                    break;
                }
                size_t j = i;
                while (j > 0 && !isPythonSpace(t[j - 1])) --j;
                words.push_back(t.substr(j, i - j));
                i = j;
            }
            std::reverse(words.begin(), words.end());
        }
        for (const auto& w : words) out.push_back(Value(encodeUtf8(w)));
        return out;
    }
    const std::string& sep = strArg(*sepArg, "separator");
    if (sep.empty()) throw TemplateError("empty separator");
    std::vector<std::string> parts;
    if (!fromRight) {
        size_t start = 0;
        while (true) {
            size_t at = s.find(sep, start);
            if (at == std::string::npos || (maxSplit >= 0 && static_cast<int64_t>(parts.size()) == maxSplit)) {
                parts.push_back(s.substr(start));
                break;
            }
            parts.push_back(s.substr(start, at - start));
            start = at + sep.size();
        }
    } else {
        size_t end = s.size();
        while (true) {
            size_t at = end >= sep.size() ? s.rfind(sep, end - sep.size()) : std::string::npos;
            if (at == std::string::npos || (maxSplit >= 0 && static_cast<int64_t>(parts.size()) == maxSplit)) {
                parts.push_back(s.substr(0, end));
                break;
            }
            parts.push_back(s.substr(at + sep.size(), end - at - sep.size()));
            end = at;
        }
        std::reverse(parts.begin(), parts.end());
    }
    for (auto& p : parts) out.push_back(Value(std::move(p)));
    return out;
}

std::string pythonTitle(const std::string& s) {
    std::u32string t = cps(s);
    bool prevCased = false;
    for (auto& c : t) {
        if (isCased(c)) {
            c = prevCased ? lowerCp(c) : upperCp(c);
            prevCased = true;
        } else {
            prevCased = false;
        }
    }
    return encodeUtf8(t);
}

std::string pythonCapitalize(const std::string& s) {
    std::u32string t = cps(s);
    for (size_t i = 0; i < t.size(); ++i) t[i] = i == 0 ? upperCp(t[i]) : lowerCp(t[i]);
    return encodeUtf8(t);
}

bool prefixMatch(const std::string& s, const Value& arg, bool suffix) {
    auto one = [&](const Value& p) {
        const std::string& x = strArg(p, "startswith argument");
        if (x.size() > s.size()) return false;
        return suffix ? s.compare(s.size() - x.size(), x.size(), x) == 0 : s.compare(0, x.size(), x) == 0;
    };
    if (arg.isList()) {
        for (const auto& p : arg.items())
            if (one(p)) return true;
        return false;
    }
    return one(arg);
}

std::string replaceAll(const std::string& s, const std::string& from, const std::string& to, int64_t count) {
    std::string out;
    if (from.empty()) {
        std::u32string t = cps(s);
        int64_t done = 0;
        for (char32_t c : t) {
            if (count < 0 || done < count) {
                out += to;
                ++done;
            }
            appendUtf8(out, c);
        }
        if (count < 0 || done < count) out += to;
        return out;
    }
    size_t start = 0;
    int64_t done = 0;
    while (count < 0 || done < count) {
        size_t at = s.find(from, start);
        if (at == std::string::npos) break;
        out.append(s, start, at - start);
        out += to;
        start = at + from.size();
        ++done;
    }
    out.append(s, start, std::string::npos);
    return out;
}

// str.format for automatic/numbered/named fields ("{}", "{0}", "{name}"); format specs are ignored
// except that a field with one is still replaced by str(value).
std::string strFormat(const std::string& fmt, const CallArgs& args) {
    std::string out;
    size_t autoIndex = 0;
    for (size_t i = 0; i < fmt.size(); ++i) {
        char c = fmt[i];
        if (c == '{' && i + 1 < fmt.size() && fmt[i + 1] == '{') {
            out += '{';
            ++i;
        } else if (c == '}' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
            out += '}';
            ++i;
        } else if (c == '{') {
            size_t close = fmt.find('}', i);
            if (close == std::string::npos) throw TemplateError("Single '{' encountered in format string");
            std::string field = fmt.substr(i + 1, close - i - 1);
            size_t colon = field.find_first_of(":!");
            std::string name = field.substr(0, colon);
            const Value* v = nullptr;
            if (name.empty()) {
                if (autoIndex < args.positional.size()) v = &args.positional[autoIndex++];
            } else if (std::all_of(name.begin(), name.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
                size_t idx = std::stoul(name);
                if (idx < args.positional.size()) v = &args.positional[idx];
            } else {
                v = args.kw(name);
            }
            if (!v) throw TemplateError("format field '" + name + "' has no value");
            out += v->toStr();
            i = close;
        } else if (c == '}') {
            throw TemplateError("Single '}' encountered in format string");
        } else {
            out += c;
        }
    }
    return out;
}

int64_t intArg(const Value* v, int64_t fallback) {
    if (!v || v->isNone()) return fallback;
    if (!v->isInt() && !v->isBool()) throw TemplateError("an integer is required, not " + v->typeName());
    return v->intValue();
}

Value stringMethod(const Value& self, const std::string& name) {
    static const char* const kMethods[] = {"strip", "lstrip", "rstrip", "split", "rsplit", "splitlines",
                                           "startswith", "endswith", "upper", "lower", "title", "capitalize",
                                           "swapcase", "replace", "find", "rfind", "index", "count", "join",
                                           "format", "isdigit", "isalpha", "isalnum", "isspace", "islower",
                                           "isupper", "casefold", "center", "ljust", "rjust", "zfill",
                                           "removeprefix", "removesuffix", "partition"};
    if (std::find_if(std::begin(kMethods), std::end(kMethods), [&](const char* m) { return name == m; }) ==
        std::end(kMethods))
        return Value::undefined(missingAttr(self, name));
    return Value::function("str." + name, [self, name](Interpreter& interp, CallArgs& args) -> Value {
        const std::string& s = self.str();
        const Value* a0 = args.get(0, "");
        const Value* a1 = args.get(1, "");
        Value result;
        if (name == "strip" || name == "lstrip" || name == "rstrip") {
            result = Value(pythonStrip(s, a0, name != "rstrip", name != "lstrip"));
        } else if (name == "split" || name == "rsplit") {
            result = Value::list(splitString(s, args.get(0, "sep"), intArg(args.get(1, "maxsplit"), -1), name == "rsplit"));
        } else if (name == "splitlines") {
            ListData lines;
            std::u32string t = cps(s);
            bool keep = args.get(0, "keepends") && args.get(0, "keepends")->truthy();
            size_t start = 0;
            for (size_t i = 0; i < t.size(); ++i) {
                char32_t c = t[i];
                bool br = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
                          c == 0x85 || c == 0x2028 || c == 0x2029;
                if (!br) continue;
                size_t end = i;
                if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
                lines.push_back(Value(encodeUtf8(t.substr(start, (keep ? i + 1 : end) - start))));
                start = i + 1;
            }
            if (start < t.size()) lines.push_back(Value(encodeUtf8(t.substr(start))));
            result = Value::list(std::move(lines));
        } else if (name == "startswith" || name == "endswith") {
            if (!a0) throw TemplateError(name + "() takes at least 1 argument");
            result = Value(prefixMatch(s, *a0, name == "endswith"));
        } else if (name == "upper") {
            result = Value(asciiUpper(s));
        } else if (name == "lower" || name == "casefold") {
            result = Value(asciiLower(s));
        } else if (name == "title") {
            result = Value(pythonTitle(s));
        } else if (name == "capitalize") {
            result = Value(pythonCapitalize(s));
        } else if (name == "swapcase") {
            std::u32string t = cps(s);
            for (auto& c : t) c = upperCp(c) != c ? upperCp(c) : lowerCp(c);
            result = Value(encodeUtf8(t));
        } else if (name == "replace") {
            if (!a0 || !a1) throw TemplateError("replace() takes at least 2 arguments");
            result = Value(replaceAll(s, strArg(*a0, "replace() argument 1"), strArg(*a1, "replace() argument 2"),
                                      intArg(args.get(2, "count"), -1)));
        } else if (name == "find" || name == "rfind" || name == "index") {
            if (!a0) throw TemplateError(name + "() takes at least 1 argument");
            const std::string& sub = strArg(*a0, "substring");
            size_t at = name == "rfind" ? s.rfind(sub) : s.find(sub);
            if (at == std::string::npos && name == "index") throw TemplateError("substring not found");
            result = at == std::string::npos ? Value(int64_t{-1})
                                             : Value(static_cast<int64_t>(decodeUtf8(s.substr(0, at)).size()));
        } else if (name == "count") {
            if (!a0) throw TemplateError("count() takes at least 1 argument");
            const std::string& sub = strArg(*a0, "substring");
            int64_t n = 0;
            if (sub.empty()) {
                n = static_cast<int64_t>(self.length()) + 1;
            } else {
                for (size_t at = s.find(sub); at != std::string::npos; at = s.find(sub, at + sub.size())) ++n;
            }
            result = Value(n);
        } else if (name == "join") {
            if (!a0) throw TemplateError("join() takes exactly one argument");
            std::string out;
            bool first = true;
            for (const auto& item : iterateValue(*a0)) {
                if (!item.isString()) throw TemplateError("sequence item: expected str instance, " + item.typeName() + " found");
                if (!first) out += s;
                first = false;
                out += item.str();
                interp.checkString(out.size());
            }
            result = Value(std::move(out));
        } else if (name == "format") {
            result = Value(strFormat(s, args));
        } else if (name == "isdigit" || name == "isalpha" || name == "isalnum" || name == "isspace" ||
                   name == "islower" || name == "isupper") {
            std::u32string t = cps(s);
            bool ok = !t.empty();
            bool anyCased = false;
            for (char32_t c : t) {
                bool digit = c >= '0' && c <= '9';
                if (name == "isdigit") ok = ok && digit;
                else if (name == "isalpha") ok = ok && isAlphaCp(c);
                else if (name == "isalnum") ok = ok && (digit || isAlphaCp(c));
                else if (name == "isspace") ok = ok && isPythonSpace(c);
                else if (name == "islower") {
                    if (lowerCp(c) != c) ok = false;
                    anyCased = anyCased || isCased(c);
                } else {
                    if (upperCp(c) != c) ok = false;
                    anyCased = anyCased || isCased(c);
                }
            }
            if (name == "islower" || name == "isupper") ok = ok && anyCased;
            result = Value(ok);
        } else if (name == "center" || name == "ljust" || name == "rjust" || name == "zfill") {
            int64_t width = intArg(a0, 0);
            interp.checkString(static_cast<size_t>(std::max<int64_t>(width, 0)));
            std::u32string t = cps(s);
            std::u32string fill = U" ";
            if (name == "zfill") fill = U"0";
            else if (a1 && a1->isString() && decodeUtf8(a1->str()).size() == 1) fill = decodeUtf8(a1->str());
            size_t w = static_cast<size_t>(std::max<int64_t>(width, 0));
            if (w <= t.size()) {
                result = Value(s);
            } else {
                size_t pad = w - t.size();
                size_t left = name == "rjust" || name == "zfill" ? pad : name == "ljust" ? 0 : pad / 2 + (pad & w & 1);
                std::u32string out(left, fill[0]);
                if (name == "zfill" && !t.empty() && (t[0] == '-' || t[0] == '+')) {
                    out = std::u32string(1, t[0]) + out;
                    t.erase(0, 1);
                }
                out += t;
                out += std::u32string(pad - left, fill[0]);
                result = Value(encodeUtf8(out));
            }
        } else if (name == "removeprefix" || name == "removesuffix") {
            if (!a0) throw TemplateError(name + "() takes exactly one argument");
            const std::string& x = strArg(*a0, "argument");
            bool suffix = name == "removesuffix";
            bool has = x.size() <= s.size() &&
                       (suffix ? s.compare(s.size() - x.size(), x.size(), x) == 0 : s.compare(0, x.size(), x) == 0);
            result = Value(!has || x.empty() ? s : suffix ? s.substr(0, s.size() - x.size()) : s.substr(x.size()));
        } else if (name == "partition") {
            if (!a0) throw TemplateError("partition() takes exactly one argument");
            const std::string& sep = strArg(*a0, "separator");
            if (sep.empty()) throw TemplateError("empty separator");
            size_t at = s.find(sep);
            if (at == std::string::npos) result = Value::tuple({Value(s), Value(""), Value("")});
            else result = Value::tuple({Value(s.substr(0, at)), Value(sep), Value(s.substr(at + sep.size()))});
        }
        if (result.isString()) interp.checkString(result.str().size());
        return result;
    });
}

Value dictMethod(const Value& self, const std::string& name) {
    if (name != "items" && name != "keys" && name != "values" && name != "get")
        return Value::undefined(missingAttr(self, name));
    return Value::function("dict." + name, [self, name](Interpreter&, CallArgs& args) -> Value {
        const auto& entries = self.entries().entries;
        if (name == "get") {
            const Value* key = args.get(0, "key");
            if (!key) throw TemplateError("get expected at least 1 argument, got 0");
            if (const Value* v = self.entries().find(*key)) return *v;
            const Value* fallback = args.get(1, "default");
            return fallback ? *fallback : Value::none();
        }
        ListData out;
        for (const auto& [k, v] : entries) {
            if (name == "items") out.push_back(Value::tuple({k, v}));
            else if (name == "keys") out.push_back(k);
            else out.push_back(v);
        }
        return Value::list(std::move(out));
    });
}

Value listMethod(const Value& self, const std::string& name) {
    if (name != "index" && name != "count") return Value::undefined(missingAttr(self, name));
    return Value::function("list." + name, [self, name](Interpreter&, CallArgs& args) -> Value {
        const Value* x = args.get(0, "value");
        if (!x) throw TemplateError(name + "() takes exactly one argument");
        int64_t n = 0;
        const auto& items = self.items();
        for (size_t i = 0; i < items.size(); ++i) {
            if (!valuesEqual(items[i], *x)) continue;
            if (name == "index") return Value(static_cast<int64_t>(i));
            ++n;
        }
        if (name == "index") throw TemplateError(x->repr() + " is not in list");
        return Value(n);
    });
}

}  // namespace

// Simple (one-to-one) case mapping for Latin, Greek and Cyrillic; other scripts are left unchanged.
char32_t toLowerCodePoint(char32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
        (c >= 0x410 && c <= 0x42F))
        return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x460 && c <= 0x481) ||
         (c >= 0x48A && c <= 0x4BF)) && (c % 2 == 0))
        return c + 1;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && (c % 2 == 1)) return c + 1;
    return c;
}

char32_t toUpperCodePoint(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) ||
        (c >= 0x430 && c <= 0x44F))
        return c - 32;
    if (c == 0x3C2) return 0x3A3;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    if (((c >= 0x101 && c <= 0x137) || (c >= 0x14B && c <= 0x177) || (c >= 0x461 && c <= 0x481) ||
         (c >= 0x48B && c <= 0x4BF)) && (c % 2 == 1))
        return c - 1;
    if (((c >= 0x13A && c <= 0x148) || (c >= 0x17A && c <= 0x17E)) && (c % 2 == 0)) return c - 1;
    return c;
}

std::string asciiLower(std::string s) {
    bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        for (auto& c : s)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        return s;
    }
    std::u32string t = decodeUtf8(s);
    for (auto& c : t) c = toLowerCodePoint(c);
    return encodeUtf8(t);
}

std::string asciiUpper(std::string s) {
    bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        for (auto& c : s)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        return s;
    }
    std::u32string t = decodeUtf8(s);
    for (auto& c : t) c = toUpperCodePoint(c);
    return encodeUtf8(t);
}

std::string pythonStrip(const std::string& s, const Value* chars, bool left, bool right) {
    std::u32string t = decodeUtf8(s);
    std::u32string set;
    bool custom = chars && !chars->isNone() && !chars->isUndefined();
    if (custom) set = decodeUtf8(strArg(*chars, "strip arg"));
    auto strip = [&](char32_t c) { return custom ? set.find(c) != std::u32string::npos : isPythonSpace(c); };
    size_t b = 0, e = t.size();
    if (left)
        while (b < e && strip(t[b])) ++b;
    if (right)
        while (e > b && strip(t[e - 1])) --e;
    if (b == 0 && e == t.size()) return s;
    return encodeUtf8(std::u32string_view(t).substr(b, e - b));
}

Value getAttr(const Value& obj, const std::string& name) {
    switch (obj.type()) {
    case Value::Type::Undefined: throw TemplateError(obj.undefinedMessage());
    case Value::Type::Dict: {
        Value m = dictMethod(obj, name);
        if (!m.isUndefined()) return m;
        if (const Value* v = obj.entries().find(std::string_view(name))) return *v;
        return Value::undefined(missingAttr(obj, name));
    }
    case Value::Type::Object:
        if (const Value* v = obj.entries().find(std::string_view(name))) return *v;
        return Value::undefined(missingAttr(obj, name));
    case Value::Type::String: return stringMethod(obj, name);
    case Value::Type::List: return listMethod(obj, name);
    default: return Value::undefined(missingAttr(obj, name));
    }
}

Value getItem(const Value& obj, const Value& key) {
    switch (obj.type()) {
    case Value::Type::Undefined: throw TemplateError(obj.undefinedMessage());
    case Value::Type::Dict:
    case Value::Type::Object:
        if (const Value* v = obj.entries().find(key)) return *v;
        if (key.isString() && obj.isDict()) return getAttr(obj, key.str());
        return Value::undefined(missingAttr(obj, key.toStr()));
    case Value::Type::List:
    case Value::Type::String: {
        if (key.isInt() || key.isBool()) {
            int64_t n = static_cast<int64_t>(obj.isList() ? obj.items().size() : obj.length());
            int64_t i = key.intValue();
            if (i < 0) i += n;
            if (i < 0 || i >= n) return Value::undefined(obj.typeName() + " object has no element " + key.toStr());
            if (obj.isList()) return obj.items()[static_cast<size_t>(i)];
            std::u32string t = decodeUtf8(obj.str());
            return Value(encodeUtf8(t.substr(static_cast<size_t>(i), 1)));
        }
        if (key.isString()) return getAttr(obj, key.str());
        return Value::undefined(missingAttr(obj, key.toStr()));
    }
    default:
        if (key.isString()) return getAttr(obj, key.str());
        return Value::undefined(missingAttr(obj, key.toStr()));
    }
}

Value sliceValue(const Value& obj, const Value& startV, const Value& stopV, const Value& stepV) {
    if (!obj.isList() && !obj.isString()) throw TemplateError("'" + obj.typeName() + "' object is not subscriptable");
    auto bound = [](const Value& v, const char* what) -> std::optional<int64_t> {
        if (v.isNone()) return std::nullopt;
        if (!v.isInt() && !v.isBool())
            throw TemplateError(std::string("slice ") + what + " must be an integer or None");
        return v.intValue();
    };
    auto startO = bound(startV, "indices"), stopO = bound(stopV, "indices"), stepO = bound(stepV, "indices");
    int64_t step = stepO.value_or(1);
    if (step == 0) throw TemplateError("slice step cannot be zero");
    std::u32string text;
    int64_t n;
    if (obj.isList()) {
        n = static_cast<int64_t>(obj.items().size());
    } else {
        text = decodeUtf8(obj.str());
        n = static_cast<int64_t>(text.size());
    }
    auto clamp = [&](std::optional<int64_t> v, int64_t dflt) {
        if (!v) return dflt;
        int64_t x = *v;
        if (x < 0) x += n;
        if (step > 0) return std::clamp<int64_t>(x, 0, n);
        return std::clamp<int64_t>(x, -1, n - 1);
    };
    int64_t start = clamp(startO, step > 0 ? 0 : n - 1);
    int64_t stop = clamp(stopO, step > 0 ? n : -1);
    ListData items;
    std::u32string out;
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
        if (obj.isList()) items.push_back(obj.items()[static_cast<size_t>(i)]);
        else out += text[static_cast<size_t>(i)];
    }
    if (obj.isList()) return Value::list(std::move(items));
    return Value(encodeUtf8(out));
}

std::vector<Value> iterateValue(const Value& value) {
    switch (value.type()) {
    case Value::Type::Undefined: return {};
    case Value::Type::List: return value.items();
    case Value::Type::Dict:
    case Value::Type::Object: {
        std::vector<Value> keys;
        for (const auto& [k, v] : value.entries().entries) keys.push_back(k);
        return keys;
    }
    case Value::Type::String: {
        std::vector<Value> chars;
        std::string s;
        for (char32_t c : decodeUtf8(value.str())) {
            s.clear();
            appendUtf8(s, c);
            chars.push_back(Value(s));
        }
        return chars;
    }
    default: throw TemplateError("'" + value.typeName() + "' object is not iterable");
    }
}

}  // namespace qd::jinja
