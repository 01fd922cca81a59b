// Reading Hugging Face safetensors checkpoints (one file, or shards listed by an index).
//
// A safetensors file is:
//
//   header_size u64 (little-endian) | header: header_size bytes of JSON | data
//
// where the JSON maps each tensor name to {"dtype": "F32", "shape": [rows, cols], "data_offsets":
// [begin, end]} (offsets relative to the start of the data section; shape in row-major order, slowest
// dimension first — the reverse of ggml's order) plus an optional "__metadata__" object of strings.
// A sharded checkpoint adds model.safetensors.index.json: {"weight_map": {tensor name: file name}}.
//
// Files are memory-mapped; every offset, shape and size is checked against the file before a tensor is
// listed, so reading a listed tensor can never go out of bounds. Only F32, F16 and BF16 tensors are
// read (what language-model checkpoints store); other dtypes are reported by name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/common/mapped_file.h"
#include "core/common/result.h"

namespace qd {

enum class StDtype { F32, F16, BF16 };

struct StTensor {
    std::string name;
    StDtype dtype = StDtype::F32;
    std::vector<uint64_t> shape;  // row-major, slowest dimension first (as PyTorch shows it)
    size_t part = 0;              // which shard holds it
    uint64_t begin = 0;           // absolute byte range in that shard's file
    uint64_t end = 0;

    uint64_t elementCount() const;
    uint64_t rowLength() const { return shape.empty() ? 1 : shape.back(); }
    uint64_t rowCount() const;
};

size_t stDtypeSize(StDtype t);
const char* stDtypeName(StDtype t);

class SafetensorsSet {
public:
    // `model.safetensors` in `folder`, or the shards that model.safetensors.index.json lists.
    static Result<SafetensorsSet> openFolder(const std::filesystem::path& folder);
    // One .safetensors file.
    static Result<SafetensorsSet> openFile(const std::filesystem::path& file);

    // Tensors in the order llama.cpp's converter visits them: shards in file-name order, tensor names
    // sorted (byte order) within each shard.
    const std::vector<StTensor>& tensors() const { return m_tensors; }
    const StTensor* find(const std::string& name) const;

    // Converts rows [firstRow, firstRow + nRows) of `t` (rows of rowLength() elements) to float.
    void readRows(const StTensor& t, uint64_t firstRow, uint64_t nRows, float* dst) const;
    // Lets the OS drop the pages of `t` (or of its rows [firstRow, firstRow + nRows)) from memory once
    // they have been converted, so resident memory stays at a chunk, not a tensor (the map stays valid).
    void release(const StTensor& t) const;
    void releaseRows(const StTensor& t, uint64_t firstRow, uint64_t nRows) const;

    uint64_t totalBytes() const;

private:
    Status addFile(const std::filesystem::path& file);

    std::vector<std::shared_ptr<MappedFile>> m_parts;
    std::vector<StTensor> m_tensors;
    std::map<std::string, size_t> m_byName;
};

// Releases the pages of [data, data + size) of a read-only map (no-op where unsupported).
void releaseMappedRange(const uint8_t* data, size_t size);

}  // namespace qd
