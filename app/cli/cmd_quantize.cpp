// quantdesk-cli quantize: a GGUF model into one of llama.cpp's mixes, as llama-quantize does.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "core/convert/import_model.h"
#include "core/gguf/model_summary.h"
#include "core/quant/quantizer.h"

namespace qd::cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;
void onInterrupt(int) { g_interrupted = 1; }

std::string mixNames() {
    std::string s;
    for (const auto& m : supportedMixes()) s += (s.empty() ? "" : ", ") + std::string(m.name);
    return s;
}

std::optional<GgmlType> parseType(const std::string& text, std::string& error, const char* option) {
    auto t = ggmlTypeFromName(text);
    if (!t) error = std::string(option) + ": unknown tensor type '" + text + "'";
    return t;
}

double mib(uint64_t bytes) { return double(bytes) / (1024.0 * 1024.0); }

// quantize IN --estimate [MIX...]: the exact size of each output, from the source's tensor list and the
// mix rules, writing nothing. A Hugging Face folder or a llama2.c checkpoint is sized as the F16 GGUF
// its import writes, then quantized (what the wizard does).
int estimate(const std::string& input, const std::vector<std::string>& mixes, const QuantizeOptions& base) {
    std::error_code ec;
    QuantizeSource source;
    std::string note;
    if (std::filesystem::is_directory(input, ec) || (std::filesystem::is_regular_file(input, ec) && !GgufFile::hasMagic(input))) {
        auto loaded = planImport(input);
        if (!loaded) return fail(loaded.message());
        auto described = describeImportOutput(*loaded, ImportType::F16);
        if (!described) return fail(described.message());
        source = std::move(*described);
        note = " (after importing to F16)";
    } else {
        auto file = GgufFile::open(input);
        if (!file) return fail(file.message());
        source = describeQuantizeSource(*file);
    }
    std::vector<MixInfo> chosen;
    for (const auto& name : mixes) {
        auto mix = mixByName(name);
        if (!mix) return fail("unknown mix '" + name + "'; QuantDesk writes " + mixNames());
        chosen.push_back(*mix);
    }
    if (chosen.empty())
        for (const auto& m : supportedMixes()) chosen.push_back(m);

    std::printf("%-8s %14s %11s %11s %9s%s\n", "mix", "bytes", "size", "bits/weight", "fallbacks", note.c_str());
    int failures = 0;
    for (const MixInfo& mix : chosen) {
        QuantizeOptions options = base;
        options.mix.mix = mix;
        auto e = estimateQuantize(source, options);
        if (!e) {
            std::printf("%-8s %s\n", std::string(mix.name).c_str(), e.message().c_str());
            ++failures;
            continue;
        }
        std::printf("%-8s %14llu %11s %11.3f %9d\n", std::string(mix.name).c_str(),
                    static_cast<unsigned long long>(e->fileBytes), formatBytes(e->fileBytes).c_str(), e->bitsPerWeight(),
                    e->plan.fallbackCount);
    }
    return failures == int(chosen.size()) ? 1 : 0;
}

}  // namespace

int cmdQuantize(int argc, char** argv) {
    Args args(argc, argv, {"--threads", "--output-type", "--embedding-type", "--tensor-type", "--imatrix"});
    if (!args.checkKnown({"--pure", "--allow-requantize", "--leave-output-tensor", "--quiet", "--estimate"}) || !args.error().empty())
        return fail(args.error());
    const auto& pos = args.positional();
    const bool estimating = args.flag("--estimate");
    if (estimating && pos.size() < 2) return fail("usage: quantdesk-cli quantize IN --estimate [TYPE...]");
    if (!estimating && pos.size() != 4)
        return fail("usage: quantdesk-cli quantize IN.gguf OUT.gguf TYPE [options]\n  TYPE is one of " + mixNames());

    QuantizeOptions options;
    options.mix.pure = args.flag("--pure");
    options.mix.quantizeOutput = !args.flag("--leave-output-tensor");
    options.allowRequantize = args.flag("--allow-requantize");
    std::string error;
    if (auto v = args.value("--output-type")) options.mix.outputType = parseType(*v, error, "--output-type");
    if (auto v = args.value("--embedding-type")) options.mix.embeddingType = parseType(*v, error, "--embedding-type");
    for (const auto& tt : args.values("--tensor-type")) {
        const auto eq = tt.rfind('=');
        if (eq == std::string::npos || eq == 0) {
            error = "--tensor-type needs PATTERN=TYPE, got '" + tt + "'";
            break;
        }
        if (auto t = parseType(tt.substr(eq + 1), error, "--tensor-type"))
            options.mix.tensorTypes.push_back({tt.substr(0, eq), *t});
    }
    if (!error.empty()) return fail(error);
    if (auto f = args.value("--imatrix")) {
        auto m = Imatrix::read(*f);
        if (!m) return fail(m.message());
        options.imatrix = std::make_shared<const Imatrix>(std::move(*m));
        options.imatrixFile = *f;
    }
    if (auto v = args.value("--threads")) {
        try {
            options.threads = std::stoi(*v);
        } catch (...) {
            return fail("--threads needs a number");
        }
        if (options.threads < 1 || options.threads > 1024) return fail("--threads must be between 1 and 1024");
    }
    const bool quiet = args.flag("--quiet");
    if (estimating) return estimate(pos[1], std::vector<std::string>(pos.begin() + 2, pos.end()), options);
    auto mix = mixByName(pos[3]);
    if (!mix) return fail("unknown mix '" + pos[3] + "'; QuantDesk writes " + mixNames());
    options.mix.mix = *mix;

    // Ctrl-C cancels cleanly: the job stops at the next batch and removes its temporary file.
    g_interrupted = 0;
    auto previous = std::signal(SIGINT, onInterrupt);
    const bool tty = isatty(fileno(stderr));
    int lastPercent = -1;
    auto progress = [&](const Progress& p) {
        if (g_interrupted) return false;
        if (!quiet && tty && p.total) {
            int percent = int(100.0 * double(p.done) / double(p.total));
            if (percent != lastPercent) {
                lastPercent = percent;
                std::fprintf(stderr, "\r%3d%%  %-48s", percent, p.stage.c_str());
                std::fflush(stderr);
            }
        }
        return true;
    };
    auto result = quantizeModel(pos[1], pos[2], options, progress);
    std::signal(SIGINT, previous);
    if (!quiet && tty) std::fprintf(stderr, "\r%-60s\r", "");
    if (!result) return fail(result.message());
    const QuantizeReport& r = result.value();

    if (!quiet) {
        size_t width = 4;
        for (const auto& t : r.tensors) width = std::max(width, t.name.size());
        const size_t n = r.tensors.size();
        for (size_t i = 0; i < n; ++i) {
            const auto& t = r.tensors[i];
            std::printf("[%4zu/%4zu] %-*s %-18s %6s -> %-6s %9.3f MiB -> %9.3f MiB%s\n", i + 1, n, int(width), t.name.c_str(),
                        t.shape.c_str(), std::string(ggmlTypeName(t.sourceType)).c_str(),
                        std::string(ggmlTypeName(t.targetType)).c_str(), mib(t.sourceBytes), mib(t.targetBytes),
                        t.fallback ? "  (fallback)" : "");
        }
    }
    for (const auto& w : r.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    const double mbps = r.seconds > 0 ? double(r.sourceTensorBytes) / 1e6 / r.seconds : 0.0;
    std::printf("mix:          %s (file type %u)%s\n", std::string(mix->name).c_str(), mix->fileTypeId,
                options.mix.pure ? ", pure" : "");
    std::printf("source:       %s (%s, tensors %.2f MiB)\n", pos[1].c_str(), formatBytes(r.sourceFileBytes).c_str(),
                mib(r.sourceTensorBytes));
    std::printf("output:       %s (%s, tensors %.2f MiB)\n", pos[2].c_str(), formatBytes(r.outputFileBytes).c_str(),
                mib(r.outputTensorBytes));
    std::printf("bits/weight:  %.3f\n", r.bitsPerWeight());
    std::printf("time:         %.2f s with %d thread%s, %.1f MB/s of source\n", r.seconds, r.threads,
                r.threads == 1 ? "" : "s", mbps);
    return 0;
}

}  // namespace qd::cli
