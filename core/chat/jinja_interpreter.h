// Tree-walking interpreter for parsed chat templates.
//
// Scoping follows Jinja2: a for-loop body gets a fresh scope on every iteration (so `set` inside a
// loop is invisible after it, hence namespace()), if-blocks share their enclosing scope, macros run in
// a scope whose parent is where they were defined. The sandbox is enforced by construction: only the
// objects in jinja_value.h exist, there are no imports or file access, and every way to spend time or
// memory is metered — statement/iteration steps, call depth, and bytes of every string produced.
#pragma once

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "core/chat/jinja_ast.h"
#include "core/chat/jinja_value.h"

namespace qd::jinja {

struct RenderLimits {
    uint64_t maxSteps = 2'000'000;          // statements, loop iterations, calls and filter applications
    int maxCallDepth = 100;                 // nested macro calls (Python's recursion limit would end ~300)
    size_t maxOutputBytes = 16u << 20;      // total bytes written and size of any single string value
    size_t maxListItems = 200'000;          // size of any list built by the template (~112 bytes each)
    int64_t maxRange = 100'000;             // as Jinja2's sandbox: range() longer than this is refused
};

enum class TojsonStyle {
    HuggingFace,  // transformers' override: json.dumps(x, ensure_ascii=False), keys in insertion order
    Jinja2,       // Jinja2's built-in: sort_keys=True, ASCII only, <>&' escaped as \u003c etc.
};

struct RenderOptions {
    RenderLimits limits;
    TojsonStyle tojson = TojsonStyle::HuggingFace;
    std::tm now{};  // what strftime_now() formats (local time of the caller's choosing)
};

class Interpreter {
public:
    explicit Interpreter(const RenderOptions& options);
    ~Interpreter();

    // Renders `body` with `context` (a Dict) as the template's variables. Throws TemplateError.
    std::string render(const Body& body, const Value& context);

    const RenderOptions& options() const { return m_options; }

    // Services for the built-in filters, tests and functions.
    Value call(const Value& callee, CallArgs& args, int line);
    void step();
    void checkString(size_t bytes) const;  // throws when a produced string would exceed the limit
    void checkList(size_t items) const;
    // Namespaces are the only mutable containers, so the only way to build a reference cycle
    // (`set ns.self = ns`); the interpreter empties them after rendering to break such cycles.
    void trackNamespace(const Value& ns);

    struct Scope;

private:
    enum class Flow { Normal, Break, Continue };

    Flow exec(const Body& body, const std::shared_ptr<Scope>& scope);
    Flow execStmt(const Stmt& s, const std::shared_ptr<Scope>& scope);
    void execFor(const Stmt& s, const std::shared_ptr<Scope>& scope);
    Value eval(const Expr& e, const std::shared_ptr<Scope>& scope);
    Value evalFilter(const Expr& e, const Value& input, const std::shared_ptr<Scope>& scope);
    bool evalTest(const Expr& e, const std::shared_ptr<Scope>& scope);
    CallArgs evalArgs(const Expr& e, size_t firstArg, const std::shared_ptr<Scope>& scope);
    Value lookup(const std::string& name, const std::shared_ptr<Scope>& scope) const;
    void assign(const std::vector<std::string>& targets, const Value& value, Scope& scope, int line);
    Value makeMacro(const Stmt& s, const std::shared_ptr<Scope>& scope);
    std::string renderToString(const Body& body, const std::shared_ptr<Scope>& scope);
    void write(const std::string& text);

    RenderOptions m_options;
    DictData m_globals;
    std::vector<std::string*> m_outputs;
    uint64_t m_steps = 0;
    size_t m_bytesWritten = 0;
    int m_callDepth = 0;
    std::shared_ptr<Scope> m_root;
    std::vector<Value> m_namespaces;
};

// Operators with Python semantics (exposed for the built-ins and the tests).
Value binaryOp(const std::string& op, const Value& a, const Value& b, const Interpreter& interp);
bool containsValue(const Value& container, const Value& item);

}  // namespace qd::jinja
