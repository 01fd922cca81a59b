#include "core/gguf/gguf_value.h"

#include <array>
#include <cmath>
#include <cinttypes>
#include <cstdio>
#include <limits>

namespace qd {

namespace {

struct TypeInfo {
    GgufValueType type;
    std::string_view name;
    size_t size;
};

constexpr std::array<TypeInfo, kGgufValueTypeCount> kValueTypes = {{
    {GgufValueType::UInt8, "uint8", 1},
    {GgufValueType::Int8, "int8", 1},
    {GgufValueType::UInt16, "uint16", 2},
    {GgufValueType::Int16, "int16", 2},
    {GgufValueType::UInt32, "uint32", 4},
    {GgufValueType::Int32, "int32", 4},
    {GgufValueType::Float32, "float32", 4},
    {GgufValueType::Bool, "bool", 1},
    {GgufValueType::String, "string", 0},
    {GgufValueType::Array, "array", 0},
    {GgufValueType::UInt64, "uint64", 8},
    {GgufValueType::Int64, "int64", 8},
    {GgufValueType::Float64, "float64", 8},
}};

// Interprets `bits` (zero-extended little-endian scalar of `type`) as a signed or float value.
int64_t signedFromBits(GgufValueType type, uint64_t bits) {
    switch (type) {
        case GgufValueType::Int8: return static_cast<int8_t>(bits);
        case GgufValueType::Int16: return static_cast<int16_t>(bits);
        case GgufValueType::Int32: return static_cast<int32_t>(bits);
        case GgufValueType::Int64: return static_cast<int64_t>(bits);
        default: return static_cast<int64_t>(bits);
    }
}

double floatFromBits(GgufValueType type, uint64_t bits) {
    if (type == GgufValueType::Float32) {
        float f;
        uint32_t b = static_cast<uint32_t>(bits);
        std::memcpy(&f, &b, 4);
        return f;
    }
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
}

bool isSignedType(GgufValueType t) {
    return t == GgufValueType::Int8 || t == GgufValueType::Int16 || t == GgufValueType::Int32 ||
           t == GgufValueType::Int64;
}

std::string formatScalar(GgufValueType type, uint64_t bits) {
    char buf[64];
    switch (type) {
        case GgufValueType::Bool: return bits ? "true" : "false";
        case GgufValueType::Float32:
        case GgufValueType::Float64: std::snprintf(buf, sizeof buf, "%.9g", floatFromBits(type, bits)); return buf;
        default:
            if (isSignedType(type)) return std::to_string(signedFromBits(type, bits));
            return std::to_string(bits);
    }
}

std::string shorten(const std::string& s, size_t maxChars) {
    std::string out;
    size_t n = 0;
    for (char c : s) {
        if (n >= maxChars) {
            out += "…";
            break;
        }
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else out += c;
        ++n;
    }
    return out;
}

uint64_t loadBits(const uint8_t* p, size_t size) {
    uint64_t v = 0;
    std::memcpy(&v, p, size);  // little-endian host
    return v;
}

}  // namespace

size_t ggufValueTypeSize(GgufValueType type) {
    auto i = static_cast<uint32_t>(type);
    return i < kValueTypes.size() ? kValueTypes[i].size : 0;
}

std::string_view ggufValueTypeName(GgufValueType type) {
    auto i = static_cast<uint32_t>(type);
    return i < kValueTypes.size() ? kValueTypes[i].name : std::string_view("unknown");
}

std::optional<GgufValueType> ggufValueTypeFromName(std::string_view name) {
    for (const auto& t : kValueTypes)
        if (t.name == name) return t.type;
    // short aliases for the command line
    if (name == "u8") return GgufValueType::UInt8;
    if (name == "i8") return GgufValueType::Int8;
    if (name == "u16") return GgufValueType::UInt16;
    if (name == "i16") return GgufValueType::Int16;
    if (name == "u32") return GgufValueType::UInt32;
    if (name == "i32") return GgufValueType::Int32;
    if (name == "u64") return GgufValueType::UInt64;
    if (name == "i64") return GgufValueType::Int64;
    if (name == "f32") return GgufValueType::Float32;
    if (name == "f64") return GgufValueType::Float64;
    if (name == "str") return GgufValueType::String;
    return std::nullopt;
}

GgufValue GgufValue::string(std::string v) {
    GgufValue g;
    g.m_type = GgufValueType::String;
    g.m_string = std::move(v);
    return g;
}

GgufValue GgufValue::numericArray(GgufValueType elementType, std::vector<uint8_t> raw) {
    GgufValue g;
    g.m_type = GgufValueType::Array;
    g.m_elementType = elementType;
    g.m_raw = std::move(raw);
    return g;
}

GgufValue GgufValue::stringArray(std::vector<std::string> items) {
    GgufValue g;
    g.m_type = GgufValueType::Array;
    g.m_elementType = GgufValueType::String;
    g.m_strings = std::move(items);
    return g;
}

GgufValue GgufValue::nestedArray(std::vector<GgufValue> items) {
    GgufValue g;
    g.m_type = GgufValueType::Array;
    g.m_elementType = GgufValueType::Array;
    g.m_nested = std::move(items);
    return g;
}

GgufValue GgufValue::fromBits(GgufValueType type, uint64_t bits) {
    GgufValue g;
    g.m_type = type;
    g.m_bits = bits;
    return g;
}

bool GgufValue::isInteger() const {
    switch (m_type) {
        case GgufValueType::UInt8:
        case GgufValueType::Int8:
        case GgufValueType::UInt16:
        case GgufValueType::Int16:
        case GgufValueType::UInt32:
        case GgufValueType::Int32:
        case GgufValueType::UInt64:
        case GgufValueType::Int64: return true;
        default: return false;
    }
}

std::optional<int64_t> GgufValue::toInt() const {
    if (!isInteger()) return std::nullopt;
    if (m_type == GgufValueType::UInt64 && m_bits > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return std::nullopt;
    return signedFromBits(m_type, m_bits);
}

std::optional<uint64_t> GgufValue::toUInt() const {
    if (!isInteger()) return std::nullopt;
    if (isSignedType(m_type)) {
        int64_t v = signedFromBits(m_type, m_bits);
        if (v < 0) return std::nullopt;
        return static_cast<uint64_t>(v);
    }
    return m_bits;
}

std::optional<double> GgufValue::toDouble() const {
    if (isFloat()) return floatFromBits(m_type, m_bits);
    if (isInteger()) {
        if (isSignedType(m_type)) return static_cast<double>(signedFromBits(m_type, m_bits));
        return static_cast<double>(m_bits);
    }
    return std::nullopt;
}

std::optional<bool> GgufValue::toBool() const {
    if (m_type != GgufValueType::Bool) return std::nullopt;
    return m_bits != 0;
}

uint64_t GgufValue::arraySize() const {
    if (!isArray()) return 0;
    if (m_elementType == GgufValueType::String) return m_strings.size();
    if (m_elementType == GgufValueType::Array) return m_nested.size();
    size_t sz = ggufValueTypeSize(m_elementType);
    return sz ? m_raw.size() / sz : 0;
}

double GgufValue::arrayNumber(uint64_t i) const {
    size_t sz = ggufValueTypeSize(m_elementType);
    if (!sz || (i + 1) * sz > m_raw.size()) return 0.0;
    uint64_t bits = loadBits(m_raw.data() + i * sz, sz);
    return *fromBits(m_elementType, bits).toDouble();
}

int64_t GgufValue::arrayInt(uint64_t i) const {
    size_t sz = ggufValueTypeSize(m_elementType);
    if (!sz || (i + 1) * sz > m_raw.size()) return 0;
    uint64_t bits = loadBits(m_raw.data() + i * sz, sz);
    GgufValue v = fromBits(m_elementType, bits);
    if (auto x = v.toInt()) return *x;
    if (auto d = v.toDouble()) {
        // Floats and uint64 values above 2^63 come from the file: converting a double outside the int64
        // range (or NaN) is undefined, so they saturate.
        if (std::isnan(*d)) return 0;
        if (*d >= 9223372036854775808.0) return std::numeric_limits<int64_t>::max();
        if (*d < -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
        return static_cast<int64_t>(*d);
    }
    return 0;
}

std::string GgufValue::display(size_t maxItems, size_t maxStringChars) const {
    if (m_type == GgufValueType::String) return shorten(m_string, maxStringChars);
    if (!isArray()) return formatScalar(m_type, m_bits);
    uint64_t n = arraySize();
    std::string out = "[";
    for (uint64_t i = 0; i < n && i < maxItems; ++i) {
        if (i) out += ", ";
        if (m_elementType == GgufValueType::String) {
            out += "'" + shorten(m_strings[i], 40) + "'";
        } else if (m_elementType == GgufValueType::Array) {
            out += m_nested[i].display(maxItems, maxStringChars);
        } else {
            size_t sz = ggufValueTypeSize(m_elementType);
            out += formatScalar(m_elementType, loadBits(m_raw.data() + i * sz, sz));
        }
    }
    if (n > maxItems) out += ", …";
    out += "] (" + std::to_string(n) + " " + std::string(ggufValueTypeName(m_elementType)) + ")";
    return out;
}

bool GgufValue::operator==(const GgufValue& o) const {
    if (m_type != o.m_type) return false;
    if (m_type == GgufValueType::String) return m_string == o.m_string;
    if (m_type != GgufValueType::Array) return m_bits == o.m_bits;
    return m_elementType == o.m_elementType && m_raw == o.m_raw && m_strings == o.m_strings &&
           m_nested == o.m_nested;
}

const GgufValue* findMetadata(const std::vector<GgufKeyValue>& metadata, std::string_view key) {
    for (const auto& kv : metadata)
        if (kv.key == key) return &kv.value;
    return nullptr;
}

std::optional<uint64_t> metadataCount(const GgufValue* v) {
    if (!v) return std::nullopt;
    if (v->isArray()) {
        if (v->arraySize() == 0 || v->arrayType() == GgufValueType::String || v->arrayType() == GgufValueType::Array)
            return std::nullopt;
        int64_t x = v->arrayInt(0);
        return x < 0 ? std::nullopt : std::optional<uint64_t>(static_cast<uint64_t>(x));
    }
    return v->toUInt();
}

}  // namespace qd
