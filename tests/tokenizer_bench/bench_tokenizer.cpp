// Tokenizer throughput: MB/s of text encoded (and decoded) for the Shakespeare model's SentencePiece
// vocabulary and a few byte-level BPE / WordPiece vocabularies from ../shared/vocab, on the held-out
// Shakespeare text (69 KB) and the TinyStories sample.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/gguf/gguf_file.h"
#include "core/tokenizer/tokenizer.h"

namespace {

const std::filesystem::path kShared = QD_SHARED_DIR;

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const qd::Tokenizer* load(const std::filesystem::path& path) {
    auto file = qd::GgufFile::open(path);
    if (!file) return nullptr;
    auto tok = qd::Tokenizer::fromGguf(*file);
    if (!tok) return nullptr;
    return new qd::Tokenizer(*tok);  // kept for the whole run
}

const qd::Tokenizer* vocab(const std::string& name) {
    if (name == "shakespeare") return load(kShared / "fixtures/llamacpp/shakespeare-F32.gguf");
    return load(kShared / "vocab" / ("ggml-vocab-" + name + ".gguf"));
}

void encodeText(benchmark::State& state, const std::string& name, const std::string& textFile) {
    const qd::Tokenizer* tok = vocab(name);
    const std::string text = readAll(kShared / "text" / textFile);
    if (!tok || text.empty()) {
        state.SkipWithError("vocabulary or text missing");
        return;
    }
    size_t tokens = 0;
    for (auto _ : state) {
        auto ids = tok->encode(text, true, false);
        tokens = ids.size();
        benchmark::DoNotOptimize(ids.data());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text.size()));
    state.counters["tokens"] = double(tokens);
}

void decodeText(benchmark::State& state, const std::string& name) {
    const qd::Tokenizer* tok = vocab(name);
    const std::string text = readAll(kShared / "text/shakespeare-val.txt");
    if (!tok || text.empty()) {
        state.SkipWithError("vocabulary or text missing");
        return;
    }
    const std::vector<int32_t> ids = tok->encode(text, false, false);
    for (auto _ : state) {
        qd::StreamingDecoder dec(*tok);
        size_t n = 0;
        for (int32_t id : ids) n += dec.push(id).size();
        benchmark::DoNotOptimize(n);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text.size()));
}

}  // namespace

BENCHMARK_CAPTURE(encodeText, shakespeare_spm, std::string("shakespeare"), std::string("shakespeare-val.txt"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(encodeText, llama_spm, std::string("llama-spm"), std::string("shakespeare-val.txt"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(encodeText, gpt2_bpe, std::string("gpt-2"), std::string("shakespeare-val.txt"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(encodeText, deepseek_llm_bpe, std::string("deepseek-llm"), std::string("shakespeare-val.txt"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(encodeText, falcon_bpe, std::string("falcon"), std::string("tinystories-sample.txt"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(encodeText, bert_wpm, std::string("bert-bge"), std::string("shakespeare-val.txt"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(decodeText, shakespeare_stream, std::string("shakespeare"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(decodeText, gpt2_stream, std::string("gpt-2"))->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
