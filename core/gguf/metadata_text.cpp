#include "core/gguf/metadata_text.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace qd {

namespace {

template <class T>
bool parseInteger(std::string_view s, T& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

bool parseFloating(std::string_view s, double& out) {
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

Json scalarToJson(const GgufValue& v) {
    switch (v.type()) {
        case GgufValueType::Bool: return Json(*v.toBool());
        case GgufValueType::Float32:
        case GgufValueType::Float64: return Json(*v.toDouble());
        case GgufValueType::String: return Json(*v.toString());
        case GgufValueType::UInt64: return Json(*v.toUInt());
        default: return Json(*v.toInt());
    }
}

}  // namespace

Result<GgufValue> parseScalar(GgufValueType type, std::string_view text) {
    auto bad = [&](const char* what) {
        return fail("'" + std::string(text) + "' is not " + what);
    };
    switch (type) {
        case GgufValueType::String: return GgufValue::string(std::string(text));
        case GgufValueType::Bool:
            if (text == "true" || text == "1") return GgufValue::boolean(true);
            if (text == "false" || text == "0") return GgufValue::boolean(false);
            return bad("a boolean (true or false)");
        case GgufValueType::Float32:
        case GgufValueType::Float64: {
            double d = 0;
            if (!parseFloating(text, d)) return bad("a number");
            if (type == GgufValueType::Float32) return GgufValue::float32(static_cast<float>(d));
            return GgufValue::float64(d);
        }
        case GgufValueType::UInt8:
        case GgufValueType::UInt16:
        case GgufValueType::UInt32:
        case GgufValueType::UInt64: {
            uint64_t u = 0;
            if (!parseInteger(text, u)) return bad("a non-negative integer");
            uint64_t max = type == GgufValueType::UInt8 ? 0xFFu
                         : type == GgufValueType::UInt16 ? 0xFFFFu
                         : type == GgufValueType::UInt32 ? 0xFFFFFFFFu
                                                         : std::numeric_limits<uint64_t>::max();
            if (u > max) return fail(std::string(text) + " is too large for " + std::string(ggufValueTypeName(type)));
            return GgufValue::fromBits(type, u);
        }
        case GgufValueType::Int8:
        case GgufValueType::Int16:
        case GgufValueType::Int32:
        case GgufValueType::Int64: {
            int64_t i = 0;
            if (!parseInteger(text, i)) return bad("an integer");
            int bits = type == GgufValueType::Int8 ? 8 : type == GgufValueType::Int16 ? 16 : type == GgufValueType::Int32 ? 32 : 64;
            if (bits < 64) {
                int64_t lim = int64_t(1) << (bits - 1);
                if (i < -lim || i >= lim) return fail(std::string(text) + " is out of range for " + std::string(ggufValueTypeName(type)));
            }
            uint64_t raw = static_cast<uint64_t>(i);
            if (bits < 64) raw &= (uint64_t(1) << bits) - 1;
            return GgufValue::fromBits(type, raw);
        }
        case GgufValueType::Array: return fail("arrays cannot be set from text");
    }
    return fail("unknown value type");
}

Result<MetadataEdit> parseMetadataEdit(std::string_view text,
                                       const std::function<const GgufValue*(std::string_view)>& lookup) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0)
        return fail("'" + std::string(text) + "' is not KEY=VALUE (or KEY:TYPE=VALUE)");
    std::string_view key = text.substr(0, eq);
    std::string_view value = text.substr(eq + 1);
    std::optional<GgufValueType> type;
    if (auto colon = key.rfind(':'); colon != std::string_view::npos) {
        std::string_view typeName = key.substr(colon + 1);
        type = ggufValueTypeFromName(typeName);
        if (!type || *type == GgufValueType::Array)
            return fail("unknown value type '" + std::string(typeName) +
                        "' (use uint8..uint64, int8..int64, float32, float64, bool or string)");
        key = key.substr(0, colon);
    }
    const GgufValue* existing = lookup ? lookup(key) : nullptr;
    if (!type && existing) {
        if (existing->isArray()) return fail("key " + std::string(key) + " holds an array, which cannot be set from text");
        type = existing->type();
    }
    if (!type) {
        // A new key without a type: guess the narrowest reading.
        if (value == "true" || value == "false") type = GgufValueType::Bool;
        else if (int64_t i; parseInteger(value, i) && i >= std::numeric_limits<int32_t>::min() && i <= std::numeric_limits<int32_t>::max())
            type = GgufValueType::Int32;
        else if (double d; parseFloating(value, d) && value.find_first_of(".eE") != std::string_view::npos)
            type = GgufValueType::Float32;
        else type = GgufValueType::String;
    }
    auto parsed = parseScalar(*type, value);
    if (!parsed) return fail("cannot set " + std::string(key) + ": " + parsed.message());
    return MetadataEdit{std::string(key), std::move(parsed.value())};
}

Json ggufValueToJson(const GgufValue& v, size_t maxArrayItems) {
    if (!v.isArray()) return scalarToJson(v);
    const uint64_t n = v.arraySize();
    Json items = Json::array();
    for (uint64_t i = 0; i < n && i < maxArrayItems; ++i) {
        if (v.arrayType() == GgufValueType::String) items.push(Json(v.arrayStrings()[i]));
        else if (v.arrayType() == GgufValueType::Array) items.push(ggufValueToJson(v.arrayNested()[i], maxArrayItems));
        else if (v.arrayType() == GgufValueType::Float32 || v.arrayType() == GgufValueType::Float64) items.push(Json(v.arrayNumber(i)));
        else if (v.arrayType() == GgufValueType::Bool) items.push(Json(v.arrayInt(i) != 0));
        else if (v.arrayType() == GgufValueType::UInt64) {
            uint64_t u = 0;  // above 2^63 arrayInt() would saturate
            std::memcpy(&u, v.arrayRaw().data() + i * 8, 8);
            items.push(Json(u));
        }
        else items.push(Json(v.arrayInt(i)));
    }
    if (n <= maxArrayItems) return items;
    Json summary = Json::object();
    summary.set("type", std::string(ggufValueTypeName(v.arrayType())));
    summary.set("length", n);
    summary.set("first", items);
    return summary;
}

}  // namespace qd
