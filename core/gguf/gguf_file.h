// Reading GGUF files.
//
// GGUF (llama.cpp's model file) is little-endian and laid out as:
//
//   magic "GGUF" | version u32 | tensor_count u64 | kv_count u64        (v1: both counts u32)
//   kv_count x  { key: string | value_type u32 | value }
//   tensor_count x { name: string | n_dims u32 | dims u64[n_dims] | ggml_type u32 | offset u64 }
//   zero padding up to general.alignment (default 32)
//   tensor data; each tensor at data_start + offset, offsets multiples of the alignment
//
// where a string is { length u64 (v1: u32) | bytes, not NUL-terminated } and an array value is
// { element_type u32 | count u64 (v1: u32) | elements }. Dimensions are in ggml order: dims[0] is the
// fastest-varying (the row length).
//
// GgufFile maps the file and parses the header only; tensor data is reached through views into the map
// and is never copied or touched until used. Everything is checked against the file size first, so a
// corrupt file gives an Error, never a crash or an unbounded allocation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/gguf/ggml_type.h"
#include "core/gguf/gguf_value.h"

namespace qd {

constexpr uint32_t kGgufMagic = 0x46554747;  // "GGUF" read as a little-endian u32
constexpr uint64_t kGgufDefaultAlignment = 32;
constexpr uint32_t kGgufMaxDims = 4;

struct GgufTensorInfo {
    std::string name;
    std::vector<uint64_t> dims;  // ggml order: dims[0] is the row length
    GgmlType type = GgmlType::F32;
    uint64_t offset = 0;  // relative to the start of the data section
    uint64_t nBytes = 0;
    uint64_t nElements = 0;

    uint64_t rowLength() const { return dims.empty() ? 1 : dims[0]; }
    uint64_t rowCount() const { return dims.empty() ? 1 : nElements / dims[0]; }
    std::string shapeString() const;  // "256 x 1024"
};

class GgufFile {
public:
    GgufFile();
    ~GgufFile();
    GgufFile(GgufFile&&) noexcept;
    GgufFile& operator=(GgufFile&&) noexcept;

    // Maps and parses a file. Errors start with the file name.
    static Result<GgufFile> open(const std::filesystem::path& path);
    // Whether the file starts with the GGUF magic (what tells a GGUF file from a llama2.c checkpoint).
    static bool hasMagic(const std::filesystem::path& path);
    // Parses bytes the caller keeps alive for the lifetime of the result (fuzzing, tests).
    static Result<GgufFile> parse(std::span<const uint8_t> bytes);

    const std::filesystem::path& path() const;
    uint32_t version() const { return m_version; }
    uint64_t alignment() const { return m_alignment; }
    uint64_t dataOffset() const { return m_dataOffset; }  // absolute start of the data section
    uint64_t fileSize() const { return m_fileSize; }
    uint64_t headerBytesParsed() const { return m_headerEnd; }

    const std::vector<GgufKeyValue>& metadata() const { return m_metadata; }
    const GgufValue* find(std::string_view key) const;
    // Convenience getters: nullopt when absent or of an incompatible type.
    std::optional<std::string> getString(std::string_view key) const;
    std::optional<uint64_t> getUInt(std::string_view key) const;
    std::optional<double> getDouble(std::string_view key) const;
    std::optional<bool> getBool(std::string_view key) const;

    const std::vector<GgufTensorInfo>& tensors() const { return m_tensors; }
    const GgufTensorInfo* findTensor(std::string_view name) const;
    // A view of the tensor's bytes inside the map (no copy).
    std::span<const uint8_t> tensorData(const GgufTensorInfo& tensor) const;

private:
    struct Storage;
    Result<void> parseBytes();

    std::unique_ptr<Storage> m_storage;
    uint32_t m_version = 0;
    uint64_t m_alignment = kGgufDefaultAlignment;
    uint64_t m_dataOffset = 0;
    uint64_t m_fileSize = 0;
    uint64_t m_headerEnd = 0;
    std::vector<GgufKeyValue> m_metadata;
    std::vector<GgufTensorInfo> m_tensors;
};

}  // namespace qd
