// libFuzzer target: a GGUF file loaded for inference, through the first forward steps on a tiny context.
// Any bytes go to GgufFile::parse; whatever parses is checked by planRun() and loaded by the engine,
// its tokenizer encodes a prompt, and the model evaluates it and one greedy decode step. Every refusal
// must say why; nothing may read or write outside a buffer (ASan) or hit undefined behaviour (UBSan).
#include <algorithm>
#include <cstdlib>
#include <vector>

#include "core/engine/model.h"
#include "core/engine/run_check.h"
#include "core/tokenizer/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto file = qd::GgufFile::parse(std::span<const uint8_t>(data, size));
    if (!file) return 0;
    (void)qd::summarizeModel(*file);
    qd::EngineOptions o;
    o.contextLength = 16;
    o.batchSize = 8;
    o.threads = 1;
    auto tok = qd::Tokenizer::fromGguf(*file);
    auto model = qd::Model::load(std::move(file.value()), o);
    if (!model) {
        if (model.message().empty()) std::abort();
        return 0;
    }
    std::vector<int32_t> ids;
    if (tok) ids = tok->encode("ROMEO: Hello <s> world", true, true);
    const int vocab = (*model)->config().vocabSize;
    if (ids.size() > 8) ids.resize(8);
    if (ids.empty()) ids.push_back(0);
    std::vector<float> logits;
    if (auto s = (*model)->eval(ids, 0, logits); !s) {
        if (s.message().empty()) std::abort();
        return 0;
    }
    if (logits.size() != static_cast<size_t>(vocab)) std::abort();
    const int32_t next = static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
    if (auto s = (*model)->eval(std::span(&next, 1), static_cast<int>(ids.size()), logits); !s && s.message().empty())
        std::abort();
    if (tok) (void)tok->decode(std::span(&next, 1));
    return 0;
}
