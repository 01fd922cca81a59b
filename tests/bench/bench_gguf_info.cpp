// How long it takes to look at a model file: GgufFile::open + summarize on a large synthetic GGUF laid out
// like a 1B Llama in F16 (~3 GB, with a 128,256-token vocabulary and 280,000 merges in its metadata, as
// Llama 3.2 1B has), on a real llama.cpp fixture, and `quantdesk-cli info` end to end.
//
// The large file is written once under $QD_BENCH_DIR (default /tmp/quantdesk-bench) and reused: its header
// comes from GgufWriter and its data section is a hole (ftruncate), so it costs a few MB of disk. Opening
// a GGUF only reads the header, so the data being sparse does not change what is measured.
//
//   cmake --build BUILD --target bench_gguf_info && BUILD/tests/bench/bench_gguf_info
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/gguf/model_summary.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace qd;

// Llama-3.2-1B-like shapes (ggml order, row length first): width 2048, 16 layers, FFN 8192, 32 heads,
// 8 KV heads of 64, vocabulary 128256; output not tied to the embedding, so ~1.5B parameters.
constexpr uint64_t kDim = 2048, kLayers = 16, kFfn = 8192, kHeads = 32, kKvHeads = 8, kVocab = 128256;
constexpr uint64_t kMerges = 280000;

GgufWriter syntheticWriter() {
    GgufWriter w;
    w.set("general.architecture", GgufValue::string("llama"));
    w.set("general.name", GgufValue::string("Synthetic 1B F16"));
    w.set("general.file_type", GgufValue::uint32(1));  // F16
    w.set("llama.block_count", GgufValue::uint32(kLayers));
    w.set("llama.context_length", GgufValue::uint32(131072));
    w.set("llama.embedding_length", GgufValue::uint32(kDim));
    w.set("llama.feed_forward_length", GgufValue::uint32(kFfn));
    w.set("llama.attention.head_count", GgufValue::uint32(kHeads));
    w.set("llama.attention.head_count_kv", GgufValue::uint32(kKvHeads));
    w.set("llama.rope.freq_base", GgufValue::float32(500000.0f));
    w.set("llama.attention.layer_norm_rms_epsilon", GgufValue::float32(1e-5f));
    w.set("llama.vocab_size", GgufValue::uint32(kVocab));
    w.set("tokenizer.ggml.model", GgufValue::string("gpt2"));
    w.set("tokenizer.ggml.pre", GgufValue::string("llama-bpe"));
    std::vector<std::string> tokens(kVocab);
    for (uint64_t i = 0; i < kVocab; ++i) tokens[i] = "tok" + std::to_string(i * 7919 % 1000003);
    w.set("tokenizer.ggml.tokens", GgufValue::stringArray(std::move(tokens)));
    std::vector<int32_t> types(kVocab, 1);
    w.set("tokenizer.ggml.token_type", GgufValue::arrayOf<int32_t>(GgufValueType::Int32, types));
    std::vector<std::string> merges(kMerges);
    for (uint64_t i = 0; i < kMerges; ++i) merges[i] = "a" + std::to_string(i) + " b" + std::to_string(i % 977);
    w.set("tokenizer.ggml.merges", GgufValue::stringArray(std::move(merges)));
    w.set("tokenizer.ggml.bos_token_id", GgufValue::uint32(128000));
    w.set("tokenizer.chat_template", GgufValue::string(std::string(2000, 'x')));

    const uint64_t kv = kKvHeads * (kDim / kHeads);
    (void)w.addTensor("token_embd.weight", {kDim, kVocab}, GgmlType::F16);
    for (uint64_t l = 0; l < kLayers; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        (void)w.addTensor(b + "attn_norm.weight", {kDim}, GgmlType::F32);
        (void)w.addTensor(b + "attn_q.weight", {kDim, kDim}, GgmlType::F16);
        (void)w.addTensor(b + "attn_k.weight", {kDim, kv}, GgmlType::F16);
        (void)w.addTensor(b + "attn_v.weight", {kDim, kv}, GgmlType::F16);
        (void)w.addTensor(b + "attn_output.weight", {kDim, kDim}, GgmlType::F16);
        (void)w.addTensor(b + "ffn_norm.weight", {kDim}, GgmlType::F32);
        (void)w.addTensor(b + "ffn_gate.weight", {kDim, kFfn}, GgmlType::F16);
        (void)w.addTensor(b + "ffn_up.weight", {kDim, kFfn}, GgmlType::F16);
        (void)w.addTensor(b + "ffn_down.weight", {kFfn, kDim}, GgmlType::F16);
    }
    (void)w.addTensor("output_norm.weight", {kDim}, GgmlType::F32);
    (void)w.addTensor("output.weight", {kDim, kVocab}, GgmlType::F16);
    return w;
}

// The synthetic file's path, written on first use: the header from GgufWriter, then a hole up to the size
// GgufWriter computes (the data section reads as zeros).
const std::string& syntheticFile() {
    static const std::string path = [] {
        const char* env = std::getenv("QD_BENCH_DIR");
        const fs::path dir = env && *env ? fs::path(env) : fs::path("/tmp/quantdesk-bench");
        const fs::path file = dir / "synthetic-1b-f16.gguf";
        const GgufWriter w = syntheticWriter();
        std::error_code ec;
        if (fs::exists(file, ec) && fs::file_size(file, ec) == w.fileSize()) {
            if (auto f = GgufFile::open(file); f.ok()) return file.string();
        }
        fs::create_directories(dir, ec);
        const fs::path temp = dir / "synthetic-1b-f16.gguf.part";
        const std::vector<uint8_t> header = w.header();
        std::FILE* out = std::fopen(temp.string().c_str(), "wb");
        bool ok = out && std::fwrite(header.data(), 1, header.size(), out) == header.size();
        ok = out && std::fclose(out) == 0 && ok;
        ok = ok && truncate(temp.string().c_str(), static_cast<off_t>(w.fileSize())) == 0;
        fs::rename(temp, file, ec);
        if (!ok || ec) {
            std::fprintf(stderr, "cannot write %s\n", file.string().c_str());
            std::exit(1);
        }
        return file.string();
    }();
    return path;
}

std::string fixturePath() { return std::string(QD_SHARED_DIR) + "/fixtures/llamacpp/shakespeare-Q4_K_M.gguf"; }

void openAndSummarize(benchmark::State& state, const std::string& path) {
    uint64_t params = 0, headerBytes = 0, fileSize = 0;
    for (auto _ : state) {
        auto f = GgufFile::open(path);
        if (!f) {
            state.SkipWithError(f.message().c_str());
            return;
        }
        const ModelSummary s = summarize(*f);
        benchmark::DoNotOptimize(s.parameterCount);
        params = s.parameterCount;
        headerBytes = f->dataOffset();
        fileSize = f->fileSize();
    }
    state.counters["params"] = double(params);
    state.counters["header_MB"] = double(headerBytes) / 1e6;
    state.counters["file_GB"] = double(fileSize) / 1e9;
}

void BM_OpenSummarize_Synthetic1B(benchmark::State& state) { openAndSummarize(state, syntheticFile()); }
void BM_OpenSummarize_FixtureQ4KM(benchmark::State& state) { openAndSummarize(state, fixturePath()); }

// Parsing alone, on a header already in memory (no mmap, no page faults).
void BM_ParseHeaderInMemory_Synthetic1B(benchmark::State& state) {
    // Without a data section the tensors would fall outside the buffer, so this parses a zero-tensor
    // variant: the same metadata, which is what dominates the parse.
    const GgufWriter w = syntheticWriter();
    GgufWriter metaOnly;
    for (const auto& kv : w.metadata()) metaOnly.set(kv.key, kv.value);
    const std::vector<uint8_t> bytes = metaOnly.header();
    for (auto _ : state) {
        auto f = GgufFile::parse(bytes);
        if (!f) {
            state.SkipWithError(f.message().c_str());
            return;
        }
        benchmark::DoNotOptimize(f->metadata().size());
    }
    state.counters["header_MB"] = double(bytes.size()) / 1e6;
}

// `quantdesk-cli info FILE [extra]` as a child process with its output discarded: start-up, open,
// summary and printing.
void runCli(benchmark::State& state, const std::string& path, const char* extra) {
    std::vector<std::string> args = {QD_CLI_PATH, "info", path};
    if (extra) args.push_back(extra);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    double childCpu = 0;  // user + system seconds of the children: what the CLI costs on a busy machine
    int64_t runs = 0;
    for (auto _ : state) {
        pid_t pid = 0;
        if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
            state.SkipWithError("cannot start quantdesk-cli");
            break;
        }
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            state.SkipWithError("quantdesk-cli info failed");
            break;
        }
        childCpu += double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
        ++runs;
    }
    posix_spawn_file_actions_destroy(&actions);
    if (runs) state.counters["child_cpu_ms"] = childCpu * 1e3 / double(runs);
}

void BM_CliInfo_Synthetic1B(benchmark::State& state) { runCli(state, syntheticFile(), nullptr); }
void BM_CliInfoJson_Synthetic1B(benchmark::State& state) { runCli(state, syntheticFile(), "--json"); }
void BM_CliInfo_FixtureQ4KM(benchmark::State& state) { runCli(state, fixturePath(), nullptr); }

}  // namespace

BENCHMARK(BM_OpenSummarize_Synthetic1B)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseHeaderInMemory_Synthetic1B)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_OpenSummarize_FixtureQ4KM)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_CliInfo_Synthetic1B)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CliInfoJson_Synthetic1B)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CliInfo_FixtureQ4KM)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
