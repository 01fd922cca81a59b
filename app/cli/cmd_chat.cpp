// quantdesk-cli chat: an interactive conversation, streamed. Ctrl-C stops the answer being written;
// at the prompt, Ctrl-C or end of input leaves.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

#include "args.h"
#include "commands.h"
#include "model_options.h"
#include "core/engine/chat_session.h"

namespace qd::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int) { g_interrupted.store(true); }

void installInterruptHandler() {
#ifdef _WIN32
    std::signal(SIGINT, onInterrupt);
#else
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a Ctrl-C at the prompt ends the read
    sigaction(SIGINT, &sa, nullptr);
#endif
}

}  // namespace

int cmdChat(int argc, char** argv) {
    std::vector<std::string> valueOptions = modelValueOptions();
    for (auto& o : samplingValueOptions()) valueOptions.push_back(o);
    for (const char* o : {"--system", "--template"}) valueOptions.push_back(o);
    Args args(argc - 1, argv + 1, valueOptions);
    if (!args.checkKnown({"--gpu-allow-cpu"})) return fail(args.error());
    if (args.positional().size() != 1) return fail("chat needs exactly one MODEL (see quantdesk-cli chat --help)");

    EngineOptions engine;
    GenerationSettings gen;
    if (auto e = readEngineOptions(args, engine)) return fail(*e);
    if (auto e = readGenerationSettings(args, gen)) return fail(*e);

    auto model = Model::load(args.positional()[0], engine);
    if (!model) return fail(model.message());
    reportOffload(**model, engine);
    auto tokenizer = loadTokenizer((*model)->file());
    if (!tokenizer) return fail(tokenizer.message());
    std::string note;
    auto tpl = chatTemplateForModel((*model)->file(), args.value("--template").value_or(""), &note);
    if (!tpl) return fail(tpl.message());

    Generator generator(**model, *tokenizer);
    auto text = [&](int32_t id) { return id >= 0 ? std::string(tokenizer->tokenText(id)) : std::string(); };
    ChatSession session(generator, std::move(tpl.value()), text(tokenizer->bos()), text(tokenizer->eos()));
    if (auto s = args.value("--system")) session.setSystemPrompt(*s);

    std::fprintf(stderr, "Chatting with %s (context %d, %s; %s).\n", args.positional()[0].c_str(),
                 (*model)->contextLength(), (*model)->backendNames().c_str(), note.c_str());
    std::fprintf(stderr, "Type a message and press Enter. /clear starts over, /system TEXT sets the system prompt, /exit leaves.\n"
                         "Ctrl-C stops an answer.\n");
    installInterruptHandler();

    std::string line;
    while (true) {
        std::fprintf(stdout, "\n> ");
        std::fflush(stdout);
        g_interrupted.store(false);
        if (!std::getline(std::cin, line)) break;  // end of input, or Ctrl-C at the prompt
        if (line.empty()) continue;
        if (line == "/exit" || line == "/quit") break;
        if (line == "/clear") {
            session.clear();
            generator.reset();
            std::fprintf(stderr, "(conversation cleared)\n");
            continue;
        }
        if (line.rfind("/system", 0) == 0) {
            session.setSystemPrompt(line.size() > 8 ? line.substr(8) : std::string());
            std::fprintf(stderr, "(system prompt set)\n");
            continue;
        }
        auto stats = session.reply(
            line, gen,
            [](std::string_view piece) {
                std::fwrite(piece.data(), 1, piece.size(), stdout);
                std::fflush(stdout);
                return true;
            },
            [](const Progress&) { return !g_interrupted.load(); });
        std::fprintf(stdout, "\n");
        if (!stats) {
            std::fprintf(stderr, "error: %s\n", stats.message().c_str());
            continue;
        }
        std::fprintf(stderr, "[%d tokens, %.1f tokens/s%s%s]\n", stats->generatedTokens, stats->generationTokensPerSecond(),
                     stats->stopReason == StopReason::Cancelled ? ", stopped" : "",
                     session.droppedMessages() ? ", oldest turns dropped to fit the context" : "");
    }
    std::fprintf(stdout, "\n");
    return 0;
}

}  // namespace qd::cli
