// libFuzzer target: the llama2.c importer. The input holds two parts (fuzz_support.h), `model.bin` (the
// legacy Config header and float arrays) and `tokenizer.bin`, imported to GGUF end to end.
#include <cstdlib>

#include "core/convert/import_model.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto dir = qdfuzz::freshScratch("llama2c");
    const auto parts = qdfuzz::splitParts(std::span(data, size));
    for (const char* name : {"model.bin", "tokenizer.bin"}) {
        auto it = parts.find(name);
        if (it != parts.end() && !qdfuzz::writeBytes(dir / name, it->second)) return 0;
    }
    if (!std::filesystem::exists(dir / "model.bin")) return 0;
    auto r = qd::importModel(dir / "model.bin", dir / "out.gguf", {});
    if (!r) {
        if (r.message().empty()) std::abort();
        if (std::filesystem::exists(dir / "out.gguf")) std::abort();
    }
    return 0;
}
