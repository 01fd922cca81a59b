#include "core/chat/jinja_interpreter.h"

#include <cmath>
#include <utility>

#include "core/chat/jinja_builtins.h"

namespace qd::jinja {

struct Interpreter::Scope {
    std::shared_ptr<Scope> parent;
    std::vector<std::pair<std::string, Value>> vars;

    Value* find(const std::string& name) {
        for (auto& [k, v] : vars)
            if (k == name) return &v;
        return nullptr;
    }
    void set(const std::string& name, Value value) {
        if (Value* v = find(name)) *v = std::move(value);
        else vars.emplace_back(name, std::move(value));
    }
};

namespace {

[[noreturn]] void fail(int line, const std::string& message) {
    throw TemplateError("template error at line " + std::to_string(line) + ": " + message);
}

std::shared_ptr<Interpreter::Scope> childScope(const std::shared_ptr<Interpreter::Scope>& parent) {
    auto s = std::make_shared<Interpreter::Scope>();
    s->parent = parent;
    return s;
}

[[noreturn]] void undefinedError(const Value& v) { throw TemplateError(v.undefinedMessage()); }

[[noreturn]] void operandError(const std::string& op, const Value& a, const Value& b) {
    if (a.isUndefined()) undefinedError(a);
    if (b.isUndefined()) undefinedError(b);
    if (op == "+" && a.isString())
        throw TemplateError("can only concatenate str (not \"" + b.typeName() + "\") to str");
    throw TemplateError("unsupported operand type(s) for " + op + ": '" + a.typeName() + "' and '" +
                        b.typeName() + "'");
}

std::string htmlEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
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

// Python's "%" string formatting for %s, %r, %d, %i, %f, %x and %%.
std::string percentFormat(const std::string& fmt, const Value& args) {
    std::vector<Value> list = args.isList() ? args.items() : std::vector<Value>{args};
    size_t next = 0;
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') {
            out += fmt[i];
            continue;
        }
        if (++i >= fmt.size()) throw TemplateError("incomplete format");
        std::string spec = "%";
        while (i < fmt.size() && std::string_view("-+ #0123456789.").find(fmt[i]) != std::string_view::npos)
            spec += fmt[i++];
        if (i >= fmt.size()) throw TemplateError("incomplete format");
        char conv = fmt[i];
        if (conv == '%') {
            out += '%';
            continue;
        }
        if (next >= list.size()) throw TemplateError("not enough arguments for format string");
        const Value& v = list[next++];
        char buf[512];
        switch (conv) {
        case 's': out += v.toStr(); break;
        case 'r': out += v.repr(); break;
        case 'd':
        case 'i':
        case 'x':
        case 'X':
            if (!v.isNumber()) throw TemplateError("%d format: a real number is required");
            std::snprintf(buf, sizeof buf, (spec + "ll" + (conv == 'i' ? 'd' : conv)).c_str(),
                          static_cast<long long>(v.isFloat() ? std::trunc(v.numberValue()) : v.intValue()));
            out += buf;
            break;
        case 'f':
        case 'e':
        case 'g':
            if (!v.isNumber()) throw TemplateError("must be real number");
            std::snprintf(buf, sizeof buf, (spec + conv).c_str(), v.numberValue());
            out += buf;
            break;
        default: throw TemplateError(std::string("unsupported format character '") + conv + "'");
        }
    }
    if (next < list.size() && args.isList())
        throw TemplateError("not all arguments converted during string formatting");
    return out;
}

// Python ints are unbounded; ours are 64-bit, so an overflowing result is an error rather than a wrap.
void checkOverflow(bool overflow) {
    if (overflow) throw TemplateError("integer result too large");
}

double floorMod(double a, double b) {
    double m = std::fmod(a, b);
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    return m;
}

}  // namespace

bool containsValue(const Value& container, const Value& item) {
    switch (container.type()) {
    case Value::Type::Undefined: return false;
    case Value::Type::String:
        if (!item.isString())
            throw TemplateError("'in <string>' requires string as left operand, not " + item.typeName());
        return container.str().find(item.str()) != std::string::npos;
    case Value::Type::List:
        for (const auto& v : container.items())
            if (valuesEqual(v, item)) return true;
        return false;
    case Value::Type::Dict:
    case Value::Type::Object: return container.entries().find(item) != nullptr;
    default: throw TemplateError("argument of type '" + container.typeName() + "' is not iterable");
    }
}

Value binaryOp(const std::string& op, const Value& a, const Value& b, const Interpreter& interp) {
    if (op == "~") {
        // Check the size before building the result, so a doubling loop stops before it allocates.
        std::string tmpA = a.isString() ? std::string() : a.toStr();
        std::string tmpB = b.isString() ? std::string() : b.toStr();
        const std::string& x = a.isString() ? a.str() : tmpA;
        const std::string& y = b.isString() ? b.str() : tmpB;
        interp.checkString(x.size() + y.size());
        std::string s;
        s.reserve(x.size() + y.size());
        s += x;
        s += y;
        return Value(std::move(s));
    }
    if (a.isUndefined()) undefinedError(a);
    if (b.isUndefined()) undefinedError(b);
    bool ints = (a.isInt() || a.isBool()) && (b.isInt() || b.isBool());
    bool nums = a.isNumber() && b.isNumber();
    int64_t x = a.intValue(), y = b.intValue(), r = 0;
    if (op == "+") {
        if (ints) {
            checkOverflow(__builtin_add_overflow(x, y, &r));
            return Value(r);
        }
        if (nums) return Value(a.numberValue() + b.numberValue());
        if (a.isString() && b.isString()) {
            interp.checkString(a.str().size() + b.str().size());
            // Markup + str escapes the plain operand (markupsafe semantics), whichever side it is on.
            if (a.isSafe() && !b.isSafe()) return Value(a.str() + htmlEscape(b.str()), true);
            if (b.isSafe() && !a.isSafe()) return Value(htmlEscape(a.str()) + b.str(), true);
            return Value(a.str() + b.str(), a.isSafe() && b.isSafe());
        }
        if (a.isList() && b.isList()) {
            interp.checkList(a.items().size() + b.items().size());
            ListData items = a.items();
            items.insert(items.end(), b.items().begin(), b.items().end());
            return Value::list(std::move(items));
        }
        operandError(op, a, b);
    }
    if (op == "-") {
        if (ints) {
            checkOverflow(__builtin_sub_overflow(x, y, &r));
            return Value(r);
        }
        if (nums) return Value(a.numberValue() - b.numberValue());
        operandError(op, a, b);
    }
    if (op == "*") {
        if (ints) {
            checkOverflow(__builtin_mul_overflow(x, y, &r));
            return Value(r);
        }
        if (nums) return Value(a.numberValue() * b.numberValue());
        const Value* seq = (a.isString() || a.isList()) ? &a : (b.isString() || b.isList()) ? &b : nullptr;
        const Value* count = seq == &a ? &b : &a;
        if (seq && (count->isInt() || count->isBool())) {
            int64_t n = std::max<int64_t>(0, count->intValue());
            if (seq->isString()) {
                if (n > 0) interp.checkString(seq->str().size() * static_cast<size_t>(std::min<int64_t>(n, INT32_MAX)));
                if (n > 0 && static_cast<double>(seq->str().size()) * static_cast<double>(n) > 1e12)
                    throw TemplateError("string too long");
                std::string s;
                s.reserve(seq->str().size() * static_cast<size_t>(n));
                for (int64_t i = 0; i < n; ++i) s += seq->str();
                return Value(std::move(s));
            }
            if (n > 0 && static_cast<double>(seq->items().size()) * static_cast<double>(n) > 1e12)
                throw TemplateError("list too long");
            interp.checkList(seq->items().size() * static_cast<size_t>(n));
            ListData items;
            for (int64_t i = 0; i < n; ++i) items.insert(items.end(), seq->items().begin(), seq->items().end());
            return Value::list(std::move(items));
        }
        operandError(op, a, b);
    }
    if (op == "/") {
        if (!nums) operandError(op, a, b);
        if (b.numberValue() == 0) throw TemplateError("division by zero");
        return Value(a.numberValue() / b.numberValue());
    }
    if (op == "//") {
        if (!nums) operandError(op, a, b);
        if (b.numberValue() == 0) throw TemplateError("integer division or modulo by zero");
        if (ints) {
            if (x == INT64_MIN && y == -1) throw TemplateError("integer result too large");
            int64_t q = x / y;
            if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
            return Value(q);
        }
        return Value(std::floor(a.numberValue() / b.numberValue()));
    }
    if (op == "%") {
        if (a.isString()) return Value(percentFormat(a.str(), b));
        if (!nums) operandError(op, a, b);
        if (b.numberValue() == 0) throw TemplateError("integer division or modulo by zero");
        if (ints) {
            if (y == -1) return Value(int64_t{0});
            int64_t m = x % y;
            if (m != 0 && ((m < 0) != (y < 0))) m += y;
            return Value(m);
        }
        return Value(floorMod(a.numberValue(), b.numberValue()));
    }
    if (op == "**") {
        if (ints && y >= 0) {
            int64_t result = 1, base = x;
            int64_t e = y;
            while (e > 0) {
                if (e & 1) checkOverflow(__builtin_mul_overflow(result, base, &result));
                e >>= 1;
                if (e > 0) checkOverflow(__builtin_mul_overflow(base, base, &base));
            }
            return Value(result);
        }
        if (nums) {
            if (a.numberValue() == 0 && b.numberValue() < 0)
                throw TemplateError("0.0 cannot be raised to a negative power");
            return Value(std::pow(a.numberValue(), b.numberValue()));
        }
        operandError(op, a, b);
    }
    throw TemplateError("unknown operator " + op);
}

// ---- Interpreter ------------------------------------------------------------------------------------

Interpreter::Interpreter(const RenderOptions& options) : m_options(options) { installGlobals(m_globals); }

Interpreter::~Interpreter() = default;

void Interpreter::step() {
    if (++m_steps > m_options.limits.maxSteps)
        throw TemplateError("template exceeded its step limit (" + std::to_string(m_options.limits.maxSteps) +
                            " statements, loop iterations and calls)");
}

void Interpreter::checkString(size_t bytes) const {
    if (bytes > m_options.limits.maxOutputBytes)
        throw TemplateError("template produced a string over the size limit (" +
                            std::to_string(m_options.limits.maxOutputBytes) + " bytes)");
}

void Interpreter::checkList(size_t items) const {
    if (items > m_options.limits.maxListItems)
        throw TemplateError("template built a list over the size limit (" +
                            std::to_string(m_options.limits.maxListItems) + " items)");
}

void Interpreter::write(const std::string& text) {
    m_bytesWritten += text.size();
    if (m_bytesWritten > m_options.limits.maxOutputBytes)
        throw TemplateError("template output exceeded the size limit (" +
                            std::to_string(m_options.limits.maxOutputBytes) + " bytes)");
    m_outputs.back()->append(text);
}

void Interpreter::trackNamespace(const Value& ns) { m_namespaces.push_back(ns); }

std::string Interpreter::render(const Body& body, const Value& context) {
    m_root = std::make_shared<Scope>();
    if (context.isMapping())
        for (const auto& [k, v] : context.entries().entries) m_root->set(k.toStr(), v);
    std::string out;
    m_outputs.assign(1, &out);
    m_steps = 0;
    m_bytesWritten = 0;
    m_callDepth = 0;
    auto cleanUp = [this] {
        m_outputs.clear();
        m_root.reset();
        for (auto& ns : m_namespaces) ns.entries().entries.clear();
        m_namespaces.clear();
    };
    try {
        exec(body, m_root);
    } catch (...) {
        cleanUp();
        throw;
    }
    cleanUp();
    return out;
}

std::string Interpreter::renderToString(const Body& body, const std::shared_ptr<Scope>& scope) {
    std::string out;
    m_outputs.push_back(&out);
    try {
        exec(body, scope);
    } catch (...) {
        m_outputs.pop_back();
        throw;
    }
    m_outputs.pop_back();
    return out;
}

Value Interpreter::lookup(const std::string& name, const std::shared_ptr<Scope>& scope) const {
    for (Scope* s = scope.get(); s; s = s->parent.get())
        if (Value* v = s->find(name)) return *v;
    if (const Value* g = m_globals.find(std::string_view(name))) return *g;
    return Value::undefined("'" + name + "' is undefined");
}

void Interpreter::assign(const std::vector<std::string>& targets, const Value& value, Scope& scope, int line) {
    if (targets.size() == 1) {
        scope.set(targets[0], value);
        return;
    }
    std::vector<Value> items = iterateValue(value);
    if (items.size() != targets.size())
        fail(line, "cannot unpack " + std::to_string(items.size()) + " values into " +
                       std::to_string(targets.size()) + " names");
    for (size_t i = 0; i < targets.size(); ++i) scope.set(targets[i], items[i]);
}

Interpreter::Flow Interpreter::exec(const Body& body, const std::shared_ptr<Scope>& scope) {
    for (const auto& stmt : body) {
        Flow f = execStmt(*stmt, scope);
        if (f != Flow::Normal) return f;
    }
    return Flow::Normal;
}

Interpreter::Flow Interpreter::execStmt(const Stmt& s, const std::shared_ptr<Scope>& scope) {
    step();
    switch (s.kind) {
    case Stmt::Kind::Text: write(s.text); return Flow::Normal;
    case Stmt::Kind::Print: write(eval(*s.expr, scope).toStr()); return Flow::Normal;
    case Stmt::Kind::If:
        for (size_t i = 0; i < s.bodies.size(); ++i) {
            if (i >= s.conditions.size() || eval(*s.conditions[i], scope).truthy()) return exec(s.bodies[i], scope);
        }
        return Flow::Normal;
    case Stmt::Kind::For: execFor(s, scope); return Flow::Normal;
    case Stmt::Kind::Set: {
        Value v = eval(*s.expr, scope);
        if (!s.attr.empty()) {
            Value target = lookup(s.targets[0], scope);
            if (!target.isObject()) fail(s.line, "can only assign attributes of a namespace() object");
            target.entries().set(Value(s.attr), std::move(v));
        } else {
            assign(s.targets, v, *scope, s.line);
        }
        return Flow::Normal;
    }
    case Stmt::Kind::SetBlock: {
        Value v(renderToString(s.bodies[0], scope));
        for (const auto& f : s.filters) v = evalFilter(*f, v, scope);
        scope->set(s.targets[0], std::move(v));
        return Flow::Normal;
    }
    case Stmt::Kind::Macro: scope->set(s.name, makeMacro(s, scope)); return Flow::Normal;
    case Stmt::Kind::CallBlock: {
        Value caller = makeMacro(s, scope);
        const Expr& callExpr = *s.expr;
        Value callee = eval(*callExpr.args[0], scope);
        CallArgs args = evalArgs(callExpr, 1, scope);
        args.keyword.emplace_back("caller", caller);
        write(call(callee, args, s.line).toStr());
        return Flow::Normal;
    }
    case Stmt::Kind::FilterBlock: {
        Value v(renderToString(s.bodies[0], scope));
        for (const auto& f : s.filters) v = evalFilter(*f, v, scope);
        write(v.toStr());
        return Flow::Normal;
    }
    case Stmt::Kind::Break: return Flow::Break;
    case Stmt::Kind::Continue: return Flow::Continue;
    case Stmt::Kind::Scope: return exec(s.bodies[0], childScope(scope));
    }
    return Flow::Normal;
}

void Interpreter::execFor(const Stmt& s, const std::shared_ptr<Scope>& scope) {
    Value iterable = eval(*s.expr, scope);
    if (iterable.isNone() || iterable.isNumber() || iterable.isFunction())
        fail(s.line, "'" + iterable.typeName() + "' object is not iterable");
    std::vector<Value> items = iterateValue(iterable);
    if (s.filter) {
        std::vector<Value> kept;
        for (auto& item : items) {
            step();
            auto probe = childScope(scope);
            assign(s.targets, item, *probe, s.line);
            if (eval(*s.filter, probe).truthy()) kept.push_back(std::move(item));
        }
        items = std::move(kept);
    }
    if (items.empty()) {
        if (s.bodies.size() > 1) exec(s.bodies[1], childScope(scope));
        return;
    }
    const int64_t n = static_cast<int64_t>(items.size());
    // The loop object is fresh per iteration; cycle() needs the index, captured by value.
    for (int64_t i = 0; i < n; ++i) {
        step();
        auto body = childScope(scope);
        assign(s.targets, items[static_cast<size_t>(i)], *body, s.line);
        if (s.usesLoop) {
            Value loop = Value::object();
            auto& e = loop.entries().entries;
            e.reserve(13);
            e.emplace_back(Value("index"), Value(i + 1));
            e.emplace_back(Value("index0"), Value(i));
            e.emplace_back(Value("revindex"), Value(n - i));
            e.emplace_back(Value("revindex0"), Value(n - i - 1));
            e.emplace_back(Value("first"), Value(i == 0));
            e.emplace_back(Value("last"), Value(i == n - 1));
            e.emplace_back(Value("length"), Value(n));
            e.emplace_back(Value("depth"), Value(int64_t{1}));
            e.emplace_back(Value("depth0"), Value(int64_t{0}));
            if (i > 0) e.emplace_back(Value("previtem"), items[static_cast<size_t>(i - 1)]);
            if (i + 1 < n) e.emplace_back(Value("nextitem"), items[static_cast<size_t>(i + 1)]);
            e.emplace_back(Value("cycle"), Value::function("cycle", [i](Interpreter&, CallArgs& args) -> Value {
                               if (args.positional.empty()) throw TemplateError("no items for cycling given");
                               return args.positional[static_cast<size_t>(i) % args.positional.size()];
                           }));
            body->set("loop", std::move(loop));
        }
        Flow f = exec(s.bodies[0], body);
        if (f == Flow::Break) break;
    }
}

Value Interpreter::makeMacro(const Stmt& s, const std::shared_ptr<Scope>& scope) {
    std::weak_ptr<Scope> defining = scope;
    const Stmt* macro = &s;
    return Value::function(s.name.empty() ? "caller" : s.name,
                           [this, macro, defining](Interpreter&, CallArgs& args) -> Value {
        if (m_callDepth >= m_options.limits.maxCallDepth)
            throw TemplateError("maximum macro recursion depth exceeded (" +
                                std::to_string(m_options.limits.maxCallDepth) + ")");
        auto parent = defining.lock();
        auto local = childScope(parent ? parent : m_root);
        const size_t nParams = macro->params.size();
        ListData varargs;
        for (size_t i = 0; i < args.positional.size(); ++i) {
            if (i < nParams) local->set(macro->params[i], args.positional[i]);
            else varargs.push_back(args.positional[i]);
        }
        Value kwargs = Value::dict();
        for (const auto& [k, v] : args.keyword) {
            bool isParam = false;
            for (size_t i = 0; i < nParams; ++i) {
                if (macro->params[i] == k) {
                    if (i < args.positional.size())
                        throw TemplateError("macro '" + macro->name + "' got multiple values for argument '" + k + "'");
                    isParam = true;
                }
            }
            if (isParam || k == "caller") local->set(k, v);
            else kwargs.entries().set(Value(k), v);
        }
        ++m_callDepth;
        struct DepthRestore {
            int& d;
            ~DepthRestore() { --d; }
        } restore{m_callDepth};
        for (size_t i = 0; i < nParams; ++i) {
            if (local->find(macro->params[i])) continue;
            if (macro->defaults[i]) local->set(macro->params[i], eval(*macro->defaults[i], local));
            else local->set(macro->params[i], Value::undefined("'" + macro->params[i] + "' is undefined"));
        }
        local->set("varargs", Value::tuple(std::move(varargs)));
        local->set("kwargs", kwargs);
        return Value(renderToString(macro->bodies[0], local));
    });
}

Value Interpreter::call(const Value& callee, CallArgs& args, int line) {
    step();
    if (callee.isUndefined()) undefinedError(callee);
    if (!callee.isFunction()) fail(line, "'" + callee.typeName() + "' object is not callable");
    return callee.fn().call(*this, args);
}

CallArgs Interpreter::evalArgs(const Expr& e, size_t firstArg, const std::shared_ptr<Scope>& scope) {
    CallArgs args;
    const size_t nKw = e.kwNames.size();
    const size_t nPos = e.args.size() - nKw;
    for (size_t i = firstArg; i < nPos; ++i) args.positional.push_back(eval(*e.args[i], scope));
    for (size_t k = 0; k < nKw; ++k) args.keyword.emplace_back(e.kwNames[k], eval(*e.args[nPos + k], scope));
    return args;
}

Value Interpreter::evalFilter(const Expr& e, const Value& input, const std::shared_ptr<Scope>& scope) {
    step();
    CallArgs args = evalArgs(e, 1, scope);
    try {
        return applyFilter(*this, e.name, input, args);
    } catch (const TemplateError& err) {
        if (err.raised()) throw;
        fail(e.line, err.message());
    }
}

bool Interpreter::evalTest(const Expr& e, const std::shared_ptr<Scope>& scope) {
    Value input = eval(*e.args[0], scope);
    CallArgs args = evalArgs(e, 1, scope);
    bool r = applyTest(*this, e.name, input, args);
    return e.negated ? !r : r;
}

Value Interpreter::eval(const Expr& e, const std::shared_ptr<Scope>& scope) {
    switch (e.kind) {
    case Expr::Kind::Literal: return e.value;
    case Expr::Kind::Name: return lookup(e.name, scope);
    case Expr::Kind::List:
    case Expr::Kind::Tuple: {
        ListData items;
        for (const auto& a : e.args) items.push_back(eval(*a, scope));
        return e.kind == Expr::Kind::Tuple ? Value::tuple(std::move(items)) : Value::list(std::move(items));
    }
    case Expr::Kind::Dict: {
        Value d = Value::dict();
        for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
            Value k = eval(*e.args[i], scope);
            if (k.isList() || k.isMapping()) fail(e.line, "unhashable type: '" + k.typeName() + "'");
            d.entries().set(k, eval(*e.args[i + 1], scope));
        }
        return d;
    }
    case Expr::Kind::Attr: {
        Value obj = eval(*e.args[0], scope);
        if (obj.isUndefined()) fail(e.line, obj.undefinedMessage());
        return getAttr(obj, e.name);
    }
    case Expr::Kind::Item: {
        Value obj = eval(*e.args[0], scope);
        Value key = eval(*e.args[1], scope);
        if (obj.isUndefined()) fail(e.line, obj.undefinedMessage());
        return getItem(obj, key);
    }
    case Expr::Kind::Slice: {
        Value obj = eval(*e.args[0], scope);
        if (obj.isUndefined()) fail(e.line, obj.undefinedMessage());
        Value bounds[3];
        for (int i = 0; i < 3; ++i)
            bounds[i] = e.args[static_cast<size_t>(i) + 1] ? eval(*e.args[static_cast<size_t>(i) + 1], scope)
                                                            : Value::none();
        return sliceValue(obj, bounds[0], bounds[1], bounds[2]);
    }
    case Expr::Kind::Call: {
        Value callee = eval(*e.args[0], scope);
        CallArgs args = evalArgs(e, 1, scope);
        try {
            return call(callee, args, e.line);
        } catch (const TemplateError& err) {
            if (err.raised()) throw;
            std::string msg = err.message();
            if (msg.rfind("template error at line", 0) == 0) throw;
            fail(e.line, msg);
        }
    }
    case Expr::Kind::Filter: return evalFilter(e, eval(*e.args[0], scope), scope);
    case Expr::Kind::Test: {
        step();
        try {
            return Value(evalTest(e, scope));
        } catch (const TemplateError& err) {
            if (err.raised()) throw;
            std::string msg = err.message();
            if (msg.rfind("template error at line", 0) == 0) throw;
            fail(e.line, msg);
        }
    }
    case Expr::Kind::Neg:
    case Expr::Kind::Pos: {
        Value v = eval(*e.args[0], scope);
        if (v.isUndefined()) fail(e.line, v.undefinedMessage());
        if (!v.isNumber()) fail(e.line, "bad operand type for unary " + std::string(e.kind == Expr::Kind::Neg ? "-" : "+") + ": '" + v.typeName() + "'");
        if (e.kind == Expr::Kind::Pos) return v.isBool() ? Value(v.intValue()) : v;
        if (v.isFloat()) return Value(-v.numberValue());
        if (v.intValue() == INT64_MIN) fail(e.line, "integer result too large");
        return Value(-v.intValue());
    }
    case Expr::Kind::Not: return Value(!eval(*e.args[0], scope).truthy());
    case Expr::Kind::And: {
        Value a = eval(*e.args[0], scope);
        return a.truthy() ? eval(*e.args[1], scope) : a;
    }
    case Expr::Kind::Or: {
        Value a = eval(*e.args[0], scope);
        return a.truthy() ? a : eval(*e.args[1], scope);
    }
    case Expr::Kind::Binary: {
        Value a = eval(*e.args[0], scope);
        Value b = eval(*e.args[1], scope);
        try {
            return binaryOp(e.name, a, b, *this);
        } catch (const TemplateError& err) {
            fail(e.line, err.message());
        }
    }
    case Expr::Kind::Compare: {
        Value left = eval(*e.args[0], scope);
        for (size_t i = 0; i < e.ops.size(); ++i) {
            Value right = eval(*e.args[i + 1], scope);
            const std::string& op = e.ops[i];
            bool r;
            try {
                if (op == "==") r = valuesEqual(left, right);
                else if (op == "!=") r = !valuesEqual(left, right);
                else if (op == "in") r = containsValue(right, left);
                else if (op == "not in") r = !containsValue(right, left);
                else {
                    if (left.isUndefined()) undefinedError(left);
                    if (right.isUndefined()) undefinedError(right);
                    int c = compareValues(left, right);
                    r = op == "<" ? c < 0 : op == ">" ? c > 0 : op == "<=" ? c <= 0 : c >= 0;
                }
            } catch (const TemplateError& err) {
                fail(e.line, err.message());
            }
            if (!r) return Value(false);
            left = std::move(right);
        }
        return Value(true);
    }
    case Expr::Kind::Cond: {
        if (eval(*e.args[1], scope).truthy()) return eval(*e.args[0], scope);
        if (e.args[2]) return eval(*e.args[2], scope);
        return Value::undefined("the inline if-expression evaluated to false and no else section was defined");
    }
    }
    return Value();
}

}  // namespace qd::jinja
