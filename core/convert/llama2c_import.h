// llama2.c checkpoint (.bin) + tokenizer.bin -> import plan for a GGUF "llama" model.
//
// The legacy llama2.c checkpoint (export version 0, what run.c reads) is little-endian:
//
//   Config: dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len   (7 x int32)
//           vocab_size < 0 means the classifier is stored separately (not shared with the embedding)
//   then float32 weights, each layer's matrices stored together (L = n_layers, D = dim, H = hidden_dim,
//   KV = n_kv_heads * D / n_heads, V = |vocab_size|); row-major, rows = output features:
//     token_embedding_table [V, D]           -> token_embd.weight
//     rms_att_weight        [L, D]           -> blk.N.attn_norm.weight
//     wq                    [L, D, D]        -> blk.N.attn_q.weight
//     wk, wv                [L, KV, D]       -> blk.N.attn_k.weight, blk.N.attn_v.weight
//     wo                    [L, D, D]        -> blk.N.attn_output.weight
//     rms_ffn_weight        [L, D]           -> blk.N.ffn_norm.weight
//     w1                    [L, H, D]        -> blk.N.ffn_gate.weight
//     w2                    [L, D, H]        -> blk.N.ffn_down.weight
//     w3                    [L, H, D]        -> blk.N.ffn_up.weight
//     rms_final_weight      [D]              -> output_norm.weight
//     freq_cis_real, freq_cis_imag  [seq_len * head_size / 2] each (unused, skipped)
//     wcls                  [V, D]           -> output.weight (only when vocab_size < 0)
//
// No row permutation: run.c rotates adjacent pairs (q[i], q[i+1]), which is GGUF's "llama" rope layout
// already. With a shared classifier no output.weight is written (llama.cpp then uses token_embd).
//
// tokenizer.bin: max_token_length (int32), then per token: score (float32), length (int32), bytes.
// Tokens become an SPM-style vocabulary ("llama" tokenizer) with those scores: id 0 <unk> (unknown),
// 1 <s> and 2 </s> (control), "<0xHH>" byte tokens, empty tokens control, the rest normal; spaces are
// written as SentencePiece's U+2581 as llama.cpp's llama2.c converter does.
#pragma once

#include <filesystem>

#include "core/common/result.h"
#include "core/convert/hf_import.h"

namespace qd {

// `tokenizer` empty: tokenizer.bin beside the checkpoint.
Result<LoadedImport> planLlama2cImport(const std::filesystem::path& checkpoint, const std::filesystem::path& tokenizer = {});

}  // namespace qd
