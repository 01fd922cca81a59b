// What the x86-64 CPU we run on can execute, detected once with CPUID and XGETBV.
//
// A feature counts only when both the CPU has it and the operating system saves the register state it
// needs (XGETBV's XCR0: YMM for AVX/AVX2/FMA/F16C, opmask + ZMM for AVX-512). The kernels are grouped in
// three instruction-set levels (scalar, AVX2, AVX-512); the dispatcher (core/quant/dot.h) runs the
// highest level the CPU supports unless the QUANTDESK_ISA environment variable asks for a lower one.
#pragma once

#include <string>
#include <string_view>

namespace qd {

struct CpuFeatures {
    bool sse2 = false;
    bool sse3 = false;
    bool ssse3 = false;
    bool sse41 = false;
    bool sse42 = false;
    bool avx = false;
    bool avx2 = false;
    bool fma = false;
    bool f16c = false;
    bool bmi2 = false;
    bool avx512f = false;
    bool avx512bw = false;
    bool avx512vl = false;
    bool avx512dq = false;
    bool avx512vnni = false;
    bool avx512bf16 = false;
    bool osYmm = false;  // XCR0 says the OS saves YMM state
    bool osZmm = false;  // ... and opmask / ZMM state
    std::string vendor;  // "GenuineIntel", "AuthenticAMD", ...
    std::string brand;   // "AMD EPYC ...", empty when the CPU does not report one
};

// Kernel levels, lowest first. The numbers order the levels; they are not stored anywhere.
enum class IsaLevel { Scalar = 0, Avx2 = 1, Avx512 = 2 };
constexpr int kIsaLevelCount = 3;

// Detected once on first use (thread-safe); on non-x86 builds every flag is false.
const CpuFeatures& cpuFeatures();

// The highest level these features can run. AVX2 needs AVX2 + FMA + F16C + BMI2 with YMM state;
// AVX-512 needs F + BW + VL + DQ + VNNI with ZMM state (the AVX-512 kernels use VNNI's vpdpbusd, so a
// Skylake-X without VNNI runs the AVX2 kernels).
IsaLevel maxIsaLevel(const CpuFeatures& features);

std::string_view isaLevelName(IsaLevel level);  // "scalar", "avx2", "avx512"
// Parses "scalar" / "avx2" / "avx512" (case-insensitive); false when unknown.
bool parseIsaLevel(std::string_view text, IsaLevel& level);

// The level the kernels run at: maxIsaLevel(), or the QUANTDESK_ISA override when it names a level the
// CPU supports. `note` explains an override, an unknown value, or a request above what the CPU can
// run (which never selects more than the CPU supports); empty when there was nothing to say.
struct IsaChoice {
    IsaLevel level = IsaLevel::Scalar;
    std::string note;
};
IsaChoice chooseIsaLevel(const CpuFeatures& features, const char* overrideValue);
// chooseIsaLevel(cpuFeatures(), getenv("QUANTDESK_ISA")), computed once.
const IsaChoice& selectedIsa();

// One line for logs and `--version` style output, e.g.
// "AMD EPYC 7B13: SSE4.2 AVX AVX2 FMA F16C BMI2; kernels: avx2".
std::string describeCpu(const CpuFeatures& features, IsaLevel chosen);

}  // namespace qd
