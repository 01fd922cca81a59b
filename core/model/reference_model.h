// The reference forward pass: plain scalar float code, written to be read, kept as the oracle that
// the fast engine is tested against. It dequantizes every weight to float once and runs one token at
// a time with a float KV cache and double accumulators: slow, and kept free of tricks on purpose.
#pragma once

#include <memory>
#include <vector>

#include "core/common/result.h"
#include "core/gguf/gguf_file.h"
#include "core/model/model_config.h"

namespace qd {

class ReferenceModel {
public:
    static Result<ReferenceModel> load(const GgufFile& file, int contextLength);
    ReferenceModel(ReferenceModel&&) noexcept;
    ReferenceModel& operator=(ReferenceModel&&) noexcept;
    ~ReferenceModel();

    const ModelConfig& config() const;

    // Runs `token` at position `pos` (positions must be fed in order from 0) and returns the logits
    // (vocabSize floats) for the next token.
    Result<std::vector<float>> forward(int token, int pos);

private:
    struct Impl;
    ReferenceModel();
    std::unique_ptr<Impl> m;
};

}  // namespace qd
