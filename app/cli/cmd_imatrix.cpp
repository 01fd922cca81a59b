// quantdesk-cli imatrix: an importance matrix of a model on a calibration text, written in llama.cpp's
// imatrix format (llama-quantize --imatrix reads it); Ctrl-C keeps the chunks done as a partial file that
// --resume goes on from; --show prints what an imatrix file holds.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <optional>

#include "args.h"
#include "commands.h"
#include "model_options.h"
#include "core/convert/json_file.h"
#include "core/eval/imatrix.h"

namespace qd::cli {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void onImatrixInterrupt(int) { g_stop.store(true); }

int show(const std::string& path) {
    auto m = Imatrix::read(path);
    if (!m) return fail(m.message());
    std::printf("%zu entries", m->entries.size());
    if (m->hasTrailer) std::printf(", computed on %d chunks of %s", m->lastChunk, m->dataset.c_str());
    std::printf("\n");
    for (const ImatrixEntry& e : m->entries) {
        double mean = 0;
        for (float v : m->importance(e.name)) mean += v;  // the weights llama-quantize uses
        std::printf("%-32s %6zu values  %5d calls  mean %.6g\n", e.name.c_str(), e.values.size(), e.ncall,
                    mean / static_cast<double>(e.values.size()));
    }
    return 0;
}

}  // namespace

int cmdImatrix(int argc, char** argv) {
    Args args(argc - 1, argv + 1,
              {"-f", "--file", "-o", "--output", "-c", "--ctx-size", "--chunks", "-t", "--threads", "--show", "--resume"});
    if (!args.checkKnown({"--no-output-weight"})) return fail(args.error());
    if (auto s = args.value("--show")) return show(*s);
    if (args.positional().size() != 1) return fail("imatrix needs exactly one MODEL (see quantdesk-cli imatrix --help)");
    std::optional<std::string> textPath = args.value("-f");
    if (auto f = args.value("--file")) textPath = f;
    if (!textPath) return fail("give the calibration text with -f FILE");
    std::optional<std::string> out = args.value("-o");
    if (auto o = args.value("--output")) out = o;
    if (!out) return fail("give the output file with -o FILE");
    auto text = readTextFile(*textPath);
    if (!text) return fail(text.message());

    ImatrixSettings s;
    EngineOptions engine;
    if (auto e = readEngineOptions(args, engine)) return fail(*e);
    s.context = engine.contextLength > 0 ? engine.contextLength : 512;
    s.threads = engine.threads;
    if (auto c = args.value("--chunks")) {
        auto n = parseInt(*c);
        if (!n || *n < 1) return fail("--chunks needs a positive number");
        s.maxChunks = static_cast<int>(*n);
    }
    s.includeOutput = !args.flag("--no-output-weight");
    s.datasetName = *textPath;
    std::optional<Imatrix> resume;
    if (auto r = args.value("--resume")) {
        auto m = Imatrix::read(*r);
        if (!m) return fail(m.message());
        resume = std::move(*m);
        s.resume = &*resume;
        std::fprintf(stderr, "imatrix: going on after chunk %d of %s\n", resume->lastChunk, r->c_str());
    }
    std::signal(SIGINT, onImatrixInterrupt);
    int lastPercent = -1;
    Imatrix partial;
    auto m = computeImatrix(
        args.positional()[0], *text, s, [&](const Progress& p) {
        const int percent = p.total ? static_cast<int>(100 * p.done / p.total) : 0;
        if (percent != lastPercent && percent % 10 == 0) {
            std::fprintf(stderr, "imatrix: %llu of %llu chunks\n", static_cast<unsigned long long>(p.done),
                         static_cast<unsigned long long>(p.total));
            lastPercent = percent;
        }
        return !g_stop.load();
    }, &partial);
    if (!m && m.cancelled()) {
        if (partial.lastChunk < 1) return fail("stopped before the first chunk was done; nothing was written");
        if (auto w = partial.write(*out); !w) return fail(w.message());
        std::fprintf(stderr, "stopped: the %d chunks done are in %s; go on with --resume %s\n", partial.lastChunk, out->c_str(), out->c_str());
        return 130;
    }
    if (!m) return fail(m.message());
    if (auto w = m->write(*out); !w) return fail(w.message());
    std::fprintf(stderr, "wrote %s: %zu matrices, %d chunks of %d tokens\n", out->c_str(), m->entries.size(), m->lastChunk, s.context);
    return 0;
}

}  // namespace qd::cli
