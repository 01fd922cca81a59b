// libFuzzer target: the stored base log-probabilities of the KL divergence. Any bytes are written as a
// .qdlp file and opened; a file that opens has every count checked against its size, and every
// position it claims is read back (bounds-checked), as the evaluator reads them.
#include <cstdlib>
#include <vector>

#include "core/eval/log_prob_store.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto path = qdfuzz::freshScratch("logprobs") / "base.qdlp";
    if (!qdfuzz::writeBytes(path, std::string_view(reinterpret_cast<const char*>(data), size))) return 0;
    auto r = qd::LogProbReader::open(path);
    if (!r) {
        if (r.message().empty()) std::abort();
        return 0;
    }
    const qd::LogProbHeader& h = r->header();
    if (r->tokens().size() != static_cast<size_t>(h.chunks) * h.context) std::abort();
    std::vector<float> row(h.vocab);
    for (uint64_t i = 0; i < r->positions(); ++i)
        if (!r->logProbs(i, row.data())) std::abort();
    if (r->logProbs(r->positions(), row.data())) std::abort();  // one past the end is refused
    return 0;
}
