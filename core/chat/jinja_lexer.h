// Tokenizer for chat templates, with Jinja2's whitespace rules as Hugging Face configures them.
//
// The source is split into text and tags ({{ }}, {% %}, {# #}); tag contents become expression tokens.
// Whitespace control follows Jinja2 with trim_blocks and lstrip_blocks on:
//   - `{%-` / `{{-` / `{#-` strip all whitespace before the tag, `-%}` / `-}}` / `-#}` all after it;
//   - trim_blocks: the first newline right after a block or comment tag is dropped;
//   - lstrip_blocks: spaces and tabs between a line start and a block or comment tag are dropped;
//   - `{%+` / `+%}` turn lstrip / trim off for that tag;
//   - newlines are normalised to \n and one trailing newline of the source is dropped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace qd::jinja {

struct Token {
    enum class Type { Text, VarBegin, VarEnd, BlockBegin, BlockEnd, Name, String, Integer, Float, Op, RawText, Eof };
    Type type = Type::Eof;
    std::string text;  // Text/RawText data, a name, an operator, or a decoded string literal
    int64_t intValue = 0;
    double floatValue = 0.0;
    int line = 1;
};

struct LexOptions {
    bool trimBlocks = true;
    bool lstripBlocks = true;
    bool keepTrailingNewline = false;
};

Result<std::vector<Token>> tokenize(std::string_view source, const LexOptions& options = {});

}  // namespace qd::jinja
