// quantdesk-cli import: a Hugging Face checkpoint folder (optionally with delta weights applied) or a
// llama2.c .bin -> GGUF, without Python.
#include <chrono>
#include <cstdio>
#include <string>

#include "args.h"
#include "commands.h"
#include "core/convert/import_model.h"
#include "core/gguf/model_summary.h"

namespace qd::cli {

int cmdImport(int argc, char** argv) {
    Args args(argc - 1, argv + 1, {"-o", "--type", "--tokenizer", "--delta"});
    if (!args.checkKnown({"--quiet"})) return fail(args.error());
    if (args.positional().size() != 1)
        return fail("import needs exactly one FOLDER (Hugging Face checkpoint) or llama2.c .bin file");
    auto out = args.value("-o");
    if (!out) return fail("import needs an output file: -o OUT.gguf");

    ImportOptions options;
    if (auto t = args.value("--type")) {
        auto type = importTypeFromName(*t);
        if (!type) return fail("unknown --type " + *t + " (choose F32, F16, BF16 or Q8_0)");
        options.type = *type;
    }
    if (auto tok = args.value("--tokenizer")) options.llama2cTokenizer = *tok;
    // import BASE_FOLDER --delta DELTA_FOLDER: target = base + delta, tensor by tensor.
    if (auto delta = args.value("--delta")) options.delta = *delta;

    const bool quiet = args.flag("--quiet");
    int lastPercent = -1;
    auto progress = [&](const Progress& p) {
        if (quiet || p.total == 0) return true;
        const int percent = static_cast<int>(p.done * 100 / p.total);
        if (percent != lastPercent) {
            lastPercent = percent;
            std::fprintf(stderr, "\r%3d%%  %-40s", percent, p.stage.c_str());
        }
        return true;
    };
    const auto start = std::chrono::steady_clock::now();
    auto result = importModel(args.positional()[0], *out, options, progress);
    if (!quiet) std::fprintf(stderr, "\n");
    if (!result) return fail(result.message());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote %s: %s, %llu tensors, %llu parameters, %s (%.1f s)\n", out->c_str(), result->architecture.c_str(),
                static_cast<unsigned long long>(result->tensorCount),
                static_cast<unsigned long long>(result->parameterCount), std::string(importTypeName(options.type)).c_str(),
                seconds);
    return 0;
}

}  // namespace qd::cli
