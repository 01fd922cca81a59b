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

// general.* naming fields read from a model id ("org/Name-7B-Instruct-v0.2"), following gguf-py's
// Metadata.get_model_id_components heuristics: dash-separated parts are sorted into basename, size label
// ("7B"; a size far from the real parameter count is taken as a finetune tag such as a context length),
// finetune ("Instruct", "Chat" and unrecognised words after the basename) and version ("v0.2"). When no
// size, finetune or version is found the basename is left out as too ambiguous (as gguf-py does).
struct ModelIdParts {
    std::string fullName;      // the part after "org/"
    std::string organization;  // empty when none
    std::string basename, finetune, version, sizeLabel;
};
ModelIdParts modelIdComponents(const std::string& id, uint64_t totalParams);

// The general.* naming metadata for a model: `nameOrPath` is config.json's _name_or_path (used when it
// looks like a hub id, at most one '/'), `folderName` the checkpoint folder's name; fields the first
// leaves empty are taken from the second, as gguf-py does. sizeLabel falls back to the parameter count.
struct GeneralNaming {
    std::string name, version, organization, finetune, basename, sizeLabel;
};
GeneralNaming generalNaming(const std::string& nameOrPath, const std::string& folderName, uint64_t totalParams);

// The parameter count with a K/M/B/T suffix and at least two significant digits before rounding
// ("3.7M", "1.1B", "135M"), as gguf-py's model_weight_count_rounded_notation writes it.
std::string ggufSizeLabel(uint64_t parameters);

}  // namespace qd
