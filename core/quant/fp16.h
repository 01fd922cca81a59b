// Conversions between float and the 16-bit float formats stored in model files.
#pragma once

#include <cstdint>

namespace qd {

// IEEE 754 binary16 <-> binary32; float-to-half rounds to nearest even, keeps subnormals, maps
// overflow to infinity and NaN to a quiet NaN (as F16C's vcvtps2ph and numpy do).
float halfToFloat(uint16_t h);
uint16_t floatToHalf(float f);

// bfloat16 (the upper 16 bits of a float) <-> float; float-to-bf16 rounds to nearest even and keeps
// NaNs quiet (as ggml's and gguf-py's converters do).
float bf16ToFloat(uint16_t b);
uint16_t floatToBf16(float f);

}  // namespace qd
