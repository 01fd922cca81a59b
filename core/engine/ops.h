// The per-element operations of the forward passes, shared by every family the CPU backend runs:
// norms, biases, activations, rotary embedding and ALiBi slopes. Each computes what ggml's CPU code
// computes, in the same order and precision (noted per function), because greedy continuations are
// compared with llama.cpp's token for token and a last-bit difference flips near-ties.
//
// The expensive products (matrix products, attention) are the backend's (cpu_backend.h).
#pragma once

#include <cstdint>
#include <vector>

#include "core/model/model_config.h"

namespace qd::ops {

// out = x / rms(x) * w for `rows` rows of n values; the squares summed in double (ggml_rms_norm).
void rmsNormRows(const float* x, const float* w, float eps, int n, int rows, float* out);

// out = (x - mean) / sqrt(var + eps) * w + b (b may be null), ggml_norm then ggml_mul then ggml_add:
// mean and variance summed in double, each step rounded to float.
void layerNormRows(const float* x, const float* w, const float* b, float eps, int n, int rows, float* out);

// x[r][i] += bias[i] for `rows` rows of n values.
void addBiasRows(float* x, const float* bias, int n, int rows);

// GELU (tanh form) through ggml's F16 table: the input rounded to half, the table value the half nearest
// to gelu(that half); inputs at or below -10 give 0, at or above 10 themselves (ggml_vec_gelu_f32).
void gelu(float* x, int64_t n);
// The table's formula for one float (exposed for tests).
float geluTanh(float x);

// SwiGLU on a fused projection: for each of `rows` rows of 2n values [g | u], out[i] = silu(g[i]) * u[i]
// (silu from the kernel table, then the product, as ggml's two ops).
void swigluFusedRows(const float* gu, int n, int rows, float* out);
// In place on separate gate and up rows: gate[i] = silu(gate[i]) * up[i].
void swigluRows(float* gate, const float* up, int n, int rows);

// Rotary embedding of one position for nHeads heads of config.headDim values, the first ropeDim of each
// rotated in the config's layout. Angles as ggml computes them (a running float product).
class Rope {
public:
    Rope() = default;
    Rope(const ModelConfig& c, std::vector<float> freqFactors);
    void apply(float* vec, int nHeads, int pos) const;

private:
    int m_headDim = 0, m_ropeDim = 0;
    RopeLayout m_layout = RopeLayout::Interleaved;
    float m_thetaScale = 1.0f, m_freqScale = 1.0f;
    std::vector<float> m_freqFactors;  // [ropeDim / 2] divisors of each pair's speed (Llama 3), or empty
};

// ALiBi's per-head slopes (ggml_soft_max_ext with max_bias): head h's score for a key d positions back
// gets slope[h] * -d.
std::vector<float> alibiSlopes(int nHead, float maxBias);

}  // namespace qd::ops
