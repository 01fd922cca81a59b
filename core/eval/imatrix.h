// Computing an importance matrix as llama-imatrix does: the calibration text tokenized (with BOS), cut
// into chunks of `context` tokens each starting with BOS, each chunk one prompt batch from position 0 with
// every position's logits, and for every weight matrix the squares of its input columns summed over every
// token row. An entry stores mean x^2 per column times the chunks it saw (llama.cpp's file convention).
// Runs on the CPU backend (layers on a GPU would not be observed).
#pragma once

#include <filesystem>
#include <string>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/quant/imatrix_file.h"

namespace qd {

struct ImatrixSettings {
    int context = 512;   // tokens per chunk (llama-imatrix's -c)
    int maxChunks = 0;   // 0: every whole chunk of the text (--chunks)
    int threads = 0;
    bool includeOutput = true;  // output.weight too (llama-imatrix's --process-output)
    std::string datasetName;    // stored in the file (llama-imatrix stores the text's path as given)
    // A partial result of the same model, text and context to go on from: its chunks are skipped and its
    // sums carried on (the rest of the text is computed as an uninterrupted run would).
    const Imatrix* resume = nullptr;
};

// `progress`: done/total in chunks; false stops with cancelledError(), and then `partial` (when given)
// holds the chunks finished so far, a valid imatrix file to save and resume from. The result's entries are
// in the model file's tensor order.
Result<Imatrix> computeImatrix(const std::filesystem::path& model, const std::string& text, const ImatrixSettings& settings,
                               const ProgressFn& progress = {}, Imatrix* partial = nullptr);

}  // namespace qd
