// Parser from tokens to the template's syntax tree (Jinja2's grammar and operator precedence).
//
// Supported statements: if/elif/else, for (tuple targets, `if` filter, else), set (plain, tuple,
// namespace attribute, block with filters), macro, call, filter blocks, break/continue, raw, and
// Hugging Face's generation blocks. Nesting of both expressions and blocks is bounded so a hostile
// template cannot exhaust the stack while being parsed.
#pragma once

#include <string_view>

#include "core/chat/jinja_ast.h"
#include "core/chat/jinja_lexer.h"
#include "core/common/result.h"

namespace qd::jinja {

struct ParseOptions {
    LexOptions lex;
    int maxNesting = 128;           // expression and block nesting depth while parsing
    int maxExpressionDepth = 256;   // depth of any expression tree (evaluation recursion)
};

Result<Body> parseTemplate(std::string_view source, const ParseOptions& options = {});

}  // namespace qd::jinja
