// llama.cpp's importance-matrix file (the format llama-imatrix writes and llama-quantize --imatrix reads in
// the build the fixtures come from; little-endian):
//   int32 n_entries
//   n_entries x { int32 name_len, name bytes, int32 ncall, int32 nval, float32 values[nval] }
//   int32 last_chunk, int32 dataset_len, dataset bytes            (optional: older files end before it)
// Each entry is one weight matrix ("blk.0.attn_q.weight"); values[j] is the mean of the squared activation
// of input column j over the rows the matrix saw, times ncall (the chunks it saw), so llama-quantize
// divides by ncall to weight the quantization error of column j. The entries keep the file's order, so a
// file read and written again is the same bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace qd {

struct ImatrixEntry {
    std::string name;
    int32_t ncall = 0;
    std::vector<float> values;  // as stored: mean x^2 times ncall
};

struct Imatrix {
    std::vector<ImatrixEntry> entries;
    bool hasTrailer = false;  // last_chunk and the dataset name follow the entries
    int32_t lastChunk = 0;    // chunks of the calibration text it was computed on
    std::string dataset;      // the calibration text's file name, as llama-imatrix was given it

    const ImatrixEntry* find(const std::string& name) const;
    // The weights llama-quantize uses for `name`: values / ncall (values as they are when ncall is 0);
    // empty when the file has no entry for it.
    std::vector<float> importance(const std::string& name) const;

    // Parses a file's bytes; a truncated, oversized or otherwise malformed file is an error naming what
    // is wrong and where.
    static Result<Imatrix> parse(std::span<const uint8_t> bytes);
    static Result<Imatrix> read(const std::filesystem::path& path);
    std::vector<uint8_t> serialize() const;
    // Written through a temporary file renamed when complete.
    Status write(const std::filesystem::path& path) const;
};

}  // namespace qd
