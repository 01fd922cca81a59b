// Reading SentencePiece's tokenizer.model without the sentencepiece library.
//
// tokenizer.model is a serialized protocol buffer (sentencepiece_model.proto's ModelProto). The few
// fields the importer needs are read with a small wire-format reader:
//
//   ModelProto      1: pieces (repeated SentencePiece)  2: trainer_spec  3: normalizer_spec
//   SentencePiece   1: piece (string)  2: score (float)  3: type (enum, default NORMAL)
//   TrainerSpec     3: model_type (UNIGRAM=1 default, BPE=2, WORD=3, CHAR=4)  4: vocab_size
//                   35: byte_fallback  40: unk_id (0)  41: bos_id (1)  42: eos_id (2)  43: pad_id (-1)
//   NormalizerSpec  1: name  3: add_dummy_prefix (true)  4: remove_extra_whitespaces (true)
//                   5: escape_whitespaces (true)
//
// Every other field is skipped by its wire type. Lengths are checked against the buffer, so a corrupt
// file gives an Error, never a read out of bounds.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace qd {

// SentencePiece piece types (sentencepiece_model.proto values).
enum class SpmPieceType : int32_t { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };

struct SpmPiece {
    std::string piece;
    float score = 0.0f;
    SpmPieceType type = SpmPieceType::Normal;
};

struct SpmModel {
    std::vector<SpmPiece> pieces;
    int32_t modelType = 1;  // 1 unigram, 2 BPE
    int32_t vocabSize = 0;
    bool byteFallback = false;
    int32_t unkId = 0;
    int32_t bosId = 1;
    int32_t eosId = 2;
    int32_t padId = -1;
    std::string normalizerName;
    bool addDummyPrefix = true;
    bool removeExtraWhitespaces = true;
    bool escapeWhitespaces = true;
};

Result<SpmModel> parseSentencePieceModel(std::span<const uint8_t> bytes);

}  // namespace qd
