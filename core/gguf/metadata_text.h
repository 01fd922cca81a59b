// Metadata values to and from text: editing keys from the command line, and JSON output.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/json.h"
#include "core/common/result.h"
#include "core/gguf/gguf_value.h"

namespace qd {

struct MetadataEdit {
    std::string key;
    GgufValue value;
};

// Parses "KEY=VALUE" or "KEY:TYPE=VALUE". Without a TYPE, an existing key keeps its type (`existing`)
// and a new key becomes a string, or a bool / int32 / float32 / when VALUE reads as one.
// Arrays cannot be set from text.
Result<MetadataEdit> parseMetadataEdit(std::string_view text,
                                       const std::function<const GgufValue*(std::string_view)>& lookup);
// Parses `text` as a scalar of `type`.
Result<GgufValue> parseScalar(GgufValueType type, std::string_view text);

// Metadata value as JSON; arrays longer than `maxArrayItems` become {"type", "length", "first"}.
Json ggufValueToJson(const GgufValue& value, size_t maxArrayItems = 64);

}  // namespace qd
