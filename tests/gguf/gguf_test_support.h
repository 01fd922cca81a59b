// Helpers shared by the GGUF tests: where the fixtures are, hashing, and small files written with
// GgufWriter whose tensor bytes follow a known pattern (so a test can check data, not just headers).
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"

namespace qdtest {

inline QString sharedDir() {
    const QByteArray env = qgetenv("QD_SHARED_DIR");
    return env.isEmpty() ? QStringLiteral(QD_SHARED_DIR) : QString::fromLocal8Bit(env);
}

inline QString fixturesDir() { return sharedDir() + QStringLiteral("/fixtures/llamacpp"); }

// Every GGUF under fixtures/llamacpp/ (the top folder and pure/), sorted by manifest key (file name).
struct FixtureFile {
    QString key;   // file name, as manifest.json names it
    QString path;  // absolute path
};

inline std::vector<FixtureFile> fixtureFiles() {
    std::vector<FixtureFile> out;
    for (const QString& sub : {QString(), QStringLiteral("/pure")}) {
        QDir dir(fixturesDir() + sub);
        for (const QString& name : dir.entryList({QStringLiteral("*.gguf")}, QDir::Files, QDir::Name))
            out.push_back({name, dir.absoluteFilePath(name)});
    }
    std::sort(out.begin(), out.end(), [](const FixtureFile& a, const FixtureFile& b) { return a.key < b.key; });
    return out;
}

inline QJsonObject loadManifest() {
    QFile f(fixturesDir() + QStringLiteral("/manifest.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

inline QByteArray readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

inline std::vector<uint8_t> readBytes(const QString& path) {
    const QByteArray b = readFile(path);
    return std::vector<uint8_t>(b.begin(), b.end());
}

inline QString sha256Hex(const void* data, size_t size) {
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArrayView(static_cast<const char*>(data), qsizetype(size)),
                                 QCryptographicHash::Sha256)
            .toHex());
}

inline std::span<const uint8_t> asSpan(const QByteArray& b) {
    return {reinterpret_cast<const uint8_t*>(b.constData()), size_t(b.size())};
}

// The byte the pattern producer writes at position `j` of tensor `index`.
inline uint8_t patternByte(size_t index, uint64_t j) { return uint8_t((index * 31 + j * 7 + (j >> 8)) & 0xff); }

// A TensorDataFn writing patternByte() values, in slices of up to 4 KiB.
inline qd::Status patternProducer(size_t index, const qd::GgufTensorInfo& t, qd::TensorSink& sink) {
    std::vector<uint8_t> buf;
    for (uint64_t at = 0; at < t.nBytes;) {
        const uint64_t n = std::min<uint64_t>(4096, t.nBytes - at);
        buf.resize(size_t(n));
        for (uint64_t j = 0; j < n; ++j) buf[size_t(j)] = patternByte(index, at + j);
        if (auto s = sink.write(buf.data(), buf.size()); !s) return s;
        at += n;
    }
    return {};
}

// Whether `data` is what patternProducer writes for tensor `index`.
inline bool hasPattern(std::span<const uint8_t> data, size_t index) {
    for (size_t j = 0; j < data.size(); ++j)
        if (data[j] != patternByte(index, j)) return false;
    return true;
}

// A small model-like file exercising every scalar type, string / numeric / nested arrays, and tensors of
// several types whose sizes leave padding after them (the last one too). Tensor shapes, ggml order:
//   token_embd.weight   F32  [32, 16]   2048 bytes
//   blk.0.attn_q.weight Q8_0 [32, 31]   1054 bytes (31 rows of one 34-byte block; 2 bytes of padding)
//   blk.0.ffn_up.weight F16  [32, 3]     192 bytes
//   output_norm.weight  F32  [32]        128 bytes
//   rope_freqs          F32  [3]          12 bytes (20 bytes of padding follow)
inline qd::GgufWriter smallModelWriter(uint32_t version = 3) {
    using qd::GgufValue;
    using qd::GgufValueType;
    qd::GgufWriter w(version);
    w.set("general.architecture", GgufValue::string("llama"));
    w.set("general.name", GgufValue::string("tiny test model"));
    w.set("general.file_type", GgufValue::uint32(7));  // Q8_0
    w.set("llama.block_count", GgufValue::uint32(1));
    w.set("llama.context_length", GgufValue::uint32(64));
    w.set("llama.embedding_length", GgufValue::uint32(32));
    w.set("llama.feed_forward_length", GgufValue::uint32(3));
    w.set("llama.attention.head_count", GgufValue::uint32(4));
    w.set("llama.attention.head_count_kv", GgufValue::uint32(2));
    w.set("llama.rope.freq_base", GgufValue::float32(10000.0f));
    w.set("test.u8", GgufValue::uint8(200));
    w.set("test.i8", GgufValue::int8(-100));
    w.set("test.u16", GgufValue::uint16(60000));
    w.set("test.i16", GgufValue::int16(-30000));
    w.set("test.i32", GgufValue::int32(-2000000000));
    w.set("test.u64", GgufValue::uint64(0xFEDCBA9876543210ull));
    w.set("test.i64", GgufValue::int64(-0x123456789ABCll));
    w.set("test.f64", GgufValue::float64(-2.5e-300));
    w.set("test.bool", GgufValue::boolean(true));
    w.set("test.empty_string", GgufValue::string(""));
    w.set("tokenizer.ggml.model", GgufValue::string("llama"));
    w.set("tokenizer.ggml.tokens", GgufValue::stringArray({"<unk>", "<s>", "</s>", "a", "b", "c", "ab", "\xe2\x96\x81the"}));
    w.set("tokenizer.ggml.scores", GgufValue::arrayOf<float>(GgufValueType::Float32, {0, 0, 0, -1, -2, -3, -4.5f, -5}));
    w.set("tokenizer.ggml.token_type", GgufValue::arrayOf<int32_t>(GgufValueType::Int32, {2, 3, 3, 1, 1, 1, 1, 1}));
    w.set("test.bools", GgufValue::arrayOf<uint8_t>(GgufValueType::Bool, {1, 0, 1}));
    w.set("test.empty_array", GgufValue::arrayOf<uint64_t>(GgufValueType::UInt64, {}));
    w.set("test.nested", GgufValue::nestedArray({GgufValue::arrayOf<uint16_t>(GgufValueType::UInt16, {1, 2}),
                                                 GgufValue::stringArray({"x", "yz"}),
                                                 GgufValue::nestedArray({GgufValue::arrayOf<int8_t>(GgufValueType::Int8, {-1})})}));
    (void)w.addTensor("token_embd.weight", {32, 16}, qd::GgmlType::F32);
    (void)w.addTensor("blk.0.attn_q.weight", {32, 31}, qd::GgmlType::Q8_0);
    (void)w.addTensor("blk.0.ffn_up.weight", {32, 3}, qd::GgmlType::F16);
    (void)w.addTensor("output_norm.weight", {32}, qd::GgmlType::F32);
    (void)w.addTensor("rope_freqs", {3}, qd::GgmlType::F32);
    return w;
}

// Writes `w` with pattern data to `path` and returns the file's bytes (empty on failure).
inline QByteArray writePatternFile(const qd::GgufWriter& w, const QString& path, std::string* error = nullptr) {
    auto s = w.write(path.toStdString(), patternProducer);
    if (!s) {
        if (error) *error = s.message();
        return {};
    }
    return readFile(path);
}

// Names in a folder, hidden files included (temporary files start with a dot).
inline QStringList folderEntries(const QString& path) {
    return QDir(path).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

}  // namespace qdtest
