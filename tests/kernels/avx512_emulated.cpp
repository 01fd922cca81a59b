// The AVX-512 kernels compiled against SIMDe's portable emulation of the AVX-512 intrinsics, so
// their logic is tested on CPUs without AVX-512 (like CI's). Built only when the SIMDe headers are
// installed (Debian: libsimde-dev); test_kernels skips the check otherwise.
//
// The kernel source is included as it is, with its namespace renamed to qd::avx512emu: SIMDe's
// native aliases turn every _mm512_* call into portable code. A few intrinsics SIMDe 0.7 lacks are
// supplied below, element by element (masked loads read only the lanes the mask selects).
#include "avx512_emulated.h"

#if QD_HAVE_SIMDE

// The compiler's own header first: the kernel file includes it again, which must then be a no-op
// rather than a redefinition of the names SIMDe's aliases have taken over.
#include <immintrin.h>

#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/x86/avx512.h>
#include <simde/x86/f16c.h>

#include <cstdint>
#include <cstring>

namespace {

inline simde__m512 emuMaskzLoaduPs(simde__mmask16 m, const void* p) {
    float t[16] = {};
    for (int i = 0; i < 16; ++i) {
        if ((m >> i) & 1) std::memcpy(&t[i], static_cast<const char*>(p) + 4 * i, 4);
    }
    return simde_mm512_loadu_ps(t);
}
inline simde__m256i emuMaskzLoaduEpi16(simde__mmask16 m, const void* p) {
    uint16_t t[16] = {};
    for (int i = 0; i < 16; ++i) {
        if ((m >> i) & 1) std::memcpy(&t[i], static_cast<const char*>(p) + 2 * i, 2);
    }
    return simde_mm256_loadu_si256(t);
}
inline float emuCvtshSs(uint16_t h) { return simde_mm_cvtss_f32(simde_mm_cvtph_ps(simde_mm_cvtsi32_si128(h))); }
inline simde__m512 emuCvtphPs(simde__m256i h) {
    uint16_t t[16];
    float f[16];
    simde_mm256_storeu_si256(t, h);
    for (int i = 0; i < 16; ++i) f[i] = emuCvtshSs(t[i]);
    return simde_mm512_loadu_ps(f);
}
inline simde__m512i emuCvtepu16Epi32(simde__m256i v) {
    uint16_t t[16];
    int32_t r[16];
    simde_mm256_storeu_si256(t, v);
    for (int i = 0; i < 16; ++i) r[i] = t[i];
    return simde_mm512_loadu_si512(r);
}
inline simde__m512i emuCvtepi8Epi32(simde__m128i v) {
    int8_t t[16];
    int32_t r[16];
    simde_mm_storeu_si128(t, v);
    for (int i = 0; i < 16; ++i) r[i] = t[i];
    return simde_mm512_loadu_si512(r);
}
inline simde__m512 emuCvtepi32Ps(simde__m512i v) {
    int32_t t[16];
    float r[16];
    simde_mm512_storeu_si512(t, v);
    for (int i = 0; i < 16; ++i) r[i] = static_cast<float>(t[i]);
    return simde_mm512_loadu_ps(r);
}
inline float emuReduceAddPs(simde__m512 v) {
    float t[16];
    simde_mm512_storeu_ps(t, v);
    float s = 0.0f;
    for (float x : t) s += x;
    return s;
}

}  // namespace

#undef _mm512_maskz_loadu_ps
#define _mm512_maskz_loadu_ps emuMaskzLoaduPs
#undef _mm256_maskz_loadu_epi16
#define _mm256_maskz_loadu_epi16 emuMaskzLoaduEpi16
#undef _cvtsh_ss
#define _cvtsh_ss emuCvtshSs
#undef _mm512_cvtph_ps
#define _mm512_cvtph_ps emuCvtphPs
#undef _mm512_cvtepu16_epi32
#define _mm512_cvtepu16_epi32 emuCvtepu16Epi32
#undef _mm512_cvtepi8_epi32
#define _mm512_cvtepi8_epi32 emuCvtepi8Epi32
#undef _mm512_cvtepi32_ps
#define _mm512_cvtepi32_ps emuCvtepi32Ps
#undef _mm512_reduce_add_ps
#define _mm512_reduce_add_ps emuReduceAddPs

#define avx512 avx512emu
#include "core/quant/x86/avx512/dot_avx512.cpp"
#undef avx512

namespace qd::test {

std::vector<EmulatedKernel> emulatedAvx512Kernels() {
    return {
        {GgmlType::F32, avx512emu::dotF32},   {GgmlType::F16, avx512emu::dotF16},
        {GgmlType::BF16, avx512emu::dotBF16}, {GgmlType::Q8_0, avx512emu::dotQ8_0},
        {GgmlType::Q4_0, avx512emu::dotQ4_0}, {GgmlType::IQ4_NL, avx512emu::dotIQ4_NL},
        {GgmlType::Q4_K, avx512emu::dotQ4_K}, {GgmlType::Q6_K, avx512emu::dotQ6_K},
    };
}

}  // namespace qd::test

#else

namespace qd::test {
std::vector<EmulatedKernel> emulatedAvx512Kernels() { return {}; }
}  // namespace qd::test

#endif
