// libFuzzer target: the Hugging Face importer. The input is a folder's files (config.json,
// model.safetensors or shards with their index, tokenizer.json / tokenizer.model, tokenizer_config.json,
// ...; see fuzz_support.h for the format), written to a scratch folder and imported to GGUF end to end:
// config checks, safetensors headers, tensor mapping and conversion, the vocabulary, the output file.
#include <cstdlib>

#include "core/convert/import_model.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto dir = qdfuzz::freshScratch("hf");
    const auto folder = dir / "model";
    std::filesystem::create_directories(folder);
    for (const auto& [name, body] : qdfuzz::splitParts(std::span(data, size)))
        if (!qdfuzz::writeBytes(folder / name, body)) return 0;
    auto r = qd::importModel(folder, dir / "out.gguf", {});
    if (!r) {
        if (r.message().empty()) std::abort();
        if (std::filesystem::exists(dir / "out.gguf")) std::abort();  // a refusal leaves no output
    }
    return 0;
}
