// Built-in filters, tests, global functions and object methods of the chat-template interpreter.
//
// Each behaves as its Jinja2 / Python counterpart does for the values templates see (strings,
// numbers, lists and dicts from JSON). Attribute access follows Jinja2's sandboxed getattr: `x.name`
// on a dict finds dict methods (items, keys, values, get) before keys, `x[key]` finds keys first;
// a missing attribute or key gives Undefined.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "core/chat/jinja_value.h"

namespace qd::jinja {

class Interpreter;

Value getAttr(const Value& obj, const std::string& name);
Value getItem(const Value& obj, const Value& key);
Value sliceValue(const Value& obj, const Value& start, const Value& stop, const Value& step);

// What `for x in value` walks: list items, dict keys, string characters; Undefined is empty.
std::vector<Value> iterateValue(const Value& value);

Value applyFilter(Interpreter& interp, const std::string& name, const Value& input, CallArgs& args);
bool applyTest(Interpreter& interp, const std::string& name, const Value& input, CallArgs& args);

// range, namespace, dict, raise_exception, strftime_now.
void installGlobals(DictData& globals);

// C strftime for the directives Python documents, in the C locale.
std::string formatTime(const std::string& format, const std::tm& time);

// Python str methods used by the string filters too.
std::string pythonStrip(const std::string& s, const Value* chars, bool left, bool right);
// Python's lower()/upper() (simple case mapping for Latin, Greek and Cyrillic).
std::string asciiLower(std::string s);
std::string asciiUpper(std::string s);
char32_t toLowerCodePoint(char32_t c);
char32_t toUpperCodePoint(char32_t c);

}  // namespace qd::jinja
