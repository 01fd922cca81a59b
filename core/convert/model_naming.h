// general.name and general.size_label for imported models, following gguf-py's conventions so an
// imported file reads like one llama.cpp converted.
#pragma once

#include <cstdint>
#include <string>

namespace qd {

// "shakespeare-llama" -> "Shakespeare Llama": dashes become spaces and all-lowercase words are
// title-cased, except version-like words ("v1.0") and words starting with a digit ("7b"). Only
// ASCII letters change case.
std::string modelIdToTitle(const std::string& id);

// The parameter count with a K/M/B/T suffix and at least two significant digits before rounding
// ("3.7M", "1.1B", "135M"), as gguf-py's model_weight_count_rounded_notation writes it.
std::string ggufSizeLabel(uint64_t parameters);

}  // namespace qd
