// Writes tiny checkpoints for the importer tests: safetensors files, config.json, a byte-level BPE
// tokenizer.json, llama2.c .bin + tokenizer.bin. Written independently of the importer's readers.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace testutil {

struct StTensorSpec {
    std::string name;
    std::string dtype;           // "F32", "F16", "BF16"
    std::vector<int64_t> shape;  // PyTorch order
    QByteArray data;             // little-endian elements
};

QByteArray floatsToBytes(const std::vector<float>& v);
// Deterministic "weights": value i of tensor `seed` (distinct per tensor, exactly representable).
std::vector<float> pattern(size_t n, int seed);
// bf16 bit patterns of `v` truncated (exact when the values are bf16-representable).
QByteArray toBf16Bytes(const std::vector<float>& v);

// Header JSON in the given order, data packed in that order.
bool writeSafetensors(const QString& path, const std::vector<StTensorSpec>& tensors);
bool writeFile(const QString& path, const QByteArray& bytes);
bool writeJson(const QString& path, const QJsonObject& o);

// A small Llama-style model: `layers` blocks of width `embd` (heads x headDim), FFN `ffn`, vocabulary `vocab`.
struct TinyModel {
    QString architecture = "LlamaForCausalLM";
    int layers = 2, embd = 64, heads = 4, kvHeads = 2, ffn = 96, vocab = 300;
    bool tied = false;
    bool biases = false;
    std::string dtype = "F32";
};

QJsonObject tinyConfig(const TinyModel& m);
// The checkpoint's tensors (in HF naming), values from pattern() with a distinct seed per tensor.
std::vector<StTensorSpec> tinyTensors(const TinyModel& m);
// A GPT-2-style byte-level BPE tokenizer.json with `vocab` ids (256 byte tokens, merges, 2 added
// specials at the top) using Qwen2's split regex, and a tokenizer_config.json with a chat template.
void writeByteLevelTokenizer(const QString& folder, int vocab);
// Writes config.json, model.safetensors and the tokenizer for `m` into `folder`.
bool writeTinyCheckpoint(const QString& folder, const TinyModel& m);

}  // namespace testutil
