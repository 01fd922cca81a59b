// quantdesk-cli run: continue a prompt, streaming the text as it is generated.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "model_options.h"
#include "core/tokenizer/tokenizer.h"

namespace qd::cli {

int cmdRun(int argc, char** argv) {
    std::vector<std::string> valueOptions = modelValueOptions();
    for (auto& o : samplingValueOptions()) valueOptions.push_back(o);
    for (const char* o : {"-p", "--prompt", "-f", "--file"}) valueOptions.push_back(o);
    Args args(argc - 1, argv + 1, valueOptions);
    if (!args.checkKnown({"--no-bos", "--special", "--verbose", "--gpu-allow-cpu"})) return fail(args.error());
    if (args.positional().size() != 1) return fail("run needs exactly one MODEL (see quantdesk-cli run --help)");

    std::string prompt;
    if (auto p = args.value("-p")) prompt = *p;
    if (auto p = args.value("--prompt")) prompt = *p;
    if (prompt.empty()) return fail("give a prompt with -p TEXT");

    EngineOptions engine;
    GenerationSettings gen;
    gen.maxTokens = 128;
    if (auto e = readEngineOptions(args, engine)) return fail(*e);
    if (auto e = readGenerationSettings(args, gen)) return fail(*e);
    gen.renderSpecial = args.flag("--special");

    auto model = Model::load(args.positional()[0], engine);
    if (!model) return fail(model.message());
    reportOffload(**model, engine);
    auto tokenizer = loadTokenizer((*model)->file());
    if (!tokenizer) return fail(tokenizer.message());

    std::vector<int32_t> tokens = tokenizer->encode(prompt, !args.flag("--no-bos"), true);
    if (tokens.empty()) return fail("the prompt gives no tokens");
    std::printf("%s", prompt.c_str());
    std::fflush(stdout);

    Generator generator(**model, *tokenizer);
    auto stats = generator.generate(tokens, gen, [](std::string_view piece) {
        std::fwrite(piece.data(), 1, piece.size(), stdout);
        std::fflush(stdout);
        return true;
    });
    std::printf("\n");
    if (!stats) return fail(stats.message());
    std::fprintf(stderr, "\nprompt: %d tokens, %.1f tokens/s | generated: %d tokens, %.1f tokens/s | stop: %s\n",
                 stats->promptTokens, stats->promptTokensPerSecond(), stats->generatedTokens,
                 stats->generationTokensPerSecond(), stopReasonName(stats->stopReason));
    return 0;
}

}  // namespace qd::cli
