#include "core/chat/jinja_parser.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace qd::jinja {
namespace {

using T = Token::Type;

bool exprMentions(const Expr* e, const std::string& name) {
    if (!e) return false;
    if (e->kind == Expr::Kind::Name && e->name == name) return true;
    for (const auto& a : e->args)
        if (exprMentions(a.get(), name)) return true;
    return false;
}

// Whether `name` is read anywhere in the statements (conservatively, including nested loops and macros).
bool bodyMentions(const Body& body, const std::string& name) {
    for (const auto& s : body) {
        if (exprMentions(s->expr.get(), name) || exprMentions(s->filter.get(), name)) return true;
        for (const auto& c : s->conditions)
            if (exprMentions(c.get(), name)) return true;
        for (const auto& d : s->defaults)
            if (exprMentions(d.get(), name)) return true;
        for (const auto& f : s->filters)
            if (exprMentions(f.get(), name)) return true;
        for (const auto& b : s->bodies)
            if (bodyMentions(b, name)) return true;
    }
    return false;
}

// Depth of an expression tree, counting no further than `limit` (so the walk itself stays shallow).
int exprDepth(const Expr* e, int limit) {
    if (!e || limit <= 0) return 0;
    int deepest = 0;
    for (const auto& a : e->args) deepest = std::max(deepest, exprDepth(a.get(), limit - 1));
    return deepest + 1;
}

// Left-associative chains (a + b + c ..., x|f|g ..., a.b.c ...) are parsed iteratively but evaluated
// recursively, so every expression's depth is checked once the template is parsed.
bool expressionsShallow(const Body& body, int limit) {
    auto ok = [&](const Expr* e) { return exprDepth(e, limit + 1) <= limit; };
    for (const auto& s : body) {
        if (!ok(s->expr.get()) || !ok(s->filter.get())) return false;
        for (const auto& c : s->conditions)
            if (!ok(c.get())) return false;
        for (const auto& d : s->defaults)
            if (!ok(d.get())) return false;
        for (const auto& f : s->filters)
            if (!ok(f.get())) return false;
        for (const auto& b : s->bodies)
            if (!expressionsShallow(b, limit)) return false;
    }
    return true;
}

class Parser {
public:
    Parser(std::vector<Token> tokens, const ParseOptions& options)
        : m_tokens(std::move(tokens)), m_opt(options) {}

    Body parseAll() {
        Body body = parseBody({});
        if (cur().type != T::Eof) error("unexpected tag '" + cur().text + "'");
        return body;
    }

private:
    // ---- token helpers ----
    const Token& cur() const { return m_tokens[m_pos]; }
    const Token& peek(size_t ahead = 1) const {
        size_t i = m_pos + ahead;
        return i < m_tokens.size() ? m_tokens[i] : m_tokens.back();
    }
    void next() {
        if (m_pos + 1 < m_tokens.size()) ++m_pos;
    }
    bool isOp(std::string_view op) const { return cur().type == T::Op && cur().text == op; }
    bool isName(std::string_view name) const { return cur().type == T::Name && cur().text == name; }
    bool skipOp(std::string_view op) {
        if (!isOp(op)) return false;
        next();
        return true;
    }
    bool skipName(std::string_view name) {
        if (!isName(name)) return false;
        next();
        return true;
    }
    [[noreturn]] void error(const std::string& message) const {
        throw TemplateError("template syntax error at line " + std::to_string(cur().line) + ": " + message);
    }
    std::string describe(const Token& t) const {
        switch (t.type) {
        case T::Eof: return "end of template";
        case T::BlockEnd: return "end of statement block";
        case T::VarEnd: return "end of print statement";
        case T::Name:
        case T::Op: return "'" + t.text + "'";
        case T::String: return "string";
        case T::Integer:
        case T::Float: return "number";
        default: return "text";
        }
    }
    void expectOp(std::string_view op) {
        if (!skipOp(op)) error("expected '" + std::string(op) + "', got " + describe(cur()));
    }
    std::string expectName() {
        if (cur().type != T::Name) error("expected a name, got " + describe(cur()));
        std::string n = cur().text;
        next();
        return n;
    }
    void expectBlockEnd() {
        if (cur().type != T::BlockEnd) error("expected end of statement block, got " + describe(cur()));
        next();
    }

    struct DepthGuard {
        Parser& p;
        explicit DepthGuard(Parser& parser) : p(parser) {
            if (++p.m_depth > p.m_opt.maxNesting) p.error("template nested too deeply");
        }
        ~DepthGuard() { --p.m_depth; }
    };

    ExprPtr make(Expr::Kind kind) {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->line = cur().line;
        return e;
    }

    // ---- statements ----

    // Parses until `{% <one of endNames>` (left at that name) or the end of input.
    Body parseBody(std::initializer_list<std::string_view> endNames) {
        DepthGuard guard(*this);
        Body body;
        while (cur().type != T::Eof) {
            const Token& t = cur();
            if (t.type == T::Text || t.type == T::RawText) {
                auto s = std::make_unique<Stmt>();
                s->kind = Stmt::Kind::Text;
                s->line = t.line;
                s->text = t.text;
                body.push_back(std::move(s));
                next();
            } else if (t.type == T::VarBegin) {
                auto s = std::make_unique<Stmt>();
                s->kind = Stmt::Kind::Print;
                s->line = t.line;
                next();
                s->expr = parseTuple(true);
                if (cur().type != T::VarEnd) error("expected end of print statement, got " + describe(cur()));
                next();
                body.push_back(std::move(s));
            } else if (t.type == T::BlockBegin) {
                const Token& nameTok = peek();
                if (nameTok.type != T::Name) {
                    next();
                    error("expected a statement name, got " + describe(cur()));
                }
                for (auto end : endNames)
                    if (nameTok.text == end) {
                        next();
                        return body;
                    }
                next();
                body.push_back(parseStatement());
            } else {
                error("unexpected " + describe(t));
            }
        }
        if (endNames.size() != 0) {
            std::string expected;
            for (auto end : endNames) expected += (expected.empty() ? "'" : " or '") + std::string(end) + "'";
            error("unexpected end of template, expected " + expected);
        }
        return body;
    }

    StmtPtr newStmt(Stmt::Kind kind, int line) {
        auto s = std::make_unique<Stmt>();
        s->kind = kind;
        s->line = line;
        return s;
    }

    StmtPtr parseStatement() {
        int line = cur().line;
        std::string keyword = expectName();
        if (keyword == "if") return parseIf(line);
        if (keyword == "for") return parseFor(line);
        if (keyword == "set") return parseSet(line);
        if (keyword == "macro") return parseMacro(line);
        if (keyword == "call") return parseCall(line);
        if (keyword == "filter") return parseFilterBlock(line);
        if (keyword == "break" || keyword == "continue") {
            if (m_loopDepth == 0) {
                --m_pos;
                error("'" + keyword + "' outside loop");
            }
            expectBlockEnd();
            return newStmt(keyword == "break" ? Stmt::Kind::Break : Stmt::Kind::Continue, line);
        }
        if (keyword == "generation" || keyword == "with") {
            // Hugging Face's generation marker renders its body unchanged; `with` without
            // assignments is a plain scope.
            auto s = newStmt(Stmt::Kind::Scope, line);
            expectBlockEnd();
            std::string end = "end" + keyword;
            s->bodies.push_back(parseBody({end}));
            next();
            expectBlockEnd();
            return s;
        }
        --m_pos;
        error("unknown or unsupported tag '" + keyword + "'");
    }

    StmtPtr parseIf(int line) {
        auto s = newStmt(Stmt::Kind::If, line);
        s->conditions.push_back(parseTuple(true));
        expectBlockEnd();
        while (true) {
            s->bodies.push_back(parseBody({"elif", "else", "endif"}));
            std::string which = expectName();
            if (which == "elif") {
                s->conditions.push_back(parseTuple(true));
                expectBlockEnd();
            } else if (which == "else") {
                expectBlockEnd();
                s->bodies.push_back(parseBody({"endif"}));
                next();
                expectBlockEnd();
                return s;
            } else {
                expectBlockEnd();
                return s;
            }
        }
    }

    std::vector<std::string> parseTargets() {
        std::vector<std::string> targets;
        bool paren = skipOp("(");
        do {
            targets.push_back(expectName());
        } while (skipOp(",") && cur().type == T::Name);
        if (paren) expectOp(")");
        return targets;
    }

    StmtPtr parseFor(int line) {
        auto s = newStmt(Stmt::Kind::For, line);
        s->targets = parseTargets();
        if (!skipName("in")) error("expected 'in' in for loop");
        s->expr = parseTuple(false);
        if (skipName("if")) s->filter = parseExpression(true);
        if (skipName("recursive")) error("recursive for loops are not supported");
        expectBlockEnd();
        ++m_loopDepth;
        s->bodies.push_back(parseBody({"else", "endfor"}));
        --m_loopDepth;
        std::string which = expectName();
        expectBlockEnd();
        if (which == "else") {
            s->bodies.push_back(parseBody({"endfor"}));
            next();
            expectBlockEnd();
        }
        s->usesLoop = bodyMentions(s->bodies[0], "loop");
        return s;
    }

    StmtPtr parseSet(int line) {
        auto s = newStmt(Stmt::Kind::Set, line);
        if (cur().type == T::Name && peek().type == T::Op && peek().text == ".") {
            s->targets.push_back(expectName());
            next();
            s->attr = expectName();
        } else {
            s->targets = parseTargets();
        }
        if (skipOp("=")) {
            s->expr = parseTuple(true);
            expectBlockEnd();
            return s;
        }
        if (!s->attr.empty() || s->targets.size() != 1) error("expected '=' in set statement");
        s->kind = Stmt::Kind::SetBlock;
        while (skipOp("|")) s->filters.push_back(parseFilterCall(nullptr));
        expectBlockEnd();
        s->bodies.push_back(parseBody({"endset"}));
        next();
        expectBlockEnd();
        return s;
    }

    void parseSignature(Stmt& s) {
        expectOp("(");
        while (!isOp(")")) {
            if (!s.params.empty()) expectOp(",");
            if (isOp(")")) break;
            s.params.push_back(expectName());
            if (skipOp("=")) s.defaults.push_back(parseExpression(true));
            else s.defaults.push_back(nullptr);
        }
        expectOp(")");
    }

    StmtPtr parseMacro(int line) {
        auto s = newStmt(Stmt::Kind::Macro, line);
        s->name = expectName();
        parseSignature(*s);
        expectBlockEnd();
        int outerLoops = std::exchange(m_loopDepth, 0);
        s->bodies.push_back(parseBody({"endmacro"}));
        m_loopDepth = outerLoops;
        next();
        expectBlockEnd();
        return s;
    }

    StmtPtr parseCall(int line) {
        auto s = newStmt(Stmt::Kind::CallBlock, line);
        if (isOp("(")) parseSignature(*s);
        s->expr = parseExpression(true);
        if (s->expr->kind != Expr::Kind::Call) error("expected a call in a call block");
        expectBlockEnd();
        int outerLoops = std::exchange(m_loopDepth, 0);
        s->bodies.push_back(parseBody({"endcall"}));
        m_loopDepth = outerLoops;
        next();
        expectBlockEnd();
        return s;
    }

    StmtPtr parseFilterBlock(int line) {
        auto s = newStmt(Stmt::Kind::FilterBlock, line);
        do {
            s->filters.push_back(parseFilterCall(nullptr));
        } while (skipOp("|"));
        expectBlockEnd();
        s->bodies.push_back(parseBody({"endfilter"}));
        next();
        expectBlockEnd();
        return s;
    }

    // ---- expressions ----

    // An expression, or a tuple when commas follow (as in `{{ a, b }}` or `set x = 1, 2`).
    ExprPtr parseTuple(bool withCondExpr) {
        ExprPtr first = parseExpression(withCondExpr);
        if (!isOp(",")) return first;
        auto tuple = make(Expr::Kind::Tuple);
        tuple->args.push_back(std::move(first));
        while (skipOp(",")) {
            if (cur().type == T::BlockEnd || cur().type == T::VarEnd || isOp(")")) break;
            tuple->args.push_back(parseExpression(withCondExpr));
        }
        return tuple;
    }

    ExprPtr parseExpression(bool withCondExpr) {
        DepthGuard guard(*this);
        if (!withCondExpr) return parseOr();
        ExprPtr expr = parseOr();
        while (isName("if")) {
            auto cond = make(Expr::Kind::Cond);
            next();
            ExprPtr test = parseOr();
            ExprPtr otherwise;
            if (skipName("else")) otherwise = parseExpression(true);
            cond->args.push_back(std::move(expr));
            cond->args.push_back(std::move(test));
            cond->args.push_back(std::move(otherwise));
            expr = std::move(cond);
        }
        return expr;
    }

    ExprPtr binary(Expr::Kind kind, ExprPtr left, ExprPtr right, std::string op = {}) {
        auto e = make(kind);
        e->name = std::move(op);
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(right));
        return e;
    }

    ExprPtr parseOr() {
        ExprPtr left = parseAnd();
        while (skipName("or")) left = binary(Expr::Kind::Or, std::move(left), parseAnd());
        return left;
    }

    ExprPtr parseAnd() {
        ExprPtr left = parseNot();
        while (skipName("and")) left = binary(Expr::Kind::And, std::move(left), parseNot());
        return left;
    }

    ExprPtr parseNot() {
        if (isName("not")) {
            DepthGuard guard(*this);
            auto e = make(Expr::Kind::Not);
            next();
            e->args.push_back(parseNot());
            return e;
        }
        return parseCompare();
    }

    ExprPtr parseCompare() {
        ExprPtr first = parseMath1();
        ExprPtr cmp;
        while (true) {
            std::string op;
            if (cur().type == T::Op && (cur().text == "==" || cur().text == "!=" || cur().text == "<" ||
                                        cur().text == ">" || cur().text == "<=" || cur().text == ">=")) {
                op = cur().text;
                next();
            } else if (isName("in")) {
                op = "in";
                next();
            } else if (isName("not") && peek().type == T::Name && peek().text == "in") {
                op = "not in";
                next();
                next();
            } else {
                break;
            }
            if (!cmp) {
                cmp = make(Expr::Kind::Compare);
                cmp->args.push_back(std::move(first));
            }
            cmp->ops.push_back(op);
            cmp->args.push_back(parseMath1());
        }
        return cmp ? std::move(cmp) : std::move(first);
    }

    ExprPtr parseMath1() {
        ExprPtr left = parseConcat();
        while (isOp("+") || isOp("-")) {
            std::string op = cur().text;
            next();
            left = binary(Expr::Kind::Binary, std::move(left), parseConcat(), op);
        }
        return left;
    }

    ExprPtr parseConcat() {
        ExprPtr left = parseMath2();
        while (skipOp("~")) left = binary(Expr::Kind::Binary, std::move(left), parseMath2(), "~");
        return left;
    }

    ExprPtr parseMath2() {
        ExprPtr left = parsePow();
        while (isOp("*") || isOp("/") || isOp("//") || isOp("%")) {
            std::string op = cur().text;
            next();
            left = binary(Expr::Kind::Binary, std::move(left), parsePow(), op);
        }
        return left;
    }

    ExprPtr parsePow() {
        ExprPtr left = parseUnary(true);
        while (skipOp("**")) left = binary(Expr::Kind::Binary, std::move(left), parseUnary(true), "**");
        return left;
    }

    ExprPtr parseUnary(bool withFilter) {
        DepthGuard guard(*this);
        ExprPtr node;
        if (isOp("-") || isOp("+")) {
            node = make(isOp("-") ? Expr::Kind::Neg : Expr::Kind::Pos);
            next();
            node->args.push_back(parseUnary(false));
        } else {
            node = parsePrimary();
        }
        node = parsePostfix(std::move(node));
        if (withFilter) node = parseFilterExpr(std::move(node));
        return node;
    }

    ExprPtr parsePrimary() {
        const Token& t = cur();
        if (t.type == T::Name) {
            const std::string& n = t.text;
            auto lit = make(Expr::Kind::Literal);
            if (n == "true" || n == "True") lit->value = Value(true);
            else if (n == "false" || n == "False") lit->value = Value(false);
            else if (n == "none" || n == "None") lit->value = Value::none();
            else {
                auto name = make(Expr::Kind::Name);
                name->name = n;
                next();
                return name;
            }
            next();
            return lit;
        }
        if (t.type == T::String) {
            auto lit = make(Expr::Kind::Literal);
            std::string s;
            while (cur().type == T::String) {  // adjacent literals concatenate
                s += cur().text;
                next();
            }
            lit->value = Value(std::move(s));
            return lit;
        }
        if (t.type == T::Integer || t.type == T::Float) {
            auto lit = make(Expr::Kind::Literal);
            lit->value = t.type == T::Integer ? Value(t.intValue) : Value(t.floatValue);
            next();
            return lit;
        }
        if (isOp("(")) {
            next();
            if (skipOp(")")) return make(Expr::Kind::Tuple);
            ExprPtr inner = parseExpression(true);
            if (isOp(",")) {
                auto tuple = make(Expr::Kind::Tuple);
                tuple->args.push_back(std::move(inner));
                while (skipOp(",")) {
                    if (isOp(")")) break;
                    tuple->args.push_back(parseExpression(true));
                }
                inner = std::move(tuple);
            }
            expectOp(")");
            return inner;
        }
        if (isOp("[")) {
            auto list = make(Expr::Kind::List);
            next();
            while (!isOp("]")) {
                if (!list->args.empty()) expectOp(",");
                if (isOp("]")) break;
                list->args.push_back(parseExpression(true));
            }
            expectOp("]");
            return list;
        }
        if (isOp("{")) {
            auto dict = make(Expr::Kind::Dict);
            next();
            while (!isOp("}")) {
                if (!dict->args.empty()) expectOp(",");
                if (isOp("}")) break;
                dict->args.push_back(parseExpression(true));
                expectOp(":");
                dict->args.push_back(parseExpression(true));
            }
            expectOp("}");
            return dict;
        }
        error("unexpected " + describe(t));
    }

    ExprPtr parsePostfix(ExprPtr node) {
        while (true) {
            if (isOp(".")) {
                next();
                if (cur().type == T::Name) {
                    auto attr = make(Expr::Kind::Attr);
                    attr->name = cur().text;
                    next();
                    attr->args.push_back(std::move(node));
                    node = std::move(attr);
                } else if (cur().type == T::Integer) {
                    auto item = make(Expr::Kind::Item);
                    auto index = make(Expr::Kind::Literal);
                    index->value = Value(cur().intValue);
                    next();
                    item->args.push_back(std::move(node));
                    item->args.push_back(std::move(index));
                    node = std::move(item);
                } else {
                    error("expected an attribute name after '.'");
                }
            } else if (isOp("[")) {
                next();
                node = parseSubscript(std::move(node));
            } else if (isOp("(")) {
                node = parseCallArgs(make(Expr::Kind::Call), std::move(node));
            } else {
                return node;
            }
        }
    }

    ExprPtr parseSubscript(ExprPtr target) {
        ExprPtr bounds[3];
        bool isSlice = false;
        for (int part = 0; part < 3; ++part) {
            if (!isOp(":") && !isOp("]")) bounds[part] = parseExpression(true);
            if (part < 2 && skipOp(":")) {
                isSlice = true;
                continue;
            }
            break;
        }
        expectOp("]");
        if (!isSlice) {
            if (!bounds[0]) error("expected a subscript");
            auto item = make(Expr::Kind::Item);
            item->args.push_back(std::move(target));
            item->args.push_back(std::move(bounds[0]));
            return item;
        }
        auto slice = make(Expr::Kind::Slice);
        slice->args.push_back(std::move(target));
        for (auto& b : bounds) slice->args.push_back(std::move(b));
        return slice;
    }

    // Parses "(a, b, k=v)" into `node`, whose args[0] is `target`.
    ExprPtr parseCallArgs(ExprPtr node, ExprPtr target) {
        expectOp("(");
        node->args.push_back(std::move(target));
        bool first = true;
        while (!isOp(")")) {
            if (!first) expectOp(",");
            first = false;
            if (isOp(")")) break;
            if (cur().type == T::Name && peek().type == T::Op && peek().text == "=") {
                std::string key = cur().text;
                next();
                next();
                node->kwNames.push_back(key);
                node->args.push_back(parseExpression(true));
            } else {
                if (!node->kwNames.empty()) error("positional argument follows keyword argument");
                node->args.push_back(parseExpression(true));
            }
        }
        expectOp(")");
        return node;
    }

    std::string parseDottedName() {
        std::string name = expectName();
        while (isOp(".") && peek().type == T::Name) {
            next();
            name += "." + expectName();
        }
        return name;
    }

    // After '|': name [ (args) ].
    ExprPtr parseFilterCall(ExprPtr input) {
        auto f = make(Expr::Kind::Filter);
        f->name = parseDottedName();
        if (isOp("(")) return parseCallArgs(std::move(f), std::move(input));
        f->args.push_back(std::move(input));
        return f;
    }

    ExprPtr parseFilterExpr(ExprPtr node) {
        while (true) {
            if (skipOp("|")) {
                node = parseFilterCall(std::move(node));
            } else if (isName("is")) {
                next();
                auto test = make(Expr::Kind::Test);
                test->negated = skipName("not");
                test->name = parseDottedName();
                if (isOp("(")) {
                    node = parseCallArgs(std::move(test), std::move(node));
                } else {
                    test->args.push_back(std::move(node));
                    const Token& t = cur();
                    bool startsArg = t.type == T::Name || t.type == T::String || t.type == T::Integer ||
                                     t.type == T::Float || isOp("[") || isOp("{");
                    if (startsArg && !isName("else") && !isName("or") && !isName("and")) {
                        if (isName("is")) error("you cannot chain multiple tests with is");
                        test->args.push_back(parsePostfix(parsePrimary()));
                    }
                    node = std::move(test);
                }
            } else if (isOp("(")) {
                node = parseCallArgs(make(Expr::Kind::Call), std::move(node));
            } else {
                return node;
            }
        }
    }

    std::vector<Token> m_tokens;
    ParseOptions m_opt;
    size_t m_pos = 0;
    int m_depth = 0;
    int m_loopDepth = 0;  // enclosing for-loop bodies (a macro body starts again at 0)
};

}  // namespace

Result<Body> parseTemplate(std::string_view source, const ParseOptions& options) {
    auto tokens = tokenize(source, options.lex);
    if (!tokens) return tokens.error();
    try {
        Parser parser(std::move(tokens.value()), options);
        Body body = parser.parseAll();
        if (!expressionsShallow(body, options.maxExpressionDepth))
            return fail("template syntax error: expression nested too deeply");
        return body;
    } catch (const TemplateError& e) {
        return fail(e.message());
    }
}

}  // namespace qd::jinja
