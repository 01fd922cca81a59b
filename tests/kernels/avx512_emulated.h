// The AVX-512 dot kernels run through SIMDe's emulation (avx512_emulated.cpp); empty when SIMDe's
// headers were not found at configure time.
#pragma once

#include <vector>

#include "core/gguf/ggml_type.h"

namespace qd::test {

using EmulatedDotFn = float (*)(int64_t n, const void* weights, const void* activations);
struct EmulatedKernel {
    GgmlType type;
    EmulatedDotFn dot;
};

std::vector<EmulatedKernel> emulatedAvx512Kernels();

}  // namespace qd::test
