// llama.cpp's tokenizer test-vector files: X.gguf.inp holds the inputs separated by lines
// "__ggml_vocab_test__" (the newline before each separator belongs to the separator), X.gguf.out one
// line of token ids per input. Shared by the tokenizer and importer tests that read them.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace vocabvectors {

inline std::vector<std::string> splitInputs(const std::string& raw) {
    const std::string sep = "\n__ggml_vocab_test__\n";
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < raw.size()) {
        const size_t next = raw.find(sep, pos);
        if (next == std::string::npos) {
            out.push_back(raw.substr(pos));
            break;
        }
        out.push_back(raw.substr(pos, next - pos));
        pos = next + sep.size();
    }
    return out;
}

inline std::vector<std::vector<int32_t>> readExpected(const std::string& raw) {
    std::vector<std::vector<int32_t>> out;
    std::istringstream lines(raw);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream nums(line);
        std::vector<int32_t> ids;
        long v;
        while (nums >> v) ids.push_back(static_cast<int32_t>(v));
        out.push_back(std::move(ids));
    }
    return out;
}

inline std::string idsText(const std::vector<int32_t>& ids) {
    std::string s;
    for (int32_t id : ids) s += std::to_string(id) + " ";
    return s;
}

}  // namespace vocabvectors
