#include "model_options.h"

#include <cstdio>

#include <charconv>
#include <random>

#include "core/common/system_info.h"

namespace qd::cli {

std::optional<long long> parseInt(const std::string& s) {
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<double> parseFloat(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::vector<std::string> modelValueOptions() {
    return {"-c", "--ctx-size", "-t", "--threads", "-b", "--batch-size", "--gemm", "--gpu-layers", "-ngl", "--gpu-device", "--gpu-memory"};
}

std::vector<std::string> samplingValueOptions() {
    return {"--temp", "--top-k", "--top-p", "--min-p", "--repeat-penalty", "--frequency-penalty", "--presence-penalty",
            "--repeat-last-n", "--seed", "-n", "--n-predict"};
}

namespace {

std::optional<std::string> firstOf(const Args& args, std::initializer_list<const char*> names) {
    std::optional<std::string> v;
    for (const char* n : names)
        if (auto x = args.value(n)) v = x;
    return v;
}

}  // namespace

std::optional<std::string> readEngineOptions(const Args& args, EngineOptions& out) {
    auto intOption = [&](std::initializer_list<const char*> names, int& dst, int min) -> std::optional<std::string> {
        auto v = firstOf(args, names);
        if (!v) return std::nullopt;
        auto n = parseInt(*v);
        if (!n || *n < min || *n > (1 << 24)) return std::string(*names.begin()) + " needs a whole number of at least " + std::to_string(min);
        dst = static_cast<int>(*n);
        return std::nullopt;
    };
    if (auto e = intOption({"-c", "--ctx-size"}, out.contextLength, 1)) return e;
    if (auto e = intOption({"-t", "--threads"}, out.threads, 1)) return e;
    if (auto e = intOption({"-b", "--batch-size"}, out.batchSize, 1)) return e;
    if (auto g = args.value("--gemm")) {
        if (*g == "auto") out.gemm = GemmMode::Auto;
        else if (*g == "dot") out.gemm = GemmMode::DotKernels;
        else if (*g == "blas") out.gemm = GemmMode::Blas;
        else return std::string("--gemm takes auto, dot or blas");
    }
    // Vulkan offload: --gpu-layers N (llama.cpp's -ngl) or all; --gpu-device N picks a device of
    // `quantdesk-cli devices`; --gpu-allow-cpu lets a CPU implementation such as lavapipe count as one.
    if (auto g = firstOf(args, {"--gpu-layers", "-ngl"})) {
        if (*g == "all") {
            out.gpuLayers = -1;
        } else {
            auto n = parseInt(*g);
            if (!n || *n < 0 || *n > (1 << 20)) return std::string("--gpu-layers takes a number of layers or all");
            out.gpuLayers = static_cast<int>(*n);
        }
    }
    if (auto e = intOption({"--gpu-device"}, out.gpuDevice, 0)) return e;
    // --gpu-memory MIB: how much of the device's memory the layers may take (the rest stays free for
    // other programs); layers past it stay on the CPU.
    if (auto g = args.value("--gpu-memory")) {
        auto n = parseInt(*g);
        if (!n || *n < 1 || *n > (1ll << 30)) return std::string("--gpu-memory takes a size in MiB");
        out.gpuMemoryLimit = static_cast<uint64_t>(*n) << 20;
    }
    out.gpuAllowCpuDevice = args.flag("--gpu-allow-cpu");
    if (out.gpuLayers != 0) out.gpuPipelineCache = userDataFile("vulkan-pipeline-cache.bin");
    return std::nullopt;
}

std::optional<std::string> readGenerationSettings(const Args& args, GenerationSettings& out) {
    SamplerSettings& s = out.sampler;
    auto floatOption = [&](const char* name, float& dst) -> std::optional<std::string> {
        auto v = args.value(name);
        if (!v) return std::nullopt;
        auto f = parseFloat(*v);
        if (!f) return std::string(name) + " needs a number";
        dst = static_cast<float>(*f);
        return std::nullopt;
    };
    auto intOption = [&](std::initializer_list<const char*> names, int& dst) -> std::optional<std::string> {
        auto v = firstOf(args, names);
        if (!v) return std::nullopt;
        auto n = parseInt(*v);
        if (!n) return std::string(*names.begin()) + " needs a whole number";
        dst = static_cast<int>(*n);
        return std::nullopt;
    };
    for (auto [name, dst] : {std::pair{"--temp", &s.temperature}, {"--top-p", &s.topP}, {"--min-p", &s.minP},
                             {"--repeat-penalty", &s.repeatPenalty}, {"--frequency-penalty", &s.frequencyPenalty},
                             {"--presence-penalty", &s.presencePenalty}})
        if (auto e = floatOption(name, *dst)) return e;
    if (auto e = intOption({"--top-k"}, s.topK)) return e;
    if (auto e = intOption({"--repeat-last-n"}, s.penaltyWindow)) return e;
    if (auto e = intOption({"-n", "--n-predict"}, out.maxTokens)) return e;
    if (auto v = args.value("--seed")) {
        auto n = parseInt(*v);
        if (!n) return std::string("--seed needs a whole number");
        s.seed = static_cast<uint64_t>(*n);
    } else {
        s.seed = std::random_device{}();
    }
    return std::nullopt;
}

Result<Tokenizer> loadTokenizer(const GgufFile& file) {
    auto tokenizer = Tokenizer::fromGguf(file);
    if (tokenizer)
        for (const auto& w : tokenizer->warnings()) std::fprintf(stderr, "warning: %s\n", w.c_str());
    return tokenizer;
}

void reportOffload(const Model& model, const EngineOptions& options) {
    if (options.gpuLayers == 0) return;
    std::fprintf(stderr, "layers: %s\n", model.backendSummary().c_str());
    if (!model.gpuNote().empty()) std::fprintf(stderr, "note: %s\n", model.gpuNote().c_str());
}

}  // namespace qd::cli
