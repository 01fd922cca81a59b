// Filters, tests and global functions (Jinja2 3.x semantics for the values chat templates use).
#include "core/chat/jinja_builtins.h"

#include <algorithm>
#include <cerrno>
#include <cfenv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/chat/jinja_interpreter.h"

namespace qd::jinja {
namespace {

const Value* arg(const CallArgs& args, size_t index, std::string_view name) { return args.get(index, name); }

bool boolArg(const CallArgs& args, size_t index, std::string_view name, bool fallback) {
    const Value* v = args.get(index, name);
    return v ? v->truthy() : fallback;
}

const std::string* optStr(const CallArgs& args, size_t index, std::string_view name) {
    const Value* v = args.get(index, name);
    if (!v || v->isNone()) return nullptr;
    if (!v->isString()) throw TemplateError(std::string(name) + " must be a string");
    return &v->str();
}

std::string escapeHtml(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&#34;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

// Jinja2's attribute paths: "a.b.0" looks up item-then-attribute per part, numbers as indexes.
Value lookupPath(const Value& obj, const std::string& path) {
    Value cur = obj;
    size_t start = 0;
    while (true) {
        size_t dot = path.find('.', start);
        std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        bool numeric = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (cur.isUndefined()) return cur;
        cur = numeric ? getItem(cur, Value(static_cast<int64_t>(std::strtoll(part.c_str(), nullptr, 10))))
                      : getItem(cur, Value(part));
        if (dot == std::string::npos) return cur;
        start = dot + 1;
    }
}

// The key a case-insensitive sort/unique/min/max compares by.
Value foldCase(const Value& v, bool caseSensitive) {
    if (!caseSensitive && v.isString()) return Value(asciiLower(v.str()));
    return v;
}

Value attributeOrSelf(const Value& item, const CallArgs& args, size_t index) {
    const std::string* attribute = optStr(args, index, "attribute");
    return attribute ? lookupPath(item, *attribute) : item;
}

// Runs a test given by name with the remaining positional arguments (select/reject/selectattr).
bool runNamedTest(Interpreter& interp, const Value& item, const CallArgs& args, size_t nameIndex) {
    if (nameIndex >= args.positional.size()) return item.truthy();
    const Value& testName = args.positional[nameIndex];
    if (!testName.isString()) throw TemplateError("test name must be a string");
    CallArgs testArgs;
    testArgs.positional.assign(args.positional.begin() + static_cast<std::ptrdiff_t>(nameIndex) + 1, args.positional.end());
    testArgs.keyword = args.keyword;
    return applyTest(interp, testName.str(), item, testArgs);
}

std::vector<Value> requireIterable(const Value& v, const char* filter) {
    if (v.isNone() || v.isNumber() || v.isFunction())
        throw TemplateError(std::string(filter) + ": '" + v.typeName() + "' object is not iterable");
    return iterateValue(v);
}

double roundHalfEven(double x) {
    int saved = std::fegetround();
    std::fesetround(FE_TONEAREST);
    double r = std::nearbyint(x);
    std::fesetround(saved);
    return r;
}

Value filterTojson(Interpreter& interp, const Value& input, const CallArgs& args) {
    JsonDumpOptions o;
    o.maxBytes = interp.options().limits.maxOutputBytes;
    const Value* indent = arg(args, 0, "indent");
    if (indent && !indent->isNone()) {
        if (!indent->isInt()) throw TemplateError("tojson indent must be an integer");
        o.indent = static_cast<int>(std::clamp<int64_t>(indent->intValue(), 0, 64));
    }
    if (interp.options().tojson == TojsonStyle::Jinja2) {
        o.sortKeys = true;
        o.ensureAscii = true;
        o.htmlSafe = true;
        std::string s = dumpJson(input, o);
        interp.checkString(s.size());
        return Value(std::move(s), true);
    }
    // transformers' tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)
    o.ensureAscii = boolArg(args, 99, "ensure_ascii", false);
    o.sortKeys = boolArg(args, 99, "sort_keys", false);
    if (const Value* sep = args.kw("separators"); sep && sep->isList() && sep->items().size() == 2 &&
                                                 sep->items()[0].isString() && sep->items()[1].isString()) {
        o.itemSeparator = sep->items()[0].str();
        o.keySeparator = sep->items()[1].str();
        if (o.itemSeparator.empty()) o.itemSeparator = "\x01";  // marks "explicitly empty" below
    }
    std::string s;
    if (o.itemSeparator == "\x01") {
        // Python allows an empty item separator; our options use "" for "default", so write with a
        // placeholder byte that cannot occur in JSON text and remove it.
        s = dumpJson(input, o);
        s.erase(std::remove(s.begin(), s.end(), '\x01'), s.end());
    } else {
        s = dumpJson(input, o);
    }
    interp.checkString(s.size());
    return Value(std::move(s));
}

Value filterIndent(Interpreter& interp, const Value& input, const CallArgs& args) {
    std::string s = input.toStr();
    const Value* widthV = arg(args, 0, "width");
    std::string pad;
    if (!widthV) pad = "    ";
    else if (widthV->isString()) pad = widthV->str();
    else pad = std::string(static_cast<size_t>(std::clamp<int64_t>(widthV->intValue(), 0, 1024)), ' ');
    bool first = boolArg(args, 1, "first", false);
    bool blank = boolArg(args, 2, "blank", false);
    // Jinja2 appends a newline before splitlines(), so a trailing newline is not indented.
    Value lines = getAttr(Value(s + "\n"), "splitlines");
    CallArgs none;
    Value parts = lines.fn().call(interp, none);
    const auto& items = parts.items();
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string& line = items[i].str();
        if (i > 0) out += "\n";
        if (i > 0 && (blank || !line.empty())) out += pad;
        out += line;
    }
    if (first) out = pad + out;
    return Value(std::move(out));
}

// Jinja2's title filter: each run after a space, '-', '(', '{', '[' or '<' starts a capitalised word.
std::string jinjaTitle(const std::string& s) {
    std::u32string t = decodeUtf8(s);
    bool start = true;
    for (auto& c : t) {
        bool sep = isPythonSpace(c) || c == '-' || c == '(' || c == '{' || c == '[' || c == '<';
        if (sep) {
            start = true;
            continue;
        }
        c = start ? toUpperCodePoint(c) : toLowerCodePoint(c);
        start = false;
    }
    return encodeUtf8(t);
}

ListData sortedItems(std::vector<Value> items, const CallArgs& args, size_t reverseIdx, size_t caseIdx, size_t attrIdx) {
    bool reverse = boolArg(args, reverseIdx, "reverse", false);
    bool caseSensitive = boolArg(args, caseIdx, "case_sensitive", false);
    std::vector<std::pair<Value, Value>> keyed;
    for (auto& v : items) keyed.emplace_back(foldCase(attributeOrSelf(v, args, attrIdx), caseSensitive), v);
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
        return reverse ? compareValues(b.first, a.first) < 0 : compareValues(a.first, b.first) < 0;
    });
    ListData out;
    for (auto& [k, v] : keyed) out.push_back(std::move(v));
    return out;
}

Value minMax(const Value& input, const CallArgs& args, bool wantMax) {
    std::vector<Value> items = requireIterable(input, wantMax ? "max" : "min");
    if (items.empty()) return Value::undefined("No aggregated item, sequence was empty.");
    bool caseSensitive = boolArg(args, 0, "case_sensitive", false);
    size_t best = 0;
    Value bestKey = foldCase(attributeOrSelf(items[0], args, 1), caseSensitive);
    for (size_t i = 1; i < items.size(); ++i) {
        Value key = foldCase(attributeOrSelf(items[i], args, 1), caseSensitive);
        int c = compareValues(key, bestKey);
        if (wantMax ? c > 0 : c < 0) {
            best = i;
            bestKey = key;
        }
    }
    return items[best];
}

Value toInt(const Value& v, const Value& fallback, int base) {
    if (v.isInt() || v.isBool()) return Value(v.intValue());
    if (v.isFloat()) {
        double d = v.numberValue();
        if (!std::isfinite(d) || std::fabs(d) > 9.2e18) return fallback;
        return Value(static_cast<int64_t>(std::trunc(d)));
    }
    if (v.isString()) {
        std::string s = pythonStrip(v.str(), nullptr, true, true);
        s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
        if (!s.empty()) {
            char* end = nullptr;
            errno = 0;
            long long n = std::strtoll(s.c_str(), &end, base);
            if (errno == 0 && end && *end == '\0') return Value(static_cast<int64_t>(n));
            double d = std::strtod(s.c_str(), &end);
            if (end && *end == '\0' && std::isfinite(d) && std::fabs(d) < 9.2e18)
                return Value(static_cast<int64_t>(std::trunc(d)));
        }
    }
    return fallback;
}

}  // namespace

Value applyFilter(Interpreter& interp, const std::string& name, const Value& input, CallArgs& args) {
    if (name == "safe") return Value(input.isString() ? input.str() : input.toStr(), true);
    if (name == "escape" || name == "e" || name == "forceescape") {
        if (input.isSafe() && name != "forceescape") return input;
        return Value(escapeHtml(input.toStr()), true);
    }
    if (name == "string") return input.isString() ? input : Value(input.toStr());
    if (name == "trim") return Value(pythonStrip(input.toStr(), arg(args, 0, "chars"), true, true));
    if (name == "upper") return Value(asciiUpper(input.toStr()));
    if (name == "lower") return Value(asciiLower(input.toStr()));
    if (name == "capitalize") {
        std::u32string t = decodeUtf8(input.toStr());
        for (size_t i = 0; i < t.size(); ++i) t[i] = i == 0 ? toUpperCodePoint(t[i]) : toLowerCodePoint(t[i]);
        return Value(encodeUtf8(t));
    }
    if (name == "truncate") {
        // Jinja2: keep strings up to length + leeway (5); otherwise cut at a word boundary and add `end`.
        std::u32string t = decodeUtf8(input.toStr());
        int64_t length = arg(args, 0, "length") ? arg(args, 0, "length")->intValue() : 255;
        bool killwords = boolArg(args, 1, "killwords", false);
        std::u32string end = decodeUtf8(arg(args, 2, "end") ? arg(args, 2, "end")->toStr() : "...");
        int64_t leeway = arg(args, 3, "leeway") && !arg(args, 3, "leeway")->isNone() ? arg(args, 3, "leeway")->intValue() : 5;
        if (length < static_cast<int64_t>(end.size())) throw TemplateError("expected length >= " + std::to_string(end.size()));
        if (leeway < 0) throw TemplateError("expected leeway >= 0");
        if (static_cast<int64_t>(t.size()) <= length + leeway) return Value(input.toStr());
        std::u32string head = t.substr(0, static_cast<size_t>(length) - end.size());
        if (!killwords) {
            size_t space = head.rfind(U' ');
            if (space != std::u32string::npos) head = head.substr(0, space);
        }
        return Value(encodeUtf8(head + end));
    }
    if (name == "title") return Value(jinjaTitle(input.toStr()));
    if (name == "length" || name == "count") return Value(static_cast<int64_t>(input.length()));
    if (name == "wordcount") {
        int64_t n = 0;
        bool inWord = false;
        for (char32_t c : decodeUtf8(input.toStr())) {
            // Python's \w: letters and digits of any script; symbols, punctuation and emoji are not.
            bool symbol = (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) ||
                          (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F) ||
                          (c >= 0x1F000 && c <= 0x1FAFF);
            bool w = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                     (c >= 0x80 && !symbol && !isPythonSpace(c));
            if (w && !inWord) ++n;
            inWord = w;
        }
        return Value(n);
    }
    if (name == "default" || name == "d") {
        bool boolean = boolArg(args, 1, "boolean", false);
        if (input.isUndefined() || (boolean && !input.truthy())) {
            const Value* d = arg(args, 0, "default_value");
            return d ? *d : Value("");
        }
        return input;
    }
    if (name == "replace") {
        const Value* from = arg(args, 0, "old");
        const Value* to = arg(args, 1, "new");
        if (!from || !to) throw TemplateError("replace filter needs old and new");
        CallArgs a;
        a.positional = {Value(from->toStr()), Value(to->toStr())};
        if (const Value* count = arg(args, 2, "count"); count && !count->isNone()) a.positional.push_back(*count);
        return getAttr(Value(input.toStr()), "replace").fn().call(interp, a);
    }
    if (name == "join") {
        std::string sep = arg(args, 0, "d") ? arg(args, 0, "d")->toStr() : "";
        std::string out;
        bool first = true;
        for (const auto& item : requireIterable(input, "join")) {
            if (!first) out += sep;
            first = false;
            out += attributeOrSelf(item, args, 1).toStr();
            interp.checkString(out.size());
        }
        return Value(std::move(out));
    }
    if (name == "tojson") return filterTojson(interp, input, args);
    if (name == "indent") {
        Value v = filterIndent(interp, input, args);
        interp.checkString(v.str().size());
        return v;
    }
    if (name == "first" || name == "last") {
        std::vector<Value> items = requireIterable(input, name.c_str());
        if (items.empty()) return Value::undefined("No " + name + " item, sequence was empty.");
        return name == "first" ? items.front() : items.back();
    }
    if (name == "list") return Value::list(requireIterable(input, "list"));
    if (name == "reverse") {
        if (input.isString()) {
            std::u32string t = decodeUtf8(input.str());
            std::reverse(t.begin(), t.end());
            return Value(encodeUtf8(t));
        }
        std::vector<Value> items = requireIterable(input, "reverse");
        std::reverse(items.begin(), items.end());
        return Value::list(std::move(items));
    }
    if (name == "items") {
        if (input.isUndefined()) return Value::list();
        if (!input.isMapping()) throw TemplateError("Can only get item pairs from a mapping.");
        ListData out;
        for (const auto& [k, v] : input.entries().entries) out.push_back(Value::tuple({k, v}));
        return Value::list(std::move(out));
    }
    if (name == "dictsort") {
        if (!input.isMapping()) throw TemplateError("dictsort: a mapping is required");
        bool caseSensitive = boolArg(args, 0, "case_sensitive", false);
        std::string by = arg(args, 1, "by") ? arg(args, 1, "by")->toStr() : "key";
        bool reverse = boolArg(args, 2, "reverse", false);
        std::vector<Value> pairs;
        for (const auto& [k, v] : input.entries().entries) pairs.push_back(Value::tuple({k, v}));
        size_t pos = by == "value" ? 1 : 0;
        std::stable_sort(pairs.begin(), pairs.end(), [&](const Value& a, const Value& b) {
            Value x = foldCase(a.items()[pos], caseSensitive), y = foldCase(b.items()[pos], caseSensitive);
            return reverse ? compareValues(y, x) < 0 : compareValues(x, y) < 0;
        });
        return Value::list(std::move(pairs));
    }
    if (name == "sort") return Value::list(sortedItems(requireIterable(input, "sort"), args, 0, 1, 2));
    if (name == "unique") {
        bool caseSensitive = boolArg(args, 0, "case_sensitive", false);
        std::vector<Value> seen;
        ListData out;
        for (const auto& item : requireIterable(input, "unique")) {
            Value key = foldCase(attributeOrSelf(item, args, 1), caseSensitive);
            if (std::any_of(seen.begin(), seen.end(), [&](const Value& s) { return valuesEqual(s, key); })) continue;
            seen.push_back(key);
            out.push_back(item);
        }
        return Value::list(std::move(out));
    }
    if (name == "min" || name == "max") return minMax(input, args, name == "max");
    if (name == "sum") {
        Value total = arg(args, 1, "start") ? *arg(args, 1, "start") : Value(int64_t{0});
        for (const auto& item : requireIterable(input, "sum"))
            total = binaryOp("+", total, attributeOrSelf(item, args, 0), interp);
        return total;
    }
    if (name == "map") {
        ListData out;
        std::vector<Value> items = requireIterable(input, "map");
        if (const Value* attribute = args.kw("attribute")) {
            const Value* dflt = args.kw("default");
            for (const auto& item : items) {
                Value v = lookupPath(item, attribute->toStr());
                out.push_back(v.isUndefined() && dflt ? *dflt : v);
            }
            return Value::list(std::move(out));
        }
        if (args.positional.empty() || !args.positional[0].isString())
            throw TemplateError("map requires a filter name or attribute=");
        std::string filter = args.positional[0].str();
        CallArgs rest;
        rest.positional.assign(args.positional.begin() + 1, args.positional.end());
        rest.keyword = args.keyword;
        for (const auto& item : items) {
            interp.step();
            CallArgs copy = rest;
            out.push_back(applyFilter(interp, filter, item, copy));
        }
        return Value::list(std::move(out));
    }
    if (name == "select" || name == "reject" || name == "selectattr" || name == "rejectattr") {
        // Jinja2 yields nothing for a falsy input (None, an empty or undefined value).
        if (!input.truthy()) return Value::list();
        bool attr = name == "selectattr" || name == "rejectattr";
        bool keep = name == "select" || name == "selectattr";
        std::string attribute;
        if (attr) {
            if (args.positional.empty()) throw TemplateError(name + " requires an attribute name");
            attribute = args.positional[0].toStr();
        }
        ListData out;
        for (const auto& item : requireIterable(input, name.c_str())) {
            interp.step();
            Value subject = attr ? lookupPath(item, attribute) : item;
            if (runNamedTest(interp, subject, args, attr ? 1 : 0) == keep) out.push_back(item);
        }
        return Value::list(std::move(out));
    }
    if (name == "attr") {
        const std::string* attribute = optStr(args, 0, "name");
        if (!attribute) throw TemplateError("attr requires a name");
        if (input.isUndefined()) throw TemplateError(input.undefinedMessage());
        return input.isObject() || input.isDict() ? (input.entries().find(std::string_view(*attribute))
                                                         ? *input.entries().find(std::string_view(*attribute))
                                                         : Value::undefined("no attribute " + *attribute))
                                                   : getAttr(input, *attribute);
    }
    if (name == "int") {
        Value fallback = arg(args, 0, "default") ? *arg(args, 0, "default") : Value(int64_t{0});
        int base = static_cast<int>(arg(args, 1, "base") ? arg(args, 1, "base")->intValue() : 10);
        if (base < 2 || base > 36) base = 10;
        return toInt(input, fallback, base);
    }
    if (name == "float") {
        Value fallback = arg(args, 0, "default") ? *arg(args, 0, "default") : Value(0.0);
        if (input.isNumber()) return Value(input.numberValue());
        if (input.isString()) {
            std::string s = pythonStrip(input.str(), nullptr, true, true);
            char* end = nullptr;
            double d = std::strtod(s.c_str(), &end);
            if (!s.empty() && end && *end == '\0') return Value(d);
        }
        return fallback;
    }
    if (name == "abs") {
        if (input.isFloat()) return Value(std::fabs(input.numberValue()));
        if (input.isNumber()) {
            if (input.intValue() == INT64_MIN) throw TemplateError("integer result too large");
            return Value(input.intValue() < 0 ? -input.intValue() : input.intValue());
        }
        throw TemplateError("bad operand type for abs(): '" + input.typeName() + "'");
    }
    if (name == "round") {
        if (!input.isNumber()) throw TemplateError("round: a number is required");
        int64_t precision = arg(args, 0, "precision") ? arg(args, 0, "precision")->intValue() : 0;
        std::string method = arg(args, 1, "method") ? arg(args, 1, "method")->toStr() : "common";
        if (method != "common" && method != "ceil" && method != "floor")
            throw TemplateError("method must be common, ceil or floor");
        if (method == "common" && !input.isFloat()) return Value(input.intValue());
        double scale = std::pow(10.0, static_cast<double>(std::clamp<int64_t>(precision, -30, 30)));
        double x = input.numberValue() * scale;
        double r = method == "ceil" ? std::ceil(x) : method == "floor" ? std::floor(x) : roundHalfEven(x);
        return Value(r / scale);
    }
    if (name == "format") {
        CallArgs a = args;
        return binaryOp("%", Value(input.toStr()), Value::list(a.positional), interp);
    }
    if (name == "center") {
        CallArgs a;
        a.positional.push_back(arg(args, 0, "width") ? *arg(args, 0, "width") : Value(int64_t{80}));
        return getAttr(Value(input.toStr()), "center").fn().call(interp, a);
    }
    if (name == "pprint") return Value(input.repr());
    if (name == "batch") {
        int64_t size = arg(args, 0, "linecount") ? arg(args, 0, "linecount")->intValue() : 1;
        if (size <= 0) throw TemplateError("batch size must be positive");
        const Value* fill = arg(args, 1, "fill_with");
        ListData out, cur;
        for (const auto& item : requireIterable(input, "batch")) {
            cur.push_back(item);
            if (static_cast<int64_t>(cur.size()) == size) {
                out.push_back(Value::list(std::move(cur)));
                cur.clear();
            }
        }
        if (!cur.empty()) {
            if (fill && !fill->isNone())
                while (static_cast<int64_t>(cur.size()) < size) cur.push_back(*fill);
            out.push_back(Value::list(std::move(cur)));
        }
        return Value::list(std::move(out));
    }
    throw TemplateError("no filter named '" + name + "'");
}

bool applyTest(Interpreter& interp, const std::string& name, const Value& input, CallArgs& args) {
    const Value* other = arg(args, 0, "value");
    auto needArg = [&]() -> const Value& {
        if (!other) throw TemplateError("test '" + name + "' needs an argument");
        return *other;
    };
    if (name == "defined") return !input.isUndefined();
    if (name == "undefined") return input.isUndefined();
    if (name == "none") return input.isNone();
    if (name == "boolean") return input.isBool();
    if (name == "true") return input.isBool() && input.boolValue();
    if (name == "false") return input.isBool() && !input.boolValue();
    if (name == "integer") return input.isInt();
    if (name == "float") return input.isFloat();
    if (name == "number") return input.isNumber();
    if (name == "string") return input.isString();
    if (name == "mapping") return input.isMapping();
    if (name == "iterable") return input.isUndefined() || input.isString() || input.isList() || input.isMapping();
    if (name == "sequence") return input.isUndefined() || input.isString() || input.isList() || input.isMapping();
    if (name == "callable") return input.isFunction();
    if (name == "escaped") return input.isSafe();
    if (name == "lower") return input.isString() && input.str() == asciiLower(input.str());
    if (name == "upper") return input.isString() && input.str() == asciiUpper(input.str());
    if (name == "odd" || name == "even") {
        if (!input.isInt() && !input.isBool()) throw TemplateError("test '" + name + "' needs an integer");
        bool odd = (input.intValue() % 2) != 0;
        return name == "odd" ? odd : !odd;
    }
    if (name == "divisibleby") {
        Value r = binaryOp("%", input, needArg(), interp);
        return r.isNumber() && r.numberValue() == 0;
    }
    if (name == "==" || name == "eq" || name == "equalto") return valuesEqual(input, needArg());
    if (name == "!=" || name == "ne") return !valuesEqual(input, needArg());
    if (name == "<" || name == "lt" || name == "lessthan") return compareValues(input, needArg()) < 0;
    if (name == "<=" || name == "le") return compareValues(input, needArg()) <= 0;
    if (name == ">" || name == "gt" || name == "greaterthan") return compareValues(input, needArg()) > 0;
    if (name == ">=" || name == "ge") return compareValues(input, needArg()) >= 0;
    if (name == "in") return containsValue(needArg(), input);
    if (name == "sameas") {
        const Value& o = needArg();
        if (input.type() != o.type()) return false;
        if (input.isNone() || input.isUndefined()) return true;
        if (input.isBool() || input.isInt()) return input.intValue() == o.intValue();
        if (input.identity()) return input.identity() == o.identity();
        return false;
    }
    throw TemplateError("no test named '" + name + "'");
}

std::string formatTime(const std::string& format, const std::tm& time) {
    std::tm t = time;
    std::tm copy = t;
#ifdef _WIN32
    _mkgmtime(&copy);  // fills in the weekday and day of year
#else
    timegm(&copy);
#endif
    t.tm_wday = copy.tm_wday;
    t.tm_yday = copy.tm_yday;
    std::string out;
    char buf[256];
    // Format one directive at a time so that output length is bounded and unknown ones pass through.
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 >= format.size()) {
            out += format[i];
            continue;
        }
        char spec[4] = {'%', format[i + 1], 0, 0};
        ++i;
        if (spec[1] == '-' && i + 1 < format.size()) {  // glibc's "%-d": no padding
            spec[2] = format[++i];
        }
        size_t n = std::strftime(buf, sizeof buf, spec, &t);
        out.append(buf, n);
        if (out.size() > (1u << 20)) throw TemplateError("strftime output too long");
    }
    return out;
}

void installGlobals(DictData& globals) {
    globals.set(Value("range"), Value::function("range", [](Interpreter& interp, CallArgs& args) -> Value {
        std::vector<int64_t> v;
        for (const auto& a : args.positional) {
            if (!a.isInt() && !a.isBool()) throw TemplateError("'" + a.typeName() + "' object cannot be interpreted as an integer");
            v.push_back(a.intValue());
        }
        if (v.empty() || v.size() > 3) throw TemplateError("range expected 1 to 3 arguments");
        int64_t start = v.size() == 1 ? 0 : v[0];
        int64_t stop = v.size() == 1 ? v[0] : v[1];
        int64_t step = v.size() == 3 ? v[2] : 1;
        if (step == 0) throw TemplateError("range() arg 3 must not be zero");
        double count = step > 0 ? std::ceil((static_cast<double>(stop) - static_cast<double>(start)) / static_cast<double>(step))
                                 : std::ceil((static_cast<double>(start) - static_cast<double>(stop)) / static_cast<double>(-step));
        if (count > static_cast<double>(interp.options().limits.maxRange))
            throw TemplateError("Range too big. The sandbox blocks ranges larger than MAX_RANGE (" +
                                std::to_string(interp.options().limits.maxRange) + ").");
        ListData items;
        for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) items.push_back(Value(i));
        return Value::list(std::move(items));
    }));
    auto mapping = [](bool ns) {
        return [ns](Interpreter& interp, CallArgs& args) -> Value {
            Value out = ns ? Value::object() : Value::dict();
            if (ns) interp.trackNamespace(out);
            for (const auto& p : args.positional) {
                if (!p.isMapping()) throw TemplateError("namespace()/dict() takes mappings and keyword arguments");
                for (const auto& [k, v] : p.entries().entries) out.entries().set(k, v);
            }
            for (const auto& [k, v] : args.keyword) out.entries().set(Value(k), v);
            return out;
        };
    };
    globals.set(Value("namespace"), Value::function("namespace", mapping(true)));
    globals.set(Value("dict"), Value::function("dict", mapping(false)));
    globals.set(Value("raise_exception"), Value::function("raise_exception", [](Interpreter&, CallArgs& args) -> Value {
        const Value* message = args.get(0, "message");
        throw TemplateError(message ? message->toStr() : std::string(), true);
    }));
    globals.set(Value("strftime_now"), Value::function("strftime_now", [](Interpreter& interp, CallArgs& args) -> Value {
        const Value* format = args.get(0, "format");
        if (!format || !format->isString()) throw TemplateError("strftime_now() needs a format string");
        return Value(formatTime(format->str(), interp.options().now));
    }));
    globals.set(Value("joiner"), Value::function("joiner", [](Interpreter&, CallArgs& args) -> Value {
        std::string sep = args.get(0, "sep") ? args.get(0, "sep")->toStr() : ", ";
        auto used = std::make_shared<bool>(false);
        return Value::function("joiner", [sep, used](Interpreter&, CallArgs&) -> Value {
            if (!*used) {
                *used = true;
                return Value("");
            }
            return Value(sep);
        });
    }));
}

}  // namespace qd::jinja
