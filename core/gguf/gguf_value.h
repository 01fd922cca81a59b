// A GGUF metadata value: a scalar, a string, or an array (of scalars, strings or arrays).
//
// Scalars keep their exact on-disk type, so a file read and written back is byte-identical.
// Numeric arrays are kept as their raw little-endian bytes (a 150,000-entry score table stays one
// buffer); string arrays as strings; arrays of arrays as nested values.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

// Stored on disk: never renumber.
enum class GgufValueType : uint32_t {
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
};

constexpr uint32_t kGgufValueTypeCount = 13;

// Bytes of one scalar of the type; 0 for String and Array.
size_t ggufValueTypeSize(GgufValueType type);
// "uint32", "string", "array", ...
std::string_view ggufValueTypeName(GgufValueType type);
std::optional<GgufValueType> ggufValueTypeFromName(std::string_view name);

class GgufValue {
public:
    GgufValue() = default;

    static GgufValue uint8(uint8_t v) { return scalar(GgufValueType::UInt8, v); }
    static GgufValue int8(int8_t v) { return scalar(GgufValueType::Int8, v); }
    static GgufValue uint16(uint16_t v) { return scalar(GgufValueType::UInt16, v); }
    static GgufValue int16(int16_t v) { return scalar(GgufValueType::Int16, v); }
    static GgufValue uint32(uint32_t v) { return scalar(GgufValueType::UInt32, v); }
    static GgufValue int32(int32_t v) { return scalar(GgufValueType::Int32, v); }
    static GgufValue uint64(uint64_t v) { return scalar(GgufValueType::UInt64, v); }
    static GgufValue int64(int64_t v) { return scalar(GgufValueType::Int64, v); }
    static GgufValue float32(float v) { return scalar(GgufValueType::Float32, v); }
    static GgufValue float64(double v) { return scalar(GgufValueType::Float64, v); }
    static GgufValue boolean(bool v) { return scalar(GgufValueType::Bool, static_cast<uint8_t>(v ? 1 : 0)); }
    static GgufValue string(std::string v);
    // `raw` holds count * ggufValueTypeSize(elementType) little-endian bytes.
    static GgufValue numericArray(GgufValueType elementType, std::vector<uint8_t> raw);
    template <class T>
    static GgufValue arrayOf(GgufValueType elementType, const std::vector<T>& items) {
        std::vector<uint8_t> raw(items.size() * sizeof(T));
        if (!items.empty()) std::memcpy(raw.data(), items.data(), raw.size());
        return numericArray(elementType, std::move(raw));
    }
    static GgufValue stringArray(std::vector<std::string> items);
    static GgufValue nestedArray(std::vector<GgufValue> items);
    // Scalar of `type` from its raw little-endian bits (low bytes of `bits`).
    static GgufValue fromBits(GgufValueType type, uint64_t bits);

    GgufValueType type() const { return m_type; }
    bool isArray() const { return m_type == GgufValueType::Array; }
    bool isString() const { return m_type == GgufValueType::String; }
    bool isInteger() const;  // any integer scalar type (not bool)
    bool isFloat() const { return m_type == GgufValueType::Float32 || m_type == GgufValueType::Float64; }

    // Scalar access; nullopt when the value is not of a compatible kind or out of range.
    std::optional<int64_t> toInt() const;
    std::optional<uint64_t> toUInt() const;
    std::optional<double> toDouble() const;  // floats and integers
    std::optional<bool> toBool() const;
    const std::string* toString() const { return isString() ? &m_string : nullptr; }
    uint64_t scalarBits() const { return m_bits; }

    // Array access
    GgufValueType arrayType() const { return m_elementType; }
    uint64_t arraySize() const;
    const std::vector<uint8_t>& arrayRaw() const { return m_raw; }
    const std::vector<std::string>& arrayStrings() const { return m_strings; }
    const std::vector<GgufValue>& arrayNested() const { return m_nested; }
    // Element i of a numeric array as a double / int64 (no range check beyond i < size).
    double arrayNumber(uint64_t i) const;
    int64_t arrayInt(uint64_t i) const;

    // Human-readable form; arrays show their first `maxItems` entries and their length.
    std::string display(size_t maxItems = 8, size_t maxStringChars = 200) const;

    bool operator==(const GgufValue& o) const;

private:
    template <class T>
    static GgufValue scalar(GgufValueType type, T v) {
        GgufValue g;
        g.m_type = type;
        std::memcpy(&g.m_bits, &v, sizeof v);
        return g;
    }

    GgufValueType m_type = GgufValueType::UInt8;
    uint64_t m_bits = 0;  // scalars: raw bits, zero-extended
    std::string m_string;
    GgufValueType m_elementType = GgufValueType::UInt8;
    std::vector<uint8_t> m_raw;
    std::vector<std::string> m_strings;
    std::vector<GgufValue> m_nested;
};

struct GgufKeyValue {
    std::string key;
    GgufValue value;
};

// The first value stored under `key`, or nullptr.
const GgufValue* findMetadata(const std::vector<GgufKeyValue>& metadata, std::string_view key);
// A count-like hyperparameter: a non-negative integer, or for a per-layer array (some models) its first
// element, as llama.cpp's n_gqa() reads it. nullopt when absent or not such a value.
std::optional<uint64_t> metadataCount(const GgufValue* value);

}  // namespace qd
