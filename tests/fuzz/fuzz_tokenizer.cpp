// libFuzzer target: the tokenizer on hostile vocabularies. Any bytes go to GgufFile::parse; a file that
// parses becomes a Tokenizer (SentencePiece, byte-level BPE or WordPiece, with whatever merges, scores,
// token types and special ids it claims), which encodes a few texts (with and without special tokens),
// decodes them back, and decodes ids taken from the input, valid or not, one at a time and streamed.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/gguf/gguf_file.h"
#include "core/tokenizer/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto file = qd::GgufFile::parse(std::span<const uint8_t>(data, size));
    if (!file) return 0;
    auto tok = qd::Tokenizer::fromGguf(*file);
    if (!tok) {
        if (tok.message().empty()) std::abort();
        return 0;
    }
    const std::string tail(reinterpret_cast<const char*>(data) + (size > 48 ? size - 48 : 0), size > 48 ? 48 : size);
    const std::string texts[] = {"Hello world! 123 <s></s><|im_end|>\n\tÄ 日本語 🎉", " leading  spaces", tail};
    for (const std::string& t : texts) {
        for (bool special : {false, true}) {
            const std::vector<int32_t> ids = tok->encode(t, special, special);
            for (int32_t id : ids)
                if (id < 0 || static_cast<size_t>(id) >= tok->vocabSize()) std::abort();
            (void)tok->decode(ids);
        }
    }
    std::vector<int32_t> raw;
    for (size_t i = 0; i + 4 <= std::min<size_t>(size, 256); i += 4) {
        int32_t v;
        std::memcpy(&v, data + i, 4);
        raw.push_back(v % static_cast<int32_t>(tok->vocabSize() + 8));  // some past the end, some negative
    }
    (void)tok->decode(raw);
    for (int32_t id : raw) (void)tok->tokenToPiece(id, true);
    return 0;
}
