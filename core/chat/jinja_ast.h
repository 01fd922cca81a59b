// Syntax tree of a parsed chat template.
//
// Kept deliberately generic (one node type for expressions, one for statements) because the
// interpreter is a single switch over the kind; the field comments say which kinds use what.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/chat/jinja_value.h"

namespace qd::jinja {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
    enum class Kind {
        Literal,   // value
        Name,      // name
        List,      // args = items
        Tuple,     // args = items (a tuple evaluates to a list)
        Dict,      // args = key, value, key, value, ...
        Attr,      // args[0].name
        Item,      // args[0][args[1]]
        Slice,     // args[0][args[1]:args[2]:args[3]], each bound may be null
        Call,      // args[0](args[1..]); the last kwNames.size() arguments are keyword arguments
        Filter,    // args[0] | name(args[1..]) with kwNames as for Call
        Test,      // args[0] is [not] name(args[1..]); negated
        Neg,       // -args[0]
        Pos,       // +args[0]
        Not,       // not args[0]
        Binary,    // args[0] name args[1] for + - * / // % ** ~
        And,       // args[0] and args[1]
        Or,        // args[0] or args[1]
        Compare,   // args[0] ops[0] args[1] ops[1] args[2] ... (chained like Python)
        Cond,      // args[0] if args[1] else args[2] (args[2] may be null: Undefined)
    };
    Kind kind = Kind::Literal;
    int line = 0;
    Value value;
    std::string name;
    std::vector<ExprPtr> args;
    std::vector<std::string> kwNames;
    std::vector<std::string> ops;
    bool negated = false;
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

struct Stmt {
    enum class Kind {
        Text,       // text
        Print,      // {{ expr }}
        If,         // conditions[i] guards bodies[i]; a trailing body without condition is the else
        For,        // for targets in expr [if filter]: bodies[0]; else: bodies[1]
        Set,        // set targets = expr, or set targets[0].attr = expr (namespace attribute)
        SetBlock,   // set targets[0] %}bodies[0]{% endset, filtered through filters (Filter exprs)
        Macro,      // macro name(params = defaults): bodies[0]
        CallBlock,  // call(params) expr: bodies[0] is the caller
        FilterBlock,  // filter chain applied to bodies[0]
        Break,
        Continue,
        Scope,      // bodies[0] as is (generation blocks, with blocks)
    };
    Kind kind = Kind::Text;
    int line = 0;
    std::string text;
    std::string name;
    std::string attr;
    ExprPtr expr;
    ExprPtr filter;
    std::vector<std::string> targets;
    std::vector<ExprPtr> conditions;
    std::vector<Body> bodies;
    std::vector<std::string> params;
    std::vector<ExprPtr> defaults;  // one per param, null when none
    std::vector<ExprPtr> filters;   // Filter exprs whose args[0] is null (the block's text goes there)
    bool usesLoop = true;  // For: whether the body mentions `loop` (else no loop object is built)
};

}  // namespace qd::jinja
