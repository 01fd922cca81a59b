// Writing GGUF files.
//
// The writer lays out metadata and tensor infos like llama.cpp does (tensor data in the order the
// tensors were added, each at the next multiple of the alignment, zero padding after each), then asks
// a producer for each tensor's bytes in turn, so memory stays bounded by what the producer holds
// (one tensor at most), not by the model. Output goes through AtomicFileWriter: a temporary file in
// the target folder, renamed when complete.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/gguf/ggml_type.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_value.h"

namespace qd {

class AtomicFileWriter;

// Where a producer writes one tensor's bytes. Reports progress and carries the cancel: a write after
// the progress callback asked to stop returns cancelledError() (kind Cancelled).
class TensorSink {
public:
    virtual ~TensorSink() = default;
    virtual Status write(const void* data, size_t size) = 0;
    Status write(std::span<const uint8_t> bytes) { return write(bytes.data(), bytes.size()); }
};

class GgufWriter {
public:
    explicit GgufWriter(uint32_t version = 3) : m_version(version) {}

    uint32_t version() const { return m_version; }

    // Metadata, kept in insertion order.
    const std::vector<GgufKeyValue>& metadata() const { return m_metadata; }
    void set(const std::string& key, GgufValue value);  // replaces in place, or appends
    bool remove(const std::string& key);
    const GgufValue* find(const std::string& key) const;

    // Tensors; the data layout is computed from them (and general.alignment).
    Status addTensor(const std::string& name, std::vector<uint64_t> dims, GgmlType type);
    const std::vector<GgufTensorInfo>& tensors() const { return m_tensors; }
    uint64_t alignment() const;

    // The header bytes including the padding up to the data section, with offsets filled in.
    std::vector<uint8_t> header() const;
    // Total size the file will have.
    uint64_t fileSize() const;

    // Called once per tensor, in order; must write exactly tensors()[index].nBytes bytes.
    using TensorDataFn = std::function<Status(size_t index, const GgufTensorInfo& tensor, TensorSink& sink)>;

    // Writes the file. Progress: done/total are bytes of tensor data, stage the tensor's name.
    Status write(const std::filesystem::path& path, const TensorDataFn& produce, const ProgressFn& progress = {}) const;

    // Sets up a writer that reproduces `file` (metadata, tensor order, types and shapes).
    static GgufWriter copyOf(const GgufFile& file);

private:
    std::vector<GgufTensorInfo> layout() const;

    uint32_t m_version;
    std::vector<GgufKeyValue> m_metadata;
    std::vector<GgufTensorInfo> m_tensors;
};

// Writes `file` with the data of every tensor copied from the source (used by metadata edits).
Status copyGgufWithMetadata(const GgufFile& source, const GgufWriter& writer, const std::filesystem::path& out,
                            const ProgressFn& progress = {});

}  // namespace qd
