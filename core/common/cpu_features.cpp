#include "core/common/cpu_features.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define QD_X86 1
#endif

namespace qd {

namespace {

#if QD_X86
struct CpuidRegs {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
};

CpuidRegs cpuid(unsigned leaf, unsigned subleaf) {
    CpuidRegs r;
    __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
    return r;
}

// XCR0 via XGETBV; only valid when CPUID says OSXSAVE. Written as asm so this file needs no -mxsave.
unsigned long long readXcr0() {
    unsigned eax = 0, edx = 0;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return (static_cast<unsigned long long>(edx) << 32) | eax;
}

bool bit(unsigned value, int index) { return (value >> index) & 1u; }

CpuFeatures detect() {
    CpuFeatures f;
    const unsigned maxLeaf = __get_cpuid_max(0, nullptr);
    if (maxLeaf == 0) return f;

    const CpuidRegs v = cpuid(0, 0);
    char vendor[13] = {};
    std::memcpy(vendor + 0, &v.ebx, 4);
    std::memcpy(vendor + 4, &v.edx, 4);
    std::memcpy(vendor + 8, &v.ecx, 4);
    f.vendor = vendor;

    const CpuidRegs l1 = cpuid(1, 0);
    f.sse2 = bit(l1.edx, 26);
    f.sse3 = bit(l1.ecx, 0);
    f.ssse3 = bit(l1.ecx, 9);
    const bool fmaCpu = bit(l1.ecx, 12);
    f.sse41 = bit(l1.ecx, 19);
    f.sse42 = bit(l1.ecx, 20);
    const bool osxsave = bit(l1.ecx, 27);
    const bool avxCpu = bit(l1.ecx, 28);
    const bool f16cCpu = bit(l1.ecx, 29);

    // XCR0 bits 1-2: SSE and upper-YMM state; bits 5-7: opmask, upper-ZMM and ZMM16-31 state.
    if (osxsave) {
        const unsigned long long xcr0 = readXcr0();
        f.osYmm = (xcr0 & 0x6) == 0x6;
        f.osZmm = f.osYmm && (xcr0 & 0xE0) == 0xE0;
    }

    f.avx = avxCpu && f.osYmm;
    f.fma = fmaCpu && f.osYmm;
    f.f16c = f16cCpu && f.osYmm;

    if (maxLeaf >= 7) {
        const CpuidRegs l7 = cpuid(7, 0);
        f.avx2 = bit(l7.ebx, 5) && f.osYmm;
        f.bmi2 = bit(l7.ebx, 8);
        f.avx512f = bit(l7.ebx, 16) && f.osZmm;
        f.avx512dq = bit(l7.ebx, 17) && f.osZmm;
        f.avx512bw = bit(l7.ebx, 30) && f.osZmm;
        f.avx512vl = bit(l7.ebx, 31) && f.osZmm;
        f.avx512vnni = bit(l7.ecx, 11) && f.osZmm;
        if (l7.eax >= 1) {
            const CpuidRegs l71 = cpuid(7, 1);
            f.avx512bf16 = bit(l71.eax, 5) && f.osZmm;
        }
    }

    if (static_cast<unsigned>(__get_cpuid_max(0x80000000u, nullptr)) >= 0x80000004u) {
        char brand[49] = {};
        for (unsigned i = 0; i < 3; ++i) {
            const CpuidRegs b = cpuid(0x80000002u + i, 0);
            std::memcpy(brand + 16 * i + 0, &b.eax, 4);
            std::memcpy(brand + 16 * i + 4, &b.ebx, 4);
            std::memcpy(brand + 16 * i + 8, &b.ecx, 4);
            std::memcpy(brand + 16 * i + 12, &b.edx, 4);
        }
        std::string s = brand;
        // Brand strings are padded with spaces on either side.
        const size_t first = s.find_first_not_of(' ');
        const size_t last = s.find_last_not_of(' ');
        f.brand = first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
    }
    return f;
}
#else
CpuFeatures detect() { return {}; }
#endif

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

}  // namespace

const CpuFeatures& cpuFeatures() {
    static const CpuFeatures features = detect();
    return features;
}

IsaLevel maxIsaLevel(const CpuFeatures& f) {
    const bool avx2 = f.avx2 && f.fma && f.f16c && f.bmi2 && f.osYmm;
    if (avx2 && f.avx512f && f.avx512bw && f.avx512vl && f.avx512dq && f.avx512vnni && f.osZmm)
        return IsaLevel::Avx512;
    return avx2 ? IsaLevel::Avx2 : IsaLevel::Scalar;
}

std::string_view isaLevelName(IsaLevel level) {
    switch (level) {
    case IsaLevel::Scalar: return "scalar";
    case IsaLevel::Avx2: return "avx2";
    case IsaLevel::Avx512: return "avx512";
    }
    return "?";
}

bool parseIsaLevel(std::string_view text, IsaLevel& level) {
    for (IsaLevel l : {IsaLevel::Scalar, IsaLevel::Avx2, IsaLevel::Avx512}) {
        if (equalsIgnoreCase(text, isaLevelName(l))) {
            level = l;
            return true;
        }
    }
    return false;
}

IsaChoice chooseIsaLevel(const CpuFeatures& features, const char* overrideValue) {
    IsaChoice choice;
    const IsaLevel best = maxIsaLevel(features);
    choice.level = best;
    if (overrideValue == nullptr || *overrideValue == '\0') return choice;

    IsaLevel requested = IsaLevel::Scalar;
    if (!parseIsaLevel(overrideValue, requested)) {
        choice.note = "QUANTDESK_ISA=" + std::string(overrideValue) +
                      " is not one of scalar, avx2, avx512; using " + std::string(isaLevelName(best));
        return choice;
    }
    if (static_cast<int>(requested) > static_cast<int>(best)) {
        choice.note = "QUANTDESK_ISA=" + std::string(isaLevelName(requested)) +
                      " asks for more than this CPU supports; using " + std::string(isaLevelName(best));
        return choice;
    }
    choice.level = requested;
    choice.note = "QUANTDESK_ISA=" + std::string(isaLevelName(requested)) + ": using " +
                  std::string(isaLevelName(requested)) + " kernels (CPU supports " +
                  std::string(isaLevelName(best)) + ")";
    return choice;
}

const IsaChoice& selectedIsa() {
    static const IsaChoice choice = chooseIsaLevel(cpuFeatures(), std::getenv("QUANTDESK_ISA"));
    return choice;
}

std::string describeCpu(const CpuFeatures& f, IsaLevel chosen) {
    std::string s = f.brand.empty() ? (f.vendor.empty() ? std::string("unknown CPU") : f.vendor) : f.brand;
    s += ":";
    const struct {
        bool on;
        const char* name;
    } flags[] = {
        {f.sse2, "SSE2"},         {f.sse3, "SSE3"},           {f.ssse3, "SSSE3"},
        {f.sse41, "SSE4.1"},      {f.sse42, "SSE4.2"},        {f.avx, "AVX"},
        {f.avx2, "AVX2"},         {f.fma, "FMA"},             {f.f16c, "F16C"},
        {f.bmi2, "BMI2"},         {f.avx512f, "AVX512F"},     {f.avx512bw, "AVX512BW"},
        {f.avx512vl, "AVX512VL"}, {f.avx512dq, "AVX512DQ"},   {f.avx512vnni, "AVX512_VNNI"},
        {f.avx512bf16, "AVX512_BF16"},
    };
    for (const auto& flag : flags) {
        if (flag.on) {
            s += ' ';
            s += flag.name;
        }
    }
    s += "; kernels: ";
    s += isaLevelName(chosen);
    return s;
}

}  // namespace qd
