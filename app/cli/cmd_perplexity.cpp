// quantdesk-cli perplexity: perplexity of a model on a text, the way llama-perplexity measures it,
// and optionally KL divergence against a base model's stored log-probabilities.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "args.h"
#include "commands.h"
#include "model_options.h"
#include "core/common/json.h"
#include "core/eval/perplexity.h"

namespace qd::cli {

int cmdPerplexity(int argc, char** argv) {
    std::vector<std::string> valueOptions = modelValueOptions();
    for (const char* o : {"-f", "--file", "--chunks", "--save-base", "--kld-base"}) valueOptions.push_back(o);
    Args args(argc - 1, argv + 1, valueOptions);
    if (!args.checkKnown({"--json", "--gpu-allow-cpu"})) return fail(args.error());
    if (args.positional().size() != 1) return fail("perplexity needs exactly one MODEL (see quantdesk-cli perplexity --help)");
    std::optional<std::string> textPath = args.value("-f");
    if (auto f = args.value("--file")) textPath = f;
    if (!textPath) return fail("give the text with -f FILE");

    std::ifstream in(*textPath, std::ios::binary);
    if (!in) return fail("cannot read " + *textPath);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();

    EngineOptions engine;
    if (auto e = readEngineOptions(args, engine)) return fail(*e);
    PerplexitySettings settings;
    settings.context = engine.contextLength > 0 ? engine.contextLength : 512;
    engine.contextLength = settings.context;
    engine.batchSize = std::max(engine.batchSize, settings.context);
    if (auto c = args.value("--chunks")) {
        auto n = parseInt(*c);
        if (!n || *n < 1) return fail("--chunks needs a positive number");
        settings.maxChunks = static_cast<int>(*n);
    }
    if (auto p = args.value("--save-base")) settings.saveBaseLogProbs = *p;
    if (auto p = args.value("--kld-base")) settings.compareTo = *p;

    auto model = Model::load(args.positional()[0], engine);
    if (!model) return fail(model.message());
    reportOffload(**model, engine);
    auto tokenizer = loadTokenizer((*model)->file());
    if (!tokenizer) return fail(tokenizer.message());

    const bool json = args.flag("--json");
    if (!json) std::fprintf(stderr, "perplexity: context %d, %s, %d threads\n", settings.context,
                            (*model)->backendNames().c_str(), (*model)->threads());
    auto result = measurePerplexity(**model, *tokenizer, text, settings, [&](int done, int total, double ppl) {
        if (!json) {
            std::printf("[%d/%d] %.4f\n", done, total, ppl);
            std::fflush(stdout);
        }
        return true;
    });
    if (!result) return fail(result.message());
    const PerplexityResult& r = *result;
    if (json) {
        Json j = Json::object();
        j.set("model", args.positional()[0]);
        j.set("context", settings.context);
        j.set("chunks", r.chunks);
        j.set("scored", r.scored);
        j.set("ppl", r.ppl);
        j.set("ppl_error", r.pplError);
        j.set("tokens_per_second", r.tokensPerSecond);
        if (r.kl) {
            j.set("kld_mean", r.kl->kld.mean);
            j.set("kld_error", r.kl->kld.error);
            j.set("same_top_percent", r.kl->sameTopPercent.mean);
            j.set("base_ppl", r.kl->basePpl);
            j.set("ln_ppl_ratio", r.kl->logPplRatio);
        }
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    std::printf("\nFinal estimate: PPL = %.4f +/- %.5f  (%d chunks, %d tokens scored, %.1f tokens/s)\n", r.ppl, r.pplError,
                r.chunks, r.scored, r.tokensPerSecond);
    if (!settings.saveBaseLogProbs.empty()) std::printf("Base log-probabilities written to %s\n", settings.saveBaseLogProbs.string().c_str());
    if (r.kl) {
        const auto& k = *r.kl;
        std::printf("PPL(base)        = %.4f\n", k.basePpl);
        std::printf("ln(PPL/PPL base) = %.6f +/- %.6f\n", k.logPplRatio, k.logPplRatioError);
        std::printf("Mean KLD         = %.6f +/- %.6f\n", k.kld.mean, k.kld.error);
        std::printf("KLD median / 90%% / 99%% / 99.9%% / max = %.6f / %.6f / %.6f / %.6f / %.6f\n", k.kldMedian, k.kld90,
                    k.kld99, k.kld999, k.kldMax);
        std::printf("Same top token   = %.3f +/- %.3f %%\n", k.sameTopPercent.mean, k.sameTopPercent.error);
        std::printf("Mean delta p     = %.3f +/- %.3f %%, RMS %.3f %%\n", 100 * k.deltaP.mean, 100 * k.deltaP.error, 100 * k.rmsDeltaP);
    }
    return 0;
}

}  // namespace qd::cli
