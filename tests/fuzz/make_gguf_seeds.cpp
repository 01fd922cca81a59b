// Writes the seed corpus for fuzz_gguf_reader: small valid GGUF files made with GgufWriter (every value
// type, v1/v2/v3, alignment 64, unrunnable types), small copies of the llama.cpp fixtures (their metadata
// with arrays cut to 16 entries and their tensor list with one block row per tensor), and the first bytes of
// a few fixtures and vocabulary files (headers that end early, so the fuzzer starts near truncation paths).
//
// usage: make_gguf_seeds SHARED_DIR OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"

namespace fs = std::filesystem;
using namespace qd;

namespace {

Status zeroProducer(size_t index, const GgufTensorInfo& t, TensorSink& sink) {
    std::vector<uint8_t> bytes(static_cast<size_t>(t.nBytes));
    for (size_t j = 0; j < bytes.size(); ++j) bytes[j] = static_cast<uint8_t>(index * 17 + j);
    return sink.write(bytes.data(), bytes.size());
}

bool writeSeed(const GgufWriter& w, const fs::path& path) {
    auto s = w.write(path, zeroProducer);
    if (!s) std::fprintf(stderr, "make_gguf_seeds: %s: %s\n", path.string().c_str(), s.message().c_str());
    return s.ok();
}

bool writePrefix(const fs::path& from, const fs::path& to, size_t bytes) {
    std::ifstream in(from, std::ios::binary);
    if (!in) return false;
    std::vector<char> buf(bytes);
    in.read(buf.data(), static_cast<std::streamsize>(bytes));
    std::ofstream out(to, std::ios::binary);
    out.write(buf.data(), in.gcount());
    return bool(out);
}

// The value with arrays cut to their first `keep` entries (recursively).
GgufValue shortened(const GgufValue& v, size_t keep) {
    if (!v.isArray()) return v;
    if (v.arrayType() == GgufValueType::String) {
        std::vector<std::string> items(v.arrayStrings().begin(),
                                       v.arrayStrings().begin() + std::min(keep, v.arrayStrings().size()));
        return GgufValue::stringArray(std::move(items));
    }
    if (v.arrayType() == GgufValueType::Array) {
        std::vector<GgufValue> items;
        for (size_t i = 0; i < v.arrayNested().size() && i < keep; ++i) items.push_back(shortened(v.arrayNested()[i], keep));
        return GgufValue::nestedArray(std::move(items));
    }
    const size_t bytes = std::min(v.arrayRaw().size(), keep * ggufValueTypeSize(v.arrayType()));
    return GgufValue::numericArray(v.arrayType(), std::vector<uint8_t>(v.arrayRaw().begin(), v.arrayRaw().begin() + bytes));
}

// A fixture's metadata (arrays cut short) and tensor names and types, each tensor one block row long.
bool writeSmallCopy(const fs::path& fixture, const fs::path& out) {
    auto f = GgufFile::open(fixture);
    if (!f) return false;
    GgufWriter w(f->version());
    for (const auto& kv : f->metadata()) w.set(kv.key, shortened(kv.value, 16));
    for (const auto& t : f->tensors()) {
        const uint64_t row = ggmlTypeTraits(t.type).blockSize;
        std::vector<uint64_t> dims(t.dims.size(), 1);
        dims[0] = row;
        if (!w.addTensor(t.name, dims, t.type)) return false;
    }
    return writeSeed(w, out);
}

GgufWriter allValueTypes(uint32_t version) {
    GgufWriter w(version);
    w.set("general.architecture", GgufValue::string("llama"));
    w.set("general.name", GgufValue::string("seed"));
    w.set("general.file_type", GgufValue::uint32(1));
    w.set("llama.block_count", GgufValue::uint32(2));
    w.set("llama.context_length", GgufValue::uint64(4096));
    w.set("llama.embedding_length", GgufValue::uint32(64));
    w.set("llama.attention.head_count", GgufValue::uint32(4));
    w.set("llama.attention.head_count_kv", GgufValue::int32(2));
    w.set("a.u8", GgufValue::uint8(1));
    w.set("a.i8", GgufValue::int8(-1));
    w.set("a.u16", GgufValue::uint16(2));
    w.set("a.i16", GgufValue::int16(-2));
    w.set("a.i64", GgufValue::int64(-3));
    w.set("a.f32", GgufValue::float32(0.5f));
    w.set("a.f64", GgufValue::float64(0.25));
    w.set("a.bool", GgufValue::boolean(false));
    w.set("tokenizer.ggml.model", GgufValue::string("gpt2"));
    w.set("tokenizer.ggml.tokens", GgufValue::stringArray({"a", "b", "ab", "<|end|>"}));
    w.set("tokenizer.ggml.scores", GgufValue::arrayOf<float>(GgufValueType::Float32, {0, -1, -2, -3}));
    w.set("tokenizer.chat_template", GgufValue::string("{% for m in messages %}{{ m.content }}{% endfor %}"));
    w.set("a.nested", GgufValue::nestedArray({GgufValue::arrayOf<int64_t>(GgufValueType::Int64, {1, -1}),
                                              GgufValue::nestedArray({GgufValue::stringArray({"x"})})}));
    (void)w.addTensor("token_embd.weight", {64, 4}, GgmlType::F16);
    (void)w.addTensor("blk.0.attn_q.weight", {64, 64}, GgmlType::Q8_0);
    (void)w.addTensor("blk.0.attn_norm.weight", {64}, GgmlType::F32);
    (void)w.addTensor("blk.1.ffn_up.weight", {256, 2, 1, 1}, GgmlType::Q4_K);
    return w;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: make_gguf_seeds SHARED_DIR OUT_DIR\n");
        return 2;
    }
    const fs::path shared = argv[1];
    const fs::path out = argv[2];
    std::error_code ec;
    fs::create_directories(out, ec);
    bool ok = true;

    for (uint32_t v : {1u, 2u, 3u}) ok &= writeSeed(allValueTypes(v), out / ("values-v" + std::to_string(v) + ".gguf"));
    {
        GgufWriter w = allValueTypes(3);
        w.set("general.alignment", GgufValue::uint32(64));
        ok &= writeSeed(w, out / "align64.gguf");
    }
    {
        GgufWriter w;
        w.set("general.architecture", GgufValue::string("llama"));
        (void)w.addTensor("blk.0.attn_q.weight", {256, 2}, GgmlType::IQ2_XXS);
        (void)w.addTensor("blk.0.attn_k.weight", {32, 2}, GgmlType::MXFP4);
        (void)w.addTensor("blk.0.attn_v.weight", {256, 1}, GgmlType::TQ1_0);
        ok &= writeSeed(w, out / "unrunnable.gguf");
    }
    ok &= writeSeed(GgufWriter(), out / "empty.gguf");

    const fs::path fixtures = shared / "fixtures" / "llamacpp";
    for (const char* name : {"shakespeare-Q4_K_M.gguf", "shakespeare-F32.gguf", "shakespeare-IQ4_XS.gguf",
                             "dequant-reference.gguf"}) {
        ok &= writeSmallCopy(fixtures / name, out / (std::string("small-") + name));
    }
    ok &= writePrefix(fixtures / "shakespeare-Q4_K_M.gguf", out / "head-Q4_K_M.bin", 64 * 1024);
    for (const char* name : {"ggml-vocab-gpt-2.gguf", "ggml-vocab-llama-spm.gguf", "ggml-vocab-bert-bge.gguf"})
        ok &= writePrefix(shared / "vocab" / name, out / (std::string("head-") + name + ".bin"), 4096);

    if (!ok) {
        std::fprintf(stderr, "make_gguf_seeds: some seeds could not be written\n");
        return 1;
    }
    std::printf("seed corpus in %s\n", out.string().c_str());
    return 0;
}
